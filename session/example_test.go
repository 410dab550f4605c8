package session_test

import (
	"context"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

func ExampleService() {
	paris, _ := tpsession.LoadParis()
	store := memstore.New()
	svc, _ := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store, Members: store,
		Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store,
	}, session.Config{
		Clock:    tpsession.NewFixedClock(time.Date(2026, time.November, 27, 9, 0, 0, 0, paris)),
		Location: paris,
	})
	ctx := context.Background()
	by := session.Actor{Centre: "centre-lyon", Name: "Claire Martin"}

	s, _ := svc.CreateSession(ctx, by, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: "12 rue des Lilas, 69003 Lyon", Start: date.New(2027, time.March, 1), End: date.New(2027, time.March, 3),
		PlannedCandidates: 12, Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
	})
	s, _ = svc.Declare(ctx, by, s.ID, date.Zero)
	fmt.Println(s.Status())

	deadlines, _ := svc.Timeline(ctx, by, s.ID)
	for _, d := range deadlines {
		fmt.Println(d.Key, d.Due, d.Status)
	}
	// Output:
	// declared
	// programme 2027-01-31 pending
	// declare 2026-12-01 done
	// invite_jury 2027-02-14 pending
	// order_pli 2026-12-01 due_soon
	// receive_pli 2027-02-15 pending
	// validate_convocations 2027-01-29 pending
	// readiness 2027-02-26 pending
	// open 2027-03-01 pending
}
