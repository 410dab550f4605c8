package plan

import (
	"fmt"
	"strings"
)

// Days forced on the jury work (docs/planning.md#days-forced-on-the-jury).
// Within a short session an épreuve has few days it can fall on: no earlier
// than its earliest start, no later than the latest start that leaves room
// for the épreuves after it before the last day ends. When those days are
// few, the jury work of every candidate's épreuve is due in them, and the
// juries' days there must hold it, however the energy over the whole
// session looks: eight candidates whose 45-minute interview must be on day
// 1 of a two-day session, for the rest to follow, need 360 minutes of a
// jury of 300 minutes a day on that day.
//
// Proof. In a plan of D days, a candidate follows one order of its
// épreuves. Going back along the order from the end of day D, each épreuve
// ends before the next starts (a candidate does one thing at a time) and
// the first exclusive one after its accueil; each lies in the blocks, a
// non-splittable one of a rigid group within its window of its block
// (windows.go). So the latest start of each épreuve that fits in the
// blocks, its window and before the next one's latest start (less the
// accueil), is at least its start in the plan, by induction from the last
// (a later start of the successor only allows a later start); the largest
// over the orders holds for every plan. The earliest start (est) is the
// path bound's. An épreuve then starts on a day between those of its
// earliest and latest starts; a non-splittable one lies on that day. Over
// any span of days [a, b], every épreuve whose days lie within it puts its
// jury minutes there: each candidate's exclusive épreuve its duration (and
// its accueil, the same day, for every order's first exclusive épreuve),
// and an observed épreuve at least ⌈N/p⌉ sittings of its duration. A jury
// works at most its day cap a day (the opening taken out of day 1), so K
// juries need K·Σ caps over [a, b] ≥ those minutes.

// forcedWork is the jury minutes of one épreuve and the days they fall in.
type forcedWork struct {
	ep, first, last, minutes int
}

// forcedWorks returns the jury work of each non-splittable épreuve and
// its days, in a plan of days days; nil when the orders are unknown.
func (b *bounds) forcedWorks(days int) []forcedWork {
	m := b.m
	lst := b.latestStarts(days)
	if lst == nil {
		return nil
	}
	var out []forcedWork
	for e, info := range m.eps {
		if info.split || lst[e] < 0 {
			continue
		}
		w := forcedWork{ep: e, first: dayOf(b.est[e]), last: dayOf(lst[e])}
		switch info.pres {
		case Exclusive:
			w.minutes = m.n * info.dur
			if e == b.everyFirstExcl {
				w.minutes += m.n * m.h.AccueilMin
			}
		case Observe:
			if p := b.sitCap[e]; p > 0 {
				w.minutes = (m.n + p - 1) / p * info.dur
			}
		}
		if w.minutes > 0 && w.first <= w.last {
			out = append(out, w)
		}
	}
	return out
}

// latestStarts returns the latest start of each épreuve in any plan of
// days days (see the proof above), -1 for one no order fits; nil when the
// orders are unknown or none fits.
func (b *bounds) latestStarts(days int) []int {
	m := b.m
	if b.orders == nil || days < 1 {
		return nil
	}
	lst := make([]int, len(m.eps))
	for i := range lst {
		lst[i] = -1
	}
	cur := make([]int, len(m.eps))
	any := false
	for _, o := range b.orders {
		first := -1
		for _, e := range o {
			if m.eps[e].pres == Exclusive {
				first = e
				break
			}
		}
		l, ok := m.dayEnd(days-1), true
		for i := len(o) - 1; i >= 0 && ok; i-- {
			e := o[i]
			s := b.latestIn(e, l)
			if s < 0 {
				ok = false
				break
			}
			cur[e] = s
			l = s
			if e == first {
				l -= m.h.AccueilMin
			}
		}
		if !ok {
			continue
		}
		any = true
		for e, x := range cur {
			lst[e] = max(lst[e], x)
		}
	}
	if !any {
		return nil
	}
	return lst
}

// latestIn is the latest start of épreuve e ending by l: in the blocks,
// and within its window of its block when it belongs to a rigid group;
// -1 when none.
func (b *bounds) latestIn(e, l int) int {
	m := b.m
	info := &m.eps[e]
	if b.group[e] == nil || info.split {
		return m.latestStart(l, info.dur, info.split)
	}
	d, bi := dayOfEnd(l), len(m.blocks)-1
	for misses := 0; d >= 0 && misses <= len(m.blocks)+1; {
		lo := m.blockStart(d, bi) + b.head[e]
		hi := min(l, m.blockEnd(d, bi)-b.tail[e])
		if hi-info.dur >= lo {
			return hi - info.dur
		}
		if hi > m.blockStart(d, bi) {
			misses++ // a block it could reach but not fit in
		}
		if bi--; bi < 0 {
			bi, d = len(m.blocks)-1, d-1
		}
	}
	return -1
}

// forcedJuries is the fewest juries whose days hold the jury work forced
// into some span of days, in a plan of days days, with the words saying
// which.
func (b *bounds) forcedJuries(days int) (int, string) {
	m := b.m
	works := b.forcedWorks(days)
	best, why := 0, ""
	for _, x := range works {
		for _, y := range works {
			lo, hi := x.first, y.last
			if lo > hi {
				continue
			}
			minutes := 0
			var names []string
			for _, w := range works {
				if w.first >= lo && w.last <= hi {
					minutes += w.minutes
					names = append(names, m.eps[w.ep].id)
				}
			}
			capacity := 0
			for d := lo; d <= hi; d++ {
				capacity += m.juryDayCap(d == 0)
			}
			if capacity == 0 {
				continue
			}
			if k := (minutes + capacity - 1) / capacity; k > best {
				best = k
				span := fmt.Sprintf("on day %d", lo+1)
				if hi > lo {
					span = fmt.Sprintf("between day %d and day %d", lo+1, hi+1)
				}
				why = fmt.Sprintf("in %s, %s can only take place %s for the rest to follow: %d minutes of jury work there, at most %d minutes a day per jury, need at least %s",
					plural(days, "day"), strings.Join(names, ", "), span, minutes, m.dayBudget, plural(k, "jury"))
			}
		}
	}
	return best, why
}
