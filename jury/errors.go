package jury

import "github.com/tpsession/tpsession"

// Invalid input. Their copies carry field errors named by the JSON fields of
// the HTTP contract ("habilitations[0].valid_until").
var (
	ErrInvalidMember     = tpsession.NewError(tpsession.Invalid, "jury.member_invalid", "the jury member is invalid")
	ErrInvalidConflict   = tpsession.NewError(tpsession.Invalid, "jury.conflict_invalid", "the conflict of interest is invalid")
	ErrInvalidAssignment = tpsession.NewError(tpsession.Invalid, "jury.assignment_input_invalid", "the jury assignment input is invalid")
	ErrInvalidAnswerDate = tpsession.NewError(tpsession.Invalid, "jury.answer_date_invalid", "the date of the answer is invalid")
)

// Unknown records. A record of another centre is not found either.
var (
	ErrMemberNotFound      = tpsession.NewError(tpsession.NotFound, "jury.member_not_found", "the jury member does not exist")
	ErrSessionJuryNotFound = tpsession.NewError(tpsession.NotFound, "jury.session_jury_not_found", "the session has no jury record")
	ErrInvitationNotFound  = tpsession.NewError(tpsession.NotFound, "jury.invitation_not_found", "the member is not invited to the session")
)

// Duplicates, repeated one-shot actions and wrong lifecycle states.
var (
	ErrDuplicateMember      = tpsession.NewError(tpsession.Conflict, "jury.member_duplicate", "the jury member already exists")
	ErrDuplicateSessionJury = tpsession.NewError(tpsession.Conflict, "jury.session_jury_duplicate", "the session already has a jury record")
	ErrAlreadyInvited       = tpsession.NewError(tpsession.Conflict, "jury.invitation_duplicate", "the member is already invited to the session")
	ErrAlreadyAnswered      = tpsession.NewError(tpsession.Conflict, "jury.invitation_already_answered", "the invitation has already been answered")
	ErrInvitationWithdrawn  = tpsession.NewError(tpsession.Conflict, "jury.invitation_withdrawn", "the invitation has been withdrawn")
	ErrDuplicateConflict    = tpsession.NewError(tpsession.Conflict, "jury.conflict_duplicate", "this conflict of interest is already declared")
)

// Regulatory rules refusing an action.
var (
	// ErrNotHabilitated: the member is not habilitated on the session's title
	// for every day of the session (arrêté du 22 décembre 2015, art. 5;
	// docs/rules.md#jury-habilitation: "consultez la liste des jurys
	// habilités sur le titre visé").
	ErrNotHabilitated = tpsession.NewError(tpsession.Rule, "jury.member_not_habilitated", "the member is not habilitated on the title for the whole session")
	// ErrMemberUnavailable: the member recorded being unavailable on a day of
	// the session (docs/rules.md#jury-availability: "vérifier leur disponibilité").
	ErrMemberUnavailable = tpsession.NewError(tpsession.Rule, "jury.member_unavailable", "the member is unavailable on a day of the session")
	// ErrSessionEnded: the member is invited after the session's last day.
	// A session that ended cannot be staffed any more; until its last day
	// a member may still be invited, to replace one who dropped out. The
	// refusal is decided by today's date against the session's, like the
	// other deadlines (a Rule, 422), not by a recorded state (Conflict).
	ErrSessionEnded = tpsession.NewError(tpsession.Rule, "jury.session_ended", "the session has ended: no member can be invited to it")
	// ErrNoCandidates: there is nobody to assign to a jury.
	ErrNoCandidates = tpsession.NewError(tpsession.Rule, "jury.candidates_missing", "the session has no candidate to assign to a jury")
	// ErrNoAssignment: no way of forming the juries gives every candidate a
	// jury none of whose members has a conflict of interest with them
	// (arrêté du 22 décembre 2015, art. 6; docs/rules.md#jury-composition). It is returned inside an
	// *AssignmentError that lists the candidates left without a jury.
	ErrNoAssignment = tpsession.NewError(tpsession.Rule, "jury.assignment_infeasible", "no jury assignment gives every candidate a jury without a conflict of interest")
)
