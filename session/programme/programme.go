package programme

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Errors of the yearly programming.
var (
	ErrInvalidProgramme   = tpsession.NewError(tpsession.Invalid, "programme.invalid", "the yearly programming is invalid")
	ErrProgrammeNotFound  = tpsession.NewError(tpsession.NotFound, "programme.not_found", "no yearly programming is recorded for that year")
	ErrDuplicateProgramme = tpsession.NewError(tpsession.Conflict, "programme.duplicate", "the yearly programming of that year already exists")
	ErrAlreadySubmitted   = tpsession.NewError(tpsession.Conflict, "programme.already_submitted", "the yearly programming is already submitted")
)

// Programme is a centre's programming of its sessions for one year.
type Programme struct {
	Centre tpsession.CentreID
	Year   int
	// Sessions are the sessions planned that year, in the order given.
	Sessions []Planned
	// SubmittedOn is the day the programme was sent to the DDETS; zero
	// until it is.
	SubmittedOn date.Date
	Note        string
}

// Planned is one session of the programme.
type Planned struct {
	Title      tpsession.TitleCode
	Kind       tpsession.SessionKind
	Site       string
	Start, End date.Date
	Candidates int
	// Modality: a session planned remote, under the Ministry's experiment,
	// is also programmed with the DGEFP (arrêté du 14 novembre 2024).
	Modality tpsession.Modality
}

// Bounds on a programme.
const (
	MinYear     = 2000
	MaxYear     = 2100
	MaxSessions = 500
	maxSiteLen  = 300
	maxNoteLen  = 2000
	// MaxCandidates bounds a planned session's candidates, as a session's.
	MaxCandidates = 500
)

// DueOn returns the day the programme of year is due: 31 January of that
// year (règlement général des sessions d'examen, §1.1: "au moins une fois
// par an, avant le 31 janvier"). A programme submitted on that day is on
// time.
func DueOn(year int) date.Date { return date.New(year, time.January, 31) }

// Input is a programme as the centre enters it: {sessions: [...], note}.
type Input struct {
	Sessions []PlannedInput
	Note     string
}

// PlannedInput is a planned session as entered: {title_code, kind, site,
// start_date, end_date, candidates, modality}.
type PlannedInput struct {
	TitleCode  string
	Kind       string
	Site       string
	StartDate  string
	EndDate    string
	Candidates int
	// Modality is "on_site" (the default when empty) or "remote".
	Modality string
}

// ParseYear checks a year of programming.
func ParseYear(year int) error {
	if year < MinYear || year > MaxYear {
		return ErrInvalidProgramme.Withf("the year must lie between %d and %d, got %d", MinYear, MaxYear, year).
			WithFields(tpsession.FieldError{Field: "year", Message: fmt.Sprintf("must lie between %d and %d", MinYear, MaxYear)})
	}
	return nil
}

// New parses in into the programme of centre for year, reporting every bad
// field at once in an ErrInvalidProgramme: each planned session's title
// code, kind, site, dates (starting in year, the end not before the
// start) and number of candidates.
func New(centre tpsession.CentreID, year int, in Input) (Programme, error) {
	if err := ParseYear(year); err != nil {
		return Programme{}, err
	}
	p := Programme{Centre: centre, Year: year}
	if err := p.Revise(in); err != nil {
		return Programme{}, err
	}
	return p, nil
}

// Revise replaces the programme's sessions and note with those of in,
// checked as by New; a programme may change after it was submitted (a
// session added during the year), its submission day stays.
func (p *Programme) Revise(in Input) error {
	var fe tpsession.FieldErrors
	if len(in.Sessions) > MaxSessions {
		fe.Add("sessions", "must have at most %d sessions, got %d", MaxSessions, len(in.Sessions))
		in.Sessions = nil
	}
	sessions := make([]Planned, 0, len(in.Sessions))
	for i, s := range in.Sessions {
		sessions = append(sessions, parsePlanned(&fe, fmt.Sprintf("sessions[%d]", i), s, p.Year))
	}
	note := fe.Note("note", in.Note, maxNoteLen)
	if err := fe.Err(ErrInvalidProgramme); err != nil {
		return err
	}
	p.Sessions, p.Note = sessions, note
	return nil
}

func parsePlanned(fe *tpsession.FieldErrors, path string, in PlannedInput, year int) Planned {
	var s Planned
	title, err := tpsession.ParseTitleCode(strings.TrimSpace(in.TitleCode))
	fe.AddErr(path+".title_code", err)
	s.Title = title
	kind, err := tpsession.ParseSessionKind(in.Kind)
	fe.AddErr(path+".kind", err)
	s.Kind = kind
	s.Site = fe.Text(path+".site", in.Site, maxSiteLen, true)
	s.Start = dateField(fe, path+".start_date", in.StartDate)
	s.End = dateField(fe, path+".end_date", in.EndDate)
	if s.Start != date.Zero && s.Start.Year() != year {
		fe.Add(path+".start_date", "%s is not in %d, the year of the programme", s.Start, year)
	}
	if s.Start != date.Zero && s.End != date.Zero && s.End < s.Start {
		fe.Add(path+".end_date", "%s is before the start date %s", s.End, s.Start)
	}
	if in.Candidates < 1 || in.Candidates > MaxCandidates {
		fe.Add(path+".candidates", "must be between 1 and %d, got %d", MaxCandidates, in.Candidates)
	}
	s.Candidates = in.Candidates
	m, err := tpsession.ParseModality(in.Modality)
	fe.AddErr(path+".modality", err)
	s.Modality = m
	return s
}

func dateField(fe *tpsession.FieldErrors, field, s string) date.Date {
	if s == "" {
		fe.Add(field, "is required (YYYY-MM-DD)")
		return date.Zero
	}
	d, err := tpsession.ParseDate(s)
	fe.AddErr(field, err)
	return d
}

// Submit records that the programme was sent to the DDETS on the day on,
// which may not be after today. A programme is submitted once
// (ErrAlreadySubmitted, naming the day); later changes are sent as the
// sessions' own information.
func (p *Programme) Submit(on, today date.Date) error {
	var fe tpsession.FieldErrors
	fe.PastDate("submitted_on", on, today, true)
	if on != date.Zero && on.Year() < p.Year-1 {
		fe.Add("submitted_on", "%s is before %d: a programme for %d is sent at the end of %d or in %d", on, p.Year-1, p.Year, p.Year-1, p.Year)
	}
	if err := fe.Err(ErrInvalidProgramme); err != nil {
		return err
	}
	if p.SubmittedOn != date.Zero {
		return ErrAlreadySubmitted.Withf("the programming of %d was already submitted on %s", p.Year, p.SubmittedOn)
	}
	p.SubmittedOn = on
	return nil
}

// Late reports whether the programme was submitted after its due day.
func (p Programme) Late() bool { return p.SubmittedOn > DueOn(p.Year) }

// Clone returns a deep copy of p.
func (p Programme) Clone() Programme {
	p.Sessions = append([]Planned(nil), p.Sessions...)
	return p
}

// Standing is where a year's programming stands on a given day.
type Standing struct {
	Year        int
	Due         date.Date
	SubmittedOn date.Date // zero when not submitted, or when no programme is recorded
	// Recorded tells whether a programme of the year is recorded at all.
	Recorded bool
}

// StandingOf returns where the programming of year stands: p is the
// centre's programme of that year, nil when none is recorded.
func StandingOf(year int, p *Programme) Standing {
	s := Standing{Year: year, Due: DueOn(year)}
	if p != nil {
		s.Recorded, s.SubmittedOn = true, p.SubmittedOn
	}
	return s
}

// Late reports whether the programming was submitted after its due day.
func (s Standing) Late() bool { return s.SubmittedOn > s.Due }

// Overdue reports whether, on today, the due day has passed with nothing
// submitted.
func (s Standing) Overdue(today date.Date) bool { return s.SubmittedOn == date.Zero && today > s.Due }

// Finding describes a non-compliance of the programming on today, "" when
// there is none: submitted late, or due and not submitted.
func (s Standing) Finding(today date.Date) string {
	switch {
	case s.Late():
		return fmt.Sprintf("the yearly programming of %d was submitted on %s, after it was due on %s (règlement général des sessions d'examen, §1.1)", s.Year, s.SubmittedOn, s.Due)
	case s.Overdue(today):
		what := "is not submitted"
		if !s.Recorded {
			what = "is not recorded"
		}
		return fmt.Sprintf("the yearly programming of %d %s, although it was due on %s (règlement général des sessions d'examen, §1.1): record and submit it", s.Year, what, s.Due)
	}
	return ""
}

// Store keeps the centres' programmes, one per centre and year.
// Implementations hand out copies and treat another centre's programme
// exactly as one that does not exist.
type Store interface {
	// CreateProgramme stores p; ErrDuplicateProgramme when the centre has
	// one for that year.
	CreateProgramme(ctx context.Context, p Programme) error
	// Programme returns the programme of centre for year, or
	// ErrProgrammeNotFound.
	Programme(ctx context.Context, centre tpsession.CentreID, year int) (Programme, error)
	// UpdateProgramme loads the programme of centre for year, applies fn
	// and saves the result atomically; fn must leave Centre and Year
	// unchanged. It returns ErrProgrammeNotFound, or fn's error unchanged,
	// in which case nothing is saved.
	UpdateProgramme(ctx context.Context, centre tpsession.CentreID, year int, fn func(*Programme) error) error
	// Programmes returns the centre's programmes by year.
	Programmes(ctx context.Context, centre tpsession.CentreID) ([]Programme, error)
}
