package session

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
)

// Checklist returns the session's readiness checklist.
func (s *Service) Checklist(ctx context.Context, by Actor, sid tpsession.SessionID) (checklist.Checklist, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return checklist.Checklist{}, err
	}
	return s.st.Checklists.Checklist(ctx, by.Centre, sid)
}

// updateChecklist applies fn to the checklist of a writable session and
// records the event fn describes.
func (s *Service) updateChecklist(ctx context.Context, by Actor, sid tpsession.SessionID, fn func(*checklist.Checklist, op) (action, detail string, err error)) error {
	if err := checkActor(by); err != nil {
		return err
	}
	return s.atomic(ctx, func(ctx context.Context, o op) error {
		if _, err := s.writable(ctx, by, sid); err != nil {
			return err
		}
		var action, detail string
		err := s.st.Checklists.UpdateChecklist(ctx, by.Centre, sid, func(c *checklist.Checklist) error {
			var err error
			action, detail, err = fn(c, o)
			return err
		})
		if err != nil {
			return err
		}
		if err := s.record(ctx, by, sid, o, action, "%s", detail); err != nil {
			return err
		}
		return s.noteReady(ctx, by, o, sid)
	})
}

// SetChecklistItem records the status of a checklist item, checked by the
// actor today.
func (s *Service) SetChecklistItem(ctx context.Context, by Actor, sid tpsession.SessionID, key checklist.ItemKey, u checklist.ItemUpdate) (checklist.Item, error) {
	var out checklist.Item
	err := s.updateChecklist(ctx, by, sid, func(c *checklist.Checklist, o op) (string, string, error) {
		var err error
		out, err = c.SetItem(key, u, by.Name, o.today)
		return ActionChecklistItem, fmt.Sprintf("%s: %s", key, u.Status), err
	})
	return out, err
}

// SetEquipment records how many units of a material are available and the
// days they are operational.
func (s *Service) SetEquipment(ctx context.Context, by Actor, sid tpsession.SessionID, name string, u checklist.EquipmentUpdate) (checklist.Equipment, error) {
	var out checklist.Equipment
	err := s.updateChecklist(ctx, by, sid, func(c *checklist.Checklist, o op) (string, string, error) {
		var err error
		out, err = c.SetEquipment(name, u, by.Name, o.today)
		return ActionChecklistEquipment, fmt.Sprintf("%s: %d available, operational %s to %s", out.Name, u.Available, u.OperationalFrom, u.OperationalUntil), err
	})
	return out, err
}

// Readiness evaluates whether the session is ready to open, from every
// part of its preparation. It only reads: the ready milestone is recorded by
// the command that makes the verdict "ready".
func (s *Service) Readiness(ctx context.Context, by Actor, sid tpsession.SessionID) (checklist.Readiness, error) {
	ses, err := s.Session(ctx, by, sid)
	if err != nil {
		return checklist.Readiness{}, err
	}
	return s.evaluate(ctx, by, ses, s.begin().today)
}

// Open opens the session, on its start date and when the readiness
// verdict is "ready" (otherwise the error is a *checklist.NotReadyError
// listing the blocking findings), and opens the pli with it in front of the
// witnesses: those given, or else the responsable de session and the jury
// members who accepted.
func (s *Service) Open(ctx context.Context, by Actor, sid tpsession.SessionID, witnesses []string) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	var out Session
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.writable(ctx, by, sid)
		if err != nil {
			return err
		}
		r, err := s.evaluate(ctx, by, ses, o.today)
		if err != nil {
			return err
		}
		witnesses := witnesses // the given ones on every run (Transactor)
		if len(witnesses) == 0 {
			if witnesses, err = s.defaultWitnesses(ctx, by, ses); err != nil {
				return err
			}
		}
		// The pli must open with the session: try it first on a copy, so
		// that a refusal leaves both as they were.
		p, err := s.st.Plis.Pli(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		if err := ses.Open(o.now, o.today, r.Err()); err != nil {
			return err
		}
		trial := p.Clone()
		if err := trial.Open(true, witnesses, o.now, by.Name); err != nil {
			return err
		}
		firstReady := ses.Milestones().ReadyOn == date.Zero
		err = s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(cur *Session) error {
			if err := cur.Open(o.now, o.today, r.Err()); err != nil {
				return err
			}
			out = *cur
			return nil
		})
		if err != nil {
			return err
		}
		if firstReady {
			if err := s.record(ctx, by, sid, o, ActionSessionReady, "every readiness check passes"); err != nil {
				return err
			}
		}
		if err := s.record(ctx, by, sid, o, ActionSessionOpened, "session opened"); err != nil {
			return err
		}
		_, err = s.updatePli(ctx, by, sid, true, nil, func(_ Session, p *pli.Pli, _ op, at time.Time) error {
			return p.Open(true, witnesses, at, by.Name)
		})
		return err
	})
	if err != nil {
		return Session{}, err
	}
	return out, nil
}

func (s *Service) defaultWitnesses(ctx context.Context, by Actor, ses Session) ([]string, error) {
	ws := []string{ses.Responsable.Name}
	sj, err := s.st.Juries.SessionJury(ctx, by.Centre, ses.ID)
	if err != nil {
		return nil, err
	}
	for _, id := range sj.AcceptedMembers() {
		m, err := s.st.Members.Member(ctx, by.Centre, id)
		if err != nil {
			return nil, err
		}
		ws = append(ws, m.Name)
	}
	return ws, nil
}

// evaluate gathers the facts of every part of the session's preparation and
// returns the checklist's verdict.
func (s *Service) evaluate(ctx context.Context, by Actor, ses Session, today date.Date) (checklist.Readiness, error) {
	f, err := s.facts(ctx, by, ses, today)
	if err != nil {
		return checklist.Readiness{}, err
	}
	return checklist.Evaluate(f), nil
}

func (s *Service) facts(ctx context.Context, by Actor, ses Session, today date.Date) (checklist.Facts, error) {
	f := checklist.Facts{
		Period: ses.Dates(), Calendar: ses.Calendar(), Kind: ses.Kind,
		Responsable: ses.Responsable.Name, UsesComputers: ses.UsesComputers,
	}
	cl, err := s.st.Checklists.Checklist(ctx, by.Centre, ses.ID)
	if err != nil {
		return f, err
	}
	f.Items, f.Equipment = cl.Items, cl.Equipment

	p, err := s.st.Plis.Pli(ctx, by.Centre, ses.ID)
	if err != nil {
		return f, err
	}
	for _, m := range p.Materials {
		f.Materials = append(f.Materials, checklist.Material{Name: m.Name, Quantity: m.Quantity})
	}
	st := p.Status()
	f.Pli = checklist.PliFacts{
		Received:         p.ReceivedOn != date.Zero,
		OrganisateurRead: len(p.Materials) > 0,
		Secured:          st == pli.StatusSecured || st == pli.StatusOpened,
	}

	rec, planned, err := s.currentPlan(ctx, by, ses)
	if err != nil {
		return f, err
	}
	f.PlanMade = planned
	if planned {
		f.PlanCandidates = rec.Input.Candidates
	}

	sj, err := s.st.Juries.SessionJury(ctx, by.Centre, ses.ID)
	if err != nil {
		return f, err
	}
	members, err := s.st.Members.Members(ctx, by.Centre)
	if err != nil {
		return f, err
	}
	f.Jury = juryFacts(ses, sj, members)
	if planned {
		f.Jury.Needed = rec.Plan.Members
	}
	regs, err := s.activeRegistrations(ctx, by, ses.ID)
	if err != nil {
		return f, err
	}
	v, err := s.planView(ctx, by, ses)
	if err != nil {
		return f, err
	}
	for _, r := range regs {
		c, err := s.st.Candidates.Candidate(ctx, by.Centre, r.Candidate)
		if err != nil {
			return f, err
		}
		rf := registrationFacts(r, c, sj, members, s.jury.Conflicts)
		if conv := r.Convocation; conv != nil && conv.Validated() {
			needed, _ := v.appointments(c.ID)
			for _, a := range conv.Unmet(needed) {
				rf.Unmet = append(rf.Unmet, fmt.Sprintf("%s at %s", a.Day, a.Time))
			}
		}
		f.Registrations = append(f.Registrations, rf)
	}
	f.Compliance, err = s.compliance(ctx, by, ses, today)
	return f, err
}

// juryFacts counts the accepted members who can sit and names those who can
// no longer: unavailable on a session day, or no longer habilitated over
// the session.
func juryFacts(ses Session, sj jury.SessionJury, members []jury.Member) checklist.JuryFacts {
	names := map[tpsession.MemberID]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	reasons := map[tpsession.MemberID][]string{}
	for _, w := range sj.Review(juryView(ses), members) {
		reasons[w.Member] = append(reasons[w.Member], w.Message)
	}
	f := checklist.JuryFacts{Assigned: sj.Assignment.Assigned()}
	for _, id := range sj.AcceptedMembers() {
		why, absent := reasons[id]
		if !absent {
			f.Accepted++
			continue
		}
		onPanel := slices.ContainsFunc(sj.Assignment.Panels, func(p jury.Panel) bool { return slices.Contains(p.Members, id) })
		f.Absent = append(f.Absent, checklist.AbsentMember{Name: names[id], Reason: strings.Join(why, "; "), OnPanel: onPanel})
	}
	return f
}

// registrationFacts describes a registration for the checklist: its
// convocation's state, its panel, and the members of that panel in
// conflict with the candidate (a candidate's host companies may have been
// corrected since the assignment).
func registrationFacts(r candidate.Registration, c candidate.Candidate, sj jury.SessionJury, members []jury.Member, rules jury.ConflictRules) checklist.Registration {
	out := checklist.Registration{
		Candidate:   c.ID,
		Name:        fullName(c),
		Convocation: checklist.ConvocationState(r.ConvocationState()),
		Correction:  r.Convocation != nil && r.Convocation.Correction(),
	}
	panel, ok := sj.Assignment.PanelOf(c.ID)
	out.InPanel = ok
	for _, m := range members {
		if ok && slices.Contains(panel.Members, m.ID) && len(jury.FindConflicts(m, JuryCandidate(c), sj.Conflicts, rules)) > 0 {
			out.ConflictingMembers = append(out.ConflictingMembers, m.Name)
		}
	}
	return out
}
