package postgres

import (
	"context"
	"errors"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/session"
)

func calendarTable() *table[session.CalendarRecord] {
	return newTable(records.Calendars, "calendars", "id", []string{"session"}, func(r session.CalendarRecord) []any { return []any{string(r.Session)} })
}

// UpdateCalendar applies fn to the calendar's record, a new one when none
// is stored, in one transaction.
func (db *DB) UpdateCalendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string, fn func(*session.CalendarRecord) error) error {
	id := records.CalendarID(sid, key)
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		_, err := db.calendars.one(ctx, st, centre, "id = $2", "", id)
		if errors.Is(err, session.ErrCalendarNotFound) {
			r := session.CalendarRecord{Centre: centre, Session: sid, Key: key}
			if err := fn(&r); err != nil {
				return err
			}
			if r.Centre != centre || r.Session != sid || r.Key != key {
				return errKeyChanged
			}
			return db.calendars.insert(ctx, db, r)
		}
		if err != nil {
			return err
		}
		return db.calendars.update(ctx, db, centre, id, fn)
	})
}

// Calendar returns the calendar's record, or ErrCalendarNotFound.
func (db *DB) Calendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string) (session.CalendarRecord, error) {
	return db.calendars.get(ctx, db, centre, records.CalendarID(sid, key))
}
