package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tpsession/tpsession/adapters/httpapi"
)

// The handler's own cost per request, without the network: go test -run
// '^$' -bench . -benchmem ./adapters/httpapi/ (examples/loadgen measures
// it over loopback connections).
func BenchmarkHandler(b *testing.B) {
	e := newEnv(b, httpapi.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	w := e.newSession()
	small := []byte(`{"id":"ses_01M8DHNTPN3ZB56X50NX9RZ69C","status":"declared"}` + "\n")
	bare := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(small)
	})
	for _, bc := range []struct {
		name, method, path, body string
		h                        http.Handler
	}{
		{"baseline", "GET", "/", "", bare},
		{"GET session", "GET", w.sessionURL, "", e.h},
		{"GET timeline", "GET", w.url("/timeline"), "", e.h},
		{"PUT checklist item", "PUT", w.url("/checklist/rules_displayed"), `{"status": "ok", "note": "affiché en salle 2"}`, e.h},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(bc.method, bc.path, strings.NewReader(bc.body))
				r.Header.Set("Authorization", "Bearer "+adminToken)
				if bc.body != "" {
					r.Header.Set("Content-Type", "application/json")
				}
				rec := httptest.NewRecorder()
				bc.h.ServeHTTP(rec, r)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
