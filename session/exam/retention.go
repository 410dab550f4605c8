package exam

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Retention is how many years after the validation of a session's results
// a centre keeps the candidates' personal data in the session's records
// (docs/rules.md#retention). No text sets it: the centre chooses it,
// DefaultRetentionYears when it has not.
type Retention struct {
	Centre tpsession.CentreID
	Years  int
	SetBy  string
	SetAt  time.Time
}

// NewRetention checks a centre's retention period: 1 to MaxRetentionYears
// years (ErrInvalidInput naming years).
func NewRetention(centre tpsession.CentreID, years int, by string, at time.Time) (Retention, error) {
	if years < 1 || years > MaxRetentionYears {
		return Retention{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "years", Message: fmt.Sprintf("must be between 1 and %d, got %d", MaxRetentionYears, years)}).
			Withf("a retention period is 1 to %d years, got %d", MaxRetentionYears, years)
	}
	return Retention{Centre: centre, Years: years, SetBy: by, SetAt: at}, nil
}

// Clone returns a copy (a Retention holds no reference).
func (r Retention) Clone() Retention { return r }

// RetainedUntil returns the last day the candidates' personal data are
// kept: years after the validation day, as a time limit counted in years
// is (docs/rules.md#months-before-a-date). They may be pseudonymised the
// day after.
func RetainedUntil(validatedOn date.Date, years int) date.Date {
	return tpsession.AddMonths(validatedOn, 12*years)
}

// Change is one change a pseudonymisation makes, or would make: where
// (a dotted path), the text before and after.
type Change struct {
	Where         string
	Before, After string
}

// Person is a candidate whose names a pseudonymisation replaces.
type Person struct {
	ID                  tpsession.CandidateID
	FirstName, LastName string
}

// Pseudonym is the name that replaces a candidate's: "Candidat" and the
// end of the candidate's ID, which the records keep, so that a person with
// the right to know can still tell who was who.
func Pseudonym(id tpsession.CandidateID) string {
	s := string(id)
	return "Candidat " + s[max(0, len(s)-8):]
}

// Pseudonyms replaces candidates' names in free text.
type Pseudonyms struct {
	patterns []pattern
}

type pattern struct {
	name   []rune
	pseudo string
	// proper: a single name, matched only as written with a capital, as a
	// proper noun is, so that "Petit" is replaced and "un petit incident"
	// is not.
	proper bool
}

// NewPseudonyms returns the replacer of the people's names: their full
// names either way round, matched case aside, then their last names, then
// their first names, each matched when written with a capital; always as
// whole words.
func NewPseudonyms(people []Person) Pseudonyms {
	var ps Pseudonyms
	add := func(name, pseudo string) {
		name = strings.TrimSpace(name)
		if len([]rune(name)) >= 2 {
			ps.patterns = append(ps.patterns, pattern{name: []rune(name), pseudo: pseudo, proper: !strings.ContainsRune(name, ' ')})
		}
	}
	for _, p := range people {
		pseudo := Pseudonym(p.ID)
		add(p.FirstName+" "+p.LastName, pseudo)
		add(p.LastName+" "+p.FirstName, pseudo)
	}
	for _, p := range people {
		add(p.LastName, Pseudonym(p.ID))
	}
	for _, p := range people {
		add(p.FirstName, Pseudonym(p.ID))
	}
	// Longest first, so that "Léa Dubois" goes before "Léa".
	slices.SortStableFunc(ps.patterns, func(a, b pattern) int { return len(b.name) - len(a.name) })
	return ps
}

// Replace returns s with the names replaced, and whether anything was.
func (ps Pseudonyms) Replace(s string) (string, bool) {
	if s == "" {
		return s, false
	}
	rs := []rune(s)
	var b strings.Builder
	changed := false
	for i := 0; i < len(rs); {
		if p, ok := ps.match(rs, i); ok {
			b.WriteString(p.pseudo)
			i += len(p.name)
			changed = true
			continue
		}
		b.WriteRune(rs[i])
		i++
	}
	if !changed {
		return s, false
	}
	return b.String(), true
}

// match returns the pattern found as a whole word at rs[i:].
func (ps Pseudonyms) match(rs []rune, i int) (pattern, bool) {
	if i > 0 && wordRune(rs[i-1]) {
		return pattern{}, false
	}
	for _, p := range ps.patterns {
		end := i + len(p.name)
		if end > len(rs) || end < len(rs) && wordRune(rs[end]) {
			continue
		}
		if p.proper && !unicode.IsUpper(rs[i]) {
			continue
		}
		if strings.EqualFold(string(rs[i:end]), string(p.name)) {
			return p, true
		}
	}
	return pattern{}, false
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Pseudonymise replaces the candidates' names in the record's free text —
// attendance notes, incident descriptions and witnesses, the jury's
// reasons, the amendments' reasons, the modality statements, the notes of
// the constatations — and returns what it changed. It records nothing
// else: the caller records when it ran (Record.Pseudonymised).
func (r *Record) Pseudonymise(ps Pseudonyms) []Change {
	var out []Change
	do := func(where string, s *string) {
		if after, ok := ps.Replace(*s); ok {
			out = append(out, Change{Where: where, Before: *s, After: after})
			*s = after
		}
	}
	for i := range r.Attendance {
		do(fmt.Sprintf("exam.attendance[%d].note", i), &r.Attendance[i].Note)
	}
	for i := range r.Incidents {
		do(fmt.Sprintf("exam.incidents[%d].description", i), &r.Incidents[i].Description)
		for j := range r.Incidents[i].Witnesses {
			do(fmt.Sprintf("exam.incidents[%d].witnesses[%d].name", i, j), &r.Incidents[i].Witnesses[j].Name)
		}
	}
	for i := range r.Statements {
		do(fmt.Sprintf("exam.statements[%d].text", i), &r.Statements[i].Text)
	}
	for i := range r.Constatations {
		do(fmt.Sprintf("exam.constatations[%d].note", i), &r.Constatations[i].Note)
	}
	for i := range r.Decisions {
		do(fmt.Sprintf("exam.decisions[%d].reasons", i), &r.Decisions[i].Reasons)
	}
	for i := range r.Amendments {
		do(fmt.Sprintf("exam.amendments[%d].reasons", i), &r.Amendments[i].Reasons)
		do(fmt.Sprintf("exam.amendments[%d].reason", i), &r.Amendments[i].Reason)
	}
	return out
}
