package checklist

import (
	"context"

	"github.com/tpsession/tpsession"
)

// Store keeps the checklists, one per session. A checklist of another centre
// is reported exactly as a missing one. Implementations hand out copies
// (see [Checklist.Clone]): a caller never changes stored state through a
// returned value.
type Store interface {
	// CreateChecklist stores a new checklist. It returns
	// ErrDuplicateChecklist when the session already has one.
	CreateChecklist(ctx context.Context, c Checklist) error

	// Checklist returns the checklist of a session. It returns
	// ErrChecklistNotFound when the session has none in that centre.
	Checklist(ctx context.Context, centre tpsession.CentreID, session tpsession.SessionID) (Checklist, error)

	// UpdateChecklist loads the checklist of a session, applies fn to it and
	// saves the result, atomically: concurrent updates of one checklist never
	// lose a write. An error from fn aborts the save and is returned
	// unchanged. It returns ErrChecklistNotFound when the session has no
	// checklist in that centre.
	UpdateChecklist(ctx context.Context, centre tpsession.CentreID, session tpsession.SessionID, fn func(*Checklist) error) error
}
