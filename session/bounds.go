package session

import (
	"errors"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// DefaultMaxSessionDays is the longest a session may last, in calendar
// days from its first day to its last, both included, unless
// Config.MaxSessionDays says otherwise: six weeks. A session is the
// épreuves of one title at one site; with MaxPlannedCandidates candidates
// and one jury it still ends within a few weeks. A longer one is a slip
// (2029 typed for 2027), and every plan and document of a session grows
// with its days: the bound keeps the work of one request bounded
// (docs/rules.md#session-length).
const DefaultMaxSessionDays = 42

// FactWindowMonths is how far before its session a recorded fact may be
// dated: a declaration, an order, a receipt, a validation or a delivery
// belongs to a session's preparation, which starts at most this many
// months before the earlier of the session's creation and its first day.
// A fact dated before that is a slip (2002 typed for 2026).
const FactWindowMonths = 12

// factWindow returns the days a fact of the session may be dated: from
// FactWindowMonths before the earlier of its creation day and its start,
// until today.
func (s *Service) factWindow(ses Session, today date.Date) tpsession.DateRange {
	from := ses.Start
	if created := date.NewAt(ses.CreatedAt.In(s.loc)); !ses.CreatedAt.IsZero() && created < from {
		from = created
	}
	return tpsession.DateRange{From: tpsession.MonthsBefore(from, FactWindowMonths), Until: today}
}

// checkFact refuses the day of a fact of the session that is missing,
// after today, or before the session's fact window, naming the window.
func (s *Service) checkFact(field string, on date.Date, ses Session, today date.Date) error {
	var fe tpsession.FieldErrors
	s.factDate(&fe, field, on, ses, today, true)
	return fe.Err(tpsession.ErrInvalidInput)
}

// factDate records on fe a fact's day outside the session's fact window;
// the zero day is reported only when required.
func (s *Service) factDate(fe *tpsession.FieldErrors, field string, on date.Date, ses Session, today date.Date, required bool) {
	w := s.factWindow(ses, today)
	switch {
	case on == date.Zero || on > today:
		fe.PastDate(field, on, today, required)
	case on < w.From:
		fe.Add(field, "%s is outside the window of session %s's facts, %s to %s: a fact of its preparation is dated at most %d months before the session's creation or start",
			on, ses.ID, w.From, w.Until, FactWindowMonths)
	}
}

// withLength returns err, the outcome of checking a session's details,
// with a session from start to end longer than the service's maximum
// refused too, so that every problem of the input is reported at once.
func (s *Service) withLength(err error, start, end date.Date) error {
	var fe tpsession.FieldErrors
	if err != nil {
		if !errors.Is(err, ErrInvalidSession) {
			return err
		}
		fe.Merge("", err)
	}
	if start != date.Zero && end >= start {
		if days := int(end-start) + 1; days > s.maxDays {
			fe.Add("end_date", "the session would last %d days (%s to %s), more than the %d allowed: check the dates",
				days, start, end, s.maxDays)
		}
	}
	return fe.Err(ErrInvalidSession)
}
