package sqlite

import (
	"context"
	"errors"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

// calendarRecord is the stored form of a session.CalendarRecord.
type calendarRecord struct {
	Centre  string                 `json:"centre"`
	Session string                 `json:"session"`
	Key     string                 `json:"key"`
	Events  []publishedEventRecord `json:"events"`
}

type publishedEventRecord struct {
	UID       string `json:"uid"`
	Digest    string `json:"digest"`
	Sequence  int    `json:"sequence"`
	Modified  string `json:"modified"`
	Cancelled bool   `json:"cancelled,omitempty"`
}

func toCalendarRecord(r session.CalendarRecord) calendarRecord {
	return calendarRecord{
		Centre: string(r.Centre), Session: string(r.Session), Key: r.Key,
		Events: each(r.Events, func(e session.PublishedEvent) publishedEventRecord {
			return publishedEventRecord{UID: e.UID, Digest: e.Digest, Sequence: e.Sequence, Modified: instant(e.Modified), Cancelled: e.Cancelled}
		}),
	}
}

func fromCalendarRecord(d *decoder, r calendarRecord) session.CalendarRecord {
	return session.CalendarRecord{
		Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session), Key: r.Key,
		Events: each(r.Events, func(e publishedEventRecord) session.PublishedEvent {
			return session.PublishedEvent{UID: e.UID, Digest: e.Digest, Sequence: e.Sequence, Modified: d.instant(e.Modified), Cancelled: e.Cancelled}
		}),
	}
}

// calendarID is a calendar's row: its session and its key.
func calendarID(sid tpsession.SessionID, key string) string { return string(sid) + "/" + key }

func calendarTable() *table[session.CalendarRecord] {
	t := &table[session.CalendarRecord]{
		name: "calendars", keyCol: "id",
		key:    func(r session.CalendarRecord) string { return calendarID(r.Session, r.Key) },
		centre: func(r session.CalendarRecord) tpsession.CentreID { return r.Centre },
		cols:   []string{"session"},
		vals:   func(r session.CalendarRecord) []any { return []any{string(r.Session)} },
		clone:  session.CalendarRecord.Clone,
		// A row of another centre holds the key: that calendar does not
		// exist for this centre.
		notFound: session.ErrCalendarNotFound, duplicate: session.ErrCalendarNotFound,
	}
	t.encode, t.decode = codec(toCalendarRecord, fromCalendarRecord)
	return t.build()
}

// UpdateCalendar applies fn to the calendar's record, a new one when none
// is stored, in one transaction; another centre's record of the same key
// is not found.
func (db *DB) UpdateCalendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string, fn func(*session.CalendarRecord) error) error {
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		_, err := db.calendars.one(ctx, q, centre, "id = ?", "", calendarID(sid, key))
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
		return db.calendars.update(ctx, db, centre, calendarID(sid, key), fn)
	})
}

// Calendar returns the calendar's record, or ErrCalendarNotFound.
func (db *DB) Calendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string) (session.CalendarRecord, error) {
	return db.calendars.get(ctx, db, centre, calendarID(sid, key))
}
