package tpsession

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/rickb777/date/v2"
)

// MessageOf returns the user-safe message of err: that of the first *Error
// in its chain with a non-empty Message, else err.Error(), and "" for nil.
// Use it to quote another package's refusal inside a message of your own.
func MessageOf(err error) string {
	for e := err; e != nil; {
		x, ok := errors.AsType[*Error](e)
		if !ok {
			break
		}
		if x.Message != "" {
			return x.Message
		}
		e = x.Err
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// Truncate returns s cut to at most n runes, followed by "…" when anything
// was cut, so that a huge input quoted in an error message does not end up
// whole in a log line. It never splits a UTF-8 sequence.
func Truncate(s string, n int) string {
	runes := 0
	for i := range s {
		if runes >= n {
			return s[:i] + "…"
		}
		runes++
	}
	return s
}

// The text rule: every free-text field of the library (a name, a place, a
// reason, a note) is valid UTF-8 (a lone surrogate, which UTF-8 cannot
// encode, included), holds no control character (C0, DEL, C1), no
// line or paragraph separator (U+2028, U+2029) and no bidirectional
// control (U+202A to U+202E, U+2066 to U+2069, which can make a text read
// otherwise than it is stored) nor noncharacter; a multi-line field
// (Note) may hold line breaks. Its length is bounded per field, in
// characters once normalised (docs/rules.md#text-fields).

// TextProblem returns what is wrong with s as a free-text field of at most
// max characters (multi-line when lines is true), in the words of a field
// error, or "" when nothing is. The length is counted as Text and Note
// count it, after normalisation: a value of at most max characters as sent
// is never too long.
func TextProblem(s string, max int, lines bool) string {
	if !utf8.ValidString(s) {
		return "must be valid UTF-8 text"
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return forbiddenIn(r, lines) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if lines {
			return fmt.Sprintf("must not contain control characters other than line breaks (found U+%04X)", r)
		}
		return fmt.Sprintf("must be one line of text, without control characters (found U+%04X)", r)
	}
	if n := utf8.RuneCountInString(normalised(s, lines)); n > max {
		return fmt.Sprintf("must have at most %d characters", max)
	}
	return ""
}

// forbiddenIn reports whether r may not appear in a free-text field; a
// line break may in a multi-line one.
func forbiddenIn(r rune, lines bool) bool {
	switch {
	case lines && (r == '\n' || r == '\r'):
		return false
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return unicode.Is(unicode.Noncharacter_Code_Point, r)
}

// normalised is s as a field keeps it: its ends trimmed and accents
// composed (NFC); in one line, every run of white space made one space; in
// several, each line break written "\n".
func normalised(s string, lines bool) string {
	if lines {
		return norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")))
	}
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// Text checks a one-line text field (a name, a place, a label) under the
// text rule (TextProblem) and returns it normalised: its ends trimmed,
// every run of spaces made one, and accents composed (Unicode NFC), so
// that "Hélène" typed with a combining accent is stored, compared and
// printed as the same name. It records on field a value that breaks the
// rule and, when required, an empty one.
func (fe *FieldErrors) Text(field, s string, max int, required bool) string {
	if p := TextProblem(s, max, false); p != "" {
		fe.Add(field, "%s", p)
		return strings.TrimSpace(s)
	}
	s = normalised(s, false)
	if s == "" && required {
		fe.Add(field, "is required")
	}
	return s
}

// Note checks a free-text field that may span lines (a note, a comment)
// under the text rule (TextProblem) and returns it with its ends trimmed,
// its line breaks written "\n" (a "\r\n" or a lone "\r" becomes "\n")
// and its accents composed (NFC). It records on field a value that breaks
// the rule. An empty note is valid.
func (fe *FieldErrors) Note(field, s string, max int) string {
	if p := TextProblem(s, max, true); p != "" {
		fe.Add(field, "%s", p)
		return strings.TrimSpace(s)
	}
	return normalised(s, true)
}

// PastDate checks a date that records a past fact (a notification, an
// order, a declaration): it records on field a date after today, and, when
// required, the zero date (not given).
func (fe *FieldErrors) PastDate(field string, d, today date.Date, required bool) {
	switch {
	case d == date.Zero:
		if required {
			fe.Add(field, "is required")
		}
	case d > today:
		fe.Add(field, "%s is in the future (today is %s): it records a past fact", d, today)
	}
}
