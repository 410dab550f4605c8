package checklist_test

import (
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

var (
	march1 = date.New(2027, 3, 1)
	march3 = date.New(2027, 3, 3)
)

func operational(available int, from, until date.Date) checklist.EquipmentUpdate {
	return checklist.EquipmentUpdate{Available: available, OperationalFrom: from, OperationalUntil: until}
}

func TestMaterialKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already plain", "poste informatique", "poste informatique"},
		{"case ignored", "Poste INFORMATIQUE", "poste informatique"},
		{"trimmed", "  poste informatique\t", "poste informatique"},
		{"inner spaces collapsed", "poste   \t informatique", "poste informatique"},
		{"non-breaking space", "poste\u00a0informatique", "poste informatique"},
		{"line break", "poste\ninformatique", "poste informatique"},
		{"accents kept", "Écran 24 pouces", "écran 24 pouces"},
		{"empty", "   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, checklist.MaterialKey(tt.in))
		})
	}
	assert.NotEqual(t, checklist.MaterialKey("Ecran"), checklist.MaterialKey("Écran"), "accents matter")
	assert.NotEqual(t, checklist.MaterialKey("postes"), checklist.MaterialKey("poste"), "no stemming")
}

func TestSetEquipmentRecordsItsState(t *testing.T) {
	c := newChecklist(t)
	e, err := c.SetEquipment(" Poste informatique ", operational(12, march1, march3), actor, today)
	require.NoError(t, err)

	assert.Equal(t, checklist.Equipment{
		Name:        "Poste informatique",
		Available:   12,
		Operational: tpsession.DateRange{From: march1, Until: march3},
		UpdatedBy:   actor,
		UpdatedOn:   today,
	}, e)
	stored, err := c.EquipmentNamed("poste INFORMATIQUE")
	require.NoError(t, err)
	assert.Equal(t, e, stored)
}

func TestSetEquipmentReplacesTheSameMaterialUnderItsKey(t *testing.T) {
	c := newChecklist(t)
	_, err := c.SetEquipment("Poste informatique", operational(12, march1, march3), actor, today)
	require.NoError(t, err)
	_, err = c.SetEquipment("Chariot élévateur", operational(1, march1, march3), actor, today)
	require.NoError(t, err)

	_, err = c.SetEquipment("POSTE  informatique", operational(10, march1, march1+1), "Paul Langevin", today+1)
	require.NoError(t, err)

	require.Len(t, c.Equipment, 2)
	assert.Equal(t, "Chariot élévateur", c.Equipment[0].Name, "ordered by key")
	assert.Equal(t, checklist.Equipment{
		Name:        "POSTE informatique",
		Available:   10,
		Operational: tpsession.DateRange{From: march1, Until: march1 + 1},
		UpdatedBy:   "Paul Langevin",
		UpdatedOn:   today + 1,
	}, c.Equipment[1], "the last state and spelling win")
}

func TestSetEquipmentKeepsTheEquipmentOrderedByKey(t *testing.T) {
	c := newChecklist(t)
	for _, name := range []string{"Tour", "établi", "Banc", "perceuse", "Armoire"} {
		_, err := c.SetEquipment(name, operational(1, march1, march3), actor, today)
		require.NoError(t, err)
	}
	var names []string
	for _, e := range c.Equipment {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"Armoire", "Banc", "perceuse", "Tour", "établi"}, names)
}

func TestSetEquipmentBoundaries(t *testing.T) {
	tests := []struct {
		name   string
		mat    string
		update checklist.EquipmentUpdate
		by     string
		today  date.Date
		fields []string
	}{
		{"none available is a state", "Poste", operational(0, march1, march3), actor, today, nil},
		{"negative units", "Poste", operational(-1, march1, march3), actor, today, []string{"available"}},
		{"operational one day", "Poste", operational(1, march1, march1), actor, today, nil},
		{"range ends before it starts", "Poste", operational(1, march1, march1-1), actor, today, []string{"operational_until"}},
		{"no dates", "Poste", checklist.EquipmentUpdate{Available: 1}, actor, today, []string{"operational_from", "operational_until"}},
		{"blank name", "  ", operational(1, march1, march3), actor, today, []string{"name"}},
		{"name at the limit", strings.Repeat("é", checklist.MaxNameLen), operational(1, march1, march3), actor, today, nil},
		{"name too long", strings.Repeat("é", checklist.MaxNameLen+1), operational(1, march1, march3), actor, today, []string{"name"}},
		{"control character", "Poste\x00", operational(1, march1, march3), actor, today, []string{"name"}},
		{"name on two lines is refused", "Poste\ninformatique", operational(1, march1, march3), actor, today, []string{"name"}},
		{"spaces are made one", "Poste   informatique", operational(1, march1, march3), actor, today, nil},
		{"every bad field at once", "", checklist.EquipmentUpdate{Available: -2}, actor, today, []string{"name", "available", "operational_from", "operational_until"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecklist(t)
			_, err := c.SetEquipment(tt.mat, tt.update, tt.by, tt.today)
			if tt.fields == nil {
				assert.NoError(t, err)
				assert.Len(t, c.Equipment, 1)
				return
			}
			assert.ErrorIs(t, err, checklist.ErrInvalid)
			assert.Equal(t, tt.fields, fields(t, err))
			assert.Empty(t, c.Equipment)
		})
	}
}

// TestSetEquipmentNeedsWhoAndWhen: who records a change and the day come
// from the session service, never from the client, so a bad one is a
// programming error rather than a field error on a field the client never
// sent.
func TestSetEquipmentNeedsWhoAndWhen(t *testing.T) {
	tests := []struct {
		name  string
		by    string
		today date.Date
	}{
		{"nobody recorded it", " ", today},
		{"no day", actor, date.Zero},
		{"neither, with bad input too", "", date.Zero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecklist(t)
			_, err := c.SetEquipment("", checklist.EquipmentUpdate{Available: -1}, tt.by, tt.today)
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			assert.NotErrorIs(t, err, checklist.ErrInvalid)
			assert.Empty(t, fields(t, err))
			assert.Empty(t, c.Equipment)
		})
	}
}

func TestRemoveEquipment(t *testing.T) {
	c := newChecklist(t)
	_, err := c.SetEquipment("Poste informatique", operational(12, march1, march3), actor, today)
	require.NoError(t, err)

	require.NoError(t, c.RemoveEquipment("poste informatique"))
	assert.Empty(t, c.Equipment)
	assert.ErrorIs(t, c.RemoveEquipment("poste informatique"), checklist.ErrEquipmentNotFound)
	_, err = c.EquipmentNamed("poste informatique")
	assert.ErrorIs(t, err, checklist.ErrEquipmentNotFound)
	assert.Equal(t, tpsession.NotFound, tpsession.KindOf(err))
}

func TestCloneIsDeep(t *testing.T) {
	c := newChecklist(t)
	_, err := c.SetEquipment("Poste informatique", operational(12, march1, march3), actor, today)
	require.NoError(t, err)
	original := c.Clone()

	clone := c.Clone()
	clone.Items[0].Status = checklist.StatusNotOK
	clone.Equipment[0].Available = 0
	_, err = clone.AddItem("first_aid_kit", "A first-aid kit is in the workshop")
	require.NoError(t, err)
	_, err = clone.SetEquipment("Tour", operational(1, march1, march3), actor, today)
	require.NoError(t, err)

	assert.Equal(t, original, c)
}
