package plan_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// pinnedInterview is an interview I (60 minutes, in the one room) that a
// 200-minute practical part P must follow within gap minutes. P fits a
// block only from its start (8:00–8:40 or 13:00–13:40); I cannot end
// before 9:00, so P is in the afternoon and I ends in [13:00 − gap, 12:00]:
// one start a day up to a gap of 119 minutes, two from 120, three from
// 180.
func pinnedInterview(candidates, gap int) plan.Input {
	in := tiny(candidates, ep("I", 60, plan.Exclusive, "salle"), ep("P", 200, plan.NoJury, "poste"))
	in.Capacities = map[string]int{"salle": 1, "poste": candidates}
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "I", After: "P", MaxGapMin: intp(gap)}}
	in.Calendar.MaxDays, in.Jury.MaxJuries = 20, candidates
	return in
}

func TestStartSetsPinAnInterviewAcrossTheBreak(t *testing.T) {
	for _, tt := range []struct{ gap, days int }{{60, 6}, {119, 6}, {120, 3}, {179, 3}, {180, 2}} {
		p := solve(t, pinnedInterview(6, tt.gap))
		assert.Equal(t, tt.days, p.LowerBounds.Days, "gap %d", tt.gap)
		assert.Len(t, p.Days, tt.days, "gap %d", tt.gap)
	}
	// With three rooms, three interviews a day at a gap of 60.
	in := pinnedInterview(6, 60)
	in.Capacities["salle"] = 3
	p := solve(t, in)
	assert.Equal(t, 2, p.LowerBounds.Days)
}

// TestStartSetsPinTheJury is the same interview, each in a room of its
// own: the one jury, not the room, holds one a day.
func TestStartSetsPinTheJury(t *testing.T) {
	for _, tt := range []struct{ gap, juries int }{{119, 2}, {120, 1}} {
		in := pinnedInterview(6, tt.gap)
		in.Capacities["salle"] = 6
		in.Objective, in.Calendar.MaxDays = plan.MinJuries, 3
		p := solve(t, in)
		assert.Equal(t, tt.juries, p.LowerBounds.Juries, "gap %d", tt.gap)
		assert.Equal(t, tt.juries, p.Juries, "gap %d", tt.gap)
	}
}

// drawGapped draws a small input for the exhaustive search where start sets
// bind: maximum gaps across the break, next_day, last, one station type
// and blocks of a few lengths.
func drawGapped(rng *rand.Rand) plan.Input {
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	n := 2 + rng.IntN(2)
	var eps []plan.Epreuve
	for i := range n {
		e := plan.Epreuve{ID: fmt.Sprintf("E%d", i), DurationMin: pick(30, 60, 90, 120, 150), Jury: plan.NoJury}
		if rng.IntN(3) == 0 {
			e.Jury = plan.Exclusive
		}
		if rng.IntN(4) > 0 {
			e.Resources = []plan.ResourceNeed{{Type: "poste", Units: 1}}
		}
		eps = append(eps, e)
	}
	var cons []plan.Constraint
	for i := 1; i < n; i++ {
		c := plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID}
		switch rng.IntN(5) {
		case 0, 1:
			c.MaxGapMin = intp(pick(0, 30, 60, 90, 120))
			c.MinGapMin = pick(0, 0, 30)
		case 2:
			c.NextDay = true
		case 3:
			c.MinGapMin = pick(30, 60)
		}
		if c.MaxGapMin == nil || *c.MaxGapMin >= c.MinGapMin {
			cons = append(cons, c)
		}
	}
	if n > 2 && rng.IntN(3) == 0 {
		cons = append(cons, plan.Constraint{Type: plan.Last, Epreuve: eps[n-1].ID})
	}
	blocks := [][]plan.Block{
		{{Start: hm(8, 0), End: hm(10, 0)}, {Start: hm(11, 0), End: hm(13, 0)}},
		{{Start: hm(8, 0), End: hm(11, 0)}, {Start: hm(11, 30), End: hm(13, 0)}},
		{{Start: hm(8, 0), End: hm(9, 30)}, {Start: hm(10, 0), End: hm(12, 30)}},
	}[rng.IntN(3)]
	cands := 1 + rng.IntN(3)
	return plan.Input{
		Title:           plan.Title{Name: "Exhaustif"},
		Candidates:      cands,
		Epreuves:        eps,
		Constraints:     cons,
		Capacities:      map[string]int{"poste": 1 + rng.IntN(2)},
		StationResetMin: map[string]int{"poste": pick(0, 0, 30)},
		Hidden:          &plan.Hidden{OpeningMin: pick(0, 30), AccueilMin: pick(0, 30)},
		Calendar:        plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 4, Region: "metropole", Blocks: blocks},
		Jury:            plan.Jury{MembersPerJury: 2, MemberDayMin: 480, MaxJuries: cands},
		Objective:       plan.MinDays,
	}
}

// TestStartSetBoundsNeverExceedTheOptimum checks the days bound against
// the exhaustive search's optimum on inputs where start sets bind.
func TestStartSetBoundsNeverExceedTheOptimum(t *testing.T) {
	runs := 300
	if testing.Short() || raceDetector {
		runs = 60
	}
	tried, tight := exhaustiveDays(t, rand.New(rand.NewPCG(2028, 5)), drawGapped, runs)
	t.Logf("%d inputs searched; the bound is the optimum on %d", tried, tight)
}

// exhaustiveDays compares, on runs inputs drawn by draw, the planner's
// days bound with the exhaustive search's optimum: never above it, and no
// infeasibility proved where a plan exists. It returns the inputs searched
// and how many the bound meets.
func exhaustiveDays(t *testing.T, rng *rand.Rand, draw func(*rand.Rand) plan.Input, runs int) (tried, tight int) {
	t.Helper()
	for i := 0; tried < runs && i < 20*runs; i++ {
		in := draw(rng)
		if in.Validate() != nil {
			continue
		}
		optimum, exhausted := 0, false
		for d := 1; d <= in.Calendar.MaxDays && optimum == 0 && !exhausted; d++ {
			var found bool
			if found, exhausted = newBrute(in, d).solve(); found {
				optimum = d
			}
		}
		if exhausted {
			continue
		}
		tried++
		p, err := plan.Compute(in, plan.WithBudget(100*time.Millisecond))
		require.NoError(t, err)
		data, _ := json.Marshal(in)
		if optimum == 0 {
			assert.False(t, p.Feasible, "%s: the search found no plan within %d days", data, in.Calendar.MaxDays)
			continue
		}
		assert.LessOrEqual(t, p.LowerBounds.Days, optimum, "%s: the days bound exceeds the optimum", data)
		assert.False(t, !p.Feasible && p.Proved, "%s: proved infeasible, the optimum is %d days", data, optimum)
		if p.LowerBounds.Days == optimum {
			tight++
		}
	}
	require.Greater(t, tried, runs/2, "too many inputs were too big for the search")
	return tried, tight
}
