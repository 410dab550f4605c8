package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
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

// Stores are the implementations under test. Every field must be set, but
// Tx, which a store sets when it can make several writes all or nothing.
type Stores struct {
	Sessions      session.Store
	Events        session.EventLog
	Candidates    candidate.CandidateStore
	Registrations candidate.RegistrationStore
	Members       jury.MemberStore
	Juries        jury.SessionJuryStore
	Plis          pli.Store
	Checklists    checklist.Store
	Plans         plan.Store
	Agrements     agrement.Store
	Programmes    programme.Store
	Calendars     session.CalendarStore
	Exams         exam.Store
	Retentions    exam.RetentionStore
	Receipts      session.ReceiptStore
	Tx            session.Transactor
}

// Open returns new, empty stores for one test. Stores that need closing
// register it with t.Cleanup.
type Open func(t *testing.T) Stores

// Run runs the whole contract. Each subtest opens its own stores.
func Run(t *testing.T, open Open) {
	t.Run("sessions", func(t *testing.T) { sessionContract().run(t, open) })
	t.Run("candidates", func(t *testing.T) { candidateContract().run(t, open) })
	t.Run("registrations", func(t *testing.T) { registrationContract().run(t, open) })
	t.Run("members", func(t *testing.T) { memberContract().run(t, open) })
	t.Run("session juries", func(t *testing.T) { sessionJuryContract().run(t, open) })
	t.Run("plis", func(t *testing.T) { pliContract().run(t, open) })
	t.Run("checklists", func(t *testing.T) { checklistContract().run(t, open) })
	t.Run("agréments", func(t *testing.T) { agrementContract().run(t, open) })
	t.Run("yearly programmes", func(t *testing.T) { programmeContract().run(t, open) })
	t.Run("exam records", func(t *testing.T) { examContract().run(t, open) })
	t.Run("retention periods", func(t *testing.T) { retentionContract().run(t, open) })
	t.Run("closed procès-verbal", func(t *testing.T) { testClosedPV(t, open) })
	t.Run("event details rewritten", func(t *testing.T) { testRewriteDetails(t, open) })
	t.Run("programme listing", func(t *testing.T) { testProgrammeListing(t, open) })
	t.Run("session listing", func(t *testing.T) { testSessionListing(t, open) })
	t.Run("session paging", func(t *testing.T) { testSessionPaging(t, open) })
	t.Run("candidate listing", func(t *testing.T) { testCandidateListing(t, open) })
	t.Run("event log", func(t *testing.T) { testEventLog(t, open) })
	t.Run("registration rules", func(t *testing.T) { testRegistrationRules(t, open) })
	t.Run("member listing", func(t *testing.T) { testMemberListing(t, open) })
	t.Run("session juries of a member", func(t *testing.T) { testSessionJuriesOfMember(t, open) })
	t.Run("plans", func(t *testing.T) { testPlans(t, open) })
	t.Run("calendars", func(t *testing.T) { testCalendars(t, open) })
	t.Run("custody log is append-only", func(t *testing.T) { testCustodyAppendOnly(t, open) })
	t.Run("transactions", func(t *testing.T) { testTransactions(t, open) })
	t.Run("service under concurrency", func(t *testing.T) { testServiceConcurrency(t, open) })
	t.Run("receipts", func(t *testing.T) { testReceipts(t, open) })
	t.Run("idempotent commands", func(t *testing.T) { testIdempotency(t, open) })
}

// Centres used by the tests: every aggregate is created in CentreA, and
// CentreB must never see it.
const (
	CentreA tpsession.CentreID = "centre-a"
	CentreB tpsession.CentreID = "centre-b"
)

var errBoom = errors.New("storetest: closure failed on purpose")

// contract is the behaviour every store of one aggregate shares.
type contract[V any] struct {
	// fresh returns a new valid aggregate of centre, with a key no other
	// call returns.
	fresh func(t *testing.T, s Stores, centre tpsession.CentreID) V
	// create, get and update call the store; get and update address v by
	// its key.
	create func(ctx context.Context, s Stores, v V) error
	get    func(ctx context.Context, s Stores, centre tpsession.CentreID, v V) (V, error)
	update func(ctx context.Context, s Stores, centre tpsession.CentreID, v V, fn func(*V) error) error
	// list returns a listing of centre that must hold v once created.
	list func(ctx context.Context, s Stores, centre tpsession.CentreID, v V) ([]V, error)
	// bump makes a change that accumulates: after n successful bumps,
	// bumps reports n more.
	bump  func(v *V, i int)
	bumps func(v V) int
	// mutate changes v through memory it shares with its copies unless
	// they are deep: an element of a slice, a field behind a pointer.
	mutate func(v *V)
	// rekey changes what identifies v; recentre moves it to a centre.
	rekey    func(v *V)
	recentre func(v *V, centre tpsession.CentreID)
	// same reports whether a listed value is v; clone is the aggregate's
	// deep copy.
	same  func(a, b V) bool
	clone func(V) V

	notFound, duplicate error
}

func (c contract[V]) run(t *testing.T, open Open) {
	ctx := context.Background()

	t.Run("unknown key is not found", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		_, err := c.get(ctx, s, CentreA, v)
		assert.ErrorIs(t, err, c.notFound)
		called := false
		err = c.update(ctx, s, CentreA, v, func(*V) error { called = true; return nil })
		assert.ErrorIs(t, err, c.notFound)
		assert.False(t, called, "the closure does not run for a missing aggregate")
	})

	t.Run("create then get returns what was stored", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		got, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		assert.Equal(t, v, got)
	})

	t.Run("duplicate key is refused and the first value kept", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		again, err := c.get(ctx, s, CentreA, v) // a copy with the same key
		require.NoError(t, err)
		c.bump(&again, 1)
		assert.ErrorIs(t, c.create(ctx, s, again), c.duplicate)
		got, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		assert.Equal(t, v, got)
	})

	t.Run("values in, copies out", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		want, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		want = c.clone(want) // what the store holds, in memory of the test's own

		c.mutate(&v) // the value passed to create
		got, err := c.get(ctx, s, CentreA, want)
		require.NoError(t, err)
		c.mutate(&got) // a value returned by get
		var kept *V
		require.NoError(t, c.update(ctx, s, CentreA, want, func(p *V) error { kept = p; return nil }))
		c.mutate(kept) // the value a closure saw, after the update
		if c.list != nil {
			all, err := c.list(ctx, s, CentreA, want)
			require.NoError(t, err)
			for i := range all {
				c.mutate(&all[i]) // values returned by a listing
			}
		}

		again, err := c.get(ctx, s, CentreA, want)
		require.NoError(t, err)
		assert.Equal(t, want, again, "no change to a value outside the store reached it")
	})

	t.Run("update saves the closure's changes", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		require.NoError(t, c.update(ctx, s, CentreA, v, func(p *V) error { c.bump(p, 1); return nil }))
		got, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		assert.Equal(t, c.bumps(v)+1, c.bumps(got))
	})

	t.Run("a failing closure saves nothing and its error comes back unchanged", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		err := c.update(ctx, s, CentreA, v, func(p *V) error { c.bump(p, 1); return errBoom })
		assert.Same(t, errBoom, err)
		got, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		assert.Equal(t, v, got)
	})

	t.Run("a closure may not change the key nor the centre", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		err := c.update(ctx, s, CentreA, v, func(p *V) error { c.rekey(p); return nil })
		assert.Error(t, err)
		err = c.update(ctx, s, CentreA, v, func(p *V) error { c.recentre(p, CentreB); return nil })
		assert.Error(t, err)
		got, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		assert.Equal(t, v, got)
		_, err = c.get(ctx, s, CentreB, v)
		assert.ErrorIs(t, err, c.notFound, "the aggregate did not move to another centre")
	})

	t.Run("a cancelled context writes nothing", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		assert.ErrorIs(t, c.create(cancelled, s, v), context.Canceled)
		_, err := c.get(ctx, s, CentreA, v)
		assert.ErrorIs(t, err, c.notFound)
	})

	t.Run("concurrent updates lose no write", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		const workers, each = 8, 25
		var (
			wg        sync.WaitGroup
			mu        sync.Mutex
			succeeded int
			failures  []error
		)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					err := c.update(ctx, s, CentreA, v, func(p *V) error { c.bump(p, w*each+i+1); return nil })
					mu.Lock()
					if err == nil {
						succeeded++
					} else {
						failures = append(failures, err)
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		for _, err := range failures {
			assert.ErrorIs(t, err, tpsession.ErrConflict, "a concurrent update either succeeds or reports a conflict")
		}
		got, err := c.get(ctx, s, CentreA, v)
		require.NoError(t, err)
		assert.Positive(t, succeeded)
		assert.Equal(t, c.bumps(v)+succeeded, c.bumps(got), "every acknowledged update is kept")
	})

	t.Run("another centre's aggregate does not exist", func(t *testing.T) {
		s := open(t)
		v := c.fresh(t, s, CentreA)
		require.NoError(t, c.create(ctx, s, v))
		_, err := c.get(ctx, s, CentreB, v)
		assert.ErrorIs(t, err, c.notFound)
		called := false
		err = c.update(ctx, s, CentreB, v, func(*V) error { called = true; return nil })
		assert.ErrorIs(t, err, c.notFound)
		assert.False(t, called)
		if c.list != nil {
			mine, err := c.list(ctx, s, CentreA, v)
			require.NoError(t, err)
			assert.True(t, containsFunc(mine, v, c.same), "the centre's listing holds it")
			theirs, err := c.list(ctx, s, CentreB, v)
			require.NoError(t, err)
			assert.False(t, containsFunc(theirs, v, c.same), "another centre's listing does not")
		}
	})
}

func containsFunc[V any](vs []V, v V, same func(a, b V) bool) bool {
	for _, x := range vs {
		if same(x, v) {
			return true
		}
	}
	return false
}
