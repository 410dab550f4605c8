package plan

import (
	"context"
	"os"
	"testing"
)

// ComputeSteps is Compute, also returning the steps the search took
// (computeCounted), for the population report of the external tests.
func ComputeSteps(in Input, opts ...Option) (Plan, int, error) {
	return computeCounted(context.Background(), in, opts)
}

// A plan that meets both bounds ends the search: no plan is better, so
// the search tries nothing more once the serial schedule (which counts no
// steps) has one; a plan that misses a bound goes on.
func TestAPlanAtItsBoundsEndsTheSearch(t *testing.T) {
	data, err := os.ReadFile("testdata/DWWM-N30-tight-H420-typical.min_days.json")
	if err != nil {
		t.Fatal(err)
	}
	in, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, obj := range []Objective{MinDays, MinJuries} {
		in.Objective = obj
		p, steps, err := ComputeSteps(in)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Feasible || p.Gap != nil {
			t.Fatalf("%s: the sample's plan misses its bounds (%+v); it meets them", obj, p.Gap)
		}
		// A few steps for the closures of the juries (findSlot), none for
		// a probe or a run: one placement of the 30 candidates takes
		// thousands.
		if steps > 20 {
			t.Errorf("%s: the search took %d steps after a plan at its bounds; want none but the closures'", obj, steps)
		}
	}

	// Eight candidates of the CDA sample in one day each with max_juries
	// juries: the bound says one day, which no plan meets; the search goes
	// on with its runs, whatever the first plan.
	data, err = os.ReadFile("testdata/CDA-N12-tight-H420-typical.min_juries.json")
	if err != nil {
		t.Fatal(err)
	}
	if in, err = DecodeBytes(data); err != nil {
		t.Fatal(err)
	}
	in.Candidates, in.Objective = 8, MinDays
	p, steps, err := ComputeSteps(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Gap == nil || steps < 1000 {
		t.Errorf("a plan missing its bound (gap %+v) ended the search after %d steps; want it to go on", p.Gap, steps)
	}
}
