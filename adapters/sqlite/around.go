package sqlite

import (
	"context"
	"strconv"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/programme"
)

// agrementRecord is the stored form of an agrement.Agrement.
type agrementRecord struct {
	ID        string      `json:"id"`
	Centre    string      `json:"centre"`
	Title     string      `json:"title"`
	Sites     []string    `json:"sites"`
	Valid     rangeRecord `json:"valid"`
	Reference string      `json:"reference,omitempty"`
	Note      string      `json:"note,omitempty"`
}

func toAgrementRecord(a agrement.Agrement) agrementRecord {
	return agrementRecord{ID: string(a.ID), Centre: string(a.Centre), Title: string(a.Title), Sites: a.Sites,
		Valid: toRange(a.Valid), Reference: a.Reference, Note: a.Note}
}

func fromAgrementRecord(d *decoder, r agrementRecord) agrement.Agrement {
	return agrement.Agrement{ID: tpsession.AgrementID(r.ID), Centre: tpsession.CentreID(r.Centre), Title: tpsession.TitleCode(r.Title),
		Sites: r.Sites, Valid: d.dateRange(r.Valid), Reference: r.Reference, Note: r.Note}
}

func agrementTable() *table[agrement.Agrement] {
	t := &table[agrement.Agrement]{
		name: "agrements", keyCol: "id",
		key:      func(a agrement.Agrement) string { return string(a.ID) },
		centre:   func(a agrement.Agrement) tpsession.CentreID { return a.Centre },
		vals:     func(agrement.Agrement) []any { return nil },
		clone:    agrement.Agrement.Clone,
		notFound: agrement.ErrAgrementNotFound, duplicate: agrement.ErrDuplicateAgrement,
	}
	t.encode, t.decode = codec(toAgrementRecord, fromAgrementRecord)
	return t.build()
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
	return db.agrements.list(ctx, db, "SELECT doc FROM agrements WHERE centre = ? ORDER BY id", string(centre))
}

// programmeRecord is the stored form of a programme.Programme.
type programmeRecord struct {
	Centre      string          `json:"centre"`
	Year        int             `json:"year"`
	Sessions    []plannedRecord `json:"sessions"`
	SubmittedOn string          `json:"submitted_on,omitempty"`
	Note        string          `json:"note,omitempty"`
}

type plannedRecord struct {
	Title      string `json:"title"`
	Kind       string `json:"kind"`
	Site       string `json:"site"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Candidates int    `json:"candidates"`
	Modality   string `json:"modality,omitempty"`
}

func toProgrammeRecord(p programme.Programme) programmeRecord {
	return programmeRecord{Centre: string(p.Centre), Year: p.Year, SubmittedOn: day(p.SubmittedOn), Note: p.Note,
		Sessions: each(p.Sessions, func(s programme.Planned) plannedRecord {
			return plannedRecord{Title: string(s.Title), Kind: string(s.Kind), Site: s.Site, Start: day(s.Start), End: day(s.End),
				Candidates: s.Candidates, Modality: string(s.Modality)}
		})}
}

func fromProgrammeRecord(d *decoder, r programmeRecord) programme.Programme {
	return programme.Programme{Centre: tpsession.CentreID(r.Centre), Year: r.Year, SubmittedOn: d.day(r.SubmittedOn), Note: r.Note,
		Sessions: each(r.Sessions, func(s plannedRecord) programme.Planned {
			return programme.Planned{Title: tpsession.TitleCode(s.Title), Kind: tpsession.SessionKind(s.Kind), Site: s.Site,
				Start: d.day(s.Start), End: d.day(s.End), Candidates: s.Candidates, Modality: tpsession.Modality(s.Modality)}
		})}
}

// programmeID is the key of a centre's programme of a year.
func programmeID(centre tpsession.CentreID, year int) string {
	return string(centre) + "/" + strconv.Itoa(year)
}

func programmeTable() *table[programme.Programme] {
	t := &table[programme.Programme]{
		name: "programmes", keyCol: "id",
		key:      func(p programme.Programme) string { return programmeID(p.Centre, p.Year) },
		centre:   func(p programme.Programme) tpsession.CentreID { return p.Centre },
		cols:     []string{"year"},
		vals:     func(p programme.Programme) []any { return []any{p.Year} },
		clone:    programme.Programme.Clone,
		notFound: programme.ErrProgrammeNotFound, duplicate: programme.ErrDuplicateProgramme,
	}
	t.encode, t.decode = codec(toProgrammeRecord, fromProgrammeRecord)
	return t.build()
}

// CreateProgramme stores p; ErrDuplicateProgramme when the centre has one
// for that year.
func (db *DB) CreateProgramme(ctx context.Context, p programme.Programme) error {
	return db.programmes.insert(ctx, db, p)
}

// Programme returns the centre's programme of year, or
// ErrProgrammeNotFound.
func (db *DB) Programme(ctx context.Context, centre tpsession.CentreID, year int) (programme.Programme, error) {
	return db.programmes.get(ctx, db, centre, programmeID(centre, year))
}

// UpdateProgramme loads the centre's programme of year, applies fn and
// saves the result in one transaction.
func (db *DB) UpdateProgramme(ctx context.Context, centre tpsession.CentreID, year int, fn func(*programme.Programme) error) error {
	return db.programmes.update(ctx, db, centre, programmeID(centre, year), fn)
}

// Programmes returns the centre's programmes by year.
func (db *DB) Programmes(ctx context.Context, centre tpsession.CentreID) ([]programme.Programme, error) {
	return db.programmes.list(ctx, db, "SELECT doc FROM programmes WHERE centre = ? ORDER BY year", string(centre))
}
