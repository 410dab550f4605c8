package candidate

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// FieldChange is a change of one field of a record: its JSON name, the
// value before and after, as text.
type FieldChange struct {
	Field         string
	Before, After string
}

// PseudonymFirstName is the first name a pseudonymised candidate bears.
const PseudonymFirstName = "Candidat"

// Pseudonymise replaces what identifies the candidate once the retention
// period of every session they sat has ended (docs/rules.md#retention):
// the first name becomes PseudonymFirstName and the last name last, so
// that the record still tells the candidates apart; the birth date keeps
// its year only (1 January); the e-mail, phone and postal address, and
// the names and e-mails of the trainers, are removed. The route, the
// host companies (companies, not people), the trainings' organisations and
// periods and the history stay: they are what the records prove. It
// returns the fields it changed; a candidate already pseudonymised changes
// nothing.
func (c *Candidate) Pseudonymise(last string) []FieldChange {
	var out []FieldChange
	set := func(field string, s *string, v string) {
		if *s != v {
			out = append(out, FieldChange{Field: field, Before: *s, After: v})
			*s = v
		}
	}
	set("first_name", &c.FirstName, PseudonymFirstName)
	set("last_name", &c.LastName, last)
	if c.BirthDate != date.Zero {
		if y := date.New(c.BirthDate.Year(), time.January, 1); y != c.BirthDate {
			out = append(out, FieldChange{Field: "birth_date", Before: c.BirthDate.String(), After: y.String()})
			c.BirthDate = y
		}
	}
	set("email", &c.Email, "")
	set("phone", &c.Phone, "")
	if !c.PostalAddress.IsZero() {
		before := strings.Join(append(slices.Clone(c.PostalAddress.Lines), c.PostalAddress.Postcode, c.PostalAddress.City), ", ")
		out = append(out, FieldChange{Field: "postal_address", Before: before})
		c.PostalAddress = PostalAddress{}
	}
	if slices.ContainsFunc(c.Trainings, func(t Training) bool { return len(t.Trainers) > 0 }) {
		ts := slices.Clone(c.Trainings)
		for i, t := range ts {
			for _, tr := range t.Trainers {
				out = append(out, FieldChange{Field: "trainings[" + strconv.Itoa(i) + "].trainers", Before: tr.Name + " <" + tr.Email + ">"})
			}
			ts[i].Trainers = nil
		}
		c.Trainings = ts
	}
	return out
}
