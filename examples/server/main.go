// Command server is the demo server of tpsession: the HTTP API of docs/http-api.md
// over a SQLite file (or memory), with a realistic demo centre on request.
//
//	go run ./examples/server -demo
//	go run ./examples/server -db memory -addr 127.0.0.1:9000 -tokens tokens.json
//
// Flags:
//
//	-addr    where to listen (default 127.0.0.1:8080)
//	-db      the SQLite file (default tpsession.db), "memory", or the URL
//	         of a PostgreSQL database (postgres://user:password@host:port/dbname),
//	         which several servers may share behind a load balancer
//	-db-max-conns, -db-statement-timeout, -db-connect-retry
//	         the PostgreSQL settings (docs/stores.md): the pool's size, how
//	         long a statement may run, how long to wait for the database at
//	         start-up; the URL's parameters pool_max_conns,
//	         statement_timeout and connect_retry set them too
//	-tokens  a JSON array of {token, centre, role, member_email?, name}
//	         (member_email for the jury role, name for the others: the
//	         event log records it); without it, one admin token of the
//	         demo centre is made up and printed at start-up
//	-demo    seed the demo centre (centre-demo) when it holds nothing yet,
//	         in one transaction: interrupted, it leaves nothing
//	-titles  the centre's title register (JSON, docs/rules.md#the-title-register-file);
//	         without it, the register shipped with the library
//
// A request's headers may hold 64 KiB; it has 10 seconds to send them, 30
// to send the whole request, and its answer must be sent within 60 seconds
// of its headers; an idle connection is closed after 2 minutes.
//
// It stops cleanly on SIGINT or SIGTERM: it stops accepting connections,
// finishes the requests in flight (for up to 15 seconds, or until a second
// SIGINT or SIGTERM), then closes the store, so that no acknowledged write
// is lost.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // the session's days are counted in Europe/Paris, zoneinfo or not

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/auth"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/httpapi"
	"github.com/tpsession/tpsession/adapters/webui"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/titles"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// demoCentre is the centre -demo seeds and the made-up admin token acts
// for.
const demoCentre tpsession.CentreID = "centre-demo"

// shutdownGrace bounds how long the requests in flight may take to finish
// once the server is asked to stop.
const shutdownGrace = 15 * time.Second

// limits are what one connection may ask of the server
// (docs/http-api.md#limits).
type limits struct {
	// maxHeaderBytes bounds a request's line and headers: a bearer token
	// and the usual headers take a few hundred bytes.
	maxHeaderBytes int
	// readHeader bounds the time to send the headers, read the time to
	// send the whole request (a body is at most httpapi.MaxBodyBytes),
	// idle the time a kept-alive connection waits for its next request.
	readHeader, read, idle time.Duration
	// write bounds the time from the end of the request's headers to the
	// end of the answer; the handler's context ends then too, so that a
	// rendering or a plan whose answer can no longer be sent stops.
	write time.Duration
}

// serverLimits are the demo server's limits.
var serverLimits = limits{
	maxHeaderBytes: 64 << 10,
	readHeader:     10 * time.Second,
	read:           30 * time.Second,
	write:          60 * time.Second,
	idle:           2 * time.Minute,
}

// newServer returns the HTTP server of h under the limits l.
func newServer(h http.Handler, l limits, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), l.write)
			defer cancel()
			h.ServeHTTP(w, r.WithContext(ctx))
		}),
		MaxHeaderBytes:    l.maxHeaderBytes,
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

type config struct {
	addr, tokens, titles string
	db                   dbConfig
	demo                 bool
}

// usageLine is the synopsis -h prints above the flags.
const usageLine = "usage: server [-addr host:port] [-db file|memory|postgres://…] [-db-max-conns n] [-db-statement-timeout d] [-db-connect-retry d] [-tokens file] [-titles file] [-demo]"

// parseFlags reads the flags; on -h it writes the usage and the flags to
// stdout and returns flag.ErrHelp, which run answers by exiting cleanly.
func parseFlags(args []string, stdout io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&c.db.db, "db", "tpsession.db", `SQLite file, "memory", or postgres:// URL`)
	maxConns := fs.Int("db-max-conns", 0, "PostgreSQL: connections of the pool")
	statementTimeout := fs.Duration("db-statement-timeout", 0, "PostgreSQL: how long a statement may run")
	connectRetry := fs.Duration("db-connect-retry", 0, "PostgreSQL: how long to wait for the database at start-up")
	fs.StringVar(&c.tokens, "tokens", "", "JSON file of bearer tokens: [{token, centre, role, member_email?, name}]")
	fs.BoolVar(&c.demo, "demo", false, "seed the demo centre when it holds nothing yet")
	fs.StringVar(&c.titles, "titles", "", "JSON file of the title register; the shipped one without it")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, usageLine)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return c, err
		}
		return c, fmt.Errorf("%w (%s)", err, usageLine)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var invalid error
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "db-max-conns":
			if *maxConns < 1 {
				invalid = fmt.Errorf("-db-max-conns must be at least 1, got %d", *maxConns)
			}
			c.db.maxConns = maxConns
		case "db-statement-timeout":
			if *statementTimeout <= 0 {
				invalid = fmt.Errorf("-db-statement-timeout must be positive, got %s", *statementTimeout)
			}
			c.db.statementTimeout = statementTimeout
		case "db-connect-retry":
			if *connectRetry < 0 {
				invalid = fmt.Errorf("-db-connect-retry may not be negative, got %s", *connectRetry)
			}
			c.db.connectRetry = connectRetry
		default:
			return
		}
		if !isPostgres(c.db.db) && invalid == nil {
			invalid = fmt.Errorf("-%s is a setting of a PostgreSQL database: -db is not a postgres:// URL", f.Name)
		}
	})
	return c, invalid
}

// run serves the API until ctx ends, then shuts down cleanly; a SIGINT or
// SIGTERM to the process during the grace period stops it at once. It prints
// the address it listens on (useful with -addr 127.0.0.1:0) and, without
// -tokens, the admin token it made up.
// clock is the server's: the system's. The tests pin it, so that the demo,
// whose dates follow today, stays within the title register it ships with.
var clock tpsession.Clock = tpsession.SystemClock{}

func run(ctx context.Context, args []string, stdout io.Writer) (err error) {
	cfg, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	paris, err := tpsession.LoadParis()
	if err != nil {
		return err
	}
	st, err := openStores(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.close()) }()
	stores := st.stores
	config := session.Config{Location: paris, Clock: clock}
	if cfg.titles != "" {
		reg, err := readTitles(cfg.titles)
		if err != nil {
			return err
		}
		config.Titles = &reg
	}
	svc, err := session.NewService(stores, config)
	if err != nil {
		return err
	}
	tokens, err := loadTokens(cfg.tokens, stdout)
	if err != nil {
		return err
	}
	if cfg.demo {
		seeded, err := seedDemo(ctx, stores, config)
		switch {
		case err != nil && ctx.Err() != nil:
			return fmt.Errorf("interrupted while seeding the demo centre: nothing of the demo was written: %w", err)
		case errors.Is(err, titles.ErrTitleExpired), errors.Is(err, titles.ErrProlongationNotDeclared):
			return fmt.Errorf("seeding the demo centre: %w; the title register no longer lets the demo's sessions be created today: "+
				"run the server with -titles FILE, a register that knows the titles' current revisions (docs/rules.md#the-title-register-file)", err)
		case err != nil:
			return fmt.Errorf("seeding the demo centre: %w", err)
		}
		if seeded {
			fmt.Fprintf(stdout, "seeded the demo centre %s\n", demoCentre)
		}
	}
	logger := slog.New(slog.NewTextHandler(stdout, nil))
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := newServer(handler(svc, tokens, logger, st.health), serverLimits, logger)
	fmt.Fprintf(stdout, "listening on http://%s (store: %s); the dashboard is at http://%s/ui/\n", ln.Addr(), describe(cfg.db.db), ln.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// A second SIGINT or SIGTERM during the grace period cuts it short.
	force, stopForce := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stopForce()
	sctx, cancel := context.WithTimeout(force, shutdownGrace)
	defer cancel()
	fmt.Fprintln(stdout, "shutting down: finishing the requests in flight (interrupt again to stop at once)")
	if err := srv.Shutdown(sctx); err != nil {
		// The grace period is over, or was cut short: cut the connections
		// left. A request cut off this way was never acknowledged.
		if force.Err() != nil {
			err = errors.New("interrupted again")
		}
		return errors.Join(fmt.Errorf("stopped without waiting for the requests in flight: %w", err), srv.Close())
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

// handlerOptions are the options of the API's handler.
func handlerOptions(auth httpapi.Authenticator, logger *slog.Logger, health func(context.Context) error) []httpapi.Option {
	opts := []httpapi.Option{httpapi.WithAuthenticator(auth), httpapi.WithLogger(logger), httpapi.WithLetterhead(letterhead)}
	if health != nil {
		opts = append(opts, httpapi.WithHealthCheck(health))
	}
	return opts
}

// letterhead heads the demo centre's letters; another centre's carry its
// ID, the host software knowing no more of it.
func letterhead(_ context.Context, centre tpsession.CentreID) (documents.Centre, error) {
	if centre != demoCentre {
		return documents.Centre{Name: string(centre)}, nil
	}
	return documents.Centre{
		Name: "Lyon Formation (centre de démonstration)", Address: []string{"12 rue des Lilas", "69003 Lyon"},
		SIRET: "73282932000074", Phone: "04 78 00 00 00", Email: "examens@lyon-formation.example",
		Agrement: "DEMO-2026-001", City: "Lyon",
	}, nil
}

// handler serves the HTTP API, and the dashboard under /ui/: one list of
// tokens signs in to both.
func handler(svc *session.Service, tokens *auth.Tokens, logger *slog.Logger, health func(context.Context) error) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/ui/", webui.New(svc, webui.WithTokens(tokens), webui.WithLogger(logger), webui.WithLetterhead(letterhead),
		webui.WithSamples(webui.Sample{Name: "cda", Label: "Concepteur développeur d'applications (TP-01281), 8 candidats", Input: derouleCDA})))
	mux.Handle("/ui", http.RedirectHandler("/ui/", http.StatusMovedPermanently))
	mux.Handle("/", httpapi.New(svc, handlerOptions(httpapi.BearerTokens(tokens), logger, health)...))
	return mux
}

// loadTokens reads the tokens file, or makes up one admin token of the
// demo centre and prints it.
func loadTokens(path string, stdout io.Writer) (*auth.Tokens, error) {
	if path != "" {
		return auth.LoadTokensFile(path)
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	token := hex.EncodeToString(b[:])
	tokens, err := auth.NewTokens([]auth.TokenEntry{{Token: token, Centre: string(demoCentre), Role: "admin", Name: "Demo admin"}})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "admin token of %s: %s (the API's bearer token, and the dashboard's sign-in)\n", demoCentre, token)
	return tokens, nil
}

// readTitles reads the title register file.
func readTitles(path string) (titles.Register, error) {
	f, err := os.Open(path)
	if err != nil {
		return titles.Register{}, err
	}
	defer f.Close()
	reg, err := titles.Decode(f)
	if err != nil {
		return titles.Register{}, fmt.Errorf("the title register %s: %w", path, err)
	}
	return reg, nil
}
