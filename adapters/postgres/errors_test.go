package postgres_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/postgres"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/session"
)

// closedPort returns a port of 127.0.0.1 that nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	_, port, err := net.SplitHostPort(l.Addr().String())
	require.NoError(t, err)
	require.NoError(t, l.Close())
	return port
}

func TestErrors(t *testing.T) {
	ctx := context.Background()

	t.Run("an unreadable record is Internal, without the parser's words", func(t *testing.T) {
		u := postgrestest.Schema(t)
		db := open(t, u)
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		require.NoError(t, db.CreateSession(ctx, s))
		_, err := postgrestest.Conn(t, u).Exec(ctx, `UPDATE sessions SET doc = '{"start": "1er mars"}'`)
		require.NoError(t, err)
		_, err = db.Session(ctx, storetest.CentreA, s.ID)
		postgres.AssertSafe(t, err, tpsession.Internal)
		_, err = db.Sessions(ctx, storetest.CentreA, session.Filter{})
		postgres.AssertSafe(t, err, tpsession.Internal)
	})

	t.Run("a closed database is Internal, its error kept as the cause", func(t *testing.T) {
		db, err := postgres.Open(ctx, postgrestest.Schema(t))
		require.NoError(t, err)
		require.NoError(t, db.Close())
		_, err = db.Session(ctx, storetest.CentreA, tpsession.NewSessionID())
		postgres.AssertSafe(t, err, tpsession.Internal)
		assert.NotNil(t, errors.Unwrap(err), "the cause, for logs")
		err = db.CreateSession(ctx, storetest.NewSession(t, storetest.CentreA, storetest.Start))
		postgres.AssertSafe(t, err, tpsession.Internal)
	})

	t.Run("a cancelled context is reported as such", func(t *testing.T) {
		db := fresh(t)
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		_, err := db.Session(cancelled, storetest.CentreA, tpsession.NewSessionID())
		assert.ErrorIs(t, err, context.Canceled)
		postgres.AssertSafe(t, err, tpsession.Internal)
		err = db.CreateSession(cancelled, storetest.NewSession(t, storetest.CentreA, storetest.Start))
		assert.ErrorIs(t, err, context.Canceled)
		expired, cancel := context.WithDeadline(ctx, time.Unix(0, 0))
		defer cancel()
		err = db.Atomic(expired, func(context.Context) error { return nil })
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		postgres.AssertSafe(t, err, tpsession.Internal)
	})

	t.Run("a duplicate without a sentinel of its own is a Conflict, without SQL", func(t *testing.T) {
		db := fresh(t)
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		e := session.Event{ID: tpsession.NewEventID(), Centre: s.Centre, Session: s.ID, At: storetest.At, Actor: "Claire Martin", Action: session.ActionSessionCreated}
		require.NoError(t, db.AppendEvent(ctx, e))
		err := db.AppendEvent(ctx, e)
		assert.ErrorIs(t, err, tpsession.ErrConflict)
		postgres.AssertSafe(t, err, tpsession.Conflict)
	})

	t.Run("a statement past the statement timeout fails, and writes nothing", func(t *testing.T) {
		u := postgrestest.Schema(t)
		db := open(t, postgrestest.WithParams(t, u, map[string]string{"statement_timeout": "200"}))
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		require.NoError(t, db.CreateSession(ctx, s))
		holder := postgrestest.Conn(t, u) // another program, holding the row
		tx, err := holder.Begin(ctx)
		require.NoError(t, err)
		defer tx.Rollback(ctx)
		_, err = tx.Exec(ctx, "SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE", string(s.ID))
		require.NoError(t, err)
		err = db.UpdateSession(ctx, storetest.CentreA, s.ID, func(s *session.Session) error { s.PlannedCandidates++; return nil })
		postgres.AssertSafe(t, err, tpsession.Internal)
		assert.Contains(t, tpsession.MessageOf(err), "statement timeout")
		require.NoError(t, tx.Rollback(ctx))
		got, err := db.Session(ctx, storetest.CentreA, s.ID)
		require.NoError(t, err)
		assert.Equal(t, s.PlannedCandidates, got.PlannedCandidates)
	})

	t.Run("a server out of reach is unavailable once the connection retry has passed", func(t *testing.T) {
		u := "postgres://nobody@127.0.0.1:" + closedPort(t) + "/none?sslmode=disable&connect_retry=300ms"
		_, err := postgres.Open(ctx, u)
		assert.ErrorIs(t, err, postgres.ErrUnavailable)
		postgres.AssertSafe(t, err, tpsession.Internal)
		_, err = postgres.Open(ctx, u, postgres.WithConnectRetry(0))
		assert.ErrorIs(t, err, postgres.ErrUnavailable, "tried once")
	})

	t.Run("a server that comes up during the connection retry is reached", func(t *testing.T) {
		p := postgrestest.NewProxy(t, postgrestest.Schema(t))
		up := make(chan struct{})
		go func() {
			defer close(up)
			time.Sleep(300 * time.Millisecond)
			p.Open()
		}()
		t.Cleanup(func() { <-up })
		db := open(t, p.URL(postgrestest.Schema(t)), postgres.WithConnectRetry(time.Minute))
		require.NoError(t, db.Ping(ctx))
	})

	t.Run("a server that goes away is unavailable, and reached again when it is back", func(t *testing.T) {
		p := postgrestest.NewProxy(t, postgrestest.ServerURL(t))
		p.Open()
		db := open(t, p.URL(postgrestest.Schema(t)))
		require.NoError(t, db.Ping(ctx))
		p.Close()
		err := db.Ping(ctx)
		assert.ErrorIs(t, err, postgres.ErrUnavailable)
		_, err = db.Session(ctx, storetest.CentreA, tpsession.NewSessionID())
		postgres.AssertSafe(t, err, tpsession.Internal)
		p.Open()
		require.Eventually(t, func() bool { return db.Ping(ctx) == nil }, 10*time.Second, 20*time.Millisecond)
		_, err = db.Session(ctx, storetest.CentreA, tpsession.NewSessionID())
		assert.ErrorIs(t, err, session.ErrSessionNotFound)
	})

	t.Run("a refusal by the server is not tried again", func(t *testing.T) {
		u := postgrestest.WithParams(t, postgrestest.ServerURL(t), map[string]string{"connect_retry": "1m"})
		u = strings.Replace(u, "/postgres?", "/no_such_database?", 1)
		began := time.Now()
		_, err := postgres.Open(ctx, u)
		postgres.AssertSafe(t, err, tpsession.Internal)
		assert.NotErrorIs(t, err, postgres.ErrUnavailable)
		assert.Less(t, time.Since(began), 30*time.Second)
	})

	t.Run("a URL that is not valid is Invalid, and its password not repeated", func(t *testing.T) {
		for _, u := range []string{
			"postgres://user:s3cret@127.0.0.1:notaport/db",
			"postgres://user:s3cret@127.0.0.1/db?connect_retry=soon",
			"postgres://user:s3cret@127.0.0.1/db?max_attempts=0",
			"postgres://user:s3cret@127.0.0.1/db?pool_max_conns=many",
		} {
			_, err := postgres.Open(ctx, u)
			postgres.AssertSafe(t, err, tpsession.Invalid)
			assert.NotContains(t, err.Error(), "s3cret", u)
		}
	})

	t.Run("the pool's size is a setting", func(t *testing.T) {
		u := postgrestest.Schema(t)
		assert.Equal(t, int32(3), open(t, postgrestest.WithParams(t, u, map[string]string{"pool_max_conns": "3"})).Stat().MaxConns())
		assert.Equal(t, int32(2), open(t, postgrestest.WithParams(t, u, map[string]string{"pool_max_conns": "3"}), postgres.WithMaxConns(2)).Stat().MaxConns(), "the option wins")
	})
}
