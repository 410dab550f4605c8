package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// tiedInterview is a session whose interview I must end when the morning
// does: the written parts W (135 minutes) and V (120) follow it, each at
// most 60 minutes after the last, and cannot share the 270-minute
// afternoon with it. Each of the 2 interview rooms holds one I a day; the
// rooms also carry a later interview L (75 minutes, after V, so on a later
// day, before the afternoon's practical test T) and a free one F (65).
// The candidates' first day is a practical part P then its jury part J on
// the same station.
func tiedInterview(candidates int) plan.Input {
	room := func(id string, minutes int) plan.Epreuve { return ep(id, minutes, plan.Exclusive, "salle_jury") }
	in := tiny(candidates,
		ep("P", 100, plan.NoJury, "poste"), ep("J", 45, plan.Exclusive, "poste"), room("I", 35),
		ep("W", 135, plan.NoJury, "salle_ecrit"), ep("V", 120, plan.NoJury, "salle_ecrit"),
		room("L", 75), ep("T", 270, plan.NoJury, "poste"), room("F", 65))
	in.Epreuves[3].CorrectedByJury, in.Epreuves[4].CorrectedByJury = true, true
	in.Constraints = []plan.Constraint{
		{Type: plan.Precedes, Before: "P", After: "J"},
		{Type: plan.SameStation, Epreuves: []string{"P", "J"}},
		{Type: plan.Precedes, Before: "J", After: "I"},
		{Type: plan.Precedes, Before: "I", After: "W", MaxGapMin: intp(60)},
		{Type: plan.Precedes, Before: "W", After: "V", MaxGapMin: intp(60)},
		{Type: plan.Precedes, Before: "V", After: "L"},
		{Type: plan.Precedes, Before: "L", After: "T"},
	}
	in.Capacities = map[string]int{"poste": 6, "salle_ecrit": 11, "salle_jury": 2}
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 45), End: hm(11, 15)}, {Start: hm(12, 15), End: hm(16, 45)}}
	in.Calendar.MaxDays = 3 * candidates
	in.Hidden = &plan.Hidden{OpeningMin: 30, JuryBriefingMin: 30, JuryClosureMin: 30, AccueilMin: 5, CorrectionMin: 10, DeliberationMin: 10}
	in.Jury = plan.Jury{MembersPerJury: 3, MemberDayMin: 450, MaxJuries: 4}
	return in
}

// TestWindowPatternKeepsTheDailySlots: every day, each room's slot at
// 10:40 goes to an I, so that the session takes the days its slots need:
// one a day per room, after a first day for the first candidates' P and J
// and before a last one for the last candidates' L and T, which the
// bound counts too (placed one by one, 40 candidates take 29 days where
// 22 suffice: the F and L placed at their earliest cover the slot).
func TestWindowPatternKeepsTheDailySlots(t *testing.T) {
	for _, n := range []int{12, 40} {
		in := tiedInterview(n)
		p := solve(t, in)
		assert.Equal(t, (n+1)/2+2, p.LowerBounds.Days, "N=%d", n)
		assert.Len(t, p.Days, p.LowerBounds.Days, "N=%d", n)
		for _, it := range find(p, 1, "I") {
			assert.Equal(t, "10:40", it.Segments[0].Start.String())
		}
	}
}
