package plan_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// randomInput draws a valid input across the features: presences,
// splittable épreuves, resources with resets, every constraint type, hidden
// times, calendars with one to three blocks, regions and both objectives.
func randomInput(rng *rand.Rand) plan.Input {
	for {
		in := drawInput(rng)
		if in.Validate() == nil {
			return in
		}
	}
}

func drawInput(rng *rand.Rand) plan.Input {
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	var blocks []plan.Block
	t := pick(7*60, 8*60, 8*60+30)
	for range 1 + rng.IntN(3) {
		l := pick(120, 180, 240, 300)
		blocks = append(blocks, plan.Block{Start: tpsession.TimeOfDay(t), End: tpsession.TimeOfDay(t + l)})
		t += l + pick(0, 15, 60)
	}
	types := []string{"poste", "salle", "atelier"}[:1+rng.IntN(3)]
	capacities, resets := map[string]int{}, map[string]int{}
	for _, ty := range types {
		capacities[ty] = 1 + rng.IntN(5)
		if rng.IntN(2) == 0 {
			resets[ty] = pick(5, 15, 30)
		}
	}
	n := 1 + rng.IntN(5)
	var eps []plan.Epreuve
	for i := range n {
		e := plan.Epreuve{ID: fmt.Sprintf("E%d", i), DurationMin: pick(15, 20, 30, 45, 60, 90, 120, 180)}
		switch rng.IntN(5) {
		case 0, 1:
			e.Jury = plan.Exclusive
		case 2:
			e.Jury = plan.Observe
			e.ObserveCapacity = 1 + rng.IntN(6)
		default:
			e.Jury = plan.NoJury
			e.CorrectedByJury = rng.IntN(2) == 0
			if rng.IntN(4) == 0 {
				e.Splittable, e.DurationMin = true, pick(300, 600, 900)
			}
		}
		if rng.IntN(3) > 0 {
			e.Resources = []plan.ResourceNeed{{Type: types[rng.IntN(len(types))], Units: 1}}
		}
		eps = append(eps, e)
	}
	var cons []plan.Constraint
	for i := 1; i < n; i++ {
		switch rng.IntN(5) {
		case 0:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID, MinGapMin: pick(0, 0, 10, 60)})
		case 1:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID, MaxGapMin: intp(pick(30, 120, 300))})
		case 2:
			cons = append(cons, plan.Constraint{Type: plan.NoWait, Before: eps[i-1].ID, After: eps[i].ID, MaxGapMin: intp(pick(0, 0, 5, 20))})
			if rng.IntN(2) == 0 && !eps[i-1].Splittable && !eps[i].Splittable {
				eps[i].Resources = eps[i-1].Resources // a chain in one room
			}
		case 3:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID, NextDay: true})
		}
	}
	if n > 1 && rng.IntN(3) == 0 {
		cons = append(cons, plan.Constraint{Type: plan.Last, Epreuve: eps[n-1].ID})
	}
	if n > 1 && rng.IntN(4) == 0 && len(eps[0].Resources) > 0 {
		eps[1].Resources = eps[0].Resources
		cons = append(cons, plan.Constraint{Type: plan.SameStation, Epreuves: []string{eps[0].ID, eps[1].ID}})
	}
	hidden := func() int { return pick(0, 0, 5, 10, 20, 30) }
	in := plan.Input{
		Title:           plan.Title{Name: "Aléatoire"},
		Candidates:      1 + rng.IntN(14),
		Epreuves:        eps,
		Constraints:     cons,
		Capacities:      capacities,
		StationResetMin: resets,
		Hidden: &plan.Hidden{OpeningMin: hidden(), JuryBriefingMin: hidden(), JuryClosureMin: hidden(), AccueilMin: hidden(),
			ReadingMin: hidden(), CorrectionMin: hidden(), DeliberationMin: hidden()},
		Calendar: plan.Calendar{Start: date.New(2027, 4, 28) + date.Date(rng.IntN(30)), Blocks: blocks,
			MaxDays: 3 + rng.IntN(25), Region: tpsession.Regions[rng.IntN(len(tpsession.Regions))]},
		Jury:      plan.Jury{MembersPerJury: 2 + rng.IntN(2), MemberDayMin: pick(240, 360, 420, 480), MaxJuries: 1 + rng.IntN(6)},
		Objective: []plan.Objective{plan.MinDays, plan.MinJuries}[rng.IntN(2)],
	}
	return in
}

// TestRandomInputs plans random inputs under both objectives, checks every
// plan with the independent checker and checks the bounds against every
// plan found: the days bound of min_days holds for any plan within the
// juries limit, the juries bound of min_juries for any plan within the days
// limit.
func TestRandomInputs(t *testing.T) {
	runs := 60
	if testing.Short() {
		runs = 20
	}
	rng := rand.New(rand.NewPCG(2027, 3))
	feasible := 0
	for i := range runs {
		in := randomInput(rng)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			plans := map[plan.Objective]plan.Plan{}
			for _, obj := range []plan.Objective{plan.MinDays, plan.MinJuries} {
				in.Objective = obj
				p, err := plan.Compute(in)
				require.NoError(t, err)
				requireValid(t, in, p)
				plans[obj] = p
			}
			daysLB, juriesLB := plans[plan.MinDays].LowerBounds.Days, plans[plan.MinJuries].LowerBounds.Juries
			for obj, p := range plans {
				if !p.Feasible {
					assert.NotEmpty(t, p.Reason)
					continue
				}
				feasible++
				assert.GreaterOrEqual(t, len(p.Days), daysLB, "%s: a plan shorter than the days bound", obj)
				assert.GreaterOrEqual(t, p.Juries, juriesLB, "%s: a plan with fewer juries than the juries bound", obj)
			}
			// A proof of infeasibility must hold: no plan was found either.
			for obj, p := range plans {
				if !p.Feasible && p.Proved {
					for _, q := range plans {
						assert.False(t, q.Feasible, "%s proved infeasible, yet a plan exists", obj)
					}
				}
			}
		})
	}
	t.Logf("%d feasible plans out of %d", feasible, 2*runs)
}
