package candidate

import (
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Appointment is the day and time a convocation gives the candidate. The
// zero value is "no appointment yet".
type Appointment struct {
	Day  date.Date
	Time tpsession.TimeOfDay
}

// ParseAppointment parses "2027-03-01T08:30": a day written YYYY-MM-DD, "T",
// and a time of day written HH:MM from 00:00 to 23:59.
func ParseAppointment(s string) (Appointment, error) {
	day, clock, ok := strings.Cut(s, "T")
	if !ok {
		return Appointment{}, ErrInvalidAppointment.Withf("an appointment is written YYYY-MM-DDTHH:MM (e.g. 2027-03-01T08:30), got %q", tpsession.Truncate(s, 40))
	}
	d, err := tpsession.ParseDate(day)
	if err != nil {
		return Appointment{}, ErrInvalidAppointment.Withf("the day of the appointment is invalid: %s", tpsession.MessageOf(err))
	}
	t, err := tpsession.ParseTimeOfDay(clock)
	if err != nil || t == tpsession.EndOfDay {
		return Appointment{}, ErrInvalidAppointment.Withf("the time of the appointment is written HH:MM between 00:00 and 23:59, got %q", tpsession.Truncate(clock, 40))
	}
	return Appointment{Day: d, Time: t}, nil
}

// IsZero reports whether no appointment is set.
func (a Appointment) IsZero() bool { return a.Day == date.Zero }

// String returns "2027-03-01T08:30", or "" for the zero appointment.
func (a Appointment) String() string {
	if a.IsZero() {
		return ""
	}
	return a.Day.String() + "T" + a.Time.String()
}

// MarshalText writes the form ParseAppointment reads.
func (a Appointment) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads the form ParseAppointment reads; empty text is the
// zero appointment.
func (a *Appointment) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*a = Appointment{}
		return nil
	}
	v, err := ParseAppointment(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
