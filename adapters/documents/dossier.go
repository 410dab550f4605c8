package documents

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// Centre is the letterhead of the centre agréé. The library does not keep
// it: the host software knows its centre and passes it in.
type Centre struct {
	Name string
	// Address holds the postal address, one line each, the last one
	// usually the postcode and the city ("69002 Lyon").
	Address []string
	SIRET   tpsession.SIRET
	Phone   string
	Email   string
	// Agrement is the number of the centre's agrément for the title, as
	// the regional administration notified it.
	Agrement string
	// City is where the letters are signed: "Fait à Lyon, le …".
	City string
}

// Signatory is who signs the convocation letters for the centre, as the
// letters print it.
type Signatory struct {
	Name string
	// Role is the signatory's role in the centre, as it is written under
	// the name: "Responsable de session", "Directrice".
	Role string
}

// Dossier is everything a session's documents are made from, as the caller
// reads it from the session.Service (see Gather). Every document takes the
// whole dossier and uses what it needs; the zero value of an optional part
// means "not known yet".
type Dossier struct {
	Centre  Centre
	Session session.Session
	// Registrations are the session's registrations in registration order,
	// as Service.Registrations returns them; withdrawn ones are skipped.
	Registrations []candidate.Registration
	// Candidates holds at least the candidate of every registration, in
	// any order.
	Candidates []candidate.Candidate
	// Members holds at least the members of the assignment's panels; the
	// attendance sheets list them all when there is no assignment.
	Members []jury.Member
	// Assignment is the session's panels; zero when not made yet.
	Assignment jury.Assignment
	// Plan is the session's plan; nil when there is none. An infeasible
	// plan gives a déroulé that says why and is otherwise ignored.
	Plan *plan.Record
	// Exam is what happened from the opening on — the sittings and their
	// attendance, the incidents, the decisions, the procès-verbal — with
	// what the procès-verbal still lacks; nil before anything is recorded.
	// The attendance sheets are printed from it once it holds sittings;
	// the procès-verbal, the PV de constatation and the results need it.
	Exam *session.ExamState
	// PlanCandidates tells who is who in the plan, which numbers its
	// candidates 1…N: candidate k of the plan is PlanCandidates[k-1] (""
	// for a number given to nobody). With it the déroulé names the
	// candidates, the attendance sheets list those expected each half-day
	// (and apart those it leaves without a number) and a candidate's
	// calendar shows their day; without it (nil) the déroulé prints
	// numbers and the sheets list every candidate whenever the plan
	// expects any. Gather sets the service's (session.NumberPlanCandidates).
	PlanCandidates []tpsession.CandidateID
	// Signatory signs the letters; zero is the session's responsable,
	// "Responsable de session".
	Signatory Signatory
	// Delivery is how the letters whose delivery is not recorded yet will
	// be delivered, which decides the mention they carry; empty prints
	// both mentions, to tick by hand.
	Delivery candidate.DeliveryMethod
	// Today dates the letters not yet posted or handed over ("Fait à
	// Lyon, le …"); zero leaves their date blank, to write by hand. A
	// letter whose delivery is recorded bears the day it left the centre.
	Today date.Date
	// Changed is the instant of the session's last recorded change: the
	// last entry of its event log, which Gather reads.
	Changed time.Time
	// At is when the documents are made: the PDF creation date and the
	// iCalendar DTSTAMP. Zero uses Changed, or else the session's creation
	// instant, which keeps the documents of an unchanged session byte for
	// byte the same.
	At time.Time
	// Context, when not nil, bounds the rendering: a document whose
	// Context ends before it is finished is abandoned with ErrCancelled,
	// so that a request that is gone stops using the machine. Gather sets
	// it to the context it is given, as http.Request carries its own.
	Context context.Context
	// Calendars records what each calendar publishes, so that an event's
	// SEQUENCE starts at 0 and grows by one at each change, and an event
	// gone is published cancelled, across restarts (Gather sets the
	// service's). Without it, every calendar is made as a first
	// publication: SEQUENCE 0, nothing cancelled.
	Calendars CalendarLog
}

// book is a checked Dossier with its indexes.
type book struct {
	Dossier
	regs    []candidate.Registration // active, in registration order
	cands   map[tpsession.CandidateID]candidate.Candidate
	members map[tpsession.MemberID]jury.Member
	// number and named map plan numbers and candidates both ways; empty
	// without PlanCandidates.
	number map[tpsession.CandidateID]int
	named  map[int]tpsession.CandidateID
	// plan is the feasible plan, nil when there is none.
	plan *plan.Record
}

// open checks that the dossier holds together and indexes it.
func (d Dossier) open() (*book, error) {
	b := &book{
		Dossier: d,
		cands:   map[tpsession.CandidateID]candidate.Candidate{},
		members: map[tpsession.MemberID]jury.Member{},
		number:  map[tpsession.CandidateID]int{},
		named:   map[int]tpsession.CandidateID{},
	}
	if err := b.alive(); err != nil {
		return nil, err
	}
	var fe tpsession.FieldErrors
	if d.Session.ID == "" {
		fe.Add("session", "is missing")
	}
	for _, c := range d.Candidates {
		b.cands[c.ID] = c
	}
	for _, m := range d.Members {
		b.members[m.ID] = m
	}
	for i, r := range d.Registrations {
		if !r.Active() {
			continue
		}
		field := fmt.Sprintf("registrations[%d]", i)
		if r.Session != d.Session.ID {
			fe.Add(field, "belongs to session %s, not %s", r.Session, d.Session.ID)
		}
		if _, ok := b.cands[r.Candidate]; !ok {
			fe.Add(field, "candidate %s is not among the candidates given", r.Candidate)
		}
		b.regs = append(b.regs, r)
	}
	for _, p := range d.Assignment.Panels {
		for _, m := range p.Members {
			if _, ok := b.members[m]; !ok {
				fe.Add("members", "member %s of panel %d is not among the members given", m, p.Jury)
			}
		}
	}
	if d.Plan != nil && d.Plan.Plan.Feasible {
		b.plan = d.Plan
	}
	if len(d.PlanCandidates) > 0 && b.plan == nil {
		fe.Add("plan_candidates", "numbers the candidates of a plan, but there is no feasible plan")
	}
	if b.plan != nil && len(d.PlanCandidates) > b.plan.Input.Candidates {
		fe.Add("plan_candidates", "numbers %d candidates, the plan has %d", len(d.PlanCandidates), b.plan.Input.Candidates)
	}
	for i, id := range d.PlanCandidates {
		if id == "" {
			continue
		}
		field := fmt.Sprintf("plan_candidates[%d]", i)
		if _, ok := b.registration(id); !ok {
			fe.Add(field, "candidate %s is not registered to the session", id)
		} else if k, dup := b.number[id]; dup {
			fe.Add(field, "candidate %s already has number %d", id, k)
		}
		b.number[id] = i + 1
		b.named[i+1] = id
	}
	// The signatory is printed as given: it follows the text rule
	// (docs/rules.md#text-fields).
	fe.Text("signatory.name", d.Signatory.Name, maxSignatoryLen, false)
	fe.Text("signatory.role", d.Signatory.Role, maxSignatoryLen, false)
	if err := fe.Err(ErrInvalidDossier); err != nil {
		return nil, err
	}
	return b, nil
}

// maxSignatoryLen bounds the signatory's name and role, in characters.
const maxSignatoryLen = 200

// registration returns the active registration of the candidate.
func (b *book) registration(id tpsession.CandidateID) (candidate.Registration, bool) {
	i := slices.IndexFunc(b.regs, func(r candidate.Registration) bool { return r.Candidate == id })
	if i < 0 {
		return candidate.Registration{}, false
	}
	return b.regs[i], true
}

// registered returns the active registration of the candidate, or
// candidate.ErrRegistrationNotFound.
func (b *book) registered(id tpsession.CandidateID) (candidate.Registration, candidate.Candidate, error) {
	r, ok := b.registration(id)
	if !ok {
		return r, candidate.Candidate{}, candidate.ErrRegistrationNotFound.Withf("candidate %s is not registered to session %s", id, b.Session.ID)
	}
	return r, b.cands[id], nil
}

// registeredCandidates returns the registered candidates in registration
// order.
func (b *book) registeredCandidates() []candidate.Candidate {
	out := make([]candidate.Candidate, len(b.regs))
	for i, r := range b.regs {
		out[i] = b.cands[r.Candidate]
	}
	return out
}

// panelOf returns the panel a member sits on.
func (b *book) panelOf(id tpsession.MemberID) (jury.Panel, bool) {
	for _, p := range b.Assignment.Panels {
		if slices.Contains(p.Members, id) {
			return p, true
		}
	}
	return jury.Panel{}, false
}

// panelMembers returns the members of the panel that is the plan's jury j,
// by name.
func (b *book) panelMembers(j int) []jury.Member {
	var out []jury.Member
	for _, p := range b.Assignment.Panels {
		if p.Jury == j {
			for _, id := range p.Members {
				out = append(out, b.members[id])
			}
		}
	}
	slices.SortFunc(out, func(x, y jury.Member) int { return compareFold(x.Name, y.Name) })
	return out
}

// signatory returns who signs the letters.
func (b *book) signatory() Signatory {
	s := b.Signatory
	if s.Name == "" {
		s.Name = b.Session.Responsable.Name
	}
	if s.Role == "" {
		s.Role = "Responsable de session"
	}
	return s
}

// stamp is the instant the documents are made.
func (b *book) stamp() time.Time {
	switch {
	case !b.At.IsZero():
		return b.At
	case !b.Changed.IsZero():
		return b.Changed
	}
	return b.Session.CreatedAt
}

// alive returns ErrCancelled once the dossier's Context has ended.
func (b *book) alive() error {
	if b.Context == nil {
		return nil
	}
	if err := b.Context.Err(); err != nil {
		return ErrCancelled.Wrap(err)
	}
	return nil
}
