package httpapi

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/tpsession/tpsession"
)

// textRule is the text rule of a free-text field of a request, from its
// text tag: `text:"line,100"` for one line of at most 100 characters,
// `text:"lines,2000"` for text that may span lines. The decoder checks it
// (tpsession.TextProblem, the rule the domain packages check too) and the
// OpenAPI document states it. On a list it applies to the elements, on a
// map to the keys. The zero rule is no rule: the field is not free text.
type textRule struct {
	max   int
	lines bool
}

// textRuleOf reads the text tag of f; a malformed tag is no rule, which
// TestEveryStringFieldHasARule reports.
func textRuleOf(f reflect.StructField) textRule {
	kind, n, ok := strings.Cut(f.Tag.Get("text"), ",")
	max, err := strconv.Atoi(n)
	if !ok || err != nil || max < 1 || kind != "line" && kind != "lines" {
		return textRule{}
	}
	return textRule{max: max, lines: kind == "lines"}
}

// problem returns what is wrong with s under the rule, "" when nothing.
func (r textRule) problem(s string) string {
	if r.max == 0 {
		return ""
	}
	return tpsession.TextProblem(s, r.max, r.lines)
}

// surrogate reports whether a lone surrogate escape lies between the
// offsets from and to of the body.
func (w *walker) surrogate(from, to int64) bool {
	for len(w.surrogates) > 0 && w.surrogates[0] < from {
		w.surrogates = w.surrogates[1:]
	}
	return len(w.surrogates) > 0 && w.surrogates[0] < to
}

// loneSurrogates returns the offsets in data, a JSON text, of the \u
// escapes of a UTF-16 surrogate (D800 to DFFF) that are not a high one
// followed by a low one. encoding/json decodes each to U+FFFD, which would
// store a character the client never sent: the decoder refuses them.
func loneSurrogates(data []byte) []int64 {
	var out []int64
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c != '\\' || !inString:
		case i+1 < len(data) && data[i+1] != 'u':
			i++ // a two-character escape
		default:
			u, ok := escapedUnit(data, i)
			if !ok {
				i++
				continue
			}
			switch {
			case u >= 0xd800 && u <= 0xdbff:
				if low, ok := escapedUnit(data, i+6); ok && low >= 0xdc00 && low <= 0xdfff {
					i += 11 // the pair
					continue
				}
				out = append(out, int64(i))
			case u >= 0xdc00 && u <= 0xdfff:
				out = append(out, int64(i))
			}
			i += 5
		}
	}
	return out
}

// escapedUnit reads the UTF-16 code unit of the \uXXXX escape at data[i:].
func escapedUnit(data []byte, i int) (uint16, bool) {
	if i+6 > len(data) || data[i] != '\\' || data[i+1] != 'u' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(data[i+2:i+6]), 16, 16)
	return uint16(n), err == nil
}
