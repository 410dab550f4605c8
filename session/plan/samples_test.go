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

func TestSamples(t *testing.T) {
	for _, name := range sampleNames(t) {
		t.Run(name, func(t *testing.T) {
			in := loadSample(t, name)
			p, err := plan.Compute(in)
			require.NoError(t, err)
			require.True(t, p.Feasible, p.Reason)
			requireValid(t, in, p)
			assert.GreaterOrEqual(t, len(p.Days), p.LowerBounds.Days)
			if in.Objective == plan.MinJuries {
				assert.GreaterOrEqual(t, p.Juries, p.LowerBounds.Juries)
				assert.LessOrEqual(t, p.Juries, p.LowerBounds.Juries+1)
			} else {
				assert.LessOrEqual(t, len(p.Days), p.LowerBounds.Days+1)
			}
			t.Logf("%d days, %d juries; bounds %d days, %d juries", len(p.Days), p.Juries, p.LowerBounds.Days, p.LowerBounds.Juries)
		})
	}
}
