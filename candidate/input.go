package candidate

import (
	"fmt"
	"strings"

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

// textList checks each entry of a list as one line of text, refuses an entry listed
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
		s = fe.Text(f, s, maxLen, true)
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
