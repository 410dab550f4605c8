package jury

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Limits on free text, so that a record stays printable on a convocation or
// a PV and a huge input cannot bloat a store.
const (
	maxNameLen = 200
	maxNoteLen = 1000
)

// Member is a jury member of a centre's directory: a professional
// habilitated by the DDETS on one or more titles (arrêté du 22 décembre
// 2015, art. 5), whom the centre may invite to its sessions.
type Member struct {
	ID     tpsession.MemberID
	Centre tpsession.CentreID
	Name   string
	// Email is in the form tpsession.ParseEmail returns (lower case): a
	// user of the jury role is matched to a member by it.
	Email string
	// Employer is the SIRET of the establishment employing the member, empty
	// for a member without an employer (self-employed, retired). It decides
	// the leave-request warning and the conflicts with the candidates that
	// establishment hosted (FindConflicts).
	Employer tpsession.SIRET
	// Habilitations are sorted by title, then by start date.
	Habilitations []Habilitation
	// Unavailable lists the periods the member said they cannot sit on a
	// jury, sorted, disjoint and not touching one another.
	Unavailable []tpsession.DateRange
}

// Habilitation is a member's habilitation on a title over a period, both
// ends included. It is granted by the DDETS of the member's home, valid
// nationally, and lasts at most until the end of the title's validity
// (docs/rules.md#jury-habilitation).
type Habilitation struct {
	Title tpsession.TitleCode
	Valid tpsession.DateRange
}

// MemberInput is a member as the centre enters it, fields named as in the
// HTTP contract; NewMember parses it.
type MemberInput struct {
	Name          string
	Email         string
	EmployerSIRET string // optional
	Habilitations []HabilitationInput
}

// HabilitationInput is a habilitation as entered: dates are YYYY-MM-DD.
type HabilitationInput struct {
	TitleCode  string
	ValidFrom  string
	ValidUntil string
}

// NewMember parses in into a new member of centre with the given ID (the
// caller draws it, tpsession.NewMemberID, so that the package never reads
// the clock). Every bad field of in is reported at once in an
// ErrInvalidMember. The centre and the ID come from the caller, not the
// client: a bad one is a programming error, tpsession.ErrInternal.
func NewMember(centre tpsession.CentreID, id tpsession.MemberID, in MemberInput) (Member, error) {
	if _, err := tpsession.ParseCentreID(string(centre)); err != nil {
		return Member{}, tpsession.ErrInternal.Wrap(err).Withf("a jury member needs a valid centre, got %q", tpsession.Truncate(string(centre), 80))
	}
	if _, err := tpsession.ParseMemberID(string(id)); err != nil {
		return Member{}, tpsession.ErrInternal.Wrap(err).Withf("a jury member needs a valid member ID, got %q", tpsession.Truncate(string(id), 80))
	}
	var fe tpsession.FieldErrors
	m := Member{ID: id, Centre: centre}
	m.parse(in, &fe)
	if err := fe.Err(ErrInvalidMember); err != nil {
		return Member{}, err
	}
	return m, nil
}

// Edit replaces the member's name, e-mail, employer and habilitations with
// those of in, keeping the ID, the centre and the recorded unavailability. On
// error the member is left unchanged.
func (m *Member) Edit(in MemberInput) error {
	var fe tpsession.FieldErrors
	edited := m.Clone()
	edited.parse(in, &fe)
	if err := fe.Err(ErrInvalidMember); err != nil {
		return err
	}
	*m = edited
	return nil
}

func (m *Member) parse(in MemberInput, fe *tpsession.FieldErrors) {
	m.Name = fe.Text("name", in.Name, maxNameLen, true)
	email, err := tpsession.ParseEmail(in.Email)
	fe.AddErr("email", err)
	m.Email = email
	m.Employer = ""
	if strings.TrimSpace(in.EmployerSIRET) != "" {
		siret, err := tpsession.ParseSIRET(in.EmployerSIRET)
		fe.AddErr("employer_siret", err)
		m.Employer = siret
	}
	if len(in.Habilitations) == 0 {
		fe.Add("habilitations", "at least one habilitation is required: members are chosen among those habilitated on the title")
	}
	m.Habilitations = make([]Habilitation, 0, len(in.Habilitations))
	for i, h := range in.Habilitations {
		hab, err := ParseHabilitation(h)
		if err != nil {
			fe.Merge(fmt.Sprintf("habilitations[%d]", i), err)
			continue
		}
		m.Habilitations = append(m.Habilitations, hab)
	}
	slices.SortFunc(m.Habilitations, func(a, b Habilitation) int {
		if c := strings.Compare(string(a.Title), string(b.Title)); c != 0 {
			return c
		}
		return int(a.Valid.From - b.Valid.From)
	})
}

// ParseHabilitation parses one habilitation, its field errors named
// title_code, valid_from and valid_until.
func ParseHabilitation(in HabilitationInput) (Habilitation, error) {
	var fe tpsession.FieldErrors
	title, err := tpsession.ParseTitleCode(in.TitleCode)
	fe.AddErr("title_code", err)
	from, err := tpsession.ParseDate(in.ValidFrom)
	fe.AddErr("valid_from", err)
	until, errUntil := tpsession.ParseDate(in.ValidUntil)
	fe.AddErr("valid_until", errUntil)
	var valid tpsession.DateRange
	if err == nil && errUntil == nil {
		valid, err = tpsession.NewDateRange(from, until)
		fe.AddErr("valid_until", err)
	}
	if err := fe.Err(ErrInvalidMember); err != nil {
		return Habilitation{}, err
	}
	return Habilitation{Title: title, Valid: valid}, nil
}

// NormalizeEmail returns s as tpsession.ParseEmail does (trimmed, a bare
// address with a dot in its domain, in lower case), the form members are
// matched by. Its error is an ErrInvalidMember that also matches
// tpsession.ErrInvalidEmail.
func NormalizeEmail(s string) (string, error) {
	email, err := tpsession.ParseEmail(s)
	if err != nil {
		return "", ErrInvalidMember.Withf("%s", tpsession.MessageOf(err)).Wrap(err)
	}
	return email, nil
}

// Employed reports whether the member has an employer, who must then be
// asked for leave (Code du travail L.3142-42 to 45).
func (m Member) Employed() bool { return m.Employer != "" }

// label names the member in a message: by name, or by ID when the name is
// not known.
func (m Member) label() string {
	if m.Name != "" {
		return m.Name
	}
	return string(m.ID)
}

// HabilitatedOver reports whether the member is habilitated on title for
// every day of period. Habilitations on the same title that follow one
// another without a gap (one until 2 March, the next from 3 March) or
// overlap count together: the member is habilitated every day.
func (m Member) HabilitatedOver(title tpsession.TitleCode, period tpsession.DateRange) bool {
	return m.firstDayNotHabilitated(title, period) > period.Until
}

// firstDayNotHabilitated returns the first day of period on which the
// member holds no habilitation on title, or period.Until+1 when there is
// none. Habilitations are sorted by title then start, so one pass follows
// the chain.
func (m Member) firstDayNotHabilitated(title tpsession.TitleCode, period tpsession.DateRange) date.Date {
	day := period.From
	for _, h := range m.Habilitations {
		if h.Title == title && h.Valid.Contains(day) {
			day = h.Valid.Until + 1
		}
	}
	return day
}

// checkHabilitation returns ErrNotHabilitated naming the member's
// habilitations on the title, the session's dates and the first day not
// covered.
func (m Member) checkHabilitation(s Session) error {
	day := m.firstDayNotHabilitated(s.Title, s.Dates)
	if day > s.Dates.Until {
		return nil
	}
	var held []string
	for _, h := range m.Habilitations {
		if h.Title == s.Title {
			held = append(held, "from "+h.Valid.From.String()+" until "+h.Valid.Until.String())
		}
	}
	if len(held) == 0 {
		return ErrNotHabilitated.Withf("%s has no habilitation on %s, the title of the session from %s until %s",
			m.Name, s.Title, s.Dates.From, s.Dates.Until)
	}
	return ErrNotHabilitated.Withf("%s is habilitated on %s %s, which does not cover %s: the session runs from %s until %s",
		m.Name, s.Title, strings.Join(held, " and "), day, s.Dates.From, s.Dates.Until)
}

// MarkUnavailable records that the member cannot sit on a jury on any day of
// days. A member may record it after being invited: the centre sees it in
// SessionJury.Review.
func (m *Member) MarkUnavailable(days tpsession.DateRange) {
	if days.Until < days.From {
		return
	}
	merged := []tpsession.DateRange{}
	for _, r := range m.Unavailable {
		// Ranges that overlap or touch days merge into it.
		if r.Until+1 < days.From || days.Until+1 < r.From {
			merged = append(merged, r)
			continue
		}
		days.From, days.Until = min(days.From, r.From), max(days.Until, r.Until)
	}
	merged = append(merged, days)
	slices.SortFunc(merged, func(a, b tpsession.DateRange) int { return int(a.From - b.From) })
	m.Unavailable = merged
}

// MarkAvailable withdraws any unavailability the member recorded on days.
func (m *Member) MarkAvailable(days tpsession.DateRange) {
	kept := []tpsession.DateRange{}
	for _, r := range m.Unavailable {
		if !r.Overlaps(days) {
			kept = append(kept, r)
			continue
		}
		if r.From < days.From {
			kept = append(kept, tpsession.DateRange{From: r.From, Until: days.From - 1})
		}
		if days.Until < r.Until {
			kept = append(kept, tpsession.DateRange{From: days.Until + 1, Until: r.Until})
		}
	}
	m.Unavailable = kept
}

// UnavailableDays returns the days of period on which the member recorded
// being unavailable, in order.
func (m Member) UnavailableDays(period tpsession.DateRange) []date.Date {
	var days []date.Date
	for _, r := range m.Unavailable {
		for d := max(r.From, period.From); d <= min(r.Until, period.Until); d++ {
			days = append(days, d)
		}
	}
	return days
}

func (m Member) checkAvailability(s Session) error {
	days := m.UnavailableDays(s.Dates)
	if len(days) == 0 {
		return nil
	}
	return ErrMemberUnavailable.Withf("%s is unavailable on %s, during the session from %s until %s",
		m.Name, joinDates(days), s.Dates.From, s.Dates.Until)
}

// Clone returns a deep copy of the member.
func (m Member) Clone() Member {
	m.Habilitations = slices.Clone(m.Habilitations)
	m.Unavailable = slices.Clone(m.Unavailable)
	return m
}

func joinDates(days []date.Date) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = d.String()
	}
	return strings.Join(parts, ", ")
}
