package plan

import "testing"

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

// TestAFirstPlanWhereNoProbeFitsHasFewJuries: where the days bind so that
// no probe fits even with every jury, the first plan of min_juries comes
// with few juries, not with max_juries: the search must not start from
// the limit when far fewer suffice. The TAI sample at 30 candidates within
// 7 days is such an input.
func TestAFirstPlanWhereNoProbeFitsHasFewJuries(t *testing.T) {
	var m *model
	for _, x := range samplesModels(t, 30) {
		if x.in.Title.Name == "Technicien d'assistance en informatique" {
			m = x
		}
	}
	if m == nil {
		t.Fatal("no TAI sample")
	}
	const horizon = 7
	hi := m.in.Jury.MaxJuries
	s := newSearch(m, newBounds(m), searchParams{budgetMs: 1000})
	for run := range probeRuns(m) {
		if s.probe(hi, horizon, run) != nil {
			t.Fatalf("probe %d fits %d juries within %d days: the input no longer shows the case", run, hi, horizon)
		}
	}
	sol := s.firstFewJuries(hi, horizon)
	if sol == nil {
		t.Fatalf("no first plan within %d days", horizon)
	}
	if k := sol.usedJuries(); k > hi/4 {
		t.Errorf("the first plan has %d juries of the %d allowed", k, hi)
	}
}

// TestRunsAtTheBoundStayInTheirThird: the runs at the juries bound have a
// third of what is left, their placements included, so that a run of many
// candidates that does not fit leaves the descent after it its steps. The
// samples at 100 candidates with one jury, within a third of 1 200 steps, do not fit:
// a placement of theirs takes far more.
func TestRunsAtTheBoundStayInTheirThird(t *testing.T) {
	cut := 0
	for _, m := range samplesModels(t, 100) {
		s := newSearch(m, newBounds(m), searchParams{budgetMs: 1})
		s.steps.total, s.steps.limit, s.steps.stop = 1200, 1200, 1200
		if s.runsAtBound(1, m.maxDays) != nil {
			continue
		}
		cut++
		// A few steps over, for the juries' closures (findSlot) after a
		// placement stopped.
		if third := 400; s.steps.used > third+20 {
			t.Errorf("%s: the runs at the bound took %d steps of their %d", m.in.Title.Name, s.steps.used, third)
		}
	}
	if cut == 0 {
		t.Fatal("every sample fits one jury in 400 steps: the test shows nothing")
	}
}
