package httpapi

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tpsession/tpsession"
)

// FuzzDecodeJSON feeds arbitrary bodies to the decoder of every kind of
// request: it never panics, refuses only with an Invalid error (400), and
// what it accepts encoding/json decodes to the same value.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{}`, `null`, `[]`, `{"title_code": "TP-01281", "planned_candidates": 12, "responsable": {"name": "C", "email": "c@x.fr"}}`,
		`{"host_companies": [{"siret": "55203253400646", "from": "2026-01-01"}], "postal_address": {"lines": ["a"]}}`,
		`{"site": "a", "site": "b"}`, `{"planned_candidates": 1e999}`, `{"a": {"b": [1, {"c": null}]}}`,
		`{"start_date": null, "uses_computers": true}`, `{"available": -1, "operational_from": "2027-01-01"}`,
		`{"candidates": 2, "epreuves": [{"id": "EF", "duration_min": 60}], "calendar": {"blocks": [["08:30", "12:30"]]}}`,
		"{\"x\": \"\xff\"}", `{"materials": [{"name": "poste", "quantity": 2.0}]}`,
	} {
		f.Add([]byte(seed))
	}
	a := &api{v: NewValidator()}
	types := []reflect.Type{
		reflect.TypeFor[createSessionRequest](), reflect.TypeFor[changeSessionRequest](), reflect.TypeFor[candidateRequest](),
		reflect.TypeFor[memberRequest](), reflect.TypeFor[equipmentRequest](), reflect.TypeFor[receiveRequest](),
		reflect.TypeFor[planRequest](),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, typ := range types {
			dst := reflect.New(typ).Interface()
			err := a.decodeJSON(data, dst)
			if err != nil {
				if k := tpsession.KindOf(err); k != tpsession.Invalid {
					t.Fatalf("%s: %q refused with a %s error: %v", typ, data, k, err)
				}
				continue
			}
			if typ == reflect.TypeFor[planRequest]() {
				continue // plan.Decode reads it, with its own checks
			}
			again := reflect.New(typ).Interface()
			if err := json.Unmarshal(data, again); err != nil {
				t.Fatalf("%s: %q accepted by the walk, refused by encoding/json: %v", typ, data, err)
			}
			if !reflect.DeepEqual(dst, again) {
				t.Fatalf("%s: %q decoded differently", typ, data)
			}
		}
	})
}
