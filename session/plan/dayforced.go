package plan

import (
	"fmt"
	"slices"
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
	// piece is one candidate's minutes of it on its day (one sitting's,
	// for an observed épreuve).
	piece int
}

// forcedWorks returns the jury work of each non-splittable épreuve and
// its days, in a plan of days days; nil when the orders are unknown.
func (b *bounds) forcedWorks(days int) []forcedWork {
	if w, ok := b.forced[days]; ok {
		return w
	}
	if b.forced == nil {
		b.forced = map[int][]forcedWork{}
	}
	b.forced[days] = b.computeForcedWorks(days)
	return b.forced[days]
}

func (b *bounds) computeForcedWorks(days int) []forcedWork {
	m := b.m
	lst := b.latestStarts(days)
	if lst == nil {
		return nil
	}
	// The deliberation follows the last exclusive épreuve on its day:
	// with the same one last in every order, on that one's day.
	lastExcl := b.everyLastExcl
	var out []forcedWork
	for e, info := range m.eps {
		if info.split || lst[e] < 0 {
			continue
		}
		w := forcedWork{ep: e, first: dayOf(b.est[e]), last: dayOf(lst[e])}
		switch info.pres {
		case Exclusive:
			w.piece = info.dur
			if e == b.everyFirstExcl {
				w.piece += m.h.AccueilMin
			}
			if e == lastExcl {
				w.piece += m.h.DeliberationMin
			}
			w.minutes = m.n * w.piece
		case Observe:
			if p := b.sitCap[e]; p > 0 {
				w.piece = info.dur
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
	if b.orders == nil || days < 1 {
		return nil
	}
	lst, _ := b.backwardPass(b.m.dayEnd(days-1), b.latestIn)
	if !slices.ContainsFunc(lst, func(x int) bool { return x >= 0 }) {
		return nil // no order fits
	}
	return lst
}

// latestIn is the latest start of épreuve e ending by l: in the blocks,
// within its window of its block when it belongs to a rigid group, and
// leaving the deliberation its room in its block when it is every order's
// last exclusive épreuve (docs/planning.md#the-deliberations-tail: every
// plan ends it there, so its start there is still at most the one
// returned, and the induction of the proof above carries); -1 when none.
func (b *bounds) latestIn(e, l int) int {
	m := b.m
	info := &m.eps[e]
	if info.split || b.group[e] == nil && !b.hasDeliberationRoom(e) {
		return m.latestStart(l, info.dur, info.split)
	}
	d, bi := dayOfEnd(l), len(m.blocks)-1
	for misses := 0; d >= 0 && misses <= len(m.blocks)+1; {
		lo := m.blockStart(d, bi) + b.head[e]
		hi := min(l, m.blockEnd(d, bi)-max(b.tail[e], b.deliberationRoom(e, bi)))
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

// Whole pieces of forced work. The span bound above counts minutes; the
// work of one candidate's épreuve is a whole piece on one day of one jury.
// Take the work whose days are a single day d as due on d, and the
// épreuves whose days span several: each candidate's piece of such an
// épreuve e (its duration, with the accueil and the deliberation when
// they lie on its day) lands on one of its days, on one jury, in what that
// jury's day leaves after the due work. With K juries, the pieces of e a
// day holds are at most Σ_j ⌊r_j / piece⌋ ≤ ⌊(K·C_d − due_d) / piece⌋,
// r_j being what jury j's day leaves; the due work of day 1 brings at
// least one jury's briefing to day 1, and that of the last day at least
// one closure to it (a jury's briefing comes before its other tasks, its
// closure after them). If the days of e hold fewer pieces than
// candidates (or sittings, ⌈N/p⌉ of d minutes), K juries are too few.

// piecesShort reports whether k juries cannot hold the whole pieces of
// the work forced into its days, in a plan of days days.
func (b *bounds) piecesShort(days, k int) bool {
	m := b.m
	works := b.forcedWorks(days)
	if works == nil || k <= 0 {
		return false
	}
	due := make([]int, days)
	for _, w := range works {
		if w.first == w.last && w.last < days {
			due[w.first] += w.minutes
		}
	}
	room := make([]int, days)
	for d := range days {
		room[d] = k*m.juryDayCap(d == 0) - due[d]
	}
	if due[0] > 0 {
		room[0] -= m.h.JuryBriefingMin
	}
	if due[days-1] > 0 {
		room[days-1] -= m.h.JuryClosureMin
	}
	for _, w := range works {
		if w.first == w.last || w.last >= days {
			continue
		}
		piece, count := w.piece, m.n
		if m.eps[w.ep].pres == Observe {
			count = w.minutes / piece
		}
		held := 0
		for d := w.first; d <= w.last && held < count; d++ {
			held += max(0, room[d]) / piece
		}
		if held < count {
			return true
		}
	}
	for _, r := range room {
		if r < 0 {
			return true
		}
	}
	return false
}
