package plan

import (
	"fmt"
	"slices"
)

// Start sets (docs/planning.md#start-sets). A maximum gap ties an épreuve
// to its predecessor's day, however long the gap: the successor starts the
// same day, at most the gap after the predecessor ends. Through such ties,
// the blocks can pin an épreuve to a few minutes of the day. A 225-minute
// practical part that only fits the morning, followed within 60 minutes
// by a 30-minute interview that must be followed within 60 minutes by a
// 185-minute part that only fits the afternoon, leaves the interview a
// single start a day, at the end of the morning: its room holds one
// candidate a day however long the day is. The rigid groups' windows
// (windows.go) see this only when every gap is shorter than every break
// and the group lies in one block; the start sets see it across breaks,
// and also carry the blocks' fit along chains without a maximum gap, from
// the first day and from the last.
//
// Proof. Fix a number of days D and a valid plan of at most D days; take
// any candidate, and let s(e) be the start of its épreuve e. For every
// épreuve that is not splittable, s(e) lies in S(e), the set built as
// follows, so every count below bounds every plan.
//
//   - Initially S(e) is every start of e inside one block of the D days
//     (after the opening on day 1), ending in that block, no earlier than
//     the earliest start of e (docs/planning.md#earliest-starts), and,
//     when e is every order's first exclusive épreuve and its block does not
//     touch the one before, at least the accueil after the block's start:
//     a non-splittable épreuve has one segment inside a block, and the
//     accueil, a task of one segment, ends when e starts.
//   - For a precedence a → e between two non-splittable épreuves (a
//     constraint, or the last épreuve after every other): e starts no
//     earlier than a ends; on a's day, no earlier than a's end plus the
//     larger of the minimum gap and e's accueil (the candidate attends
//     both); with next_day, on a later day; with a maximum gap G, on a's
//     day and at most G after a's end. So s(e) is in the set of starts
//     that some start of S(a) allows, and s(a) in the set of starts that
//     allow some start of S(e). Removing the others from S(e) and S(a)
//     keeps s(e) and s(a), so by induction over the removals every s(e)
//     stays in S(e).
//
// Counting. On one unit, the uses of e by different candidates are
// disjoint and, on one day, a reset apart; their starts lie in S(e). Among
// intervals of one length whose starts lie in a set, taking each time the
// earliest start allowed after the previous use (its end plus the reset)
// gives the most of them (the usual exchange argument: the greedy's k-th
// use ends no later than any other choice's k-th), so one unit holds at
// most M(e) uses in D days, and c units M(e)·c; the candidates need N·u of
// them (u units each). A jury's exclusive épreuves e are disjoint, each
// with its accueil just before it when e is every order's first exclusive
// épreuve, and at most its day cap of them a day: one jury holds at most
// J(e) of them, and N candidates need ⌈N / J(e)⌉ juries. A sitting of an
// observed épreuve is watched whole by one jury: ⌈N / p⌉ sittings, p the
// most one sitting holds, need ⌈⌈N / p⌉ / J(e)⌉ juries.

// startSets holds, per number of days, each épreuve's start set (nil when
// the épreuve is splittable: no set is kept).
type startSets struct {
	b     *bounds
	edges []startEdge
	cache map[int][][]ival
}

// startEdge is a precedence between two non-splittable épreuves, with the
// least lead on the same day (the minimum gap or the accueil).
type startEdge struct {
	from, to      int
	lead, maxGap  int // maxGap -1: none
	nextDay, tied bool
}

// maxStartPasses bounds the propagation's passes: each pass only removes
// starts no plan uses, so stopping early keeps a valid bound.
const maxStartPasses = 16

func newStartSets(b *bounds) *startSets {
	m := b.m
	ss := &startSets{b: b, cache: map[int][][]ival{}}
	has := map[[2]int]bool{}
	for e, es := range m.preds {
		for _, ed := range es {
			has[[2]int{ed.from, e}] = true
			if m.eps[e].split || m.eps[ed.from].split {
				continue
			}
			ss.edges = append(ss.edges, startEdge{from: ed.from, to: e, lead: max(ed.minGap, ss.lead(e)),
				maxGap: ed.maxGap, nextDay: ed.nextDay})
		}
	}
	if l := m.last; l >= 0 && !m.eps[l].split {
		for a := range m.eps {
			if a != l && !has[[2]int{a, l}] && !m.eps[a].split {
				ss.edges = append(ss.edges, startEdge{from: a, to: l, lead: ss.lead(l), maxGap: -1})
			}
		}
	}
	// In the order of the précédences, a pass carries a start set along a
	// whole chain.
	if orders := m.linearExtensions(1); len(orders) == 1 {
		rank := make([]int, len(m.eps))
		for i, e := range orders[0] {
			rank[e] = i
		}
		slices.SortStableFunc(ss.edges, func(x, y startEdge) int { return rank[x.to] - rank[y.to] })
	}
	return ss
}

// lead is the accueil before e when e is every order's first exclusive
// épreuve.
func (ss *startSets) lead(e int) int {
	if e == ss.b.everyFirstExcl {
		return ss.b.m.h.AccueilMin
	}
	return 0
}

// sets returns every épreuve's start set for plans of days days.
func (ss *startSets) sets(days int) [][]ival {
	if s, ok := ss.cache[days]; ok {
		return s
	}
	m := ss.b.m
	s := make([][]ival, len(m.eps))
	for e := range m.eps {
		if !m.eps[e].split {
			s[e] = ss.initial(e, days)
		}
	}
	for range maxStartPasses {
		changed := false
		for _, ed := range ss.edges {
			if next := ss.forward(ed, s[ed.from], s[ed.to]); len(next) != len(s[ed.to]) || !slices.Equal(next, s[ed.to]) {
				s[ed.to], changed = next, true
			}
		}
		for i := len(ss.edges) - 1; i >= 0; i-- {
			ed := ss.edges[i]
			if next := ss.backward(ed, s[ed.from], s[ed.to]); !slices.Equal(next, s[ed.from]) {
				s[ed.from], changed = next, true
			}
		}
		if !changed {
			break
		}
	}
	ss.cache[days] = s
	return s
}

// initial is every start of e inside one block of the days, no earlier
// than its earliest start, with its accueil in the block when it has one.
func (ss *startSets) initial(e, days int) []ival {
	b := ss.b
	m := b.m
	dur := m.eps[e].dur
	var out []ival
	for d := range days {
		for bi := range m.blocks {
			lo := m.blockStart(d, bi)
			if bi == 0 || m.blocks[bi-1].End < m.blocks[bi].Start {
				lo += ss.lead(e)
			}
			lo = max(lo, b.est[e])
			if hi := m.blockEnd(d, bi) - b.deliberationRoom(e, bi) - dur + 1; lo < hi {
				out = append(out, ival{lo, hi})
			}
		}
	}
	return out
}

// forward keeps the starts of ed.to that some start of from allows.
func (ss *startSets) forward(ed startEdge, from, to []ival) []ival {
	dur := ss.b.m.eps[ed.from].dur
	if len(from) == 0 {
		return nil
	}
	var allowed []ival
	if ed.maxGap >= 0 {
		if ed.nextDay || ed.lead > ed.maxGap {
			return nil
		}
		for _, iv := range from {
			d := dayOf(iv.s)
			allowed = append(allowed, ival{max(iv.s+dur+ed.lead, dayStart(d)), min(iv.e+dur+ed.maxGap, dayStart(d+1))})
		}
		return intersectIvals(to, mergeIvals(allowed))
	}
	first := from[0].s
	d := dayOf(first)
	lo := dayStart(d + 1) // any start on a later day is allowed
	if !ed.nextDay {
		lo = min(lo, first+dur+ed.lead)
	}
	return intersectIvals(to, []ival{{lo, never}})
}

// backward keeps the starts of ed.from that allow some start of to.
func (ss *startSets) backward(ed startEdge, from, to []ival) []ival {
	dur := ss.b.m.eps[ed.from].dur
	if len(to) == 0 {
		return nil
	}
	var allowed []ival
	if ed.maxGap >= 0 {
		if ed.nextDay || ed.lead > ed.maxGap {
			return nil
		}
		for _, iv := range to {
			d := dayOf(iv.s)
			allowed = append(allowed, ival{max(iv.s-dur-ed.maxGap, dayStart(d)), min(iv.e-dur-ed.lead, dayStart(d+1))})
		}
		return intersectIvals(from, mergeIvals(allowed))
	}
	last := to[len(to)-1].e - 1
	d := dayOf(last)
	hi := dayStart(d) // any start on an earlier day allows it
	if !ed.nextDay {
		hi = max(hi, last-dur-ed.lead+1)
	}
	return intersectIvals(from, []ival{{-never, hi}})
}

// mergeIvals sorts and merges intervals, dropping empty ones.
func mergeIvals(list []ival) []ival {
	list = slices.DeleteFunc(list, func(iv ival) bool { return iv.e <= iv.s })
	slices.SortFunc(list, func(a, b ival) int { return a.s - b.s })
	var out []ival
	for _, iv := range list {
		if n := len(out); n > 0 && iv.s <= out[n-1].e {
			out[n-1].e = max(out[n-1].e, iv.e)
			continue
		}
		out = append(out, iv)
	}
	return out
}

// intersectIvals intersects two sorted lists of disjoint intervals.
func intersectIvals(a, b []ival) []ival {
	var out []ival
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if s, e := max(a[i].s, b[j].s), min(a[i].e, b[j].e); s < e {
			out = append(out, ival{s, e})
		}
		if a[i].e < b[j].e {
			i++
		} else {
			j++
		}
	}
	return out
}

// greedyCount is the most intervals of dur minutes, starting in set, that
// one unit or one jury holds: on each day, each taken at the earliest
// start at least step after the previous one's start; at most perDay(d)
// on day d.
func greedyCount(set []ival, step int, perDay func(d int) int) int {
	n, day, onDay, next := 0, -1, 0, -never
	for _, iv := range set {
		for t := max(iv.s, next); t < iv.e; t = max(t+step, next) {
			if d := dayOf(t); d != day {
				day, onDay = d, 0
			}
			if onDay >= perDay(day) {
				next = dayStart(day + 1)
				continue
			}
			n, onDay, next = n+1, onDay+1, t+step
		}
	}
	return n
}

// startSetUseDays bounds the days by the uses of each non-splittable
// épreuve that needs resource type rt: c units hold at most c·M(e) of
// them in D days (see the proof above), and N candidates need N·u. It
// looks from days on (a bound already known), and says 0 when no more.
func (b *bounds) startSetUseDays(rt, from int) (int, string) {
	m := b.m
	t := m.types[rt]
	best, why := 0, ""
	for e, info := range m.eps {
		units := 0
		for _, nd := range info.needs {
			if nd.rt == rt {
				units = nd.units
			}
		}
		if units == 0 || info.split {
			continue
		}
		uses := func(days int) int {
			return greedyCount(b.starts.sets(days)[e], info.dur+t.reset, func(int) int { return never })
		}
		d := leastDays(max(from, best), func(d int) bool { return t.cap*uses(d) >= m.n*units })
		if d > best && d > from {
			best = d
			why = fmt.Sprintf("the day's blocks and the constraints around %s leave it few possible starts: the %s of %s hold at most %d of its uses in %s, and %d candidates need %d",
				info.id, plural(t.cap, "unit"), t.name, t.cap*uses(d-1), plural(d-1, "day"), m.n, m.n*units)
		}
	}
	return best, why
}

// startSetJuries is the fewest juries that hold, in days days, every
// candidate's exclusive épreuve e (with its accueil when it is every
// order's first) and every sitting of an observed one, each at a start of
// its start set (see the proof above); the largest over the épreuves,
// with the épreuve (-1: none).
func (b *bounds) startSetJuries(days int) (int, int) {
	m := b.m
	sets := b.starts.sets(days)
	best, which := 0, -1
	for e, info := range m.eps {
		if info.split || info.pres == NoJury {
			continue
		}
		need, step := m.n, info.dur
		switch info.pres {
		case Exclusive:
			step += b.starts.lead(e)
		case Observe:
			p := max(1, b.sitCap[e])
			need = (m.n + p - 1) / p
		default:
			continue
		}
		perDay := func(d int) int { return m.juryDayCap(d == 0) / step }
		held := greedyCount(sets[e], step, perDay)
		k := never
		if held > 0 {
			k = (need + held - 1) / held
		}
		if k > best {
			best, which = k, e
		}
	}
	return best, which
}

// startSetJuryWords explains startSetJuries' count of k juries in days
// days, set by épreuve e.
func (b *bounds) startSetJuryWords(e, k, days int) string {
	info := b.m.eps[e]
	what := "its candidates"
	if info.pres == Observe {
		what = "the sittings of its candidates"
	}
	return fmt.Sprintf("the day's blocks and the constraints around %s leave it few possible starts: a jury holds few of them in %s, and %s need at least %s",
		info.id, plural(days, "day"), what, plural(k, "jury"))
}
