package exam_test

import (
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

func fieldsOf(err error) []string {
	e, ok := err.(*tpsession.Error)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestASittingIsCheckedWhole(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	_, err := w.rec.PutSitting(w.f, "Bad Key", exam.SittingInput{Day: "2027-13-01", Start: "9h", End: "08:00", Candidates: []string{"nobody", string(lea), string(lea)}})
	require.ErrorIs(t, err, exam.ErrInvalidInput)
	assert.ElementsMatch(t, []string{"key", "label", "day", "start", "candidates[0]", "candidates[2]"}, fieldsOf(err))
	assert.Empty(t, w.rec.Sittings, "nothing recorded")

	for key, ok := range map[string]bool{"qp": true, "msp-1": true, "a_b": true, "-qp": false, "QP": false, "jury-2027-03-01": false, "": false,
		"a234567890123456789012345678901234567890": true, "a2345678901234567890123456789012345678901": false} {
		w := newWorld(t, at(day1, 7, 0))
		_, err := w.rec.PutSitting(w.f, key, exam.SittingInput{Label: "QP", Day: day1.String(), Start: "09:00", End: "10:00", Candidates: []string{string(marc)}})
		if ok {
			assert.NoError(t, err, key)
		} else {
			assert.Contains(t, fieldsOf(err), "key", key)
		}
	}
}

func TestASittingEndsAfterItStartsOnADayOfTheSession(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	put := func(day date.Date, start, end string) error {
		_, err := w.rec.PutSitting(w.f, "qp", exam.SittingInput{Label: "QP", Day: day.String(), Start: start, End: end, Candidates: []string{string(lea)}})
		return err
	}
	assert.NoError(t, put(day1, "09:00", "09:01"), "one minute")
	assert.Contains(t, fieldsOf(put(day1, "09:00", "09:00")), "end", "no minute")
	assert.NoError(t, put(day3, "09:00", "24:00"), "the last day, until midnight")
	assert.Contains(t, fieldsOf(put(day1-1, "09:00", "10:00")), "day", "the day before the session")
	assert.Contains(t, fieldsOf(put(day3+1, "09:00", "10:00")), "day", "the day after")
}

func TestACandidateSitsOneSittingAtATime(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("qp", day1, "09:00", "10:00", false, lea, marc)
	w.sitting("msp-nora", day1, "09:30", "11:00", false, nora)
	w.sitting("msp-lea", day1, "10:00", "12:00", false, lea)
	_, err := w.rec.PutSitting(w.f, "msp-marc", exam.SittingInput{Label: "MSP", Day: day1.String(), Start: "09:59", End: "11:00", Candidates: []string{string(marc)}})
	require.ErrorIs(t, err, exam.ErrSittingClash)
	assert.Contains(t, tpsession.MessageOf(err), "Marc Petit")
	w.sitting("msp-marc", day2, "09:59", "11:00", false, marc)
}

func TestASittingNoLongerMovesOnceItsAttendanceIsRecorded(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("qp", day1, "09:00", "10:00", false, lea, marc)
	w.sitting("qp", day1, "09:00", "10:30", false, lea, marc) // before: it may move
	w.on(at(day1, 9, 0))
	w.here(day1, "")
	w.present("qp", lea)

	for name, in := range map[string]exam.SittingInput{
		"a later end":          {Label: "QP", Day: day1.String(), Start: "09:00", End: "11:00", Candidates: []string{string(lea), string(marc)}},
		"another day":          {Label: "QP", Day: day2.String(), Start: "09:00", End: "10:30", Candidates: []string{string(lea), string(marc)}},
		"without the recorded": {Label: "QP", Day: day1.String(), Start: "09:00", End: "10:30", Candidates: []string{string(marc)}},
	} {
		_, err := w.rec.PutSitting(w.f, "qp", in)
		assert.ErrorIs(t, err, exam.ErrEndTimeFixed, name)
	}
	s, err := w.rec.PutSitting(w.f, "qp", exam.SittingInput{Label: "Questionnaire professionnel", Day: day1.String(), Start: "09:00", End: "10:30",
		Candidates: []string{string(lea), string(nora)}})
	require.NoError(t, err, "a new label, a candidate without attendance out and another in")
	assert.Equal(t, tpsession.TimeOfDay(630), s.End)
}

func TestATrainerWatchesNoCandidateOfTheirs(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("msp", day1, "09:00", "12:00", false, lea, marc)
	trainer := exam.SurveillantInput{Name: "Yves Formateur", Email: "Formateur@OF.example"}
	_, err := w.rec.SetSurveillants(w.f, "msp", []exam.SurveillantInput{{Name: "Anne Vigie", Email: "anne@centre.example"}, trainer})
	require.ErrorIs(t, err, exam.ErrTrainerSurveillant)
	assert.Equal(t, []string{"surveillants[1]"}, fieldsOf(err))
	assert.Contains(t, tpsession.MessageOf(err), "Léa Dubois")

	trainer.Role = "safety"
	_, err = w.rec.SetSurveillants(w.f, "msp", []exam.SurveillantInput{trainer})
	assert.ErrorIs(t, err, exam.ErrTrainerSurveillant, "for safety, but the épreuve uses no dangerous equipment")

	in := exam.SittingInput{Label: "MSP", Day: day1.String(), Start: "09:00", End: "12:00", Candidates: []string{string(lea), string(marc)}, DangerousEquipment: true}
	_, err = w.rec.PutSitting(w.f, "msp", in)
	require.NoError(t, err)
	s, err := w.rec.SetSurveillants(w.f, "msp", []exam.SurveillantInput{trainer})
	require.NoError(t, err, "for safety where the épreuve uses dangerous equipment")
	assert.Equal(t, exam.SafetyOnly, s.Surveillants[0].Role)

	in.DangerousEquipment = false
	_, err = w.rec.PutSitting(w.f, "msp", in)
	assert.ErrorIs(t, err, exam.ErrTrainerSurveillant, "the sitting cannot drop its dangerous equipment under its safety trainer")

	_, err = w.rec.SetSurveillants(w.f, "msp", []exam.SurveillantInput{{Name: "Yves Formateur", Email: "yves@of.example"}})
	assert.NoError(t, err, "a trainer of nobody here")

	w.f.Rules.Surveillance = exam.SurveillanceUnchecked
	_, err = w.rec.SetSurveillants(w.f, "msp", []exam.SurveillantInput{{Name: "Yves Formateur", Email: "formateur@of.example"}})
	assert.NoError(t, err, "a centre that does not apply the 2008 rule")
}

func TestSurveillantsAreCheckedWhole(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("msp", day1, "09:00", "12:00", false, lea)
	_, err := w.rec.SetSurveillants(w.f, "msp", []exam.SurveillantInput{{Name: "", Email: "nope"}, {Name: "A", Role: "boss"}, {Name: "a"}})
	require.ErrorIs(t, err, exam.ErrInvalidInput)
	assert.ElementsMatch(t, []string{"surveillants[0].name", "surveillants[0].email", "surveillants[1].role", "surveillants[2].name"}, fieldsOf(err))
	_, err = w.rec.SetSurveillants(w.f, "nope", nil)
	assert.ErrorIs(t, err, exam.ErrSittingNotFound)
}
