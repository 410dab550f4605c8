package checklist

import (
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Checklist is the readiness checklist of one session: the checks the centre
// makes before the session opens and the state of its equipment. A session
// has one checklist, identified by the session's ID.
//
// Items lists the standard items in the leaflet's order, then the custom
// items a centre added, in the order it added them. Equipment lists the
// materials the centre recorded, one per [MaterialKey], in the order of that
// key. The fields are the recorded facts a store persists; change them
// through the methods, which enforce the rules.
type Checklist struct {
	Centre    tpsession.CentreID
	Session   tpsession.SessionID
	Items     []Item
	Equipment []Equipment
}

// New returns the checklist of a session, with every standard item pending
// and no equipment recorded. The centre and the session come from the
// session service, not from the client: a bad one is a programming error of
// the caller, tpsession.ErrInternal.
func New(centre tpsession.CentreID, session tpsession.SessionID) (Checklist, error) {
	if _, err := tpsession.ParseCentreID(string(centre)); err != nil {
		return Checklist{}, tpsession.ErrInternal.Wrap(err).Withf("a checklist needs a valid centre, got %q", tpsession.Truncate(string(centre), 80))
	}
	if _, err := tpsession.ParseSessionID(string(session)); err != nil {
		return Checklist{}, tpsession.ErrInternal.Wrap(err).Withf("a checklist needs a valid session ID, got %q", tpsession.Truncate(string(session), 80))
	}
	items := make([]Item, len(standardItems))
	for i, s := range standardItems {
		items[i] = Item{Key: s.key, Label: s.label, Status: StatusPending}
	}
	return Checklist{Centre: centre, Session: session, Items: items}, nil
}

// Clone returns a deep copy of c: changing the copy never changes c.
func (c Checklist) Clone() Checklist {
	c.Items = slices.Clone(c.Items)
	c.Equipment = slices.Clone(c.Equipment)
	return c
}

func (c *Checklist) itemIndex(key ItemKey) int {
	return slices.IndexFunc(c.Items, func(it Item) bool { return it.Key == key })
}

// Item returns the item with the given key, or [ErrItemNotFound]. A
// standard item always exists: one missing from a checklist stored by an
// older version of the library is returned pending.
func (c Checklist) Item(key ItemKey) (Item, error) {
	if i := c.itemIndex(key); i >= 0 {
		return c.Items[i], nil
	}
	if s, ok := standard(key); ok {
		return Item{Key: s.key, Label: s.label, Status: StatusPending}, nil
	}
	return Item{}, ErrItemNotFound.Withf("the checklist has no item %q", tpsession.Truncate(string(key), 80))
}

// SetItem records the status of the item with the given key, with a note,
// who checked it and on which day (today). Setting an item back to pending
// clears who checked it and when; the note is kept as given.
//
// It returns tpsession.ErrInternal when by or today is missing: who checks
// an item and the day come from the session service (the authenticated
// user, its clock), never from the client. It returns [ErrItemNotFound]
// for an unknown key, [ErrInvalid] with field errors (status, note) for bad
// input, and [ErrItemAlwaysApplicable] when the item may not be marked not
// applicable (see [ItemKey.MayBeNotApplicable]).
func (c *Checklist) SetItem(key ItemKey, u ItemUpdate, by string, today date.Date) (Item, error) {
	by, err := recorder(by, today)
	if err != nil {
		return Item{}, err
	}
	it, err := c.Item(key)
	if err != nil {
		return Item{}, err
	}
	var fe tpsession.FieldErrors
	status, err := ParseStatus(string(u.Status))
	fe.Merge("", err)
	note := fe.Note("note", u.Note, MaxNoteLen)
	if err := fe.Err(ErrInvalid); err != nil {
		return Item{}, err
	}
	if status == StatusNotApplicable && !key.MayBeNotApplicable() {
		return Item{}, ErrItemAlwaysApplicable.Withf("%q cannot be marked not applicable: every session needs it", it.Label)
	}
	it.Status, it.Note, it.CheckedBy, it.CheckedOn = status, note, by, today
	if status == StatusPending {
		it.CheckedBy, it.CheckedOn = "", date.Zero
	}
	c.putItem(it)
	return it, nil
}

// putItem stores it in place, or, for a standard item missing from a
// checklist stored by an older version of the library, at its place among
// the standard items.
func (c *Checklist) putItem(it Item) {
	if i := c.itemIndex(it.Key); i >= 0 {
		c.Items[i] = it
		return
	}
	at := 0
	for _, s := range standardItems {
		if s.key == it.Key {
			break
		}
		if j := c.itemIndex(s.key); j >= 0 {
			at = j + 1
		}
	}
	c.Items = slices.Insert(c.Items, at, it)
}

// AddItem adds a custom item, pending, after the others. The key is parsed
// by [ParseItemKey]; the label is required.
//
// It returns [ErrInvalid] with field errors (key, label) for bad input and
// [ErrDuplicateItem] when the checklist has an item with that key, a
// standard one included.
func (c *Checklist) AddItem(key ItemKey, label string) (Item, error) {
	var fe tpsession.FieldErrors
	_, err := ParseItemKey(string(key))
	fe.Merge("", err)
	label = fe.Text("label", label, MaxLabelLen, true)
	if err := fe.Err(ErrInvalid); err != nil {
		return Item{}, err
	}
	if _, err := c.Item(key); err == nil {
		return Item{}, ErrDuplicateItem.Withf("the checklist already has an item %q", key)
	}
	it := Item{Key: key, Label: label, Status: StatusPending}
	c.Items = append(c.Items, it)
	return it, nil
}

// RemoveItem removes a custom item. It returns [ErrStandardItem] for a
// standard item and [ErrItemNotFound] for an unknown key.
func (c *Checklist) RemoveItem(key ItemKey) error {
	if s, ok := standard(key); ok {
		return ErrStandardItem.Withf("%q is a standard item of the checklist: it cannot be removed", s.label)
	}
	i := c.itemIndex(key)
	if i < 0 {
		return ErrItemNotFound.Withf("the checklist has no item %q", tpsession.Truncate(string(key), 80))
	}
	c.Items = slices.Delete(c.Items, i, i+1)
	return nil
}

func (c *Checklist) equipmentIndex(name string) int {
	key := MaterialKey(name)
	return slices.IndexFunc(c.Equipment, func(e Equipment) bool { return e.Key() == key })
}

// EquipmentNamed returns the equipment whose name is the same as name under
// [MaterialKey], or [ErrEquipmentNotFound].
func (c Checklist) EquipmentNamed(name string) (Equipment, error) {
	if i := c.equipmentIndex(name); i >= 0 {
		return c.Equipment[i], nil
	}
	return Equipment{}, ErrEquipmentNotFound.Withf("no equipment named %q is recorded", tpsession.Truncate(name, 80))
}

// SetEquipment records the state of a material: how many units are
// available and from which day until which day they are operational, who
// records it and on which day (today). It replaces the state of a material
// of the same name under [MaterialKey], and keeps the name as last written,
// its spaces trimmed and collapsed.
//
// It returns [ErrInvalid] with field errors (name, available,
// operational_from, operational_until) for bad input, and
// tpsession.ErrInternal when by or today is missing: who records a change
// and the day come from the session service (the authenticated user, its
// clock), never from the client, so a bad one is a programming error of the
// caller.
func (c *Checklist) SetEquipment(name string, u EquipmentUpdate, by string, today date.Date) (Equipment, error) {
	e, err := newEquipment(name, u, by, today)
	if err != nil {
		return Equipment{}, err
	}
	if i := c.equipmentIndex(e.Name); i >= 0 {
		c.Equipment[i] = e
		return e, nil
	}
	at, _ := slices.BinarySearchFunc(c.Equipment, e.Key(), func(x Equipment, key string) int { return strings.Compare(x.Key(), key) })
	c.Equipment = slices.Insert(c.Equipment, at, e)
	return e, nil
}

// RemoveEquipment forgets a material recorded by mistake. It returns
// [ErrEquipmentNotFound] when none of that name is recorded.
func (c *Checklist) RemoveEquipment(name string) error {
	i := c.equipmentIndex(name)
	if i < 0 {
		return ErrEquipmentNotFound.Withf("no equipment named %q is recorded", tpsession.Truncate(name, 80))
	}
	c.Equipment = slices.Delete(c.Equipment, i, i+1)
	return nil
}
