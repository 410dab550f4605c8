package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/httpapi"
)

func TestUnauthenticated(t *testing.T) {
	e := newEnv(t)
	for name, headers := range map[string][]string{
		"no header":       nil,
		"unknown token":   {"Authorization: Bearer " + strings.Repeat("x", 40)},
		"another scheme":  {"Authorization: Basic " + adminToken},
		"no token at all": {"Authorization: Bearer "},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.send(request{method: "GET", path: "/v1/sessions", headers: headers})
			assert.Equal(t, http.StatusUnauthorized, r.Status)
			assert.Equal(t, "application/problem+json", r.Header.Get("Content-Type"))
			assert.Equal(t, `Bearer realm="tpsession"`, r.Header.Get("WWW-Authenticate"))
			assert.Equal(t, "httpapi.unauthenticated", r.Code(t))
		})
	}
	t.Run("the scheme is case-insensitive", func(t *testing.T) {
		r := e.send(request{method: "GET", path: "/v1/sessions", headers: []string{"Authorization: bearer " + adminToken}})
		assert.Equal(t, http.StatusOK, r.Status)
	})
	t.Run("the public routes need no token", func(t *testing.T) {
		assert.Equal(t, map[string]any{"status": "ok"}, e.must(http.StatusOK, "", "GET", "/healthz", nil))
		e.must(http.StatusOK, "", "GET", "/openapi.json", nil)
	})
	t.Run("without an authenticator every route is refused", func(t *testing.T) {
		bare := httpapi.New(newEnv(t).svc, httpapi.WithLogger(slog.New(slog.DiscardHandler)))
		r := (&env{t: t, h: bare, doc: loadDoc(t, bare)}).do(adminToken, "GET", "/v1/sessions", nil)
		assert.Equal(t, http.StatusUnauthorized, r.Status)
	})
}

// failingAuth is an authenticator whose directory is down.
type failingAuth struct{ p httpapi.Principal }

func (f failingAuth) Authenticate(*http.Request) (httpapi.Principal, error) {
	if f.p.Centre != "" {
		return f.p, nil
	}
	return httpapi.Principal{}, errors.New("directory unreachable at ldap://10.0.0.1")
}

func TestInternalErrorsAreLoggedNotSent(t *testing.T) {
	for name, auth := range map[string]httpapi.Authenticator{
		"the authenticator fails":            failingAuth{},
		"the authenticator returns nonsense": failingAuth{p: httpapi.Principal{Centre: "centre-lyon", Role: "root", Name: "x"}},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, httpapi.WithAuthenticator(auth))
			r := e.do(adminToken, "GET", "/v1/sessions", nil)
			require.Equal(t, http.StatusInternalServerError, r.Status)
			p := r.JSON(t)
			assert.Equal(t, "internal", p["code"])
			assert.NotContains(t, string(r.Body), "ldap")
			assert.NotContains(t, string(r.Body), "root")
			assert.Contains(t, p["detail"], r.Header.Get("X-Request-Id"))
			assert.Contains(t, e.logs.String(), `"level":"ERROR"`)
			assert.Contains(t, e.logs.String(), r.Header.Get("X-Request-Id"))
		})
	}
	t.Run("the cause of a failure is logged", func(t *testing.T) {
		e := newEnv(t, httpapi.WithAuthenticator(failingAuth{}))
		e.do(adminToken, "GET", "/v1/sessions", nil)
		assert.Contains(t, e.logs.String(), "directory unreachable")
	})
}

func TestForbiddenAndNotFound(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	t.Run("a role not allowed", func(t *testing.T) {
		r := e.do(controllerToken, "POST", "/v1/sessions", sessionBody())
		assert.Equal(t, http.StatusForbidden, r.Status)
		assert.Equal(t, "httpapi.forbidden", r.Code(t))
		assert.Equal(t, http.StatusForbidden, e.do(controllerToken, "POST", w.url("/declare"), nil).Status)
	})
	for name, path := range map[string]string{
		"an unknown session":    "/v1/sessions/ses_01M8DHNTPN3ZB56X50NX9RZ69C",
		"a malformed ID":        "/v1/sessions/nope",
		"a candidate as ID":     "/v1/sessions/can_01M8DHNTPN3ZB56X50NX9RZ69C",
		"an unknown member":     "/v1/jury-members/mem_01M8DHNTPN3ZB56X50NX9RZ69C",
		"an unknown candidate":  "/v1/candidates/can_01M8DHNTPN3ZB56X50NX9RZ69C",
		"a registration absent": w.url("/registrations/can_01M8DHNTPN3ZB56X50NX9RZ69C"),
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, http.StatusNotFound, e.do(adminToken, "GET", path, nil).Status)
		})
	}
	t.Run("another centre's session, exactly as an unknown one", func(t *testing.T) {
		theirs := e.do(otherToken, "GET", w.sessionURL, nil)
		unknown := e.do(otherToken, "GET", "/v1/sessions/ses_01M8DHNTPN3ZB56X50NX9RZ69C", nil)
		assert.Equal(t, http.StatusNotFound, theirs.Status)
		assert.Equal(t, unknown.JSON(t)["detail"], theirs.JSON(t)["detail"])
		assert.Equal(t, unknown.Code(t), theirs.Code(t))
	})
	t.Run("an unknown route", func(t *testing.T) {
		r := e.do(adminToken, "GET", "/v1/nothing", nil)
		assert.Equal(t, http.StatusNotFound, r.Status)
		assert.Equal(t, "httpapi.route_not_found", r.Code(t))
	})
	t.Run("a method the path does not allow", func(t *testing.T) {
		r := e.do(adminToken, "DELETE", w.sessionURL, nil)
		assert.Equal(t, http.StatusMethodNotAllowed, r.Status)
		assert.Equal(t, "httpapi.method_not_allowed", r.Code(t))
		assert.Contains(t, r.Header.Get("Allow"), "PATCH")
	})
}

func TestConflicts(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	e.must(http.StatusOK, adminToken, "POST", w.url("/declare"), nil)
	r := e.do(adminToken, "POST", w.url("/declare"), nil)
	assert.Equal(t, http.StatusConflict, r.Status)
	assert.Equal(t, "session.already_declared", r.Code(t))

	e.must(http.StatusCreated, adminToken, "POST", "/v1/jury-members", memberBody("Jeanne Martin", juryEmail, ""))
	r = e.do(adminToken, "POST", "/v1/jury-members", memberBody("Jeanne M.", strings.ToUpper(juryEmail), ""))
	assert.Equal(t, http.StatusConflict, r.Status, "the same e-mail: %s", r.Body)

	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/order"), nil)
	assert.Equal(t, "pli.step_repeated", e.do(adminToken, "POST", w.url("/pli/order"), nil).Code(t))

	e.must(http.StatusOK, adminToken, "POST", w.url("/cancel"), nil)
	r = e.do(adminToken, "PATCH", w.sessionURL, map[string]any{"site": "Ailleurs"})
	assert.Equal(t, http.StatusConflict, r.Status)
	assert.Equal(t, "session.not_writable", r.Code(t))
}

func TestBodyLimits(t *testing.T) {
	e := newEnv(t)
	huge := `{"title_name": "` + strings.Repeat("a", httpapi.MaxBodyBytes) + `"}`
	t.Run("413 over 1 MiB", func(t *testing.T) {
		r := e.do(adminToken, "POST", "/v1/sessions", huge)
		assert.Equal(t, http.StatusRequestEntityTooLarge, r.Status)
		assert.Equal(t, "httpapi.body_too_large", r.Code(t))
	})
	t.Run("413 without a Content-Length", func(t *testing.T) {
		r := e.send(request{token: adminToken, method: "POST", path: "/v1/sessions", body: struct{ io.Reader }{strings.NewReader(huge)}})
		assert.Equal(t, http.StatusRequestEntityTooLarge, r.Status)
	})
	t.Run("1 MiB exactly is read", func(t *testing.T) {
		body := `{"title_name": "` + strings.Repeat("a", httpapi.MaxBodyBytes-18) + `"}`
		require.Len(t, body, httpapi.MaxBodyBytes)
		assert.Equal(t, http.StatusBadRequest, e.do(adminToken, "POST", "/v1/sessions", body).Status)
	})
}

func TestMediaTypes(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	body := `{"declared_on": "2026-11-01"}`
	for name, tc := range map[string]struct {
		contentType string
		status      int
	}{
		"json":                  {"application/json", http.StatusOK},
		"json with charset":     {"application/json; charset=UTF-8", http.StatusOK},
		"text":                  {"text/plain", http.StatusUnsupportedMediaType},
		"form":                  {"application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		"another charset":       {"application/json; charset=latin1", http.StatusUnsupportedMediaType},
		"no content type":       {"", http.StatusUnsupportedMediaType},
		"a malformed one":       {"application/", http.StatusUnsupportedMediaType},
		"merge-patch elsewhere": {"application/merge-patch+json", http.StatusUnsupportedMediaType},
	} {
		t.Run(name, func(t *testing.T) {
			w := e.newSession()
			r := e.send(request{token: adminToken, method: "POST", path: w.url("/declare"), body: body, headers: []string{"Content-Type: " + tc.contentType}})
			assert.Equal(t, tc.status, r.Status, "%s", r.Body)
			if tc.status == http.StatusUnsupportedMediaType {
				assert.Equal(t, "httpapi.media_type_unsupported", r.Code(t))
			}
		})
	}
	t.Run("an optional body may be sent empty", func(t *testing.T) {
		for _, rq := range []request{
			{body: nil},
			{body: "", headers: []string{"Content-Type: "}},
			{body: " \n", headers: []string{"Content-Type: "}},
			{body: "{}"},
			{body: "null"},
		} {
			w := e.newSession()
			rq.token, rq.method, rq.path = adminToken, "POST", w.url("/declare")
			r := e.send(rq)
			assert.Equal(t, http.StatusOK, r.Status, "body %q: %s", rq.body, r.Body)
		}
	})
	t.Run("PATCH takes a merge patch", func(t *testing.T) {
		r := e.send(request{token: adminToken, method: "PATCH", path: w.sessionURL, body: `{"site": "Centre de Villeurbanne"}`,
			headers: []string{"Content-Type: application/merge-patch+json"}})
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		assert.Equal(t, "Centre de Villeurbanne", r.JSON(t)["site"])
	})
	t.Run("a required body may not be empty", func(t *testing.T) {
		r := e.send(request{token: adminToken, method: "POST", path: "/v1/sessions"})
		assert.Equal(t, http.StatusBadRequest, r.Status)
		assert.Equal(t, "httpapi.body_invalid", r.Code(t))
	})
}

func TestInvalidInput(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	cases := []struct {
		name   string
		path   string
		method string
		body   any
		code   string
		fields []string
	}{
		{"malformed JSON", "/v1/sessions", "POST", `{"title_code": `, "httpapi.body_invalid", []string{""}},
		{"not an object", "/v1/sessions", "POST", `[1, 2]`, "httpapi.body_invalid", []string{""}},
		{"trailing data", "/v1/sessions", "POST", `{} {}`, "httpapi.body_invalid", []string{""}},
		{"an unknown field", "/v1/sessions", "POST", withField(sessionBody(), "titel", "x"), "httpapi.body_invalid", []string{"titel"}},
		{"an unknown field in a list", "/v1/candidates", "POST",
			`{"first_name": "A", "host_companies": [{"siret": "x"}, {"sirett": "x"}]}`, "httpapi.body_invalid", []string{"host_companies[1].sirett"}},
		{"a field in another case", "/v1/sessions", "POST", `{"Title_Code": "TP-01281"}`, "httpapi.body_invalid", []string{"Title_Code"}},
		{"a key given twice", "/v1/sessions", "POST", `{"site": "a", "site": "b"}`, "httpapi.body_invalid", []string{"site"}},
		{"wrong types, all reported", "/v1/sessions", "POST", `{"planned_candidates": "two", "responsable": [], "uses_computers": 1}`,
			"httpapi.body_invalid", []string{"planned_candidates", "responsable", "uses_computers"}},
		{"a fraction for an integer", "/v1/sessions", "POST", `{"planned_candidates": 2.5}`, "httpapi.body_invalid", []string{"planned_candidates"}},
		{"a huge integer", "/v1/sessions", "POST", `{"planned_candidates": 1e30}`, "httpapi.body_invalid", []string{"planned_candidates"}},
		{"the domain's field paths", "/v1/candidates", "POST", withField(candidateBody("A", "B", siretOther), "host_companies",
			[]any{map[string]any{"siret": "12345678901234", "name": "X", "from": "2026-01-01", "until": "2025-01-01"}}),
			"candidate.invalid", []string{"host_companies[0].siret", "host_companies[0].until"}},
		{"a missing field", "/v1/sessions", "POST", withField(sessionBody(), "kind", ""), "session.invalid", []string{"kind"}},
		{"an ill-formed date", "/v1/sessions", "POST", withField(sessionBody(), "start_date", "01/03/2027"), "input.invalid", []string{"start_date"}},
		{"a past fact in the future", w.url("/declare"), "POST", map[string]any{"declared_on": "2026-12-25"}, "input.invalid", []string{"declared_on"}},
		{"an unknown status filter", "/v1/sessions?status=open", "GET", nil, "input.invalid", []string{"status"}},
		{"a member ID that is not one", w.url("/invitations"), "POST", map[string]any{"member_id": "can_01M8DHNTPN3ZB56X50NX9RZ69C"}, "input.invalid", []string{"member_id"}},
		{"an invalid member", "/v1/jury-members", "POST", map[string]any{"name": "X", "email": "x", "habilitations": []any{}}, "jury.member_invalid", []string{"email", "habilitations"}},
		{"a date range upside down", "/v1/jury-members?title_code=TP-01281&from=2027-03-03&to=2027-03-01", "GET", nil, "input.invalid", []string{"to"}},
		{"the planning input", w.url("/plan"), "PUT", withField(smallPlan(), "calendar", map[string]any{"start": "2027-02-30", "blocks": []any{[]string{"8:30", "12:30"}}}),
			"plan.input_invalid", []string{"calendar.start", "calendar.blocks[0][0]"}},
		{"an unknown field of the planning input", w.url("/plan"), "PUT", withField(smallPlan(), "jury", map[string]any{"members": 2}), "httpapi.body_invalid", []string{"jury.members"}},
		{"a search budget over the limit", w.url("/plan"), "PUT", withField(smallPlan(), "search", map[string]any{"budget_ms": 60000, "seed": -1}),
			"plan.input_invalid", []string{"search.budget_ms", "search.seed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(adminToken, tc.method, tc.path, tc.body)
			require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
			assert.Equal(t, tc.code, r.Code(t), "%s", r.Body)
			assert.Subset(t, r.Fields(t), tc.fields, "%s", r.Body)
		})
	}
}

func withField(body map[string]any, key string, value any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	out[key] = value
	return out
}

func TestRulesRefuse(t *testing.T) {
	t.Run("a convocation validated too late", func(t *testing.T) {
		e := newEnv(t)
		w := e.newSession()
		e.register(&w)
		reg := w.url("/registrations/" + w.c1 + "/convocation")
		e.must(http.StatusOK, adminToken, "PUT", reg, convocationBody())
		r := e.do(adminToken, "POST", reg+"/validate", map[string]any{"validated_on": "2026-11-02"})
		require.Equal(t, http.StatusOK, r.Status, "31 days ahead and more is in time: %s", r.Body)
		reg = w.url("/registrations/" + w.c2 + "/convocation")
		e.must(http.StatusOK, adminToken, "PUT", reg, convocationBody())
		e.on(start - 30)
		r = e.do(adminToken, "POST", reg+"/validate", nil)
		assert.Equal(t, http.StatusUnprocessableEntity, r.Status)
		assert.Equal(t, "candidate.convocation_too_late", r.Code(t))
		assert.Contains(t, r.JSON(t)["detail"], "2027-01-29", "the last day accepted")
	})
	t.Run("opening a session that is not ready lists what blocks it", func(t *testing.T) {
		e := newEnv(t)
		w := e.newSession()
		e.on(start)
		r := e.do(adminToken, "POST", w.url("/open"), nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		assert.Equal(t, "checklist.not_ready", r.Code(t))
		findings := r.JSON(t)["findings"].([]any)
		require.NotEmpty(t, findings)
		for _, f := range findings {
			assert.Equal(t, "blocking", f.(map[string]any)["severity"])
		}
	})
	t.Run("no jury assignment without a conflict", func(t *testing.T) {
		e := newEnv(t)
		w := e.newSession()
		e.staff(&w)
		e.register(&w)
		e.must(http.StatusOK, adminToken, "POST", w.url("/invitations/"+w.jury+"/withdraw"), nil)
		// Left: Karim Benali and Sophie Durand, whose establishment hosted Alice
		// Petit.
		r := e.do(adminToken, "POST", w.url("/jury-assignment"), nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
		p := r.JSON(t)
		assert.Equal(t, "jury.assignment_infeasible", p["code"])
		assert.Equal(t, []any{w.c1}, p["candidates"])
		assert.Equal(t, []string{"candidates[0]"}, r.Fields(t))
		first := p["errors"].([]any)[0].(map[string]any)
		assert.Equal(t, "too_few_members_without_conflict", first["reason"])
		// Whom to replace: Sophie Durand, employed in the company that
		// hosted Alice Petit.
		assert.Equal(t, []any{w.m3}, p["members"])
		assert.Equal(t, []any{w.m3}, first["members"])
		assert.Contains(t, p["detail"], "1 candidate is left without a jury: Alice Petit; member in conflict with that candidate: Sophie Durand")
		assert.Contains(t, first["message"], "in conflict with Alice Petit: Sophie Durand (employed in the company that hosted the candidate, SIRET")
	})
	t.Run("the pli opens only once the session is", func(t *testing.T) {
		e := newEnv(t)
		w := e.prepare()
		r := e.do(adminToken, "POST", w.url("/pli/open"), map[string]any{"witnesses": []string{"Claire Martin", "Jeanne Martin"}})
		assert.Equal(t, http.StatusUnprocessableEntity, r.Status)
		assert.Equal(t, "pli.session_not_opened", r.Code(t))
		custody := e.must(http.StatusOK, controllerToken, "GET", w.url("/pli"), nil)["custody"].([]any)
		assert.Equal(t, "pli.open_refused", custody[len(custody)-1].(map[string]any)["action"], "the refused attempt is logged")
		r = e.do(adminToken, "POST", w.url("/pli/access"), map[string]any{"reason": "peek", "unseals": true})
		assert.Equal(t, "pli.sealed", r.Code(t))
	})
	t.Run("a VAE candidate whose recevabilité expired", func(t *testing.T) {
		e := newEnv(t)
		w := e.newSession()
		c := candidateBody("Chloé", "Roux", siretOther)
		c["route"], c["vae_recevabilite_on"] = "vae", "2025-12-01"
		cid := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", c)["id"]
		r := e.do(adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": cid})
		assert.Equal(t, http.StatusUnprocessableEntity, r.Status)
		assert.Equal(t, "candidate.recevabilite_expired", r.Code(t))
	})
}

// TestOrderOfChecks follows docs/http-api.md#order-of-checks: 401, then 404, 403, 413, 415, 400,
// then the Service's 409 and 422.
func TestOrderOfChecks(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	huge := strings.Repeat("x", httpapi.MaxBodyBytes+1)
	cases := []struct {
		name   string
		rq     request
		status int
	}{
		{"401 before 404", request{method: "POST", path: "/v1/sessions/nope/declare", body: huge}, http.StatusUnauthorized},
		{"404 before 403", request{token: controllerToken, method: "POST", path: "/v1/sessions/nope/declare", body: huge}, http.StatusNotFound},
		{"another centre: 404 before 400", request{token: otherToken, method: "POST", path: w.url("/declare"), body: "{"}, http.StatusNotFound},
		{"403 before 413", request{token: juryToken, method: "POST", path: w.url("/declare"), body: huge}, http.StatusForbidden},
		{"413 before 415", request{token: adminToken, method: "POST", path: w.url("/declare"), body: huge, headers: []string{"Content-Type: text/plain"}}, http.StatusRequestEntityTooLarge},
		{"415 before 400", request{token: adminToken, method: "POST", path: w.url("/declare"), body: "{", headers: []string{"Content-Type: text/plain"}}, http.StatusUnsupportedMediaType},
		{"400 before 409", request{token: adminToken, method: "POST", path: w.url("/declare"), body: `{"declared_on": 1}`}, http.StatusBadRequest},
		{"409", request{token: adminToken, method: "POST", path: w.url("/declare"), body: `{}`}, http.StatusConflict},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.send(tc.rq)
			assert.Equal(t, tc.status, r.Status, "%s", r.Body)
		})
	}

	// Every route whose path names a resource inside the session finds it
	// before it reads the body: a path naming nothing is 404 whatever the
	// body. (The {name} of /equipment/{name} is recorded by PUT: it cannot
	// be absent.)
	const unknownCandidate, unknownMember = "can_01M8DHNTPN3ZB56X50NX9RZ69C", "mem_01M8DHNTPN3ZB56X50NX9RZ69C"
	// A candidate and a member of the centre, neither registered nor
	// invited to the session.
	outsiderCandidate := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", candidateBody("Denis", "Faure", siretOther))["id"].(string)
	outsiderMember := e.must(http.StatusCreated, adminToken, "POST", "/v1/jury-members", memberBody("Marc Roy", "marc.roy@example.fr", ""))["id"].(string)
	ids := []struct{ name, cid, mid, key string }{
		{"unknown", unknownCandidate, unknownMember, "coffee_served"},
		{"malformed", "can_nonexistent", "mem_nonexistent", "no%20such%20item"},
		{"not of this session", outsiderCandidate, outsiderMember, "RULES_DISPLAYED"},
	}
	bodies := map[string]request{
		"a body too large": {body: huge, headers: []string{"Content-Type: text/plain"}},
		"a text body":      {body: `{"status": "ok"}`, headers: []string{"Content-Type: text/plain"}},
		"an unknown field": {body: `{"bogus": 1}`},
	}
	for _, shape := range []struct {
		method, path, code string
	}{
		{"GET", "/registrations/{cid}", "candidate.registration_not_found"},
		{"DELETE", "/registrations/{cid}", "candidate.registration_not_found"},
		{"PUT", "/registrations/{cid}/convocation", "candidate.registration_not_found"},
		{"GET", "/registrations/{cid}/convocation", "candidate.registration_not_found"},
		{"POST", "/registrations/{cid}/convocation/validate", "candidate.registration_not_found"},
		{"POST", "/registrations/{cid}/convocation/delivery", "candidate.registration_not_found"},
		{"GET", "/registrations/{cid}/calendar.ics", "candidate.registration_not_found"},
		{"POST", "/invitations/{mid}/accept", "jury.invitation_not_found"},
		{"POST", "/invitations/{mid}/decline", "jury.invitation_not_found"},
		{"POST", "/invitations/{mid}/withdraw", "jury.invitation_not_found"},
		{"GET", "/invitations/{mid}/calendar.ics", "jury.invitation_not_found"},
		{"PUT", "/checklist/{key}", "checklist.item_not_found"},
	} {
		for _, id := range ids {
			path := w.url(strings.NewReplacer("{cid}", id.cid, "{mid}", id.mid, "{key}", id.key).Replace(shape.path))
			for bname, b := range bodies {
				if shape.method == "GET" && bname != "an unknown field" {
					continue
				}
				t.Run(shape.method+" "+shape.path+", "+id.name+", "+bname, func(t *testing.T) {
					rq := b
					rq.token, rq.method, rq.path = adminToken, shape.method, path
					r := e.send(rq)
					assert.Equal(t, http.StatusNotFound, r.Status, "%s", r.Body)
					assert.Equal(t, shape.code, r.Code(t), "%s", r.Body)
				})
			}
		}
	}
	t.Run("a jury member: 404 for an invitation that does not exist, 403 for another's, before the body", func(t *testing.T) {
		for _, tc := range []struct {
			mid    string
			status int
		}{{unknownMember, http.StatusNotFound}, {w.m2, http.StatusForbidden}} {
			r := e.send(request{token: juryToken, method: "POST", path: w.url("/invitations/" + tc.mid + "/decline"), body: huge, headers: []string{"Content-Type: text/plain"}})
			assert.Equal(t, tc.status, r.Status, "%s", r.Body)
		}
	})
}

func TestContentNegotiation(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	t.Run("the déroulé as text", func(t *testing.T) {
		r := e.send(request{token: adminToken, method: "GET", path: w.url("/plan"), headers: []string{"Accept: text/plain, application/json;q=0.5"}})
		assert.Equal(t, "text/plain; charset=utf-8", r.Header.Get("Content-Type"))
		r = e.send(request{token: adminToken, method: "GET", path: w.url("/plan"), headers: []string{"Accept: application/json, text/plain"}})
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	})
	t.Run("quality values", func(t *testing.T) {
		for accept, contentType := range map[string]string{
			"text/plain;q=0, application/json":           "application/json",
			"text/plain;q=0.4, application/json;q=0.5":   "application/json",
			"application/json;q=0.5, text/plain":         "text/plain; charset=utf-8",
			"application/json;q=0, text/plain;q=0.1":     "text/plain; charset=utf-8",
			"text/plain;q=0, */*":                        "application/json",
			"text/*;q=0.9, application/*;q=0.8, */*;q=0": "text/plain; charset=utf-8",
		} {
			r := e.send(request{token: adminToken, method: "GET", path: w.url("/plan"), headers: []string{"Accept: " + accept}})
			require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
			assert.Equal(t, contentType, r.Header.Get("Content-Type"), "Accept: %s", accept)
		}
		r := e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + w.c1 + "/convocation"), headers: []string{"Accept: application/pdf;q=0, */*"}})
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	})
	t.Run("the convocation letter", func(t *testing.T) {
		r := e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + w.c1 + "/convocation"), headers: []string{"Accept: application/pdf"}})
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		assert.Equal(t, "application/pdf", r.Header.Get("Content-Type"))
		assert.Equal(t, "attachment; filename=convocation-petit-alice.pdf", r.Header.Get("Content-Disposition"))
		assert.True(t, bytes.HasPrefix(r.Body, []byte("%PDF-")))
		r = e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + w.c2 + "/convocation"), headers: []string{"Accept: application/json"}})
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	})
	t.Run("no letter without a convocation", func(t *testing.T) {
		w := e.newSession()
		e.register(&w)
		r := e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + w.c1 + "/convocation"), headers: []string{"Accept: application/pdf"}})
		assert.Equal(t, http.StatusNotFound, r.Status)
		assert.Equal(t, "session.convocation_not_found", r.Code(t))
	})
}

// TestRoutesThatOnlyNameTheirTarget: a POST or DELETE whose request is its
// path takes no body, or {}; anything else is refused before the Service
// acts, under the rules of every body.
func TestRoutesThatOnlyNameTheirTarget(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	targets := []struct{ method, path string }{
		{"POST", w.url("/cancel")},
		{"POST", w.url("/close")},
		{"POST", w.url("/invitations/" + w.m4 + "/accept")},
		{"POST", w.url("/invitations/" + w.m4 + "/decline")},
		{"POST", w.url("/invitations/" + w.m4 + "/withdraw")},
		{"POST", w.url("/jury-assignment")},
		{"DELETE", w.url("/registrations/" + w.c2)},
	}
	huge := strings.Repeat("x", 3<<20)
	for _, tg := range targets {
		for _, tc := range []struct {
			name   string
			rq     request
			status int
			code   string
		}{
			{"3 MB of text", request{body: huge, headers: []string{"Content-Type: text/plain"}}, http.StatusRequestEntityTooLarge, "httpapi.body_too_large"},
			{"a text body", request{body: "please", headers: []string{"Content-Type: text/plain"}}, http.StatusUnsupportedMediaType, "httpapi.media_type_unsupported"},
			{"a field", request{body: `{"reason": "no candidates"}`}, http.StatusBadRequest, "httpapi.body_invalid"},
			{"not an object", request{body: `[]`}, http.StatusBadRequest, "httpapi.body_invalid"},
		} {
			t.Run(tg.method+" "+tg.path+": "+tc.name, func(t *testing.T) {
				before := len(e.must(http.StatusOK, adminToken, "GET", w.url("/events"), nil)["events"].([]any))
				rq := tc.rq
				rq.token, rq.method, rq.path = adminToken, tg.method, tg.path
				r := e.send(rq)
				assert.Equal(t, tc.status, r.Status, "%s", r.Body)
				assert.Equal(t, tc.code, r.Code(t))
				after := len(e.must(http.StatusOK, adminToken, "GET", w.url("/events"), nil)["events"].([]any))
				assert.Equal(t, before, after, "the Service did not act")
			})
		}
	}
	t.Run("no body or {} is read", func(t *testing.T) {
		for _, rq := range []request{
			{body: nil},
			{body: "", headers: []string{"Content-Type: "}},
			{body: "{}"},
			{body: "{}", headers: []string{"Content-Type: application/json; charset=utf-8"}},
		} {
			w := e.newSession()
			rq.token, rq.method, rq.path = adminToken, "POST", w.url("/cancel")
			r := e.send(rq)
			assert.Equal(t, http.StatusOK, r.Status, "body %q: %s", rq.body, r.Body)
			assert.Equal(t, "cancelled", r.JSON(t)["status"])
		}
	})
}

// TestHealthCheck runs /healthz with a check of what the server depends
// on: 200 {"status": "ok"} while it passes, 503 with the cause logged and
// not sent while it fails.
func TestHealthCheck(t *testing.T) {
	var down atomic.Bool
	e := newEnv(t, httpapi.WithHealthCheck(func(ctx context.Context) error {
		if down.Load() {
			return errors.New("database at 10.0.0.5 refused the connection")
		}
		return ctx.Err()
	}))
	assert.Equal(t, map[string]any{"status": "ok"}, e.must(http.StatusOK, "", "GET", "/healthz", nil))

	down.Store(true)
	r := e.do("", "GET", "/healthz", nil)
	assert.Equal(t, http.StatusServiceUnavailable, r.Status)
	assert.Equal(t, "application/problem+json", r.Header.Get("Content-Type"))
	assert.Equal(t, "httpapi.unavailable", r.Code(t))
	assert.NotContains(t, string(r.Body), "10.0.0.5", "the cause is not sent")
	assert.Contains(t, e.logs.String(), "10.0.0.5", "it is logged")

	down.Store(false)
	assert.Equal(t, map[string]any{"status": "ok"}, e.must(http.StatusOK, "", "GET", "/healthz", nil), "and back")

	t.Run("a check that does not answer in time is a failure", func(t *testing.T) {
		e := newEnv(t, httpapi.WithHealthCheck(func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		}))
		assert.Equal(t, http.StatusServiceUnavailable, e.do("", "GET", "/healthz", nil).Status)
	})
}
