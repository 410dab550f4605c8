package postgres_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/postgres"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/session"
)

var errInner = errors.New("inner step failed")

func event(sid tpsession.SessionID, action string) session.Event {
	return session.Event{ID: tpsession.NewEventID(), Centre: storetest.CentreA, Session: sid, At: storetest.At, Actor: "Claire Martin", Action: action}
}

func sessionExists(t *testing.T, db *postgres.DB, sid tpsession.SessionID) bool {
	t.Helper()
	_, err := db.Session(context.Background(), storetest.CentreA, sid)
	if err != nil {
		require.ErrorIs(t, err, session.ErrSessionNotFound)
	}
	return err == nil
}

func eventCount(t *testing.T, db *postgres.DB, sid tpsession.SessionID) int {
	t.Helper()
	events, err := db.Events(context.Background(), storetest.CentreA, sid)
	require.NoError(t, err)
	return len(events)
}

func TestAtomic(t *testing.T) {
	ctx := context.Background()
	db := fresh(t)
	newSession := func() session.Session { return storetest.NewSession(t, storetest.CentreA, storetest.Start) }

	t.Run("a nested call joins the outer transaction", func(t *testing.T) {
		s := newSession()
		err := db.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, db.CreateSession(ctx, s))
			require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
				_, err := db.Session(ctx, storetest.CentreA, s.ID)
				require.NoError(t, err, "the inner call reads the outer one's writes")
				return db.AppendEvent(ctx, event(s.ID, session.ActionSessionCreated))
			}))
			return errInner
		})
		assert.Same(t, errInner, err)
		assert.False(t, sessionExists(t, db, s.ID), "the outer failure undoes the inner writes too")
		assert.Zero(t, eventCount(t, db, s.ID))
	})

	t.Run("a failed nested call undoes its own writes only", func(t *testing.T) {
		s := newSession()
		require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, db.CreateSession(ctx, s))
			err := db.Atomic(ctx, func(ctx context.Context) error {
				require.NoError(t, db.AppendEvent(ctx, event(s.ID, session.ActionSessionDeclared)))
				return errInner
			})
			assert.Same(t, errInner, err)
			return db.AppendEvent(ctx, event(s.ID, session.ActionSessionCreated))
		}))
		assert.True(t, sessionExists(t, db, s.ID))
		assert.Equal(t, 1, eventCount(t, db, s.ID), "the outer write stays, the failed inner one is gone")
	})

	t.Run("a statement the database refused in a nested call is undone with it", func(t *testing.T) {
		s, taken := newSession(), newSession()
		require.NoError(t, db.CreateSession(ctx, taken))
		require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
			err := db.Atomic(ctx, func(ctx context.Context) error { return db.CreateSession(ctx, taken) })
			assert.ErrorIs(t, err, session.ErrDuplicateSession)
			return db.CreateSession(ctx, s) // PostgreSQL would refuse it, had the savepoint not been rolled back to
		}))
		assert.True(t, sessionExists(t, db, s.ID))
	})

	t.Run("a transaction whose statement the database refused does not commit", func(t *testing.T) {
		s, taken := newSession(), newSession()
		require.NoError(t, db.CreateSession(ctx, taken))
		err := db.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, db.CreateSession(ctx, s))
			assert.ErrorIs(t, db.CreateSession(ctx, taken), session.ErrDuplicateSession)
			return nil // a function that ignores the failure commits nothing
		})
		assert.Error(t, err)
		postgres.AssertSafe(t, err, tpsession.Internal)
		assert.False(t, sessionExists(t, db, s.ID))
	})

	t.Run("a failed nested call whose context ended still undoes its writes", func(t *testing.T) {
		s := newSession()
		require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
			inner, cancel := context.WithCancel(ctx)
			defer cancel()
			err := db.Atomic(inner, func(ctx context.Context) error {
				require.NoError(t, db.CreateSession(ctx, s))
				cancel()
				return errInner
			})
			assert.Same(t, errInner, err)
			return nil
		}))
		assert.False(t, sessionExists(t, db, s.ID))
	})

	t.Run("a call given an ended context writes nothing", func(t *testing.T) {
		s := newSession()
		require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
			ended, cancel := context.WithCancel(ctx)
			cancel()
			assert.ErrorIs(t, db.CreateSession(ended, s), context.Canceled)
			return nil
		}))
		assert.False(t, sessionExists(t, db, s.ID))
	})

	t.Run("ending the outer context undoes the whole transaction", func(t *testing.T) {
		a, b := newSession(), newSession()
		outer, cancel := context.WithCancel(ctx)
		defer cancel()
		err := db.Atomic(outer, func(ctx context.Context) error {
			require.NoError(t, db.CreateSession(ctx, a))
			cancel()
			assert.Error(t, db.CreateSession(ctx, b))
			return nil
		})
		assert.ErrorIs(t, err, context.Canceled)
		assert.False(t, sessionExists(t, db, a.ID))
		assert.False(t, sessionExists(t, db, b.ID))
	})

	t.Run("a nested call that panics, recovered, aborts the transaction", func(t *testing.T) {
		a, b := newSession(), newSession()
		err := db.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, db.CreateSession(ctx, a))
			func() {
				defer func() { _ = recover() }()
				_ = db.Atomic(ctx, func(ctx context.Context) error {
					require.NoError(t, db.CreateSession(ctx, b))
					panic("bug in a step")
				})
			}()
			return nil
		})
		postgres.AssertSafe(t, err, tpsession.Internal)
		assert.False(t, sessionExists(t, db, a.ID))
		assert.False(t, sessionExists(t, db, b.ID))
	})

	t.Run("a panic rolls back and frees the connection", func(t *testing.T) {
		one := fresh(t, postgres.WithMaxConns(1))
		s := newSession()
		assert.Panics(t, func() {
			_ = one.Atomic(ctx, func(ctx context.Context) error {
				require.NoError(t, one.CreateSession(ctx, s))
				panic("bug in a command")
			})
		})
		_, err := one.Session(ctx, storetest.CentreA, s.ID)
		assert.ErrorIs(t, err, session.ErrSessionNotFound)
		require.NoError(t, one.CreateSession(ctx, s), "the connection was released")
	})

	t.Run("readers outside the transaction see it once committed", func(t *testing.T) {
		s := newSession()
		require.NoError(t, db.Atomic(ctx, func(txCtx context.Context) error {
			require.NoError(t, db.CreateSession(txCtx, s))
			assert.False(t, sessionExists(t, db, s.ID), "not before the commit")
			return nil
		}))
		assert.True(t, sessionExists(t, db, s.ID))
	})

	t.Run("another database's transaction is not joined", func(t *testing.T) {
		other := fresh(t)
		s := newSession()
		err := db.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, other.CreateSession(ctx, s))
			return errInner
		})
		assert.Same(t, errInner, err)
		assert.True(t, sessionExists(t, other, s.ID), "the write to the other database committed on its own")
	})
}

// conflict runs fn in a transaction of db that reads the session, lets
// another transaction change it and commit, then writes it: PostgreSQL
// refuses the first run's write. It returns how many times fn ran, and
// Atomic's error.
func conflict(t *testing.T, db *postgres.DB, other *postgres.DB, sid tpsession.SessionID) (int32, error) {
	t.Helper()
	ctx := context.Background()
	var runs atomic.Int32
	err := db.Atomic(ctx, func(ctx context.Context) error {
		cur, err := db.Session(ctx, storetest.CentreA, sid)
		if err != nil {
			return err
		}
		if runs.Add(1) == 1 {
			require.NoError(t, other.UpdateSession(context.Background(), storetest.CentreA, sid, func(s *session.Session) error {
				s.PlannedCandidates += 10
				return nil
			}))
		}
		return db.UpdateSession(ctx, storetest.CentreA, sid, func(s *session.Session) error {
			s.PlannedCandidates = cur.PlannedCandidates + 1 // read in the transaction, written in it
			return nil
		})
	})
	return runs.Load(), err
}

func TestConflictsRunTheTransactionAgain(t *testing.T) {
	ctx := context.Background()
	u := postgrestest.Schema(t)
	db, other := open(t, u), open(t, u)
	s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
	require.NoError(t, db.CreateSession(ctx, s))

	runs, err := conflict(t, db, other, s.ID)
	require.NoError(t, err)
	assert.Equal(t, int32(2), runs, "run again once, after the other committed")
	assert.Equal(t, int64(1), db.Reruns())
	got, err := db.Session(ctx, storetest.CentreA, s.ID)
	require.NoError(t, err)
	assert.Equal(t, s.PlannedCandidates+11, got.PlannedCandidates, "both writes are kept")

	t.Run("past the attempts allowed, a Conflict to retry, and nothing written", func(t *testing.T) {
		once := open(t, u, postgres.WithMaxAttempts(1))
		before, err := db.Session(ctx, storetest.CentreA, s.ID)
		require.NoError(t, err)
		runs, err := conflict(t, once, other, s.ID)
		assert.Equal(t, int32(1), runs)
		assert.ErrorIs(t, err, postgres.ErrContention)
		assert.ErrorIs(t, err, tpsession.ErrConflict)
		postgres.AssertSafe(t, err, tpsession.Conflict)
		got, err := db.Session(ctx, storetest.CentreA, s.ID)
		require.NoError(t, err)
		assert.Equal(t, before.PlannedCandidates+10, got.PlannedCandidates, "the other's write only")
	})
}
