package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
)

// errChanged is returned when a row changed between the read and the write
// of an update. Writes are serialised, so it does not happen; the version
// check keeps the guarantee that no write is lost independent of that.
var errChanged = tpsession.NewError(tpsession.Conflict, "sqlite.concurrent_update", "the record changed while it was being updated: try again")

// table is one kind of aggregate, stored one row each: the aggregate as a
// JSON document, the columns that address it, and a version counting its
// updates. It holds no rule: what an update may change is vetted by the
// domain's own checks, through the aggregate's description.
type table[V any] struct {
	records.Aggregate[V]
	name   string // the SQL table
	keyCol string // the column that identifies a row: "id" or "session"
	// cols are the columns projected from the aggregate, besides the
	// centre, the key, the version and the document; vals returns their
	// values in the same order.
	cols []string
	vals func(V) []any
	// written, when set, runs in the transaction after each insert (old
	// is nil) or update, to keep a table derived from the aggregate in
	// step.
	written func(ctx context.Context, q querier, old *V, v V) error

	insertSQL, updateSQL string

	// decoded keeps the aggregates decoded from the documents last read,
	// by key (see decodeOne).
	decoded docCache[V]
}

// The bounds of a table's cache of decoded documents: its entries, and the
// size of a document it keeps.
const (
	maxDecoded    = 4096
	maxDecodedDoc = 64 << 10
)

// docCache maps a row's key to the document last read from it, the
// aggregate decoded from that document, and the committed state of the
// database the read began in (walIndex). An entry serves a read by key
// outright while nothing was committed since that state, by any process
// (a read then costs neither SQL nor JSON); otherwise it serves a read of
// the very same document, compared byte for byte, which it spares the
// decoding. It is never stale, whoever wrote the row.
type docCache[V any] struct {
	mu sync.Mutex
	m  map[string]decodedDoc[V]
}

type decodedDoc[V any] struct {
	centre tpsession.CentreID
	doc    string
	v      V
	// at is the committed state the read began in, when known.
	at    walVersion
	known bool
}

// fresh returns the aggregate of key in centre read while the database was
// in the committed state at, if the cache holds it.
func (c *docCache[V]) fresh(key string, centre tpsession.CentreID, at walVersion) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || !e.known || e.at != at || e.centre != centre {
		var zero V
		return zero, false
	}
	return e.v, true
}

// decodeOne decodes the document of the row key, read in the committed
// state at (when known), from the cache when the row holds the same
// document as when it was last decoded.
func (t *table[V]) decodeOne(key, doc string, at walVersion, known bool) (V, error) {
	c := &t.decoded
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	var v V
	if ok && e.doc == doc {
		v = t.Clone(e.v)
	} else {
		var err error
		if v, err = t.decode(doc); err != nil {
			return v, err
		}
	}
	if len(doc) > maxDecodedDoc {
		return v, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]decodedDoc[V]{}
	}
	if _, ok := c.m[key]; !ok && len(c.m) >= maxDecoded {
		for k := range c.m { // any one: map order is random
			delete(c.m, k)
			break
		}
	}
	c.m[key] = decodedDoc[V]{centre: t.Centre(v), doc: doc, v: t.Clone(v), at: at, known: known}
	return v, nil
}

// newTable returns the table name of the aggregate a, whose rows keyCol
// identifies, with the columns cols projected by vals (nil for none).
func newTable[V any](a records.Aggregate[V], name, keyCol string, cols []string, vals func(V) []any) *table[V] {
	if vals == nil {
		vals = func(V) []any { return nil }
	}
	return (&table[V]{Aggregate: a, name: name, keyCol: keyCol, cols: cols, vals: vals}).build()
}

// build completes t with its SQL, which is made of the identifiers above
// only: values are always bound parameters.
func (t *table[V]) build() *table[V] {
	cols := append([]string{"centre", t.keyCol}, t.cols...)
	t.insertSQL = "INSERT INTO " + t.name + " (" + strings.Join(cols, ", ") + ", version, doc) VALUES (" +
		strings.Repeat("?, ", len(cols)) + "1, ?)"
	var set strings.Builder
	for _, c := range t.cols {
		set.WriteString(c + " = ?, ")
	}
	t.updateSQL = "UPDATE " + t.name + " SET " + set.String() + "doc = ?, version = version + 1 WHERE " + t.keyCol + " = ? AND version = ?"
	return t
}

// encode returns the document of v.
func (t *table[V]) encode(v V) (string, error) {
	doc, err := t.Encode(v)
	if err != nil {
		return "", errStore.Withf("an aggregate could not be encoded").Wrap(err)
	}
	return doc, nil
}

// decode reads back a document.
func (t *table[V]) decode(doc string) (V, error) {
	v, err := t.Decode(doc)
	if err != nil {
		return v, errUnreadable.Wrap(err)
	}
	return v, nil
}

// row is a stored aggregate with what identifies its version.
type row[V any] struct {
	key     string
	version int64
	v       V
}

// insert stores a new aggregate.
func (t *table[V]) insert(ctx context.Context, db *DB, v V) error {
	doc, err := t.encode(v)
	if err != nil {
		return err
	}
	args := append([]any{string(t.Centre(v)), t.Key(v)}, t.vals(v)...)
	args = append(args, doc)
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		if _, err := q.exec(ctx, t.insertSQL, args...); err != nil {
			return failure(err, t.Duplicate)
		}
		if t.written == nil {
			return nil
		}
		return t.written(ctx, q, nil, v)
	})
}

// get returns the aggregate of centre with the key; another centre's is
// not found. Outside a transaction it reads through the table's cache.
func (t *table[V]) get(ctx context.Context, db *DB, centre tpsession.CentreID, key string) (V, error) {
	var zero V
	q := db.reader(ctx)
	if q != querier(db.stmts) {
		r, err := t.one(ctx, q, centre, t.keyCol+" = ?", "", key)
		return r.v, err
	}
	if err := ctx.Err(); err != nil && !db.closed.Load() {
		return zero, failure(err, nil)
	}
	// The committed state is read before the row: a commit in between
	// makes the entry older than the database, never newer.
	at, known := db.wal.version()
	if known {
		if v, ok := t.decoded.fresh(key, centre, at); ok {
			return t.Clone(v), nil
		}
	}
	// A read by key lasts a few microseconds: it runs to its end without
	// watching ctx, which spares database/sql and the driver a goroutine
	// each to interrupt it.
	var doc string
	err := queryRow(context.WithoutCancel(ctx), q, "SELECT doc FROM "+t.name+" WHERE centre = ? AND "+t.keyCol+" = ?",
		[]any{string(centre), key}, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return zero, t.NotFound
	}
	if err != nil {
		return zero, failure(err, nil)
	}
	return t.decodeOne(key, doc, at, known)
}

// one returns the first row of centre that where selects, in the order
// given ("" for none), or the table's NotFound error.
func (t *table[V]) one(ctx context.Context, q querier, centre tpsession.CentreID, where, order string, args ...any) (row[V], error) {
	query := "SELECT " + t.keyCol + ", version, doc FROM " + t.name + " WHERE centre = ? AND " + where
	if order != "" {
		query += " ORDER BY " + order
	}
	var r row[V]
	var doc string
	err := queryRow(ctx, q, query+" LIMIT 1", append([]any{string(centre)}, args...), &r.key, &r.version, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return r, t.NotFound
	}
	if err != nil {
		return r, failure(err, nil)
	}
	r.v, err = t.decode(doc)
	return r, err
}

// update loads the aggregate of centre with the key, applies fn and saves
// the result, as updateWhere does.
func (t *table[V]) update(ctx context.Context, db *DB, centre tpsession.CentreID, key string, fn func(*V) error) error {
	return t.updateWhere(ctx, db, centre, t.keyCol+" = ?", "", []any{key}, fn)
}

// updateWhere loads the first row of centre that where selects in the
// order given, applies fn and saves the result, in one transaction (the
// caller's, or its own). fn's error is returned unchanged and nothing is
// saved; fn may not change the key or the centre.
func (t *table[V]) updateWhere(ctx context.Context, db *DB, centre tpsession.CentreID, where, order string, args []any, fn func(*V) error) error {
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		r, err := t.one(ctx, q, centre, where, order, args...)
		if err != nil {
			return err
		}
		old := t.Clone(r.v)
		if err := fn(&r.v); err != nil {
			return err
		}
		if err := t.CheckUpdate(old, r.v, errKeyChanged); err != nil {
			return err
		}
		doc, err := t.encode(r.v)
		if err != nil {
			return err
		}
		res, err := q.exec(ctx, t.updateSQL, append(t.vals(r.v), doc, r.key, r.version)...)
		if err != nil {
			return failure(err, t.Duplicate)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errChanged
		}
		if t.written == nil {
			return nil
		}
		return t.written(ctx, q, &old, r.v)
	})
}

// list returns the aggregates that query selects; query selects the doc
// column only.
func (t *table[V]) list(ctx context.Context, db *DB, query string, args ...any) ([]V, error) {
	out := []V{}
	err := db.reader(ctx).query(ctx, func(rows *sql.Rows) error {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return err
		}
		v, err := t.decode(doc)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	}, query, args...)
	if err != nil {
		return nil, failure(err, nil)
	}
	return out, nil
}
