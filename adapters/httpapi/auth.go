package httpapi

import (
	"io"
	"net/http"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/auth"
	"github.com/tpsession/tpsession/session"
)

// Role is what a principal may do in its centre: the roles of the
// library's role rules (session.Policy, docs/http-api.md#roles).
type Role = session.Role

// The roles.
const (
	// RoleAdmin is the centre's staff: everything in its centre.
	RoleAdmin = session.RoleAdmin
	// RoleJury is a jury member of the centre's directory, matched to its
	// record by e-mail: it reads the sessions it is invited to and answers
	// its own invitations.
	RoleJury = session.RoleJury
	// RoleController is an inspector of the regional administration:
	// read-only access to the centre's sessions, timelines, events and
	// custody logs.
	RoleController = session.RoleController
)

// Roles lists the roles in a stable order.
var Roles = session.Roles

// ParseRole parses "admin", "jury" or "controller".
func ParseRole(s string) (Role, error) { return session.ParseRole(s) }

// Principal is who a request acts for: one centre, one role and, for the
// jury role, the member's e-mail in the centre's directory; Name, required,
// is how the event log records the principal's actions. It is the
// principal of adapters/auth, which the web dashboard shares.
type Principal = auth.Principal

// Authenticator tells who sends a request. The host software implements it
// with its own login (a session cookie, an OIDC token…); [StaticTokens] is
// a ready-made one over bearer tokens.
//
// Authenticate returns the request's principal, or an error matching
// [ErrUnauthenticated] (errors.Is) when the request carries no credentials
// or unknown ones: the answer is then 401. Any other error is a failure of
// the authenticator itself (its user directory is down): the answer is 500
// and the error is logged.
type Authenticator interface {
	Authenticate(r *http.Request) (Principal, error)
}

// ErrUnauthenticated is the error an Authenticator returns for a request
// without valid credentials. Return it, or a copy made with Withf, so that
// the handler answers 401.
var ErrUnauthenticated = tpsession.NewError(tpsession.Forbidden, "httpapi.unauthenticated", "the request carries no valid credentials")

// BearerToken returns the token of an "Authorization: Bearer <token>"
// header (the scheme is case-insensitive, RFC 9110 §11.1), and false when
// there is none.
func BearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// TokenEntry is one line of a tokens file: a bearer token and the
// principal it stands for (auth.TokenEntry).
type TokenEntry = auth.TokenEntry

// StaticTokens authenticates bearer tokens from a fixed list, such as the
// demo server's -tokens file: the tokens of an [auth.Tokens], looked up in
// constant time among their SHA-256 digests.
type StaticTokens struct {
	tokens *auth.Tokens
}

// BearerTokens authenticates the bearer tokens of ts: a host that serves
// the web dashboard too gives both the same list.
func BearerTokens(ts *auth.Tokens) *StaticTokens { return &StaticTokens{tokens: ts} }

// NewStaticTokens checks the entries (see auth.NewTokens: a token of at
// least 32 characters, used once; a valid centre ID; a known role; a
// member e-mail for the jury role and only for it; a name for the other
// roles) and returns the authenticator. Every problem is reported at once,
// by entry index.
func NewStaticTokens(entries []TokenEntry) (*StaticTokens, error) {
	ts, err := auth.NewTokens(entries)
	if err != nil {
		return nil, err
	}
	return BearerTokens(ts), nil
}

// LoadTokens reads a JSON array of [TokenEntry] ({token, centre, role,
// member_email?, name}: member_email for the jury role only, name
// required for the others) and returns the authenticator.
func LoadTokens(r io.Reader) (*StaticTokens, error) {
	ts, err := auth.LoadTokens(r)
	if err != nil {
		return nil, err
	}
	return BearerTokens(ts), nil
}

// LoadTokensFile reads a tokens file (see [LoadTokens]).
func LoadTokensFile(path string) (*StaticTokens, error) {
	ts, err := auth.LoadTokensFile(path)
	if err != nil {
		return nil, err
	}
	return BearerTokens(ts), nil
}

// Authenticate returns the principal of the request's bearer token.
func (s *StaticTokens) Authenticate(r *http.Request) (Principal, error) {
	token, ok := BearerToken(r)
	if !ok {
		return Principal{}, ErrUnauthenticated.Withf("send Authorization: Bearer <token>")
	}
	p, err := s.tokens.Lookup(token)
	if err != nil {
		return Principal{}, ErrUnauthenticated.Withf("the bearer token is unknown")
	}
	return p, nil
}
