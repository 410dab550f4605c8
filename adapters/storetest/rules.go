package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

func testSessionListing(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	march := NewSession(t, CentreA, Start)      // 1–3 March
	april := NewSession(t, CentreA, Start+35)   // 5–7 April
	declared := NewSession(t, CentreA, Start+7) // 8–10 March
	require.NoError(t, declared.Declare(Today, Today))
	other := NewSession(t, CentreB, Start)
	for _, v := range []session.Session{april, march, declared, other} {
		require.NoError(t, s.Sessions.CreateSession(ctx, v))
	}
	ids := func(f session.Filter) []tpsession.SessionID {
		got, err := s.Sessions.Sessions(ctx, CentreA, f)
		require.NoError(t, err)
		out := make([]tpsession.SessionID, len(got))
		for i, v := range got {
			out[i] = v.ID
		}
		return out
	}
	assert.Equal(t, []tpsession.SessionID{march.ID, declared.ID, april.ID}, ids(session.Filter{}), "by start date, the centre's only")
	assert.Equal(t, []tpsession.SessionID{declared.ID}, ids(session.Filter{Status: session.StatusDeclared}))
	assert.Equal(t, []tpsession.SessionID{march.ID, april.ID}, ids(session.Filter{Status: session.StatusPreparation, From: Start}))
	assert.Equal(t, []tpsession.SessionID{march.ID, declared.ID}, ids(session.Filter{From: Start + 2, To: Start + 7}), "a session with one day in the range is in")
	assert.Equal(t, []tpsession.SessionID{declared.ID, april.ID}, ids(session.Filter{From: Start + 3}), "a session ending the day before is out")
	assert.Empty(t, ids(session.Filter{To: Start - 1}))
}

func testEventLog(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	sid := tpsession.NewSessionID()
	event := func(centre tpsession.CentreID, at time.Time, action string) session.Event {
		return session.Event{ID: tpsession.NewEventID(), Centre: centre, Session: sid, At: at, Actor: "Claire Martin", Action: action, Detail: "détail"}
	}
	later := event(CentreA, At.Add(time.Hour), session.ActionSessionDeclared)
	first := event(CentreA, At, session.ActionSessionCreated)
	sameInstant := event(CentreA, At.Add(time.Hour), session.ActionSessionReady)
	for _, e := range []session.Event{later, first, sameInstant, event(CentreB, At, session.ActionSessionCreated)} {
		require.NoError(t, s.Events.AppendEvent(ctx, e))
	}
	got, err := s.Events.Events(ctx, CentreA, sid)
	require.NoError(t, err)
	assert.Equal(t, []session.Event{first, later, sameInstant}, got,
		"oldest first, in the order appended for equal instants; another centre's events are not there")

	none, err := s.Events.Events(ctx, CentreA, tpsession.NewSessionID())
	require.NoError(t, err)
	assert.Empty(t, none)

	t.Run("events of one instant keep their order", func(t *testing.T) {
		sid := tpsession.NewSessionID()
		var early, late []session.Event
		for i := range 60 {
			e := session.Event{ID: tpsession.NewEventID(), Centre: CentreA, Session: sid, At: At, Actor: "x", Action: fmt.Sprintf("a%02d", i)}
			if i%3 == 0 { // appended out of time order: the log must sort them
				e.At = At.Add(time.Hour)
				late = append(late, e)
			} else {
				early = append(early, e)
			}
			require.NoError(t, s.Events.AppendEvent(ctx, e))
		}
		got, err := s.Events.Events(ctx, CentreA, sid)
		require.NoError(t, err)
		assert.Equal(t, append(early, late...), got)
	})

	t.Run("concurrent appends are all kept", func(t *testing.T) {
		sid := tpsession.NewSessionID()
		const n = 50
		done := make(chan error, n)
		for i := range n {
			go func() {
				done <- s.Events.AppendEvent(ctx, session.Event{ID: tpsession.NewEventID(), Centre: CentreA, Session: sid, At: At.Add(time.Duration(i) * time.Millisecond), Actor: "x", Action: "a"})
			}()
		}
		for range n {
			require.NoError(t, <-done)
		}
		got, err := s.Events.Events(ctx, CentreA, sid)
		require.NoError(t, err)
		assert.Len(t, got, n)
	})
}

func testRegistrationRules(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	sid := tpsession.NewSessionID()
	c := NewCandidate(t, CentreA)
	first, err := candidate.Register(tpsession.NewRegistrationID(), candidateSession(CentreA, sid), c, nil, At, candidate.Request{})
	require.NoError(t, err)
	require.NoError(t, s.Registrations.CreateRegistration(ctx, first))

	second, err := candidate.Register(tpsession.NewRegistrationID(), candidateSession(CentreA, sid), c, nil, At.Add(time.Minute), candidate.Request{})
	require.NoError(t, err)
	assert.ErrorIs(t, s.Registrations.CreateRegistration(ctx, second), candidate.ErrDuplicateRegistration,
		"one active registration per candidate and session, even with another ID")

	require.NoError(t, s.Registrations.UpdateRegistration(ctx, CentreA, sid, c.ID, func(r *candidate.Registration) error {
		return r.Withdraw(At.Add(2*time.Minute), "Claire Martin")
	}))
	require.NoError(t, s.Registrations.CreateRegistration(ctx, second), "a withdrawn candidate may be registered again")

	got, err := s.Registrations.Registration(ctx, CentreA, sid, c.ID)
	require.NoError(t, err)
	assert.Equal(t, second.ID, got.ID, "the active registration is the one addressed")

	all, err := s.Registrations.RegistrationsOfSession(ctx, CentreA, sid)
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, first.ID, all[0].ID, "by registration time")
	assert.False(t, all[0].Active())
	assert.True(t, all[1].Active())

	ofCandidate, err := s.Registrations.RegistrationsOfCandidate(ctx, CentreA, c.ID)
	require.NoError(t, err)
	assert.Len(t, ofCandidate, 2)
	ofCandidate, err = s.Registrations.RegistrationsOfCandidate(ctx, CentreB, c.ID)
	require.NoError(t, err)
	assert.Empty(t, ofCandidate)

	t.Run("concurrent registrations of one candidate: one wins", func(t *testing.T) {
		sid := tpsession.NewSessionID()
		c := NewCandidate(t, CentreA)
		const n = 8
		errs := make(chan error, n)
		for i := range n {
			go func() {
				r, err := candidate.Register(tpsession.NewRegistrationID(), candidateSession(CentreA, sid), c, nil, At.Add(time.Duration(i)*time.Second), candidate.Request{})
				if err == nil {
					err = s.Registrations.CreateRegistration(ctx, r)
				}
				errs <- err
			}()
		}
		won := 0
		for range n {
			if err := <-errs; err == nil {
				won++
			} else {
				assert.ErrorIs(t, err, candidate.ErrDuplicateRegistration)
			}
		}
		assert.Equal(t, 1, won)
	})
}

func testCustodyAppendOnly(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	p := NewPli(t, CentreA)
	require.NoError(t, s.Plis.CreatePli(ctx, p))
	err := s.Plis.UpdatePli(ctx, CentreA, p.Session, func(p *pli.Pli) error {
		p.Custody[0].Detail = "rewritten"
		return nil
	})
	assert.ErrorIs(t, err, pli.ErrCustodyRewritten)
	err = s.Plis.UpdatePli(ctx, CentreA, p.Session, func(p *pli.Pli) error {
		p.Custody = p.Custody[:1]
		return nil
	})
	assert.ErrorIs(t, err, pli.ErrCustodyRewritten)
	got, err := s.Plis.Pli(ctx, CentreA, p.Session)
	require.NoError(t, err)
	assert.Equal(t, p, got)
	require.NoError(t, got.Custody.Verify())

	other, err := pli.New(CentreA, tpsession.NewPliID(), p.Session)
	require.NoError(t, err)
	assert.ErrorIs(t, s.Plis.CreatePli(ctx, other), pli.ErrDuplicatePli, "one pli per session")
}

func testTransactions(t *testing.T, open Open) {
	s := open(t)
	if s.Tx == nil {
		t.Skip("the store makes each write atomic on its own, without transactions")
	}
	ctx := context.Background()
	v := NewSession(t, CentreA, Start)
	event := session.Event{ID: tpsession.NewEventID(), Centre: CentreA, Session: v.ID, At: At, Actor: "x", Action: session.ActionSessionCreated}

	err := s.Tx.Atomic(ctx, func(ctx context.Context) error {
		require.NoError(t, s.Sessions.CreateSession(ctx, v))
		require.NoError(t, s.Events.AppendEvent(ctx, event))
		return errBoom
	})
	assert.Same(t, errBoom, err)
	_, err = s.Sessions.Session(ctx, CentreA, v.ID)
	assert.ErrorIs(t, err, session.ErrSessionNotFound, "a failed transaction leaves nothing behind")
	events, err := s.Events.Events(ctx, CentreA, v.ID)
	require.NoError(t, err)
	assert.Empty(t, events)

	require.NoError(t, s.Tx.Atomic(ctx, func(ctx context.Context) error {
		if err := s.Sessions.CreateSession(ctx, v); err != nil {
			return err
		}
		return s.Events.AppendEvent(ctx, event)
	}))
	_, err = s.Sessions.Session(ctx, CentreA, v.ID)
	require.NoError(t, err)
	events, err = s.Events.Events(ctx, CentreA, v.ID)
	require.NoError(t, err)
	assert.Len(t, events, 1)

	t.Run("a failed transaction undoes its updates in every store", func(t *testing.T) {
		c := NewCandidate(t, CentreA)
		require.NoError(t, s.Candidates.CreateCandidate(ctx, c))
		p := NewPli(t, CentreA)
		require.NoError(t, s.Plis.CreatePli(ctx, p))
		err := s.Tx.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, s.Sessions.UpdateSession(ctx, CentreA, v.ID, func(x *session.Session) error { x.PlannedCandidates = 99; return nil }))
			require.NoError(t, s.Candidates.UpdateCandidate(ctx, CentreA, c.ID, func(x *candidate.Candidate) error { x.LastName = "Changed"; return nil }))
			require.NoError(t, s.Plis.UpdatePli(ctx, CentreA, p.Session, func(x *pli.Pli) error {
				return x.RecordAccess(pli.Access{Reason: "seal check"}, At.Add(time.Hour), "Claire Martin")
			}))
			require.NoError(t, s.Plans.PutPlan(ctx, NewPlanRecord(t, CentreA, v.ID)))
			return errBoom
		})
		assert.Same(t, errBoom, err)
		gotSession, err := s.Sessions.Session(ctx, CentreA, v.ID)
		require.NoError(t, err)
		assert.Equal(t, v.PlannedCandidates, gotSession.PlannedCandidates)
		gotCandidate, err := s.Candidates.Candidate(ctx, CentreA, c.ID)
		require.NoError(t, err)
		assert.Equal(t, c, gotCandidate)
		gotPli, err := s.Plis.Pli(ctx, CentreA, p.Session)
		require.NoError(t, err)
		assert.Equal(t, p, gotPli)
		_, err = s.Plans.Plan(ctx, CentreA, v.ID)
		assert.ErrorIs(t, err, plan.ErrPlanNotFound)
	})

	t.Run("a transaction within a transaction joins it", func(t *testing.T) {
		c := NewCandidate(t, CentreA)
		err := s.Tx.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, s.Tx.Atomic(ctx, func(ctx context.Context) error {
				return s.Candidates.CreateCandidate(ctx, c)
			}))
			got, err := s.Candidates.Candidate(ctx, CentreA, c.ID)
			require.NoError(t, err, "the outer transaction sees the inner one's write")
			assert.Equal(t, c, got)
			return errBoom
		})
		assert.Same(t, errBoom, err)
		_, err = s.Candidates.Candidate(ctx, CentreA, c.ID)
		assert.ErrorIs(t, err, candidate.ErrCandidateNotFound, "the outer failure undoes the inner write")
	})

	t.Run("concurrent transactions lose no write", func(t *testing.T) {
		const n = 10
		done := make(chan error, n)
		for range n {
			go func() {
				done <- s.Tx.Atomic(ctx, func(ctx context.Context) error {
					cur, err := s.Sessions.Session(ctx, CentreA, v.ID)
					if err != nil {
						return err
					}
					return s.Sessions.UpdateSession(ctx, CentreA, v.ID, func(x *session.Session) error {
						x.PlannedCandidates = cur.PlannedCandidates + 1 // read in the transaction, written in it
						return nil
					})
				})
			}()
		}
		succeeded := 0
		for range n {
			if err := <-done; err == nil {
				succeeded++
			} else {
				assert.ErrorIs(t, err, tpsession.ErrConflict)
			}
		}
		got, err := s.Sessions.Session(ctx, CentreA, v.ID)
		require.NoError(t, err)
		assert.Equal(t, v.PlannedCandidates+succeeded, got.PlannedCandidates, "a read in a transaction still holds when it writes")
	})
}
