package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tpsession/tpsession"
)

// errAborted refuses a statement, or the commit, of a transaction that a
// failure may have rolled back in part: SQLite itself undoes the whole
// transaction when a write is interrupted, and may do so when the disk is
// full or failing. Going on would commit the statements that follow alone.
var errAborted = tpsession.NewError(tpsession.Internal, "sqlite.transaction_aborted",
	"the operation failed part-way and was undone: nothing it wrote was saved")

// querier runs the statements of a store call: on the read connections, or
// in a write transaction.
type querier interface {
	// exec runs a statement that returns no rows.
	exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	// query runs a statement and calls each for every row it returns, until
	// each fails.
	query(ctx context.Context, each func(*sql.Rows) error, query string, args ...any) error
}

// queryRow runs a query of one row and scans it into dest; sql.ErrNoRows
// when the query returns none.
func queryRow(ctx context.Context, q querier, query string, args []any, dest ...any) error {
	found := false
	err := q.query(ctx, func(rows *sql.Rows) error {
		found = true
		return rows.Scan(dest...)
	}, query, args...)
	if err == nil && !found {
		return sql.ErrNoRows
	}
	return err
}

// sqlQuerier is a *sql.DB or a *sql.Tx.
type sqlQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// plain runs statements outside a transaction of the DB's: on the read
// connections, or during Open.
type plain struct{ q sqlQuerier }

func (p plain) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.q.ExecContext(ctx, query, args...)
}

func (p plain) query(ctx context.Context, each func(*sql.Rows) error, query string, args ...any) error {
	return queryEach(ctx, p.q, each, query, args)
}

func queryEach(ctx context.Context, q sqlQuerier, each func(*sql.Rows) error, query string, args []any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// txKey is the context key of the transaction Atomic runs a function in.
type txKey struct{}

// txState is a write transaction of one DB, carried by the context of the
// function Atomic runs, and by the store calls that take part in it. It is
// the querier of those calls: every statement of the transaction runs
// through it.
type txState struct {
	db *DB
	tx *sql.Tx
	// ctx is the transaction's own context: the context Atomic (or the
	// store call that began the transaction) was given, carrying the
	// transaction. Every statement runs with it, not with the context of
	// the call that joined: a context derived inside fn may end while one
	// of its statements runs, and the driver then interrupts the
	// statement, which makes SQLite roll back the whole transaction behind
	// database/sql's back. Ending ctx itself aborts the whole transaction,
	// as it should.
	ctx context.Context
	// savepoints numbers the savepoints of the calls that join the
	// transaction: nested Atomic calls and store writes.
	savepoints atomic.Int64
	// aborted, once set, is the failure after which the transaction can
	// no longer be trusted whole: its statements and its commit are
	// refused, and it is rolled back.
	aborted atomic.Pointer[tpsession.Error]
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

// Atomic runs fn in one transaction: the store methods called with the
// context fn receives take part in it, and their writes are committed
// together when fn returns nil, or all rolled back when it returns an
// error, which Atomic returns unchanged.
//
// Called with a context that already carries a transaction of db, Atomic
// joins it: fn runs in the outer transaction, under a savepoint, so that
// an error from fn still undoes fn's own writes (and only those) whatever
// the outer function does with that error.
//
// The statements of the transaction run with the context of its outermost
// Atomic call: ending a context derived from fn's, by a cancel or a
// deadline, does not stop a store call that has started (one called with
// it once it has ended does nothing); ending the outermost one rolls the
// whole transaction back. After a failure that may have undone part of
// the transaction (the outermost context ending, a full disk), its
// further statements and its commit are refused.
//
// Store methods inside fn must be given fn's context, or one derived from
// it: one given another context waits for the write connection fn holds,
// until that context ends. fn must not use the transaction from several
// goroutines.
func (db *DB) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if st := db.txOf(ctx); st != nil {
		return st.nested(ctx, fn)
	}
	return db.inTx(ctx, func(ctx context.Context, _ querier) error { return fn(ctx) })
}

// inTx runs f in a new write transaction, started with BEGIN IMMEDIATE: it
// takes the write lock at once, so that two writers never deadlock
// upgrading a read lock. f receives the transaction's context and its
// querier; its error is returned unchanged.
func (db *DB) inTx(ctx context.Context, f func(ctx context.Context, q querier) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return failure(err, nil)
	}
	// Rolls back when f fails or panics, and is a no-op after Commit: the
	// error that matters is f's or Commit's.
	defer tx.Rollback()
	st := &txState{db: db, tx: tx}
	st.ctx = context.WithValue(ctx, txKey{}, st)
	if err := db.checkSchema(st); err != nil {
		return err
	}
	if err := f(st.ctx, st); err != nil {
		return err
	}
	if err := st.usable(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return failure(st.explain(err), nil)
	}
	return nil
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
	name := fmt.Sprintf("atomic_%d", st.savepoints.Add(1))
	if err := st.savepoint("SAVEPOINT " + name); err != nil {
		return err
	}
	returned := false
	defer func() {
		if !returned {
			// fn panicked, or ended its goroutine: what it wrote cannot be
			// undone from here, and a caller that recovers must not commit it.
			st.abort(errAborted.Withf("the operation stopped part-way: nothing it wrote was saved"))
		}
	}()
	err := fn(ctx)
	returned = true
	if err != nil {
		// A savepoint that cannot be undone aborts the transaction: fn's
		// writes are not committed either way, and fn's error says why.
		if st.savepoint("ROLLBACK TO "+name) == nil {
			_ = st.savepoint("RELEASE " + name)
		}
		return err
	}
	return st.savepoint("RELEASE " + name)
}

// savepoint runs a savepoint statement. It runs to its end even when the
// transaction's context ends meanwhile: a savepoint left half-undone would
// leave a failed call's writes in the transaction. Its failure aborts the
// transaction, for the same reason.
func (st *txState) savepoint(stmt string) error {
	if err := st.usable(); err != nil {
		return err
	}
	if _, err := st.tx.ExecContext(context.WithoutCancel(st.ctx), stmt); err != nil {
		return st.abort(failure(st.explain(err), nil))
	}
	return nil
}

// exec runs a statement of the transaction with the transaction's context;
// ctx is the joining call's, which the statement does not watch (see
// txState.ctx).
func (st *txState) exec(_ context.Context, query string, args ...any) (sql.Result, error) {
	if err := st.usable(); err != nil {
		return nil, err
	}
	res, err := st.tx.ExecContext(st.ctx, query, args...)
	return res, st.check(err)
}

// query runs a query of the transaction with the transaction's context,
// as exec does.
func (st *txState) query(_ context.Context, each func(*sql.Rows) error, query string, args ...any) error {
	if err := st.usable(); err != nil {
		return err
	}
	return st.check(queryEach(st.ctx, st.tx, each, query, args))
}

// usable returns the error that aborted the transaction, if any.
func (st *txState) usable() error {
	if err := st.aborted.Load(); err != nil {
		return err
	}
	return nil
}

// check aborts the transaction when err is a failure after which SQLite
// may have rolled it back, and returns err, explained.
func (st *txState) check(err error) error {
	if err == nil {
		return nil
	}
	err = st.explain(err)
	if undoesTransaction(err) {
		st.abort(failure(err, nil))
	}
	return err
}

// explain adds to err the end of the transaction's context, when that is
// why database/sql reports the transaction done: it rolls a transaction
// back as soon as its context ends.
func (st *txState) explain(err error) error {
	if ctxErr := st.ctx.Err(); ctxErr != nil && errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("%w: %w", ctxErr, err)
	}
	return err
}

// abort marks the transaction as no longer whole, because of err, and
// returns the error its statements and commit are refused with from now
// on.
func (st *txState) abort(err error) error {
	e, ok := err.(*tpsession.Error)
	if !ok || e.Code != errAborted.Code {
		e = errAborted.Wrap(err)
	}
	st.aborted.CompareAndSwap(nil, e)
	return st.aborted.Load()
}

// undoesTransaction reports whether err may have ended the transaction a
// statement ran in: the transaction's context ended (database/sql then
// rolls it back, and the driver interrupts the statement running), or
// SQLite reported one of the errors after which it may roll back the whole
// transaction by itself (sqlite.org/lang_transaction.html, "Response To
// Errors Within A Transaction").
func undoesTransaction(err error) bool {
	if isContextErr(err) || errors.Is(err, sql.ErrTxDone) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_INTERRUPT, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_NOMEM:
		return true
	}
	return false
}

// writing runs f in one transaction, so that every write, and every
// update closure, is all or nothing: in the transaction ctx carries, under
// a savepoint (an aggregate and the index derived from it are written by
// several statements), or else in a transaction of its own. f receives
// the transaction's context and querier.
func (db *DB) writing(ctx context.Context, f func(ctx context.Context, q querier) error) error {
	if st := db.txOf(ctx); st != nil {
		return st.nested(ctx, func(context.Context) error { return f(st.ctx, st) })
	}
	return db.inTx(ctx, f)
}

// reader returns what a read runs on: the transaction ctx carries, so that
// a transaction reads its own writes, or else the read connections,
// through prepared statements.
func (db *DB) reader(ctx context.Context) querier {
	if st := db.txOf(ctx); st != nil {
		return st
	}
	return db.stmts
}

// maxStatements bounds the statements a DB keeps prepared: the queries of
// the stores are a few dozen, listings with their filters included.
const maxStatements = 256

// statements runs the reads outside transactions through statements
// prepared once, on each read connection as it first runs one: parsing
// and planning a query costs SQLite as much as reading a row by its key.
type statements struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newStatements(db *sql.DB) *statements {
	return &statements{db: db, m: map[string]*sql.Stmt{}}
}

// stmt returns the prepared statement of query, preparing it the first
// time; nil once the cache is full, when the query runs unprepared.
func (s *statements) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.m[query]; ok {
		return st, nil
	}
	if len(s.m) >= maxStatements {
		return nil, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.m[query] = st
	return st, nil
}

func (s *statements) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.db.ExecContext(ctx, query, args...)
}

func (s *statements) query(ctx context.Context, each func(*sql.Rows) error, query string, args ...any) error {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return err
	}
	if st == nil {
		return queryEach(ctx, s.db, each, query, args)
	}
	return queryEach(ctx, stmtQuerier{st}, each, "", args)
}

// close closes the prepared statements.
func (s *statements) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for q, st := range s.m {
		errs = append(errs, st.Close())
		delete(s.m, q)
	}
	return errors.Join(errs...)
}

// stmtQuerier runs a prepared statement as queryEach runs a query.
type stmtQuerier struct{ st *sql.Stmt }

func (q stmtQuerier) ExecContext(ctx context.Context, _ string, args ...any) (sql.Result, error) {
	return q.st.ExecContext(ctx, args...)
}

func (q stmtQuerier) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return q.st.QueryContext(ctx, args...)
}
