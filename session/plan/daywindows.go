package plan

import "fmt"

// Day windows: the times of day at which an épreuve tied to others by
// maximum gaps can start. The rigid groups' windows (windows.go) hold for
// gaps shorter than every break, where the group lies in one block. A
// group whose gaps reach over a break is not rigid, but its times are
// often as tight or tighter: a 35-minute interview that a 135-minute
// written part must follow within 60 minutes, and a 120-minute one that
// one within 60 minutes, cannot lie in a 270-minute afternoon together, so
// the interview must end at the morning's end and its successor start
// when the afternoon opens; one room then holds one such interview a day,
// whatever the length of its blocks.
//
// Claim. Let a→b be a same-day precedence with a maximum gap (no_wait, or
// precedes with max_gap_min and without next_day), with a, b not
// splittable, m its minimum gap (0 for no_wait) and g its maximum gap, and
// lead(b) = max(m, accueil) when b is every order's first exclusive
// épreuve, else m. In any valid plan, with s_x the minute of the day at
// which x starts:
//
//  1. s_x ∈ A_x, the starts that put x inside one block (after accueil
//     minutes of it when x is every order's first exclusive épreuve and no
//     two blocks touch);
//  2. s_b − (s_a + d_a) ∈ [lead(b), g].
//
// So s_x lies in the largest sets S_x ⊆ A_x closed under 2 (arc
// consistency, computed by removing the starts that have no partner until
// nothing changes: every start of a valid plan keeps its partner, so none
// is ever removed). On a day, a unit's uses of x by different candidates
// start in S_x, d_x plus the reset apart, and a jury's uses of an
// exclusive x, each with its accueil when x is every order's first
// exclusive épreuve, d_x plus that accueil apart: at most the greedy
// count of such starts in S_x (taking the earliest start that is far
// enough from the last taken maximises the count on a line, and on any
// stretch of it from where the count starts). Day 1 keeps only the starts
// after the opening, every day the starts at or after x's earliest start,
// and, in a plan of D days, the uses that end by x's latest end
// (latestEnds: the épreuves after x need their room before day D ends).
//
// Proof of 1 and 2. An épreuve that is not splittable lies inside one
// block. The successor b of a same-day precedence starts on a's day, at
// least the minimum gap after a ends and at most g after; when b is every
// order's first exclusive épreuve, its accueil, the candidate's and its
// jury's, ends when b starts and after a ends (the candidate does one
// thing at a time), and lies in b's block when no two blocks touch. The
// removal keeps every start of a valid plan, by induction on the
// removals. The counts follow as for the windows of windows.go.
//
// Enforced in dayWindowUseDays (the days the units need) and
// dayWindowJuries (the juries a number of days needs).

// dayWindows returns, per épreuve, its possible starts as a set of
// minutes of the day (nil when no same-day maximum gap ties it, or when it
// is splittable).
func (b *bounds) dayWindows() [][]bool {
	if b.dayWin != nil {
		return b.dayWin
	}
	m := b.m
	n := len(m.eps)
	win := make([][]bool, n)
	type arc struct{ a, b, lo, hi int }
	var arcs []arc
	for x, es := range m.preds {
		for _, ed := range es {
			if ed.maxGap < 0 || ed.nextDay || m.eps[x].split || m.eps[ed.from].split {
				continue
			}
			lo := ed.minGap
			if x == b.everyFirstExcl {
				lo = max(lo, m.h.AccueilMin)
			}
			if lo > ed.maxGap {
				continue // infeasible: other bounds and the validation say so
			}
			arcs = append(arcs, arc{ed.from, x, lo, ed.maxGap})
		}
	}
	for _, a := range arcs {
		for _, x := range []int{a.a, a.b} {
			if win[x] == nil {
				win[x] = b.blockStarts(x)
			}
		}
	}
	// Arc consistency: remove the starts without a partner over an arc
	// until none is removed. Each pass removes at least one start or ends,
	// so it stops; stopping early would keep a superset, still sound.
	for changed, pass := true, 0; changed && pass < 64; pass++ {
		changed = false
		for _, a := range arcs {
			da := m.eps[a.a].dur
			// b may start at t only if a started in [t − da − hi, t − da − lo].
			if restrict(win[a.b], win[a.a], da+a.lo, da+a.hi) {
				changed = true
			}
			// a may start at t only if b starts in [t + da + lo, t + da + hi].
			if restrict(win[a.a], win[a.b], -da-a.hi, -da-a.lo) {
				changed = true
			}
		}
	}
	b.dayWin = win
	return win
}

// blockStarts is the set A_x of the claim: the minutes of the day at which
// épreuve x can start inside one block (after the accueil when x is every
// order's first exclusive épreuve and no two blocks touch).
func (b *bounds) blockStarts(x int) []bool {
	m := b.m
	set := make([]bool, minutesPerDay+1)
	lead := 0
	if x == b.everyFirstExcl && m.minBreak() > 0 {
		lead = m.h.AccueilMin
	}
	for _, bl := range m.blocks {
		for s := int(bl.Start) + lead; s+m.eps[x].dur <= int(bl.End); s++ {
			set[s] = true
		}
	}
	return set
}

// restrict removes from to every t without some u in from with
// t − hi ≤ u ≤ t − lo (so t = u + k for some k in [lo, hi]); it says
// whether it removed any.
func restrict(to, from []bool, lo, hi int) bool {
	// prefix[i] counts the starts of from below i.
	prefix := make([]int, len(from)+1)
	for i, v := range from {
		prefix[i+1] = prefix[i]
		if v {
			prefix[i+1]++
		}
	}
	count := func(l, r int) int { // starts of from in [l, r]
		l, r = max(l, 0), min(r, len(from)-1)
		if l > r {
			return 0
		}
		return prefix[r+1] - prefix[l]
	}
	removed := false
	for t, v := range to {
		if v && count(t-hi, t-lo) == 0 {
			to[t] = false
			removed = true
		}
	}
	return removed
}

// dayWindowStarts returns the starts, minutes of day d, of the most uses
// of épreuve x in its day window that lie spacing minutes apart at
// least: the earliest possible start first, then each next one far
// enough from the last.
func (b *bounds) dayWindowStarts(x, d, spacing int) []int {
	m := b.m
	win := b.dayWindows()[x]
	from := b.est[x] - dayStart(d)
	if d == 0 && len(m.blocks) > 0 {
		from = max(from, int(m.blocks[0].Start)+m.open)
	}
	var starts []int
	for s, next := max(from, 0), max(from, 0); s < len(win); s++ {
		if win[s] && s >= next {
			starts = append(starts, s)
			next = s + spacing
		}
	}
	return starts
}

// dayWindowUseDays bounds the days by the uses of type rt that the day
// windows allow (the largest over its épreuves).
func (b *bounds) dayWindowUseDays(rt int) (int, string) {
	best, why := 0, ""
	for x := range b.m.eps {
		if d, w := b.dayWindowUseDaysOf(x, rt); d > best {
			best, why = d, w
		}
	}
	return best, why
}

// dayWindowUseDaysOf bounds the days by épreuve x's uses of type rt: a
// unit holds at most len(dayWindowStarts) of them a day (its duration
// plus the reset apart), so the type's units hold ⌊capacity × that /
// units⌋ uses, and the candidates need one each. 0 when x has no day
// window or does not use rt.
func (b *bounds) dayWindowUseDaysOf(x, rt int) (int, string) {
	m := b.m
	t, info := m.types[rt], m.eps[x]
	units := 0
	for _, nd := range info.needs {
		if nd.rt == rt {
			units = nd.units
		}
	}
	if units == 0 || b.dayWindows()[x] == nil {
		return 0, ""
	}
	perDay := func(d int) (int, bool) {
		return t.cap * len(b.dayWindowStarts(x, d, info.dur+t.reset)) / units, true
	}
	days, _, _ := b.daysToHold(perDay)
	// The last days hold fewer: x must end early enough for the épreuves
	// after it.
	for ; days <= MaxDays; days++ {
		lft, held := b.cachedLatestEnds(days)[x], 0
		for d := range days {
			held += t.cap * b.dayWindowSlots(x, d, info.dur+t.reset, lft) / units
		}
		if held >= m.n {
			break
		}
	}
	return days, fmt.Sprintf("%s is tied by maximum gaps to the épreuves before and after it, so it can only start at a few times of the day: the %s of %s hold at most %d of its uses a day, and %d candidates need at least %s",
		info.id, plural(t.cap, "unit"), t.name, t.cap*len(b.dayWindowStarts(x, days-1, info.dur+t.reset))/units, m.n, plural(days, "day"))
}

// dayWindowSlots counts the starts of dayWindowStarts(x, d, spacing)
// whose use of x ends by lft: x's latest end in the plan's days. The
// earliest-first choice holds the most starts on any stretch of the day
// that begins where it does, so the count is the most of them that end
// by lft.
func (b *bounds) dayWindowSlots(x, d, spacing, lft int) int {
	n := 0
	for _, s := range b.dayWindowStarts(x, d, spacing) {
		if dayStart(d)+s+b.m.eps[x].dur <= lft {
			n++
		}
	}
	return n
}

// dayWindowJuries is the fewest juries that hold, in days days, every
// candidate's exclusive épreuve x tied by maximum gaps (with its accueil
// when x is every order's first exclusive épreuve): a jury does one at a
// time, starting in x's day window, within its day budget; the largest
// over such épreuves, with the épreuve.
func (b *bounds) dayWindowJuries(days int) (int, int) {
	m := b.m
	best, which := 0, -1
	for x, info := range m.eps {
		if info.pres != Exclusive || b.dayWindows()[x] == nil {
			continue
		}
		lead := 0
		if x == b.everyFirstExcl {
			lead = m.h.AccueilMin
		}
		per, lft := 0, b.cachedLatestEnds(days)[x]
		for d := range days {
			per += min(b.dayWindowSlots(x, d, info.dur+lead, lft), m.juryDayCap(d == 0)/(info.dur+lead))
		}
		k := never
		if per > 0 {
			k = (m.n + per - 1) / per
		}
		if k > best {
			best, which = k, x
		}
	}
	return best, which
}

// cachedLatestEnds is latestEnds, kept by the days: the juries bound asks
// for the same days again and again.
func (b *bounds) cachedLatestEnds(days int) []int {
	if b.lateEnds == nil {
		b.lateEnds = map[int][]int{}
	}
	if _, ok := b.lateEnds[days]; !ok {
		b.lateEnds[days] = b.latestEnds(days)
	}
	return b.lateEnds[days]
}
