package plan_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// The day windows (daywindows.go) bound the uses of an épreuve that
// maximum gaps reaching over a break tie to others. Both sides: the
// bound never exceeds the exhaustive optimum of small inputs whose
// precedences carry such gaps, and on a hand-worked input it proves the
// optimum that the other bounds miss.

// drawTied draws an input of drawStations whose plain precedences carry,
// one time in two, a maximum gap as long as the break or longer, so that
// the épreuves they join may lie on either side of it.
func drawTied(rng *rand.Rand) plan.Input {
	in := drawStations(rng)
	for i, c := range in.Constraints {
		if c.Type == plan.Precedes && rng.IntN(2) == 0 {
			in.Constraints[i].MaxGapMin = intp([]int{60, 90, 120}[rng.IntN(3)])
		}
	}
	return in
}

func TestDayWindowsNeverExceedTheOptimum(t *testing.T) {
	runs := 150
	if testing.Short() || raceDetector {
		runs = 40
	}
	tried, tight := exhaustiveDays(t, rand.New(rand.NewPCG(2027, 12)), drawTied, runs)
	t.Logf("%d inputs searched; the bound is the optimum on %d", tried, tight)
}

// TestDayWindowsProveTheOptimum: blocks 08:00–10:00 and 11:00–15:00. Each
// candidate sits I (30 minutes, the jury, the one interview room), then W
// (150 minutes, no jury, a written room of 10 seats) at most 60 minutes
// after I ends, then V (90 minutes, the written room) at most 60 minutes
// after W ends. I, W and V take 270 minutes and more; the afternoon has
// 240, so I lies in the morning, W starts at 11:00 (it cannot lie in the
// morning with I, 30 + 150 > 120) at most 60 minutes after I ends: I
// ends at 10:00, starts at 09:30. The room holds one I a day, so 3
// candidates need 3 days, where the room's minutes (90 of 360 a day) and
// the rigid groups (the gaps reach over the break) say 1.
func TestDayWindowsProveTheOptimum(t *testing.T) {
	in := tiny(3, ep("I", 30, plan.Exclusive, "poste"), ep("W", 150, plan.NoJury, "salle"), ep("V", 90, plan.NoJury, "salle"))
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(10, 0)}, {Start: hm(11, 0), End: hm(15, 0)}}
	in.Capacities = map[string]int{"poste": 1, "salle": 10}
	in.Constraints = []plan.Constraint{
		{Type: plan.Precedes, Before: "I", After: "W", MaxGapMin: intp(60)},
		{Type: plan.Precedes, Before: "W", After: "V", MaxGapMin: intp(60)},
	}
	p := solve(t, in)
	assert.Equal(t, 3, p.LowerBounds.Days)
	assert.Len(t, p.Days, 3)
	for _, it := range p.Items {
		if it.Epreuve == "I" && it.Task == "" {
			assert.Equal(t, "09:30", it.Segments[0].Start.String(), "candidate %d", it.Candidate)
		}
	}

	// With a maximum gap of 90 minutes after I, I may end at 09:30 too:
	// two a day, 2 days.
	in.Constraints[0].MaxGapMin = intp(90)
	p = solve(t, in)
	assert.Equal(t, 2, p.LowerBounds.Days)
	assert.Len(t, p.Days, 2)

	// With Z the next day after V, the last day holds no I: 3 days, one
	// more than the slots alone.
	in.Epreuves = append(in.Epreuves, ep("Z", 60, plan.NoJury, "salle"))
	in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Precedes, Before: "V", After: "Z", NextDay: true})
	p = solve(t, in)
	assert.Equal(t, 3, p.LowerBounds.Days)
	assert.Len(t, p.Days, 3)
}

// TestUnitDaysProveTheOptimum: one unit, one block of 360 minutes. Each
// of 2 candidates sits X and Y on the unit, 200 minutes each, in any
// order: a day holds one of them (400 > 360), so the 4 uses need 4 days,
// where the unit's minutes (800 of 360 a day) say 3. With 170 minutes
// each, a day holds both: 2 days.
func TestUnitDaysProveTheOptimum(t *testing.T) {
	for _, tt := range []struct{ minutes, days int }{{200, 4}, {170, 2}} {
		in := tiny(2, ep("X", tt.minutes, plan.NoJury, "poste"), ep("Y", tt.minutes, plan.NoJury, "poste"))
		in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(14, 0)}}
		p := solve(t, in)
		assert.Equal(t, tt.days, p.LowerBounds.Days, "%d minutes", tt.minutes)
		assert.Len(t, p.Days, tt.days, "%d minutes", tt.minutes)
	}

	// With Z (200 minutes, in another room) after X and Y, the last day
	// holds neither (Z cannot share a day with one of them): 5 days.
	in := tiny(2, ep("X", 200, plan.NoJury, "poste"), ep("Y", 200, plan.NoJury, "poste"), ep("Z", 200, plan.NoJury, "salle"))
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(14, 0)}}
	in.Constraints = []plan.Constraint{
		{Type: plan.Precedes, Before: "X", After: "Z"},
		{Type: plan.Precedes, Before: "Y", After: "Z"},
	}
	p := solve(t, in)
	assert.Equal(t, 5, p.LowerBounds.Days)
	assert.Len(t, p.Days, 5)
}

// TestUnitDaysCountTheLongUses: two units, one block of 390 minutes. Each
// of 4 candidates sits A (250 minutes, one unit), B (250, both units) and
// C (20, one unit), in any order. A unit carries one A or B a day (500 >
// 390), so the 4 A and the 4 B, 12 unit-uses, need 6 days; C fits beside
// either, and counting it (a unit-day then carries an A and seven C)
// proves only 5, the minutes (3 080 of 780 a day) only 4.
func TestUnitDaysCountTheLongUses(t *testing.T) {
	in := tiny(4, ep("A", 250, plan.NoJury, "poste"),
		plan.Epreuve{ID: "B", DurationMin: 250, Jury: plan.NoJury, Resources: []plan.ResourceNeed{{Type: "poste", Units: 2}}},
		ep("C", 20, plan.NoJury, "poste"))
	in.Capacities = map[string]int{"poste": 2}
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(14, 30)}}
	p := solve(t, in)
	assert.Equal(t, 6, p.LowerBounds.Days)
	assert.Len(t, p.Days, 6)
}
