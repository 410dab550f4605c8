package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

func TestUnitLabel(t *testing.T) {
	in := plan.Input{
		Capacities: map[string]int{"salle_qp": 8, "salle_entretien": 1, "poste_cnc": 3, "atelier": 2},
		Resources:  map[string]plan.ResourceType{"salle_entretien": {Label: "Salle d'entretien (2e étage)"}, "atelier": {Label: " "}},
	}
	tests := map[string]string{
		"salle_qp#3":        "Salle QP n° 3",
		"salle_entretien#1": "Salle d'entretien (2e étage)",
		"poste_cnc#2":       "Poste CNC n° 2",
		"atelier#1":         "Atelier n° 1",
		"inconnu#1":         "inconnu#1",
		"salle_qp":          "salle_qp",
		"salle_qp#x":        "salle_qp#x",
	}
	for unit, want := range tests {
		assert.Equal(t, want, in.UnitLabel(unit), unit)
	}
	assert.Equal(t, []string{"Salle QP n° 1", "Poste CNC n° 3"}, in.UnitLabels([]string{"salle_qp#1", "poste_cnc#3"}))
}

func TestResourcesAreValidated(t *testing.T) {
	in := baseInput()
	in.Resources = map[string]plan.ResourceType{"nowhere": {Label: "Salle"}}
	_, err := plan.Compute(in)
	require.ErrorIs(t, err, plan.ErrInvalidInput)
	assert.Contains(t, err.Error(), "resources.nowhere")

	in = baseInput()
	for typ := range in.Capacities {
		in.Resources = map[string]plan.ResourceType{typ: {Label: strings.Repeat("é", plan.MaxResourceLabelLen+1)}}
		_, err = plan.Compute(in)
		require.ErrorIs(t, err, plan.ErrInvalidInput)
		assert.Contains(t, err.Error(), "resources."+typ+".label")

		in.Resources = map[string]plan.ResourceType{typ: {Label: strings.Repeat("é", plan.MaxResourceLabelLen)}}
		_, err = plan.Compute(in)
		require.NoError(t, err)
		break
	}
}
