package httpapi_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/httpapi"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

// The handler serves the API of a Service; the host says who the requests
// come from, here with static bearer tokens.
func ExampleNew() {
	store := memstore.New()
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store,
	}, session.Config{Clock: tpsession.NewFixedClock(time.Date(2026, time.November, 2, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		fmt.Println(err)
		return
	}
	tokens, err := httpapi.LoadTokens(strings.NewReader(`[
		{"token": "0123456789abcdef0123456789abcdef", "centre": "centre-lyon", "role": "admin", "name": "Claire Martin"}
	]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(httpapi.New(svc, httpapi.WithAuthenticator(tokens), httpapi.WithLogger(slog.New(slog.DiscardHandler))))
	defer srv.Close()

	post := func(token, body string) {
		req, _ := http.NewRequest("POST", srv.URL+"/v1/sessions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"), len(b) > 0)
	}
	post("0123456789abcdef0123456789abcdef", `{"title_code": "TP-01281", "title_name": "Concepteur développeur d'applications",
		"kind": "titre", "site": "Centre de Lyon", "start_date": "2027-03-01", "end_date": "2027-03-03",
		"planned_candidates": 12, "responsable": {"name": "Claire Martin", "email": "claire.martin@example.fr"}}`)
	post("not-a-token", `{}`)
	// Output:
	// 201 application/json true
	// 401 application/problem+json true
}
