package httpapi_test

import (
	"net/http"
	"testing"
)

// FuzzRequests sends arbitrary bodies to the routes that take the richest
// ones: whatever the body, the answer is never a 500.
func FuzzRequests(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"first_name": "A", "last_name": "B", "birth_date": "1990-01-01", "route": "vae", "vae_recevabilite_on": "2026-01-01"}`,
		`{"host_companies": [{"siret": "55203253400646", "name": "X", "from": "2026-01-01", "until": "2026-02-01"}]}`,
		`{"postal_address": {"lines": ["1", "2", "3", "4", "5"], "postcode": "69003"}}`, `{"titles_held": ["TP-01281", "TP-01281"]}`,
		`{"start_date": "2027-03-02", "planned_candidates": 600}`, `{"appointment": "2027-03-01T24:00", "documents": [""]}`,
	} {
		f.Add(0, []byte(seed))
		f.Add(1, []byte(seed))
		f.Add(2, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, route int, body []byte) {
		e := newEnv(t)
		w := e.newSession()
		e.register(&w)
		targets := []struct{ method, path string }{
			{"POST", "/v1/candidates"},
			{"PATCH", w.sessionURL},
			{"PUT", w.url("/registrations/" + w.c1 + "/convocation")},
		}
		tg := targets[(route%len(targets)+len(targets))%len(targets)]
		r := e.do(adminToken, tg.method, tg.path, body)
		if r.Status >= http.StatusInternalServerError {
			t.Fatalf("%s %s with %q: %d %s", tg.method, tg.path, body, r.Status, r.Body)
		}
	})
}
