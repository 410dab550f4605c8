package pli_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tpsession/tpsession/pli"
)

// FuzzCanonicalJSON checks that the canonical form is JSON that decodes to
// the entry's values, and that it agrees with encoding/json where the two
// escaping rules coincide.
func FuzzCanonicalJSON(f *testing.F) {
	for _, s := range []string{"", "seal check", `"\`, "\b\t\n\f\r\x00\x1f\x7f", "é📦\u2028", "a\xffb", "</script>&"} {
		f.Add(s, "Marie Dupont", int64(1801299600000))
	}
	f.Fuzz(func(t *testing.T, detail, actor string, ms int64) {
		at := time.UnixMilli(ms % 253402300800000).UTC() // years 1970 to 9999
		if at.Year() < 1 {
			t.Skip()
		}
		e := pli.Entry{At: at, Actor: actor, Action: pli.ActionAccessed, Detail: detail}
		out := e.CanonicalJSON()
		if !utf8.Valid(out) {
			t.Fatalf("not UTF-8: %q", out)
		}
		if bytes.ContainsFunc(out, func(r rune) bool { return r < 0x20 }) {
			t.Fatalf("raw control character in %q", out)
		}
		var got map[string]string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		want := map[string]string{
			"action": string(pli.ActionAccessed),
			"actor":  string([]rune(actor)), // invalid bytes become U+FFFD
			"at":     at.Format(pli.TimeLayout),
			"detail": string([]rune(detail)),
		}
		if len(got) != len(want) {
			t.Fatalf("keys of %q", out)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("%s: got %q, want %q", k, got[k], v)
			}
		}
		if utf8.ValidString(detail) && !strings.ContainsAny(detail, "\\\u2028\u2029") {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(detail); err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(out, []byte(`"detail":`+strings.TrimSuffix(buf.String(), "\n")+`}`)) {
				t.Fatalf("%q differs from encoding/json's %q", out, buf.String())
			}
		}
	})
}

// FuzzSecure checks that free text from outside is either refused or
// recorded as a single line of printable text in a verifiable log.
func FuzzSecure(f *testing.F) {
	for _, s := range []string{"Coffre-fort", "  bureau \t 12 ", "", "\x00", "\xc3", strings.Repeat("x", pli.MaxTextLen+1)} {
		f.Add(s, "Marie Dupont")
	}
	f.Fuzz(func(t *testing.T, location, custodian string) {
		p := pliAt(t, pli.StatusOrganisateurRead)
		if err := p.Secure(location, custodian, securedAt, responsable); err != nil {
			if p.Status() != pli.StatusOrganisateurRead || len(p.Custody) != 3 {
				t.Fatalf("a refused step changed the pli: %v", err)
			}
			return
		}
		for _, s := range []string{p.Location, p.Custodian} {
			if s == "" || !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) || s != strings.TrimSpace(s) {
				t.Fatalf("recorded %q", s)
			}
		}
		if err := p.Custody.Verify(); err != nil {
			t.Fatal(err)
		}
	})
}
