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
	minBreak := never
	for i := 1; i < len(m.blocks); i++ {
		minBreak = min(minBreak, int(m.blocks[i].Start-m.blocks[i-1].End))
	}
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
// épreuve at any instant; false when the programme gave up.
func maxChains(durs, gaps []int, units, w int) (int, bool) {
	g := w
	for _, x := range durs {
		g = gcd(g, x)
	}
	for _, x := range gaps {
		g = gcd(g, x)
	}
	n := len(durs)
	d := make([]int, n)
	length := 0
	for i, x := range durs {
		d[i] = x / g
		length += d[i]
	}
	gp := make([]int, len(gaps))
	for i, x := range gaps {
		gp[i] = x / g
	}
	steps := w / g
	// At most units chains are in an épreuve, and at most units end one at
	// each step, so at most units × (longest gap + 2) are in progress: the
	// programme tracks them all or gives up.
	if units*(slices.Max(append(slices.Clone(gp), 0))+2) > maxChainActive {
		return 0, false
	}
	// A chain in progress is a code: in épreuve i with r steps left
	// (opBase[i] + r − 1), or in the gap after épreuve i, e steps elapsed
	// (gapBase[i] + e). minLeft is the fewest steps it still needs.
	var opBase, gapBase []int
	var minLeft []int
	code := 0
	for i := range n {
		opBase = append(opBase, code)
		for r := 1; r <= d[i]; r++ {
			rest := r
			for j := i + 1; j < n; j++ {
				rest += d[j]
			}
			minLeft = append(minLeft, rest)
		}
		code += d[i]
	}
	for i := range n - 1 {
		gapBase = append(gapBase, code)
		for range gp[i] + 1 {
			rest := 0
			for j := i + 1; j < n; j++ {
				rest += d[j]
			}
			minLeft = append(minLeft, rest)
		}
		code += gp[i] + 1
	}
	if code >= 1<<16 {
		return 0, false
	}
	// What one step does to each code: the code after it, or ended (the
	// last épreuve ends) or dead (waited past its gap, or cannot end in
	// time is checked apart); and, for a gap, the code of starting the
	// next épreuve.
	const ended, dead = -1, -2
	after := make([]int, code)
	startNext := make([]int, code)
	inOp := make([]bool, code)
	for i := range n {
		for r := 1; r <= d[i]; r++ {
			c := opBase[i] + r - 1
			inOp[c] = true
			switch {
			case r > 1:
				after[c] = c - 1
			case i == n-1:
				after[c] = ended
			default:
				after[c] = gapBase[i]
			}
		}
	}
	for i := range n - 1 {
		for e := 0; e <= gp[i]; e++ {
			c := gapBase[i] + e
			after[c] = c + 1
			if e == gp[i] {
				after[c] = dead
			}
			startNext[c] = opBase[i+1] + d[i+1] - 1
		}
	}
	type key [2]uint64
	pack := func(cs []int) key {
		slices.Sort(cs)
		var k key
		for i, c := range cs {
			k[i/4] |= uint64(c+1) << (16 * (i % 4))
		}
		return k
	}
	unpack := func(k key, cs []int) []int {
		cs = cs[:0]
		for i := range maxChainActive {
			if c := int(k[i/4]>>(16*(i%4))) & 0xffff; c > 0 {
				cs = append(cs, c-1)
			}
		}
		return cs
	}
	cur := map[key]int{{}: 0}
	best := 0
	var cs, all, moved []int
	var gapIdx []int
	for t := range steps {
		left := steps - t
		nxt := make(map[key]int, len(cur))
		for k, done := range cur {
			cs = unpack(k, cs)
			busy := 0
			gapIdx = gapIdx[:0]
			for i, c := range cs {
				if inOp[c] {
					busy++
				} else {
					gapIdx = append(gapIdx, i)
				}
			}
			// Every subset of the chains in a gap starts its next épreuve
			// now, then some fresh chains start.
			for mask := 0; mask < 1<<len(gapIdx); mask++ {
				starting := 0
				for j := range gapIdx {
					if mask&(1<<j) != 0 {
						starting++
					}
				}
				if busy+starting > units {
					continue
				}
				for fresh := 0; busy+starting+fresh <= units && len(cs)+fresh <= maxChainActive; fresh++ {
					if fresh > 0 && length > left {
						break
					}
					all = append(all[:0], cs...)
					for j, i := range gapIdx {
						if mask&(1<<j) != 0 {
							all[i] = startNext[all[i]]
						}
					}
					for range fresh {
						all = append(all, opBase[0]+d[0]-1)
					}
					moved = moved[:0]
					end, ok := 0, true
					for _, c := range all {
						switch a := after[c]; {
						case a == ended:
							end++
						case a == dead || minLeft[a] > left-1:
							ok = false
						default:
							moved = append(moved, a)
						}
					}
					if !ok {
						continue
					}
					nk := pack(moved)
					if old, found := nxt[nk]; !found || done+end > old {
						nxt[nk] = done + end
					}
				}
			}
		}
		if len(nxt) > maxChainStates {
			return 0, false
		}
		cur = nxt
	}
	for _, done := range cur {
		best = max(best, done)
	}
	return best, true
}
