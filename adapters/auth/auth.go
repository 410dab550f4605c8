// Package auth tells who a request acts for, for the transports that serve
// users of several roles (adapters/httpapi, adapters/webui): a [Principal]
// — one centre, one role and, for the jury role, the member's e-mail — and
// [Tokens], a fixed list of tokens such as the demo server's tokens file,
// each standing for a principal. The HTTP API reads a token from the
// Authorization header; the web dashboard from its sign-in form; both look
// it up here, so that a token means the same principal on both.
//
// [Principal.Actor] turns a principal into the session.Actor the role rules
// (session.Policy, docs/rules.md#roles) read. The package decides no rule.
//
// It imports the root package and session; it sits beside
// adapters/documents, below the transports (deps_test.go).
package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

// Principal is who a request acts for: one centre, one role and, for the
// jury role, the member's e-mail in the centre's directory. Name, required,
// is how the event log records the principal's actions: a display name,
// never a secret.
type Principal struct {
	Centre      tpsession.CentreID
	Role        session.Role
	MemberEmail string
	Name        string
}

// Check refuses a principal a transport cannot act for: without a valid
// centre, a known role, a name, or for the jury role a member e-mail. It is
// the fault of whoever made the principal (an authenticator), not of the
// user.
func (p Principal) Check() error {
	if _, err := tpsession.ParseCentreID(string(p.Centre)); err != nil {
		return fmt.Errorf("a principal without a valid centre: %w", err)
	}
	if _, err := session.ParseRole(string(p.Role)); err != nil {
		return fmt.Errorf("a principal without a valid role: %w", err)
	}
	if p.Role == session.RoleJury && p.MemberEmail == "" {
		return errors.New("a jury principal without a member e-mail")
	}
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("a principal without a name")
	}
	return nil
}

// Actor returns the actor the role rules read for the principal: for the
// jury role, the member of the centre's directory with its e-mail, looked
// up now (session.Service.JuryActor), so that a member added after the
// principal signed in is found.
func (p Principal) Actor(ctx context.Context, svc *session.Service) (session.Actor, error) {
	if p.Role == session.RoleJury {
		return svc.JuryActor(ctx, p.Centre, p.Name, p.MemberEmail)
	}
	return session.Actor{Centre: p.Centre, Name: p.Name, Role: p.Role}, nil
}

// ErrUnknownToken is the answer to a token that stands for no principal.
var ErrUnknownToken = tpsession.NewError(tpsession.Forbidden, "auth.token_unknown", "the token is unknown")

// TokenEntry is one line of a tokens file: a token and the principal it
// stands for. Name is how the event log records the principal's actions:
// required for the admin and controller roles, so that the log tells one
// person from another; a jury token without one is recorded under the
// member's e-mail.
type TokenEntry struct {
	Token       string `json:"token"`
	Centre      string `json:"centre"`
	Role        string `json:"role"`
	MemberEmail string `json:"member_email,omitempty"`
	Name        string `json:"name,omitempty"`
}

// MinTokenLen is the shortest token accepted: 128 bits written in hex, so
// that a token cannot be guessed.
const MinTokenLen = 32

// maxFileBytes bounds a tokens file: far above thousands of entries.
const maxFileBytes = 1 << 20

// Tokens is a fixed list of tokens, each standing for a principal. Tokens
// are kept as SHA-256 digests and a token looked up is compared with every
// digest in constant time, so neither the memory of the process nor the
// time of an answer tells a token.
type Tokens struct {
	entries []tokenDigest
}

type tokenDigest struct {
	digest    [sha256.Size]byte
	principal Principal
}

// NewTokens checks the entries (a token of at least MinTokenLen
// characters, used once; a valid centre ID; a known role; a member e-mail
// for the jury role and only for it; a name for the other roles) and
// returns the list. Every problem is reported at once, by entry index
// ("[2].member_email").
func NewTokens(entries []TokenEntry) (*Tokens, error) {
	var fe tpsession.FieldErrors
	ts := &Tokens{entries: make([]tokenDigest, 0, len(entries))}
	seen := map[[sha256.Size]byte]int{}
	for i, e := range entries {
		field := func(name string) string { return fmt.Sprintf("[%d].%s", i, name) }
		if len(e.Token) < MinTokenLen {
			fe.Add(field("token"), "must have at least %d characters", MinTokenLen)
		}
		d := sha256.Sum256([]byte(e.Token))
		if j, dup := seen[d]; dup {
			fe.Add(field("token"), "repeats the token of entry %d", j)
		}
		seen[d] = i
		centre, err := tpsession.ParseCentreID(e.Centre)
		fe.AddErr(field("centre"), err)
		role, err := session.ParseRole(e.Role)
		fe.AddErr(field("role"), err)
		p := Principal{Centre: centre, Role: role, Name: strings.TrimSpace(e.Name)}
		switch {
		case role == session.RoleJury && e.MemberEmail == "":
			fe.Add(field("member_email"), "is required for the jury role")
		case role == session.RoleJury:
			email, err := tpsession.ParseEmail(e.MemberEmail)
			fe.AddErr(field("member_email"), err)
			p.MemberEmail = email
		case e.MemberEmail != "":
			fe.Add(field("member_email"), "is only for the jury role")
		}
		switch {
		case p.Name != "":
		case role == session.RoleJury:
			p.Name = p.MemberEmail
		case role != "":
			fe.Add(field("name"), "is required for the %s role: the event log records it as who acted", role)
		}
		ts.entries = append(ts.entries, tokenDigest{digest: d, principal: p})
	}
	if err := fe.Err(tpsession.ErrInvalidInput.Withf("the tokens are invalid")); err != nil {
		return nil, err
	}
	return ts, nil
}

// LoadTokens reads a JSON array of [TokenEntry] ({token, centre, role,
// member_email?, name}: member_email for the jury role only, name
// required for the others) and returns the list.
func LoadTokens(r io.Reader) (*Tokens, error) {
	dec := json.NewDecoder(io.LimitReader(r, maxFileBytes))
	dec.DisallowUnknownFields()
	var entries []TokenEntry
	if err := dec.Decode(&entries); err != nil {
		// The decoder's message may quote the file, tokens included.
		return nil, tpsession.ErrInvalidInput.Withf("the tokens file is not a JSON array of {token, centre, role, member_email?, name}")
	}
	return NewTokens(entries)
}

// LoadTokensFile reads a tokens file (see [LoadTokens]).
func LoadTokensFile(path string) (*Tokens, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadTokens(f)
}

// Lookup returns the principal the token stands for, or ErrUnknownToken.
// Its time does not depend on which entry matches, nor on whether one
// does.
func (ts *Tokens) Lookup(token string) (Principal, error) {
	d := sha256.Sum256([]byte(token))
	found := -1
	for i := range ts.entries {
		eq := subtle.ConstantTimeCompare(d[:], ts.entries[i].digest[:])
		found = subtle.ConstantTimeSelect(eq, i, found)
	}
	if found < 0 {
		return Principal{}, ErrUnknownToken
	}
	return ts.entries[found].principal, nil
}
