package checklist

import "github.com/tpsession/tpsession"

// Input errors. Constructors and methods report every bad field at once,
// named by its JSON field name, in a copy of ErrInvalid.
var (
	ErrInvalid       = tpsession.NewError(tpsession.Invalid, "checklist.invalid", "the checklist input is invalid")
	ErrInvalidStatus = tpsession.NewError(tpsession.Invalid, "checklist.status_invalid", "the status of a checklist item is invalid")
	ErrInvalidKey    = tpsession.NewError(tpsession.Invalid, "checklist.item_key_invalid", "the key of a checklist item is invalid")
)

// Unknown records. A store returns ErrChecklistNotFound for a session without
// a checklist and for a checklist of another centre alike.
var (
	ErrChecklistNotFound = tpsession.NewError(tpsession.NotFound, "checklist.not_found", "the session has no checklist")
	ErrItemNotFound      = tpsession.NewError(tpsession.NotFound, "checklist.item_not_found", "the checklist has no such item")
	ErrEquipmentNotFound = tpsession.NewError(tpsession.NotFound, "checklist.equipment_not_found", "no equipment of that name is recorded")
)

// Duplicates.
var (
	ErrDuplicateChecklist = tpsession.NewError(tpsession.Conflict, "checklist.duplicate", "the session already has a checklist")
	ErrDuplicateItem      = tpsession.NewError(tpsession.Conflict, "checklist.item_duplicate", "the checklist already has an item with that key")
)

// Rules refusing an action.
var (
	// ErrItemAlwaysApplicable refuses marking "not applicable" an item the
	// leaflet requires of every session.
	ErrItemAlwaysApplicable = tpsession.NewError(tpsession.Rule, "checklist.item_always_applicable", "the item applies to every session")
	// ErrStandardItem refuses removing one of the standard items.
	ErrStandardItem = tpsession.NewError(tpsession.Rule, "checklist.item_not_removable", "a standard item cannot be removed")
	// ErrNotReady is the error of a session that may not open: see
	// [Readiness.Err] and [NotReadyError].
	ErrNotReady = tpsession.NewError(tpsession.Rule, "checklist.not_ready", "the session is not ready to open")
)
