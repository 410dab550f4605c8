package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/session"
)

// twoHandles opens one database file twice: each handle has connections
// of its own, as two processes would.
func twoHandles(t *testing.T) (reader, writer *DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache.db")
	var err error
	reader, err = Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { reader.Close() })
	writer, err = Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { writer.Close() })
	return reader, writer
}

// TestAReadByKeyIsNeverStale reads a session through one handle of a
// database file while another handle, with connections of its own as
// another process would have, changes it: every read after a change sees
// it, and a read with nothing committed meanwhile comes from the cache.
func TestAReadByKeyIsNeverStale(t *testing.T) {
	ctx := context.Background()
	reader, writer := twoHandles(t)
	require.NotNil(t, reader.wal, "the WAL-index header is mapped")

	s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
	require.NoError(t, writer.CreateSession(ctx, s))
	got, err := reader.Session(ctx, storetest.CentreA, s.ID)
	require.NoError(t, err)
	at, known := reader.wal.version()
	require.True(t, known)
	_, cached := reader.sessions.decoded.fresh(string(s.ID), storetest.CentreA, at)
	assert.True(t, cached, "a read with nothing committed since is served from the cache")
	_, err = reader.Session(ctx, storetest.CentreB, s.ID)
	assert.ErrorIs(t, err, session.ErrSessionNotFound, "the cache keeps to the centre")

	for i := range 200 {
		site := fmt.Sprintf("Site %d", i)
		require.NoError(t, writer.UpdateSession(ctx, storetest.CentreA, s.ID, func(v *session.Session) error {
			v.Site = site
			return nil
		}))
		got, err = reader.Session(ctx, storetest.CentreA, s.ID)
		require.NoError(t, err)
		require.Equal(t, site, got.Site, "the read after commit %d sees it", i)
		again, err := reader.Session(ctx, storetest.CentreA, s.ID)
		require.NoError(t, err)
		require.Equal(t, got, again)
	}

	// Values in, copies out: the cache hands out copies.
	got.Site = "changed by the caller"
	again, err := reader.Session(ctx, storetest.CentreA, s.ID)
	require.NoError(t, err)
	assert.Equal(t, "Site 199", again.Site)
}

// TestReadsAndWritesAtOnce reads a session through one handle while
// another writes it: no read ever goes back to an older state than one it
// saw (run under -race).
func TestReadsAndWritesAtOnce(t *testing.T) {
	ctx := context.Background()
	reader, writer := twoHandles(t)
	s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
	s.PlannedCandidates = 1
	require.NoError(t, writer.CreateSession(ctx, s))

	const writes = 100
	var wg sync.WaitGroup
	wg.Go(func() {
		for range writes {
			assert.NoError(t, writer.UpdateSession(ctx, storetest.CentreA, s.ID, func(v *session.Session) error {
				v.PlannedCandidates++
				return nil
			}))
		}
	})
	for range 4 {
		wg.Go(func() {
			seen := 0
			for seen < writes+1 {
				got, err := reader.Session(ctx, storetest.CentreA, s.ID)
				if !assert.NoError(t, err) {
					return
				}
				if !assert.GreaterOrEqual(t, got.PlannedCandidates, seen, "a read never goes back") {
					return
				}
				seen = got.PlannedCandidates
			}
		})
	}
	wg.Wait()
}
