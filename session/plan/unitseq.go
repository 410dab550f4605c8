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
// for all of G. Take any valid plan of D days and q of U's candidates, and
// list their uses of U by time: op₁ … op_{q×|G|}. Each use:
//   - lies in the blocks (one block, or a splittable run), starts after the
//     accueil's lead in its block when it is every order's first exclusive
//     épreuve, and no earlier than est (the path bound's earliest start)
//     nor ending later than lft (the latest end that leaves room for the
//     épreuves that follow it in the candidate's order, on day D at the
//     latest);
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
	fits := func(days int) bool {
		r := seqRun{b: b, ops: ops, reset: t.reset, q: q, days: days}
		path, _ := r.run()
		return path != nil // a run that gave up claims nothing
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
	group, units, key := []int{}, 0, -2
	for e, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt != rt {
				continue
			}
			k := -1 - e
			if info.station >= 0 {
				k = info.station
			}
			if key != -2 && k != key || units != 0 && units != nd.units {
				return nil, 0
			}
			key, units = k, nd.units
			group = append(group, e)
		}
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
// one (and its accueil, for the first exclusive). Gaps are relaxed, so the
// result is a valid latest end in any plan of days days.
func (b *bounds) latestEnds(days int) []int {
	m := b.m
	lft := make([]int, len(m.eps))
	end := m.dayEnd(days - 1)
	if b.orders == nil {
		for i := range lft {
			lft[i] = end
		}
		return lft
	}
	for i := range lft {
		lft[i] = -1
	}
	cur := make([]int, len(m.eps))
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
			cur[e] = l
			s := m.latestStart(l, m.eps[e].dur, m.eps[e].split)
			if s < 0 {
				ok = false
				break
			}
			l = s
			if e == first {
				l -= m.h.AccueilMin
			}
		}
		if !ok {
			continue
		}
		for e, x := range cur {
			lft[e] = max(lft[e], x)
		}
	}
	return lft
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
}

// seqStep is one use on the unit: a candidate that has done from parts does
// part from (from+1 parts done after it), over [s, e).
type seqStep struct {
	from, s, e int
	same       bool // the last use's candidate going on
}

type seqEntry struct {
	t    int
	prev int // the predecessor's key in the previous layer
	step seqStep
}

// run returns the uses of the earliest way to serve q candidates (only
// the last one unless record), nil when there is none; false, with an
// empty non-nil result, when it gave up (too many states).
func (r *seqRun) run() ([]seqStep, bool) {
	b, m, ops, q := r.b, r.b.m, r.ops, r.q
	k := len(ops)
	lft := b.latestEnds(r.days)
	horizon := m.dayEnd(r.days - 1)
	// A state: cnt[i] candidates have done i parts (1 ≤ i < k), done have
	// done all, and last is how many parts the last use's candidate has
	// done (0: no use yet). It is encoded in mixed radix q+1.
	type state struct {
		cnt  []int
		done int
		last int
	}
	encode := func(s state) int {
		x := s.last
		for i := 1; i < k; i++ {
			x = x*(q+1) + s.cnt[i]
		}
		return x*(q+1) + s.done
	}
	decode := func(x int) state {
		s := state{cnt: make([]int, k)}
		s.done = x % (q + 1)
		x /= q + 1
		for i := k - 1; i >= 1; i-- {
			s.cnt[i] = x % (q + 1)
			x /= q + 1
		}
		s.last = x
		return s
	}
	// place lays part p from x on: its start and end, or -1.
	place := func(p, x int) (int, int) {
		op := &ops[p]
		x = max(x, b.est[op.ep])
		for {
			s := m.align(x, op.dur, op.lead, op.split, r.days)
			if s >= never {
				return -1, -1
			}
			segs := m.segments(s, op.dur, op.split, r.days, nil)
			if segs == nil {
				return -1, -1
			}
			e := segs[len(segs)-1].e
			if e > lft[op.ep] || e > horizon {
				return -1, -1
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
	afterReset := func(t int) int {
		if t == 0 {
			return 0
		}
		return min(t+r.reset, dayStart(dayOfEnd(t)+1))
	}
	afterSame := func(p, t int) int {
		op := &ops[p]
		if op.nextDay {
			return dayStart(dayOfEnd(t) + 1)
		}
		x := t + op.sameGap
		if x > m.dayEnd(dayOfEnd(t)) {
			x = dayStart(dayOfEnd(t) + 1)
		}
		return x
	}
	var layers []map[int]seqEntry
	layer := map[int]seqEntry{encode(state{cnt: make([]int, k)}): {prev: -1}}
	states := 0
	for len(layer) > 0 {
		if r.record {
			layers = append(layers, layer)
		}
		next := map[int]seqEntry{}
		keys := make([]int, 0, len(layer))
		for x := range layer {
			keys = append(keys, x)
		}
		slices.Sort(keys)
		for _, x := range keys {
			t := layer[x].t
			s := decode(x)
			started := s.done
			for i := 1; i < k; i++ {
				started += s.cnt[i]
			}
			relax := func(p int, same bool, x0 int) { // a candidate with p parts done does part p
				st, end := place(p, x0)
				if end < 0 {
					return
				}
				n := state{cnt: slices.Clone(s.cnt), done: s.done, last: p + 1}
				if p > 0 {
					n.cnt[p]--
				}
				if p+1 == k {
					n.done++
				} else {
					n.cnt[p+1]++
				}
				key := encode(n)
				if old, ok := next[key]; !ok || end < old.t {
					next[key] = seqEntry{t: end, prev: x, step: seqStep{from: p, s: st, e: end, same: same}}
				}
			}
			// The last use's candidate goes on with its next part.
			if s.last > 0 && s.last < k {
				relax(s.last, true, afterSame(s.last, t))
			}
			// Another candidate goes on, or a new one starts.
			for p := 1; p < k; p++ {
				if s.cnt[p] > 0 && (p != s.last || s.cnt[p] > 1) {
					relax(p, false, afterReset(t))
				}
			}
			if started < q {
				relax(0, false, afterReset(t))
			}
		}
		best, bestT := -1, never
		for x, en := range next {
			if decode(x).done == q && (en.t < bestT || en.t == bestT && x < best) {
				best, bestT = x, en.t
			}
		}
		if best >= 0 {
			if !r.record {
				return []seqStep{next[best].step}, true
			}
			steps := []seqStep{next[best].step}
			for i, x := len(layers)-1, next[best].prev; i > 0; i-- {
				en := layers[i][x]
				steps = append(steps, en.step)
				x = en.prev
			}
			slices.Reverse(steps)
			return steps, true
		}
		if states += len(next); states > maxSeqStates {
			return []seqStep{}, false // gave up: claim nothing
		}
		layer = next
	}
	return nil, true
}
