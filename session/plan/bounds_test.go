package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// Hand-worked inputs for the lower bounds that the energy counts miss: the
// comment of each case proves its optimum, the test checks that the bound
// proves it too and that the planner reaches it.

func TestBoundsOnHandWorkedInputs(t *testing.T) {
	tests := []struct {
		name           string
		input          func() plan.Input
		days, juries   int // the optimum, equal to the bounds
		lbDays, lbJury int
	}{
		{
			// One unit, reset 60, blocks 08:00–12:00 and 13:00–17:00. Each
			// candidate runs J (450 minutes, splittable) then, after its
			// 10-minute accueil, C (30 minutes, with the jury) on the same
			// unit. The first J ends at 15:30 on day 1 at the earliest, its
			// C at 16:10; after the reset nothing starts before day 2, and
			// the other J ends at 16:30, leaving 30 minutes for its
			// accueil and C. (Starting the other J between the first J and
			// its C only pushes that C to 16:40, past 17:00 once it is
			// done.) 3 days, where the unit's minutes (960 of 480 a day)
			// say 2.
			name: "unit sequence: a long splittable job then the jury part on the same station",
			input: func() plan.Input {
				in := tiny(2, plan.Epreuve{ID: "J", DurationMin: 450, Jury: plan.NoJury, Splittable: true, Resources: []plan.ResourceNeed{{Type: "poste", Units: 1}}},
					ep("C", 30, plan.Exclusive, "poste"))
				in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "J", After: "C"}, {Type: plan.SameStation, Epreuves: []string{"J", "C"}}}
				in.StationResetMin = map[string]int{"poste": 60}
				in.Hidden.AccueilMin = 10
				return in
			},
			days: 3, juries: 1, lbDays: 3, lbJury: 1,
		},
		{
			// One unit, blocks of 240 minutes. Each candidate runs A (180,
			// no jury) then, after its 10-minute accueil, B (60, with the
			// jury) on the same unit: A and B never share a block (180 +
			// 10 + 60 > 240), nor does A with another's B (180 + 60 > 240),
			// and a block holds 3 B's (60 + 20 + 60 + 20 + 60 = 220, reset
			// 20, the first after its accueil). Two candidates take an A
			// block each and a B block after both: 3 blocks, 2 days, where
			// the unit's minutes (480 of 480 a day) say 1.
			name: "unit sequence: a long part without the jury then a short one with it",
			input: func() plan.Input {
				in := tiny(2, ep("A", 180, plan.NoJury, "poste"), ep("B", 60, plan.Exclusive, "poste"))
				in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "A", After: "B"}, {Type: plan.SameStation, Epreuves: []string{"A", "B"}}}
				in.StationResetMin = map[string]int{"poste": 20}
				in.Hidden.AccueilMin = 10
				return in
			},
			days: 2, juries: 1, lbDays: 2, lbJury: 1,
		},
		{
			// A takes a whole morning (240 minutes, 10 stations), so no
			// exclusive épreuve starts before 13:00 on day 1. Three
			// candidates each need B1 and B2 (60 minutes each) with the
			// jury: 360 minutes of jury, and a jury has only the 240 of the
			// afternoon. One day needs 2 juries; the jury-day (480 minutes)
			// and the blocks (60-minute épreuves) would allow 1.
			name: "late work: the juries cannot start before the first exclusive épreuve can",
			input: func() plan.Input {
				in := tiny(3, ep("A", 240, plan.NoJury, "salle"), ep("B1", 60, plan.Exclusive), ep("B2", 60, plan.Exclusive))
				in.Capacities = map[string]int{"salle": 10}
				in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "A", After: "B1"}, {Type: plan.Precedes, Before: "B1", After: "B2"}}
				in.Objective, in.Calendar.MaxDays = plan.MinJuries, 1
				return in
			},
			days: 1, juries: 2, lbDays: 1, lbJury: 2,
		},
		{
			// O (240 minutes, observed, 4 stations: one sitting of 4 a
			// block) cannot fit day 1's morning (210 minutes after the
			// opening); E (150 minutes with the jury, one a jury-block)
			// follows O. 8 candidates need 2 sittings: one on day 1's
			// afternoon, the other in a jury-block that then holds no E.
			// With 2 juries and 3 days, the E's have the 8 jury-blocks of
			// days 2 and 3 less that sitting: 7 < 8, so 4 days. Counting
			// the jury-blocks without placing the sittings says 3.
			name: "jury-blocks: a long sitting takes a block from the candidates' épreuves",
			input: func() plan.Input {
				in := tiny(8, plan.Epreuve{ID: "O", DurationMin: 240, Jury: plan.Observe, ObserveCapacity: 4, Resources: []plan.ResourceNeed{{Type: "poste", Units: 1}}},
					ep("E", 150, plan.Exclusive))
				in.Capacities = map[string]int{"poste": 4}
				in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "O", After: "E"}}
				in.Hidden.OpeningMin = 30
				in.Jury.MaxJuries = 2
				return in
			},
			days: 4, juries: 2, lbDays: 4, lbJury: 2,
		},
		{
			// A sitting of O (60 minutes, 4 places) then, within 25
			// minutes of its end, X (20 minutes, exclusive): one jury
			// starts its X's 20 minutes apart, so at most 2 of a
			// sitting's candidates are its own (the third would start 40
			// minutes after). One jury of 180 minutes a day would need 2
			// sittings and 4 X's: 200 minutes. So 2 juries for 4
			// candidates in one day, where counting one sitting of 4 says
			// 1 (60 + 80 = 140 minutes).
			name:  "sitting per jury: a short gap to the exclusive épreuve after it limits a jury's share",
			input: func() plan.Input { return sittingThenExclusive(25) },
			days:  1, juries: 2, lbDays: 1, lbJury: 2,
		},
		{
			// The same with 60 minutes: one jury starts its 4 X's by
			// 60 minutes after the sitting, so one sitting and one jury.
			name:  "sitting per jury: a gap long enough for every candidate's exclusive épreuve",
			input: func() plan.Input { return sittingThenExclusive(60) },
			days:  1, juries: 1, lbDays: 1, lbJury: 1,
		},
		{
			// Two rooms, one block of 90 minutes a day, P (30) then Q (30)
			// in a room with at most 5 minutes between them. Three chains
			// take 180 room-minutes, all of the block's: the rooms must
			// start two P's at once, whose Q's then take both rooms until
			// 60 minutes in, and a third chain needs 60 more. So 2 a day,
			// and 3 candidates need 2 days, where the minutes say 1.
			name: "gapped chains: no_wait épreuves with a short gap in one block",
			input: func() plan.Input {
				in := tiny(3, ep("P", 30, plan.NoJury, "salle"), ep("Q", 30, plan.NoJury, "salle"))
				in.Capacities = map[string]int{"salle": 2}
				in.Constraints = []plan.Constraint{{Type: plan.NoWait, Before: "P", After: "Q", MaxGapMin: intp(5)}}
				in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(9, 30)}}
				return in
			},
			days: 2, juries: 0, lbDays: 2, lbJury: 0,
		},
		{
			// One jury of 379 minutes a day, one block of 8 hours. Each
			// candidate does I (40, with the jury), a sitting of O (120)
			// at most 20 minutes later, then F (30, with the jury) at most
			// 20 minutes after it. One jury cannot do two candidates' I
			// within 20 minutes of one sitting (40 > 20), nor their F, so
			// each sitting has one candidate and a candidate's day takes
			// 190 of the jury's minutes: one candidate a day, 3 days, where
			// the minutes (570 of 379 a day) say 2.
			name: "one jury: a candidate's sitting is its jury's too",
			input: func() plan.Input {
				return oneJurySittings(379)
			},
			days: 3, juries: 1, lbDays: 3, lbJury: 1,
		},
		{
			// The same with 380 minutes a day: two candidates a day, one
			// after the other, 2 days.
			name: "one jury: two candidates' sittings in a day",
			input: func() plan.Input {
				return oneJurySittings(380)
			},
			days: 2, juries: 1, lbDays: 2, lbJury: 1,
		},
		{
			// One jury of 180 minutes a day, blocks 08:00–12:00 and
			// 13:00–17:00. Each candidate does X (60, with the jury), then
			// Y and Z (240 each, a whole block, no jury), then F (30, with
			// the jury). In 2 days, Z must fill the morning of day 2 for F
			// to follow, so Y the afternoon of day 1 and X the morning of
			// day 1: 4 candidates' X take 240 minutes of a jury of 180 on
			// that day, so 3 days, where the minutes (360 of 180 a day)
			// say 2.
			name: "forced days: interviews that must all be on day 1",
			input: func() plan.Input {
				return forcedInterviews(4)
			},
			days: 3, juries: 1, lbDays: 3, lbJury: 1,
		},
		{
			// The same with 3 candidates: their X fill 180 minutes of day
			// 1, their F 90 of day 2: 2 days.
			name: "forced days: interviews that fit on day 1",
			input: func() plan.Input {
				return forcedInterviews(3)
			},
			days: 2, juries: 1, lbDays: 2, lbJury: 1,
		},
		{
			// Two candidates, one jury of 180 minutes a day: X (70, with
			// the jury), Y and Z (240 each, no jury) after it, F (20, with
			// the jury) last, and G (75, with the jury) anywhere before
			// F. In 2 days both X are on day 1 (140 minutes) and both F on
			// day 2 (40): G finds 40 minutes on day 1 and 140 on day 2,
			// where only one G of 75 fits. 3 days, where the minutes (330
			// of 360) say 2.
			name: "forced days: whole interviews in what the forced ones leave",
			input: func() plan.Input {
				return forcedPieces(75)
			},
			days: 3, juries: 1, lbDays: 3, lbJury: 1,
		},
		{
			// The same with G of 70: both fit on day 2, after Z: 2 days.
			name: "forced days: two interviews in what the forced ones leave",
			input: func() plan.Input {
				return forcedPieces(70)
			},
			days: 2, juries: 1, lbDays: 2, lbJury: 1,
		},
		{
			// O (240 minutes, observed, 6 a sitting, 9 stations) fits only
			// the afternoon block (11:15–15:30); E (120 minutes with the
			// jury, one in the morning block, two in the afternoon one)
			// follows it, so on days 2 and 3: 6 E's a jury. Day 1's
			// afternoon holds 9 sittings' places, which cost no E; the
			// tenth candidate's sitting, on day 2, takes a jury's
			// afternoon: 2 juries hold 12 − 2 = 10 E's.
			name:  "jury-blocks: the candidates beyond the free blocks' stations cost a whole sitting's block",
			input: func() plan.Input { return sittingsBeforeTheChunks(10) },
			days:  3, juries: 2, lbDays: 3, lbJury: 2,
		},
		{
			// The same with 11 candidates: 2 juries would hold 10 E's, one
			// short; counting the sittings by the candidate (a sixth of a
			// block for the tenth and eleventh each) says 2.
			name:  "jury-blocks: a sitting of two candidates costs its whole block",
			input: func() plan.Input { return sittingsBeforeTheChunks(11) },
			days:  3, juries: 3, lbDays: 3, lbJury: 3,
		},
		{
			// A (210 minutes) then at once F (30, with the jury, last):
			// each candidate's pair fills a block. In the afternoon F
			// would end at 17:00, leaving no room for the 10-minute
			// deliberation that must follow it that day, so the pair
			// takes a morning, and the one jury holds one F a day: 2 days,
			// where the starts of F before the deliberation is counted
			// (11:30 and 16:30) say 1.
			name:  "the deliberation's tail: the last interview cannot end the day",
			input: func() plan.Input { return deliberationTail(10, hm(17, 0)) },
			days:  2, juries: 1, lbDays: 2, lbJury: 1,
		},
		{
			// The same without a deliberation: one pair in the morning, one
			// in the afternoon, 1 day.
			name:  "the deliberation's tail: none without a deliberation",
			input: func() plan.Input { return deliberationTail(0, hm(17, 0)) },
			days:  1, juries: 1, lbDays: 1, lbJury: 1,
		},
		{
			// The same with the afternoon 10 minutes longer: F ends at
			// 17:00 and the deliberation fits before 17:10, 1 day.
			name:  "the deliberation's tail: an afternoon with room for it",
			input: func() plan.Input { return deliberationTail(10, hm(17, 10)) },
			days:  1, juries: 1, lbDays: 1, lbJury: 1,
		},
		{
			// One workstation holds A (180 minutes) once a block: two
			// candidates a day leave it. B (960 minutes, two days,
			// splittable, on two of the workshop's seven places: three at
			// once) follows on a later day: the first two from day 2 to
			// day 3, the third from day 3; the fourth and fifth wait for
			// the first two's places, from day 4 to day 5, the sixth for
			// the third's, to day 6. 6 days, where the busiest place (two
			// B's from day 2) says 5.
			name:  "waves: a workshop that holds three at once, fed two a day",
			input: func() plan.Input { return stationWaves(7) },
			days:  6, juries: 0, lbDays: 6, lbJury: 0,
		},
		{
			// The same with eight places, four at once: the fifth and
			// sixth leave A on day 3 and do B on days 4 and 5, 5 days.
			name:  "waves: a workshop that holds four at once",
			input: func() plan.Input { return stationWaves(8) },
			days:  5, juries: 0, lbDays: 5, lbJury: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input()
			p := solve(t, in)
			assert.Equal(t, plan.LowerBounds{Days: tt.lbDays, Juries: tt.lbJury}, p.LowerBounds)
			assert.Len(t, p.Days, tt.days)
			assert.Equal(t, tt.juries, p.Juries)
		})
	}
}

// stationWaves is 6 candidates doing A (180 minutes, on the one
// workstation) then, on a later day, B (960 minutes, splittable, on two of
// the places of the workshop).
func stationWaves(places int) plan.Input {
	in := tiny(6, ep("A", 180, plan.NoJury, "poste"),
		plan.Epreuve{ID: "B", DurationMin: 960, Jury: plan.NoJury, Splittable: true, Resources: []plan.ResourceNeed{{Type: "atelier", Units: 2}}})
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "A", After: "B", NextDay: true}}
	in.Capacities = map[string]int{"poste": 1, "atelier": places}
	return in
}

// deliberationTail is 2 candidates doing A (210 minutes, no jury) then at
// once F (30 minutes, with the jury, last), a deliberation of delib
// minutes, one jury, blocks 08:00–12:00 and 13:00–end.
func deliberationTail(delib int, end tpsession.TimeOfDay) plan.Input {
	in := tiny(2, ep("A", 210, plan.NoJury), ep("F", 30, plan.Exclusive))
	in.Constraints = []plan.Constraint{{Type: plan.NoWait, Before: "A", After: "F", MaxGapMin: intp(0)}, {Type: plan.Last, Epreuve: "F"}}
	in.Calendar.Blocks[1].End = end
	in.Hidden.DeliberationMin = delib
	in.Jury.MaxJuries = 1
	return in
}

// sittingThenExclusive is 4 candidates, a sitting of O for all of them
// then their X within gap minutes, one day, juries of 180 minutes a day.
func sittingThenExclusive(gap int) plan.Input {
	in := tiny(4, plan.Epreuve{ID: "O", DurationMin: 60, Jury: plan.Observe, ObserveCapacity: 4, Resources: []plan.ResourceNeed{{Type: "salle", Units: 1}}},
		ep("X", 20, plan.Exclusive))
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "O", After: "X", MaxGapMin: intp(gap)}}
	in.Jury.MemberDayMin = 180
	in.Objective, in.Calendar.MaxDays = plan.MinJuries, 1
	return in
}

// sittingsBeforeTheChunks is n candidates sitting O (240 minutes,
// observed, 6 a sitting, one of 9 stations) then E (120 minutes with the
// jury), in 3 days of a 165-minute and a 255-minute block, juries of 360
// minutes a day, min_juries.
func sittingsBeforeTheChunks(n int) plan.Input {
	in := tiny(n, plan.Epreuve{ID: "O", DurationMin: 240, Jury: plan.Observe, ObserveCapacity: 6, Resources: []plan.ResourceNeed{{Type: "poste", Units: 1}}},
		ep("E", 120, plan.Exclusive))
	in.Capacities = map[string]int{"poste": 9}
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "O", After: "E"}}
	in.Calendar.Blocks = []plan.Block{{Start: hm(7, 30), End: hm(10, 15)}, {Start: hm(11, 15), End: hm(15, 30)}}
	in.Jury.MemberDayMin, in.Jury.MaxJuries = 360, 5
	in.Objective, in.Calendar.MaxDays = plan.MinJuries, 3
	return in
}

// TestBoundsOnTheSamples pins the bounds that the samples' optima need
// (the inputs are in testdata/; docs/planner-measurements.md#the-samples
// has their table).
func TestBoundsOnTheSamples(t *testing.T) {
	tests := []struct {
		sample     string
		candidates int
		objective  plan.Objective
		maxDays    int
		maxJuries  int
		lb         plan.LowerBounds
	}{
		// 4 cabins, 3 candidates each: the first candidate's 15-hour job
		// ends at 17:00 on day 2 (it starts at 09:00 after the opening),
		// its commissioning (with the accueil, 35 minutes) is next
		// morning, the second starts after the 60-minute reset and ends
		// on day 5, and the third cannot end by day 6.
		{"EEB-N12-tight-H420-typical.min_days.json", 12, plan.MinDays, 60, 2, plan.LowerBounds{Days: 7, Juries: 1}},
		// 4 workstations, 3 candidates each: a block holds one 3-hour
		// MSP1, or MSP2's (60 minutes after their accueil, 20-minute
		// reset), and on the last afternoon at most 2 (ET and EF, 45
		// minutes, must follow): 2 days hold 3 MSP1 and only 2 MSP2.
		{"TAI-N12-tight-H420-typical.min_juries.json", 12, plan.MinJuries, 3, 20, plan.LowerBounds{Days: 3, Juries: 2}},
		// With one jury: no MSP2 before 13:35 on day 1, so one jury has
		// 240 + 420 − 30 (closure) minutes in 2 days for 6 × 120.
		{"TAI-N12-tight-H420-typical.min_juries.json", 6, plan.MinJuries, 3, 20, plan.LowerBounds{Days: 3, Juries: 1}},
		// The 4-hour sitting cannot be on day 1's morning (after the
		// opening), a second sitting takes a jury-block from the orals.
		{"MAV-N12-tight-H420-typical.min_juries.json", 12, plan.MinJuries, 5, 20, plan.LowerBounds{Days: 5, Juries: 2}},
		// 2 rooms hold 4 PROJ–ET–EF chains a block, not 5.
		{"DWWM-N30-tight-H420-typical.min_days.json", 100, plan.MinDays, 60, 20, plan.LowerBounds{Days: 13, Juries: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.sample, func(t *testing.T) {
			in := loadSample(t, tt.sample)
			in.Candidates, in.Objective, in.Calendar.MaxDays, in.Jury.MaxJuries = tt.candidates, tt.objective, tt.maxDays, tt.maxJuries
			p, err := plan.Compute(in)
			require.NoError(t, err)
			require.True(t, p.Feasible, p.Reason)
			requireValid(t, in, p)
			assert.Equal(t, tt.lb, p.LowerBounds)
			assert.Equal(t, tt.lb, plan.LowerBounds{Days: len(p.Days), Juries: p.Juries}, "the plan meets its bounds: it is optimal")
		})
	}
}

// oneJurySittings is 3 candidates and one jury of dayMin minutes a day,
// in one block of 8 hours: I (40, exclusive) then, within 20 minutes, a
// sitting of O (120) then, within 20 minutes, F (30, exclusive).
func oneJurySittings(dayMin int) plan.Input {
	in := tiny(3, ep("I", 40, plan.Exclusive),
		plan.Epreuve{ID: "O", DurationMin: 120, Jury: plan.Observe, ObserveCapacity: 4, Resources: []plan.ResourceNeed{{Type: "salle", Units: 1}}},
		ep("F", 30, plan.Exclusive))
	in.Constraints = []plan.Constraint{
		{Type: plan.NoWait, Before: "I", After: "O", MaxGapMin: intp(20)},
		{Type: plan.NoWait, Before: "O", After: "F", MaxGapMin: intp(20)},
	}
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(16, 0)}}
	in.Jury.MemberDayMin, in.Jury.MaxJuries = dayMin, 1
	return in
}

// forcedInterviews is candidates candidates and one jury of 180 minutes a
// day: X (60, exclusive), Y and Z (240 each, no jury), F (30, exclusive),
// in that order.
func forcedInterviews(candidates int) plan.Input {
	in := tiny(candidates, ep("X", 60, plan.Exclusive), ep("Y", 240, plan.NoJury), ep("Z", 240, plan.NoJury), ep("F", 30, plan.Exclusive))
	in.Constraints = []plan.Constraint{
		{Type: plan.Precedes, Before: "X", After: "Y"},
		{Type: plan.Precedes, Before: "Y", After: "Z"},
		{Type: plan.Precedes, Before: "Z", After: "F"},
	}
	in.Jury.MemberDayMin, in.Jury.MaxJuries = 180, 1
	return in
}

// forcedPieces is forcedInterviews with 2 candidates, X of 70 minutes, F
// of 20 and last, and G of g minutes with the jury, anywhere before F.
func forcedPieces(g int) plan.Input {
	in := forcedInterviews(2)
	in.Epreuves[0].DurationMin, in.Epreuves[3].DurationMin = 70, 20
	in.Epreuves = append(in.Epreuves, ep("G", g, plan.Exclusive))
	in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Last, Epreuve: "F"})
	return in
}
