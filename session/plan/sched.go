package plan

import (
	"math/rand/v2"
	"slices"
	"sort"
)

// The scheduler is a serial list scheduler: it places the candidates one
// after another, each as early as it can finish given those already placed,
// trying every jury that differs (the used ones and one fresh one) and every
// order of its épreuves. A candidate is placed épreuve by épreuve, earliest
// start first, with its hidden tasks fitted into its jury's free time; a
// successor bound by a maximum gap (no_wait) that cannot follow sends the
// search back to its predecessor with the earliest start that could work.
// Every placement is checked against the rules as it is made, so whatever
// the scheduler returns is a valid plan.

// placed is one item of a candidate, in absolute minutes.
type placed struct {
	ep    int // the épreuve, or the corrected one for a correction; -1 otherwise
	task  Task
	jury  int // -1: none
	units []unitRef
	segs  []ival
}

type unitRef struct{ rt, u int }

type juryState struct {
	busy []ival // sorted, non-overlapping: tasks, épreuves, sittings
	load []int  // busy minutes per day, the opening included on day 0
	work int    // minutes of candidate work, to prefer the less loaded
	// brief is the briefing; busy holds [0, brief.e) so that nothing of the
	// jury comes before it.
	brief   ival
	closure ival
	// off: the search took this jury away.
	off bool
}

type sitting struct {
	segs  []ival
	jury  int
	count int
}

type undoKind uint8

const (
	undoBusy undoKind = iota
	undoLoad
	undoWork
	undoUse
	undoSitNew
	undoSitJoin
)

type undoEntry struct {
	kind    undoKind
	a, b, c int
	iv      ival
}

// options tune the heuristic; restarts draw them at random.
type options struct {
	// joinSlack is how much later than the earliest new sitting a
	// candidate still joins an existing one (saving the jury's time).
	joinSlack int
	// noise, when positive, perturbs the choice among a candidate's
	// options: their finishes are compared after adding up to noise minutes.
	noise int
	// orderBias rotates which épreuve orders are tried first.
	orderBias int
	// delay is the chance, in percent, that an épreuve skips its earliest
	// start for the next block: a candidate that waits can leave a station
	// or a jury to another (a workstation's afternoon to another
	// candidate's long épreuve).
	delay int
	rng   *rand.Rand
}

type scheduler struct {
	m        *model
	k        int
	horizon  int
	juries   []juryState
	units    [][][]use // [type][unit]
	sittings [][]sitting
	undo     []undoEntry
	plans    [][]placed
	steps    int
	maxSteps int
	days     int  // the days used, once closed
	closed   bool // the closures are placed
	// delayed marks the épreuves of the candidate being placed that skip
	// their earliest start (drawn once per candidate, so that every option
	// of the candidate is judged under the same draw).
	delayed []bool
	segBuf  []ival
	refBuf  []unitRef
	opt     options
	// pins, when set, hold each candidate's uses of the template's type to
	// their unit and to no earlier than the template's start; reserved
	// holds their jury parts until the candidate is placed.
	pins     [][]pin
	reserved [][]reservation
}

func newScheduler(m *model, k, horizon int, opt options) *scheduler {
	s := &scheduler{m: m, k: k, horizon: horizon, opt: opt,
		juries:   make([]juryState, k),
		units:    make([][][]use, len(m.types)),
		sittings: make([][]sitting, len(m.eps)),
		plans:    make([][]placed, m.n),
		maxSteps: 20000,
	}
	for i, t := range m.types {
		s.units[i] = make([][]use, t.cap)
	}
	first := m.blockStart(0, 0)
	for j := range s.juries {
		js := &s.juries[j]
		js.load = make([]int, horizon)
		js.load[0] = m.open
		js.brief = ival{first, first}
		if m.h.JuryBriefingMin > 0 {
			if x, ok := s.findSlot(j, first, never, m.h.JuryBriefingMin, -1); ok {
				js.brief = ival{x, x + m.h.JuryBriefingMin}
				js.load[dayOf(x)] += m.h.JuryBriefingMin
			}
		}
		js.busy = []ival{{0, js.brief.e}}
	}
	s.undo = s.undo[:0]
	return s
}

// reserve holds, in each pinned jury's time, the template's jury parts of
// every candidate, so that the candidates placed first leave them free.
func (s *scheduler) reserve(pins [][]pin) {
	s.pins = pins
	s.reserved = make([][]reservation, len(pins))
	for c := range pins {
		for _, p := range pins[c] {
			if !p.set || p.jury < 0 || p.jury >= len(s.juries) {
				continue
			}
			js := &s.juries[p.jury]
			d := dayOf(p.span.s)
			if c, _ := conflict(js.busy, p.span.s, p.span.e); c || d >= len(js.load) {
				continue
			}
			js.busy = insertIval(js.busy, p.span)
			js.load[d] += p.span.e - p.span.s
			s.reserved[c] = append(s.reserved[c], reservation{jury: p.jury, span: p.span})
		}
	}
}

// release frees candidate c's reservations, before it is placed.
func (s *scheduler) release(c int) {
	if s.reserved == nil {
		return
	}
	for _, r := range s.reserved[c] {
		js := &s.juries[r.jury]
		js.busy = removeIval(js.busy, r.span)
		js.load[dayOf(r.span.s)] -= r.span.e - r.span.s
	}
	s.reserved[c] = nil
}

type reservation struct {
	jury int
	span ival
}

// Undo log.

func (s *scheduler) addBusy(j int, iv ival, minutes int) {
	js := &s.juries[j]
	js.busy = insertIval(js.busy, iv)
	s.undo = append(s.undo, undoEntry{kind: undoBusy, a: j, iv: iv})
	if d := dayOf(iv.s); d < len(js.load) {
		js.load[d] += minutes
		s.undo = append(s.undo, undoEntry{kind: undoLoad, a: j, b: d, c: minutes})
	}
}

func (s *scheduler) addWork(j, minutes int) {
	s.juries[j].work += minutes
	s.undo = append(s.undo, undoEntry{kind: undoWork, a: j, c: minutes})
}

func (s *scheduler) addUse(r unitRef, u use) {
	s.units[r.rt][r.u] = insertUse(s.units[r.rt][r.u], u)
	s.undo = append(s.undo, undoEntry{kind: undoUse, a: r.rt, b: r.u, c: u.cand, iv: ival{u.s, u.e}})
}

func (s *scheduler) rollback(mark int) {
	for len(s.undo) > mark {
		u := s.undo[len(s.undo)-1]
		s.undo = s.undo[:len(s.undo)-1]
		switch u.kind {
		case undoBusy:
			s.juries[u.a].busy = removeIval(s.juries[u.a].busy, u.iv)
		case undoLoad:
			s.juries[u.a].load[u.b] -= u.c
		case undoWork:
			s.juries[u.a].work -= u.c
		case undoUse:
			s.units[u.a][u.b] = removeUse(s.units[u.a][u.b], use{u.iv.s, u.iv.e, u.c})
		case undoSitNew:
			s.sittings[u.a] = s.sittings[u.a][:len(s.sittings[u.a])-1]
		case undoSitJoin:
			s.sittings[u.a][u.b].count--
		}
	}
}

// alignStart returns the earliest instant from t at which an item of dur
// minutes may start: inside a block, lead minutes after the block's start
// (the accueil before a first exclusive épreuve), and, unless split, ending
// in the same block. It returns never past the horizon.
func (s *scheduler) alignStart(t, dur, lead int, split bool) int {
	m := s.m
	first := dayOf(t)
	for {
		d, b, _ := m.blockOf(t)
		if b == len(m.blocks) {
			d, b = d+1, 0
			t = dayStart(d)
		}
		// Every day after the first has the same blocks: when a whole one
		// holds no start, none ever will.
		if d >= s.horizon || d > first+1 {
			return never
		}
		if bs := m.blockStart(d, b) + lead; t < bs {
			t = bs
		}
		be := m.blockEnd(d, b)
		if t < be && (split || t+dur <= be) {
			return t
		}
		t = be // the next block
		if b == len(m.blocks)-1 {
			t = dayStart(d + 1)
		}
	}
}

// findSlot returns the earliest start x ≥ lo of a task of dur minutes for
// jury j inside one block, ending by hi, within the jury's day budget, and
// on day onDay when onDay ≥ 0.
func (s *scheduler) findSlot(j, lo, hi, dur, onDay int) (int, bool) {
	js := &s.juries[j]
	x := lo
	for {
		x = s.alignStart(x, dur, 0, false)
		if x == never || x+dur > hi || (onDay >= 0 && dayOf(x) != onDay) {
			return 0, false
		}
		if c, end := conflict(js.busy, x, x+dur); c {
			x = end
			continue
		}
		if d := dayOf(x); js.load[d]+dur > s.m.dayBudget {
			x = dayStart(d + 1)
			continue
		}
		return x, true
	}
}

// unitFree reports whether unit u of type rt can serve candidate c over sp,
// counting the reset between two candidates on one day, and otherwise the
// earliest start worth trying next.
func (s *scheduler) unitFree(rt, u int, sp ival, c int) (bool, int) {
	uses := s.units[rt][u]
	reset := s.m.types[rt].reset
	after := func(x use) int {
		return min(x.e+reset, dayStart(dayOfEnd(x.e)+1))
	}
	// Uses never overlap, so they are sorted by end too: skip those that
	// end (reset included) before sp starts.
	i := sort.Search(len(uses), func(i int) bool { return uses[i].e+reset > sp.s })
	for _, x := range uses[i:] {
		if x.s >= sp.e+reset {
			break
		}
		switch {
		case x.s < sp.e && sp.s < x.e:
			return false, after(x)
		case x.cand == c:
		case x.e <= sp.s && dayOfEnd(x.e) == dayOf(sp.s) && sp.s < x.e+reset:
			return false, after(x)
		case sp.e <= x.s && dayOfEnd(sp.e) == dayOf(x.s) && x.s < sp.e+reset:
			return false, after(x)
		}
	}
	return true, 0
}

// chooseUnits picks the units épreuve e needs over span sp for candidate c:
// the station's units when the candidate already holds them, otherwise the
// first free ones. It returns the earliest start worth trying next on
// failure.
func (s *scheduler) chooseUnits(cx *candCtx, e int, sp ival, buf []unitRef) ([]unitRef, bool, int) {
	info := &s.m.eps[e]
	refs := buf[:0]
	if info.station >= 0 {
		if fixed := cx.station[info.station]; fixed != nil {
			next := never
			for _, r := range fixed {
				if ok, n := s.unitFree(r.rt, r.u, sp, cx.c); !ok {
					next = min(next, n)
				}
			}
			if next < never {
				return nil, false, next
			}
			return append(refs, fixed...), true, 0
		}
	}
	var pn pin
	if s.pins != nil {
		pn = s.pins[cx.c][e]
	}
	for _, nd := range info.needs {
		got, next := 0, never
		for u := range s.m.types[nd.rt].cap {
			if pn.set && pn.rt == nd.rt && pn.u != u {
				continue
			}
			if ok, n := s.unitFree(nd.rt, u, sp, cx.c); ok {
				refs = append(refs, unitRef{nd.rt, u})
				if got++; got == nd.units {
					break
				}
			} else {
				next = min(next, n)
			}
		}
		if got < nd.units {
			return nil, false, next
		}
	}
	return refs, true, 0
}

// candCtx is the state of one candidate's placement.
type candCtx struct {
	c         int
	order     []int
	pos       []int // position of each épreuve in order
	jury      int   // the candidate's jury, -1 without exclusive épreuves
	firstExcl int   // position of the first exclusive épreuve, -1 if none
	lastExcl  int
	start     []int
	end       []int
	station   map[int][]unitRef
	items     []placed
	pending   []int // corrected épreuves awaiting their correction
	sitJuries []int // juries of the sittings the candidate sits
}

func (s *scheduler) newCandCtx(c int, order []int, jury int) *candCtx {
	m := s.m
	cx := &candCtx{c: c, order: order, pos: make([]int, len(order)), jury: jury,
		firstExcl: -1, lastExcl: -1,
		start: make([]int, len(m.eps)), end: make([]int, len(m.eps)),
		station: map[int][]unitRef{}}
	for p, e := range order {
		cx.pos[e] = p
		if m.eps[e].pres == Exclusive {
			if cx.firstExcl < 0 {
				cx.firstExcl = p
			}
			cx.lastExcl = p
		}
	}
	return cx
}

// tryCandidate places candidate c with the given order and jury on top of
// the current state, and returns the candidate's finish. On failure the
// state is as before.
func (s *scheduler) tryCandidate(c int, order []int, jury int) (*candCtx, bool) {
	mark := len(s.undo)
	cx := s.newCandCtx(c, order, jury)
	if ok, _, _ := s.place(cx, 0); !ok {
		s.rollback(mark)
		return nil, false
	}
	// A jury's closure comes after all its tasks: refuse what leaves no
	// room for it.
	if jury >= 0 && !s.closureFits(jury) {
		s.rollback(mark)
		return nil, false
	}
	for _, j := range cx.sitJuries {
		if !s.closureFits(j) {
			s.rollback(mark)
			return nil, false
		}
	}
	return cx, true
}

func (s *scheduler) closureFits(j int) bool {
	if s.m.h.JuryClosureMin == 0 {
		return true
	}
	busy := s.juries[j].busy
	_, ok := s.findSlot(j, busy[len(busy)-1].e, never, s.m.h.JuryClosureMin, -1)
	return ok
}

func (cx *candCtx) finish() int {
	f := 0
	for _, it := range cx.items {
		f = max(f, it.segs[len(it.segs)-1].e)
	}
	return f
}

// place places the épreuves of cx.order from position pos on. On failure
// it returns the position the search must move back to (-1: give up) and
// the earliest start that position should try next.
func (s *scheduler) place(cx *candCtx, pos int) (ok bool, backTo, backFrom int) {
	m := s.m
	if pos == len(cx.order) {
		return s.finishCandidate(cx)
	}
	mark, itemsMark := len(s.undo), len(cx.items)
	pending := slices.Clone(cx.pending)
	restore := func() {
		s.rollback(mark)
		cx.items = cx.items[:itemsMark]
		cx.pending = pending
	}
	e := cx.order[pos]
	info := &m.eps[e]
	lo := m.blockStart(0, 0)
	if pos > 0 {
		lo = cx.end[cx.order[pos-1]]
	}
	hi, hiFrom, hiGap := never, -1, 0
	for _, ed := range m.preds[e] {
		pe := cx.end[ed.from]
		pd := dayOfEnd(pe)
		if ed.nextDay {
			lo = max(lo, dayStart(pd+1))
		} else {
			x := pe + ed.minGap
			if x >= m.dayEnd(pd) && ed.minGap > 0 {
				x = dayStart(pd + 1)
			}
			lo = max(lo, x)
		}
		if ed.maxGap >= 0 {
			if h := min(pe+ed.maxGap, m.dayEnd(pd)); h < hi {
				hi, hiFrom, hiGap = h, ed.from, ed.maxGap
			}
		}
	}
	if s.pins != nil && s.pins[cx.c][e].set {
		lo = max(lo, s.pins[cx.c][e].start)
	}
	lead := 0
	if info.pres == Exclusive {
		j := cx.jury
		if pos == cx.firstExcl {
			lead = m.h.AccueilMin
			prevEnd := m.blockStart(0, 0)
			if pos > 0 {
				prevEnd = cx.end[cx.order[pos-1]]
			}
			lo = max(lo, prevEnd+lead)
			if m.h.ReadingMin > 0 {
				x, ok := s.findSlot(j, 0, never, m.h.ReadingMin, -1)
				if !ok {
					restore()
					return false, -1, 0
				}
				s.addBusy(j, ival{x, x + m.h.ReadingMin}, m.h.ReadingMin)
				s.addWork(j, m.h.ReadingMin)
				cx.items = append(cx.items, placed{ep: -1, task: TaskReading, jury: j, segs: []ival{{x, x + m.h.ReadingMin}}})
				lo = max(lo, x+m.h.ReadingMin+lead)
			}
		}
		for _, q := range cx.pending {
			x, ok := s.findSlot(j, cx.end[q], never, m.h.CorrectionMin, -1)
			if !ok {
				restore()
				return false, -1, 0
			}
			s.addBusy(j, ival{x, x + m.h.CorrectionMin}, m.h.CorrectionMin)
			s.addWork(j, m.h.CorrectionMin)
			cx.items = append(cx.items, placed{ep: q, task: TaskCorrection, jury: j, segs: []ival{{x, x + m.h.CorrectionMin}}})
			lo = max(lo, x+m.h.CorrectionMin+lead)
		}
		cx.pending = nil
	}
	epMark, epItems := len(s.undo), len(cx.items)
	epPending := slices.Clone(cx.pending)
	t := lo
	skipped := false
	for {
		m.work++
		if s.steps++; s.steps > s.maxSteps || m.interrupted() {
			restore()
			return false, -1, 0
		}
		t = s.alignStart(t, info.dur, lead, info.split)
		if t == never {
			restore()
			return false, -1, 0
		}
		if t > hi {
			restore()
			p := cx.pos[hiFrom]
			return false, p, max(cx.start[hiFrom]+1, t-hiGap-m.eps[hiFrom].dur)
		}
		ok, next := s.tryAt(cx, pos, e, t, lead)
		if !ok {
			t = max(next, t+1)
			continue
		}
		if info.pres == Observe && s.opt.joinSlack > 0 {
			// A new sitting costs a jury its whole length: join a later
			// sitting instead when one is close enough.
			it := cx.items[len(cx.items)-1]
			if it.jury >= 0 && s.sittings[e][len(s.sittings[e])-1].count == 1 {
				if tj, found := s.joinableAfter(cx, e, t, min(hi, t+s.opt.joinSlack)); found {
					s.rollback(epMark)
					cx.items = cx.items[:epItems]
					if ok, _ = s.tryAt(cx, pos, e, tj, lead); ok {
						t = tj
					} else if ok, _ = s.tryAt(cx, pos, e, t, lead); !ok {
						t++
						continue
					}
				}
			}
		}
		if s.delayed != nil && s.delayed[e] && !skipped {
			skipped = true
			s.rollback(epMark)
			cx.items = cx.items[:epItems]
			cx.pending = slices.Clone(epPending)
			_, b, _ := m.blockOf(t)
			t = m.blockEnd(dayOf(t), b)
			continue
		}
		if info.corrected && m.h.CorrectionMin > 0 && cx.jury >= 0 {
			cx.pending = append(cx.pending, e)
		}
		ok, back, from := s.place(cx, pos+1)
		if ok {
			return true, 0, 0
		}
		s.rollback(epMark)
		cx.items = cx.items[:epItems]
		cx.pending = slices.Clone(epPending)
		if back != pos {
			restore()
			return false, back, from
		}
		t = max(t+1, from)
	}
}

// joinableAfter returns the earliest sitting of épreuve e starting in
// (after, until] that the candidate can join.
func (s *scheduler) joinableAfter(cx *candCtx, e, after, until int) (int, bool) {
	best, found := 0, false
	for _, st := range s.sittings[e] {
		t := st.segs[0].s
		if t <= after || t > until || st.count >= s.m.eps[e].obsCap || (found && t >= best) {
			continue
		}
		sp := ival{t, st.segs[len(st.segs)-1].e}
		if _, ok, _ := s.chooseUnits(cx, e, sp, nil); ok {
			best, found = t, true
		}
	}
	return best, found
}

// tryAt places épreuve e (at position pos) at t when every rule allows it,
// and otherwise returns the earliest start worth trying next.
func (s *scheduler) tryAt(cx *candCtx, pos, e, t, lead int) (bool, int) {
	m := s.m
	info := &m.eps[e]
	segs := m.segments(t, info.dur, info.split, s.horizon, s.segBuf[:0])
	if segs == nil {
		return false, never
	}
	s.segBuf = segs
	sp := ival{segs[0].s, segs[len(segs)-1].e}
	refs, ok, next := s.chooseUnits(cx, e, sp, s.refBuf[:0])
	if !ok {
		return false, next
	}
	jury, join := -1, -1
	switch info.pres {
	case Exclusive:
		jury = cx.jury
		if ok, next := s.juryFree(jury, segs, lead); !ok {
			return false, next
		}
	case Observe:
		for i, st := range s.sittings[e] {
			if st.segs[0].s == t && st.count < info.obsCap {
				join, jury = i, st.jury
				break
			}
		}
		if join < 0 {
			next, best := never, -1
			for j := range s.juries {
				if s.juries[j].off {
					continue
				}
				ok, n := s.juryFree(j, segs, 0)
				if !ok {
					next = min(next, n)
					continue
				}
				if best < 0 || s.juries[j].work < s.juries[best].work {
					best = j
				}
			}
			if best < 0 {
				return false, next
			}
			jury = best
		}
	}
	// Every rule holds: record the placement.
	segs = slices.Clone(segs)
	if lead > 0 {
		acc := ival{t - lead, t}
		s.addBusy(jury, acc, lead)
		s.addWork(jury, lead)
		cx.items = append(cx.items, placed{ep: -1, task: TaskAccueil, jury: jury, segs: []ival{acc}})
	}
	switch {
	case info.pres == Exclusive || (info.pres == Observe && join < 0):
		for _, sg := range segs {
			s.addBusy(jury, sg, sg.e-sg.s)
			s.addWork(jury, sg.e-sg.s)
		}
		if info.pres == Observe {
			s.sittings[e] = append(s.sittings[e], sitting{segs: segs, jury: jury, count: 1})
			s.undo = append(s.undo, undoEntry{kind: undoSitNew, a: e})
			cx.sitJuries = append(cx.sitJuries, jury)
		}
	case join >= 0:
		s.sittings[e][join].count++
		s.undo = append(s.undo, undoEntry{kind: undoSitJoin, a: e, b: join})
	}
	refs = slices.Clone(refs)
	for _, r := range refs {
		s.addUse(r, use{sp.s, sp.e, cx.c})
	}
	if info.station >= 0 && cx.station[info.station] == nil {
		cx.station[info.station] = refs
	}
	cx.start[e], cx.end[e] = sp.s, sp.e
	cx.items = append(cx.items, placed{ep: e, jury: jury, units: refs, segs: segs})
	return true, 0
}

// juryFree checks jury j over the segments (and the lead minutes of accueil
// before the first) and its day budget.
func (s *scheduler) juryFree(j int, segs []ival, lead int) (bool, int) {
	js := &s.juries[j]
	for i, sg := range segs {
		from := sg.s
		if i == 0 {
			from -= lead
		}
		if c, end := conflict(js.busy, from, sg.e); c {
			return false, segs[0].s + (end - from)
		}
	}
	day, minutes := -1, 0
	flush := func() (bool, int) {
		if day >= 0 && js.load[day]+minutes > s.m.dayBudget {
			return false, dayStart(day + 1)
		}
		return true, 0
	}
	for i, sg := range segs {
		d := dayOf(sg.s)
		if d != day {
			if ok, n := flush(); !ok {
				return false, n
			}
			day, minutes = d, 0
		}
		minutes += sg.e - sg.s
		if i == 0 {
			minutes += lead
		}
	}
	return flush()
}

// finishCandidate places the corrections that no exclusive épreuve
// follows, then the deliberation, on the day of the last exclusive épreuve.
func (s *scheduler) finishCandidate(cx *candCtx) (bool, int, int) {
	m := s.m
	if cx.jury < 0 {
		return true, 0, 0
	}
	j := cx.jury
	lastEnd := cx.end[cx.order[cx.lastExcl]]
	day := dayOfEnd(lastEnd)
	lo := lastEnd
	mark, itemsMark := len(s.undo), len(cx.items)
	fail := func() (bool, int, int) {
		s.rollback(mark)
		cx.items = cx.items[:itemsMark]
		return false, cx.lastExcl, dayStart(day + 1)
	}
	for _, q := range cx.pending {
		onDay := -1
		if m.h.DeliberationMin > 0 {
			onDay = day
		}
		x, ok := s.findSlot(j, cx.end[q], never, m.h.CorrectionMin, onDay)
		if !ok {
			return fail()
		}
		s.addBusy(j, ival{x, x + m.h.CorrectionMin}, m.h.CorrectionMin)
		s.addWork(j, m.h.CorrectionMin)
		cx.items = append(cx.items, placed{ep: q, task: TaskCorrection, jury: j, segs: []ival{{x, x + m.h.CorrectionMin}}})
		lo = max(lo, x+m.h.CorrectionMin)
	}
	if d := m.h.DeliberationMin; d > 0 {
		x, ok := s.findSlot(j, lo, never, d, day)
		if !ok {
			return fail()
		}
		s.addBusy(j, ival{x, x + d}, d)
		s.addWork(j, d)
		cx.items = append(cx.items, placed{ep: -1, task: TaskDeliberation, jury: j, segs: []ival{{x, x + d}}})
	}
	return true, 0, 0
}
