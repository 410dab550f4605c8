package checklist

import "github.com/tpsession/tpsession"

// MinJuryMembers is the fewest habilitated members that may evaluate a
// candidate in a session titre, CCP or CCS (arrêté du 22 décembre 2015,
// art. 6). A référentiel may require more; the plan then says how many. It
// is an alias of tpsession.MinJuryMembers, kept for the callers that name it
// here.
const MinJuryMembers = tpsession.MinJuryMembers

// Facts is what [Evaluate] judges: the state of every part of a session's
// preparation, as plain values. The session service assembles it from the
// stores of the other packages, which this package does not import.
type Facts struct {
	// Period is the session's first and last day. Equipment must be
	// operational on every working day of it under Calendar (every day of it
	// when it holds no working day).
	Period   tpsession.DateRange
	Calendar tpsession.Calendar
	// Kind is the kind of session; a session titre always ends with an
	// interview with the jury. The zero value means unknown, and is judged
	// as strictly as a titre: an unknown kind never relaxes a check.
	Kind tpsession.SessionKind
	// Responsable is the name of the designated responsable de session, ""
	// when none is.
	Responsable string

	// Items and Equipment are the checklist's (see [Checklist]). A standard
	// item missing from Items counts as pending.
	Items     []Item
	Equipment []Equipment
	// Materials is the DTE organisateur's list of required materials,
	// recorded by the pli package when the DTE organisateur is read.
	Materials []Material
	// UsesComputers tells whether the épreuves use computers (the
	// référentiel and the DTE say so); when they do, computers_secured must
	// be checked.
	UsesComputers bool

	Jury JuryFacts
	// Registrations lists the session's active registrations, withdrawn
	// ones excluded, in any order: findings list candidates by name.
	Registrations []Registration
	Pli           PliFacts
	// PlanMade tells whether a déroulé de session has been planned, and
	// PlanCandidates for how many candidates (0 when not known).
	PlanMade       bool
	PlanCandidates int

	// Compliance is what the session service found about the rules around
	// the session: the centre's agrément, the title register, the yearly
	// programming.
	Compliance ComplianceFacts
}

// ComplianceFacts are the rules around the session, as the session service
// judged them from the centre's agréments, the title register and the
// yearly programming. Each problem is a message with the facts, "" when
// there is none; the zero value has nothing to report.
type ComplianceFacts struct {
	// NoAgrement tells that the centre has recorded no agrément: until it
	// does, sessions are not checked against them, and the readiness warns
	// instead.
	NoAgrement bool
	// AgrementProblem says why the recorded agréments do not cover the
	// session's title, site or days.
	AgrementProblem string
	// TitleGap says what the title register does not know of the session's
	// title: the title, or its revision on the session's dates.
	TitleGap string
	// TitleProblem says why the title's validity does not allow the
	// session (expired, or a délai de prolongation not declared in time),
	// or why its remote modality is not allowed.
	TitleProblem string
	// ProgrammeProblem says how the yearly programming of the session's
	// year is late.
	ProgrammeProblem string
}

// JuryFacts is the state of the session's jury.
type JuryFacts struct {
	// Accepted counts the members who accepted their invitation and can
	// still sit: available and habilitated on every day of the session.
	Accepted int
	// Absent are the members who accepted but can no longer sit.
	Absent []AbsentMember
	// Needed is the number of members the plan needs, 0 without a plan.
	Needed int
	// Assigned tells whether candidates have been assigned to panels.
	Assigned bool
}

// AbsentMember is a member who accepted the invitation but can no longer
// sit on the jury: they recorded being unavailable on a day of the session,
// or their habilitation no longer covers it (the dates moved).
type AbsentMember struct {
	Name string
	// Reason says why, with the dates.
	Reason string
	// OnPanel tells whether the member sits on a panel of the assignment.
	OnPanel bool
}

// PliFacts is the state of the session's pli, step by step.
type PliFacts struct {
	Received         bool
	OrganisateurRead bool
	Secured          bool
}

// ConvocationState is where a registration's convocation stands. The
// session service maps the candidate package's state to it.
type ConvocationState string

// The states of a convocation, in the order they are reached. The zero value
// "" reads as none.
const (
	ConvocationNone      ConvocationState = "none"
	ConvocationDrafted   ConvocationState = "drafted"
	ConvocationValidated ConvocationState = "validated"
	ConvocationSent      ConvocationState = "sent"
	ConvocationDelivered ConvocationState = "delivered"
)

// Registration is what readiness needs of one registered candidate.
type Registration struct {
	Candidate tpsession.CandidateID
	// Name is the candidate's name as a person reads it ("Jeanne Dupont").
	Name        string
	Convocation ConvocationState
	// Correction tells that the convocation corrects one validated before.
	Correction bool
	// Unmet lists, for a validated convocation, the days and times the
	// plan needs the candidate that it does not give ("2027-03-02 at
	// 10:25"), since the plan or the jury assignment changed after it was
	// validated; empty when it gives them all, or when the plan does not
	// say when the candidate comes (docs/rules.md#convocation-appointments).
	Unmet []string
	// InPanel tells whether the stored jury assignment gives the candidate
	// a panel.
	InPanel bool
	// ConflictingMembers names the members of the candidate's panel who have
	// a conflict of interest with the candidate, found or declared since the
	// assignment was made.
	ConflictingMembers []string
}

// name is the candidate's name, or their ID when the name is unknown.
func (r Registration) name() string {
	if r.Name != "" {
		return r.Name
	}
	return string(r.Candidate)
}
