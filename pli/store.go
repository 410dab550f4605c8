package pli

import (
	"context"

	"github.com/tpsession/tpsession"
)

// Store persists plis, one per session. The pli is found by its session for
// every use case; its ID stays unique too. A pli of another centre is
// reported exactly as a missing one.
//
// Implementations hand out copies (Pli.Clone): a caller never changes stored
// state through a returned value.
type Store interface {
	// CreatePli stores a new pli.
	// Errors: ErrDuplicatePli when the session already has a pli, or a pli
	// has the same ID.
	CreatePli(ctx context.Context, p Pli) error

	// Pli returns the pli of session sid in centre.
	// Errors: ErrPliNotFound.
	Pli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (Pli, error)

	// UpdatePli loads the pli of session sid in centre, applies fn to it and
	// saves the result atomically. An error from fn aborts the save and is
	// returned unchanged. Concurrent updates of one pli never lose a write
	// (a lock, or a version check that retries or fails with a Conflict).
	// fn may not change the pli's ID, Centre or Session, and may only
	// append to its custody log: the store checks the saved log with
	// Log.Extends.
	// Errors: ErrPliNotFound; ErrCustodyRewritten when fn changed or removed
	// a custody entry; an Internal error when fn changed a key; fn's error.
	UpdatePli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*Pli) error) error
}
