package candidate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Appointment is one day and time a convocation gives the candidate: when
// to be present, and what for (docs/rules.md#convocation-appointments). A
// candidate whose épreuves run over several days has one appointment per
// day, at the first thing they attend that day. The zero value is "no
// appointment yet".
type Appointment struct {
	Day  date.Date
	Time tpsession.TimeOfDay
	// Room is where to go at that time within the convocation's place: the
	// label of the room or station of the day's first épreuve ("Salle
	// d'entretien n° 2"); empty when the place says it all.
	Room string
	// Epreuve is the label of the day's first épreuve, as the plan names
	// it; empty when not known.
	Epreuve string
	// Opening tells that the candidate attends the session's opening at
	// that time (welcome, identity checks, opening of the pli) before the
	// day's first épreuve.
	Opening bool
}

// Bounds on a convocation's appointments: one a day, and no session runs
// for more than a few weeks.
const (
	maxAppointments = 31
	maxRoomLen      = 100
)

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

// String returns the appointment's day and time, "2027-03-01T08:30", the
// form ParseAppointment reads; "" for the zero appointment.
func (a Appointment) String() string {
	if a.IsZero() {
		return ""
	}
	return a.Day.String() + "T" + a.Time.String()
}

// AppointmentInput is the outside form of an Appointment: {at:
// "2027-03-01T08:30", room?, epreuve?, opening?}.
type AppointmentInput struct {
	At      string
	Room    string
	Epreuve string
	Opening bool
}

// parseAppointments parses a convocation's appointments: appointment, the
// day and time of a single one, or appointments, each with its room; not
// both. It records the problems under their JSON names and returns the
// appointments in order of day.
func parseAppointments(fe *tpsession.FieldErrors, single string, list []AppointmentInput) []Appointment {
	if single != "" && len(list) > 0 {
		fe.Add("appointments", "give appointment or appointments, not both")
		return nil
	}
	if single != "" {
		a, err := ParseAppointment(single)
		fe.AddErr("appointment", err)
		if err != nil {
			return nil
		}
		return []Appointment{a}
	}
	if len(list) > maxAppointments {
		fe.Add("appointments", "must have at most %d entries, one a day", maxAppointments)
		return nil
	}
	var out []Appointment
	for i, in := range list {
		field := fmt.Sprintf("appointments[%d]", i)
		a, err := ParseAppointment(in.At)
		if in.At == "" {
			fe.Add(field+".at", "is required")
		} else {
			fe.AddErr(field+".at", err)
		}
		a.Room = fe.Text(field+".room", in.Room, maxRoomLen, false)
		a.Epreuve = fe.Text(field+".epreuve", in.Epreuve, maxTextLen, false)
		a.Opening = in.Opening
		if err == nil {
			out = append(out, a)
		}
	}
	return inOrder(fe, "appointments", out)
}

// checkAppointments records what is wrong with a list of appointments
// under field: more than one on a day, a time outside the day. It returns
// them in order of day, texts trimmed.
func checkAppointments(fe *tpsession.FieldErrors, field string, in []Appointment) []Appointment {
	if len(in) > maxAppointments {
		fe.Add(field, "must have at most %d entries, one a day", maxAppointments)
		return nil
	}
	out := make([]Appointment, 0, len(in))
	for i, a := range in {
		f := fmt.Sprintf("%s[%d]", field, i)
		if a.IsZero() {
			fe.Add(f, "needs its day")
			continue
		}
		if a.Time < 0 || a.Time >= tpsession.EndOfDay {
			fe.Add(f, "the time must lie between 00:00 and 23:59")
		}
		a.Room = fe.Text(f+".room", a.Room, maxRoomLen, false)
		a.Epreuve = fe.Text(f+".epreuve", a.Epreuve, maxTextLen, false)
		out = append(out, a)
	}
	return inOrder(fe, field, out)
}

// inOrder returns the appointments in order of day, recording under field
// a day given twice.
func inOrder(fe *tpsession.FieldErrors, field string, out []Appointment) []Appointment {
	slices.SortStableFunc(out, func(a, b Appointment) int { return cmp.Compare(a.Day, b.Day) })
	for i := 1; i < len(out); i++ {
		if out[i].Day == out[i-1].Day {
			fe.Add(field, "gives %s twice: a convocation has one appointment a day, at the first thing the candidate attends", out[i].Day)
			break
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Unmet returns the appointments among needed that the convocation does
// not give: a day of needed on which it convokes the candidate at no
// time, or later than needed (docs/rules.md#convocation-appointments). A
// convocation earlier than needed, or on a day more, still holds: the
// candidate is there in time. needed are the appointments a plan derives
// for the candidate; nothing is unmet when it is empty.
func (d ConvocationDetails) Unmet(needed []Appointment) []Appointment {
	var out []Appointment
	for _, n := range needed {
		i := slices.IndexFunc(d.Appointments, func(a Appointment) bool { return a.Day == n.Day })
		if i < 0 || d.Appointments[i].Time > n.Time {
			out = append(out, n)
		}
	}
	return out
}

// First returns the convocation's first appointment, zero when it has
// none.
func (d ConvocationDetails) First() Appointment {
	if len(d.Appointments) == 0 {
		return Appointment{}
	}
	return d.Appointments[0]
}

// SameTimes reports whether a and b convoke on the same days at the same
// times, rooms and épreuves aside.
func SameTimes(a, b []Appointment) bool {
	return slices.EqualFunc(a, b, func(x, y Appointment) bool { return x.Day == y.Day && x.Time == y.Time })
}

// MeetPlan returns nil when the convocation gives every appointment the
// plan needs (see Unmet), and otherwise ErrAppointmentsUnmet naming those
// it misses.
func (d ConvocationDetails) MeetPlan(needed []Appointment) error {
	unmet := d.Unmet(needed)
	if len(unmet) == 0 {
		return nil
	}
	return ErrAppointmentsUnmet.
		Withf("the plan needs the candidate at %s, which the convocation (%s) does not give: leave the appointments out to take the plan's, or give them",
			AppointmentsString(unmet), AppointmentsString(d.Appointments)).
		WithFields(tpsession.FieldError{Field: "appointments", Message: "must give the plan's appointments: " + AppointmentsString(needed)})
}

// AppointmentsString writes appointments as "2027-03-01T08:30,
// 2027-03-02T10:25" for a message or a log.
func AppointmentsString(as []Appointment) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}
