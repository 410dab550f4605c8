package pli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Status is how far a pli has gone in its lifecycle. It is derived from the
// recorded facts, never stored.
type Status string

// The statuses, in lifecycle order.
const (
	StatusNotOrdered       Status = "not_ordered"
	StatusOrdered          Status = "ordered"
	StatusReceived         Status = "received"
	StatusOrganisateurRead Status = "organisateur_read" // the DTE organisateur read, its materials recorded
	StatusSecured          Status = "secured"           // the DTE jury and candidat locked away
	StatusOpened           Status = "opened"            // the DTE jury and candidat opened at the session's opening
)

var lifecycle = []Status{StatusNotOrdered, StatusOrdered, StatusReceived, StatusOrganisateurRead, StatusSecured, StatusOpened}

// rank is the position of s in the lifecycle, -1 for an unknown status.
func (s Status) rank() int { return slices.Index(lifecycle, s) }

// String returns the status's stable snake_case name.
func (s Status) String() string { return string(s) }

// MinWitnesses is the number of distinct people, at least, in front of whom
// the DTE jury and candidat are opened. The 2008 règlement (docs/rules.md#pli-opening)
// had the jury members check that the plis were sealed before the
// administration's representative, the responsable de session or a jury
// member opened them; a jury has at least two members (arrêté du
// 22 décembre 2015, art. 6), so two witnesses are always present at a
// lawful opening, and one alone could not attest a seal.
const MinWitnesses = tpsession.MinJuryMembers

// MaxTextLen bounds every free-text input (names, places, reasons), in
// characters, so that a custody entry stays a readable line.
const MaxTextLen = 500

// Material is one item of the DTE organisateur's list of required
// materials (docs/rules.md#pli-custody).
type Material struct {
	Name     string
	Quantity int
	Epreuve  string // the épreuve needing it, "" when the DTE does not say
}

// Access describes an access to the DTEs in custody, for RecordAccess.
type Access struct {
	Reason  string // why: "seal check before the jury briefing"
	Unseals bool   // the access opens the DTE jury or candidat
}

// Pli is the pli d'examen of one session: the dossiers techniques d'examen
// (DTE organisateur, jury and candidat) ordered from the Ministry's chain,
// received, read, kept in custody and opened (docs/rules.md#pli-custody).
//
// The fields are the recorded facts, for stores to persist; change them only
// through the methods, which enforce the lifecycle, validate the input and
// append to the custody log. A zero date or instant means the step has not
// happened.
type Pli struct {
	ID      tpsession.PliID
	Centre  tpsession.CentreID
	Session tpsession.SessionID

	OrderedOn  date.Date
	ReceivedOn date.Date
	Materials  []Material // the DTE organisateur's list; empty until read
	// PPE is the personal protective equipment the DTE organisateur says
	// the candidates bring, which their convocations must list
	// (docs/rules.md#protective-equipment).
	PPE []string

	Location  string    // where the DTE jury and candidat are locked away
	Custodian string    // who has them in custody
	SecuredAt time.Time // when they were locked away

	Witnesses []string  // in front of whom they were opened
	OpenedAt  time.Time // when they were opened

	Custody Log
}

// New returns the pli of session in centre, with the given ID, not ordered
// yet. The caller draws the ID (tpsession.NewPliID), so that the package
// never reads the clock. The centre, the ID and the session come from the session service,
// not from the client: a bad one is a programming error of the caller,
// tpsession.ErrInternal.
func New(centre tpsession.CentreID, id tpsession.PliID, session tpsession.SessionID) (Pli, error) {
	if _, err := tpsession.ParseCentreID(string(centre)); err != nil {
		return Pli{}, tpsession.ErrInternal.Wrap(err).Withf("a pli needs a valid centre, got %q", tpsession.Truncate(string(centre), 80))
	}
	if _, err := tpsession.ParsePliID(string(id)); err != nil {
		return Pli{}, tpsession.ErrInternal.Wrap(err).Withf("a pli needs a valid pli ID, got %q", tpsession.Truncate(string(id), 80))
	}
	if _, err := tpsession.ParseSessionID(string(session)); err != nil {
		return Pli{}, tpsession.ErrInternal.Wrap(err).Withf("a pli needs a valid session ID, got %q", tpsession.Truncate(string(session), 80))
	}
	return Pli{ID: id, Centre: centre, Session: session}, nil
}

// Status derives the pli's status from its recorded facts.
func (p Pli) Status() Status {
	switch {
	case !p.OpenedAt.IsZero():
		return StatusOpened
	case !p.SecuredAt.IsZero():
		return StatusSecured
	case len(p.Materials) > 0:
		return StatusOrganisateurRead
	case p.ReceivedOn != date.Zero:
		return StatusReceived
	case p.OrderedOn != date.Zero:
		return StatusOrdered
	default:
		return StatusNotOrdered
	}
}

// Clone returns a deep copy of p.
func (p Pli) Clone() Pli {
	c := p
	c.Materials = slices.Clone(p.Materials)
	c.PPE = slices.Clone(p.PPE)
	c.Witnesses = slices.Clone(p.Witnesses)
	c.Custody = slices.Clone(p.Custody)
	return c
}

// Order records that the pli was ordered on orderedOn (any day up to today).
// Ordering later than OrderBy(start) is allowed: Advise reports it as a
// warning (docs/rules.md#pli-order-lead-time).
//
// Errors: tpsession.ErrInternal (at missing or before the custody log's
// last entry, actor missing: see the package's doc);
// ErrInvalid (ordered_on missing or after today); ErrStepRepeated when the
// pli was already ordered.
func (p *Pli) Order(orderedOn, today date.Date, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	fe.PastDate("ordered_on", orderedOn, today, true)
	if err := p.admit(fe, "order the pli", StatusOrdered, at); err != nil {
		return err
	}
	p.OrderedOn = orderedOn
	p.Custody.append(at, actor, ActionOrdered, "pli ordered on "+orderedOn.String())
	return nil
}

// Receive records that the pli arrived on receivedOn: any day from the order
// date up to today. Reading the DTE organisateur is the next step
// (ReadOrganisateur), or the same call with ReceiveAndRead.
//
// Errors: tpsession.ErrInternal (at, actor); ErrInvalid (received_on
// missing, after today or before the order date); ErrOutOfOrder when the pli
// is not ordered; ErrStepRepeated when it was already received.
func (p *Pli) Receive(receivedOn, today date.Date, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	fe.PastDate("received_on", receivedOn, today, true)
	if err := p.checkReceipt(fe, receivedOn, at); err != nil {
		return err
	}
	p.receive(receivedOn, at, actor)
	return nil
}

// ReadOrganisateur records that the DTE organisateur was read, with its list
// of required materials (at least one; docs/rules.md#pli-custody): the
// readiness checks compare
// the centre's equipment with it.
//
// Errors: tpsession.ErrInternal (at, actor); ErrInvalid (materials);
// ErrOutOfOrder when the pli is not received; ErrStepRepeated when the DTE
// organisateur was already read.
func (p *Pli) ReadOrganisateur(materials []Material, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	ms := checkMaterials(&fe, materials)
	if err := p.admit(fe, "read the DTE organisateur", StatusOrganisateurRead, at); err != nil {
		return err
	}
	p.read(ms, at, actor)
	return nil
}

// MaxPPE bounds the DTE organisateur's list of protective equipment.
const MaxPPE = 30

// RecordPPE records the personal protective equipment (EPI) the DTE
// organisateur says each candidate brings, replacing the list recorded
// before: the convocations must list every item ("les documents et
// équipement de protection individuelle à apporter le jour des épreuves").
// An empty list records that the DTE asks for none. Each step is in the
// custody log.
//
// Errors: tpsession.ErrInternal (at, actor); ErrInvalid (an item empty,
// too long or listed twice, case aside; more than MaxPPE); ErrOutOfOrder
// before the DTE organisateur is read; ErrStepRepeated once the pli is
// opened.
func (p *Pli) RecordPPE(ppe []string, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	items := checkPPE(&fe, ppe)
	if err := fe.Err(ErrInvalid); err != nil {
		return err
	}
	switch st := p.Status(); st {
	case StatusNotOrdered, StatusOrdered, StatusReceived:
		return ErrOutOfOrder.Withf("cannot record the DTE organisateur's protective equipment: the pli's status is %q, the DTE organisateur must be read first", st)
	case StatusOpened:
		return ErrStepRepeated.Withf("cannot record the DTE organisateur's protective equipment: the pli was opened on %s", p.OpenedAt.UTC().Format(time.DateOnly))
	}
	if err := p.Custody.checkNext(at); err != nil {
		return err
	}
	p.PPE = items
	detail := "DTE organisateur: no protective equipment to bring"
	if len(items) > 0 {
		detail = "DTE organisateur: protective equipment to bring: " + quoteAll(items)
	}
	p.Custody.append(at, actor, ActionPPERecorded, detail)
	return nil
}

func checkPPE(fe *tpsession.FieldErrors, in []string) []string {
	if len(in) > MaxPPE {
		fe.Add("ppe", "must have at most %d items, got %d", MaxPPE, len(in))
		return nil
	}
	out := make([]string, 0, len(in))
	for i, item := range in {
		f := fmt.Sprintf("ppe[%d]", i)
		item = fe.Text(f, item, MaxTextLen, true)
		if j := slices.IndexFunc(out, func(o string) bool { return strings.EqualFold(o, item) }); j >= 0 && item != "" {
			fe.Add(f, "repeats ppe[%d]", j)
		}
		out = append(out, item)
	}
	return out
}

// ReceiveAndRead records the receipt and the reading of the DTE organisateur
// at once, as two custody entries at the same instant: either both steps are
// recorded or, on error, neither. Every input problem is reported together.
//
// Errors: those of Receive and ReadOrganisateur.
func (p *Pli) ReceiveAndRead(receivedOn, today date.Date, materials []Material, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	fe.PastDate("received_on", receivedOn, today, true)
	ms := checkMaterials(&fe, materials)
	if err := p.checkReceipt(fe, receivedOn, at); err != nil {
		return err
	}
	p.receive(receivedOn, at, actor)
	p.read(ms, at, actor)
	return nil
}

// checkReceipt returns the input problems in fe, or else the lifecycle
// refusal, or else the problem of a receipt dated before the order.
func (p *Pli) checkReceipt(fe tpsession.FieldErrors, receivedOn date.Date, at time.Time) error {
	if err := p.admit(fe, "receive the pli", StatusReceived, at); err != nil {
		return err
	}
	if receivedOn < p.OrderedOn {
		fe.Add("received_on", "%s is before the pli was ordered on %s", receivedOn, p.OrderedOn)
	}
	return fe.Err(ErrInvalid)
}

func (p *Pli) receive(receivedOn date.Date, at time.Time, actor string) {
	p.ReceivedOn = receivedOn
	p.Custody.append(at, actor, ActionReceived, "pli received on "+receivedOn.String())
}

func (p *Pli) read(ms []Material, at time.Time, actor string) {
	p.Materials = ms
	p.Custody.append(at, actor, ActionOrganisateurRead, "DTE organisateur read; materials required: "+describeMaterials(ms))
}

// Secure records that the DTE jury and candidat were locked away in location,
// in the custody of custodian, where they stay until the session opens
// (docs/rules.md#pli-custody).
//
// Errors: tpsession.ErrInternal (at, actor); ErrInvalid (location,
// custodian); ErrOutOfOrder before the DTE organisateur is read;
// ErrStepRepeated once secured.
func (p *Pli) Secure(location, custodian string, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	location = fe.Text("location", location, MaxTextLen, true)
	custodian = fe.Text("custodian", custodian, MaxTextLen, true)
	if err := p.admit(fe, "secure the DTE jury and candidat", StatusSecured, at); err != nil {
		return err
	}
	p.Location, p.Custodian, p.SecuredAt = location, custodian, recordedAt(at)
	p.Custody.append(at, actor, ActionSecured, fmt.Sprintf("DTE jury and candidat secured in %q, custodian %q", location, custodian))
	return nil
}

// RecordAccess logs an access to the DTEs once the pli is received: a seal
// check, a move, a consultation after the opening. An access that unseals the
// DTE jury or candidat before they are opened in front of witnesses (Open) is
// refused, and the refused attempt is appended to the custody log as
// ActionOpenRefused.
//
// On ErrSealed the pli has changed: save it, then return the error (see
// RefusalLogged).
//
// Errors: tpsession.ErrInternal (at, actor); ErrInvalid (reason);
// ErrOutOfOrder before the pli is received; ErrSealed for an unsealing
// access before the opening.
func (p *Pli) RecordAccess(a Access, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	reason := fe.Text("reason", a.Reason, MaxTextLen, true)
	if err := fe.Err(ErrInvalid); err != nil {
		return err
	}
	s := p.Status()
	if s.rank() < StatusReceived.rank() {
		return ErrOutOfOrder.Withf("cannot record an access to the DTEs: the pli's status is %q, it has not been received", s)
	}
	if err := p.Custody.checkNext(at); err != nil {
		return err
	}
	if a.Unseals && s != StatusOpened {
		p.Custody.append(at, actor, ActionOpenRefused, fmt.Sprintf("refused access unsealing the DTE jury or candidat before their opening: %q", reason))
		return ErrSealed.Withf("the DTE jury and candidat stay sealed until they are opened in front of witnesses at the session's opening (the pli's status is %q); the refused attempt is recorded in the custody log", s)
	}
	p.Custody.append(at, actor, ActionAccessed, fmt.Sprintf("DTEs accessed: %q", reason))
	return nil
}

// Open records the opening of the DTE jury and candidat in front of the named
// witnesses (at least MinWitnesses distinct people). sessionOpened is the
// session's state, which the caller knows: before the session is opened the
// DTEs stay in their secure place (docs/rules.md#pli-custody), so the
// attempt is refused with
// ErrSessionNotOpened and appended to the custody log as ActionOpenRefused.
//
// On ErrSessionNotOpened the pli has changed and must be saved although the
// method failed: inside Store.UpdatePli, whose closure's error aborts the
// save, keep the error aside, return nil from the closure, then return the
// error (see RefusalLogged).
//
// Errors: tpsession.ErrInternal (at, actor); ErrInvalid (witnesses);
// ErrOutOfOrder before the DTEs are secured; ErrStepRepeated once opened;
// ErrSessionNotOpened.
func (p *Pli) Open(sessionOpened bool, witnesses []string, at time.Time, actor string) error {
	actor, err := checkEvent(at, actor)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	ws := checkWitnesses(&fe, witnesses)
	if err := p.admit(fe, "open the DTE jury and candidat", StatusOpened, at); err != nil {
		return err
	}
	names := quoteAll(ws)
	if !sessionOpened {
		p.Custody.append(at, actor, ActionOpenRefused, "refused opening of the DTE jury and candidat before the session is opened; witnesses "+names)
		return ErrSessionNotOpened.Withf("the DTE jury and candidat stay in their secure place until the session is opened, and it is not; the refused attempt is recorded in the custody log")
	}
	p.Witnesses, p.OpenedAt = ws, recordedAt(at)
	p.Custody.append(at, actor, ActionOpened, "DTE jury and candidat opened in front of "+names)
	return nil
}

// RefusalLogged reports whether err is a refusal that Open or RecordAccess
// appended to the custody log: the caller must save the pli, then return
// err.
func RefusalLogged(err error) bool {
	return errors.Is(err, ErrSessionNotOpened) || errors.Is(err, ErrSealed)
}

// admit returns the input problems recorded in fe, if any, and otherwise
// checks that the step leading to status next may happen now: the pli must be
// at the status just before it, and at must not come before the custody
// log's last entry.
func (p *Pli) admit(fe tpsession.FieldErrors, step string, next Status, at time.Time) error {
	if err := fe.Err(ErrInvalid); err != nil {
		return err
	}
	s, want := p.Status(), lifecycle[next.rank()-1]
	switch {
	case s == want:
		return p.Custody.checkNext(at)
	case s.rank() < want.rank():
		return ErrOutOfOrder.Withf("cannot %s: the pli's status is %q, the step needs %q", step, s, want)
	default:
		return ErrStepRepeated.Withf("cannot %s: it was already done (the pli's status is %q)", step, s)
	}
}

// checkEvent checks the instant and the actor a custody entry records, and
// returns the actor as recorded. Both come from the session service (its
// clock, the authenticated user), never from the client, so a bad one is a
// programming error of the caller, tpsession.ErrInternal, not a field
// error. That the instant does not come before the log's last entry is
// checked once the step is admitted (Log.checkNext).
func checkEvent(at time.Time, actor string) (string, error) {
	var fe tpsession.FieldErrors
	actor = fe.Text("actor", actor, MaxTextLen, true)
	if len(fe) > 0 {
		return "", tpsession.ErrInternal.Withf("a custody entry needs the name of who acted: %s", fe)
	}
	if y := at.UTC().Year(); at.IsZero() || y < 1 || y > 9999 {
		return "", tpsession.ErrInternal.Withf("a custody entry needs the instant of the event, within the years 0001 to 9999, got %s", at)
	}
	return actor, nil
}

// checkMaterials returns the normalised list of materials. A material may
// appear once per épreuve: two lines naming the same material for the same
// épreuve (ignoring case) are refused, as the readiness checks could not
// tell which quantity holds.
func checkMaterials(fe *tpsession.FieldErrors, in []Material) []Material {
	if len(in) == 0 {
		fe.Add("materials", "list at least one material required by the DTE organisateur")
		return nil
	}
	out := make([]Material, len(in))
	seen := make(map[[2]string]int, len(in))
	for i, m := range in {
		f := fmt.Sprintf("materials[%d]", i)
		m.Name = fe.Text(f+".name", m.Name, MaxTextLen, true)
		if m.Quantity < 1 {
			fe.Add(f+".quantity", "must be at least 1, got %d", m.Quantity)
		}
		if strings.TrimSpace(m.Epreuve) != "" {
			m.Epreuve = fe.Text(f+".epreuve", m.Epreuve, MaxTextLen, true)
		} else {
			m.Epreuve = ""
		}
		key := [2]string{strings.ToLower(m.Name), strings.ToLower(m.Epreuve)}
		if j, dup := seen[key]; dup {
			fe.Add(f+".name", "repeats materials[%d] for the same épreuve", j)
		} else {
			seen[key] = i
		}
		out[i] = m
	}
	return out
}

// checkWitnesses returns the normalised witnesses, refusing fewer than
// MinWitnesses and a person named twice (ignoring case).
func checkWitnesses(fe *tpsession.FieldErrors, in []string) []string {
	if len(in) < MinWitnesses {
		fe.Add("witnesses", "name at least %d witnesses of the opening, got %d", MinWitnesses, len(in))
	}
	out := make([]string, len(in))
	seen := make(map[string]int, len(in))
	for i, w := range in {
		f := fmt.Sprintf("witnesses[%d]", i)
		out[i] = fe.Text(f, w, MaxTextLen, true)
		key := strings.ToLower(out[i])
		if j, dup := seen[key]; dup && key != "" {
			fe.Add(f, "names the same person as witnesses[%d]", j)
		} else {
			seen[key] = i
		}
	}
	return out
}

func describeMaterials(ms []Material) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%q ×%d", m.Name, m.Quantity)
		if m.Epreuve != "" {
			parts[i] += fmt.Sprintf(" for %q", m.Epreuve)
		}
	}
	return strings.Join(parts, "; ")
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
