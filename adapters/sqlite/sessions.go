package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tpsession/tpsession/adapters/internal/records"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

func sessionTable() *table[session.Session] {
	return newTable(records.Sessions, "sessions", "id", []string{"start_date", "end_date"}, func(s session.Session) []any { return []any{records.Day(s.Start), records.Day(s.End)} })
}

// CreateSession stores a new session; ErrDuplicateSession when its ID is
// taken.
func (db *DB) CreateSession(ctx context.Context, s session.Session) error {
	return db.sessions.insert(ctx, db, s)
}

// Session returns the session of centre with this ID, or
// ErrSessionNotFound.
func (db *DB) Session(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) (session.Session, error) {
	return db.sessions.get(ctx, db, centre, string(id))
}

// UpdateSession loads the session, applies fn and saves the result in one
// transaction.
func (db *DB) UpdateSession(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID, fn func(*session.Session) error) error {
	return db.sessions.update(ctx, db, centre, string(id), fn)
}

// Sessions returns the centre's sessions that match the filter, by start
// date then ID. The query narrows the rows by dates and position; the
// filter's own Match decides, and the reading stops once the page is full.
func (db *DB) Sessions(ctx context.Context, centre tpsession.CentreID, f session.Filter) ([]session.Session, error) {
	query, args := "SELECT doc FROM sessions WHERE centre = ?", []any{string(centre)}
	if f.From != date.Zero {
		query, args = query+" AND end_date >= ?", append(args, records.Day(f.From))
	}
	if f.To != date.Zero {
		query, args = query+" AND start_date <= ?", append(args, records.Day(f.To))
	}
	if a := f.After; a != nil {
		query, args = query+" AND (start_date, id) > (?, ?)", append(args, records.Day(a.Start), string(a.ID))
	}
	out := []session.Session{}
	err := db.reader(ctx).query(ctx, func(rows *sql.Rows) error {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return err
		}
		s, err := db.sessions.decode(doc)
		if err != nil {
			return err
		}
		if f.Match(s) {
			out = append(out, s)
		}
		if f.Limit > 0 && len(out) == f.Limit {
			return errPageFull
		}
		return nil
	}, query+" ORDER BY start_date, id", args...)
	if err != nil && !errors.Is(err, errPageFull) {
		return nil, failure(err, nil)
	}
	return out, nil
}

// errPageFull stops the reading of a listing whose page is full.
var errPageFull = errors.New("sqlite: the page is full")

// AppendEvent adds an event to its session's log.
func (db *DB) AppendEvent(ctx context.Context, e session.Event) error {
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		_, err := q.exec(ctx, "INSERT INTO events (id, centre, session, at, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
			string(e.ID), string(e.Centre), string(e.Session), records.Instant(e.At), e.Actor, e.Action, e.Detail)
		if err != nil {
			return failure(err, nil)
		}
		return nil
	})
}

// Events returns the events of a session of centre, by instant then in the
// order they were appended.
func (db *DB) Events(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) ([]session.Event, error) {
	return db.eventsOn(ctx, db.reader(ctx), centre, id)
}

// eventsOn reads the events of a session of centre through q.
func (db *DB) eventsOn(ctx context.Context, q querier, centre tpsession.CentreID, id tpsession.SessionID) ([]session.Event, error) {
	out := []session.Event{}
	err := q.query(ctx, func(rows *sql.Rows) error {
		e := session.Event{Centre: centre, Session: id}
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return err
		}
		var err error
		if e.At, err = records.ParseInstant(at); err != nil {
			return errUnreadable.Wrap(err)
		}
		out = append(out, e)
		return nil
	}, "SELECT id, at, actor, action, detail FROM events WHERE session = ? AND centre = ? ORDER BY at, seq", string(id), string(centre))
	if err != nil {
		return nil, failure(err, nil)
	}
	return out, nil
}
