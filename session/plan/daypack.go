package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Uses that do not share a day (docs/planning.md#uses-that-do-not-share-a-day).
// The energy bounds count minutes: two uses of 185 and 295 minutes fit a
// 420-minute day by their minutes, but not one after the other in one
// block. When a unit, or a jury, holds at most one use of a set of épreuves
// a day, every use of the set takes a unit-day (a jury-day) of its own, and
// the days add up where the minutes do not.

// maxPackTypes bounds the épreuves of one resource type whose subsets the
// bound tries (2^n subsets).
const maxPackTypes = 10

// packCount is the most uses of épreuves of a set, of durations durs (in
// any order), that one unit holds in a block of length minutes when two
// uses of the same épreuve on the unit are reset minutes apart: the uses
// of one candidate may follow one another without a reset, but they are
// of different épreuves.
//
// Proof of the length. Cut a block's sequence of uses into runs of one
// candidate: consecutive runs are a reset apart, and each run holds
// distinct épreuves, so an épreuve used m times spans m runs: at least
// m − 1 resets. k uses with at most m of any épreuve last at least the sum
// of the k shortest durations taking each at most m times, plus (m − 1)
// resets.
func packCount(durs []int, reset, length int) int {
	sorted := slices.Clone(durs)
	slices.Sort(sorted)
	best := 0
	// With at most mult uses of any épreuve, the most uses are the
	// shortest ones, each up to mult times, within the length less
	// (mult − 1) resets. The best count's own multiplicity is among the
	// mult tried: beyond length / shortest, no more fit.
	for mult := 1; mult <= length/max(1, sorted[0])+1; mult++ {
		k, room := 0, length-reset*(mult-1)
		for _, d := range sorted {
			for range mult {
				if d > room {
					break
				}
				room -= d
				k++
			}
		}
		best = max(best, k)
	}
	return best
}

// blockLengths returns the lengths of the blocks of day 1 (the opening
// taken out) or of any later day.
func (m *model) blockLengths(first bool) []int {
	var out []int
	for bi := range m.blocks {
		d := 1
		if first {
			d = 0
		}
		out = append(out, max(0, m.blockEnd(d, bi)-m.blockStart(d, bi)))
	}
	return out
}

// mergeTouching adds up the lengths of blocks that touch (one ends when the
// next starts).
func mergeTouching(m *model, lengths []int) []int {
	var out []int
	for bi, l := range lengths {
		if bi > 0 && m.blocks[bi-1].End == m.blocks[bi].Start {
			out[len(out)-1] += l
			continue
		}
		out = append(out, l)
	}
	return out
}

// packUseDays bounds the days by the uses of each set S of the
// non-splittable épreuves needing type rt: one unit holds at most V(S)
// of them a day (Σ over the blocks of packCount), so c·Σ_d V_d(S) ≥ N·Σ u.
//
// Proof. Each use lies in one block of one unit; on one unit, the uses in
// a block are disjoint, two candidates' a reset apart on the day, and a
// candidate uses each épreuve once: packCount bounds them (its proof).
// Summed over the c units and the days, the unit-uses of S are at most
// c·Σ_d V_d(S), and the N candidates need u of them for each épreuve of S.
func (b *bounds) packUseDays(rt int) (int, string) {
	m := b.m
	t := m.types[rt]
	var eps, units []int
	for e, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt == rt && !info.split {
				eps, units = append(eps, e), append(units, nd.units)
			}
		}
	}
	if len(eps) < 2 || len(eps) > maxPackTypes {
		return 0, "" // one épreuve alone: the whole-use bound counts it
	}
	first, later := m.blockLengths(true), m.blockLengths(false)
	best, why := 0, ""
	for set := 1; set < 1<<len(eps); set++ {
		var durs, sub, subUnits []int
		need := 0
		for i, e := range eps {
			if set&(1<<i) != 0 {
				durs = append(durs, m.eps[e].dur)
				sub, subUnits = append(sub, e), append(subUnits, units[i])
				need += m.n * units[i]
			}
		}
		if len(durs) < 2 {
			continue
		}
		v1, v := 0, 0
		for i := range first {
			v1 += packCount(durs, t.reset, first[i])
			v += packCount(durs, t.reset, later[i])
		}
		days := daysToReach(t.cap*v1, t.cap*v, need)
		if len(eps) <= maxWeighedTypes || set == 1<<len(eps)-1 {
			days = max(days, b.packWeights(sub, subUnits, t.cap, t.reset, first, later))
		}
		if days > best {
			var names []string
			for _, e := range sub {
				names = append(names, m.eps[e].id)
			}
			best = days
			why = fmt.Sprintf("the %s of %s hold few of %s a day, one after another in the blocks: %d candidates need at least %s",
				plural(t.cap, "unit"), t.name, strings.Join(names, ", "), m.n, plural(days, "day"))
		}
	}
	return best, why
}

// maxWeighedTypes bounds the épreuves of a type for which every subset is
// also weighed (packWeights); beyond, only the whole set is.
const maxWeighedTypes = 5

// packWeights is the weighted form of packUseDays over the épreuves eps
// (units each): each use of e weighs 1/a_e, a_e the most uses of e alone
// a unit holds a day (scaled to integers by their least common multiple);
// a unit-day holds at most V of weight, the best pattern of the blocks
// (packValue); so c·Σ_d V_d ≥ N·Σ u_e/a_e. 0 when a_e is 0 or the scale
// grows too large.
//
// Proof. Any weights w ≥ 0 give a bound: every unit-day's uses are a
// pattern, of weight at most V_d, and the candidates' uses weigh
// N·Σ u_e·w_e in all. The weights 1/a_e make a day of A twice and a day of
// B once both weigh one, where counting uses would let A, A stand for two.
func (b *bounds) packWeights(eps, units []int, c, reset int, first, later []int) int {
	m := b.m
	const maxScale = 1 << 20
	a := make([]int, len(eps))
	scale := 1
	for i, e := range eps {
		for _, l := range later {
			a[i] += packCount([]int{m.eps[e].dur}, reset, l)
		}
		if a[i] == 0 {
			return 0
		}
		scale = scale / gcd(scale, a[i]) * a[i]
		if scale > maxScale {
			return 0
		}
	}
	durs, w := make([]int, len(eps)), make([]int, len(eps))
	need := 0
	for i, e := range eps {
		durs[i], w[i] = m.eps[e].dur, scale/a[i]
		need += m.n * units[i] * w[i]
	}
	v1, v := 0, 0
	for i := range first {
		v1 += packValue(durs, w, reset, first[i])
		v += packValue(durs, w, reset, later[i])
	}
	return daysToReach(c*v1, c*v, need)
}

// packValue is the most weight of uses (durations durs, weights w) one unit
// holds in a block of length minutes, with the resets of packCount: for
// each bound mult on the uses of one épreuve up to maxPackMult, a bounded
// knapsack within the length less (mult − 1) resets; for every larger
// mult at once, an unbounded knapsack within the length less maxPackMult
// resets, which weighs at least as much as any of them.
func packValue(durs, w []int, reset, length int) int {
	if length <= 0 {
		return 0
	}
	value := make([]int, length+1)
	knapsack := func(room, mult int) int {
		if room <= 0 {
			return 0
		}
		clear(value[:room+1])
		for i, d := range durs {
			if mult == 0 { // unbounded
				for x := d; x <= room; x++ {
					value[x] = max(value[x], value[x-d]+w[i])
				}
				continue
			}
			for range mult {
				for x := room; x >= d; x-- {
					value[x] = max(value[x], value[x-d]+w[i])
				}
			}
		}
		return value[room]
	}
	if reset == 0 {
		return knapsack(length, 0) // no resets: any multiplicity
	}
	best := knapsack(length-reset*maxPackMult, 0)
	for mult := 1; mult <= maxPackMult; mult++ {
		best = max(best, knapsack(length-reset*(mult-1), mult))
	}
	return best
}

// maxPackMult is how many uses of one épreuve in a block packValue counts
// exactly; beyond, it counts their resets as maxPackMult of them.
const maxPackMult = 4

// leastDays is the least d ≥ from (up to MaxDays + 1) for which ok holds,
// ok being monotone in d: a doubling search, then a bisection.
func leastDays(from int, ok func(d int) bool) int {
	from = max(from, 1)
	if ok(from) {
		return from
	}
	lo, step := from, 1 // ok(lo) is false
	hi := from + step
	for hi <= MaxDays && !ok(hi) {
		lo, step = hi, 2*step
		hi = min(lo+step, MaxDays+1)
	}
	if hi > MaxDays {
		hi = MaxDays + 1
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// daysToReach is the fewest days whose capacity, first on day 1 and per
// later day, reaches need (more than MaxDays when none does).
func daysToReach(first, per, need int) int {
	if need <= first {
		return 1
	}
	if per <= 0 {
		return MaxDays + 1
	}
	return min(MaxDays+1, 1+(need-first+per-1)/per)
}

// packJuries is the fewest juries that hold, in days days, the jury items
// at least as long as some threshold: every candidate's exclusive épreuve
// (with its accueil when it is every order's first) and every sitting of
// an observed épreuve, ⌈N/p⌉ of them; 0 when none.
//
// Proof. Each item is one jury's, whole, in one block, and a jury does one
// thing at a time within its day cap C_d: of items no shorter than d, a
// jury holds at most min(⌊C_d / d⌋, Σ_blocks ⌊ℓ / d⌋) a day. K juries
// hold K times that over the days, and need at least the items' count.
func (b *bounds) packJuries(days int) int {
	m := b.m
	type item struct{ dur, count int }
	var items []item
	for e, info := range m.eps {
		if info.split {
			continue
		}
		switch info.pres {
		case Exclusive:
			lead := 0
			if e == b.everyFirstExcl {
				lead = m.h.AccueilMin
			}
			items = append(items, item{info.dur + lead, m.n})
		case Observe:
			p := max(1, b.sitCap[e])
			items = append(items, item{info.dur, (m.n + p - 1) / p})
		}
	}
	if len(items) < 2 {
		return 0 // one item alone: the sittings per jury day count it
	}
	// An accueil may end a block that the next one touches, its épreuve
	// starting the next: touching blocks count as one span.
	first, later := mergeTouching(m, m.blockLengths(true)), mergeTouching(m, m.blockLengths(false))
	perDay := func(d int, lengths []int, c int) int {
		n := 0
		for _, l := range lengths {
			n += l / d
		}
		return min(n, c/d)
	}
	best := 0
	for _, th := range items {
		need := 0
		for _, it := range items {
			if it.dur >= th.dur {
				need += it.count
			}
		}
		held := perDay(th.dur, first, m.juryDayCap(true)) + (days-1)*perDay(th.dur, later, m.juryDayCap(false))
		k := never
		if held > 0 {
			k = (need + held - 1) / held
		}
		best = max(best, k)
	}
	return best
}

// packJuryWords explains packJuries' count of k juries in days days.
func (b *bounds) packJuryWords(k, days int) string {
	return fmt.Sprintf("a jury watches or holds only a few of the long sittings and épreuves in a day, one after another in the blocks: in %s, the candidates need at least %s",
		plural(days, "day"), plural(k, "jury"))
}

// packSetDays is packUseDays within the start sets: in a plan of D days,
// the uses of S in a block lie between the earliest start of S's start
// sets in that block and the latest end, and only the épreuves with a
// start there take part. The least D whose blocks hold N·Σu unit-uses,
// from days on; 0 when it says nothing.
//
// Proof. Each use of e starts in S(e) (docs/planning.md#start-sets), so
// the uses of S on a unit in a block lie in that window, and packCount
// bounds them as in packUseDays.
func (b *bounds) packSetDays(rt, from int) (int, string) {
	m := b.m
	t := m.types[rt]
	var eps, units []int
	for e, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt == rt && !info.split {
				eps, units = append(eps, e), append(units, nd.units)
			}
		}
	}
	if len(eps) < 2 || len(eps) > maxPackTypes {
		return 0, ""
	}
	var sets []int
	for set := 3; set < 1<<len(eps); set++ {
		if len(eps) <= maxSetTypes && bits(set) >= 2 || set == 1<<len(eps)-1 {
			sets = append(sets, set)
		}
	}
	held := func(set, days int) (int, int) {
		win := b.blockWindows(eps, set, days)
		n, need := 0, 0
		for i := range eps {
			if set&(1<<i) != 0 {
				need += m.n * units[i]
			}
		}
		for _, w := range win {
			n += packCount(w.durs, t.reset, w.length)
		}
		return t.cap * n, need
	}
	best, why := 0, ""
	for _, set := range sets {
		d := leastDays(max(from, best), func(d int) bool {
			n, need := held(set, d)
			return n >= need
		})
		if d > best && d > from {
			var names []string
			for i, e := range eps {
				if set&(1<<i) != 0 {
					names = append(names, m.eps[e].id)
				}
			}
			best = d
			why = fmt.Sprintf("the %s of %s hold few of %s a day, one after another in the part of each block where they can start: %d candidates need at least %s",
				plural(t.cap, "unit"), t.name, strings.Join(names, ", "), m.n, plural(d, "day"))
		}
	}
	return best, why
}

// maxSetTypes bounds the épreuves of a type for which packSetDays tries
// every subset; beyond, only the whole set.
const maxSetTypes = 4

// blockWindow is, in one block, the span from the earliest start to the
// latest end of a set's épreuves, and the durations of those that can
// start there.
type blockWindow struct {
	length int
	durs   []int
}

// blockWindows returns the windows of the épreuves eps in set, block by
// block, in plans of days days.
func (b *bounds) blockWindows(eps []int, set, days int) []blockWindow {
	m := b.m
	starts := b.starts.sets(days)
	type span struct{ lo, hi int }
	spans := map[[2]int]*span{}
	durs := map[[2]int][]int{}
	var keys [][2]int
	for i, e := range eps {
		if set&(1<<i) == 0 {
			continue
		}
		dur := m.eps[e].dur
		seen := map[[2]int]bool{}
		for _, iv := range starts[e] {
			d, bi, _ := m.blockOf(iv.s)
			k := [2]int{d, bi}
			sp := spans[k]
			if sp == nil {
				sp = &span{iv.s, iv.e - 1 + dur}
				spans[k] = sp
				keys = append(keys, k)
			}
			sp.lo, sp.hi = min(sp.lo, iv.s), max(sp.hi, iv.e-1+dur)
			if !seen[k] {
				seen[k] = true
				durs[k] = append(durs[k], dur)
			}
		}
	}
	out := make([]blockWindow, 0, len(keys))
	for _, k := range keys {
		out = append(out, blockWindow{length: spans[k].hi - spans[k].lo, durs: durs[k]})
	}
	return out
}
