package plan_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestDerouleGolden pins the printable déroulé of two samples (an oral
// session and an observed sitting with a splittable-free practical test).
// Run with -update after a deliberate change to the planner or the text.
func TestDerouleGolden(t *testing.T) {
	for _, name := range []string{"CDA-N12-tight-H420-typical.min_juries.json", "MAV-N12-tight-H420-typical.min_juries.json"} {
		t.Run(name, func(t *testing.T) {
			in := loadSample(t, name)
			p, err := plan.Compute(in)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, plan.WriteDeroule(&buf, in, p))
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".json")+".deroule.golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), buf.String())
		})
	}
}

func TestDerouleOfAnInfeasibleAnswer(t *testing.T) {
	in := tiny(10, ep("A", 240, plan.NoJury, "poste"))
	in.Calendar.MaxDays = 4
	p, err := plan.Compute(in)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, plan.WriteDeroule(&buf, in, p))
	assert.Contains(t, buf.String(), "Aucun déroulé")
	assert.Contains(t, buf.String(), p.Reason)
}

func TestDerouleShowsSplitEpreuvesAndCost(t *testing.T) {
	in := loadSample(t, "EEB-N12-tight-H420-typical.min_days.json")
	in.Candidates = 4
	in.Jury.MemberDayFee.Valid = true
	p, err := plan.Compute(in)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, plan.WriteDeroule(&buf, in, p))
	text := buf.String()
	assert.Contains(t, text, "Jour 1 — lundi 1er mars 2027")
	assert.Contains(t, text, "(partie 1/")
	assert.Contains(t, text, "Coût du jury")
	assert.Contains(t, text, "cabine_elec#")
}
