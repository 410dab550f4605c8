package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// withFinal is the base CDA déroulé with its entretien final marked.
func withFinal() plan.Input {
	in := baseInput()
	in.Epreuves[3].Final = true
	return in
}

func TestTheEntretienFinalIsValidated(t *testing.T) {
	require.NoError(t, withFinal().Validate())
	noLast := withFinal()
	noLast.Constraints = noLast.Constraints[:2]
	require.NoError(t, noLast.Validate(), "final alone makes it last")

	tests := []struct {
		name  string
		edit  func(*plan.Input)
		field string
	}{
		{"two finals", func(in *plan.Input) { in.Epreuves[2].Final = true }, "epreuves[3].final"},
		{"a final without the jury", func(in *plan.Input) { in.Epreuves[3].Jury = plan.NoJury }, "epreuves[3].jury"},
		{"another épreuve last", func(in *plan.Input) { in.Constraints[2].Epreuve = "ET" }, "constraints[2].epreuve"},
		{"an épreuve after the final", func(in *plan.Input) {
			in.Constraints = append(in.Constraints[:2], plan.Constraint{Type: plan.Precedes, Before: "EF", After: "ET"})
		}, "epreuves[3].final"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := withFinal()
			tt.edit(&in)
			assert.Contains(t, fieldsOf(t, in.Validate()), tt.field)
		})
	}
}

// TestTheEntretienFinalIsLastForEveryCandidate plans a déroulé whose only
// ordering is the final mark and checks every candidate's final comes
// after everything else.
func TestTheEntretienFinalIsLastForEveryCandidate(t *testing.T) {
	in := withFinal()
	in.Constraints = nil
	in.Epreuves[0].CorrectedByJury = false
	in.Candidates = 6
	in.Objective = plan.MinDays
	p, err := plan.Compute(in)
	require.NoError(t, err)
	require.True(t, p.Feasible)
	assert.Empty(t, check(in, p), "the checker finds no broken rule")
	end, final := map[int]int{}, map[int]int{}
	for _, it := range p.Items {
		if it.Epreuve == "" || it.Task != "" {
			continue
		}
		s := it.Segments[0]
		at := s.Day*24*60 + int(s.Start)
		if it.Epreuve == "EF" {
			final[it.Candidate] = at
			continue
		}
		last := it.Segments[len(it.Segments)-1]
		end[it.Candidate] = max(end[it.Candidate], last.Day*24*60+int(last.End))
	}
	require.Len(t, final, 6)
	for c, f := range final {
		assert.GreaterOrEqual(t, f, end[c], "candidate %d", c)
	}
}

func TestCheckTitreNamesTheEpreuves(t *testing.T) {
	assert.NoError(t, withFinal().CheckTitre())
	in := baseInput()
	in.Epreuves[1].Label = "Présentation du projet"
	err := in.CheckTitre()
	require.ErrorIs(t, err, plan.ErrNoEntretienFinal)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	msg := tpsession.MessageOf(err)
	for _, s := range []string{"QP", "PROJ Présentation du projet", "ET", "EF"} {
		assert.Contains(t, msg, s)
	}
}

func TestHiddenTimesAreNeverSilentlyAbsent(t *testing.T) {
	in := withFinal()
	in.Hidden = nil
	assert.Contains(t, fieldsOf(t, in.Validate()), "hidden")
	_, err := plan.Compute(in)
	assert.ErrorIs(t, err, plan.ErrInvalidInput)

	decoded, err := plan.DecodeBytes([]byte(`{"title": {"name": "x"}, "candidates": 1, "epreuves": [], "capacities": {}, "calendar": {"blocks": []}, "jury": {}, "objective": "min_days"}`))
	require.NoError(t, err)
	assert.Nil(t, decoded.Hidden, "no hidden section decodes as none")

	zeros := withFinal().WithHidden(plan.Hidden{})
	p, err := plan.Compute(zeros)
	require.NoError(t, err)
	require.Len(t, p.Notes, 1)
	assert.Equal(t, plan.NoteHiddenZero, p.Notes[0].Code)
	assert.True(t, strings.Contains(p.Notes[0].Message, "jury count ignores"))

	one := withFinal().WithHidden(plan.Hidden{ReadingMin: 1})
	p, err = plan.Compute(one)
	require.NoError(t, err)
	assert.Empty(t, p.Notes, "one hidden time is enough")
}
