package agrement

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Agrement is one agrément of a centre: a title, the sites it approves and
// its period of validity, both ends included.
type Agrement struct {
	ID     tpsession.AgrementID
	Centre tpsession.CentreID
	Title  tpsession.TitleCode
	// Sites are the places of the plateau technique the agrément names, as
	// the decision writes them; a session's site must be one of them.
	Sites []string
	Valid tpsession.DateRange
	// Reference identifies the préfet's decision (its number or date),
	// optional.
	Reference string
	Note      string
}

// Bounds on an agrément's texts and sites.
const (
	MaxSites     = 20
	maxSiteLen   = 300
	maxRefLen    = 200
	maxNoteLen   = 1000
	earliestYear = 2000
)

// Input is an agrément as the centre enters it, fields named as in the HTTP
// contract: {title_code, sites, valid_from, valid_until, reference, note}.
type Input struct {
	TitleCode  string
	Sites      []string
	ValidFrom  string
	ValidUntil string
	Reference  string
	Note       string
}

// New parses in into the agrément id of centre, reporting every bad field at
// once in an ErrInvalidAgrement.
func New(centre tpsession.CentreID, id tpsession.AgrementID, in Input) (Agrement, error) {
	if _, err := tpsession.ParseCentreID(string(centre)); err != nil || id == "" {
		return Agrement{}, tpsession.ErrInternal.Withf("an agrément needs a valid centre and an ID")
	}
	a, err := parse(in)
	if err != nil {
		return Agrement{}, err
	}
	a.ID, a.Centre = id, centre
	return a, nil
}

// Revise replaces the agrément's details by those of in, checked as by New;
// the ID and the centre stay. On error a is unchanged.
func (a *Agrement) Revise(in Input) error {
	revised, err := parse(in)
	if err != nil {
		return err
	}
	revised.ID, revised.Centre = a.ID, a.Centre
	*a = revised
	return nil
}

func parse(in Input) (Agrement, error) {
	var fe tpsession.FieldErrors
	var a Agrement
	if strings.TrimSpace(in.TitleCode) == "" {
		fe.Add("title_code", "is required")
	} else {
		title, err := tpsession.ParseTitleCode(strings.TrimSpace(in.TitleCode))
		fe.AddErr("title_code", err)
		a.Title = title
	}
	switch n := len(in.Sites); {
	case n == 0:
		fe.Add("sites", "at least one site is required: the place of the plateau technique the agrément names")
	case n > MaxSites:
		fe.Add("sites", "must have at most %d sites, got %d", MaxSites, n)
	default:
		for i, s := range in.Sites {
			field := fmt.Sprintf("sites[%d]", i)
			s = fe.Text(field, s, maxSiteLen, true)
			if j := slices.IndexFunc(a.Sites, func(o string) bool { return SameSite(o, s) }); j >= 0 && s != "" {
				fe.Add(field, "repeats sites[%d]", j)
			}
			a.Sites = append(a.Sites, s)
		}
	}
	from := day(&fe, "valid_from", in.ValidFrom)
	until := day(&fe, "valid_until", in.ValidUntil)
	if from != date.Zero && until != date.Zero {
		switch {
		case until < from:
			fe.Add("valid_until", "%s is before valid_from %s", until, from)
		case from.Year() < earliestYear:
			fe.Add("valid_from", "%s is before %d: check the year", from, earliestYear)
		}
		a.Valid = tpsession.DateRange{From: from, Until: until}
	}
	a.Reference = fe.Text("reference", in.Reference, maxRefLen, false)
	a.Note = fe.Note("note", in.Note, maxNoteLen)
	if err := fe.Err(ErrInvalidAgrement); err != nil {
		return Agrement{}, err
	}
	return a, nil
}

func day(fe *tpsession.FieldErrors, field, s string) date.Date {
	if s == "" {
		fe.Add(field, "is required (YYYY-MM-DD)")
		return date.Zero
	}
	d, err := tpsession.ParseDate(s)
	fe.AddErr(field, err)
	return d
}

// Clone returns a deep copy of a.
func (a Agrement) Clone() Agrement {
	a.Sites = slices.Clone(a.Sites)
	return a
}

// String names the agrément in a message: "agr_… (décision 2024-17) for
// TP-01281 at « site », from 2024-01-01 until 2028-12-18".
func (a Agrement) String() string {
	ref := ""
	if a.Reference != "" {
		ref = " (" + a.Reference + ")"
	}
	return fmt.Sprintf("%s%s for %s at %s, from %s until %s", a.ID, ref, a.Title, quoteSites(a.Sites), a.Valid.From, a.Valid.Until)
}

// SameSite reports whether two sites are the same as written, case and
// spacing aside.
func SameSite(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// Covers reports whether a names site.
func (a Agrement) Covers(site string) bool {
	return slices.ContainsFunc(a.Sites, func(s string) bool { return SameSite(s, site) })
}

// Subject is what a session asks of the agréments: its title, its site and
// its days.
type Subject struct {
	Title tpsession.TitleCode
	Site  string
	Days  tpsession.DateRange
	// Prolongation is the title's délai de prolongation when the title
	// register knows its end of validity (zero otherwise): the year after
	// that end, in which the sessions created before it may still start
	// (docs/rules.md#délai-de-prolongation). An agrément cannot outlast
	// the title, so one running to its end covers that year too for the
	// title's sessions; without that, no centre that records its agréments
	// could hold the sessions the Ministry allows.
	Prolongation tpsession.DateRange
}

// validity is the period over which a covers s's days: its own, stretched
// over the délai de prolongation when it runs to the title's end.
func (s Subject) validity(a Agrement) tpsession.DateRange {
	v := a.Valid
	if p := s.Prolongation; p.From != 0 && v.Until+1 >= p.From && v.Until < p.Until {
		v.Until = p.Until
	}
	return v
}

// Check returns nil when the agréments of as cover the title, the site and
// every day of s, and otherwise an ErrNotCovered naming the agréments of
// the title (their sites and dates) and what they miss: the title, the site,
// or the first day not covered. Agréments of the title and site that follow
// one another without a gap, or overlap, count together.
func Check(as []Agrement, s Subject) error {
	var ofTitle, atSite []Agrement
	for _, a := range as {
		if a.Title == s.Title {
			ofTitle = append(ofTitle, a)
			if a.Covers(s.Site) {
				atSite = append(atSite, a)
			}
		}
	}
	if len(ofTitle) == 0 {
		return ErrNotCovered.Withf("no agrément of the centre covers %s: its agréments are for %s; a session of %s from %s to %s needs one",
			s.Title, titlesOf(as), s.Title, s.Days.From, s.Days.Until)
	}
	if len(atSite) == 0 {
		return ErrNotCovered.Withf("no agrément for %s names the site « %s »: %s; write the site as the agrément names it, or record the agrément of that site",
			s.Title, s.Site, list(ofTitle))
	}
	slices.SortFunc(atSite, func(a, b Agrement) int { return cmp.Compare(a.Valid.From, b.Valid.From) })
	d := s.Days.From
	for _, a := range atSite {
		if v := s.validity(a); v.Contains(d) {
			d = v.Until + 1
		}
	}
	if d > s.Days.Until {
		return nil
	}
	return ErrNotCovered.Withf("the agréments for %s at « %s » do not cover %s, a day of the session from %s to %s: %s",
		s.Title, s.Site, d, s.Days.From, s.Days.Until, list(atSite))
}

func list(as []Agrement) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.String()
	}
	return strings.Join(parts, "; ")
}

func titlesOf(as []Agrement) string {
	var ts []string
	for _, a := range as {
		if !slices.Contains(ts, string(a.Title)) {
			ts = append(ts, string(a.Title))
		}
	}
	slices.Sort(ts)
	if len(ts) == 0 {
		return "no title"
	}
	return strings.Join(ts, ", ")
}

func quoteSites(sites []string) string {
	q := make([]string, len(sites))
	for i, s := range sites {
		q[i] = "« " + s + " »"
	}
	return strings.Join(q, ", ")
}

// Store keeps a centre's agréments. Implementations hand out copies and
// treat an agrément of another centre exactly as one that does not exist.
type Store interface {
	// CreateAgrement stores a. It returns ErrDuplicateAgrement when its ID
	// is already stored.
	CreateAgrement(ctx context.Context, a Agrement) error
	// Agrement returns the agrément id of centre, or ErrAgrementNotFound.
	Agrement(ctx context.Context, centre tpsession.CentreID, id tpsession.AgrementID) (Agrement, error)
	// UpdateAgrement loads the agrément id of centre, applies fn and saves
	// the result atomically: concurrent updates never lose a write. fn must
	// leave ID and Centre unchanged. It returns ErrAgrementNotFound, or
	// fn's error unchanged, in which case nothing is saved.
	UpdateAgrement(ctx context.Context, centre tpsession.CentreID, id tpsession.AgrementID, fn func(*Agrement) error) error
	// Agrements returns the centre's agréments by ID (creation order); none
	// is an empty slice and no error.
	Agrements(ctx context.Context, centre tpsession.CentreID) ([]Agrement, error)
}
