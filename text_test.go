package tpsession_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

func TestMessageOf(t *testing.T) {
	rule := tpsession.NewError(tpsession.Rule, "x.rule", "the sentinel's message")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"plain error", errors.New("disk full"), "disk full"},
		{"sentinel", rule, "the sentinel's message"},
		{"copy with facts", rule.Withf("validated on %s", "2027-01-30"), "validated on 2027-01-30"},
		{"wrapped", fmt.Errorf("saving: %w", rule.Withf("facts")), "facts"},
		{"kind-wide error without a message", tpsession.ErrInternal.Wrap(rule.Withf("the cause's message")), "the cause's message"},
		{"no message anywhere", tpsession.ErrInternal.Wrap(errors.New("boom")), "internal: boom"},
		{"no message, no cause", tpsession.ErrInternal, "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tpsession.MessageOf(tt.err))
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"shorter", "abc", 4, "abc"},
		{"exactly n runes", "abcd", 4, "abcd"},
		{"one rune more", "abcde", 4, "abcd…"},
		{"multi-byte runes exactly n", "éàèü", 4, "éàèü"},
		{"multi-byte runes cut between runes", "éàèüö", 4, "éàèü…"},
		{"empty", "", 0, ""},
		{"zero", "a", 0, "…"},
		{"invalid UTF-8 counts a byte per rune", "\xff\xfeab", 2, "\xff\xfe…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tpsession.Truncate(tt.s, tt.n))
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		max      int
		required bool
		want     string
		problem  string // "" when accepted
	}{
		{"trimmed, spaces collapsed", "  Salle \u00a0 B  12 ", 10, true, "Salle B 12", ""},
		{"a tab refused", "Salle\tB", 10, true, "Salle\tB", "must be one line of text, without control characters (found U+0009)"},
		{"a line break refused", "Salle\nB", 10, true, "Salle\nB", "must be one line of text, without control characters (found U+000A)"},
		{"a carriage return refused", "Salle B\r", 10, true, "Salle B", "must be one line of text, without control characters (found U+000D)"},
		{"a line separator refused", "Salle\u2028B", 10, true, "Salle\u2028B", "must be one line of text, without control characters (found U+2028)"},
		{"a bidirectional override refused", "Salle \u202eB", 10, true, "Salle \u202eB", "must be one line of text, without control characters (found U+202E)"},
		{"a noncharacter refused", "Salle\uffff", 10, true, "Salle\uffff", "must be one line of text, without control characters (found U+FFFF)"},
		{"a C1 control refused", "Salle\u0085B", 10, true, "Salle\u0085B", "must be one line of text, without control characters (found U+0085)"},
		{"U+FFFD is a character", "Salle \ufffd", 10, true, "Salle \ufffd", ""},
		{"an emoji with a joiner is text", "👩\u200d💻", 10, true, "👩\u200d💻", ""},
		{"max runes accepted", "ééééé", 5, true, "ééééé", ""},
		{"max+1 runes refused", "éééééé", 5, true, "éééééé", "must have at most 5 characters"},
		{"length counted after collapsing", "a    b", 3, true, "a b", ""},
		{"empty and required", "   ", 5, true, "", "is required"},
		{"empty and optional", "   ", 5, false, "", ""},
		{"control character", "a\x00b", 5, false, "a\x00b", "must be one line of text, without control characters (found U+0000)"},
		{"escape", "a\x1b[1mb", 10, false, "a\x1b[1mb", "must be one line of text, without control characters (found U+001B)"},
		{"invalid UTF-8", "a\xffb", 5, true, "a\xffb", "must be valid UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe tpsession.FieldErrors
			got := fe.Text("label", tt.in, tt.max, tt.required)
			assert.Equal(t, tt.want, got)
			assertProblem(t, fe, "label", tt.problem)
		})
	}
}

func TestNote(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		max     int
		want    string
		problem string
	}{
		{"lines kept, ends trimmed", "\n first line\n  second line \n", 30, "first line\n  second line", ""},
		{"a tab refused", "a\tb", 10, "a\tb", "must not contain control characters other than line breaks (found U+0009)"},
		{"a bidirectional isolate refused", "a\u2066b", 10, "a\u2066b", "must not contain control characters other than line breaks (found U+2066)"},
		{"CRLF and CR become LF", "a\r\nb\rc", 10, "a\nb\nc", ""},
		{"empty is valid", "  ", 10, "", ""},
		{"max runes accepted", "é\né", 3, "é\né", ""},
		{"max+1 runes refused", "é\néé", 3, "é\néé", "must have at most 3 characters"},
		{"other control character", "a\x07b", 10, "a\x07b", "must not contain control characters other than line breaks (found U+0007)"},
		{"invalid UTF-8", "\xc3", 10, "\xc3", "must be valid UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe tpsession.FieldErrors
			assert.Equal(t, tt.want, fe.Note("note", tt.in, tt.max))
			assertProblem(t, fe, "note", tt.problem)
		})
	}
}

func TestPastDate(t *testing.T) {
	today := date.New(2027, 3, 1)
	tests := []struct {
		name     string
		d        date.Date
		required bool
		problem  string
	}{
		{"today", today, true, ""},
		{"yesterday", today - 1, true, ""},
		{"tomorrow", today + 1, true, "2027-03-02 is in the future (today is 2027-03-01): it records a past fact"},
		{"tomorrow, optional", today + 1, false, "2027-03-02 is in the future (today is 2027-03-01): it records a past fact"},
		{"zero and required", date.Zero, true, "is required"},
		{"zero and optional", date.Zero, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe tpsession.FieldErrors
			fe.PastDate("ordered_on", tt.d, today, tt.required)
			assertProblem(t, fe, "ordered_on", tt.problem)
		})
	}
}

func TestFieldErrorsString(t *testing.T) {
	var fe tpsession.FieldErrors
	assert.Empty(t, fe.String())
	fe.Add("a", "is required")
	fe.Add("b[0].c", "must be at least %d", 1)
	assert.Equal(t, "a: is required; b[0].c: must be at least 1", fe.String())
}

// assertProblem checks that fe holds exactly the problem on field, or none
// when problem is "".
func assertProblem(t *testing.T, fe tpsession.FieldErrors, field, problem string) {
	t.Helper()
	if problem == "" {
		assert.Empty(t, fe)
		return
	}
	assert.Equal(t, tpsession.FieldErrors{{Field: field, Message: problem}}, fe)
}

func TestParseEmail(t *testing.T) {
	long := strings.Repeat("a", tpsession.MaxEmailLen-len("@example.fr")) + "@example.fr"
	tests := []struct {
		name string
		in   string
		want string // "" when refused
	}{
		{"bare address", "jeanne.martin@example.fr", "jeanne.martin@example.fr"},
		{"trimmed and lower-cased", "  Jeanne.Martin@Example.FR ", "jeanne.martin@example.fr"},
		{"254 bytes", long, long},
		{"255 bytes", "a" + long, ""},
		{"empty", "  ", ""},
		{"display name", "Jeanne <jeanne@example.fr>", ""},
		{"angle brackets", "<jeanne@example.fr>", ""},
		{"comment", "jeanne@example.fr (Jeanne)", ""},
		{"no dot in the domain", "jeanne@localhost", ""},
		{"no at", "jeanne.example.fr", ""},
		{"two addresses", "a@example.fr, b@example.fr", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tpsession.ParseEmail(tt.in)
			if tt.want == "" {
				assert.ErrorIs(t, err, tpsession.ErrInvalidEmail)
				assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{"jeanne@example.fr", "Jeanne <j@example.fr>", "J@EXAMPLE.FR", "a@b", "\"a b\"@example.fr", "İ@example.fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := tpsession.ParseEmail(s)
		if err != nil {
			refusedProperly(t, err)
			return
		}
		if got != strings.ToLower(got) || len(got) > tpsession.MaxEmailLen || !strings.Contains(got, "@") {
			t.Fatalf("accepted %q as %q", s, got)
		}
		if again, err := tpsession.ParseEmail(got); err != nil || again != got {
			t.Fatalf("%q, accepted from %q, does not parse back to itself: %q, %v", got, s, again, err)
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Salle B", " a \u00a0 b ", "a\n", "a\x00", "\xff", "éé", "a\u202e"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		var fe tpsession.FieldErrors
		got := fe.Text("f", s, max, true)
		if len(fe) > 0 {
			return
		}
		if got == "" || got != strings.TrimSpace(got) || strings.Contains(got, "  ") ||
			strings.ContainsFunc(s, unicode.IsControl) || utf8.RuneCountInString(got) > max {
			t.Fatalf("accepted %q as %q", s, got)
		}
		var again tpsession.FieldErrors
		if again.Text("f", got, max, true) != got || len(again) > 0 {
			t.Fatalf("%q, accepted from %q, is not accepted as itself", got, s)
		}
	})
}

func FuzzTruncate(f *testing.F) {
	f.Add("éàèüö", 4)
	f.Add("\xff\xfe", 1)
	f.Add("a…", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {
		got := tpsession.Truncate(s, n)
		if utf8.RuneCountInString(s) <= max(n, 0) {
			if got != s {
				t.Fatalf("Truncate(%q, %d) = %q, cutting a short string", s, n, got)
			}
			return
		}
		cut, ok := strings.CutSuffix(got, "…")
		if !ok || !strings.HasPrefix(s, cut) || utf8.RuneCountInString(cut) != max(n, 0) || (utf8.ValidString(s) && !utf8.ValidString(cut)) {
			t.Fatalf("Truncate(%q, %d) = %q", s, n, got)
		}
	})
}

func TestTextComposesAccents(t *testing.T) {
	var fe tpsession.FieldErrors
	decomposed := "He\u0301le\u0300ne Noe\u0308l"
	assert.Equal(t, "Hélène Noël", fe.Text("name", decomposed, 11, true), "11 characters once composed")
	assert.Equal(t, "Noël\nHélène", fe.Note("note", "Noe\u0308l\r\nHe\u0301le\u0300ne", 100))
	assert.Empty(t, fe)
}
