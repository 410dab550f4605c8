package pli

import "github.com/tpsession/tpsession"

// Sentinels of the package. Methods return copies carrying the facts of the
// occurrence (made with Withf or WithFields); match them with errors.Is.
var (
	// ErrInvalid is bad input; its field errors name the JSON fields of the
	// API ("ordered_on", "materials[0].quantity", "witnesses").
	ErrInvalid = tpsession.NewError(tpsession.Invalid, "pli.invalid", "the pli input is invalid")

	// ErrPliNotFound is returned by a Store when the session has no pli in
	// the centre (a pli of another centre is reported the same way).
	ErrPliNotFound = tpsession.NewError(tpsession.NotFound, "pli.not_found", "the session has no pli")

	// ErrDuplicatePli is returned by a Store when a pli already exists for
	// the session, or with the same ID.
	ErrDuplicatePli = tpsession.NewError(tpsession.Conflict, "pli.duplicate", "the session already has a pli")

	// ErrOutOfOrder refuses a step whose previous step has not happened
	// yet; the message names the pli's current status.
	ErrOutOfOrder = tpsession.NewError(tpsession.Conflict, "pli.out_of_order", "the step comes later in the pli's lifecycle")

	// ErrStepRepeated refuses a one-shot step done already (ordering the
	// pli twice); the message names the pli's current status.
	ErrStepRepeated = tpsession.NewError(tpsession.Conflict, "pli.step_repeated", "the step was already done")

	// ErrSessionNotOpened refuses opening the DTE jury and candidat before
	// the session is opened (docs/rules.md#pli-custody: they stay in a secure place "jusqu'à
	// l'ouverture de la session"). The refused attempt is logged.
	ErrSessionNotOpened = tpsession.NewError(tpsession.Rule, "pli.session_not_opened", "the DTE jury and candidat may only be opened once the session is opened")

	// ErrSealed refuses an access that would open the DTE jury or candidat
	// outside the opening in front of witnesses. The refused attempt is
	// logged.
	ErrSealed = tpsession.NewError(tpsession.Rule, "pli.sealed", "the DTE jury and candidat stay sealed until they are opened in front of witnesses")

	// ErrCustodyBroken is returned by Log.Verify when an entry does not
	// match its hash, or is older than the entry before it: the stored
	// history was edited, reordered, or had entries inserted or deleted. It is Internal: the caller cannot fix
	// it, the stored data is no longer trustworthy.
	ErrCustodyBroken = tpsession.NewError(tpsession.Internal, "pli.custody_broken", "the custody log does not match its hashes")

	// ErrCustodyRewritten is returned by a Store whose update would replace
	// part of the stored custody log instead of appending to it.
	ErrCustodyRewritten = tpsession.NewError(tpsession.Internal, "pli.custody_rewritten", "the custody log is append-only")
)
