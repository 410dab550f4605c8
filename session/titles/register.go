package titles

import (
	"cmp"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Register is the title register: the titres professionnels a centre works
// with, each with its revisions. It is a value built once ([New], [Decode],
// [Default]) and never changed afterwards, so it is safe for concurrent
// use; its methods hand out copies.
type Register struct {
	titles []Title // by code
}

// Title is one titre professionnel and its revisions, oldest first.
type Title struct {
	Code    tpsession.TitleCode
	Name    string
	Acronym string // the Ministry's sigle ("CDA"), optional
	// Revisions follow one another: each takes effect after the previous
	// one (a revision of the arrêté de spécialité replaces the référentiels
	// and may map the old CCPs to new ones).
	Revisions []Revision
	// Sources say where the facts come from; Unconfirmed lists what could
	// not be confirmed in them.
	Sources     []Source
	Unconfirmed []string
}

// Revision is a title as one arrêté de spécialité defines it, from the day
// it takes effect to the end of its validity.
type Revision struct {
	// Title and TitleName repeat the title's, so that a revision names its
	// title in messages on its own.
	Title     tpsession.TitleCode
	TitleName string
	// ID identifies the revision within its title, e.g. "2023" for the
	// arrêté of 2023.
	ID string
	// Arrete names the arrêté de spécialité ("arrêté du 26 avril 2023").
	Arrete string
	// From is the first day the revision is in force (date d'effet).
	From date.Date
	// Until is the last day of validity when the register knows it, zero
	// when it does not; a revision followed by another ends the day before
	// the next one takes effect at the latest (see End).
	Until date.Date
	// RNCP is the number of the revision's fiche in the Répertoire national
	// des certifications professionnelles ("RNCP37873"), optional.
	RNCP string
	// CCPs are the certificats de compétences professionnelles, in the
	// order of the arrêté (CCP1 first); CCS the certificats complémentaires
	// de spécialisation.
	CCPs []CCP
	CCS  []CCS
	// Correspondence maps CCPs of the previous revision to CCPs of this
	// one (the arrêté's table of correspondence); empty for the first
	// revision, and for a CCP of this revision that has none.
	Correspondence []Correspondence
	// Hidden is the default hidden-time profile a plan uses when its input
	// gives none; nil when the register has none for the revision.
	Hidden *Hidden
	// Epreuves lists the épreuves whose requirements the register knows:
	// the personal protective equipment (EPI) a candidate brings.
	Epreuves []Epreuve
	// Remote says which sessions of the revision may be held remotely.
	Remote      Remote
	Sources     []Source
	Unconfirmed []string

	end date.Date // Until, or the day before the next revision's From
}

// CCP is a certificat de compétences professionnelles of a revision.
type CCP struct {
	// Code identifies the CCP within its revision: "CCP1", "CCP2"… in the
	// order of the arrêté.
	Code string
	Name string
	// RNCPBlock is the block's code in the RNCP ("RNCP37873BC01"), optional.
	RNCPBlock string
}

// CCS is a certificat complémentaire de spécialisation of a revision.
type CCS struct {
	Code string
	Name string
}

// Correspondence says that holding every CCP of From (codes of the previous
// revision) counts as holding To (a code of this revision).
type Correspondence struct {
	From []string
	To   string
}

// Hidden is a hidden-time profile (temps cachés), in minutes, with the same
// meaning as the planner's (docs/planning.md); Source says where the figures
// come from.
type Hidden struct {
	OpeningMin      int
	JuryBriefingMin int
	JuryClosureMin  int
	AccueilMin      int
	ReadingMin      int
	CorrectionMin   int
	DeliberationMin int
	Source          string
}

// Epreuve is an épreuve of the revision and what it requires of the
// candidate.
type Epreuve struct {
	ID    string
	Label string
	// In lists the sessions the épreuve belongs to: "titre" and CCP codes.
	// Empty means every session of the revision.
	In []string
	// PPE lists the personal protective equipment the candidate brings
	// (équipements de protection individuelle).
	PPE []string
}

// Remote says which sessions of a revision are open to remote sessions:
// the Ministry's experiment (arrêté du 14 novembre 2024) opens a short list
// of certifications only.
type Remote struct {
	// Titre: sessions titre may be remote.
	Titre bool
	// CCPs lists the CCPs whose sessions may be remote.
	CCPs []string
	// Source is the text that opens them.
	Source string
}

// Source is where a fact of the register comes from.
type Source struct {
	Label string
	URL   string
}

// SessionTitre is the name of the session titre in Epreuve.In.
const SessionTitre = "titre"

// ProlongationMonths is the délai de prolongation: sessions may still be
// held one year after a title's end of validity, for candidates who failed
// or are in partial success and those whose training started before the
// end, provided they were created before it (arrêté du 22 décembre 2015,
// art. 3; docs/rules.md#délai-de-prolongation).
const ProlongationMonths = 12

// ProlongationEnd returns the last day of the délai de prolongation after a
// title's last day of validity: one year later, the day bearing the same
// number, clamped to the end of a shorter month.
func ProlongationEnd(lastValidDay date.Date) date.Date {
	return tpsession.AddMonths(lastValidDay, ProlongationMonths)
}

// New builds a register from titles, checking each one (see Decode for the
// rules); every problem is reported at once in an ErrInvalidRegister whose
// field errors are named by JSON path.
func New(ts []Title) (Register, error) {
	var fe tpsession.FieldErrors
	out := make([]Title, 0, len(ts))
	seen := map[tpsession.TitleCode]int{}
	for i, t := range ts {
		t = checkTitle(&fe, titlePath(i), t.Clone())
		if j, dup := seen[t.Code]; dup && t.Code != "" {
			fe.Add(titlePath(i)+".code", "%s is already titles[%d]", t.Code, j)
			continue
		}
		seen[t.Code] = i
		out = append(out, t)
	}
	if err := fe.Err(ErrInvalidRegister); err != nil {
		return Register{}, err
	}
	slices.SortFunc(out, func(a, b Title) int { return cmp.Compare(a.Code, b.Code) })
	return Register{titles: out}, nil
}

// Len returns the number of titles.
func (r Register) Len() int { return len(r.titles) }

// Titles returns every title, by code.
func (r Register) Titles() []Title {
	out := make([]Title, len(r.titles))
	for i, t := range r.titles {
		out[i] = t.Clone()
	}
	return out
}

// Title returns the title of code, or ErrNotInRegister.
func (r Register) Title(code tpsession.TitleCode) (Title, error) {
	i, ok := slices.BinarySearchFunc(r.titles, code, func(t Title, c tpsession.TitleCode) int { return cmp.Compare(t.Code, c) })
	if !ok {
		return Title{}, ErrNotInRegister.Withf("the title register has no entry for %s: add it to the register so that its validity, CCPs and requirements are checked", code)
	}
	return r.titles[i].Clone(), nil
}

// Revision returns the title's revision id, or ErrUnknownRevision naming the
// revisions it has.
func (t Title) Revision(id string) (Revision, error) {
	for _, r := range t.Revisions {
		if r.ID == id {
			return r.clone(), nil
		}
	}
	ids := make([]string, len(t.Revisions))
	for i, r := range t.Revisions {
		ids[i] = r.ID
	}
	return Revision{}, ErrUnknownRevision.Withf("%s has no revision %q; its revisions are %s", t.Code, tpsession.Truncate(id, 40), quoteList(ids))
}

// For returns the revision a session of the title starting on start
// evaluates: the revision id when one is named, otherwise the one in force
// on start, otherwise — start after the end of every revision — the last
// one, whose délai de prolongation CheckSession then judges. A start before
// the first revision takes effect is ErrNotInRegister: the register does
// not reach back that far.
func (t Title) For(id string, start date.Date) (Revision, error) {
	if id != "" {
		return t.Revision(id)
	}
	var found *Revision
	for i := range t.Revisions {
		if t.Revisions[i].From <= start {
			found = &t.Revisions[i]
		}
	}
	if found == nil {
		return Revision{}, ErrNotInRegister.Withf("the title register knows %s from %s only, not on %s", t.Code, t.Revisions[0].From, start)
	}
	return found.clone(), nil
}

// End returns the revision's last day of validity: Until when the register
// knows it, or the day before the next revision takes effect; zero when
// neither is known.
func (r Revision) End() date.Date { return r.end }

// Label names the revision in messages: "TP-01281 Concepteur développeur
// d'applications (revision 2023)".
func (r Revision) Label() string {
	return string(r.Title) + " " + r.TitleName + " (revision " + r.ID + ")"
}

// CCP returns the revision's CCP of code, or ErrUnknownCCP naming those it
// has.
func (r Revision) CCP(code string) (CCP, error) {
	for _, c := range r.CCPs {
		if c.Code == code {
			return c, nil
		}
	}
	return CCP{}, ErrUnknownCCP.Withf("%s has no CCP %q; its CCPs are %s", r.Label(), tpsession.Truncate(code, 40), r.ccpList())
}

// CCPCodes returns the codes of the revision's CCPs, in order.
func (r Revision) CCPCodes() []string {
	out := make([]string, len(r.CCPs))
	for i, c := range r.CCPs {
		out[i] = c.Code
	}
	return out
}

func (r Revision) ccpList() string {
	parts := make([]string, len(r.CCPs))
	for i, c := range r.CCPs {
		parts[i] = c.Code + " « " + c.Name + " »"
	}
	return joinOr(parts, "none")
}

// Clone returns a deep copy of t.
func (t Title) Clone() Title {
	t.Revisions = slices.Clone(t.Revisions)
	for i := range t.Revisions {
		t.Revisions[i] = t.Revisions[i].clone()
	}
	t.Sources = slices.Clone(t.Sources)
	t.Unconfirmed = slices.Clone(t.Unconfirmed)
	return t
}

func (r Revision) clone() Revision {
	r.CCPs = slices.Clone(r.CCPs)
	r.CCS = slices.Clone(r.CCS)
	r.Correspondence = slices.Clone(r.Correspondence)
	for i := range r.Correspondence {
		r.Correspondence[i].From = slices.Clone(r.Correspondence[i].From)
	}
	if r.Hidden != nil {
		h := *r.Hidden
		r.Hidden = &h
	}
	r.Epreuves = slices.Clone(r.Epreuves)
	for i := range r.Epreuves {
		r.Epreuves[i].In = slices.Clone(r.Epreuves[i].In)
		r.Epreuves[i].PPE = slices.Clone(r.Epreuves[i].PPE)
	}
	r.Remote.CCPs = slices.Clone(r.Remote.CCPs)
	r.Sources = slices.Clone(r.Sources)
	r.Unconfirmed = slices.Clone(r.Unconfirmed)
	return r
}
