package exam

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Outcome is what the jury decides for a candidate (arrêté du 22 décembre
// 2015, art. 10): the title, CCP or CCS obtained; partial success, the
// CCPs acquired, in a session titre; failure; absence. There is no numeric
// mark.
type Outcome string

// The outcomes.
const (
	Obtained       Outcome = "obtained"
	PartialSuccess Outcome = "partial_success"
	Failed         Outcome = "failed"
	AbsentOutcome  Outcome = "absent"
)

// Outcomes lists the outcomes, in a stable order.
var Outcomes = []Outcome{Obtained, PartialSuccess, Failed, AbsentOutcome}

// CCPResult is the jury's decision on one CCP: acquired or not.
type CCPResult struct {
	Code     string
	Acquired bool
}

// Basis is what the jury had before it: the sittings the candidate sat
// (with the entretien final of a session titre), their dossier
// professionnel and, for a training route, the results of their
// évaluations en cours de formation (ECF) (arrêté du 22 décembre 2015,
// art. 8).
type Basis struct {
	Sittings             []string
	EntretienFinal       bool
	DossierProfessionnel bool
	ECF                  bool
}

// Signature is a jury member's signature of a decision or an amendment.
type Signature struct {
	Member tpsession.MemberID
	At     time.Time
}

// Decision is the jury's decision on one candidate: the outcome and each
// CCP acquired or not, on what basis, by which members — those of the
// candidate's panel present that day and without conflict with them, at
// least the quorum — and each one's signature.
type Decision struct {
	Candidate tpsession.CandidateID
	Outcome   Outcome
	CCPs      []CCPResult
	Basis     Basis
	// Reasons are the jury's reasons, as a fiche individuelle de résultats
	// states them; optional.
	Reasons      string
	Day          date.Date
	RecordedBy   tpsession.MemberID
	RecordedAt   time.Time
	Deliberators []tpsession.MemberID
	Signatures   []Signature
}

func (d Decision) clone() Decision {
	d.CCPs = slices.Clone(d.CCPs)
	d.Basis.Sittings = slices.Clone(d.Basis.Sittings)
	d.Deliberators = slices.Clone(d.Deliberators)
	d.Signatures = slices.Clone(d.Signatures)
	return d
}

// Acquired returns the codes of the CCPs acquired.
func (d Decision) Acquired() []string { return acquired(d.CCPs) }

func acquired(ccps []CCPResult) []string {
	var out []string
	for _, c := range ccps {
		if c.Acquired {
			out = append(out, c.Code)
		}
	}
	return out
}

// Signed reports whether every deliberating member signed.
func (d Decision) Signed() bool { return len(unsigned(d.Deliberators, d.Signatures)) == 0 }

// Unsigned returns the deliberating members who have not signed yet.
func (d Decision) Unsigned() []tpsession.MemberID { return unsigned(d.Deliberators, d.Signatures) }

func unsigned(members []tpsession.MemberID, sigs []Signature) []tpsession.MemberID {
	var out []tpsession.MemberID
	for _, m := range members {
		if !slices.ContainsFunc(sigs, func(s Signature) bool { return s.Member == m }) {
			out = append(out, m)
		}
	}
	return out
}

// DecisionInput is the outside form of a decision: {outcome, ccps: [{code,
// acquired}], dossier_professionnel, ecf, reasons}. dossier_professionnel
// and ecf say whether the jury had the candidate's dossier professionnel
// and ECF results before it; the sittings sat come from the attendance.
type DecisionInput struct {
	Outcome              string
	CCPs                 []CCPResultInput
	DossierProfessionnel bool
	ECF                  bool
	Reasons              string
}

// CCPResultInput is the outside form of a CCPResult: {code, acquired}.
type CCPResultInput struct {
	Code     string
	Acquired bool
}

// Panel is the candidate's panel split on day: the members present without
// conflict, who deliberate; those absent or whose presence is not
// recorded; those in conflict with the candidate.
type Panel struct {
	Deliberators, Absent, Conflicted []tpsession.MemberID
}

// PanelOn returns candidate c's panel split on day.
func (r Record) PanelOn(c Candidate, day date.Date) Panel {
	var p Panel
	for _, m := range c.Panel {
		switch {
		case slices.Contains(c.Conflicted, m):
			p.Conflicted = append(p.Conflicted, m)
		case !r.present(m, day):
			p.Absent = append(p.Absent, m)
		default:
			p.Deliberators = append(p.Deliberators, m)
		}
	}
	return p
}

// whyNot says why member m does not deliberate on c on day.
func (r Record) whyNot(f Facts, c Candidate, m tpsession.MemberID, day date.Date) error {
	switch {
	case !slices.Contains(c.Panel, m):
		return ErrNotDeliberating.Withf("%s is not on the panel of %s", f.memberName(m), c.Name())
	case slices.Contains(c.Conflicted, m):
		return ErrNotDeliberating.Withf("%s has a conflict of interest with %s and may not deliberate on them", f.memberName(m), c.Name())
	case !r.present(m, day):
		return ErrNotDeliberating.Withf("%s is not recorded present on %s: an absent member does not deliberate", f.memberName(m), day)
	}
	return nil
}

// Decide records the jury's decision on candidate c, made today by member
// m of the candidate's panel, or replaces it before the procès-verbal
// closes (the signatures given to the decision replaced are cleared). The
// rules (docs/rules.md#deliberation, docs/rules.md#jury-quorum):
//
//   - the jury deliberates on a day of the session; m is on the candidate's
//     panel, present that day and without conflict with the candidate
//     (ErrNotDeliberating), and so are at least the quorum of members, two
//     by default (ErrNoQuorum); the deliberating members are all of them;
//   - a candidate the PV de constatation marked to be convened again gets
//     no decision (ErrToReconvene);
//   - the candidate's attendance is recorded at every sitting of theirs
//     (ErrAttendanceIncomplete); one who sat none is absent, and one who
//     sat any is not (ErrOutcomeMismatch);
//   - the outcome follows from the CCPs: in a session titre, obtained with
//     every CCP acquired, partial success with some (or, stating its
//     reasons, every CCP acquired with the title refused), failure with
//     none; a CCP session gives obtained with the CCPs acquired, or failure;
//     a CCS session has no CCP (ErrInvalidInput);
//   - the jury acquires a CCP, or awards a CCS, only with the dossier
//     professionnel before it and, for a training route, the ECF results;
//     the title only after the entretien final (ErrBasisMissing).
func (r *Record) Decide(f Facts, m tpsession.MemberID, c tpsession.CandidateID, in DecisionInput) (Decision, error) {
	if m == "" {
		return Decision{}, ErrNotAJuryMember.Withf("only a jury member records a decision")
	}
	cand, ok := f.candidate(c)
	if !ok {
		return Decision{}, ErrNotRegistered.Withf("candidate %s is not registered to the session", c)
	}
	d := Decision{Candidate: c, Day: f.Now.Today, RecordedBy: m, RecordedAt: f.Now.At}
	if err := parseDecision(f, cand, in, &d); err != nil {
		return Decision{}, err
	}
	if err := r.checkOpen("its decisions"); err != nil {
		return Decision{}, err
	}
	if k, ok := r.ToReconvene(c); ok {
		return Decision{}, ErrToReconvene.Withf("the PV de constatation of %s marked %s to be convened again: the jury could not deliberate on them", k.Day, cand.Name())
	}
	if !f.Session.Days.Contains(d.Day) {
		return Decision{}, ErrOutsideSession.Withf("the jury deliberates during the session, from %s to %s, not on %s", f.Session.Days.From, f.Session.Days.Until, d.Day)
	}
	if err := r.whyNot(f, cand, m, d.Day); err != nil {
		return Decision{}, err
	}
	panel := r.PanelOn(cand, d.Day)
	if q := f.Rules.quorum(); len(panel.Deliberators) < q {
		return Decision{}, r.noQuorum(f, cand, panel, d.Day, q)
	}
	d.Deliberators = panel.Deliberators
	if err := r.checkBasis(f, cand, &d); err != nil {
		return Decision{}, err
	}
	if i := r.decisionIndex(c); i >= 0 {
		r.Decisions[i] = d
	} else {
		r.Decisions = append(r.Decisions, d)
	}
	return d.clone(), nil
}

// noQuorum is the refusal of a deliberation without quorum, with the
// facts.
func (r Record) noQuorum(f Facts, c Candidate, p Panel, day date.Date, q int) error {
	names := func(ms []tpsession.MemberID) string {
		if len(ms) == 0 {
			return "none"
		}
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = f.memberName(m)
		}
		return strings.Join(out, ", ")
	}
	return ErrNoQuorum.Withf("on %s, %d member(s) of the panel of %s are present without conflict (%s), fewer than %d: absent %s; in conflict %s. The jury cannot validly deliberate: the responsable de session draws up a PV de constatation",
		day, len(p.Deliberators), c.Name(), names(p.Deliberators), q, names(p.Absent), names(p.Conflicted))
}

// parseDecision parses the input into d, checking what it says on its own
// and against the session's kind and the candidate's CCPs.
func parseDecision(f Facts, c Candidate, in DecisionInput, d *Decision) error {
	var fe tpsession.FieldErrors
	switch {
	case in.Outcome == "":
		fe.Add("outcome", "is required")
	case !slices.Contains(Outcomes, Outcome(in.Outcome)):
		fe.Add("outcome", "must be obtained, partial_success, failed or absent, got %q", tpsession.Truncate(in.Outcome, 40))
	default:
		d.Outcome = Outcome(in.Outcome)
	}
	d.Reasons = fe.Note("reasons", in.Reasons, maxNoteLen)
	d.Basis.DossierProfessionnel = in.DossierProfessionnel
	d.Basis.ECF = in.ECF
	if in.ECF && !c.Training {
		fe.Add("ecf", "%s is a VAE candidate: the ECF results are those of a training route", c.Name())
	}
	d.CCPs = ccpResults(&fe, f, c, in.CCPs, d.Outcome != AbsentOutcome)
	if d.Outcome != "" {
		checkOutcome(&fe, f.Session.Kind, d)
	}
	return fe.Err(ErrInvalidInput)
}

// ccpResults parses the results of the CCPs: for a CCS session none; else
// each CCP once, among those the candidate is evaluated on when they are
// known, and, when complete is set, all of them.
func ccpResults(fe *tpsession.FieldErrors, f Facts, c Candidate, in []CCPResultInput, complete bool) []CCPResult {
	if f.Session.Kind == tpsession.KindCCS {
		if len(in) > 0 {
			fe.Add("ccps", "a CCS session decides on the CCS, not on CCPs")
		}
		return nil
	}
	if len(in) > maxCCPs {
		fe.Add("ccps", "must list at most %d CCPs, got %d", maxCCPs, len(in))
		return nil
	}
	var out []CCPResult
	for i, r := range in {
		field := fmt.Sprintf("ccps[%d].code", i)
		code := fe.Text(field, r.Code, maxKeyLen, true)
		switch {
		case code == "":
		case slices.ContainsFunc(out, func(o CCPResult) bool { return o.Code == code }):
			fe.Add(field, "repeats %s", code)
		case c.CCPs != nil && !slices.Contains(c.CCPs, code):
			fe.Add(field, "%s is not evaluated here: the jury decides on %s", code, strings.Join(c.CCPs, ", "))
		}
		out = append(out, CCPResult{Code: code, Acquired: r.Acquired})
	}
	if !complete {
		return out
	}
	for _, code := range c.CCPs {
		if !slices.ContainsFunc(out, func(o CCPResult) bool { return o.Code == code }) {
			fe.Add("ccps", "must give the result of %s", code)
		}
	}
	if c.CCPs == nil && len(out) == 0 {
		fe.Add("ccps", "must give the result of each CCP the candidate is evaluated on")
	}
	return out
}

// maxCCPs bounds the CCPs of a decision: a title has a handful.
const maxCCPs = 20

// checkOutcome records what the CCPs say against the outcome.
func checkOutcome(fe *tpsession.FieldErrors, kind tpsession.SessionKind, d *Decision) {
	n, all := len(d.Acquired()), len(d.CCPs)
	switch d.Outcome {
	case AbsentOutcome:
		if n > 0 {
			fe.Add("ccps", "an absent candidate acquires nothing")
		}
		return
	case PartialSuccess:
		if kind != tpsession.KindTitre {
			fe.Add("outcome", "partial success is the outcome of a session titre, not of a %s session", kind)
		}
	}
	switch kind {
	case tpsession.KindTitre:
		switch {
		case d.Outcome == Obtained && n < all:
			fe.Add("outcome", "the title is obtained with every CCP acquired: %s is not", strings.Join(missing(d.CCPs), ", "))
		case d.Outcome == PartialSuccess && n == 0:
			fe.Add("outcome", "a partial success acquires at least one CCP")
		case d.Outcome == PartialSuccess && n == all && d.Reasons == "":
			fe.Add("reasons", "every CCP is acquired and the title refused: state the jury's reasons")
		case d.Outcome == Failed && n > 0:
			fe.Add("outcome", "a failure acquires no CCP; with %s acquired it is a partial success", strings.Join(d.Acquired(), ", "))
		}
	case tpsession.KindCCP:
		switch {
		case d.Outcome == Obtained && n == 0:
			fe.Add("outcome", "a CCP session is obtained with at least one of its CCPs acquired")
		case d.Outcome == Failed && n > 0:
			fe.Add("outcome", "a failure acquires no CCP; with %s acquired it is obtained", strings.Join(d.Acquired(), ", "))
		}
	}
}

func missing(ccps []CCPResult) []string {
	var out []string
	for _, c := range ccps {
		if !c.Acquired {
			out = append(out, c.Code)
		}
	}
	return out
}

// checkBasis fills the decision's basis from the attendance and refuses
// what it does not support.
func (r Record) checkBasis(f Facts, c Candidate, d *Decision) error {
	sittings := r.SittingsOf(c.ID)
	if len(sittings) == 0 {
		return ErrAttendanceIncomplete.Withf("%s sits no sitting of the record: record the sittings and the attendance first", c.Name())
	}
	var unrecorded []string
	d.Basis.Sittings, d.Basis.EntretienFinal = nil, false
	for _, s := range sittings {
		a, ok := r.AttendanceOf(s.Key, c.ID)
		switch {
		case !ok:
			unrecorded = append(unrecorded, s.Key)
		case a.Status.Sat():
			d.Basis.Sittings = append(d.Basis.Sittings, s.Key)
			d.Basis.EntretienFinal = d.Basis.EntretienFinal || s.Final
		}
	}
	if len(unrecorded) > 0 {
		return ErrAttendanceIncomplete.Withf("the attendance of %s is not recorded at %s: the jury decides once it is", c.Name(), strings.Join(unrecorded, ", "))
	}
	return checkGrounds(f, c, d)
}

// checkGrounds refuses an outcome the basis does not support.
func checkGrounds(f Facts, c Candidate, d *Decision) error {
	sat := len(d.Basis.Sittings) > 0
	switch {
	case d.Outcome == AbsentOutcome && sat:
		return ErrOutcomeMismatch.Withf("%s sat %s: they are not absent", c.Name(), strings.Join(d.Basis.Sittings, ", "))
	case d.Outcome != AbsentOutcome && !sat:
		return ErrOutcomeMismatch.Withf("%s sat none of their épreuves: the outcome is absent", c.Name())
	}
	awards := len(d.Acquired()) > 0 || f.Session.Kind == tpsession.KindCCS && d.Outcome == Obtained
	if !awards {
		return nil
	}
	var lack []string
	if !d.Basis.DossierProfessionnel {
		lack = append(lack, "the dossier professionnel, which the candidate presents at every session")
	}
	if c.Training && !d.Basis.ECF {
		lack = append(lack, "the results of the évaluations en cours de formation (ECF), for a candidate of a training route")
	}
	if f.Session.Kind == tpsession.KindTitre && d.Outcome == Obtained && !d.Basis.EntretienFinal {
		lack = append(lack, "the entretien final, without which the title is not awarded")
	}
	if len(lack) > 0 {
		return ErrBasisMissing.Withf("the jury acquires nothing for %s without %s", c.Name(), strings.Join(lack, "; nor without "))
	}
	return nil
}

// Sign records member m's signature of candidate c's decision. Only a
// deliberating member signs — one of the panel, present that day and
// without conflict with the candidate (ErrNotDeliberating) — once
// (ErrAlreadyRecorded), before the procès-verbal closes (ErrPVClosed).
func (r *Record) Sign(f Facts, m tpsession.MemberID, c tpsession.CandidateID) (Decision, error) {
	if m == "" {
		return Decision{}, ErrNotAJuryMember.Withf("only a jury member signs a decision")
	}
	i := r.decisionIndex(c)
	if i < 0 {
		return Decision{}, ErrDecisionNotFound.Withf("the jury has recorded no decision on %s", f.candidateName(c))
	}
	if err := r.checkOpen("its decisions and signatures"); err != nil {
		return Decision{}, err
	}
	d := &r.Decisions[i]
	if err := r.checkSigner(f, c, m, d.Day, d.Deliberators, d.Signatures); err != nil {
		return Decision{}, err
	}
	d.Signatures = append(d.Signatures, Signature{Member: m, At: f.Now.At})
	return d.clone(), nil
}

// checkSigner refuses a signature by one who does not deliberate on c, or
// who signed already.
func (r Record) checkSigner(f Facts, c tpsession.CandidateID, m tpsession.MemberID, day date.Date, deliberators []tpsession.MemberID, sigs []Signature) error {
	cand, _ := f.candidate(c)
	cand.ID = c
	if !slices.Contains(deliberators, m) {
		if err := r.whyNot(f, cand, m, day); err != nil {
			return err
		}
		return ErrNotDeliberating.Withf("%s did not deliberate on %s on %s", f.memberName(m), f.candidateName(c), day)
	}
	if slices.Contains(cand.Conflicted, m) {
		return ErrNotDeliberating.Withf("%s has a conflict of interest with %s and may not sign their decision", f.memberName(m), f.candidateName(c))
	}
	if j := slices.IndexFunc(sigs, func(s Signature) bool { return s.Member == m }); j >= 0 {
		return ErrAlreadyRecorded.Withf("%s signed at %s", f.memberName(m), sigs[j].At.In(f.Now.loc()).Format(time.RFC3339))
	}
	return nil
}
