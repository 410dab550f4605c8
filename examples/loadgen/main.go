// Command loadgen measures the HTTP API under load: requests per second and
// latency percentiles on its main read routes (GET a session, GET its
// timeline) and write route (PUT a checklist item), next to a bare
// net/http handler answering a small JSON on the same machine, the
// baseline.
//
//	go run ./examples/loadgen                      # 10 s per route, 16 connections
//	go run ./examples/loadgen -duration 30s -concurrency 32
//	go run ./examples/loadgen -target http://127.0.0.1:8080 -token TOKEN -session SID
//	go run ./examples/loadgen -target http://127.0.0.1:8081,http://127.0.0.1:8082 -token TOKEN -session SID1,SID2,…
//
// Without -target it starts, in its own process and on loopback ports, the
// real handler over the in-memory store (as the demo server with -db
// memory, logging each request to a discarded text log), or with -store
// sqlite over a SQLite file in a temporary directory, with one prepared
// session, and the baseline handler. With -target it loads a running
// server instead, or several servers sharing one database, the connections
// spread over them in turn as a load balancer would; the baseline is then
// left out. -session may list several sessions: connection i then works on
// the i-th (in turn), as the users of many centres would, rather than all
// on one. Targets must be loopback
// addresses: it never sends traffic anywhere else. Each route runs for a
// warm-up, then for -duration or -requests requests, whichever ends first.
// The measure is taken in -rounds slices that go through the routes in
// turn, so that whatever else the machine runs weighs on every route alike.
//
// With -serve it only starts the servers, prints their addresses and the
// wrk commands that load them, and serves until interrupted: wrk, from
// Debian's packages, loads them from another process with less of the
// machine than this program's own client.
//
//	go run ./examples/loadgen -serve -store sqlite
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	_ "time/tzdata"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/httpapi"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/session"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// Bounds that keep a run finite whatever the flags say.
const (
	maxDuration = 5 * time.Minute
	maxRequests = 10_000_000
)

type config struct {
	duration, warmup time.Duration
	rounds           int
	concurrency      int
	requests         int
	target, token    string
	session          string
	store            string
	routes           []string
	serve            bool
}

// parseFlags reads the flags; on -h it writes them to stdout and returns
// flag.ErrHelp, which run answers by exiting cleanly.
func parseFlags(args []string, stdout io.Writer) (config, error) {
	var c config
	var routes string
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "how long each route is measured")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "how long each route runs before it is measured")
	fs.IntVar(&c.rounds, "rounds", 5, "slices the measure of each route is taken in, the routes in turn")
	fs.IntVar(&c.concurrency, "concurrency", 16, "connections sending requests at once")
	fs.IntVar(&c.requests, "requests", 2_000_000, "at most this many measured requests per route")
	fs.StringVar(&c.target, "target", "", "URL of a running server, or comma-separated URLs of servers sharing one database (loopback only); empty starts one in this process")
	fs.StringVar(&c.token, "token", "", "admin bearer token of the target")
	fs.StringVar(&c.session, "session", "", "ID of a session of the token's centre on the target, or comma-separated IDs spread over the connections")
	fs.StringVar(&c.store, "store", "memory", `the store of the server it starts: "memory" or "sqlite" (a file in a temporary directory)`)
	fs.StringVar(&routes, "routes", "baseline,session,timeline,checklist-item", "routes to measure, in order")
	fs.BoolVar(&c.serve, "serve", false, "only start the servers, print how to load them, and serve until interrupted")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "usage: loadgen [flags]")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
		}
		return c, err
	}
	c.routes = strings.Split(routes, ",")
	switch {
	case c.duration <= 0 || c.duration > maxDuration:
		return c, fmt.Errorf("-duration must lie between 0 and %s", maxDuration)
	case c.warmup < 0 || c.warmup > maxDuration:
		return c, fmt.Errorf("-warmup must lie between 0 and %s", maxDuration)
	case c.rounds < 1 || c.rounds > 100:
		return c, errors.New("-rounds must lie between 1 and 100")
	case c.concurrency < 1 || c.concurrency > 1024:
		return c, errors.New("-concurrency must lie between 1 and 1024")
	case c.requests < 1 || c.requests > maxRequests:
		return c, fmt.Errorf("-requests must lie between 1 and %d", maxRequests)
	case c.store != "memory" && c.store != "sqlite":
		return c, errors.New(`-store is "memory" or "sqlite"`)
	case c.target != "" && (c.token == "" || c.session == ""):
		return c, errors.New("-target needs -token and -session")
	}
	return c, nil
}

// route is one kind of request to measure.
type route struct {
	name, method, path string
	body               []byte
	// baseline routes go to the bare handler.
	baseline bool
}

func routes(sid string) map[string]route {
	return map[string]route{
		"baseline":       {name: "baseline: bare net/http handler, small JSON", method: "GET", path: "/", baseline: true},
		"health":         {name: "`GET /healthz`", method: "GET", path: "/healthz"},
		"session":        {name: "`GET /v1/sessions/{sid}`", method: "GET", path: "/v1/sessions/" + sid},
		"timeline":       {name: "`GET /v1/sessions/{sid}/timeline`", method: "GET", path: "/v1/sessions/" + sid + "/timeline"},
		"checklist-item": {name: "`PUT /v1/sessions/{sid}/checklist/{key}`", method: "PUT", path: "/v1/sessions/" + sid + "/checklist/rules_displayed", body: []byte(`{"status": "ok", "note": "affiché en salle 2"}`)},
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if cfg.serve {
		return serveOnly(ctx, cfg.store, stdout)
	}
	var apis []string
	baseline, token, sid := "", cfg.token, cfg.session
	if cfg.target == "" {
		servers, err := startServers(ctx, cfg.store)
		if err != nil {
			return err
		}
		defer servers.close()
		apis, baseline, token, sid = []string{servers.api}, servers.baseline, servers.token, servers.session
	} else {
		apis = strings.Split(cfg.target, ",")
	}
	for _, api := range apis {
		if err := loopbackOnly(api); err != nil {
			return err
		}
	}
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: cfg.concurrency, MaxIdleConnsPerHost: cfg.concurrency, MaxConnsPerHost: cfg.concurrency,
		DisableCompression: true,
	}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()

	var loads []load
	for _, name := range cfg.routes {
		sids := strings.Split(sid, ",")
		rt, ok := routes(sids[0])[name]
		if !ok {
			return fmt.Errorf("unknown route %q (known: baseline, health, session, timeline, checklist-item)", name)
		}
		if rt.baseline && baseline == "" {
			continue // a running target has no baseline next to it
		}
		// Connection w sends to the w-th target and works on the w-th
		// session, each in turn.
		urls := make([]string, cfg.concurrency)
		for w := range urls {
			if rt.baseline {
				urls[w] = baseline + rt.path
				continue
			}
			urls[w] = apis[w%len(apis)] + routes(sids[w%len(sids)])[name].path
		}
		loads = append(loads, load{client: client, urls: urls, route: rt, token: token, concurrency: cfg.concurrency})
	}
	fmt.Fprintf(stdout, "%d connections to %d server(s), %s per route in %d rounds after a %s warm-up, on %d CPU(s)\n\n",
		cfg.concurrency, len(apis), cfg.duration, cfg.rounds, cfg.warmup, runtime.NumCPU())
	results := make([]result, len(loads))
	for i, l := range loads {
		if cfg.warmup > 0 {
			l.measure(ctx, cfg.warmup, cfg.requests)
		}
		results[i].route = l.route
	}
	slice := cfg.duration / time.Duration(cfg.rounds)
	for range cfg.rounds {
		for i, l := range loads {
			results[i].add(l.measure(ctx, slice, cfg.requests/cfg.rounds))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	// A Markdown table, to paste as it is.
	fmt.Fprintln(stdout, "| route | requests | req/s | p50 | p99 | errors |")
	fmt.Fprintln(stdout, "| --- | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range results {
		slices.Sort(r.latencies)
		fmt.Fprintf(stdout, "| %s | %d | %.0f | %s | %s | %d |\n", r.route.name, r.count, r.perSecond(), ms(r.percentile(50)), ms(r.percentile(99)), r.errors)
	}
	return nil
}

// serveOnly starts the servers and serves them until ctx ends, printing
// the wrk commands that load each route next to the baseline.
func serveOnly(ctx context.Context, store string, stdout io.Writer) error {
	s, err := startServers(ctx, store)
	if err != nil {
		return err
	}
	defer s.close()
	fmt.Fprintf(stdout, "the API over the %s store on %s, the baseline on %s; load them with, say:\n\n", store, s.api, s.baseline)
	fmt.Fprintf(stdout, "wrk -t2 -c32 -d15s %s/\n", s.baseline)
	sid, _, _ := strings.Cut(s.session, ",")
	for _, name := range []string{"session", "timeline"} {
		fmt.Fprintf(stdout, "wrk -t2 -c32 -d15s -H 'Authorization: Bearer %s' %s%s\n", s.token, s.api, routes(sid)[name].path)
	}
	fmt.Fprintln(stdout, "\ninterrupt to stop")
	<-ctx.Done()
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

// loopbackOnly refuses a target that is not on this machine.
func loopbackOnly(target string) error {
	u, err := url.Parse(target)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-target %q is not a URL", target)
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("-target %s resolves to %s: only loopback addresses are loaded", u.Hostname(), ip)
		}
	}
	return nil
}

// load sends one route's requests from concurrency workers, worker w to
// urls[w].
type load struct {
	client      *http.Client
	urls        []string
	token       string
	route       route
	concurrency int
}

type result struct {
	route         route
	count, errors int
	elapsed       time.Duration
	latencies     []time.Duration
}

// add merges another slice of the measure into r.
func (r *result) add(o result) {
	r.count += o.count
	r.errors += o.errors
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
}

func (r result) perSecond() float64 { return float64(r.count) / r.elapsed.Seconds() }

func (r result) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, len(r.latencies)*p/100)]
}

// measure runs the workers for d or until limit requests are sent.
func (l load) measure(ctx context.Context, d time.Duration, limit int) result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var sent, failed atomic.Int64
	per := make([][]time.Duration, l.concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range l.concurrency {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 1<<14)
			for ctx.Err() == nil && sent.Add(1) <= int64(limit) {
				t0 := time.Now()
				if err := l.once(ctx, l.urls[w]); err != nil {
					if ctx.Err() == nil {
						failed.Add(1)
					}
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			per[w] = lat
		})
	}
	wg.Wait()
	r := result{elapsed: time.Since(start), errors: int(failed.Load())}
	for _, lat := range per {
		r.latencies = append(r.latencies, lat...)
	}
	r.count = len(r.latencies)
	return r
}

func (l load) once(ctx context.Context, url string) error {
	var body io.Reader
	if l.route.body != nil {
		body = bytes.NewReader(l.route.body)
	}
	req, err := http.NewRequestWithContext(ctx, l.route.method, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+l.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode >= 300 {
		err = fmt.Errorf("%s %s: %s", l.route.method, url, resp.Status)
	}
	return err
}

// loadDay is the service's today during a load: a Monday on which the
// session it creates, three months later, lies within the title register's
// validity of TP-01281.
var loadDay = date.New(2027, time.January, 11)

// servers are the API over memstore and the baseline, on loopback ports.
type servers struct {
	api, baseline, token, session string
	close                         func()
}

func startServers(ctx context.Context, store string) (s servers, err error) {
	paris, err := tpsession.LoadParis()
	if err != nil {
		return s, err
	}
	stores, closeStores, err := openStores(ctx, store)
	if err != nil {
		return s, err
	}
	defer func() {
		if err != nil {
			_ = closeStores()
		}
	}()
	// The service's day is pinned: what is measured does not depend on the
	// day the load runs, nor on the title register's dates (a session of a
	// title whose validity has ended would be refused).
	clock := tpsession.NewFixedClock(loadDay.Time(0, paris).Add(9 * time.Hour))
	svc, err := session.NewService(stores, session.Config{Location: paris, Clock: clock})
	if err != nil {
		return s, err
	}
	s.token = "loadgen-admin-token-0123456789abcdef"
	auth, err := httpapi.NewStaticTokens([]httpapi.TokenEntry{{Token: s.token, Centre: "centre-load", Role: "admin", Name: "loadgen"}})
	if err != nil {
		return s, err
	}
	cal := tpsession.Calendar{}
	start := cal.OnOrAfter(loadDay + 90)
	ses, err := svc.CreateSession(ctx, session.Actor{Centre: "centre-load", Name: "loadgen"}, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre", Site: "Lyon",
		Start: start, End: cal.AddWorkingDays(start, 2), PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
	})
	if err != nil {
		return s, err
	}
	if _, err := svc.Declare(ctx, session.Actor{Centre: "centre-load", Name: "loadgen"}, ses.ID, date.Zero); err != nil {
		return s, err
	}
	s.session = string(ses.ID)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	apiSrv, apiURL, err := serve(httpapi.New(svc, httpapi.WithAuthenticator(auth), httpapi.WithLogger(logger)))
	if err != nil {
		return s, err
	}
	small := []byte(`{"id":"ses_01M8DHNTPN3ZB56X50NX9RZ69C","status":"declared"}` + "\n")
	baseSrv, baseURL, err := serve(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(small)
	}))
	if err != nil {
		apiSrv.Close()
		return s, err
	}
	s.api, s.baseline = apiURL, baseURL
	s.close = func() { apiSrv.Close(); baseSrv.Close(); _ = closeStores() }
	return s, nil
}

// openStores opens the in-memory store, or a SQLite file in a temporary
// directory removed on close.
func openStores(ctx context.Context, store string) (session.Stores, func() error, error) {
	if store == "memory" {
		m := memstore.New()
		return session.StoresOf(m), func() error { return nil }, nil
	}
	dir, err := os.MkdirTemp("", "loadgen-")
	if err != nil {
		return session.Stores{}, nil, err
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "load.db"))
	if err != nil {
		return session.Stores{}, nil, errors.Join(err, os.RemoveAll(dir))
	}
	return session.StoresOf(db), func() error { return errors.Join(db.Close(), os.RemoveAll(dir)) }, nil
}

func serve(h http.Handler) (*http.Server, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, "http://" + ln.Addr().String(), nil
}
