package memstore

import (
	"github.com/tpsession/tpsession"
)

// table is one kind of aggregate held in memory. It is not safe for
// concurrent use by itself: the Store's mutex guards every table. Values go
// in and come out as deep copies, so no caller shares stored state.
type table[K comparable, V any] struct {
	rows      map[K]V
	key       func(V) K
	centre    func(V) tpsession.CentreID
	clone     func(V) V
	notFound  *tpsession.Error
	duplicate *tpsession.Error
}

// errKeyChanged refuses an update closure that changed what identifies the
// aggregate: the row would be stored under a key it no longer has.
var errKeyChanged = tpsession.ErrInternal.Withf("an update may not change an aggregate's ID or centre")

// get returns a copy of the row of key in centre; another centre's row is
// reported as missing.
func (t *table[K, V]) get(centre tpsession.CentreID, key K) (V, error) {
	v, ok := t.rows[key]
	if !ok || t.centre(v) != centre {
		var zero V
		return zero, t.notFound
	}
	return t.clone(v), nil
}

// insert stores a copy of v, refusing a key already taken.
func (t *table[K, V]) insert(v V) error {
	k := t.key(v)
	if _, ok := t.rows[k]; ok {
		return t.duplicate
	}
	if t.rows == nil {
		t.rows = map[K]V{}
	}
	t.rows[k] = t.clone(v)
	return nil
}

// update applies fn to a copy of the row and stores the copy only when fn
// succeeds, so a failed update leaves the stored row as it was. check, when
// not nil, vets the change before it is stored.
func (t *table[K, V]) update(centre tpsession.CentreID, key K, fn func(*V) error, check func(old, new V) error) error {
	v, err := t.get(centre, key)
	if err != nil {
		return err
	}
	if err := fn(&v); err != nil {
		return err
	}
	if t.key(v) != key || t.centre(v) != centre {
		return errKeyChanged
	}
	if check != nil {
		if err := check(t.rows[key], v); err != nil {
			return err
		}
	}
	t.rows[key] = t.clone(v)
	return nil
}

// list returns copies of the centre's rows that keep accepts (all when keep
// is nil), in no particular order.
func (t *table[K, V]) list(centre tpsession.CentreID, keep func(V) bool) []V {
	var out []V
	for _, v := range t.rows {
		if t.centre(v) == centre && (keep == nil || keep(v)) {
			out = append(out, t.clone(v))
		}
	}
	return out
}
