package jury

import (
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Session is what the jury rules need to know of an exam session. The
// session package owns sessions; it builds this value for each call.
type Session struct {
	ID     tpsession.SessionID
	Centre tpsession.CentreID
	Title  tpsession.TitleCode
	// Dates runs from the first to the last day of the épreuves, both
	// included.
	Dates tpsession.DateRange
}

// EmployerNoticeDays is how many calendar days before the session an
// employed member must ask their employer for leave to sit on a jury:
// at least 15, or the délai of the collective agreement (Code du travail
// L.3142-42 to 45; docs/rules.md#employer-notice). Inviting an employed member later is
// allowed but earns a Warning.
const EmployerNoticeDays = 15

// Policy holds the lead times and the readings a centre may adapt. The zero
// value is the default policy.
type Policy struct {
	// EmployerNoticeDays replaces the package's EmployerNoticeDays when a
	// collective agreement sets a longer délai; zero or less means the
	// default.
	EmployerNoticeDays int
	// Conflicts says how conflicts of interest are read from the facts
	// recorded (FindConflicts).
	Conflicts ConflictRules
}

// NoticeDays is the policy's employer notice, in calendar days: its own
// when set, EmployerNoticeDays otherwise.
func (p Policy) NoticeDays() int {
	if p.EmployerNoticeDays > 0 {
		return p.EmployerNoticeDays
	}
	return EmployerNoticeDays
}

// Warning codes: a warning tells the centre about a risk it may accept, it
// never refuses the action.
const (
	// WarnEmployerNotice: an employed member is invited fewer than
	// EmployerNoticeDays before the session.
	WarnEmployerNotice = "jury.employer_notice_short"
	// WarnMemberUnavailable: an invited or accepted member recorded being
	// unavailable on a day of the session after the invitation. Its code
	// differs from ErrMemberUnavailable's, which refuses the invitation.
	WarnMemberUnavailable = "jury.member_became_unavailable"
	// WarnHabilitationNotCovering: an invited or accepted member's
	// habilitations no longer cover every day of the session (its dates
	// moved, or a habilitation was corrected).
	WarnHabilitationNotCovering = "jury.habilitation_not_covering"
)

// Warning is advice about a situation the rules allow: a code among the
// Warn… constants, the member concerned and a message with the facts.
type Warning struct {
	Code    string
	Member  tpsession.MemberID
	Message string
}

func employerNoticeWarning(s Session, m Member, today date.Date, p Policy) []Warning {
	lead := int(s.Dates.From - today)
	if !m.Employed() || lead >= p.NoticeDays() {
		return nil
	}
	when := fmt.Sprintf("%s before the session starting %s", quantity(lead, "day", "days"), s.Dates.From)
	switch {
	case lead == 0:
		when = "the day the session starts"
	case lead < 0:
		when = fmt.Sprintf("day %d of the session, which started %s", 1-lead, s.Dates.From)
	}
	return []Warning{{
		Code:   WarnEmployerNotice,
		Member: m.ID,
		Message: fmt.Sprintf("%s is employed (SIRET %s) and invited on %s, %s: "+
			"the leave request to the employer must be made at least %d calendar days before the session, so the employer may refuse",
			m.Name, m.Employer.Format(), today, when, p.NoticeDays()),
	}}
}
