package titles

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// CheckSession reports whether a session of revision r may start on start,
// having been created on createdOn:
//
//   - a session starting on or before the end of validity is allowed;
//   - one starting in the délai de prolongation (up to one year after the
//     end, ProlongationEnd) only when it was created on or before the end
//     of validity (ErrProlongationNotDeclared): the Ministry's guidance asks
//     that the sessions of that year be entered in CERES before the end of
//     validity (responsabledesession.fr, la demande d'agrément);
//   - one starting later is refused (ErrTitleExpired; arrêté du 22 décembre
//     2015, art. 3).
//
// A revision whose end the register does not know is not checked.
func (r Revision) CheckSession(start, createdOn date.Date) error {
	end := r.End()
	if end == date.Zero || start <= end {
		return nil
	}
	last := ProlongationEnd(end)
	if start > last {
		return ErrTitleExpired.Withf("%s was valid until %s and its délai de prolongation ended on %s: no session may start on %s",
			r.Label(), end, last, start)
	}
	if createdOn > end {
		return ErrProlongationNotDeclared.Withf("a session of %s starting on %s falls in the délai de prolongation (%s to %s) after the end of validity on %s: "+
			"such a session must be created by %s, this one is created on %s", r.Label(), start, end+1, last, end, end, createdOn)
	}
	return nil
}

// InProlongation reports whether a session starting on start falls in the
// revision's délai de prolongation.
func (r Revision) InProlongation(start date.Date) bool {
	end := r.End()
	return end != date.Zero && start > end && start <= ProlongationEnd(end)
}

// Held is a CCP a candidate acquired: the revision it was acquired under and
// its code there.
type Held struct {
	Revision string
	Code     string
}

// HeldIn returns the codes of revision id's CCPs that the CCPs held give the
// candidate, in the revision's order: those acquired under it, and those the
// correspondence of each revision since gives (a line counts when every CCP
// it maps from is held in the revision before). CCPs acquired under a
// revision the title does not have count for nothing. It returns
// ErrUnknownRevision for an unknown id.
func (t Title) HeldIn(id string, held []Held) ([]string, error) {
	target := slices.IndexFunc(t.Revisions, func(r Revision) bool { return r.ID == id })
	if target < 0 {
		_, err := t.Revision(id)
		return nil, err
	}
	var cur map[string]bool
	for i := 0; i <= target; i++ {
		r := t.Revisions[i]
		next := map[string]bool{}
		for _, h := range held {
			if h.Revision == r.ID {
				next[h.Code] = true
			}
		}
		for _, c := range r.Correspondence {
			if len(c.From) > 0 && !slices.ContainsFunc(c.From, func(f string) bool { return !cur[f] }) {
				next[c.To] = true
			}
		}
		cur = next
	}
	var out []string
	for _, c := range t.Revisions[target].CCPs {
		if cur[c.Code] {
			out = append(out, c.Code)
		}
	}
	return out, nil
}

// CheckCCPs reports an unknown CCP among codes (ErrUnknownCCP).
func (r Revision) CheckCCPs(codes []string) error {
	for _, c := range codes {
		if _, err := r.CCP(c); err != nil {
			return err
		}
	}
	return nil
}

// CheckRemote reports whether a session of kind evaluating ccps (for a CCP
// session) may be held remotely: only the sessions the register marks open
// to the Ministry's experiment may (ErrRemoteNotOpen, naming the title and
// what is open). A CCS session is never open.
func (r Revision) CheckRemote(kind tpsession.SessionKind, ccps []string) error {
	open := r.openRemote()
	switch kind {
	case tpsession.KindTitre:
		if r.Remote.Titre {
			return nil
		}
		return ErrRemoteNotOpen.Withf("the sessions titre of %s are not open to remote sessions (%s)", r.Label(), open)
	case tpsession.KindCCP:
		if len(ccps) == 0 {
			return ErrRemoteNotOpen.Withf("a remote CCP session of %s must say which CCPs it evaluates (%s)", r.Label(), open)
		}
		var closed []string
		for _, c := range ccps {
			if !slices.Contains(r.Remote.CCPs, c) {
				closed = append(closed, c)
			}
		}
		if len(closed) == 0 {
			return nil
		}
		return ErrRemoteNotOpen.Withf("%s of %s %s not open to remote sessions (%s)", strings.Join(closed, ", "), r.Label(), plural(len(closed), "is", "are"), open)
	}
	return ErrRemoteNotOpen.Withf("the %s sessions of %s are not open to remote sessions (%s)", kind, r.Label(), open)
}

func (r Revision) openRemote() string {
	var parts []string
	if r.Remote.Titre {
		parts = append(parts, "sessions titre")
	}
	for _, c := range r.Remote.CCPs {
		parts = append(parts, "CCP "+c)
	}
	if len(parts) == 0 {
		return "the register opens none of its sessions to the experiment"
	}
	s := "the register opens only " + strings.Join(parts, ", ")
	if r.Remote.Source != "" {
		s += ", " + r.Remote.Source
	}
	return s
}

// PPE is an item of personal protective equipment an épreuve requires.
type PPE struct {
	Item    string
	Epreuve string // the épreuve's label, or its ID
}

// RequiredPPE returns the personal protective equipment the épreuves of a
// session of kind (evaluating ccps, for a CCP session) require, each item
// once (case aside), in the register's order: the convocation must list
// them (docs/rules.md#protective-equipment). An épreuve with no sessions
// listed belongs to every session.
func (r Revision) RequiredPPE(kind tpsession.SessionKind, ccps []string) []PPE {
	var out []PPE
	for _, e := range r.Epreuves {
		if !e.belongsTo(kind, ccps) {
			continue
		}
		label := e.Label
		if label == "" {
			label = e.ID
		}
		for _, item := range e.PPE {
			if !slices.ContainsFunc(out, func(p PPE) bool { return strings.EqualFold(p.Item, item) }) {
				out = append(out, PPE{Item: item, Epreuve: label})
			}
		}
	}
	return out
}

func (e Epreuve) belongsTo(kind tpsession.SessionKind, ccps []string) bool {
	if len(e.In) == 0 {
		return true
	}
	switch kind {
	case tpsession.KindTitre:
		return slices.Contains(e.In, SessionTitre)
	case tpsession.KindCCP:
		if len(ccps) == 0 {
			return slices.ContainsFunc(e.In, func(s string) bool { return s != SessionTitre })
		}
		return slices.ContainsFunc(ccps, func(c string) bool { return slices.Contains(e.In, c) })
	}
	return false
}

// String describes the profile: "opening 30, briefing 30, closure 30,
// accueil 5, reading 20, correction 10, deliberation 10 minutes".
func (h Hidden) String() string {
	return fmt.Sprintf("opening %d, briefing %d, closure %d, accueil %d, reading %d, correction %d, deliberation %d minutes",
		h.OpeningMin, h.JuryBriefingMin, h.JuryClosureMin, h.AccueilMin, h.ReadingMin, h.CorrectionMin, h.DeliberationMin)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
