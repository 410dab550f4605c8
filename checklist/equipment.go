package checklist

import (
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// MaxNameLen bounds the name of a material, in characters.
const MaxNameLen = 200

// MaterialKey returns the form under which the names of materials are
// compared: leading and trailing spaces trimmed, every run of spaces inside
// collapsed to one space (tabs, line breaks and non-breaking spaces count as
// spaces), letters in lower case. "  Poste   INFORMATIQUE " and "poste
// informatique" are the same material; accents are kept, so "Écran" and
// "Ecran" are not.
//
// The DTE organisateur's list of required materials and the centre's
// equipment are matched on this key, exactly.
func MaterialKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// Material is one entry of the DTE organisateur's list of required
// materials, as the pli records it: a name and the quantity the session
// needs.
type Material struct {
	Name     string
	Quantity int
}

// Equipment is the state of one material at the centre: how many units are
// available and over which days they are operational (both ends included).
// UpdatedBy and UpdatedOn record who last set it, and on which day.
type Equipment struct {
	Name        string
	Available   int
	Operational tpsession.DateRange
	UpdatedBy   string
	UpdatedOn   date.Date
}

// Key returns the equipment's name under [MaterialKey].
func (e Equipment) Key() string { return MaterialKey(e.Name) }

// EquipmentUpdate is the state of a material as a centre sends it:
// Available units (0 or more), operational from OperationalFrom until
// OperationalUntil, both included.
type EquipmentUpdate struct {
	Available        int
	OperationalFrom  date.Date
	OperationalUntil date.Date
}

// newEquipment checks the name and the update and returns the equipment
// they describe, reporting every bad field at once.
func newEquipment(name string, u EquipmentUpdate, by string, today date.Date) (Equipment, error) {
	by, err := recorder(by, today)
	if err != nil {
		return Equipment{}, err
	}
	var fe tpsession.FieldErrors
	name = fe.Text("name", name, MaxNameLen, true)
	if u.Available < 0 {
		fe.Add("available", "must be at least 0")
	}
	if u.OperationalFrom == date.Zero {
		fe.Add("operational_from", "is required")
	}
	if u.OperationalUntil == date.Zero {
		fe.Add("operational_until", "is required")
	}
	var operational tpsession.DateRange
	if u.OperationalFrom != date.Zero && u.OperationalUntil != date.Zero {
		r, err := tpsession.NewDateRange(u.OperationalFrom, u.OperationalUntil)
		fe.AddErr("operational_until", err)
		operational = r
	}
	if err := fe.Err(ErrInvalid); err != nil {
		return Equipment{}, err
	}
	return Equipment{Name: name, Available: u.Available, Operational: operational, UpdatedBy: by, UpdatedOn: today}, nil
}

// recorder checks who records a change and on which day, and returns who as
// recorded. Both come from the session service (the authenticated user, its
// clock), never from the client, so a bad one is a programming error of the
// caller, tpsession.ErrInternal, not a field error.
func recorder(by string, today date.Date) (string, error) {
	var fe tpsession.FieldErrors
	by = fe.Text("by", by, MaxNameLen, true)
	if today == date.Zero {
		fe.Add("today", "is required")
	}
	if len(fe) > 0 {
		return "", tpsession.ErrInternal.Withf("a checklist change needs who records it and the day: %s", fe)
	}
	return by, nil
}
