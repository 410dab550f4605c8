package postgres_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
)

// restrictedRole creates a role that logs in but neither owns the tables
// nor bypasses row-level security, dropped at the end of the test, and
// returns its name.
func restrictedRole(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	base := postgrestest.ServerURL(t)
	name := postgrestest.Name("app_")
	_, err := postgrestest.Conn(t, base).Exec(ctx, "CREATE ROLE "+name+" LOGIN NOSUPERUSER NOBYPASSRLS")
	require.NoError(t, err)
	t.Cleanup(func() {
		conn := postgrestest.Conn(t, base)
		_, err := conn.Exec(ctx, "DROP OWNED BY "+name)
		assert.NoError(t, err)
		_, err = conn.Exec(ctx, "DROP ROLE "+name)
		assert.NoError(t, err)
	})
	return name
}

// asRole migrates a new schema as the owner, lets role read and write its
// tables (not change them), and returns the URL of the schema for role.
func asRole(t *testing.T, role string) string {
	t.Helper()
	ctx := context.Background()
	owner := postgrestest.Schema(t)
	open(t, owner) // migrates
	conn := postgrestest.Conn(t, owner)
	var schema string
	require.NoError(t, conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema))
	for _, grant := range []string{
		"GRANT USAGE ON SCHEMA " + schema + " TO " + role,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
		"REVOKE INSERT, UPDATE, DELETE ON " + schema + ".tpsession_migrations FROM " + role,
	} {
		_, err := conn.Exec(ctx, grant)
		require.NoError(t, err)
	}
	u, err := url.Parse(owner)
	require.NoError(t, err)
	u.User = url.User(role)
	return u.String()
}

// TestRowLevelSecurity connects as a role subject to the row-level
// security policies, as a deployment that wants the database itself to
// keep centres apart does: the whole store contract holds, and the
// database refuses what the adapter would never ask.
func TestRowLevelSecurity(t *testing.T) {
	ctx := context.Background()
	role := restrictedRole(t)

	t.Run("the contract holds", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) storetest.Stores { return stores(open(t, asRole(t, role))) })
	})

	t.Run("the database shows and takes one centre per transaction", func(t *testing.T) {
		u := asRole(t, role)
		db := open(t, u)
		a := storetest.NewSession(t, storetest.CentreA, storetest.Start)
		b := storetest.NewSession(t, storetest.CentreB, storetest.Start)
		require.NoError(t, db.CreateSession(ctx, a))
		require.NoError(t, db.CreateSession(ctx, b))

		conn := postgrestest.Conn(t, u)
		count := func(tx pgx.Tx) int {
			var n int
			require.NoError(t, tx.QueryRow(ctx, "SELECT count(*) FROM sessions").Scan(&n))
			return n
		}
		tx, err := conn.Begin(ctx)
		require.NoError(t, err)
		assert.Zero(t, count(tx), "no centre named: no row")
		_, err = tx.Exec(ctx, "SELECT set_config('tpsession.centre', $1, true)", string(storetest.CentreA))
		require.NoError(t, err)
		assert.Equal(t, 1, count(tx), "the centre named: its rows only")
		tag, err := tx.Exec(ctx, "UPDATE sessions SET version = version + 1 WHERE id = $1", string(b.ID))
		require.NoError(t, err)
		assert.Zero(t, tag.RowsAffected(), "another centre's rows cannot be changed")
		tag, err = tx.Exec(ctx, "DELETE FROM sessions WHERE centre = $1", string(storetest.CentreB))
		require.NoError(t, err)
		assert.Zero(t, tag.RowsAffected(), "another centre's rows cannot be reached")
		_, err = tx.Exec(ctx, "INSERT INTO sessions (centre, id, start_date, end_date, version, doc) VALUES ($1, 'x', '2027-03-01', '2027-03-03', 1, '{}')", string(storetest.CentreB))
		assert.Error(t, err, "nor written")
		require.NoError(t, tx.Rollback(ctx))

		tx, err = conn.Begin(ctx)
		require.NoError(t, err)
		assert.Zero(t, count(tx), "the centre is named for one transaction only")
		require.NoError(t, tx.Rollback(ctx))

		got, err := db.Session(ctx, storetest.CentreB, b.ID)
		require.NoError(t, err)
		assert.Equal(t, b, got, "untouched")
	})

	t.Run("the role cannot change the schema", func(t *testing.T) {
		u := asRole(t, role)
		_, err := postgrestest.Conn(t, u).Exec(ctx, "DROP TABLE sessions")
		assert.Error(t, err)
	})
}

// TestEveryTableIsUnderRowLevelSecurity: every table a migration creates
// keeps centres apart, the ones added after the first schema too.
func TestEveryTableIsUnderRowLevelSecurity(t *testing.T) {
	ctx := context.Background()
	u := postgrestest.Schema(t)
	open(t, u) // migrates
	rows, err := postgrestest.Conn(t, u).Query(ctx, `SELECT c.relname, c.relrowsecurity FROM pg_class AS c
		JOIN pg_namespace AS n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'tpsession_migrations' ORDER BY c.relname`)
	require.NoError(t, err)
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		var secured bool
		require.NoError(t, rows.Scan(&name, &secured))
		assert.True(t, secured, "table %s is not under row-level security", name)
		tables = append(tables, name)
	}
	require.NoError(t, rows.Err())
	assert.Contains(t, tables, "agrements")
	assert.Contains(t, tables, "programmes")
	assert.Contains(t, tables, "exams")
	assert.Contains(t, tables, "retentions")
}
