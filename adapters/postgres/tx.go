package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tpsession/tpsession"
)

// errAborted refuses a statement, or the commit, of a transaction after a
// failure that may have left part of a call's writes in it, or after which
// PostgreSQL refuses the transaction's further statements.
var errAborted = tpsession.NewError(tpsession.Internal, "postgres.transaction_aborted",
	"the operation failed part-way and was undone: nothing it wrote was saved")

// setCentre makes centre the one the row-level security policies let the
// transaction see and write (true: until the transaction ends, as SET
// LOCAL does).
const setCentre = "SELECT set_config('tpsession.centre', $1, true)"

// querier runs the statements of a store call: on the pool, or in a
// transaction. Every statement is about one centre, which the database's
// row-level security policies are given first.
type querier interface {
	// exec runs a statement that returns no rows.
	exec(ctx context.Context, centre tpsession.CentreID, query string, args ...any) (pgconn.CommandTag, error)
	// query runs a statement and calls each for every row it returns,
	// until each fails.
	query(ctx context.Context, centre tpsession.CentreID, each func(pgx.Rows) error, query string, args ...any) error
}

// queryRow runs a query of one row and scans it into dest; pgx.ErrNoRows
// when the query returns none.
func queryRow(ctx context.Context, q querier, centre tpsession.CentreID, query string, args []any, dest ...any) error {
	found := false
	err := q.query(ctx, centre, func(rows pgx.Rows) error {
		found = true
		return rows.Scan(dest...)
	}, query, args...)
	if err == nil && !found {
		return pgx.ErrNoRows
	}
	return err
}

// eachRow calls each for every row, and closes rows.
func eachRow(rows pgx.Rows, each func(pgx.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// batcher sends batches of statements: the pool, or a connection.
type batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// withCentre runs a statement after giving the row-level security
// policies its centre, both in one batch, hence in one round trip; each,
// when not nil, is called for every row the statement returns. Outside a
// transaction PostgreSQL runs the batch as one implicit transaction, so
// that the centre holds for the statement and ends with it.
func withCentre(ctx context.Context, q batcher, centre tpsession.CentreID, each func(pgx.Rows) error, query string, args ...any) (pgconn.CommandTag, error) {
	b := &pgx.Batch{}
	b.Queue(setCentre, string(centre))
	b.Queue(query, args...)
	br := q.SendBatch(ctx, b)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return pgconn.CommandTag{}, err
	}
	var tag pgconn.CommandTag
	if each == nil {
		var err error
		if tag, err = br.Exec(); err != nil {
			return tag, err
		}
	} else {
		rows, err := br.Query()
		if err != nil {
			return tag, err
		}
		if err := eachRow(rows, each); err != nil {
			return tag, err
		}
		tag = rows.CommandTag()
	}
	return tag, br.Close()
}

// plain runs reads outside a transaction of the DB's, on the pool.
type plain struct{ pool *pgxpool.Pool }

func (p plain) exec(ctx context.Context, centre tpsession.CentreID, query string, args ...any) (pgconn.CommandTag, error) {
	return withCentre(ctx, p.pool, centre, nil, query, args...)
}

func (p plain) query(ctx context.Context, centre tpsession.CentreID, each func(pgx.Rows) error, query string, args ...any) error {
	_, err := withCentre(ctx, p.pool, centre, each, query, args...)
	return err
}

// txKey is the context key of the transaction Atomic runs a function in.
type txKey struct{}

// txState is a transaction of one DB, carried by the context of the
// function Atomic runs, and by the store calls that take part in it. It is
// the querier of those calls: every statement of the transaction runs
// through it. A transaction is used by one goroutine at a time.
type txState struct {
	db *DB
	// conn is the connection the transaction runs on, from BEGIN to
	// COMMIT or ROLLBACK, which the adapter sends itself so that they
	// share round trips with the statements next to them.
	conn *pgxpool.Conn
	// ctx is the transaction's own context: the context Atomic (or the
	// store call that began the transaction) was given, carrying the
	// transaction. Every statement runs with it, not with the context of
	// the call that joined: a context derived inside fn that ends while one
	// of its statements runs would make the driver close the connection,
	// and the whole transaction with it. Ending ctx itself aborts the
	// whole transaction, as it should.
	ctx context.Context
	// centre is the centre the row-level security policies were last
	// given in the transaction; centreSet says whether they were.
	centre    tpsession.CentreID
	centreSet bool
	// depth is how many savepoints of nested calls are open; savepoints
	// numbers them.
	depth, savepoints int
	// execs counts the statements that write.
	execs int
	// aborted, once set, is the failure after which the transaction can
	// no longer be committed: its statements and its commit are refused.
	// A failure inside a nested call (abortDepth greater than the depth
	// the call runs at) is undone with the call's savepoint, unless it is
	// fatal: the connection or the context is gone, or PostgreSQL refused
	// the transaction for conflicting with concurrent ones (retry set),
	// which only running the whole transaction again can get past.
	aborted    *tpsession.Error
	abortDepth int
	fatal      bool
	retry      bool
}

// txOf returns the transaction of db that ctx carries, or nil. A
// transaction of another DB does not count: a write to this database
// cannot take part in it.
func (db *DB) txOf(ctx context.Context) *txState {
	if st, ok := ctx.Value(txKey{}).(*txState); ok && st.db == db {
		return st
	}
	return nil
}

// Atomic runs fn in one SERIALIZABLE transaction: the store methods called
// with the context fn receives take part in it, and their writes are
// committed together when fn returns nil, or all rolled back when it
// returns an error, which Atomic returns unchanged.
//
// fn may run more than once. When PostgreSQL refuses a statement or the
// commit because a concurrent transaction changed what this one read
// (serialization failure, SQLSTATE 40001) or because two transactions wait
// on each other (deadlock, 40P01), Atomic rolls back and runs fn again
// from its start, in a new transaction that sees the other's writes, after
// a short random pause, up to WithMaxAttempts times; then it returns
// ErrContention. So fn must set what it returns afresh on each run, and
// read what it depends on, the clock included, inside the transaction:
// each run then sees, and stamps its writes after, every transaction
// committed before it.
//
// Called with a context that already carries a transaction of db, Atomic
// joins it: fn runs in the outer transaction, under a savepoint, so that
// an error from fn still undoes fn's own writes (and only those) whatever
// the outer function does with that error.
//
// The statements of the transaction run with the context of its outermost
// Atomic call: ending a context derived from fn's does not stop a store
// call that has started (one called with it once it has ended does
// nothing); ending the outermost one rolls the whole transaction back.
// After a failure that may have left part of a store call's writes in the
// transaction, its further statements and its commit are refused.
//
// Store methods inside fn must be given fn's context, or one derived from
// it: one given another context runs on its own connection, outside the
// transaction. fn must not use the transaction from several goroutines.
func (db *DB) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if st := db.txOf(ctx); st != nil {
		return st.nested(ctx, fn)
	}
	return db.inTx(ctx, func(ctx context.Context, _ *txState) error { return fn(ctx) })
}

// inTx runs f in a new transaction, and runs it again in another when
// PostgreSQL refuses the first for conflicting with concurrent
// transactions, as Atomic says. f receives the transaction's context and
// state; its error is returned unchanged.
func (db *DB) inTx(ctx context.Context, f func(ctx context.Context, st *txState) error) error {
	for attempt := 1; ; attempt++ {
		err, again := db.attempt(ctx, f)
		if !again {
			return err
		}
		if attempt >= db.maxAttempts {
			return ErrContention.Withf("the data changed while the operation ran, %d times in a row: nothing was written; try again in a moment", attempt).Wrap(err)
		}
		db.reruns.Add(1)
		// Pauses grow with the attempts, up to 100 ms, at random within
		// them, so that the transactions that collided spread out.
		if err := sleep(ctx, jitter(min(time.Millisecond<<attempt, 100*time.Millisecond))); err != nil {
			return failure(err, nil)
		}
	}
}

// attempt runs f in one transaction, and reports whether it is to run
// again: PostgreSQL refused the transaction for conflicting with
// concurrent ones.
func (db *DB) attempt(ctx context.Context, f func(ctx context.Context, st *txState) error) (err error, again bool) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return failure(err, nil), false
	}
	st := &txState{db: db, conn: conn}
	st.ctx = context.WithValue(ctx, txKey{}, st)
	committed := false
	// Rolls back when f fails or panics. It runs even when ctx has ended,
	// so that the connection goes back to the pool clean; one left in a
	// transaction, or broken, is closed by Release instead.
	defer func() {
		if !committed && !conn.Conn().IsClosed() {
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			_, _ = conn.Exec(rctx, "ROLLBACK")
			cancel()
		}
		conn.Release()
	}()
	// The schema check is the transaction's first statement, sent with its
	// BEGIN: its snapshot is taken then, before fn runs and reads the clock.
	if err := db.begin(st); err != nil {
		return err, st.retry
	}
	err = f(st.ctx, st)
	if st.retry {
		return err, true
	}
	if err != nil {
		return err, false
	}
	if err := st.usable(); err != nil {
		return err, false
	}
	tag, err := conn.Exec(st.ctx, "COMMIT")
	if err != nil {
		return failure(err, nil), retryable(err)
	}
	committed = true
	if tag.String() != "COMMIT" {
		// PostgreSQL answers the COMMIT of a failed transaction with a
		// rollback; the adapter refuses those before, so this is a bug.
		return errAborted.Withf("the database rolled the transaction back instead of committing it: nothing was written"), false
	}
	return nil, false
}

// nested runs fn under a savepoint of the transaction. A call whose
// context has ended starts nothing.
func (st *txState) nested(ctx context.Context, fn func(ctx context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return failure(err, nil)
	}
	if err := st.usable(); err != nil {
		return err
	}
	st.savepoints++
	name := fmt.Sprintf("atomic_%d", st.savepoints)
	if err := st.savepoint("SAVEPOINT " + name); err != nil {
		return err
	}
	st.depth++
	returned := false
	defer func() {
		if !returned {
			// fn panicked, or ended its goroutine: what it wrote cannot be
			// undone from here, and a caller that recovers must not commit it.
			st.depth--
			st.abort(errAborted.Withf("the operation stopped part-way: nothing it wrote was saved"), true)
		}
	}()
	err := fn(ctx)
	returned = true
	st.depth--
	if err != nil {
		if !st.fatal && st.savepoint("ROLLBACK TO SAVEPOINT "+name) == nil {
			if st.aborted != nil && st.abortDepth > st.depth {
				st.aborted = nil // the failure was fn's, and is undone with its writes
			}
			_ = st.savepoint("RELEASE SAVEPOINT " + name)
		}
		return err
	}
	return st.savepoint("RELEASE SAVEPOINT " + name)
}

// savepoint runs a savepoint statement. It runs to its end even when the
// transaction's context ends meanwhile: a savepoint left half-undone would
// leave a failed call's writes in the transaction. Rolling back to a
// savepoint runs after a failure that is not fatal, which it undoes.
func (st *txState) savepoint(stmt string) error {
	if st.fatal || st.aborted != nil && !strings.HasPrefix(stmt, "ROLLBACK") {
		return st.aborted
	}
	if _, err := st.conn.Exec(context.WithoutCancel(st.ctx), stmt); err != nil {
		return st.abort(failure(st.classify(err), nil), true)
	}
	return nil
}

// exec runs a statement of the transaction with the transaction's
// context; ctx is the joining call's, which the statement does not watch
// (see txState.ctx) once it has started.
func (st *txState) exec(ctx context.Context, centre tpsession.CentreID, query string, args ...any) (pgconn.CommandTag, error) {
	if err := st.ready(ctx); err != nil {
		return pgconn.CommandTag{}, err
	}
	st.execs++
	return st.run(centre, nil, query, args...)
}

// query runs a query of the transaction with the transaction's context,
// as exec does.
func (st *txState) query(ctx context.Context, centre tpsession.CentreID, each func(pgx.Rows) error, query string, args ...any) error {
	if err := st.ready(ctx); err != nil {
		return err
	}
	_, err := st.run(centre, each, query, args...)
	return err
}

// run runs a statement of the transaction; each, when not nil, is called
// for every row it returns. The row-level security policies are given the
// statement's centre first, in the same round trip, when it is not the one
// they have.
func (st *txState) run(centre tpsession.CentreID, each func(pgx.Rows) error, query string, args ...any) (pgconn.CommandTag, error) {
	if !st.centreSet || st.centre != centre {
		tag, err := withCentre(st.ctx, st.conn, centre, each, query, args...)
		if err == nil {
			st.centre, st.centreSet = centre, true
		}
		return tag, st.classify(err)
	}
	if each == nil {
		tag, err := st.conn.Exec(st.ctx, query, args...)
		return tag, st.classify(err)
	}
	rows, err := st.conn.Query(st.ctx, query, args...)
	if err != nil {
		return pgconn.CommandTag{}, st.classify(err)
	}
	err = eachRow(rows, each)
	return rows.CommandTag(), st.classify(err)
}

// ready checks that a statement may run: the call's context has not
// ended, and the transaction is usable.
func (st *txState) ready(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return st.usable()
}

// usable returns the error that aborted the transaction, if any.
func (st *txState) usable() error {
	if st.aborted != nil {
		return st.aborted
	}
	return nil
}

// classify aborts the transaction when err is a failure after which it
// cannot be committed, and returns err: an error of the server (after
// which PostgreSQL refuses the transaction's further statements, until a
// savepoint is rolled back to), a conflict with concurrent transactions
// (to run again), the end of the transaction's context or a lost
// connection (fatal).
func (st *txState) classify(err error) error {
	if err == nil {
		return nil
	}
	switch {
	case retryable(err):
		st.retry = true
		st.abort(failure(err, nil), true)
	case isContextErr(err) || st.conn.Conn().IsClosed():
		st.abort(failure(err, nil), true)
	case sqlState(err) != "":
		st.abort(failure(err, nil), false)
	}
	return err
}

// abort marks the transaction as no longer committable, because of err,
// and returns the error its statements and commit are refused with from
// now on. fatal says that rolling back to a savepoint cannot undo it.
func (st *txState) abort(err error, fatal bool) error {
	if st.aborted == nil {
		e, ok := errors.AsType[*tpsession.Error](err)
		if !ok || e.Code != errAborted.Code {
			e = errAborted.Wrap(err)
		}
		st.aborted, st.abortDepth = e, st.depth
	}
	st.fatal = st.fatal || fatal
	return st.aborted
}

// writing runs f, a store call that writes, so that it is all or nothing:
// in the transaction ctx carries, which a failure part-way through f
// aborts, or else in a transaction of its own. f receives the
// transaction's context and state.
func (db *DB) writing(ctx context.Context, f func(ctx context.Context, st *txState) error) error {
	st := db.txOf(ctx)
	if st == nil {
		return db.inTx(ctx, f)
	}
	if err := ctx.Err(); err != nil {
		return failure(err, nil)
	}
	if err := st.usable(); err != nil {
		return err
	}
	before := st.execs
	err := f(st.ctx, st)
	if err != nil && st.execs > before {
		st.abort(err, false)
	}
	return err
}

// reader returns what a read runs on: the transaction ctx carries, so that
// a transaction reads its own writes, or else the pool.
func (db *DB) reader(ctx context.Context) querier {
	if st := db.txOf(ctx); st != nil {
		return st
	}
	return plain{db.pool}
}
