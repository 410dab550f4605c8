package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/jury"
)

// rawDB opens the file at path without migrating it, as the writer does.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", dsn(path, config{busyTimeout: DefaultBusyTimeout}, true, false))
	require.NoError(t, err)
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	return raw
}

func userVersion(t *testing.T, q sqlQuerier) int {
	t.Helper()
	var v int
	require.NoError(t, queryRow(context.Background(), plain{q}, "PRAGMA user_version", nil, &v))
	return v
}

func TestMigrationsAreInSequence(t *testing.T) {
	scripts, err := loadMigrations()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(scripts), 2)
	for i, s := range scripts {
		assert.NotEmpty(t, s, "migration %d", i+1)
	}
}

// TestUpgradeFromVersion1 stores jury records in a database left at schema
// version 1, then opens it: the upgrade keeps them, and fills the index of
// invitations that version 2 adds from them.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw := rawDB(t, path)
	require.NoError(t, migrate(ctx, raw, 1))
	require.Equal(t, 1, userVersion(t, raw))

	member := tpsession.NewMemberID()
	invited := jury.NewSessionJury(jury.Session{ID: tpsession.NewSessionID(), Centre: storetest.CentreA})
	invited.Invitations = []jury.Invitation{
		{Member: member, InvitedOn: storetest.Today},
		{Member: tpsession.NewMemberID(), InvitedOn: storetest.Today, WithdrawnOn: storetest.Today},
	}
	empty := jury.NewSessionJury(jury.Session{ID: tpsession.NewSessionID(), Centre: storetest.CentreA})
	ses := storetest.NewSession(t, storetest.CentreA, storetest.Start)
	// The rows as version 1 wrote them: the same documents, no index.
	juries := sessionJuryTable()
	for _, j := range []jury.SessionJury{invited, empty} {
		doc, err := juries.encode(j)
		require.NoError(t, err)
		_, err = raw.ExecContext(ctx, "INSERT INTO session_juries (session, centre, version, doc) VALUES (?, ?, 1, ?)", string(j.Session), string(j.Centre), doc)
		require.NoError(t, err)
	}
	doc, err := sessionTable().encode(ses)
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, "INSERT INTO sessions (id, centre, start_date, end_date, version, doc) VALUES (?, ?, ?, ?, 1, ?)",
		string(ses.ID), string(ses.Centre), day(ses.Start), day(ses.End), doc)
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	db, err := Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, len(mustMigrations(t)), userVersion(t, db.write), "upgraded to the last version")

	got, err := db.Session(ctx, storetest.CentreA, ses.ID)
	require.NoError(t, err)
	assert.Equal(t, ses, got, "data kept")
	of, err := db.SessionJuriesOfMember(ctx, storetest.CentreA, member)
	require.NoError(t, err)
	assert.Equal(t, []jury.SessionJury{invited}, of, "the index is filled from the records stored before")

	// The index follows the records written after the upgrade.
	require.NoError(t, db.UpdateSessionJury(ctx, storetest.CentreA, empty.Session, func(j *jury.SessionJury) error {
		j.Invitations = append(j.Invitations, jury.Invitation{Member: member, InvitedOn: storetest.Today})
		return nil
	}))
	require.NoError(t, db.UpdateSessionJury(ctx, storetest.CentreA, invited.Session, func(j *jury.SessionJury) error {
		j.Invitations = j.Invitations[1:] // a member dropped from the record
		return nil
	}))
	of, err = db.SessionJuriesOfMember(ctx, storetest.CentreA, member)
	require.NoError(t, err)
	require.Len(t, of, 1)
	assert.Equal(t, empty.Session, of[0].Session)
}

func mustMigrations(t *testing.T) []string {
	t.Helper()
	scripts, err := loadMigrations()
	require.NoError(t, err)
	return scripts
}

func TestReopenAppliesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := Open(ctx, path)
	require.NoError(t, err)
	ses := storetest.NewSession(t, storetest.CentreA, storetest.Start)
	require.NoError(t, db.CreateSession(ctx, ses))
	require.NoError(t, db.Close())

	db, err = Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, len(mustMigrations(t)), userVersion(t, db.write))
	got, err := db.Session(ctx, storetest.CentreA, ses.ID)
	require.NoError(t, err)
	assert.Equal(t, ses, got)
}

func TestNewerDatabaseIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	raw := rawDB(t, path)
	_, err := raw.ExecContext(ctx, "PRAGMA user_version = 999")
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	_, err = Open(ctx, path)
	require.Error(t, err)
	assert.Equal(t, tpsession.Internal, tpsession.KindOf(err))
	assert.Contains(t, err.Error(), "999")
}

// TestConcurrentOpensMigrateOnce opens a new file from several goroutines
// at once, as several processes starting together would: each migration
// is applied once, and every Open succeeds.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			db, err := Open(ctx, path)
			if err == nil {
				err = db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
	raw := rawDB(t, path)
	assert.Equal(t, len(mustMigrations(t)), userVersion(t, raw))
}
