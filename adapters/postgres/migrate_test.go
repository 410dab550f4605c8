package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

func mustMigrations(t *testing.T) []migration {
	t.Helper()
	ms, err := loadMigrations()
	require.NoError(t, err)
	return ms
}

func rawPool(t *testing.T, u string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), u)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

func TestMigrationsAreInSequence(t *testing.T) {
	ms := mustMigrations(t)
	require.NotEmpty(t, ms)
	for i, m := range ms {
		assert.Equal(t, i+1, m.version)
		assert.NotEmpty(t, m.script, "migration %d", i+1)
	}
}

// TestReleasedMigrationsNeverChange pins each released migration: a
// database that ran one never runs it again, so changing it would leave
// the databases already upgraded with another schema than new ones (and
// Open refuses them). A change of schema is a new migration, added here
// once released.
func TestReleasedMigrationsNeverChange(t *testing.T) {
	released := map[string]string{
		"0001_initial.sql":                     "0210b470d0eb006c7677c6a8260e16f584210f893b23a459d743e7ddd06d82f2",
		"0002_agrements_programmes.sql":        "3b4954fd01b821d9ce407b5f25ab86c998b24c76ef1d4d1a6becb383d9a2c5d1",
		"0003_calendars.sql":                   "4fa3ed4b3522043dba92ac13b17946e8ad3d27d39b6a0a449f44a75c00a9511c",
		"0004_exams.sql":                       "99471091e9ec5f1c23eb3891edea2d66c402c086ff1951d875a1a52905b54ead",
		"0005_candidate_keys_and_receipts.sql": "3a33e73aa85afffa2c69ac5844da0fa5c20a429aafec502f36d41537fcb2eec8",
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	require.NoError(t, err)
	for _, name := range names {
		data, err := fs.ReadFile(migrationFiles, name)
		require.NoError(t, err)
		sum := sha256.Sum256(data)
		want, ok := released[path.Base(name)]
		if !assert.True(t, ok, "%s is new: add its SHA-256 %x to released when it is released", name, sum) {
			continue
		}
		assert.Equal(t, want, hex.EncodeToString(sum[:]), "%s changed after its release: restore it, and write the change as a new migration", name)
		delete(released, path.Base(name))
	}
	assert.Empty(t, released, "released migrations removed")
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	ms := mustMigrations(t)

	t.Run("programs opening a new database at once migrate it once", func(t *testing.T) {
		u := postgrestest.Schema(t)
		const n = 4
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				db, err := Open(ctx, u)
				if err == nil {
					db.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		var applied int
		require.NoError(t, postgrestest.Conn(t, u).QueryRow(ctx, "SELECT count(*) FROM tpsession_migrations").Scan(&applied))
		assert.Equal(t, len(ms), applied)
	})

	t.Run("a new migration keeps the data; a failing one is undone whole", func(t *testing.T) {
		u := postgrestest.Schema(t)
		db, err := Open(ctx, u)
		require.NoError(t, err)
		defer db.Close()
		s := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		require.NoError(t, db.CreateSession(ctx, s))
		pool := rawPool(t, u)

		broken := append(ms[:len(ms):len(ms)], migration{version: len(ms) + 1, name: "9999_broken.sql",
			script: "ALTER TABLE sessions ADD COLUMN note text; SELECT no_such_function();", sum: "x"})
		_, err = migrate(ctx, pool, broken)
		assertSafe(t, err, tpsession.Internal)
		var columns int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'sessions' AND column_name = 'note'").Scan(&columns))
		assert.Zero(t, columns, "the migration's first statement is undone")

		next := append(ms[:len(ms):len(ms)], migration{version: len(ms) + 1, name: "9999_note.sql",
			script: "ALTER TABLE sessions ADD COLUMN note text NOT NULL DEFAULT '';", sum: "y"})
		version, err := migrate(ctx, pool, next)
		require.NoError(t, err)
		assert.Equal(t, len(ms)+1, version)
		got, err := db.Session(ctx, storetest.CentreA, s.ID)
		require.NoError(t, err, "the data is kept, and a program of the version before still reads it")
		assert.Equal(t, s, got)

		t.Run("and the program of the version before may no longer write", func(t *testing.T) {
			err := db.UpdateSession(ctx, storetest.CentreA, s.ID, func(*session.Session) error { return nil })
			assert.ErrorIs(t, err, errSchemaChanged)
			assertSafe(t, err, tpsession.Internal)
			err = db.AppendEvent(ctx, session.Event{ID: tpsession.NewEventID(), Centre: s.Centre, Session: s.ID, At: storetest.At, Actor: "x", Action: "a"})
			assert.ErrorIs(t, err, errSchemaChanged)
		})

		t.Run("nor open it", func(t *testing.T) {
			_, err := Open(ctx, u)
			assertSafe(t, err, tpsession.Internal)
			assert.Contains(t, tpsession.MessageOf(err), "newer")
		})
	})

	t.Run("a database that applied another content of a migration is refused", func(t *testing.T) {
		u := postgrestest.Schema(t)
		db, err := Open(ctx, u)
		require.NoError(t, err)
		db.Close()
		_, err = postgrestest.Conn(t, u).Exec(ctx, "UPDATE tpsession_migrations SET sha256 = 'changed' WHERE version = 1")
		require.NoError(t, err)
		_, err = Open(ctx, u)
		assertSafe(t, err, tpsession.Internal)
		assert.Contains(t, tpsession.MessageOf(err), "never changes")
	})
}

// TestUpgradeFillsTheCandidateKeys stores candidates and a calendar in a
// database of schema version 4, the exams' release, then opens it:
// version 5 computes the candidates' name keys, so that they are listed,
// searched and known again like the candidates written after, and the
// calendar is kept.
func TestUpgradeFillsTheCandidateKeys(t *testing.T) {
	ctx := context.Background()
	u := postgrestest.Schema(t)
	pool := rawPool(t, u)
	_, err := migrate(ctx, pool, mustMigrations(t)[:4])
	require.NoError(t, err)
	sid := tpsession.NewSessionID()
	published := session.CalendarRecord{Centre: storetest.CentreA, Session: sid, Key: "member:mem_1", Events: []session.PublishedEvent{
		{UID: "uid-1", Digest: "d1", Sequence: 2, Modified: time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC), Day: storetest.Start},
	}}
	doc, err := records.Calendars.Encode(published)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, "INSERT INTO calendars (centre, id, session, version, doc) VALUES ($1, $2, $3, 1, $4)",
		string(published.Centre), records.CalendarID(sid, published.Key), string(sid), doc)
	require.NoError(t, err)
	old := []candidate.Candidate{
		{Centre: storetest.CentreA, ID: tpsession.NewCandidateID(), FirstName: "Léa", LastName: "Dubois", BirthDate: date.New(1998, 4, 12), Route: candidate.RouteVAE},
		{Centre: storetest.CentreA, ID: tpsession.NewCandidateID(), FirstName: "Noé", LastName: "Œuvray", BirthDate: date.New(1990, 1, 2), Route: candidate.RouteFormation},
	}
	for _, c := range old {
		doc, err := records.Candidates.Encode(c)
		require.NoError(t, err)
		_, err = pool.Exec(ctx, "INSERT INTO candidates (centre, id, version, doc) VALUES ($1, $2, 1, $3)", string(c.Centre), string(c.ID), doc)
		require.NoError(t, err)
	}

	db, err := Open(ctx, u)
	require.NoError(t, err)
	defer db.Close()
	newer := candidate.Candidate{Centre: storetest.CentreA, ID: tpsession.NewCandidateID(), FirstName: "Marc", LastName: "Durand", BirthDate: date.New(1985, 6, 1), Route: candidate.RouteVAE}
	require.NoError(t, db.CreateCandidate(ctx, newer))
	ids := func(q candidate.Query) []tpsession.CandidateID {
		got, err := db.Candidates(ctx, storetest.CentreA, q)
		require.NoError(t, err)
		var out []tpsession.CandidateID
		for _, c := range got {
			out = append(out, c.ID)
		}
		return out
	}
	assert.Equal(t, []tpsession.CandidateID{old[0].ID, newer.ID, old[1].ID}, ids(candidate.Query{}), "by last name")
	assert.Equal(t, []tpsession.CandidateID{old[1].ID}, ids(candidate.Query{Name: "oeuvray"}))
	assert.Equal(t, []tpsession.CandidateID{old[0].ID, newer.ID}, ids(candidate.Query{Route: candidate.RouteVAE}))
	twin := candidate.Candidate{FirstName: "LEA", LastName: "dubois", BirthDate: date.New(1998, 4, 12)}.Identity()
	assert.Equal(t, []tpsession.CandidateID{old[0].ID}, ids(candidate.Query{Identity: &twin}))
	kept, err := db.Calendar(ctx, storetest.CentreA, sid, published.Key)
	require.NoError(t, err)
	assert.Equal(t, published, kept, "the calendar published before the upgrade")
}
