package postgres

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
)

// migrationFiles are the schema's versions: migrations/NNNN_what.sql takes
// the schema from version NNNN-1 to NNNN. A released migration never
// changes (TestReleasedMigrationsNeverChange holds their hashes, and Open
// refuses a database that applied a migration of other content); a change
// of schema, or of a record's JSON, is a new one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one version of the schema.
type migration struct {
	version int
	name    string
	script  string
	sum     string // SHA-256 of script, in hex
}

// errSchemaChanged refuses a write to a database that another program
// upgraded to a schema this one does not know, after this one opened it.
var errSchemaChanged = tpsession.NewError(tpsession.Internal, "postgres.schema_changed",
	"the database was upgraded by a newer version of the program: this one may no longer write to it")

// The table that records the migrations applied, in the schema of the
// store's tables.
const createMigrations = `CREATE TABLE tpsession_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	sha256     text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`

// migrateLock serialises the programs that migrate one schema at once: a
// transaction-scoped advisory lock, keyed by the schema's name.
const migrateLock = "SELECT pg_advisory_xact_lock(hashtextextended('tpsession.migrate.' || current_schema(), 0))"

// loadMigrations returns the migrations in order: the i-th brings the
// schema to version i+1.
func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, errOpen.Wrap(err)
	}
	out := make([]migration, len(names))
	for _, name := range names {
		num, _, ok := strings.Cut(path.Base(name), "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 1 || n > len(names) || out[n-1].script != "" {
			return nil, errOpen.Withf("migration %s is not numbered in sequence from 0001", name)
		}
		data, err := fs.ReadFile(migrationFiles, name)
		if err != nil {
			return nil, errOpen.Wrap(err)
		}
		sum := sha256.Sum256(data)
		out[n-1] = migration{version: n, name: path.Base(name), script: string(data), sum: hex.EncodeToString(sum[:])}
	}
	return out, nil
}

// migrate brings the schema to the last version of ms (the package's own
// when ms is nil) by applying the migrations the database lacks, each in a
// transaction that records it, and returns the version reached. A database
// is upgraded in place, its data kept; each migration is applied whole or
// not at all, and once, however many programs open the database at once.
// A database newer than ms, or that applied a migration of other content
// than ms's of its version, is refused: a program must not write data whose
// format it does not know.
func migrate(ctx context.Context, pool *pgxpool.Pool, ms []migration) (int, error) {
	if ms == nil {
		var err error
		if ms, err = loadMigrations(); err != nil {
			return 0, err
		}
	}
	// A database at the last version is only read: a role that may not
	// change the schema (as row-level security needs) opens it.
	if version, err := checkApplied(ctx, pool, ms); err != nil || version == len(ms) {
		return version, err
	}
	for {
		version, err := migrateStep(ctx, pool, ms)
		if err != nil || version >= len(ms) {
			return version, err
		}
	}
}

// checkApplied returns the schema version of the database, 0 when it has
// no table of migrations yet, after checking the migrations it applied
// against ms.
func checkApplied(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, ms []migration) (int, error) {
	var exists bool
	// A query of the catalog, rather than to_regclass, whose cache may not
	// show yet a table that the program holding the lock before created.
	rows, err := q.Query(ctx, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'tpsession_migrations')")
	if err != nil {
		return 0, openFailure(err)
	}
	if err := eachRow(rows, func(r pgx.Rows) error { return r.Scan(&exists) }); err != nil {
		return 0, openFailure(err)
	}
	if !exists {
		return 0, nil
	}
	rows, err = q.Query(ctx, "SELECT version, sha256 FROM tpsession_migrations ORDER BY version")
	if err != nil {
		return 0, openFailure(err)
	}
	version := 0
	err = eachRow(rows, func(r pgx.Rows) error {
		var v int
		var sum string
		if err := r.Scan(&v, &sum); err != nil {
			return err
		}
		switch {
		case v > len(ms):
			return errOpen.Withf("the database has schema version %d, newer than the %d this program knows: open it with a newer version of the program", v, len(ms))
		case v != version+1:
			return errOpen.Withf("the database's record of its migrations lacks version %d", version+1)
		case sum != ms[v-1].sum:
			return errOpen.Withf("the database applied a migration %d other than this program's %s: a released migration never changes; open it with the program that wrote it", v, ms[v-1].name)
		}
		version = v
		return nil
	})
	if err != nil {
		return 0, openFailure(err)
	}
	return version, nil
}

// migrateStep applies the next migration the database lacks, in a
// transaction that also records it, and returns the version reached. It
// reads the version again once it holds the schema's advisory lock, so
// that programs opening the database at once apply each migration once.
func migrateStep(ctx context.Context, pool *pgxpool.Pool, ms []migration) (int, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return 0, openFailure(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, migrateLock); err != nil {
		return 0, openFailure(err)
	}
	version, err := checkApplied(ctx, tx, ms)
	if err != nil || version >= len(ms) {
		return version, err
	}
	if version == 0 {
		if _, err := tx.Exec(ctx, createMigrations); err != nil {
			return 0, openFailure(err)
		}
	}
	m := ms[version]
	failed := errOpen.Withf("migrating the database to schema version %d failed", m.version)
	// The simple protocol runs a script of several statements.
	if _, err := tx.Exec(ctx, m.script, pgx.QueryExecModeSimpleProtocol); err != nil {
		return 0, failed.Wrap(err)
	}
	if fill := fills[m.version]; fill != nil {
		if err := fill(ctx, tx); err != nil {
			return 0, failed.Wrap(err)
		}
	}
	if _, err := tx.Exec(ctx, "INSERT INTO tpsession_migrations (version, name, sha256) VALUES ($1, $2, $3)", m.version, m.name, m.sum); err != nil {
		return 0, failed.Wrap(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, failed.Wrap(err)
	}
	return m.version, nil
}

// openFailure translates an error met while opening: the package's own
// errors and the end of the context as they are, anything else as
// errOpen.
func openFailure(err error) error {
	if _, ok := errors.AsType[*tpsession.Error](err); ok || isContextErr(err) {
		return failure(err, nil)
	}
	if unreachable(err) {
		return ErrUnavailable.Wrap(err)
	}
	return errOpen.Wrap(err)
}

// begin begins the transaction st, SERIALIZABLE, and checks in the same
// round trip that no other program has changed the database's schema
// version since Open: all the programs sharing a database must run the
// same version of the package, and one that upgraded it writes records
// this one may not know, so this one refuses to write.
func (db *DB) begin(st *txState) error {
	b := &pgx.Batch{}
	b.Queue("BEGIN ISOLATION LEVEL SERIALIZABLE")
	b.Queue("SELECT coalesce(max(version), 0) FROM tpsession_migrations")
	br := st.conn.SendBatch(st.ctx, b)
	var version int
	_, err := br.Exec()
	if err == nil {
		err = br.QueryRow().Scan(&version)
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return failure(st.classify(err), nil)
	}
	switch {
	case version > db.schema:
		return errSchemaChanged.Withf("the database was upgraded to schema version %d by a newer version of the program, and this one (schema version %d) may no longer write to it: nothing was written; run the newer version", version, db.schema)
	case version < db.schema:
		return errSchemaChanged.Withf("the database's schema version went back from %d to %d since the program opened it (was it restored from a backup?): nothing was written; restart the program", db.schema, version)
	}
	return nil
}

// fills complete a migration with what SQL cannot compute, in its
// transaction: fills[n] runs after migration n's script.
var fills = map[int]func(context.Context, pgx.Tx) error{
	5: fillCandidateKeys,
}

// fillCandidateKeys computes the name keys of the candidates stored before
// migration 5, with the candidate package's folding.
func fillCandidateKeys(ctx context.Context, tx pgx.Tx) error {
	type keys struct{ centre, id, nameKey, search string }
	rows, err := tx.Query(ctx, "SELECT centre, id, doc::text FROM candidates")
	if err != nil {
		return err
	}
	var all []keys
	err = eachRow(rows, func(r pgx.Rows) error {
		var k keys
		var doc string
		if err := r.Scan(&k.centre, &k.id, &doc); err != nil {
			return err
		}
		c, err := records.Candidates.Decode(doc)
		if err != nil {
			return errUnreadable.Wrap(err)
		}
		k.nameKey, k.search = c.NameKey(), c.SearchText()
		all = append(all, k)
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range all {
		if _, err := tx.Exec(ctx, "UPDATE candidates SET name_key = $1, search = $2 WHERE centre = $3 AND id = $4", k.nameKey, k.search, k.centre, k.id); err != nil {
			return err
		}
	}
	return nil
}
