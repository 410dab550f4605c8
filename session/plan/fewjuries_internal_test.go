package plan

import (
	"os"
	"path/filepath"
	"testing"
)

// samplesModels compiles the samples, with n candidates each.
func samplesModels(t *testing.T, n int) []*model {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	var out []*model
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in, err := DecodeBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		in.Candidates = n
		out = append(out, compile(in))
	}
	return out
}

// TestAProbeThatFailedIsNotPlacedAgain shows that remembering the probes
// that failed changes no answer: a probe made again answers as a fresh
// search's probe does, and one that failed costs a single step the second
// time.
func TestAProbeThatFailedIsNotPlacedAgain(t *testing.T) {
	failed := 0
	for _, m := range samplesModels(t, 30) {
		b := newBounds(m)
		for k := 1; k <= 3; k++ {
			for horizon := 1; horizon <= m.maxDays; horizon += max(1, m.maxDays/3) {
				for run := range probeRuns(m) {
					fresh := newSearch(m, b, searchParams{budgetMs: 1000})
					first := fresh.probe(k, horizon, run)
					used := fresh.steps.used
					again := fresh.probe(k, horizon, run)
					if (first == nil) != (again == nil) {
						t.Fatalf("%d juries, %d days, run %d: the probe answered %v, then %v", k, horizon, run, first != nil, again != nil)
					}
					if first == nil {
						failed++
						if cost := fresh.steps.used - used; cost != 1 {
							t.Fatalf("%d juries, %d days, run %d: the failed probe cost %d steps again", k, horizon, run, cost)
						}
					}
				}
			}
		}
	}
	if failed == 0 {
		t.Fatal("no probe failed: the test shows nothing")
	}
}

// TestAProbeStoppedByTheBudgetIsNotRemembered: with more steps it might
// fit, so the search must be free to try it again.
func TestAProbeStoppedByTheBudgetIsNotRemembered(t *testing.T) {
	tried := 0
	for _, m := range samplesModels(t, 30) {
		b := newBounds(m)
		k, horizon := m.in.Jury.MaxJuries, m.maxDays
		if newSearch(m, b, searchParams{budgetMs: 1000}).probe(k, horizon, 0) == nil {
			continue // it fails whatever the budget
		}
		tried++
		s := newSearch(m, b, searchParams{budgetMs: 1000})
		s.steps.stop = 10 // the placement stops after 10 steps
		if s.probe(k, horizon, 0) != nil {
			t.Fatal("a probe of 30 candidates fitted in 10 steps")
		}
		if len(s.failedProbes) != 0 {
			t.Fatalf("a probe stopped by the budget was remembered as failed: %v", s.failedProbes)
		}
		s.steps.stop = s.steps.total
		if s.probe(k, horizon, 0) == nil {
			t.Fatal("with the whole budget, the probe did not fit again")
		}
	}
	if tried == 0 {
		t.Fatal("no sample's probe fits: the test shows nothing")
	}
}
