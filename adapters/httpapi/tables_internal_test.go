package httpapi

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

func newAPI(t *testing.T) *api {
	t.Helper()
	store := memstore.New()
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store,
	}, session.Config{})
	require.NoError(t, err)
	return New(svc, WithLogger(slog.New(slog.DiscardHandler))).(*api)
}

// TestEveryRouteIsInTheAuthorizationTable fails when a route is added
// without deciding who may call it, or the table names a route that does
// not exist.
func TestEveryRouteIsInTheAuthorizationTable(t *testing.T) {
	a := newAPI(t)
	table := authorization()
	routed := map[string]bool{}
	for _, rt := range a.routes {
		routed[rt.pattern()] = true
		acc, ok := table[rt.pattern()]
		if assert.True(t, ok, "%s is missing from the authorization table", rt.pattern()) {
			assert.True(t, acc.public || len(acc.roles) > 0, "%s: nobody may call it", rt.pattern())
		}
		if acc.jury != juryWhole {
			assert.True(t, acc.allows(RoleJury), "%s narrows a role it does not allow", rt.pattern())
		}
	}
	for pattern := range table {
		assert.True(t, routed[pattern], "the authorization table names %s, which is not routed", pattern)
	}
}

// TestARouteMissingFromTheTableIsRefused checks that the handler fails
// closed: a route without an entry answers 500 to everyone and says why in
// the log.
func TestARouteMissingFromTheTableIsRefused(t *testing.T) {
	a := newAPI(t)
	var logs bytes.Buffer
	a.log = slog.New(slog.NewTextHandler(&logs, nil))
	served := false
	rt := route{method: "GET", path: "/v1/unlisted", summary: "Do something", endpoint: read(func(*call) (healthResource, error) {
		served = true
		return healthResource{}, nil
	})}
	a.mux.Handle(rt.pattern(), a.handler(rt))
	w := httptest.NewRecorder()
	a.ServeHTTP(w, httptest.NewRequest("GET", "/v1/unlisted", nil))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.False(t, served)
	assert.Contains(t, logs.String(), "no entry in the authorization table")
}

// TestTheDocumentAndTheRoutesAgree checks both directions: every route is
// in the OpenAPI document, and every operation of the document is routed
// to the route of the same pattern.
func TestTheDocumentAndTheRoutesAgree(t *testing.T) {
	a := newAPI(t)
	require.NoError(t, a.docErr)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(a.openapi, &doc))
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			pattern := strings.ToUpper(method) + " " + path
			documented[pattern] = true
			concrete := strings.NewReplacer("{sid}", "ses_1", "{mid}", "mem_1", "{cid}", "can_1", "{key}", "k", "{name}", "n").Replace(path)
			_, routedTo := a.mux.Handler(httptest.NewRequest(strings.ToUpper(method), concrete, nil))
			assert.Equal(t, pattern, routedTo, "the documented %s is not routed", pattern)
		}
	}
	for _, rt := range a.routes {
		assert.True(t, documented[rt.pattern()], "%s is not in the OpenAPI document", rt.pattern())
	}
	assert.Len(t, documented, len(a.routes))
}

func TestTheDocumentIsOpenAPI31(t *testing.T) {
	a := newAPI(t)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(a.openapi, &doc))
	assert.Equal(t, "3.1.0", doc["openapi"])
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"Problem", "Session", "PlanInput", "Plan", "Pli", "Assignment", "CreateSessionRequest"} {
		assert.Contains(t, schemas, name)
	}
	for _, name := range schemaRefs(doc) {
		assert.Contains(t, schemas, name, "a $ref points at a component that does not exist")
	}
}

// schemaRefs lists the components of #/components/schemas that v refers
// to, wherever in v.
func schemaRefs(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if name, ok := strings.CutPrefix(ref, "#/components/schemas/"); ok {
					out = append(out, name)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}

// TestEnumsFollowTheDomain keeps the enum tags of the answers in step with
// the domain's lists.
func TestEnumsFollowTheDomain(t *testing.T) {
	a := newAPI(t)
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(a.openapi, &doc))
	s := doc.Components.Schemas
	assert.Equal(t, strs(session.Statuses), s["Session"].Properties["status"].Enum)
	assert.Equal(t, strs(tpsession.SessionKinds), s["Session"].Properties["kind"].Enum)
	assert.Equal(t, strs(tpsession.Regions), s["Session"].Properties["region"].Enum)
	assert.Equal(t, strs(Roles), s["Me"].Properties["role"].Enum)
}

// TestEveryPathResourceIsLoadedFirst fails when a route's path names a
// resource that the scope step does not load before the body is read:
// its absence would then be answered 400 or 415 instead of 404.
func TestEveryPathResourceIsLoadedFirst(t *testing.T) {
	param := map[resourceScope]string{
		sessionScope: "sid", memberScope: "mid", candidateScope: "cid",
		invitationScope: "mid", registrationScope: "cid", itemScope: "key", agrementScope: "aid",
		sittingScope: "key", attendeeScope: "cid", sheetScope: "sheet", incidentScope: "n", amendmentScope: "n",
	}
	// PUT records the material or replaces its state: it cannot be absent.
	// A title is reference data, not a stored resource; a year keys the
	// programme PUT records, and the others find it by it.
	recorded := map[string]string{
		"PUT /v1/sessions/{sid}/equipment/{name}": "name",
		"GET /v1/titles/{code}":                   "code",
		"GET /v1/programmes/{year}":               "year",
		"PUT /v1/programmes/{year}":               "year",
		"POST /v1/programmes/{year}/submit":       "year",
		// PUT records the sitting, a day's presence, a document issued.
		"PUT /v1/sessions/{sid}/sittings/{key}":                           "key",
		"PUT /v1/sessions/{sid}/invitations/{mid}/attendance/{day}":       "day",
		"PUT /v1/sessions/{sid}/responsable-attendance/{day}":             "day",
		"PUT /v1/sessions/{sid}/registrations/{cid}/issuances/{document}": "document",
	}
	for _, rt := range newAPI(t).routes {
		var named []string
		for _, seg := range strings.Split(rt.path, "/") {
			if p, ok := strings.CutPrefix(seg, "{"); ok {
				named = append(named, strings.TrimSuffix(p, "}"))
			}
		}
		var loaded []string
		for _, s := range rt.scopes {
			loaded = append(loaded, param[s])
		}
		if p, ok := recorded[rt.pattern()]; ok {
			loaded = append(loaded, p)
		}
		assert.Equal(t, named, loaded, "%s: the path's parameters and the resources loaded", rt.pattern())
	}
}

// TestAPanicIsLoggedWithItsStack: a handler that panics is answered a
// generic 500, and the log says where the panic happened.
func TestAPanicIsLoggedWithItsStack(t *testing.T) {
	a := newAPI(t)
	var logs bytes.Buffer
	a.log = slog.New(slog.NewTextHandler(&logs, nil))
	rt := route{method: "GET", path: "/v1/panics", summary: "Panic", endpoint: read(func(*call) (healthResource, error) {
		panic("the index is out of range")
	})}
	a.access[rt.pattern()] = access{public: true}
	a.mux.Handle(rt.pattern(), a.handler(rt))
	w := httptest.NewRecorder()
	a.ServeHTTP(w, httptest.NewRequest("GET", "/v1/panics", nil))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.NotContains(t, w.Body.String(), "index")
	assert.NotContains(t, w.Body.String(), "goroutine")
	assert.Contains(t, logs.String(), "panic: the index is out of range")
	assert.Contains(t, logs.String(), "TestAPanicIsLoggedWithItsStack", "the stack names the function that panicked")
}

func TestPrefers(t *testing.T) {
	for _, tc := range []struct {
		accept string
		want   bool
	}{
		{"", false},
		{"text/plain", true},
		{"TEXT/Plain", true},
		{"text/*", true},
		{"*/*", false},
		{"application/json", false},
		{"text/plain, application/json", true},
		{"application/json, text/plain", false},
		{"text/plain, application/json;q=0.5", true},
		{"application/json;q=0.5, text/plain", true},
		{"text/plain;q=0.4, application/json;q=0.5", false},
		{"text/plain;q=0, application/json", false},
		{"text/plain;q=0", false},
		{"text/plain;q=0, */*", false},
		{"text/*;q=0, text/plain", true},
		{"text/plain;q=0.2, application/*;q=0.1", true},
		{"application/json;q=0, text/plain;q=0.001", true},
		{"text/plain;q=2", false},
		{"text/plain;q=x, application/json", false},
		{"text/plain;charset=utf-8", true},
		{"image/png", false},
		{"text/plain;;;, application/json", false},
	} {
		assert.Equal(t, tc.want, prefers([]string{tc.accept}, "text/plain"), "Accept: %s", tc.accept)
	}
	assert.True(t, prefers([]string{"application/json;q=0.5", "text/plain"}, "text/plain"), "several Accept headers")
}

// TestOnlyRequestsRefuseUnknownFields: docs/http-api.md#conventions lets the API add fields to
// its answers, so their schemas must not refuse them; a request's do, as
// the decoder does.
func TestOnlyRequestsRefuseUnknownFields(t *testing.T) {
	a := newAPI(t)
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(a.openapi, &doc))
	// closure lists the components reachable from v.
	closure := func(v any) map[string]bool {
		seen := map[string]bool{}
		todo := schemaRefs(v)
		for len(todo) > 0 {
			name := todo[0]
			todo = todo[1:]
			if !seen[name] {
				seen[name] = true
				todo = append(todo, schemaRefs(doc.Components.Schemas[name])...)
			}
		}
		return seen
	}
	requests, answers := map[string]bool{}, map[string]bool{}
	for _, ops := range doc.Paths {
		for _, raw := range ops {
			var op map[string]any
			require.NoError(t, json.Unmarshal(raw, &op))
			for name := range closure(op["requestBody"]) {
				requests[name] = true
			}
			for name := range closure(op["responses"]) {
				answers[name] = true
			}
		}
	}
	for name := range closure(map[string]any{"$ref": "#/components/schemas/Problem"}) {
		answers[name] = true
	}
	assert.Contains(t, requests, "HabilitationInput", "a type of both sides has a request component")
	assert.Contains(t, answers, "Habilitation")
	for name, s := range doc.Components.Schemas {
		if s["type"] != "object" {
			continue
		}
		assert.False(t, requests[name] && answers[name], "%s describes both a request and an answer", name)
		if requests[name] {
			assert.Equal(t, false, s["additionalProperties"], "the request component %s refuses unknown fields", name)
		} else {
			assert.NotContains(t, s, "additionalProperties", "the answer component %s lets fields be added", name)
		}
	}
}

// TestDownloadNames: the file name of a download survives the header
// whatever it holds, accents and quotes included.
func TestDownloadNames(t *testing.T) {
	a := newAPI(t)
	for _, name := range []string{"convocation-petit-alice.pdf", "convocation-lefèvre-bruno.pdf", `l'"été".pdf`, "a\r\nSet-Cookie: x=1.pdf", "déroulé ♥.pdf"} {
		w := httptest.NewRecorder()
		a.answer(w, &exchange{}, &route{}, file{documents.Document{Name: name, ContentType: documents.ContentTypePDF, Body: []byte("%PDF-")}})
		cd := w.Header().Get("Content-Disposition")
		assert.NotContains(t, cd, "\n")
		disposition, params, err := mime.ParseMediaType(cd)
		require.NoError(t, err, cd)
		assert.Equal(t, "attachment", disposition)
		assert.Equal(t, name, params["filename"], cd)
	}
}

// TestTheLinksOfTheDocumentLeadSomewhere checks every link of a created
// resource: its operation exists, and each parameter it fills is one of
// that operation's path parameters.
func TestTheLinksOfTheDocumentLeadSomewhere(t *testing.T) {
	a := newAPI(t)
	byID := map[string]route{}
	for _, rt := range a.routes {
		byID[rt.id] = rt
	}
	for id, c := range createdResources {
		rt, ok := byID[id]
		if !assert.True(t, ok, "%s creates nothing: no such route", id) {
			continue
		}
		assert.Equal(t, http.StatusCreated, rt.status, "%s", id)
		for _, l := range c.links {
			target, ok := byID[l.operationID]
			if !assert.True(t, ok, "%s links to %s, which does not exist", id, l.operationID) {
				continue
			}
			for name := range l.parameters {
				assert.Contains(t, target.path, "{"+name+"}", "%s links to %s with a parameter %s it does not take", id, l.operationID, name)
			}
		}
	}
	for _, rt := range a.routes {
		if rt.status == http.StatusCreated {
			assert.Contains(t, createdResources, rt.id, "%s creates a resource: say where it is and what follows", rt.id)
		}
	}
}

// TestAppendDateWritesWhatStringWrites checks the date writer of the
// answers against the date package's own, over every day of a few
// centuries and the ends of the range.
func TestAppendDateWritesWhatStringWrites(t *testing.T) {
	for d := date.New(1899, time.January, 1); d < date.New(2201, time.January, 1); d++ {
		if got := string(appendDate(nil, d)); got != d.String() {
			t.Fatalf("%s written %s", d.String(), got)
		}
	}
	for _, d := range []date.Date{date.New(0, time.January, 1), date.New(9999, time.December, 31), date.New(10000, time.January, 1), date.New(-1, time.June, 1)} {
		assert.Equal(t, d.String(), string(appendDate(nil, d)))
	}
}
