package plan

import (
	"fmt"
	"slices"
	"strings"
)

// The unit sequence bound: the busiest unit of a resource type serves its
// candidates one use after another, and a unit's day is made of blocks, so
// long or rigid uses waste what is left of a block. Energy and whole-use
// counts miss this when the uses of a candidate come in several parts on
// one unit (same_station: a 3-hour test without the jury, then an hour with
// it) or run over several blocks (a 15-hour splittable job).
//
// Proof. Let every épreuve that needs type rt belong to one group G: a
// same_station group, or a single épreuve. Each candidate holds the same u
// units for all of G, so the N candidates make N×u (candidate, unit) pairs
// over the cap units, and some unit U serves q = ⌈N×u / cap⌉ candidates
// for all of G. When 2u > cap, any two candidates' uses share a unit, so
// they never overlap and, on one day, are a reset apart: all N candidates'
// uses follow one another as on one unit, and q = N; G may then be every
// épreuve that needs rt, each needing u units (one unit of one: the uses
// of a single jury room), the same candidate's uses one after another too. Take any valid plan of D days and q of U's candidates, and
// list their uses of U by time: op₁ … op_{q×|G|}. Each use:
//   - lies in the blocks (one block, or a splittable run), starts after the
//     accueil's lead in its block when it is every order's first exclusive
//     épreuve, and no earlier than est (the path bound's earliest start)
//     nor ending later than lft (the latest end that leaves room for the
//     épreuves that follow it in the candidate's order, on day D at the
//     latest); and, in a rigid group, lies in its window of its block
//     (windows.go);
//   - starts, when the previous use is another candidate's and ends the
//     same day, station_reset_min after it (docs/planning.md#the-model);
//   - starts, when the previous use is the same candidate's previous part,
//     after that part's end plus the candidate's accueil when it is the
//     first exclusive épreuve, and the constraint's minimum gap on the same
//     day (or on a later day for next_day).
//
// Dropping every other rule gives a relaxation R. In R the state after a
// prefix of uses is how many candidates have done each number of parts,
// and whether the last use's candidate may go on: every rule of R on the
// next use is "start ≥ f(end of the last use)" with f non-decreasing, and
// the end of a use laid from the earliest start allowed is non-decreasing
// in that start. So the earliest end of the last use over all prefixes
// reaching a state dominates: the dynamic programme below, layer by layer
// over the number of uses, keeps it per state and finds whether q groups
// can end by day D. When they cannot, no plan of D days exists.

// seqStates is how many ways q candidates can stand after parts of
// theirs, C(q + parts, parts): the programme's states, whether the last
// use's candidate may go on aside; it saturates past maxSeqStates.
func seqStates(q, parts int) int {
	c := 1
	for i := 1; i <= parts; i++ {
		c = c * (q + i) / i
		if c > maxSeqStates {
			return maxSeqStates + 1
		}
	}
	return c
}

// maxSeqStates bounds the states of one run of the programme; beyond it
// the bound is not computed (it stays a proof: other bounds hold).
const maxSeqStates = 60000

type seqOp struct {
	ep      int
	dur     int
	split   bool
	lead    int  // accueil before it in its block
	sameGap int  // minimum gap after the previous part, same candidate, same day
	nextDay bool // the previous part ends on an earlier day
}

// unitSeqDays bounds the days by the busiest unit of type rt, from lo on.
func (b *bounds) unitSeqDays(rt, lo int) (int, string) {
	m := b.m
	t := m.types[rt]
	ops, units := b.unitGroup(rt)
	if ops == nil {
		return 0, ""
	}
	q := (m.n*units + t.cap - 1) / t.cap
	if 2*units > t.cap {
		// Any two uses share a unit: they follow one another like the uses
		// of one unit, with the reset between two candidates.
		q = m.n
	}
	if seqStates(q, len(ops)) > maxSeqStates {
		return 0, "" // the programme would give up: not worth its time
	}
	fits := func(days int) bool {
		r := seqRun{b: b, ops: ops, reset: t.reset, q: q, days: days}
		outcome, _ := r.run()
		return outcome != seqNoFit // a run that gave up claims nothing
	}
	lo = max(lo, 1)
	hi := lo
	for !fits(hi) {
		if hi > MaxDays {
			hi = MaxDays + 1
			break
		}
		lo = hi + 1
		hi = min(2*hi, MaxDays+1)
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if hi <= 1 {
		return 0, ""
	}
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = m.eps[op.ep].id
	}
	reset := ""
	if t.reset > 0 {
		reset = fmt.Sprintf(", with its %d-minute reset between candidates on a day", t.reset)
	}
	return hi, fmt.Sprintf("one of the %s of %s serves at least %d candidates for %s, one use after another in the day's blocks%s: that takes at least %s",
		plural(t.cap, "unit"), t.name, q, strings.Join(names, " then "), reset, plural(hi, "day"))
}

// unitGroup returns the parts of the one group that uses type rt, in the
// order every candidate does them, and the units each part holds; nil when
// several groups use rt or the order of the parts is not fixed.
func (b *bounds) unitGroup(rt int) ([]seqOp, int) {
	m := b.m
	if b.orders == nil {
		return nil, 0
	}
	// key names a part's group: its same_station group, or -1 − e for an
	// épreuve e of its own (never before the first).
	group, units, key, keys := []int{}, 0, never, 0
	for e, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt != rt {
				continue
			}
			k := -1 - e
			if info.station >= 0 {
				k = info.station
			}
			if units != 0 && units != nd.units {
				return nil, 0
			}
			if k != key {
				keys++
			}
			key, units = k, nd.units
			group = append(group, e)
		}
	}
	if keys > 1 && 2*units <= m.types[rt].cap {
		return nil, 0 // several groups, on units of their own
	}
	if len(group) == 0 || len(group) > 4 {
		return nil, 0 // more parts than the programme's states allow
	}
	// The parts' order, the same in every order of the épreuves.
	var order []int
	firstExcl := -1 // every order's first exclusive épreuve, or -2
	for _, o := range b.orders {
		var proj []int
		fe := -1
		for _, e := range o {
			if slices.Contains(group, e) {
				proj = append(proj, e)
			}
			if fe < 0 && m.eps[e].pres == Exclusive {
				fe = e
			}
		}
		if order == nil {
			order = proj
		} else if !slices.Equal(order, proj) {
			return nil, 0
		}
		if firstExcl == -1 {
			firstExcl = fe
		} else if firstExcl != fe {
			firstExcl = -2
		}
	}
	ops := make([]seqOp, len(order))
	for i, e := range order {
		info := &m.eps[e]
		op := seqOp{ep: e, dur: info.dur, split: info.split}
		if e == firstExcl {
			op.lead = m.h.AccueilMin
		}
		op.sameGap = op.lead
		if i > 0 {
			for _, ed := range m.preds[e] {
				if ed.from != order[i-1] {
					continue
				}
				op.sameGap = max(op.sameGap, ed.minGap)
				op.nextDay = op.nextDay || ed.nextDay
			}
		}
		ops[i] = op
	}
	return ops, units
}

// latestEnds returns, for a horizon of days days, the latest end of each
// épreuve that leaves room, in some order, for the épreuves after it before
// the horizon's end: each of them lies in the blocks, after the previous
// one (and its accueil, for the first exclusive), every order's last
// exclusive one leaving the deliberation its room (latestIn). Gaps are
// relaxed, so the result is a valid latest end in any plan of days days.
func (b *bounds) latestEnds(days int) []int {
	m := b.m
	end := m.dayEnd(days - 1)
	if b.orders == nil {
		lft := make([]int, len(m.eps))
		for i := range lft {
			lft[i] = end
		}
		return lft
	}
	_, lft := b.backwardPass(end, func(e, l int) int {
		if e == b.everyLastExcl {
			return b.latestIn(e, l)
		}
		return m.latestStart(l, m.eps[e].dur, m.eps[e].split)
	})
	return lft
}

// backwardPass lays every order of the épreuves back from end: the last
// épreuve at the latest start latest gives it ending by end, each earlier
// one ending by the next one's start (less the accueil before the first
// exclusive épreuve). It returns, for each épreuve, the largest start and
// the largest end it has over the orders laid in full, -1 where none is:
// a non-splittable épreuve, one segment, ends at most its duration after
// its latest start.
func (b *bounds) backwardPass(end int, latest func(e, l int) int) (starts, ends []int) {
	m := b.m
	starts, ends = make([]int, len(m.eps)), make([]int, len(m.eps))
	for i := range starts {
		starts[i], ends[i] = -1, -1
	}
	cs, ce := make([]int, len(m.eps)), make([]int, len(m.eps))
	for _, o := range b.orders {
		first := -1
		for _, e := range o {
			if m.eps[e].pres == Exclusive {
				first = e
				break
			}
		}
		l, ok := end, true
		for i := len(o) - 1; i >= 0 && ok; i-- {
			e := o[i]
			ce[e] = l
			s := latest(e, l)
			if s < 0 {
				ok = false
				break
			}
			cs[e] = s
			if !m.eps[e].split {
				ce[e] = s + m.eps[e].dur // one segment from a start at most s
			}
			l = s
			if e == first {
				l -= m.h.AccueilMin
			}
		}
		if !ok {
			continue
		}
		for e := range cs {
			starts[e], ends[e] = max(starts[e], cs[e]), max(ends[e], ce[e])
		}
	}
	return starts, ends
}

// latestStart returns the latest start of an épreuve of dur minutes laid
// in the blocks so that it ends by l, or -1 when none does.
func (m *model) latestStart(l, dur int, split bool) int {
	d := dayOfEnd(l)
	if l <= 0 {
		return -1
	}
	b := len(m.blocks) - 1
	lastFull := d // a whole day without a fitting block means none before
	for d >= 0 {
		bs, be := m.blockStart(d, b), m.blockEnd(d, b)
		if e := min(l, be); e > bs {
			if e-bs >= dur {
				return e - dur
			}
			if split {
				return m.latestRunStart(d, b, dur-(e-bs))
			}
		}
		if b--; b < 0 {
			b, d = len(m.blocks)-1, d-1
			if d < lastFull-1 {
				return -1
			}
		}
	}
	return -1
}

// latestRunStart lays rest minutes backwards over the blocks before block
// b of day d, whole blocks then the end of one, and returns its start.
func (m *model) latestRunStart(d, b, rest int) int {
	for {
		if b--; b < 0 {
			b, d = len(m.blocks)-1, d-1
		}
		if d < 0 {
			return -1
		}
		bs, be := m.blockStart(d, b), m.blockEnd(d, b)
		if rest <= be-bs {
			return be - rest
		}
		rest -= be - bs
	}
}

// seqRun is one run of the unit sequence programme: can one unit serve q
// candidates for all the parts ops within days days? The planner reuses it
// to lay out a unit's uses (record), with allow adding its own rules.
type seqRun struct {
	b        *bounds
	ops      []seqOp
	reset, q int
	days     int
	record   bool
	// allow returns the earliest start from s at which part p, ending at
	// e, is allowed (s itself when it is); nil allows everything.
	allow func(p, s, e int) int

	// Set by run.
	lft     []int // each part's latest end
	horizon int   // the end of the last day
	// explored counts the states the run met: its work.
	explored int
	// weights are the keys' digits' weights (encode): the last use's
	// parts, then cnt[1] … cnt[k−1], then done (weight 1).
	weights []int
	segBuf  []ival // placeOp's segments, reused
}

// seqOutcome is what a run of the programme found.
type seqOutcome uint8

const (
	// seqFits: the q candidates fit; the run's steps are the uses (only
	// the last one unless the run records).
	seqFits seqOutcome = iota + 1
	// seqNoFit: no way to serve them in the days: a proof that no plan of
	// that many days exists.
	seqNoFit
	// seqGaveUp: the programme met more states than it may explore; it
	// claims nothing.
	seqGaveUp
)

// seqStep is one use on the unit: a candidate that has done from parts does
// part from (from+1 parts done after it), over [s, e).
type seqStep struct {
	from, s, e int
	same       bool // the last use's candidate going on
}

// seqEntry is the earliest end of the last use over the prefixes reaching
// a state, with the state and the use it came from.
type seqEntry struct {
	t    int
	prev int // the predecessor's key in the previous layer
	step seqStep
}

// seqState is a state of the programme: cnt[i] candidates have done i
// parts (1 ≤ i < k), done have done all, and last is how many parts the
// last use's candidate has done (0: no use yet).
type seqState struct {
	cnt  []int
	done int
	last int
}

// encode writes the state as a key, in mixed radix q+1.
func (r *seqRun) encode(st seqState) int {
	x := st.last
	for i := 1; i < len(r.ops); i++ {
		x = x*(r.q+1) + st.cnt[i]
	}
	return x*(r.q+1) + st.done
}

// decode reads a key back.
func (r *seqRun) decode(x int) seqState {
	k := len(r.ops)
	st := seqState{cnt: make([]int, k)}
	st.done = x % (r.q + 1)
	x /= r.q + 1
	for i := k - 1; i >= 1; i-- {
		st.cnt[i] = x % (r.q + 1)
		x /= r.q + 1
	}
	st.last = x
	return st
}

// placeOp lays part p from x on: its start and end, or -1 when it does
// not fit before its latest end, the horizon or what allow refuses.
func (r *seqRun) placeOp(p, x int) (int, int) {
	m := r.b.m
	op := &r.ops[p]
	x = max(x, r.b.est[op.ep])
	for {
		s := m.align(x, op.dur, op.lead, op.split, r.days)
		if s >= never {
			return -1, -1
		}
		segs := m.segments(s, op.dur, op.split, r.days, r.segBuf[:0])
		if segs == nil {
			return -1, -1
		}
		r.segBuf = segs
		e := segs[len(segs)-1].e
		if e > r.lft[op.ep] || e > r.horizon {
			return -1, -1
		}
		if r.b.group[op.ep] != nil {
			// A part of a rigid group lies in its window of the block.
			d, bi, _ := m.blockOf(s)
			ws, we := r.b.inWindow(op.ep, d, bi)
			if s < ws {
				x = ws
				continue
			}
			if e > we {
				x = m.blockEnd(d, bi)
				continue
			}
		}
		if r.allow != nil {
			if next := r.allow(p, s, e); next > s {
				x = next
				continue
			}
		}
		return s, e
	}
}

// afterReset is the earliest start of another candidate's use after a
// use ending at t: the reset on the same day, none on the next.
func (r *seqRun) afterReset(t int) int {
	if t == 0 {
		return 0
	}
	return min(t+r.reset, dayStart(dayOfEnd(t)+1))
}

// afterSame is the earliest start of part p after the same candidate's
// previous part ending at t: its minimum gap, or the next day.
func (r *seqRun) afterSame(p, t int) int {
	m := r.b.m
	op := &r.ops[p]
	if op.nextDay {
		return dayStart(dayOfEnd(t) + 1)
	}
	x := t + op.sameGap
	if x > m.dayEnd(dayOfEnd(t)) {
		x = dayStart(dayOfEnd(t) + 1)
	}
	return x
}

// expand returns the next layer: every state one use after the states of
// layer, each with the earliest end of its last use.
func (r *seqRun) expand(layer map[int]seqEntry) map[int]seqEntry {
	k := len(r.ops)
	next := make(map[int]seqEntry, len(layer))
	keys := make([]int, 0, len(layer))
	for x := range layer {
		keys = append(keys, x)
	}
	slices.Sort(keys)
	for _, x := range keys {
		t := layer[x].t
		st := r.decode(x)
		started := st.done
		for i := 1; i < k; i++ {
			started += st.cnt[i]
		}
		// A candidate with p parts done does part p, from x0 on.
		relax := func(p int, same bool, x0 int) {
			s, end := r.placeOp(p, x0)
			if end < 0 {
				return
			}
			// The state one use on, its key written from x's: the last
			// use's candidate has p+1 parts done, one candidate fewer has
			// p and one more p+1 (done when p+1 = k).
			key := x + (p+1-st.last)*r.weights[0] + r.weights[p+1]
			if p > 0 {
				key -= r.weights[p]
			}
			if old, ok := next[key]; !ok || end < old.t {
				next[key] = seqEntry{t: end, prev: x, step: seqStep{from: p, s: s, e: end, same: same}}
			}
		}
		// The last use's candidate goes on with its next part.
		if st.last > 0 && st.last < k {
			relax(st.last, true, r.afterSame(st.last, t))
		}
		// Another candidate goes on, or a new one starts.
		for p := 1; p < k; p++ {
			if st.cnt[p] > 0 && (p != st.last || st.cnt[p] > 1) {
				relax(p, false, r.afterReset(t))
			}
		}
		if started < r.q {
			relax(0, false, r.afterReset(t))
		}
	}
	return next
}

// finished returns the key of the layer's state where all q candidates
// are done with the earliest end, or -1.
func (r *seqRun) finished(layer map[int]seqEntry) int {
	best, bestT := -1, never
	for x, en := range layer {
		if r.decode(x).done == r.q && (en.t < bestT || en.t == bestT && x < best) {
			best, bestT = x, en.t
		}
	}
	return best
}

// trace returns the uses that lead to key x of the last layer.
func (r *seqRun) trace(layers []map[int]seqEntry, last map[int]seqEntry, x int) []seqStep {
	steps := []seqStep{last[x].step}
	for i, prev := len(layers)-1, last[x].prev; i > 0; i-- {
		en := layers[i][prev]
		steps = append(steps, en.step)
		prev = en.prev
	}
	slices.Reverse(steps)
	return steps
}

// run explores the programme layer by layer, one use more each, and
// returns its outcome with the uses of the earliest way to serve q
// candidates (only the last one unless record).
func (r *seqRun) run() (seqOutcome, []seqStep) {
	m := r.b.m
	r.lft = r.b.latestEnds(r.days)
	r.horizon = m.dayEnd(r.days - 1)
	k := len(r.ops)
	r.weights = make([]int, k+1)
	r.weights[k] = 1
	for i := k - 1; i >= 0; i-- {
		r.weights[i] = r.weights[i+1] * (r.q + 1)
	}
	var layers []map[int]seqEntry
	layer := map[int]seqEntry{r.encode(seqState{cnt: make([]int, len(r.ops))}): {prev: -1}}
	states := 0
	for len(layer) > 0 {
		if r.record {
			layers = append(layers, layer)
		}
		next := r.expand(layer)
		if x := r.finished(next); x >= 0 {
			if !r.record {
				return seqFits, []seqStep{next[x].step}
			}
			return seqFits, r.trace(layers, next, x)
		}
		r.explored += len(next)
		if states += len(next); states > maxSeqStates {
			return seqGaveUp, nil
		}
		layer = next
	}
	return seqNoFit, nil
}
