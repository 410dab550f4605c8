package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
)

// table is one kind of aggregate, stored one row each: the aggregate as a
// JSON document, the centre and the column that address it, the columns
// listings filter and sort on, and a version counting its updates. It
// holds no rule: what an update may change is vetted by the domain's own
// checks, through the aggregate's description.
type table[V any] struct {
	records.Aggregate[V]
	name   string // the SQL table
	keyCol string // the column that identifies a row in its centre: "id" or "session"
	// cols are the columns projected from the aggregate, besides the
	// centre, the key, the version and the document; vals returns their
	// values in the same order.
	cols []string
	vals func(V) []any
	// written, when set, runs in the transaction after each insert (old
	// is nil) or update, to keep a table derived from the aggregate in
	// step.
	written func(ctx context.Context, st *txState, old *V, v V) error

	insertSQL, updateSQL string
}

// newTable returns the table name of the aggregate a, whose rows keyCol
// identifies in their centre, with the columns cols projected by vals
// (nil for none).
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
	params := make([]string, len(cols)+1)
	for i := range params {
		params[i] = fmt.Sprintf("$%d", i+1)
	}
	t.insertSQL = "INSERT INTO " + t.name + " (" + strings.Join(cols, ", ") + ", doc, version) VALUES (" +
		strings.Join(params, ", ") + ", 1)"
	var set strings.Builder
	n := 0
	for _, c := range t.cols {
		n++
		fmt.Fprintf(&set, "%s = $%d, ", c, n)
	}
	t.updateSQL = fmt.Sprintf("UPDATE %s SET %sdoc = $%d, version = version + 1 WHERE centre = $%d AND %s = $%d AND version = $%d",
		t.name, set.String(), n+1, n+2, t.keyCol, n+3, n+4)
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
	centre := t.Centre(v)
	args := append([]any{string(centre), t.Key(v)}, t.vals(v)...)
	args = append(args, doc)
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		if _, err := st.exec(ctx, centre, t.insertSQL, args...); err != nil {
			return failure(err, t.Duplicate)
		}
		if t.written == nil {
			return nil
		}
		return t.written(ctx, st, nil, v)
	})
}

// get returns the aggregate of centre with the key; another centre's is
// not found.
func (t *table[V]) get(ctx context.Context, db *DB, centre tpsession.CentreID, key string) (V, error) {
	r, err := t.one(ctx, db.reader(ctx), centre, t.keyCol+" = $2", "", key)
	return r.v, err
}

// one returns the first row of centre that where selects, in the order
// given ("" for none), or the table's NotFound error. where numbers its
// parameters from $2: $1 is the centre.
func (t *table[V]) one(ctx context.Context, q querier, centre tpsession.CentreID, where, order string, args ...any) (row[V], error) {
	query := "SELECT " + t.keyCol + ", version, doc FROM " + t.name + " WHERE centre = $1 AND " + where
	if order != "" {
		query += " ORDER BY " + order
	}
	var r row[V]
	var doc string
	err := queryRow(ctx, q, centre, query+" LIMIT 1", append([]any{string(centre)}, args...), &r.key, &r.version, &doc)
	if errors.Is(err, pgx.ErrNoRows) {
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
	return t.updateWhere(ctx, db, centre, t.keyCol+" = $2", "", []any{key}, fn)
}

// updateWhere loads the first row of centre that where selects in the
// order given, applies fn and saves the result, in one transaction (the
// caller's, or its own, in which fn may run again: see DB.Atomic). fn's
// error is returned unchanged and nothing is saved; fn may not change the
// key or the centre.
func (t *table[V]) updateWhere(ctx context.Context, db *DB, centre tpsession.CentreID, where, order string, args []any, fn func(*V) error) error {
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		r, err := t.one(ctx, st, centre, where, order, args...)
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
		tag, err := st.exec(ctx, centre, t.updateSQL, append(t.vals(r.v), doc, string(centre), r.key, r.version)...)
		if err != nil {
			return failure(err, t.Duplicate)
		}
		if tag.RowsAffected() != 1 {
			return errChanged
		}
		if t.written == nil {
			return nil
		}
		return t.written(ctx, st, &old, r.v)
	})
}

// list returns the aggregates of centre that query selects; query selects
// the doc column only, and its $1 is the centre.
func (t *table[V]) list(ctx context.Context, db *DB, centre tpsession.CentreID, query string, args ...any) ([]V, error) {
	out := []V{}
	err := db.reader(ctx).query(ctx, centre, func(rows pgx.Rows) error {
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
	}, query, append([]any{string(centre)}, args...)...)
	if err != nil {
		return nil, failure(err, nil)
	}
	return out, nil
}
