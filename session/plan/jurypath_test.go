package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// TestFewestJuriesReachesTheBound pins generated min_juries inputs whose
// juries bound is reachable and that the search once missed by a jury.
func TestFewestJuriesReachesTheBound(t *testing.T) {
	tests := []struct {
		name   string
		f      family
		seed   uint64
		n      int
		juries int
	}{
		// 5 candidates, 2 days, one jury: each candidate's accueil and
		// MSO–ET–QPP–EF (70 minutes) fill half of the 150-minute block;
		// a deliberation put right after the first leaves the second no
		// room (floating.go).
		{"a deliberation keeps the hole of the next interview", familyReferentiel, 220, 5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := generate(tt.f, tt.seed)
			if c.in.Objective != plan.MinJuries || c.in.Candidates != tt.n {
				t.Fatalf("the generator changed: %s, %s with %d candidates", c.id, c.in.Objective, c.in.Candidates)
			}
			p := solve(t, c.in)
			require.Equal(t, tt.juries, p.LowerBounds.Juries)
			assert.Equal(t, tt.juries, p.Juries, "%s: the juries bound is reachable", c.id)
		})
	}
}
