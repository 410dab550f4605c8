package agrement

import "github.com/tpsession/tpsession"

// Errors of the agréments.
var (
	ErrInvalidAgrement   = tpsession.NewError(tpsession.Invalid, "agrement.invalid", "the agrément is invalid")
	ErrAgrementNotFound  = tpsession.NewError(tpsession.NotFound, "agrement.not_found", "no such agrément")
	ErrDuplicateAgrement = tpsession.NewError(tpsession.Conflict, "agrement.duplicate", "the agrément already exists")
	// ErrNotCovered refuses a session that no agrément covers: its title,
	// its site or one of its days.
	ErrNotCovered = tpsession.NewError(tpsession.Rule, "agrement.not_covering", "no agrément of the centre covers the session")
	// ErrOutlastsTitle refuses an agrément that ends after its title's end
	// of validity.
	ErrOutlastsTitle = tpsession.NewError(tpsession.Rule, "agrement.outlasts_title", "an agrément cannot last beyond its title's end of validity")
)
