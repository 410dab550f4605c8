package webui_test

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/auth"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/webui"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
)

var (
	adminToken      = strings.Repeat("a", 32)
	juryToken       = strings.Repeat("j", 32)
	controllerToken = strings.Repeat("c", 32)
	otherToken      = strings.Repeat("o", 32)
	strangerToken   = strings.Repeat("s", 32)
)

const juryEmail = "jeanne.martin@jury.example"

// env is a dashboard over an in-memory store on Monday 4 January 2027, with
// a centre holding a session that starts on 1 February (so that its
// declaration is overdue), to which a jury member is invited and whose pli
// is ordered, and another centre with a session of its own.
type env struct {
	svc     *session.Service
	handler http.Handler
	admin   session.Actor
	// seeded is the Lyon centre's session, other the Nantes centre's.
	seeded, other session.Session
	member        jury.Member
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx, store := context.Background(), memstore.New()
	paris, err := tpsession.LoadParis()
	require.NoError(t, err)
	svc, err := session.NewService(session.Stores{Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store},
		session.Config{Clock: tpsession.NewFixedClock(time.Date(2027, 1, 4, 9, 0, 0, 0, paris)), Location: paris})
	require.NoError(t, err)
	tokens, err := auth.NewTokens([]auth.TokenEntry{
		{Token: adminToken, Centre: "centre-lyon", Role: "admin", Name: "Claire Martin"},
		{Token: juryToken, Centre: "centre-lyon", Role: "jury", MemberEmail: juryEmail, Name: "Jeanne Martin"},
		{Token: controllerToken, Centre: "centre-lyon", Role: "controller", Name: "Inspection DREETS"},
		{Token: otherToken, Centre: "centre-nantes", Role: "admin", Name: "Paul Girard"},
		{Token: strangerToken, Centre: "centre-lyon", Role: "jury", MemberEmail: "nobody@jury.example"},
	})
	require.NoError(t, err)
	sample, err := os.ReadFile("../../examples/server/deroule-cda.json")
	require.NoError(t, err)
	e := &env{svc: svc, admin: session.Actor{Centre: "centre-lyon", Name: "Claire Martin", Role: session.RoleAdmin}}
	e.handler = webui.New(svc, webui.WithTokens(tokens), webui.WithSamples(webui.Sample{Name: "cda", Label: "CDA, 8 candidats", Input: sample}))
	details := session.Details{Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: "12 rue des Lilas, 69003 Lyon", Start: date.New(2027, 2, 1), End: date.New(2027, 2, 3), PlannedCandidates: 8,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"}}
	e.seeded, err = svc.CreateSession(ctx, e.admin, details)
	require.NoError(t, err)
	e.member, err = svc.CreateMember(ctx, e.admin, jury.MemberInput{Name: "Jeanne Martin", Email: juryEmail,
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2025-01-01", ValidUntil: "2030-12-31"}}})
	require.NoError(t, err)
	_, _, err = svc.Invite(ctx, e.admin, e.seeded.ID, e.member.ID)
	require.NoError(t, err)
	_, _, err = svc.OrderPli(ctx, e.admin, e.seeded.ID, date.Zero)
	require.NoError(t, err)
	e.other, err = svc.CreateSession(ctx, session.Actor{Centre: "centre-nantes", Name: "Paul Girard", Role: session.RoleAdmin}, details)
	require.NoError(t, err)
	return e
}
