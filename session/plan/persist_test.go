package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// TestDaysPhasePersists pins generated inputs on both sides of the days
// phase's persistence (docs/planning.md#how-the-planner-works): three whose
// search used to stall one day over the bound, which a plan meets (found
// with other seeds), and one whose bound is out of reach (a masonry
// déroulé where three boxes' last candidates all need the one jury for
// their last two épreuves in the last 90 minutes of the session: 10 days
// where the bound says 9), where the persistence gives up within the steps
// the search had spent, not the whole budget.
func TestDaysPhasePersists(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("plans generated inputs with the default budget")
	}
	for _, seed := range []uint64{163, 180, 240} {
		c := generate(familyReferentiel, seed)
		t.Run(c.id, func(t *testing.T) {
			p := solve(t, c.in)
			assert.Len(t, p.Days, p.LowerBounds.Days, "the days bound is met")
		})
	}
	c := generate(familyReferentiel, 183)
	t.Run(c.id, func(t *testing.T) {
		p, steps, err := plan.ComputeSteps(c.in)
		require.NoError(t, err)
		requireValid(t, c.in, p)
		assert.Len(t, p.Days, p.LowerBounds.Days+1, "one day over a bound out of reach")
		// The default budget is 2 500 steps a millisecond (docs/planning.md).
		assert.Less(t, steps, int(plan.DefaultBudget.Milliseconds())*2500/2, "the search gives up well within its budget")
	})
}
