package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
)

// querier is what a store method runs its statements on: the database, or
// the transaction its context carries.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txKey is the context key of the transaction Atomic runs a function in.
type txKey struct{}

// txState is a transaction of one DB, carried by the context of the
// function Atomic runs.
type txState struct {
	db *DB
	tx *sql.Tx
	// savepoints numbers the savepoints of the calls that join the
	// transaction: nested Atomic calls and store writes.
	savepoints atomic.Int64
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
// Store methods inside fn must be given fn's context: one given another
// context waits for the write connection fn holds, until that context
// ends. fn must not use the transaction from several goroutines.
func (db *DB) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	if st := db.txOf(ctx); st != nil {
		return st.nested(ctx, fn)
	}
	return db.inTx(ctx, func(ctx context.Context, _ querier) error { return fn(ctx) })
}

// inTx runs f in a new write transaction, started with BEGIN IMMEDIATE: it
// takes the write lock at once, so that two writers never deadlock
// upgrading a read lock. f's error is returned unchanged.
func (db *DB) inTx(ctx context.Context, f func(ctx context.Context, q querier) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return failure(ctx, err, nil)
	}
	// Rolls back when f fails or panics, and is a no-op after Commit: the
	// error that matters is f's or Commit's.
	defer tx.Rollback()
	st := &txState{db: db, tx: tx}
	if err := f(context.WithValue(ctx, txKey{}, st), tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return failure(ctx, err, nil)
	}
	return nil
}

// nested runs fn under a savepoint of the transaction.
func (st *txState) nested(ctx context.Context, fn func(ctx context.Context) error) error {
	name := fmt.Sprintf("atomic_%d", st.savepoints.Add(1))
	if _, err := st.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return failure(ctx, err, nil)
	}
	if err := fn(ctx); err != nil {
		if _, rerr := st.tx.ExecContext(ctx, "ROLLBACK TO "+name); rerr != nil {
			// The savepoint could not be undone: the outer transaction
			// must not commit what fn left half-written.
			return failure(ctx, rerr, nil)
		}
		_, _ = st.tx.ExecContext(ctx, "RELEASE "+name)
		return err
	}
	if _, err := st.tx.ExecContext(ctx, "RELEASE "+name); err != nil {
		return failure(ctx, err, nil)
	}
	return nil
}

// writing runs f in one transaction, so that every write, and every
// update closure, is all or nothing: in the transaction ctx carries, under
// a savepoint (an aggregate and the index derived from it are written by
// several statements), or else in a transaction of its own.
func (db *DB) writing(ctx context.Context, f func(ctx context.Context, q querier) error) error {
	if st := db.txOf(ctx); st != nil {
		return st.nested(ctx, func(ctx context.Context) error { return f(ctx, st.tx) })
	}
	return db.inTx(ctx, f)
}

// reader returns what a read runs on: the transaction ctx carries, so that
// a transaction reads its own writes, or else the read connections.
func (db *DB) reader(ctx context.Context) querier {
	if st := db.txOf(ctx); st != nil {
		return st.tx
	}
	return db.read
}
