package records

import (
	"encoding/json"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// The stored forms of the domain's values. Records are the adapter's own
// structs with explicit JSON names: the domain types' Go field names are not
// a storage contract.

// instantLayout writes an instant in UTC with nine fractional digits: it
// keeps nanoseconds, and instants sort as text.
const instantLayout = "2006-01-02T15:04:05.000000000Z"

// instant is the stored form of t, "" for the zero instant (a step not
// taken yet). An instant comes back in UTC, without a monotonic reading.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(instantLayout)
}

// day is the stored form of d, YYYY-MM-DD, "" for date.Zero (a fact not
// recorded yet).
func day(d date.Date) string {
	if d == date.Zero {
		return ""
	}
	return d.String()
}

// each maps a slice, keeping nil apart from empty: a value read back is the
// value stored.
func each[A, B any](in []A, f func(A) B) []B {
	if in == nil {
		return nil
	}
	out := make([]B, len(in))
	for i, a := range in {
		out[i] = f(a)
	}
	return out
}

// strs is a slice of typed strings (IDs, codes) as plain strings.
func strs[T ~string](in []T) []string {
	return each(in, func(s T) string { return string(s) })
}

// typed is the reverse of strs.
func typed[T ~string](in []string) []T {
	return each(in, func(s string) T { return T(s) })
}

// decoder turns stored forms back into values, keeping the first error so
// that a record is decoded in one pass and checked once.
type decoder struct{ err error }

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) instant(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(instantLayout, s)
	d.fail(err)
	return t
}

func (d *decoder) day(s string) date.Date {
	if s == "" {
		return date.Zero
	}
	v, err := tpsession.ParseDate(s)
	d.fail(err)
	return v
}

func (d *decoder) timeOfDay(s string) tpsession.TimeOfDay {
	t, err := tpsession.ParseTimeOfDay(s)
	d.fail(err)
	return t
}

// rangeRecord is a tpsession.DateRange.
type rangeRecord struct {
	From  string `json:"from"`
	Until string `json:"until"`
}

func toRange(r tpsession.DateRange) rangeRecord {
	return rangeRecord{From: day(r.From), Until: day(r.Until)}
}

func (d *decoder) dateRange(r rangeRecord) tpsession.DateRange {
	return tpsession.DateRange{From: d.day(r.From), Until: d.day(r.Until)}
}

// Codec converts an aggregate of type V to the JSON document it is stored
// as, through its record type, and back.
type Codec[V any] struct {
	record func(V) any
	encode func(V) (string, error)
	decode func(string) (V, error)
}

// newCodec returns the codec of an aggregate stored through its record
// type R.
func newCodec[V, R any](to func(V) R, from func(*decoder, R) V) Codec[V] {
	return Codec[V]{
		record: func(v V) any { return to(v) },
		encode: func(v V) (string, error) {
			b, err := json.Marshal(to(v))
			return string(b), err
		},
		decode: func(doc string) (V, error) {
			var zero V
			var r R
			if err := json.Unmarshal([]byte(doc), &r); err != nil {
				return zero, err
			}
			var d decoder
			v := from(&d, r)
			if d.err != nil {
				return zero, d.err
			}
			return v, nil
		},
	}
}

// Encode returns the document v is stored as.
func (c Codec[V]) Encode(v V) (string, error) { return c.encode(v) }

// Decode reads back a document that Encode wrote. Its error, the JSON
// parser's or a value's, is the adapter's to translate.
func (c Codec[V]) Decode(doc string) (V, error) { return c.decode(doc) }

// Record returns the record v is stored through, for tests that check
// that it holds every field.
func (c Codec[V]) Record(v V) any { return c.record(v) }

// ParseInstant reads an instant that Instant wrote.
func ParseInstant(s string) (time.Time, error) {
	var d decoder
	t := d.instant(s)
	return t, d.err
}

// Instant is the stored form of t: UTC with nine fractional digits, so that
// instants sort as text; "" for the zero instant.
func Instant(t time.Time) string { return instant(t) }

// Day is the stored form of d, YYYY-MM-DD; "" for date.Zero.
func Day(d date.Date) string { return day(d) }
