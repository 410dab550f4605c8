package candidate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// BrokenConvocation is a validated convocation that new session dates would
// break: validated fewer days ahead of the new first day than the policy
// asks, or giving an appointment that is no longer a day of the session.
type BrokenConvocation struct {
	Registration tpsession.RegistrationID
	Candidate    tpsession.CandidateID
	ValidatedOn  date.Date
	// Appointment is the first appointment outside the new days, or the
	// convocation's first when all are inside.
	Appointment Appointment
	// LastValidationDay is the last day a validation is accepted for the
	// session with its new dates.
	LastValidationDay date.Date
	// TooLate: ValidatedOn is after LastValidationDay.
	TooLate bool
	// OutsideSession: the appointment is not a day of the new session.
	OutsideSession bool
}

// String states the facts, e.g. "candidate can_…: validated on 2027-01-29,
// must be on or before 2027-01-15 for a session starting 2027-02-15".
func (b BrokenConvocation) String() string {
	var facts []string
	if b.TooLate {
		facts = append(facts, fmt.Sprintf("validated on %s, must be on or before %s", b.ValidatedOn, b.LastValidationDay))
	}
	if b.OutsideSession {
		facts = append(facts, fmt.Sprintf("convoked on %s at %s", b.Appointment.Day, b.Appointment.Time))
	}
	return fmt.Sprintf("candidate %s: %s", b.Candidate, strings.Join(facts, "; "))
}

// BrokenConvocations returns the validated convocations among regs that the
// session would break with the dates of moved (the session's facts with the
// proposed start and end), under policy p: those validated after the new
// last validation day, and those whose appointment falls outside the new
// days. Withdrawn registrations and drafts do not count: a draft is
// validated against the dates in force when it is validated. The result
// keeps the order of regs and is empty when the change breaks nothing.
func BrokenConvocations(regs []Registration, moved Session, p ConvocationPolicy) []BrokenConvocation {
	last := p.LastValidationDay(moved)
	var broken []BrokenConvocation
	for _, r := range regs {
		c := r.Convocation
		if r.Session != moved.ID || !r.Active() || c == nil || !c.Validated() {
			continue
		}
		b := BrokenConvocation{
			Registration:      r.ID,
			Candidate:         r.Candidate,
			ValidatedOn:       c.ValidatedOn,
			Appointment:       c.First(),
			LastValidationDay: last,
			TooLate:           c.ValidatedOn > last,
		}
		if i := slices.IndexFunc(c.Appointments, func(a Appointment) bool { return !moved.Days().Contains(a.Day) }); i >= 0 {
			b.Appointment, b.OutsideSession = c.Appointments[i], true
		}
		if b.TooLate || b.OutsideSession {
			broken = append(broken, b)
		}
	}
	return broken
}

// CheckSessionChange is what the session service calls before it changes
// a session's dates: nil when the validated convocations among regs still
// hold with the dates of moved, and otherwise an ErrSessionChangeBreaksConvocations
// naming each broken convocation with its facts (see BrokenConvocations).
func CheckSessionChange(regs []Registration, moved Session, p ConvocationPolicy) error {
	if err := moved.check(); err != nil {
		return err
	}
	broken := BrokenConvocations(regs, moved, p)
	if len(broken) == 0 {
		return nil
	}
	facts := make([]string, len(broken))
	for i, b := range broken {
		facts[i] = b.String()
	}
	return ErrSessionChangeBreaksConvocations.Withf("for a session from %s to %s (convocations validated %d days ahead), %d validated convocation(s) would no longer hold: %s",
		moved.Start, moved.End, p.LeadDays(moved.Kind), len(broken), strings.Join(facts, "; "))
}
