package sqlite

import (
	"context"
	"github.com/tpsession/tpsession/adapters/internal/records"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

func checklistTable() *table[checklist.Checklist] {
	return newTable(records.Checklists, "checklists", "session", nil, nil)
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
// one transaction.
func (db *DB) UpdateChecklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*checklist.Checklist) error) error {
	return db.checklists.update(ctx, db, centre, string(sid), fn)
}
