package plan_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
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
// counted on day 1), the accueil with the candidate's jury. The other
// hidden tasks are left out (zero); every time is a multiple of the
// search's grid. The search extends the days' one (brute_test.go).

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
	jb.laid, jb.done = jb.placeJury, jb.accueilFree
	n, e := in.Candidates, len(in.Epreuves)
	jb.jury, jb.own = make([][]int, n), make([]int, n)
	for c := range n {
		jb.jury[c], jb.own[c] = make([]int, e), -1
	}
	return jb
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

// accueil is candidate c's accueil, once all its épreuves are laid: its
// jury's, ending when its first exclusive épreuve starts; ok false when
// it has none.
func (jb *juryBrute) accueil(c int) (span, bool) {
	a, first := jb.in.Hidden.AccueilMin, -1
	for f, e := range jb.in.Epreuves {
		if e.Jury == plan.Exclusive && (first < 0 || jb.segs[c][f][0].s < jb.segs[c][first][0].s) {
			first = f
		}
	}
	if a == 0 || first < 0 {
		return span{}, false
	}
	s := jb.segs[c][first][0].s
	return span{s - a, s}, true
}

// accueilFree tells whether candidate c's accueil, its épreuves all laid,
// keeps clear of its jury's other work and within its day's minutes.
func (jb *juryBrute) accueilFree(c int) bool {
	x, ok := jb.accueil(c)
	if !ok {
		return true
	}
	j := jb.own[c]
	for c2 := range c + 1 {
		for f := range jb.in.Epreuves {
			if c2 != c && jb.jury[c2][f] == j && overlaps(x, whole(jb.segs[c2][f])) {
				return false
			}
		}
		if y, ok := jb.accueil(c2); ok && c2 != c && jb.own[c2] == j && overlaps(x, y) {
			return false
		}
	}
	return jb.dayLoad(c+1, -1, j) <= jb.in.Jury.MemberDayMin
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
		if c2 < c && jb.own[c2] == j {
			if y, ok := jb.accueil(c2); ok && overlaps(x, y) {
				return false
			}
		}
	}
	if in.Epreuves[e].Jury == plan.Observe && sitting > in.Epreuves[e].ObserveCapacity {
		return false
	}
	return jb.dayLoad(c, e, j) <= in.Jury.MemberDayMin
}

// dayLoad is jury j's most busy minutes in a day, with candidate c's
// épreuve e taken (candidates before c complete, c's épreuves up to e;
// with e = -1, the candidates before c only): its items, a sitting once,
// the accueils of the complete candidates, and the opening on day 1.
func (jb *juryBrute) dayLoad(c, e, j int) int {
	in := jb.in
	seen := map[span]bool{}
	load := map[int]int{}
	for c2 := range min(c+1, in.Candidates) {
		if c2 < c && jb.own[c2] == j {
			if x, ok := jb.accueil(c2); ok {
				load[x.s/1440] += x.e - x.s
			}
		}
		if e < 0 && c2 == c {
			break
		}
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
		switch {
		case it.Task == plan.TaskAccueil:
			p.Items[i].Jury = jb.own[it.Candidate-1] + 1
		case it.Task == "":
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
		Hidden:      &plan.Hidden{OpeningMin: pick(0, 30), AccueilMin: pick(0, 0, 30)},
		Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 1 + rng.IntN(2), Region: "metropole",
			Blocks: []plan.Block{{Start: hm(8, 0), End: hm(10, 0)}, {Start: hm(10, 30), End: hm(12, 30)}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: pick(120, 180, 240), MaxJuries: 3},
		Objective: plan.MinJuries,
	}
}

// juryFits returns fits[k][d], whether a plan of at most d days with k
// juries exists (k ≤ maxK, d ≤ maxD), by the exhaustive search with
// juries, handing each plan it finds to found (nil: none); exhausted when
// a search ran out of its steps before answering.
func juryFits(in plan.Input, maxK, maxD int, found func(d, k int, jb *juryBrute)) (fits [][]bool, exhausted bool) {
	fits = make([][]bool, maxK+1)
	for k := range fits {
		fits[k] = make([]bool, maxD+1)
	}
	for k := 1; k <= maxK && !exhausted; k++ {
		for d := 1; d <= maxD && !exhausted; d++ {
			if d > 1 && fits[k][d-1] || k > 1 && fits[k-1][d] {
				fits[k][d] = true
				continue
			}
			jb := newJuryBrute(in, d, k)
			var ok bool
			if ok, exhausted = jb.solve(); ok {
				fits[k][d] = true
				if found != nil {
					found(d, k, jb)
				}
			}
		}
	}
	return fits, exhausted
}

// TestJuriesBoundNeverExceedsTheOptimum finds, for each small input, which
// numbers of juries (1 to 3) and days (1 or 2) admit a plan, and checks
// the bounds against both questions: for min_juries within the days, the
// juries bound never exceeds the fewest juries; for min_days within the
// juries, the days bound never exceeds the fewest days.
func TestJuriesBoundNeverExceedsTheOptimum(t *testing.T) {
	runs := 200
	if testing.Short() || raceDetector {
		runs = 50
	}
	const maxK, maxD = 3, 2
	rng := rand.New(rand.NewPCG(2027, 13))
	tightK, tightD, askedK, askedD, tried := 0, 0, 0, 0, 0
	for i := 0; tried < runs && i < 20*runs; i++ {
		in := drawJuries(rng)
		if in.Validate() != nil {
			continue
		}
		fits, exhausted := juryFits(in, maxK, maxD, func(d, k int, jb *juryBrute) {
			q := in
			q.Calendar.MaxDays, q.Jury.MaxJuries = d, k
			js, _ := json.Marshal(q)
			require.Empty(t, check(q, jb.output()), "input %s: the search's plan breaks the rules", js)
		})
		if exhausted {
			continue
		}
		tried++
		js, _ := json.Marshal(in)
		for d := 1; d <= maxD; d++ {
			q := in
			q.Objective, q.Calendar.MaxDays, q.Jury.MaxJuries = plan.MinJuries, d, maxK
			fewest := slices.IndexFunc(fits, func(f []bool) bool { return f[d] })
			if fewest < 0 {
				continue // more juries than the search tries
			}
			askedK++
			p, err := plan.Compute(q, plan.WithBudget(50*time.Millisecond))
			require.NoError(t, err)
			assert.LessOrEqual(t, p.LowerBounds.Juries, fewest, "input %s in %d days: the juries bound exceeds the optimum", js, d)
			if p.Feasible {
				assert.GreaterOrEqual(t, p.Juries, fewest, "input %s in %d days: fewer juries than the optimum: the search misses plans", js, d)
			}
			if p.LowerBounds.Juries == fewest {
				tightK++
			}
		}
		for k := 1; k <= maxK; k++ {
			q := in
			q.Objective, q.Calendar.MaxDays, q.Jury.MaxJuries = plan.MinDays, maxD, k
			fewest := slices.Index(fits[k], true)
			if fewest < 0 {
				continue // more days than the search tries
			}
			askedD++
			p, err := plan.Compute(q, plan.WithBudget(50*time.Millisecond))
			require.NoError(t, err)
			assert.LessOrEqual(t, p.LowerBounds.Days, fewest, "input %s with %d juries: the days bound exceeds the optimum", js, k)
			if p.Feasible {
				assert.GreaterOrEqual(t, len(p.Days), fewest, "input %s with %d juries: fewer days than the optimum: the search misses plans", js, k)
			}
			if p.LowerBounds.Days == fewest {
				tightD++
			}
		}
	}
	require.Greater(t, tried, runs/2, "too many inputs were too big for the search")
	t.Logf("%d inputs searched; the juries bound is the optimum on %d of %d questions, the days bound on %d of %d", tried, tightK, askedK, tightD, askedD)
}
