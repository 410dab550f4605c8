package sqlite

import (
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
