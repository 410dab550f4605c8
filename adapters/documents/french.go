package documents

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/rickb777/date/v2"
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

// deFR writes "de" before a name as French writes it: elided before a
// vowel or an h ("d'Emma FAURE", "d'Hélène", "d'Yves"), in full otherwise
// ("de Noé", "de Yasmine": a y before a vowel is a consonant).
func deFR(name string) string {
	r := []rune(foldKey(name))
	if len(r) == 0 {
		return "de " + name
	}
	switch vowel := func(c rune) bool { return strings.ContainsRune("aeiouy", c) }; {
	case r[0] == 'h', r[0] != 'y' && vowel(r[0]), r[0] == 'y' && len(r) > 1 && !vowel(r[1]):
		return "d'" + name
	}
	return "de " + name
}

// upperFirst writes s with its first letter in capitals.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// addressFR writes the lines of a postal address that follow the name, as
// La Poste asks them: the lines, the postcode and the city in capitals,
// and for an address abroad its country in capitals, last.
func addressFR(a candidate.PostalAddress) []string {
	out := slices.Clone(a.Lines)
	if a.Postcode != "" || a.City != "" {
		out = append(out, strings.TrimSpace(a.Postcode+" "+strings.ToUpper(a.City)))
	}
	if a.Country != "" {
		out = append(out, strings.ToUpper(a.Country))
	}
	return out
}
