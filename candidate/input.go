package candidate

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Bounds on free text. A name, a place or a document is printed on one
// line of the convocation letter; the bounds keep a huge input out of the
// stores and the logs.
const (
	maxNameLen  = 100
	maxTextLen  = 200
	maxPlaceLen = 300
	maxListLen  = 30
)

// text trims s and records on field a required value left empty, one longer
// than max characters, or one that is not a single line of printable text.
func text(fe *tpsession.FieldErrors, field, s string, max int, required bool) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		if required {
			fe.Add(field, "is required")
		}
	case !utf8.ValidString(s):
		fe.Add(field, "must be valid UTF-8 text")
	case utf8.RuneCountInString(s) > max:
		fe.Add(field, "must have at most %d characters", max)
	case strings.ContainsFunc(s, unicode.IsControl):
		fe.Add(field, "must be one line of text, without control characters")
	}
	return s
}

// textList checks each entry of a list as text, refuses an entry listed
// twice (case aside) and more than max entries; it returns the trimmed
// entries, nil for an empty list.
func textList(fe *tpsession.FieldErrors, field string, list []string, maxEntries, maxLen int) []string {
	if len(list) > maxEntries {
		fe.Add(field, "must have at most %d entries", maxEntries)
		return nil
	}
	var out []string
	for i, s := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		s = text(fe, f, s, maxLen, true)
		for j, prev := range out {
			if s != "" && strings.EqualFold(prev, s) {
				fe.Add(f, "repeats %s[%d]", field, j)
				break
			}
		}
		out = append(out, s)
	}
	return out
}

// dateField parses an optional YYYY-MM-DD field; the empty string is the
// zero date, reported when required.
func dateField(fe *tpsession.FieldErrors, field, s string, required bool) date.Date {
	if s == "" {
		if required {
			fe.Add(field, "is required")
		}
		return date.Zero
	}
	d, err := tpsession.ParseDate(s)
	fe.AddErr(field, err)
	return d
}

// pastFact records on field a date that lies after today: a recorded fact
// (a notification, a validation, a delivery) has already happened. The
// zero date (not given) passes.
func pastFact(fe *tpsession.FieldErrors, field string, d, today date.Date) {
	if d != date.Zero && d > today {
		fe.Add(field, "%s is in the future: the date of a recorded fact is on or before today, %s", d, today)
	}
}

// messageOf returns the user-safe message of an *tpsession.Error, the
// error's text otherwise.
func messageOf(err error) string {
	if e, ok := errors.AsType[*tpsession.Error](err); ok && e.Message != "" {
		return e.Message
	}
	return err.Error()
}
