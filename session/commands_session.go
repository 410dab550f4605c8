package session

import (
	"context"
	"errors"
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
	"github.com/tpsession/tpsession/session/plan"
)

// CreateSession creates a session in preparation, with its empty jury
// record, its pli (not ordered yet) and its readiness checklist. The title
// name may be left out when the title register knows the title. The rules
// around the session apply: the title register's validity, délai de
// prolongation, CCPs and remote sessions (docs/rules.md#the-title-register),
// and an agrément covering the title, the site and every day, once the
// centre has recorded its agréments (docs/rules.md#centre-agrément).
func (s *Service) CreateSession(ctx context.Context, by Actor, d Details) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	if strings.TrimSpace(d.TitleName) == "" {
		if code, err := tpsession.ParseTitleCode(d.Title); err == nil {
			if t, err := s.titles.Title(code); err == nil {
				d.TitleName = t.Name
			}
		}
	}
	var ses Session
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		var err error
		ses, err = New(tpsession.NewSessionID(), by.Centre, d, o.now)
		if err := s.withLength(err, d.Start, d.End); err != nil {
			return err
		}
		p, err := pli.New(by.Centre, tpsession.NewPliID(), ses.ID)
		if err != nil {
			return err
		}
		cl, err := checklist.New(by.Centre, ses.ID)
		if err != nil {
			return err
		}
		if err := s.checkAround(ctx, by, ses, o.today); err != nil {
			return err
		}
		for _, create := range []func() error{
			func() error { return s.st.Sessions.CreateSession(ctx, ses) },
			func() error { return s.st.Juries.CreateSessionJury(ctx, jury.NewSessionJury(juryView(ses))) },
			func() error { return s.st.Plis.CreatePli(ctx, p) },
			func() error { return s.st.Checklists.CreateChecklist(ctx, cl) },
		} {
			if err := create(); err != nil {
				return err
			}
		}
		return s.record(ctx, by, ses.ID, o, ActionSessionCreated, "%s %s (%s) at %s, %s to %s, %d candidates planned",
			ses.Kind, ses.Title, ses.TitleName, ses.Site, ses.Start, ses.End, ses.PlannedCandidates)
	})
	if err != nil {
		return Session{}, err
	}
	return ses, nil
}

// Session returns a session of the actor's centre.
func (s *Service) Session(ctx context.Context, by Actor, sid tpsession.SessionID) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	return s.st.Sessions.Session(ctx, by.Centre, sid)
}

// Sessions returns the sessions of the actor's centre that match f, by
// start date.
func (s *Service) Sessions(ctx context.Context, by Actor, f Filter) ([]Session, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	return s.st.Sessions.Sessions(ctx, by.Centre, f)
}

// Declare records that the session was created in the Ministry's
// application (CERES) on the given day, today when on is zero.
func (s *Service) Declare(ctx context.Context, by Actor, sid tpsession.SessionID, on date.Date) (Session, error) {
	return s.updateSession(ctx, by, sid, func(ses *Session, o op) (string, string, error) {
		day := orToday(on, o.today)
		if err := s.checkFact("declared_on", day, *ses, o.today); err != nil {
			return "", "", err
		}
		return ActionSessionDeclared, "declared in CERES on " + day.String(), ses.Declare(day, o.today)
	})
}

// updateSession applies a change to the session and records it; fn
// returns the event's action and detail, and the change's error.
func (s *Service) updateSession(ctx context.Context, by Actor, sid tpsession.SessionID, fn func(*Session, op) (action, detail string, err error)) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	var out Session
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		var action, detail string
		err := s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(ses *Session) error {
			var err error
			action, detail, err = fn(ses, o)
			out = *ses
			return err
		})
		if err != nil {
			return err
		}
		return s.record(ctx, by, sid, o, action, "%s", detail)
	})
	if err != nil {
		return Session{}, err
	}
	return out, nil
}

// Cancel cancels a session that has not been opened.
func (s *Service) Cancel(ctx context.Context, by Actor, sid tpsession.SessionID) (Session, error) {
	return s.updateSession(ctx, by, sid, func(ses *Session, o op) (string, string, error) {
		return ActionSessionCancelled, "cancelled on " + o.today.String(), ses.Cancel(o.today)
	})
}

// ChangeSession changes a session's dates, planned number of candidates,
// site or use of computers. A change of dates is refused when it would
// break a rule already satisfied: a validated convocation falling under
// the lead time or outside the new dates, a registered candidate no longer
// eligible on the new start date (a VAE recevabilité expiring), an invited
// or accepted jury member whose habilitation does not cover the new dates.
func (s *Service) ChangeSession(ctx context.Context, by Actor, sid tpsession.SessionID, c Change) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	var out Session
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		moved := ses.Clone()
		start, end := ses.Start, ses.End
		if c.Start != nil {
			start = *c.Start
		}
		if c.End != nil {
			end = *c.End
		}
		if err := s.withLength(moved.Apply(c), start, end); err != nil {
			return err
		}
		if moved.Start != ses.Start || moved.End != ses.End {
			if err := s.checkDateChange(ctx, by, moved); err != nil {
				return err
			}
		}
		if moved.Start != ses.Start || moved.End != ses.End || moved.Site != ses.Site || moved.Modality != ses.Modality {
			if err := s.checkAround(ctx, by, moved, s.createdOn(ses)); err != nil {
				return err
			}
		}
		err = s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(cur *Session) error {
			if cur.Start != ses.Start || cur.End != ses.End {
				// Another change moved the session since the checks:
				// they would have to be made again.
				return ErrChangedMeanwhile.Withf("session %s moved to %s–%s meanwhile: check the change again", sid, cur.Start, cur.End)
			}
			if err := cur.Apply(c); err != nil {
				return err
			}
			out = *cur
			return nil
		})
		if err != nil {
			return err
		}
		change, changed := describeChange(ses, out)
		if !changed {
			return nil
		}
		if err := s.record(ctx, by, sid, o, ActionSessionChanged, "%s", change); err != nil {
			return err
		}
		return s.noteReady(ctx, by, o, sid)
	})
	if err != nil {
		return Session{}, err
	}
	return out, nil
}

// describeChange says what a change changed, and whether it changed
// anything.
func describeChange(before, after Session) (string, bool) {
	var parts []string
	if before.Start != after.Start || before.End != after.End {
		parts = append(parts, fmt.Sprintf("dates %s–%s → %s–%s", before.Start, before.End, after.Start, after.End))
	}
	if before.PlannedCandidates != after.PlannedCandidates {
		parts = append(parts, fmt.Sprintf("planned candidates %d → %d", before.PlannedCandidates, after.PlannedCandidates))
	}
	if before.Site != after.Site {
		parts = append(parts, fmt.Sprintf("site %q → %q", before.Site, after.Site))
	}
	if before.UsesComputers != after.UsesComputers {
		parts = append(parts, fmt.Sprintf("uses computers %t → %t", before.UsesComputers, after.UsesComputers))
	}
	if before.Modality.String() != after.Modality.String() {
		parts = append(parts, fmt.Sprintf("modality %s → %s", before.Modality, after.Modality))
	}
	return strings.Join(parts, "; "), len(parts) > 0
}

func (s *Service) checkDateChange(ctx context.Context, by Actor, moved Session) error {
	regs, err := s.activeRegistrations(ctx, by, moved.ID)
	if err != nil {
		return err
	}
	var problems []string
	if err := candidate.CheckSessionChange(regs, candidateView(moved), s.conv); err != nil {
		if !errors.Is(err, candidate.ErrSessionChangeBreaksConvocations) {
			return err
		}
		problems = append(problems, tpsession.MessageOf(err))
	}
	view, err := s.candidateView(ctx, by, moved)
	if err != nil {
		return err
	}
	for _, r := range regs {
		c, err := s.st.Candidates.Candidate(ctx, by.Centre, r.Candidate)
		if err != nil {
			return err
		}
		if err := candidate.CheckEligibility(c, view); err != nil {
			if tpsession.KindOf(err) != tpsession.Rule {
				return err
			}
			problems = append(problems, c.FirstName+" "+c.LastName+": "+tpsession.MessageOf(err))
		}
	}
	sj, err := s.st.Juries.SessionJury(ctx, by.Centre, moved.ID)
	if err != nil {
		return err
	}
	members, err := s.st.Members.Members(ctx, by.Centre)
	if err != nil {
		return err
	}
	for _, w := range sj.Review(juryView(moved), members) {
		if w.Code == jury.WarnHabilitationNotCovering {
			problems = append(problems, w.Message)
		}
	}
	if len(problems) > 0 {
		return ErrDateChangeBreaksRule.Withf("moving session %s to %s–%s would break rules already satisfied: %s",
			moved.ID, moved.Start, moved.End, strings.Join(problems, "; "))
	}
	return nil
}

// Events returns the session's event log, oldest first.
func (s *Service) Events(ctx context.Context, by Actor, sid tpsession.SessionID) ([]Event, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return nil, err
	}
	return s.st.Events.Events(ctx, by.Centre, sid)
}

// Timeline returns the session's deadlines with their status today.
func (s *Service) Timeline(ctx context.Context, by Actor, sid tpsession.SessionID) ([]Deadline, error) {
	ses, err := s.Session(ctx, by, sid)
	if err != nil {
		return nil, err
	}
	o := s.begin()
	progress, err := s.progress(ctx, by, ses, o.today)
	if err != nil {
		return nil, err
	}
	return Timeline(ses, progress, o.today, s.conv, s.jury), nil
}

func (s *Service) progress(ctx context.Context, by Actor, ses Session, today date.Date) (Progress, error) {
	var p Progress
	rec, planned, err := s.currentPlan(ctx, by, ses)
	if err != nil {
		return p, err
	}
	p.MembersNeeded = jury.MinMembersPerJury
	if planned {
		p.MembersNeeded = rec.Plan.Members
	}
	sj, err := s.st.Juries.SessionJury(ctx, by.Centre, ses.ID)
	if err != nil {
		return p, err
	}
	p.JuryStaffedOn = staffedOn(sj, p.MembersNeeded)
	pl, err := s.st.Plis.Pli(ctx, by.Centre, ses.ID)
	if err != nil {
		return p, err
	}
	p.PliOrderedOn, p.PliReceivedOn = pl.OrderedOn, pl.ReceivedOn
	regs, err := s.activeRegistrations(ctx, by, ses.ID)
	if err != nil {
		return p, err
	}
	p.ConvocationsValidatedOn = allValidatedOn(regs)
	if p.Programme, err = s.programmeStanding(ctx, by, ses.Start.Year()); err != nil {
		return p, err
	}
	switch ses.Status() {
	case StatusOpened, StatusClosed, StatusValidated:
		p.Ready = true
	case StatusCancelled:
	default:
		r, err := s.evaluate(ctx, by, ses, today)
		if err != nil {
			return p, err
		}
		p.Ready = r.Ready()
	}
	return p, nil
}

// staffedOn is the day the needed-th member accepted, zero while fewer have.
func staffedOn(sj jury.SessionJury, needed int) date.Date {
	var days []date.Date
	for _, inv := range sj.Invitations {
		if inv.Status() == jury.Accepted {
			days = append(days, inv.AnsweredOn)
		}
	}
	if needed < 1 || len(days) < needed {
		return date.Zero
	}
	slices.Sort(days)
	return days[needed-1]
}

// allValidatedOn is the day the last convocation was validated when every
// active registration's is, zero otherwise or when there is none.
func allValidatedOn(regs []candidate.Registration) date.Date {
	last := date.Zero
	for _, r := range regs {
		if r.Convocation == nil || !r.Convocation.Validated() {
			return date.Zero
		}
		last = max(last, r.Convocation.ValidatedOn)
	}
	return last
}

// PlanSession plans the session from in (docs/planning.md), filling the
// calendar's start and number of days from the session when left out, and
// the title from the session. The plan is kept, feasible or not: an
// infeasible answer tells the centre which limit binds.
//
// Hidden times are never silently absent: an input without them takes the
// title register's default profile, and the plan says so in a note; with
// no profile it is refused (ErrHiddenTimesMissing). The déroulé of a
// session titre must end with an épreuve marked as the entretien final
// (plan.ErrNoEntretienFinal, naming the épreuves).
func (s *Service) PlanSession(ctx context.Context, by Actor, sid tpsession.SessionID, in plan.Input) (plan.Record, error) {
	ses, err := s.writable(ctx, by, sid)
	if err != nil {
		return plan.Record{}, err
	}
	days := len(ses.Calendar().WorkingDays(ses.Start, ses.End))
	if err := checkPlanFits(ses, in, days); err != nil {
		return plan.Record{}, err
	}
	in, note, err := s.planHidden(ses, in)
	if err != nil {
		return plan.Record{}, err
	}
	in = in.WithSession(ses.Start, days)
	if in.Title.Code == "" {
		in.Title.Code = ses.Title
	}
	if in.Title.Name == "" {
		in.Title.Name = ses.TitleName
	}
	if in.Calendar.Region == "" {
		in.Calendar.Region = ses.Region
	}
	// Bad input first, then the rule.
	if err := in.Validate(); err != nil {
		return plan.Record{}, err
	}
	if ses.Kind == tpsession.KindTitre {
		if err := in.CheckTitre(); err != nil {
			return plan.Record{}, err
		}
	}
	// Planning takes a while: it runs before the transaction, which checks
	// again that the session has not moved meanwhile, and stops when ctx
	// ends. The record is dated when it is saved.
	rec, err := plan.NewRecord(ctx, by.Centre, sid, in, time.Time{})
	if err != nil {
		return plan.Record{}, err
	}
	if note != nil {
		rec.Plan.Notes = append([]plan.Note{*note}, rec.Plan.Notes...)
	}
	err = s.atomic(ctx, func(ctx context.Context, o op) error {
		rec.ComputedAt = o.now
		cur, err := s.writable(ctx, by, sid)
		if err != nil {
			return err
		}
		if cur.Start != ses.Start || cur.End != ses.End {
			return ErrChangedMeanwhile.Withf("session %s moved to %s–%s while it was planned: plan again", sid, cur.Start, cur.End)
		}
		if err := s.st.Plans.PutPlan(ctx, rec); err != nil {
			return err
		}
		if err := s.record(ctx, by, sid, o, ActionSessionPlanned, "%s", planSummary(rec)); err != nil {
			return err
		}
		return s.noteReady(ctx, by, o, sid)
	})
	if err != nil {
		return plan.Record{}, err
	}
	return rec, nil
}

// checkPlanFits refuses a planning input whose calendar leaves the
// session's dates: a plan of other days is not this session's plan. Left
// out, the start and the number of days are the session's.
func checkPlanFits(ses Session, in plan.Input, workingDays int) error {
	var fe tpsession.FieldErrors
	if c := in.Calendar; c.Start != date.Zero && c.Start != ses.Start {
		fe.Add("calendar.start", "the session starts on %s, not %s: leave it out, or change the session's dates first", ses.Start, c.Start)
	}
	if c := in.Calendar; c.MaxDays > workingDays {
		fe.Add("calendar.max_days", "the session has %d working days (%s to %s), not %d: leave it out, or change the session's dates first", workingDays, ses.Start, ses.End, c.MaxDays)
	}
	return fe.Err(plan.ErrInvalidInput)
}

func planSummary(rec plan.Record) string {
	p := rec.Plan
	if !p.Feasible {
		return fmt.Sprintf("%d candidates: no plan within the limits: %s", rec.Input.Candidates, p.Reason)
	}
	return fmt.Sprintf("%d candidates over %d days (%s to %s) with %d juries, %d members",
		rec.Input.Candidates, len(p.Days), p.Days[0], p.Days[len(p.Days)-1], p.Juries, p.Members)
}

// Plan returns the session's stored plan.
func (s *Service) Plan(ctx context.Context, by Actor, sid tpsession.SessionID) (plan.Record, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return plan.Record{}, err
	}
	return s.st.Plans.Plan(ctx, by.Centre, sid)
}

// currentPlan returns the session's plan and whether it is a feasible plan
// of the session's current dates: a plan made before the dates moved is
// not the session's plan any more.
func (s *Service) currentPlan(ctx context.Context, by Actor, ses Session) (plan.Record, bool, error) {
	rec, err := s.st.Plans.Plan(ctx, by.Centre, ses.ID)
	if errors.Is(err, plan.ErrPlanNotFound) {
		return plan.Record{}, false, nil
	}
	if err != nil {
		return plan.Record{}, false, err
	}
	p := rec.Plan
	fits := p.Feasible && len(p.Days) > 0 && p.Days[0] >= ses.Start && p.Days[len(p.Days)-1] <= ses.End
	return rec, fits, nil
}
