package plan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// tiny is a one-block-a-morning, one-block-an-afternoon input whose hidden
// times are all zero, for the rules one at a time.
func tiny(candidates int, eps ...plan.Epreuve) plan.Input {
	return plan.Input{
		Title:      plan.Title{Name: "Essai"},
		Candidates: candidates,
		Epreuves:   eps,
		Capacities: map[string]int{"poste": 1, "salle": 4},
		Hidden:     &plan.Hidden{},
		Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 10,
			Blocks: []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}, {Start: hm(13, 0), End: hm(17, 0)}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: 480, MaxJuries: 5},
		Objective: plan.MinDays,
	}
}

func ep(id string, minutes int, jury plan.Presence, resources ...string) plan.Epreuve {
	e := plan.Epreuve{ID: id, DurationMin: minutes, Jury: jury}
	for _, r := range resources {
		e.Resources = append(e.Resources, plan.ResourceNeed{Type: r, Units: 1})
	}
	return e
}

// solve plans in, checks the plan with the independent checker and
// returns it.
func solve(t *testing.T, in plan.Input) plan.Plan {
	t.Helper()
	p, err := plan.Compute(in)
	require.NoError(t, err)
	require.True(t, p.Feasible, p.Reason)
	requireValid(t, in, p)
	return p
}

// find returns the items of a candidate's épreuve or task.
func find(p plan.Plan, candidate int, what string) []plan.Item {
	var out []plan.Item
	for _, it := range p.Items {
		if it.Candidate == candidate && (it.Epreuve == what && it.Task == "" || string(it.Task) == what) {
			out = append(out, it)
		}
	}
	return out
}

func one(t *testing.T, p plan.Plan, candidate int, what string) plan.Item {
	t.Helper()
	items := find(p, candidate, what)
	require.Len(t, items, 1, "candidate %d, %s", candidate, what)
	return items[0]
}

// startOf and endOf are in absolute minutes, as in the checker.
func startOf(it plan.Item) int { return itemSpan(it).s }
func endOf(it plan.Item) int   { return itemSpan(it).e }

func TestPrecedesGaps(t *testing.T) {
	tests := []struct {
		name    string
		con     plan.Constraint
		gap     int // from A's end to B's start
		nextDay bool
	}{
		{"no gap", plan.Constraint{Type: plan.Precedes, Before: "A", After: "B"}, 0, false},
		{"minimum gap", plan.Constraint{Type: plan.Precedes, Before: "A", After: "B", MinGapMin: 30}, 30, false},
		{"minimum gap past the day: next day", plan.Constraint{Type: plan.Precedes, Before: "A", After: "B", MinGapMin: 450}, -1, true},
		{"next day", plan.Constraint{Type: plan.Precedes, Before: "A", After: "B", NextDay: true}, -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tiny(1, ep("A", 60, plan.NoJury), ep("B", 60, plan.NoJury))
			in.Constraints = []plan.Constraint{tt.con}
			p := solve(t, in)
			a, b := one(t, p, 1, "A"), one(t, p, 1, "B")
			if tt.nextDay {
				assert.Greater(t, b.Segments[0].Day, a.Segments[0].Day)
				return
			}
			assert.Equal(t, tt.gap, startOf(b)-endOf(a))
		})
	}
}

func TestMaximumGapHoldsUnderContention(t *testing.T) {
	// One station for three candidates: B must follow A within 10 minutes,
	// so no candidate's A may leave the station to another between.
	in := tiny(3, ep("A", 60, plan.NoJury, "poste"), ep("B", 30, plan.NoJury, "salle"))
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "A", After: "B", MaxGapMin: intp(10)}}
	p := solve(t, in)
	for c := 1; c <= 3; c++ {
		gap := startOf(one(t, p, c, "B")) - endOf(one(t, p, c, "A"))
		assert.True(t, gap >= 0 && gap <= 10, "candidate %d: gap %d", c, gap)
	}
}

func TestNoWaitIntoTheFirstExclusiveNeedsRoomForTheAccueil(t *testing.T) {
	for _, tt := range []struct {
		maxGap   int
		feasible bool
	}{{5, true}, {4, false}} {
		in := tiny(1, ep("A", 60, plan.NoJury), ep("B", 30, plan.Exclusive))
		in.Hidden.AccueilMin = 5
		in.Constraints = []plan.Constraint{{Type: plan.NoWait, Before: "A", After: "B", MaxGapMin: intp(tt.maxGap)}}
		p, err := plan.Compute(in)
		require.NoError(t, err)
		assert.Equal(t, tt.feasible, p.Feasible, "max_gap_min %d", tt.maxGap)
		if p.Feasible {
			requireValid(t, in, p)
			assert.Equal(t, 5, startOf(one(t, p, 1, "B"))-endOf(one(t, p, 1, "A")))
			assert.Equal(t, endOf(one(t, p, 1, "A")), startOf(one(t, p, 1, "accueil")))
		} else {
			assert.True(t, p.Proved, "the accueil cannot fit between A and B: B has no start")
			assert.NotEmpty(t, p.Reason)
		}
	}
}

func TestLastAndSameStation(t *testing.T) {
	in := tiny(3, ep("M1", 120, plan.NoJury, "salle"), ep("M2", 30, plan.Exclusive, "salle"), ep("EF", 20, plan.Exclusive), ep("QP", 30, plan.NoJury))
	in.Constraints = []plan.Constraint{
		{Type: plan.Precedes, Before: "M1", After: "M2"},
		{Type: plan.SameStation, Epreuves: []string{"M1", "M2"}},
		{Type: plan.Last, Epreuve: "EF"},
	}
	p := solve(t, in)
	for c := 1; c <= 3; c++ {
		assert.Equal(t, one(t, p, c, "M1").Units, one(t, p, c, "M2").Units)
		for _, id := range []string{"M1", "M2", "QP"} {
			assert.LessOrEqual(t, endOf(one(t, p, c, id)), startOf(one(t, p, c, "EF")))
		}
	}
}

func TestStationReset(t *testing.T) {
	for _, reset := range []int{0, 30} {
		in := tiny(2, ep("A", 60, plan.NoJury, "poste"))
		in.StationResetMin = map[string]int{"poste": reset}
		p := solve(t, in)
		a1, a2 := one(t, p, 1, "A"), one(t, p, 2, "A")
		first, second := a1, a2
		if startOf(a2) < startOf(a1) {
			first, second = a2, a1
		}
		assert.Equal(t, first.Segments[0].Day, second.Segments[0].Day)
		assert.Equal(t, reset, startOf(second)-endOf(first), "reset %d", reset)
	}
}

func TestObserveSittings(t *testing.T) {
	e := ep("MSP", 120, plan.Observe, "salle")
	e.ObserveCapacity = 3
	in := tiny(5, e)
	in.Capacities["salle"] = 5
	in.Jury.MaxJuries = 1
	p := solve(t, in)
	starts := map[int]int{}
	for c := 1; c <= 5; c++ {
		starts[startOf(one(t, p, c, "MSP"))]++
	}
	assert.Len(t, starts, 2, "two sittings: 3 candidates, then 2")
	assert.Equal(t, 1, p.Juries)
}

func TestSplittableEpreuveRunsOverNightsAndWeekends(t *testing.T) {
	in := tiny(1, ep("INST", 1200, plan.NoJury, "poste"))
	in.Epreuves[0].Splittable = true
	in.Calendar.Start = date.New(2027, 3, 4) // a Thursday
	p := solve(t, in)
	it := one(t, p, 1, "INST")
	assert.Len(t, it.Segments, 5)
	assert.Equal(t, []date.Date{date.New(2027, 3, 4), date.New(2027, 3, 5), date.New(2027, 3, 8)}, p.Days)
}

func TestDaysSkipHolidays(t *testing.T) {
	ascension := tpsession.Easter(2027) + 39
	in := tiny(3, ep("A", 240, plan.NoJury, "poste"))
	in.Calendar.Start = ascension
	p := solve(t, in)
	assert.Equal(t, []date.Date{ascension + 1, ascension + 4}, p.Days, "Ascension Thursday, then the weekend, are skipped")
}

func TestMemberDayBudget(t *testing.T) {
	// 100 jury minutes a candidate: with 250 a day, one jury sees 2 a day.
	for _, tt := range []struct {
		budget, days int
	}{{250, 2}, {199, 4}, {200, 2}} {
		in := tiny(4, ep("E", 100, plan.Exclusive))
		in.Jury.MemberDayMin, in.Jury.MaxJuries = tt.budget, 1
		p := solve(t, in)
		assert.Len(t, p.Days, tt.days, "budget %d", tt.budget)
		assert.Equal(t, tt.days, p.LowerBounds.Days, "budget %d", tt.budget)
	}
}

func TestHiddenTimes(t *testing.T) {
	in := tiny(2, ep("QP", 30, plan.NoJury, "salle"), ep("ORAL", 60, plan.Exclusive))
	in.Epreuves[0].CorrectedByJury = true
	in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "QP", After: "ORAL"}}
	in.Hidden = &plan.Hidden{OpeningMin: 30, JuryBriefingMin: 20, JuryClosureMin: 25, AccueilMin: 5, ReadingMin: 15, CorrectionMin: 10, DeliberationMin: 10}
	in.Jury.MaxJuries = 1
	p := solve(t, in)
	assert.Equal(t, &plan.Opening{Day: 1, Start: hm(8, 0), End: hm(8, 30)}, p.Opening)
	for c := 1; c <= 2; c++ {
		oral := one(t, p, c, "ORAL")
		assert.Equal(t, startOf(oral), endOf(one(t, p, c, "accueil")))
		assert.LessOrEqual(t, endOf(one(t, p, c, "reading")), startOf(one(t, p, c, "accueil")))
		corr := one(t, p, c, "correction")
		assert.Equal(t, "QP", corr.Epreuve)
		assert.GreaterOrEqual(t, startOf(corr), endOf(one(t, p, c, "QP")))
		assert.LessOrEqual(t, endOf(corr), startOf(one(t, p, c, "accueil")))
		assert.GreaterOrEqual(t, startOf(one(t, p, c, "deliberation")), endOf(oral))
	}
	var briefing, closure []plan.Item
	for _, it := range p.Items {
		switch it.Task {
		case plan.TaskBriefing:
			briefing = append(briefing, it)
		case plan.TaskClosure:
			closure = append(closure, it)
		}
	}
	require.Len(t, briefing, 1)
	require.Len(t, closure, 1)
	assert.Equal(t, abs(1, hm(8, 30)), startOf(briefing[0]), "right after the opening")
}

func TestNoOpeningItemWithoutOpening(t *testing.T) {
	p := solve(t, tiny(1, ep("A", 60, plan.NoJury)))
	assert.Nil(t, p.Opening)
	data, err := json.Marshal(p)
	require.NoError(t, err)
	assert.NotContains(t, string(data), `"opening"`)
	assert.NotContains(t, string(data), `"proved"`)
	assert.Contains(t, string(data), `"jury":0`)
	assert.Equal(t, 0, p.Juries, "no jury has anything to do")
}

func TestJuryCostIsExact(t *testing.T) {
	in := tiny(4, ep("E", 100, plan.Exclusive))
	in.Jury.MemberDayMin, in.Jury.MaxJuries = 250, 1
	in.Jury.MemberDayFee = decimal.NewNullDecimal(decimal.RequireFromString("180.10"))
	p := solve(t, in)
	assert.Equal(t, 4, p.MemberDays, "1 jury × 2 days × 2 members")
	assert.True(t, p.JuryCost.Decimal.Equal(decimal.RequireFromString("720.40")))
	data, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"member_days":4`)
	assert.Contains(t, string(data), `"jury_cost":"720.40"`)
	var back plan.Plan
	require.NoError(t, json.Unmarshal(data, &back))
	assert.True(t, back.JuryCost.Decimal.Equal(p.JuryCost.Decimal))
}

func TestInfeasible(t *testing.T) {
	t.Run("proved: the station needs more days", func(t *testing.T) {
		in := tiny(10, ep("A", 240, plan.NoJury, "poste"))
		in.Calendar.MaxDays = 4
		p, err := plan.Compute(in)
		require.NoError(t, err)
		assert.False(t, p.Feasible)
		assert.True(t, p.Proved)
		assert.Equal(t, 5, p.LowerBounds.Days)
		assert.Contains(t, p.Reason, "poste")
		assert.Contains(t, p.Reason, "5 days")
		assert.ErrorIs(t, p.Err(), plan.ErrNoPlan)
		data, err := json.Marshal(p)
		require.NoError(t, err)
		assert.Contains(t, string(data), `"feasible":false`)
		assert.Contains(t, string(data), `"proved":true`)
		requireValid(t, in, p)
	})
	t.Run("proved: the juries cannot do the work", func(t *testing.T) {
		in := tiny(10, ep("E", 200, plan.Exclusive))
		in.Objective, in.Calendar.MaxDays, in.Jury.MaxJuries = plan.MinJuries, 2, 2
		p, err := plan.Compute(in)
		require.NoError(t, err)
		assert.False(t, p.Feasible)
		assert.True(t, p.Proved)
		assert.Equal(t, 3, p.LowerBounds.Juries)
		assert.Contains(t, p.Reason, "max_juries")
	})
	t.Run("not proved", func(t *testing.T) {
		// A and C must both end at most 30 minutes before B starts, and
		// a block holds only one of them: each alone fits, the bounds
		// see no more.
		in := tiny(1, ep("A", 200, plan.NoJury), ep("C", 200, plan.NoJury), ep("B", 30, plan.Exclusive))
		in.Constraints = []plan.Constraint{
			{Type: plan.Precedes, Before: "A", After: "B", MaxGapMin: intp(30)},
			{Type: plan.Precedes, Before: "C", After: "B", MaxGapMin: intp(30)},
		}
		p, err := plan.Compute(in)
		require.NoError(t, err)
		assert.False(t, p.Feasible)
		assert.False(t, p.Proved)
		data, err := json.Marshal(p)
		require.NoError(t, err)
		assert.Contains(t, string(data), `"proved":false`)
	})
}

func TestObjectives(t *testing.T) {
	// 8 candidates of 200 jury minutes, 420 a jury-day: 2 candidates a
	// jury-day.
	in := tiny(8, ep("E", 200, plan.Exclusive))
	in.Jury.MemberDayMin, in.Jury.MaxJuries, in.Calendar.MaxDays = 420, 4, 4
	in.Objective = plan.MinDays
	p := solve(t, in)
	assert.Len(t, p.Days, 1)
	assert.Equal(t, 4, p.Juries)
	in.Objective = plan.MinJuries
	p = solve(t, in)
	assert.Equal(t, 1, p.Juries)
	assert.Len(t, p.Days, 4)
	assert.Equal(t, plan.LowerBounds{Days: 4, Juries: 1}, p.LowerBounds)
}

func TestComputeIsDeterministic(t *testing.T) {
	in := loadSample(t, "TAI-N12-tight-H420-typical.min_juries.json")
	a, err := plan.Compute(in)
	require.NoError(t, err)
	b, err := plan.Compute(in)
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

func TestRecord(t *testing.T) {
	sid := tpsession.NewSessionID()
	at := time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC)
	r, err := plan.NewRecord(context.Background(), "centre-1", sid, baseInput(), at)
	require.NoError(t, err)
	assert.True(t, r.Plan.Feasible)
	c := r.Clone()
	c.Plan.Items[0].Segments[0].Day = 99
	c.Input.Epreuves[0].ID = "X"
	assert.NotEqual(t, 99, r.Plan.Items[0].Segments[0].Day)
	assert.Equal(t, "QP", r.Input.Epreuves[0].ID)

	_, err = plan.NewRecord(context.Background(), "", "nope", baseInput(), at)
	assert.ElementsMatch(t, []string{"centre", "session"}, fieldsOf(t, err))
}

func TestLowerBoundsAreExplained(t *testing.T) {
	p := solve(t, loadSample(t, "MAV-N12-tight-H420-typical.min_juries.json"))
	require.Len(t, p.Explanation, 2)
	assert.True(t, strings.HasPrefix(p.Explanation[0], "days: "))
}

func TestEpreuveItemsAlwaysHaveUnits(t *testing.T) {
	// An épreuve without resources has "units": [] (docs/planning.md#output); a
	// hidden task has no units.
	in := tiny(2, ep("A", 60, plan.Exclusive), ep("B", 30, plan.NoJury, "poste"))
	in.Hidden = &plan.Hidden{JuryBriefingMin: 10, AccueilMin: 5}
	p := solve(t, in)
	data, err := json.Marshal(p)
	require.NoError(t, err)
	var wire struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	require.NoError(t, json.Unmarshal(data, &wire))
	for _, it := range wire.Items {
		var id string
		if raw, ok := it["epreuve"]; ok {
			require.NoError(t, json.Unmarshal(raw, &id))
		}
		_, task := it["task"]
		switch {
		case task:
			assert.NotContains(t, it, "units")
		case id == "A":
			assert.JSONEq(t, `[]`, string(it["units"]))
		case id == "B":
			assert.JSONEq(t, `["poste#1"]`, string(it["units"]))
		}
	}
}

// bigInput is a session too large for a small budget to meet its bounds.
func bigInput(t *testing.T) plan.Input {
	in := loadSample(t, "TAI-N12-tight-H420-typical.min_juries.json")
	in.Candidates, in.Calendar.MaxDays = 120, 40
	return in
}

func TestTheSearchIsDeterministicForASeedAndABudget(t *testing.T) {
	in := bigInput(t)
	in.Candidates = 40
	a, err := plan.Compute(in, plan.WithBudget(50*time.Millisecond), plan.WithSeed(3))
	require.NoError(t, err)
	b, err := plan.Compute(in, plan.WithBudget(50*time.Millisecond), plan.WithSeed(3))
	require.NoError(t, err)
	assert.Equal(t, a, b, "same input, seed and budget: same plan")

	// The input's search settings are the options' defaults.
	in.Search = &plan.SearchSettings{BudgetMs: 50, Seed: 3}
	c, err := plan.Compute(in)
	require.NoError(t, err)
	assert.Equal(t, a, c)
	requireValid(t, in, c)
}

func TestABudgetTooSmallAnswersTheBestPlanAndItsGap(t *testing.T) {
	in := bigInput(t)
	// A millisecond leaves no search, only the serial schedule, which runs
	// whatever the budget: its plan, which says by how much it misses.
	p, err := plan.Compute(in, plan.WithBudget(time.Millisecond))
	require.NoError(t, err)
	requireValid(t, in, p)
	require.True(t, p.Feasible, p.Reason)
	require.NotNil(t, p.Gap)
	assert.Contains(t, p.Gap.Reason, "budget (1 ms, search.budget_ms)")
	serial := p

	// A tenth of a second finds a plan, which says which bound it misses
	// and by how much.
	p, err = plan.Compute(in, plan.WithBudget(100*time.Millisecond))
	require.NoError(t, err)
	require.True(t, p.Feasible, p.Reason)
	requireValid(t, in, p)
	require.NotNil(t, p.Gap)
	assert.Contains(t, p.Gap.Reason, "budget (100 ms, search.budget_ms)")
	assert.Contains(t, p.Gap.Reason, "lower_bounds.days")
	assert.Contains(t, p.Gap.Reason, fmt.Sprintf("%d days more than the lower bound of %d (lower_bounds.days)", p.Gap.Days, p.LowerBounds.Days))
	data, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"gap":{"days":`)

	assert.True(t, p.Juries < serial.Juries || p.Juries == serial.Juries && len(p.Days) <= len(serial.Days),
		"the search does no worse than the serial schedule: %d juries and %d days against %d and %d", p.Juries, len(p.Days), serial.Juries, len(serial.Days))

	// The default budget does no worse, by the objective: fewer juries,
	// or as many and no more days.
	q, err := plan.Compute(in)
	require.NoError(t, err)
	requireValid(t, in, q)
	assert.True(t, q.Juries < p.Juries || q.Juries == p.Juries && len(q.Days) <= len(p.Days),
		"%d juries and %d days against %d and %d", q.Juries, len(q.Days), p.Juries, len(p.Days))
}
