package main

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/postgres"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/session"
)

// dbConfig is the store -db names, and the settings of a PostgreSQL one.
type dbConfig struct {
	db string
	// The PostgreSQL settings given by flags; nil when not given, so that
	// the URL's parameters or the adapter's defaults apply.
	maxConns         *int
	statementTimeout *time.Duration
	connectRetry     *time.Duration
}

// isPostgres reports whether db is the URL of a PostgreSQL database.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// opened are the stores the server works with, how to close them, and the
// check of /healthz (nil: none).
type opened struct {
	stores session.Stores
	close  func() error
	health func(context.Context) error
}

// openStores opens the stores -db names: "memory" for the in-memory store,
// a postgres:// URL for a PostgreSQL database (several servers may share
// it; /healthz then answers 503 while it does not answer), anything else a
// SQLite file, created when it does not exist.
func openStores(ctx context.Context, c dbConfig) (opened, error) {
	switch {
	case c.db == "memory":
		return opened{stores: session.StoresOf(memstore.New()), close: func() error { return nil }}, nil
	case isPostgres(c.db):
		var opts []postgres.Option
		if c.maxConns != nil {
			opts = append(opts, postgres.WithMaxConns(*c.maxConns))
		}
		if c.statementTimeout != nil {
			opts = append(opts, postgres.WithStatementTimeout(*c.statementTimeout))
		}
		if c.connectRetry != nil {
			opts = append(opts, postgres.WithConnectRetry(*c.connectRetry))
		}
		s, err := postgres.Open(ctx, c.db, opts...)
		if err != nil {
			return opened{}, err
		}
		return opened{stores: session.StoresOf(s), close: s.Close, health: s.Ping}, nil
	}
	s, err := sqlite.Open(ctx, c.db)
	if err != nil {
		return opened{}, err
	}
	return opened{stores: session.StoresOf(s), close: s.Close}, nil
}

// describe names the store -db names for the start-up line, without the
// password a database URL may hold.
func describe(db string) string {
	if !isPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres"
	}
	u.RawQuery = ""
	return u.Redacted()
}
