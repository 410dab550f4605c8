package plan_test

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// The naive serial schedule: the floor every plan of the planner must
// reach. Written from docs/planning.md alone, it shares no code with the
// planner. It fixes one order of the épreuves, then places the candidates
// one after another, each on the jury where it finishes first (the juries
// already working and one fresh one), each épreuve at its earliest start
// given what is placed, with its hidden tasks in its jury's earliest free
// time; épreuves joined by a maximum gap are placed together, from a later
// start of the first while one does not fit. It never moves a candidate
// once placed and searches nothing else: for min_days it plans with
// max_juries juries, for min_juries with 1, 2, … juries until one fits.

// naiveSchedule returns the naive plan of in, infeasible when it finds
// none within the limits.
func naiveSchedule(in plan.Input) plan.Plan {
	if in.Objective == plan.MinDays {
		return newNaive(in, in.Jury.MaxJuries).run()
	}
	est := estimate(in)
	for k := max(0, est.juriesIn(in.Calendar.MaxDays)-1); k <= in.Jury.MaxJuries; k++ {
		if p := newNaive(in, k).run(); p.Feasible {
			return p
		}
	}
	return plan.Plan{Feasible: false, Reason: "the naive schedule finds no plan"}
}

type nvSpan struct{ s, e int }

type nvUse struct {
	sp   nvSpan
	cand int
}

type nvJury struct {
	busy []nvSpan
	load map[int]int // busy minutes per day, the opening aside
	used bool
}

type nvSitting struct {
	ep    int
	segs  []nvSpan
	jury  int
	count int
}

type nvItem struct {
	cand, ep int // ep −1 for a task; the corrected épreuve for a correction
	task     plan.Task
	jury     int
	units    []string
	segs     []nvSpan
}

type naive struct {
	in       plan.Input
	horizon  int // days
	blocks   []nvSpan
	open     int
	budget   int
	order    []int
	station  []int // same_station group of each épreuve, −1 none
	maxFrom  [][]plan.Constraint
	juries   []nvJury
	units    map[string][][]nvUse
	sittings []nvSitting
	items    []nvItem
	undo     []func()
	failed   string
}

func newNaive(in plan.Input, k int) *naive {
	n := &naive{in: in, horizon: in.Calendar.MaxDays, open: in.Hidden.OpeningMin, budget: in.Jury.MemberDayMin,
		juries: make([]nvJury, k), units: map[string][][]nvUse{}}
	for _, b := range in.Calendar.Blocks {
		n.blocks = append(n.blocks, nvSpan{int(b.Start), int(b.End)})
	}
	for t, c := range in.Capacities {
		n.units[t] = make([][]nvUse, c)
	}
	n.order = firstOrder(in)
	n.station = make([]int, len(in.Epreuves))
	for i := range n.station {
		n.station[i] = -1
	}
	for gi, c := range in.Constraints {
		if c.Type == plan.SameStation {
			for _, id := range c.Epreuves {
				n.station[n.index(id)] = gi
			}
		}
	}
	for j := range n.juries {
		n.juries[j].load = map[int]int{}
	}
	return n
}

func (n *naive) index(id string) int {
	return slices.IndexFunc(n.in.Epreuves, func(e plan.Epreuve) bool { return e.ID == id })
}

// firstOrder is the first order of the épreuves, by their index, that
// respects every precedence, keeps each no_wait pair adjacent and puts
// the last épreuve last; nil when there is none.
func firstOrder(in plan.Input) []int {
	eps := in.Epreuves
	idx := func(id string) int { return slices.IndexFunc(eps, func(e plan.Epreuve) bool { return e.ID == id }) }
	before := make([][]int, len(eps))
	noWaitNext := make([]int, len(eps))
	for i := range noWaitNext {
		noWaitNext[i] = -1
	}
	lastEp := slices.IndexFunc(eps, func(e plan.Epreuve) bool { return e.Final }) // the entretien final is last
	for _, c := range in.Constraints {
		switch c.Type {
		case plan.Precedes, plan.NoWait:
			before[idx(c.After)] = append(before[idx(c.After)], idx(c.Before))
			if c.Type == plan.NoWait {
				noWaitNext[idx(c.Before)] = idx(c.After)
			}
		case plan.Last:
			lastEp = idx(c.Epreuve)
		}
	}
	var order []int
	done := make([]bool, len(eps))
	var rec func(forced int) bool
	rec = func(forced int) bool {
		if len(order) == len(eps) {
			return true
		}
		for v := range eps {
			if done[v] || forced >= 0 && v != forced || v == lastEp && len(order) < len(eps)-1 {
				continue
			}
			ready := true
			for _, b := range before[v] {
				ready = ready && done[b]
			}
			if !ready {
				continue
			}
			done[v] = true
			order = append(order, v)
			if rec(noWaitNext[v]) {
				return true
			}
			order = order[:len(order)-1]
			done[v] = false
		}
		return false
	}
	if !rec(-1) {
		return nil
	}
	return order
}

// Time: absolute minutes, day index × 1440 + minute of day, days from 0.

func nvDay(t int) int    { return t / 1440 }
func nvDayEnd(t int) int { return (t - 1) / 1440 }

func (n *naive) blockStart(d, b int) int {
	s := d*1440 + n.blocks[b].s
	if d == 0 && b == 0 {
		s += n.open
	}
	return s
}

func (n *naive) blockEnd(d, b int) int { return d*1440 + n.blocks[b].e }

// align returns the earliest start from t, lead minutes after its block's
// start, inside a block, and for a non-splittable item of dur minutes
// ending in it; −1 when none before the horizon.
func (n *naive) align(t, dur, lead int, split bool) int {
	for d := max(0, nvDay(t)); d < n.horizon; d++ {
		for b := range n.blocks {
			s := max(t, n.blockStart(d, b)+lead)
			if be := n.blockEnd(d, b); s < be && (split || s+dur <= be) {
				return s
			}
		}
	}
	return -1
}

// segments lays dur minutes from x (inside a block) over the blocks; nil
// past the horizon or, unless split, past the block.
func (n *naive) segments(x, dur int, split bool) []nvSpan {
	d := nvDay(x)
	b := slices.IndexFunc(n.blocks, func(bl nvSpan) bool { return x < d*1440+bl.e })
	var out []nvSpan
	for rest := dur; ; {
		be := n.blockEnd(d, b)
		if x+rest <= be {
			return append(out, nvSpan{x, x + rest})
		}
		if !split {
			return nil
		}
		out = append(out, nvSpan{x, be})
		rest -= be - x
		if b++; b == len(n.blocks) {
			b, d = 0, d+1
		}
		if d >= n.horizon {
			return nil
		}
		x = n.blockStart(d, b)
	}
}

func (n *naive) mark() int { return len(n.undo) }

func (n *naive) rollback(m int) {
	for len(n.undo) > m {
		n.undo[len(n.undo)-1]()
		n.undo = n.undo[:len(n.undo)-1]
	}
}

// juryLoad is what jury j would be busy on day d with minutes more, the
// opening counted on day 0.
func (n *naive) juryLoad(j, d, minutes int) int {
	l := n.juries[j].load[d] + minutes
	if d == 0 {
		l += n.open
	}
	return l
}

// juryFree reports whether jury j is free over spans within its day
// budget, and otherwise a later instant worth trying for the first span.
func (n *naive) juryFree(j int, spans []nvSpan) (bool, int) {
	js := &n.juries[j]
	var perDay [4][2]int // day, minutes: spans cover few days
	days := 0
	for _, sp := range spans {
		// busy is sorted and disjoint: the first interval ending after
		// sp.s is the only one that may overlap it first.
		i, _ := slices.BinarySearchFunc(js.busy, sp.s, func(b nvSpan, t int) int { return cmp.Compare(b.e, t+1) })
		if i < len(js.busy) && js.busy[i].s < sp.e {
			return false, spans[0].s + (js.busy[i].e - sp.s)
		}
		d := nvDay(sp.s)
		k := 0
		for k < days && perDay[k][0] != d {
			k++
		}
		if k == days {
			if days == len(perDay) {
				return false, spans[0].s + 1
			}
			perDay[k][0] = d
			days++
		}
		perDay[k][1] += sp.e - sp.s
	}
	for _, dm := range perDay[:days] {
		if n.juryLoad(j, dm[0], dm[1]) > n.budget {
			return false, (dm[0] + 1) * 1440
		}
	}
	return true, 0
}

func (n *naive) addJury(j int, spans ...nvSpan) {
	js := &n.juries[j]
	used := js.used
	js.used = true
	for _, sp := range spans {
		i, _ := slices.BinarySearchFunc(js.busy, sp.s, func(b nvSpan, t int) int { return cmp.Compare(b.s, t) })
		js.busy = slices.Insert(js.busy, i, sp)
		js.load[nvDay(sp.s)] += sp.e - sp.s
	}
	n.undo = append(n.undo, func() {
		for _, sp := range spans {
			i := slices.Index(js.busy, sp)
			js.busy = slices.Delete(js.busy, i, i+1)
			js.load[nvDay(sp.s)] -= sp.e - sp.s
		}
		js.used = used
	})
}

func (n *naive) addItem(it nvItem) {
	n.items = append(n.items, it)
	n.undo = append(n.undo, func() { n.items = n.items[:len(n.items)-1] })
}

// slot finds jury j's earliest task of dur minutes from lo, ending by hi,
// on day onDay when onDay ≥ 0; −1 when none.
func (n *naive) slot(j, lo, hi, dur, onDay int) int {
	for x := lo; ; {
		x = n.align(x, dur, 0, false)
		if x < 0 || x+dur > hi || onDay >= 0 && nvDay(x) != onDay {
			return -1
		}
		ok, next := n.juryFree(j, []nvSpan{{x, x + dur}})
		if ok {
			return x
		}
		x = max(x+1, next)
	}
}

// unitFree reports whether unit u of type t can serve candidate c over sp,
// and otherwise a later start worth trying.
func (n *naive) unitFree(t string, u int, sp nvSpan, c int) (bool, int) {
	reset := n.in.StationResetMin[t]
	uses := n.units[t][u]
	// Uses are sorted and disjoint: skip those ending a reset before sp.
	i, _ := slices.BinarySearchFunc(uses, sp.s, func(x nvUse, t int) int { return cmp.Compare(x.sp.e+reset, t+1) })
	for _, x := range uses[i:] {
		if x.sp.s >= sp.e+reset {
			break
		}
		if x.cand == c {
			continue
		}
		sameDay := func(end, start int) bool { return nvDayEnd(end) == nvDay(start) }
		switch {
		case x.sp.s < sp.e && sp.s < x.sp.e,
			x.sp.e <= sp.s && sameDay(x.sp.e, sp.s) && sp.s < x.sp.e+reset,
			sp.e <= x.sp.s && sameDay(sp.e, x.sp.s) && x.sp.s < sp.e+reset:
			next := x.sp.e + reset
			if !sameDay(x.sp.e, next) {
				next = (nvDayEnd(x.sp.e) + 1) * 1440
			}
			return false, sp.s + max(1, next-sp.s)
		}
	}
	return true, 0
}

func (n *naive) addUse(t string, k int, u nvUse) {
	list := n.units[t][k]
	i, _ := slices.BinarySearchFunc(list, u.sp.s, func(x nvUse, s int) int { return cmp.Compare(x.sp.s, s) })
	n.units[t][k] = slices.Insert(list, i, u)
	n.undo = append(n.undo, func() {
		j := slices.Index(n.units[t][k], u)
		n.units[t][k] = slices.Delete(n.units[t][k], j, j+1)
	})
}

// candidate is one candidate's placement in progress.
type candidate struct {
	c, jury    int
	start, end []int
	units      map[int][]string // by same_station group
	firstExcl  int              // position of the first exclusive épreuve
	lastExcl   int
	pending    []int // corrected épreuves not yet corrected
}

func (n *naive) run() plan.Plan {
	if n.order == nil {
		return plan.Plan{Reason: "no order of the épreuves satisfies the constraints"}
	}
	h := n.in.Hidden
	for j := range n.juries {
		if h.JuryBriefingMin == 0 {
			continue
		}
		x := n.slot(j, 0, 1<<40, h.JuryBriefingMin, 0)
		if x < 0 {
			return plan.Plan{Reason: "no room for a briefing on day 1"}
		}
		n.juries[j].busy = []nvSpan{{0, x + h.JuryBriefingMin}}
		n.juries[j].load[0] = h.JuryBriefingMin
	}
	exclusive := slices.ContainsFunc(n.in.Epreuves, func(e plan.Epreuve) bool { return e.Jury == plan.Exclusive })
	for c := range n.in.Candidates {
		choices := []int{-1}
		if exclusive {
			choices = nil
			fresh := false
			for j := range n.juries {
				if n.juries[j].used || !fresh {
					fresh = fresh || !n.juries[j].used
					choices = append(choices, j)
				}
			}
		}
		best, bestFinish := -2, 1<<40
		for _, j := range choices {
			m := n.mark()
			if f, ok := n.placeCandidate(c, j); ok && f < bestFinish {
				best, bestFinish = j, f
			}
			n.rollback(m)
		}
		if best == -2 {
			return plan.Plan{Reason: fmt.Sprintf("candidate %d does not fit", c+1)}
		}
		n.placeCandidate(c, best)
		n.undo = n.undo[:0]
	}
	return n.output()
}

// placeCandidate places candidate c with jury j and returns its finish.
// When its deliberation finds no room it starts again a day later.
func (n *naive) placeCandidate(c, j int) (int, bool) {
	from := 0
	for range n.horizon + 1 {
		m := n.mark()
		finish, ok, retry := n.tryCandidate(c, j, from)
		if ok {
			return finish, true
		}
		n.rollback(m)
		if retry <= from {
			return 0, false
		}
		from = retry
	}
	return 0, false
}

// groups splits the order into runs of épreuves joined by maximum gaps.
func (n *naive) groups() [][2]int {
	pos := make([]int, len(n.order))
	for p, e := range n.order {
		pos[e] = p
	}
	start := make([]int, len(n.order))
	for p := range start {
		start[p] = p
	}
	for _, c := range n.in.Constraints {
		if (c.Type == plan.Precedes || c.Type == plan.NoWait) && c.MaxGapMin != nil {
			a, b := pos[n.index(c.Before)], pos[n.index(c.After)]
			start[b] = min(start[b], a)
		}
	}
	var out [][2]int
	for p := 0; p < len(n.order); {
		end := p
		for r := p + 1; r < len(n.order); r++ {
			if start[r] <= end {
				end = r
			}
		}
		out = append(out, [2]int{p, end})
		p = end + 1
	}
	return out
}

// tryCandidate places candidate c with jury j, its first épreuve from
// from on. On failure it returns a later from worth trying (or from
// itself: give up).
func (n *naive) tryCandidate(c, j, from int) (int, bool, int) {
	eps := n.in.Epreuves
	cx := &candidate{c: c, jury: j, start: make([]int, len(eps)), end: make([]int, len(eps)), units: map[int][]string{},
		firstExcl: -1, lastExcl: -1}
	for p, e := range n.order {
		if eps[e].Jury == plan.Exclusive {
			if cx.firstExcl < 0 {
				cx.firstExcl = p
			}
			cx.lastExcl = p
		}
	}
	prevEnd := from
	for _, g := range n.groups() {
		head := -1 // the head's earliest start, beyond the constraints
		tries := 0
		for {
			m := n.mark()
			pending := slices.Clone(cx.pending)
			ok, giveUp, headStart := n.placeGroup(cx, g, prevEnd, head)
			if ok {
				break
			}
			n.rollback(m)
			cx.pending = pending
			if tries++; giveUp || tries > 2000 {
				return 0, false, from
			}
			head = headStart + 1
		}
		prevEnd = cx.end[n.order[g[1]]]
	}
	finish := prevEnd
	if j >= 0 {
		ok, retry := n.finishCandidate(cx)
		if !ok {
			return 0, false, retry
		}
	}
	return finish, true, 0
}

// placeGroup places the épreuves of positions g[0]…g[1], the first no
// earlier than head. It reports success, or whether to give up, and the
// start the first took.
func (n *naive) placeGroup(cx *candidate, g [2]int, prevEnd, head int) (bool, bool, int) {
	headStart := 0
	for p := g[0]; p <= g[1]; p++ {
		e := n.order[p]
		lo, hi := prevEnd, 1<<40
		if p > g[0] {
			lo = cx.end[n.order[p-1]]
		}
		if p == g[0] {
			lo = max(lo, head)
		}
		for _, c := range n.in.Constraints {
			if (c.Type != plan.Precedes && c.Type != plan.NoWait) || c.After != n.in.Epreuves[e].ID {
				continue
			}
			be := cx.end[n.index(c.Before)]
			switch {
			case c.NextDay:
				lo = max(lo, (nvDayEnd(be)+1)*1440)
			default:
				lo = max(lo, be+c.MinGapMin)
			}
			if c.MaxGapMin != nil {
				hi = min(hi, be+*c.MaxGapMin, nvDayEnd(be)*1440+n.blocks[len(n.blocks)-1].e)
			}
		}
		x, ok, giveUp := n.placeEpreuve(cx, p, lo, hi)
		if !ok {
			// Start the first later by as much as this one was late.
			return false, giveUp || p == g[0], headStart + max(0, x-hi-1)
		}
		if p == g[0] {
			headStart = x
		}
	}
	return true, false, headStart
}

// placeEpreuve places the épreuve at position p at its earliest start in
// [lo, hi], with the candidate's hidden tasks that must come before it.
func (n *naive) placeEpreuve(cx *candidate, p, lo, hi int) (int, bool, bool) {
	e := n.order[p]
	info := n.in.Epreuves[e]
	h := n.in.Hidden
	lead := 0
	if info.Jury == plan.Exclusive {
		if p == cx.firstExcl {
			lead = h.AccueilMin
			lo = max(lo, lo+lead) // the accueil follows the previous épreuve
			if h.ReadingMin > 0 {
				x := n.slot(cx.jury, 0, 1<<40, h.ReadingMin, -1)
				if x < 0 {
					return 0, false, true
				}
				n.addJury(cx.jury, nvSpan{x, x + h.ReadingMin})
				n.addItem(nvItem{cand: cx.c, ep: -1, task: plan.TaskReading, jury: cx.jury, segs: []nvSpan{{x, x + h.ReadingMin}}})
				lo = max(lo, x+h.ReadingMin+lead)
			}
		}
		for _, q := range cx.pending {
			x := n.slot(cx.jury, cx.end[q], 1<<40, h.CorrectionMin, -1)
			if x < 0 {
				return 0, false, true
			}
			n.addJury(cx.jury, nvSpan{x, x + h.CorrectionMin})
			n.addItem(nvItem{cand: cx.c, ep: q, task: plan.TaskCorrection, jury: cx.jury, segs: []nvSpan{{x, x + h.CorrectionMin}}})
			lo = max(lo, x+h.CorrectionMin+lead)
		}
		cx.pending = nil
	}
	for x := lo; ; {
		x = n.align(x, info.DurationMin, lead, info.Splittable)
		if x < 0 {
			return 0, false, true
		}
		segs := n.segments(x, info.DurationMin, info.Splittable)
		if segs == nil {
			return 0, false, true
		}
		sp := nvSpan{segs[0].s, segs[len(segs)-1].e}
		units, ok, next := n.chooseUnits(cx, e, sp)
		if !ok {
			x = max(x+1, next)
			continue
		}
		jury, join := -1, -1
		switch info.Jury {
		case plan.Exclusive:
			spans := slices.Clone(segs)
			spans[0].s -= lead
			if ok, next := n.juryFree(cx.jury, spans); !ok {
				x = max(x+1, next)
				continue
			}
			jury = cx.jury
		case plan.Observe:
			for i, st := range n.sittings {
				if st.ep == e && st.count < info.ObserveCapacity && slices.Equal(st.segs, segs) {
					join, jury = i, st.jury
					break
				}
			}
			if join < 0 {
				next := 1 << 40
				for j := range n.juries {
					ok, nx := n.juryFree(j, segs)
					if ok {
						jury = j
						break
					}
					next = min(next, nx)
				}
				if jury < 0 {
					x = max(x+1, next)
					continue
				}
			}
		}
		if x > hi {
			return x, false, false // the first start that works is too late
		}
		// Commit.
		if lead > 0 {
			n.addJury(jury, nvSpan{x - lead, x})
			n.addItem(nvItem{cand: cx.c, ep: -1, task: plan.TaskAccueil, jury: jury, segs: []nvSpan{{x - lead, x}}})
		}
		switch {
		case info.Jury == plan.Exclusive:
			n.addJury(jury, segs...)
		case join >= 0:
			n.sittings[join].count++
			n.undo = append(n.undo, func() { n.sittings[join].count-- })
		case info.Jury == plan.Observe:
			n.addJury(jury, segs...)
			n.sittings = append(n.sittings, nvSitting{ep: e, segs: segs, jury: jury, count: 1})
			n.undo = append(n.undo, func() { n.sittings = n.sittings[:len(n.sittings)-1] })
		}
		for _, u := range units {
			t, k := splitUnit(u)
			n.addUse(t, k, nvUse{sp, cx.c})
		}
		if g := n.station[e]; g >= 0 && cx.units[g] == nil {
			cx.units[g] = units
		}
		cx.start[e], cx.end[e] = sp.s, sp.e
		if info.CorrectedByJury && h.CorrectionMin > 0 && cx.jury >= 0 {
			cx.pending = append(cx.pending, e)
		}
		n.addItem(nvItem{cand: cx.c, ep: e, jury: jury, units: units, segs: segs})
		return x, true, false
	}
}

func unitName(t string, k int) string { return fmt.Sprintf("%s#%d", t, k+1) }

func splitUnit(u string) (string, int) {
	var t string
	var k int
	for i := len(u) - 1; i >= 0; i-- {
		if u[i] == '#' {
			t = u[:i]
			fmt.Sscan(u[i+1:], &k)
			break
		}
	}
	return t, k - 1
}

// chooseUnits picks the first free units of each need, or the candidate's
// station's.
func (n *naive) chooseUnits(cx *candidate, e int, sp nvSpan) ([]string, bool, int) {
	if g := n.station[e]; g >= 0 && cx.units[g] != nil {
		for _, u := range cx.units[g] {
			t, k := splitUnit(u)
			if ok, next := n.unitFree(t, k, sp, cx.c); !ok {
				return nil, false, next
			}
		}
		return cx.units[g], true, 0
	}
	var out []string
	for _, r := range n.in.Epreuves[e].Resources {
		got, next := 0, 1<<40
		for k := range n.in.Capacities[r.Type] {
			if ok, nx := n.unitFree(r.Type, k, sp, cx.c); ok {
				out = append(out, unitName(r.Type, k))
				if got++; got == r.Units {
					break
				}
			} else {
				next = min(next, nx)
			}
		}
		if got < r.Units {
			return nil, false, next
		}
	}
	return out, true, 0
}

// finishCandidate places the corrections that no exclusive épreuve
// follows and the deliberation on the day of the last exclusive épreuve;
// on failure it returns the start of the next day, to try the candidate
// from there.
func (n *naive) finishCandidate(cx *candidate) (bool, int) {
	h := n.in.Hidden
	lastEnd := cx.end[n.order[cx.lastExcl]]
	day := nvDayEnd(lastEnd)
	lo := lastEnd
	onDay := -1
	if h.DeliberationMin > 0 {
		onDay = day
	}
	for _, q := range cx.pending {
		x := n.slot(cx.jury, cx.end[q], 1<<40, h.CorrectionMin, onDay)
		if x < 0 {
			return false, (day + 1) * 1440
		}
		n.addJury(cx.jury, nvSpan{x, x + h.CorrectionMin})
		n.addItem(nvItem{cand: cx.c, ep: q, task: plan.TaskCorrection, jury: cx.jury, segs: []nvSpan{{x, x + h.CorrectionMin}}})
		lo = max(lo, x+h.CorrectionMin)
	}
	if d := h.DeliberationMin; d > 0 {
		x := n.slot(cx.jury, lo, 1<<40, d, day)
		if x < 0 {
			return false, (day + 1) * 1440
		}
		n.addJury(cx.jury, nvSpan{x, x + d})
		n.addItem(nvItem{cand: cx.c, ep: -1, task: plan.TaskDeliberation, jury: cx.jury, segs: []nvSpan{{x, x + d}}})
	}
	return true, 0
}

// output places the closures and writes the plan.
func (n *naive) output() plan.Plan {
	h := n.in.Hidden
	num := make([]int, len(n.juries))
	k := 0
	for j, js := range n.juries {
		if js.used {
			k++
			num[j] = k
		}
	}
	type keyed struct {
		at int
		it plan.Item
	}
	var items []keyed
	workDays := map[int]map[int]bool{}
	lastDay := 0
	toSegs := func(spans []nvSpan) []plan.Segment {
		out := make([]plan.Segment, len(spans))
		for i, sp := range spans {
			d := nvDay(sp.s)
			lastDay = max(lastDay, d)
			out[i] = plan.Segment{Day: d + 1, Start: tpsession.TimeOfDay(sp.s - d*1440), End: tpsession.TimeOfDay(sp.e - d*1440)}
		}
		return out
	}
	work := func(j int, spans []nvSpan) {
		if workDays[j] == nil {
			workDays[j] = map[int]bool{}
		}
		for _, sp := range spans {
			workDays[j][nvDay(sp.s)] = true
		}
	}
	for j := range n.juries {
		js := &n.juries[j]
		if !js.used {
			continue
		}
		if h.JuryBriefingMin > 0 {
			b := nvSpan{js.busy[0].e - h.JuryBriefingMin, js.busy[0].e}
			items = append(items, keyed{b.s, plan.Item{Task: plan.TaskBriefing, Jury: num[j], Segments: toSegs([]nvSpan{b})}})
			work(j, []nvSpan{b})
		}
		if cl := h.JuryClosureMin; cl > 0 {
			lastEnd := 0
			for _, b := range js.busy {
				lastEnd = max(lastEnd, b.e)
			}
			x := n.slot(j, lastEnd, 1<<40, cl, -1)
			if x < 0 {
				return plan.Plan{Reason: fmt.Sprintf("no room for jury %d's closure", num[j])}
			}
			n.addJury(j, nvSpan{x, x + cl})
			items = append(items, keyed{x, plan.Item{Task: plan.TaskClosure, Jury: num[j], Segments: toSegs([]nvSpan{{x, x + cl}})}})
			work(j, []nvSpan{{x, x + cl}})
		}
	}
	for _, it := range n.items {
		pi := plan.Item{Candidate: it.cand + 1, Task: it.task, Segments: toSegs(it.segs)}
		if it.jury >= 0 {
			pi.Jury = num[it.jury]
			work(it.jury, it.segs)
		}
		if it.ep >= 0 {
			pi.Epreuve = n.in.Epreuves[it.ep].ID
		}
		if it.task == "" {
			pi.Units = append([]string{}, it.units...)
		}
		items = append(items, keyed{it.segs[0].s, pi})
	}
	slices.SortStableFunc(items, func(a, b keyed) int { return cmp.Compare(a.at, b.at) })
	p := plan.Plan{Feasible: true, Juries: k, Members: k * n.in.Jury.MembersPerJury}
	for _, it := range items {
		p.Items = append(p.Items, it.it)
	}
	if n.open > 0 {
		s := tpsession.TimeOfDay(n.blocks[0].s)
		p.Opening = &plan.Opening{Day: 1, Start: s, End: s + tpsession.TimeOfDay(n.open)}
	}
	cal := tpsession.Calendar{Region: n.in.Calendar.Region}
	for d := cal.OnOrAfter(n.in.Calendar.Start); len(p.Days) <= lastDay; d = cal.Next(d) {
		p.Days = append(p.Days, d)
	}
	if fee := n.in.Jury.MemberDayFee; fee.Valid {
		for _, days := range workDays {
			p.MemberDays += len(days) * n.in.Jury.MembersPerJury
		}
		p.JuryCost = decimal.NewNullDecimal(fee.Decimal.Mul(decimal.NewFromInt(int64(p.MemberDays))))
	}
	return p
}
