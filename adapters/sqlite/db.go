package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver with database/sql

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
)

// Memory is the path that opens a database held in memory: empty at Open,
// gone at Close. It suits tests and the demo server's -db memory. It has
// one connection, which a transaction holds until it ends: inside
// Atomic's fn, a store method given another context than fn's (or one
// derived from it) would wait for it forever.
const Memory = ":memory:"

// DB is a SQLite database holding every aggregate of the library. It
// implements every store interface and session.Transactor, and is safe for
// concurrent use.
//
// Writes go through one connection, in BEGIN IMMEDIATE transactions, so
// writers queue in the process instead of contending for SQLite's lock;
// reads outside a transaction use a pool of read-only connections that run
// alongside the writer (WAL). An in-memory database has a single
// connection, which reads and writes share.
type DB struct {
	write *sql.DB
	read  *sql.DB
	// stmts are the statements prepared on the read connections.
	stmts *statements
	// closed is set by Close.
	closed atomic.Bool
	// wal is the header of the WAL-index, nil for an in-memory database
	// or where it cannot be read.
	wal *walIndex
	// schema is the schema version the package writes: the database's
	// after Open.
	schema int

	sessions      *table[session.Session]
	candidates    *table[candidate.Candidate]
	registrations *table[candidate.Registration]
	members       *table[jury.Member]
	juries        *table[jury.SessionJury]
	plis          *table[pli.Pli]
	checklists    *table[checklist.Checklist]
	plans         *table[plan.Record]
	agrements     *table[agrement.Agrement]
	programmes    *table[programme.Programme]
	calendars     *table[session.CalendarRecord]
	exams         *table[exam.Record]
	retentions    *table[exam.Retention]
}

// The interfaces DB implements.
var (
	_ session.Backend             = (*DB)(nil) // every store below, for session.StoresOf
	_ session.Store               = (*DB)(nil)
	_ session.EventLog            = (*DB)(nil)
	_ session.Transactor          = (*DB)(nil)
	_ candidate.CandidateStore    = (*DB)(nil)
	_ candidate.RegistrationStore = (*DB)(nil)
	_ jury.MemberStore            = (*DB)(nil)
	_ jury.SessionJuryStore       = (*DB)(nil)
	_ pli.Store                   = (*DB)(nil)
	_ checklist.Store             = (*DB)(nil)
	_ plan.Store                  = (*DB)(nil)
	_ agrement.Store              = (*DB)(nil)
	_ programme.Store             = (*DB)(nil)
	_ session.CalendarStore       = (*DB)(nil)
	_ exam.Store                  = (*DB)(nil)
	_ exam.RetentionStore         = (*DB)(nil)
)

// Option tunes Open.
type Option func(*config)

type config struct {
	busyTimeout time.Duration
	readers     int
}

// DefaultBusyTimeout is how long a write waits for another process holding
// the database's write lock before it fails with a Conflict "try again".
const DefaultBusyTimeout = 5 * time.Second

// WithBusyTimeout sets how long a write waits for the write lock that
// another process holds (DefaultBusyTimeout by default). Writers of one
// DB never wait on each other this way: they queue for its one write
// connection, for as long as their context allows.
func WithBusyTimeout(d time.Duration) Option {
	return func(c *config) { c.busyTimeout = max(d, 0) }
}

// WithReaders sets how many connections serve reads outside transactions
// (by default the number of CPUs, at least 2). It has no effect on an
// in-memory database.
func WithReaders(n int) Option {
	return func(c *config) { c.readers = max(n, 1) }
}

// Open opens the database at path, creating the file when it does not
// exist, and brings its schema to the current version by applying the
// migrations it lacks, each in its own transaction. It refuses a database
// written by a newer version of this package. Memory opens an in-memory
// database.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	cfg := config{busyTimeout: DefaultBusyTimeout, readers: max(runtime.NumCPU(), 2)}
	for _, o := range opts {
		o(&cfg)
	}
	if path == "" {
		return nil, tpsession.ErrInvalidInput.Withf("the database path is empty: give a file path, or %q for an in-memory database", Memory)
	}
	memory := path == Memory

	db := &DB{}
	var err error
	db.write, err = sql.Open("sqlite", dsn(path, cfg, !memory, false))
	if err != nil {
		return nil, failure(err, nil)
	}
	// One writer: SQLite has one write lock per database, and a queue in
	// the process is fairer and faster than its busy-wait. An in-memory
	// database lives as long as its connection, so it must never be closed
	// while the DB is open.
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)
	if err := db.init(ctx, memory, cfg.busyTimeout); err != nil {
		db.write.Close()
		return nil, err
	}

	db.read = db.write
	if !memory {
		db.read, err = sql.Open("sqlite", dsn(path, cfg, false, true))
		if err != nil {
			db.write.Close()
			return nil, failure(err, nil)
		}
		db.read.SetMaxOpenConns(cfg.readers)
		db.read.SetMaxIdleConns(cfg.readers)
	}
	db.stmts = newStatements(db.read)
	if !memory {
		db.wal = openWALIndex(path)
	}
	db.newTables()
	return db, nil
}

// init checks the connection and WAL mode, and migrates the schema. When
// several processes open a new file at once, SQLite may refuse one of them
// a lock without waiting for the busy timeout: putting the file in WAL
// mode needs it alone, and SQLite does not wait on a lock it could
// deadlock on. init tries again until the busy timeout has passed.
func (db *DB) init(ctx context.Context, memory bool, busyTimeout time.Duration) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		err := db.setUp(ctx, memory)
		if err == nil || !isBusy(err) {
			return err
		}
		if time.Now().Add(wait).After(deadline) {
			return errOpen.Withf("another program kept the database locked for longer than the busy timeout (%s)", busyTimeout).Wrap(err)
		}
		select {
		case <-ctx.Done():
			return failure(ctx.Err(), nil)
		case <-time.After(wait):
		}
	}
}

// setUp checks the connection and WAL mode, and migrates the schema.
func (db *DB) setUp(ctx context.Context, memory bool) error {
	if !memory {
		var mode string
		if err := queryRow(ctx, plain{db.write}, "PRAGMA journal_mode", nil, &mode); err != nil {
			if isContextErr(err) {
				return failure(err, nil)
			}
			return errOpen.Wrap(err) // not a database, unreadable, locked by another program
		}
		if !strings.EqualFold(mode, "wal") {
			return errOpen.Withf("the database could not be put in WAL mode (it is in %s mode): is it on a network file system?", mode)
		}
	}
	scripts, err := loadMigrations()
	if err != nil {
		return err
	}
	db.schema, err = migrate(ctx, db.write, scripts, -1)
	return err
}

// dsn is the data source name of path for the driver: the pragmas every
// connection runs when it opens. Foreign keys are per connection and off by
// default in SQLite; WAL is a property of the file, set once by the writer.
// synchronous=FULL makes a commit durable when it returns, power loss
// included: an acknowledged write is never lost.
func dsn(path string, cfg config, wal, readOnly bool) string {
	pragmas := []string{
		fmt.Sprintf("busy_timeout(%d)", cfg.busyTimeout.Milliseconds()),
		"foreign_keys(1)",
		"synchronous(FULL)",
	}
	if wal {
		pragmas = append(pragmas, "journal_mode(WAL)")
	}
	if readOnly {
		pragmas = append(pragmas, "query_only(1)")
	}
	q := "_txlock=immediate"
	for _, p := range pragmas {
		q += "&_pragma=" + p
	}
	if path == Memory {
		return path + "?" + q
	}
	// A file: URI, so that a path holding '?' or '#' is still a path.
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path) + "?" + q
}

// Close closes the database. Transactions in progress are rolled back.
func (db *DB) Close() error {
	db.closed.Store(true)
	err := errors.Join(db.stmts.close(), db.wal.close())
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if werr := db.write.Close(); err == nil {
		err = werr
	}
	if err != nil {
		return errStore.Withf("closing the database failed").Wrap(err)
	}
	return nil
}

func (db *DB) newTables() {
	db.sessions = sessionTable()
	db.candidates = candidateTable()
	db.registrations = registrationTable()
	db.members = memberTable()
	db.juries = sessionJuryTable()
	db.plis = pliTable()
	db.checklists = checklistTable()
	db.plans = planTable()
	db.agrements = agrementTable()
	db.programmes = programmeTable()
	db.calendars = calendarTable()
	db.exams = examTable()
	db.retentions = retentionTable()
}
