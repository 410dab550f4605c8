package session_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
)

var (
	paris = mustParis()
	start = date.New(2027, time.March, 1) // a Monday
	end   = date.New(2027, time.March, 3)
	admin = session.Actor{Centre: "centre-lyon", Name: "Claire Martin"}
	other = session.Actor{Centre: "centre-nantes", Name: "Paul Girard"}
)

func mustParis() *time.Location {
	loc, err := tpsession.LoadParis()
	if err != nil {
		panic(err)
	}
	return loc
}

// at is 09:00 in Paris on day d.
func at(d date.Date) time.Time { return d.Time(0, paris).Add(9 * time.Hour) }

type fixture struct {
	t      *testing.T
	ctx    context.Context
	clock  *tpsession.FixedClock
	svc    *session.Service
	stores session.Stores
}

func newFixture(t *testing.T, today date.Date) *fixture {
	t.Helper()
	return newFixtureWith(t, today, session.Config{})
}

// newFixtureWith is newFixture with a configuration; its clock and time
// zone are the fixture's.
func newFixtureWith(t *testing.T, today date.Date, cfg session.Config) *fixture {
	t.Helper()
	store := memstore.New()
	clock := tpsession.NewFixedClock(at(today))
	cfg.Clock, cfg.Location = clock, paris
	stores := session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store,
	}
	svc, err := session.NewService(stores, cfg)
	require.NoError(t, err)
	return &fixture{t: t, ctx: context.Background(), clock: clock, svc: svc, stores: stores}
}

func (f *fixture) on(d date.Date) { f.clock.Set(at(d)) }

func details() session.Details {
	return session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: "Centre de Lyon, 12 rue des Lilas", Start: start, End: end, PlannedCandidates: 12,
		Responsable:   session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
		UsesComputers: true,
	}
}

func (f *fixture) session() session.Session {
	f.t.Helper()
	s, err := f.svc.CreateSession(f.ctx, admin, details())
	require.NoError(f.t, err)
	return s
}

func (f *fixture) member(name, email, siret string) jury.Member {
	f.t.Helper()
	m, err := f.svc.CreateMember(f.ctx, admin, jury.MemberInput{
		Name: name, Email: email, EmployerSIRET: siret,
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2026-01-01", ValidUntil: "2028-12-31"}},
	})
	require.NoError(f.t, err)
	return m
}

func (f *fixture) candidate(first, last string, hostSIRET string) candidate.Candidate {
	f.t.Helper()
	in := candidate.CandidateInput{FirstName: first, LastName: last, BirthDate: "1996-05-14", Route: "formation",
		PostalAddress: &candidate.PostalAddressInput{Lines: []string{"3 rue Victor Hugo"}, Postcode: "69002", City: "Lyon"}}
	if hostSIRET != "" {
		in.HostCompanies = []candidate.HostCompanyInput{{SIRET: hostSIRET, Name: "Entreprise d'accueil", From: "2026-04-01", Until: "2026-06-30"}}
	}
	c, err := f.svc.CreateCandidate(f.ctx, admin, in)
	require.NoError(f.t, err)
	return c
}

// spelled writes n in letters, as a name has them: 1 is "A", 27 "AA".
func spelled(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

func (f *fixture) status(sid tpsession.SessionID) session.Status {
	f.t.Helper()
	s, err := f.svc.Session(f.ctx, admin, sid)
	require.NoError(f.t, err)
	return s.Status()
}

func planInput(t *testing.T) plan.Input {
	t.Helper()
	data, err := os.ReadFile("plan/testdata/CDA-N12-tight-H420-typical.min_juries.json")
	require.NoError(t, err)
	in, err := plan.DecodeBytes(data)
	require.NoError(t, err)
	in.Candidates = 4
	in.Calendar.Start, in.Calendar.MaxDays = date.Zero, 0 // from the session
	return in
}

// compliant records the centre's agrément of the title at the fixture's
// site and submits its programming of 2027 on time.
func (f *fixture) compliant() {
	t := f.t
	_, err := f.svc.CreateAgrement(f.ctx, admin, agrement.Input{TitleCode: "TP-01281", Sites: []string{details().Site},
		ValidFrom: "2024-01-01", ValidUntil: "2028-12-18", Reference: "décision 2024-17"})
	require.NoError(t, err)
	_, err = f.svc.PutProgramme(f.ctx, admin, 2027, programme.Input{Sessions: []programme.PlannedInput{{
		TitleCode: "TP-01281", Kind: "titre", Site: details().Site, StartDate: start.String(), EndDate: end.String(), Candidates: 12}}})
	require.NoError(t, err)
	_, err = f.svc.SubmitProgramme(f.ctx, admin, 2027, date.Zero)
	require.NoError(t, err)
}

// prepared walks a session through every step up to its readiness, as a
// centre would, and returns it.
func (f *fixture) prepared() session.Session {
	t := f.t
	ctx := f.ctx
	f.on(date.New(2026, time.November, 16))
	f.compliant()
	s := f.session()
	_, err := f.svc.Declare(ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)

	rec, err := f.svc.PlanSession(ctx, admin, s.ID, planInput(t))
	require.NoError(t, err)
	require.True(t, rec.Plan.Feasible, rec.Plan.Reason)

	sirets := []string{"44306184100047", "73282932000074", "55208131766522", "35600000000048"}
	for i := range rec.Plan.Members {
		m := f.member(fmt.Sprintf("Juré %d", i+1), fmt.Sprintf("jure%d@example.fr", i+1), sirets[i%len(sirets)])
		_, _, err := f.svc.Invite(ctx, admin, s.ID, m.ID)
		require.NoError(t, err)
		_, err = f.svc.AnswerInvitation(ctx, admin, s.ID, m.ID, true)
		require.NoError(t, err)
	}

	_, warnings, err := f.svc.OrderPli(ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	assert.Empty(t, warnings, "ordered more than 3 months ahead")

	for i := range 4 {
		c := f.candidate("Candidat", "Numéro "+spelled(i+1), "12345678200010")
		_, err := f.svc.Register(ctx, admin, s.ID, c.ID)
		require.NoError(t, err)
		// The appointments are the plan's.
		_, err = f.svc.DraftConvocation(ctx, admin, s.ID, c.ID, candidate.ConvocationInput{
			Place: "Centre de Lyon, salle 2", Documents: candidate.UsualDocuments(),
		})
		require.NoError(t, err)
		_, err = f.svc.ValidateConvocation(ctx, admin, s.ID, c.ID, date.Zero)
		require.NoError(t, err)
		_, err = f.svc.RecordDelivery(ctx, admin, s.ID, c.ID, candidate.DeliveryInput{Method: "hand", DeliveredOn: "2026-11-16", ReceivedBy: "le candidat"})
		require.NoError(t, err)
	}

	f.on(date.New(2027, time.February, 1))
	_, err = f.svc.ReceivePli(ctx, admin, s.ID, date.Zero, []pli.Material{{Name: "Poste informatique", Quantity: 4}})
	require.NoError(t, err)
	_, err = f.svc.SecurePli(ctx, admin, s.ID, "Coffre du bureau 12", "Claire Martin")
	require.NoError(t, err)

	_, err = f.svc.AssignJury(ctx, admin, s.ID)
	require.NoError(t, err)

	for _, key := range []checklist.ItemKey{checklist.ItemEquipmentOperational, checklist.ItemInterviewRoomsConfidential,
		checklist.ItemRulesDisplayed, checklist.ItemScheduleDisplayed, checklist.ItemResponsableDesignated, checklist.ItemComputersSecured} {
		_, err := f.svc.SetChecklistItem(ctx, admin, s.ID, key, checklist.ItemUpdate{Status: checklist.StatusOK})
		require.NoError(t, err)
	}
	_, err = f.svc.SetEquipment(ctx, admin, s.ID, "Poste informatique", checklist.EquipmentUpdate{Available: 5, OperationalFrom: start, OperationalUntil: end})
	require.NoError(t, err)
	return s
}

func TestFullLifecycleFromCreationToOpening(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	ctx := f.ctx

	r, err := f.svc.Readiness(ctx, admin, s.ID)
	require.NoError(t, err)
	require.True(t, r.Ready(), "%v", r.Findings)
	assert.Equal(t, session.StatusReady, f.status(s.ID))

	f.on(start)
	opened, err := f.svc.Open(ctx, admin, s.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, session.StatusOpened, opened.Status())

	p, err := f.svc.Pli(ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, pli.StatusOpened, p.Status(), "the pli opens with the session")
	assert.Contains(t, p.Witnesses, "Claire Martin", "the responsable de session witnesses it")
	require.NoError(t, p.Custody.Verify())

	events, err := f.svc.Events(ctx, admin, s.ID)
	require.NoError(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
		assert.Equal(t, "Claire Martin", e.Actor)
	}
	for _, want := range []string{session.ActionSessionCreated, session.ActionSessionDeclared, session.ActionSessionPlanned,
		session.ActionJuryInvited, session.ActionJuryAccepted, string(pli.ActionOrdered), session.ActionCandidateRegistered,
		session.ActionConvocationValid, session.ActionSessionConvocationsSent, session.ActionConvocationDelivery,
		string(pli.ActionReceived), string(pli.ActionSecured), session.ActionJuryAssigned, session.ActionChecklistItem,
		session.ActionSessionReady, session.ActionSessionOpened, string(pli.ActionOpened)} {
		assert.Contains(t, actions, want)
	}

	timeline, err := f.svc.Timeline(ctx, admin, s.ID)
	require.NoError(t, err)
	for _, d := range timeline {
		assert.Equal(t, session.DeadlineDone, d.Status, d.Key)
	}
}

func TestStatusFollowsTheMilestones(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	assert.Equal(t, session.StatusPreparation, f.status(s.ID))

	_, _, err := f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	assert.Equal(t, session.StatusPliOrdered, f.status(s.ID), "the furthest milestone, even before the declaration")

	_, err = f.svc.Declare(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	assert.Equal(t, session.StatusPliOrdered, f.status(s.ID), "declaring later does not move the status back")
}

func TestRefusedTransitionsNameTheStatus(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	ctx := f.ctx
	s := f.session()

	_, err := f.svc.Declare(ctx, admin, s.ID, date.New(2026, time.November, 17))
	assert.ErrorIs(t, err, tpsession.ErrInvalid, "a future declaration day")
	_, err = f.svc.Declare(ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	_, err = f.svc.Declare(ctx, admin, s.ID, date.Zero)
	assert.ErrorIs(t, err, session.ErrAlreadyDeclared)

	_, err = f.svc.Close(ctx, admin, s.ID)
	assert.ErrorIs(t, err, session.ErrNotOpened)
	assert.Contains(t, tpsession.MessageOf(err), "declared")

	_, err = f.svc.Open(ctx, admin, s.ID, nil)
	assert.ErrorIs(t, err, session.ErrOpenNotOnStartDate, "not on the start date")

	f.on(start)
	_, err = f.svc.Open(ctx, admin, s.ID, nil)
	assert.ErrorIs(t, err, checklist.ErrNotReady, "on the start date, but not ready")
	var notReady *checklist.NotReadyError
	require.ErrorAs(t, err, &notReady)
	assert.NotEmpty(t, notReady.Findings)
	assert.Equal(t, session.StatusDeclared, f.status(s.ID), "a refused opening changes nothing")

	_, err = f.svc.Cancel(ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, session.StatusCancelled, f.status(s.ID))

	for name, write := range map[string]func() error{
		"cancel again": func() error { _, err := f.svc.Cancel(ctx, admin, s.ID); return err },
		"open":         func() error { _, err := f.svc.Open(ctx, admin, s.ID, nil); return err },
		"order the pli": func() error {
			_, _, err := f.svc.OrderPli(ctx, admin, s.ID, date.Zero)
			return err
		},
		"register": func() error {
			c := f.candidate("Léa", "Dubois", "")
			_, err := f.svc.Register(ctx, admin, s.ID, c.ID)
			return err
		},
		"check an item": func() error {
			_, err := f.svc.SetChecklistItem(ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK})
			return err
		},
		"change the dates": func() error {
			d := start + 7
			_, err := f.svc.ChangeSession(ctx, admin, s.ID, session.Change{Start: &d})
			return err
		},
		"plan": func() error { _, err := f.svc.PlanSession(ctx, admin, s.ID, planInput(t)); return err },
	} {
		t.Run(name, func(t *testing.T) {
			err := write()
			assert.ErrorIs(t, err, session.ErrNotWritable)
			assert.Contains(t, tpsession.MessageOf(err), "cancelled")
		})
	}
}

func TestOpeningOnlyOnTheStartDate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		today date.Date
		ok    bool
	}{
		{"the day before", start - 1, false},
		{"the start date", start, true},
		{"the day after", start + 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, date.New(2026, time.November, 16))
			s := f.prepared()
			f.on(tt.today)
			_, err := f.svc.Open(f.ctx, admin, s.ID, nil)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, session.ErrOpenNotOnStartDate)
			p, err := f.svc.Pli(f.ctx, admin, s.ID)
			require.NoError(t, err)
			assert.Equal(t, pli.StatusSecured, p.Status(), "the pli stays secured")
		})
	}
}

func TestOpeningThePliBeforeTheSessionIsRefusedAndLogged(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	before, err := f.svc.Pli(f.ctx, admin, s.ID)
	require.NoError(t, err)

	_, err = f.svc.OpenPli(f.ctx, admin, s.ID, []string{"Claire Martin", "Juré 1"})
	assert.ErrorIs(t, err, pli.ErrSessionNotOpened)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))

	after, err := f.svc.Pli(f.ctx, admin, s.ID)
	require.NoError(t, err)
	require.Len(t, after.Custody, len(before.Custody)+1, "the refused attempt is in the custody log")
	assert.Equal(t, pli.ActionOpenRefused, after.Custody[len(after.Custody)-1].Action)
	require.NoError(t, after.Custody.Verify())
	assert.Equal(t, pli.StatusSecured, after.Status())

	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, string(pli.ActionOpenRefused), events[len(events)-1].Action)
}

func TestChangingTheStartDateAgainstValidatedConvocations(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared() // convocations validated on 2026-11-16; today is 2027-02-01
	ctx := f.ctx

	// Validated on 2026-11-16, a convocation allows a start up to 31 days
	// later: 2026-12-17 is the earliest start it still fits.
	tooEarly := date.New(2026, time.December, 16) // a Wednesday: 30 days after
	tooEarlyEnd := tooEarly + 1
	f.on(date.New(2026, time.November, 20))
	_, err := f.svc.ChangeSession(ctx, admin, s.ID, session.Change{Start: &tooEarly, End: &tooEarlyEnd})
	assert.ErrorIs(t, err, session.ErrDateChangeBreaksRule)
	assert.Contains(t, tpsession.MessageOf(err), "2026-11-16")

	later := date.New(2027, time.March, 8)
	laterEnd := later + 2
	_, err = f.svc.ChangeSession(ctx, admin, s.ID, session.Change{Start: &later, End: &laterEnd})
	assert.ErrorIs(t, err, session.ErrDateChangeBreaksRule, "the validated appointments on 1 March fall outside the new dates")

	planned := 14
	changed, err := f.svc.ChangeSession(ctx, admin, s.ID, session.Change{PlannedCandidates: &planned})
	require.NoError(t, err)
	assert.Equal(t, 14, changed.PlannedCandidates)
	assert.Equal(t, start, changed.Start)
}

func TestChangingDatesWithoutConvocations(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	saturday := date.New(2027, time.March, 6)
	_, err := f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{End: &saturday})
	assert.ErrorIs(t, err, session.ErrInvalidSession, "a session ends on a working day")

	newStart, newEnd := date.New(2027, time.March, 8), date.New(2027, time.March, 10)
	moved, err := f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{Start: &newStart, End: &newEnd})
	require.NoError(t, err)
	assert.Equal(t, newStart, moved.Start)
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Contains(t, events[len(events)-1].Detail, "2027-03-01–2027-03-03 → 2027-03-08–2027-03-10")
}

func TestCentresNeverSeeEachOther(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	c := f.candidate("Léa", "Dubois", "")
	m := f.member("Marc Leroy", "marc@example.fr", "")

	checks := map[string]error{}
	_, checks["session"] = f.svc.Session(f.ctx, other, s.ID)
	_, checks["declare"] = f.svc.Declare(f.ctx, other, s.ID, date.Zero)
	_, checks["timeline"] = f.svc.Timeline(f.ctx, other, s.ID)
	_, checks["events"] = f.svc.Events(f.ctx, other, s.ID)
	_, checks["pli"] = f.svc.Pli(f.ctx, other, s.ID)
	_, checks["readiness"] = f.svc.Readiness(f.ctx, other, s.ID)
	_, checks["candidate"] = f.svc.Candidate(f.ctx, other, c.ID)
	_, checks["member"] = f.svc.Member(f.ctx, other, m.ID)
	_, checks["register"] = f.svc.Register(f.ctx, other, s.ID, c.ID)
	_, _, checks["invite"] = f.svc.Invite(f.ctx, other, s.ID, m.ID)
	for name, err := range checks {
		assert.ErrorIs(t, err, tpsession.ErrNotFound, name)
	}
	list, err := f.svc.Sessions(f.ctx, other, session.Filter{})
	require.NoError(t, err)
	assert.Empty(t, list)

	// Registering another centre's candidate to one's own session.
	theirs, err := f.svc.CreateSession(f.ctx, other, details())
	require.NoError(t, err)
	_, err = f.svc.Register(f.ctx, other, theirs.ID, c.ID)
	assert.ErrorIs(t, err, candidate.ErrCandidateNotFound)
}

func TestActorMustBeKnown(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	_, err := f.svc.CreateSession(f.ctx, session.Actor{Centre: "centre-lyon"}, details())
	assert.ErrorIs(t, err, tpsession.ErrForbidden)
	_, err = f.svc.CreateSession(f.ctx, session.Actor{Name: "x"}, details())
	assert.ErrorIs(t, err, tpsession.ErrForbidden)
	_, err = f.svc.CreateSession(f.ctx, session.Actor{Centre: "centre-lyon", Name: "x", Role: "superuser"}, details())
	assert.ErrorIs(t, err, tpsession.ErrForbidden, "an unknown role")
	_, err = f.svc.CreateSession(f.ctx, session.Actor{Centre: "centre-lyon", Name: "x", Role: session.RoleAdmin}, details())
	assert.NoError(t, err, "a known role")
}

func TestJuryAssignmentAvoidsConflicts(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	ctx := f.ctx
	hostA, hostB := "73282932000074", "55208131766522"
	members := []jury.Member{
		f.member("Anne", "anne@example.fr", hostA), // hosted candidates of company A
		f.member("Bruno", "bruno@example.fr", ""),
		f.member("Chloé", "chloe@example.fr", hostB),
		f.member("David", "david@example.fr", ""),
	}
	for _, m := range members {
		_, _, err := f.svc.Invite(ctx, admin, s.ID, m.ID)
		require.NoError(t, err)
		_, err = f.svc.AnswerInvitation(ctx, admin, s.ID, m.ID, true)
		require.NoError(t, err)
	}
	a := f.candidate("Alice", "A", hostA)
	b := f.candidate("Bob", "B", hostB)
	for _, c := range []candidate.Candidate{a, b} {
		_, err := f.svc.Register(ctx, admin, s.ID, c.ID)
		require.NoError(t, err)
	}
	_, err := f.svc.DeclareConflict(ctx, admin, s.ID, jury.DeclaredConflictInput{MemberID: string(members[1].ID), CandidateID: string(a.ID), Reason: "trained"})
	require.NoError(t, err)

	assignment, err := f.svc.AssignJury(ctx, admin, s.ID)
	require.NoError(t, err)
	panelA, ok := assignment.PanelOf(a.ID)
	require.True(t, ok)
	assert.NotContains(t, panelA.Members, members[0].ID, "Anne's company hosted Alice")
	assert.NotContains(t, panelA.Members, members[1].ID, "Bruno trained Alice")
	panelB, ok := assignment.PanelOf(b.ID)
	require.True(t, ok)
	assert.NotContains(t, panelB.Members, members[2].ID)

	stored, err := f.svc.Assignment(ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, assignment, stored)

	// David withdraws: Alice has nobody left without a conflict but Chloé.
	_, err = f.svc.WithdrawInvitation(ctx, admin, s.ID, members[3].ID)
	require.NoError(t, err)
	_, err = f.svc.Assignment(ctx, admin, s.ID)
	assert.ErrorIs(t, err, session.ErrNoAssignment, "withdrawing a panel member clears the assignment")
	_, err = f.svc.AssignJury(ctx, admin, s.ID)
	var ae *jury.AssignmentError
	require.ErrorAs(t, err, &ae)
	assert.Contains(t, ae.Candidates(), a.ID)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
}

func TestEmployedMemberInvitedLateIsWarned(t *testing.T) {
	f := newFixture(t, start-14)
	s := f.session()
	m := f.member("Marc Leroy", "marc@example.fr", "44306184100047")
	inv, warnings, err := f.svc.Invite(f.ctx, admin, s.ID, m.ID)
	require.NoError(t, err)
	assert.Equal(t, jury.Invited, inv.Status())
	require.Len(t, warnings, 1)
	assert.Equal(t, jury.WarnEmployerNotice, warnings[0].Code)
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Contains(t, events[len(events)-1].Detail, "warning")
}

func TestConvocationTooLateIsRefused(t *testing.T) {
	for _, tt := range []struct {
		today date.Date
		ok    bool
	}{
		{start - 31, true},
		{start - 30, false},
	} {
		t.Run(tt.today.String(), func(t *testing.T) {
			f := newFixture(t, tt.today)
			s := f.session()
			c := f.candidate("Léa", "Dubois", "")
			_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
			require.NoError(t, err)
			_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, candidate.ConvocationInput{Appointment: "2027-03-01T08:30", Place: "Salle 2", Documents: candidate.UsualDocuments()})
			require.NoError(t, err)
			_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
			if tt.ok {
				require.NoError(t, err)
				assert.Equal(t, session.StatusConvocationsSent, f.status(s.ID))
				return
			}
			assert.ErrorIs(t, err, candidate.ErrConvocationTooLate)
			assert.Equal(t, session.StatusPreparation, f.status(s.ID))
		})
	}
}

func TestWithdrawnRegistrationsLeaveTheListButStayInTheLog(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	c := f.candidate("Léa", "Dubois", "")
	_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	require.NoError(t, f.svc.Withdraw(f.ctx, admin, s.ID, c.ID))
	regs, err := f.svc.Registrations(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Empty(t, regs)
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, session.ActionCandidateWithdrawn, events[len(events)-1].Action)
	_, err = f.svc.Convocation(f.ctx, admin, s.ID, c.ID)
	assert.ErrorIs(t, err, session.ErrConvocationNotFound)
}

func TestPlanFillsTheSessionsDefaults(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	rec, err := f.svc.PlanSession(f.ctx, admin, s.ID, planInput(t))
	require.NoError(t, err)
	assert.Equal(t, start, rec.Input.Calendar.Start)
	assert.Equal(t, 3, rec.Input.Calendar.MaxDays, "the session's working days")
	stored, err := f.svc.Plan(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, rec.Plan.Juries, stored.Plan.Juries)

	bad := planInput(t)
	bad.Jury.MembersPerJury = 1
	_, err = f.svc.PlanSession(f.ctx, admin, s.ID, bad)
	assert.ErrorIs(t, err, tpsession.ErrInvalid)
}

func TestCentresNeverReachEachOthersData(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	ctx := f.ctx
	regs, err := f.svc.Registrations(ctx, admin, s.ID)
	require.NoError(t, err)
	cid := regs[0].Candidate
	sj, err := f.svc.SessionJury(ctx, admin, s.ID)
	require.NoError(t, err)
	mid := sj.AcceptedMembers()[0]
	before, err := f.svc.Events(ctx, admin, s.ID)
	require.NoError(t, err)
	newStart, planned := start+7, 3

	checks := map[string]error{}
	_, checks["Cancel"] = f.svc.Cancel(ctx, other, s.ID)
	_, checks["Close"] = f.svc.Close(ctx, other, s.ID)
	_, checks["ChangeSession"] = f.svc.ChangeSession(ctx, other, s.ID, session.Change{Start: &newStart, PlannedCandidates: &planned})
	_, checks["PlanSession"] = f.svc.PlanSession(ctx, other, s.ID, planInput(t))
	_, checks["Plan"] = f.svc.Plan(ctx, other, s.ID)
	_, checks["ReviseCandidate"] = f.svc.ReviseCandidate(ctx, other, cid, candidate.CandidateInput{FirstName: "X", LastName: "Y", BirthDate: "1990-01-01", Route: "formation"})
	_, checks["Registration"] = f.svc.Registration(ctx, other, s.ID, cid)
	_, checks["Registrations"] = f.svc.Registrations(ctx, other, s.ID)
	checks["Withdraw"] = f.svc.Withdraw(ctx, other, s.ID, cid)
	_, checks["DraftConvocation"] = f.svc.DraftConvocation(ctx, other, s.ID, cid, candidate.ConvocationInput{Appointment: "2027-03-01T08:30", Place: "x", Documents: candidate.UsualDocuments()})
	_, checks["ValidateConvocation"] = f.svc.ValidateConvocation(ctx, other, s.ID, cid, date.Zero)
	_, checks["RecordDelivery"] = f.svc.RecordDelivery(ctx, other, s.ID, cid, candidate.DeliveryInput{Method: "hand", DeliveredOn: "2026-11-16", ReceivedBy: "x"})
	_, checks["Convocation"] = f.svc.Convocation(ctx, other, s.ID, cid)
	_, checks["MemberByEmail"] = f.svc.MemberByEmail(ctx, other, "jure1@example.fr")
	_, checks["SetMemberAvailability"] = f.svc.SetMemberAvailability(ctx, other, mid, tpsession.DateRange{From: start, Until: end}, false)
	_, checks["SessionJury"] = f.svc.SessionJury(ctx, other, s.ID)
	_, checks["AnswerInvitation"] = f.svc.AnswerInvitation(ctx, other, s.ID, mid, false)
	_, checks["WithdrawInvitation"] = f.svc.WithdrawInvitation(ctx, other, s.ID, mid)
	_, checks["DeclareConflict"] = f.svc.DeclareConflict(ctx, other, s.ID, jury.DeclaredConflictInput{MemberID: string(mid), CandidateID: string(cid), Reason: "other"})
	_, checks["AssignJury"] = f.svc.AssignJury(ctx, other, s.ID)
	_, checks["Assignment"] = f.svc.Assignment(ctx, other, s.ID)
	_, _, checks["OrderPli"] = f.svc.OrderPli(ctx, other, s.ID, date.Zero)
	_, checks["ReceivePli"] = f.svc.ReceivePli(ctx, other, s.ID, date.Zero, nil)
	_, checks["ReadOrganisateur"] = f.svc.ReadOrganisateur(ctx, other, s.ID, []pli.Material{{Name: "x", Quantity: 1}})
	_, checks["SecurePli"] = f.svc.SecurePli(ctx, other, s.ID, "x", "y")
	_, checks["RecordPliAccess"] = f.svc.RecordPliAccess(ctx, other, s.ID, pli.Access{Reason: "x"})
	_, checks["OpenPli"] = f.svc.OpenPli(ctx, other, s.ID, []string{"a", "b"})
	_, checks["Checklist"] = f.svc.Checklist(ctx, other, s.ID)
	_, checks["SetChecklistItem"] = f.svc.SetChecklistItem(ctx, other, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK})
	_, checks["SetEquipment"] = f.svc.SetEquipment(ctx, other, s.ID, "x", checklist.EquipmentUpdate{Available: 1, OperationalFrom: start, OperationalUntil: end})
	f.on(start)
	_, checks["Open"] = f.svc.Open(ctx, other, s.ID, nil)
	for name, err := range checks {
		assert.ErrorIs(t, err, tpsession.ErrNotFound, name)
	}
	for _, title := range []tpsession.TitleCode{"", "TP-01281"} {
		members, err := f.svc.Members(ctx, other, title, tpsession.DateRange{From: start, Until: end})
		require.NoError(t, err)
		assert.Empty(t, members)
	}
	after, err := f.svc.Events(ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, before, after, "nothing another centre tried reached the session")
	assert.Equal(t, session.StatusReady, f.status(s.ID))
}

func TestAnOpenedSessionTakesOnlyItsOpeningSteps(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	f.on(start)
	_, err := f.svc.Open(f.ctx, admin, s.ID, nil)
	require.NoError(t, err)
	regs, err := f.svc.Registrations(f.ctx, admin, s.ID)
	require.NoError(t, err)

	_, err = f.svc.RecordPliAccess(f.ctx, admin, s.ID, pli.Access{Reason: "hand the DTE candidat out"})
	assert.NoError(t, err, "the DTEs are used once the session is opened")
	assert.ErrorIs(t, f.svc.Withdraw(f.ctx, admin, s.ID, regs[0].Candidate), session.ErrNotWritable)
	_, err = f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK})
	assert.ErrorIs(t, err, session.ErrNotWritable)
	_, err = f.svc.Cancel(f.ctx, admin, s.ID)
	assert.ErrorIs(t, err, session.ErrNotWritable)

	_, err = f.svc.Close(f.ctx, admin, s.ID)
	assert.ErrorIs(t, err, exam.ErrPVIncomplete, "a session closes with its procès-verbal")
	assert.Equal(t, session.StatusOpened, f.status(s.ID))
}

func TestTheTimelineOfACancelledSessionShowsNothingDue(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	_, err := f.svc.Declare(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	_, err = f.svc.Cancel(f.ctx, admin, s.ID)
	require.NoError(t, err)
	f.on(date.New(2027, time.March, 10))
	ds, err := f.svc.Timeline(f.ctx, admin, s.ID)
	require.NoError(t, err)
	for _, d := range ds {
		if d.Key == session.DeadlineDeclare {
			assert.Equal(t, session.DeadlineDone, d.Status)
			continue
		}
		assert.Equal(t, session.DeadlinePending, d.Status, d.Key)
		assert.Contains(t, d.Note, "cancelled on 2026-11-16", d.Key)
	}
}

func TestAChangeThatChangesNothingRecordsNothing(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	same := s.PlannedCandidates
	_, err := f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{PlannedCandidates: &same})
	require.NoError(t, err)
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Len(t, events, 1, "only the creation")
}

func TestARevisionMayNotMakeARegisteredCandidateIneligible(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	in := candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1990-02-03", Route: "vae", VAERecevabiliteOn: "2026-06-15"}
	c, err := f.svc.CreateCandidate(f.ctx, admin, in)
	require.NoError(t, err)
	_, err = f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)

	in.VAERecevabiliteOn = "2026-02-28" // valid until 2027-02-28, before the 1 March start
	_, err = f.svc.ReviseCandidate(f.ctx, admin, c.ID, in)
	assert.ErrorIs(t, err, session.ErrRevisionBreaksEligibility)
	assert.ErrorIs(t, err, candidate.ErrRecevabiliteExpired)
	kept, err := f.svc.Candidate(f.ctx, admin, c.ID)
	require.NoError(t, err)
	assert.Equal(t, date.New(2026, time.June, 15), kept.VAERecevabiliteOn, "nothing changed")

	in.VAERecevabiliteOn = "2026-03-01" // valid through 2027-03-01, the start
	revised, err := f.svc.ReviseCandidate(f.ctx, admin, c.ID, in)
	require.NoError(t, err)
	assert.Equal(t, date.New(2026, time.March, 1), revised.VAERecevabiliteOn)
}

func TestAPlanMustFitTheSessionsDates(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session() // 3 working days from 1 March
	in := planInput(t)
	in.Calendar.MaxDays = 4
	_, err := f.svc.PlanSession(f.ctx, admin, s.ID, in)
	require.ErrorIs(t, err, plan.ErrInvalidInput)
	assert.Contains(t, fieldsOf(err), "calendar.max_days")

	in.Calendar.MaxDays = 3
	in.Calendar.Start = start + 7
	_, err = f.svc.PlanSession(f.ctx, admin, s.ID, in)
	require.ErrorIs(t, err, plan.ErrInvalidInput)
	assert.Contains(t, fieldsOf(err), "calendar.start")

	in.Calendar.Start = start
	rec, err := f.svc.PlanSession(f.ctx, admin, s.ID, in)
	require.NoError(t, err, "the session's own start and days")
	assert.Equal(t, 3, rec.Input.Calendar.MaxDays)
}

func TestBadInputIsReportedBeforeTheSessionsState(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	_, err := f.svc.Declare(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	future := date.New(2026, time.December, 1)
	_, err = f.svc.Declare(f.ctx, admin, s.ID, future)
	assert.ErrorIs(t, err, tpsession.ErrInvalid, "a future date is bad input, whatever the session's state")
	_, err = f.svc.Cancel(f.ctx, admin, s.ID)
	require.NoError(t, err)
	_, _, err = f.svc.OrderPli(f.ctx, admin, s.ID, future)
	assert.ErrorIs(t, err, tpsession.ErrInvalid)
	_, err = f.svc.ReceivePli(f.ctx, admin, s.ID, future, nil)
	assert.ErrorIs(t, err, tpsession.ErrInvalid)
	_, _, err = f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	assert.ErrorIs(t, err, session.ErrNotWritable, "good input on a cancelled session")
}

func TestAMembersAvailabilityIsRecordedInTheSessionsItAffects(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	later, err := f.svc.CreateSession(f.ctx, admin, func() session.Details { d := details(); d.Start, d.End = start+7, end+7; return d }())
	require.NoError(t, err)
	m := f.member("Marc Leroy", "marc@example.fr", "")
	for _, sid := range []tpsession.SessionID{s.ID, later.ID} {
		_, _, err := f.svc.Invite(f.ctx, admin, sid, m.ID)
		require.NoError(t, err)
	}
	_, err = f.svc.SetMemberAvailability(f.ctx, admin, m.ID, tpsession.DateRange{From: start + 1, Until: start + 1}, false)
	require.NoError(t, err)
	assert.Equal(t, session.ActionJuryAvailability, actionsOf(t, f, s.ID)[len(actionsOf(t, f, s.ID))-1])
	assert.NotContains(t, actionsOf(t, f, later.ID), session.ActionJuryAvailability, "a day outside the later session")
}

func TestALongerEmployerNoticeMovesTheJuryDeadline(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	ds := session.Timeline(s, session.Progress{}, start-100, candidate.ConvocationPolicy{}, jury.Policy{EmployerNoticeDays: 30})
	assert.Equal(t, session.DeadlineInviteJury, ds[2].Key)
	assert.Equal(t, start-30, ds[2].Due)
}
