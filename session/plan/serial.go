package plan

import "slices"

// The serial schedule: the plainest placement the model allows, and the
// floor under every answer of the search (docs/planning.md#how-the-planner-works).
// It fixes the first order of the épreuves for every candidate, then places
// the candidates one after another, each with the jury where its last
// épreuve ends first (the working juries and one fresh one, the first on a
// tie), each épreuve at its earliest start given what is placed, the
// candidate's hidden tasks at its jury's earliest free time; the épreuves
// joined by maximum gaps are placed as one group, from a later start of
// its first épreuve while one of them does not fit. A candidate whose
// deliberation finds no room on the day of its last exclusive épreuve is
// placed again from the next day. It never moves a candidate once placed
// and searches nothing else, so that it always finds the same plan: the
// search keeps it as an answer, and answers no worse than it.

// serialTries bounds the starts of one group's first épreuve tried for a
// candidate: past them the candidate does not fit.
const serialTries = 2000

// serial plans with k juries within horizon days as the serial schedule
// does; nil when a candidate does not fit, with more false when more
// juries would not change that: a jury was still fresh where it failed,
// and fresh juries are alike, so that with more the placement is the same
// up to there and fails the same way. It runs outside the step
// budget: it does not count its steps, and stops only when the computation
// is cancelled, so that the floor depends neither on the budget nor costs
// the search any of it (the time it takes comes on top).
func (s *search) serial(k, horizon int) (sol *solution, more bool) {
	m := s.m
	defer func(used int) { s.steps.used = used }(s.steps.used)
	s.reset(k, horizon)
	s.opt = options{order: 1, firstJury: true}
	order := m.orders[0]
	groups := maxGapGroups(m, order)
	for c := range m.n {
		best, bestFinish := -2, never
		for _, j := range s.juryChoices(c) {
			mark := s.mark()
			if f, ok := s.serialCandidate(c, j, order, groups); ok && f < bestFinish {
				best, bestFinish = j, f
				s.bestItems = append(s.bestItems[:0], s.cand.items...)
			}
			s.rollback(mark)
			if s.steps.interrupted() {
				return nil, false
			}
		}
		if best == -2 {
			return nil, s.usedJuries() == k
		}
		// Placed again, the best jury's placement would give the same
		// items: they are put back as they were found.
		if keepBestItems {
			s.restoreCandidate(c, slices.Clone(s.bestItems))
		} else {
			s.serialCandidate(c, best, order, groups)
			s.setPlan(c, slices.Clone(s.cand.items))
		}
		s.forget()
	}
	if !s.close() {
		return nil, s.usedJuries() == k
	}
	s.forget()
	return s.snapshot(), false
}

// maxGapGroups splits order into runs of positions [first, last] that
// maximum gaps join: a successor with a maximum gap is in its
// predecessor's group, and so is every épreuve between them.
func maxGapGroups(m *model, order []int) [][2]int {
	pos := make([]int, len(order))
	for p, e := range order {
		pos[e] = p
	}
	first := make([]int, len(order)) // the earliest position each one is joined to
	for p, e := range order {
		first[p] = p
		for _, ed := range m.preds[e] {
			if ed.maxGap >= 0 {
				first[p] = min(first[p], pos[ed.from])
			}
		}
	}
	var out [][2]int
	for p := 0; p < len(order); {
		end := p
		for r := p + 1; r < len(order); r++ {
			if first[r] <= end {
				end = r
			}
		}
		out = append(out, [2]int{p, end})
		p = end + 1
	}
	return out
}

// serialCandidate places candidate c with jury j (-1: none) and returns
// when its last épreuve ends; the candidate's items are in s.cand. When its
// deliberation finds no room it starts again from the next day.
func (s *search) serialCandidate(c, j int, order []int, groups [][2]int) (int, bool) {
	from := 0
	for range s.horizon + 1 {
		mark := s.mark()
		finish, ok, retry := s.serialTry(c, j, order, groups, from)
		if ok {
			return finish, true
		}
		s.rollback(mark)
		if retry <= from {
			return 0, false
		}
		from = retry
	}
	return 0, false
}

// serialTry places candidate c with jury j, its first épreuve from from
// on. On failure it returns a later from worth trying, or from itself to
// give up.
func (s *search) serialTry(c, j int, order []int, groups [][2]int, from int) (int, bool, int) {
	cx := s.newCandCtx(c, order, j)
	prevEnd := from
	for _, g := range groups {
		head := -1
		for tries := 1; ; tries++ {
			mk := s.candMark(cx)
			ok, stop, headStart := s.serialGroup(cx, g, prevEnd, head)
			if ok {
				break
			}
			s.candRollback(cx, mk)
			if stop || tries > serialTries || s.steps.interrupted() {
				return 0, false, from
			}
			head = headStart + 1
		}
		prevEnd = cx.end[order[g[1]]]
	}
	if r := s.finishCandidate(cx); !r.ok {
		return 0, false, r.from
	}
	return prevEnd, true, 0
}

// serialGroup places the épreuves of positions g[0]…g[1], the first no
// earlier than head. It reports success, or whether to give up, and the
// start to move the first on from: as much later as the one that missed
// its maximum gap was late.
func (s *search) serialGroup(cx *candCtx, g [2]int, prevEnd, head int) (bool, bool, int) {
	m := s.m
	headStart := 0
	for p := g[0]; p <= g[1]; p++ {
		e := cx.order[p]
		lo, hi := prevEnd, never
		if p > g[0] {
			lo = cx.end[cx.order[p-1]]
		} else {
			lo = max(lo, head)
		}
		for _, ed := range m.preds[e] {
			be := cx.end[ed.from]
			if ed.nextDay {
				lo = max(lo, dayStart(dayOfEnd(be)+1))
			} else {
				lo = max(lo, be+ed.minGap)
			}
			if ed.maxGap >= 0 {
				hi = min(hi, be+ed.maxGap, m.dayEnd(dayOfEnd(be)))
			}
		}
		x, ok, stop := s.serialEpreuve(cx, p, lo, hi)
		if !ok {
			return false, stop || p == g[0], headStart + max(0, x-hi-1)
		}
		if p == g[0] {
			headStart = x
		}
	}
	return true, false, headStart
}

// serialEpreuve places the épreuve at position p at its earliest start in
// [lo, hi], after the candidate's hidden tasks its jury does first. It
// returns the start, or whether to give up and, when the earliest start
// that works is past hi, that start.
func (s *search) serialEpreuve(cx *candCtx, p, lo, hi int) (int, bool, bool) {
	m := s.m
	e := cx.order[p]
	info := &m.eps[e]
	lead := 0
	if info.pres == Exclusive {
		if p == cx.firstExcl {
			lead = m.h.AccueilMin
			lo += lead // the accueil follows what comes before
		}
		w := window{lo: lo, lead: lead}
		if !s.placeTasksBefore(cx, p, &w) {
			return 0, false, true
		}
		lo = w.lo
	}
	for x := lo; ; {
		s.steps.used++
		if s.steps.interrupted() {
			return 0, false, true
		}
		x = s.alignStart(x, info.dur, lead, info.split)
		if x == never {
			return 0, false, true
		}
		ok, next := s.tryAt(cx, e, x, lead)
		if !ok {
			if next == never {
				return 0, false, true
			}
			x = max(x+1, next)
			continue
		}
		if x > hi {
			return x, false, false // the first start that works is too late
		}
		if info.corrected && m.h.CorrectionMin > 0 && cx.jury >= 0 {
			cx.pending = append(cx.pending, e)
		}
		return x, true, false
	}
}
