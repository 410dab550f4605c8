package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"github.com/stretchr/testify/assert"
	"github.com/tpsession/tpsession"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// URLEnv names the environment variable that gives the tests a server:
// a postgres:// URL of a role that may create schemas and roles. .ci/run
// starts a throwaway server and sets it.
const URLEnv = "TPSESSION_POSTGRES_URL"

// serverURL returns the URL of the tests' server. Without one the test is
// skipped, saying how to give one, or fails under CI=true, where a
// missing server is a broken run rather than a choice.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(URLEnv)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: .ci/run starts a PostgreSQL server for the tests and sets it", URLEnv)
		}
		t.Skipf("no PostgreSQL server: set %s=postgres://user@127.0.0.1:5432/postgres?sslmode=disable to a role that may create schemas and roles, or run .ci/run, which starts a throwaway server", URLEnv)
	}
	return u
}

// withParams returns u with the query parameters set.
func withParams(t testing.TB, u string, params map[string]string) string {
	t.Helper()
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	q := parsed.Query()
	for k, v := range params {
		q.Set(k, v)
	}
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

// randomName returns a new identifier that starts with prefix.
func randomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// rawConn connects to the tests' server at u, behind the store's back,
// for the test.
func rawConn(t testing.TB, u string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), u)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// newSchema creates a schema of its own for one test, dropped at its end,
// and returns the URL of the server whose search_path is that schema: the
// tests of the package, and those of other packages, run in parallel on
// one server without seeing each other's tables.
func newSchema(t testing.TB) string {
	t.Helper()
	base := serverURL(t)
	name := randomName("test_")
	conn := rawConn(t, base)
	_, err := conn.Exec(context.Background(), "CREATE SCHEMA "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		drop := rawConn(t, base)
		_, err := drop.Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
		if err != nil && !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("dropping the test's schema: %v", err)
		}
	})
	return withParams(t, base, map[string]string{"search_path": name})
}

// assertSafe checks that err is a *tpsession.Error of the kind whose
// message, the part a user may see, says nothing of SQL or of the driver.
func assertSafe(t *testing.T, err error, kind tpsession.Kind) {
	t.Helper()
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok, "a *tpsession.Error, got %T: %v", err, err)
	assert.Equal(t, kind, e.Kind)
	assert.NotEmpty(t, e.Message)
	for _, leak := range []string{"SQL", "pgx", "SELECT", "UPDATE", "INSERT", "constraint", "SQLSTATE", "syntax", "relation"} {
		assert.NotContains(t, e.Message, leak, "the message shown to a user")
	}
}
