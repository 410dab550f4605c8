package plan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// sittingDay is 5 candidates who sit O (observed, 3 stations) then X with
// their jury (120 minutes, a 15-minute deliberation after it), juries of
// 300 minutes a day, 2 days, min_juries.
func sittingDay(sitting int) plan.Input {
	in := tiny(5, plan.Epreuve{ID: "O", DurationMin: sitting, Jury: plan.Observe, ObserveCapacity: 3, Resources: []plan.ResourceNeed{{Type: "poste", Units: 1}}},
		ep("X", 120, plan.Exclusive))
	in.Capacities["poste"] = 3
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "O", After: "X"}}
	in.Hidden.DeliberationMin = 15
	in.Jury.MemberDayMin = 300
	in.Objective, in.Calendar.MaxDays = plan.MinJuries, 2
	return in
}

// Both sides of the bound of docs/planning.md#sittings-in-a-jurys-day.
func TestSittingsInAJurysDay(t *testing.T) {
	t.Run("a 240-minute sitting leaves no room for a chunk", func(t *testing.T) {
		// Each candidate needs 135 jury minutes on one day (X and its
		// deliberation): a day of 300 holds 2, or one sitting (240) and
		// none. 5 candidates need 2 sittings (3 stations): with 2 juries,
		// 4 jury-days, 2 of them sittings, 2 × 2 = 4 chunks < 5. The
		// minutes alone (5 × 135 + 2 × 240 = 1155 ≤ 2 × 600) say 2.
		p := solve(t, sittingDay(240))
		assert.Equal(t, 3, p.LowerBounds.Juries)
		assert.Equal(t, 3, p.Juries, "3 juries suffice: the bound is the optimum")
		assert.Contains(t, strings.Join(p.Explanation, " "), "a sitting of O takes a share of such a day")
	})
	t.Run("a 150-minute sitting leaves room for one", func(t *testing.T) {
		// 300 − 150 holds one chunk: each sitting costs its day one chunk
		// only, 4 × 2 − 2 = 6 ≥ 5, and 2 juries do it (each a sitting and
		// a chunk on day 1, the other chunks on day 2).
		p := solve(t, sittingDay(150))
		assert.Equal(t, 2, p.LowerBounds.Juries)
		assert.Equal(t, 2, p.Juries)
	})
}

// TestJuriesBoundNeverAboveTheNaiveSchedule checks the juries bound
// against plans it must allow: on generated min_juries inputs the naive
// schedule's valid plan, within the days limit, never has fewer juries
// than the bound.
func TestJuriesBoundNeverAboveTheNaiveSchedule(t *testing.T) {
	count := 60
	if testing.Short() || raceDetector {
		count = 20
	}
	checked := 0
	for _, f := range []family{familyReferentiel, familyComposed} {
		for seed := uint64(1); seed <= uint64(count); seed++ {
			c := generate(f, seed)
			if c.in.Objective != plan.MinJuries {
				continue
			}
			nv := naiveSchedule(c.in)
			if !nv.Feasible || len(check(c.in, nv)) > 0 {
				continue
			}
			p, err := plan.Compute(c.in, plan.WithBudget(time.Millisecond))
			require.NoError(t, err)
			assert.LessOrEqual(t, p.LowerBounds.Juries, nv.Juries, "%s: the juries bound exceeds a valid plan's juries", c.id)
			checked++
		}
	}
	require.Greater(t, checked, count/4)
}
