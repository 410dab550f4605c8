package session_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

// expectedGrants is who may perform each action, written out here apart
// from the Policy's table: an action added without deciding its roles in
// both places fails TestPolicyRoleByAction.
var expectedGrants = map[session.Action][]session.Role{
	session.ActionWhoAmI: {session.RoleAdmin, session.RoleJury, session.RoleController},

	session.ActionListSessions:  {session.RoleAdmin, session.RoleJury, session.RoleController},
	session.ActionReadSession:   {session.RoleAdmin, session.RoleJury, session.RoleController},
	session.ActionManageSession: {session.RoleAdmin},
	session.ActionReadTimeline:  {session.RoleAdmin, session.RoleController},
	session.ActionReadEvents:    {session.RoleAdmin, session.RoleController},
	session.ActionReadReadiness: {session.RoleAdmin},

	session.ActionPlanSession: {session.RoleAdmin},
	session.ActionReadPlan:    {session.RoleAdmin, session.RoleJury},

	session.ActionManageDirectory: {session.RoleAdmin},
	session.ActionListMembers:     {session.RoleAdmin},
	session.ActionReadMember:      {session.RoleAdmin, session.RoleJury},

	session.ActionManageJury:         {session.RoleAdmin},
	session.ActionListInvitations:    {session.RoleAdmin, session.RoleJury},
	session.ActionAnswerInvitation:   {session.RoleAdmin, session.RoleJury},
	session.ActionReadAssignment:     {session.RoleAdmin, session.RoleJury},
	session.ActionReadMemberCalendar: {session.RoleAdmin, session.RoleJury},

	session.ActionReadCandidates:   {session.RoleAdmin},
	session.ActionManageCandidates: {session.RoleAdmin},

	session.ActionManagePli: {session.RoleAdmin},
	session.ActionReadPli:   {session.RoleAdmin, session.RoleJury, session.RoleController},

	session.ActionReadChecklist:   {session.RoleAdmin},
	session.ActionManageChecklist: {session.RoleAdmin},

	session.ActionReadTitles:       {session.RoleAdmin, session.RoleJury, session.RoleController},
	session.ActionReadAgrements:    {session.RoleAdmin, session.RoleController},
	session.ActionManageAgrements:  {session.RoleAdmin},
	session.ActionReadProgrammes:   {session.RoleAdmin, session.RoleController},
	session.ActionManageProgrammes: {session.RoleAdmin},

	session.ActionReadExam:        {session.RoleAdmin, session.RoleJury, session.RoleController},
	session.ActionRecordExam:      {session.RoleAdmin},
	session.ActionDeliberate:      {session.RoleJury},
	session.ActionReadResults:     {session.RoleAdmin, session.RoleController},
	session.ActionManageResults:   {session.RoleAdmin},
	session.ActionValidateResults: {session.RoleController},
	session.ActionReadRetention:   {session.RoleAdmin, session.RoleController},
	session.ActionManageRetention: {session.RoleAdmin},
}

const (
	ownMember   tpsession.MemberID = "mem_01HZX3J9V3M2W5Q8D6N4T7B1CA"
	otherMember tpsession.MemberID = "mem_01HZX3J9V3M2W5Q8D6N4T7B1CB"
)

func actorOf(role session.Role, member tpsession.MemberID) session.Actor {
	return session.Actor{Centre: "centre-lyon", Name: "someone", Role: role, Member: member}
}

// TestPolicyRoleByAction tries every role on every action, both sides of
// each grant: an allowed role passes, every otherMember is refused with
// ErrActionForbidden, a Forbidden error.
func TestPolicyRoleByAction(t *testing.T) {
	var p session.Policy
	require.Len(t, p.Actions(), len(expectedGrants), "the Policy knows an action this test does not")
	for _, a := range p.Actions() {
		allowed, ok := expectedGrants[a]
		require.True(t, ok, "%s is not in expectedGrants", a)
		assert.Equal(t, allowed, p.Roles(a), "%s", a)
		for _, role := range session.Roles {
			err := p.Authorize(actorOf(role, ownMember), a)
			if contains(allowed, role) {
				assert.NoError(t, err, "%s may %s", role, a)
				continue
			}
			assert.ErrorIs(t, err, session.ErrActionForbidden, "%s may not %s", role, a)
			assert.Equal(t, tpsession.Forbidden, tpsession.KindOf(err))
			assert.Contains(t, tpsession.MessageOf(err), string(role))
		}
	}
}

func contains(roles []session.Role, r session.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// TestPolicyFailsClosed: an actor without a role, with an unknown role, or
// an action the Policy does not know, is refused.
func TestPolicyFailsClosed(t *testing.T) {
	var p session.Policy
	assert.ErrorIs(t, p.Authorize(actorOf("", ""), session.ActionReadSession), session.ErrActionForbidden)
	assert.ErrorIs(t, p.Authorize(actorOf("superuser", ""), session.ActionReadSession), session.ErrActionForbidden)
	assert.ErrorIs(t, p.Authorize(actorOf(session.RoleAdmin, ""), "session.teleport"), session.ErrActionForbidden)
	assert.Empty(t, p.Roles("session.teleport"))
}

// TestPolicyJuryScopes: the narrowings of the jury role apply only to the
// actions it may perform.
func TestPolicyJuryScopes(t *testing.T) {
	var p session.Policy
	want := map[session.Action]session.JuryScope{
		session.ActionListSessions:       session.JuryInvitedSessions,
		session.ActionReadMember:         session.JuryOwnMember,
		session.ActionAnswerInvitation:   session.JuryOwnMember,
		session.ActionReadMemberCalendar: session.JuryOwnMember,
		session.ActionListInvitations:    session.JuryOwnInvitation,
		session.ActionReadAssignment:     session.JuryOwnPanel,
		session.ActionReadPli:            session.JuryPliOpened,
		session.ActionReadExam:           session.JuryOwnPanel,
		session.ActionDeliberate:         session.JuryOwnPanel,
	}
	for _, a := range p.Actions() {
		assert.Equal(t, want[a], p.JuryScope(a), "%s", a)
		if p.JuryScope(a) != session.JuryWhole {
			assert.Contains(t, p.Roles(a), session.RoleJury, "%s narrows a role it does not allow", a)
			assert.NotEmpty(t, p.JuryScope(a).String())
		}
	}
}

func TestPolicyAuthorizeMember(t *testing.T) {
	var p session.Policy
	for _, tc := range []struct {
		name   string
		by     session.Actor
		action session.Action
		member tpsession.MemberID
		ok     bool
	}{
		{"admin on any member", actorOf(session.RoleAdmin, ""), session.ActionAnswerInvitation, otherMember, true},
		{"jury on its own record", actorOf(session.RoleJury, ownMember), session.ActionReadMember, ownMember, true},
		{"jury answers its own invitation", actorOf(session.RoleJury, ownMember), session.ActionAnswerInvitation, ownMember, true},
		{"jury reads its own calendar", actorOf(session.RoleJury, ownMember), session.ActionReadMemberCalendar, ownMember, true},
		{"jury on another's record", actorOf(session.RoleJury, ownMember), session.ActionReadMember, otherMember, false},
		{"jury answers another's invitation", actorOf(session.RoleJury, ownMember), session.ActionAnswerInvitation, otherMember, false},
		{"jury reads another's calendar", actorOf(session.RoleJury, ownMember), session.ActionReadMemberCalendar, otherMember, false},
		{"jury matching no record", actorOf(session.RoleJury, ""), session.ActionReadMember, "", false},
		{"an action not narrowed to the member", actorOf(session.RoleJury, ownMember), session.ActionReadPlan, otherMember, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := p.AuthorizeMember(tc.by, tc.action, tc.member)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, session.ErrNotOwnMember)
			assert.Equal(t, tpsession.Forbidden, tpsession.KindOf(err))
		})
	}
}

func invitation(m tpsession.MemberID, status jury.InvitationStatus) jury.Invitation {
	inv := jury.Invitation{Member: m, InvitedOn: date.New(2027, time.January, 4)}
	switch status {
	case jury.Accepted, jury.Declined:
		inv.Answer, inv.AnsweredOn = status, date.New(2027, time.January, 5)
	case jury.Withdrawn:
		inv.WithdrawnOn = date.New(2027, time.January, 6)
	}
	return inv
}

// TestPolicySessionVisible: a jury member sees a session only while its
// invitation stands (invited or accepted); a session hidden from it is not
// found, as one that does not exist. The otherMember roles see every session of
// their centre.
func TestPolicySessionVisible(t *testing.T) {
	var p session.Policy
	for _, status := range []jury.InvitationStatus{jury.Invited, jury.Accepted, jury.Declined, jury.Withdrawn} {
		sj := jury.SessionJury{Invitations: []jury.Invitation{invitation(otherMember, jury.Accepted), invitation(ownMember, status)}}
		err := p.SessionVisible(actorOf(session.RoleJury, ownMember), sj)
		if status == jury.Invited || status == jury.Accepted {
			assert.NoError(t, err, status)
		} else {
			assert.ErrorIs(t, err, session.ErrSessionNotFound, status)
			assert.Equal(t, tpsession.NotFound, tpsession.KindOf(err))
		}
		assert.NoError(t, p.SessionVisible(actorOf(session.RoleAdmin, ""), sj))
		assert.NoError(t, p.SessionVisible(actorOf(session.RoleController, ""), sj))
	}
	notInvited := jury.SessionJury{Invitations: []jury.Invitation{invitation(otherMember, jury.Accepted)}}
	assert.ErrorIs(t, p.SessionVisible(actorOf(session.RoleJury, ownMember), notInvited), session.ErrSessionNotFound)
	assert.ErrorIs(t, p.SessionVisible(actorOf(session.RoleJury, ""), notInvited), session.ErrSessionNotFound, "a jury actor matching no record")
	assert.ErrorIs(t, p.SessionVisible(actorOf(session.RoleJury, ownMember), jury.SessionJury{}), session.ErrSessionNotFound)
}

func TestPolicyVisibleSessions(t *testing.T) {
	var p session.Policy
	s1 := session.Session{ID: "ses_01HZX3J9V3M2W5Q8D6N4T7B1C1"}
	s2 := session.Session{ID: "ses_01HZX3J9V3M2W5Q8D6N4T7B1C2"}
	s3 := session.Session{ID: "ses_01HZX3J9V3M2W5Q8D6N4T7B1C3"}
	invited := []session.InvitedSession{
		{Session: s1, Invitation: invitation(ownMember, jury.Accepted)},
		{Session: s2, Invitation: invitation(ownMember, jury.Declined)},
		{Session: s3, Invitation: invitation(ownMember, jury.Invited)},
	}
	assert.Equal(t, []session.Session{s1, s3}, p.VisibleSessions(actorOf(session.RoleJury, ownMember), invited))
	assert.Empty(t, p.VisibleSessions(actorOf(session.RoleJury, otherMember), invited), "another member's invitations")
	assert.Empty(t, p.VisibleSessions(actorOf(session.RoleJury, ""), invited))
	assert.Equal(t, []session.Session{s1, s2, s3}, p.VisibleSessions(actorOf(session.RoleAdmin, ""), invited))
}

func TestPolicyVisibleInvitations(t *testing.T) {
	var p session.Policy
	invs := []jury.Invitation{invitation(otherMember, jury.Accepted), invitation(ownMember, jury.Invited)}
	assert.Equal(t, invs[1:], p.VisibleInvitations(actorOf(session.RoleJury, ownMember), invs))
	assert.Empty(t, p.VisibleInvitations(actorOf(session.RoleJury, ""), invs))
	assert.Equal(t, invs, p.VisibleInvitations(actorOf(session.RoleAdmin, ""), invs))
}

func TestPolicyVisibleAssignment(t *testing.T) {
	var p session.Policy
	as := jury.Assignment{
		Panels: []jury.Panel{
			{Jury: 1, Members: []tpsession.MemberID{ownMember, "mem_01HZX3J9V3M2W5Q8D6N4T7B1CC"}, Candidates: []tpsession.CandidateID{"can_01HZX3J9V3M2W5Q8D6N4T7B1C1"}},
			{Jury: 2, Members: []tpsession.MemberID{otherMember, "mem_01HZX3J9V3M2W5Q8D6N4T7B1CD"}, Candidates: []tpsession.CandidateID{"can_01HZX3J9V3M2W5Q8D6N4T7B1C2"}},
		},
		Reserves:   []tpsession.MemberID{"mem_01HZX3J9V3M2W5Q8D6N4T7B1CE"},
		AssignedOn: date.New(2027, time.February, 10),
	}
	mine := p.VisibleAssignment(actorOf(session.RoleJury, ownMember), as)
	assert.Equal(t, as.Panels[:1], mine.Panels, "its own panel only")
	assert.Empty(t, mine.Reserves, "no reserves")
	assert.Equal(t, as.AssignedOn, mine.AssignedOn)
	assert.Empty(t, p.VisibleAssignment(actorOf(session.RoleJury, "mem_01HZX3J9V3M2W5Q8D6N4T7B1CF"), as).Panels, "a member on no panel")
	assert.Empty(t, p.VisibleAssignment(actorOf(session.RoleJury, ""), as).Panels)
	assert.Equal(t, as, p.VisibleAssignment(actorOf(session.RoleAdmin, ""), as))
	assert.Len(t, as.Panels, 2, "the assignment given is not changed")
}

// TestPolicyPliVisible: the jury role sees the pli at its last step only,
// the opening; the others at every step.
func TestPolicyPliVisible(t *testing.T) {
	var p session.Policy
	at := time.Date(2027, time.February, 8, 9, 0, 0, 0, time.UTC)
	steps := []pli.Pli{{}}
	next := pli.Pli{OrderedOn: date.New(2026, time.November, 20)}
	steps = append(steps, next)
	next.ReceivedOn = date.New(2027, time.February, 8)
	steps = append(steps, next)
	next.Materials = []pli.Material{{Name: "poste", Quantity: 2}}
	steps = append(steps, next)
	next.SecuredAt = at
	steps = append(steps, next)
	next.OpenedAt = at.Add(21 * 24 * time.Hour)
	steps = append(steps, next)
	for _, pl := range steps {
		if pl.Status() == pli.StatusOpened {
			assert.NoError(t, p.PliVisible(actorOf(session.RoleJury, ownMember), pl))
		} else {
			err := p.PliVisible(actorOf(session.RoleJury, ownMember), pl)
			assert.ErrorIs(t, err, session.ErrPliSealed, pl.Status())
			assert.Equal(t, tpsession.Forbidden, tpsession.KindOf(err))
		}
		assert.NoError(t, p.PliVisible(actorOf(session.RoleAdmin, ""), pl), pl.Status())
		assert.NoError(t, p.PliVisible(actorOf(session.RoleController, ""), pl), pl.Status())
	}
}

func TestParseRole(t *testing.T) {
	_, err := session.ParseRole("superuser")
	assert.ErrorIs(t, err, tpsession.ErrInvalidInput)
	for _, r := range session.Roles {
		got, err := session.ParseRole(string(r))
		require.NoError(t, err)
		assert.Equal(t, r, got)
	}
}

func TestJuryActor(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	m := f.member("Jeanne Martin", "jeanne.martin@example.fr", "")
	by, err := f.svc.JuryActor(f.ctx, admin.Centre, "Jeanne Martin", "jeanne.martin@example.fr")
	require.NoError(t, err)
	assert.Equal(t, session.Actor{Centre: admin.Centre, Name: "Jeanne Martin", Role: session.RoleJury, Member: m.ID}, by)

	by, err = f.svc.JuryActor(f.ctx, admin.Centre, "Nobody", "nobody@example.fr")
	require.NoError(t, err, "an e-mail in no record is an actor that sees nothing, not an error")
	assert.Empty(t, by.Member)
	assert.Equal(t, session.RoleJury, by.Role)

	by, err = f.svc.JuryActor(f.ctx, "centre-other", "Jeanne Martin", "jeanne.martin@example.fr")
	require.NoError(t, err)
	assert.Empty(t, by.Member, "another centre's directory")
}

// TestPolicyAuthorizeCandidate: a jury member deliberates on the
// candidates of the panels it sits on, and on no other.
func TestPolicyAuthorizeCandidate(t *testing.T) {
	var p session.Policy
	mine, theirs := tpsession.CandidateID("can_01HZX3J9V3M2W5Q8D6N4T7B1CA"), tpsession.CandidateID("can_01HZX3J9V3M2W5Q8D6N4T7B1CB")
	as := jury.Assignment{Panels: []jury.Panel{
		{Jury: 1, Members: []tpsession.MemberID{ownMember, "mem_01HZX3J9V3M2W5Q8D6N4T7B1CC"}, Candidates: []tpsession.CandidateID{mine}},
		{Jury: 2, Members: []tpsession.MemberID{otherMember, "mem_01HZX3J9V3M2W5Q8D6N4T7B1CD"}, Candidates: []tpsession.CandidateID{theirs}},
	}}
	assert.NoError(t, p.AuthorizeCandidate(actorOf(session.RoleJury, ownMember), session.ActionDeliberate, as, mine))
	err := p.AuthorizeCandidate(actorOf(session.RoleJury, ownMember), session.ActionDeliberate, as, theirs)
	assert.ErrorIs(t, err, session.ErrNotOwnCandidate)
	assert.Equal(t, tpsession.Forbidden, tpsession.KindOf(err))
	assert.ErrorIs(t, p.AuthorizeCandidate(actorOf(session.RoleJury, ""), session.ActionDeliberate, as, mine), session.ErrNotOwnCandidate, "a jury user matched to no member")
	assert.ErrorIs(t, p.AuthorizeCandidate(actorOf(session.RoleJury, ownMember), session.ActionDeliberate, jury.Assignment{}, mine), session.ErrNotOwnCandidate, "no panels")
	assert.NoError(t, p.AuthorizeCandidate(actorOf(session.RoleAdmin, ""), session.ActionDeliberate, as, theirs), "Authorize refuses the admin; this does not repeat it")
}

// TestPolicyVisibleExam: a jury member sees of the exam what concerns
// the candidates of its panel.
func TestPolicyVisibleExam(t *testing.T) {
	var p session.Policy
	mine, theirs := tpsession.CandidateID("can_01HZX3J9V3M2W5Q8D6N4T7B1CA"), tpsession.CandidateID("can_01HZX3J9V3M2W5Q8D6N4T7B1CB")
	colleague := tpsession.MemberID("mem_01HZX3J9V3M2W5Q8D6N4T7B1CC")
	as := jury.Assignment{Panels: []jury.Panel{
		{Jury: 1, Members: []tpsession.MemberID{ownMember, colleague}, Candidates: []tpsession.CandidateID{mine}},
		{Jury: 2, Members: []tpsession.MemberID{otherMember}, Candidates: []tpsession.CandidateID{theirs}},
	}}
	rec := exam.New("centre-lyon", "ses_01HZX3J9V3M2W5Q8D6N4T7B1CA")
	rec.Sittings = []exam.Sitting{{Key: "qp", Candidates: []tpsession.CandidateID{mine, theirs}}, {Key: "msp-2", Candidates: []tpsession.CandidateID{theirs}}}
	rec.Attendance = []exam.Attendance{{Sitting: "qp", Candidate: mine}, {Sitting: "qp", Candidate: theirs}}
	rec.Jury = []exam.Presence{{Member: ownMember}, {Member: colleague}, {Member: otherMember}}
	rec.Sheets = []exam.SheetSignature{{Sheet: "qp"}}
	rec.Incidents = []exam.Incident{{Number: 1, Candidates: []tpsession.CandidateID{mine, theirs}}, {Number: 2, Candidates: []tpsession.CandidateID{theirs}}}
	rec.Decisions = []exam.Decision{{Candidate: mine}, {Candidate: theirs}}
	rec.Constatations = []exam.Constatation{{Number: 1, Candidates: []tpsession.CandidateID{theirs, mine}, Panels: []exam.Panel{{}, {Absent: []tpsession.MemberID{colleague}}}}}

	assert.Equal(t, rec, p.VisibleExam(actorOf(session.RoleController, ""), rec, as), "the controller reads everything")
	got := p.VisibleExam(actorOf(session.RoleJury, ownMember), rec, as)
	require.Len(t, got.Sittings, 1)
	assert.Equal(t, []tpsession.CandidateID{mine}, got.Sittings[0].Candidates)
	assert.Equal(t, []exam.Attendance{{Sitting: "qp", Candidate: mine}}, got.Attendance)
	assert.Equal(t, []exam.Presence{{Member: ownMember}, {Member: colleague}}, got.Jury)
	assert.Empty(t, got.Sheets)
	require.Len(t, got.Incidents, 1)
	assert.Equal(t, []tpsession.CandidateID{mine}, got.Incidents[0].Candidates)
	assert.Equal(t, []exam.Decision{{Candidate: mine}}, got.Decisions)
	require.Len(t, got.Constatations, 1)
	assert.Equal(t, []tpsession.CandidateID{mine}, got.Constatations[0].Candidates)
	assert.Equal(t, []exam.Panel{{Absent: []tpsession.MemberID{colleague}}}, got.Constatations[0].Panels)
	assert.Len(t, rec.Sittings[0].Candidates, 2, "the record given is left as it was")
}
