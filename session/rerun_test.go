package session_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

// rerun is the memstore with transactions that run their function twice:
// the first run is undone, as a store that runs transactions side by side
// undoes one that conflicted with another, and the second is kept.
type rerun struct{ *memstore.Store }

var errUndo = errors.New("undone, to run again")

func (r rerun) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	err := r.Store.Atomic(ctx, func(ctx context.Context) error {
		if err := fn(ctx); err != nil {
			return err
		}
		return errUndo
	})
	if !errors.Is(err, errUndo) {
		return err
	}
	return r.Store.Atomic(ctx, fn)
}

// TestCommandsMayRunAgain walks a session from creation to opening on
// stores whose transactions run twice: every command gives the same
// outcome and leaves the same logs as when it runs once (session.Transactor).
func TestCommandsMayRunAgain(t *testing.T) {
	walk := func(t *testing.T, tx func(*memstore.Store) session.Transactor) []string {
		store := memstore.New()
		clock := tpsession.NewFixedClock(at(date.New(2026, time.November, 16)))
		svc, err := session.NewService(session.Stores{
			Sessions: store, Events: store, Candidates: store, Registrations: store,
			Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: tx(store),
		}, session.Config{Clock: clock, Location: paris})
		require.NoError(t, err)
		f := &fixture{t: t, ctx: context.Background(), clock: clock, svc: svc}
		s := f.prepared()
		f.on(start)
		_, err = f.svc.Open(f.ctx, admin, s.ID, nil)
		require.NoError(t, err)
		p, err := f.svc.Pli(f.ctx, admin, s.ID)
		require.NoError(t, err)
		require.NoError(t, p.Custody.Verify())
		events, err := f.svc.Events(f.ctx, admin, s.ID)
		require.NoError(t, err)
		var log []string
		for _, e := range events {
			log = append(log, e.Action)
		}
		for _, e := range p.Custody {
			log = append(log, "custody "+string(e.Action)+" "+e.Detail)
		}
		return log
	}
	once := walk(t, func(s *memstore.Store) session.Transactor { return s })
	twice := walk(t, func(s *memstore.Store) session.Transactor { return rerun{s} })
	assert.Equal(t, once, twice)
}
