package session

import (
	"context"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Store keeps sessions.
type Store interface {
	// CreateSession stores a new session. It returns ErrDuplicateSession
	// when a session with the same ID exists.
	CreateSession(ctx context.Context, s Session) error
	// Session returns the session of centre with this ID, or
	// ErrSessionNotFound (also for another centre's session).
	Session(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) (Session, error)
	// UpdateSession loads the session, applies fn and saves the result
	// atomically. An error from fn aborts the save and is returned
	// unchanged. Concurrent updates of one session never lose a write. It
	// returns ErrSessionNotFound when there is no such session.
	UpdateSession(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID, fn func(*Session) error) error
	// Sessions returns the centre's sessions that match the filter, by
	// start date then ID: from f.After (excluded), and at most f.Limit of
	// them when it is positive.
	Sessions(ctx context.Context, centre tpsession.CentreID, f Filter) ([]Session, error)
}

// Filter selects sessions; zero fields select everything.
type Filter struct {
	Status Status
	// From and To select the sessions that have at least one day in the
	// range, both ends included.
	From, To date.Date
	// After starts the listing after this place: that of the last session
	// of the previous page.
	After *Position
	// Limit bounds the listing; zero is no bound.
	Limit int
}

// Position is a place in the list of sessions, which is by start date
// then ID.
type Position struct {
	Start date.Date
	ID    tpsession.SessionID
}

// Position returns the session's place in the list.
func (s Session) Position() Position { return Position{Start: s.Start, ID: s.ID} }

// Before reports whether p comes before o in the list.
func (p Position) Before(o Position) bool {
	return p.Start < o.Start || p.Start == o.Start && p.ID < o.ID
}

// Match reports whether s passes the filter, its page aside (After and
// Limit).
func (f Filter) Match(s Session) bool {
	if f.Status != "" && s.Status() != f.Status {
		return false
	}
	if f.From != date.Zero && s.End < f.From {
		return false
	}
	if f.To != date.Zero && s.Start > f.To {
		return false
	}
	return true
}

// EventLog keeps each session's events. It is append-only.
type EventLog interface {
	// AppendEvent adds an event to its session's log.
	AppendEvent(ctx context.Context, e Event) error
	// Events returns the events of a session of centre, oldest first: by
	// instant, and in the order they were appended for equal instants;
	// none for an unknown session or another centre's.
	Events(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) ([]Event, error)
	// RewriteDetails replaces the detail of each event of the session for
	// which fn returns a new one and true; nothing else of an event
	// changes, and no event is added or removed. It is the one exception
	// to the log being append-only: the pseudonymisation of a session's
	// records once their retention period has ended
	// (docs/rules.md#retention).
	RewriteDetails(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID, fn func(Event) (string, bool)) error
}

// Transactor is implemented by stores that can make several writes all or
// nothing. The Service runs each command through it when the stores
// provide one, so that what a command checks still holds when it writes,
// and an aggregate, the session's milestones and the event log change
// together. The store methods called with the context fn receives take part
// in the transaction; an error from fn undoes them all. Transactions must
// be serialisable (running one at a time is the simplest way); the Service
// never nests them.
//
// A store may run fn more than once: one whose transactions run side by
// side undoes a transaction that conflicted with another and runs it again
// (adapters/postgres). So fn sets what it returns afresh on each run, and
// reads inside the transaction what its writes depend on. The same holds
// for the update closures of the stores' Update methods.
type Transactor interface {
	Atomic(ctx context.Context, fn func(ctx context.Context) error) error
}
