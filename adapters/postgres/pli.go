package postgres

import (
	"context"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/pli"
)

func pliTable() *table[pli.Pli] {
	return newTable(records.Plis, "plis", "session", []string{"id"}, func(p pli.Pli) []any { return []any{string(p.ID)} })
}

// CreatePli stores a new pli; ErrDuplicatePli when the session has one or
// its centre has a pli with its ID.
func (db *DB) CreatePli(ctx context.Context, p pli.Pli) error {
	return db.plis.insert(ctx, db, p)
}

// Pli returns the pli of the centre's session, or ErrPliNotFound.
func (db *DB) Pli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (pli.Pli, error) {
	return db.plis.get(ctx, db, centre, string(sid))
}

// UpdatePli loads the pli, applies fn and saves the result in one
// transaction; fn may run more than once (see DB.Atomic). The custody log
// may only grow: ErrCustodyRewritten when fn changed or removed an entry
// (pli.Log.Extends decides). The pli's row is the custody log's one
// writer: concurrent appends commit one after the other, each after the
// entries of those committed before it.
func (db *DB) UpdatePli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*pli.Pli) error) error {
	return db.plis.update(ctx, db, centre, string(sid), fn)
}
