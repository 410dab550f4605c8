package plan

import (
	"fmt"
	"slices"
)

// Whole pieces at the ends of the days (docs/planning.md#prefixes-and-suffixes).
// The late-work bound counts the jury's minutes after the earliest accueil
// as if any number of them could lie on day 1. But a candidate's late work
// comes in whole pieces, in an order: its accueil with its first exclusive
// épreuve, each later exclusive épreuve, the deliberation with the last
// one. What lies on day 1 is a prefix of that sequence, what lies on the
// last day a suffix. Nine candidates of 25 then 25 + 5 minutes put 0, 25
// or 55 minutes each on day 1, never 195: a day-1 window of 195 minutes
// and a last day of 300 hold their 495 minutes only on paper.
//
// Claim. Let every exclusive épreuve be unsplittable and the orders of the
// épreuves known. For a candidate following order o, let its pieces be
// its exclusive épreuves in o's order, the accueil added to the first and
// the deliberation to the last, and Pre the sums of the first i pieces
// (i = 0…all) over every order, Suf the sums of the last i. With K juries
// and D ≥ 2 days, let c_d be a jury's day cap (the opening out of day 1),
// w_d the block minutes of day d after t₀ (the earliest accueil),
// cap₁ = K·max(0, min(c₁ − briefing, w₁)), cap_D = K·max(0, min(c_D, w_D) −
// closure) and mid = K·Σ_{1<d<D} min(c_d, w_d). A plan of at most D days
// exists only if some sum P of N values of Pre with P ≤ cap₁ and some sum S
// of N values of Suf with S ≤ cap_D have P + S ≥ N·late − mid, late being
// one candidate's late minutes (the sum of its pieces).
//
// Proof. Each piece lies on one day: an unsplittable épreuve in one block;
// the accueil ends when the first exclusive épreuve starts, with no break
// between (one segment); the deliberation follows the last exclusive
// épreuve on the day it ends (docs/planning.md#the-deliberations-tail). A
// candidate's pieces follow one another in its order, so those on day 1
// are a prefix of its sequence and those on day D a suffix (none when the
// plan is shorter): P, the late minutes on day 1, is a sum of N values of
// Pre, and S, those on day D, a sum of N values of Suf. A jury does late
// work only in the blocks after t₀, one thing at a time, within its day
// cap (docs/planning.md#late-work); one that does late work on day 1 has
// its briefing there before it, one that does late work on day D its
// closure after it, there, after t₀. So P ≤ cap₁, S ≤ cap_D, and the late
// minutes of the days between are at most mid; all together are N·late.
// Sums of N values over every order (not the one each candidate follows)
// and the largest P and S under their caps taken apart only widen the
// choice, so the test never fails a plan that exists.

// prefixShort reports whether k juries cannot hold the candidates' late
// work in days days by the claim above.
func (b *bounds) prefixShort(days, k int) bool {
	if r, ok := b.prefixMemo[[2]int{days, k}]; ok {
		return r
	}
	r := b.prefixShortNow(days, k)
	if b.prefixMemo == nil {
		b.prefixMemo = map[[2]int]bool{}
	}
	b.prefixMemo[[2]int{days, k}] = r
	return r
}

func (b *bounds) prefixShortNow(days, k int) bool {
	m := b.m
	if days < 2 || k <= 0 || !m.hasExclusive || b.orders == nil {
		return false
	}
	pre, suf, late := b.latePieces()
	if pre == nil {
		return false
	}
	br, cl := m.h.JuryBriefingMin, m.h.JuryClosureMin
	cap1 := k * max(0, min(m.juryDayCap(true)-br, b.lateWindow(0)))
	capD := k * max(0, min(m.juryDayCap(false), b.lateWindow(days-1))-cl)
	mid := 0
	for d := 1; d < days-1; d++ {
		mid += k * min(m.juryDayCap(false), b.lateWindow(d))
	}
	need := m.n*late - mid
	if need <= 0 {
		return false
	}
	return largestSum(pre, m.n, cap1)+largestSum(suf, m.n, capD) < need
}

// latePieces returns Pre and Suf of the claim (each with 0) and one
// candidate's late minutes; nil when an exclusive épreuve is splittable.
func (b *bounds) latePieces() (pre, suf []int, late int) {
	m := b.m
	preSet, sufSet := map[int]bool{0: true}, map[int]bool{0: true}
	for _, o := range b.orders {
		var pieces []int
		for _, e := range o {
			if m.eps[e].pres != Exclusive {
				continue
			}
			if m.eps[e].split {
				return nil, nil, 0
			}
			pieces = append(pieces, m.eps[e].dur)
		}
		pieces[0] += m.h.AccueilMin
		pieces[len(pieces)-1] += m.h.DeliberationMin
		late = 0
		for _, p := range pieces {
			late += p
		}
		sum := 0
		for _, p := range pieces {
			sum += p
			preSet[sum], sufSet[late-sum] = true, true
		}
		sufSet[late] = true
	}
	for v := range preSet {
		pre = append(pre, v)
	}
	for v := range sufSet {
		suf = append(suf, v)
	}
	return pre, suf, late
}

// largestSum is the largest sum of n values of vals (0 among them), each
// used any number of times, that is at most limit.
func largestSum(vals []int, n, limit int) int {
	if limit <= 0 {
		return 0
	}
	if top := n * slices.Max(append([]int{0}, vals...)); top <= limit {
		return top // the largest value n times fits: no sum is larger
	}
	reach := make([]bool, limit+1)
	reach[0] = true
	for range n {
		changed := false
		for s := limit; s >= 0; s-- { // downwards: each round adds one value
			if !reach[s] {
				continue
			}
			for _, v := range vals {
				if v > 0 && s+v <= limit && !reach[s+v] {
					reach[s+v], changed = true, true
				}
			}
		}
		if !changed || reach[limit] {
			break
		}
	}
	for s := limit; ; s-- {
		if reach[s] {
			return s
		}
	}
}

// prefixWords explains why k juries are too few by prefixShort.
func (b *bounds) prefixWords(days, k int) string {
	return fmt.Sprintf("in %s, each candidate's accueil, exclusive épreuves and deliberation come whole and in order, so the first day holds only their beginnings and the last day only their ends: the %d candidates' %d such minutes do not fit %s, at least %s",
		plural(days, "day"), b.m.n, b.m.n*b.m.lateMinutes(), plural(k, "jury"), plural(k+1, "jury"))
}
