package plan_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// TestPrefixesOfTheLateWork: nine candidates, each with 25 then 25 + 5
// jury minutes after a morning without the jury, one jury: day 1 has 195
// minutes after the earliest accueil and day 2 300, exactly the 495
// minutes of work, but a day-1 share is a sum of 0, 25 or 55 minutes each
// and never 195 (docs/planning.md#prefixes-and-suffixes), so two days are
// too few. With 30 then 20 + 5 minutes, 3 × 55 + 30 = 195 and the bound
// stays at two days.
func TestPrefixesOfTheLateWork(t *testing.T) {
	tests := []struct {
		name     string
		or3, ef  int
		wantDays int
	}{
		{name: "25 then 25: 195 out of reach", or3: 25, ef: 25, wantDays: 3},
		{name: "30 then 20: 195 reached", or3: 30, ef: 20, wantDays: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := generate(familyComposed, 98).in
			for i, e := range in.Epreuves {
				switch e.ID {
				case "OR3":
					in.Epreuves[i].DurationMin = tt.or3
				case "EF":
					in.Epreuves[i].DurationMin = tt.ef
				}
			}
			p, err := plan.Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			if p.LowerBounds.Days != tt.wantDays {
				t.Fatalf("days bound %d, want %d (%s)", p.LowerBounds.Days, tt.wantDays, p.Reason)
			}
			if errs := checkAnswer(in, p); len(errs) > 0 {
				t.Fatal(errs)
			}
		})
	}
}

// TestPrefixDaysNeverExceedTheOptimum checks the days bound against the
// exhaustive search (brutejury_test.go) on small inputs shaped for the
// prefixes of the late work: a part without the jury first, then two
// exclusive épreuves in order, on juries whose day-1 time after the
// earliest accueil is short.
func TestPrefixDaysNeverExceedTheOptimum(t *testing.T) {
	runs := 60
	if testing.Short() || raceDetector {
		runs = 15
	}
	const maxK, maxD = 2, 3
	rng := rand.New(rand.NewPCG(2027, 98))
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	tight, asked, tried := 0, 0, 0
	for i := 0; tried < runs && i < 20*runs; i++ {
		in := plan.Input{
			Title:      plan.Title{Name: "Préfixes"},
			Candidates: 2 + rng.IntN(3),
			Epreuves: []plan.Epreuve{
				{ID: "W", DurationMin: pick(30, 60, 90, 120), Jury: plan.NoJury},
				{ID: "X1", DurationMin: pick(30, 60), Jury: plan.Exclusive},
				{ID: "X2", DurationMin: pick(30, 60, 90), Jury: plan.Exclusive},
			},
			Constraints: []plan.Constraint{
				{Type: plan.Precedes, Before: "W", After: "X1"},
				{Type: plan.Precedes, Before: "X1", After: "X2"},
			},
			Hidden: &plan.Hidden{OpeningMin: pick(0, 30), AccueilMin: pick(0, 30)},
			Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: maxD, Region: "metropole",
				Blocks: []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}}},
			Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: pick(150, 180, 240), MaxJuries: maxK},
			Objective: plan.MinDays,
		}
		if in.Validate() != nil {
			continue
		}
		fits, exhausted := juryFits(in, maxK, maxD, nil)
		if exhausted {
			continue
		}
		tried++
		js, _ := json.Marshal(in)
		for k := 1; k <= maxK; k++ {
			fewest := slices.Index(fits[k], true)
			if fewest < 0 {
				continue
			}
			asked++
			q := in
			q.Jury.MaxJuries = k
			p, err := plan.Compute(q, plan.WithBudget(50*time.Millisecond))
			require.NoError(t, err)
			assert.LessOrEqual(t, p.LowerBounds.Days, fewest, "input %s with %d juries: the days bound exceeds the optimum", js, k)
			if p.LowerBounds.Days == fewest {
				tight++
			}
		}
	}
	require.Greater(t, tried, runs/2, "too many inputs were too big for the search")
	t.Logf("%d inputs searched; the days bound is the optimum on %d of %d questions", tried, tight, asked)
}
