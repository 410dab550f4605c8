package exam

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Pending is what the procès-verbal still lacks for one candidate: a
// decision, or the signatures of some deliberating members.
type Pending struct {
	Candidate tpsession.CandidateID
	// Unsigned lists the members whose signature the decision awaits;
	// empty when the decision itself is missing.
	Unsigned []tpsession.MemberID
}

// Pending lists what the procès-verbal lacks, candidate by candidate in
// the order of f.Candidates: each registered candidate has a decision
// signed by every deliberating member, or is marked to be convened again
// by a PV de constatation.
func (r Record) Pending(f Facts) []Pending {
	var out []Pending
	for _, c := range f.Candidates {
		if _, ok := r.ToReconvene(c.ID); ok {
			continue
		}
		d, ok := r.Decision(c.ID)
		switch {
		case !ok:
			out = append(out, Pending{Candidate: c.ID})
		case !d.Signed():
			out = append(out, Pending{Candidate: c.ID, Unsigned: d.Unsigned()})
		}
	}
	return out
}

// describePending says what the procès-verbal lacks, in words.
func describePending(f Facts, ps []Pending) string {
	var parts []string
	for _, p := range ps {
		if len(p.Unsigned) == 0 {
			parts = append(parts, "no decision on "+f.candidateName(p.Candidate))
			continue
		}
		names := make([]string, len(p.Unsigned))
		for i, m := range p.Unsigned {
			names[i] = f.memberName(m)
		}
		parts = append(parts, fmt.Sprintf("the decision on %s awaits the signature of %s", f.candidateName(p.Candidate), strings.Join(names, ", ")))
	}
	return strings.Join(parts, "; ")
}

// Close closes the procès-verbal once nothing is pending: every registered
// candidate has a decision signed by every deliberating member, or is to
// be convened again (ErrPVIncomplete otherwise). From then on its
// decisions, signatures, attendance and incidents are final. Closing a
// closed procès-verbal is ErrPVClosed.
func (r *Record) Close(f Facts) error {
	if err := r.checkOpen("it"); err != nil {
		return err
	}
	if ps := r.Pending(f); len(ps) > 0 {
		return ErrPVIncomplete.Withf("the procès-verbal closes when every member has signed: %s", describePending(f, ps))
	}
	r.ClosedAt = f.Now.At
	return nil
}

// Amendment is a correction of a decision after the procès-verbal closed:
// the decision it makes instead, why, proposed by a member who deliberated
// and signed by every member who did. It takes effect once they have all
// signed; the decision it corrects stays as it was, and so do earlier
// amendments.
type Amendment struct {
	// Number numbers the amendments of a candidate's decision from 1.
	Number    int
	Candidate tpsession.CandidateID
	Outcome   Outcome
	CCPs      []CCPResult
	Basis     Basis
	Reasons   string
	// Reason says why the decision is corrected.
	Reason       string
	ProposedBy   tpsession.MemberID
	At           time.Time
	Deliberators []tpsession.MemberID
	Signatures   []Signature
}

func (a Amendment) clone() Amendment {
	a.CCPs = slices.Clone(a.CCPs)
	a.Basis.Sittings = slices.Clone(a.Basis.Sittings)
	a.Deliberators = slices.Clone(a.Deliberators)
	a.Signatures = slices.Clone(a.Signatures)
	return a
}

// Effective reports whether every deliberating member signed the
// amendment.
func (a Amendment) Effective() bool { return len(unsigned(a.Deliberators, a.Signatures)) == 0 }

// Unsigned returns the members whose signature the amendment awaits.
func (a Amendment) Unsigned() []tpsession.MemberID { return unsigned(a.Deliberators, a.Signatures) }

// AmendmentInput is the outside form of an amendment: the decision's
// fields and {reason}.
type AmendmentInput struct {
	DecisionInput
	Reason string
}

// AmendmentsOf returns the amendments of candidate c's decision, in order.
func (r Record) AmendmentsOf(c tpsession.CandidateID) []Amendment {
	var out []Amendment
	for _, a := range r.Amendments {
		if a.Candidate == c {
			out = append(out, a.clone())
		}
	}
	return out
}

// Amend records an amendment of candidate c's decision, proposed by member
// m, who deliberated on it (ErrNotDeliberating), once the procès-verbal is
// closed (ErrPVNotClosed: before, the decision is recorded again) and
// until the administration validates the results (ErrValidated). The
// amendment states its reason, changes the decision, and waits for no
// other (ErrAmendmentPending); it is checked as a decision is, on the same
// attendance.
func (r *Record) Amend(f Facts, m tpsession.MemberID, c tpsession.CandidateID, in AmendmentInput) (Amendment, error) {
	if m == "" {
		return Amendment{}, ErrNotAJuryMember.Withf("only a jury member amends a decision")
	}
	cand, ok := f.candidate(c)
	if !ok {
		return Amendment{}, ErrNotRegistered.Withf("candidate %s is not registered to the session", c)
	}
	var d Decision
	err := parseDecision(f, cand, in.DecisionInput, &d)
	var fe tpsession.FieldErrors
	if err != nil {
		fe.Merge("", err)
	}
	reason := fe.Note("reason", in.Reason, maxNoteLen)
	if reason == "" && !slices.ContainsFunc(fe, func(e tpsession.FieldError) bool { return e.Field == "reason" }) {
		fe.Add("reason", "is required: say why the decision is corrected")
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Amendment{}, err
	}
	if !r.Closed() {
		return Amendment{}, ErrPVNotClosed.Withf("the procès-verbal is not closed: record the decision on %s again instead", cand.Name())
	}
	if r.Validated() {
		return Amendment{}, ErrValidated.Withf("the administration validated the results on %s: a correction is now the administration's", r.Validation.On)
	}
	orig, ok := r.Decision(c)
	if !ok {
		return Amendment{}, ErrDecisionNotFound.Withf("the jury recorded no decision on %s", cand.Name())
	}
	if !slices.Contains(orig.Deliberators, m) {
		return Amendment{}, ErrNotDeliberating.Withf("%s did not deliberate on %s: the members who did amend their decision", f.memberName(m), cand.Name())
	}
	prior := r.AmendmentsOf(c)
	if n := len(prior); n > 0 && !prior[n-1].Effective() {
		return Amendment{}, ErrAmendmentPending.Withf("amendment %d of the decision on %s awaits its signatures", prior[n-1].Number, cand.Name())
	}
	d.Basis.Sittings, d.Basis.EntretienFinal = orig.Basis.Sittings, orig.Basis.EntretienFinal
	if err := checkGrounds(f, cand, &d); err != nil {
		return Amendment{}, err
	}
	cur := r.Current(c)
	if cur.Outcome == d.Outcome && slices.Equal(cur.CCPs, d.CCPs) && cur.Basis.DossierProfessionnel == d.Basis.DossierProfessionnel && cur.Basis.ECF == d.Basis.ECF {
		return Amendment{}, ErrInvalidInput.Withf("the amendment decides what the decision on %s already does", cand.Name())
	}
	a := Amendment{Number: len(prior) + 1, Candidate: c, Outcome: d.Outcome, CCPs: d.CCPs, Basis: d.Basis, Reasons: d.Reasons,
		Reason: reason, ProposedBy: m, At: f.Now.At, Deliberators: slices.Clone(orig.Deliberators)}
	r.Amendments = append(r.Amendments, a)
	return a.clone(), nil
}

// SignAmendment records member m's signature of amendment number of
// candidate c's decision: one who deliberated on the decision, once, until
// the results are validated.
func (r *Record) SignAmendment(f Facts, m tpsession.MemberID, c tpsession.CandidateID, number int) (Amendment, error) {
	if m == "" {
		return Amendment{}, ErrNotAJuryMember.Withf("only a jury member signs an amendment")
	}
	i := slices.IndexFunc(r.Amendments, func(a Amendment) bool { return a.Candidate == c && a.Number == number })
	if i < 0 {
		return Amendment{}, ErrAmendmentNotFound.Withf("the decision on %s has no amendment %d", f.candidateName(c), number)
	}
	if r.Validated() {
		return Amendment{}, ErrValidated.Withf("the administration validated the results on %s", r.Validation.On)
	}
	a := &r.Amendments[i]
	if !slices.Contains(a.Deliberators, m) {
		return Amendment{}, ErrNotDeliberating.Withf("%s did not deliberate on %s", f.memberName(m), f.candidateName(c))
	}
	if j := slices.IndexFunc(a.Signatures, func(s Signature) bool { return s.Member == m }); j >= 0 {
		return Amendment{}, ErrAlreadyRecorded.Withf("%s signed amendment %d at %s", f.memberName(m), number, a.Signatures[j].At.In(f.Now.loc()).Format(time.RFC3339))
	}
	a.Signatures = append(a.Signatures, Signature{Member: m, At: f.Now.At})
	return a.clone(), nil
}

// Final is a candidate's decision as it stands: the decision, or its last
// effective amendment.
type Final struct {
	Candidate tpsession.CandidateID
	Outcome   Outcome
	CCPs      []CCPResult
	Basis     Basis
	Reasons   string
	// Day is the day of the deliberation.
	Day date.Date
	// Amendment numbers the amendment in force, 0 for none.
	Amendment int
}

// Acquired returns the codes of the CCPs acquired.
func (d Final) Acquired() []string { return acquired(d.CCPs) }

// Current returns candidate c's decision as it stands; the zero Final when
// there is none.
func (r Record) Current(c tpsession.CandidateID) Final {
	d, ok := r.Decision(c)
	if !ok {
		return Final{}
	}
	out := Final{Candidate: c, Outcome: d.Outcome, CCPs: d.CCPs, Basis: d.Basis, Reasons: d.Reasons, Day: d.Day}
	for _, a := range r.AmendmentsOf(c) {
		if a.Effective() {
			out.Outcome, out.CCPs, out.Basis, out.Reasons, out.Amendment = a.Outcome, a.CCPs, a.Basis, a.Reasons, a.Number
		}
	}
	return out
}

// Finals returns the decisions as they stand, in the order of the
// decisions.
func (r Record) Finals() []Final {
	out := make([]Final, 0, len(r.Decisions))
	for _, d := range r.Decisions {
		out = append(out, r.Current(d.Candidate))
	}
	return out
}
