package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// benches is 10 candidates who each hold two of the benches for an hour,
// in one four-hour block a day (and, with single, one bench for an hour).
func benches(capacity int, single bool) plan.Input {
	in := tiny(10, plan.Epreuve{ID: "P", DurationMin: 60, Jury: plan.NoJury, Resources: []plan.ResourceNeed{{Type: "banc", Units: 2}}})
	if single {
		in.Epreuves = append(in.Epreuves, ep("Q", 60, plan.NoJury, "banc"))
	}
	in.Capacities = map[string]int{"banc": capacity}
	in.Calendar.Blocks = in.Calendar.Blocks[:1]
	return in
}

// Both sides of docs/planning.md#units-taken-together.
func TestUnitsTakenTogether(t *testing.T) {
	t.Run("five benches two at a time hold two candidates at once", func(t *testing.T) {
		// The unit-minutes of five benches (5 × 240 = 1 200 a day) hold
		// the 10 × 2 × 60 = 1 200 needed in one day; but only four are
		// busy at once: two candidates an hour, 8 a day, 2 days, which a
		// plan meets.
		p := solve(t, benches(5, false))
		assert.Equal(t, 2, p.LowerBounds.Days)
		assert.Len(t, p.Days, 2)
		assert.Contains(t, p.Explanation[0], "4 of them busy at once at most")
	})
	t.Run("six benches two at a time hold three", func(t *testing.T) {
		p := solve(t, benches(6, false))
		assert.Equal(t, 1, p.LowerBounds.Days)
		assert.Len(t, p.Days, 1)
	})
	t.Run("a use of one bench leaves every bench usable", func(t *testing.T) {
		// With Q on one bench the greatest common divisor is 1: the five
		// benches hold 1 200 unit-minutes a day for 1 800 (two days); 10
		// uses of two and 10 of one fit in 2 days (5 benches × 4 hours ×
		// 2 days = 40 unit-hours for 30).
		p := solve(t, benches(5, true))
		assert.Equal(t, 2, p.LowerBounds.Days)
		assert.NotContains(t, p.Explanation[0], "busy at once")
	})
}
