package plan

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestKeptItemsAreThePlacementAgain shows that putting a candidate's best
// placement back from its items (keepBestItems) leaves the partial plan,
// the solution and the steps counted as placing it again does: the plans
// do not depend on it, only the time.
func TestKeptItemsAreThePlacementAgain(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in, err := DecodeBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		in.Candidates = 30
		m := compile(in)
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
		for _, k := range []int{1, 2, in.Jury.MaxJuries} {
			for run := range 4 {
				kept, again := plan(true, k, run), plan(false, k, run)
				if !reflect.DeepEqual(kept, again) {
					t.Fatalf("%s, %d juries, run %d: kept items give %d steps, placing again %d (or another plan)", f, k, run, kept.used, again.used)
				}
			}
		}
	}
}
