package tpsession

import (
	"errors"
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

// Text checks a one-line text field (a name, a place, a label) and returns
// it normalised: its ends trimmed, every run of white space, line breaks
// included, made one space, and accents composed (Unicode NFC), so that
// "Hélène" typed with a combining accent is stored, compared and printed
// as the same name. It records on field a value that is not valid
// UTF-8, one longer than max characters (runes, counted after
// normalisation), one holding other control characters, and, when required,
// an empty one.
func (fe *FieldErrors) Text(field, s string, max int, required bool) string {
	if !utf8.ValidString(s) {
		fe.Add(field, "must be valid UTF-8 text")
		return strings.TrimSpace(s)
	}
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	switch {
	case s == "":
		if required {
			fe.Add(field, "is required")
		}
	case utf8.RuneCountInString(s) > max:
		fe.Add(field, "must have at most %d characters", max)
	case strings.ContainsFunc(s, unicode.IsControl):
		fe.Add(field, "must be one line of text, without control characters")
	}
	return s
}

// Note checks a free-text field that may span lines (a note, a comment) and
// returns it with its ends trimmed, its line breaks written "\n" (a
// "\r\n" or a lone "\r" becomes "\n") and its accents composed (NFC). It records on field a value that is
// not valid UTF-8, one longer than max characters (runes), and one holding
// control characters other than line breaks and tabs. An empty note is
// valid.
func (fe *FieldErrors) Note(field, s string, max int) string {
	if !utf8.ValidString(s) {
		fe.Add(field, "must be valid UTF-8 text")
		return strings.TrimSpace(s)
	}
	s = norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")))
	switch {
	case utf8.RuneCountInString(s) > max:
		fe.Add(field, "must have at most %d characters", max)
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }):
		fe.Add(field, "must not contain control characters other than line breaks and tabs")
	}
	return s
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
