package plan_test

import (
	"testing"

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
