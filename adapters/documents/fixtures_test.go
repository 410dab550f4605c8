package documents_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the calendars are parsed back in Europe/Paris on any machine

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/internal/pdftest"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// The fixed world of the tests: a centre in Lyon, a three-day titre session
// from Monday 1 March 2027, four candidates whose names need every accent
// (and one letter outside Windows-1252), four jury members.
var (
	paris    = mustParis()
	start    = date.New(2027, time.March, 1)
	end      = date.New(2027, time.March, 3)
	prepared = date.New(2027, time.January, 20) // convocations validated, letters dated
	admin    = session.Actor{Centre: "centre-lyon", Name: "Claire Martin"}
	centre   = documents.Centre{
		Name:     "Centre de formation Les Lilas",
		Address:  []string{"12 rue des Lilas", "69003 Lyon"},
		SIRET:    "73282932000074",
		Phone:    "04 72 00 00 00",
		Email:    "examens@leslilas.example.fr",
		Agrement: "84-2026-0042",
		City:     "Lyon",
	}
	place = "Centre Les Lilas, salle Rhône, 12 rue des Lilas, 69003 Lyon"
)

func mustParis() *time.Location {
	loc, err := tpsession.LoadParis()
	if err != nil {
		panic(err)
	}
	return loc
}

// world is a prepared session and the service that holds it.
type world struct {
	t     testing.TB
	ctx   context.Context
	svc   *session.Service
	clock *tpsession.FixedClock
	ses   session.Session
	cands []candidate.Candidate // in registration order
	mems  []jury.Member
}

func (w *world) on(d date.Date) { w.clock.Set(d.Time(0, paris).Add(9 * time.Hour)) }

type person struct{ first, last string }

var people = []person{{"Élise", "Martin-Lefèvre"}, {"Noé", "Dupré"}, {"Inès", "Œuvray"}, {"Łukasz", "Wałęsa"}}

// newWorld creates the session, its members and candidates through the
// service; with planDays > 0 it plans the session within that many days
// (1 needs two juries) and assigns the jury.
func newWorld(t testing.TB, planDays int) *world {
	t.Helper()
	return newWorldWith(t, planDays, nil)
}

// newWorldWith is newWorld with the plan's input changed by adjust before
// the session is planned.
func newWorldWith(t testing.TB, planDays int, adjust func(*plan.Input)) *world {
	t.Helper()
	return newWorldOf(t, planDays, people, adjust)
}

// newWorldOf is newWorldWith with the candidates given.
func newWorldOf(t testing.TB, planDays int, people []person, adjust func(*plan.Input)) *world {
	t.Helper()
	store := memstore.New()
	clock := tpsession.NewFixedClock(time.Time{})
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store,
	}, session.Config{Clock: clock, Location: paris})
	require.NoError(t, err)
	w := &world{t: t, ctx: context.Background(), svc: svc, clock: clock}
	w.on(date.New(2027, time.January, 10))
	w.ses, err = svc.CreateSession(w.ctx, admin, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: "Centre Les Lilas, Lyon", Start: start, End: end, PlannedCandidates: max(len(people), 1),
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@leslilas.example.fr"},
	})
	require.NoError(t, err)
	for i, name := range []string{"Hélène Garçon", "Jérôme Lebœuf", "Anaïs Fabre", "Raphaël Noël"} {
		m, err := svc.CreateMember(w.ctx, admin, jury.MemberInput{
			Name: name, Email: strings.ToLower(string(rune('a'+i))) + "@jury.example.fr",
			Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2026-01-01", ValidUntil: "2028-12-31"}},
		})
		require.NoError(t, err)
		_, _, err = svc.Invite(w.ctx, admin, w.ses.ID, m.ID)
		require.NoError(t, err)
		_, err = svc.AnswerInvitation(w.ctx, admin, w.ses.ID, m.ID, true)
		require.NoError(t, err)
		w.mems = append(w.mems, m)
	}
	for i, p := range people {
		c, err := svc.CreateCandidate(w.ctx, admin, candidate.CandidateInput{
			FirstName: p.first, LastName: p.last, BirthDate: fmt.Sprintf("1996-05-%02d", 11+i%18), Route: "formation",
			Email:         fmt.Sprintf("c%d@candidat.example.fr", i+1),
			PostalAddress: &candidate.PostalAddressInput{Lines: []string{"3 rue Victor Hugo", "Bâtiment B"}, Postcode: "69002", City: "Lyon"},
		})
		require.NoError(t, err)
		w.clock.Advance(time.Minute) // registration order is the order of people
		_, err = svc.Register(w.ctx, admin, w.ses.ID, c.ID)
		require.NoError(t, err)
		w.cands = append(w.cands, c)
	}
	if planDays > 0 {
		w.plan(planDays, adjust)
	}
	return w
}

// plan plans the session within planDays days, its input changed by
// adjust (when not nil), and assigns the jury.
func (w *world) plan(planDays int, adjust func(*plan.Input)) {
	w.t.Helper()
	data, err := os.ReadFile("../../session/plan/testdata/CDA-N12-tight-H420-typical.min_juries.json")
	require.NoError(w.t, err)
	in, err := plan.DecodeBytes(data)
	require.NoError(w.t, err)
	in.Candidates = len(w.cands)
	in.Calendar.Start, in.Calendar.MaxDays = date.Zero, planDays
	if adjust != nil {
		adjust(&in)
	}
	rec, err := w.svc.PlanSession(w.ctx, admin, w.ses.ID, in)
	require.NoError(w.t, err)
	require.True(w.t, rec.Plan.Feasible, rec.Plan.Reason)
	_, err = w.svc.AssignJury(w.ctx, admin, w.ses.ID)
	require.NoError(w.t, err)
}

// convoke drafts and validates every candidate's convocation; the first
// goes by registered mail, the second by hand.
func (w *world) convoke() {
	w.t.Helper()
	for _, c := range w.cands {
		appointment := "2027-03-01T08:30" // without a plan; with one, the plan's
		if _, known, err := w.svc.PlanAppointments(w.ctx, admin, w.ses.ID, c.ID); err != nil || known {
			appointment = ""
		}
		_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
			Appointment: appointment, Place: place,
			Documents: append(candidate.UsualDocuments(), "Attestation de formation"),
			PPE:       []string{"Chaussures de sécurité", "Lunettes de protection"},
		})
		require.NoError(w.t, err)
	}
	w.on(prepared)
	for _, c := range w.cands {
		_, err := w.svc.ValidateConvocation(w.ctx, admin, w.ses.ID, c.ID, date.Zero)
		require.NoError(w.t, err)
	}
	_, err := w.svc.RecordDelivery(w.ctx, admin, w.ses.ID, w.cands[0].ID, candidate.DeliveryInput{Method: "registered_mail", SentOn: prepared.String(), TrackingNumber: "1A 123 456 789 01"})
	require.NoError(w.t, err)
	_, err = w.svc.RecordDelivery(w.ctx, admin, w.ses.ID, w.cands[1].ID, candidate.DeliveryInput{Method: "hand", DeliveredOn: prepared.String(), ReceivedBy: "Noé Dupré"})
	require.NoError(w.t, err)
}

// dossier gathers the session's dossier with the letterhead and the day.
func (w *world) dossier() documents.Dossier {
	w.t.Helper()
	d, err := documents.Gather(w.ctx, w.svc, admin, w.ses.ID)
	require.NoError(w.t, err)
	d.Centre = centre
	d.Today = prepared
	return d
}

// pdfPages extracts the text of each page of a PDF, whitespace folded to
// single spaces so that a sentence wrapped over lines is found whole.
func pdfPages(t *testing.T, body []byte) []string { return pdftest.Pages(t, body) }

// pdfText is the text of the whole PDF.
func pdfText(t *testing.T, body []byte) string { return pdftest.Text(t, body) }

var spaces = regexp.MustCompile(`[\s\x{a0}]+`)

func fold(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func (w *world) cand(id tpsession.CandidateID) candidate.Candidate {
	w.t.Helper()
	for _, c := range w.cands {
		if c.ID == id {
			return c
		}
	}
	require.FailNow(w.t, "unknown candidate", id)
	return candidate.Candidate{}
}

func numericBirth(c candidate.Candidate) string {
	y, m, d := c.BirthDate.Date()
	return fmt.Sprintf("%02d/%02d/%04d", d, int(m), y)
}
