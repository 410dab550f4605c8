package titles

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Bounds on a register: far above any real title (a handful of revisions,
// at most about six CCPs), low enough that a malformed file cannot make the
// checks do unbounded work.
const (
	maxRevisions = 20
	maxCCPs      = 20
	maxEpreuves  = 30
	maxItems     = 30
	maxNameLen   = 300
	maxCodeLen   = 40
	maxNoteLen   = 2000
	maxMinutes   = 24 * 60
)

func titlePath(i int) string { return fmt.Sprintf("titles[%d]", i) }

// checkTitle checks t, recording its problems under path, and returns it
// normalised: texts trimmed, each revision's end computed.
func checkTitle(fe *tpsession.FieldErrors, path string, t Title) Title {
	code, err := tpsession.ParseTitleCode(string(t.Code))
	fe.AddErr(path+".code", err)
	t.Code = code
	t.Name = fe.Text(path+".name", t.Name, maxNameLen, true)
	t.Acronym = fe.Text(path+".acronym", t.Acronym, maxCodeLen, false)
	t.Sources = checkSources(fe, path+".sources", t.Sources)
	t.Unconfirmed = checkNotes(fe, path+".unconfirmed", t.Unconfirmed)
	switch n := len(t.Revisions); {
	case n == 0:
		fe.Add(path+".revisions", "a title needs at least one revision")
		return t
	case n > maxRevisions:
		fe.Add(path+".revisions", "must have at most %d revisions, got %d", maxRevisions, n)
		return t
	}
	ids := map[string]int{}
	for i := range t.Revisions {
		rp := fmt.Sprintf("%s.revisions[%d]", path, i)
		r := &t.Revisions[i]
		r.Title, r.TitleName = t.Code, t.Name
		var prev *Revision
		if i > 0 {
			prev = &t.Revisions[i-1]
		}
		checkRevision(fe, rp, r, prev)
		if j, dup := ids[r.ID]; dup && r.ID != "" {
			fe.Add(rp+".id", "%q is already the id of revisions[%d]", r.ID, j)
		}
		ids[r.ID] = i
	}
	for i := range t.Revisions {
		r := &t.Revisions[i]
		r.end = r.Until
		if i+1 < len(t.Revisions) {
			if next := t.Revisions[i+1].From; r.end == date.Zero || r.end >= next {
				r.end = next - 1
			}
		}
	}
	return t
}

// checkRevision checks r, whose previous revision is prev (nil for the
// first one).
func checkRevision(fe *tpsession.FieldErrors, path string, r *Revision, prev *Revision) {
	r.ID = fe.Text(path+".id", r.ID, maxCodeLen, true)
	r.Arrete = fe.Text(path+".arrete", r.Arrete, maxNameLen, false)
	r.RNCP = fe.Text(path+".rncp", r.RNCP, maxCodeLen, false)
	switch {
	case r.From == date.Zero:
		fe.Add(path+".valid_from", "is required: the day the revision takes effect")
	case prev != nil && prev.From != date.Zero && r.From <= prev.From:
		fe.Add(path+".valid_from", "%s is not after the previous revision's %s: list the revisions oldest first", r.From, prev.From)
	}
	if r.Until != date.Zero && r.From != date.Zero && r.Until < r.From {
		fe.Add(path+".valid_until", "%s is before the revision takes effect on %s", r.Until, r.From)
	}
	codes := checkCCPs(fe, path, r)
	checkCorrespondence(fe, path+".correspondence", r, prev, codes)
	if h := r.Hidden; h != nil {
		for _, m := range []struct {
			field string
			v     int
		}{
			{"opening_min", h.OpeningMin}, {"jury_briefing_min", h.JuryBriefingMin}, {"jury_closure_min", h.JuryClosureMin},
			{"accueil_min", h.AccueilMin}, {"reading_min", h.ReadingMin}, {"correction_min", h.CorrectionMin},
			{"deliberation_min", h.DeliberationMin},
		} {
			if m.v < 0 || m.v > maxMinutes {
				fe.Add(path+".hidden."+m.field, "must be between 0 and %d minutes, got %d", maxMinutes, m.v)
			}
		}
		h.Source = fe.Note(path+".hidden.source", h.Source, maxNoteLen)
	}
	checkEpreuves(fe, path+".epreuves", r, codes)
	for i, c := range r.Remote.CCPs {
		if !codes[c] {
			fe.Add(fmt.Sprintf("%s.remote.ccps[%d]", path, i), "%q is not a CCP of the revision", tpsession.Truncate(c, 40))
		}
	}
	if len(r.Remote.CCPs) > maxCCPs {
		fe.Add(path+".remote.ccps", "must have at most %d entries", maxCCPs)
	}
	r.Remote.Source = fe.Note(path+".remote.source", r.Remote.Source, maxNoteLen)
	r.Sources = checkSources(fe, path+".sources", r.Sources)
	r.Unconfirmed = checkNotes(fe, path+".unconfirmed", r.Unconfirmed)
}

// checkCCPs checks the revision's CCPs and CCS and returns the set of its
// CCP codes.
func checkCCPs(fe *tpsession.FieldErrors, path string, r *Revision) map[string]bool {
	codes := map[string]bool{}
	if len(r.CCPs) > maxCCPs {
		fe.Add(path+".ccps", "must have at most %d CCPs, got %d", maxCCPs, len(r.CCPs))
		r.CCPs = nil
	}
	for i := range r.CCPs {
		p := fmt.Sprintf("%s.ccps[%d]", path, i)
		c := &r.CCPs[i]
		c.Code = fe.Text(p+".code", c.Code, maxCodeLen, true)
		c.Name = fe.Text(p+".name", c.Name, maxNameLen, true)
		c.RNCPBlock = fe.Text(p+".rncp_block", c.RNCPBlock, maxCodeLen, false)
		if codes[c.Code] {
			fe.Add(p+".code", "%q is listed twice", c.Code)
		}
		codes[c.Code] = true
	}
	if len(r.CCS) > maxCCPs {
		fe.Add(path+".ccs", "must have at most %d CCS, got %d", maxCCPs, len(r.CCS))
		r.CCS = nil
	}
	for i := range r.CCS {
		p := fmt.Sprintf("%s.ccs[%d]", path, i)
		r.CCS[i].Code = fe.Text(p+".code", r.CCS[i].Code, maxCodeLen, true)
		r.CCS[i].Name = fe.Text(p+".name", r.CCS[i].Name, maxNameLen, true)
	}
	return codes
}

// checkCorrespondence checks that each line maps CCPs of the previous
// revision to one CCP of this one, each CCP of this one at most once.
func checkCorrespondence(fe *tpsession.FieldErrors, path string, r *Revision, prev *Revision, codes map[string]bool) {
	if len(r.Correspondence) == 0 {
		return
	}
	if prev == nil {
		fe.Add(path, "the first revision of a title has no previous revision to correspond to")
		return
	}
	if len(r.Correspondence) > maxCCPs {
		fe.Add(path, "must have at most %d lines", maxCCPs)
		return
	}
	prevCodes := map[string]bool{}
	for _, c := range prev.CCPs {
		prevCodes[c.Code] = true
	}
	to := map[string]int{}
	for i, c := range r.Correspondence {
		p := fmt.Sprintf("%s[%d]", path, i)
		if !codes[c.To] {
			fe.Add(p+".to", "%q is not a CCP of revision %s", tpsession.Truncate(c.To, 40), r.ID)
		} else if j, dup := to[c.To]; dup {
			fe.Add(p+".to", "%s already has its correspondence in %s[%d]", c.To, path, j)
		}
		to[c.To] = i
		if len(c.From) == 0 || len(c.From) > maxCCPs {
			fe.Add(p+".from", "must list between 1 and %d CCPs of revision %s", maxCCPs, prev.ID)
		}
		for k, f := range c.From {
			if !prevCodes[f] {
				fe.Add(fmt.Sprintf("%s.from[%d]", p, k), "%q is not a CCP of the previous revision %s", tpsession.Truncate(f, 40), prev.ID)
			}
		}
	}
}

func checkEpreuves(fe *tpsession.FieldErrors, path string, r *Revision, codes map[string]bool) {
	if len(r.Epreuves) > maxEpreuves {
		fe.Add(path, "must have at most %d épreuves, got %d", maxEpreuves, len(r.Epreuves))
		r.Epreuves = nil
		return
	}
	ids := map[string]bool{}
	for i := range r.Epreuves {
		p := fmt.Sprintf("%s[%d]", path, i)
		e := &r.Epreuves[i]
		e.ID = fe.Text(p+".id", e.ID, maxCodeLen, true)
		e.Label = fe.Text(p+".label", e.Label, maxNameLen, false)
		if ids[e.ID] {
			fe.Add(p+".id", "%q is listed twice", e.ID)
		}
		ids[e.ID] = true
		if len(e.In) > maxCCPs+1 {
			fe.Add(p+".in", "must have at most %d entries", maxCCPs+1)
		}
		for k, in := range e.In {
			if in != SessionTitre && !codes[in] {
				fe.Add(fmt.Sprintf("%s.in[%d]", p, k), "%q is neither %q nor a CCP of the revision", tpsession.Truncate(in, 40), SessionTitre)
			}
		}
		e.PPE = checkList(fe, p+".ppe", e.PPE)
	}
}

func checkSources(fe *tpsession.FieldErrors, path string, ss []Source) []Source {
	if len(ss) > maxItems {
		fe.Add(path, "must have at most %d sources", maxItems)
		return nil
	}
	for i := range ss {
		p := fmt.Sprintf("%s[%d]", path, i)
		ss[i].Label = fe.Text(p+".label", ss[i].Label, maxNameLen, true)
		ss[i].URL = fe.Text(p+".url", ss[i].URL, maxNameLen, false)
		if u := ss[i].URL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			fe.Add(p+".url", "must be an http or https address")
		}
	}
	return ss
}

func checkNotes(fe *tpsession.FieldErrors, path string, notes []string) []string {
	if len(notes) > maxItems {
		fe.Add(path, "must have at most %d entries", maxItems)
		return nil
	}
	for i := range notes {
		notes[i] = fe.Note(fmt.Sprintf("%s[%d]", path, i), notes[i], maxNoteLen)
	}
	return notes
}

// checkList checks a list of one-line items, each listed once (case
// aside).
func checkList(fe *tpsession.FieldErrors, path string, items []string) []string {
	if len(items) > maxItems {
		fe.Add(path, "must have at most %d entries", maxItems)
		return nil
	}
	out := make([]string, 0, len(items))
	for i, s := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		s = fe.Text(p, s, maxNameLen, true)
		if slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s) }) {
			fe.Add(p, "%q is listed twice", s)
		}
		out = append(out, s)
	}
	return out
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return joinOr(q, "none")
}

func joinOr(items []string, none string) string {
	if len(items) == 0 {
		return none
	}
	return strings.Join(items, ", ")
}
