package plan

import (
	"cmp"
	"slices"
)

// The jury-block bound with sittings. A candidate's rigid chunk (its
// accueil and the exclusive épreuves chained to its first one, rigid
// minutes in one block) and a long observe sitting (longer than half of
// every block) compete for the same jury-blocks: a jury watching a sitting
// in a block has little or no room left there for chunks.
//
// Proof. Let t0 be the earliest accueil (the earliest first exclusive
// épreuve less the accueil) and O the one long observe épreuve, dur
// minutes, no earlier than est(O). In a valid plan with k juries and days
// days, take one jury and one block [bs, be):
//   - its chunks lie in [a, be), a = max(bs, t0), disjoint, so there are at
//     most c1 = ⌊(be − a) / rigid⌋ of them;
//   - it watches at most one sitting of O there (2 × dur is longer than the
//     block), over an interval [x, x + dur) with x ≥ x0 = max(bs, est(O)),
//     which leaves at most (be − a) − intrusion minutes of [a, be) for the
//     chunks, intrusion ≥ max(0, x0 + dur − max(x0, a)): then at most c2
//     chunks, and the sitting costs the jury-block c1 − c2 chunks;
//   - the candidates sitting O in the block are at most obs_cap a sitting,
//     and at most C = the uses of dur minutes (with the reset) that the
//     units of O's resources hold in [x0, be) all together.
// Every candidate has one chunk in one jury-block and sits O in one
// sitting. So the sittings, chosen among the (block, j-th sitting of the
// block, j ≤ k) items each covering min(obs_cap, C − (j−1)×obs_cap)
// candidates at a loss of c1 − c2, cover the N candidates, and
// k × Σ c1 − (their loss) ≥ N. The least loss of a fractional cover (the
// items by loss per candidate covered) is at most the least loss of any
// cover, so when k × Σ c1 − that loss < N, no plan exists; and since the
// sittings of a plan are whole items, each costing its whole loss however
// few candidates it holds, so does the least loss of an integral cover
// (each item taken at most count times), which the fractional one only
// bounds from below: nine candidates that fit in the blocks where a
// sitting costs nothing leave the tenth a whole sitting's loss, where the
// fractional cover pays a sixth of it.

// sitItem is a kind of sitting a block can hold: the candidates it covers,
// the chunks it costs its jury-block, and how many there are.
type sitItem struct{ cov, loss, count int }

// longObserve returns the one observe épreuve longer than half of every
// block, or -1 (none, or several).
func (b *bounds) longObserve() int {
	m := b.m
	longest := 0
	for bi := range m.blocks {
		longest = max(longest, m.blocks[bi].Len())
	}
	o := -1
	for e, info := range m.eps {
		if info.pres != Observe || info.split || 2*info.dur <= longest {
			continue
		}
		if o >= 0 {
			return -1
		}
		o = e
	}
	return o
}

// blockSittings returns the chunks all blocks of days days hold for one
// jury (Σ c1) and the sittings they can hold.
func (b *bounds) blockSittings(k, days int) (int, []sitItem) {
	m := b.m
	t0 := b.t0()
	o := b.longObserve()
	type blockInfo struct{ c1, c2, capC int }
	dayInfo := func(d int) []blockInfo {
		out := make([]blockInfo, len(m.blocks))
		for bi := range m.blocks {
			bs, be := m.blockStart(d, bi), m.blockEnd(d, bi)
			a := max(bs, t0)
			bl := blockInfo{capC: -1}
			if a < be {
				bl.c1 = (be - a) / b.rigid
			}
			if o >= 0 {
				info := &m.eps[o]
				x0 := max(bs, b.est[o])
				if be-x0 >= info.dur {
					intr := max(0, x0+info.dur-max(x0, a))
					if a < be {
						bl.c2 = max(0, be-a-intr) / b.rigid
					}
					bl.capC = never
					for _, nd := range info.needs {
						t := m.types[nd.rt]
						uses := (be - x0 + t.reset) / (info.dur + t.reset)
						bl.capC = min(bl.capC, t.cap/nd.units*uses)
					}
				}
			}
			out[bi] = bl
		}
		return out
	}
	total := 0
	var items []sitItem
	add := func(info []blockInfo, times int) {
		for _, bl := range info {
			total += times * bl.c1
			if bl.capC < 0 {
				continue
			}
			oc := m.eps[o].obsCap
			for j := 0; j < k && j*oc < bl.capC; j++ {
				items = append(items, sitItem{cov: min(oc, bl.capC-j*oc), loss: bl.c1 - bl.c2, count: times})
			}
		}
	}
	prev := []blockInfo(nil)
	for d := range days {
		info := dayInfo(d)
		settled := max(1, dayOf(t0)) // from the day after, every day is alike
		if o >= 0 {
			settled = max(settled, dayOf(b.est[o]))
		}
		if d > settled && slices.Equal(info, prev) {
			// Every later day is alike.
			add(info, days-d)
			break
		}
		add(info, 1)
		prev = info
	}
	return total, items
}

// sittingBlockFits reports whether k juries can hold every candidate's
// rigid chunk and the long sittings in days days (see the proof above);
// it is true when the bound does not apply.
func (b *bounds) sittingBlockFits(k, days int) bool {
	m := b.m
	if b.rigid == 0 || b.longObserve() < 0 {
		return true
	}
	total, items := b.blockSittings(k, days)
	spare := k*total - m.n // chunks beyond the candidates'
	if spare < 0 {
		return false
	}
	return fractionalCoverFits(items, m.n, spare) && integralCoverLoss(items, m.n) <= spare
}

// fractionalCoverFits reports whether the fractional cover of need
// candidates of least loss (the items by loss per candidate) loses at most
// spare chunks: a quick test, before the integral cover's.
func fractionalCoverFits(items []sitItem, need, spare int) bool {
	items = slices.Clone(items)
	slices.SortStableFunc(items, func(x, y sitItem) int { return cmp.Compare(x.loss*y.cov, y.loss*x.cov) })
	for _, it := range items {
		if need == 0 {
			break
		}
		if it.cov*it.count <= need {
			need -= it.cov * it.count
			spare -= it.loss * it.count
			if spare < 0 {
				return false
			}
			continue
		}
		// Part of the items: loss × need / cov more, at most spare.
		return it.loss*need <= spare*it.cov
	}
	return need == 0
}

// integralCoverLoss returns the least loss of whole items, each taken at
// most count times, covering n candidates (never when they cannot): a
// covering knapsack over the candidates covered, capped at n, so that an
// item is worth taking at most ⌈n/cov⌉ times.
func integralCoverLoss(items []sitItem, n int) int {
	loss := make([]int, n+1) // loss[c]: the least loss covering c candidates or more
	for c := 1; c <= n; c++ {
		loss[c] = never
	}
	for _, it := range items {
		if it.cov <= 0 {
			continue
		}
		for range min(it.count, (n+it.cov-1)/it.cov) {
			for c := n; c >= 0; c-- {
				if loss[c] == never {
					continue
				}
				to := min(n, c+it.cov)
				loss[to] = min(loss[to], loss[c]+it.loss)
			}
		}
	}
	return loss[n]
}

// sittingBlockJuries is the fewest juries for which sittingBlockFits, from
// lo on (0 when the bound does not apply); never when none up to
// MaxJuries.
func (b *bounds) sittingBlockJuries(lo, days int) int {
	if b.rigid == 0 || b.longObserve() < 0 || lo == never {
		return 0
	}
	for k := max(lo, 1); k <= MaxJuries; k++ {
		if b.sittingBlockFits(k, days) {
			return k
		}
	}
	return never
}
