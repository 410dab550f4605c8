package sqlite

import (
	"context"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

// pliRecord is the stored form of a pli.Pli.
type pliRecord struct {
	ID         string           `json:"id"`
	Centre     string           `json:"centre"`
	Session    string           `json:"session"`
	OrderedOn  string           `json:"ordered_on,omitempty"`
	ReceivedOn string           `json:"received_on,omitempty"`
	Materials  []materialRecord `json:"materials"`
	PPE        []string         `json:"ppe"` // null: not recorded; []: the DTE asks for none
	Location   string           `json:"location,omitempty"`
	Custodian  string           `json:"custodian,omitempty"`
	SecuredAt  string           `json:"secured_at,omitempty"`
	Witnesses  []string         `json:"witnesses"`
	OpenedAt   string           `json:"opened_at,omitempty"`
	Custody    []entryRecord    `json:"custody"`
}

type materialRecord struct {
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
	Epreuve  string `json:"epreuve,omitempty"`
}

// entryRecord is a custody log entry; its hash covers the entry's
// canonical form (pli.Entry.CanonicalJSON), not this record.
type entryRecord struct {
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Detail string `json:"detail"`
	Hash   string `json:"hash"`
}

func toPliRecord(p pli.Pli) pliRecord {
	return pliRecord{
		ID: string(p.ID), Centre: string(p.Centre), Session: string(p.Session),
		OrderedOn: day(p.OrderedOn), ReceivedOn: day(p.ReceivedOn),
		Materials: each(p.Materials, func(m pli.Material) materialRecord {
			return materialRecord{Name: m.Name, Quantity: m.Quantity, Epreuve: m.Epreuve}
		}),
		PPE:      p.PPE,
		Location: p.Location, Custodian: p.Custodian, SecuredAt: instant(p.SecuredAt),
		Witnesses: p.Witnesses, OpenedAt: instant(p.OpenedAt),
		Custody: each(p.Custody, func(e pli.Entry) entryRecord {
			return entryRecord{At: instant(e.At), Actor: e.Actor, Action: string(e.Action), Detail: e.Detail, Hash: e.Hash}
		}),
	}
}

func fromPliRecord(d *decoder, r pliRecord) pli.Pli {
	return pli.Pli{
		ID: tpsession.PliID(r.ID), Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session),
		OrderedOn: d.day(r.OrderedOn), ReceivedOn: d.day(r.ReceivedOn),
		Materials: each(r.Materials, func(m materialRecord) pli.Material {
			return pli.Material{Name: m.Name, Quantity: m.Quantity, Epreuve: m.Epreuve}
		}),
		PPE:      r.PPE,
		Location: r.Location, Custodian: r.Custodian, SecuredAt: d.instant(r.SecuredAt),
		Witnesses: r.Witnesses, OpenedAt: d.instant(r.OpenedAt),
		Custody: each(r.Custody, func(e entryRecord) pli.Entry {
			return pli.Entry{At: d.instant(e.At), Actor: e.Actor, Action: pli.Action(e.Action), Detail: e.Detail, Hash: e.Hash}
		}),
	}
}

func pliTable() *table[pli.Pli] {
	t := &table[pli.Pli]{
		name: "plis", keyCol: "session",
		key:      func(p pli.Pli) string { return string(p.Session) },
		centre:   func(p pli.Pli) tpsession.CentreID { return p.Centre },
		cols:     []string{"id"},
		vals:     func(p pli.Pli) []any { return []any{string(p.ID)} },
		clone:    pli.Pli.Clone,
		notFound: pli.ErrPliNotFound, duplicate: pli.ErrDuplicatePli,
		vet: func(old, new pli.Pli) error {
			if old.ID != new.ID {
				return errKeyChanged
			}
			if !new.Custody.Extends(old.Custody) {
				return pli.ErrCustodyRewritten
			}
			return nil
		},
	}
	t.encode, t.decode = codec(toPliRecord, fromPliRecord)
	return t.build()
}

// CreatePli stores a new pli; ErrDuplicatePli when the session has one or
// its ID is taken.
func (db *DB) CreatePli(ctx context.Context, p pli.Pli) error {
	return db.plis.insert(ctx, db, p)
}

// Pli returns the pli of the centre's session, or ErrPliNotFound.
func (db *DB) Pli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (pli.Pli, error) {
	return db.plis.get(ctx, db, centre, string(sid))
}

// UpdatePli loads the pli, applies fn and saves the result in one
// transaction. The custody log may only grow: ErrCustodyRewritten when fn
// changed or removed an entry (pli.Log.Extends decides).
func (db *DB) UpdatePli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*pli.Pli) error) error {
	return db.plis.update(ctx, db, centre, string(sid), fn)
}
