package httpapi_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// expectedAccess is who may call each route, written out here apart from
// the package's authorization table: a new route fails these tests until
// its access is decided in both places.
var expectedAccess = map[string][]string{
	"GET /v1/me": {"admin", "jury", "controller"},

	"POST /v1/sessions":                        {"admin"},
	"GET /v1/sessions":                         {"admin", "jury", "controller"},
	"GET /v1/sessions/{sid}":                   {"admin", "jury", "controller"},
	"PATCH /v1/sessions/{sid}":                 {"admin"},
	"POST /v1/sessions/{sid}/declare":          {"admin"},
	"POST /v1/sessions/{sid}/cancel":           {"admin"},
	"POST /v1/sessions/{sid}/close":            {"admin"},
	"GET /v1/sessions/{sid}/timeline":          {"admin", "controller"},
	"PUT /v1/sessions/{sid}/plan":              {"admin"},
	"GET /v1/sessions/{sid}/plan":              {"admin", "jury"},
	"GET /v1/sessions/{sid}/readiness":         {"admin"},
	"POST /v1/sessions/{sid}/open":             {"admin"},
	"GET /v1/sessions/{sid}/events":            {"admin", "controller"},
	"POST /v1/jury-members":                    {"admin"},
	"GET /v1/jury-members":                     {"admin"},
	"GET /v1/jury-members/{mid}":               {"admin", "jury"},
	"POST /v1/jury-members/{mid}/availability": {"admin"},

	"POST /v1/sessions/{sid}/invitations":                {"admin"},
	"GET /v1/sessions/{sid}/invitations":                 {"admin", "jury"},
	"POST /v1/sessions/{sid}/invitations/{mid}/accept":   {"admin", "jury"},
	"POST /v1/sessions/{sid}/invitations/{mid}/decline":  {"admin", "jury"},
	"POST /v1/sessions/{sid}/invitations/{mid}/withdraw": {"admin"},
	"POST /v1/sessions/{sid}/conflicts":                  {"admin"},
	"POST /v1/sessions/{sid}/jury-assignment":            {"admin"},
	"GET /v1/sessions/{sid}/jury-assignment":             {"admin", "jury"},

	"POST /v1/candidates":                                                {"admin"},
	"GET /v1/candidates":                                                 {"admin"},
	"GET /v1/candidates/{cid}":                                           {"admin"},
	"PUT /v1/candidates/{cid}":                                           {"admin"},
	"POST /v1/sessions/{sid}/registrations":                              {"admin"},
	"GET /v1/sessions/{sid}/registrations":                               {"admin"},
	"GET /v1/sessions/{sid}/registrations/{cid}":                         {"admin"},
	"DELETE /v1/sessions/{sid}/registrations/{cid}":                      {"admin"},
	"PUT /v1/sessions/{sid}/registrations/{cid}/convocation":             {"admin"},
	"GET /v1/sessions/{sid}/registrations/{cid}/convocation":             {"admin"},
	"POST /v1/sessions/{sid}/registrations/{cid}/convocation/validate":   {"admin"},
	"POST /v1/sessions/{sid}/registrations/{cid}/convocation/delivery":   {"admin"},
	"POST /v1/sessions/{sid}/registrations/{cid}/convocation/correction": {"admin"},

	"POST /v1/sessions/{sid}/registrations/{cid}/outcome": {"admin"},
	"POST /v1/candidates/{cid}/history":                   {"admin"},

	"PUT /v1/sessions/{sid}/pli/ppe":      {"admin"},
	"POST /v1/sessions/{sid}/pli/order":   {"admin"},
	"POST /v1/sessions/{sid}/pli/receive": {"admin"},
	"POST /v1/sessions/{sid}/pli/read":    {"admin"},
	"POST /v1/sessions/{sid}/pli/secure":  {"admin"},
	"POST /v1/sessions/{sid}/pli/access":  {"admin"},
	"POST /v1/sessions/{sid}/pli/open":    {"admin"},
	"GET /v1/sessions/{sid}/pli":          {"admin", "jury", "controller"},

	"GET /v1/sessions/{sid}/checklist":        {"admin"},
	"PUT /v1/sessions/{sid}/checklist/{key}":  {"admin"},
	"PUT /v1/sessions/{sid}/equipment/{name}": {"admin"},

	"GET /v1/sessions/{sid}/convocations.pdf":                 {"admin"},
	"GET /v1/sessions/{sid}/attendance.pdf":                   {"admin"},
	"GET /v1/sessions/{sid}/deroule.pdf":                      {"admin"},
	"GET /v1/sessions/{sid}/candidates.csv":                   {"admin"},
	"GET /v1/sessions/{sid}/registrations/{cid}/calendar.ics": {"admin"},
	"GET /v1/sessions/{sid}/invitations/{mid}/calendar.ics":   {"admin", "jury"},
	"POST /v1/candidates/import":                              {"admin"},

	"GET /v1/titles":                    {"admin", "jury", "controller"},
	"GET /v1/titles/{code}":             {"admin", "jury", "controller"},
	"POST /v1/agrements":                {"admin"},
	"GET /v1/agrements":                 {"admin", "controller"},
	"GET /v1/agrements/{aid}":           {"admin", "controller"},
	"PUT /v1/agrements/{aid}":           {"admin"},
	"GET /v1/programmes":                {"admin", "controller"},
	"GET /v1/programmes/{year}":         {"admin", "controller"},
	"PUT /v1/programmes/{year}":         {"admin"},
	"POST /v1/programmes/{year}/submit": {"admin"},

	"GET /v1/sessions/{sid}/exam":                                              {"admin", "jury", "controller"},
	"POST /v1/sessions/{sid}/plan/sittings":                                    {"admin"},
	"PUT /v1/sessions/{sid}/sittings/{key}":                                    {"admin"},
	"PUT /v1/sessions/{sid}/sittings/{key}/surveillants":                       {"admin"},
	"PUT /v1/sessions/{sid}/sittings/{key}/attendance/{cid}":                   {"admin"},
	"PUT /v1/sessions/{sid}/invitations/{mid}/attendance/{day}":                {"admin"},
	"PUT /v1/sessions/{sid}/responsable-attendance/{day}":                      {"admin"},
	"POST /v1/sessions/{sid}/sheets/{sheet}/signatures":                        {"admin"},
	"POST /v1/sessions/{sid}/incidents":                                        {"admin"},
	"POST /v1/sessions/{sid}/incidents/{n}/witnesses":                          {"admin"},
	"PUT /v1/sessions/{sid}/registrations/{cid}/remote-modality":               {"admin"},
	"POST /v1/sessions/{sid}/constatations":                                    {"admin"},
	"PUT /v1/sessions/{sid}/registrations/{cid}/decision":                      {"jury"},
	"POST /v1/sessions/{sid}/registrations/{cid}/decision/sign":                {"jury"},
	"POST /v1/sessions/{sid}/registrations/{cid}/decision/amendments":          {"jury"},
	"POST /v1/sessions/{sid}/registrations/{cid}/decision/amendments/{n}/sign": {"jury"},
	"POST /v1/sessions/{sid}/pv/sent":                                          {"admin"},
	"POST /v1/sessions/{sid}/validate":                                         {"controller"},
	"PUT /v1/sessions/{sid}/registrations/{cid}/issuances/{document}":          {"admin"},
	"POST /v1/sessions/{sid}/pseudonymise":                                     {"admin"},
	"GET /v1/retention":                                                        {"admin", "controller"},
	"PUT /v1/retention":                                                        {"admin"},
	"GET /v1/sessions/{sid}/pv.pdf":                                            {"admin", "controller"},
	"GET /v1/sessions/{sid}/constatations.pdf":                                 {"admin", "controller"},
	"GET /v1/sessions/{sid}/results.csv":                                       {"admin", "controller"},
	"GET /v1/sessions/{sid}/archive.zip":                                       {"admin", "controller"},
}

var publicRoutes = []string{"GET /healthz", "GET /openapi.json"}

// operations lists the documented operations as "METHOD /path".
func operations(t *testing.T, e *env) []string {
	t.Helper()
	var out []string
	for path, ops := range e.doc.raw["paths"].(map[string]any) {
		for method := range ops.(map[string]any) {
			out = append(out, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

func TestEveryRouteHasItsAccessDecided(t *testing.T) {
	e := newEnv(t)
	ops := operations(t, e)
	for _, op := range ops {
		if slices.Contains(publicRoutes, op) {
			continue
		}
		roles, ok := expectedAccess[op]
		if !assert.True(t, ok, "%s has no expected access in this test", op) {
			continue
		}
		method, path, _ := strings.Cut(op, " ")
		documented := e.doc.raw["paths"].(map[string]any)[path].(map[string]any)[strings.ToLower(method)].(map[string]any)["x-roles"]
		assert.ElementsMatch(t, roles, documented, "%s: the roles of the OpenAPI document", op)
	}
	for op := range expectedAccess {
		assert.Contains(t, ops, op, "expected access for a route that does not exist")
	}
}

// fillPath puts the fixture's IDs in a route's path: the session, the jury
// token's own member, the first candidate.
func fillPath(path string, w world) string {
	return strings.NewReplacer(
		"{sid}", w.sid, "{mid}", w.jury, "{cid}", w.c1,
		"{key}", "rules_displayed", "{name}", "Poste%20informatique",
		"{aid}", w.agr, "{code}", "TP-01281", "{year}", "2027",
		"{day}", "2027-03-01", "{sheet}", "jury-2027-03-01", "{n}", "1", "{document}", "parchemin",
	).Replace(path)
}

// TestAccessOfEveryRouteForEveryRole calls every route with every role on
// a prepared session of centre-lyon: an allowed role gets past the checks
// (neither 401, 403 nor 404), another gets 403; the admin of another centre
// and a jury token without a member record find no resource of the path.
func TestAccessOfEveryRouteForEveryRole(t *testing.T) {
	e := newEnv(t)
	for _, op := range operations(t, e) {
		if slices.Contains(publicRoutes, op) {
			continue
		}
		t.Run(op, func(t *testing.T) {
			e := newEnv(t)
			w := e.prepare()
			method, tmpl, _ := strings.Cut(op, " ")
			path := fillPath(tmpl, w)
			switch {
			case strings.Contains(tmpl, "/incidents/{n}"): // the report the path names
				e.hold(w)
			case strings.HasSuffix(tmpl, "/constatations.pdf"): // a PV de constatation to print
				e.hold(w)
				e.must(http.StatusOK, adminToken, "PUT", w.url("/invitations/"+w.m2+"/attendance/2027-03-03"), map[string]any{"status": "absent"})
				e.must(http.StatusCreated, adminToken, "POST", w.url("/constatations"), nil)
			case strings.Contains(tmpl, "/amendments/{n}"): // the amendment the path names
				e.hold(w)
				e.deliberate(w)
				e.must(http.StatusCreated, juryToken, "POST", w.url("/registrations/"+w.c1+"/decision/amendments"), map[string]any{
					"outcome": "partial_success", "reason": "le CCP3 n'était pas acquis", "dossier_professionnel": true, "ecf": true,
					"ccps": []any{map[string]any{"code": "CCP1", "acquired": true}, map[string]any{"code": "CCP2", "acquired": true}, map[string]any{"code": "CCP3"}}})
			}
			if strings.Contains(tmpl, "/sittings/{key}/") { // the sitting the path names
				e.must(http.StatusOK, adminToken, "PUT", w.url("/sittings/rules_displayed"), map[string]any{"label": "QP", "day": "2027-03-01",
					"start": "09:00", "end": "10:00", "candidates": []string{w.c1, w.c2}})
			}
			var body any
			if method != "GET" && method != "DELETE" {
				body = map[string]any{}
			}
			// A centre's programme of a year is its own: PUT records
			// another centre's without finding this one's.
			scoped := strings.HasPrefix(tmpl, "/v1/sessions/{") || strings.HasPrefix(tmpl, "/v1/jury-members/{") || strings.HasPrefix(tmpl, "/v1/candidates/{") ||
				strings.HasPrefix(tmpl, "/v1/agrements/{") || strings.HasPrefix(tmpl, "/v1/programmes/{") && method != "PUT"
			allowed := expectedAccess[op]
			for _, caller := range []struct{ role, token string }{
				{"controller", controllerToken}, {"jury", juryToken}, {"stranger", strangerToken}, {"other centre", otherToken}, {"admin", adminToken},
			} {
				r := e.do(caller.token, method, path, body)
				switch {
				case caller.role == "other centre" && scoped:
					assert.Equal(t, http.StatusNotFound, r.Status, "%s: %s", caller.role, r.Body)
				case caller.role == "stranger" && strings.HasPrefix(tmpl, "/v1/sessions/{"):
					assert.Equal(t, http.StatusNotFound, r.Status, "a jury member invited nowhere: %s", r.Body)
				case caller.role == "stranger" && strings.HasPrefix(tmpl, "/v1/jury-members/{"):
					assert.Equal(t, http.StatusForbidden, r.Status, "another member's record: %s", r.Body)
				case caller.role == "jury" && op == "GET /v1/sessions/{sid}/pli":
					assert.Equal(t, http.StatusForbidden, r.Status, "the pli is sealed: %s", r.Body)
				case slices.Contains(allowed, caller.role) || caller.role == "other centre" ||
					caller.role == "stranger" && slices.Contains(allowed, "jury"):
					assert.NotContains(t, []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound}, r.Status, "%s: %s", caller.role, r.Body)
				default:
					assert.Equal(t, http.StatusForbidden, r.Status, "%s: %s", caller.role, r.Body)
					assert.Equal(t, "httpapi.forbidden", r.Code(t))
				}
			}
		})
	}
}

func TestJuryNarrowing(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	other := e.newSession() // the jury member is not invited to it

	t.Run("lists the sessions it is invited to", func(t *testing.T) {
		ss := e.must(http.StatusOK, juryToken, "GET", "/v1/sessions", nil)["sessions"].([]any)
		require.Len(t, ss, 1)
		assert.Equal(t, w.sid, ss[0].(map[string]any)["id"])
		assert.Len(t, e.must(http.StatusOK, adminToken, "GET", "/v1/sessions", nil)["sessions"], 2)
		assert.Empty(t, e.must(http.StatusOK, strangerToken, "GET", "/v1/sessions", nil)["sessions"])
	})
	t.Run("another session is not found", func(t *testing.T) {
		assert.Equal(t, http.StatusNotFound, e.do(juryToken, "GET", other.sessionURL, nil).Status)
		assert.Equal(t, http.StatusNotFound, e.do(juryToken, "GET", other.url("/plan"), nil).Status)
	})
	t.Run("answers its own invitation only", func(t *testing.T) {
		r := e.do(juryToken, "POST", w.url("/invitations/"+w.m4+"/accept"), nil)
		assert.Equal(t, http.StatusForbidden, r.Status)
		r = e.do(juryToken, "POST", w.url("/invitations/"+w.jury+"/decline"), nil)
		assert.Equal(t, http.StatusConflict, r.Status, "already accepted: %s", r.Body)
		assert.Equal(t, "jury.invitation_already_answered", r.Code(t))
	})
	t.Run("reads its own record only", func(t *testing.T) {
		e.must(http.StatusOK, juryToken, "GET", "/v1/jury-members/"+w.jury, nil)
		assert.Equal(t, http.StatusForbidden, e.do(juryToken, "GET", "/v1/jury-members/"+w.m2, nil).Status)
	})
	t.Run("records no unavailability, not even its own", func(t *testing.T) {
		// docs/http-api.md#roles lets a jury member read and answer its own invitations:
		// the centre records when a member cannot sit.
		unavailable := map[string]any{"from": "2027-06-01", "until": "2027-06-05", "available": false}
		r := e.do(juryToken, "POST", "/v1/jury-members/"+w.jury+"/availability", unavailable)
		assert.Equal(t, http.StatusForbidden, r.Status, "%s", r.Body)
		assert.Equal(t, "httpapi.forbidden", r.Code(t))
		assert.Empty(t, e.must(http.StatusOK, juryToken, "GET", "/v1/jury-members/"+w.jury, nil)["unavailable"])
		m := e.must(http.StatusOK, adminToken, "POST", "/v1/jury-members/"+w.jury+"/availability", unavailable)
		assert.Equal(t, []any{map[string]any{"from": "2027-06-01", "until": "2027-06-05"}}, m["unavailable"])
	})
	t.Run("sees its own panel only", func(t *testing.T) {
		as := e.must(http.StatusOK, juryToken, "GET", w.url("/jury-assignment"), nil)
		for _, p := range as["panels"].([]any) {
			assert.Contains(t, p.(map[string]any)["members"], w.jury)
		}
		assert.Empty(t, as["reserves"])
	})
	t.Run("a withdrawn member loses sight of the session", func(t *testing.T) {
		e.must(http.StatusOK, adminToken, "POST", w.url("/invitations/"+w.jury+"/withdraw"), nil)
		assert.Equal(t, http.StatusNotFound, e.do(juryToken, "GET", w.sessionURL, nil).Status)
		assert.Empty(t, e.must(http.StatusOK, juryToken, "GET", "/v1/sessions", nil)["sessions"])
	})
}

// TestJurySeesItsOwnPanelOnly forms two panels and checks that the jury
// member gets exactly its own: its members, its candidates and their
// names, and nothing of the other panel nor of the reserves.
func TestJurySeesItsOwnPanelOnly(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	e.staff(&w) // the jury token's member, m2 and m3 accept
	m5 := e.must(http.StatusCreated, adminToken, "POST", "/v1/jury-members", memberBody("Nadia Chevalier", "nadia.chevalier@example.fr", ""))["id"].(string)
	e.must(http.StatusCreated, adminToken, "POST", w.url("/invitations"), map[string]any{"member_id": m5})
	e.must(http.StatusOK, adminToken, "POST", w.url("/invitations/"+m5+"/accept"), nil)
	e.register(&w)

	// Without a plan, four accepted members form two panels of two, one
	// candidate each.
	all := e.must(http.StatusOK, adminToken, "POST", w.url("/jury-assignment"), nil)["panels"].([]any)
	require.Len(t, all, 2, "the fixture forms two panels")
	var own, other map[string]any
	for _, p := range all {
		p := p.(map[string]any)
		if slices.Contains(p["members"].([]any), any(w.jury)) {
			own = p
		} else {
			other = p
		}
	}
	require.NotNil(t, own, "the jury token's member sits on a panel")
	require.NotNil(t, other)
	names := map[string]string{w.c1: "Alice Petit", w.c2: "Bruno Lefèvre"}

	r := e.do(juryToken, "GET", w.url("/jury-assignment"), nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	mine := r.JSON(t)
	assert.Equal(t, []any{own}, mine["panels"], "exactly its own panel")
	assert.Empty(t, mine["reserves"])
	for _, p := range mine["panels"].([]any) {
		for _, entry := range p.(map[string]any)["roster"].([]any) {
			entry := entry.(map[string]any)
			assert.Equal(t, names[entry["candidate_id"].(string)], entry["name"], "its roster names its candidates")
		}
	}
	for _, cid := range other["candidates"].([]any) {
		assert.NotContains(t, string(r.Body), cid, "another panel's candidate")
		assert.NotContains(t, string(r.Body), names[cid.(string)], "another panel's candidate's name")
	}
	for _, mid := range other["members"].([]any) {
		assert.NotContains(t, string(r.Body), mid, "another panel's member")
	}
}
