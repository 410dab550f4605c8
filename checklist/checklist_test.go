package checklist_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

const (
	centre  = tpsession.CentreID("centre-lyon")
	session = tpsession.SessionID("ses_01J0000000000000000000000A")
	actor   = "Marie Curie"
)

var today = date.New(2027, 2, 20)

// standardKeys are the keys of the standard items, in their order.
var standardKeys = []checklist.ItemKey{
	checklist.ItemEquipmentOperational,
	checklist.ItemInterviewRoomsConfidential,
	checklist.ItemRulesDisplayed,
	checklist.ItemScheduleDisplayed,
	checklist.ItemResponsableDesignated,
	checklist.ItemComputersSecured,
}

func keysOf(items []checklist.Item) []checklist.ItemKey {
	var keys []checklist.ItemKey
	for _, it := range items {
		keys = append(keys, it.Key)
	}
	return keys
}

func newChecklist(t *testing.T) checklist.Checklist {
	t.Helper()
	c, err := checklist.New(centre, session)
	require.NoError(t, err)
	return c
}

// fields returns the JSON field names an error's field errors name.
func fields(t *testing.T, err error) []string {
	t.Helper()
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok, "not a *tpsession.Error: %v", err)
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestNewCreatesTheStandardItemsPending(t *testing.T) {
	c := newChecklist(t)

	assert.Equal(t, centre, c.Centre)
	assert.Equal(t, session, c.Session)
	assert.Equal(t, standardKeys, keysOf(c.Items))
	for _, it := range c.Items {
		assert.Equal(t, checklist.StatusPending, it.Status, it.Key)
		assert.NotEmpty(t, it.Label, it.Key)
		assert.False(t, it.Checked(), it.Key)
		assert.True(t, it.Key.Standard(), it.Key)
	}
	assert.Empty(t, c.Equipment)
}

// TestNewRefusesMalformedIDs: the centre and the session come from the
// session service, never from the client, so a bad one is a programming
// error rather than a field error on a field the client never sent.
func TestNewRefusesMalformedIDs(t *testing.T) {
	tests := []struct {
		name    string
		centre  tpsession.CentreID
		session tpsession.SessionID
	}{
		{"empty centre", "", session},
		{"centre with a slash", "a/b", session},
		{"candidate ID as session", centre, "can_01J0000000000000000000000A"},
		{"both", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.New(tt.centre, tt.session)
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			assert.NotErrorIs(t, err, checklist.ErrInvalid)
			assert.Empty(t, fields(t, err))
		})
	}
}

func TestSetItemRecordsTheCheck(t *testing.T) {
	tests := []struct {
		name   string
		key    checklist.ItemKey
		update checklist.ItemUpdate
	}{
		{"ok", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK}},
		{"not ok with a note", checklist.ItemInterviewRoomsConfidential, checklist.ItemUpdate{Status: checklist.StatusNotOK, Note: "room B has a glass door"}},
		{"computers not applicable", checklist.ItemComputersSecured, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}},
		{"interview rooms not applicable", checklist.ItemInterviewRoomsConfidential, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecklist(t)
			it, err := c.SetItem(tt.key, tt.update, actor, today)
			require.NoError(t, err)

			assert.Equal(t, tt.update.Status, it.Status)
			assert.Equal(t, tt.update.Note, it.Note)
			assert.Equal(t, actor, it.CheckedBy)
			assert.Equal(t, today, it.CheckedOn)
			assert.True(t, it.Checked())
			stored, err := c.Item(tt.key)
			require.NoError(t, err)
			assert.Equal(t, it, stored)
		})
	}
}

func TestSetItemBackToPendingForgetsWhoCheckedIt(t *testing.T) {
	c := newChecklist(t)
	_, err := c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK}, actor, today)
	require.NoError(t, err)

	it, err := c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusPending, Note: "poster torn, to reprint"}, actor, today+1)
	require.NoError(t, err)

	assert.Equal(t, checklist.StatusPending, it.Status)
	assert.Equal(t, "poster torn, to reprint", it.Note)
	assert.Empty(t, it.CheckedBy)
	assert.Equal(t, date.Zero, it.CheckedOn)
}

func TestSetItemRefusals(t *testing.T) {
	ok := checklist.ItemUpdate{Status: checklist.StatusOK}
	tests := []struct {
		name   string
		key    checklist.ItemKey
		update checklist.ItemUpdate
		by     string
		today  date.Date
		want   error
		fields []string
	}{
		{"unknown key", "coffee_ready", ok, actor, today, checklist.ErrItemNotFound, nil},
		{"unknown status", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: "done"}, actor, today, checklist.ErrInvalid, []string{"status"}},
		{"empty status", checklist.ItemRulesDisplayed, checklist.ItemUpdate{}, actor, today, checklist.ErrInvalid, []string{"status"}},
		{"note too long", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK, Note: strings.Repeat("é", checklist.MaxNoteLen+1)}, actor, today, checklist.ErrInvalid, []string{"note"}},
		{"note of the maximum length", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK, Note: strings.Repeat("é", checklist.MaxNoteLen)}, actor, today, nil, nil},
		{"note with a control character", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK, Note: "torn\x1b"}, actor, today, checklist.ErrInvalid, []string{"note"}},
		{"every bad field at once", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: "x", Note: "\x00"}, actor, today, checklist.ErrInvalid, []string{"status", "note"}},
		{"nobody checked it", checklist.ItemRulesDisplayed, ok, " ", today, tpsession.ErrInternal, []string{}},
		{"no day", checklist.ItemRulesDisplayed, ok, actor, date.Zero, tpsession.ErrInternal, []string{}},
		{"a caller's bug comes before bad input", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: "x"}, "", date.Zero, tpsession.ErrInternal, []string{}},
		{"equipment not applicable", checklist.ItemEquipmentOperational, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, actor, today, checklist.ErrItemAlwaysApplicable, nil},
		{"rules not applicable", checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, actor, today, checklist.ErrItemAlwaysApplicable, nil},
		{"schedule not applicable", checklist.ItemScheduleDisplayed, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, actor, today, checklist.ErrItemAlwaysApplicable, nil},
		{"responsable not applicable", checklist.ItemResponsableDesignated, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, actor, today, checklist.ErrItemAlwaysApplicable, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecklist(t)
			before := c.Clone()
			_, err := c.SetItem(tt.key, tt.update, tt.by, tt.today)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
			if tt.fields != nil {
				assert.ElementsMatch(t, tt.fields, fields(t, err))
			}
			assert.Equal(t, before, c, "a refused change leaves the checklist as it was")
		})
	}
}

func TestSetItemStatusKinds(t *testing.T) {
	c := newChecklist(t)
	_, err := c.SetItem("nope", checklist.ItemUpdate{Status: checklist.StatusOK}, actor, today)
	assert.Equal(t, tpsession.NotFound, tpsession.KindOf(err))
	_, err = c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: "done"}, actor, today)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
	_, err = c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, actor, today)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
}

func TestNoteLengthBoundary(t *testing.T) {
	c := newChecklist(t)
	_, err := c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK, Note: strings.Repeat("é", checklist.MaxNoteLen)}, actor, today)
	assert.NoError(t, err)
	_, err = c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK, Note: strings.Repeat("é", checklist.MaxNoteLen+1)}, actor, today)
	assert.ErrorIs(t, err, checklist.ErrInvalid)
}

func TestSetItemRestoresAStandardItemMissingFromAStoredChecklist(t *testing.T) {
	c := newChecklist(t)
	_, err := c.AddItem("keys_returned", "The keys of the workshop are returned")
	require.NoError(t, err)
	// A checklist stored before interview rooms were a standard item, say.
	c.Items = append(c.Items[:1:1], c.Items[2:]...)

	it, err := c.Item(checklist.ItemInterviewRoomsConfidential)
	require.NoError(t, err, "a standard item always exists")
	assert.Equal(t, checklist.StatusPending, it.Status)

	_, err = c.SetItem(checklist.ItemInterviewRoomsConfidential, checklist.ItemUpdate{Status: checklist.StatusOK}, actor, today)
	require.NoError(t, err)
	assert.Equal(t, append(standardKeys[:len(standardKeys):len(standardKeys)], "keys_returned"), keysOf(c.Items),
		"restored at its place among the standard items")
}

func TestAddItem(t *testing.T) {
	c := newChecklist(t)
	it, err := c.AddItem("first_aid_kit", "  A first-aid kit is in the workshop ")
	require.NoError(t, err)

	assert.Equal(t, checklist.Item{Key: "first_aid_kit", Label: "A first-aid kit is in the workshop", Status: checklist.StatusPending}, it)
	assert.Equal(t, it, c.Items[len(c.Items)-1], "custom items come after the standard ones")
	assert.False(t, it.Key.Standard())
	assert.True(t, it.Key.MayBeNotApplicable())

	it, err = c.SetItem("first_aid_kit", checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, actor, today)
	require.NoError(t, err)
	assert.Equal(t, checklist.StatusNotApplicable, it.Status)
}

func TestAddItemRefusals(t *testing.T) {
	tests := []struct {
		name   string
		key    checklist.ItemKey
		label  string
		want   error
		fields []string
	}{
		{"standard key", checklist.ItemRulesDisplayed, "Rules", checklist.ErrDuplicateItem, nil},
		{"custom key twice", "first_aid_kit", "Again", checklist.ErrDuplicateItem, nil},
		{"empty key", "", "A label", checklist.ErrInvalid, []string{"key"}},
		{"upper-case key", "First_aid", "A label", checklist.ErrInvalid, []string{"key"}},
		{"key starting with a digit", "1st_aid", "A label", checklist.ErrInvalid, []string{"key"}},
		{"key too long", checklist.ItemKey("k" + strings.Repeat("x", checklist.MaxKeyLen)), "A label", checklist.ErrInvalid, []string{"key"}},
		{"blank label", "fire_exit", "   ", checklist.ErrInvalid, []string{"label"}},
		{"label too long", "fire_exit", strings.Repeat("x", checklist.MaxLabelLen+1), checklist.ErrInvalid, []string{"label"}},
		{"both", "Fire exit", "", checklist.ErrInvalid, []string{"key", "label"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecklist(t)
			_, err := c.AddItem("first_aid_kit", "A first-aid kit is in the workshop")
			require.NoError(t, err)
			before := c.Clone()

			_, err = c.AddItem(tt.key, tt.label)
			assert.ErrorIs(t, err, tt.want)
			if tt.fields != nil {
				assert.Equal(t, tt.fields, fields(t, err))
			}
			assert.Equal(t, before, c)
		})
	}
}

func TestAddItemLimitsAreInclusive(t *testing.T) {
	c := newChecklist(t)
	_, err := c.AddItem(checklist.ItemKey("k"+strings.Repeat("x", checklist.MaxKeyLen-1)), strings.Repeat("é", checklist.MaxLabelLen))
	assert.NoError(t, err)
}

func TestRemoveItem(t *testing.T) {
	c := newChecklist(t)
	_, err := c.AddItem("first_aid_kit", "A first-aid kit is in the workshop")
	require.NoError(t, err)

	require.NoError(t, c.RemoveItem("first_aid_kit"))
	_, err = c.Item("first_aid_kit")
	assert.ErrorIs(t, err, checklist.ErrItemNotFound)

	assert.ErrorIs(t, c.RemoveItem("first_aid_kit"), checklist.ErrItemNotFound)
	assert.ErrorIs(t, c.RemoveItem(checklist.ItemComputersSecured), checklist.ErrStandardItem)
	assert.Equal(t, standardKeys, keysOf(c.Items))
}

func TestParseStatus(t *testing.T) {
	for _, s := range []string{"pending", "ok", "not_ok", "not_applicable"} {
		st, err := checklist.ParseStatus(s)
		assert.NoError(t, err, s)
		assert.Equal(t, s, st.String())
	}
	for _, s := range []string{"", "OK", "not ok", "done", "not_applicable "} {
		_, err := checklist.ParseStatus(s)
		assert.ErrorIs(t, err, checklist.ErrInvalidStatus, s)
		assert.Equal(t, []string{"status"}, fields(t, err), s)
	}
}

func TestItemKeyApplicability(t *testing.T) {
	tests := []struct {
		key           checklist.ItemKey
		notApplicable bool
	}{
		{checklist.ItemEquipmentOperational, false},
		{checklist.ItemInterviewRoomsConfidential, true},
		{checklist.ItemRulesDisplayed, false},
		{checklist.ItemScheduleDisplayed, false},
		{checklist.ItemResponsableDesignated, false},
		{checklist.ItemComputersSecured, true},
		{"keys_returned", true},
	}
	for _, tt := range tests {
		t.Run(tt.key.String(), func(t *testing.T) {
			assert.Equal(t, tt.notApplicable, tt.key.MayBeNotApplicable())
		})
	}
}
