package postgres

import (
	"context"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/checklist"
)

func checklistTable() *table[checklist.Checklist] {
	return (&table[checklist.Checklist]{
		name: "checklists", keyCol: "session",
		key:      func(c checklist.Checklist) string { return string(c.Session) },
		centre:   func(c checklist.Checklist) tpsession.CentreID { return c.Centre },
		vals:     func(checklist.Checklist) []any { return nil },
		codec:    records.Checklists,
		clone:    checklist.Checklist.Clone,
		notFound: checklist.ErrChecklistNotFound, duplicate: checklist.ErrDuplicateChecklist,
	}).build()
}

// CreateChecklist stores a new checklist; ErrDuplicateChecklist when the
// session has one.
func (db *DB) CreateChecklist(ctx context.Context, c checklist.Checklist) error {
	return db.checklists.insert(ctx, db, c)
}

// Checklist returns the checklist of the centre's session, or
// ErrChecklistNotFound.
func (db *DB) Checklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (checklist.Checklist, error) {
	return db.checklists.get(ctx, db, centre, string(sid))
}

// UpdateChecklist loads the checklist, applies fn and saves the result in
// one transaction; fn may run more than once (see DB.Atomic).
func (db *DB) UpdateChecklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*checklist.Checklist) error) error {
	return db.checklists.update(ctx, db, centre, string(sid), fn)
}
