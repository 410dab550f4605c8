package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/tpsession/tpsession"
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
// jury role, the member's e-mail in the centre's directory. Name, required,
// is how the event log records the principal's actions: a display name,
// never a secret.
type Principal struct {
	Centre      tpsession.CentreID
	Role        Role
	MemberEmail string
	Name        string
}

// check refuses a principal the handler cannot act for: it is the
// authenticator's fault, not the caller's.
func (p Principal) check() error {
	if _, err := tpsession.ParseCentreID(string(p.Centre)); err != nil {
		return fmt.Errorf("the authenticator returned a principal without a valid centre: %w", err)
	}
	if _, err := ParseRole(string(p.Role)); err != nil {
		return fmt.Errorf("the authenticator returned a principal without a valid role: %w", err)
	}
	if p.Role == RoleJury && p.MemberEmail == "" {
		return errors.New("the authenticator returned a jury principal without a member e-mail")
	}
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("the authenticator returned a principal without a name")
	}
	return nil
}

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
// principal it stands for. Name is how the event log records the
// principal's actions: required for the admin and controller roles, so
// that the log tells one person from another; a jury token without one is
// recorded under the member's e-mail.
type TokenEntry struct {
	Token       string `json:"token"`
	Centre      string `json:"centre"`
	Role        string `json:"role"`
	MemberEmail string `json:"member_email,omitempty"`
	Name        string `json:"name,omitempty"`
}

// minTokenLen is the shortest token accepted: 128 bits written in hex, so
// that a token cannot be guessed.
const minTokenLen = 32

// StaticTokens authenticates bearer tokens from a fixed list, such as the
// demo server's -tokens file. Tokens are kept as SHA-256 digests and every
// request is compared with every digest in constant time, so neither the
// memory of the process nor the time of an answer tells a token.
type StaticTokens struct {
	entries []tokenDigest
}

type tokenDigest struct {
	digest    [sha256.Size]byte
	principal Principal
}

// NewStaticTokens checks the entries (a token of at least 32 characters,
// used once; a valid centre ID; a known role; a member e-mail for the jury
// role and only for it; a name for the other roles) and returns the
// authenticator. Every problem is reported at once, by entry index.
func NewStaticTokens(entries []TokenEntry) (*StaticTokens, error) {
	var fe tpsession.FieldErrors
	st := &StaticTokens{entries: make([]tokenDigest, 0, len(entries))}
	seen := map[[sha256.Size]byte]int{}
	for i, e := range entries {
		field := func(name string) string { return fmt.Sprintf("[%d].%s", i, name) }
		if len(e.Token) < minTokenLen {
			fe.Add(field("token"), "must have at least %d characters", minTokenLen)
		}
		d := sha256.Sum256([]byte(e.Token))
		if j, dup := seen[d]; dup {
			fe.Add(field("token"), "repeats the token of entry %d", j)
		}
		seen[d] = i
		centre, err := tpsession.ParseCentreID(e.Centre)
		fe.AddErr(field("centre"), err)
		role, err := ParseRole(e.Role)
		fe.AddErr(field("role"), err)
		p := Principal{Centre: centre, Role: role, Name: strings.TrimSpace(e.Name)}
		switch {
		case role == RoleJury && e.MemberEmail == "":
			fe.Add(field("member_email"), "is required for the jury role")
		case role == RoleJury:
			email, err := tpsession.ParseEmail(e.MemberEmail)
			fe.AddErr(field("member_email"), err)
			p.MemberEmail = email
		case e.MemberEmail != "":
			fe.Add(field("member_email"), "is only for the jury role")
		}
		switch {
		case p.Name != "":
		case role == RoleJury:
			p.Name = p.MemberEmail
		case role != "":
			fe.Add(field("name"), "is required for the %s role: the event log records it as who acted", role)
		}
		st.entries = append(st.entries, tokenDigest{digest: d, principal: p})
	}
	if err := fe.Err(tpsession.ErrInvalidInput.Withf("the tokens are invalid")); err != nil {
		return nil, err
	}
	return st, nil
}

// LoadTokens reads a JSON array of [TokenEntry] ({token, centre, role,
// member_email?, name}: member_email for the jury role only, name
// required for the others) and returns the authenticator.
func LoadTokens(r io.Reader) (*StaticTokens, error) {
	dec := json.NewDecoder(io.LimitReader(r, MaxBodyBytes))
	dec.DisallowUnknownFields()
	var entries []TokenEntry
	if err := dec.Decode(&entries); err != nil {
		// The decoder's message may quote the file, tokens included.
		return nil, tpsession.ErrInvalidInput.Withf("the tokens file is not a JSON array of {token, centre, role, member_email?, name}")
	}
	return NewStaticTokens(entries)
}

// LoadTokensFile reads a tokens file (see [LoadTokens]).
func LoadTokensFile(path string) (*StaticTokens, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadTokens(f)
}

// Authenticate returns the principal of the request's bearer token.
func (s *StaticTokens) Authenticate(r *http.Request) (Principal, error) {
	token, ok := BearerToken(r)
	if !ok {
		return Principal{}, ErrUnauthenticated.Withf("send Authorization: Bearer <token>")
	}
	d := sha256.Sum256([]byte(token))
	found := -1
	for i := range s.entries {
		// No early exit: the time taken does not depend on which entry
		// matches, nor on whether one does.
		eq := subtle.ConstantTimeCompare(d[:], s.entries[i].digest[:])
		found = subtle.ConstantTimeSelect(eq, i, found)
	}
	if found < 0 {
		return Principal{}, ErrUnauthenticated.Withf("the bearer token is unknown")
	}
	return s.entries[found].principal, nil
}
