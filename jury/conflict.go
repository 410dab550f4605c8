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
	// Trainers are the e-mail addresses, in lower case, of the people who
	// trained or coached the candidate: a member with one of them trained
	// the candidate.
	Trainers []string
	// TrainingOrganisations are the SIRETs of the organisations that
	// trained the candidate.
	TrainingOrganisations []tpsession.SIRET
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
	// or organisation, or the candidate trained in the member's (arrêté du
	// 8 décembre 2008, historical). It is found for a member employed by an
	// organisation that trained the candidate under the stricter reading
	// (TrainingOrganisation), and declared by the centre otherwise.
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

// CompanyReading says which establishments are the member's "entreprise"
// when the leaflet keeps a member from evaluating a candidate hosted "au
// sein de son entreprise" (docs/rules.md#conflicts-of-interest).
type CompanyReading string

// The readings of "the same company".
const (
	// SameCompany (the default): every establishment of the member's
	// company, those sharing its SIREN. The leaflet speaks of the
	// entreprise, and the 2008 règlement général of "la même entreprise ou
	// organisme" (abrogated).
	SameCompany CompanyReading = "company"
	// SameEstablishment (looser): only the member's own establishment, by
	// SIRET. A centre that takes it declares the other links with
	// ReasonEmployer; a company with many establishments (a bank, La Poste)
	// then does not keep each of its employees from evaluating every
	// candidate hosted anywhere in it.
	SameEstablishment CompanyReading = "establishment"
)

// TrainingReading says which training links keep a member from evaluating
// a candidate.
type TrainingReading string

// The readings of the training link.
const (
	// TrainerExcluded (the default): a member the candidate records among
	// their trainers may not evaluate them. The 2008 règlement général
	// barred a trainer who trained or coached the candidate (abrogated), and
	// the 2020 arrêté any pedagogical link (expired); the current règlement
	// could not be read.
	TrainerExcluded TrainingReading = "trainer"
	// TrainingOrganisation (stricter): a member employed by an organisation
	// that trained the candidate is excluded too, the company compared as
	// CompanyReading says — the 2008 text's "ou y a suivi une formation".
	TrainingOrganisation TrainingReading = "organisation"
	// TrainingDeclaredOnly (looser): only conflicts the centre declares
	// count, as for a centre that applies the leaflet's rule alone (the
	// hosted candidate), the only one current sources confirm.
	TrainingDeclaredOnly TrainingReading = "declared"
)

// ConflictRules is how a centre reads the conflicts of interest found from
// the facts it records (docs/rules.md#conflicts-by-company-and-by-training).
// The zero value is the default: SameCompany and TrainerExcluded.
type ConflictRules struct {
	Company  CompanyReading
	Training TrainingReading
}

// ErrInvalidConflictRules reports a reading that does not exist.
var ErrInvalidConflictRules = tpsession.NewError(tpsession.Invalid, "jury.conflict_rules_invalid", "the conflict rules are invalid")

// Check reports an unknown reading.
func (r ConflictRules) Check() error {
	var fe tpsession.FieldErrors
	switch r.Company {
	case "", SameCompany, SameEstablishment:
	default:
		fe.Add("company", "must be %q or %q, got %q", SameCompany, SameEstablishment, tpsession.Truncate(string(r.Company), 40))
	}
	switch r.Training {
	case "", TrainerExcluded, TrainingOrganisation, TrainingDeclaredOnly:
	default:
		fe.Add("training", "must be %q, %q or %q, got %q", TrainerExcluded, TrainingOrganisation, TrainingDeclaredOnly, tpsession.Truncate(string(r.Training), 40))
	}
	return fe.Err(ErrInvalidConflictRules)
}

// sameCompany reports whether the establishments a and b are one company
// under the reading.
func (r ConflictRules) sameCompany(a, b tpsession.SIRET) bool {
	if r.Company == SameEstablishment {
		return a == b
	}
	return a.SIREN() == b.SIREN()
}

// Conflict is one reason why a member may not evaluate a candidate: found
// from SIRET numbers, or declared.
type Conflict struct {
	Member    tpsession.MemberID
	Candidate tpsession.CandidateID
	Reason    ConflictReason
	// HostCompanies holds, for a conflict found from SIRET numbers, the
	// candidate's host companies (or, for ReasonEmployer, training
	// organisations) of the member's company; empty otherwise.
	HostCompanies []tpsession.SIRET
	// Note is the declaration's note, or for a conflict found from the
	// candidate's trainers what was found.
	Note     string
	Declared bool
}

// String describes the conflict for a user.
func (c Conflict) String() string {
	sirets := c.sirets()
	switch {
	case c.Declared:
	case c.Reason == ReasonHosted:
		return fmt.Sprintf("member %s is employed by the company that hosted candidate %s (SIRET %s)",
			c.Member, c.Candidate, strings.Join(sirets, ", "))
	case c.Reason == ReasonEmployer:
		return fmt.Sprintf("member %s is employed by the organisation that trained candidate %s (SIRET %s)",
			c.Member, c.Candidate, strings.Join(sirets, ", "))
	default:
		return fmt.Sprintf("member %s trained candidate %s: %s", c.Member, c.Candidate, c.Note)
	}
	s := fmt.Sprintf("member %s has a declared conflict (%s) with candidate %s", c.Member, c.Reason, c.Candidate)
	if c.Note != "" {
		s += ": " + c.Note
	}
	return s
}

// sirets formats the conflict's companies for a message.
func (c Conflict) sirets() []string {
	out := make([]string, len(c.HostCompanies))
	for i, s := range c.HostCompanies {
		out[i] = s.Format()
	}
	return out
}

// short says why the conflict keeps its member from evaluating the
// candidate, for a message that already names both.
func (c Conflict) short() string {
	sirets := c.sirets()
	switch {
	case c.Declared:
		return fmt.Sprintf("declared: %s", c.Reason)
	case c.Reason == ReasonHosted:
		return "employed in the company that hosted the candidate, SIRET " + strings.Join(sirets, ", ")
	case c.Reason == ReasonEmployer:
		return "employed in an organisation that trained the candidate, SIRET " + strings.Join(sirets, ", ")
	default:
		return "trained the candidate"
	}
}

// FindConflicts returns every reason member m may not evaluate candidate c
// under rules: first the conflicts found from the facts recorded, then the
// conflicts declared on the pair, in declared's order. An empty result
// means m may evaluate c.
//
// Found from the facts:
//
//   - hosted: the member's employer is in the company of one of the
//     candidate's host companies — the same SIREN, or with
//     SameEstablishment the same SIRET (docs/rules.md#conflicts-of-interest:
//     "un membre de jury ayant accueilli un candidat au sein de son
//     entreprise ne peut pas l'évaluer");
//   - trained: the candidate records the member's e-mail address among
//     their trainers (unless TrainingDeclaredOnly);
//   - employer: with TrainingOrganisation, the member's employer is in the
//     company of an organisation that trained the candidate.
//
// A member without an employer never conflicts by SIRET.
func FindConflicts(m Member, c Candidate, declared []DeclaredConflict, rules ConflictRules) []Conflict {
	out := found(m, c, rules)
	for _, d := range declared {
		if d.Member == m.ID && d.Candidate == c.ID {
			out = append(out, Conflict{Member: m.ID, Candidate: c.ID, Reason: d.Reason, Note: d.Note, Declared: true})
		}
	}
	return out
}

// found returns the conflicts found from the facts recorded.
func found(m Member, c Candidate, rules ConflictRules) []Conflict {
	var out []Conflict
	if hosts := rules.companies(m, c.HostCompanies); len(hosts) > 0 {
		out = append(out, Conflict{Member: m.ID, Candidate: c.ID, Reason: ReasonHosted, HostCompanies: hosts})
	}
	if rules.Training != TrainingDeclaredOnly && m.Email != "" && slices.Contains(c.Trainers, m.Email) {
		out = append(out, Conflict{Member: m.ID, Candidate: c.ID, Reason: ReasonTrained,
			Note: fmt.Sprintf("the candidate records %s among their trainers", m.Email)})
	}
	if rules.Training == TrainingOrganisation {
		if orgs := rules.companies(m, c.TrainingOrganisations); len(orgs) > 0 {
			out = append(out, Conflict{Member: m.ID, Candidate: c.ID, Reason: ReasonEmployer, HostCompanies: orgs})
		}
	}
	return out
}

// conflicting reports whether m may not evaluate c from the facts alone.
func (r ConflictRules) conflicting(m Member, c Candidate) bool { return len(found(m, c, r)) > 0 }

// companies returns the establishments among sirets in the company of the
// member's employer, nil for a member without one.
func (r ConflictRules) companies(m Member, sirets []tpsession.SIRET) []tpsession.SIRET {
	if !m.Employed() {
		return nil
	}
	var out []tpsession.SIRET
	for _, s := range sirets {
		if r.sameCompany(m.Employer, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
