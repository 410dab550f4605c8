package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Unit-days. A room of one or two units often carries several separate
// uses: an observed sitting of 135 minutes that a written part must
// precede, so that it cannot start before the morning's middle, and one of
// 280 minutes; each takes its unit for the day, where the unit's minutes
// would hold two. The bounds that count one épreuve at a time, or the
// unit's minutes, miss it; a unit-day counts them together.
//
// Claim. Let rt be a resource type of c units, E its épreuves that are not
// splittable, each needing u_e units, S_e the minutes of the day at which
// e can start (its day windows, daywindows.go, or the starts inside one
// block), and w_e ≥ 0 any weights. On day d, the uses of one unit are
// disjoint intervals [s, s + d_e) with s in S_e (on day 1 after the
// opening, never before e's earliest start and, in a plan of D days,
// ending by e's latest end, as for the day windows), a reset r apart when the
// type has a single épreuve (two uses of a unit then belong to different
// candidates; with several, the reset is left out); let P_d be the most
// weight Σ w_e such intervals carry (a longest path over the day's
// minutes, exact). The candidates make N·u_e uses of each e, each use on
// u_e units, so Σ_e N·u_e·w_e ≤ c·Σ_d P_d over the days of the plan.
//
// Proof. Every use of e lies in one block, starts in S_e (as proved for
// the day windows), after the opening on day 1, no earlier than e's
// earliest start and ends by its latest end; a unit serves one candidate at a time, and, on one day,
// the next candidate r minutes after the last one's use ends. So a unit's
// uses on day d are intervals as counted, carrying at most P_d; summing
// over the c units and the days bounds the weight of all N·u_e uses of
// each e. The uses of splittable épreuves are left out, which only leaves
// the units more room.
//
// The weights tried: 1 each (the uses a unit-day holds, whatever they
// are), the duration (the unit's minutes, within the windows), the
// inverse of the uses of e a unit-day holds alone (a unit-day worth one
// whichever épreuve fills it), and the first and the last counting only
// the épreuves at least as long as a given one. Enforced in unitDayDays.

// unitDayWeights are the weightings unitDayDays tries over the
// épreuves users of a type: their uses, their minutes and their shares of
// a unit-day (below), and the same uses and shares counting only the
// épreuves at least as long as each of theirs (a short use that fits
// beside anything would make every unit-day look full).
func unitDayWeights(b *bounds, users []int) []func(e int) int {
	ws := []func(int) int{func(int) int { return 1 }, func(e int) int { return b.m.eps[e].dur }}
	var lens []int
	for _, e := range users {
		if !slices.Contains(lens, b.m.eps[e].dur) {
			lens = append(lens, b.m.eps[e].dur)
		}
	}
	slices.Sort(lens)
	for i, least := range lens {
		long := func(e int) bool { return b.m.eps[e].dur >= least }
		if i > 0 {
			ws = append(ws, func(e int) int {
				if long(e) {
					return 1
				}
				return 0
			})
		}
		ws = append(ws, func(e int) int {
			if long(e) {
				return -1
			}
			return 0
		})
	}
	return ws
}

// unitDayDays bounds the days by the unit-days of type rt (see above):
// the fewest days whose unit-days carry every candidate's uses, the
// largest over the weightings, with a sentence.
func (b *bounds) unitDayDays(rt int) (int, string) {
	m := b.m
	t := m.types[rt]
	var users []int
	units := map[int]int{}
	all := 0
	for e, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt == rt {
				all++
				if !info.split {
					users = append(users, e)
					units[e] = nd.units
				}
			}
		}
	}
	if len(users) == 0 {
		return 0, ""
	}
	reset := 0
	if all == 1 {
		reset = t.reset
	}
	starts := map[int][]bool{}
	for _, e := range users {
		if w := b.dayWindows()[e]; w != nil {
			starts[e] = w
		} else {
			starts[e] = b.blockStarts(e)
		}
	}
	best, why := 0, ""
	for _, weight := range unitDayWeights(b, users) {
		w, ok := b.unitDayWeight(weight, users, starts, reset)
		if !ok {
			continue
		}
		need := 0
		for _, e := range users {
			need += m.n * units[e] * w[e]
		}
		// P_d is the same on every day after the earliest starts' days.
		settled := 1
		for _, e := range users {
			settled = max(settled, dayOf(b.est[e])+1)
		}
		carried, days, carry := 0, 0, 0
		var carries []int // P_d of each day before days, without latest ends
		for ; carried < need && days <= MaxDays; days++ {
			if days <= settled {
				carry = b.unitDayCarry(days, users, starts, w, reset, nil)
			}
			carried += t.cap * carry
			carries = append(carries, carry)
		}
		days = b.unitDaysWithEnds(days, need, t.cap, carries, users, starts, w, reset)
		if days > best {
			names := make([]string, len(users))
			for i, e := range users {
				names[i] = m.eps[e].id
			}
			slices.Sort(names)
			best = days
			why = fmt.Sprintf("the %s of %s hold %s, at the times of day each can start, for %d candidates in no fewer than %s",
				plural(t.cap, "unit"), t.name, strings.Join(names, ", "), m.n, plural(days, "day"))
		}
	}
	return best, why
}

// unitDayWeight returns the weight of each of users: weight(e) when it
// is 0 or more; a negative one asks for e's share of a unit-day (a
// unit-day divided by the uses of e it holds alone, rounded down), 0
// when weight(e) is 0. False when a share is not defined (an épreuve a
// unit-day cannot hold alone).
func (b *bounds) unitDayWeight(weight func(e int) int, users []int, starts map[int][]bool, reset int) (map[int]int, bool) {
	w := map[int]int{}
	for _, e := range users {
		w[e] = weight(e)
		if w[e] >= 0 {
			continue
		}
		alone := b.unitDayCarry(MaxDays, []int{e}, starts, map[int]int{e: 1}, reset, nil)
		if alone == 0 {
			return nil, false
		}
		w[e] = unitDayShare / alone
	}
	return w, true
}

// unitDayShare is a unit-day's worth in the "shares" weighting: divisible
// by every count of uses up to 16, so that most shares are exact (a share
// rounded down only weakens the bound).
const unitDayShare = 720720

// unitDaysWithEnds raises days, from which the unit-days carry need
// without the latest ends (carries holds their P_d), until they carry it
// with them: in a plan of D days, each use of e ends by e's latest end,
// which the last days' P_d then count.
func (b *bounds) unitDaysWithEnds(days, need, units int, carries, users []int, starts map[int][]bool, w map[int]int, reset int) int {
	for ; days <= MaxDays; days++ {
		lft := b.cachedLatestEnds(days)
		first := days // the first day where a latest end cuts
		for _, e := range users {
			first = min(first, dayOfEnd(max(lft[e], 1)))
		}
		carried := 0
		for d := range days {
			if d < first && d < len(carries) {
				carried += units * carries[d]
			} else {
				carried += units * b.unitDayCarry(d, users, starts, w, reset, lft)
			}
		}
		if carried >= need {
			return days
		}
	}
	return days
}

// unitDayCarry is P_d of the claim: the most weight one unit's uses carry
// on day d, the uses of each e in users starting in starts[e], no earlier
// than e's earliest start (after the opening on day 1) and, with lft, ending
// by lft[e], disjoint, reset apart.
func (b *bounds) unitDayCarry(d int, users []int, starts map[int][]bool, w map[int]int, reset int, lft []int) int {
	m := b.m
	from := map[int]int{}
	for _, e := range users {
		from[e] = b.est[e] - dayStart(d)
		if d == 0 && len(m.blocks) > 0 {
			from[e] = max(from[e], int(m.blocks[0].Start)+m.open)
		}
	}
	// best[t]: the most weight of uses that all end by minute t.
	best := make([]int, minutesPerDay+1)
	for t := 1; t <= minutesPerDay; t++ {
		best[t] = best[t-1]
		for _, e := range users {
			s := t - m.eps[e].dur
			if s < max(from[e], 0) || !starts[e][s] || lft != nil && dayStart(d)+t > lft[e] {
				continue
			}
			best[t] = max(best[t], best[max(s-reset, 0)]+w[e])
		}
	}
	return best[minutesPerDay]
}
