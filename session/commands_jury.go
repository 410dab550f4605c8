package session

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// CreateMember adds a jury member to the centre's directory.
func (s *Service) CreateMember(ctx context.Context, by Actor, in jury.MemberInput) (jury.Member, error) {
	if err := checkActor(by); err != nil {
		return jury.Member{}, err
	}
	m, err := jury.NewMember(by.Centre, tpsession.NewMemberID(), in)
	if err != nil {
		return jury.Member{}, err
	}
	if err := s.st.Members.CreateMember(ctx, m); err != nil {
		return jury.Member{}, err
	}
	return m, nil
}

// Member returns a member of the centre's directory.
func (s *Service) Member(ctx context.Context, by Actor, id tpsession.MemberID) (jury.Member, error) {
	if err := checkActor(by); err != nil {
		return jury.Member{}, err
	}
	return s.st.Members.Member(ctx, by.Centre, id)
}

// MemberByEmail returns the member of the centre's directory with this
// e-mail: how a user of the jury role is matched to their record.
func (s *Service) MemberByEmail(ctx context.Context, by Actor, email string) (jury.Member, error) {
	if err := checkActor(by); err != nil {
		return jury.Member{}, err
	}
	return s.st.Members.MemberByEmail(ctx, by.Centre, email)
}

// Members returns the centre's members; with a title, only those
// habilitated on it for every day of period.
func (s *Service) Members(ctx context.Context, by Actor, title tpsession.TitleCode, period tpsession.DateRange) ([]jury.Member, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	if title == "" {
		return s.st.Members.Members(ctx, by.Centre)
	}
	return s.st.Members.HabilitatedMembers(ctx, by.Centre, title, period)
}

// SetMemberAvailability records that a member is unavailable (or available
// again) over days.
func (s *Service) SetMemberAvailability(ctx context.Context, by Actor, id tpsession.MemberID, days tpsession.DateRange, available bool) (jury.Member, error) {
	if err := checkActor(by); err != nil {
		return jury.Member{}, err
	}
	if days.Until < days.From {
		return jury.Member{}, tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "until", Message: "is before from"}).Withf("until %s is before from %s", days.Until, days.From)
	}
	var out jury.Member
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		err := s.st.Members.UpdateMember(ctx, by.Centre, id, func(m *jury.Member) error {
			if available {
				m.MarkAvailable(days)
			} else {
				m.MarkUnavailable(days)
			}
			out = m.Clone()
			return nil
		})
		if err != nil {
			return err
		}
		return s.recordAvailability(ctx, by, o, out, days, available)
	})
	return out, err
}

// recordAvailability records a member's change of availability in the
// event log of every session in preparation that holds an active
// invitation of theirs and shares a day with days: the sessions it may
// affect.
func (s *Service) recordAvailability(ctx context.Context, by Actor, o op, m jury.Member, days tpsession.DateRange, available bool) error {
	juries, err := s.st.Juries.SessionJuriesOfMember(ctx, by.Centre, m.ID)
	if err != nil {
		return err
	}
	what := "unavailable"
	if available {
		what = "available again"
	}
	for _, j := range juries {
		if !slices.ContainsFunc(j.Invitations, func(i jury.Invitation) bool { return i.Member == m.ID && i.Active() }) {
			continue
		}
		ses, err := s.st.Sessions.Session(ctx, by.Centre, j.Session)
		if err != nil {
			return err
		}
		if ses.CheckWritable() != nil || !ses.Dates().Overlaps(days) {
			continue
		}
		if err := s.record(ctx, by, ses.ID, o, ActionJuryAvailability, "%s is %s from %s to %s", m.Name, what, days.From, days.Until); err != nil {
			return err
		}
	}
	return nil
}

// SessionJury returns the jury record of a session: its invitations,
// declared conflicts and assignment.
func (s *Service) SessionJury(ctx context.Context, by Actor, sid tpsession.SessionID) (jury.SessionJury, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return jury.SessionJury{}, err
	}
	return s.st.Juries.SessionJury(ctx, by.Centre, sid)
}

// updateJury applies fn to the session's jury record, the session being
// writable, and records the event fn describes.
func (s *Service) updateJury(ctx context.Context, by Actor, sid tpsession.SessionID, fn func(ses Session, j *jury.SessionJury, o op) (action, detail string, err error)) error {
	return s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.writable(ctx, by, sid)
		if err != nil {
			return err
		}
		var action, detail string
		err = s.st.Juries.UpdateSessionJury(ctx, by.Centre, sid, func(j *jury.SessionJury) error {
			var err error
			action, detail, err = fn(ses, j, o)
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

// Invite invites a member of the directory to the session's jury. The
// warnings say what the centre should know but may accept (an employed
// member invited fewer than 15 days ahead).
func (s *Service) Invite(ctx context.Context, by Actor, sid tpsession.SessionID, mid tpsession.MemberID) (jury.Invitation, []jury.Warning, error) {
	if err := checkActor(by); err != nil {
		return jury.Invitation{}, nil, err
	}
	m, err := s.st.Members.Member(ctx, by.Centre, mid)
	if err != nil {
		return jury.Invitation{}, nil, err
	}
	var (
		inv      jury.Invitation
		warnings []jury.Warning
	)
	err = s.updateJury(ctx, by, sid, func(ses Session, j *jury.SessionJury, o op) (string, string, error) {
		var err error
		inv, warnings, err = j.Invite(juryView(ses), m, o.today, s.jury)
		detail := m.Name + " invited"
		for _, w := range warnings {
			detail += "; warning: " + w.Message
		}
		return ActionJuryInvited, detail, err
	})
	return inv, warnings, err
}

// AnswerInvitation records a member's answer: accepted or declined.
func (s *Service) AnswerInvitation(ctx context.Context, by Actor, sid tpsession.SessionID, mid tpsession.MemberID, accept bool) (jury.Invitation, error) {
	var inv jury.Invitation
	err := s.updateJury(ctx, by, sid, func(_ Session, j *jury.SessionJury, o op) (string, string, error) {
		var err error
		if accept {
			inv, err = j.Accept(mid, o.today)
			return ActionJuryAccepted, "member " + string(mid) + " accepted", err
		}
		inv, err = j.Decline(mid, o.today)
		return ActionJuryDeclined, "member " + string(mid) + " declined", err
	})
	return inv, err
}

// WithdrawInvitation withdraws a member's invitation, answered or not.
func (s *Service) WithdrawInvitation(ctx context.Context, by Actor, sid tpsession.SessionID, mid tpsession.MemberID) (jury.Invitation, error) {
	var inv jury.Invitation
	err := s.updateJury(ctx, by, sid, func(_ Session, j *jury.SessionJury, o op) (string, string, error) {
		var err error
		inv, err = j.Withdraw(mid, o.today)
		return ActionJuryWithdrawn, "invitation of member " + string(mid) + " withdrawn", err
	})
	return inv, err
}

// DeclareConflict declares a conflict of interest between a member of the
// directory and a candidate of the centre, for this session. The candidate
// need not be registered yet: a centre may know of the link first.
func (s *Service) DeclareConflict(ctx context.Context, by Actor, sid tpsession.SessionID, in jury.DeclaredConflictInput) (jury.DeclaredConflict, error) {
	if err := checkActor(by); err != nil {
		return jury.DeclaredConflict{}, err
	}
	var c jury.DeclaredConflict
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		var err error
		if c, err = jury.NewDeclaredConflict(in, o.today); err != nil {
			return err
		}
		m, err := s.st.Members.Member(ctx, by.Centre, c.Member)
		if err != nil {
			return err
		}
		cand, err := s.st.Candidates.Candidate(ctx, by.Centre, c.Candidate)
		if err != nil {
			return err
		}
		return s.updateJury(ctx, by, sid, func(_ Session, j *jury.SessionJury, _ op) (string, string, error) {
			detail := m.Name + " may not evaluate " + fullName(cand) + " (" + string(c.Reason) + ")"
			return ActionJuryConflict, detail, j.DeclareConflict(c)
		})
	})
	if err != nil {
		return jury.DeclaredConflict{}, err
	}
	return c, nil
}

// AssignJury forms the session's panels from the accepted members and
// assigns every registered candidate to a panel none of whose members
// conflicts with them. With a plan of the session's dates, the panels take
// its juries' sizes and capacities, and the candidates whose convocation
// is drafted or validated keep the times it gives where the conflicts
// allow (see NumberPlanCandidates); without one, they are balanced. When
// no assignment exists it returns a *jury.AssignmentError naming each
// candidate left without a panel and why.
func (s *Service) AssignJury(ctx context.Context, by Actor, sid tpsession.SessionID) (jury.Assignment, error) {
	if err := checkActor(by); err != nil {
		return jury.Assignment{}, err
	}
	var out jury.Assignment
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.writable(ctx, by, sid)
		if err != nil {
			return err
		}
		members, err := s.st.Members.Members(ctx, by.Centre)
		if err != nil {
			return err
		}
		candidates, err := s.registeredCandidates(ctx, by, sid)
		if err != nil {
			return err
		}
		rec, planned, err := s.currentPlan(ctx, by, ses)
		if err != nil {
			return err
		}
		layout := jury.Layout{}
		var regs []candidate.Registration
		if planned {
			layout = planLayout(rec, len(candidates))
			if regs, err = s.st.Registrations.RegistrationsOfSession(ctx, by.Centre, sid); err != nil {
				return err
			}
		}
		return s.updateJury(ctx, by, sid, func(ses Session, j *jury.SessionJury, o op) (string, string, error) {
			var err error
			out, err = j.Assign(ctx, juryView(ses), members, candidates, layout, s.jury.Conflicts, o.today)
			if err != nil || !planned {
				return ActionJuryAssigned, describeAssignment(out), err
			}
			out = keepTimes(out, rec, regs, conflictsOf(members, candidates, j.Conflicts, s.jury.Conflicts))
			j.Assignment = out.Clone()
			return ActionJuryAssigned, describeAssignment(out), nil
		})
	})
	return out, err
}

// planLayout sizes the panels after the plan: its members per jury, and
// each jury's number of candidates when the plan counted at least the
// candidates registered (otherwise the panels are balanced).
func planLayout(rec plan.Record, registered int) jury.Layout {
	l := jury.Layout{MembersPerJury: rec.Input.Jury.MembersPerJury}
	caps := make([]int, rec.Plan.Juries)
	for _, j := range PlanJuries(rec) {
		if j <= len(caps) {
			caps[j-1]++
		}
	}
	total := 0
	for _, c := range caps {
		total += c
	}
	if len(caps) > 0 && total >= registered && !slices.Contains(caps, 0) {
		l.Capacities = caps
	}
	return l
}

// conflictsOf tells whether a member has a conflict of interest with a
// candidate, among members and candidates.
func conflictsOf(members []jury.Member, candidates []jury.Candidate, declared []jury.DeclaredConflict, rules jury.ConflictRules) func(tpsession.MemberID, tpsession.CandidateID) bool {
	ms := map[tpsession.MemberID]jury.Member{}
	for _, m := range members {
		ms[m.ID] = m
	}
	cs := map[tpsession.CandidateID]jury.Candidate{}
	for _, c := range candidates {
		cs[c.ID] = c
	}
	return func(m tpsession.MemberID, c tpsession.CandidateID) bool {
		return len(jury.FindConflicts(ms[m], cs[c], declared, rules)) > 0
	}
}

func describeAssignment(a jury.Assignment) string {
	var parts []string
	for _, p := range a.Panels {
		parts = append(parts, fmt.Sprintf("jury %d: %d members, %d candidates", p.Jury, len(p.Members), len(p.Candidates)))
	}
	return strings.Join(parts, "; ")
}

// Assignment returns the session's stored assignment, or ErrNoAssignment
// when none is stored.
func (s *Service) Assignment(ctx context.Context, by Actor, sid tpsession.SessionID) (jury.Assignment, error) {
	sj, err := s.SessionJury(ctx, by, sid)
	if err != nil {
		return jury.Assignment{}, err
	}
	if !sj.Assignment.Assigned() {
		return jury.Assignment{}, ErrNoAssignment.Withf("session %s has no jury assignment yet", sid)
	}
	return sj.Assignment, nil
}

// registeredCandidates returns the jury's view of the candidates actively
// registered to the session.
func (s *Service) registeredCandidates(ctx context.Context, by Actor, sid tpsession.SessionID) ([]jury.Candidate, error) {
	regs, err := s.activeRegistrations(ctx, by, sid)
	if err != nil {
		return nil, err
	}
	out := make([]jury.Candidate, 0, len(regs))
	for _, r := range regs {
		c, err := s.st.Candidates.Candidate(ctx, by.Centre, r.Candidate)
		if err != nil {
			return nil, err
		}
		out = append(out, JuryCandidate(c))
	}
	return out, nil
}
