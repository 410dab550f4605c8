package httpapi_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLifecycle walks a session from its creation to its opening over
// HTTP, as a centre's staff, a jury member and an inspector see it.
func TestLifecycle(t *testing.T) {
	e := newEnv(t)

	s := e.must(http.StatusCreated, adminToken, "POST", "/v1/sessions", sessionBody())
	assert.Equal(t, "preparation", s["status"])
	assert.Nil(t, s["declared_on"])
	w := world{sid: s["id"].(string), sessionURL: "/v1/sessions/" + s["id"].(string)}

	s = e.must(http.StatusOK, adminToken, "POST", w.url("/declare"), map[string]any{"declared_on": "2026-10-30"})
	assert.Equal(t, "declared", s["status"])
	assert.Equal(t, "2026-10-30", s["declared_on"])

	e.staff(&w)
	me := e.must(http.StatusOK, juryToken, "GET", "/v1/me", nil)
	assert.Equal(t, w.jury, me["member_id"])
	invs := e.must(http.StatusOK, juryToken, "GET", w.url("/invitations"), nil)["invitations"].([]any)
	require.Len(t, invs, 1, "a jury member sees its own invitation only")
	assert.Equal(t, "accepted", invs[0].(map[string]any)["status"])
	assert.Len(t, e.must(http.StatusOK, adminToken, "GET", w.url("/invitations"), nil)["invitations"], 4)

	e.register(&w)
	regs := e.must(http.StatusOK, adminToken, "GET", w.url("/registrations"), nil)["registrations"].([]any)
	require.Len(t, regs, 2)
	assert.Equal(t, "none", regs[0].(map[string]any)["convocation_state"])

	p := e.must(http.StatusOK, adminToken, "PUT", w.url("/plan"), smallPlan())
	assert.Equal(t, true, p["feasible"])
	assert.EqualValues(t, 2, p["members"])
	assert.Equal(t, []any{"2027-03-01"}, p["days"])
	text := e.send(request{token: juryToken, method: "GET", path: w.url("/plan"), headers: []string{"Accept: text/plain"}})
	require.Equal(t, http.StatusOK, text.Status)
	assert.Equal(t, "text/plain; charset=utf-8", text.Header.Get("Content-Type"))
	assert.Contains(t, string(text.Body), "Entretien final")

	// Sophie Durand (m3) works for the establishment that hosted Alice
	// Petit (c1): the panel is formed without her, she stays in reserve.
	as := e.must(http.StatusOK, adminToken, "POST", w.url("/jury-assignment"), nil)
	panels := as["panels"].([]any)
	require.Len(t, panels, 1)
	panel := panels[0].(map[string]any)
	assert.ElementsMatch(t, []any{w.jury, w.m2}, panel["members"])
	assert.Equal(t, []any{w.m3}, as["reserves"])
	mine := e.must(http.StatusOK, juryToken, "GET", w.url("/jury-assignment"), nil)
	assert.Empty(t, mine["reserves"])
	roster := mine["panels"].([]any)[0].(map[string]any)["roster"].([]any)
	var names []string
	for _, r := range roster {
		names = append(names, r.(map[string]any)["name"].(string))
	}
	assert.ElementsMatch(t, []string{"Alice Petit", "Bruno Lefèvre"}, names)

	pl := e.must(http.StatusOK, adminToken, "POST", w.url("/pli/order"), nil)
	assert.Equal(t, "ordered", pl["status"])
	assert.Equal(t, "2026-11-02", pl["ordered_on"])
	assert.Nil(t, pl["warnings"], "ordered 4 months ahead: on time")
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/receive"), map[string]any{
		"received_on": "2026-11-02", "materials": []any{map[string]any{"name": "Poste informatique", "quantity": 2}},
	})
	pl = e.must(http.StatusOK, adminToken, "POST", w.url("/pli/secure"), map[string]any{"location": "Coffre du bureau 12", "custodian": "Claire Martin"})
	assert.Equal(t, "secured", pl["status"])
	assert.Equal(t, "httpapi.pli_sealed", e.do(juryToken, "GET", w.url("/pli"), nil).Code(t), "no DTE before the opening")

	for _, c := range []string{w.c1, w.c2} {
		reg := w.url("/registrations/" + c + "/convocation")
		cv := e.must(http.StatusOK, adminToken, "PUT", reg, convocationBody())
		assert.Equal(t, "drafted", cv["state"])
		cv = e.must(http.StatusOK, adminToken, "POST", reg+"/validate", nil)
		assert.Equal(t, "2026-11-02", cv["validated_on"])
		cv = e.must(http.StatusOK, adminToken, "POST", reg+"/delivery", map[string]any{
			"method": "registered_mail", "sent_on": "2026-11-02", "tracking_number": "1a 234 567 8901 2",
		})
		assert.Equal(t, "sent", cv["state"])
		cv = e.must(http.StatusOK, adminToken, "POST", reg+"/delivery", map[string]any{
			"method": "registered_mail", "sent_on": "2026-11-02", "tracking_number": "1A23456789012", "delivered_on": "2026-11-02",
		})
		assert.Equal(t, "delivered", cv["state"])
	}
	assert.Equal(t, "convocations_sent", e.must(http.StatusOK, adminToken, "GET", w.sessionURL, nil)["status"])

	r := e.must(http.StatusOK, adminToken, "GET", w.url("/readiness"), nil)
	assert.Equal(t, false, r["ready"])
	for _, key := range []string{"equipment_operational", "interview_rooms_confidential", "rules_displayed", "schedule_displayed", "responsable_designated", "computers_secured"} {
		it := e.must(http.StatusOK, adminToken, "PUT", w.url("/checklist/"+key), map[string]any{"status": "ok", "note": "vu"})
		assert.Equal(t, "Claire Martin", it["checked_by"])
	}
	eq := e.must(http.StatusOK, adminToken, "PUT", w.url("/equipment/Poste%20informatique"), map[string]any{
		"available": 2, "operational_from": "2027-02-01", "operational_until": "2027-03-31",
	})
	assert.Equal(t, "Poste informatique", eq["name"])
	r = e.must(http.StatusOK, adminToken, "GET", w.url("/readiness"), nil)
	assert.Equal(t, true, r["ready"], "findings: %v", r["findings"])
	assert.Equal(t, "ready", e.must(http.StatusOK, adminToken, "GET", w.sessionURL, nil)["status"])

	timeline := e.must(http.StatusOK, controllerToken, "GET", w.url("/timeline"), nil)["deadlines"].([]any)
	keys := map[string]map[string]any{}
	for _, d := range timeline {
		keys[d.(map[string]any)["key"].(string)] = d.(map[string]any)
	}
	for _, k := range []string{"declare", "invite_jury", "order_pli", "receive_pli", "validate_convocations", "readiness", "open"} {
		require.Contains(t, keys, k)
	}
	assert.Equal(t, "2026-12-01", keys["order_pli"]["due"], "3 months before 2027-03-01")
	assert.Equal(t, "2027-02-15", keys["receive_pli"]["due"])
	assert.Equal(t, "2027-01-29", keys["validate_convocations"]["due"])
	assert.Equal(t, "done", keys["order_pli"]["status"])
	assert.Equal(t, "pending", keys["open"]["status"])

	// The session opens on its start date only.
	assert.Equal(t, "session.open_not_on_start_date", e.do(adminToken, "POST", w.url("/open"), nil).Code(t))
	e.on(start)
	opened := e.must(http.StatusOK, adminToken, "POST", w.url("/open"), nil)
	assert.Equal(t, "opened", opened["status"])
	pl = e.must(http.StatusOK, juryToken, "GET", w.url("/pli"), nil)
	assert.Equal(t, "opened", pl["status"])
	assert.Contains(t, pl["witnesses"], "Claire Martin")
	checkCustodyChain(t, pl["custody"].([]any))

	events := e.must(http.StatusOK, controllerToken, "GET", w.url("/events"), nil)["events"].([]any)
	var actions []string
	for _, ev := range events {
		actions = append(actions, ev.(map[string]any)["action"].(string))
	}
	for _, a := range []string{"session.created", "session.declared", "jury.accepted", "candidate.registered", "pli.ordered", "pli.received", "pli.secured", "convocation.validated", "session.ready", "session.opened", "pli.opened"} {
		assert.Contains(t, actions, a)
	}
	assert.Equal(t, "session.not_writable", e.do(adminToken, "PUT", w.url("/checklist/rules_displayed"), map[string]any{"status": "ok"}).Code(t))
	close := e.do(adminToken, "POST", w.url("/close"), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, close.Status, "a session closes with its procès-verbal")
	assert.Equal(t, "exam.pv_incomplete", close.Code(t))
}

// TestLifecycleAfterTheOpening walks a session from its opening to its
// validated results over HTTP: the admin records the exam days, the jury
// members decide and sign for their own panel, the last signature closes
// the session, the admin records the PV sent, the controller validates,
// and the documents and the archive follow.
func TestLifecycleAfterTheOpening(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	e.hold(w)

	ex := e.must(http.StatusOK, adminToken, "GET", w.url("/exam"), nil)
	assert.Len(t, ex["pending"], 2)
	assert.EqualValues(t, 2, ex["quorum"])
	late := map[string]any{}
	for _, a := range ex["attendance"].([]any) {
		if a := a.(map[string]any); a["candidate_id"] == w.c2 && a["sitting"] == "qp" {
			late = a
		}
	}
	assert.Equal(t, "late_admitted", late["status"])
	assert.EqualValues(t, 45, late["late"].(map[string]any)["minutes_left"], "the end at 10:00 does not move")

	// The admin does not deliberate; a jury member of another panel does
	// not either (here: no member at all).
	body := map[string]any{"outcome": "failed", "ccps": []any{map[string]any{"code": "CCP1"}, map[string]any{"code": "CCP2"}, map[string]any{"code": "CCP3"}}}
	assert.Equal(t, http.StatusForbidden, e.do(adminToken, "PUT", w.url("/registrations/"+w.c1+"/decision"), body).Status)
	assert.Equal(t, http.StatusNotFound, e.do(strangerToken, "PUT", w.url("/registrations/"+w.c1+"/decision"), body).Status)
	r := e.do(juryToken, "PUT", w.url("/registrations/"+w.c1+"/decision"), map[string]any{"outcome": "obtained"})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, r.Fields(t), "ccps", "bad input names the field: %s", r.Body)

	e.deliberate(w)
	s := e.must(http.StatusOK, adminToken, "GET", w.sessionURL, nil)
	assert.Equal(t, "closed", s["status"], "the last signature closed it")
	r = e.do(juryToken, "PUT", w.url("/registrations/"+w.c1+"/decision"), body)
	assert.Equal(t, http.StatusConflict, r.Status)
	assert.Equal(t, "exam.pv_closed", r.Code(t))

	pv := e.send(request{token: controllerToken, method: "GET", path: w.url("/pv.pdf")})
	require.Equal(t, http.StatusOK, pv.Status, "%s", pv.Body)
	assert.Equal(t, "application/pdf", pv.Header.Get("Content-Type"))
	assert.Equal(t, http.StatusForbidden, e.do(juryToken, "GET", w.url("/pv.pdf"), nil).Status)

	assert.Equal(t, http.StatusForbidden, e.do(adminToken, "POST", w.url("/validate"), nil).Status, "the administration validates")
	r = e.do(controllerToken, "POST", w.url("/validate"), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	assert.Equal(t, "exam.not_validatable", r.Code(t), "not sent yet")
	sent := e.must(http.StatusOK, adminToken, "POST", w.url("/pv/sent"), nil)
	assert.Equal(t, "2027-03-03", sent["on"])
	v := e.must(http.StatusOK, controllerToken, "POST", w.url("/validate"), map[string]any{"reference": "DDETS-69-2027-031"})
	assert.Equal(t, "validated", v["status"])
	assert.Equal(t, "2027-03-03", v["milestones"].(map[string]any)["validated_on"])

	c1 := e.must(http.StatusOK, adminToken, "GET", "/v1/candidates/"+w.c1, nil)
	assert.Contains(t, c1["titles_held"], "TP-01281", "the validated outcome feeds the history")
	is := e.must(http.StatusOK, adminToken, "PUT", w.url("/registrations/"+w.c2+"/issuances/livret"), map[string]any{})
	assert.Equal(t, "livret", is["document"])
	r = e.do(adminToken, "PUT", w.url("/registrations/"+w.c2+"/issuances/parchemin"), map[string]any{})
	assert.Equal(t, "exam.not_issuable", r.Code(t))

	csv := e.send(request{token: controllerToken, method: "GET", path: w.url("/results.csv")})
	require.Equal(t, http.StatusOK, csv.Status)
	assert.Contains(t, string(csv.Body), "Titre obtenu")
	assert.Contains(t, string(csv.Body), "Réussite partielle")

	zip := e.send(request{token: adminToken, method: "GET", path: w.url("/archive.zip")})
	require.Equal(t, http.StatusOK, zip.Status, "%s", zip.Body)
	assert.Equal(t, "application/zip", zip.Header.Get("Content-Type"))

	dry := e.must(http.StatusOK, adminToken, "POST", w.url("/pseudonymise"), map[string]any{"dry_run": true})
	assert.Equal(t, true, dry["dry_run"])
	assert.Equal(t, "2032-03-03", dry["retained_until"])
	assert.NotEmpty(t, dry["changes"])
	r = e.do(adminToken, "POST", w.url("/pseudonymise"), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.Status)
	assert.Equal(t, "exam.retention_running", r.Code(t))

	ret := e.must(http.StatusOK, controllerToken, "GET", "/v1/retention", nil)
	assert.EqualValues(t, 5, ret["years"])
	assert.Equal(t, http.StatusForbidden, e.do(controllerToken, "PUT", "/v1/retention", map[string]any{"years": 3}).Status)
	r = e.do(adminToken, "PUT", "/v1/retention", map[string]any{"years": 0})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, r.Fields(t), "years")
}

// checkCustodyChain recomputes the custody log's hash chain from the JSON
// alone, as an inspector's tool would: each hash is the hex SHA-256 of the
// previous hash followed by the canonical JSON of {at, actor, action,
// detail}, keys sorted, no white space.
func checkCustodyChain(t *testing.T, custody []any) {
	t.Helper()
	require.NotEmpty(t, custody)
	prev := ""
	for i, c := range custody {
		e := c.(map[string]any)
		var canon bytes.Buffer
		enc := json.NewEncoder(&canon)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(struct {
			Action string `json:"action"`
			Actor  string `json:"actor"`
			At     string `json:"at"`
			Detail string `json:"detail"`
		}{e["action"].(string), e["actor"].(string), e["at"].(string), e["detail"].(string)}))
		sum := sha256.Sum256(append([]byte(prev), bytes.TrimSuffix(canon.Bytes(), []byte("\n"))...))
		assert.Equal(t, hex.EncodeToString(sum[:]), e["hash"], "entry %d (%s)", i, e["action"])
		assert.True(t, strings.HasSuffix(e["at"].(string), "Z"))
		prev = e["hash"].(string)
	}
}
