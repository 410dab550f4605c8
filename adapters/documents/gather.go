package documents

import (
	"context"
	"errors"
	"slices"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// Gather reads a session's dossier through the service, as actor by sees
// it: the session, its active registrations in registration order and
// their candidates, the accepted jury members and those of the assignment,
// the assignment, the plan and the exam's record (each zero or nil when
// not made yet), and the instant of the last entry of its event log
// (Dossier.Changed), who is who in the plan (Dossier.PlanCandidates), and
// the service's log of the calendars' publications (Dossier.Calendars). It
// and the calendars it records publications for are the only functions of
// the package that reach the service; the caller then sets the letterhead
// (Centre), the signatory, the delivery method and the day, and every
// document is made from there.
//
// Errors are the service's: session.ErrSessionNotFound and the actor's
// errors above all.
func Gather(ctx context.Context, svc *session.Service, by session.Actor, sid tpsession.SessionID) (Dossier, error) {
	ses, err := svc.Session(ctx, by, sid)
	if err != nil {
		return Dossier{}, err
	}
	d := Dossier{Session: ses, Context: ctx}
	events, err := svc.Events(ctx, by, sid)
	if err != nil {
		return Dossier{}, err
	}
	for _, e := range events {
		if e.At.After(d.Changed) {
			d.Changed = e.At
		}
	}
	if d.Registrations, err = svc.Registrations(ctx, by, sid); err != nil {
		return Dossier{}, err
	}
	for _, r := range d.Registrations {
		c, err := svc.Candidate(ctx, by, r.Candidate)
		if err != nil {
			return Dossier{}, err
		}
		d.Candidates = append(d.Candidates, c)
	}
	sj, err := svc.SessionJury(ctx, by, sid)
	switch {
	case errors.Is(err, jury.ErrSessionJuryNotFound):
	case err != nil:
		return Dossier{}, err
	default:
		d.Assignment = sj.Assignment
		ids := sj.AcceptedMembers()
		for _, p := range sj.Assignment.Panels {
			ids = append(ids, p.Members...)
		}
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			m, err := svc.Member(ctx, by, id)
			if err != nil {
				return Dossier{}, err
			}
			d.Members = append(d.Members, m)
		}
	}
	rec, err := svc.Plan(ctx, by, sid)
	switch {
	case errors.Is(err, plan.ErrPlanNotFound):
	case err != nil:
		return Dossier{}, err
	default:
		d.Plan = &rec
	}
	if d.PlanCandidates, err = svc.PlanCandidates(ctx, by, sid); err != nil {
		return Dossier{}, err
	}
	d.Calendars = func(key string, events []session.EventDigest) ([]session.PublishedEvent, error) {
		return svc.PublishCalendar(ctx, by, sid, key, events)
	}
	st, err := svc.Exam(ctx, by, sid)
	if err != nil {
		return Dossier{}, err
	}
	d.Exam = &st
	return d, nil
}
