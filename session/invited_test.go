package session_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
)

func TestSessionsOfMember(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 2))
	m := f.member("Jeanne Martin", "jeanne.martin@example.fr", "")
	first, second, uninvited := f.session(), f.session(), f.session()
	for _, s := range []session.Session{first, second} {
		_, _, err := f.svc.Invite(f.ctx, admin, s.ID, m.ID)
		require.NoError(t, err)
	}
	_, err := f.svc.AnswerInvitation(f.ctx, admin, second.ID, m.ID, false)
	require.NoError(t, err)

	got, err := f.svc.SessionsOfMember(f.ctx, admin, m.ID, session.Filter{})
	require.NoError(t, err)
	require.Len(t, got, 2, "every invitation, whatever its status")
	byID := map[tpsession.SessionID]jury.InvitationStatus{}
	for _, is := range got {
		byID[is.Session.ID] = is.Invitation.Status()
	}
	assert.Equal(t, map[tpsession.SessionID]jury.InvitationStatus{first.ID: jury.Invited, second.ID: jury.Declined}, byID)
	assert.NotContains(t, byID, uninvited.ID)

	t.Run("the filter applies", func(t *testing.T) {
		got, err := f.svc.SessionsOfMember(f.ctx, admin, m.ID, session.Filter{Status: session.StatusDeclared})
		require.NoError(t, err)
		assert.Empty(t, got)
	})
	t.Run("another centre sees none", func(t *testing.T) {
		got, err := f.svc.SessionsOfMember(f.ctx, other, m.ID, session.Filter{})
		require.NoError(t, err)
		assert.Empty(t, got)
	})
	t.Run("an actor is needed", func(t *testing.T) {
		_, err := f.svc.SessionsOfMember(f.ctx, session.Actor{}, m.ID, session.Filter{})
		assert.ErrorIs(t, err, tpsession.ErrForbidden)
	})
}

func TestTodayFollowsTheServicesClock(t *testing.T) {
	day := date.New(2026, time.November, 2)
	f := newFixture(t, day)
	assert.Equal(t, day, f.svc.Today())
	f.on(day + 3)
	assert.Equal(t, day+3, f.svc.Today())
}
