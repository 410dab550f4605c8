package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/session/plan"
)

// oneRoomChains is a session whose one jury room carries a chain: a
// presentation (40) then two interviews (60, 70) with no wait between
// them, after a preparation; then an interview (35) that a practical test
// follows at once, and a final interview (15), all in the same room. The
// room's 220 minutes a candidate hold two candidates in its 450 minutes a
// day only when both chains are laid first (one in the morning, one in the
// afternoon, each at the end of its block) and the short interviews in
// what they leave; with rooms rooms side by side, as many times that.
func oneRoomChains(candidates, rooms int) plan.Input {
	room := func(id string, minutes int) plan.Epreuve { return ep(id, minutes, plan.Exclusive, "salle_jury") }
	in := tiny(candidates,
		ep("W", 130, plan.NoJury, "salle_ecrit"), ep("PR", 20, plan.NoJury, "salle_prep"),
		room("OR", 40), room("I1", 60), room("I2", 70), room("I3", 35),
		ep("P", 85, plan.NoJury, "atelier"), ep("J", 40, plan.Exclusive, "atelier"), room("EF", 15))
	in.Constraints = []plan.Constraint{
		{Type: plan.Precedes, Before: "W", After: "PR", NextDay: true},
		{Type: plan.NoWait, Before: "PR", After: "OR", MaxGapMin: intp(10)},
		{Type: plan.NoWait, Before: "OR", After: "I1", MaxGapMin: intp(20)},
		{Type: plan.NoWait, Before: "I1", After: "I2", MaxGapMin: intp(0)},
		{Type: plan.Precedes, Before: "I2", After: "I3"},
		{Type: plan.NoWait, Before: "I3", After: "P", MaxGapMin: intp(0)},
		{Type: plan.Precedes, Before: "P", After: "J"},
		{Type: plan.SameStation, Epreuves: []string{"P", "J"}},
		{Type: plan.Last, Epreuve: "EF"},
	}
	in.Capacities = map[string]int{"salle_ecrit": 20, "salle_prep": 3, "salle_jury": rooms, "atelier": 12}
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}, {Start: hm(13, 30), End: hm(17, 0)}}
	in.Calendar.MaxDays = min(3*candidates, 260)
	in.Hidden = &plan.Hidden{OpeningMin: 30, JuryBriefingMin: 30, JuryClosureMin: 30, AccueilMin: 5, ReadingMin: 10, CorrectionMin: 10, DeliberationMin: 10}
	in.Jury = plan.Jury{MembersPerJury: 2, MemberDayMin: 450, MaxJuries: 9}
	return in
}

// TestChainPatternPassesTwoCandidatesADay pins what the chain pattern
// reaches on the session above: close to two candidates a day a room,
// where placing the candidates one after another took one a day at 126
// candidates, 27 days at 40, and 15 days at 40 with two rooms (and all
// the juries the input allows, 9). Those days are the optimum: the
// interview I1 has only a few starts a day (docs/planning.md#start-sets,
// docs/planning.md#day-windows), none on day 1, after the written part the
// day before, and the room's last day holds no chain whose candidate's
// épreuves after it would not end in time.
func TestChainPatternPassesTwoCandidatesADay(t *testing.T) {
	cases := []struct{ candidates, rooms, days, bound, juries int }{{40, 1, 22, 22, 4}, {40, 2, 12, 12, 6}, {126, 1, 65, 65, 4}}
	if testing.Short() || raceDetector {
		cases = cases[:2]
	}
	for _, tt := range cases {
		p := solve(t, oneRoomChains(tt.candidates, tt.rooms))
		assert.Equal(t, tt.bound, p.LowerBounds.Days)
		assert.LessOrEqual(t, len(p.Days), tt.days, "%d candidates, %d rooms", tt.candidates, tt.rooms)
		assert.LessOrEqual(t, p.Juries, tt.juries, "%d candidates, %d rooms", tt.candidates, tt.rooms)
	}
}
