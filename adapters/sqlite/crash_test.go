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
	"github.com/tpsession/tpsession/jury"
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
// output after each write is committed: "session ID" for a session created
// together with its first event and its jury record, which invites two
// members (one transaction); "custody N" when the crash session's pli
// holds N custody entries; "jury ID MEMBER" when the jury record of
// session ID has replaced its first invitation by one of MEMBER. It
// returns only on a failure, which it prints on standard error.
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
			err := db.AppendEvent(ctx, session.Event{ID: tpsession.NewEventID(), Centre: s.Centre, Session: s.ID, At: at, Actor: "crash", Action: session.ActionSessionCreated})
			if err != nil {
				return err
			}
			j := jury.NewSessionJury(jury.Session{ID: s.ID, Centre: s.Centre})
			j.Invitations = []jury.Invitation{
				{Member: tpsession.NewMemberID(), InvitedOn: storetest.Today},
				{Member: tpsession.NewMemberID(), InvitedOn: storetest.Today},
			}
			return db.CreateSessionJury(ctx, j)
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

		// The index of invitations loses a row and gains one.
		replacement := tpsession.NewMemberID()
		err = db.UpdateSessionJury(ctx, s.Centre, s.ID, func(j *jury.SessionJury) error {
			j.Invitations[0] = jury.Invitation{Member: replacement, InvitedOn: storetest.Today}
			return nil
		})
		if err != nil {
			return fail(err)
		}
		fmt.Println("jury", s.ID, replacement)
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
	// invited maps a session whose jury update was acknowledged to the
	// member that update invited.
	invited map[tpsession.SessionID]tpsession.MemberID
	count   int
}

// kill says when a round kills its child: delay after it prints the line
// after, or, when ack is not 0, as soon as it prints its ack-th
// acknowledgement of the kind.
type kill struct {
	after string
	delay time.Duration
	kind  string
	ack   int
}

// ackKinds are the kinds of acknowledgement the child prints.
var ackKinds = []string{"session", "custody", "jury"}

// TestCrash kills a writing child process with SIGKILL, then reopens the
// database: every write the child acknowledged is there, the index of jury
// invitations agrees with the jury records, and the database passes
// SQLite's integrity check. The first round is killed within moments of
// starting to open the new file, most likely while it creates the schema.
// The others alternate: killed at a random moment while they write, or as
// soon as they print a randomly chosen acknowledgement (of each kind in
// turn), which catches an acknowledgement printed before its commit.
//
// SIGKILL ends the process, not the machine: the page cache survives it,
// so this tests process crashes only. Durability on power loss rests on
// synchronous=FULL, which TestConnectionPragmas checks.
func TestCrash(t *testing.T) {
	rounds := 13
	if testing.Short() {
		rounds = 7
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	exe, err := os.Executable()
	require.NoError(t, err)
	path := tempPath(t)

	got := acks{invited: map[tpsession.SessionID]tpsession.MemberID{}}
	for round := range rounds {
		k := kill{after: "ready", delay: time.Duration(rng.Int64N(int64(300 * time.Millisecond)))}
		switch {
		case round == 0:
			k = kill{after: "opening", delay: time.Duration(rng.Int64N(int64(50 * time.Millisecond)))}
		case round%2 == 1:
			k = kill{kind: ackKinds[round/2%len(ackKinds)], ack: 1 + rng.IntN(10)}
		}
		runCrashRound(t, exe, path, k, &got)
		checkAcked(t, path, got)
	}
	t.Logf("%d rounds, %d acknowledgements: %d sessions, %d custody entries", rounds, got.count, len(got.sessions), got.custody)
	assert.NotEmpty(t, got.sessions, "the child acknowledged writes before it was killed")
}

// runCrashRound runs the child on path and kills it as k says, collecting
// what it acknowledged.
func runCrashRound(t *testing.T, exe, path string, k kill, got *acks) {
	t.Helper()
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	acked := map[string]int{}
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case k.after:
			time.AfterFunc(k.delay, func() { _ = cmd.Process.Kill() }) // SIGKILL: no chance to clean up
			continue
		case "session":
			got.sessions = append(got.sessions, tpsession.SessionID(fields[1]))
		case "custody":
			n, err := strconv.Atoi(fields[1])
			require.NoError(t, err)
			got.custody = max(got.custody, n)
		case "jury":
			got.invited[tpsession.SessionID(fields[1])] = tpsession.MemberID(fields[2])
		default:
			continue
		}
		got.count++
		if acked[fields[0]]++; fields[0] == k.kind && acked[fields[0]] == k.ack {
			_ = cmd.Process.Kill() // at once: the write acknowledged must already be committed
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "the child is killed, it does not stop by itself: %s", stderr.String())
	require.False(t, exit.Exited(), "the child failed: %s", stderr.String())
}

// checkAcked reopens the database and checks that it holds every
// acknowledged write, that its index of invitations agrees with the jury
// records, and that it passes SQLite's integrity check.
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
		_, err = db.SessionJury(ctx, storetest.CentreA, sid)
		require.NoError(t, err, "the jury record written with session %s", sid)
	}
	for sid, member := range want.invited {
		of, err := db.SessionJuriesOfMember(ctx, storetest.CentreA, member)
		require.NoError(t, err)
		require.Len(t, of, 1, "acknowledged invitation of %s", member)
		assert.Equal(t, sid, of[0].Session)
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
	var missing, extra int
	require.NoError(t, raw.QueryRowContext(ctx, sqlite.InvitationIndexDrift).Scan(&missing, &extra))
	assert.Zero(t, missing, "invitations of a jury record missing from the index")
	assert.Zero(t, extra, "index rows that no jury record holds")
	var result string
	require.NoError(t, raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result))
	assert.Equal(t, "ok", result)
	rows, err := raw.QueryContext(ctx, "PRAGMA foreign_key_check")
	require.NoError(t, err)
	defer rows.Close()
	assert.False(t, rows.Next(), "no dangling reference")
}
