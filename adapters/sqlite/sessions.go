package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

// sessionRecord is the stored form of a session.Session.
type sessionRecord struct {
	ID                string           `json:"id"`
	Centre            string           `json:"centre"`
	Title             string           `json:"title"`
	TitleName         string           `json:"title_name"`
	Kind              string           `json:"kind"`
	Site              string           `json:"site"`
	Region            string           `json:"region,omitempty"`
	UsesComputers     bool             `json:"uses_computers"`
	Start             string           `json:"start"`
	End               string           `json:"end"`
	PlannedCandidates int              `json:"planned_candidates"`
	Responsable       personRecord     `json:"responsable"`
	CreatedAt         string           `json:"created_at,omitempty"`
	Milestones        milestonesRecord `json:"milestones"`
}

type personRecord struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type milestonesRecord struct {
	DeclaredOn         string `json:"declared_on,omitempty"`
	PliOrderedOn       string `json:"pli_ordered_on,omitempty"`
	ConvocationsSentOn string `json:"convocations_sent_on,omitempty"`
	ReadyOn            string `json:"ready_on,omitempty"`
	OpenedAt           string `json:"opened_at,omitempty"`
	OpenedOn           string `json:"opened_on,omitempty"`
	ClosedOn           string `json:"closed_on,omitempty"`
	CancelledOn        string `json:"cancelled_on,omitempty"`
}

func toSessionRecord(s session.Session) sessionRecord {
	m := s.Milestones()
	return sessionRecord{
		ID: string(s.ID), Centre: string(s.Centre), Title: string(s.Title), TitleName: s.TitleName,
		Kind: string(s.Kind), Site: s.Site, Region: string(s.Region), UsesComputers: s.UsesComputers,
		Start: day(s.Start), End: day(s.End), PlannedCandidates: s.PlannedCandidates,
		Responsable: personRecord{Name: s.Responsable.Name, Email: s.Responsable.Email},
		CreatedAt:   instant(s.CreatedAt),
		Milestones: milestonesRecord{
			DeclaredOn: day(m.DeclaredOn), PliOrderedOn: day(m.PliOrderedOn), ConvocationsSentOn: day(m.ConvocationsSentOn),
			ReadyOn: day(m.ReadyOn), OpenedAt: instant(m.OpenedAt), OpenedOn: day(m.OpenedOn),
			ClosedOn: day(m.ClosedOn), CancelledOn: day(m.CancelledOn),
		},
	}
}

func fromSessionRecord(d *decoder, r sessionRecord) session.Session {
	s := session.Session{
		ID: tpsession.SessionID(r.ID), Centre: tpsession.CentreID(r.Centre), Title: tpsession.TitleCode(r.Title),
		TitleName: r.TitleName, Kind: tpsession.SessionKind(r.Kind), Site: r.Site, Region: tpsession.Region(r.Region),
		UsesComputers: r.UsesComputers, Start: d.day(r.Start), End: d.day(r.End), PlannedCandidates: r.PlannedCandidates,
		Responsable: session.Person{Name: r.Responsable.Name, Email: r.Responsable.Email},
		CreatedAt:   d.instant(r.CreatedAt),
	}
	m := r.Milestones
	s.RestoreMilestones(session.Milestones{
		DeclaredOn: d.day(m.DeclaredOn), PliOrderedOn: d.day(m.PliOrderedOn), ConvocationsSentOn: d.day(m.ConvocationsSentOn),
		ReadyOn: d.day(m.ReadyOn), OpenedAt: d.instant(m.OpenedAt), OpenedOn: d.day(m.OpenedOn),
		ClosedOn: d.day(m.ClosedOn), CancelledOn: d.day(m.CancelledOn),
	})
	return s
}

func sessionTable() *table[session.Session] {
	t := &table[session.Session]{
		name: "sessions", keyCol: "id",
		key:      func(s session.Session) string { return string(s.ID) },
		centre:   func(s session.Session) tpsession.CentreID { return s.Centre },
		cols:     []string{"start_date", "end_date"},
		vals:     func(s session.Session) []any { return []any{day(s.Start), day(s.End)} },
		clone:    session.Session.Clone,
		notFound: session.ErrSessionNotFound, duplicate: session.ErrDuplicateSession,
	}
	t.encode, t.decode = codec(toSessionRecord, fromSessionRecord)
	return t.build()
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
		query, args = query+" AND end_date >= ?", append(args, day(f.From))
	}
	if f.To != date.Zero {
		query, args = query+" AND start_date <= ?", append(args, day(f.To))
	}
	if a := f.After; a != nil {
		query, args = query+" AND (start_date, id) > (?, ?)", append(args, day(a.Start), string(a.ID))
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
			string(e.ID), string(e.Centre), string(e.Session), instant(e.At), e.Actor, e.Action, e.Detail)
		if err != nil {
			return failure(err, nil)
		}
		return nil
	})
}

// Events returns the events of a session of centre, by instant then in the
// order they were appended.
func (db *DB) Events(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) ([]session.Event, error) {
	out := []session.Event{}
	err := db.reader(ctx).query(ctx, func(rows *sql.Rows) error {
		e := session.Event{Centre: centre, Session: id}
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return err
		}
		var d decoder
		if e.At = d.instant(at); d.err != nil {
			return errUnreadable.Wrap(d.err)
		}
		out = append(out, e)
		return nil
	}, "SELECT id, at, actor, action, detail FROM events WHERE session = ? AND centre = ? ORDER BY at, seq", string(id), string(centre))
	if err != nil {
		return nil, failure(err, nil)
	}
	return out, nil
}
