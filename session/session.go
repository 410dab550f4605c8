package session

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Status is how far a session has gone. It is the furthest milestone
// reached: the milestones are recorded as they happen, in whatever order the
// centre works, and the status is derived from them.
type Status string

// The statuses, in lifecycle order; Cancelled can be reached from any status
// before Opened.
const (
	StatusPreparation      Status = "preparation"
	StatusDeclared         Status = "declared"
	StatusPliOrdered       Status = "pli_ordered"
	StatusConvocationsSent Status = "convocations_sent"
	StatusReady            Status = "ready"
	StatusOpened           Status = "opened"
	// StatusClosed: every jury member has signed the procès-verbal
	// (docs/rules.md#the-procès-verbal).
	StatusClosed Status = "closed"
	// StatusValidated: the administration validated the results
	// (docs/rules.md#validation).
	StatusValidated Status = "validated"
	StatusCancelled Status = "cancelled"
)

// Statuses lists the statuses in lifecycle order.
var Statuses = []Status{StatusPreparation, StatusDeclared, StatusPliOrdered, StatusConvocationsSent, StatusReady, StatusOpened, StatusClosed, StatusValidated, StatusCancelled}

// ParseStatus parses a status name.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", tpsession.ErrInvalidInput.Withf("unknown status %q", s)
}

// Person is someone the session names: the responsable de session.
type Person struct {
	Name  string
	Email string
}

// Milestones are the dated facts a session's status derives from. Only the
// Session's methods record them; stores read and restore them with
// [Session.Milestones] and [Session.RestoreMilestones].
type Milestones struct {
	DeclaredOn         date.Date // recorded as created in the Ministry's application (CERES)
	PliOrderedOn       date.Date
	ConvocationsSentOn date.Date // every registered candidate's convocation validated
	ReadyOn            date.Date // the readiness verdict was first "ready"
	OpenedAt           time.Time
	OpenedOn           date.Date // the day of OpenedAt in the centre's time zone
	// ClosedOn is the day every jury member had signed the procès-verbal.
	ClosedOn date.Date
	// ValidatedOn is the day of the administration's validation of the
	// results.
	ValidatedOn date.Date
	CancelledOn date.Date
}

// Session is one exam session of a centre: a titre professionnel (or one of
// its CCPs, or a CCS) evaluated at a site between two dates.
type Session struct {
	ID        tpsession.SessionID
	Centre    tpsession.CentreID
	Title     tpsession.TitleCode
	TitleName string
	Kind      tpsession.SessionKind
	// Site is where the plateau technique is: the place the centre's
	// agrément names (docs/rules.md#equipment-operational).
	Site string
	// Region selects the public holidays of the site; the zero value is
	// metropolitan France.
	Region tpsession.Region
	// UsesComputers says whether the épreuves use computers, which must
	// then be configured so as to prevent fraud
	// (docs/rules.md#computers-secured).
	UsesComputers     bool
	Start, End        date.Date
	PlannedCandidates int
	Responsable       Person
	CreatedAt         time.Time
	// Revision names the revision of the title the session evaluates, when
	// the centre pins one (a session of an old revision in its délai de
	// prolongation); empty, the title register's revision in force on the
	// start date.
	Revision string
	// CCPs are the CCPs a CCP session evaluates, codes of the title
	// register's revision.
	CCPs []string
	// Modality is on site (the zero value) or remote, under the Ministry's
	// experiment; the title register says which sessions may be remote.
	Modality tpsession.Modality

	m Milestones
}

// Dates returns the session's days, first and last included.
func (s Session) Dates() tpsession.DateRange { return tpsession.DateRange{From: s.Start, Until: s.End} }

// Calendar returns the working-day calendar of the session's site.
func (s Session) Calendar() tpsession.Calendar { return tpsession.Calendar{Region: s.Region} }

// Milestones returns the recorded milestones.
func (s Session) Milestones() Milestones { return s.m }

// RestoreMilestones sets the milestones of a session read back from a store.
// It is for stores only: everything else records milestones through the
// Session's methods.
func (s *Session) RestoreMilestones(m Milestones) { s.m = m }

// Status returns the furthest milestone reached.
func (s Session) Status() Status {
	switch {
	case s.m.CancelledOn != date.Zero:
		return StatusCancelled
	case s.m.ValidatedOn != date.Zero:
		return StatusValidated
	case s.m.ClosedOn != date.Zero:
		return StatusClosed
	case s.m.OpenedOn != date.Zero:
		return StatusOpened
	case s.m.ReadyOn != date.Zero:
		return StatusReady
	case s.m.ConvocationsSentOn != date.Zero:
		return StatusConvocationsSent
	case s.m.PliOrderedOn != date.Zero:
		return StatusPliOrdered
	case s.m.DeclaredOn != date.Zero:
		return StatusDeclared
	}
	return StatusPreparation
}

// Clone returns a deep copy.
func (s Session) Clone() Session {
	s.CCPs = slices.Clone(s.CCPs)
	return s
}

// Details are the fields of a session a centre chooses: what it evaluates,
// where, when, for how many candidates, and who is responsible.
type Details struct {
	Title             string
	TitleName         string
	Kind              string
	Site              string
	Region            string
	Start, End        date.Date
	PlannedCandidates int
	Responsable       Person
	UsesComputers     bool
	// Revision, CCPs and Modality are optional: see Session.
	Revision string
	CCPs     []string
	Modality string
}

// MaxPlannedCandidates bounds the planned number of candidates: far above
// any real session, low enough to catch a typing slip.
const MaxPlannedCandidates = 500

// Bounds on a session's free text, in characters: a title's name as the
// RNCP writes it (the longest run to about 150), a site's address, a
// person's name. They keep a value on the lines of the documents and the
// calendars that print it.
const (
	MaxTitleNameLen  = 200
	MaxSiteLen       = 300
	MaxPersonNameLen = 200
)

// New returns a session in preparation, checking every field: the title
// code, the kind, the site, the dates (working days, the end not before the
// start) and the responsable de session.
func New(id tpsession.SessionID, centre tpsession.CentreID, d Details, createdAt time.Time) (Session, error) {
	var fe tpsession.FieldErrors
	title, err := tpsession.ParseTitleCode(d.Title)
	fe.AddErr("title_code", err)
	titleName := fe.Text("title_name", d.TitleName, MaxTitleNameLen, true)
	kind, err := tpsession.ParseSessionKind(d.Kind)
	fe.AddErr("kind", err)
	region, err := tpsession.ParseRegion(d.Region)
	fe.AddErr("region", err)
	site := fe.Text("site", d.Site, MaxSiteLen, true)
	checkPlanned(&fe, d.PlannedCandidates)
	responsable := checkResponsable(&fe, d.Responsable)
	checkDates(&fe, tpsession.Calendar{Region: region}, d.Start, d.End)
	revision := fe.Text("revision", d.Revision, maxRevisionLen, false)
	ccps := checkCCPs(&fe, kind, d.CCPs)
	modality, err := tpsession.ParseModality(d.Modality)
	fe.AddErr("modality", err)
	if err := fe.Err(ErrInvalidSession); err != nil {
		return Session{}, err
	}
	return Session{
		ID:                id,
		Centre:            centre,
		Title:             title,
		TitleName:         titleName,
		Kind:              kind,
		Site:              site,
		Region:            region,
		Start:             d.Start,
		End:               d.End,
		PlannedCandidates: d.PlannedCandidates,
		Responsable:       responsable,
		UsesComputers:     d.UsesComputers,
		CreatedAt:         createdAt,
		Revision:          revision,
		CCPs:              ccps,
		Modality:          modality,
	}, nil
}

// Bounds on a session's revision and CCPs.
const (
	maxRevisionLen = 40
	maxCCPLen      = 40
	// MaxCCPs bounds the CCPs of a CCP session: a title has a handful.
	MaxCCPs = 20
)

// checkCCPs checks the CCPs of a session: only a CCP session names them,
// each once.
func checkCCPs(fe *tpsession.FieldErrors, kind tpsession.SessionKind, in []string) []string {
	if len(in) == 0 {
		return nil
	}
	if kind != tpsession.KindCCP {
		fe.Add("ccps", "only a CCP session names the CCPs it evaluates; this is a %s session", kind)
		return nil
	}
	if len(in) > MaxCCPs {
		fe.Add("ccps", "must have at most %d CCPs, got %d", MaxCCPs, len(in))
		return nil
	}
	var out []string
	for i, c := range in {
		field := fmt.Sprintf("ccps[%d]", i)
		c = fe.Text(field, c, maxCCPLen, true)
		if j := slices.Index(out, c); j >= 0 && c != "" {
			fe.Add(field, "repeats ccps[%d]", j)
		}
		out = append(out, c)
	}
	return out
}

func checkPlanned(fe *tpsession.FieldErrors, n int) {
	if n < 1 || n > MaxPlannedCandidates {
		fe.Add("planned_candidates", "must be between 1 and %d, got %d", MaxPlannedCandidates, n)
	}
}

// checkResponsable returns the responsable de session as recorded: the name
// trimmed, the e-mail address in the form tpsession.ParseEmail returns.
func checkResponsable(fe *tpsession.FieldErrors, p Person) Person {
	name := fe.Text("responsable.name", p.Name, MaxPersonNameLen, true)
	email, err := tpsession.ParseEmail(p.Email)
	fe.AddErr("responsable.email", err)
	return Person{Name: name, Email: email}
}

// checkDates enforces that a session runs between two working days of its
// site, the end not before the start.
func checkDates(fe *tpsession.FieldErrors, cal tpsession.Calendar, start, end date.Date) {
	if start == date.Zero {
		fe.Add("start_date", "is required")
	} else if !cal.IsWorkingDay(start) {
		fe.Add("start_date", "%s is not a working day (%s); the next one is %s", start, dayKind(cal, start), cal.Next(start))
	}
	if end == date.Zero {
		fe.Add("end_date", "is required")
	} else if !cal.IsWorkingDay(end) {
		fe.Add("end_date", "%s is not a working day (%s); the previous one is %s", end, dayKind(cal, end), cal.Previous(end))
	}
	if start != date.Zero && end != date.Zero && end < start {
		fe.Add("end_date", "%s is before the start date %s", end, start)
	}
}

func dayKind(cal tpsession.Calendar, d date.Date) string {
	if h, ok := cal.Holiday(d); ok {
		return h.Name
	}
	return strings.ToLower(d.Weekday().String())
}

// CheckWritable refuses changes to a session that is opened, closed,
// validated or cancelled: its preparation is over.
func (s Session) CheckWritable() error {
	switch st := s.Status(); st {
	case StatusOpened, StatusClosed, StatusValidated, StatusCancelled:
		return ErrNotWritable.Withf("session %s is %s: its preparation can no longer change", s.ID, st)
	}
	return nil
}

// Declare records that the session was created in the Ministry's application
// on the given day, which may not be after today.
func (s *Session) Declare(on, today date.Date) error {
	if err := pastFact("declared_on", on, today); err != nil {
		return err
	}
	if err := s.CheckWritable(); err != nil {
		return err
	}
	if s.m.DeclaredOn != date.Zero {
		return ErrAlreadyDeclared.Withf("session %s was already declared on %s (its status is %s)", s.ID, s.m.DeclaredOn, s.Status())
	}
	s.m.DeclaredOn = on
	return nil
}

// pastFact refuses the day of a recorded fact when it is missing or after
// today. Commands check it before anything else: bad input is reported
// before the state of the session (docs/http-api.md#order-of-checks).
func pastFact(field string, on, today date.Date) error {
	var fe tpsession.FieldErrors
	fe.PastDate(field, on, today, true)
	return fe.Err(tpsession.ErrInvalidInput)
}

// RecordPliOrdered records the pli_ordered milestone; later calls keep the
// first date.
func (s *Session) RecordPliOrdered(on date.Date) { s.m.PliOrderedOn = first(s.m.PliOrderedOn, on) }

// RecordConvocationsSent records the convocations_sent milestone; later
// calls keep the first date.
func (s *Session) RecordConvocationsSent(on date.Date) {
	s.m.ConvocationsSentOn = first(s.m.ConvocationsSentOn, on)
}

// RecordReady records the ready milestone; later calls keep the first date.
func (s *Session) RecordReady(on date.Date) { s.m.ReadyOn = first(s.m.ReadyOn, on) }

func first(recorded, on date.Date) date.Date {
	if recorded != date.Zero {
		return recorded
	}
	return on
}

// Open opens the session at the instant at. The rules: only on the
// session's start date, and only when the readiness verdict is "ready":
// notReady is nil when it is, and otherwise the error that says why (the
// checklist's verdict), returned as it is.
func (s *Session) Open(at time.Time, today date.Date, notReady error) error {
	if err := s.CheckWritable(); err != nil {
		return err
	}
	if today != s.Start {
		return ErrOpenNotOnStartDate.Withf("session %s (status %s) starts on %s: it can only be opened that day, not on %s", s.ID, s.Status(), s.Start, today)
	}
	if notReady != nil {
		return notReady
	}
	s.m.ReadyOn = first(s.m.ReadyOn, today)
	s.m.OpenedAt = at
	s.m.OpenedOn = today
	return nil
}

// Close records that an opened session closed on the day its
// procès-verbal was completed; the Service calls it when the exam's record
// closes (docs/rules.md#the-procès-verbal).
func (s *Session) Close(on date.Date) error {
	switch st := s.Status(); st {
	case StatusOpened:
		s.m.ClosedOn = on
		return nil
	case StatusClosed, StatusValidated, StatusCancelled:
		return ErrNotWritable.Withf("session %s is already %s", s.ID, st)
	default:
		return ErrNotOpened.Withf("session %s is %s: only an opened session can be closed", s.ID, st)
	}
}

// Validate records that the administration validated a closed session's
// results on the day on; the Service calls it with the exam's validation
// (docs/rules.md#validation).
func (s *Session) Validate(on date.Date) error {
	switch st := s.Status(); st {
	case StatusClosed:
		s.m.ValidatedOn = on
		return nil
	case StatusValidated:
		return ErrNotWritable.Withf("session %s was validated on %s", s.ID, s.m.ValidatedOn)
	default:
		return ErrNotClosed.Withf("session %s is %s: its results are validated once its procès-verbal is closed", s.ID, st)
	}
}

// Cancel cancels a session that has not been opened.
func (s *Session) Cancel(on date.Date) error {
	if err := s.CheckWritable(); err != nil {
		return err
	}
	s.m.CancelledOn = on
	return nil
}

// Change is a change of a session's details; nil fields stay as they are.
type Change struct {
	Start, End        *date.Date
	PlannedCandidates *int
	Site              *string
	UsesComputers     *bool
	Modality          *string
}

// Apply checks and applies a change: the session must still be writable,
// and the new dates working days with the end not before the start. The
// rules that depend on other aggregates (validated convocations, jury
// habilitations) are checked by the Service before it calls Apply.
func (s *Session) Apply(c Change) error {
	if err := s.CheckWritable(); err != nil {
		return err
	}
	start, end := s.Start, s.End
	if c.Start != nil {
		start = *c.Start
	}
	if c.End != nil {
		end = *c.End
	}
	var fe tpsession.FieldErrors
	checkDates(&fe, s.Calendar(), start, end)
	if c.PlannedCandidates != nil {
		checkPlanned(&fe, *c.PlannedCandidates)
	}
	var site string
	if c.Site != nil {
		site = fe.Text("site", *c.Site, MaxSiteLen, true)
	}
	var modality tpsession.Modality
	if c.Modality != nil {
		m, err := tpsession.ParseModality(*c.Modality)
		fe.AddErr("modality", err)
		modality = m
	}
	if err := fe.Err(ErrInvalidSession); err != nil {
		return err
	}
	if c.Modality != nil {
		s.Modality = modality
	}
	s.Start, s.End = start, end
	if c.PlannedCandidates != nil {
		s.PlannedCandidates = *c.PlannedCandidates
	}
	if c.Site != nil {
		s.Site = site
	}
	if c.UsesComputers != nil {
		s.UsesComputers = *c.UsesComputers
	}
	return nil
}
