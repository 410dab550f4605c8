package documents

import "github.com/tpsession/tpsession"

// Errors of the package. A document refused for the state of the session
// reuses the sentinel of the package that owns that state:
// candidate.ErrRegistrationNotFound for a candidate who is not registered,
// session.ErrConvocationNotFound for a convocation not drafted,
// candidate.ErrConvocationIncomplete for one without its date, place or
// documents, jury.ErrMemberNotFound for a member who is not on the session,
// plan.ErrPlanNotFound for a déroulé without a plan.
var (
	// ErrInvalidDossier reports a Dossier the caller assembled wrongly: a
	// registration whose candidate is missing, a plan number given to an
	// unregistered candidate. It is the calling code's bug, not the user's.
	ErrInvalidDossier = tpsession.NewError(tpsession.Internal, "documents.dossier_invalid", "the session's data given to the documents is inconsistent")
	// ErrInvalidImport refuses a file of candidates: unreadable, without
	// the columns it needs, too large, or with bad rows (see ImportError).
	ErrInvalidImport = tpsession.NewError(tpsession.Invalid, "documents.import_invalid", "the file of candidates cannot be imported")
	// ErrInvalidColumns refuses an export asked with an unknown or
	// repeated column.
	ErrInvalidColumns = tpsession.NewError(tpsession.Invalid, "documents.columns_invalid", "the columns asked for are invalid")
	// ErrRender reports a failure of the PDF or iCalendar library: a bug,
	// never the user's input.
	ErrRender = tpsession.NewError(tpsession.Internal, "documents.render_failed", "the document could not be produced")
	// ErrCancelled reports a document left unfinished because the
	// dossier's Context ended: the request that asked for it is gone.
	ErrCancelled = tpsession.NewError(tpsession.Internal, "documents.cancelled", "the document was left unfinished: its request was cancelled")
	// ErrNoConstatation is returned for the PV de constatation of a
	// session whose jury could deliberate on every candidate.
	ErrNoConstatation = tpsession.NewError(tpsession.NotFound, "documents.constatation_missing", "the session has no PV de constatation")
)
