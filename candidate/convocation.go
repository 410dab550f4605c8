package candidate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// ConvocationLeadDays is the default number of calendar days between the
// validation of a convocation in the Ministry's application (CERES) and the
// session's first day: "La convocation doit être obligatoirement validée
// dans CERES au moins 31 jours avant le début des épreuves"
// (docs/rules.md#convocation-lead-time). The last
// accepted day is the first day minus 31: for a session starting
// 2027-03-01, 2027-01-29 is accepted and 2027-01-30 refused. The abrogated
// 2008 règlement général asked 1 month for a titre session and 15 days for
// a CCP or CCS session; the current text could not be read
// (docs/rules.md#where-sources-disagree), so ConvocationPolicy lets a centre set the lead per kind of session.
const ConvocationLeadDays = 31

// ConvocationPolicy holds the convocation lead time of each kind of
// session, in calendar days. The zero value applies ConvocationLeadDays to
// every kind; a field left at zero (or negative) falls back to it.
type ConvocationPolicy struct {
	TitreLeadDays int
	CCPLeadDays   int
	CCSLeadDays   int
}

// LeadDays returns the lead time for a session of kind k.
func (p ConvocationPolicy) LeadDays(k tpsession.SessionKind) int {
	days := 0
	switch k {
	case tpsession.KindTitre:
		days = p.TitreLeadDays
	case tpsession.KindCCP:
		days = p.CCPLeadDays
	case tpsession.KindCCS:
		days = p.CCSLeadDays
	}
	if days <= 0 {
		return ConvocationLeadDays
	}
	return days
}

// LastValidationDay returns the last day a convocation to s may be
// validated: the session's first day minus the lead time of its kind.
func (p ConvocationPolicy) LastValidationDay(s Session) date.Date {
	return s.Start - date.Date(p.LeadDays(s.Kind))
}

// ConvocationState is where a convocation stands. It is derived from the
// recorded facts, never stored.
type ConvocationState string

// The states of a convocation, in order.
const (
	ConvocationNone      ConvocationState = "none"      // nothing drafted
	ConvocationDrafted   ConvocationState = "drafted"   // drafted, not validated
	ConvocationValidated ConvocationState = "validated" // validated in CERES, not sent
	ConvocationSent      ConvocationState = "sent"      // sent by registered mail, no proof of delivery yet
	ConvocationDelivered ConvocationState = "delivered" // delivered: receipt returned, or handed over
)

// String returns the state's name.
func (s ConvocationState) String() string { return string(s) }

// ConvocationDetails is what a convocation tells the candidate
// (docs/rules.md#convocation-content): every day and time the candidate
// must be present, in order of day (docs/rules.md#convocation-appointments),
// the place, the documents to bring and the personal protective equipment
// (EPI) the épreuves need. A draft may leave the appointments, the place or
// the documents empty; validation needs them.
type ConvocationDetails struct {
	Appointments []Appointment
	Place        string
	Documents    []string
	PPE          []string
}

// UsualDocuments returns the documents every candidate brings on the day,
// as a starting list for a draft: the convocation itself, an identity
// document and the dossier professionnel (candidattitreprofessionnel.fr,
// docs/rules.md#convocation-content). The titre's référentiel may add others.
func UsualDocuments() []string {
	return []string{
		"Convocation",
		"Pièce d'identité en cours de validité",
		"Dossier professionnel (DP)",
	}
}

// ConvocationInput is the outside form of ConvocationDetails: {appointment:
// "2027-03-01T08:30", place, documents: [...], ppe: [...]}, or, for a
// candidate present on several days, appointments: [{at, room?, epreuve?,
// opening?}] instead of appointment.
type ConvocationInput struct {
	Appointment  string
	Appointments []AppointmentInput
	Place        string
	Documents    []string
	PPE          []string
}

// ParseConvocation parses a draft convocation, reporting every bad field at
// once in an ErrInvalidConvocation. Empty fields are allowed in a draft.
func ParseConvocation(in ConvocationInput) (ConvocationDetails, error) {
	var fe tpsession.FieldErrors
	as := parseAppointments(&fe, in.Appointment, in.Appointments)
	d := checkDetails(&fe, ConvocationDetails{Place: in.Place, Documents: in.Documents, PPE: in.PPE})
	d.Appointments = as
	if err := fe.Err(ErrInvalidConvocation); err != nil {
		return ConvocationDetails{}, err
	}
	return d, nil
}

// checkDetails returns d with its texts trimmed, recording their problems.
func checkDetails(fe *tpsession.FieldErrors, d ConvocationDetails) ConvocationDetails {
	return ConvocationDetails{
		Appointments: checkAppointments(fe, "appointments", d.Appointments),
		Place:        fe.Text("place", d.Place, maxPlaceLen, false),
		Documents:    textList(fe, "documents", d.Documents, maxListLen, maxTextLen),
		PPE:          textList(fe, "ppe", d.PPE, maxListLen, maxTextLen),
	}
}

// missing returns the JSON names of what validation needs and d lacks.
func (d ConvocationDetails) missing() []string {
	var m []string
	if len(d.Appointments) == 0 {
		m = append(m, "appointment")
	}
	if d.Place == "" {
		m = append(m, "place")
	}
	if len(d.Documents) == 0 {
		m = append(m, "documents")
	}
	return m
}

// checkAppointment refuses an appointment outside the days of s.
func (d ConvocationDetails) checkAppointment(s Session) error {
	for i, a := range d.Appointments {
		if s.Days().Contains(a.Day) {
			continue
		}
		field := fmt.Sprintf("appointments[%d]", i)
		if len(d.Appointments) == 1 {
			field = "appointment"
		}
		return ErrAppointmentOutsideSession.
			Withf("the appointment on %s at %s is not a day of the session, which runs from %s to %s", a.Day, a.Time, s.Start, s.End).
			WithFields(tpsession.FieldError{Field: field, Message: "must fall on a day of the session, " + s.Days().String()})
	}
	return nil
}

func (d ConvocationDetails) clone() ConvocationDetails {
	d.Appointments = slices.Clone(d.Appointments)
	d.Documents = slices.Clone(d.Documents)
	d.PPE = slices.Clone(d.PPE)
	return d
}

// Convocation is the convocation of one registered candidate: its details,
// the day it was validated in CERES and its delivery.
type Convocation struct {
	ConvocationDetails
	// DraftedOn is the day the convocation was last drafted; zero for a
	// draft recorded before the library kept it, which then counts from the
	// registration.
	DraftedOn date.Date
	// ValidatedOn is the day the convocation was validated in CERES; zero
	// while it is a draft.
	ValidatedOn date.Date
	// Delivery is nil until the convocation is sent or handed over.
	Delivery *Delivery
	// Replaces holds the convocations this one corrects, the earliest
	// first, each as it was validated and delivered; empty for a first
	// convocation (docs/rules.md#convocation-corrections).
	Replaces []Convocation
}

// Validated reports whether the convocation has been validated.
func (c Convocation) Validated() bool { return c.ValidatedOn != date.Zero }

// State derives where the convocation stands from its facts.
func (c Convocation) State() ConvocationState {
	switch {
	case c.Delivery != nil && c.Delivery.DeliveredOn != date.Zero:
		return ConvocationDelivered
	case c.Delivery != nil:
		return ConvocationSent
	case c.Validated():
		return ConvocationValidated
	}
	return ConvocationDrafted
}

// Correction reports whether the convocation corrects an earlier one.
func (c Convocation) Correction() bool { return len(c.Replaces) > 0 }

// Clone returns a deep copy of c.
func (c Convocation) Clone() Convocation {
	c.ConvocationDetails = c.ConvocationDetails.clone()
	if c.Delivery != nil {
		d := *c.Delivery
		c.Delivery = &d
	}
	if c.Replaces != nil {
		rs := make([]Convocation, len(c.Replaces))
		for i, r := range c.Replaces {
			rs[i] = r.Clone()
		}
		c.Replaces = rs
	}
	return c
}

// DraftConvocation drafts the convocation of the registration to session
// s on today, replacing any earlier draft: a centre corrects a draft by
// drafting it again, as often as needed before validation. It refuses a
// withdrawn registration (ErrRegistrationWithdrawn), a convocation already
// validated (ErrConvocationValidated: it would have to be validated again in
// CERES), ill-formed details (ErrInvalidConvocation) and an appointment
// outside the days of the session (ErrAppointmentOutsideSession).
func (r *Registration) DraftConvocation(d ConvocationDetails, s Session, today date.Date) error {
	if err := r.checkSession(s); err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	d = checkDetails(&fe, d)
	if err := fe.Err(ErrInvalidConvocation); err != nil {
		return err
	}
	if err := r.checkActive(); err != nil {
		return err
	}
	if c := r.Convocation; c != nil && c.Validated() {
		return ErrConvocationValidated.Withf("the convocation of candidate %s was validated on %s and can no longer change", r.Candidate, c.ValidatedOn)
	}
	if err := d.checkAppointment(s); err != nil {
		return err
	}
	next := &Convocation{ConvocationDetails: d.clone(), DraftedOn: today}
	if c := r.Convocation; c != nil {
		next.Replaces = c.Clone().Replaces // a correction drafted again still corrects
	}
	r.Convocation = next
	return nil
}

// CorrectConvocation starts, on today, the correction of a validated
// convocation whose appointments no longer hold (docs/rules.md#convocation-corrections): the
// convocation as validated and delivered is kept in Replaces, and d
// becomes a draft, which is validated and delivered again as any
// convocation is, under the same lead time. It refuses a withdrawn
// registration (ErrRegistrationWithdrawn), a convocation not validated yet
// (ErrConvocationNotValidated: draft it again instead), ill-formed details
// (ErrInvalidConvocation) and an appointment outside the days of s
// (ErrAppointmentOutsideSession).
func (r *Registration) CorrectConvocation(d ConvocationDetails, s Session, today date.Date) error {
	if err := r.checkSession(s); err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	d = checkDetails(&fe, d)
	if err := fe.Err(ErrInvalidConvocation); err != nil {
		return err
	}
	if err := r.checkActive(); err != nil {
		return err
	}
	c := r.Convocation
	if c == nil || !c.Validated() {
		return ErrConvocationNotValidated.Withf("the convocation of candidate %s is not validated: correct the draft by drafting it again", r.Candidate)
	}
	if err := d.checkAppointment(s); err != nil {
		return err
	}
	old := c.Clone()
	replaces := old.Replaces
	old.Replaces = nil
	r.Convocation = &Convocation{ConvocationDetails: d.clone(), DraftedOn: today, Replaces: append(replaces, old)}
	return nil
}

// existsFrom returns the first day the convocation exists: the day it was
// drafted, or, for a draft whose day is not recorded, the day of the
// registration; and what that day is.
func (r Registration) existsFrom(s Session) (date.Date, string) {
	if c := r.Convocation; c != nil && c.DraftedOn != date.Zero {
		return c.DraftedOn, "draft"
	}
	return s.dayOf(r.RegisteredAt), "registration"
}

// missingPPE returns the required items the convocation does not list, case
// and spacing aside.
func (c Convocation) missingPPE(required []RequiredPPE) []RequiredPPE {
	var missing []RequiredPPE
	for _, req := range required {
		if !slices.ContainsFunc(c.PPE, func(p string) bool { return samePPE(p, req.Item) }) {
			missing = append(missing, req)
		}
	}
	return missing
}

func samePPE(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// ParseValidatedOn parses the optional validated_on field: the empty string
// is the zero date, which ValidateConvocation reads as today.
func ParseValidatedOn(s string) (date.Date, error) {
	var fe tpsession.FieldErrors
	d := dateField(&fe, "validated_on", s, false)
	if err := fe.Err(ErrInvalidConvocation); err != nil {
		return date.Zero, err
	}
	return d, nil
}

// ValidateConvocation records that the convocation was validated in CERES
// on the day on (today when on is zero). on may be any day up to today
// (ErrInvalidConvocation otherwise). It refuses, in this order:
//
//   - a withdrawn registration (ErrRegistrationWithdrawn), no draft
//     (ErrNoConvocation), a convocation already validated
//     (ErrConvocationValidated);
//   - a convocation without its appointment, place or documents
//     (ErrConvocationIncomplete; docs/rules.md#convocation-content);
//   - an appointment outside the days of s (ErrAppointmentOutsideSession), which a
//     change of the session's dates after drafting can cause;
//   - a validation day before the draft, or before the registration for a
//     draft whose day is not recorded (ErrValidatedBeforeDraft, naming both
//     days): a convocation is validated once it exists, which keeps the
//     31-day rule from being met on paper;
//   - a convocation that does not list the protective equipment the
//     épreuves require, s.RequiredPPE (ErrConvocationPPEMissing, naming the
//     items and where each requirement comes from;
//     docs/rules.md#protective-equipment);
//   - a validation after the last day p allows, the session's first day
//     minus ConvocationLeadDays by default (ErrConvocationTooLate;
//     docs/rules.md#convocation-lead-time).
func (r *Registration) ValidateConvocation(on date.Date, s Session, p ConvocationPolicy, today date.Date) error {
	if err := r.checkSession(s); err != nil {
		return err
	}
	if on == date.Zero {
		on = today
	}
	var fe tpsession.FieldErrors
	fe.PastDate("validated_on", on, today, false)
	if err := fe.Err(ErrInvalidConvocation); err != nil {
		return err
	}
	if err := r.checkActive(); err != nil {
		return err
	}
	c := r.Convocation
	switch {
	case c == nil:
		return ErrNoConvocation.Withf("no convocation of candidate %s has been drafted: draft it before validating it", r.Candidate)
	case c.Validated():
		return ErrConvocationValidated.Withf("the convocation of candidate %s was already validated on %s", r.Candidate, c.ValidatedOn)
	}
	if missing := c.missing(); len(missing) > 0 {
		fields := make([]tpsession.FieldError, len(missing))
		for i, f := range missing {
			fields[i] = tpsession.FieldError{Field: f, Message: "is required to validate the convocation"}
		}
		return ErrConvocationIncomplete.
			Withf("the convocation of candidate %s cannot be validated without its %s", r.Candidate, strings.Join(missing, ", ")).
			WithFields(fields...)
	}
	if err := c.checkAppointment(s); err != nil {
		return err
	}
	if from, what := r.existsFrom(s); on < from {
		return ErrValidatedBeforeDraft.Withf("the convocation of candidate %s cannot be validated on %s, before the %s on %s", r.Candidate, on, what, from).
			WithFields(tpsession.FieldError{Field: "validated_on", Message: fmt.Sprintf("must be on or after %s, the day of the %s", from, what)})
	}
	if missing := c.missingPPE(s.RequiredPPE); len(missing) > 0 {
		items := make([]string, len(missing))
		for i, m := range missing {
			items[i] = fmt.Sprintf("« %s » (%s)", m.Item, m.Source)
		}
		return ErrConvocationPPEMissing.Withf("the convocation of candidate %s does not list the protective equipment the épreuves require: %s; add it to the draft's ppe",
			r.Candidate, strings.Join(items, ", ")).
			WithFields(tpsession.FieldError{Field: "ppe", Message: "must list " + strings.Join(items, ", ")})
	}
	if last := p.LastValidationDay(s); on > last {
		what := ""
		if c.Correction() {
			what = "; a corrected convocation is held to the same lead time, which gives the candidate the same notice of the new times"
		}
		return ErrConvocationTooLate.Withf("validated on %s, must be on or before %s for a session starting %s (%d days ahead)%s", on, last, s.Start, p.LeadDays(s.Kind), what)
	}
	c.ValidatedOn = on
	return nil
}
