package sqlite_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// crashChildEnv, set to a database path, makes the test binary run
// crashWriter on it instead of the tests: the crash test's child process.
const crashChildEnv = "TPSESSION_SQLITE_CRASH_WRITER"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(crashWriter(path))
	}
	os.Exit(m.Run())
}

// crashSession is the session whose pli every round of the crash test
// appends custody entries to.
const crashSession tpsession.SessionID = "ses_01JDQ2V7X8K9M0N1P2R3S4T5V6"

// crashWriter opens the database at path and writes until it is killed,
// printing "opening" and "ready" around Open, then a line on standard
// output after each write is committed:
// "session ID" for a session created together with its first event (one
// transaction), "custody N" when the crash session's pli holds N custody
// entries. It returns only on a failure, which it prints on standard error.
func crashWriter(path string) int {
	ctx := context.Background()
	fail := func(err error) int { fmt.Fprintln(os.Stderr, err); return 1 }
	fmt.Println("opening")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return fail(err)
	}
	fmt.Println("ready")
	if err := ensureCrashPli(ctx, db); err != nil {
		return fail(err)
	}
	at := storetest.At
	for i := 0; ; i++ {
		s, err := session.New(tpsession.NewSessionID(), storetest.CentreA, session.Details{
			Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre", Site: "Lyon",
			Start: storetest.Start, End: storetest.End, PlannedCandidates: 12,
			Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
		}, at)
		if err != nil {
			return fail(err)
		}
		err = db.Atomic(ctx, func(ctx context.Context) error {
			if err := db.CreateSession(ctx, s); err != nil {
				return err
			}
			return db.AppendEvent(ctx, session.Event{ID: tpsession.NewEventID(), Centre: s.Centre, Session: s.ID, At: at, Actor: "crash", Action: session.ActionSessionCreated})
		})
		if err != nil {
			return fail(err)
		}
		fmt.Println("session", s.ID)

		entries := 0
		err = db.UpdatePli(ctx, storetest.CentreA, crashSession, func(p *pli.Pli) error {
			// Custody entries go forward in time, across the rounds too.
			if n := len(p.Custody); n > 0 && at.Before(p.Custody[n-1].At) {
				at = p.Custody[n-1].At
			}
			at = at.Add(time.Second)
			if err := p.RecordAccess(pli.Access{Reason: fmt.Sprintf("seal check %d", i)}, at, "Claire Martin"); err != nil {
				return err
			}
			entries = len(p.Custody)
			return nil
		})
		if err != nil {
			return fail(err)
		}
		fmt.Println("custody", entries)
	}
}

// ensureCrashPli creates the crash session's pli, secured, unless an
// earlier round did.
func ensureCrashPli(ctx context.Context, db *sqlite.DB) error {
	_, err := db.Pli(ctx, storetest.CentreA, crashSession)
	if !errors.Is(err, pli.ErrPliNotFound) {
		return err
	}
	p, err := pli.New(storetest.CentreA, tpsession.NewPliID(), crashSession)
	if err != nil {
		return err
	}
	at := storetest.At.Add(-time.Hour)
	err = errors.Join(
		p.Order(storetest.Today-30, storetest.Today, at, "Claire Martin"),
		p.ReceiveAndRead(storetest.Today-2, storetest.Today, []pli.Material{{Name: "Papier", Quantity: 100}}, at, "Claire Martin"),
		p.Secure("Coffre, bureau 3", "Claire Martin", at, "Claire Martin"),
	)
	if err != nil {
		return err
	}
	return db.CreatePli(ctx, p)
}

// acks are the writes a child acknowledged, over every round.
type acks struct {
	sessions []tpsession.SessionID
	custody  int
}

// TestCrash kills a writing child process with SIGKILL at random moments,
// then reopens the database: every write the child acknowledged is there,
// and the database passes SQLite's integrity check. The first round is
// killed within moments of starting to open the new file, most likely
// while it creates the schema; the others while they write.
func TestCrash(t *testing.T) {
	rounds := 6
	if testing.Short() {
		rounds = 3
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	exe, err := os.Executable()
	require.NoError(t, err)
	path := tempPath(t)

	var got acks
	for round := range rounds {
		when, within := "ready", 300*time.Millisecond
		if round == 0 {
			when, within = "opening", 50*time.Millisecond
		}
		runCrashRound(t, exe, path, when, time.Duration(rng.Int64N(int64(within))), &got)
		checkAcked(t, path, got)
	}
	t.Logf("%d rounds, %d sessions and %d custody entries acknowledged", rounds, len(got.sessions), got.custody)
	assert.NotEmpty(t, got.sessions, "the child acknowledged writes before it was killed")
}

// runCrashRound runs the child on path and kills it delay after it prints
// the line when, collecting what it acknowledged.
func runCrashRound(t *testing.T, exe, path, when string, delay time.Duration, got *acks) {
	t.Helper()
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		kind, value, _ := strings.Cut(lines.Text(), " ")
		switch kind {
		case when:
			time.AfterFunc(delay, func() { _ = cmd.Process.Kill() }) // SIGKILL: no chance to clean up
		case "session":
			got.sessions = append(got.sessions, tpsession.SessionID(value))
		case "custody":
			n, err := strconv.Atoi(value)
			require.NoError(t, err)
			got.custody = max(got.custody, n)
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "the child is killed, it does not stop by itself: %s", stderr.String())
	require.False(t, exit.Exited(), "the child failed: %s", stderr.String())
}

// checkAcked reopens the database and checks that it holds every
// acknowledged write and passes SQLite's integrity check.
func checkAcked(t *testing.T, path string, want acks) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	require.NoError(t, err, "the database reopens after the crash")
	defer db.Close()
	for _, sid := range want.sessions {
		_, err := db.Session(ctx, storetest.CentreA, sid)
		require.NoError(t, err, "acknowledged session %s", sid)
		events, err := db.Events(ctx, storetest.CentreA, sid)
		require.NoError(t, err)
		require.Len(t, events, 1, "the event written with session %s", sid)
	}
	if want.custody > 0 {
		p, err := db.Pli(ctx, storetest.CentreA, crashSession)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(p.Custody), want.custody, "acknowledged custody entries")
		assert.NoError(t, p.Custody.Verify())
	}

	raw, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	defer raw.Close()
	var result string
	require.NoError(t, raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result))
	assert.Equal(t, "ok", result)
	rows, err := raw.QueryContext(ctx, "PRAGMA foreign_key_check")
	require.NoError(t, err)
	defer rows.Close()
	assert.False(t, rows.Next(), "no dangling reference")
}
