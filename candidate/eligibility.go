package candidate

import (
	"fmt"
	"strings"
	"time"

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

	// Revision is the revision of the title the session evaluates, when
	// the title register knows it; ValidUntil is that revision's last day
	// of validity, zero when unknown. A session starting after ValidUntil
	// falls in the title's délai de prolongation.
	Revision   string
	ValidUntil date.Date
	// CCPs are the CCPs a CCP session evaluates; empty when the session
	// does not say.
	CCPs []string
	// Modality is the session's: on site (the zero value) or remote.
	Modality tpsession.Modality
	// RequiredPPE is the protective equipment the épreuves require, which
	// a convocation must list before it is validated.
	RequiredPPE []RequiredPPE
	// Location is the time zone in which an instant (a registration's) is
	// read as a day; nil is UTC.
	Location *time.Location
}

// RequiredPPE is an item of personal protective equipment the candidate
// must bring, and where the requirement comes from ("épreuve « Mise en
// situation » (title register)", "DTE organisateur").
type RequiredPPE struct {
	Item   string
	Source string
}

// InProlongation reports whether the session starts in its title's délai
// de prolongation: after the end of validity of its revision.
func (s Session) InProlongation() bool { return s.ValidUntil != date.Zero && s.Start > s.ValidUntil }

// dayOf returns the day of the instant t in the session's time zone.
func (s Session) dayOf(t time.Time) date.Date {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	return date.NewAt(t.In(loc))
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

// ResitMonths is how long a training-route candidate who failed a session,
// or was absent, may sit again without a new training: one year
// (responsabledesession.fr, les types de sessions; arrêté du 22 décembre
// 2015, art. 10, as quoted; docs/rules.md#re-sit).
const ResitMonths = 12

// ResitUntil returns the last day a session may start for a candidate who
// failed, or was absent, on day on, without a new training: one year
// later, clamped to the end of a shorter month.
func ResitUntil(on date.Date) date.Date { return tpsession.AddMonths(on, ResitMonths) }

// trainingRoute reports whether r prepares the title through a training:
// a training course or an apprenticeship (which is one, décret
// n° 2016-954); VAE is not.
func trainingRoute(r Route) bool { return r == RouteFormation || r == RouteApprentissage }

// CheckEligibility reports whether c may sit session s, judged on the
// session's first day. It returns the first rule c breaks:
//
//   - a VAE candidate needs a notified recevabilité decision
//     (ErrRecevabiliteMissing), notified no later than the session's first
//     day (ErrRecevabiliteAfterStart) and still valid on it, one year from
//     its notification (ErrRecevabiliteExpired; arrêté du 22 décembre 2015);
//   - a CCS session needs the candidate to hold the title the CCS
//     specialises (ErrTitleNotHeld; arrêté du 22 décembre 2015, art. 1);
//   - a candidate of a training route (formation, apprentissage) whose last
//     session of the title, decided before s starts, was a failure or an
//     absence may sit again without a new training only until one year
//     after it (ResitUntil); later, a training ending after that session
//     is needed (ErrResitNeedsTraining, naming both days and the last
//     training);
//   - a session titre of the délai de prolongation is open only to
//     candidates who sat the title before its end of validity without
//     obtaining it, or whose training started, or whose VAE recevabilité was
//     notified, by that end (ErrNotEligibleInProlongation; arrêté du
//     22 décembre 2015, art. 3).
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
	if err := checkResit(c, s); err != nil {
		return err
	}
	if s.Kind == tpsession.KindTitre && s.InProlongation() && !c.mayUseProlongation(s) {
		return ErrNotEligibleInProlongation.Withf("the session of %s starting on %s falls in the délai de prolongation after the end of validity on %s, "+
			"open only to candidates who sat the title by then without obtaining it, or whose training started (or VAE recevabilité was notified) by then; %s",
			s.Title, s.Start, s.ValidUntil, c.standing(s.Title))
	}
	return nil
}

// checkResit applies the re-sit rule of a training route.
func checkResit(c Candidate, s Session) error {
	if !trainingRoute(c.Route) {
		return nil
	}
	last, ok := c.lastAttempt(s.Title, s.Start)
	if !ok || (last.Outcome != Failed && last.Outcome != Absent) {
		return nil
	}
	until := ResitUntil(last.On)
	if s.Start <= until || c.TrainedAfter(last.On) {
		return nil
	}
	training := "no training is recorded since"
	if ended := c.TrainingEndedOn(); ended != date.Zero {
		training = fmt.Sprintf("the last training recorded ended on %s", ended)
	}
	return ErrResitNeedsTraining.Withf("%s %s; the session starts on %s, more than one year later (a re-sit without new training was possible until %s), and %s: "+
		"a candidate of the %s route needs a new training to sit again", fullNameOf(c), last, s.Start, until, training, c.Route)
}

// mayUseProlongation reports whether c may sit a session titre of the délai
// de prolongation of s.
func (c Candidate) mayUseProlongation(s Session) bool {
	end := s.ValidUntil
	for _, a := range c.History {
		if a.Title == s.Title && a.On <= end && a.Outcome != Obtained {
			return true
		}
	}
	if c.Route == RouteVAE {
		return c.VAERecevabiliteOn != date.Zero && c.VAERecevabiliteOn <= end
	}
	return c.TrainingStartedBy(end)
}

// standing describes what c records that the délai de prolongation reads.
func (c Candidate) standing(title tpsession.TitleCode) string {
	var facts []string
	for _, a := range c.History {
		if a.Title == title {
			facts = append(facts, a.String())
		}
	}
	for _, t := range c.Trainings {
		facts = append(facts, fmt.Sprintf("a training from %s to %s", t.Period.From, t.Period.Until))
	}
	if c.VAERecevabiliteOn != date.Zero {
		facts = append(facts, "a VAE recevabilité notified on "+c.VAERecevabiliteOn.String())
	}
	if len(facts) == 0 {
		return "the candidate records no session of the title and no training"
	}
	return "the candidate records " + strings.Join(facts, "; ")
}

func fullNameOf(c Candidate) string {
	if name := strings.TrimSpace(c.FirstName + " " + c.LastName); name != "" {
		return name
	}
	return "candidate " + string(c.ID)
}
