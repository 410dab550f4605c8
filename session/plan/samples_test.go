package plan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

func loadSample(t testing.TB, name string) plan.Input {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	in, err := plan.DecodeBytes(data)
	require.NoError(t, err)
	return in
}

func sampleNames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	return names
}

// TestSamples pins the samples' optima: each plan meets both its lower
// bounds (so it is optimal), with the days and juries of the table in
// docs/planner-measurements.md.
func TestSamples(t *testing.T) {
	optimum := map[string]plan.LowerBounds{
		"CDA-N12-tight-H420-typical.min_juries.json": {Days: 3, Juries: 2},
		"DWWM-N30-tight-H420-typical.min_days.json":  {Days: 6, Juries: 2},
		"EEB-N12-tight-H420-typical.min_days.json":   {Days: 7, Juries: 1},
		"MAV-N12-tight-H420-typical.min_juries.json": {Days: 5, Juries: 2},
		"TAI-N12-tight-H420-typical.min_juries.json": {Days: 3, Juries: 2},
	}
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			in := loadSample(t, name)
			p, err := plan.Compute(in)
			require.NoError(t, err)
			require.True(t, p.Feasible, p.Reason)
			requireValid(t, in, p)
			want, ok := optimum[name]
			require.True(t, ok, "a sample without its pinned optimum")
			assert.Equal(t, want, p.LowerBounds, "the bounds")
			assert.Equal(t, want, plan.LowerBounds{Days: len(p.Days), Juries: p.Juries}, "the plan meets its bounds")
			assert.Nil(t, p.Gap)
		})
	}
}
