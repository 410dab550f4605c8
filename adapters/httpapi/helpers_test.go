package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/httpapi"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

// The tokens of the tests: three roles in centre-lyon, an admin of
// centre-nantes, and a jury token whose e-mail is in no member record.
const (
	adminToken      = "admin-lyon-0123456789abcdef0123456789"
	juryToken       = "jury-lyon-0123456789abcdef0123456789a"
	controllerToken = "ctrl-lyon-0123456789abcdef0123456789a"
	otherToken      = "admin-nantes-0123456789abcdef01234567"
	strangerToken   = "jury-stranger-0123456789abcdef0123456"
	jury2Token      = "jury2-lyon-0123456789abcdef0123456789"

	juryEmail  = "jeanne.martin@example.fr"
	jury2Email = "karim.benali@example.fr" // m2 of the fixtures
)

var (
	paris = mustParis()
	// today is the fixed day of the tests: a Monday, four months before
	// the session.
	today = date.New(2026, time.November, 2)
	start = date.New(2027, time.March, 1) // a Monday
	end   = date.New(2027, time.March, 3)
)

func mustParis() *time.Location {
	loc, err := tpsession.LoadParis()
	if err != nil {
		panic(err)
	}
	return loc
}

// env is the real handler over a real Service on memstore, with a fixed
// clock and a log captured as JSON lines.
type env struct {
	t     testing.TB
	h     http.Handler
	svc   *session.Service
	clock *tpsession.FixedClock
	logs  *syncBuffer
	doc   *openAPIDoc
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func tokens(t testing.TB) *httpapi.StaticTokens {
	t.Helper()
	st, err := httpapi.NewStaticTokens([]httpapi.TokenEntry{
		{Token: adminToken, Centre: "centre-lyon", Role: "admin", Name: "Claire Martin"},
		{Token: juryToken, Centre: "centre-lyon", Role: "jury", MemberEmail: juryEmail},
		{Token: controllerToken, Centre: "centre-lyon", Role: "controller", Name: "DREETS inspector"},
		{Token: otherToken, Centre: "centre-nantes", Role: "admin", Name: "Paul Girard"},
		{Token: strangerToken, Centre: "centre-lyon", Role: "jury", MemberEmail: "nobody@example.fr"},
		{Token: jury2Token, Centre: "centre-lyon", Role: "jury", MemberEmail: jury2Email},
	})
	require.NoError(t, err)
	return st
}

func newEnv(t testing.TB, opts ...httpapi.Option) *env {
	t.Helper()
	store := memstore.New()
	clock := tpsession.NewFixedClock(at(today))
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store,
	}, session.Config{Clock: clock, Location: paris})
	require.NoError(t, err)
	logs := &syncBuffer{}
	opts = append([]httpapi.Option{
		httpapi.WithAuthenticator(tokens(t)),
		httpapi.WithLogger(slog.New(slog.NewJSONHandler(logs, nil))),
	}, opts...)
	e := &env{t: t, h: httpapi.New(svc, opts...), svc: svc, clock: clock, logs: logs}
	e.doc = loadDoc(t, e.h)
	return e
}

// at is 09:00 in Paris on day d.
func at(d date.Date) time.Time { return d.Time(0, paris).Add(9 * time.Hour) }

func (e *env) on(d date.Date) { e.clock.Set(at(d)) }

// reply is an answer of the handler.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body as an object.
func (r reply) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.Body, &m), "body: %s", r.Body)
	return m
}

// Code is the problem's code.
func (r reply) Code(t testing.TB) string {
	t.Helper()
	code, _ := r.JSON(t)["code"].(string)
	return code
}

// Fields lists the problem's field errors as "field: message".
func (r reply) Fields(t testing.TB) []string {
	t.Helper()
	var out []string
	errs, _ := r.JSON(t)["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		out = append(out, fmt.Sprint(m["field"]))
	}
	return out
}

// request is a request to send: headers as "Name: value" pairs; a body
// that is a string or []byte is sent as it is, anything else as JSON.
type request struct {
	token   string
	method  string
	path    string
	body    any
	headers []string
}

func (e *env) send(rq request) reply {
	e.t.Helper()
	var body io.Reader
	var sent []byte // the body, when known, for the document's check
	switch b := rq.body.(type) {
	case nil:
	case string:
		body, sent = strings.NewReader(b), []byte(b)
	case []byte:
		body, sent = bytes.NewReader(b), b
	case io.Reader:
		body = b // of unknown length: sent without a Content-Length
	default:
		data, err := json.Marshal(b)
		require.NoError(e.t, err)
		body, sent = bytes.NewReader(data), data
	}
	r := httptest.NewRequest(rq.method, rq.path, body)
	if rq.body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if rq.token != "" {
		r.Header.Set("Authorization", "Bearer "+rq.token)
	}
	for _, h := range rq.headers {
		k, v, _ := strings.Cut(h, ": ")
		if v == "" {
			r.Header.Del(k)
		} else {
			r.Header.Set(k, v)
		}
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	out := reply{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	e.doc.check(e.t, rq.method, r.URL.Path, out)
	if out.Status < 300 {
		e.doc.checkRequest(e.t, r, sent)
	}
	return out
}

// do sends a JSON request with a token.
func (e *env) do(token, method, path string, body any) reply {
	e.t.Helper()
	return e.send(request{token: token, method: method, path: path, body: body})
}

// must sends a request and requires the status, returning the body.
func (e *env) must(status int, token, method, path string, body any) map[string]any {
	e.t.Helper()
	r := e.do(token, method, path, body)
	require.Equal(e.t, status, r.Status, "%s %s: %s", method, path, r.Body)
	if status == http.StatusNoContent {
		return nil
	}
	return r.JSON(e.t)
}

// openAPIDoc is the served document, against which every answer of the
// tests is checked: its status must be documented for the operation, and
// its JSON body must match the documented schema.
type openAPIDoc struct {
	raw   map[string]any
	paths []docPath
}

type docPath struct {
	template string
	re       *regexp.Regexp
	ops      map[string]any
}

func loadDoc(t testing.TB, h http.Handler) *openAPIDoc {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/openapi.json", nil))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	d := &openAPIDoc{}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &d.raw))
	for p, ops := range d.raw["paths"].(map[string]any) {
		re := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[a-z]+\\\}`).ReplaceAllString(regexp.QuoteMeta(p), `[^/]+`) + "$")
		d.paths = append(d.paths, docPath{template: p, re: re, ops: ops.(map[string]any)})
	}
	// The most specific template first: literal segments beat parameters.
	slices.SortFunc(d.paths, func(a, b docPath) int { return strings.Count(a.template, "{") - strings.Count(b.template, "{") })
	return d
}

// operation returns the documented operation of a request, nil when none.
func (d *openAPIDoc) operation(method, path string) map[string]any {
	for _, p := range d.paths {
		if p.re.MatchString(path) {
			if op, ok := p.ops[strings.ToLower(method)].(map[string]any); ok {
				return op
			}
		}
	}
	return nil
}

// check fails the test when an answer of a documented operation is not
// documented: its status, or its body's schema.
func (d *openAPIDoc) check(t testing.TB, method, path string, r reply) {
	t.Helper()
	op := d.operation(method, path)
	if op == nil || r.Status == http.StatusMethodNotAllowed {
		return
	}
	resp, ok := op["responses"].(map[string]any)[fmt.Sprint(r.Status)].(map[string]any)
	if !ok {
		t.Errorf("%s %s answered %d, which its operation %s does not document: %s", method, path, r.Status, op["operationId"], r.Body)
		return
	}
	if ref, ok := resp["$ref"].(string); ok {
		resp = d.resolve(ref)
	}
	for _, h := range []string{"Location", "Idempotent-Replayed", "Convocations-Missing", "Unprintable-Characters"} {
		headers, _ := resp["headers"].(map[string]any)
		doc, documented := headers[h].(map[string]any)
		v := r.Header.Get(h)
		switch {
		case v == "":
		case !documented:
			t.Errorf("%s %s answered a %s header, which its operation %s does not document", method, path, h, op["operationId"])
		default:
			for _, problem := range d.validate(doc["schema"].(map[string]any), v, h) {
				t.Errorf("%s %s: its %s header does not match its schema: %s", method, path, h, problem)
			}
		}
	}
	mt, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	content, _ := resp["content"].(map[string]any)
	if content == nil {
		if len(r.Body) > 0 {
			t.Errorf("%s %s answered a body where none is documented", method, path)
		}
		return
	}
	media, ok := content[mt].(map[string]any)
	if !ok {
		t.Errorf("%s %s answered %s, which is not documented", method, path, mt)
		return
	}
	if !strings.HasSuffix(mt, "json") {
		return
	}
	var v any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Errorf("%s %s answered invalid JSON: %v", method, path, err)
		return
	}
	for _, problem := range d.validate(media["schema"].(map[string]any), v, "") {
		t.Errorf("%s %s (%d): the answer does not match its schema: %s", method, path, r.Status, problem)
	}
}

// checkRequest fails the test when a request the server accepted is not
// one the document describes: its query parameters, and its JSON body
// against the request's schema. A client generated from the document,
// or a fuzzer driven by it, must be able to send whatever the server
// takes.
func (d *openAPIDoc) checkRequest(t testing.TB, r *http.Request, body []byte) {
	t.Helper()
	op := d.operation(r.Method, r.URL.Path)
	if op == nil {
		return
	}
	params := map[string]map[string]any{}
	for _, p := range asObjects(op["parameters"]) {
		if p["in"] == "query" {
			params[p["name"].(string)] = p
		}
	}
	for name, values := range r.URL.Query() {
		p, ok := params[name]
		if !ok {
			t.Errorf("%s %s: the query parameter %s is not documented", r.Method, r.URL.Path, name)
			continue
		}
		for _, v := range values {
			var value any = v
			if p["schema"].(map[string]any)["type"] == "integer" {
				n, err := strconv.Atoi(v)
				if err != nil {
					t.Errorf("%s %s: %s=%q is not an integer", r.Method, r.URL.Path, name, v)
					continue
				}
				value = float64(n)
			}
			for _, problem := range d.validate(p["schema"].(map[string]any), value, name) {
				t.Errorf("%s %s: the server took a query parameter its schema refuses: %s", r.Method, r.URL.Path, problem)
			}
		}
	}
	rb, _ := op["requestBody"].(map[string]any)
	if rb == nil || len(bytes.TrimSpace(body)) == 0 {
		return
	}
	mt, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	media, ok := rb["content"].(map[string]any)[mt].(map[string]any)
	if !ok {
		t.Errorf("%s %s: the server took a body of type %q, which is not documented", r.Method, r.URL.Path, mt)
		return
	}
	if !strings.HasSuffix(mt, "json") {
		return
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s %s: the server took a body that is not JSON: %q", r.Method, r.URL.Path, body)
		return
	}
	for _, problem := range d.validate(media["schema"].(map[string]any), v, "") {
		t.Errorf("%s %s: the server took a body its schema refuses: %s", r.Method, r.URL.Path, problem)
	}
}

func asObjects(v any) []map[string]any {
	var out []map[string]any
	xs, _ := v.([]any)
	for _, x := range xs {
		out = append(out, x.(map[string]any))
	}
	return out
}

func (d *openAPIDoc) resolve(ref string) map[string]any {
	node := any(d.raw)
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		node = node.(map[string]any)[part]
	}
	return node.(map[string]any)
}

// validate checks v against the subset of JSON Schema the document uses.
func (d *openAPIDoc) validate(s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		return d.validate(d.resolve(ref), v, at)
	}
	if alts, ok := s["oneOf"].([]any); ok {
		matched := 0
		for _, alt := range alts {
			if len(d.validate(alt.(map[string]any), v, at)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			return []string{fmt.Sprintf("%s: matches %d of the oneOf schemas", at, matched)}
		}
		return nil
	}
	var types []string
	switch ty := s["type"].(type) {
	case string:
		types = []string{ty}
	case []any:
		for _, x := range ty {
			types = append(types, x.(string))
		}
	}
	if len(types) > 0 && !slices.Contains(types, jsonType(v)) && !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
		return []string{fmt.Sprintf("%s: is %s, not %v", at, jsonType(v), types)}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		return []string{fmt.Sprintf("%s: %v is not one of %v", at, v, enum)}
	}
	var problems []string
	bound := func(key string, n float64, refused func(limit float64) bool, what string) {
		if limit, ok := s[key].(float64); ok && refused(limit) {
			problems = append(problems, fmt.Sprintf("%s: %s %v, %s %v", at, what, n, key, limit))
		}
	}
	below := func(limit float64) func(float64) bool { return func(l float64) bool { return limit < l } }
	above := func(limit float64) func(float64) bool { return func(l float64) bool { return limit > l } }
	switch v := v.(type) {
	case string:
		problems = append(problems, checkFormat(s, v, at)...)
		n := float64(utf8.RuneCountInString(v))
		bound("minLength", n, below(n), "has length")
		bound("maxLength", n, above(n), "has length")
	case float64:
		bound("minimum", v, below(v), "is")
		bound("maximum", v, above(v), "is")
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range v {
				problems = append(problems, d.validate(items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
		n := float64(len(v))
		bound("minItems", n, below(n), "has items:")
		bound("maxItems", n, above(n), "has items:")
	case map[string]any:
		if names, ok := s["propertyNames"].(map[string]any); ok {
			for k := range v {
				problems = append(problems, d.validate(names, k, at+" (key)")...)
			}
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := v[r]; !ok {
				problems = append(problems, fmt.Sprintf("%s: lacks the required %s", at, r))
			}
		}
		for k, x := range v {
			if ps, ok := props[k].(map[string]any); ok {
				problems = append(problems, d.validate(ps, x, at+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case nil:
				// An answer's object does not refuse new fields (docs/http-api.md#conventions
				// lets the API add them), but the document must describe
				// every field the handler sends.
				if props != nil {
					problems = append(problems, fmt.Sprintf("%s: has %s, which is not documented", at, k))
				}
			case bool:
				if !ap {
					problems = append(problems, fmt.Sprintf("%s: has %s, which is not documented", at, k))
				}
			case map[string]any:
				problems = append(problems, d.validate(ap, x, at+"."+k)...)
			}
		}
	}
	return problems
}

func checkFormat(s map[string]any, v, at string) []string {
	switch s["format"] {
	case "date":
		if _, err := tpsession.ParseDate(v); err != nil {
			return []string{fmt.Sprintf("%s: %q is not a date", at, v)}
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
			return []string{fmt.Sprintf("%s: %q is not an RFC 3339 instant", at, v)}
		}
	case "email":
		if _, err := mail.ParseAddress(v); err != nil {
			return []string{fmt.Sprintf("%s: %q is not an e-mail address", at, v)}
		}
	}
	if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v) {
		return []string{fmt.Sprintf("%s: %q does not match %s", at, v, p)}
	}
	return nil
}

func asList(v any) []string {
	var out []string
	xs, _ := v.([]any)
	for _, x := range xs {
		out = append(out, x.(string))
	}
	return out
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
