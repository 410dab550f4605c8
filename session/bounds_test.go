package session_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

func TestTheLengthOfASessionIsBounded(t *testing.T) {
	today := date.New(2026, time.November, 16)
	t.Run("six weeks by default", func(t *testing.T) {
		f := newFixtureWith(t, today, session.Config{})
		d := details()
		d.End = date.New(2027, time.April, 9) // 40 days from Monday 1 March
		_, err := f.svc.CreateSession(f.ctx, admin, d)
		require.NoError(t, err)
		d.End = date.New(2027, time.April, 12) // 43 days
		_, err = f.svc.CreateSession(f.ctx, admin, d)
		require.ErrorIs(t, err, session.ErrInvalidSession)
		assert.Equal(t, []string{"end_date"}, fieldNames(err))
		assert.Contains(t, tpsession.MessageOf(err), "43 days")
		assert.Contains(t, tpsession.MessageOf(err), "42 allowed")
	})
	t.Run("every problem is reported at once", func(t *testing.T) {
		f := newFixtureWith(t, today, session.Config{})
		d := details()
		d.End = date.New(2029, time.March, 1)
		d.Site = ""
		_, err := f.svc.CreateSession(f.ctx, admin, d)
		require.ErrorIs(t, err, session.ErrInvalidSession)
		assert.ElementsMatch(t, []string{"site", "end_date"}, fieldNames(err))
	})
	t.Run("a setting, on both sides of it, on create and change", func(t *testing.T) {
		f := newFixtureWith(t, today, session.Config{MaxSessionDays: 8})
		d := details()
		d.End = date.New(2027, time.March, 8) // 8 days
		s, err := f.svc.CreateSession(f.ctx, admin, d)
		require.NoError(t, err)
		d.End = date.New(2027, time.March, 9) // 9 days
		_, err = f.svc.CreateSession(f.ctx, admin, d)
		assert.Equal(t, []string{"end_date"}, fieldNames(err))

		nine := date.New(2027, time.March, 9)
		_, err = f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{End: &nine})
		assert.Equal(t, []string{"end_date"}, fieldNames(err))
		later := date.New(2027, time.March, 2)
		_, err = f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{Start: &later, End: &nine})
		require.NoError(t, err, "8 days again once the start moves too")
	})
	t.Run("a generated population of dates", func(t *testing.T) {
		const maxDays = 12
		f := newFixtureWith(t, today, session.Config{MaxSessionDays: maxDays})
		cal := tpsession.Calendar{}
		rng := rand.New(rand.NewPCG(15, 7))
		for range 300 {
			first := cal.Next(start + date.Date(rng.IntN(200)) - 1)
			last := cal.Previous(first + date.Date(rng.IntN(3*maxDays)) + 1)
			if last < first {
				continue
			}
			d := details()
			d.Start, d.End = first, last
			_, err := f.svc.CreateSession(f.ctx, admin, d)
			if days := int(last-first) + 1; days <= maxDays {
				assert.NoError(t, err, "%s to %s, %d days", first, last, days)
			} else {
				assert.Equal(t, []string{"end_date"}, fieldNames(err), "%s to %s, %d days", first, last, days)
			}
		}
	})
	t.Run("a negative setting is refused", func(t *testing.T) {
		store := memstore.New()
		_, err := session.NewService(session.Stores{
			Sessions: store, Events: store, Candidates: store, Registrations: store,
			Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store,
		}, session.Config{MaxSessionDays: -1})
		assert.ErrorIs(t, err, tpsession.ErrInternal)
	})
}

// TestFactsAreDatedWithinTheirSessionsWindow records every dated fact of a
// session's preparation on the first day of its window, and the day
// before, which is refused naming the window.
func TestFactsAreDatedWithinTheirSessionsWindow(t *testing.T) {
	today := date.New(2026, time.November, 16) // the session is created today and starts on 1 March 2027
	first := date.New(2025, time.November, 16) // 12 months before its creation
	type fact struct {
		field string
		// from is the first day the fact may bear: the window's first
		// day, or for a convocation's facts the day it was drafted, today
		// (docs/rules.md#no-validation-before-the-convocation-exists).
		from   date.Date
		record func(f *fixture, s session.Session, c candidate.Candidate, on date.Date) error
	}
	facts := []fact{
		{"declared_on", first, func(f *fixture, s session.Session, _ candidate.Candidate, on date.Date) error {
			_, err := f.svc.Declare(f.ctx, admin, s.ID, on)
			return err
		}},
		{"ordered_on", first, func(f *fixture, s session.Session, _ candidate.Candidate, on date.Date) error {
			_, _, err := f.svc.OrderPli(f.ctx, admin, s.ID, on)
			return err
		}},
		{"received_on", first, func(f *fixture, s session.Session, _ candidate.Candidate, on date.Date) error {
			if _, _, err := f.svc.OrderPli(f.ctx, admin, s.ID, first); err != nil {
				return err
			}
			_, err := f.svc.ReceivePli(f.ctx, admin, s.ID, on, nil)
			return err
		}},
		{"validated_on", today, func(f *fixture, s session.Session, c candidate.Candidate, on date.Date) error {
			_, err := f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, on)
			return err
		}},
		{"sent_on", today, func(f *fixture, s session.Session, c candidate.Candidate, on date.Date) error {
			if _, err := f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, today); err != nil {
				return err
			}
			_, err := f.svc.RecordDelivery(f.ctx, admin, s.ID, c.ID, candidate.DeliveryInput{Method: "registered_mail", SentOn: on.String(), TrackingNumber: "1A00000000001"})
			return err
		}},
		{"delivered_on", today, func(f *fixture, s session.Session, c candidate.Candidate, on date.Date) error {
			if _, err := f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, today); err != nil {
				return err
			}
			_, err := f.svc.RecordDelivery(f.ctx, admin, s.ID, c.ID, candidate.DeliveryInput{Method: "hand", DeliveredOn: on.String(), ReceivedBy: "le candidat"})
			return err
		}},
	}
	for _, fc := range facts {
		t.Run(fc.field, func(t *testing.T) {
			for _, tc := range []struct {
				on date.Date
				ok bool
			}{{fc.from, true}, {first - 1, false}, {date.New(2002, time.February, 18), false}, {today, true}, {today + 1, false}} {
				f := newFixtureWith(t, today, session.Config{})
				s := f.session()
				c := f.candidate("Léa", "Dubois", "")
				_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
				require.NoError(t, err)
				_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, convocation())
				require.NoError(t, err)

				err = fc.record(f, s, c, tc.on)
				if tc.ok {
					assert.NoError(t, err, "%s on %s", fc.field, tc.on)
					continue
				}
				require.Error(t, err, "%s on %s", fc.field, tc.on)
				assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
				assert.Equal(t, []string{fc.field}, fieldNames(err), "%s on %s: %v", fc.field, tc.on, err)
				if tc.on < first {
					assert.True(t, strings.Contains(tpsession.MessageOf(err), "2025-11-16 to 2026-11-16"), "the window is named: %v", err)
				}
			}
		})
	}
}

// fieldNames lists the fields an error names, sorted.
func fieldNames(err error) []string {
	return slices.Sorted(maps.Keys(fieldsOf(err)))
}
