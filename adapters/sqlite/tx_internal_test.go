package sqlite

import (
	"context"
	"database/sql/driver"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"modernc.org/sqlite"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
)

// hook is what the SQL function test_hook() runs, when set: it lets a test
// act in the middle of a statement.
var hook atomic.Pointer[func()]

func init() {
	sqlite.MustRegisterScalarFunction("test_hook", 0, func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		if f := hook.Load(); f != nil {
			(*f)()
		}
		return int64(1), nil
	})
}

// setHook makes test_hook() run f for the rest of the test.
func setHook(t *testing.T, f func()) {
	t.Helper()
	hook.Store(&f)
	t.Cleanup(func() { hook.Store(nil) })
}

// cancelMidStatement is a hook that cancels a context from inside a
// statement and gives the driver time to notice, so that the statement is
// interrupted if it runs with that context.
func cancelMidStatement(cancel context.CancelFunc) func() {
	return func() {
		cancel()
		time.Sleep(20 * time.Millisecond)
	}
}

// indexAgrees checks that jury_invitations holds exactly the invitations of
// the jury records.
func indexAgrees(t *testing.T, db *DB) {
	t.Helper()
	var missing, extra int
	require.NoError(t, db.read.QueryRowContext(context.Background(), InvitationIndexDrift).Scan(&missing, &extra))
	assert.Zero(t, missing, "invitations of a jury record missing from the index")
	assert.Zero(t, extra, "index rows no jury record holds")
}

// TestJoinedCallsRunWithTheTransactionContext covers a store call that
// joins a transaction with a context derived inside it, which ends while
// the call runs: the call's statements run with the transaction's own
// context, so the transaction stays whole.
func TestJoinedCallsRunWithTheTransactionContext(t *testing.T) {
	ctx := context.Background()
	paths := map[string]func(t *testing.T) string{
		"file":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "t.db") },
		"memory": func(*testing.T) string { return Memory },
	}
	for name, path := range paths {
		t.Run(name+": a write whose context ends part-way is all or nothing", func(t *testing.T) {
			db, err := Open(ctx, path(t))
			require.NoError(t, err)
			defer db.Close()
			_, err = db.write.ExecContext(ctx, "CREATE TEMP TRIGGER cancel_on_insert AFTER INSERT ON session_juries BEGIN SELECT test_hook(); END")
			require.NoError(t, err)

			j := jury.NewSessionJury(jury.Session{ID: tpsession.NewSessionID(), Centre: storetest.CentreA})
			j.Invitations = []jury.Invitation{{Member: tpsession.NewMemberID(), InvitedOn: storetest.Today}}
			require.NoError(t, db.Atomic(ctx, func(ctx context.Context) error {
				callCtx, cancel := context.WithCancel(ctx)
				defer cancel()
				setHook(t, cancelMidStatement(cancel))
				// The call has started when its context ends: it runs to its end.
				assert.NoError(t, db.CreateSessionJury(callCtx, j))
				hook.Store(nil)
				return nil
			}))
			indexAgrees(t, db)
		})
	}

	t.Run("a write interrupted part-way does not tear the transaction", func(t *testing.T) {
		db, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
		require.NoError(t, err)
		defer db.Close()
		a := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		b := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		err = db.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, db.CreateSession(ctx, a))
			callCtx, cancel := context.WithCancel(ctx)
			defer cancel()
			setHook(t, cancelMidStatement(cancel))
			// A long write, through the path every store write takes: the
			// hook cancels its context at the first row.
			err := db.writing(callCtx, func(ctx context.Context, q querier) error {
				_, err := q.exec(ctx, `INSERT INTO events (id, centre, session, at, actor, action, detail)
					WITH RECURSIVE c(x) AS (SELECT test_hook() UNION ALL SELECT x + 1 FROM c WHERE x < 200000)
					SELECT 'e' || x, 'c', 's', 'a', 'b', 'c', 'd' FROM c WHERE x = 200000`)
				return err
			})
			hook.Store(nil)
			assert.NoError(t, err, "the write has started: it runs to its end")
			return db.CreateSession(ctx, b)
		})
		require.NoError(t, err)
		_, err = db.Session(ctx, storetest.CentreA, a.ID)
		assert.NoError(t, err, "the first write is committed with the rest")
		_, err = db.Session(ctx, storetest.CentreA, b.ID)
		assert.NoError(t, err)
	})
}

// TestFailureThatMayUndoTheTransactionAbortsIt fills the disk (SQLite's
// page limit) during a write inside a transaction whose function ignores
// the failure: SQLite may have rolled back the whole transaction on such
// an error, so nothing is committed, and the transaction refuses further
// statements.
func TestFailureThatMayUndoTheTransactionAbortsIt(t *testing.T) {
	ctx := context.Background()
	for name, path := range map[string]string{"file": filepath.Join(t.TempDir(), "t.db"), "memory": Memory} {
		t.Run(name, func(t *testing.T) {
			db, err := Open(ctx, path)
			require.NoError(t, err)
			defer db.Close()
			a := storetest.NewSession(t, storetest.CentreA, storetest.Start)
			big := storetest.NewSession(t, storetest.CentreA, storetest.Start)
			big.Site = strings.Repeat("12 rue des Lilas, 69003 Lyon. ", 10000)
			b := storetest.NewSession(t, storetest.CentreA, storetest.Start)

			_, err = db.write.ExecContext(ctx, "PRAGMA max_page_count = 1") // no page beyond those the file has
			require.NoError(t, err)
			err = db.Atomic(ctx, func(ctx context.Context) error {
				require.NoError(t, db.CreateSession(ctx, a))
				full := db.CreateSession(ctx, big)
				assert.Equal(t, tpsession.Internal, tpsession.KindOf(full))
				assert.ErrorIs(t, db.CreateSession(ctx, b), errAborted, "no statement after the failure")
				return nil
			})
			assert.ErrorIs(t, err, errAborted, "the commit is refused")
			_, err = db.write.ExecContext(ctx, "PRAGMA max_page_count = 4294967294")
			require.NoError(t, err)

			for _, s := range []session.Session{a, big, b} {
				_, err := db.Session(ctx, s.Centre, s.ID)
				assert.ErrorIs(t, err, session.ErrSessionNotFound, "nothing of the transaction is committed")
			}
			require.NoError(t, db.CreateSession(ctx, a), "the next transaction is a new one")
		})
	}
}
