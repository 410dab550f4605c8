package plan

import "fmt"

// The deliberation's tail (docs/planning.md#the-deliberations-tail). A
// candidate's deliberation follows its last exclusive épreuve on the day
// that épreuve ends, a task of one segment inside a block. So the last
// exclusive épreuve cannot end too close to the end of the day: a
// ten-minute final interview ending when the day's last block ends leaves
// no room for the deliberation that must follow it that day. The bounds
// that count an épreuve's possible starts (the start sets) would otherwise
// let the final interview end the day, and an observed épreuve that must
// come before it end the afternoon, where no plan can put them.
//
// Proof. Let x be the exclusive épreuve that is the last exclusive one in
// every order of a candidate's épreuves, x not splittable, and f the end
// of x in a valid plan, in block i of day d. The deliberation (δ minutes,
// δ > 0) starts at or after f, on day d, and lies inside one block j of
// day d: j ≥ i, and it starts at max(f, start of j). When j = i, f + δ ≤
// end of i. When j > i, block j is at least δ minutes long. So when no
// later block of day d is δ minutes long, f ≤ end of i − δ: the starts of
// x in block i end δ before it does. Every plan keeps to this, so a count
// of starts that keeps to it bounds every plan.

// lastExclusiveOf returns the épreuve that is the last exclusive one in
// every order, or -1.
func lastExclusiveOf(m *model, orders [][]int) int {
	return sameInEvery(orders, func(o []int) int {
		for i := len(o) - 1; i >= 0; i-- {
			if m.eps[o[i]].pres == Exclusive {
				return o[i]
			}
		}
		return -1
	})
}

// deliberationRoom is the minutes that épreuve e must leave free at the end
// of block bi for the candidate's deliberation (see the proof above): the
// deliberation when e is every order's last exclusive épreuve, is not
// splittable and no later block of the day holds the deliberation, else 0.
func (b *bounds) deliberationRoom(e, bi int) int {
	m := b.m
	delib := m.h.DeliberationMin
	if e != b.everyLastExcl || delib <= 0 || m.eps[e].split {
		return 0
	}
	for j := bi + 1; j < len(m.blocks); j++ {
		if int(m.blocks[j].End-m.blocks[j].Start) >= delib {
			return 0
		}
	}
	return delib
}

// hasDeliberationRoom reports whether some block leaves e a deliberation
// room.
func (b *bounds) hasDeliberationRoom(e int) bool {
	for bi := range b.m.blocks {
		if b.deliberationRoom(e, bi) > 0 {
			return true
		}
	}
	return false
}

// The waves (docs/planning.md#waves). When an épreuve's units or juries
// hold only a few candidates at once, the candidates pass it in waves,
// and what follows it can only start as each wave ends: eight candidates
// whose first part takes the one workstation a block each start their
// four-day job on the next day two by two, and the workshop that holds
// four of those jobs at once starts its fifth only when its first ends.
// Energy counts the workshop's minutes and misses that it stood idle
// while the workstation fed it. The bound follows the order of the
// épreuves and keeps, for each, a lower bound of the k-th earliest start
// and end among the candidates.
//
// Proof. Fix a valid plan and an épreuve e; sort the candidates' starts of
// e, s₁ ≤ … ≤ s_N, and their ends, f₁ ≤ … ≤ f_N. The claims below give
// lower bounds S_k ≤ s_k and E_k ≤ f_k, computed in an order of the
// épreuves that follows the precedences.
//
//   - s_k ≥ est(e) (docs/planning.md#earliest-starts), and s_k ≥ s_{k−1}.
//   - A precedence a → e puts each candidate's start of e at or after
//     after(its end of a), after(f) the earliest start the rule allows (f
//     plus the minimum gap on the same day, else the next day's start;
//     the next day's start with next_day; and at least f plus e's accueil
//     when e is every order's first exclusive épreuve, the candidate
//     attending it), a non-decreasing function. The k candidates of the k
//     earliest starts of e have k ends of a, the largest at least f_k(a):
//     s_k ≥ after(f_k(a)). The last épreuve follows every other one so.
//   - Units: e takes u of the c units of a type with reset r. At s_k, the
//     k − 1 other candidates of the earliest starts have started e; a unit
//     holds one of them running, or ended less than r before on the same
//     day (no use starts on it meanwhile), at a time, so at most ⌊c/u⌋ − 1
//     of them, taking u units each beside the u of the k-th, are running
//     or so ended. The others, at least k − ⌊c/u⌋, ended at some f with
//     R(f) ≤ s_k, R(f) = min(f + r, the start of the day after f's); R
//     is non-decreasing, so s_k ≥ R(f_{k−⌊c/u⌋}).
//   - Juries: an exclusive épreuve takes one jury from its accueil (a
//     minutes, when e is every order's first exclusive épreuve) to its end,
//     and a jury does one thing at a time: among the k earliest, at most K
//     hold a jury at s_k − a, so s_k ≥ f_{k−K} + a. A sitting holds at most
//     p candidates and takes one jury: s_k ≥ f_{k−K·p}.
//   - An épreuve lies in the blocks from its start (a non-splittable one in
//     one block, with its accueil before it): f_k ≥ the end of e laid from
//     its earliest start at or after s_k, which grows with s_k; among the k
//     earliest ends, the latest start is at least s_k.
//
// So every plan ends by its last day the N-th end of every épreuve, and
// takes at least the day of the largest E_N.

// waveDays is the days the waves need with juries juries (0: no order of
// the épreuves is known), with the épreuve whose last wave ends latest.
// No juries (nothing for a jury to do) leave the juries' rule out.
func (b *bounds) waveDays(juries int) (int, int) {
	m := b.m
	if b.orders == nil {
		return 0, -1
	}
	ends := make([][]int, len(m.eps))
	days, which := 0, -1
	for _, e := range b.orders[0] {
		ends[e] = b.waveEnds(e, juries, ends)
		if ends[e] == nil {
			return 0, -1
		}
		if d := dayOfEnd(ends[e][m.n-1]) + 1; d > days {
			days, which = d, e
		}
	}
	return days, which
}

// waveEnds is E_k for épreuve e, k = 1…N (see the proof above), the ends
// of the épreuves before it known; nil when no block holds e.
func (b *bounds) waveEnds(e, juries int, ends [][]int) []int {
	m := b.m
	info := &m.eps[e]
	lead := 0
	if e == b.everyFirstExcl {
		lead = m.h.AccueilMin
	}
	blockLead := lead // the accueil lies in e's block, unless blocks touch
	if m.minBreak() == 0 {
		blockLead = 0
	}
	var preds []edge
	for _, ed := range m.preds[e] {
		if ends[ed.from] != nil {
			preds = append(preds, ed)
		}
	}
	if e == m.last {
		for a := range m.eps {
			if a != e && ends[a] != nil {
				preds = append(preds, edge{from: a, maxGap: -1})
			}
		}
	}
	out := make([]int, m.n)
	s := b.est[e]
	for k := range m.n {
		for _, ed := range preds {
			s = max(s, m.after(ed, ends[ed.from][k]), ends[ed.from][k]+lead)
		}
		for _, nd := range info.needs {
			if at := m.types[nd.rt].cap / nd.units; k >= at {
				s = max(s, m.afterReset(nd.rt, out[k-at]))
			}
		}
		switch info.pres {
		case Exclusive:
			if juries > 0 && k >= juries {
				s = max(s, out[k-juries]+lead)
			}
		case Observe:
			if at := juries * max(1, b.sitCap[e]); juries > 0 && k >= at {
				s = max(s, out[k-at])
			}
		}
		if s = m.align(s, info.dur, blockLead, info.split, never); s == never {
			return nil
		}
		segs := m.segments(s, info.dur, info.split, never/minutesPerDay, nil)
		if segs == nil {
			return nil
		}
		out[k] = segs[len(segs)-1].e
	}
	return out
}

// after is the earliest start that precedence ed allows its épreuve when
// its predecessor ends at f: f plus the minimum gap on the same day, else
// the next day's start (always, with next_day). It never decreases as f
// grows.
func (m *model) after(ed edge, f int) int {
	pd := dayOfEnd(f)
	if ed.nextDay || ed.minGap > 0 && f+ed.minGap >= m.dayEnd(pd) {
		return dayStart(pd + 1)
	}
	return f + ed.minGap
}

// afterReset is the earliest another candidate's use of a unit of type rt
// may start after a use ending at f: the reset later, or the next day.
func (m *model) afterReset(rt, f int) int {
	return min(f+m.types[rt].reset, dayStart(dayOfEnd(f)+1))
}

// waves is waveDays, cached: the search asks it again and again.
func (b *bounds) waves(juries int) (int, int) {
	if r, ok := b.waveCache[juries]; ok {
		return r[0], r[1]
	}
	if b.waveCache == nil {
		b.waveCache = map[int][2]int{}
	}
	d, e := b.waveDays(juries)
	b.waveCache[juries] = [2]int{d, e}
	return d, e
}

// waveWords explains waveDays' days, set by épreuve e.
func (b *bounds) waveWords(e, juries, days int) string {
	return fmt.Sprintf("the units and %s hold few candidates at once at each épreuve, so they pass them in waves, each waiting for the one before: the last candidate ends %s at the earliest on day %d",
		plural(juries, "jury"), b.m.eps[e].id, days)
}

// waveJuries is the fewest juries, at least from, whose waves end within
// days days: a plan of at most days days with k juries has waveDays(k) ≤
// days, and fewer juries only make the waves later (each bound above
// grows as the juries fall), so the least such k bounds its juries. never
// when no number of juries is enough: with N juries, the juries' rule
// holds no candidate back.
func (b *bounds) waveJuries(days, from int) int {
	n := b.m.n
	if d, _ := b.waves(n); d == 0 || d > days {
		if d == 0 {
			return 0
		}
		return never
	}
	lo, hi := max(from, 1), n // waveDays(hi) ≤ days
	if lo >= hi {
		return lo
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if d, _ := b.waves(mid); d <= days {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// waveJuryWords explains waveJuries' count of k juries in days days.
func (b *bounds) waveJuryWords(k, days int) string {
	if k == never {
		return fmt.Sprintf("the units hold few candidates at once at each épreuve, so they pass them in waves, each waiting for the one before: however many juries, the last wave ends after %s", plural(days, "day"))
	}
	return fmt.Sprintf("the juries and the units hold few candidates at once at each épreuve, so they pass them in waves, each waiting for the one before: for the last wave to end within %s, at least %s", plural(days, "day"), plural(k, "jury"))
}
