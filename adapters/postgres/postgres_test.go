package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/postgres"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
)

// open opens the database at u for one test, closed at its end.
func open(t testing.TB, u string, opts ...postgres.Option) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), u, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// fresh opens a new, empty store in a schema of its own.
func fresh(t testing.TB, opts ...postgres.Option) *postgres.DB {
	t.Helper()
	return open(t, postgrestest.Schema(t), opts...)
}

func stores(db *postgres.DB) storetest.Stores {
	return storetest.Stores{
		Sessions: db, Events: db, Candidates: db, Registrations: db, Members: db,
		Juries: db, Plis: db, Checklists: db, Plans: db, Agrements: db, Programmes: db, Calendars: db, Exams: db, Retentions: db, Receipts: db, Tx: db,
	}
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Stores { return stores(fresh(t)) })
}
