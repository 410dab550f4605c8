package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheTitleRegisterOverHTTP(t *testing.T) {
	e := newEnv(t)
	list := e.must(http.StatusOK, controllerToken, "GET", "/v1/titles", nil)["titles"].([]any)
	require.NotEmpty(t, list)
	cda := e.must(http.StatusOK, juryToken, "GET", "/v1/titles/TP-01281", nil)
	revisions := cda["revisions"].([]any)
	require.Len(t, revisions, 2)
	latest := revisions[1].(map[string]any)
	assert.Equal(t, "2023", latest["id"])
	assert.Equal(t, "2028-12-18", latest["end"])
	assert.Equal(t, []any{map[string]any{"from": []any{"CCP2", "CCP3"}, "to": "CCP2"}}, latest["correspondence"].([]any)[1:])
	assert.NotEmpty(t, cda["sources"])
	for _, code := range []string{"TP-00000", "not-a-code"} {
		r := e.do(adminToken, "GET", "/v1/titles/"+code, nil)
		assert.Equal(t, http.StatusNotFound, r.Status, code)
		assert.Equal(t, "titles.not_in_register", r.Code(t))
	}
}

func TestAgrementsOverHTTP(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"title_code": "TP-01281", "sites": []string{sessionBody()["site"].(string)},
		"valid_from": "2024-01-01", "valid_until": "2027-03-02", "reference": "décision 2024-17"}
	r := e.do(adminToken, "POST", "/v1/agrements", body)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	a := r.JSON(t)
	id := a["id"].(string)
	assert.Equal(t, "/v1/agrements/"+id, r.Header.Get("Location"))
	assert.Equal(t, "2027-03-02", a["valid_until"])

	// The fixture's session runs until 2027-03-03: refused, naming the
	// agrément and its dates.
	r = e.do(adminToken, "POST", "/v1/sessions", sessionBody())
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	assert.Equal(t, "agrement.not_covering", r.Code(t))
	detail := r.JSON(t)["detail"].(string)
	for _, s := range []string{id, "décision 2024-17", "2027-03-02", "2027-03-03"} {
		assert.Contains(t, detail, s)
	}

	body["valid_until"] = "2028-12-18"
	revised := e.must(http.StatusOK, adminToken, "PUT", "/v1/agrements/"+id, body)
	assert.Equal(t, "2028-12-18", revised["valid_until"])
	e.must(http.StatusCreated, adminToken, "POST", "/v1/sessions", sessionBody())

	body["valid_until"] = "2028-12-19"
	r = e.do(adminToken, "PUT", "/v1/agrements/"+id, body)
	assert.Equal(t, http.StatusUnprocessableEntity, r.Status)
	assert.Equal(t, "agrement.outlasts_title", r.Code(t))
	assert.Contains(t, r.Fields(t), "valid_until")

	r = e.do(adminToken, "POST", "/v1/agrements", map[string]any{"title_code": "TP-1", "sites": []string{}, "valid_from": "2027-02-30"})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	for _, f := range []string{"title_code", "sites", "valid_from", "valid_until"} {
		assert.Contains(t, r.Fields(t), f)
	}

	got := e.must(http.StatusOK, controllerToken, "GET", "/v1/agrements", nil)["agrements"].([]any)
	require.Len(t, got, 1)
	assert.Equal(t, http.StatusNotFound, e.do(otherToken, "GET", "/v1/agrements/"+id, nil).Status)
	assert.Empty(t, e.must(http.StatusOK, otherToken, "GET", "/v1/agrements", nil)["agrements"])
	assert.Equal(t, http.StatusForbidden, e.do(controllerToken, "POST", "/v1/agrements", body).Status)
}

func TestTheYearlyProgrammingOverHTTP(t *testing.T) {
	e := newEnv(t)
	r := e.do(adminToken, "GET", "/v1/programmes/2027", nil)
	assert.Equal(t, http.StatusNotFound, r.Status)
	r = e.do(adminToken, "POST", "/v1/programmes/2027/submit", nil)
	assert.Equal(t, http.StatusNotFound, r.Status, "nothing recorded to submit")

	p := e.must(http.StatusOK, adminToken, "PUT", "/v1/programmes/2027", map[string]any{"sessions": []any{map[string]any{
		"title_code": "TP-01281", "kind": "titre", "site": "Lyon", "start_date": "2027-03-01", "end_date": "2027-03-03", "candidates": 12,
	}}})
	assert.Equal(t, "2027-01-31", p["due"])
	assert.Nil(t, p["submitted_on"])

	e.on(date.New(2027, time.February, 1))
	s := e.must(http.StatusOK, adminToken, "POST", "/v1/programmes/2027/submit", nil)
	assert.Equal(t, "2027-02-01", s["submitted_on"])
	assert.Equal(t, true, s["late"])
	r = e.do(adminToken, "POST", "/v1/programmes/2027/submit", nil)
	assert.Equal(t, http.StatusConflict, r.Status)
	assert.Equal(t, "programme.already_submitted", r.Code(t))

	r = e.do(adminToken, "PUT", "/v1/programmes/2027", map[string]any{"sessions": []any{map[string]any{
		"title_code": "TP-01281", "kind": "titre", "site": "Lyon", "start_date": "2026-03-01", "end_date": "2026-03-03", "candidates": 0, "modality": "visio",
	}}})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	for _, f := range []string{"sessions[0].start_date", "sessions[0].candidates", "sessions[0].modality"} {
		assert.Contains(t, r.Fields(t), f)
	}
	for _, y := range []string{"1999", "20x7"} {
		r = e.do(adminToken, "GET", "/v1/programmes/"+y, nil)
		assert.Equal(t, http.StatusBadRequest, r.Status, y)
		assert.Contains(t, r.Fields(t), "year")
	}
	all := e.must(http.StatusOK, controllerToken, "GET", "/v1/programmes", nil)["programmes"].([]any)
	require.Len(t, all, 1)
	assert.Equal(t, http.StatusNotFound, e.do(otherToken, "GET", "/v1/programmes/2027", nil).Status)
}

func TestTheCandidatesHistoryOverHTTP(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	body := candidateBody("Léa", "Dubois", siretOther)
	body["trainings"] = []any{map[string]any{"organisation": "Lyon Formation", "from": "2025-09-01", "until": "2026-02-20",
		"trainers": []any{map[string]any{"name": "Paul Girard", "email": "Paul.Girard@example.fr"}}}}
	c := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", body)
	cid := c["id"].(string)
	assert.Equal(t, "paul.girard@example.fr", c["trainings"].([]any)[0].(map[string]any)["trainers"].([]any)[0].(map[string]any)["email"])
	assert.Empty(t, c["history"])

	h := e.must(http.StatusOK, adminToken, "POST", "/v1/candidates/"+cid+"/history", map[string]any{
		"title_code": "TP-01281", "kind": "titre", "on": "2026-02-26", "outcome": "failed"})
	require.Len(t, h["history"], 1)
	r := e.do(adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": cid})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	assert.Equal(t, "candidate.resit_needs_training", r.Code(t))
	assert.Contains(t, r.JSON(t)["detail"], "2026-02-26")

	r = e.do(adminToken, "POST", "/v1/candidates/"+cid+"/history", map[string]any{
		"title_code": "TP-01281", "kind": "titre", "on": "2026-02-26", "outcome": "partial_success"})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, r.Fields(t), "acquired")

	ccp := sessionBody()
	ccp["kind"], ccp["ccps"] = "ccp", []string{"CCP1", "CCP2", "CCP3"}
	sid := e.must(http.StatusCreated, adminToken, "POST", "/v1/sessions", ccp)["id"].(string)
	other := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", candidateBody("Marc", "Petit", siretOther))["id"].(string)
	e.must(http.StatusOK, adminToken, "POST", "/v1/candidates/"+other+"/history", map[string]any{
		"title_code": "TP-01281", "revision": "2018", "kind": "titre", "on": "2023-06-20", "outcome": "partial_success", "acquired": []string{"CCP2", "CCP3"}})
	reg := e.must(http.StatusCreated, adminToken, "POST", "/v1/sessions/"+sid+"/registrations", map[string]any{"candidate_id": other})
	assert.Equal(t, []any{"CCP1", "CCP3"}, reg["ccps"])
	assert.Equal(t, "on_site", reg["modality"])
}

func TestModalityAndProtectiveEquipmentOverHTTP(t *testing.T) {
	e := newEnv(t)
	remote := sessionBody()
	remote["modality"] = "remote"
	r := e.do(adminToken, "POST", "/v1/sessions", remote)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	assert.Equal(t, "titles.remote_not_open", r.Code(t))
	assert.Contains(t, r.JSON(t)["detail"], "TP-01281")

	w := e.newSession()
	e.register(&w)
	r = e.do(adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": w.c1, "modality": "remote"})
	assert.Contains(t, []int{http.StatusConflict, http.StatusUnprocessableEntity}, r.Status)

	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/order"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/receive"), map[string]any{"materials": []any{map[string]any{"name": "Poste", "quantity": 2}}})
	p := e.must(http.StatusOK, adminToken, "PUT", w.url("/pli/ppe"), map[string]any{"ppe": []string{"Chaussures de sécurité"}})
	assert.Equal(t, []any{"Chaussures de sécurité"}, p["ppe"])
	reg := w.url("/registrations/" + w.c1 + "/convocation")
	e.must(http.StatusOK, adminToken, "PUT", reg, convocationBody())
	r = e.do(adminToken, "POST", reg+"/validate", nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	assert.Equal(t, "candidate.convocation_ppe_missing", r.Code(t))
	assert.Contains(t, r.Fields(t), "ppe")
	draft := convocationBody()
	draft["ppe"] = []string{"chaussures de sécurité"}
	cv := e.must(http.StatusOK, adminToken, "PUT", reg, draft)
	assert.Equal(t, today.String(), cv["drafted_on"])
	r = e.do(adminToken, "POST", reg+"/validate", map[string]any{"validated_on": (today - 1).String()})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	assert.Equal(t, "candidate.validated_before_draft", r.Code(t))
	e.must(http.StatusOK, adminToken, "POST", reg+"/validate", nil)
}

func TestOutcomesOverHTTP(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	out := w.url("/registrations/" + w.c1 + "/outcome")
	r := e.do(adminToken, "POST", out, map[string]any{"outcome": "obtained"})
	assert.Equal(t, http.StatusConflict, r.Status, "before the opening: %s", r.Body)
	assert.Equal(t, "session.outcome_not_sat", r.Code(t))

	e.on(date.New(2027, time.March, 1))
	e.must(http.StatusOK, adminToken, "POST", w.url("/open"), nil)
	r = e.do(adminToken, "POST", out, map[string]any{"outcome": "won"})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, r.Fields(t), "outcome")
	c := e.must(http.StatusOK, adminToken, "POST", out, map[string]any{"outcome": "partial_success", "acquired": []string{"CCP1"}})
	h := c["history"].([]any)
	require.Len(t, h, 1)
	assert.Equal(t, w.sid, h[0].(map[string]any)["session_id"])
	assert.Equal(t, "2023", h[0].(map[string]any)["revision"])
}

func TestTheTimelineAndReadinessOverHTTP(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	ds := e.must(http.StatusOK, adminToken, "GET", w.url("/timeline"), nil)["deadlines"].([]any)
	assert.Equal(t, "programme", ds[0].(map[string]any)["key"])
	assert.Equal(t, "2027-01-31", ds[0].(map[string]any)["due"])
	found := e.must(http.StatusOK, adminToken, "GET", w.url("/readiness"), nil)["findings"].([]any)
	codes := map[string]string{}
	for _, f := range found {
		f := f.(map[string]any)
		codes[f["code"].(string)] = f["item"].(string)
	}
	assert.Equal(t, "compliance", codes["checklist.agrement_not_recorded"], "a warning until the centre records its agréments")
}
