package plan

import (
	"reflect"
	"testing"
)

// TestKeptItemsAreThePlacementAgain shows that putting a candidate's best
// placement back from its items (keepBestItems) leaves the partial plan,
// the solution and the steps counted as placing it again does: the plans
// do not depend on it, only the time.
func TestKeptItemsAreThePlacementAgain(t *testing.T) {
	for _, m := range samplesModels(t, 30) {
		b := newBounds(m)
		type result struct {
			serial, run *solution
			used        int
			state       stateCopy
		}
		plan := func(keep bool, k, run int) result {
			keepBestItems = keep
			defer func() { keepBestItems = true }()
			s := newSearch(m, b, searchParams{budgetMs: 50, seed: uint64(run)})
			var r result
			r.serial, _ = s.serial(k, m.maxDays)
			r.run = s.attempt(k, m.maxDays, run, run%2 == 1)
			r.used, r.state = s.steps.used, s.copyState()
			return r
		}
		for _, k := range []int{1, 2, m.in.Jury.MaxJuries} {
			for run := range 4 {
				kept, again := plan(true, k, run), plan(false, k, run)
				if !reflect.DeepEqual(kept, again) {
					t.Fatalf("%s, %d juries, run %d: kept items give %d steps, placing again %d (or another plan)", m.in.Title.Name, k, run, kept.used, again.used)
				}
			}
		}
	}
}
