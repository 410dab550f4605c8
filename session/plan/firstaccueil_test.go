package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// morningThenAfternoon is two candidates, each with X (minutes long, with
// the jury) on the one poste, blocks 08:00–12:00 and 13:00–17:00: one day
// holds both X, one a block, when the morning leaves X room after the
// jury's first tasks.
func morningThenAfternoon(minutes, briefing, reading int) plan.Input {
	in := tiny(2, ep("X", minutes, plan.Exclusive, "poste"))
	in.Hidden.JuryBriefingMin, in.Hidden.ReadingMin = briefing, reading
	return in
}

// TestFirstAccueilAfterTheBriefingAndTheReading checks the earliest
// accueil of day 1 (docs/planning.md#earliest-starts) on both sides: when
// the jury's briefing and the candidate's reading leave the morning too
// short for X, the second X goes to day 2 (2 days, proved); when they
// leave it just long enough, or there are none, one day.
func TestFirstAccueilAfterTheBriefingAndTheReading(t *testing.T) {
	tests := []struct {
		name                       string
		minutes, briefing, reading int
		days                       int
	}{
		{"no briefing nor reading: X at 08:00 and 13:00", 240, 0, 0, 1},
		{"a briefing: the morning is too short", 240, 30, 0, 2},
		{"a briefing: the morning is just long enough", 210, 30, 0, 1},
		{"a briefing: the morning is a minute too short", 211, 30, 0, 2},
		{"a reading: the morning is too short", 240, 0, 15, 2},
		{"both: the morning is just long enough", 180, 45, 15, 1},
		{"both: the morning is a minute too short", 181, 45, 15, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := morningThenAfternoon(tt.minutes, tt.briefing, tt.reading)
			p := solve(t, in)
			assert.Equal(t, tt.days, p.LowerBounds.Days, "the days bound")
			assert.Len(t, p.Days, tt.days, "the plan meets it")
		})
	}
}
