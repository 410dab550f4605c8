package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// sittingThenRoom is 4 candidates who sit O (sitting minutes, observed, 4
// stations) then, within 15 minutes and after a 10-minute accueil, X with
// their jury in one of rooms interview rooms; one 08:00–17:00 block, juries
// of 300 minutes a day, one day, min_juries.
func sittingThenRoom(sitting, rooms int) plan.Input {
	in := tiny(4, plan.Epreuve{ID: "O", DurationMin: sitting, Jury: plan.Observe, ObserveCapacity: 4, Resources: []plan.ResourceNeed{{Type: "poste", Units: 1}}},
		ep("X", 15, plan.Exclusive, "salle"))
	in.Capacities = map[string]int{"poste": 4, "salle": rooms}
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "O", After: "X", MaxGapMin: intp(15)}}
	in.Hidden.AccueilMin = 10
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(17, 0)}}
	in.Jury.MemberDayMin = 300
	in.Objective, in.Calendar.MaxDays = plan.MinJuries, 1
	return in
}

// Both sides of docs/planning.md#sittings-and-units and
// #sittings-per-jury-day.
func TestSittingsAndUnits(t *testing.T) {
	t.Run("one room: a sitting holds one candidate", func(t *testing.T) {
		// X starts 10 to 15 minutes after the sitting ends: the one room
		// takes one candidate in that window, so each sitting holds one:
		// 4 sittings, 4 × 240 + 4 × 25 minutes, 4 juries of 300 (one
		// sitting of 4 would say 2).
		p := solve(t, sittingThenRoom(240, 1))
		assert.Equal(t, 4, p.LowerBounds.Juries)
		assert.Equal(t, 4, p.Juries, "staggered sittings, each jury one and its candidate's X")
		assert.Contains(t, strings.Join(p.Explanation, " "), "4 sittings of O")
	})
	t.Run("a jury's day holds one sitting", func(t *testing.T) {
		// 4 sittings of 200 minutes: the minutes (900) fit 3 juries of
		// 300, but a jury's day holds one sitting.
		p := solve(t, sittingThenRoom(200, 1))
		assert.Equal(t, 4, p.LowerBounds.Juries)
		assert.Equal(t, 4, p.Juries)
		assert.Contains(t, strings.Join(p.Explanation, " "), "a jury watches at most 1 of them in 1 day")
	})
	t.Run("two rooms: two candidates a sitting", func(t *testing.T) {
		// Two sittings of two, each jury watching one and doing X for one
		// candidate of each: 240 + 2 × 25 = 290 minutes a jury.
		p := solve(t, sittingThenRoom(240, 2))
		assert.Equal(t, 2, p.LowerBounds.Juries)
		assert.Equal(t, 2, p.Juries)
	})
}
