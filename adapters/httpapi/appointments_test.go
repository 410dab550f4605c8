package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAConvocationCarriesThePlansAppointments(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	conv := e.must(http.StatusOK, adminToken, "GET", w.url("/registrations/"+w.c1+"/convocation"), nil)
	as, ok := conv["appointments"].([]any)
	require.True(t, ok, "%v", conv)
	require.Len(t, as, 1)
	first := as[0].(map[string]any)
	assert.Equal(t, "2027-03-01T08:30", first["at"])
	assert.Equal(t, true, first["opening"], "the candidates of the first day come to the opening")
	assert.Equal(t, "Salle entretien", first["room"], "the room, named from its resource type")
	assert.Equal(t, conv["appointment"], first["at"], "appointment is the first of them")
}

// TestAPlanChangeIsCorrected: the plan moves the validated convocations'
// times earlier; readiness blocks, naming the candidates, until each
// correction is validated and delivered.
// moveThePlan moves the plan of a prepared session to an earlier start,
// which its delivered convocations no longer meet.
func (e *env) moveThePlan(w world) {
	e.t.Helper()
	moved := smallPlan()
	moved["calendar"] = map[string]any{"blocks": []any{[]string{"08:00", "12:00"}, []string{"13:00", "17:00"}}}
	e.must(http.StatusOK, adminToken, "PUT", w.url("/plan"), moved)
}

// correctionBody is the body of a correction: the plan gives the
// appointments.
func correctionBody() map[string]any {
	return map[string]any{"place": "Centre de Lyon, salle 4", "documents": []string{"Convocation", "Pièce d'identité en cours de validité"}}
}

func TestAPlanChangeIsCorrected(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	e.moveThePlan(w)

	unmet := func() string {
		r := e.must(http.StatusOK, adminToken, "GET", w.url("/readiness"), nil)
		for _, f := range r["findings"].([]any) {
			if f := f.(map[string]any); f["code"] == "checklist.convocations_unmet" {
				assert.Equal(t, "blocking", f["severity"])
				return f["message"].(string)
			}
		}
		return ""
	}
	msg := unmet()
	assert.Contains(t, msg, "Alice Petit")
	assert.Contains(t, msg, "Bruno Lefèvre")

	r := e.do(adminToken, "PUT", w.url("/registrations/"+w.c1+"/convocation"), convocationBody())
	assert.Equal(t, http.StatusConflict, r.Status, "a validated convocation is corrected, not drafted again: %s", r.Body)
	corrected := e.must(http.StatusOK, adminToken, "POST", w.url("/registrations/"+w.c1+"/convocation/correction"), correctionBody())
	assert.Equal(t, "drafted", corrected["state"])
	assert.Equal(t, "2027-03-01T08:00", corrected["appointment"], "the new plan's time")
	replaces := corrected["replaces"].([]any)
	require.Len(t, replaces, 1)
	assert.Equal(t, "delivered", replaces[0].(map[string]any)["state"], "the convocation it replaces, as it was")

	conv := w.url("/registrations/" + w.c1 + "/convocation")
	e.must(http.StatusOK, adminToken, "POST", conv+"/validate", nil)
	e.must(http.StatusOK, adminToken, "POST", conv+"/delivery", map[string]any{"method": "hand", "delivered_on": "2026-11-02", "received_by": "the candidate"})
	msg = unmet()
	assert.NotContains(t, msg, "Alice Petit", "corrected and delivered")
	assert.Contains(t, msg, "Bruno Lefèvre")

	r = e.do(adminToken, "POST", w.url("/registrations/"+w.c2+"/convocation/correction"), map[string]any{"appointment": "2027-03-01T08:30"})
	assert.Equal(t, http.StatusUnprocessableEntity, r.Status, "a correction still misses the plan: %s", r.Body)
	assert.Equal(t, "candidate.appointments_unmet", r.Code(t))
}

// TestTheBatchOfLettersNamesThoseWithout: a registration without a
// convocation no longer makes the file 404; the file and a header say who.
func TestTheBatchOfLettersNamesThoseWithout(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	e.register(&w)
	e.must(http.StatusOK, adminToken, "PUT", w.url("/registrations/"+w.c1+"/convocation"), convocationBody())
	r := e.do(adminToken, "GET", w.url("/convocations.pdf"), nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	assert.Equal(t, w.c2, r.Header.Get("Convocations-Missing"))
	text := pdfText(t, r.Body)
	assert.Contains(t, text, "1 lettre dans ce fichier ; 1 candidat inscrit sans lettre")
	assert.Contains(t, text, "Bruno LEFÈVRE Sans lettre : aucune convocation n'est rédigée.")
	assert.Contains(t, text, "Alice PETIT")
}

// TestSpreadsheetDamageIsRefused: what a wrong character set or a number
// format makes of a name or a postcode answers 400 with a hint.
func TestSpreadsheetDamageIsRefused(t *testing.T) {
	e := newEnv(t)
	body := candidateBody("?tefan", "Popescu", siretOther)
	r := e.do(adminToken, "POST", "/v1/candidates", body)
	require.Equal(t, http.StatusBadRequest, r.Status)
	assert.Equal(t, []string{"first_name"}, r.Fields(t))
	assert.Contains(t, string(r.Body), "UTF-8")

	body = candidateBody("Ştefan", "Popescu", siretOther)
	body["postal_address"] = map[string]any{"lines": []string{"3 rue des Pins"}, "postcode": "1000", "city": "Bourg-en-Bresse"}
	r = e.do(adminToken, "POST", "/v1/candidates", body)
	require.Equal(t, http.StatusBadRequest, r.Status)
	assert.Equal(t, []string{"postal_address.postcode"}, r.Fields(t))
	assert.Contains(t, string(r.Body), "01000")

	body["postal_address"] = map[string]any{"lines": []string{"3 rue des Pins"}, "postcode": "1000", "city": "Bruxelles", "country": "Belgique"}
	created := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", body)
	assert.Equal(t, "Belgique", created["postal_address"].(map[string]any)["country"])

	csv := "Nom;Prénom;Date de naissance\nPopescu;Ştefan;12/04/1995\nWa?\x65sa;Lukasz;03/09/1990\n"
	r = e.send(request{token: adminToken, method: "POST", path: "/v1/candidates/import?default_route=formation", body: strings.NewReader(csv),
		headers: []string{"Content-Type: text/csv; charset=utf-8"}})
	require.Equal(t, http.StatusBadRequest, r.Status)
	assert.Equal(t, []string{"lines[3].last_name"}, r.Fields(t))
	assert.Contains(t, string(r.Body), "UTF-8")
}

// TestADocumentSaysWhatItCannotPrint: a character the font lacks is named
// in a header, and printed as U+FFFD.
func TestADocumentSaysWhatItCannotPrint(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	id := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", candidateBody("Mei", "王", siretOther))["id"].(string)
	e.must(http.StatusCreated, adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": id})
	e.must(http.StatusOK, adminToken, "PUT", w.url("/registrations/"+id+"/convocation"), convocationBody())
	r := e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + id + "/convocation"), headers: []string{"Accept: application/pdf"}})
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "U+738B", r.Header.Get("Unprintable-Characters"))
	assert.Contains(t, pdfText(t, r.Body), "Mei \uFFFD")
}

// TestACalendarIsFirstPublishedAtSequenceZero: and published again
// unchanged, it stays there.
func TestACalendarIsFirstPublishedAtSequenceZero(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	for _, path := range []string{w.url("/registrations/" + w.c1 + "/calendar.ics"), w.url("/invitations/" + w.jury + "/calendar.ics")} {
		first := e.do(juryOrAdmin(path), "GET", path, nil)
		require.Equal(t, http.StatusOK, first.Status, "%s", first.Body)
		assert.Contains(t, string(first.Body), "SEQUENCE:0")
		assert.NotContains(t, string(first.Body), "SEQUENCE:1")
		assert.NotContains(t, string(first.Body), "CANCELLED")
		again := e.do(juryOrAdmin(path), "GET", path, nil)
		assert.True(t, bytes.Equal(first.Body, again.Body), "published again unchanged, the same calendar")
	}
}

func juryOrAdmin(path string) string {
	if strings.Contains(path, "/invitations/") {
		return juryToken
	}
	return adminToken
}

// TestSittingsFromThePlan: the plan's sittings recorded in one call, each
// registered candidate in them; the controller may not.
func TestSittingsFromThePlan(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	r := e.must(http.StatusOK, adminToken, "POST", w.url("/plan/sittings"), nil)
	ss := r["sittings"].([]any)
	require.NotEmpty(t, ss)
	seen := map[string]bool{}
	for _, s := range ss {
		for _, c := range s.(map[string]any)["candidates"].([]any) {
			seen[c.(string)] = true
		}
	}
	assert.Equal(t, map[string]bool{w.c1: true, w.c2: true}, seen)
	exam := e.must(http.StatusOK, adminToken, "GET", w.url("/exam"), nil)
	assert.Len(t, exam["sittings"], len(ss))
	assert.Equal(t, http.StatusForbidden, e.do(controllerToken, "POST", w.url("/plan/sittings"), nil).Status)
}
