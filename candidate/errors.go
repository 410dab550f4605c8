package candidate

import "github.com/tpsession/tpsession"

// Invalid input. Each carries field errors named by the JSON fields of the
// HTTP contract (docs/http-api.md#routes).
var (
	ErrInvalidCandidate   = tpsession.NewError(tpsession.Invalid, "candidate.invalid", "the candidate's details are invalid")
	ErrInvalidConvocation = tpsession.NewError(tpsession.Invalid, "candidate.convocation_invalid", "the convocation is invalid")
	ErrInvalidDelivery    = tpsession.NewError(tpsession.Invalid, "candidate.delivery_invalid", "the delivery of the convocation is invalid")
	ErrInvalidAppointment = tpsession.NewError(tpsession.Invalid, "candidate.appointment_invalid", "the appointment is invalid")
	ErrInvalidAttempt     = tpsession.NewError(tpsession.Invalid, "candidate.attempt_invalid", "the session in the candidate's history is invalid")
	// ErrInvalidRegistration reports a registration request that names CCPs
	// the session does not evaluate, or a modality that does not exist.
	ErrInvalidRegistration = tpsession.NewError(tpsession.Invalid, "candidate.registration_invalid", "the registration is invalid")
)

// Unknown records, returned by the stores: a record of another centre is
// reported exactly as one that does not exist.
var (
	ErrCandidateNotFound    = tpsession.NewError(tpsession.NotFound, "candidate.not_found", "the candidate does not exist")
	ErrRegistrationNotFound = tpsession.NewError(tpsession.NotFound, "candidate.registration_not_found", "the candidate is not registered to this session")
)

// Duplicates and lifecycle conflicts.
var (
	ErrDuplicateCandidate      = tpsession.NewError(tpsession.Conflict, "candidate.duplicate", "the candidate already exists")
	ErrKnownCandidate          = tpsession.NewError(tpsession.Conflict, "candidate.known", "the centre already has a candidate with these names and birth date")
	ErrDuplicateRegistration   = tpsession.NewError(tpsession.Conflict, "candidate.registration_duplicate", "the candidate is already registered to this session")
	ErrRegistrationWithdrawn   = tpsession.NewError(tpsession.Conflict, "candidate.registration_withdrawn", "the registration has been withdrawn")
	ErrNoConvocation           = tpsession.NewError(tpsession.Conflict, "candidate.convocation_missing", "no convocation has been drafted")
	ErrConvocationValidated    = tpsession.NewError(tpsession.Conflict, "candidate.convocation_already_validated", "the convocation is already validated")
	ErrConvocationNotValidated = tpsession.NewError(tpsession.Conflict, "candidate.convocation_not_validated", "the convocation is not validated yet")
	ErrDeliveryConflict        = tpsession.NewError(tpsession.Conflict, "candidate.delivery_conflict", "a different delivery of the convocation is already recorded")
)

// Regulatory rules refusing an action.
var (
	ErrRecevabiliteMissing             = tpsession.NewError(tpsession.Rule, "candidate.recevabilite_missing", "a VAE candidate needs a notified recevabilité decision")
	ErrRecevabiliteExpired             = tpsession.NewError(tpsession.Rule, "candidate.recevabilite_expired", "the VAE recevabilité decision has expired")
	ErrRecevabiliteAfterStart          = tpsession.NewError(tpsession.Rule, "candidate.recevabilite_after_start", "the VAE recevabilité decision was notified after the session started")
	ErrTitleNotHeld                    = tpsession.NewError(tpsession.Rule, "candidate.title_not_held", "a CCS session needs the candidate to hold the title")
	ErrConvocationIncomplete           = tpsession.NewError(tpsession.Rule, "candidate.convocation_incomplete", "the convocation lacks the date and time, the place or the documents to bring")
	ErrAppointmentOutsideSession       = tpsession.NewError(tpsession.Rule, "candidate.appointment_outside_session", "the appointment is not on a day of the session")
	ErrConvocationTooLate              = tpsession.NewError(tpsession.Rule, "candidate.convocation_too_late", "the convocation is validated too late")
	ErrAppointmentsUnmet               = tpsession.NewError(tpsession.Rule, "candidate.appointments_unmet", "the convocation does not give the days and times the plan needs the candidate")
	ErrSessionChangeBreaksConvocations = tpsession.NewError(tpsession.Rule, "candidate.session_change_breaks_convocations", "the new session dates break validated convocations")

	// ErrResitNeedsTraining: a training-route candidate who failed or was
	// absent more than a year before the session needs a new training.
	ErrResitNeedsTraining = tpsession.NewError(tpsession.Rule, "candidate.resit_needs_training", "a re-sit more than one year after a failure needs a new training")
	// ErrNotEligibleInProlongation: the session falls in its title's délai
	// de prolongation, which is open to some candidates only.
	ErrNotEligibleInProlongation = tpsession.NewError(tpsession.Rule, "candidate.not_eligible_in_prolongation", "the candidate may not sit a session of the délai de prolongation")
	// ErrRegisteredAfterValidity: registrations to a session titre of the
	// délai de prolongation close with the title's end of validity.
	ErrRegisteredAfterValidity = tpsession.NewError(tpsession.Rule, "candidate.registered_after_validity", "registrations to a session of the délai de prolongation close with the end of validity")
	// ErrCCPAlreadyHeld: the candidate already holds a CCP the registration
	// names.
	ErrCCPAlreadyHeld = tpsession.NewError(tpsession.Rule, "candidate.ccp_already_held", "the candidate already holds the CCP")
	// ErrNoCCPLeft: the candidate holds every CCP the session evaluates.
	ErrNoCCPLeft = tpsession.NewError(tpsession.Rule, "candidate.ccps_all_held", "the candidate already holds every CCP of the session")
	// ErrRemoteInOnSiteSession: a candidate may sit remotely only in a
	// remote session.
	ErrRemoteInOnSiteSession = tpsession.NewError(tpsession.Rule, "candidate.remote_in_on_site_session", "a candidate sits remotely only in a remote session")
	// ErrValidatedBeforeDraft: a convocation cannot be validated before it
	// was drafted, nor before the registration.
	ErrValidatedBeforeDraft = tpsession.NewError(tpsession.Rule, "candidate.validated_before_draft", "the convocation cannot be validated before it was drafted")
	// ErrConvocationPPEMissing: the convocation does not list personal
	// protective equipment the épreuves require.
	ErrConvocationPPEMissing = tpsession.NewError(tpsession.Rule, "candidate.convocation_ppe_missing", "the convocation does not list the protective equipment the épreuves require")
)

// ErrSessionFacts reports session facts that the caller built wrongly (no
// start date, an end before the start, the facts of another session): a bug
// of the calling service, not something the user can fix.
var ErrSessionFacts = tpsession.NewError(tpsession.Internal, "candidate.session_facts_invalid", "the session's facts are inconsistent")
