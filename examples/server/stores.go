package main

import (
	"context"
	"fmt"

	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

// openStores opens the stores -db names: "memory" for the in-memory store,
// anything else a SQLite file. The function it returns closes them.
func openStores(ctx context.Context, db string) (session.Stores, func() error, error) {
	if db == "memory" {
		s := memstore.New()
		return session.Stores{
			Sessions: s, Events: s, Candidates: s, Registrations: s, Members: s,
			Juries: s, Plis: s, Checklists: s, Plans: s, Tx: s,
		}, func() error { return nil }, nil
	}
	return openSQLite(ctx, db)
}

// openSQLite will open the SQLite store once adapters/sqlite is part of
// the module; until then -db names a file this build cannot open.
func openSQLite(_ context.Context, path string) (session.Stores, func() error, error) {
	return session.Stores{}, nil, fmt.Errorf("cannot open %q: this build has no SQLite store yet; run with -db memory", path)
}
