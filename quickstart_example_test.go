package tpsession_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// check stops the quick start at its first error.
func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// The README's quick start: a service over the in-memory store, a session
// declared, planned from its title's déroulé-type, and its deadlines. The
// clock is fixed so that the output is the same on any day.
func Example_quickStart() {
	ctx, clock := context.Background(), tpsession.NewFixedClock(time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC))
	svc, err := session.NewService(session.StoresOf(memstore.New()), session.Config{Clock: clock})
	check(err)
	by := session.Actor{Centre: "centre-lyon", Name: "Claire Martin", Role: session.RoleAdmin}
	s, err := svc.CreateSession(ctx, by, session.Details{Title: "TP-01281", TitleName: "Concepteur développeur d'applications",
		Kind: "titre", Site: "12 rue des Lilas, 69003 Lyon", Start: date.New(2027, 4, 5), End: date.New(2027, 4, 7),
		PlannedCandidates: 8, Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"}})
	check(err)
	_, err = svc.Declare(ctx, by, s.ID, date.Zero)
	check(err)
	deroule, err := os.ReadFile("examples/server/deroule-cda.json") // the title's déroulé-type
	check(err)
	in, err := plan.DecodeBytes(deroule)
	check(err)
	rec, err := svc.PlanSession(ctx, by, s.ID, in)
	check(err)
	fmt.Printf("%d juries, %d members, %d days\n", rec.Plan.Juries, rec.Plan.Members, len(rec.Plan.Days))
	deadlines, err := svc.Timeline(ctx, by, s.ID)
	check(err)
	for _, d := range deadlines {
		fmt.Println(d.Due, d.Key, d.Status)
	}
	// Output:
	// 2 juries, 4 members, 2 days
	// 2027-01-31 programme pending
	// 2027-01-05 declare done
	// 2027-03-21 invite_jury pending
	// 2027-01-05 order_pli due_soon
	// 2027-03-22 receive_pli pending
	// 2027-03-05 validate_convocations pending
	// 2027-04-02 readiness pending
	// 2027-04-05 open pending
}

// TestREADMEQuickStartIsTheExample: the README shows the quick start's code
// as Example_quickStart runs it, line for line.
func TestREADMEQuickStartIsTheExample(t *testing.T) {
	src, err := os.ReadFile("quickstart_example_test.go")
	require.NoError(t, err)
	_, body, ok := strings.Cut(string(src), "func Example_quickStart() {\n")
	require.True(t, ok)
	body, _, ok = strings.Cut(body, "\t// Output:")
	require.True(t, ok)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for line := range strings.Lines(body) {
		line = strings.TrimPrefix(strings.TrimRight(line, "\n"), "\t")
		assert.Contains(t, string(readme), "\t"+line+"\n", "the README's quick start lacks a line of Example_quickStart")
	}
}
