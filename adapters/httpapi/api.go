package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session"
)

// MaxBodyBytes is the largest request body accepted: 1 MiB (docs/http-api.md#conventions). A
// larger one is answered 413.
const MaxBodyBytes = 1 << 20

// Option configures the handler New returns.
type Option func(*api)

// WithAuthenticator sets who the requests come from. Without one, every
// route but /healthz and /openapi.json answers 401: the handler fails
// closed.
func WithAuthenticator(a Authenticator) Option { return func(h *api) { h.auth = a } }

// WithLogger sets the logger of the request lines and of the causes of
// 500 answers; the default is slog.Default().
func WithLogger(l *slog.Logger) Option { return func(h *api) { h.log = l } }

// WithLetterhead tells the letterhead of a centre, printed on the
// convocation letters the API serves. Without it a letter is headed with
// the centre's ID only. An error fails the request (500, logged).
func WithLetterhead(f func(ctx context.Context, centre tpsession.CentreID) (documents.Centre, error)) Option {
	return func(h *api) { h.letterhead = f }
}

// WithValidator shares the host's validator (it caches struct metadata);
// the default is a new one per handler.
func WithValidator(v *Validator) Option { return func(h *api) { h.v = v } }

// WithHealthCheck sets what GET /healthz asks before it answers 200
// {"status": "ok"}: a check of what the server depends on, such as a ping
// of its database. When check fails, or takes longer than HealthTimeout,
// /healthz answers 503 (httpapi.unavailable) and the cause is logged, so
// that a load balancer sends the requests to other instances. Without it
// /healthz tells that the process serves.
func WithHealthCheck(check func(ctx context.Context) error) Option {
	return func(h *api) { h.healthCheck = check }
}

// HealthTimeout bounds the health check of WithHealthCheck: a database
// that takes longer to answer a ping is as good as down.
const HealthTimeout = 2 * time.Second

// api is the handler: the routes over one Service.
type api struct {
	svc  *session.Service
	auth Authenticator
	log  *slog.Logger
	v    *Validator
	// letterhead tells a centre's letterhead for the letters.
	letterhead func(context.Context, tpsession.CentreID) (documents.Centre, error)
	// healthCheck, when set, decides whether /healthz answers 200.
	healthCheck func(context.Context) error
	mux         *http.ServeMux
	routes      []route
	access      map[string]access
	// policy is the role rules the routes apply.
	policy session.Policy
	// openapi is the document served at /openapi.json, built once; docErr
	// is why it could not be.
	openapi []byte
	docErr  error
	// fields caches the JSON fields of each request type for the decoder.
	fields sync.Map
}

// New returns the HTTP handler of the API of docs/http-api.md over svc, which must
// not be nil. It routes with a standard http.ServeMux; every error is an
// RFC 9457 problem; every request is logged in one line.
func New(svc *session.Service, opts ...Option) http.Handler {
	a := &api{svc: svc, mux: http.NewServeMux(), access: authorization()}
	for _, o := range opts {
		o(a)
	}
	if a.auth == nil {
		a.auth = noAuthenticator{}
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.v == nil {
		a.v = NewValidator()
	}
	if a.letterhead == nil {
		a.letterhead = func(_ context.Context, centre tpsession.CentreID) (documents.Centre, error) {
			return documents.Centre{Name: string(centre)}, nil
		}
	}
	a.routes = a.table()
	for _, rt := range a.routes {
		a.mux.Handle(rt.pattern(), a.handler(rt))
	}
	a.openapi, a.docErr = a.document()
	return a
}

// noAuthenticator refuses every request: a handler built without an
// authenticator serves nothing but its public routes.
type noAuthenticator struct{}

func (noAuthenticator) Authenticate(*http.Request) (Principal, error) {
	return Principal{}, ErrUnauthenticated.Withf("the server has no authenticator configured")
}

// exchange is what the request line of the log says about one request;
// the route's handler fills in what it learns.
type exchange struct {
	id     string
	route  string
	role   Role
	centre tpsession.CentreID
	status int
	bytes  int
	// cause is the error behind a 500 answer, logged and never sent.
	cause error
}

type exchangeKey struct{}

func exchangeOf(ctx context.Context) *exchange {
	if x, ok := ctx.Value(exchangeKey{}).(*exchange); ok {
		return x
	}
	return &exchange{}
}

// ServeHTTP gives the request an ID, routes it, and logs one line.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	x := &exchange{id: requestID(r)}
	w.Header().Set("X-Request-Id", x.id)
	rw := &recorder{ResponseWriter: w, x: x}
	r = r.WithContext(context.WithValue(r.Context(), exchangeKey{}, x))
	defer func() { a.logRequest(r, x, time.Since(start)) }()
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if p == http.ErrAbortHandler {
			panic(p)
		}
		// The stack says where: it goes to the log with the cause, never
		// into the answer.
		err := tpsession.ErrInternal.Withf("the handler panicked").Wrap(fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
		if x.status == 0 {
			a.writeProblem(rw, x, problemOf(err, x))
		}
		x.cause = err
	}()
	if _, pattern := a.mux.Handler(r); pattern == "" {
		a.unrouted(rw, r, x)
		return
	}
	a.mux.ServeHTTP(rw, r)
}

// unrouted answers a request no route matches, as a problem: 404, or 405
// with the methods the path allows.
func (a *api) unrouted(w http.ResponseWriter, r *http.Request, x *exchange) {
	h, _ := a.mux.Handler(r)
	probe := &probe{header: http.Header{}}
	h.ServeHTTP(probe, r)
	switch probe.status {
	case http.StatusMethodNotAllowed:
		allow := probe.header.Get("Allow")
		w.Header().Set("Allow", allow)
		a.writeProblem(w, x, problemOf(errMethodNotAllowed.withf("%s is not allowed on %s; allowed: %s", r.Method, tpsession.Truncate(r.URL.Path, 200), allow), x))
	case http.StatusNotFound:
		a.writeProblem(w, x, problemOf(errNoRoute.withf("no route %s %s", r.Method, tpsession.Truncate(r.URL.Path, 200)), x))
	default:
		// The mux cleans paths with a redirect ("//", ".."): pass it on.
		for k, vs := range probe.header {
			w.Header()[k] = vs
		}
		w.WriteHeader(probe.status)
		_, _ = w.Write(probe.body)
	}
}

// probe keeps what the mux would answer a request no route matches.
type probe struct {
	header http.Header
	status int
	body   []byte
}

func (p *probe) Header() http.Header { return p.header }

func (p *probe) WriteHeader(status int) {
	if p.status == 0 {
		p.status = status
	}
}

func (p *probe) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	p.body = append(p.body, b...)
	return len(b), nil
}

// requestID returns the caller's X-Request-Id when it is a short token of
// safe characters, so that a request can be followed through a proxy, and
// a new random ID otherwise.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 && safeToken(id) {
		return id
	}
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

func safeToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// logRequest writes the request's line: never the Authorization header,
// the query or a body, so no token and no candidate's personal data.
func (a *api) logRequest(r *http.Request, x *exchange, d time.Duration) {
	route := x.route
	if route == "" {
		route = tpsession.Truncate(r.URL.Path, 200)
	}
	attrs := []slog.Attr{
		slog.String("request_id", x.id),
		slog.String("method", r.Method),
		slog.String("route", route),
		slog.Int("status", x.status),
		slog.Duration("duration", d),
		slog.Int("bytes", x.bytes),
	}
	if x.role != "" {
		attrs = append(attrs, slog.String("role", string(x.role)), slog.String("centre", string(x.centre)))
	}
	level := slog.LevelInfo
	if x.cause != nil {
		level = slog.LevelError
		attrs = append(attrs, slog.String("error", x.cause.Error()))
	}
	a.log.LogAttrs(r.Context(), level, "request", attrs...)
}

// recorder notes the status and size of the answer for the log line.
type recorder struct {
	http.ResponseWriter
	x *exchange
}

func (w *recorder) WriteHeader(status int) {
	if w.x.status == 0 {
		w.x.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.x.status == 0 {
		w.x.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.x.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
