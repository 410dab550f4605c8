package session

import "github.com/tpsession/tpsession"

// Errors of the session lifecycle and of the Service.
var (
	ErrInvalidSession   = tpsession.NewError(tpsession.Invalid, "session.invalid", "the session is invalid")
	ErrSessionNotFound  = tpsession.NewError(tpsession.NotFound, "session.not_found", "no such session")
	ErrDuplicateSession = tpsession.NewError(tpsession.Conflict, "session.duplicate", "the session already exists")
	// ErrConvocationNotFound is returned when a candidate's convocation is
	// asked for before one is drafted.
	ErrConvocationNotFound = tpsession.NewError(tpsession.NotFound, "session.convocation_not_found", "no convocation is drafted")
	// ErrNoAssignment is returned when a session's jury assignment is
	// asked for before one is made.
	ErrNoAssignment = tpsession.NewError(tpsession.NotFound, "session.assignment_not_found", "the session has no jury assignment")

	// ErrNotWritable refuses a change to a session that is opened, closed or
	// cancelled.
	ErrNotWritable = tpsession.NewError(tpsession.Conflict, "session.not_writable", "the session can no longer change")
	// ErrAlreadyDeclared refuses declaring a session twice.
	ErrAlreadyDeclared = tpsession.NewError(tpsession.Conflict, "session.already_declared", "the session is already declared")
	// ErrNotOpened refuses closing a session that was never opened, and a
	// step of the exam days before the opening.
	ErrNotOpened = tpsession.NewError(tpsession.Conflict, "session.not_opened", "the session is not opened")
	// ErrNotClosed refuses the validation of a session whose
	// procès-verbal is not closed.
	ErrNotClosed = tpsession.NewError(tpsession.Conflict, "session.not_closed", "the session is not closed")

	// ErrRevisionBreaksEligibility refuses a revision of a candidate that
	// would make them ineligible to a session they are registered to.
	ErrRevisionBreaksEligibility = tpsession.NewError(tpsession.Rule, "session.revision_breaks_eligibility", "the revision makes the candidate ineligible to a session they are registered to")

	// ErrChangedMeanwhile refuses a change prepared against a state of the
	// session that another change has since replaced.
	ErrChangedMeanwhile = tpsession.NewError(tpsession.Conflict, "session.changed_meanwhile", "the session changed meanwhile")

	// ErrOpenNotOnStartDate refuses opening a session on another day than
	// its start date.
	ErrOpenNotOnStartDate = tpsession.NewError(tpsession.Rule, "session.open_not_on_start_date", "a session opens on its start date only")
	// ErrDateChangeBreaksRule refuses a change of dates that would break a
	// rule already satisfied: validated convocations falling under the lead
	// time, an accepted jury member's habilitation no longer covering the
	// session, a convocation's appointment outside the new dates.
	ErrDateChangeBreaksRule = tpsession.NewError(tpsession.Rule, "session.date_change_breaks_rule", "the new dates break a rule already satisfied")

	// ErrHiddenTimesMissing refuses a planning input without hidden times
	// when the title register has no default profile for the session's
	// title: hidden times are never silently absent.
	ErrHiddenTimesMissing = tpsession.NewError(tpsession.Invalid, "session.hidden_times_missing", "the planning input gives no hidden times")

	// ErrNotPlanned refuses to take the sittings from the plan of a
	// session that has no feasible plan of its dates.
	ErrNotPlanned = tpsession.NewError(tpsession.Conflict, "session.not_planned", "the session has no feasible plan of its dates")

	// ErrNotSat refuses an outcome for a candidate the session did not
	// hold: not registered, withdrawn, or a session not opened yet.
	ErrNotSat = tpsession.NewError(tpsession.Conflict, "session.outcome_not_sat", "the candidate did not sit the session")
	// ErrOutcomeDeliberated refuses an outcome recorded by hand for a
	// candidate the jury decided on in the library: the validated decision
	// feeds the history.
	ErrOutcomeDeliberated = tpsession.NewError(tpsession.Conflict, "session.outcome_deliberated", "the jury's decision gives the outcome")
)
