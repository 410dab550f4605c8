package tpsession

import "fmt"

// TimeOfDay is a clock time within a day, in whole minutes since midnight,
// from 00:00 to 24:00 (24:00 being the end of the day, allowed as the end of
// a period). Convocations, calendar blocks and plans use it; durations inside
// a day are plain integer minutes.
type TimeOfDay int

// EndOfDay is 24:00.
const EndOfDay TimeOfDay = 24 * 60

// ErrInvalidTimeOfDay is returned by ParseTimeOfDay.
var ErrInvalidTimeOfDay = NewError(Invalid, "time_of_day.invalid", "the time of day is invalid")

// ParseTimeOfDay parses "HH:MM" on a 24-hour clock, two digits each, from
// "00:00" to "24:00".
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, ErrInvalidTimeOfDay.Withf("a time of day is written HH:MM, got %q", Truncate(s, 40))
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, ErrInvalidTimeOfDay.Withf("%s is not a time of day between 00:00 and 24:00", s)
	}
	return TimeOfDay(h*60 + m), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Valid reports whether t lies between 00:00 and 24:00.
func (t TimeOfDay) Valid() bool { return t >= 0 && t <= EndOfDay }

// String returns "HH:MM".
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// MarshalText writes "HH:MM".
func (t TimeOfDay) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, ErrInvalidTimeOfDay.Withf("%d minutes is not a time of day", int(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText reads "HH:MM".
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
