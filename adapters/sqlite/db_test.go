package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConnectionPragmas checks the settings of every connection, which
// SIGKILL in TestCrash cannot test: a commit is durable on power loss only
// with synchronous=FULL in WAL mode.
func TestConnectionPragmas(t *testing.T) {
	ctx := context.Background()
	type pragmas struct {
		journalMode                                 string
		synchronous, foreignKeys, busyMS, queryOnly int
	}
	read := func(t *testing.T, conn *sql.Conn) pragmas {
		t.Helper()
		var p pragmas
		q := plain{conn}
		for pragma, dest := range map[string]any{
			"journal_mode": &p.journalMode, "synchronous": &p.synchronous, "foreign_keys": &p.foreignKeys,
			"busy_timeout": &p.busyMS, "query_only": &p.queryOnly,
		} {
			require.NoError(t, queryRow(ctx, q, "PRAGMA "+pragma, nil, dest), pragma)
		}
		return p
	}
	// conns takes n connections of pool at once, so that each is a
	// different one.
	conns := func(t *testing.T, pool *sql.DB, n int) []*sql.Conn {
		t.Helper()
		out := make([]*sql.Conn, n)
		for i := range out {
			c, err := pool.Conn(ctx)
			require.NoError(t, err)
			t.Cleanup(func() { c.Close() })
			out[i] = c
		}
		return out
	}
	const busy = 1234 * time.Millisecond
	const synchronousFull = 2

	t.Run("file", func(t *testing.T) {
		const readers = 3
		db, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), WithBusyTimeout(busy), WithReaders(readers))
		require.NoError(t, err)
		defer db.Close()
		for _, c := range conns(t, db.write, 1) {
			assert.Equal(t, pragmas{"wal", synchronousFull, 1, 1234, 0}, read(t, c), "the writer")
		}
		for _, c := range conns(t, db.read, readers) {
			assert.Equal(t, pragmas{"wal", synchronousFull, 1, 1234, 1}, read(t, c), "a reader")
		}
	})

	t.Run("memory", func(t *testing.T) {
		db, err := Open(ctx, Memory, WithBusyTimeout(busy))
		require.NoError(t, err)
		defer db.Close()
		for _, c := range conns(t, db.write, 1) {
			assert.Equal(t, pragmas{"memory", synchronousFull, 1, 1234, 0}, read(t, c), "the one connection")
		}
	})
}
