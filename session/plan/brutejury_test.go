package plan_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// The juries bounds are proofs too: no plan within the days uses fewer
// juries. TestJuriesBoundNeverExceedsTheOptimum checks it against the
// true optimum of small inputs, found by exhaustive search over the
// candidates' starts, units and juries: exclusive épreuves with the
// candidate's jury, observed ones in sittings that any jury watches
// (candidates over the same interval with the same jury share one), a
// jury doing one thing at a time within its day's minutes (the opening
// counted on day 1). The hidden tasks other than the opening are left
// out (all zero). The search extends the days' one (brute_test.go).

// juryBrute is the exhaustive search with juries: at most k of them.
type juryBrute struct {
	*brute
	k    int
	jury [][]int // per candidate and épreuve, its jury (-1: none)
	own  []int   // per candidate, the jury of its exclusive épreuves (-1: none yet)
	used int     // juries used so far: 0…used-1
}

func newJuryBrute(in plan.Input, days, k int) *juryBrute {
	jb := &juryBrute{brute: newBrute(in, days), k: k}
	n, e := in.Candidates, len(in.Epreuves)
	jb.segs, jb.unit, jb.jury, jb.own = make([][][]span, n), make([][]int, n), make([][]int, n), make([]int, n)
	for c := range n {
		jb.segs[c], jb.unit[c], jb.jury[c] = make([][]span, e), make([]int, e), make([]int, e)
		jb.own[c] = -1
	}
	return jb
}

// solve reports whether a plan of at most the days and k juries exists;
// exhausted when the search ran out of budget.
func (jb *juryBrute) solve() (found, exhausted bool) {
	found = jb.place(0, 0)
	return found, jb.nodes > jb.budget
}

func (jb *juryBrute) place(c, e int) bool {
	in := jb.in
	if jb.nodes++; jb.nodes > jb.budget {
		return false
	}
	if e == len(in.Epreuves) {
		if !jb.candidateOK(c) {
			return false
		}
		c, e = c+1, 0
		if c == in.Candidates {
			return true
		}
	}
	ep := in.Epreuves[e]
	for _, segs := range jb.starts[e] {
		if e == 0 && c > 0 && segs[0].s < jb.segs[c-1][0][0].s {
			continue // candidates are alike
		}
		if !jb.freeCandidate(c, e, segs) {
			continue
		}
		units := []int{-1}
		if len(ep.Resources) > 0 {
			units = nil
			for u := range in.Capacities[ep.Resources[0].Type] {
				units = append(units, u)
			}
		}
		for _, u := range units {
			if u >= 0 && !jb.freeUnit(c, e, u, whole(segs)) {
				continue
			}
			jb.segs[c][e], jb.unit[c][e] = segs, u
			if jb.placeJury(c, e) {
				return true
			}
			jb.segs[c][e] = nil
		}
	}
	return false
}

// placeJury chooses the jury of candidate c's épreuve e, just laid, and
// goes on.
func (jb *juryBrute) placeJury(c, e int) bool {
	ep := jb.in.Epreuves[e]
	choices := []int{-1}
	switch {
	case ep.Jury == plan.Exclusive && jb.own[c] >= 0:
		choices = []int{jb.own[c]}
	case ep.Jury != plan.NoJury:
		choices = nil
		for j := range min(jb.k, jb.used+1) { // juries are alike: a new one is the next
			choices = append(choices, j)
		}
	}
	for _, j := range choices {
		if j >= 0 && !jb.freeJury(c, e, j) {
			continue
		}
		own, used := jb.own[c], jb.used
		jb.jury[c][e] = j
		if ep.Jury == plan.Exclusive {
			jb.own[c] = j
		}
		jb.used = max(jb.used, j+1)
		if jb.place(c, e+1) {
			return true
		}
		jb.jury[c][e], jb.own[c], jb.used = -1, own, used
	}
	return false
}

// freeJury tells whether jury j can take candidate c's épreuve e: no
// overlap with its other work but the same sitting (the same observed
// épreuve over the same interval, within its capacity), and its day's
// busy minutes within member_day_min.
func (jb *juryBrute) freeJury(c, e, j int) bool {
	in := jb.in
	x := whole(jb.segs[c][e])
	sitting := 1
	for c2 := range c + 1 {
		for f := range in.Epreuves {
			if c2 == c && f >= e || jb.segs[c2][f] == nil || jb.jury[c2][f] != j {
				continue
			}
			y := whole(jb.segs[c2][f])
			if f == e && in.Epreuves[e].Jury == plan.Observe && x == y {
				sitting++
				continue
			}
			if overlaps(x, y) {
				return false
			}
		}
	}
	if in.Epreuves[e].Jury == plan.Observe && sitting > in.Epreuves[e].ObserveCapacity {
		return false
	}
	return jb.dayLoad(c, e, j) <= in.Jury.MemberDayMin
}

// dayLoad is jury j's busy minutes on the days of candidate c's épreuve e
// (the most of them), with e taken: its items, a sitting once, and the
// opening on day 1.
func (jb *juryBrute) dayLoad(c, e, j int) int {
	in := jb.in
	seen := map[span]bool{}
	load := map[int]int{}
	for c2 := range c + 1 {
		for f := range in.Epreuves {
			if c2 == c && f > e || jb.segs[c2][f] == nil || (c2 != c || f != e) && jb.jury[c2][f] != j {
				continue
			}
			for _, sg := range jb.segs[c2][f] {
				key := span{sg.s*8 + f, sg.e}
				if in.Epreuves[f].Jury == plan.Observe && seen[key] {
					continue
				}
				seen[key] = true
				load[sg.s/1440] += sg.e - sg.s
			}
		}
	}
	worst := 0
	for d, l := range load {
		if d == 0 {
			l += in.Hidden.OpeningMin
		}
		worst = max(worst, l)
	}
	return worst
}

// output writes the search's plan for the checker.
func (jb *juryBrute) output() plan.Plan {
	p := jb.brute.output()
	p.Juries, p.Members = jb.used, jb.used*jb.in.Jury.MembersPerJury
	for i, it := range p.Items {
		if it.Epreuve != "" && it.Task == "" {
			if j := jb.jury[it.Candidate-1][jb.pos[it.Epreuve]]; j >= 0 {
				p.Items[i].Jury = j + 1
			}
		}
	}
	return p
}

// drawJuries draws a small min_juries input: one to three épreuves with
// the jury (exclusive, or observed in sittings of two or three) or
// without, on a few workstations or none, in one or two days of two
// blocks.
func drawJuries(rng *rand.Rand) plan.Input {
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	n := 1 + rng.IntN(3)
	var eps []plan.Epreuve
	for i := range n {
		e := plan.Epreuve{ID: fmt.Sprintf("E%d", i), DurationMin: pick(30, 60, 90)}
		switch rng.IntN(3) {
		case 0:
			e.Jury = plan.Exclusive
		case 1:
			e.Jury, e.ObserveCapacity = plan.Observe, pick(2, 3)
		default:
			e.Jury = plan.NoJury
		}
		if i == n-1 && e.Jury == plan.NoJury {
			e.Jury = plan.Exclusive // some jury work
		}
		if rng.IntN(2) == 0 {
			e.Resources = []plan.ResourceNeed{{Type: "poste", Units: 1}}
		}
		eps = append(eps, e)
	}
	var cons []plan.Constraint
	for i := 1; i < n; i++ {
		switch rng.IntN(3) {
		case 0:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID})
		case 1:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID, MaxGapMin: intp(pick(0, 30))})
		}
	}
	cands := 2 + rng.IntN(3)
	return plan.Input{
		Title:       plan.Title{Name: "Exhaustif"},
		Candidates:  cands,
		Epreuves:    eps,
		Constraints: cons,
		Capacities:  map[string]int{"poste": 1 + rng.IntN(3)},
		Hidden:      &plan.Hidden{OpeningMin: pick(0, 30)},
		Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 1 + rng.IntN(2), Region: "metropole",
			Blocks: []plan.Block{{Start: hm(8, 0), End: hm(10, 0)}, {Start: hm(10, 30), End: hm(12, 30)}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: pick(120, 180, 240), MaxJuries: 3},
		Objective: plan.MinJuries,
	}
}

func TestJuriesBoundNeverExceedsTheOptimum(t *testing.T) {
	runs := 200
	if testing.Short() || raceDetector {
		runs = 50
	}
	rng := rand.New(rand.NewPCG(2027, 13))
	tight, tried := 0, 0
	for i := 0; tried < runs && i < 20*runs; i++ {
		in := drawJuries(rng)
		if in.Validate() != nil {
			continue
		}
		optimum, exhausted := 0, false
		var best plan.Plan
		for k := 1; k <= in.Jury.MaxJuries && optimum == 0 && !exhausted; k++ {
			jb := newJuryBrute(in, in.Calendar.MaxDays, k)
			var found bool
			if found, exhausted = jb.solve(); found {
				optimum, best = k, jb.output()
			}
		}
		if exhausted || optimum == 0 {
			continue // too big, or more juries than the search tries
		}
		tried++
		js, _ := json.Marshal(in)
		name := fmt.Sprintf("input %d: %s", i, js)
		require.Empty(t, check(in, best), "%s: the search's plan breaks the rules", name)
		require.Equal(t, optimum, best.Juries)
		p, err := plan.Compute(in, plan.WithBudget(100*time.Millisecond))
		require.NoError(t, err)
		assert.LessOrEqual(t, p.LowerBounds.Juries, optimum, "%s: the juries bound exceeds the optimum", name)
		if p.Feasible {
			assert.GreaterOrEqual(t, p.Juries, optimum, "%s: a plan with fewer juries than the optimum: the search misses plans", name)
		}
		if p.LowerBounds.Juries == optimum {
			tight++
		}
	}
	require.Greater(t, tried, runs/2, "too many inputs were too big for the search")
	t.Logf("%d inputs searched; the bound is the optimum on %d", tried, tight)
}
