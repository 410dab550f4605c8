package postgres

import (
	"context"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

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

// DB is a PostgreSQL database holding every aggregate of the library,
// through a pool of connections. It implements every store interface and
// session.Transactor, and is safe for concurrent use; several processes
// may share one database.
type DB struct {
	pool *pgxpool.Pool
	// schema is the schema version the package writes: the database's
	// after Open.
	schema      int
	maxAttempts int
	// reruns counts the transactions run again after a conflict.
	reruns atomic.Int64

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

// Option tunes Open. An option overrides the URL parameter of the same
// setting.
type Option func(*config)

type config struct {
	maxConns         int
	statementTimeout time.Duration
	connectRetry     time.Duration
	maxAttempts      int
}

// Defaults of the settings.
const (
	// DefaultConnectRetry is how long Open tries to reach a server that
	// refuses connections, or is starting, before it gives up.
	DefaultConnectRetry = 30 * time.Second
	// DefaultMaxAttempts is how many times a transaction runs when
	// concurrent transactions keep changing what it reads.
	DefaultMaxAttempts = 30
)

// The URL parameters the adapter reads itself; Open removes them before
// the driver sees the URL. pool_max_conns (the driver's) and
// statement_timeout (the server's) are read by the driver.
const (
	paramConnectRetry = "connect_retry"
	paramMaxAttempts  = "max_attempts"
)

// WithMaxConns sets the size of the pool: how many connections, hence
// transactions, the DB uses at once at most (URL parameter pool_max_conns;
// by default the greater of 4 and the number of CPUs).
func WithMaxConns(n int) Option {
	return func(c *config) { c.maxConns = max(n, 1) }
}

// WithStatementTimeout sets how long one statement may run before the
// server cancels it (URL parameter statement_timeout, in milliseconds or
// with a unit: "5s"; by default none). A cancelled statement fails its
// call with an Internal error, and nothing of its transaction is written.
func WithStatementTimeout(d time.Duration) Option {
	return func(c *config) { c.statementTimeout = max(d, time.Millisecond) }
}

// WithConnectRetry sets how long Open waits for a server that cannot be
// reached yet, trying again with growing pauses (URL parameter
// connect_retry, a Go duration: "1m"; DefaultConnectRetry by default; 0
// tries once). A server that answers with a refusal (a wrong password, a
// database that does not exist) is not tried again.
func WithConnectRetry(d time.Duration) Option {
	return func(c *config) { c.connectRetry = max(d, 0) }
}

// WithMaxAttempts sets how many times a transaction runs at most when
// PostgreSQL refuses to commit it because of concurrent transactions
// (URL parameter max_attempts; DefaultMaxAttempts by default). Past it,
// the call fails with ErrContention.
func WithMaxAttempts(n int) Option {
	return func(c *config) { c.maxAttempts = max(n, 1) }
}

// Open connects to the database at url (postgres://user:password@host:port/dbname?param=value…,
// or the key=value form), waiting for a server that cannot be reached yet
// as WithConnectRetry says, and brings its schema to the current version by
// applying the migrations it lacks, each in its own transaction. It
// refuses a database written by a newer version of this package, or
// whose applied migrations differ from this package's. The tables are
// created in the first schema of the connection's search_path (URL
// parameter search_path), so that one database may hold several
// independent stores.
func Open(ctx context.Context, url string, opts ...Option) (*DB, error) {
	cfg := config{connectRetry: DefaultConnectRetry, maxAttempts: DefaultMaxAttempts}
	url, err := ownParams(url, &cfg)
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(&cfg)
	}
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The driver's error may quote the URL, password included.
		return nil, errURL.Withf("the database URL is not valid: give postgres://user:password@host:port/dbname")
	}
	if cfg.maxConns > 0 {
		pc.MaxConns = int32(min(cfg.maxConns, 1<<30))
	}
	if cfg.statementTimeout > 0 {
		pc.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(cfg.statementTimeout.Milliseconds(), 10)
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, errOpen.Wrap(err)
	}
	db := &DB{pool: pool, maxAttempts: cfg.maxAttempts}
	if err := db.connect(ctx, cfg.connectRetry); err != nil {
		pool.Close()
		return nil, err
	}
	if db.schema, err = migrate(ctx, pool, nil); err != nil {
		pool.Close()
		return nil, err
	}
	db.newTables()
	return db, nil
}

// ownParams reads the adapter's own parameters from a postgres:// URL into
// cfg and returns the URL without them.
func ownParams(raw string, cfg *config) (string, error) {
	if !strings.HasPrefix(raw, "postgres://") && !strings.HasPrefix(raw, "postgresql://") {
		return raw, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", errURL.Withf("the database URL is not valid: give postgres://user:password@host:port/dbname")
	}
	q := u.Query()
	if v := q.Get(paramConnectRetry); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return "", errURL.Withf("the database URL's parameter %s is not a duration: give one such as 30s or 2m, got %q", paramConnectRetry, v)
		}
		cfg.connectRetry = d
	}
	if v := q.Get(paramMaxAttempts); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return "", errURL.Withf("the database URL's parameter %s is not a whole number of at least 1, got %q", paramMaxAttempts, v)
		}
		cfg.maxAttempts = n
	}
	q.Del(paramConnectRetry)
	q.Del(paramMaxAttempts)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// connect waits until a connection to the server can be made, for the
// time retry allows, with growing pauses. A refusal by the server (a wrong
// password, a database that does not exist) ends it at once.
func (db *DB) connect(ctx context.Context, retry time.Duration) error {
	deadline := time.Now().Add(retry)
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		err := db.pool.Ping(ctx)
		if err == nil {
			return nil
		}
		if isContextErr(err) || ctx.Err() != nil {
			return failure(err, nil)
		}
		if code := sqlState(err); code != "" && code != cannotConnectNow {
			return errOpen.Withf("the database server refused the connection").Wrap(err)
		}
		left := time.Until(deadline)
		if left <= 0 {
			return ErrUnavailable.Withf("the database could not be reached within %s", retry).Wrap(err)
		}
		if err := sleep(ctx, min(wait, left)); err != nil {
			return failure(err, nil)
		}
	}
}

// sleep waits for d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// jitter returns a random pause in [0, d): transactions that conflicted
// do not run again in step.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// Ping reports whether the database answers: nil, or ErrUnavailable (or
// the end of ctx). It suits a health check.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		if isContextErr(err) {
			return failure(err, nil)
		}
		return ErrUnavailable.Wrap(err)
	}
	return nil
}

// Close closes the pool's connections, waiting for those in use to be
// released. Transactions in progress are rolled back by the server.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Reruns returns how many times a transaction was run again since Open,
// after PostgreSQL refused it for conflicting with concurrent ones: a
// measure of the contention between the program's instances.
func (db *DB) Reruns() int64 { return db.reruns.Load() }

// Stat returns the pool's statistics: connections open, in use, waited
// for.
func (db *DB) Stat() *pgxpool.Stat { return db.pool.Stat() }

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
