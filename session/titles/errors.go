package titles

import "github.com/tpsession/tpsession"

// ErrInvalidRegister reports a register file that cannot be read: its field
// errors name each problem by its JSON path ("titles[0].revisions[1].until").
var ErrInvalidRegister = tpsession.NewError(tpsession.Invalid, "titles.register_invalid", "the title register is invalid")

// ErrNotInRegister reports a title, or a date of a title, the register does
// not know: the session service reads it as a gap in the register, which a
// centre fills by adding the title (a warning, never a refusal), not as a
// rule refusing the session.
var ErrNotInRegister = tpsession.NewError(tpsession.NotFound, "titles.not_in_register", "the title register does not know this title or this date of it")

// ErrUnknownRevision reports a revision the register does not hold for the
// title: the session names one that does not exist.
var ErrUnknownRevision = tpsession.NewError(tpsession.Invalid, "titles.unknown_revision", "the title has no such revision")

// ErrUnknownCCP reports a CCP the session's revision does not hold.
var ErrUnknownCCP = tpsession.NewError(tpsession.Invalid, "titles.unknown_ccp", "the revision has no such CCP")

// Rules of the register refusing a session.
var (
	// ErrTitleExpired: the session starts after the end of the title's
	// délai de prolongation.
	ErrTitleExpired = tpsession.NewError(tpsession.Rule, "titles.title_expired", "the title is no longer valid on the session's dates")
	// ErrProlongationNotDeclared: the session starts in the délai de
	// prolongation but was created after the end of validity.
	ErrProlongationNotDeclared = tpsession.NewError(tpsession.Rule, "titles.prolongation_not_declared", "a session of the délai de prolongation must be created before the end of validity")
	// ErrRemoteNotOpen: the title, or one of the session's CCPs, is not open
	// to remote sessions.
	ErrRemoteNotOpen = tpsession.NewError(tpsession.Rule, "titles.remote_not_open", "the title is not open to remote sessions")
)
