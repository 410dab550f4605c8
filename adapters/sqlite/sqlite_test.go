package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
)

// open opens a new database at path for one test, closed at its end.
func open(t testing.TB, path string, opts ...sqlite.Option) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

// tempPath is the path of a new database file in the test's directory.
func tempPath(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "tpsession.db")
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }

func stores(db *sqlite.DB) storetest.Stores {
	return storetest.Stores{
		Sessions: db, Events: db, Candidates: db, Registrations: db, Members: db,
		Juries: db, Plis: db, Checklists: db, Plans: db, Agrements: db, Programmes: db, Calendars: db, Exams: db, Retentions: db, Receipts: db, Tx: db,
	}
}

func TestContract(t *testing.T) {
	t.Run("file", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) storetest.Stores { return stores(open(t, tempPath(t))) })
	})
	t.Run("memory", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) storetest.Stores { return stores(open(t, sqlite.Memory)) })
	})
}
