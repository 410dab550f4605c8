package main

import (
	"context"

	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// openStores opens the stores -db names: "memory" for the in-memory store,
// anything else a SQLite file, created when it does not exist. The
// function it returns closes them.
func openStores(ctx context.Context, db string) (session.Stores, func() error, error) {
	if db == "memory" {
		return storesOf(memstore.New()), func() error { return nil }, nil
	}
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		return session.Stores{}, nil, err
	}
	return storesOf(s), s.Close, nil
}

// allStores is a store that holds every aggregate, in one transaction.
type allStores interface {
	session.Store
	session.EventLog
	candidate.CandidateStore
	candidate.RegistrationStore
	jury.MemberStore
	jury.SessionJuryStore
	pli.Store
	checklist.Store
	plan.Store
	session.ReceiptStore
	session.Transactor
}

func storesOf(s allStores) session.Stores {
	return session.Stores{
		Sessions: s, Events: s, Candidates: s, Registrations: s, Members: s,
		Juries: s, Plis: s, Checklists: s, Plans: s, Receipts: s, Tx: s,
	}
}
