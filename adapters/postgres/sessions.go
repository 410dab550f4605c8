package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/session"
)

func sessionTable() *table[session.Session] {
	return newTable(records.Sessions, "sessions", "id", []string{"start_date", "end_date"}, func(s session.Session) []any { return []any{records.Day(s.Start), records.Day(s.End)} })
}

// CreateSession stores a new session; ErrDuplicateSession when its centre
// has a session with its ID.
func (db *DB) CreateSession(ctx context.Context, s session.Session) error {
	return db.sessions.insert(ctx, db, s)
}

// Session returns the session of centre with this ID, or
// ErrSessionNotFound.
func (db *DB) Session(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) (session.Session, error) {
	return db.sessions.get(ctx, db, centre, string(id))
}

// UpdateSession loads the session, applies fn and saves the result in one
// transaction; fn may run more than once (see DB.Atomic).
func (db *DB) UpdateSession(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID, fn func(*session.Session) error) error {
	return db.sessions.update(ctx, db, centre, string(id), fn)
}

// Sessions returns the centre's sessions that match the filter, by start
// date then ID. The query narrows the rows by dates and position; the
// filter's own Match decides, and the reading stops once the page is full.
func (db *DB) Sessions(ctx context.Context, centre tpsession.CentreID, f session.Filter) ([]session.Session, error) {
	query, args := "SELECT doc FROM sessions WHERE centre = $1", []any{string(centre)}
	if f.From != date.Zero {
		args = append(args, records.Day(f.From))
		query += fmt.Sprintf(" AND end_date >= $%d::date", len(args))
	}
	if f.To != date.Zero {
		args = append(args, records.Day(f.To))
		query += fmt.Sprintf(" AND start_date <= $%d::date", len(args))
	}
	if a := f.After; a != nil {
		args = append(args, records.Day(a.Start), string(a.ID))
		query += fmt.Sprintf(" AND (start_date, id) > ($%d::date, $%d)", len(args)-1, len(args))
	}
	out := []session.Session{}
	err := db.reader(ctx).query(ctx, centre, func(rows pgx.Rows) error {
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
var errPageFull = errors.New("postgres: the page is full")

// appendEvent numbers the event after the last of its session's log (the
// head row's update makes concurrent appends to one log commit one after
// the other) and stores it, in one statement.
const appendEvent = `WITH head AS (
	INSERT INTO event_heads (centre, session, seq) VALUES ($1, $2, 1)
	ON CONFLICT (centre, session) DO UPDATE SET seq = event_heads.seq + 1
	RETURNING seq
)
INSERT INTO events (centre, session, seq, id, at, actor, action, detail)
SELECT $1, $2, head.seq, $3, $4, $5, $6, $7 FROM head`

// AppendEvent adds an event to its session's log.
func (db *DB) AppendEvent(ctx context.Context, e session.Event) error {
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		_, err := st.exec(ctx, e.Centre, appendEvent,
			string(e.Centre), string(e.Session), string(e.ID), records.Instant(e.At), e.Actor, e.Action, e.Detail)
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
	err := q.query(ctx, centre, func(rows pgx.Rows) error {
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
	}, "SELECT id, at, actor, action, detail FROM events WHERE centre = $1 AND session = $2 ORDER BY at, seq", string(centre), string(id))
	if err != nil {
		return nil, failure(err, nil)
	}
	return out, nil
}
