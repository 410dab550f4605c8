package plan

import (
	"fmt"
	"slices"
	"strings"
)

// The gapped chain bound. Épreuves joined by no_wait with gaps shorter than
// any break between blocks lie in one block with each other (no_wait keeps
// them on one day). When each holds one unit of a resource type, a block
// holds only so many such chains: the rigid chain bound (chainDays) counts
// them when every gap is 0, and this one when some gap may be a few
// minutes, where a chain may hop from a unit to another in a gap and the
// count is no longer a quotient.
//
// Proof. In a valid plan, take one block's window [w0, w1): w0 is the
// block's start (after the accueil when the chain holds the candidate's
// first exclusive épreuve, and not before the chain's earliest start), w1
// its end. The chains in it are sequences of intervals (the épreuves)
// with gaps within their bounds, inside the window, and at most cap
// intervals cover any instant, since each holds a unit. Dropping every
// other rule (resets, juries, the candidates' other épreuves) leaves a
// relaxation whose best count is at least the plan's. Its times may be
// taken as multiples of g, the greatest common divisor of the durations,
// the gaps and the window's length: rounding every start down to a
// multiple of g (from w0) keeps every interval in the window, every gap
// within its bounds (durations and bounds are multiples of g) and creates
// no new overlap. The programme below explores, step g by step g, every
// set of chains in progress (each in an épreuve with its remaining time,
// or in a gap with its elapsed time), starting new chains, starting the
// next épreuve of chains in a gap, never more than cap in an épreuve; the
// best count of chains ended is exact for the relaxation. Summing over the
// blocks of d days, when it is under N, no plan of d days exists.

// maxChainStates bounds the states of one step of the programme; beyond
// it the bound is not computed.
const maxChainStates = 20000

// maxChainActive bounds the chains in progress the programme tracks.
const maxChainActive = 8

// gapChainDays bounds the days by the gapped chains of type rt.
func (b *bounds) gapChainDays(rt int) (int, string) {
	m := b.m
	minBreak := m.minBreak()
	t := m.types[rt]
	best, bestWhy := 0, ""
	for _, ch := range b.resourceChains(rt, minBreak-1) {
		if slices.Max(append(slices.Clone(ch.gaps), 0)) == 0 {
			continue // the rigid chain bound covers gaps of 0
		}
		cache := map[int]int{}
		perDay := func(d int) (int, bool) {
			n := 0
			for bi := range m.blocks {
				w0, w1 := ch.window(b, d, bi)
				if w1 <= w0 {
					continue
				}
				c, ok := cache[w1-w0]
				if !ok {
					var done bool
					if c, done = maxChains(ch.durs, ch.gaps, t.cap, w1-w0); !done {
						return 0, false
					}
					cache[w1-w0] = c
				}
				n += c
			}
			return n, true
		}
		days, last, ok := b.daysToHold(perDay)
		if ok && days > best {
			best = days
			bestWhy = fmt.Sprintf("the %s of %s hold each candidate's %s (no_wait, gaps of at most %s minutes, in one block) at most %d times a day: %d candidates need at least %s",
				plural(t.cap, "unit"), t.name, strings.Join(ch.ids, "–"), joinInts(ch.gaps), last, m.n, plural(days, "day"))
		}
	}
	return best, bestWhy
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(slices.Compact(s), "/")
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// maxChains is the most chains of épreuves durs with gaps of at most gaps
// that fit in a window of w minutes with at most units of them in an
// épreuve at any instant; false when the programme gave up. It runs the
// programme of the proof above in named steps: the grain (newChainCodes),
// the codes of a chain in progress and what one grain does to each
// (chainCodes), then one grain after another over the sets of chains in
// progress (advance).
func maxChains(durs, gaps []int, units, w int) (int, bool) {
	cc, ok := newChainCodes(durs, gaps, units, w)
	if !ok {
		return 0, false
	}
	cur := map[chainKey]int{{}: 0}
	for t := range cc.steps {
		next, ok := cc.advance(cur, cc.steps-t)
		if !ok {
			return 0, false
		}
		cur = next
	}
	best := 0
	for _, done := range cur {
		best = max(best, done)
	}
	return best, true
}

// chainCodes are the codes of a chain in progress, in grains of g
// minutes: in épreuve i with r grains left (opBase[i] + r − 1), or in the
// gap after épreuve i, e grains elapsed (gapBase[i] + e).
type chainCodes struct {
	units  int
	steps  int // grains in the window
	length int // grains of a whole chain's épreuves
	first  int // the code of a chain starting its first épreuve
	// minLeft is the fewest grains a chain at the code still needs.
	minLeft []int
	// after is the code one grain later (chainEnded, chainDead);
	// startNext, for a gap, the code of starting the next épreuve now.
	after, startNext []int
	inOp             []bool
	// all and moved are scratch for successor.
	all, moved []int
}

const (
	chainEnded = -1 // the last épreuve ends
	chainDead  = -2 // waited past its gap
)

// newChainCodes computes the grain g, the greatest common divisor of the
// durations, the gaps and the window (times may be taken as multiples of
// g, see the proof), and the codes' tables; false when the programme
// would track more chains or codes than it may.
func newChainCodes(durs, gaps []int, units, w int) (*chainCodes, bool) {
	g := w
	for _, x := range durs {
		g = gcd(g, x)
	}
	for _, x := range gaps {
		g = gcd(g, x)
	}
	n := len(durs)
	d := make([]int, n)
	cc := &chainCodes{units: units, steps: w / g}
	for i, x := range durs {
		d[i] = x / g
		cc.length += d[i]
	}
	gp := make([]int, len(gaps))
	for i, x := range gaps {
		gp[i] = x / g
	}
	// At most units chains are in an épreuve, and at most units end one at
	// each grain, so at most units × (longest gap + 2) are in progress: the
	// programme tracks them all or gives up.
	if units*(slices.Max(append(slices.Clone(gp), 0))+2) > maxChainActive {
		return nil, false
	}
	rest := func(from int) int { // grains of the épreuves from index from on
		r := 0
		for j := from; j < n; j++ {
			r += d[j]
		}
		return r
	}
	var opBase, gapBase []int
	code := 0
	for i := range n {
		opBase = append(opBase, code)
		for r := 1; r <= d[i]; r++ {
			cc.minLeft = append(cc.minLeft, r+rest(i+1))
		}
		code += d[i]
	}
	for i := range n - 1 {
		gapBase = append(gapBase, code)
		for range gp[i] + 1 {
			cc.minLeft = append(cc.minLeft, rest(i+1))
		}
		code += gp[i] + 1
	}
	if code >= 1<<16 {
		return nil, false
	}
	cc.first = opBase[0] + d[0] - 1
	cc.after = make([]int, code)
	cc.startNext = make([]int, code)
	cc.inOp = make([]bool, code)
	for i := range n {
		for r := 1; r <= d[i]; r++ {
			c := opBase[i] + r - 1
			cc.inOp[c] = true
			switch {
			case r > 1:
				cc.after[c] = c - 1
			case i == n-1:
				cc.after[c] = chainEnded
			default:
				cc.after[c] = gapBase[i]
			}
		}
	}
	for i := range n - 1 {
		for e := 0; e <= gp[i]; e++ {
			c := gapBase[i] + e
			cc.after[c] = c + 1
			if e == gp[i] {
				cc.after[c] = chainDead
			}
			cc.startNext[c] = opBase[i+1] + d[i+1] - 1
		}
	}
	return cc, true
}

// chainKey is a set of chains in progress: their codes, sorted, 16 bits
// each.
type chainKey [2]uint64

func packChains(cs []int) chainKey {
	slices.Sort(cs)
	var k chainKey
	for i, c := range cs {
		k[i/4] |= uint64(c+1) << (16 * (i % 4))
	}
	return k
}

func unpackChains(k chainKey, cs []int) []int {
	cs = cs[:0]
	for i := range maxChainActive {
		if c := int(k[i/4]>>(16*(i%4))) & 0xffff; c > 0 {
			cs = append(cs, c-1)
		}
	}
	return cs
}

// advance does one grain: from every set of chains in progress (with the
// most chains ended to reach it), every subset of the chains in a gap
// starts its next épreuve and some fresh chains start, never more than
// units in an épreuve, and the chains that cannot end in the left grains
// or waited past their gap are dropped. False when there are too many
// sets.
func (cc *chainCodes) advance(cur map[chainKey]int, left int) (map[chainKey]int, bool) {
	next := make(map[chainKey]int, len(cur))
	var cs, gapIdx []int
	for k, done := range cur {
		cs = unpackChains(k, cs)
		busy := 0
		gapIdx = gapIdx[:0]
		for i, c := range cs {
			if cc.inOp[c] {
				busy++
			} else {
				gapIdx = append(gapIdx, i)
			}
		}
		for mask := 0; mask < 1<<len(gapIdx); mask++ {
			starting := bits(mask)
			for fresh := 0; busy+starting+fresh <= cc.units && len(cs)+fresh <= maxChainActive; fresh++ {
				if fresh > 0 && cc.length > left {
					break
				}
				cc.successor(next, cs, gapIdx, mask, fresh, done, left)
			}
		}
	}
	return next, len(next) <= maxChainStates
}

// successor records in next the set one grain after cs, where the chains
// in a gap marked in mask start their next épreuve and fresh chains start.
func (cc *chainCodes) successor(next map[chainKey]int, cs, gapIdx []int, mask, fresh, done, left int) {
	all := append(cc.all[:0], cs...)
	for j, i := range gapIdx {
		if mask&(1<<j) != 0 {
			all[i] = cc.startNext[all[i]]
		}
	}
	for range fresh {
		all = append(all, cc.first)
	}
	cc.all = all
	moved := cc.moved[:0]
	ended := 0
	for _, c := range all {
		switch a := cc.after[c]; {
		case a == chainEnded:
			ended++
		case a == chainDead || cc.minLeft[a] > left-1:
			return
		default:
			moved = append(moved, a)
		}
	}
	cc.moved = moved
	nk := packChains(moved)
	if old, found := next[nk]; !found || done+ended > old {
		next[nk] = done + ended
	}
}

// bits counts the bits set in x.
func bits(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
