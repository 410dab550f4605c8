package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

// testCalendars checks session.CalendarStore: a record is made by its first
// update, and then behaves as every aggregate does.
func testCalendars(t *testing.T, open Open) {
	ctx := context.Background()
	const key = "member:mem_01"
	publish := func(r *session.CalendarRecord, uids ...string) {
		var events []session.EventDigest
		for _, u := range uids {
			events = append(events, session.EventDigest{UID: u, Digest: "d-" + u})
		}
		r.Publish(events, At)
	}

	t.Run("a calendar never published is not found, and its first update makes it", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		_, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		assert.ErrorIs(t, err, session.ErrCalendarNotFound)
		var seen session.CalendarRecord
		require.NoError(t, s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error {
			seen = r.Clone()
			publish(r, "a", "b")
			return nil
		}))
		assert.Equal(t, session.CalendarRecord{Centre: CentreA, Session: sid, Key: key}, seen, "the closure starts from an empty record")
		got, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		require.NoError(t, err)
		assert.Equal(t, CentreA, got.Centre)
		require.Len(t, got.Events, 2)
		assert.Equal(t, session.PublishedEvent{UID: "a", Digest: "d-a", Modified: At}, got.Events[0])
		_, err = s.Calendars.Calendar(ctx, CentreA, sid, "member:another")
		assert.ErrorIs(t, err, session.ErrCalendarNotFound, "each key is its own calendar")
	})

	t.Run("a failing closure saves nothing, first update or not", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		err := s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error { publish(r, "a"); return errBoom })
		assert.Same(t, errBoom, err)
		_, err = s.Calendars.Calendar(ctx, CentreA, sid, key)
		assert.ErrorIs(t, err, session.ErrCalendarNotFound)

		require.NoError(t, s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error { publish(r, "a"); return nil }))
		err = s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error { publish(r, "b"); return errBoom })
		assert.Same(t, errBoom, err)
		got, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		require.NoError(t, err)
		assert.Len(t, got.Events, 1)
	})

	t.Run("a closure may not change what identifies the record", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		for _, change := range []func(*session.CalendarRecord){
			func(r *session.CalendarRecord) { r.Key = "member:other" },
			func(r *session.CalendarRecord) { r.Centre = CentreB },
			func(r *session.CalendarRecord) { r.Session = tpsession.NewSessionID() },
		} {
			assert.Error(t, s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error { change(r); return nil }))
		}
		_, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		assert.ErrorIs(t, err, session.ErrCalendarNotFound)
	})

	t.Run("values in, copies out", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		var kept *session.CalendarRecord
		require.NoError(t, s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error {
			publish(r, "a")
			kept = r
			return nil
		}))
		kept.Events[0].Sequence = 99
		got, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		require.NoError(t, err)
		got.Events[0].Sequence = 98
		again, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		require.NoError(t, err)
		assert.Equal(t, 0, again.Events[0].Sequence)
	})

	t.Run("another centre's calendar does not exist", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		require.NoError(t, s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error { publish(r, "a"); return nil }))
		_, err := s.Calendars.Calendar(ctx, CentreB, sid, key)
		assert.ErrorIs(t, err, session.ErrCalendarNotFound)
		// A session's ID is its centre's alone; a store may refuse the key
		// to another centre, or keep that centre's record apart.
		err = s.Calendars.UpdateCalendar(ctx, CentreB, sid, key, func(r *session.CalendarRecord) error {
			assert.Empty(t, r.Events, "another centre's events are not seen")
			publish(r, "b")
			return nil
		})
		if err != nil {
			assert.ErrorIs(t, err, session.ErrCalendarNotFound)
		} else {
			theirs, err := s.Calendars.Calendar(ctx, CentreB, sid, key)
			require.NoError(t, err)
			assert.Equal(t, "b", theirs.Events[0].UID)
		}
		got, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		require.NoError(t, err)
		assert.Equal(t, CentreA, got.Centre, "the centre's record is untouched")
		assert.Len(t, got.Events, 1)
	})

	t.Run("a cancelled context writes nothing", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		err := s.Calendars.UpdateCalendar(cancelled, CentreA, sid, key, func(r *session.CalendarRecord) error { publish(r, "a"); return nil })
		assert.ErrorIs(t, err, context.Canceled)
		_, err = s.Calendars.Calendar(ctx, CentreA, sid, key)
		assert.ErrorIs(t, err, session.ErrCalendarNotFound)
	})

	t.Run("concurrent publications lose no write", func(t *testing.T) {
		s := open(t)
		sid := tpsession.NewSessionID()
		const workers, each = 6, 10
		var (
			wg        sync.WaitGroup
			mu        sync.Mutex
			succeeded int
		)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					// Every publication changes event "a" and adds one of its own.
					err := s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error {
						uid := fmt.Sprintf("w%d-%d", w, i)
						var all []session.EventDigest
						for _, e := range r.Events {
							if !e.Cancelled && e.UID != "a" {
								all = append(all, session.EventDigest{UID: e.UID, Digest: e.Digest})
							}
						}
						all = append(all, session.EventDigest{UID: "a", Digest: uid}, session.EventDigest{UID: uid, Digest: uid})
						r.Publish(all, At)
						return nil
					})
					mu.Lock()
					if err == nil {
						succeeded++
					} else {
						assert.ErrorIs(t, err, tpsession.ErrConflict, "a concurrent update either succeeds or reports a conflict")
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		got, err := s.Calendars.Calendar(ctx, CentreA, sid, key)
		require.NoError(t, err)
		require.Positive(t, succeeded)
		assert.Len(t, got.Events, succeeded+1, "each acknowledged publication's event is kept")
		assert.Equal(t, succeeded-1, got.Events[0].Sequence, "event a changed with every publication after the first")
	})

	t.Run("an update in a transaction that fails is undone", func(t *testing.T) {
		s := open(t)
		if s.Tx == nil {
			t.Skip("the stores make no transaction")
		}
		sid := tpsession.NewSessionID()
		err := s.Tx.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, s.Calendars.UpdateCalendar(ctx, CentreA, sid, key, func(r *session.CalendarRecord) error { publish(r, "a"); return nil }))
			return errBoom
		})
		assert.Same(t, errBoom, err)
		_, err = s.Calendars.Calendar(ctx, CentreA, sid, key)
		assert.ErrorIs(t, err, session.ErrCalendarNotFound)
	})
}
