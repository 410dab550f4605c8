package httpapi

import (
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/tpsession/tpsession/adapters/archive"
	"github.com/tpsession/tpsession/adapters/documents"
)

// route is one endpoint of the API: its ServeMux pattern, what the OpenAPI
// document says of it, and how it is served. Who may call it is in the
// authorization table, keyed by the same pattern.
type route struct {
	method string
	path   string
	// id is the OpenAPI operationId; tag groups the operations.
	id, tag string
	summary string
	// query documents the query parameters the route reads.
	query []param
	// fails lists the statuses the Service may answer beyond those every
	// route of its kind has (400, 401, 403, 404, 413, 415, 500): 409, 422.
	fails []int
	// alt lists the media types the route serves besides JSON, chosen by
	// the Accept header.
	alt []string
	// produces is the media type of a route that answers a file.
	produces string
	// omits tells that the route's file may leave some of what it was
	// asked out, which the Convocations-Missing header names.
	omits bool
	// accepts lists the media types of the body; nil is application/json.
	accepts []string
	// scopes are the resources the path names, loaded before anything
	// else.
	scopes []resourceScope
	endpoint
}

// param is a documented query parameter.
type param struct {
	name, doc string
	format    string // "date", or "" for free text
	enum      []string
}

// resourceScope is a resource a path names, which the handler loads in
// the caller's centre before it checks the role or reads the body (404
// comes before 403, 413, 415 and 400).
type resourceScope uint8

const (
	// sessionScope: the session of /v1/sessions/{sid}…
	sessionScope resourceScope = iota + 1
	// memberScope: the member of /v1/jury-members/{mid}…
	memberScope
	// candidateScope: the candidate of /v1/candidates/{cid}…
	candidateScope
	// invitationScope: the invitation of /v1/sessions/{sid}/invitations/{mid}…
	invitationScope
	// registrationScope: the registration of
	// /v1/sessions/{sid}/registrations/{cid}…
	registrationScope
	// itemScope: the checklist item of /v1/sessions/{sid}/checklist/{key}.
	itemScope
	// agrementScope: the agrément of /v1/agrements/{aid}.
	agrementScope
	// sittingScope: the sitting of /v1/sessions/{sid}/sittings/{key}/…,
	// below the sitting only: PUT on the sitting itself records it.
	sittingScope
	// attendeeScope: the registration of the candidate of
	// /v1/sessions/{sid}/sittings/{key}/attendance/{cid}.
	attendeeScope
	// sheetScope: the attendance sheet of /v1/sessions/{sid}/sheets/{sheet}:
	// a sitting's, or the jury's of a day of the session.
	sheetScope
	// incidentScope: the report of /v1/sessions/{sid}/incidents/{n}.
	incidentScope
	// amendmentScope: the amendment of
	// /v1/sessions/{sid}/registrations/{cid}/decision/amendments/{n}.
	amendmentScope
)

// scopesOf lists the resources a path names, outermost first: each is
// looked up inside the one before. The {name} of
// /v1/sessions/{sid}/equipment/{name} is not among them: PUT records the
// material or replaces its state, so it cannot be absent; nor is a
// sitting's {key} on the path that records it.
func scopesOf(path string) []resourceScope {
	var out []resourceScope
	for _, r := range []struct {
		prefix string
		scope  resourceScope
		// below: only the paths below the prefix name the resource; the
		// prefix itself records it.
		below bool
	}{
		{"/v1/sessions/{sid}", sessionScope, false},
		{"/v1/sessions/{sid}/invitations/{mid}", invitationScope, false},
		{"/v1/sessions/{sid}/registrations/{cid}", registrationScope, false},
		{"/v1/sessions/{sid}/checklist/{key}", itemScope, false},
		{"/v1/jury-members/{mid}", memberScope, false},
		{"/v1/candidates/{cid}", candidateScope, false},
		{"/v1/agrements/{aid}", agrementScope, false},
		{"/v1/sessions/{sid}/sittings/{key}", sittingScope, true},
		{"/v1/sessions/{sid}/sittings/{key}/attendance/{cid}", attendeeScope, false},
		{"/v1/sessions/{sid}/sheets/{sheet}", sheetScope, false},
		{"/v1/sessions/{sid}/incidents/{n}", incidentScope, false},
		{"/v1/sessions/{sid}/registrations/{cid}/decision/amendments/{n}", amendmentScope, false},
	} {
		if path == r.prefix && !r.below || strings.HasPrefix(path, r.prefix+"/") {
			out = append(out, r.scope)
		}
	}
	return out
}

func (rt route) pattern() string { return rt.method + " " + rt.path }

// endpoint is how a route is served: the body it reads (none for read's
// endpoints, whose body is left zero), the answer it gives, and the
// function that does the work.
type endpoint struct {
	body bodyRule
	// req and resp are the body and answer types, for the OpenAPI
	// document; nil when there is none.
	req, resp reflect.Type
	status    int
	serve     func(*call) (any, error)
}

// read is an endpoint without a body answering 200 with fn's result.
func read[Resp any](fn func(*call) (Resp, error)) endpoint {
	return endpoint{
		resp: reflect.TypeFor[Resp](), status: http.StatusOK,
		serve: func(c *call) (any, error) { return fn(c) },
	}
}

// write is an endpoint reading a body of type Req under rule and answering
// status with fn's result (204 when Resp is noContent).
func write[Req, Resp any](rule bodyRule, status int, fn func(*call, *Req) (Resp, error)) endpoint {
	e := endpoint{
		body: rule, req: reflect.TypeFor[Req](), resp: reflect.TypeFor[Resp](), status: status,
		serve: func(c *call) (any, error) {
			var req Req
			if err := c.decode(rule, &req); err != nil {
				return nil, err
			}
			return fn(c, &req)
		},
	}
	if e.resp == reflect.TypeFor[noContent]() {
		e.resp, e.status = nil, http.StatusNoContent
	}
	return e
}

// act is an endpoint whose request only names its target (a DELETE, a
// POST that cancels, answers or assigns), answering status with fn's
// result. Its body is optional (docs/http-api.md#conventions): nothing, or {}; one sent anyway
// is read under the rules of every body (413, 415, 400), so that a client
// sending something else learns it is not read.
func act[Resp any](status int, fn func(*call) (Resp, error)) endpoint {
	return write(optionalBody, status, func(c *call, _ *emptyRequest) (Resp, error) { return fn(c) })
}

// emptyRequest is the body of a request that only names its target.
type emptyRequest struct{}

const (
	tagOperations = "Operations"
	tagSessions   = "Sessions"
	tagJury       = "Jury"
	tagCandidates = "Candidates and convocations"
	tagPli        = "Pli and DTE custody"
	tagChecklist  = "Readiness checklist"
	tagDocuments  = "Documents"
	tagAround     = "Agréments, titles and programming"
	tagExam       = "Exam days"
	tagResults    = "Deliberation and results"
)

// table lists every route of the API, in the order of docs/http-api.md#routes.
func (a *api) table() []route {
	var (
		fails409    = []int{http.StatusConflict}
		fails409422 = []int{http.StatusConflict, http.StatusUnprocessableEntity}
		datesQuery  = []param{
			{name: "from", doc: "first day of the period, included", format: "date"},
			{name: "to", doc: "last day of the period, included", format: "date"},
		}
	)
	rs := []route{
		{method: "GET", path: "/healthz", id: "health", tag: tagOperations, summary: "Tell that the server is up",
			fails: []int{http.StatusServiceUnavailable}, endpoint: read(a.health)},
		{method: "GET", path: "/openapi.json", id: "openapi", tag: tagOperations, summary: "Get this OpenAPI document", endpoint: read(a.openAPI)},
		{method: "GET", path: "/v1/me", id: "me", tag: tagOperations, summary: "Tell who the caller is", endpoint: read(a.me)},

		{method: "POST", path: "/v1/sessions", id: "createSession", tag: tagSessions, summary: "Create a session",
			fails: []int{http.StatusUnprocessableEntity}, endpoint: write(requiredBody, http.StatusCreated, a.createSession)},
		{method: "GET", path: "/v1/sessions", id: "listSessions", tag: tagSessions, summary: "List the centre's sessions",
			query: slices.Concat([]param{{name: "status", doc: "only the sessions with this status", enum: sessionStatuses()}}, datesQuery, pageParams), endpoint: read(a.listSessions)},
		{method: "GET", path: "/v1/sessions/{sid}", id: "getSession", tag: tagSessions, summary: "Get a session", endpoint: read(a.getSession)},
		{method: "PATCH", path: "/v1/sessions/{sid}", id: "changeSession", tag: tagSessions, summary: "Change a session's dates, planned candidates or site",
			fails: fails409422, accepts: []string{"application/json", "application/merge-patch+json"}, endpoint: write(requiredBody, http.StatusOK, a.changeSession)},
		{method: "POST", path: "/v1/sessions/{sid}/declare", id: "declareSession", tag: tagSessions, summary: "Record that the session was declared in CERES",
			fails: fails409, endpoint: write(optionalBody, http.StatusOK, a.declareSession)},
		{method: "POST", path: "/v1/sessions/{sid}/cancel", id: "cancelSession", tag: tagSessions, summary: "Cancel a session before its opening",
			fails: fails409, endpoint: act(http.StatusOK, a.cancelSession)},
		{method: "POST", path: "/v1/sessions/{sid}/close", id: "closeSession", tag: tagSessions, summary: "Close an opened session whose procès-verbal is complete",
			fails: fails409422, endpoint: act(http.StatusOK, a.closeSession)},
		{method: "GET", path: "/v1/sessions/{sid}/timeline", id: "getTimeline", tag: tagSessions, summary: "Get the session's deadlines", endpoint: read(a.timeline)},
		{method: "PUT", path: "/v1/sessions/{sid}/plan", id: "planSession", tag: tagSessions, summary: "Plan the session from its déroulé-type",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.planSession)},
		{method: "GET", path: "/v1/sessions/{sid}/plan", id: "getPlan", tag: tagSessions, summary: "Get the session's plan",
			alt: []string{"text/plain"}, endpoint: read(a.getPlan)},
		{method: "GET", path: "/v1/sessions/{sid}/readiness", id: "getReadiness", tag: tagSessions, summary: "Tell whether the session is ready to open", endpoint: read(a.readiness)},
		{method: "POST", path: "/v1/sessions/{sid}/open", id: "openSession", tag: tagSessions, summary: "Open the session",
			fails: fails409422, endpoint: write(optionalBody, http.StatusOK, a.openSession)},
		{method: "GET", path: "/v1/sessions/{sid}/events", id: "listEvents", tag: tagSessions, summary: "Get the session's event log",
			query: pageParams, endpoint: read(a.events)},

		{method: "POST", path: "/v1/jury-members", id: "createMember", tag: tagJury, summary: "Add a jury member to the directory",
			fails: fails409, endpoint: write(requiredBody, http.StatusCreated, a.createMember)},
		{method: "GET", path: "/v1/jury-members", id: "listMembers", tag: tagJury, summary: "List the directory's jury members",
			query: slices.Concat([]param{{name: "title_code", doc: "only the members habilitated on this title (TP-01281) for the whole period"}}, datesQuery, pageParams), endpoint: read(a.listMembers)},
		{method: "GET", path: "/v1/jury-members/{mid}", id: "getMember", tag: tagJury, summary: "Get a jury member", endpoint: read(a.getMember)},
		{method: "POST", path: "/v1/jury-members/{mid}/availability", id: "setAvailability", tag: tagJury, summary: "Record a jury member's unavailability, or availability again",
			endpoint: write(requiredBody, http.StatusOK, a.setAvailability)},
		{method: "POST", path: "/v1/sessions/{sid}/invitations", id: "invite", tag: tagJury, summary: "Invite a jury member to the session",
			fails: fails409422, endpoint: write(requiredBody, http.StatusCreated, a.invite)},
		{method: "GET", path: "/v1/sessions/{sid}/invitations", id: "listInvitations", tag: tagJury, summary: "List the session's invitations", endpoint: read(a.listInvitations)},
		{method: "POST", path: "/v1/sessions/{sid}/invitations/{mid}/accept", id: "acceptInvitation", tag: tagJury, summary: "Accept an invitation",
			fails: fails409, endpoint: act(http.StatusOK, a.acceptInvitation)},
		{method: "POST", path: "/v1/sessions/{sid}/invitations/{mid}/decline", id: "declineInvitation", tag: tagJury, summary: "Decline an invitation",
			fails: fails409, endpoint: act(http.StatusOK, a.declineInvitation)},
		{method: "POST", path: "/v1/sessions/{sid}/invitations/{mid}/withdraw", id: "withdrawInvitation", tag: tagJury, summary: "Withdraw an invitation",
			fails: fails409, endpoint: act(http.StatusOK, a.withdrawInvitation)},
		{method: "POST", path: "/v1/sessions/{sid}/conflicts", id: "declareConflict", tag: tagJury, summary: "Declare a conflict of interest",
			fails: fails409, endpoint: write(requiredBody, http.StatusCreated, a.declareConflict)},
		{method: "POST", path: "/v1/sessions/{sid}/jury-assignment", id: "assignJury", tag: tagJury, summary: "Form the panels and assign the candidates",
			fails: fails409422, endpoint: act(http.StatusOK, a.assignJury)},
		{method: "GET", path: "/v1/sessions/{sid}/jury-assignment", id: "getAssignment", tag: tagJury, summary: "Get the session's jury assignment", endpoint: read(a.getAssignment)},

		{method: "POST", path: "/v1/candidates", id: "createCandidate", tag: tagCandidates, summary: "Add a candidate",
			fails: fails409, endpoint: write(requiredBody, http.StatusCreated, a.createCandidate)},
		{method: "GET", path: "/v1/candidates", id: "listCandidates", tag: tagCandidates, summary: "List or search the centre's candidates",
			query: append([]param{
				{name: "name", doc: "only the candidates whose names hold every word of it, case and accents aside: \"dubois lea\", \"Léa\", \"dub\""},
				{name: "route", doc: "only the candidates of this route", enum: []string{"formation", "vae", "apprentissage"}},
				{name: "session", doc: "only the candidates registered to this session (a session ID)"},
			}, pageParams...), endpoint: read(a.listCandidates)},
		{method: "GET", path: "/v1/candidates/{cid}", id: "getCandidate", tag: tagCandidates, summary: "Get a candidate", endpoint: read(a.getCandidate)},
		{method: "PUT", path: "/v1/candidates/{cid}", id: "reviseCandidate", tag: tagCandidates, summary: "Replace a candidate's details",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.reviseCandidate)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations", id: "register", tag: tagCandidates, summary: "Register a candidate to the session",
			fails: fails409422, endpoint: write(requiredBody, http.StatusCreated, a.register)},
		{method: "GET", path: "/v1/sessions/{sid}/registrations", id: "listRegistrations", tag: tagCandidates, summary: "List the session's registrations", endpoint: read(a.listRegistrations)},
		{method: "GET", path: "/v1/sessions/{sid}/registrations/{cid}", id: "getRegistration", tag: tagCandidates, summary: "Get a candidate's registration", endpoint: read(a.getRegistration)},
		{method: "DELETE", path: "/v1/sessions/{sid}/registrations/{cid}", id: "withdrawCandidate", tag: tagCandidates, summary: "Withdraw a candidate from the session",
			fails: fails409, endpoint: act(http.StatusNoContent, a.withdrawCandidate)},
		{method: "PUT", path: "/v1/sessions/{sid}/registrations/{cid}/convocation", id: "draftConvocation", tag: tagCandidates, summary: "Draft a candidate's convocation",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.draftConvocation)},
		{method: "GET", path: "/v1/sessions/{sid}/registrations/{cid}/convocation", id: "getConvocation", tag: tagCandidates, summary: "Get a candidate's convocation",
			alt: []string{"application/pdf"}, endpoint: read(a.getConvocation)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/convocation/validate", id: "validateConvocation", tag: tagCandidates, summary: "Record that the convocation was validated in CERES",
			fails: fails409422, endpoint: write(optionalBody, http.StatusOK, a.validateConvocation)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/outcome", id: "recordOutcome", tag: tagCandidates, summary: "Record the candidate's outcome of the session in their history",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.recordOutcome)},
		{method: "POST", path: "/v1/candidates/{cid}/history", id: "recordAttempt", tag: tagCandidates, summary: "Add a session the candidate sat to their history",
			endpoint: write(requiredBody, http.StatusOK, a.recordAttempt)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/convocation/delivery", id: "recordDelivery", tag: tagCandidates, summary: "Record how the convocation was delivered",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.recordDelivery)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/convocation/correction", id: "correctConvocation", tag: tagCandidates, summary: "Correct a validated convocation whose appointments no longer hold",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.correctConvocation)},

		{method: "PUT", path: "/v1/sessions/{sid}/pli/ppe", id: "recordDTEPPE", tag: tagPli, summary: "Record the protective equipment the DTE organisateur lists",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.recordDTEPPE)},
		{method: "POST", path: "/v1/sessions/{sid}/pli/order", id: "orderPli", tag: tagPli, summary: "Record that the pli was ordered",
			fails: fails409, endpoint: write(optionalBody, http.StatusOK, a.orderPli)},
		{method: "POST", path: "/v1/sessions/{sid}/pli/receive", id: "receivePli", tag: tagPli, summary: "Record that the pli was received",
			fails: fails409, endpoint: write(optionalBody, http.StatusOK, a.receivePli)},
		{method: "POST", path: "/v1/sessions/{sid}/pli/read", id: "readOrganisateur", tag: tagPli, summary: "Record the DTE organisateur's list of materials",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.readOrganisateur)},
		{method: "POST", path: "/v1/sessions/{sid}/pli/secure", id: "securePli", tag: tagPli, summary: "Record that the DTE jury and candidat were locked away",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.securePli)},
		{method: "POST", path: "/v1/sessions/{sid}/pli/access", id: "recordPliAccess", tag: tagPli, summary: "Record an access to the DTEs in custody",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.recordPliAccess)},
		{method: "POST", path: "/v1/sessions/{sid}/pli/open", id: "openPli", tag: tagPli, summary: "Open the DTE jury and candidat in front of witnesses",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.openPli)},
		{method: "GET", path: "/v1/sessions/{sid}/pli", id: "getPli", tag: tagPli, summary: "Get the pli and its custody log", endpoint: read(a.getPli)},

		{method: "GET", path: "/v1/sessions/{sid}/checklist", id: "getChecklist", tag: tagChecklist, summary: "Get the readiness checklist", endpoint: read(a.getChecklist)},
		{method: "PUT", path: "/v1/sessions/{sid}/checklist/{key}", id: "setChecklistItem", tag: tagChecklist, summary: "Set a checklist item's status",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.setChecklistItem)},
		{method: "PUT", path: "/v1/sessions/{sid}/equipment/{name}", id: "setEquipment", tag: tagChecklist, summary: "Record the state of a material",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.setEquipment)},

		{method: "GET", path: "/v1/titles", id: "listTitles", tag: tagAround, summary: "List the title register", endpoint: read(a.listTitles)},
		{method: "GET", path: "/v1/titles/{code}", id: "getTitle", tag: tagAround, summary: "Get a title of the register", endpoint: read(a.getTitle)},
		{method: "POST", path: "/v1/agrements", id: "createAgrement", tag: tagAround, summary: "Record an agrément of the centre",
			fails: fails409422, endpoint: write(requiredBody, http.StatusCreated, a.createAgrement)},
		{method: "GET", path: "/v1/agrements", id: "listAgrements", tag: tagAround, summary: "List the centre's agréments", endpoint: read(a.listAgrements)},
		{method: "GET", path: "/v1/agrements/{aid}", id: "getAgrement", tag: tagAround, summary: "Get an agrément", endpoint: read(a.getAgrement)},
		{method: "PUT", path: "/v1/agrements/{aid}", id: "reviseAgrement", tag: tagAround, summary: "Replace an agrément's title, sites, dates and reference",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.reviseAgrement)},
		{method: "GET", path: "/v1/programmes", id: "listProgrammes", tag: tagAround, summary: "List the centre's yearly programmings", endpoint: read(a.listProgrammes)},
		{method: "GET", path: "/v1/programmes/{year}", id: "getProgramme", tag: tagAround, summary: "Get the yearly programming of a year", endpoint: read(a.getProgramme)},
		{method: "PUT", path: "/v1/programmes/{year}", id: "putProgramme", tag: tagAround, summary: "Record or replace the yearly programming of a year",
			fails: fails409, endpoint: write(requiredBody, http.StatusOK, a.putProgramme)},
		{method: "POST", path: "/v1/programmes/{year}/submit", id: "submitProgramme", tag: tagAround, summary: "Record that the yearly programming was sent to the DDETS",
			fails: fails409, endpoint: write(optionalBody, http.StatusOK, a.submitProgramme)},

		{method: "GET", path: "/v1/sessions/{sid}/exam", id: "getExam", tag: tagExam, summary: "Get what happened from the opening on, and what the procès-verbal lacks",
			endpoint: read(a.getExam)},
		{method: "POST", path: "/v1/sessions/{sid}/plan/sittings", id: "sittingsFromPlan", tag: tagExam, summary: "Record the sittings of the session's plan, all at once",
			fails: fails409422, endpoint: act(http.StatusOK, a.sittingsFromPlan)},
		{method: "PUT", path: "/v1/sessions/{sid}/sittings/{key}", id: "putSitting", tag: tagExam, summary: "Record a sitting of an épreuve",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.putSitting)},
		{method: "PUT", path: "/v1/sessions/{sid}/sittings/{key}/surveillants", id: "setSurveillants", tag: tagExam, summary: "Name the surveillants of a sitting",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.setSurveillants)},
		{method: "PUT", path: "/v1/sessions/{sid}/sittings/{key}/attendance/{cid}", id: "recordAttendance", tag: tagExam, summary: "Record a candidate's attendance at a sitting",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.recordAttendance)},
		{method: "PUT", path: "/v1/sessions/{sid}/invitations/{mid}/attendance/{day}", id: "recordMemberPresence", tag: tagExam, summary: "Record a jury member's presence on a day",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.recordMemberPresence)},
		{method: "PUT", path: "/v1/sessions/{sid}/responsable-attendance/{day}", id: "recordResponsablePresence", tag: tagExam, summary: "Record the responsable de session's presence on a day",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.recordResponsablePresence)},
		{method: "POST", path: "/v1/sessions/{sid}/sheets/{sheet}/signatures", id: "signSheet", tag: tagExam, summary: "Record a signature at the foot of an attendance sheet",
			fails: fails409422, endpoint: write(requiredBody, http.StatusCreated, a.signSheet)},
		{method: "POST", path: "/v1/sessions/{sid}/incidents", id: "reportIncident", tag: tagExam, summary: "Report an incident",
			fails: fails409422, endpoint: write(requiredBody, http.StatusCreated, a.reportIncident)},
		{method: "POST", path: "/v1/sessions/{sid}/incidents/{n}/witnesses", id: "signIncident", tag: tagExam, summary: "Add a witness's signature to an incident report",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.signIncident)},
		{method: "PUT", path: "/v1/sessions/{sid}/registrations/{cid}/remote-modality", id: "stateModality", tag: tagExam, summary: "State how a candidate sat a remote session, for the procès-verbal",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.stateModality)},
		{method: "POST", path: "/v1/sessions/{sid}/constatations", id: "constate", tag: tagExam, summary: "Record a PV de constatation: the jury cannot deliberate on some candidates",
			fails: fails409422, endpoint: write(optionalBody, http.StatusCreated, a.constate)},
		{method: "PUT", path: "/v1/sessions/{sid}/registrations/{cid}/decision", id: "decide", tag: tagResults, summary: "Record the jury's decision on a candidate",
			fails: fails409422, endpoint: write(requiredBody, http.StatusOK, a.decide)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/decision/sign", id: "signDecision", tag: tagResults, summary: "Sign the decision on a candidate",
			fails: fails409422, endpoint: act(http.StatusOK, a.signDecision)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/decision/amendments", id: "amend", tag: tagResults, summary: "Correct a decision of the closed procès-verbal",
			fails: fails409422, endpoint: write(requiredBody, http.StatusCreated, a.amend)},
		{method: "POST", path: "/v1/sessions/{sid}/registrations/{cid}/decision/amendments/{n}/sign", id: "signAmendment", tag: tagResults, summary: "Sign an amendment of a decision",
			fails: fails409422, endpoint: act(http.StatusOK, a.signAmendment)},
		{method: "POST", path: "/v1/sessions/{sid}/pv/sent", id: "recordPVSent", tag: tagResults, summary: "Record the day the procès-verbal was sent to the administration",
			fails: fails409, endpoint: write(optionalBody, http.StatusOK, a.recordPVSent)},
		{method: "POST", path: "/v1/sessions/{sid}/validate", id: "validateResults", tag: tagResults, summary: "Record the administration's validation of the results",
			fails: fails409422, endpoint: write(optionalBody, http.StatusOK, a.validateResults)},
		{method: "PUT", path: "/v1/sessions/{sid}/registrations/{cid}/issuances/{document}", id: "issue", tag: tagResults, summary: "Record a document issued to a candidate: parchemin, livret, CCS",
			fails: fails409422, endpoint: write(optionalBody, http.StatusOK, a.issue)},
		{method: "POST", path: "/v1/sessions/{sid}/pseudonymise", id: "pseudonymise", tag: tagResults, summary: "Pseudonymise the candidates' personal data after the retention period, or list what would change",
			fails: fails409422, endpoint: write(optionalBody, http.StatusOK, a.pseudonymise)},
		{method: "GET", path: "/v1/retention", id: "getRetention", tag: tagResults, summary: "Get the centre's retention period", endpoint: read(a.getRetention)},
		{method: "PUT", path: "/v1/retention", id: "putRetention", tag: tagResults, summary: "Set the centre's retention period",
			endpoint: write(requiredBody, http.StatusOK, a.putRetention)},

		{method: "GET", path: "/v1/sessions/{sid}/convocations.pdf", id: "getConvocationLetters", tag: tagDocuments, summary: "Get the convocation letters of every registered candidate, in one file; Convocations-Missing names those without one",
			query:    []param{{name: "delivery", doc: "how the letters whose delivery is not recorded will go, which decides their mention; both mentions when left out", enum: []string{"registered_mail", "hand"}}},
			produces: documents.ContentTypePDF, omits: true, endpoint: read(a.letters)},
		{method: "GET", path: "/v1/sessions/{sid}/attendance.pdf", id: "getAttendanceSheets", tag: tagDocuments, summary: "Get the attendance sheets, one per day and half-day",
			produces: documents.ContentTypePDF, endpoint: read(a.attendanceSheets)},
		{method: "GET", path: "/v1/sessions/{sid}/deroule.pdf", id: "getDeroulePDF", tag: tagDocuments, summary: "Get the déroulé de session to display, with the candidates' names",
			produces: documents.ContentTypePDF, endpoint: read(a.deroulePDF)},
		{method: "GET", path: "/v1/sessions/{sid}/candidates.csv", id: "exportCandidates", tag: tagDocuments, summary: "Get the session's candidates as a spreadsheet, in the order of CERES",
			produces: documents.ContentTypeCSV, endpoint: read(a.candidatesCSV)},
		{method: "GET", path: "/v1/sessions/{sid}/registrations/{cid}/calendar.ics", id: "getCandidateCalendar", tag: tagDocuments, summary: "Get a candidate's appointments as a calendar",
			produces: documents.ContentTypeICS, endpoint: read(a.candidateCalendar)},
		{method: "GET", path: "/v1/sessions/{sid}/invitations/{mid}/calendar.ics", id: "getMemberCalendar", tag: tagDocuments, summary: "Get a jury member's sittings as a calendar",
			produces: documents.ContentTypeICS, endpoint: read(a.memberCalendar)},
		{method: "GET", path: "/v1/sessions/{sid}/pv.pdf", id: "getProcesVerbal", tag: tagDocuments, summary: "Get the procès-verbal, a draft until it is closed",
			produces: documents.ContentTypePDF, endpoint: read(a.procesVerbal)},
		{method: "GET", path: "/v1/sessions/{sid}/constatations.pdf", id: "getConstatations", tag: tagDocuments, summary: "Get the PV de constatation for the administration",
			produces: documents.ContentTypePDF, endpoint: read(a.constatations)},
		{method: "GET", path: "/v1/sessions/{sid}/results.csv", id: "exportResults", tag: tagDocuments, summary: "Get the results as a spreadsheet, for the Ministry's application",
			produces: documents.ContentTypeCSV, endpoint: read(a.resultsCSV)},
		{method: "GET", path: "/v1/sessions/{sid}/archive.zip", id: "getArchive", tag: tagDocuments, summary: "Get the session's archive: its data, its logs and its documents, in one file",
			produces: archive.ContentTypeZIP, endpoint: read(a.archive)},
		{method: "POST", path: "/v1/candidates/import", id: "importCandidates", tag: tagDocuments, summary: "Import candidates from a spreadsheet export, all or none",
			query: []param{
				{name: "default_route", doc: "the route of the rows that give none", enum: []string{"formation", "vae", "apprentissage"}},
				{name: "update_contacts", doc: "true: a row whose candidate the centre already has records its e-mail, telephone and postal address on that candidate, instead of being only reported", enum: []string{"true", "false"}},
			},
			accepts: []string{"text/csv", "application/vnd.ms-excel"}, endpoint: write(requiredBody, http.StatusCreated, a.importCandidates)},
	}
	for i := range rs {
		rs[i].scopes = scopesOf(rs[i].path)
	}
	return rs
}
