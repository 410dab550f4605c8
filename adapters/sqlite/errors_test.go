package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/session"
)

// assertSafe checks that err is a *tpsession.Error of the kind whose
// message, the part a user may see, says nothing of SQL or of the driver.
func assertSafe(t *testing.T, err error, kind tpsession.Kind) {
	t.Helper()
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok, "a *tpsession.Error, got %T: %v", err, err)
	assert.Equal(t, kind, e.Kind)
	assert.NotEmpty(t, e.Message)
	for _, leak := range []string{"SQL", "sqlite", "SELECT", "UPDATE", "INSERT", "constraint", "locked", "(5)", "syntax"} {
		assert.NotContains(t, strings.ToLower(e.Message), strings.ToLower(leak), "the message shown to a user")
	}
}

// rawConn opens a plain connection to the database file, behind the
// store's back.
func rawConn(t *testing.T, path string) *sql.Conn {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	t.Cleanup(func() { raw.Close() })
	conn, err := raw.Conn(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestErrors(t *testing.T) {
	ctx := context.Background()

	t.Run("a write lock held past the busy timeout is a Conflict to retry", func(t *testing.T) {
		path := tempPath(t)
		db := open(t, path, sqlite.WithBusyTimeout(50*time.Millisecond))
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		require.NoError(t, db.CreateSession(ctx, s))

		other := rawConn(t, path) // another process, holding the write lock
		_, err := other.ExecContext(ctx, "BEGIN IMMEDIATE")
		require.NoError(t, err)
		called := false
		err = db.UpdateSession(ctx, storetest.CentreA, s.ID, func(*session.Session) error { called = true; return nil })
		assert.ErrorIs(t, err, sqlite.ErrBusy)
		assert.ErrorIs(t, err, tpsession.ErrConflict)
		assertSafe(t, err, tpsession.Conflict)
		assert.False(t, called)

		_, err = db.Session(ctx, storetest.CentreA, s.ID)
		assert.NoError(t, err, "reads go on while another process writes")

		_, err = other.ExecContext(ctx, "ROLLBACK")
		require.NoError(t, err)
		assert.NoError(t, db.UpdateSession(ctx, storetest.CentreA, s.ID, func(*session.Session) error { return nil }), "and the retry succeeds")
	})

	t.Run("an unreadable record is Internal, without the parser's words", func(t *testing.T) {
		path := tempPath(t)
		db := open(t, path)
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		require.NoError(t, db.CreateSession(ctx, s))
		_, err := rawConn(t, path).ExecContext(ctx, "UPDATE sessions SET doc = '{\"start\": \"1er mars\"}'")
		require.NoError(t, err)

		_, err = db.Session(ctx, storetest.CentreA, s.ID)
		assertSafe(t, err, tpsession.Internal)
		_, err = db.Sessions(ctx, storetest.CentreA, session.Filter{})
		assertSafe(t, err, tpsession.Internal)
	})

	t.Run("a failing database is Internal, its error kept as the cause", func(t *testing.T) {
		db, err := sqlite.Open(ctx, tempPath(t))
		require.NoError(t, err)
		require.NoError(t, db.Close())
		_, err = db.Session(ctx, storetest.CentreA, tpsession.NewSessionID())
		assertSafe(t, err, tpsession.Internal)
		assert.NotNil(t, errors.Unwrap(err), "the cause, for logs")
		err = db.CreateSession(ctx, storetest.NewSession(t, storetest.CentreA, storetest.Start))
		assertSafe(t, err, tpsession.Internal)
	})

	t.Run("a cancelled context is reported as such", func(t *testing.T) {
		db := open(t, tempPath(t))
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		_, err := db.Session(cancelled, storetest.CentreA, tpsession.NewSessionID())
		assert.ErrorIs(t, err, context.Canceled)
		assertSafe(t, err, tpsession.Internal)
		err = db.CreateSession(cancelled, storetest.NewSession(t, storetest.CentreA, storetest.Start))
		assert.ErrorIs(t, err, context.Canceled)
		assertSafe(t, err, tpsession.Internal)
		expired, cancel := context.WithDeadline(ctx, time.Unix(0, 0))
		defer cancel()
		err = db.Atomic(expired, func(context.Context) error { return nil })
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assertSafe(t, err, tpsession.Internal)
	})

	t.Run("a failure is not reported as cancelled because the context also ended", func(t *testing.T) {
		db, err := sqlite.Open(ctx, tempPath(t))
		require.NoError(t, err)
		require.NoError(t, db.Close())
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		_, err = db.Session(cancelled, storetest.CentreA, tpsession.NewSessionID())
		assertSafe(t, err, tpsession.Internal)
		assert.NotErrorIs(t, err, context.Canceled, "the database was closed: that is the failure")
	})

	t.Run("a duplicate without a sentinel of its own is a Conflict, without SQL", func(t *testing.T) {
		db := open(t, tempPath(t))
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		e := session.Event{ID: tpsession.NewEventID(), Centre: s.Centre, Session: s.ID, At: storetest.At, Actor: "Claire Martin", Action: session.ActionSessionCreated}
		require.NoError(t, db.AppendEvent(ctx, e))
		err := db.AppendEvent(ctx, e)
		assert.ErrorIs(t, err, tpsession.ErrConflict)
		assertSafe(t, err, tpsession.Conflict)
	})

	t.Run("a file that is not a database cannot be opened", func(t *testing.T) {
		path := tempPath(t)
		require.NoError(t, writeFile(path, strings.Repeat("not a database ", 100)))
		_, err := sqlite.Open(ctx, path)
		assertSafe(t, err, tpsession.Internal)
	})

	t.Run("an empty path is refused", func(t *testing.T) {
		_, err := sqlite.Open(ctx, "")
		assertSafe(t, err, tpsession.Invalid)
	})
}
