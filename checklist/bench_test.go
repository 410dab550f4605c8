package checklist_test

import (
	"fmt"
	"testing"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

// BenchmarkEvaluate judges a large session: 100 candidates, 40 materials
// over a 10-working-day session. Run with
// go test -run '^$' -bench Evaluate ./checklist.
func BenchmarkEvaluate(b *testing.B) {
	c, err := checklist.New("centre-lyon", "ses_01J0000000000000000000000A")
	if err != nil {
		b.Fatal(err)
	}
	f := checklist.Facts{
		Period:        tpsession.DateRange{From: march1, Until: march1 + 11},
		Kind:          tpsession.KindTitre,
		Items:         c.Items,
		UsesComputers: true,
		Jury:          checklist.JuryFacts{Accepted: 20, Needed: 20, Assigned: true},
		Pli:           checklist.PliFacts{Received: true, OrganisateurRead: true, Secured: true},
		PlanMade:      true,
	}
	for i := range 40 {
		name := fmt.Sprintf("Matériel %02d", i)
		f.Materials = append(f.Materials, checklist.Material{Name: name, Quantity: 10})
		if _, err := c.SetEquipment(name, operational(9+i%2, march1, march1+10), actor, today); err != nil {
			b.Fatal(err)
		}
	}
	f.Equipment = c.Equipment
	states := []checklist.ConvocationState{checklist.ConvocationDelivered, checklist.ConvocationSent, checklist.ConvocationValidated, checklist.ConvocationDrafted}
	for i := range 100 {
		f.Registrations = append(f.Registrations, checklist.Registration{
			Candidate:   tpsession.CandidateID(fmt.Sprintf("can_01J00000000000000000000%03d", i)),
			Name:        fmt.Sprintf("Candidate %03d", 100-i),
			Convocation: states[i%len(states)],
			InPanel:     i%10 != 0,
		})
	}
	b.ReportAllocs()
	for b.Loop() {
		checklist.Evaluate(f)
	}
}
