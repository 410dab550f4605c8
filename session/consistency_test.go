package session_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
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
)

// countingClock counts how often the clock is read.
type countingClock struct {
	*tpsession.FixedClock
	reads atomic.Int64
}

func (c *countingClock) Now() time.Time { c.reads.Add(1); return c.FixedClock.Now() }

// hooked is the memstore with hooks that run before some calls, to start a
// competing command at the worst moment of another.
type hooked struct {
	*memstore.Store
	beforeCandidate func()
	beforePli       func()
	beforeJury      func()
	failCreatePli   bool
}

// fire runs a hook once.
func fire(hook *func()) {
	if f := *hook; f != nil {
		*hook = nil
		f()
	}
}

func (h *hooked) Candidate(ctx context.Context, c tpsession.CentreID, id tpsession.CandidateID) (candidate.Candidate, error) {
	fire(&h.beforeCandidate)
	return h.Store.Candidate(ctx, c, id)
}

func (h *hooked) Pli(ctx context.Context, c tpsession.CentreID, id tpsession.SessionID) (pli.Pli, error) {
	fire(&h.beforePli)
	return h.Store.Pli(ctx, c, id)
}

func (h *hooked) SessionJury(ctx context.Context, c tpsession.CentreID, id tpsession.SessionID) (jury.SessionJury, error) {
	fire(&h.beforeJury)
	return h.Store.SessionJury(ctx, c, id)
}

func (h *hooked) CreatePli(ctx context.Context, p pli.Pli) error {
	if h.failCreatePli {
		return errors.New("disk full")
	}
	return h.Store.CreatePli(ctx, p)
}

func hookedFixture(t *testing.T, today date.Date) (*fixture, *hooked, *countingClock) {
	t.Helper()
	h := &hooked{Store: memstore.New()}
	clock := &countingClock{FixedClock: tpsession.NewFixedClock(at(today))}
	svc, err := session.NewService(session.Stores{
		Sessions: h, Events: h, Candidates: h, Registrations: h,
		Members: h, Juries: h, Plis: h, Checklists: h, Plans: h, Agrements: h, Programmes: h, Calendars: h, Exams: h, Retentions: h, Receipts: h, Tx: h,
	}, session.Config{Clock: clock, Location: paris})
	require.NoError(t, err)
	return &fixture{t: t, ctx: context.Background(), clock: clock.FixedClock, svc: svc}, h, clock
}

// competing starts cmd in another goroutine and returns a function that
// waits for its error: the command competes with the one in progress.
func competing(cmd func() error) func() error {
	done := make(chan error, 1)
	go func() { done <- cmd() }()
	return func() error { return <-done }
}

func actionsOf(t *testing.T, f *fixture, sid tpsession.SessionID) []string {
	t.Helper()
	events, err := f.svc.Events(f.ctx, admin, sid)
	require.NoError(t, err)
	var out []string
	for _, e := range events {
		out = append(out, e.Action)
	}
	return out
}

func TestEachCommandReadsTheClockOnce(t *testing.T) {
	f, _, clock := hookedFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	regs, err := f.svc.Registrations(f.ctx, admin, s.ID)
	require.NoError(t, err)
	m := f.member("Marc", "marc@example.fr", "")
	once := func(name string, cmd func() error) {
		clock.reads.Store(0)
		require.NoError(t, cmd(), name)
		assert.EqualValues(t, 1, clock.reads.Load(), "%s reads the clock once", name)
	}
	once("DeclareConflict", func() error {
		_, err := f.svc.DeclareConflict(f.ctx, admin, s.ID, jury.DeclaredConflictInput{MemberID: string(m.ID), CandidateID: string(regs[0].Candidate), Reason: "trained"})
		return err
	})
	once("SetChecklistItem", func() error {
		_, err := f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK})
		return err
	})
	f.on(start)
	once("Open", func() error { _, err := f.svc.Open(f.ctx, admin, s.ID, nil); return err })
}

func TestValidatingConvocationsReadsTheClockOnce(t *testing.T) {
	f, _, clock := hookedFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	c := f.candidate("Léa", "Dubois", "")
	_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, convocation())
	require.NoError(t, err)
	clock.reads.Store(0)
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
	require.NoError(t, err)
	assert.EqualValues(t, 1, clock.reads.Load())
}

func convocation() candidate.ConvocationInput {
	return candidate.ConvocationInput{Appointment: "2027-03-01T08:30", Place: "Salle 2", Documents: candidate.UsualDocuments()}
}

func TestAFailedCreationLeavesNothingBehind(t *testing.T) {
	f, h, _ := hookedFixture(t, date.New(2026, time.November, 16))
	h.failCreatePli = true
	_, err := f.svc.CreateSession(f.ctx, admin, details())
	require.Error(t, err)
	list, err := f.svc.Sessions(f.ctx, admin, session.Filter{})
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestACancellationWaitsForARegistrationInProgress(t *testing.T) {
	f, h, _ := hookedFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	c := f.candidate("Léa", "Dubois", "")
	var cancelled func() error
	h.beforeCandidate = func() {
		cancelled = competing(func() error { _, err := f.svc.Cancel(f.ctx, admin, s.ID); return err })
	}
	_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err, "the registration checked a session still in preparation")
	require.NoError(t, cancelled())
	acts := actionsOf(t, f, s.ID)
	assert.Equal(t, []string{session.ActionSessionCreated, session.ActionCandidateRegistered, session.ActionSessionCancelled}, acts,
		"the cancellation comes after the registration, not in the middle of it")
}

func TestAnItemFailingDuringTheOpeningWaitsForIt(t *testing.T) {
	f, h, _ := hookedFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	f.on(start)
	var failed func() error
	h.beforePli = func() {
		failed = competing(func() error {
			_, err := f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusNotOK, Note: "poster torn"})
			return err
		})
	}
	_, err := f.svc.Open(f.ctx, admin, s.ID, nil)
	require.NoError(t, err, "the opening saw a ready session")
	assert.ErrorIs(t, failed(), session.ErrNotWritable, "the item comes after the opening, which closed the preparation")
}

func TestAValidationDuringADateChangeIsCheckedAgainstTheNewDates(t *testing.T) {
	f, h, _ := hookedFixture(t, date.New(2027, time.January, 27))
	s := f.session() // 1–3 March 2027
	c := f.candidate("Léa", "Dubois", "")
	_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, convocation())
	require.NoError(t, err)

	newStart, newEnd := date.New(2027, time.February, 24), date.New(2027, time.March, 3)
	var validated func() error
	h.beforeJury = func() {
		validated = competing(func() error {
			_, err := f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero) // 27 January
			return err
		})
	}
	_, err = f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{Start: &newStart, End: &newEnd})
	require.NoError(t, err)
	assert.ErrorIs(t, validated(), candidate.ErrConvocationTooLate, "28 days before the new start")
}

func TestWithdrawingTheLastUnvalidatedCandidateReachesConvocationsSent(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	a, b := f.candidate("Alice", "A", ""), f.candidate("Bob", "B", "")
	for _, c := range []candidate.Candidate{a, b} {
		_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
		require.NoError(t, err)
	}
	_, err := f.svc.DraftConvocation(f.ctx, admin, s.ID, a.ID, convocation())
	require.NoError(t, err)
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, a.ID, date.New(2026, time.November, 16))
	require.NoError(t, err)
	assert.Equal(t, session.StatusPreparation, f.status(s.ID), "Bob's convocation is not validated")

	f.on(date.New(2026, time.November, 19))
	require.NoError(t, f.svc.Withdraw(f.ctx, admin, s.ID, b.ID))
	ses, err := f.svc.Session(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, session.StatusConvocationsSent, ses.Status())
	assert.Equal(t, date.New(2026, time.November, 16), ses.Milestones().ConvocationsSentOn, "dated by the validation, not by the withdrawal")
}

func TestAMemberWhoBecomesUnavailableBlocksTheOpening(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	sj, err := f.svc.SessionJury(f.ctx, admin, s.ID)
	require.NoError(t, err)
	_, err = f.svc.SetMemberAvailability(f.ctx, admin, sj.AcceptedMembers()[0], tpsession.DateRange{From: start + 1, Until: start + 1}, false)
	require.NoError(t, err)
	r, err := f.svc.Readiness(f.ctx, admin, s.ID)
	require.NoError(t, err)
	require.False(t, r.Ready())
	var codes []checklist.FindingCode
	for _, b := range r.Blocking() {
		codes = append(codes, b.Code)
	}
	assert.Contains(t, codes, checklist.CodeJuryMemberAbsent, "the member sits on the only panel")
	assert.Contains(t, codes, checklist.CodeJuryTooSmall, "one member is left to sit")
}

func TestReadinessIsRecordedOnceAndFollowsTheChecks(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	assert.Equal(t, session.StatusReady, f.status(s.ID), "the last check made the session ready, without asking")

	f.on(start - 2)
	_, err := f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusNotOK, Note: "poster torn"})
	require.NoError(t, err)
	ds, err := f.svc.Timeline(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, session.DeadlineOverdue, ds[6].Status, "readiness is not done while a check fails")
	assert.Contains(t, ds[6].Note, "one fails again")
	assert.Equal(t, session.StatusReady, f.status(s.ID), "the status is the furthest milestone reached")

	_, err = f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK})
	require.NoError(t, err)
	f.on(start)
	_, err = f.svc.Open(f.ctx, admin, s.ID, nil)
	require.NoError(t, err)
	ready := 0
	for _, a := range actionsOf(t, f, s.ID) {
		if a == session.ActionSessionReady {
			ready++
		}
	}
	assert.Equal(t, 1, ready)
}

func TestConcurrentCommandsOnOneSession(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			status := checklist.StatusOK
			if i%2 == 0 {
				status = checklist.StatusNotOK
			}
			_, err := f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: status})
			assert.NoError(t, err)
			// Never the fixture's 12: a change to the same number changes
			// nothing and records nothing.
			planned := 20 + i
			_, err = f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{PlannedCandidates: &planned})
			assert.NoError(t, err)
			_, err = f.svc.Timeline(f.ctx, admin, s.ID)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	events := actionsOf(t, f, s.ID)
	changed := 0
	for _, a := range events {
		if a == session.ActionSessionChanged {
			changed++
		}
	}
	assert.Equal(t, 8, changed, "every change is recorded")
}

// flatTx is a Transactor that refuses a transaction inside another, as
// database/sql does.
type flatTx struct{ nested int }

type flatKey struct{}

func (f *flatTx) Atomic(ctx context.Context, fn func(context.Context) error) error {
	if ctx.Value(flatKey{}) != nil {
		f.nested++
		return errors.New("cannot start a transaction within a transaction")
	}
	return fn(context.WithValue(ctx, flatKey{}, true))
}

func TestTheServiceNeverNestsTransactions(t *testing.T) {
	store := memstore.New()
	tx := &flatTx{}
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: tx,
	}, session.Config{Clock: tpsession.NewFixedClock(at(date.New(2026, time.November, 16))), Location: paris})
	require.NoError(t, err)
	f := &fixture{t: t, ctx: context.Background(), svc: svc}
	s := f.session()
	_, _, err = svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	c := f.candidate("Léa", "Dubois", "")
	_, err = svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	_, err = svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, convocation())
	require.NoError(t, err)
	_, err = svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
	require.NoError(t, err)
	assert.Zero(t, tx.nested)
}

// TestACustodyEntryIsNeverStampedBeforeTheLastOne sets the clock back, as
// a time server correcting it or another server running behind would: the
// access is recorded all the same, at the last entry's instant, and the
// chain verifies.
func TestACustodyEntryIsNeverStampedBeforeTheLastOne(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	_, _, err := f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	p, err := f.svc.ReceivePli(f.ctx, admin, s.ID, date.Zero, nil)
	require.NoError(t, err)
	last := p.Custody[len(p.Custody)-1].At

	f.clock.Set(at(date.New(2026, time.November, 16)).Add(-time.Hour))
	p, err = f.svc.RecordPliAccess(f.ctx, admin, s.ID, pli.Access{Reason: "seal check"})
	require.NoError(t, err)
	require.NoError(t, p.Custody.Verify())
	assert.Equal(t, last, p.Custody[len(p.Custody)-1].At)
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, last, events[len(events)-1].At, "the event anchoring the entry has its instant")
	assert.Equal(t, string(pli.ActionAccessed), events[len(events)-1].Action)

	f.clock.Set(at(date.New(2026, time.November, 16)).Add(time.Hour))
	p, err = f.svc.RecordPliAccess(f.ctx, admin, s.ID, pli.Access{Reason: "seal check again"})
	require.NoError(t, err)
	assert.Equal(t, at(date.New(2026, time.November, 16)).Add(time.Hour).UTC(), p.Custody[len(p.Custody)-1].At, "a clock ahead again stamps its own time")
}
