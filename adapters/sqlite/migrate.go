package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// migrationFiles are the schema's versions: migrations/NNNN_what.sql takes
// the schema from version NNNN-1 to NNNN. A released migration never
// changes; a change of schema, or of a record's JSON, is a new one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// loadMigrations returns the migration scripts in order: scripts[i] brings
// the schema to version i+1.
func loadMigrations() ([]string, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, errOpen.Wrap(err)
	}
	scripts := make([]string, len(names))
	for _, name := range names {
		num, _, ok := strings.Cut(path.Base(name), "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 1 || n > len(names) || scripts[n-1] != "" {
			return nil, errOpen.Withf("migration %s is not numbered in sequence from 0001", name)
		}
		data, err := fs.ReadFile(migrationFiles, name)
		if err != nil {
			return nil, errOpen.Wrap(err)
		}
		scripts[n-1] = string(data)
	}
	return scripts, nil
}

// migrate brings the schema of db to the version target (every migration
// when target is negative). A database is upgraded in place, its data
// kept, and each migration is applied whole or not at all. A database newer
// than this package is refused: a program must not write data whose format
// it does not know.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	scripts, err := loadMigrations()
	if err != nil {
		return err
	}
	if target < 0 || target > len(scripts) {
		target = len(scripts)
	}
	for {
		version, err := migrateStep(ctx, db, scripts, target)
		if err != nil || version >= target {
			return err
		}
	}
}

// migrateStep applies the next migration below target, in a transaction
// that also records the new version (the database's user_version), and
// returns the version reached. It reads the version after taking the write
// lock (BEGIN IMMEDIATE), so that two processes opening the same file at
// once apply each migration once.
func migrateStep(ctx context.Context, db *sql.DB, scripts []string, target int) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, failure(err, nil)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, failure(err, nil)
	}
	switch {
	case version > len(scripts):
		return 0, errOpen.Withf("the database has schema version %d, newer than the %d this program knows: open it with a newer version of the program", version, len(scripts))
	case version >= target:
		return version, nil
	}
	if _, err := tx.ExecContext(ctx, scripts[version]); err != nil {
		return 0, errOpen.Withf("migrating the database to schema version %d failed", version+1).Wrap(err)
	}
	// A PRAGMA takes no bound parameter; the version is an int.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return 0, failure(err, nil)
	}
	if err := tx.Commit(); err != nil {
		return 0, failure(err, nil)
	}
	return version + 1, nil
}
