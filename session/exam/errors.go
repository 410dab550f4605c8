package exam

import "github.com/tpsession/tpsession"

// Errors of the exam's record. Input problems carry field errors named by
// the JSON fields of docs/http-api.md; rule refusals carry the facts that
// decided them.
var (
	// ErrInvalidInput refuses malformed input: a missing field, a time
	// that is not HH:MM, a candidate listed twice.
	ErrInvalidInput = tpsession.NewError(tpsession.Invalid, "exam.invalid", "the input is invalid")
	// ErrInvalidRules refuses a setting that does not exist or is out of
	// bounds.
	ErrInvalidRules = tpsession.NewError(tpsession.Invalid, "exam.rules_invalid", "the exam rules are invalid")

	// ErrRecordNotFound is returned by a store for a session whose exam
	// has no record yet.
	ErrRecordNotFound = tpsession.NewError(tpsession.NotFound, "exam.not_found", "the session's exam has no record")
	// ErrDuplicateRecord is returned by a store asked to create a record
	// that exists.
	ErrDuplicateRecord = tpsession.NewError(tpsession.Conflict, "exam.duplicate", "the session's exam already has a record")
	// ErrSittingNotFound names a sitting the record does not hold.
	ErrSittingNotFound = tpsession.NewError(tpsession.NotFound, "exam.sitting_not_found", "no such sitting")
	// ErrDecisionNotFound names a candidate without a decision.
	ErrDecisionNotFound = tpsession.NewError(tpsession.NotFound, "exam.decision_not_found", "the candidate has no decision")
	// ErrIncidentNotFound names an incident report the record does not
	// hold.
	ErrIncidentNotFound = tpsession.NewError(tpsession.NotFound, "exam.incident_not_found", "no such incident report")
	// ErrAmendmentNotFound names an amendment the record does not hold.
	ErrAmendmentNotFound = tpsession.NewError(tpsession.NotFound, "exam.amendment_not_found", "no such amendment")
	// ErrRetentionNotFound is returned by a store for a centre that set no
	// retention period.
	ErrRetentionNotFound = tpsession.NewError(tpsession.NotFound, "exam.retention_not_found", "the centre set no retention period")
	// ErrDuplicateRetention is returned by a store asked to create a
	// centre's retention period twice.
	ErrDuplicateRetention = tpsession.NewError(tpsession.Conflict, "exam.retention_duplicate", "the centre's retention period is already recorded")

	// ErrPVClosed refuses a change of what the closed procès-verbal holds:
	// its decisions, signatures, attendance and incidents are final; a
	// correction of a decision is an amendment.
	ErrPVClosed = tpsession.NewError(tpsession.Conflict, "exam.pv_closed", "the procès-verbal is closed")
	// ErrPVNotClosed refuses what follows the procès-verbal before every
	// member has signed it.
	ErrPVNotClosed = tpsession.NewError(tpsession.Conflict, "exam.pv_not_closed", "the procès-verbal is not closed")
	// ErrPVIncomplete refuses to close a procès-verbal that lacks a
	// decision or a signature.
	ErrPVIncomplete = tpsession.NewError(tpsession.Rule, "exam.pv_incomplete", "the procès-verbal lacks decisions or signatures")
	// ErrAlreadyRecorded refuses a one-shot fact recorded again: the PV
	// sent, the validation, a signature, an issuance.
	ErrAlreadyRecorded = tpsession.NewError(tpsession.Conflict, "exam.already_recorded", "this is already recorded")
	// ErrValidated refuses a change once the administration validated the
	// results.
	ErrValidated = tpsession.NewError(tpsession.Conflict, "exam.validated", "the results are validated")

	// ErrEndTimeFixed refuses to move a sitting whose attendance is being
	// recorded: the end time of an épreuve never moves
	// (docs/rules.md#late-arrival).
	ErrEndTimeFixed = tpsession.NewError(tpsession.Conflict, "exam.end_time_fixed", "the sitting's times are fixed once its attendance is recorded")
	// ErrSittingClash refuses a candidate placed in two sittings at once.
	ErrSittingClash = tpsession.NewError(tpsession.Rule, "exam.sitting_clash", "the candidate sits another épreuve at that time")
	// ErrNotYet refuses a fact recorded before it could happen: the
	// attendance of a sitting still to come, an arrival later than now.
	ErrNotYet = tpsession.NewError(tpsession.Rule, "exam.not_yet", "this has not happened yet")
	// ErrOutsideSession refuses a day that is not one of the session's.
	ErrOutsideSession = tpsession.NewError(tpsession.Rule, "exam.outside_session", "the day is not a day of the session")
	// ErrIdentityNotChecked refuses a candidate present whose identity was
	// not checked before the épreuve (docs/rules.md#identity-check).
	ErrIdentityNotChecked = tpsession.NewError(tpsession.Rule, "exam.identity_not_checked", "the candidate's identity was not checked")
	// ErrNoTimeLeft refuses to admit a candidate arriving once the épreuve
	// has ended: its end time does not move (docs/rules.md#late-arrival).
	ErrNoTimeLeft = tpsession.NewError(tpsession.Rule, "exam.working_time_exhausted", "the épreuve has ended: no working time is left")
	// ErrResponsableAbsent refuses a decision of the responsable de
	// session on a day they are not recorded present
	// (docs/rules.md#responsable-de-session-on-site).
	ErrResponsableAbsent = tpsession.NewError(tpsession.Rule, "exam.responsable_absent", "the responsable de session is not recorded present that day")
	// ErrTrainerSurveillant refuses a surveillant who trained a candidate
	// of the sitting (docs/rules.md#surveillance).
	ErrTrainerSurveillant = tpsession.NewError(tpsession.Rule, "exam.trainer_surveillant", "a trainer of a candidate may not watch the candidate's épreuve")
	// ErrNotSignatory refuses a signature on a sheet by someone who does
	// not sign it.
	ErrNotSignatory = tpsession.NewError(tpsession.Rule, "exam.not_signatory", "this person does not sign this sheet")

	// ErrNoQuorum refuses a deliberation on a candidate for whom fewer
	// members than the quorum are present without conflict
	// (docs/rules.md#jury-quorum).
	ErrNoQuorum = tpsession.NewError(tpsession.Rule, "exam.quorum_missing", "too few jury members are present without conflict to deliberate")
	// ErrQuorumHolds refuses a PV de constatation for a candidate whose
	// jury may deliberate.
	ErrQuorumHolds = tpsession.NewError(tpsession.Rule, "exam.quorum_holds", "the jury may deliberate on the candidate")
	// ErrNotDeliberating refuses a decision or a signature by a member who
	// does not deliberate on the candidate: absent that day, in conflict,
	// or not on the candidate's panel (docs/rules.md#deliberation).
	ErrNotDeliberating = tpsession.NewError(tpsession.Rule, "exam.not_deliberating", "the member does not deliberate on this candidate")
	// ErrAttendanceIncomplete refuses a deliberation before the
	// candidate's attendance is recorded at every sitting of theirs.
	ErrAttendanceIncomplete = tpsession.NewError(tpsession.Rule, "exam.attendance_incomplete", "the candidate's attendance is not recorded at every sitting")
	// ErrBasisMissing refuses a decision that acquires what the jury had
	// no ground for: the dossier professionnel, the ECF results of a
	// training-route candidate, the entretien final of a session titre
	// (docs/rules.md#deliberation).
	ErrBasisMissing = tpsession.NewError(tpsession.Rule, "exam.basis_missing", "the jury lacks what the decision requires")
	// ErrToReconvene refuses a decision on a candidate the PV de
	// constatation marked to be convened again.
	ErrToReconvene = tpsession.NewError(tpsession.Conflict, "exam.to_reconvene", "the candidate is to be convened again")
	// ErrAmendmentPending refuses a second amendment of a decision, or the
	// validation, while one awaits its signatures.
	ErrAmendmentPending = tpsession.NewError(tpsession.Conflict, "exam.amendment_pending", "an amendment awaits its signatures")
	// ErrNotValidatable refuses the validation of results the
	// administration cannot validate yet (docs/rules.md#validation).
	ErrNotValidatable = tpsession.NewError(tpsession.Rule, "exam.not_validatable", "the results cannot be validated yet")
	// ErrNotIssuable refuses an issuance the decision does not give.
	ErrNotIssuable = tpsession.NewError(tpsession.Rule, "exam.not_issuable", "the decision gives no such document")
	// ErrRetentionRunning refuses to pseudonymise a session whose
	// retention period has not ended (docs/rules.md#retention).
	ErrRetentionRunning = tpsession.NewError(tpsession.Rule, "exam.retention_running", "the retention period has not ended")
)

// Errors of who is where.
var (
	// ErrNotInSitting names a registered candidate who does not sit the
	// sitting.
	ErrNotInSitting = tpsession.NewError(tpsession.NotFound, "exam.not_in_sitting", "the candidate does not sit this sitting")
	// ErrNotRegistered names a candidate without an active registration
	// to the session.
	ErrNotRegistered = tpsession.NewError(tpsession.NotFound, "exam.not_registered", "the candidate is not registered to the session")
	// ErrNotJuryMember names a member who did not accept to sit on the
	// session's jury.
	ErrNotJuryMember = tpsession.NewError(tpsession.NotFound, "exam.not_jury_member", "the member is not on the session's jury")
	// ErrPresenceRelied refuses to record absent someone whose presence a
	// decision of that day relies on: a deliberating member, the
	// responsable who decided on a late arrival.
	ErrPresenceRelied = tpsession.NewError(tpsession.Conflict, "exam.presence_relied_on", "a decision of that day relies on this presence")
)

// Errors of the deliberation.
var (
	// ErrOutcomeMismatch refuses an outcome that what is recorded
	// contradicts: absent for a candidate who sat, or the other way round.
	ErrOutcomeMismatch = tpsession.NewError(tpsession.Rule, "exam.outcome_mismatch", "the outcome contradicts the attendance recorded")
	// ErrPresenceUnknown refuses a PV de constatation before the presence
	// of every member of the candidate's panel is recorded that day.
	ErrPresenceUnknown = tpsession.NewError(tpsession.Rule, "exam.presence_unknown", "the presence of the jury is not recorded")
	// ErrHasDecision refuses a PV de constatation for a candidate the jury
	// decided on.
	ErrHasDecision = tpsession.NewError(tpsession.Conflict, "exam.has_decision", "the jury decided on the candidate")
	// ErrNotAJuryMember refuses a decision, a signature or an amendment by
	// an actor who is not a jury member: only the jury decides.
	ErrNotAJuryMember = tpsession.NewError(tpsession.Forbidden, "exam.jury_only", "only a jury member deliberates and signs")
)
