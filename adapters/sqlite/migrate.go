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

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
)

// migrationFiles are the schema's versions: migrations/NNNN_what.sql takes
// the schema from version NNNN-1 to NNNN. A released migration never
// changes (TestReleasedMigrationsNeverChange holds their hashes); a change
// of schema, or of a record's JSON, is a new one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// foreignKeysOff, as the first line of a migration, runs it with foreign
// keys off. A migration that rebuilds a table (SQLite changes a column by
// copying the table, dropping it and renaming the copy) needs it: with
// foreign keys on, dropping a table deletes the rows that reference it
// ON DELETE CASCADE, or fails. Foreign keys cannot be turned off inside a
// transaction, so migrate turns them off before it, checks every
// reference before the commit (PRAGMA foreign_key_check), and turns them
// back on after.
const foreignKeysOff = "-- migrate: foreign_keys off"

// errSchemaChanged refuses a write to a database that another program
// upgraded to a schema this one does not know, after this one opened it.
var errSchemaChanged = tpsession.NewError(tpsession.Internal, "sqlite.schema_changed",
	"the database was upgraded by a newer version of the program: this one may no longer write to it")

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

// migrate brings the schema of db to the version target by applying
// scripts (every one when target is negative), and returns the version
// reached. A database is upgraded in place, its data kept, and each
// migration is applied whole or not at all. A database newer than scripts
// is refused: a program must not write data whose format it does not know.
func migrate(ctx context.Context, db *sql.DB, scripts []string, target int) (int, error) {
	if target < 0 || target > len(scripts) {
		target = len(scripts)
	}
	// One connection: whether foreign keys are on is a setting of the
	// connection.
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, failure(err, nil)
	}
	defer conn.Close()
	for {
		version, err := migrateStep(ctx, conn, scripts, target)
		if err != nil || version >= target {
			return version, err
		}
	}
}

// migrateStep applies the next migration below target, in a transaction
// that also records the new version (the database's user_version), and
// returns the version reached. It reads the version again after taking the
// write lock (BEGIN IMMEDIATE), so that two processes opening the same file
// at once apply each migration once.
func migrateStep(ctx context.Context, conn *sql.Conn, scripts []string, target int) (version int, err error) {
	if version, err = schemaVersion(ctx, plain{conn}, len(scripts)); err != nil || version >= target {
		return version, err
	}
	script := scripts[version]
	fkOff := strings.HasPrefix(script, foreignKeysOff+"\n")
	if fkOff {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return 0, failure(err, nil)
		}
		defer func() {
			// Turned back on whatever happened: the connection serves the
			// program's writes next.
			if _, ferr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); ferr != nil && err == nil {
				err = failure(ferr, nil)
			}
		}()
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, failure(err, nil)
	}
	defer tx.Rollback()
	locked, err := schemaVersion(ctx, plain{tx}, len(scripts))
	if err != nil || locked != version {
		return locked, err // another process migrated meanwhile: start again from its version
	}
	failed := errOpen.Withf("migrating the database to schema version %d failed", version+1)
	if _, err := tx.ExecContext(ctx, script); err != nil {
		return 0, failed.Wrap(err)
	}
	if fill := fills[version+1]; fill != nil {
		if err := fill(ctx, tx); err != nil {
			return 0, failed.Wrap(err)
		}
	}
	if fkOff {
		var dangling int
		err := queryEach(ctx, tx, func(*sql.Rows) error { dangling++; return nil }, "PRAGMA foreign_key_check", nil)
		if err != nil {
			return 0, failed.Wrap(err)
		}
		if dangling > 0 {
			return 0, failed.Wrap(fmt.Errorf("the migration leaves %d rows referencing rows that do not exist", dangling))
		}
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

// schemaVersion returns the schema version of the database, refusing one
// newer than the known versions.
func schemaVersion(ctx context.Context, q querier, known int) (int, error) {
	var version int
	if err := queryRow(ctx, q, "PRAGMA user_version", nil, &version); err != nil {
		return 0, failure(err, nil)
	}
	if version > known {
		return 0, errOpen.Withf("the database has schema version %d, newer than the %d this program knows: open it with a newer version of the program", version, known)
	}
	return version, nil
}

// checkSchema refuses to write in the transaction st when another program
// has changed the database's schema version since Open: all the processes
// sharing a file must run the same version of the package, and one that
// upgraded it writes records this one may not know.
func (db *DB) checkSchema(st *txState) error {
	var version int
	if err := queryRow(st.ctx, st, "PRAGMA user_version", nil, &version); err != nil {
		return failure(err, nil)
	}
	switch {
	case version > db.schema:
		return errSchemaChanged.Withf("the database was upgraded to schema version %d by a newer version of the program, and this one (schema version %d) may no longer write to it: nothing was written; run the newer version", version, db.schema)
	case version < db.schema:
		return errSchemaChanged.Withf("the database's schema version went back from %d to %d since the program opened it (was the file replaced?): nothing was written; restart the program", db.schema, version)
	}
	return nil
}

// fills complete a migration with what SQL cannot compute, in its
// transaction: fills[n] runs after migration n's script.
var fills = map[int]func(context.Context, *sql.Tx) error{
	6: fillCandidateKeys,
}

// fillCandidateKeys computes the name keys of the candidates stored before
// migration 6, with the candidate package's folding.
func fillCandidateKeys(ctx context.Context, tx *sql.Tx) error {
	type keys struct{ id, nameKey, search string }
	var all []keys
	err := queryEach(ctx, tx, func(rows *sql.Rows) error {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return err
		}
		c, err := records.Candidates.Decode(doc)
		if err != nil {
			return errUnreadable.Wrap(err)
		}
		all = append(all, keys{id: id, nameKey: c.NameKey(), search: c.SearchText()})
		return nil
	}, "SELECT id, doc FROM candidates", nil)
	if err != nil {
		return err
	}
	for _, k := range all {
		if _, err := tx.ExecContext(ctx, "UPDATE candidates SET name_key = ?, search = ? WHERE id = ?", k.nameKey, k.search, k.id); err != nil {
			return err
		}
	}
	return nil
}
