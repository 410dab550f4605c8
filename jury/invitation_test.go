package jury_test

import (
	"context"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

func TestInviteChecksHabilitationOverEveryDay(t *testing.T) {
	s := session() // 2027-03-01 to 2027-03-03
	tests := []struct {
		name        string
		from, until date.Date
		wantErr     error
	}{
		{"until the last day", day(2026, 1, 1), day(2027, 3, 3), nil},
		{"until day 2 of 3", day(2026, 1, 1), day(2027, 3, 2), jury.ErrNotHabilitated},
		{"from the first day", day(2027, 3, 1), day(2028, 1, 1), nil},
		{"from day 2", day(2027, 3, 2), day(2028, 1, 1), jury.ErrNotHabilitated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := jury.NewSessionJury(s)
			_, _, err := j.Invite(s, habilitated(t, "paul", tt.from, tt.until), day(2027, 1, 4), jury.Policy{})
			if tt.wantErr == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
			assert.Empty(t, j.Invitations)
		})
	}
}

func TestNotHabilitatedNamesTheDates(t *testing.T) {
	s := session()
	j := jury.NewSessionJury(s)
	_, _, err := j.Invite(s, habilitated(t, "paul", day(2026, 1, 1), day(2027, 3, 2)), day(2027, 1, 4), jury.Policy{})
	require.ErrorIs(t, err, jury.ErrNotHabilitated)
	for _, fact := range []string{"2026-01-01", "2027-03-02", "2027-03-01", "2027-03-03", "TP-01281"} {
		assert.Contains(t, err.Error(), fact)
	}

	other, err := jury.NewMember(centre, memberID(99), jury.MemberInput{Name: "Anne", Email: "anne@example.fr",
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-00001", ValidFrom: "2020-01-01", ValidUntil: "2030-01-01"}}})
	require.NoError(t, err)
	_, _, err = j.Invite(s, other, day(2027, 1, 4), jury.Policy{})
	assert.ErrorIs(t, err, jury.ErrNotHabilitated)
	assert.Contains(t, err.Error(), "no habilitation on TP-01281")
}

func TestInviteChecksAvailability(t *testing.T) {
	s := session()
	tests := []struct {
		name        string
		from, until date.Date
		wantErr     error
		days        string
	}{
		{"the day before", day(2027, 2, 26), day(2027, 2, 28), nil, ""},
		{"the first day", day(2027, 2, 26), day(2027, 3, 1), jury.ErrMemberUnavailable, "unavailable on 2027-03-01,"},
		{"the last two days", day(2027, 3, 2), day(2027, 3, 10), jury.ErrMemberUnavailable, "unavailable on 2027-03-02, 2027-03-03,"},
		{"the day after", day(2027, 3, 4), day(2027, 3, 10), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := member(t, "paul")
			m.MarkUnavailable(tpsession.DateRange{From: tt.from, Until: tt.until})
			j := jury.NewSessionJury(s)
			_, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
			if tt.wantErr == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.days)
		})
	}
}

func TestInviteWarnsWhenTheEmployerNoticeIsShort(t *testing.T) {
	s := session() // starts 2027-03-01
	employed := member(t, "paul")
	employed.Employer = siret(t, 1, 1)
	independent := member(t, "anne")
	tests := []struct {
		name   string
		member jury.Member
		today  date.Date
		policy jury.Policy
		warn   bool
	}{
		{"employed, 15 days before", employed, day(2027, 2, 14), jury.Policy{}, false},
		{"employed, 14 days before", employed, day(2027, 2, 15), jury.Policy{}, true},
		{"employed, on the first day", employed, day(2027, 3, 1), jury.Policy{}, true},
		{"employed, on the last day", employed, day(2027, 3, 3), jury.Policy{}, true},
		{"without employer, 1 day before", independent, day(2027, 2, 28), jury.Policy{}, false},
		{"agreement of 30 days, 30 days before", employed, day(2027, 1, 30), jury.Policy{EmployerNoticeDays: 30}, false},
		{"agreement of 30 days, 29 days before", employed, day(2027, 1, 31), jury.Policy{EmployerNoticeDays: 30}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := jury.NewSessionJury(s)
			inv, warnings, err := j.Invite(s, tt.member, tt.today, tt.policy)
			require.NoError(t, err, "a short notice never refuses the invitation")
			assert.Equal(t, jury.Invited, inv.Status())
			if !tt.warn {
				assert.Empty(t, warnings)
				return
			}
			require.Len(t, warnings, 1)
			assert.Equal(t, jury.WarnEmployerNotice, warnings[0].Code)
			assert.Equal(t, tt.member.ID, warnings[0].Member)
			assert.Contains(t, warnings[0].Message, tt.today.String())
			assert.Contains(t, warnings[0].Message, "2027-03-01")
		})
	}
}

// TestInviteRefusesAnEndedSession: a member may still be invited on the
// session's last day, to replace one who dropped out; the day after, the
// session has ended and cannot be staffed, even to invite again a member
// who declined.
func TestInviteRefusesAnEndedSession(t *testing.T) {
	s := session() // 2027-03-01 to 2027-03-03
	tests := []struct {
		name     string
		today    date.Date
		declined bool // the member was invited and declined on 2027-01-04
		wantErr  error
	}{
		{"on the first day", day(2027, 3, 1), false, nil},
		{"on the last day", day(2027, 3, 3), false, nil},
		{"again on the last day", day(2027, 3, 3), true, nil},
		{"the day after the last day", day(2027, 3, 4), false, jury.ErrSessionEnded},
		{"again the day after the last day", day(2027, 3, 4), true, jury.ErrSessionEnded},
		{"a month later", day(2027, 4, 3), false, jury.ErrSessionEnded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := member(t, "paul")
			j := jury.NewSessionJury(s)
			if tt.declined {
				_, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
				require.NoError(t, err)
				_, err = j.Decline(m.ID, day(2027, 1, 4))
				require.NoError(t, err)
			}
			before := j.Clone()
			_, _, err := j.Invite(s, m, tt.today, jury.Policy{})
			if tt.wantErr == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
			for _, fact := range []string{tt.today.String(), "2027-03-01", "2027-03-03"} {
				assert.Contains(t, err.Error(), fact)
			}
			assert.Equal(t, before, j, "a refused invitation changes nothing")
		})
	}
}

func TestInviteRefusesAMemberOfAnotherCentre(t *testing.T) {
	s := session()
	m := member(t, "paul")
	m.Centre = otherCentre
	j := jury.NewSessionJury(s)
	_, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
	assert.ErrorIs(t, err, jury.ErrMemberNotFound)
}

func TestInviteRefusesAnotherSession(t *testing.T) {
	s := session()
	j := jury.NewSessionJury(s)
	other := s
	other.ID = "ses_01JQ0000000000000000000002"
	_, _, err := j.Invite(other, member(t, "paul"), day(2027, 1, 4), jury.Policy{})
	assert.Equal(t, tpsession.Internal, tpsession.KindOf(err))
}

func TestInvitationLifecycle(t *testing.T) {
	s := session()
	invitedOn, answeredOn := day(2027, 1, 4), day(2027, 1, 6)
	tests := []struct {
		name    string
		before  []string // actions that succeed first
		action  string
		wantErr error
		status  jury.InvitationStatus
	}{
		{"accept", nil, "accept", nil, jury.Accepted},
		{"decline", nil, "decline", nil, jury.Declined},
		{"withdraw before an answer", nil, "withdraw", nil, jury.Withdrawn},
		{"withdraw after accepting", []string{"accept"}, "withdraw", nil, jury.Withdrawn},
		{"accept twice", []string{"accept"}, "accept", jury.ErrAlreadyAnswered, jury.Accepted},
		{"decline after accepting", []string{"accept"}, "decline", jury.ErrAlreadyAnswered, jury.Accepted},
		{"accept after declining", []string{"decline"}, "accept", jury.ErrAlreadyAnswered, jury.Declined},
		{"withdraw after declining", []string{"decline"}, "withdraw", jury.ErrAlreadyAnswered, jury.Declined},
		{"accept a withdrawn invitation", []string{"withdraw"}, "accept", jury.ErrInvitationWithdrawn, jury.Withdrawn},
		{"withdraw twice", []string{"withdraw"}, "withdraw", jury.ErrInvitationWithdrawn, jury.Withdrawn},
		{"invite while invited", nil, "invite", jury.ErrAlreadyInvited, jury.Invited},
		{"invite after accepting", []string{"accept"}, "invite", jury.ErrAlreadyInvited, jury.Accepted},
		{"invite after declining", []string{"decline"}, "invite", nil, jury.Invited},
		{"invite after a withdrawal", []string{"withdraw"}, "invite", nil, jury.Invited},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := member(t, "paul")
			j := jury.NewSessionJury(s)
			_, _, err := j.Invite(s, m, invitedOn, jury.Policy{})
			require.NoError(t, err)
			do := func(action string) error {
				var err error
				switch action {
				case "accept":
					_, err = j.Accept(m.ID, answeredOn)
				case "decline":
					_, err = j.Decline(m.ID, answeredOn)
				case "withdraw":
					_, err = j.Withdraw(m.ID, answeredOn)
				case "invite":
					_, _, err = j.Invite(s, m, answeredOn, jury.Policy{})
				}
				return err
			}
			for _, a := range tt.before {
				require.NoError(t, do(a))
			}
			err = do(tt.action)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
			} else {
				assert.NoError(t, err)
			}
			require.Len(t, j.Invitations, 1, "one invitation per member")
			assert.Equal(t, tt.status, j.Invitations[0].Status())
		})
	}
}

func TestInvitationRecordsItsDates(t *testing.T) {
	s := session()
	m := member(t, "paul")
	j := jury.NewSessionJury(s)
	inv, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
	require.NoError(t, err)
	assert.Equal(t, jury.Invitation{Member: m.ID, InvitedOn: day(2027, 1, 4)}, inv)

	inv, err = j.Accept(m.ID, day(2027, 1, 4))
	require.NoError(t, err, "an answer on the day of the invitation")
	assert.Equal(t, day(2027, 1, 4), inv.AnsweredOn)
	inv, err = j.Withdraw(m.ID, day(2027, 2, 1))
	require.NoError(t, err)
	assert.Equal(t, jury.Invitation{Member: m.ID, InvitedOn: day(2027, 1, 4), Answer: jury.Accepted,
		AnsweredOn: day(2027, 1, 4), WithdrawnOn: day(2027, 2, 1)}, inv)
	assert.Equal(t, []jury.Invitation{inv}, j.Invitations)

	inv, _, err = j.Invite(s, m, day(2027, 2, 2), jury.Policy{})
	require.NoError(t, err)
	assert.Equal(t, jury.Invitation{Member: m.ID, InvitedOn: day(2027, 2, 2)}, inv, "a new invitation starts afresh")
}

func TestAnswerRefusesADateBeforeTheInvitation(t *testing.T) {
	s := session()
	m := member(t, "paul")
	j := jury.NewSessionJury(s)
	_, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
	require.NoError(t, err)
	_, err = j.Accept(m.ID, day(2027, 1, 3))
	assert.ErrorIs(t, err, jury.ErrInvalidAnswerDate)
	_, err = j.Withdraw(m.ID, day(2027, 1, 3))
	assert.ErrorIs(t, err, jury.ErrInvalidAnswerDate)
}

func TestAnswerWithoutInvitation(t *testing.T) {
	j := jury.NewSessionJury(session())
	_, err := j.Accept(memberID(1), day(2027, 1, 4))
	assert.ErrorIs(t, err, jury.ErrInvitationNotFound)
	_, err = j.Decline(memberID(1), day(2027, 1, 4))
	assert.ErrorIs(t, err, jury.ErrInvitationNotFound)
	_, err = j.Withdraw(memberID(1), day(2027, 1, 4))
	assert.ErrorIs(t, err, jury.ErrInvitationNotFound)
}

func TestAcceptedMembers(t *testing.T) {
	s := session()
	a, b, c, d := member(t, "a"), member(t, "b"), member(t, "c"), member(t, "d")
	j := accepted(t, s, a, b)
	for _, m := range []jury.Member{c, d} {
		_, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
		require.NoError(t, err)
	}
	_, err := j.Decline(c.ID, day(2027, 1, 5))
	require.NoError(t, err)
	_, err = j.Withdraw(a.ID, day(2027, 1, 6))
	require.NoError(t, err)
	assert.Equal(t, []tpsession.MemberID{b.ID}, j.AcceptedMembers())
}

func TestReviewShowsChangesSinceTheInvitation(t *testing.T) {
	s := session()
	a, b, c := member(t, "a"), member(t, "b"), member(t, "c")
	j := accepted(t, s, a, b, c)
	_, err := j.Withdraw(c.ID, day(2027, 1, 6))
	require.NoError(t, err)
	assert.Empty(t, j.Review(s, []jury.Member{a, b, c}))

	a.MarkUnavailable(tpsession.DateRange{From: day(2027, 3, 2), Until: day(2027, 3, 2)})
	c.MarkUnavailable(s.Dates) // withdrawn: not the centre's concern
	moved := s
	moved.Dates.Until = day(2029, 1, 2) // b is habilitated until 2028-12-31
	warnings := j.Review(moved, []jury.Member{a, b, c})
	require.Len(t, warnings, 3)
	assert.Equal(t, jury.WarnHabilitationNotCovering, warnings[0].Code)
	assert.Equal(t, a.ID, warnings[0].Member)
	assert.Equal(t, jury.WarnMemberUnavailable, warnings[1].Code)
	assert.Contains(t, warnings[1].Message, "2027-03-02")
	assert.Equal(t, b.ID, warnings[2].Member)
}

func TestWithdrawingAPanelMemberClearsTheAssignment(t *testing.T) {
	s := session()
	members := []jury.Member{member(t, "a"), member(t, "b"), member(t, "c")}
	candidates := []jury.Candidate{{ID: candidateID(1), Name: "Léa"}}

	j := accepted(t, s, members...)
	a, err := j.Assign(context.Background(), s, members, candidates, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 1))
	require.NoError(t, err)
	require.Len(t, a.Reserves, 1)
	_, err = j.Withdraw(a.Reserves[0], day(2027, 2, 2))
	require.NoError(t, err)
	assert.True(t, j.Assignment.Assigned(), "a reserve leaving keeps the panels")
	assert.Empty(t, j.Assignment.Reserves)

	_, err = j.Withdraw(a.Panels[0].Members[0], day(2027, 2, 2))
	require.NoError(t, err)
	assert.False(t, j.Assignment.Assigned())
}

func TestSessionJuryAssignUsesAvailableAcceptedMembers(t *testing.T) {
	s := session()
	a, b, c, d, e := member(t, "a"), member(t, "b"), member(t, "c"), member(t, "d"), member(t, "e")
	j := accepted(t, s, a, b, c)
	_, _, err := j.Invite(s, d, day(2027, 1, 4), jury.Policy{}) // invited, never answered
	require.NoError(t, err)
	c.MarkUnavailable(tpsession.DateRange{From: day(2027, 3, 3), Until: day(2027, 3, 3)})
	candidates := []jury.Candidate{{ID: candidateID(1), Name: "Léa"}, {ID: candidateID(2), Name: "Marc"}}

	got, err := j.Assign(context.Background(), s, []jury.Member{a, b, c, d, e}, candidates, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 1))
	require.NoError(t, err)
	require.Len(t, got.Panels, 1)
	assert.ElementsMatch(t, []tpsession.MemberID{a.ID, b.ID}, got.Panels[0].Members)
	assert.Empty(t, got.Reserves)
	assert.Equal(t, day(2027, 2, 1), got.AssignedOn)
	assert.Equal(t, got, j.Assignment)

	got.Panels[0].Members[0] = "changed"
	assert.NotEqual(t, got, j.Assignment, "the stored assignment is a copy")

	_, err = j.Assign(context.Background(), s, []jury.Member{a, b}, candidates, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 1))
	assert.Equal(t, tpsession.Internal, tpsession.KindOf(err), "an accepted member's record is missing")
}

func TestSessionJuryAssignKeepsTheStoredAssignmentOnFailure(t *testing.T) {
	s := session()
	a, b := member(t, "a"), member(t, "b")
	j := accepted(t, s, a, b)
	candidates := []jury.Candidate{{ID: candidateID(1), Name: "Léa"}}
	_, err := j.Assign(context.Background(), s, []jury.Member{a, b}, candidates, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 1))
	require.NoError(t, err)
	stored := j.Assignment.Clone()

	require.NoError(t, j.DeclareConflict(jury.DeclaredConflict{Member: a.ID, Candidate: candidateID(2), Reason: jury.ReasonPersonal}))
	candidates = append(candidates, jury.Candidate{ID: candidateID(2), Name: "Marc"})
	_, err = j.Assign(context.Background(), s, []jury.Member{a, b}, candidates, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 2))
	assert.ErrorIs(t, err, jury.ErrNoAssignment)
	assert.Equal(t, stored, j.Assignment)
}

func TestSessionJuryClone(t *testing.T) {
	s := session()
	members := []jury.Member{member(t, "a"), member(t, "b")}
	j := accepted(t, s, members...)
	require.NoError(t, j.DeclareConflict(jury.DeclaredConflict{Member: members[0].ID, Candidate: candidateID(9), Reason: jury.ReasonOther}))
	_, err := j.Assign(context.Background(), s, members, []jury.Candidate{{ID: candidateID(1)}}, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 1))
	require.NoError(t, err)

	c := j.Clone()
	c.Invitations[0].Answer = jury.Declined
	c.Conflicts[0].Note = "changed"
	c.Assignment.Panels[0].Members[0] = "changed"
	c.Assignment.Panels[0].Candidates[0] = "changed"
	assert.Equal(t, jury.Accepted, j.Invitations[0].Answer)
	assert.Empty(t, j.Conflicts[0].Note)
	assert.NotContains(t, j.Assignment.Panels[0].Members, tpsession.MemberID("changed"))
	assert.Equal(t, candidateID(1), j.Assignment.Panels[0].Candidates[0])
}

// TestCodesAreDistinct: a client tells a refusal from a warning by its
// code alone, so no warning shares a code with an error.
func TestCodesAreDistinct(t *testing.T) {
	codes := map[string]int{}
	for _, err := range []*tpsession.Error{
		jury.ErrInvalidMember, jury.ErrInvalidConflict, jury.ErrInvalidAssignment, jury.ErrInvalidAnswerDate,
		jury.ErrMemberNotFound, jury.ErrSessionJuryNotFound, jury.ErrInvitationNotFound,
		jury.ErrDuplicateMember, jury.ErrDuplicateSessionJury, jury.ErrAlreadyInvited, jury.ErrAlreadyAnswered,
		jury.ErrInvitationWithdrawn, jury.ErrDuplicateConflict,
		jury.ErrNotHabilitated, jury.ErrMemberUnavailable, jury.ErrSessionEnded, jury.ErrNoCandidates, jury.ErrNoAssignment,
	} {
		codes[err.Code]++
	}
	for _, w := range []string{jury.WarnEmployerNotice, jury.WarnMemberUnavailable, jury.WarnHabilitationNotCovering} {
		codes[w]++
	}
	for code, n := range codes {
		assert.Equal(t, 1, n, "code %s is used %d times", code, n)
	}
	assert.Equal(t, "jury.member_became_unavailable", jury.WarnMemberUnavailable)
}
