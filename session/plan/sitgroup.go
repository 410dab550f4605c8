package plan

import "slices"

// Sittings filled up to their size (options.fillSittings).
//
// A sitting of an observed épreuve costs its jury the whole sitting
// whether one candidate sits it or its observe capacity does: when the
// jury's time sets the days, every candidate that sits alone costs a
// share of a day. Placed one at a time, each at its earliest, the
// candidates open sittings at their own times and fill few of them:
//
//   - a candidate opens a sitting at the first minute it is free, and the
//     next one, free a little later, opens another: sittings open only at
//     a few times of each block (gridStart), where those who can come meet;
//   - a candidate whose interview with its jury follows the sitting within
//     a maximum gap has its later exclusive épreuves placed right after that
//     interview, taking the jury's time in which the sitting's other
//     candidates need theirs: those épreuves go to a later block
//     (sittingMarks.after, through the delays of drawDelays);
//   - a candidate whose interview comes right before the sitting, within a
//     maximum gap, opens the sitting just after it, and the next candidate's
//     interview has no room before the sitting on the same jury: a new
//     sitting opens one interview later (openLater), so that both
//     interviews run back to back before it.
//
// The search tries these in one probe (fillProbe) where the jury's time
// binds (juryBinds); its runs keep to the earliest starts, which are
// worth more where the units or the days' length bind.

// juryBinds says, for min_days, whether the search tries filling
// sittings: when an observed épreuve holds more than one candidate and
// the jury's time sets the days bound, the juries the input allows being
// too few for a day less. Elsewhere the earliest starts are worth more,
// and the search keeps to them. (With min_juries it does not try: on the
// population it changed as many plans for the worse as for the better.)
func (s *search) juryBinds(days, juries int) bool {
	if !s.m.sits.any || juries == 0 || days < 2 {
		return false
	}
	k, _ := s.b.juriesFor(days - 1)
	return k > juries
}

// fillProbe is the probe that fills sittings, once firstPlan's other
// probes have found a plan best that misses its bounds, within half of
// what is left: a way to a better plan, not to a first one, it leaves
// the other probes their shares, and the search the rest. Its option
// stays the search's after it, so that the repairs that go on from its
// plan, when it is the best, fill sittings too. Putting back the options
// the search had before the probe (the previous probe's, or the plain
// ones a run starts with) was measured on the population report: two
// min_days plans took more days (58 rather than 57 on one, 62 or 64
// rather than 60 on the other) and none fewer.
func (s *search) fillProbe(k, horizon int, best *solution) *solution {
	if !s.fills || best == nil || s.atBounds(best) {
		return nil
	}
	defer s.steps.phase(1, 2)()
	defer s.steps.bounded()()
	return s.probe(k, horizon, probeRuns(s.m)-1)
}

// sittingMarks are the compiled facts fillSittings uses.
type sittingMarks struct {
	// any: an observed épreuve holds more than one candidate.
	any bool
	// after marks the exclusive épreuves that follow, without a maximum
	// gap, an interview joined to a sitting (nil when none).
	after []bool
	// leadFrom is, per observed épreuve, the interview before it whose
	// length a new sitting leaves free before it (-1: none; nil when
	// none at all).
	leadFrom []int
}

// sittingMarks compiles the marks: an observed épreuve of capacity above
// one may be filled; an exclusive épreuve x joined to it (after it within
// a maximum gap, or without wait) is its interview, and the exclusive
// épreuves that follow x without a maximum gap are marked after; an
// exclusive épreuve before it within a maximum gap at least as long as
// itself is the interview a new sitting leaves room for, the shortest
// such one.
func (m *model) sittingMarks() sittingMarks {
	var sm sittingMarks
	interview := make([]bool, len(m.eps))
	for b, es := range m.preds {
		for _, e := range es {
			x, o := e.from, b // x before o
			if m.fillable(o) && m.eps[x].pres == Exclusive && e.maxGap >= m.eps[x].dur {
				if sm.leadFrom == nil {
					sm.leadFrom = slices.Repeat([]int{-1}, len(m.eps))
				}
				if y := sm.leadFrom[o]; y < 0 || m.eps[x].dur < m.eps[y].dur {
					sm.leadFrom[o] = x
				}
			}
			if o, x := e.from, b; m.fillable(o) && m.eps[x].pres == Exclusive && (e.maxGap >= 0 || e.noWait) {
				interview[x] = true
			}
		}
	}
	for y, es := range m.preds {
		for _, e := range es {
			if m.eps[y].pres == Exclusive && interview[e.from] && e.maxGap < 0 && !e.noWait {
				if sm.after == nil {
					sm.after = make([]bool, len(m.eps))
				}
				sm.after[y] = true
			}
		}
	}
	for e := range m.eps {
		sm.any = sm.any || m.fillable(e)
	}
	return sm
}

// fillable says whether épreuve e has sittings to fill: observed, of
// capacity above one, in one block.
func (m *model) fillable(e int) bool {
	info := &m.eps[e]
	return info.pres == Observe && info.obsCap > 1 && !info.split
}

// moveSitting moves an observed épreuve just placed at t in a sitting of
// its own: to a later sitting it can join (joinLaterSitting), or else, to
// fill sittings, one lead later (openLater). It reports whether it moved,
// and the new start (-1: neither start works any more).
func (s *search) moveSitting(cx *candCtx, e, t int, w window, mk candMark) (int, bool) {
	if tj, moved := s.joinLaterSitting(cx, e, t, w, mk); moved {
		return tj, true
	}
	return s.openLater(cx, e, t, w, mk)
}

// openLater moves an observed épreuve just placed at t in a new sitting
// of its own later, when its interview before it (sittingMarks.leadFrom)
// ends less than that interview's length before t: to that length after
// the interview's end, on the grid (gridStart), when that start still
// works and keeps the maximum gap. The sitting then leaves room for
// another candidate's interview before it.
func (s *search) openLater(cx *candCtx, e, t int, w window, mk candMark) (int, bool) {
	if !s.opt.fillSittings || s.m.sits.leadFrom == nil || s.m.sits.leadFrom[e] < 0 {
		return t, false
	}
	if st := s.sittings[e][len(s.sittings[e])-1]; st.count != 1 || st.start != t {
		return t, false
	}
	x := s.m.sits.leadFrom[e]
	later := cx.end[x] + s.m.eps[x].dur
	if later <= t || later > w.hi {
		return t, false
	}
	return s.retryLater(cx, mk, e, s.gridStart(e, later, w.hi), t, w.lead), true
}

// gridStart returns where a candidate's observed épreuve e may start from
// t on when it fills sittings: t itself when a sitting of e with room
// starts there, otherwise the next time of its block's grid: the block's
// start and the starts of sittings end to end after it, and the latest
// start that ends with the block. A grid time past hi (the maximum gap)
// keeps t: the candidate opens its sitting where it can.
func (s *search) gridStart(e, t, hi int) int {
	if !s.opt.fillSittings || !s.m.fillable(e) {
		return t
	}
	dur, capacity := s.m.eps[e].dur, s.m.eps[e].obsCap
	if s.starts.maybe(e, t) {
		for _, st := range s.sittings[e] {
			if st.start == t && st.count < capacity {
				return t
			}
		}
	}
	d, b, inside := s.m.blockOf(t)
	if !inside {
		return t
	}
	bs, be := s.m.blockStart(d, b), s.m.blockEnd(d, b)
	g := bs + (t-bs+dur-1)/dur*dur
	switch {
	case g+dur <= be:
	case t <= be-dur:
		g = be - dur
	default:
		g = be // the next block's start, where alignStart takes it
	}
	if g > hi {
		return t
	}
	return g
}
