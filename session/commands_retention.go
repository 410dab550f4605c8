package session

import (
	"context"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/exam"
)

// Retention returns the actor's centre's retention period: the one it
// set, or the rules' default, with no SetBy (docs/rules.md#retention).
func (s *Service) Retention(ctx context.Context, by Actor) (exam.Retention, error) {
	if err := checkActor(by); err != nil {
		return exam.Retention{}, err
	}
	return s.retention(ctx, by.Centre)
}

func (s *Service) retention(ctx context.Context, centre tpsession.CentreID) (exam.Retention, error) {
	r, err := s.st.Retentions.Retention(ctx, centre)
	if errors.Is(err, exam.ErrRetentionNotFound) {
		return exam.Retention{Centre: centre, Years: s.exam.Retention()}, nil
	}
	return r, err
}

// SetRetention sets the actor's centre's retention period, in years after
// the validation of a session's results.
func (s *Service) SetRetention(ctx context.Context, by Actor, years int) (exam.Retention, error) {
	if err := checkActor(by); err != nil {
		return exam.Retention{}, err
	}
	var r exam.Retention
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		var err error
		if r, err = exam.NewRetention(by.Centre, years, by.Name, o.now); err != nil {
			return err
		}
		_, err = s.st.Retentions.Retention(ctx, by.Centre)
		if errors.Is(err, exam.ErrRetentionNotFound) {
			return s.st.Retentions.CreateRetention(ctx, r)
		}
		if err != nil {
			return err
		}
		return s.st.Retentions.UpdateRetention(ctx, by.Centre, func(cur *exam.Retention) error { *cur = r; return nil })
	})
	if err != nil {
		return exam.Retention{}, err
	}
	return r, nil
}

// Pseudonymisation is what a pseudonymisation of a session's records
// changes, or would change on a dry run (docs/rules.md#retention).
type Pseudonymisation struct {
	// RetainedUntil is the last day the personal data are kept: the
	// pseudonymisation may run from the day after.
	RetainedUntil date.Date
	Years         int
	DryRun        bool
	// Changes lists every change, by a dotted path naming the record:
	// candidates[ID].field, registrations[ID].field, jury.conflicts[i].note,
	// exam.…, events[ID].detail.
	Changes []exam.Change
	// Kept lists the candidates whose own record stays as it is, because
	// another session of theirs keeps them; their names are still replaced
	// in this session's records.
	Kept []KeptCandidate
}

// KeptCandidate is a candidate whose record a pseudonymisation keeps, and
// why.
type KeptCandidate struct {
	Candidate tpsession.CandidateID
	Reason    string
}

// Pseudonymise replaces the personal data of the candidates of a validated
// session once its retention period has ended — the centre's, or the
// rules' default, counted from the validation (exam.ErrRetentionRunning
// before) — or, with dryRun, only lists what it would change, whenever the
// session is validated. It replaces the candidates' names by their
// pseudonyms in the session's free text (the exam record, the
// convocations' deliveries, the declared conflicts' notes, the event
// log's details) and pseudonymises each candidate's own record
// (candidate.Candidate.Pseudonymise) unless another of their sessions is
// not validated yet or still within its retention period. The event log
// records it, with the number of changes and no name.
func (s *Service) Pseudonymise(ctx context.Context, by Actor, sid tpsession.SessionID, dryRun bool) (Pseudonymisation, error) {
	if err := checkActor(by); err != nil {
		return Pseudonymisation{}, err
	}
	var out Pseudonymisation
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		out = Pseudonymisation{DryRun: dryRun}
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		validated := ses.Milestones().ValidatedOn
		if validated == date.Zero {
			return exam.ErrRetentionRunning.Withf("session %s is %s: the retention period runs from the validation of its results", sid, ses.Status())
		}
		ret, err := s.retention(ctx, by.Centre)
		if err != nil {
			return err
		}
		out.Years, out.RetainedUntil = ret.Years, exam.RetainedUntil(validated, ret.Years)
		if !dryRun && o.today <= out.RetainedUntil {
			return exam.ErrRetentionRunning.Withf("the results of session %s were validated on %s: the centre keeps its candidates' personal data %d years, until %s; they may be pseudonymised from %s",
				sid, validated, ret.Years, out.RetainedUntil, out.RetainedUntil+1)
		}
		p := pseudonymiser{s: s, by: by, o: o, sid: sid, dry: dryRun, out: &out}
		for _, step := range []func(context.Context) error{p.candidates, p.registrations, p.conflicts, p.exam, p.events} {
			if err := step(ctx); err != nil {
				return err
			}
		}
		if dryRun {
			return nil
		}
		return s.record(ctx, by, sid, o, ActionSessionPseudonymised, "candidates' personal data pseudonymised, %d years after the validation of %s: %d change(s), %d candidate record(s) kept for another session",
			ret.Years, validated, len(out.Changes), len(out.Kept))
	})
	if err != nil {
		return Pseudonymisation{}, err
	}
	return out, nil
}

// pseudonymiser is one run of Pseudonymise: each step lists its changes
// and, unless it is a dry run, writes them.
type pseudonymiser struct {
	s   *Service
	by  Actor
	o   op
	sid tpsession.SessionID
	dry bool
	out *Pseudonymisation
	ps  exam.Pseudonyms
}

func (p *pseudonymiser) add(where string, cs []candidate.FieldChange) {
	for _, c := range cs {
		p.out.Changes = append(p.out.Changes, exam.Change{Where: where + "." + c.Field, Before: c.Before, After: c.After})
	}
}

// candidates pseudonymises the candidates' own records, and prepares the
// replacement of their names.
func (p *pseudonymiser) candidates(ctx context.Context) error {
	regs, err := p.s.st.Registrations.RegistrationsOfSession(ctx, p.by.Centre, p.sid)
	if err != nil {
		return err
	}
	var people []exam.Person
	seen := map[tpsession.CandidateID]bool{}
	for _, r := range regs {
		if seen[r.Candidate] {
			continue
		}
		seen[r.Candidate] = true
		c, err := p.s.st.Candidates.Candidate(ctx, p.by.Centre, r.Candidate)
		if err != nil {
			return err
		}
		if c.FirstName+" "+c.LastName != exam.Pseudonym(c.ID) {
			people = append(people, exam.Person{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName})
		}
		reason, err := p.s.keptBy(ctx, p.by, p.o, c.ID, p.sid)
		if err != nil {
			return err
		}
		if reason != "" {
			p.out.Kept = append(p.out.Kept, KeptCandidate{Candidate: c.ID, Reason: reason})
			continue
		}
		last := exam.Pseudonym(c.ID)[len(candidate.PseudonymFirstName)+1:]
		cc := c.Clone()
		p.add("candidates["+string(c.ID)+"]", cc.Pseudonymise(last))
		if p.dry {
			continue
		}
		err = p.s.st.Candidates.UpdateCandidate(ctx, p.by.Centre, c.ID, func(c *candidate.Candidate) error { c.Pseudonymise(last); return nil })
		if err != nil {
			return err
		}
	}
	p.ps = exam.NewPseudonyms(people)
	return nil
}

// keptBy says why candidate c's own record must stay as it is: another
// session of theirs, not cancelled, is not validated or still within its
// retention period; "" when nothing keeps it.
func (s *Service) keptBy(ctx context.Context, by Actor, o op, c tpsession.CandidateID, sid tpsession.SessionID) (string, error) {
	regs, err := s.st.Registrations.RegistrationsOfCandidate(ctx, by.Centre, c)
	if err != nil {
		return "", err
	}
	ret, err := s.retention(ctx, by.Centre)
	if err != nil {
		return "", err
	}
	for _, r := range regs {
		if r.Session == sid {
			continue
		}
		other, err := s.st.Sessions.Session(ctx, by.Centre, r.Session)
		if err != nil {
			return "", err
		}
		m := other.Milestones()
		switch {
		case m.CancelledOn != date.Zero:
		case m.ValidatedOn == date.Zero:
			return fmt.Sprintf("registered to session %s (%s, %s), whose results are not validated", other.ID, other.Title, other.Status()), nil
		case o.today <= exam.RetainedUntil(m.ValidatedOn, ret.Years):
			return fmt.Sprintf("registered to session %s (%s), kept until %s", other.ID, other.Title, exam.RetainedUntil(m.ValidatedOn, ret.Years)), nil
		}
	}
	return "", nil
}

// registrations replaces the names in the convocations' deliveries.
func (p *pseudonymiser) registrations(ctx context.Context) error {
	regs, err := p.s.st.Registrations.RegistrationsOfSession(ctx, p.by.Centre, p.sid)
	if err != nil {
		return err
	}
	for _, r := range regs {
		if r.Convocation == nil || r.Convocation.Delivery == nil {
			continue
		}
		after, ok := p.ps.Replace(r.Convocation.Delivery.ReceivedBy)
		if !ok {
			continue
		}
		p.out.Changes = append(p.out.Changes, exam.Change{Where: "registrations[" + string(r.ID) + "].convocation.delivery.received_by", Before: r.Convocation.Delivery.ReceivedBy, After: after})
		if p.dry {
			continue
		}
		err := p.s.st.Registrations.UpdateRegistration(ctx, p.by.Centre, p.sid, r.Candidate, func(x *candidate.Registration) error {
			if x.ID == r.ID && x.Convocation != nil && x.Convocation.Delivery != nil {
				x.Convocation.Delivery.ReceivedBy = after
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// conflicts replaces the names in the declared conflicts' notes.
func (p *pseudonymiser) conflicts(ctx context.Context) error {
	sj, err := p.s.st.Juries.SessionJury(ctx, p.by.Centre, p.sid)
	if err != nil {
		return err
	}
	changed := false
	for i, c := range sj.Conflicts {
		if after, ok := p.ps.Replace(c.Note); ok {
			p.out.Changes = append(p.out.Changes, exam.Change{Where: fmt.Sprintf("jury.conflicts[%d].note", i), Before: c.Note, After: after})
			changed = true
		}
	}
	if !changed || p.dry {
		return nil
	}
	return p.s.st.Juries.UpdateSessionJury(ctx, p.by.Centre, p.sid, func(j *jury.SessionJury) error {
		for i := range j.Conflicts {
			j.Conflicts[i].Note, _ = p.ps.Replace(j.Conflicts[i].Note)
		}
		return nil
	})
}

// exam replaces the names in the exam record's free text and records
// when.
func (p *pseudonymiser) exam(ctx context.Context) error {
	rec, err := p.s.examRecord(ctx, p.by.Centre, p.sid)
	if err != nil {
		return err
	}
	preview := rec.Clone()
	p.out.Changes = append(p.out.Changes, preview.Pseudonymise(p.ps)...)
	if p.dry {
		return nil
	}
	if err := p.s.ensureExam(ctx, p.by.Centre, p.sid); err != nil {
		return err
	}
	return p.s.st.Exams.UpdateRecord(ctx, p.by.Centre, p.sid, func(rec *exam.Record) error {
		rec.Pseudonymise(p.ps)
		if rec.Pseudonymised == nil {
			rec.Pseudonymised = &exam.Fact{On: p.o.today, By: p.by.Name, At: p.o.now}
		}
		return nil
	})
}

// events replaces the names in the event log's details.
func (p *pseudonymiser) events(ctx context.Context) error {
	evs, err := p.s.st.Events.Events(ctx, p.by.Centre, p.sid)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if after, ok := p.ps.Replace(e.Detail); ok {
			p.out.Changes = append(p.out.Changes, exam.Change{Where: "events[" + string(e.ID) + "].detail", Before: e.Detail, After: after})
		}
	}
	if p.dry {
		return nil
	}
	return p.s.st.Events.RewriteDetails(ctx, p.by.Centre, p.sid, func(e Event) (string, bool) { return p.ps.Replace(e.Detail) })
}
