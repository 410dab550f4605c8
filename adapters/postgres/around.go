package postgres

import (
	"context"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/programme"
)

func agrementTable() *table[agrement.Agrement] {
	return newTable(records.Agrements, "agrements", "id", nil, nil)
}

// CreateAgrement stores a; ErrDuplicateAgrement when its ID is taken.
func (db *DB) CreateAgrement(ctx context.Context, a agrement.Agrement) error {
	return db.agrements.insert(ctx, db, a)
}

// Agrement returns the agrément id of centre, or ErrAgrementNotFound.
func (db *DB) Agrement(ctx context.Context, centre tpsession.CentreID, id tpsession.AgrementID) (agrement.Agrement, error) {
	return db.agrements.get(ctx, db, centre, string(id))
}

// UpdateAgrement loads the agrément, applies fn and saves the result in one
// transaction.
func (db *DB) UpdateAgrement(ctx context.Context, centre tpsession.CentreID, id tpsession.AgrementID, fn func(*agrement.Agrement) error) error {
	return db.agrements.update(ctx, db, centre, string(id), fn)
}

// Agrements returns the centre's agréments by ID.
func (db *DB) Agrements(ctx context.Context, centre tpsession.CentreID) ([]agrement.Agrement, error) {
	return db.agrements.list(ctx, db, centre, "SELECT doc FROM agrements WHERE centre = $1 ORDER BY id")
}

func programmeTable() *table[programme.Programme] {
	return newTable(records.Programmes, "programmes", "id", []string{"year"}, func(p programme.Programme) []any { return []any{p.Year} })
}

// CreateProgramme stores p; ErrDuplicateProgramme when the centre has one
// for that year.
func (db *DB) CreateProgramme(ctx context.Context, p programme.Programme) error {
	return db.programmes.insert(ctx, db, p)
}

// Programme returns the centre's programme of year, or
// ErrProgrammeNotFound.
func (db *DB) Programme(ctx context.Context, centre tpsession.CentreID, year int) (programme.Programme, error) {
	return db.programmes.get(ctx, db, centre, records.ProgrammeKey(centre, year))
}

// UpdateProgramme loads the centre's programme of year, applies fn and
// saves the result in one transaction.
func (db *DB) UpdateProgramme(ctx context.Context, centre tpsession.CentreID, year int, fn func(*programme.Programme) error) error {
	return db.programmes.update(ctx, db, centre, records.ProgrammeKey(centre, year), fn)
}

// Programmes returns the centre's programmes by year.
func (db *DB) Programmes(ctx context.Context, centre tpsession.CentreID) ([]programme.Programme, error) {
	return db.programmes.list(ctx, db, centre, "SELECT doc FROM programmes WHERE centre = $1 ORDER BY year")
}
