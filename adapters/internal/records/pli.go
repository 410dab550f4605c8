package records

import (
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
