package checklist

import (
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// ItemKey identifies an item of a checklist: lower-case ASCII letters, digits
// and underscores, so that it can stand in a URL path unescaped.
type ItemKey string

// The keys of the standard items, the checks the Ministry's leaflet asks of
// every session, plus the historical one on computers.
const (
	// ItemEquipmentOperational: the equipment and materials the épreuves
	// require are available and operational for the whole exam
	// (docs/rules.md#equipment-operational): on
	// every working day of the session.
	ItemEquipmentOperational ItemKey = "equipment_operational"
	// ItemInterviewRoomsConfidential: the rooms for the interviews preserve
	// confidentiality (docs/rules.md#interview-rooms).
	ItemInterviewRoomsConfidential ItemKey = "interview_rooms_confidential"
	// ItemRulesDisplayed: the règlement is displayed in the exam rooms
	// (docs/rules.md#rooms-and-displays);
	// the centre must bring it to the candidates' knowledge (arrêté du
	// 21 juillet 2016 portant règlement général, art. 2).
	ItemRulesDisplayed ItemKey = "rules_displayed"
	// ItemScheduleDisplayed: the déroulé de session is displayed in the exam
	// rooms (docs/rules.md#rooms-and-displays).
	ItemScheduleDisplayed ItemKey = "schedule_displayed"
	// ItemResponsableDesignated: a responsable de session is formally
	// designated and present on the approved site throughout the session
	// (docs/rules.md#responsable-de-session).
	ItemResponsableDesignated ItemKey = "responsable_designated"
	// ItemComputersSecured: the computers the épreuves use are configured so
	// that they cannot serve fraud: no stored information, no internet or
	// e-mail unless the référentiel allows it (règlement général of 2008,
	// abrogated; kept as good practice, docs/rules.md#computers-secured).
	ItemComputersSecured ItemKey = "computers_secured"
)

// Length limits of the texts a centre writes, in characters.
const (
	MaxKeyLen   = 64
	MaxLabelLen = 200
	MaxNoteLen  = 2000
)

// standardItem describes one standard item. notApplicable tells whether a
// centre may mark it not applicable: only where the épreuves decide whether
// the check has an object (no computer, no interview in some CCP sessions).
type standardItem struct {
	key           ItemKey
	label         string
	notApplicable bool
}

// standardItems lists the standard items in the order of the leaflet, the
// order a checklist shows them in.
var standardItems = [...]standardItem{
	{ItemEquipmentOperational, "The equipment and materials the épreuves require are available and operational on every working day of the session", false},
	{ItemInterviewRoomsConfidential, "The rooms for the interviews preserve confidentiality", true},
	{ItemRulesDisplayed, "The règlement of the session is displayed in the exam rooms", false},
	{ItemScheduleDisplayed, "The déroulé de session is displayed in the exam rooms", false},
	{ItemResponsableDesignated, "A responsable de session is designated and present on site throughout the session", false},
	{ItemComputersSecured, "The computers are configured to prevent fraud (no stored information, no internet or e-mail unless the référentiel allows it)", true},
}

func standard(k ItemKey) (standardItem, bool) {
	for _, s := range standardItems {
		if s.key == k {
			return s, true
		}
	}
	return standardItem{}, false
}

// Standard reports whether k is the key of a standard item.
func (k ItemKey) Standard() bool {
	_, ok := standard(k)
	return ok
}

// MayBeNotApplicable reports whether an item with key k may be marked
// [StatusNotApplicable]: a custom item may, a standard item only where the
// épreuves decide whether it has an object (computers, interview rooms).
func (k ItemKey) MayBeNotApplicable() bool {
	s, ok := standard(k)
	return !ok || s.notApplicable
}

// String returns the key.
func (k ItemKey) String() string { return string(k) }

// ParseItemKey parses the key of a custom item: 1 to 64 characters among
// lower-case ASCII letters, digits and '_', starting with a letter.
func ParseItemKey(s string) (ItemKey, error) {
	if s == "" {
		return "", ErrInvalidKey.Withf("the key of an item must not be empty").WithFields(tpsession.FieldError{Field: "key", Message: "is required"})
	}
	if len(s) > MaxKeyLen {
		return "", ErrInvalidKey.Withf("the key of an item has at most %d characters, got %d", MaxKeyLen, len(s)).
			WithFields(tpsession.FieldError{Field: "key", Message: fmt.Sprintf("must have at most %d characters", MaxKeyLen)})
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '_') {
			continue
		}
		return "", ErrInvalidKey.Withf("the key of an item is made of lower-case letters, digits and '_', starting with a letter (found %q at position %d)", c, i+1).
			WithFields(tpsession.FieldError{Field: "key", Message: "must be lower-case letters, digits and '_', starting with a letter"})
	}
	return ItemKey(s), nil
}

// Status is where a check stands.
type Status string

// The statuses of an item. The zero value "" reads as pending.
const (
	StatusPending       Status = "pending"
	StatusOK            Status = "ok"
	StatusNotOK         Status = "not_ok"
	StatusNotApplicable Status = "not_applicable"
)

// ParseStatus parses "pending", "ok", "not_ok" or "not_applicable".
func ParseStatus(s string) (Status, error) {
	switch st := Status(s); st {
	case StatusPending, StatusOK, StatusNotOK, StatusNotApplicable:
		return st, nil
	}
	const expected = "expected pending, ok, not_ok or not_applicable"
	return "", ErrInvalidStatus.Withf("unknown status %q: %s", tpsession.Truncate(s, 40), expected).
		WithFields(tpsession.FieldError{Field: "status", Message: "must be one of: pending, ok, not_ok, not_applicable"})
}

// String returns the status's name.
func (s Status) String() string { return string(s) }

// Item is one check of a checklist. CheckedBy and CheckedOn record who set
// its status and on which day; they are empty while it is pending.
type Item struct {
	Key       ItemKey
	Label     string
	Status    Status
	Note      string
	CheckedBy string
	CheckedOn date.Date
}

// Checked reports whether someone has given the item a status other than
// pending.
func (it Item) Checked() bool { return it.Status != StatusPending && it.Status != "" }

// ItemUpdate is a change of an item's status, as a centre sends it.
type ItemUpdate struct {
	Status Status
	Note   string
}
