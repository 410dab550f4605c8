package httpapi

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// jsonDate writes a calendar day as "YYYY-MM-DD"; the zero day, a fact not
// recorded yet, is null (or, with omitzero, left out).
type jsonDate date.Date

func (d jsonDate) IsZero() bool { return date.Date(d) == date.Zero }

func (d jsonDate) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = appendDate(b, date.Date(d))
	return append(b, '"'), nil
}

// appendDate appends d as YYYY-MM-DD, as date.Date.String writes the
// days of years 0 to 9999, without fmt: every answer writes several.
func appendDate(b []byte, d date.Date) []byte {
	y, m, day := d.Date()
	if y < 0 || y > 9999 {
		return append(b, d.String()...)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// jsonInstant writes an instant in RFC 3339, in UTC; the zero instant is
// null (or, with omitzero, left out).
type jsonInstant time.Time

func (t jsonInstant) IsZero() bool { return time.Time(t).IsZero() }

func (t jsonInstant) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 40)
	b = append(b, '"')
	b = time.Time(t).UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// parseDate parses an optional YYYY-MM-DD field of a request whose form the
// validator's date tag has checked; "" is the zero day.
func parseDate(s string) date.Date {
	d, err := tpsession.ParseDate(s)
	if err != nil {
		return date.Zero
	}
	return d
}

// parseDateRange reads a pair of dates the validator has checked (both
// required), refusing a range that ends before it starts.
func parseDateRange(from, until, untilField string) (tpsession.DateRange, error) {
	r, err := tpsession.NewDateRange(parseDate(from), parseDate(until))
	if err != nil {
		var fe tpsession.FieldErrors
		fe.AddErr(untilField, err)
		return r, fe.Err(tpsession.ErrInvalidInput)
	}
	return r, nil
}

// strs converts a list of string-like values, never returning nil, so
// that an empty list is written [] and not null.
func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// list returns vs, or an empty list for nil, so that it is written [].
func list[T any](vs []T) []T {
	if vs == nil {
		return []T{}
	}
	return vs
}
