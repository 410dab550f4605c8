package sqlite

import (
	"github.com/tpsession/tpsession/adapters/internal/records"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFullValuesSetEveryField checks that the full values the golden
// records are made from set every field, unexported ones included, each
// at least once, and that so do the records they are stored as. A field
// the domain gains is then missing here until the full value sets it, and
// once it does, TestRecords fails until the record stores it: a field the
// record forgets would be lost on every save.
func TestFullValuesSetEveryField(t *testing.T) {
	cases := []struct {
		name          string
		value, record any
		// unset are the fields left zero, each for a reason; unsetRecord
		// those of the record, when they differ.
		unset, unsetRecord []string
	}{
		{"session", fullSession(), records.Sessions.Record(fullSession()), nil, nil},
		{"candidate", fullCandidate(), records.Candidates.Record(fullCandidate()), nil, nil},
		// The single appointment of an earlier stored form is read, never
		// written; a replaced convocation's own Replaces are kept flat in
		// the one that replaces it.
		{"registration", fullRegistration(), records.Registrations.Record(fullRegistration()),
			[]string{".Convocation.Replaces[].Replaces"},
			[]string{".Convocation.Appointment", ".Convocation.Replaces[].Appointment", ".Convocation.Replaces[].Replaces"}},
		{"member", fullMember(), records.Members.Record(fullMember()), nil, nil},
		{"session jury", fullSessionJury(), records.SessionJuries.Record(fullSessionJury()), nil, nil},
		{"pli", fullPli(), records.Plis.Record(fullPli()), nil, nil},
		{"checklist", fullChecklist(), records.Checklists.Record(fullChecklist()), nil, nil},
		{"plan", fullPlan(t), records.Plans.Record(fullPlan(t)), nil, nil},
		{"calendar", fullCalendar(), records.Calendars.Record(fullCalendar()), nil, nil},
		{"agrément", fullAgrement(), records.Agrements.Record(fullAgrement()), nil, nil},
		{"programme", fullProgramme(), records.Programmes.Record(fullProgramme()), nil, nil},
		{"exam", fullExam(), records.Exams.Record(fullExam()), []string{".Responsable[].Member"}, nil}, // the responsable is no member
		{"retention", fullRetention(), records.Retentions.Record(fullRetention()), nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.unset, unsetFields(reflect.ValueOf(c.value)), "fields of %T that no part of the full value sets", c.value)
			want := c.unset
			if c.unsetRecord != nil {
				want = c.unsetRecord
			}
			assert.Equal(t, want, unsetFields(reflect.ValueOf(c.record)), "fields of %T that no part of the full value sets", c.record)
		})
	}
}

// unsetFields returns the paths of the fields of v that are zero wherever
// they occur (in every element of a slice), sorted.
func unsetFields(v reflect.Value) []string {
	set, seen := map[string]bool{}, map[string]bool{}
	walkFields(v, "", set, seen)
	var unset []string
	for p := range seen {
		if !set[p] {
			unset = append(unset, p)
		}
	}
	slices.Sort(unset)
	return unset
}

// walkFields records in seen each path under v, and in set those that
// are not zero. It goes into the structs of the module, and takes those of
// other modules (time.Time, decimal.Decimal, date.Date) as single values.
func walkFields(v reflect.Value, path string, set, seen map[string]bool) {
	seen[path] = true
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		set[path] = true
		walkFields(v.Elem(), path, set, seen)
		return
	case reflect.Struct:
		if !strings.HasPrefix(v.Type().PkgPath(), "github.com/tpsession/tpsession") {
			break
		}
		set[path] = true
		for i := range v.NumField() {
			walkFields(v.Field(i), path+"."+v.Type().Field(i).Name, set, seen)
		}
		return
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return
		}
		set[path] = true
		if v.Kind() == reflect.Slice {
			for i := range v.Len() {
				walkFields(v.Index(i), path+"[]", set, seen)
			}
		} else {
			for it := v.MapRange(); it.Next(); {
				walkFields(it.Value(), path+"[]", set, seen)
			}
		}
		return
	}
	if !v.IsZero() {
		set[path] = true
	}
}
