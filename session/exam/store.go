package exam

import (
	"context"

	"github.com/tpsession/tpsession"
)

// Store keeps the sessions' exam records.
type Store interface {
	// CreateRecord stores a new record; ErrDuplicateRecord when the
	// session has one.
	CreateRecord(ctx context.Context, r Record) error
	// Record returns the record of session sid of centre, or
	// ErrRecordNotFound (also for another centre's session).
	Record(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (Record, error)
	// UpdateRecord loads the record, applies fn and saves the result
	// atomically. An error from fn aborts the save and is returned
	// unchanged. Concurrent updates never lose a write. It returns
	// ErrRecordNotFound when there is no record, and ErrPVClosed when the
	// result changes what a closed procès-verbal holds (Vet), whatever fn
	// did.
	UpdateRecord(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*Record) error) error
}

// RetentionStore keeps each centre's retention period.
type RetentionStore interface {
	// CreateRetention stores a centre's retention period;
	// ErrDuplicateRetention when the centre has one.
	CreateRetention(ctx context.Context, r Retention) error
	// Retention returns the centre's retention period, or
	// ErrRetentionNotFound.
	Retention(ctx context.Context, centre tpsession.CentreID) (Retention, error)
	// UpdateRetention loads the centre's retention period, applies fn and
	// saves the result atomically; ErrRetentionNotFound when there is
	// none.
	UpdateRetention(ctx context.Context, centre tpsession.CentreID, fn func(*Retention) error) error
}
