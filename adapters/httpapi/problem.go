package httpapi

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
)

// httpError is a refusal of the HTTP exchange itself (no credentials, a
// body too large, a media type not served), which the library's kinds do
// not cover.
type httpError struct {
	status int
	code   string
	msg    string
}

func (e *httpError) Error() string { return e.code + ": " + e.msg }

func (e *httpError) withf(format string, args ...any) *httpError {
	c := *e
	c.msg = fmt.Sprintf(format, args...)
	return &c
}

var (
	errUnauthenticated  = &httpError{http.StatusUnauthorized, ErrUnauthenticated.Code, ErrUnauthenticated.Message}
	errNoRoute          = &httpError{http.StatusNotFound, "httpapi.route_not_found", "no such route"}
	errMethodNotAllowed = &httpError{http.StatusMethodNotAllowed, "httpapi.method_not_allowed", "the method is not allowed on this path"}
	errBodyTooLarge     = &httpError{http.StatusRequestEntityTooLarge, "httpapi.body_too_large", fmt.Sprintf("the body is larger than %d bytes", MaxBodyBytes)}
	errUnavailable      = &httpError{http.StatusServiceUnavailable, "httpapi.unavailable", "the server cannot serve requests now: what it depends on does not answer"}
	errMediaType        = &httpError{http.StatusUnsupportedMediaType, "httpapi.media_type_unsupported", "the body is of a media type the route does not read"}
)

// errForbidden refuses a route to the caller's role.
var errForbidden = tpsession.NewError(tpsession.Forbidden, "httpapi.forbidden", "the caller's role may not do this")

// problem is an RFC 9457 problem details object (docs/http-api.md#errors),
// the body of every error answer.
type problem struct {
	Type   string `json:"type" doc:"always about:blank: the code tells the problems apart"`
	Title  string `json:"title" doc:"the HTTP status text"`
	Status int    `json:"status"`
	Detail string `json:"detail" doc:"what went wrong, safe to show; for a refused rule, the rule and the dates or numbers that decided it"`
	Code   string `json:"code" doc:"the library's stable error code, e.g. candidate.convocation_too_late"`
	// Errors lists the input problems by field, as dotted paths with
	// indexes.
	Errors []fieldProblem `json:"errors"`
	// Candidates lists, when no jury assignment exists, the candidates left
	// without an eligible panel.
	Candidates []string `json:"candidates,omitempty" doc:"on jury.assignment_infeasible: the candidates left without an eligible panel"`
	// Members lists, when no jury assignment exists, the members in
	// conflict with those candidates: whom to replace.
	Members []string `json:"members,omitempty" doc:"on jury.assignment_infeasible: the members in conflict of interest with the candidates left out, whom to replace or whose declarations to review"`
	// Candidate names, when a candidate is refused as known, the one the
	// centre already has.
	Candidate string `json:"candidate,omitempty" doc:"on candidate.known: the ID of the candidate the centre already has with these names and birth date"`
	// Findings lists, when a session may not open, what blocks it.
	Findings  []findingResource `json:"findings,omitempty" doc:"on checklist.not_ready: the blocking findings"`
	RequestID string            `json:"request_id" doc:"the X-Request-Id of the answer, under which the server logged the request"`
}

type fieldProblem struct {
	Field   string   `json:"field" doc:"the JSON path of the field, e.g. host_companies[0].siret; empty for the body as a whole"`
	Message string   `json:"message"`
	Reason  string   `json:"reason,omitempty" doc:"a stable code of the reason, where there is one"`
	Members []string `json:"members,omitempty" doc:"on jury.assignment_infeasible: the members in conflict of interest with this candidate"`
}

// statusOf is the one table from the library's kinds to HTTP statuses
// (docs/architecture.md#errors).
func statusOf(k tpsession.Kind) int {
	switch k {
	case tpsession.Invalid:
		return http.StatusBadRequest
	case tpsession.NotFound:
		return http.StatusNotFound
	case tpsession.Conflict:
		return http.StatusConflict
	case tpsession.Rule:
		return http.StatusUnprocessableEntity
	case tpsession.Forbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// problemOf turns err into the problem to answer. The cause of a 500 is
// kept in x for the log and replaced by a generic message.
func problemOf(err error, x *exchange) problem {
	p := problem{Type: "about:blank", Errors: []fieldProblem{}, RequestID: x.id}
	if he, ok := errors.AsType[*httpError](err); ok {
		p.Status, p.Code, p.Detail = he.status, he.code, he.msg
		p.Title = http.StatusText(p.Status)
		return p
	}
	p.Status = statusOf(tpsession.KindOf(err))
	p.Title = http.StatusText(p.Status)
	if p.Status == http.StatusInternalServerError {
		x.cause = err
		p.Code = "internal"
		p.Detail = "An internal error occurred; it is logged under request ID " + x.id + "."
		return p
	}
	e, _ := errors.AsType[*tpsession.Error](err)
	p.Code = tpsession.CodeOf(err)
	if p.Code == "" {
		p.Code = e.Kind.String()
	}
	p.Detail = e.Message
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Message: f.Message})
	}
	if ae, ok := errors.AsType[*jury.AssignmentError](err); ok {
		// The field errors of the jury package name candidates by ID; the
		// answer names them by their place in the candidates member.
		p.Errors = p.Errors[:0]
		for i, u := range ae.Unassigned {
			p.Candidates = append(p.Candidates, string(u.Candidate))
			p.Errors = append(p.Errors, fieldProblem{Field: fmt.Sprintf("candidates[%d]", i), Message: u.Message, Reason: string(u.Reason), Members: idStrings(u.Members())})
		}
		p.Members = idStrings(ae.Members())
	}
	if ke, ok := errors.AsType[*candidate.KnownError](err); ok {
		p.Candidate = string(ke.Known.ID)
	}
	if nr, ok := errors.AsType[*checklist.NotReadyError](err); ok {
		p.Findings = findingsOf(nr.Findings)
	}
	return p
}

// writeProblem answers with p.
func (a *api) writeProblem(w http.ResponseWriter, x *exchange, p problem) {
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tpsession"`)
	}
	a.writeJSON(w, x, p.Status, "application/problem+json", p)
}

// idStrings turns member IDs into the strings of the answer.
func idStrings(ids []tpsession.MemberID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}
