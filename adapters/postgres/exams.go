package postgres

import (
	"context"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

func examTable() *table[exam.Record] {
	return newTable(records.Exams, "exams", "session", nil, nil)
}

// CreateRecord stores a session's new exam record; ErrDuplicateRecord when
// the session has one.
func (db *DB) CreateRecord(ctx context.Context, r exam.Record) error {
	return db.exams.insert(ctx, db, r)
}

// Record returns the exam record of session sid of centre, or
// ErrRecordNotFound.
func (db *DB) Record(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (exam.Record, error) {
	return db.exams.get(ctx, db, centre, string(sid))
}

// UpdateRecord loads the exam record, applies fn and saves the result in
// one transaction; ErrPVClosed when the result changes what a closed
// procès-verbal holds.
func (db *DB) UpdateRecord(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*exam.Record) error) error {
	return db.exams.update(ctx, db, centre, string(sid), fn)
}

func retentionTable() *table[exam.Retention] {
	return newTable(records.Retentions, "retentions", "id", nil, nil)
}

// CreateRetention stores a centre's retention period;
// ErrDuplicateRetention when it has one.
func (db *DB) CreateRetention(ctx context.Context, r exam.Retention) error {
	return db.retentions.insert(ctx, db, r)
}

// Retention returns the centre's retention period, or
// ErrRetentionNotFound.
func (db *DB) Retention(ctx context.Context, centre tpsession.CentreID) (exam.Retention, error) {
	return db.retentions.get(ctx, db, centre, string(centre))
}

// UpdateRetention loads the centre's retention period, applies fn and
// saves the result in one transaction.
func (db *DB) UpdateRetention(ctx context.Context, centre tpsession.CentreID, fn func(*exam.Retention) error) error {
	return db.retentions.update(ctx, db, centre, string(centre), fn)
}

// RewriteDetails replaces the detail of the session's events for which fn
// gives a new one, in one transaction; nothing else of an event changes.
func (db *DB) RewriteDetails(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(session.Event) (string, bool)) error {
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		evs, err := db.eventsOn(ctx, st, centre, sid)
		if err != nil {
			return err
		}
		for _, e := range evs {
			detail, ok := fn(e)
			if !ok || detail == e.Detail {
				continue
			}
			if _, err := st.exec(ctx, centre, "UPDATE events SET detail = $1 WHERE centre = $2 AND session = $3 AND id = $4", detail, string(centre), string(sid), string(e.ID)); err != nil {
				return failure(err, nil)
			}
		}
		return nil
	})
}
