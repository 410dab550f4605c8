package httpapi_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/tpsession/tpsession/adapters/httpapi"
)

// FuzzRequests sends arbitrary bodies, under arbitrary Content-Types, to
// the routes that read the richest bodies and to one whose body only may
// be {}: whatever the request, the answer is never a 500, and it is one
// the OpenAPI document describes.
//
// The handler and its data are built once per fuzzing process, not per
// input, so that inputs run by the thousand: the store keeps what earlier
// inputs created (candidates, a changed session), which the routes must
// survive too. Run it with
//
//	go test -run '^$' -fuzz FuzzRequests -fuzztime 1m ./adapters/httpapi/
func FuzzRequests(f *testing.F) {
	e := newEnv(f, httpapi.WithLogger(slog.New(slog.DiscardHandler)))
	w := e.newSession()
	e.staff(&w)
	e.register(&w)
	targets := []struct{ method, path string }{
		{"POST", "/v1/candidates"},
		{"PATCH", w.sessionURL},
		{"PUT", w.url("/registrations/" + w.c1 + "/convocation")},
		{"POST", w.url("/registrations/" + w.c2 + "/convocation/delivery")},
		{"POST", "/v1/jury-members"},
		{"POST", w.url("/pli/receive")},
		{"PUT", w.url("/equipment/Poste%20informatique")},
		{"POST", w.url("/jury-assignment")},
		{"POST", "/v1/candidates/import"},
	}
	contentTypes := []string{
		"application/json", "application/json; charset=utf-8", "application/merge-patch+json",
		"text/csv; charset=windows-1252", "text/plain", "", "application/", "application/json; charset=latin1",
	}
	for i, seed := range []string{
		`{}`, `{"first_name": "A", "last_name": "B", "birth_date": "1990-01-01", "route": "vae", "vae_recevabilite_on": "2026-01-01"}`,
		`{"host_companies": [{"siret": "55203253400646", "name": "X", "from": "2026-01-01", "until": "2026-02-01"}]}`,
		`{"postal_address": {"lines": ["1", "2", "3", "4", "5"], "postcode": "69003"}}`, `{"titles_held": ["TP-01281", "TP-01281"]}`,
		`{"start_date": "2027-03-02", "planned_candidates": 600}`, `{"appointment": "2027-03-01T24:00", "documents": [""]}`,
		`{"method": "hand", "delivered_on": "2026-11-02", "received_by": "x"}`, `{"available": -1, "operational_from": "2027-01-01"}`,
		`{"materials": [{"name": "poste", "quantity": 2.0}]}`, "Nom;Prénom;Date de naissance\nPetit;Alice;12/04/1995\n", ``, `null`,
	} {
		for route := range targets {
			f.Add(route, contentTypes[(i+route)%len(contentTypes)], []byte(seed))
		}
	}
	f.Fuzz(func(t *testing.T, route int, contentType string, body []byte) {
		run := *e
		run.t = t
		tg := targets[(route%len(targets)+len(targets))%len(targets)]
		r := run.send(request{token: adminToken, method: tg.method, path: tg.path, body: body, headers: []string{"Content-Type: " + contentType}})
		if r.Status >= http.StatusInternalServerError {
			t.Fatalf("%s %s (Content-Type %q) with %q: %d %s", tg.method, tg.path, contentType, body, r.Status, r.Body)
		}
	})
}
