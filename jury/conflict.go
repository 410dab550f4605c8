package jury

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Candidate is what the jury rules need to know of a candidate registered
// to the session. The candidate package owns candidates; the session
// service builds this value from a candidate's record.
type Candidate struct {
	ID   tpsession.CandidateID
	Name string
	// HostCompanies are the SIRETs of the establishments that hosted the
	// candidate (internship, work-study, période en entreprise).
	HostCompanies []tpsession.SIRET
}

// label names the candidate in a message: by name, or by ID when the name
// is not known.
func (c Candidate) label() string {
	if c.Name != "" {
		return c.Name
	}
	return string(c.ID)
}

// ConflictReason is why a member may not evaluate a candidate.
type ConflictReason string

// The reasons of a conflict of interest (docs/rules.md#conflicts-of-interest). They count the
// same: any of them keeps the member from evaluating that candidate, and
// only that candidate.
const (
	// ReasonHosted: the member hosted the candidate in their company
	// (docs/rules.md#conflicts-of-interest: "un membre de jury ayant accueilli
	// un candidat au sein de son
	// entreprise ne peut pas l'évaluer").
	ReasonHosted ConflictReason = "hosted"
	// ReasonTrained: the member trained or coached the candidate (arrêté du
	// 8 décembre 2008, historical; arrêté du 25 mai 2020).
	ReasonTrained ConflictReason = "trained"
	// ReasonEmployer: the member works or worked in the candidate's company
	// or organisation (arrêté du 8 décembre 2008, historical). The centre
	// declares it, when relevant, for a member employed by another
	// establishment of the company that hosted the candidate: conflicts
	// are found from SIRET numbers by establishment only (FindConflicts).
	ReasonEmployer ConflictReason = "employer"
	// ReasonPersonal: the member knows the candidate personally (DREETS
	// ethics charter of jury members).
	ReasonPersonal ConflictReason = "personal"
	// ReasonOther: any other link likely to influence the member's judgment.
	ReasonOther ConflictReason = "other"
)

// ConflictReasons lists the reasons, in a stable order.
var ConflictReasons = []ConflictReason{ReasonHosted, ReasonTrained, ReasonEmployer, ReasonPersonal, ReasonOther}

// ParseConflictReason parses one of the ConflictReasons.
func ParseConflictReason(s string) (ConflictReason, error) {
	if r := ConflictReason(s); slices.Contains(ConflictReasons, r) {
		return r, nil
	}
	return "", ErrInvalidConflict.Withf("unknown reason %q: expected hosted, trained, employer, personal or other", tpsession.Truncate(s, 40))
}

// DeclaredConflict is a conflict of interest the centre declared between a
// member and a candidate of a session, in addition to those found from
// SIRET numbers.
type DeclaredConflict struct {
	Member     tpsession.MemberID
	Candidate  tpsession.CandidateID
	Reason     ConflictReason
	Note       string // optional
	DeclaredOn date.Date
}

// DeclaredConflictInput is a declaration as entered, fields named as in the
// HTTP contract.
type DeclaredConflictInput struct {
	MemberID    string
	CandidateID string
	Reason      string
	Note        string
}

// NewDeclaredConflict parses in into a conflict declared on declaredOn.
// Every bad field is reported at once in an ErrInvalidConflict.
func NewDeclaredConflict(in DeclaredConflictInput, declaredOn date.Date) (DeclaredConflict, error) {
	var fe tpsession.FieldErrors
	member, err := tpsession.ParseMemberID(in.MemberID)
	fe.AddErr("member_id", err)
	candidate, err := tpsession.ParseCandidateID(in.CandidateID)
	fe.AddErr("candidate_id", err)
	reason, err := ParseConflictReason(in.Reason)
	fe.AddErr("reason", err)
	note := fe.Note("note", in.Note, maxNoteLen)
	if err := fe.Err(ErrInvalidConflict); err != nil {
		return DeclaredConflict{}, err
	}
	return DeclaredConflict{Member: member, Candidate: candidate, Reason: reason, Note: note, DeclaredOn: declaredOn}, nil
}

// Conflict is one reason why a member may not evaluate a candidate: found
// from SIRET numbers, or declared.
type Conflict struct {
	Member    tpsession.MemberID
	Candidate tpsession.CandidateID
	Reason    ConflictReason
	// HostCompanies holds, for a conflict found from SIRET numbers, the
	// candidate's host company that employs the member; empty for a
	// declared conflict.
	HostCompanies []tpsession.SIRET
	Note          string
	Declared      bool
}

// String describes the conflict for a user.
func (c Conflict) String() string {
	if !c.Declared {
		sirets := make([]string, len(c.HostCompanies))
		for i, s := range c.HostCompanies {
			sirets[i] = s.Format()
		}
		return fmt.Sprintf("member %s is employed by the establishment that hosted candidate %s (SIRET %s)",
			c.Member, c.Candidate, strings.Join(sirets, ", "))
	}
	s := fmt.Sprintf("member %s has a declared conflict (%s) with candidate %s", c.Member, c.Reason, c.Candidate)
	if c.Note != "" {
		s += ": " + c.Note
	}
	return s
}

// FindConflicts returns every reason member m may not evaluate candidate c:
// first a conflict found from SIRET numbers, then the conflicts declared on
// the pair, in declared's order. An empty result means m may evaluate c.
//
// A member conflicts by SIRET with a candidate when their employer's SIRET
// is one of the candidate's host companies' SIRETs: the establishment that
// employs the member hosted the candidate (docs/rules.md#conflicts-of-interest:
// "un membre de jury ayant
// accueilli un candidat au sein de son entreprise ne peut pas l'évaluer").
// Establishments are compared, not companies (SIREN): a company with many
// establishments (a bank, La Poste) would otherwise keep each of its
// employees from evaluating every candidate hosted anywhere in it, and
// could leave no assignment at all. A member employed by another
// establishment of the host company is declared by the centre, with
// ReasonEmployer, when the link is real. A member without an employer
// never conflicts by SIRET.
func FindConflicts(m Member, c Candidate, declared []DeclaredConflict) []Conflict {
	var out []Conflict
	if hosts := hostedBy(m, c); len(hosts) > 0 {
		out = append(out, Conflict{Member: m.ID, Candidate: c.ID, Reason: ReasonHosted, HostCompanies: hosts})
	}
	for _, d := range declared {
		if d.Member == m.ID && d.Candidate == c.ID {
			out = append(out, Conflict{Member: m.ID, Candidate: c.ID, Reason: d.Reason, Note: d.Note, Declared: true})
		}
	}
	return out
}

// hostedBy returns the candidate's host company that is the member's
// employer, or nil.
func hostedBy(m Member, c Candidate) []tpsession.SIRET {
	if !m.Employed() || !slices.Contains(c.HostCompanies, m.Employer) {
		return nil
	}
	return []tpsession.SIRET{m.Employer}
}
