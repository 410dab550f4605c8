// Package httpapi exposes the library over HTTP as the contract of docs/http-api.md
// describes it: JSON in and out with explicit request and answer types,
// RFC 9457 problem details for every error, bearer authentication and the
// roles of the contract, an OpenAPI 3.1 document of every route, and one
// structured log line per request.
//
// [New] returns an http.Handler over a session.Service; the host software
// mounts it, serves it, and says who the requests come from with an
// [Authenticator] (its own login, or [StaticTokens] over bearer tokens).
//
// # How a request is handled
//
// Routing is a standard http.ServeMux ("POST /v1/sessions/{sid}/open").
// Each route then checks, in the order of docs/http-api.md#order-of-checks: the credentials (401);
// every resource its path names, in the caller's centre (404: another
// centre's session, member or candidate does not exist, nor does a session
// a jury member is not invited to, nor a registration, an invitation or a
// checklist item the session does not hold); the caller's role against the
// authorization table (403); the body — at most 1 MiB (413), JSON (415),
// the fields of the route's request type and no other, each of the right
// JSON type (400, every problem at once with its dotted path) —; and calls
// the Service, whose errors map by kind: Invalid 400, NotFound 404,
// Conflict 409, Rule 422, Forbidden 403, anything else 500 with a generic
// message, the cause logged. Answers are encoded into a buffer before the
// status is written.
//
// # Roles
//
// admin does everything in its centre. jury (matched to a member of the
// directory by e-mail) reads the sessions it holds an active invitation to
// (invited or accepted; a member who declined, or whose invitation was
// withdrawn, loses sight of the session), their plan, its own record, its
// own invitation and its own panel with its candidates' names, and the pli
// only once it is opened; the only thing it writes is the answer to its
// own invitations (the centre records when a member cannot sit).
// controller reads the centre's sessions, their timelines, event logs and
// custody logs. These rules are the library's (session.Policy): authz.go
// only maps each route to the domain action it performs, and the Policy's
// refusals to 403 (a role, another member's record, a sealed pli) or 404 (a
// session hidden from a jury member). A route missing from the table is a
// programming error, answered 500 to everyone (and a test fails).
//
// # Logs
//
// One line per request with log/slog: the request ID (also sent in the
// X-Request-Id header, taken from the request's when it is a short safe
// token), the method, the route pattern, the status, the duration, the
// size, the role and the centre; the cause of a 500. Never the
// Authorization header, a query or a body, so never a token nor a
// candidate's name, birth date or address.
//
// GET on a convocation with Accept: application/pdf answers the letter to
// send the candidate, rendered by the documents package with the letterhead
// [WithLetterhead] tells; GET on a plan with Accept: text/plain answers the
// printable déroulé.
//
// It imports the root package, session, documents and the domain packages
// for their types and sentinels, and holds no business rule: it translates.
package httpapi
