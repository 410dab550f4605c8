package session

import (
	"context"
	"errors"
	"slices"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session/exam"
)

// Role is what an actor may do and see in its centre (docs/rules.md#roles).
type Role string

// The roles.
const (
	// RoleAdmin is the centre's staff, the responsable de session and the
	// team: everything in its centre.
	RoleAdmin Role = "admin"
	// RoleJury is a jury member of the centre's directory: it reads the
	// sessions it is invited to, their plan and its own panel, answers its
	// own invitations, and sees the pli only once it is opened.
	RoleJury Role = "jury"
	// RoleController is an inspector of the regional administration: it
	// reads the centre's sessions, timelines, event logs and custody logs,
	// and changes nothing.
	RoleController Role = "controller"
)

// Roles lists the roles in a stable order.
var Roles = []Role{RoleAdmin, RoleJury, RoleController}

// ParseRole parses "admin", "jury" or "controller".
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", tpsession.ErrInvalidInput.Withf("unknown role %q: expected admin, jury or controller", tpsession.Truncate(s, 40))
}

// Action is something an actor does to, or reads of, the data of its
// centre. The Policy says which roles may perform each.
type Action string

// The actions, grouped by the resource they concern.
const (
	// ActionWhoAmI: tell an actor who it is.
	ActionWhoAmI Action = "whoami"

	// ActionListSessions lists the centre's sessions; the jury role gets
	// only those it is invited to (Policy.VisibleSessions).
	ActionListSessions Action = "session.list"
	// ActionReadSession reads one session.
	ActionReadSession Action = "session.read"
	// ActionManageSession creates, changes, declares, cancels, opens and
	// closes sessions.
	ActionManageSession Action = "session.manage"
	// ActionReadTimeline reads a session's deadlines.
	ActionReadTimeline Action = "session.timeline"
	// ActionReadEvents reads a session's event log.
	ActionReadEvents Action = "session.events"
	// ActionReadReadiness reads what still blocks the opening.
	ActionReadReadiness Action = "session.readiness"

	// ActionPlanSession computes and stores a session's plan.
	ActionPlanSession Action = "plan.compute"
	// ActionReadPlan reads the stored plan and its déroulé.
	ActionReadPlan Action = "plan.read"

	// ActionManageDirectory adds jury members and records their
	// availability.
	ActionManageDirectory Action = "directory.manage"
	// ActionListMembers lists the directory's jury members.
	ActionListMembers Action = "directory.list"
	// ActionReadMember reads one member's record; the jury role only its
	// own (Policy.AuthorizeMember).
	ActionReadMember Action = "directory.read"

	// ActionManageJury invites members, withdraws invitations, declares
	// conflicts of interest and assigns the candidates to panels.
	ActionManageJury Action = "jury.manage"
	// ActionListInvitations lists a session's invitations; the jury role
	// gets only its own (Policy.VisibleInvitations).
	ActionListInvitations Action = "jury.invitations"
	// ActionAnswerInvitation accepts or declines an invitation; the jury
	// role only its own (Policy.AuthorizeMember).
	ActionAnswerInvitation Action = "jury.answer"
	// ActionReadAssignment reads the panels; the jury role gets only its
	// own panel, without the reserves (Policy.VisibleAssignment).
	ActionReadAssignment Action = "jury.assignment"
	// ActionReadMemberCalendar reads a member's sittings as a calendar;
	// the jury role only its own (Policy.AuthorizeMember).
	ActionReadMemberCalendar Action = "jury.calendar"

	// ActionReadCandidates reads candidates, registrations, convocations
	// and the documents made of them (letters, attendance sheets, the
	// déroulé with names, the CSV export, a candidate's calendar).
	ActionReadCandidates Action = "candidate.read"
	// ActionManageCandidates adds, revises and imports candidates,
	// registers and withdraws them, drafts, validates and delivers their
	// convocations.
	ActionManageCandidates Action = "candidate.manage"

	// ActionManagePli records the pli's steps: order, reception, reading,
	// custody, accesses, opening.
	ActionManagePli Action = "pli.manage"
	// ActionReadPli reads the pli and its custody log; the jury role only
	// once it is opened (Policy.PliVisible).
	ActionReadPli Action = "pli.read"

	// ActionReadChecklist reads the readiness checklist.
	ActionReadChecklist Action = "checklist.read"
	// ActionManageChecklist checks items and records the equipment.
	ActionManageChecklist Action = "checklist.manage"

	// ActionReadTitles reads the title register, reference data every
	// role may read.
	ActionReadTitles Action = "titles.read"
	// ActionReadAgrements reads the centre's agréments.
	ActionReadAgrements Action = "agrement.read"
	// ActionManageAgrements records and revises the centre's agréments.
	ActionManageAgrements Action = "agrement.manage"
	// ActionReadProgrammes reads the centre's yearly programming.
	ActionReadProgrammes Action = "programme.read"
	// ActionManageProgrammes records and submits the yearly programming.
	ActionManageProgrammes Action = "programme.manage"

	// ActionReadExam reads what happened from the opening on: sittings,
	// attendance, presences, incidents, decisions; the jury role only what
	// concerns the candidates of its own panel (Policy.VisibleExam).
	ActionReadExam Action = "exam.read"
	// ActionRecordExam records the exam days: sittings and surveillants,
	// attendance, the jury's and the responsable's presence, the sheets'
	// signatures, incidents, the remote modalities, the PV de
	// constatation.
	ActionRecordExam Action = "exam.record"
	// ActionDeliberate records, signs and amends the jury's decisions; the
	// jury role only for the candidates of its own panel
	// (Policy.AuthorizeCandidate).
	ActionDeliberate Action = "exam.deliberate"
	// ActionReadResults reads the procès-verbal, the PV de constatation,
	// the results export and the session's archive.
	ActionReadResults Action = "results.read"
	// ActionManageResults records the procès-verbal sent to the
	// administration and the documents issued.
	ActionManageResults Action = "results.manage"
	// ActionValidateResults records the administration's validation of
	// the results.
	ActionValidateResults Action = "results.validate"
	// ActionReadRetention reads the centre's retention period.
	ActionReadRetention Action = "retention.read"
	// ActionManageRetention sets the centre's retention period and
	// pseudonymises the sessions past it.
	ActionManageRetention Action = "retention.manage"
)

// JuryScope says how the jury role is narrowed on an action it may
// perform, on top of the rule that holds for every action on a session: a
// session it holds no active invitation to does not exist for it.
type JuryScope uint8

// The narrowings of the jury role.
const (
	// JuryWhole: nothing more.
	JuryWhole JuryScope = iota
	// JuryOwnMember: only on its own member record (AuthorizeMember).
	JuryOwnMember
	// JuryInvitedSessions: only the sessions it is invited to
	// (VisibleSessions).
	JuryInvitedSessions
	// JuryOwnInvitation: only its own invitation (VisibleInvitations).
	JuryOwnInvitation
	// JuryOwnPanel: only its own panel, with its candidates' names; no
	// reserves (VisibleAssignment); of the exam, only what concerns its
	// panel's candidates (VisibleExam, AuthorizeCandidate).
	JuryOwnPanel
	// JuryPliOpened: the pli only once it is opened (PliVisible).
	JuryPliOpened
)

// String says what the jury role gets, in a sentence's words.
func (j JuryScope) String() string {
	switch j {
	case JuryOwnMember:
		return "its own member record only"
	case JuryInvitedSessions:
		return "only the sessions it is invited to"
	case JuryOwnInvitation:
		return "its own invitation only"
	case JuryOwnPanel:
		return "its own panel only, with its candidates' names"
	case JuryPliOpened:
		return "only once the pli is opened"
	}
	return ""
}

// The refusals of the Policy. An adapter shows ErrActionForbidden,
// ErrNotOwnMember and ErrPliSealed as "forbidden" (HTTP 403) and a session
// hidden from a jury member as ErrSessionNotFound (404), exactly as a
// session that does not exist.
var (
	// ErrActionForbidden refuses an action to a role that may not perform
	// it.
	ErrActionForbidden = tpsession.NewError(tpsession.Forbidden, "session.action_forbidden", "the actor's role may not do this")
	// ErrNotOwnMember refuses a jury member acting on another member's
	// record, invitation or calendar.
	ErrNotOwnMember = tpsession.NewError(tpsession.Forbidden, "session.member_not_own", "a jury member may only act on its own record")
	// ErrPliSealed refuses the pli to a jury member before it is opened: a
	// jury member never sees a DTE before the opening.
	ErrPliSealed = tpsession.NewError(tpsession.Forbidden, "session.pli_sealed", "a jury member sees the pli only once it is opened")
	// ErrNotOwnCandidate refuses a jury member deliberating on a candidate
	// of another panel.
	ErrNotOwnCandidate = tpsession.NewError(tpsession.Forbidden, "session.candidate_not_own", "a jury member deliberates only on the candidates of its own panel")
)

// Policy is the role rules of the library (docs/rules.md#roles): which role
// may perform each action, and what each sees of what it may read. It is
// the one place these rules are decided: an adapter that serves users of
// several roles (the HTTP API, a web dashboard, a centre's own handlers)
// builds each request's Actor with its Role (and, for the jury role, its
// Member), then
//
//  1. for a path that names a session, loads it and its jury record and
//     calls SessionVisible (a hidden session is ErrSessionNotFound);
//  2. calls Authorize for the action (then AuthorizeMember where the action
//     names a member) before reading any request body;
//  3. narrows what it shows with VisibleSessions, VisibleInvitations,
//     VisibleAssignment and PliVisible.
//
// The Service's own methods act for whoever calls them: the centre's
// software calling it as its staff needs no Policy. The zero Policy is
// ready to use; Service.Policy returns it.
type Policy struct{}

// grant is who may perform an action.
type grant struct {
	roles []Role
	jury  JuryScope
}

var (
	adminOnly    = grant{roles: []Role{RoleAdmin}}
	everyone     = grant{roles: []Role{RoleAdmin, RoleJury, RoleController}}
	staffAndJury = grant{roles: []Role{RoleAdmin, RoleJury}}
	staffAndCtrl = grant{roles: []Role{RoleAdmin, RoleController}}
	juryOnly     = grant{roles: []Role{RoleJury}}
	ctrlOnly     = grant{roles: []Role{RoleController}}
)

func narrowed(g grant, j JuryScope) grant { g.jury = j; return g }

// grants is the table of the role rules.
var grants = map[Action]grant{
	ActionWhoAmI: everyone,

	ActionListSessions:  narrowed(everyone, JuryInvitedSessions),
	ActionReadSession:   everyone,
	ActionManageSession: adminOnly,
	ActionReadTimeline:  staffAndCtrl,
	ActionReadEvents:    staffAndCtrl,
	ActionReadReadiness: adminOnly,

	ActionPlanSession: adminOnly,
	ActionReadPlan:    staffAndJury,

	ActionManageDirectory: adminOnly,
	ActionListMembers:     adminOnly,
	ActionReadMember:      narrowed(staffAndJury, JuryOwnMember),

	ActionManageJury:         adminOnly,
	ActionListInvitations:    narrowed(staffAndJury, JuryOwnInvitation),
	ActionAnswerInvitation:   narrowed(staffAndJury, JuryOwnMember),
	ActionReadAssignment:     narrowed(staffAndJury, JuryOwnPanel),
	ActionReadMemberCalendar: narrowed(staffAndJury, JuryOwnMember),

	ActionReadCandidates:   adminOnly,
	ActionManageCandidates: adminOnly,

	ActionManagePli: adminOnly,
	ActionReadPli:   narrowed(everyone, JuryPliOpened),

	ActionReadChecklist:   adminOnly,
	ActionManageChecklist: adminOnly,

	ActionReadTitles:       everyone,
	ActionReadAgrements:    staffAndCtrl,
	ActionManageAgrements:  adminOnly,
	ActionReadProgrammes:   staffAndCtrl,
	ActionManageProgrammes: adminOnly,

	ActionReadExam:        narrowed(everyone, JuryOwnPanel),
	ActionRecordExam:      adminOnly,
	ActionDeliberate:      narrowed(juryOnly, JuryOwnPanel),
	ActionReadResults:     staffAndCtrl,
	ActionManageResults:   adminOnly,
	ActionValidateResults: ctrlOnly,
	ActionReadRetention:   staffAndCtrl,
	ActionManageRetention: adminOnly,
}

// Actions lists every action the Policy knows, sorted.
func (Policy) Actions() []Action {
	out := make([]Action, 0, len(grants))
	for a := range grants {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Roles returns the roles that may perform the action, in the order of
// Roles; none for an action the Policy does not know.
func (Policy) Roles(a Action) []Role {
	return slices.Clone(grants[a].roles)
}

// JuryScope returns how the jury role is narrowed on the action.
func (Policy) JuryScope(a Action) JuryScope { return grants[a].jury }

// Authorize returns nil when the actor's role may perform the action, and
// otherwise ErrActionForbidden naming the role and the action. An unknown
// action, or an actor without a known role, is refused.
func (Policy) Authorize(by Actor, a Action) error {
	if slices.Contains(grants[a].roles, by.Role) {
		return nil
	}
	role := string(by.Role)
	if role == "" {
		role = "no"
	}
	return ErrActionForbidden.Withf("the %s role may not perform %s", role, a)
}

// AuthorizeMember returns nil when the actor may perform the action on
// member's record (its invitation, its calendar): any member for the admin
// role, only its own for the jury role, where the action narrows it so;
// otherwise ErrNotOwnMember. It does not repeat Authorize.
func (Policy) AuthorizeMember(by Actor, a Action, member tpsession.MemberID) error {
	if by.Role != RoleJury || grants[a].jury != JuryOwnMember {
		return nil
	}
	if by.Member == "" || by.Member != member {
		return ErrNotOwnMember.Withf("a jury member may only act on its own record")
	}
	return nil
}

// SessionVisible returns nil when the session whose jury record is sj
// exists for the actor, and otherwise ErrSessionNotFound, the answer for a
// session that does not exist: a jury member sees only the sessions it
// holds an active invitation to (invited or accepted); one who declined,
// or whose invitation was withdrawn, no longer sees the session. The other
// roles see every session of their centre.
func (Policy) SessionVisible(by Actor, sj jury.SessionJury) error {
	if by.Role != RoleJury {
		return nil
	}
	if by.Member != "" {
		for _, inv := range sj.Invitations {
			if inv.Member == by.Member && inv.Active() {
				return nil
			}
		}
	}
	return ErrSessionNotFound
}

// VisibleSessions returns the sessions of invited the actor may see: for
// the jury role, those whose invitation is active, in the order given.
// invited are a member's sessions (Service.SessionsOfMember).
func (Policy) VisibleSessions(by Actor, invited []InvitedSession) []Session {
	out := make([]Session, 0, len(invited))
	for _, is := range invited {
		if by.Role == RoleJury && (by.Member == "" || is.Invitation.Member != by.Member || !is.Invitation.Active()) {
			continue
		}
		out = append(out, is.Session)
	}
	return out
}

// VisibleInvitations returns the invitations the actor may see: all of
// them, or for the jury role its own only.
func (Policy) VisibleInvitations(by Actor, invs []jury.Invitation) []jury.Invitation {
	out := make([]jury.Invitation, 0, len(invs))
	for _, inv := range invs {
		if by.Role == RoleJury && (by.Member == "" || inv.Member != by.Member) {
			continue
		}
		out = append(out, inv)
	}
	return out
}

// VisibleAssignment returns the part of the assignment the actor may see:
// all of it, or for the jury role the panels it sits on only, without the
// reserves (the other members and candidates are none of its business).
func (Policy) VisibleAssignment(by Actor, as jury.Assignment) jury.Assignment {
	if by.Role != RoleJury {
		return as
	}
	out := jury.Assignment{AssignedOn: as.AssignedOn, Reserves: []tpsession.MemberID{}}
	for _, p := range as.Panels {
		if by.Member != "" && slices.Contains(p.Members, by.Member) {
			out.Panels = append(out.Panels, p)
		}
	}
	return out
}

// PliVisible returns nil when the actor may see the pli and its custody
// log, and ErrPliSealed for a jury member before the pli is opened.
func (Policy) PliVisible(by Actor, p pli.Pli) error {
	if by.Role == RoleJury && p.Status() != pli.StatusOpened {
		return ErrPliSealed
	}
	return nil
}

// AuthorizeCandidate returns nil when the actor may perform the action on
// candidate c of a session whose panels are as: any candidate for a role
// the action does not narrow, only one of a panel it sits on for the jury
// role where the action narrows it so (deliberating); otherwise
// ErrNotOwnCandidate. It does not repeat Authorize.
func (Policy) AuthorizeCandidate(by Actor, a Action, as jury.Assignment, c tpsession.CandidateID) error {
	if by.Role != RoleJury || grants[a].jury != JuryOwnPanel {
		return nil
	}
	if p, ok := as.PanelOf(c); ok && by.Member != "" && slices.Contains(p.Members, by.Member) {
		return nil
	}
	return ErrNotOwnCandidate.Withf("a jury member deliberates only on the candidates of its own panel")
}

// VisibleExam returns the part of the exam's record the actor may see: all
// of it, or for the jury role what concerns the candidates of the panels
// it sits on — their sittings, attendance, incidents, decisions,
// amendments, constatations, modalities and documents — and the presence
// of those panels' members; not the sheets' signatures.
func (Policy) VisibleExam(by Actor, rec exam.Record, as jury.Assignment) exam.Record {
	if by.Role != RoleJury {
		return rec
	}
	var members []tpsession.MemberID
	var own []tpsession.CandidateID
	for _, p := range as.Panels {
		if by.Member != "" && slices.Contains(p.Members, by.Member) {
			own = append(own, p.Candidates...)
			members = append(members, p.Members...)
		}
	}
	mine := func(c tpsession.CandidateID) bool { return slices.Contains(own, c) }
	out := exam.New(rec.Centre, rec.Session)
	out.ClosedAt, out.PVSent, out.Validation, out.Pseudonymised = rec.ClosedAt, rec.PVSent, rec.Validation, rec.Pseudonymised
	for _, s := range rec.Sittings {
		if slices.ContainsFunc(s.Candidates, mine) {
			s.Candidates = slices.DeleteFunc(slices.Clone(s.Candidates), func(c tpsession.CandidateID) bool { return !mine(c) })
			out.Sittings = append(out.Sittings, s)
		}
	}
	out.Attendance = keep(rec.Attendance, func(a exam.Attendance) bool { return mine(a.Candidate) })
	out.Jury = keep(rec.Jury, func(p exam.Presence) bool { return slices.Contains(members, p.Member) })
	out.Responsable = rec.Responsable
	out.Incidents = keep(rec.Incidents, func(i exam.Incident) bool { return slices.ContainsFunc(i.Candidates, mine) })
	for i, inc := range out.Incidents {
		out.Incidents[i].Candidates = slices.DeleteFunc(slices.Clone(inc.Candidates), func(c tpsession.CandidateID) bool { return !mine(c) })
	}
	out.Statements = keep(rec.Statements, func(s exam.ModalityStatement) bool { return mine(s.Candidate) })
	out.Decisions = keep(rec.Decisions, func(d exam.Decision) bool { return mine(d.Candidate) })
	out.Amendments = keep(rec.Amendments, func(a exam.Amendment) bool { return mine(a.Candidate) })
	out.Issuances = keep(rec.Issuances, func(i exam.Issuance) bool { return mine(i.Candidate) })
	for _, k := range rec.Constatations {
		if slices.ContainsFunc(k.Candidates, mine) {
			var cs []tpsession.CandidateID
			var ps []exam.Panel
			for i, c := range k.Candidates {
				if mine(c) {
					cs, ps = append(cs, c), append(ps, k.Panels[i])
				}
			}
			k.Candidates, k.Panels = cs, ps
			out.Constatations = append(out.Constatations, k)
		}
	}
	return out.Clone()
}

func keep[T any](in []T, ok func(T) bool) []T {
	var out []T
	for _, v := range in {
		if ok(v) {
			out = append(out, v)
		}
	}
	return out
}

// Policy returns the role rules the Service's adapters apply.
func (s *Service) Policy() Policy { return Policy{} }

// JuryActor returns the actor of a user of the jury role, known to the
// adapter by its e-mail: Role RoleJury, and Member the record of the
// centre's directory with that e-mail, empty when none has it (such an
// actor sees no session). name is how the event log records its actions.
func (s *Service) JuryActor(ctx context.Context, centre tpsession.CentreID, name, email string) (Actor, error) {
	by := Actor{Centre: centre, Name: name, Role: RoleJury}
	m, err := s.MemberByEmail(ctx, by, email)
	switch {
	case errors.Is(err, jury.ErrMemberNotFound):
	case err != nil:
		return Actor{}, err
	default:
		by.Member = m.ID
	}
	return by, nil
}
