package session

import (
	"time"

	"github.com/tpsession/tpsession"
)

// Event is one entry of a session's event log: a state change, when it
// happened, who made it and what it was. The log is what a controller of
// the regional administration reads to follow a session's preparation.
type Event struct {
	ID      tpsession.EventID
	Centre  tpsession.CentreID
	Session tpsession.SessionID
	At      time.Time
	// Actor is who made the change, as the host software named them.
	Actor string
	// Action is a stable dotted code: session.declared, pli.received…
	Action string
	// Detail says what changed, in words.
	Detail string
}

// Actions recorded in the event log. The steps of the pli are recorded
// with the actions of its custody log (pli.ActionOrdered…).
const (
	ActionSessionCreated          = "session.created"
	ActionSessionDeclared         = "session.declared"
	ActionSessionChanged          = "session.changed"
	ActionSessionPlanned          = "session.planned"
	ActionSessionConvocationsSent = "session.convocations_sent"
	ActionSessionReady            = "session.ready"
	ActionSessionOpened           = "session.opened"
	ActionSessionClosed           = "session.closed"
	ActionSessionValidated        = "session.validated"
	ActionSessionCancelled        = "session.cancelled"
	ActionSessionPseudonymised    = "session.pseudonymised"

	ActionJuryInvited          = "jury.invited"
	ActionJuryAccepted         = "jury.accepted"
	ActionJuryDeclined         = "jury.declined"
	ActionJuryWithdrawn        = "jury.withdrawn"
	ActionJuryConflict         = "jury.conflict_declared"
	ActionJuryAvailability     = "jury.availability_changed"
	ActionJuryAssigned         = "jury.assigned"
	ActionCandidateRegistered  = "candidate.registered"
	ActionCandidateWithdrawn   = "candidate.withdrawn"
	ActionOutcomeRecorded      = "candidate.outcome_recorded"
	ActionConvocationDrafted   = "convocation.drafted"
	ActionConvocationValid     = "convocation.validated"
	ActionConvocationCorrected = "convocation.corrected"
	ActionConvocationDelivery  = "convocation.delivery_recorded"
	ActionChecklistItem        = "checklist.item_checked"
	ActionChecklistEquipment   = "checklist.equipment_updated"

	ActionExamSitting       = "exam.sitting_recorded"
	ActionExamSurveillants  = "exam.surveillants_recorded"
	ActionExamAttendance    = "exam.attendance_recorded"
	ActionExamPresence      = "exam.presence_recorded"
	ActionExamSheetSigned   = "exam.sheet_signed"
	ActionExamIncident      = "exam.incident_reported"
	ActionExamWitness       = "exam.incident_signed"
	ActionExamModality      = "exam.modality_stated"
	ActionExamConstatation  = "exam.constatation_recorded"
	ActionDecisionRecorded  = "deliberation.decision_recorded"
	ActionDecisionSigned    = "deliberation.decision_signed"
	ActionAmendmentRecorded = "deliberation.amendment_recorded"
	ActionAmendmentSigned   = "deliberation.amendment_signed"
	ActionPVSent            = "results.pv_sent"
	ActionDocumentIssued    = "results.document_issued"
)

// Clone returns a copy (an Event holds no reference).
func (e Event) Clone() Event { return e }
