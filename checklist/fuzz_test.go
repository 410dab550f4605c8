package checklist_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

// The fuzz targets check what each parser of outside input promises on any
// input: it does not panic, what it accepts is well formed and reads back
// the same, and what it refuses is an Invalid error naming the field.

func refusedOn(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := err.(*tpsession.Error)
	if !ok || e.Kind != tpsession.Invalid || e.Code == "" {
		t.Fatalf("refusal is not an Invalid *tpsession.Error with a code: %v", err)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("refusal does not name the field %q: %v", field, err)
}

func FuzzParseStatus(f *testing.F) {
	for _, s := range []string{"pending", "ok", "not_ok", "not_applicable", "", "OK", "not ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := checklist.ParseStatus(s)
		if err != nil {
			refusedOn(t, err, "status")
			return
		}
		if st.String() != s {
			t.Fatalf("accepted %q as %q", s, st)
		}
	})
}

func FuzzParseItemKey(f *testing.F) {
	for _, s := range []string{"first_aid_kit", "a", "", "A", "1a", "a-b", "a\u00e9", strings.Repeat("a", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := checklist.ParseItemKey(s)
		if err != nil {
			refusedOn(t, err, "key")
			return
		}
		if string(k) != s || len(s) > checklist.MaxKeyLen || strings.ContainsFunc(s, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
		}) {
			t.Fatalf("accepted %q as %q", s, k)
		}
	})
}

// FuzzEquipmentName feeds any name to SetEquipment, the decoder of the name
// in PUT equipment/{name}: a name it accepts is found again under every
// spelling with the same MaterialKey, and MaterialKey is a normal form.
func FuzzEquipmentName(f *testing.F) {
	for _, s := range []string{"Poste informatique", "  poste   INFORMATIQUE ", "poste\u00a0informatique", "", " ", "\x00", "Écran", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		key := checklist.MaterialKey(name)
		if checklist.MaterialKey(key) != key {
			t.Fatalf("MaterialKey(%q) = %q is not a normal form", name, key)
		}
		if strings.TrimFunc(key, unicode.IsSpace) != key || strings.Contains(key, "  ") {
			t.Fatalf("MaterialKey(%q) = %q keeps spaces it should drop", name, key)
		}

		c, err := checklist.New("centre-lyon", "ses_01J0000000000000000000000A")
		if err != nil {
			t.Fatal(err)
		}
		e, err := c.SetEquipment(name, operational(1, march1, march3), actor, today)
		if err != nil {
			refusedOn(t, err, "name")
			return
		}
		if e.Key() != key {
			t.Fatalf("equipment %q is stored under key %q, not %q", e.Name, e.Key(), key)
		}
		for _, spelling := range []string{name, " " + name + "\t", key, e.Name} {
			if _, err := c.EquipmentNamed(spelling); err != nil {
				t.Fatalf("equipment %q is not found as %q: %v", name, spelling, err)
			}
		}
	})
}
