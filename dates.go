package tpsession

import (
	"time"

	"github.com/rickb777/date/v2"
)

// ErrInvalidDate is returned by ParseDate and by DateRange checks.
var ErrInvalidDate = NewError(Invalid, "date.invalid", "the date is invalid")

// ParseDate parses a calendar date written YYYY-MM-DD, the only form the
// library's formats use. Other forms that date.ParseISO would take (basic
// 20270301, ordinal 2027-060, signed or five-digit years) are refused so that
// a date always reads the same in every file and log.
func ParseDate(s string) (date.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return date.Zero, ErrInvalidDate.Withf("a date is written YYYY-MM-DD, got %q", Truncate(s, 40))
	}
	num := func(from, to int) int {
		n := 0
		for _, c := range []byte(s[from:to]) {
			n = n*10 + int(c-'0')
		}
		return n
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return date.Zero, ErrInvalidDate.Withf("a date is written YYYY-MM-DD with digits, got %q", s)
		}
	}
	y, m, d := num(0, 4), num(5, 7), num(8, 10)
	if m < 1 || m > 12 {
		return date.Zero, ErrInvalidDate.Withf("%s: there is no month %d", s, m)
	}
	dt := date.New(y, time.Month(m), 1)
	if d < 1 || d > dt.LastDayOfMonth() {
		return date.Zero, ErrInvalidDate.Withf("%s: day %d does not exist in that month", s, d)
	}
	return dt + date.Date(d-1), nil
}

// DateRange is a period of calendar days, both ends included: a habilitation
// valid from 1 March until 31 December, a machine operational from the first
// to the last day of the session.
type DateRange struct {
	From, Until date.Date
}

// NewDateRange returns the range [from, until], refusing an empty one.
func NewDateRange(from, until date.Date) (DateRange, error) {
	if until < from {
		return DateRange{}, ErrInvalidDate.Withf("the period ends on %s, before it starts on %s", until, from)
	}
	return DateRange{From: from, Until: until}, nil
}

// Contains reports whether d lies in the range.
func (r DateRange) Contains(d date.Date) bool { return r.From <= d && d <= r.Until }

// Covers reports whether every day of o lies in r.
func (r DateRange) Covers(o DateRange) bool { return r.From <= o.From && o.Until <= r.Until }

// Overlaps reports whether r and o share at least one day.
func (r DateRange) Overlaps(o DateRange) bool { return r.From <= o.Until && o.From <= r.Until }

// Days returns the number of calendar days in the range.
func (r DateRange) Days() int { return int(r.Until-r.From) + 1 }

// String returns "from/until" (ISO 8601 interval notation).
func (r DateRange) String() string { return r.From.String() + "/" + r.Until.String() }
