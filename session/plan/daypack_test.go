package plan_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// oneBenchTwoParts is two parts A (185 minutes) and B on the one bench, in
// a 420-minute day: with B of 235 minutes both fit a day; from 236, a day
// holds one B, or two A.
func oneBenchTwoParts(candidates, b int) plan.Input {
	in := tiny(candidates, ep("A", 185, plan.NoJury, "poste"), ep("B", b, plan.NoJury, "poste"))
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(15, 0)}}
	in.Calendar.MaxDays = 3 * candidates
	return in
}

func TestPartsThatDoNotShareADay(t *testing.T) {
	for _, tt := range []struct{ b, days int }{{235, 3}, {236, 5}, {295, 5}} {
		p := solve(t, oneBenchTwoParts(3, tt.b))
		assert.Equal(t, tt.days, p.LowerBounds.Days, "B of %d minutes", tt.b)
		assert.Len(t, p.Days, tt.days, "B of %d minutes", tt.b)
	}
	// A reset between two candidates' uses: two A of one candidate each
	// cannot follow one another, 185 + 30 + 185 > 380.
	in := oneBenchTwoParts(2, 100)
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(14, 20)}}
	in.StationResetMin = map[string]int{"poste": 30}
	p := solve(t, in)
	assert.Equal(t, 2, p.LowerBounds.Days, "A, B of one candidate fit a day; a second A does not")
}

// TestLongSittingsThatDoNotShareAJuryDay: one jury watches sittings of O1
// (215 minutes, one candidate each) and O2 (280, two each); two never fit
// its 420-minute day, so 4 candidates need 4 + 2 days; O1 of 140 minutes
// fits twice with O2, or three times alone: 3 days.
func TestLongSittingsThatDoNotShareAJuryDay(t *testing.T) {
	for _, tt := range []struct{ o1, days int }{{215, 6}, {140, 3}} {
		o1 := ep("O1", tt.o1, plan.Observe, "salle")
		o1.ObserveCapacity = 1
		o2 := ep("O2", 280, plan.Observe, "salle")
		o2.ObserveCapacity = 2
		in := tiny(4, o1, o2)
		in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(15, 0)}}
		in.Jury.MaxJuries = 1
		p := solve(t, in)
		assert.Equal(t, tt.days, p.LowerBounds.Days, "O1 of %d minutes", tt.o1)
		assert.Len(t, p.Days, tt.days, "O1 of %d minutes", tt.o1)
	}
}

// TestDayOneHoldsFewerInterviews: an observed part M (90 minutes) comes
// before the interview X, and the final interview Y after it, both in one
// of two rooms, in a 240-minute day: on day 1 a room holds X and Y only
// after 9:30, two of them; later days four. 6 candidates (12 uses) fit in
// 2 days, 8 need 3, though the rooms' minutes and their uses a day
// (8 + 8) would allow 2.
func TestDayOneHoldsFewerInterviews(t *testing.T) {
	for _, tt := range []struct{ candidates, days int }{{6, 2}, {8, 3}} {
		in := tiny(tt.candidates, ep("M", 90, plan.NoJury, "salle"), ep("X", 60, plan.NoJury, "poste"), ep("Y", 60, plan.NoJury, "poste"))
		in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "M", After: "X"}, {Type: plan.Last, Epreuve: "Y"}}
		in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}}
		in.Capacities["poste"] = 2
		p := solve(t, in)
		assert.Equal(t, tt.days, p.LowerBounds.Days, "%d candidates", tt.candidates)
		assert.Len(t, p.Days, tt.days, "%d candidates", tt.candidates)
	}
}

// drawPacked draws an input of drawGapped with every épreuve on the
// station and longer parts, so that which of them share a day binds.
func drawPacked(rng *rand.Rand) plan.Input {
	in := drawGapped(rng)
	for i := range in.Epreuves {
		in.Epreuves[i].Resources = []plan.ResourceNeed{{Type: "poste", Units: 1}}
		in.Epreuves[i].DurationMin = []int{60, 90, 120, 150}[rng.IntN(4)]
	}
	return in
}

// TestDayPatternBoundsNeverExceedTheOptimum checks the days bound against
// the exhaustive search's optimum where the day patterns bind.
func TestDayPatternBoundsNeverExceedTheOptimum(t *testing.T) {
	runs := 200
	if testing.Short() || raceDetector {
		runs = 40
	}
	tried, tight := exhaustiveDays(t, rand.New(rand.NewPCG(2028, 9)), drawPacked, runs)
	t.Logf("%d inputs searched; the bound is the optimum on %d", tried, tight)
}
