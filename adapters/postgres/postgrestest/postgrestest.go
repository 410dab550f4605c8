// Package postgrestest gives tests a PostgreSQL server of their own to use:
// a schema per test on the server that TPSESSION_POSTGRES_URL names, which
// .ci/run starts. Without one, a test is skipped with a message saying how
// to give one; under CI=true it fails instead, a missing server being a
// broken run rather than a choice.
//
// It imports pgx and testify, and is imported by tests only.
package postgrestest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
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

// ServerURL returns the URL of the tests' server. Without one the test is
// skipped, saying how to give one, or fails under CI=true, where a
// missing server is a broken run rather than a choice.
func ServerURL(t testing.TB) string {
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

// WithParams returns u with the query parameters set.
func WithParams(t testing.TB, u string, params map[string]string) string {
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

// Name returns a new identifier that starts with prefix.
func Name(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Conn connects to the tests' server at u, behind the store's back,
// for the test.
func Conn(t testing.TB, u string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), u)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// Schema creates a schema of its own for one test, dropped at its end,
// and returns the URL of the server whose search_path is that schema: the
// tests of the package, and those of other packages, run in parallel on
// one server without seeing each other's tables.
func Schema(t testing.TB) string {
	t.Helper()
	base := ServerURL(t)
	name := Name("test_")
	conn := Conn(t, base)
	_, err := conn.Exec(context.Background(), "CREATE SCHEMA "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		drop := Conn(t, base)
		_, err := drop.Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
		if err != nil && !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("dropping the test's schema: %v", err)
		}
	})
	return WithParams(t, base, map[string]string{"search_path": name})
}
