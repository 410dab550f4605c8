package plan_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// The days bounds are proofs: no plan is shorter. TestDaysBoundNeverExceedsTheOptimum
// checks it against the true optimum of small inputs, found by exhaustive
// search: one station type (a long job, a part with the jury on the same
// station, resets, no_wait chains with gaps, splittable jobs), each
// candidate with a jury of its own so that only the candidates and the
// stations bind; its deliberation follows at its earliest. The search is written from docs/planning.md alone and its
// plans go through the independent checker; the planner's plan, never
// shorter than the optimum, checks that the search misses none.

// bruteStep is the search's grain: every time of the inputs is a multiple.
const bruteStep = 30

// drawStations draws a small input of the family.
func drawStations(rng *rand.Rand) plan.Input {
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	n := 1 + rng.IntN(3)
	var eps []plan.Epreuve
	for i := range n {
		e := plan.Epreuve{ID: fmt.Sprintf("E%d", i), DurationMin: pick(30, 60, 90, 120), Jury: plan.NoJury}
		if rng.IntN(2) == 0 {
			e.Jury = plan.Exclusive
		}
		if i == 0 || rng.IntN(3) > 0 {
			e.Resources = []plan.ResourceNeed{{Type: "poste", Units: 1}}
		}
		if i == 0 && e.Jury == plan.NoJury && rng.IntN(3) == 0 {
			e.Splittable, e.DurationMin = true, pick(180, 240, 300)
		}
		eps = append(eps, e)
	}
	var cons []plan.Constraint
	for i := 1; i < n; i++ {
		switch rng.IntN(4) {
		case 0:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID, MinGapMin: pick(0, 30)})
		case 1:
			if !eps[i-1].Splittable {
				cons = append(cons, plan.Constraint{Type: plan.NoWait, Before: eps[i-1].ID, After: eps[i].ID, MaxGapMin: intp(pick(0, 30))})
			}
		case 2:
			cons = append(cons, plan.Constraint{Type: plan.Precedes, Before: eps[i-1].ID, After: eps[i].ID})
		}
	}
	if n > 1 && len(eps[1].Resources) > 0 && rng.IntN(2) == 0 {
		cons = append(cons, plan.Constraint{Type: plan.SameStation, Epreuves: []string{eps[0].ID, eps[1].ID}})
	}
	if n > 2 && rng.IntN(3) == 0 {
		cons = append(cons, plan.Constraint{Type: plan.Last, Epreuve: eps[n-1].ID})
	}
	cands := 1 + rng.IntN(3)
	return plan.Input{
		Title:           plan.Title{Name: "Exhaustif"},
		Candidates:      cands,
		Epreuves:        eps,
		Constraints:     cons,
		Capacities:      map[string]int{"poste": 1 + rng.IntN(2)},
		StationResetMin: map[string]int{"poste": pick(0, 30, 60)},
		Hidden:          &plan.Hidden{OpeningMin: pick(0, 30), AccueilMin: pick(0, 30), DeliberationMin: pick(0, 0, 30, 60)},
		Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 4, Region: "metropole",
			Blocks: []plan.Block{{Start: hm(8, 0), End: hm(10, 0)}, {Start: hm(11, 0), End: hm(13, 0)}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: 480, MaxJuries: cands},
		Objective: plan.MinDays,
	}
}

// brute is the exhaustive search over one input and a number of days.
type brute struct {
	in      plan.Input
	days    int
	starts  [][][]span // per épreuve, the segments of each possible start
	station map[int]int
	pos     map[string]int
	nodes   int
	budget  int
	// The choice of each (candidate, épreuve): segments and unit.
	segs [][][]span
	unit [][]int
	// laid goes on once candidate c's épreuve e is laid (its segments
	// and unit chosen), done once candidate c is complete; nil: the next
	// épreuve, and the candidate's constraints (juryBrute adds its
	// juries).
	laid func(c, e int) bool
	done func(c int) bool
}

func newBrute(in plan.Input, days int) *brute {
	b := &brute{in: in, days: days, station: map[int]int{}, pos: map[string]int{}, budget: 400000}
	for i, e := range in.Epreuves {
		b.pos[e.ID] = i
	}
	for _, c := range in.Constraints {
		if c.Type == plan.SameStation {
			b.station[b.pos[c.Epreuves[1]]] = b.pos[c.Epreuves[0]]
		}
	}
	for _, e := range in.Epreuves {
		var list [][]span
		for t := 0; t < days*1440; t += bruteStep {
			if segs := b.layout(t, e); segs != nil {
				list = append(list, segs)
			}
		}
		b.starts = append(b.starts, list)
	}
	return b
}

// window returns the block of absolute instant t as [start, end), the
// opening taken out of day 1's first block; ok is false outside blocks.
func (b *brute) window(t int) (span, int, bool) {
	d, tod := t/1440, t%1440
	for i, bl := range b.in.Calendar.Blocks {
		s, e := int(bl.Start), int(bl.End)
		if d == 0 && i == 0 {
			s += b.in.Hidden.OpeningMin
		}
		if tod >= s && tod < e {
			return span{d*1440 + s, d*1440 + e}, i, true
		}
	}
	return span{}, 0, false
}

// layout lays épreuve e from t (docs/planning.md#the-model), nil when it does not fit
// in the days.
func (b *brute) layout(t int, e plan.Epreuve) []span {
	w, i, ok := b.window(t)
	if !ok {
		return nil
	}
	if t+e.DurationMin <= w.e {
		return []span{{t, t + e.DurationMin}}
	}
	if !e.Splittable {
		return nil
	}
	segs := []span{{t, w.e}}
	rest := e.DurationMin - (w.e - t)
	d := t / 1440
	for rest > 0 {
		if i++; i == len(b.in.Calendar.Blocks) {
			i, d = 0, d+1
		}
		if d >= b.days {
			return nil
		}
		bl := b.in.Calendar.Blocks[i]
		s := d*1440 + int(bl.Start)
		l := min(rest, int(bl.End-bl.Start))
		segs = append(segs, span{s, s + l})
		rest -= l
	}
	return segs
}

func whole(segs []span) span { return span{segs[0].s, segs[len(segs)-1].e} }

// solve reports whether a plan of at most b.days days exists; false with
// exhausted set when the search ran out of budget.
func (b *brute) solve() (found, exhausted bool) {
	n, k := b.in.Candidates, len(b.in.Epreuves)
	b.segs = make([][][]span, n)
	b.unit = make([][]int, n)
	for c := range n {
		b.segs[c] = make([][]span, k)
		b.unit[c] = make([]int, k)
	}
	found = b.place(0, 0)
	return found, b.nodes > b.budget
}

func (b *brute) place(c, e int) bool {
	in := b.in
	if b.nodes++; b.nodes > b.budget {
		return false
	}
	if e == len(in.Epreuves) {
		if !b.candidateOK(c) || b.done != nil && !b.done(c) {
			return false
		}
		c, e = c+1, 0
		if c == in.Candidates {
			return true
		}
	}
	ep := in.Epreuves[e]
	next := b.laid
	if next == nil {
		next = func(c, e int) bool { return b.place(c, e+1) }
	}
	for _, segs := range b.starts[e] {
		// Candidates are alike: their first épreuves start in order.
		if e == 0 && c > 0 && segs[0].s < b.segs[c-1][0][0].s {
			continue
		}
		if !b.freeCandidate(c, e, segs) {
			continue
		}
		units := []int{-1}
		if len(ep.Resources) > 0 {
			units = nil
			if first, ok := b.station[e]; ok && first < e {
				units = []int{b.unit[c][first]}
			} else {
				for u := range in.Capacities[ep.Resources[0].Type] {
					units = append(units, u)
				}
			}
		}
		for _, u := range units {
			if u >= 0 && !b.freeUnit(c, e, u, whole(segs)) {
				continue
			}
			b.segs[c][e], b.unit[c][e] = segs, u
			if next(c, e) {
				return true
			}
			b.segs[c][e] = nil
		}
	}
	return false
}

func (b *brute) freeCandidate(c, e int, segs []span) bool {
	for f := range e {
		for _, x := range b.segs[c][f] {
			for _, y := range segs {
				if overlaps(x, y) {
					return false
				}
			}
		}
	}
	return true
}

func (b *brute) freeUnit(c, e, u int, sp span) bool {
	typ := b.in.Epreuves[e].Resources[0].Type
	reset := b.in.StationResetMin[typ]
	for c2 := range c + 1 {
		for f, ef := range b.in.Epreuves {
			if (c2 == c && f >= e) || b.segs[c2][f] == nil || b.unit[c2][f] != u || ef.Resources[0].Type != typ {
				continue
			}
			x := whole(b.segs[c2][f])
			if overlaps(x, sp) {
				return false
			}
			if c2 == c {
				continue
			}
			if x.e <= sp.s && (x.e-1)/1440 == sp.s/1440 && sp.s < x.e+reset {
				return false
			}
			if sp.e <= x.s && (sp.e-1)/1440 == x.s/1440 && x.s < sp.e+reset {
				return false
			}
		}
	}
	return true
}

// candidateOK checks a complete candidate's constraints and accueil.
func (b *brute) candidateOK(c int) bool {
	in := b.in
	at := func(id string) span { return whole(b.segs[c][b.pos[id]]) }
	for _, con := range in.Constraints {
		switch con.Type {
		case plan.Precedes, plan.NoWait:
			x, y := at(con.Before), at(con.After)
			sameDay := (x.e-1)/1440 == y.s/1440
			gap := y.s - x.e
			if gap < 0 || con.NextDay && sameDay || sameDay && gap < con.MinGapMin {
				return false
			}
			if con.MaxGapMin != nil && (!sameDay || gap > *con.MaxGapMin) {
				return false
			}
			if con.Type == plan.NoWait {
				for f := range in.Epreuves {
					if z := whole(b.segs[c][f]); z.s >= x.e && z.s < y.s {
						return false
					}
				}
			}
		case plan.Last:
			x := at(con.Epreuve)
			for f := range in.Epreuves {
				if z := whole(b.segs[c][f]); f != b.pos[con.Epreuve] && z.e > x.s {
					return false
				}
			}
		}
	}
	if a := in.Hidden.AccueilMin; a > 0 {
		first := -1
		for f, e := range in.Epreuves {
			if e.Jury == plan.Exclusive && (first < 0 || b.segs[c][f][0].s < b.segs[c][first][0].s) {
				first = f
			}
		}
		if first >= 0 {
			s := b.segs[c][first][0].s
			acc := span{s - a, s}
			if w, _, ok := b.window(acc.s); !ok || acc.e > w.e {
				return false
			}
			for f := range in.Epreuves {
				for _, x := range b.segs[c][f] {
					if overlaps(x, acc) {
						return false
					}
				}
			}
		}
	}
	_, ok := b.deliberation(c)
	return ok
}

// deliberation places candidate c's deliberation at its earliest: after
// its last exclusive épreuve, on the day that one ends, inside one block.
// Its jury is its own, and the candidate's other exclusive épreuves and
// its accueil all end before that one does, so nothing else of the jury
// is in the way. ok is false when no block of that day has room; a zero
// span when there is no deliberation.
func (b *brute) deliberation(c int) (span, bool) {
	delib, last := b.in.Hidden.DeliberationMin, span{}
	for f, e := range b.in.Epreuves {
		if x := whole(b.segs[c][f]); e.Jury == plan.Exclusive && x.e > last.e {
			last = x
		}
	}
	if delib == 0 || last.e == 0 {
		return span{}, true
	}
	d := (last.e - 1) / 1440
	for t := last.e; t+delib <= (d+1)*1440; t++ {
		if w, _, ok := b.window(t); ok && t+delib <= w.e {
			return span{t, t + delib}, true
		}
	}
	return span{}, false
}

// output writes the search's plan for the checker: each candidate has its
// own jury.
func (b *brute) output() plan.Plan {
	in := b.in
	last := 0
	var items []plan.Item
	seg := func(x span) plan.Segment {
		return plan.Segment{Day: x.s/1440 + 1, Start: tpsession.TimeOfDay(x.s % 1440), End: tpsession.TimeOfDay(x.e - x.s/1440*1440)}
	}
	juries := 0
	for c := range in.Candidates {
		jury, first := 0, -1
		for f, e := range in.Epreuves {
			if e.Jury == plan.Exclusive {
				if jury == 0 {
					juries++
					jury = juries
				}
				if first < 0 || b.segs[c][f][0].s < b.segs[c][first][0].s {
					first = f
				}
			}
		}
		for f, e := range in.Epreuves {
			it := plan.Item{Candidate: c + 1, Epreuve: e.ID}
			if e.Jury == plan.Exclusive {
				it.Jury = jury
			}
			if b.unit[c][f] >= 0 {
				it.Units = []string{fmt.Sprintf("%s#%d", e.Resources[0].Type, b.unit[c][f]+1)}
			}
			for _, x := range b.segs[c][f] {
				it.Segments = append(it.Segments, seg(x))
				last = max(last, (x.e-1)/1440)
			}
			items = append(items, it)
		}
		if a := in.Hidden.AccueilMin; a > 0 && first >= 0 {
			s := b.segs[c][first][0].s
			items = append(items, plan.Item{Candidate: c + 1, Task: plan.TaskAccueil, Jury: jury, Segments: []plan.Segment{seg(span{s - a, s})}})
		}
		if x, _ := b.deliberation(c); x.e > 0 {
			items = append(items, plan.Item{Candidate: c + 1, Task: plan.TaskDeliberation, Jury: jury, Segments: []plan.Segment{seg(x)}})
		}
	}
	p := plan.Plan{Feasible: true, Juries: juries, Members: juries * in.Jury.MembersPerJury, Items: items}
	for d := range last + 1 {
		p.Days = append(p.Days, in.Calendar.Start+date.Date(d))
	}
	if o := in.Hidden.OpeningMin; o > 0 {
		st := in.Calendar.Blocks[0].Start
		p.Opening = &plan.Opening{Day: 1, Start: st, End: st + tpsession.TimeOfDay(o)}
	}
	return p
}

func TestDaysBoundNeverExceedsTheOptimum(t *testing.T) {
	runs := 300
	if testing.Short() || raceDetector {
		runs = 80
	}
	daysBoundAgainstOptimum(t, rand.New(rand.NewPCG(2027, 11)), drawStations, runs)
}

// TestWaveDaysNeverExceedTheOptimum checks the days bound on inputs where
// one station feeds another (docs/planning.md#waves).
func TestWaveDaysNeverExceedTheOptimum(t *testing.T) {
	runs := 200
	if testing.Short() || raceDetector {
		runs = 60
	}
	daysBoundAgainstOptimum(t, rand.New(rand.NewPCG(2027, 12)), drawWaves, runs)
}

// drawWaves draws a small input where A, on one of few workstations,
// comes before B, on one of few workshop places, possibly on the next
// day, and B before an interview C or not.
func drawWaves(rng *rand.Rand) plan.Input {
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	a := ep("A", pick(60, 90, 120), plan.NoJury, "poste")
	if rng.IntN(3) == 0 {
		a.Jury = plan.Exclusive
	}
	b := ep("B", pick(60, 90, 120), plan.NoJury, "atelier")
	if rng.IntN(2) == 0 {
		b.Splittable, b.DurationMin = true, pick(180, 240, 300)
	}
	eps := []plan.Epreuve{a, b}
	cons := []plan.Constraint{{Type: plan.Precedes, Before: "A", After: "B", MinGapMin: pick(0, 30), NextDay: rng.IntN(3) == 0}}
	if cons[0].NextDay {
		cons[0].MinGapMin = 0
	}
	if rng.IntN(2) == 0 {
		eps = append(eps, ep("C", pick(30, 60), plan.Exclusive))
		cons = append(cons, plan.Constraint{Type: plan.Last, Epreuve: "C"})
	}
	cands := 2 + rng.IntN(3)
	return plan.Input{
		Title:           plan.Title{Name: "Exhaustif"},
		Candidates:      cands,
		Epreuves:        eps,
		Constraints:     cons,
		Capacities:      map[string]int{"poste": 1 + rng.IntN(2), "atelier": 1 + rng.IntN(2)},
		StationResetMin: map[string]int{"poste": pick(0, 30), "atelier": pick(0, 30)},
		Hidden:          &plan.Hidden{OpeningMin: pick(0, 30), DeliberationMin: pick(0, 30)},
		Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 4, Region: "metropole",
			Blocks: []plan.Block{{Start: hm(8, 0), End: hm(10, 0)}, {Start: hm(11, 0), End: hm(13, 0)}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: 480, MaxJuries: cands},
		Objective: plan.MinDays,
	}
}

// daysBoundAgainstOptimum draws runs inputs that the exhaustive search
// solves and checks that the days bound never exceeds their optimum.
func daysBoundAgainstOptimum(t *testing.T, rng *rand.Rand, draw func(*rand.Rand) plan.Input, runs int) {
	tight, tried := 0, 0
	for i := 0; tried < runs && i < 20*runs; i++ {
		in := draw(rng)
		if in.Validate() != nil {
			continue
		}
		optimum, exhausted := 0, false
		var best plan.Plan
		for d := 1; d <= in.Calendar.MaxDays && optimum == 0 && !exhausted; d++ {
			b := newBrute(in, d)
			var found bool
			if found, exhausted = b.solve(); found {
				optimum, best = d, b.output()
			}
		}
		if exhausted {
			continue
		}
		tried++
		p, err := plan.Compute(in, plan.WithBudget(100*time.Millisecond))
		require.NoError(t, err)
		name := fmt.Sprintf("input %d: %+v", i, in)
		if optimum == 0 {
			assert.False(t, p.Feasible, "%s: the search found no plan within %d days", name, in.Calendar.MaxDays)
			continue
		}
		require.Empty(t, check(in, best), "%s: the search's plan breaks the rules", name)
		require.Len(t, best.Days, optimum)
		assert.LessOrEqual(t, p.LowerBounds.Days, optimum, "%s: the days bound exceeds the optimum", name)
		if p.Feasible {
			assert.GreaterOrEqual(t, len(p.Days), optimum, "%s: a plan shorter than the optimum: the search misses plans", name)
		}
		if p.LowerBounds.Days == optimum {
			tight++
		}
	}
	require.Greater(t, tried, runs/2, "too many inputs were too big for the search")
	t.Logf("%d inputs searched; the bound is the optimum on %d", tried, tight)
}
