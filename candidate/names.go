package candidate

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tpsession/tpsession"
)

// The checks that catch what a spreadsheet does to a file of candidates
// (docs/rules.md#names-and-postcodes): a name whose letters a wrong
// character set turned into "?" or "�", a postcode whose leading zero a
// number format dropped. They refuse at the boundary what would otherwise
// be printed on a convocation and posted.

// personName checks a first or last name as Text does, then that it is
// made of letters (of any script, accents included), spaces, hyphens and
// apostrophes, with at least one letter. A "?" or a U+FFFD replacement
// character is named with the encoding hint, as it is what a file read in
// the wrong character set holds where a letter was.
func personName(fe *tpsession.FieldErrors, field, s string) string {
	before := len(*fe)
	s = fe.Text(field, s, maxNameLen, true)
	if s == "" || len(*fe) > before {
		return s
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.Is(unicode.Mn, r), r == ' ', nameHyphen(r), nameApostrophe(r):
		case r == '?' || r == '\uFFFD':
			fe.Add(field, "%q holds %q where a letter should be: it is what a file saved in another character set makes of a letter such as ş or ł; "+
				"save the file as UTF-8 (in Excel, \"CSV UTF-8\") and import it again, or type the name with its letters", s, r)
			return s
		default:
			fe.Add(field, "must be made of letters, spaces, hyphens and apostrophes; found %s", quoteRune(r))
			return s
		}
	}
	if letters == 0 {
		fe.Add(field, "must hold at least one letter")
	}
	return s
}

func nameHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func nameApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// quoteRune writes r for a message: "3", or U+00A7 for what does not show.
func quoteRune(r rune) string {
	if unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		return fmt.Sprintf("%q (U+%04X)", string(r), r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// France is the country a postal address is in when it names none.
const France = "France"

// isFrance reports whether a postal address's country is France: none
// given, or France under its usual names.
func isFrance(country string) bool {
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case "", "FRANCE", "FR", "FRA":
		return true
	}
	return false
}

// frenchPostcode checks a postcode of France, Monaco and the overseas
// departments: five digits, spaces aside ("69 002" is 69002). Four digits
// are most often a postcode whose leading zero a spreadsheet dropped,
// reading it as a number: the message says which one it probably was.
func frenchPostcode(fe *tpsession.FieldErrors, field, s string) string {
	code := strings.Join(strings.Fields(s), "")
	digits := strings.IndexFunc(code, func(r rune) bool { return r < '0' || r > '9' }) < 0
	switch {
	case s == "":
	case digits && len(code) == 5:
		return code
	case digits && len(code) == 4:
		fe.Add(field, "%q has 4 digits and a French postcode has 5: it is probably 0%s, whose leading zero a spreadsheet dropped "+
			"(format the column as text before saving the file)", s, code)
	default:
		fe.Add(field, "%q is not a French postcode, which has 5 digits (set country for an address abroad)", tpsession.Truncate(s, 20))
	}
	return s
}
