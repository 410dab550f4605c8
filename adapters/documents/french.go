package documents

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/rickb777/date/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// French wording shared by the documents.

var (
	weekdaysFR = [...]string{time.Sunday: "dimanche", time.Monday: "lundi", time.Tuesday: "mardi", time.Wednesday: "mercredi",
		time.Thursday: "jeudi", time.Friday: "vendredi", time.Saturday: "samedi"}
	monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

// dayFR writes "1er mars 2027": French usage writes the first of the month
// as an ordinal.
func dayFR(d date.Date) string {
	y, m, day := d.Date()
	n := fmt.Sprint(day)
	if day == 1 {
		n = "1er"
	}
	return fmt.Sprintf("%s %s %d", n, monthsFR[m-1], y)
}

// dateFR writes "lundi 1er mars 2027".
func dateFR(d date.Date) string { return weekdaysFR[d.Weekday()] + " " + dayFR(d) }

// numericFR writes "01/03/2027", the form French spreadsheets read as a date.
func numericFR(d date.Date) string {
	y, m, day := d.Date()
	return fmt.Sprintf("%02d/%02d/%04d", day, int(m), y)
}

// clockFR writes "8 h 30", or "14 h" on the hour, as a formal letter does.
func clockFR(t tpsession.TimeOfDay) string {
	h, m := int(t)/60, int(t)%60
	if m == 0 {
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %02d", h, m)
}

// span writes "08:30–12:30", as the déroulé de session does.
func span(from, to tpsession.TimeOfDay) string { return from.String() + "–" + to.String() }

// pluralFR writes "1 candidat", "3 candidats".
func pluralFR(n int, word string) string {
	if n > 1 {
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%d %s", n, word)
}

// fullName writes "Élise MARTIN-LEFÈVRE": the family name in capitals, as
// French administrative documents print it, so that it is never mistaken
// for a first name.
func fullName(c candidate.Candidate) string {
	return c.FirstName + " " + strings.ToUpper(c.LastName)
}

// titleFR names what the session evaluates: "titre professionnel
// Concepteur développeur d'applications (TP-01281)".
func titleFR(s session.Session) string {
	what := "titre professionnel"
	switch s.Kind {
	case tpsession.KindCCP:
		what = "certificat de compétences professionnelles (CCP) du titre professionnel"
	case tpsession.KindCCS:
		what = "certificat complémentaire de spécialisation (CCS) du titre professionnel"
	}
	return fmt.Sprintf("%s %s (%s)", what, s.TitleName, s.Title)
}

// periodFR writes "du lundi 1er mars au mercredi 3 mars 2027", or "le lundi
// 1er mars 2027" for a one-day session.
func periodFR(from, until date.Date) string {
	if from == until {
		return "le " + dateFR(from)
	}
	first := dateFR(from)
	if from.Year() == until.Year() {
		first = strings.TrimSuffix(first, fmt.Sprintf(" %d", from.Year()))
	}
	return "du " + first + " au " + dateFR(until)
}

// win1252 is the encoding of the PDF core fonts (Helvetica's WinAnsi):
// every character of French is in it, œ, « », €, ’ and … included.
var win1252 = charmap.Windows1252

// pdfText encodes s for the PDF core fonts. Every string printed in a PDF
// goes through it. Accents typed as combining marks after their letter
// (Unicode NFD, as macOS and some forms give them) are composed first
// (NFC), since Windows-1252 has "é" but no combining acute. A letter
// outside Windows-1252 (the ł of Łukasz, the ș of Ștefan) is printed
// without its diacritic rather than as a '?', so that a name stays
// readable; other characters outside it become '?'. Line feeds are kept
// for multi-line cells; other control characters dropped.
func pdfText(s string) string {
	s = norm.NFC.String(s)
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b = append(b, '\n')
		case unicode.IsControl(r):
		default:
			if c, ok := win1252.EncodeRune(r); ok {
				b = append(b, c)
				continue
			}
			b = append(b, fallback(r)...)
		}
	}
	return string(b)
}

// fallback spells a character outside Windows-1252 with characters inside
// it: the letters that do not decompose by hand (ł → l), typographic
// spaces and dashes by their plain forms, others by their base letter
// (ș → s).
func fallback(r rune) []byte {
	if s := string(r); asciiLigatures.Replace(s) != s {
		return []byte(asciiLigatures.Replace(s))
	}
	switch r {
	case '\u2009', '\u202f', '\u2007': // thin, narrow no-break and figure spaces
		return []byte{0xa0}
	case '\u2010', '\u2011', '\u2012', '\u2212': // hyphens and the minus sign
		return []byte{'-'}
	}
	var out []byte
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if c, ok := win1252.EncodeRune(d); ok && d != r {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return []byte{'?'}
	}
	return out
}

// foldKey is s without case, accents or ligatures: "Œuvray" and "oeuvray"
// have the same key, which orders names as a French reader expects and
// matches column headers however they are typed.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(asciiLigatures.Replace(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// compareFold orders names by their fold keys, then as written.
func compareFold(a, b string) int {
	return cmp.Or(strings.Compare(foldKey(a), foldKey(b)), strings.Compare(a, b))
}
