package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/session"
)

var errInner = errors.New("inner step failed")

func event(sid tpsession.SessionID, action string) session.Event {
	return session.Event{ID: tpsession.NewEventID(), Centre: storetest.CentreA, Session: sid, At: storetest.At, Actor: "Claire Martin", Action: action}
}

// state reports whether the session exists and how many events it has.
func state(t *testing.T, db *sqlite.DB, sid tpsession.SessionID) (bool, int) {
	t.Helper()
	events, err := db.Events(context.Background(), storetest.CentreA, sid)
	require.NoError(t, err)
	return sessionExists(t, db, sid), len(events)
}

func sessionExists(t *testing.T, db *sqlite.DB, sid tpsession.SessionID) bool {
	t.Helper()
	_, err := db.Session(context.Background(), storetest.CentreA, sid)
	if err != nil {
		require.ErrorIs(t, err, session.ErrSessionNotFound)
	}
	return err == nil
}

func TestAtomic(t *testing.T) {
	ctx := context.Background()
	for name, path := range map[string]func(testing.TB) string{"file": tempPath, "memory": func(testing.TB) string { return sqlite.Memory }} {
		t.Run(name, func(t *testing.T) {
			t.Run("a nested call joins the outer transaction", func(t *testing.T) {
				db := open(t, path(t))
				s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
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
				exists, events := state(t, db, s.ID)
				assert.False(t, exists, "the outer failure undoes the inner writes too")
				assert.Zero(t, events)
			})

			t.Run("a failed nested call undoes its own writes only", func(t *testing.T) {
				db := open(t, path(t))
				s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
					require.NoError(t, db.CreateSession(ctx, s))
					err := db.Atomic(ctx, func(ctx context.Context) error {
						require.NoError(t, db.AppendEvent(ctx, event(s.ID, session.ActionSessionDeclared)))
						return errInner
					})
					assert.Same(t, errInner, err)
					return db.AppendEvent(ctx, event(s.ID, session.ActionSessionCreated))
				}))
				exists, events := state(t, db, s.ID)
				assert.True(t, exists)
				assert.Equal(t, 1, events, "the outer write stays, the failed inner one is gone")
			})

			t.Run("a failed nested call whose context ended still undoes its writes", func(t *testing.T) {
				db := open(t, path(t))
				s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
					inner, cancel := context.WithCancel(ctx)
					defer cancel()
					err := db.Atomic(inner, func(ctx context.Context) error {
						require.NoError(t, db.CreateSession(ctx, s))
						cancel()
						return errInner
					})
					assert.Same(t, errInner, err)
					return nil // the outer function carries on, as it may
				}))
				assert.False(t, sessionExists(t, db, s.ID), "the failed inner call's write is not committed")
			})

			t.Run("a call given an ended context writes nothing", func(t *testing.T) {
				db := open(t, path(t))
				s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
					ended, cancel := context.WithCancel(ctx)
					cancel()
					err := db.CreateSession(ended, s)
					assert.ErrorIs(t, err, context.Canceled)
					return nil
				}))
				assert.False(t, sessionExists(t, db, s.ID))
			})

			t.Run("ending the outer context undoes the whole transaction", func(t *testing.T) {
				db := open(t, path(t))
				a := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				b := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				outer, cancel := context.WithCancel(ctx)
				defer cancel()
				err := db.Atomic(outer, func(ctx context.Context) error {
					require.NoError(t, db.CreateSession(ctx, a))
					cancel()
					assert.Error(t, db.CreateSession(ctx, b))
					return nil // a function that ignores the failure commits nothing
				})
				assert.ErrorIs(t, err, context.Canceled)
				assert.False(t, sessionExists(t, db, a.ID))
				assert.False(t, sessionExists(t, db, b.ID))
			})

			t.Run("a nested call that panics, recovered, aborts the transaction", func(t *testing.T) {
				db := open(t, path(t))
				a := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				b := storetest.NewSession(t, storetest.CentreA, storetest.Start)
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
				assertSafe(t, err, tpsession.Internal)
				assert.False(t, sessionExists(t, db, a.ID))
				assert.False(t, sessionExists(t, db, b.ID), "the half-done inner call is not committed")
				require.NoError(t, db.CreateSession(ctx, a), "the write connection was released")
			})

			t.Run("a panic rolls back and frees the writer", func(t *testing.T) {
				db := open(t, path(t))
				s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
				assert.Panics(t, func() {
					_ = db.Atomic(ctx, func(ctx context.Context) error {
						require.NoError(t, db.CreateSession(ctx, s))
						panic("bug in a command")
					})
				})
				assert.False(t, sessionExists(t, db, s.ID))
				require.NoError(t, db.CreateSession(ctx, s), "the write connection was released")
			})
		})
	}

	t.Run("readers outside the transaction see it once committed", func(t *testing.T) {
		db := open(t, tempPath(t))
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		require.NoError(t, db.Atomic(ctx, func(txCtx context.Context) error {
			require.NoError(t, db.CreateSession(txCtx, s))
			assert.False(t, sessionExists(t, db, s.ID), "not before the commit")
			return nil
		}))
		assert.True(t, sessionExists(t, db, s.ID))
	})

	t.Run("another database's transaction is not joined", func(t *testing.T) {
		one, two := open(t, tempPath(t)), open(t, tempPath(t))
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		err := one.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, two.CreateSession(ctx, s))
			return errInner
		})
		assert.Same(t, errInner, err)
		assert.True(t, sessionExists(t, two, s.ID), "the write to the other database committed on its own")
	})
}
