package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
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

// TestReleasedMigrationsNeverChange pins each released migration: a
// database that ran one never runs it again, so changing it would leave
// the databases already upgraded with another schema than new ones. A
// change of schema is a new migration, added here once released.
func TestReleasedMigrationsNeverChange(t *testing.T) {
	released := map[string]string{
		"0001_initial.sql":              "7202ddc985fb2abff3bf194292d79c283e1c348e5178afaecf4d79c831667452",
		"0002_jury_invitations.sql":     "64970f74c62df3278355c369bc261a359a68e8b35206f4ae2aa0fbdf155135a3",
		"0003_agrements_programmes.sql": "1d0a4c457559680532c3757edb6c60be2c21738154638f64a67ca5c8fd64378e",
		"0004_calendars.sql":            "6453d57de9dba3a689a0c75b8f66c593fb065f5d9a8c9284a805cbf129689287",
		"0005_exams.sql":                "1bcc991a993520cfb5ddb5fc307b7543a0fd0608f97e0e1a775992de040b72a7",
		"0006_candidate_keys.sql":       "40d6bc5bfe2d67cde6bb21c312c20991b679849b7690f7e256eb3f6011f76ba9",
		"0007_receipts.sql":             "99660c9bea68e7872dd7a2790d298461d41e4a2aa5a16082acfa2616ddd414e1",
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

// TestUpgradeFromVersion1 opens a database that version 1 of the schema
// left, frozen in testdata/schema_v1.sql: the upgrade keeps its data, and
// fills the index of invitations that version 2 adds from the jury
// records.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw := rawDB(t, path)
	dump, err := os.ReadFile(filepath.Join("testdata", "schema_v1.sql"))
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, string(dump))
	require.NoError(t, err)
	require.Equal(t, 1, userVersion(t, raw))
	require.NoError(t, raw.Close())

	db, err := Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	assert.Equal(t, len(mustMigrations(t)), userVersion(t, db.write), "upgraded to the last version")

	ses, invited, empty := version1Values()
	got, err := db.Session(ctx, centre, sid)
	require.NoError(t, err)
	assert.Equal(t, ses, got, "data kept")
	events, err := db.Events(ctx, centre, sid)
	require.NoError(t, err)
	require.Len(t, events, 1)
	assert.Equal(t, session.ActionSessionCreated, events[0].Action)
	gotJury, err := db.SessionJury(ctx, centre, otherSid)
	require.NoError(t, err)
	assert.Equal(t, empty, gotJury)
	for _, m := range []tpsession.MemberID{mid, other} {
		of, err := db.SessionJuriesOfMember(ctx, centre, m)
		require.NoError(t, err)
		assert.Equal(t, []jury.SessionJury{invited}, of, "the index is filled from the records stored before, withdrawn invitations included")
	}
	indexAgrees(t, db)

	// The index follows the records written after the upgrade.
	require.NoError(t, db.UpdateSessionJury(ctx, centre, otherSid, func(j *jury.SessionJury) error {
		j.Invitations = append(j.Invitations, jury.Invitation{Member: mid, InvitedOn: today})
		return nil
	}))
	require.NoError(t, db.UpdateSessionJury(ctx, centre, sid, func(j *jury.SessionJury) error {
		j.Invitations = j.Invitations[1:] // a member dropped from the record
		return nil
	}))
	of, err := db.SessionJuriesOfMember(ctx, centre, mid)
	require.NoError(t, err)
	require.Len(t, of, 1)
	assert.Equal(t, otherSid, of[0].Session)
	indexAgrees(t, db)
}

// rebuildJuries rebuilds session_juries, the table jury_invitations
// references ON DELETE CASCADE, the way SQLite changes a table's columns.
const rebuildJuries = `CREATE TABLE session_juries_new (
	session TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
INSERT INTO session_juries_new SELECT session, centre, version, doc FROM session_juries;
DROP TABLE session_juries;
ALTER TABLE session_juries_new RENAME TO session_juries;
`

// TestMigrationWithForeignKeysOff applies a migration after the released
// ones to a database holding an invited jury.
func TestMigrationWithForeignKeysOff(t *testing.T) {
	ctx := context.Background()
	scripts := mustMigrations(t)
	// setup returns a database at the last released version holding a
	// jury that invites a member.
	setup := func(t *testing.T) *sql.DB {
		path := filepath.Join(t.TempDir(), "t.db")
		db, err := Open(ctx, path)
		require.NoError(t, err)
		j := fullSessionJury()
		require.NoError(t, db.CreateSessionJury(ctx, j))
		require.NoError(t, db.Close())
		return rawDB(t, path)
	}
	invitations := func(t *testing.T, raw *sql.DB) int {
		var n int
		require.NoError(t, queryRow(ctx, plain{raw}, "SELECT count(*) FROM jury_invitations", nil, &n))
		return n
	}
	foreignKeys := func(t *testing.T, raw *sql.DB) int {
		var on int
		require.NoError(t, queryRow(ctx, plain{raw}, "PRAGMA foreign_keys", nil, &on))
		return on
	}

	t.Run("without it, rebuilding a referenced table deletes what references it", func(t *testing.T) {
		raw := setup(t)
		require.Equal(t, 2, invitations(t, raw))
		_, err := migrate(ctx, raw, append(scripts, rebuildJuries), -1)
		require.NoError(t, err)
		assert.Zero(t, invitations(t, raw), "ON DELETE CASCADE: why a migration may ask for foreign keys off")
	})

	t.Run("with it, the rows are kept and foreign keys are back on", func(t *testing.T) {
		raw := setup(t)
		version, err := migrate(ctx, raw, append(scripts, foreignKeysOff+"\n"+rebuildJuries), -1)
		require.NoError(t, err)
		assert.Equal(t, len(scripts)+1, version)
		assert.Equal(t, len(scripts)+1, userVersion(t, raw))
		assert.Equal(t, 2, invitations(t, raw))
		assert.Equal(t, 1, foreignKeys(t, raw))
	})

	t.Run("with it, a migration that leaves a dangling reference is refused whole", func(t *testing.T) {
		raw := setup(t)
		_, err := migrate(ctx, raw, append(scripts, foreignKeysOff+"\nDELETE FROM session_juries;"), -1)
		require.Error(t, err)
		assertSafeMessage(t, err)
		assert.Equal(t, len(scripts), userVersion(t, raw), "not applied")
		assert.Equal(t, 2, invitations(t, raw))
		var juries int
		require.NoError(t, queryRow(ctx, plain{raw}, "SELECT count(*) FROM session_juries", nil, &juries))
		assert.Equal(t, 1, juries, "rolled back")
		assert.Equal(t, 1, foreignKeys(t, raw))
	})
}

// TestFailedMigrationSaysNoSQL applies a broken migration: Open's error
// says which version failed, and nothing of the SQL or of the driver.
func TestFailedMigrationSaysNoSQL(t *testing.T) {
	ctx := context.Background()
	raw := rawDB(t, filepath.Join(t.TempDir(), "t.db"))
	scripts := mustMigrations(t)
	_, err := migrate(ctx, raw, append(scripts, "CREATE TABLE sessions (id TEXT);"), -1)
	require.Error(t, err)
	assertSafeMessage(t, err)
	assert.Contains(t, err.(*tpsession.Error).Message, strconv.Itoa(len(scripts)+1), "the version that failed")
	assert.Equal(t, len(scripts), userVersion(t, raw), "the versions before it are applied")
}

// TestWriteRefusedOnceANewerProgramUpgraded has another program upgrade
// the database after this one opened it: this one refuses to write, with
// a message that says why, and still reads.
func TestWriteRefusedOnceANewerProgramUpgraded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	s, _, _ := version1Values()
	require.NoError(t, db.CreateSession(ctx, s))

	newer := rawDB(t, path)
	_, err = newer.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", db.schema+1))
	require.NoError(t, err)

	err = db.UpdateSession(ctx, centre, sid, func(s *session.Session) error { s.Site = "Villeurbanne"; return nil })
	assert.ErrorIs(t, err, errSchemaChanged)
	assert.Equal(t, tpsession.Internal, tpsession.KindOf(err))
	assert.Contains(t, err.Error(), "newer version of the program")
	assertSafeMessage(t, err)
	err = db.Atomic(ctx, func(context.Context) error { return nil })
	assert.ErrorIs(t, err, errSchemaChanged)
	got, err := db.Session(ctx, centre, sid)
	require.NoError(t, err, "reads go on")
	assert.Equal(t, s, got, "nothing was written")

	_, err = newer.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", db.schema))
	require.NoError(t, err)
	assert.NoError(t, db.UpdateSession(ctx, centre, sid, func(*session.Session) error { return nil }))
}

// assertSafeMessage checks that err's message, the part a user may see,
// says nothing of SQL or of the driver.
func assertSafeMessage(t *testing.T, err error) {
	t.Helper()
	e, ok := err.(*tpsession.Error)
	require.True(t, ok, "a *tpsession.Error, got %T: %v", err, err)
	for _, leak := range []string{"sql", "select", "insert", "delete", "create", "table", "constraint", "foreign", "(1)", "syntax"} {
		assert.NotContains(t, strings.ToLower(e.Message), leak)
	}
}

// version1Values are the aggregates that testdata/schema_v1.sql holds.
func version1Values() (session.Session, jury.SessionJury, jury.SessionJury) {
	s := session.Session{
		ID: sid, Centre: centre, Title: "TP-01281", TitleName: "Concepteur développeur d'applications",
		Kind: tpsession.KindTitre, Site: "12 rue des Lilas, 69003 Lyon", Start: start, End: start + 2, PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"}, CreatedAt: at,
	}
	s.RestoreMilestones(session.Milestones{DeclaredOn: today})
	invited := jury.SessionJury{
		Centre: centre, Session: sid,
		Invitations: []jury.Invitation{
			{Member: mid, InvitedOn: today, Answer: jury.Accepted, AnsweredOn: today + 1},
			{Member: other, InvitedOn: today, WithdrawnOn: today + 2},
		},
	}
	empty := jury.NewSessionJury(jury.Session{ID: otherSid, Centre: centre})
	return s, invited, empty
}

const otherSid tpsession.SessionID = "ses_01JDQ2V7X8K9M0N1P2R3S4T5VC"

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

// TestConcurrentOpensMigrateOnce opens new files from several goroutines
// at once, as several processes starting together would: each migration
// is applied once, and every Open succeeds, though SQLite refuses some of
// them a lock at first.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	ctx := context.Background()
	const files, n = 8, 6
	for range files {
		path := filepath.Join(t.TempDir(), "t.db")
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
}

// TestUpgradeFillsTheCandidateKeys stores candidates and a calendar in a
// database of schema version 5, the exams' release, then opens it:
// version 6 computes the candidates' name keys, so that they are listed,
// searched and known again like the candidates written after, and the
// calendar is kept.
func TestUpgradeFillsTheCandidateKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	raw := rawDB(t, path)
	_, err := migrate(ctx, raw, mustMigrations(t), 5)
	require.NoError(t, err)
	published := session.CalendarRecord{Centre: centre, Session: sid, Key: "member:mem_1", Events: []session.PublishedEvent{
		{UID: "uid-1", Digest: "d1", Sequence: 2, Modified: at, Day: start},
	}}
	doc, err := records.Calendars.Encode(published)
	require.NoError(t, err)
	_, err = raw.ExecContext(ctx, "INSERT INTO calendars (id, centre, session, version, doc) VALUES (?, ?, ?, 1, ?)",
		records.CalendarID(sid, published.Key), string(centre), string(sid), doc)
	require.NoError(t, err)
	old := []candidate.Candidate{
		{Centre: centre, ID: tpsession.NewCandidateID(), FirstName: "Léa", LastName: "Dubois", BirthDate: date.New(1998, 4, 12), Route: candidate.RouteVAE},
		{Centre: centre, ID: tpsession.NewCandidateID(), FirstName: "Noé", LastName: "Œuvray", BirthDate: date.New(1990, 1, 2), Route: candidate.RouteFormation},
	}
	for _, c := range old {
		doc, err := records.Candidates.Encode(c)
		require.NoError(t, err)
		_, err = raw.ExecContext(ctx, "INSERT INTO candidates (id, centre, version, doc) VALUES (?, ?, 1, ?)", string(c.ID), string(c.Centre), doc)
		require.NoError(t, err)
	}
	require.NoError(t, raw.Close())

	db, err := Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	newer := candidate.Candidate{Centre: centre, ID: tpsession.NewCandidateID(), FirstName: "Marc", LastName: "Durand", BirthDate: date.New(1985, 6, 1), Route: candidate.RouteVAE}
	require.NoError(t, db.CreateCandidate(ctx, newer))

	ids := func(q candidate.Query) []tpsession.CandidateID {
		got, err := db.Candidates(ctx, centre, q)
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
	kept, err := db.Calendar(ctx, centre, sid, published.Key)
	require.NoError(t, err)
	assert.Equal(t, published, kept, "the calendar published before the upgrade")
}
