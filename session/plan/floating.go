package plan

// Floating hidden tasks. A candidate's deliberation may lie anywhere in its
// jury's free time on the day of its last exclusive épreuve, after it:
// nothing else waits for it.
// Placed at the jury's earliest free minute, such a task often lands in
// the hole another candidate's rigid chunk (its accueil and the exclusive
// épreuves joined by short gaps, docs/planning.md#jury-block-integrality)
// needed: ten minutes of deliberation right after a morning's interview
// leave the rest of the block too short for the next one, and the jury
// loses a candidate for that block. The placement below keeps such holes
// whole: it prefers, in the jury's free intervals of the day, the first
// place that costs no chunk, and falls back on the earliest one. It serves
// min_juries while it looks for the juries, where a jury's holes decide
// whether one more is needed.

// floatingSlot returns where jury j does a floating task of dur minutes on
// day day, from lo on: the earliest start (findSlot), unless a later one
// on that day leaves the jury as many rigid chunks' room as it had, in
// which case the first such one. With closure, the jury's closure must
// still fit after the task.
func (s *search) floatingSlot(j, lo, dur, day int, closure bool) (int, bool) {
	x0, ok := s.findSlot(j, lo, never, dur, day)
	r := s.b.rigid
	if !ok || r == 0 || s.opt.firstJury || s.m.in.Objective != MinJuries || s.shortening || s.chunkLoss(j, x0, dur, r) == 0 {
		// The serial schedule (and the probe close to it) keep its rule:
		// every hidden task at the jury's earliest free time. With
		// min_days the juries are many and seldom short of holes: there
		// the earliest place measured as well. Once min_juries has its
		// juries, the days count: a deliberation moved later can push
		// a candidate to the next day (the samples lost a day so).
		return x0, ok
	}
	m := s.m
	busy := s.juries[j].busy
	for b := range m.blocks {
		bs, be := m.blockStart(day, b), m.blockEnd(day, b)
		if be <= x0 {
			continue
		}
		// The jury's free intervals in the block, from x0 on.
		for fs := max(bs, x0); fs < be; {
			if c, end := conflict(busy, fs, fs+1); c {
				fs = end
				continue
			}
			fe := be
			if i := firstEnding(busy, fs); i < len(busy) && busy[i].s < be {
				fe = busy[i].s
			}
			for _, x := range [2]int{fs, fe - dur} {
				if x >= fs && x+dur <= fe && s.chunkLoss(j, x, dur, r) == 0 && (!closure || s.closureAfter(j, x+dur)) {
					return x, true
				}
			}
			fs = fe
		}
	}
	return x0, true
}

// chunkLoss is how many rigid chunks of r minutes the free interval of
// jury j holding [x, x+dur) loses when the task takes those minutes.
func (s *search) chunkLoss(j, x, dur, r int) int {
	busy := s.juries[j].busy
	d, b, _ := s.m.blockOf(x)
	fs, fe := s.m.blockStart(d, b), s.m.blockEnd(d, b)
	if i := firstEnding(busy, fs); i < len(busy) {
		// Busy intervals are sorted: the last one ending by x bounds the
		// free interval on the left, the first starting after it on the
		// right.
		for k := i; k < len(busy) && busy[k].s < fe; k++ {
			switch {
			case busy[k].e <= x:
				fs = max(fs, busy[k].e)
			case busy[k].s >= x+dur:
				fe = min(fe, busy[k].s)
			}
		}
	}
	return (fe-fs)/r - (x-fs)/r - (fe-x-dur)/r
}

// closureAfter reports whether jury j's closure fits after instant t and
// after all its tasks.
func (s *search) closureAfter(j, t int) bool {
	cl := s.m.h.JuryClosureMin
	if cl == 0 {
		return true
	}
	busy := s.juries[j].busy
	_, ok := s.findSlot(j, max(t, busy[len(busy)-1].e), never, cl, -1)
	return ok
}
