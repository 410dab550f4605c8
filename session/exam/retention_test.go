package exam_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/exam"
)

func TestTheRetentionPeriodCountsYearsFromTheValidation(t *testing.T) {
	assert.Equal(t, date.New(2032, time.March, 10), exam.RetainedUntil(date.New(2027, time.March, 10), 5))
	assert.Equal(t, date.New(2029, time.February, 28), exam.RetainedUntil(date.New(2028, time.February, 29), 1), "29 February, a year later")
	_, err := exam.NewRetention("c", 0, "x", time.Time{})
	assert.Equal(t, []string{"years"}, fieldsOf(err))
	_, err = exam.NewRetention("c", exam.MaxRetentionYears+1, "x", time.Time{})
	assert.Equal(t, []string{"years"}, fieldsOf(err))
	r, err := exam.NewRetention("c", exam.MaxRetentionYears, "x", time.Time{})
	require.NoError(t, err)
	assert.Equal(t, exam.MaxRetentionYears, r.Years)
	r, err = exam.NewRetention("c", 1, "x", time.Time{})
	require.NoError(t, err)
	assert.Equal(t, 1, r.Years)
	assert.Equal(t, exam.DefaultRetentionYears, exam.Rules{}.Retention())
}

func TestPseudonymsReplaceWholeNamesCaseAside(t *testing.T) {
	ps := exam.NewPseudonyms([]exam.Person{{ID: lea, FirstName: "Léa", LastName: "Dubois"}, {ID: marc, FirstName: "Marc", LastName: "Petit"}})
	pl, pm := exam.Pseudonym(lea), exam.Pseudonym(marc)
	for in, want := range map[string]string{
		"Léa Dubois a quitté la salle.":              pl + " a quitté la salle.",
		"DUBOIS Léa et marc petit":                   pl + " et " + pm,
		"Mme Dubois, Léa":                            "Mme " + pl + ", " + pl,
		"Léandre et Duboisier ne sont pas visés":     "Léandre et Duboisier ne sont pas visés",
		"Un petit incident":                          "Un petit incident",
		"PETIT a triché":                             pm + " a triché",
		"rien":                                       "rien",
		"l'échange entre Marc et Léa (Marc-Antoine)": "l'échange entre " + pm + " et " + pl + " (" + pm + "-Antoine)",
	} {
		got, _ := ps.Replace(in)
		assert.Equal(t, want, got, in)
	}
	_, changed := ps.Replace("aucun nom")
	assert.False(t, changed)
}

func TestPseudonymisationRewritesTheRecordsFreeTextOnly(t *testing.T) {
	w := closedPV(t)
	w.rec.Decisions[0].Reasons = "Léa Dubois maîtrise le CCP1."
	w.rec.Attendance[0].Note = "Léa arrive avec son DP."
	prev := w.rec.Clone()
	changes := w.rec.Pseudonymise(exam.NewPseudonyms([]exam.Person{{ID: lea, FirstName: "Léa", LastName: "Dubois"}}))
	require.Len(t, changes, 2)
	assert.Equal(t, exam.Change{Where: "exam.attendance[0].note", Before: "Léa arrive avec son DP.", After: exam.Pseudonym(lea) + " arrive avec son DP."}, changes[0])
	w.rec.Pseudonymised = &exam.Fact{On: day3, By: "x", At: w.f.Now.At}
	assert.NoError(t, exam.Vet(prev, w.rec), "the pseudonymisation may rewrite a closed PV's free text")
	next := w.rec.Clone()
	next.Decisions[0].Reasons = "autre"
	assert.ErrorIs(t, exam.Vet(w.rec, next), exam.ErrPVClosed, "but not afterwards")
}
