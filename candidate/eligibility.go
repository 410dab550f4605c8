package candidate

import (
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Session is what this package needs to know of an exam session: the
// session package owns sessions and builds this value from one, so that
// candidate never imports it (docs/architecture.md#dependency-direction).
type Session struct {
	Centre tpsession.CentreID
	ID     tpsession.SessionID
	Kind   tpsession.SessionKind
	Title  tpsession.TitleCode
	// Start is the first day of the épreuves, from which every lead time
	// counts; End is the last. Both are included.
	Start, End date.Date
}

// Days returns the days of the session, first and last included.
func (s Session) Days() tpsession.DateRange { return tpsession.DateRange{From: s.Start, Until: s.End} }

// check refuses facts no stored session can have.
func (s Session) check() error {
	switch {
	case s.Centre == "" || s.ID == "":
		return ErrSessionFacts.Withf("the session facts lack the centre or the session ID")
	case s.Start == date.Zero || s.End < s.Start:
		return ErrSessionFacts.Withf("session %s runs from %s to %s: no valid period", s.ID, s.Start, s.End)
	}
	if _, err := tpsession.ParseSessionKind(string(s.Kind)); err != nil {
		return ErrSessionFacts.Withf("session %s has an unknown kind %q", s.ID, s.Kind).Wrap(err)
	}
	return nil
}

// RecevabiliteValidityMonths is how long a VAE recevabilité decision stays
// valid: one year from its notification to the candidate (arrêté du
// 22 décembre 2015, VAE article; docs/rules.md#vae-eligibility).
const RecevabiliteValidityMonths = 12

// RecevabiliteValidUntil returns the last day a recevabilité notified on
// notified is valid. A time limit of one year "from" a notification does
// not count the day of the notification and ends on the day bearing the
// same number one year later, or on the last day of the month when there is
// none (the reckoning of code de procédure civile, art. 641 and 642):
// notified on 2026-03-01, valid through 2027-03-01; notified on 2028-02-29,
// valid through 2029-02-28.
func RecevabiliteValidUntil(notified date.Date) date.Date {
	return tpsession.AddMonths(notified, RecevabiliteValidityMonths)
}

// CheckEligibility reports whether c may sit session s, judged on the
// session's first day. It returns the first rule c breaks:
//
//   - a VAE candidate needs a notified recevabilité decision
//     (ErrRecevabiliteMissing), notified no later than the session's first
//     day (ErrRecevabiliteAfterStart) and still valid on it, one year from
//     its notification (ErrRecevabiliteExpired; arrêté du 22 décembre 2015);
//   - a CCS session needs the candidate to hold the title the CCS
//     specialises (ErrTitleNotHeld; arrêté du 22 décembre 2015, art. 1).
//
// A candidate or session of another centre is ErrCandidateNotFound.
func CheckEligibility(c Candidate, s Session) error {
	if err := s.check(); err != nil {
		return err
	}
	if c.Centre != s.Centre {
		return ErrCandidateNotFound.Withf("candidate %s does not exist", c.ID)
	}
	if c.Route == RouteVAE {
		notified := c.VAERecevabiliteOn
		switch {
		case notified == date.Zero:
			return ErrRecevabiliteMissing.Withf("candidate %s follows the VAE route but no recevabilité notification date is recorded: record the day the decision was notified", c.ID)
		case notified > s.Start:
			return ErrRecevabiliteAfterStart.Withf("the recevabilité decision was notified on %s, after the session starting %s", notified, s.Start)
		}
		if until := RecevabiliteValidUntil(notified); s.Start > until {
			return ErrRecevabiliteExpired.Withf("the recevabilité decision notified on %s is valid until %s, before the session starting %s", notified, until, s.Start)
		}
	}
	if s.Kind == tpsession.KindCCS && !c.HoldsTitle(s.Title) {
		held := "none"
		if len(c.TitlesHeld) > 0 {
			codes := make([]string, len(c.TitlesHeld))
			for i, t := range c.TitlesHeld {
				codes[i] = t.String()
			}
			held = strings.Join(codes, ", ")
		}
		return ErrTitleNotHeld.Withf("a CCS session of %s needs the title %s; the candidate holds %s", s.Title, s.Title, held)
	}
	return nil
}
