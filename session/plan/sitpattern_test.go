package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// longSittings is a session whose observed épreuve O (290 minutes, 4
// candidates a sitting on the 4 workstations) takes most of a jury's
// 390-minute day: each candidate also has a short interview I (20
// minutes) on any day, two written parts W and V that the jury corrects,
// an interview A (65 minutes) on a day after O, then the final interview
// F; two juries, whose time sets the days.
func longSittings(candidates int) plan.Input {
	in := tiny(candidates, ep("I", 20, plan.Exclusive, "salle"),
		plan.Epreuve{ID: "O", DurationMin: 290, Jury: plan.Observe, ObserveCapacity: 5,
			Resources: []plan.ResourceNeed{{Type: "poste", Units: 1}}},
		ep("A", 65, plan.Exclusive, "salle"), ep("F", 10, plan.Exclusive, "salle"),
		ep("W", 105, plan.NoJury, "ecrit"), ep("V", 105, plan.NoJury, "ecrit"))
	in.Epreuves[3].Final = true
	in.Epreuves[4].CorrectedByJury, in.Epreuves[5].CorrectedByJury = true, true
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "O", After: "A", NextDay: true},
		{Type: plan.Precedes, Before: "W", After: "V", MaxGapMin: intp(120)}}
	in.Capacities = map[string]int{"poste": 4, "salle": 2, "ecrit": 12}
	in.Calendar.Blocks = []plan.Block{{Start: hm(7, 45), End: hm(14, 45)}}
	in.Calendar.MaxDays = candidates
	in.Hidden = &plan.Hidden{OpeningMin: 30, JuryBriefingMin: 30, JuryClosureMin: 30, AccueilMin: 5, ReadingMin: 10, CorrectionMin: 10, DeliberationMin: 10}
	in.Jury = plan.Jury{MembersPerJury: 2, MemberDayMin: 390, MaxJuries: 2}
	return in
}

// TestSittingPatternAlternatesTheJuries: with the sittings booked first,
// one jury watches a day's sitting while the other holds the interviews,
// and the session takes at most a day over the days its juries' time
// needs. Placed one by one, both juries hold interviews first and the
// sittings find no jury free for them: 8, 13 and 22 days for 24, 40 and
// 60 candidates, where the bound is 7, 12 and 17.
func TestSittingPatternAlternatesTheJuries(t *testing.T) {
	for _, n := range []int{24, 40, 60} {
		p := solve(t, longSittings(n))
		assert.LessOrEqual(t, len(p.Days), p.LowerBounds.Days+1, "N=%d", n)
	}
}
