package exam

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Constatation is a PV de constatation: the responsable de session's
// statement, for the administration, that on a day fewer members than the
// quorum were present without conflict for some candidates, so that the
// jury could not validly deliberate on them; they are to be convened again
// (2008 règlement général, §1.2, abrogated; docs/rules.md#jury-quorum).
type Constatation struct {
	// Number numbers the session's constatations from 1.
	Number     int
	Day        date.Date
	Candidates []tpsession.CandidateID
	// Panels holds, for each candidate in the order of Candidates, their
	// panel split that day.
	Panels []Panel
	Note   string
	By     string
	At     time.Time
}

func (k Constatation) clone() Constatation {
	k.Candidates = slices.Clone(k.Candidates)
	k.Panels = slices.Clone(k.Panels)
	for i, p := range k.Panels {
		k.Panels[i] = Panel{Deliberators: slices.Clone(p.Deliberators), Absent: slices.Clone(p.Absent), Conflicted: slices.Clone(p.Conflicted)}
	}
	return k
}

// ConstatationInput is the outside form of a constatation: {day,
// candidates, note}; day YYYY-MM-DD, today when left out; candidates left
// out: every candidate the jury cannot deliberate on that day.
type ConstatationInput struct {
	Day        string
	Candidates []string
	Note       string
}

// Constate records a PV de constatation drawn up by the centre's staff
// member by, and marks its candidates to be convened again. Each of them
// has no decision (ErrHasDecision) nor an earlier constatation
// (ErrAlreadyRecorded); the presence of every member of their panel is
// recorded that day (ErrPresenceUnknown), and fewer than the quorum are
// present without conflict (ErrQuorumHolds). Left out, the candidates are
// all those of whom this holds, none being ErrQuorumHolds.
func (r *Record) Constate(f Facts, by string, in ConstatationInput) (Constatation, error) {
	var fe tpsession.FieldErrors
	k := Constatation{By: by, At: f.Now.At, Note: fe.Note("note", in.Note, maxNoteLen)}
	k.Day = dayField(&fe, "day", in.Day, f.Now.Today, true)
	k.Candidates = candidateList(&fe, "candidates", in.Candidates, f, MaxSittingCandidates)
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Constatation{}, err
	}
	if err := r.checkOpen("its PV de constatation"); err != nil {
		return Constatation{}, err
	}
	if err := f.checkDay("day", k.Day); err != nil {
		return Constatation{}, err
	}
	q := f.Rules.quorum()
	if len(in.Candidates) == 0 {
		for _, c := range f.Candidates {
			if r.constatable(f, c, k.Day, q) == nil {
				k.Candidates = append(k.Candidates, c.ID)
			}
		}
		if len(k.Candidates) == 0 {
			return Constatation{}, ErrQuorumHolds.Withf("on %s the jury may deliberate on every candidate not decided yet, or the presence of their panel is not recorded: there is nothing to state", k.Day)
		}
	}
	for n, id := range k.Candidates {
		c, _ := f.candidate(id)
		if err := r.constatable(f, c, k.Day, q); err != nil {
			return Constatation{}, err.(*tpsession.Error).WithFields(tpsession.FieldError{Field: fmt.Sprintf("candidates[%d]", n), Message: tpsession.MessageOf(err)})
		}
		k.Panels = append(k.Panels, r.PanelOn(c, k.Day))
	}
	k.Number = len(r.Constatations) + 1
	r.Constatations = append(r.Constatations, k)
	return k.clone(), nil
}

// constatable returns why a PV de constatation may not state that the jury
// cannot deliberate on c on day; nil when it may.
func (r Record) constatable(f Facts, c Candidate, day date.Date, q int) error {
	if _, ok := r.Decision(c.ID); ok {
		return ErrHasDecision.Withf("the jury decided on %s", c.Name())
	}
	if k, ok := r.ToReconvene(c.ID); ok {
		return ErrAlreadyRecorded.Withf("the PV de constatation of %s already marked %s to be convened again", k.Day, c.Name())
	}
	var unknown []string
	for _, m := range c.Panel {
		if _, ok := r.MemberPresence(m, day); !ok && !slices.Contains(c.Conflicted, m) {
			unknown = append(unknown, f.memberName(m))
		}
	}
	if len(unknown) > 0 {
		return ErrPresenceUnknown.Withf("the presence on %s of %s, of the panel of %s, is not recorded: record it first", day, strings.Join(unknown, ", "), c.Name())
	}
	if p := r.PanelOn(c, day); len(p.Deliberators) >= q {
		return ErrQuorumHolds.Withf("on %s, %d members of the panel of %s are present without conflict: the jury may deliberate on them", day, len(p.Deliberators), c.Name())
	}
	return nil
}
