package tpsession_test

import (
	"strings"
	"testing"

	"github.com/tpsession/tpsession"
)

// The fuzz targets check what every parser promises on any input: it does not
// panic, what it accepts is well formed and parses back to itself, and what
// it refuses is an Invalid *Error with a message.

func refusedProperly(t *testing.T, err error) {
	t.Helper()
	if tpsession.KindOf(err) != tpsession.Invalid || tpsession.CodeOf(err) == "" {
		t.Fatalf("refusal is not an Invalid error with a code: %v", err)
	}
}

func FuzzParseSIRET(f *testing.F) {
	for _, s := range []string{"73282932000074", "35600000049837", "356 000 000 00048", "", "7328293200007A", "00000000000000", "\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		siret, err := tpsession.ParseSIRET(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if len(siret) != 14 || strings.Trim(string(siret), "0123456789") != "" {
			t.Fatalf("accepted %q as %q", s, siret)
		}
		again, err := tpsession.ParseSIRET(siret.Format())
		if err != nil || again != siret {
			t.Fatalf("%q does not parse back from its printed form: %v", siret, err)
		}
		if _, err := tpsession.ParseSIREN(string(siret.SIREN())); err != nil {
			t.Fatalf("the SIREN of valid SIRET %q is refused: %v", siret, err)
		}
	})
}

func FuzzParseSIREN(f *testing.F) {
	for _, s := range []string{"732829320", "356000000", "000000000", "73282932"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		siren, err := tpsession.ParseSIREN(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if again, err := tpsession.ParseSIREN(siren.String()); err != nil || again != siren || len(siren) != 9 {
			t.Fatalf("accepted %q as %q, which does not parse back: %v", s, siren, err)
		}
	})
}

func FuzzParseTitleCode(f *testing.F) {
	for _, s := range []string{"TP-01281", "TP-1", "tp-01281", "TP-٠١٢٣٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := tpsession.ParseTitleCode(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if string(code) != s || len(s) != 8 {
			t.Fatalf("accepted %q as %q", s, code)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2027-03-01", "2028-02-29", "2027-02-29", "0000-01-01", "9999-12-31", "20270301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, err := tpsession.ParseDate(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if dt.String() != s {
			t.Fatalf("accepted %q as %s", s, dt)
		}
	})
}

func FuzzParseIDs(f *testing.F) {
	f.Add(string(tpsession.NewSessionID()))
	f.Add(string(tpsession.NewMemberID()))
	f.Add("centre-lyon")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if id, err := tpsession.ParseSessionID(s); err != nil {
			refusedProperly(t, err)
		} else if string(id) != s || !strings.HasPrefix(s, "ses_") {
			t.Fatalf("accepted %q as %q", s, id)
		}
		if id, err := tpsession.ParseCentreID(s); err != nil {
			refusedProperly(t, err)
		} else if string(id) != s || s == "" {
			t.Fatalf("accepted %q as centre %q", s, id)
		}
	})
}

func FuzzParseRegion(f *testing.F) {
	f.Add("metropole")
	f.Add("alsace-moselle")
	f.Add("corse")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := tpsession.ParseRegion(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if s != "" && string(r) != s {
			t.Fatalf("accepted %q as %q", s, r)
		}
	})
}

func FuzzParseTimeOfDay(f *testing.F) {
	for _, s := range []string{"08:30", "24:00", "24:01", "9:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tod, err := tpsession.ParseTimeOfDay(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if !tod.Valid() || tod.String() != s {
			t.Fatalf("accepted %q as %v", s, tod)
		}
	})
}

func FuzzParseSessionKind(f *testing.F) {
	f.Add("titre")
	f.Add("CCS")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := tpsession.ParseSessionKind(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if k.String() != s {
			t.Fatalf("accepted %q as %q", s, k)
		}
	})
}
