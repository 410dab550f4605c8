package plan

import (
	"slices"
)

// The placement of candidates: a serial list scheduler. It places the
// candidates one after another, each as early as it can finish given
// those already placed, trying every jury that differs (the working ones
// and one fresh one) and every order of its épreuves. A candidate is
// placed épreuve by épreuve, earliest start first, with its hidden tasks
// fitted into its jury's free time; a successor bound by a maximum gap
// (no_wait) that cannot follow sends the placement back to its
// predecessor with the earliest start that could work. Every placement is
// checked against the rules as it is made, so whatever the scheduler
// returns is a valid plan.

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
	start int // segs[0].s, where the scheduler looks for a sitting to join
	jury  int
	count int
}

// options tune the heuristic; the search draws them for its restarts and
// its repairs, except fillSittings, which one probe sets.
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
	// delayLast has every candidate's last épreuve (constraint last) skip
	// its earliest start for the next block: placed first come first, a
	// short last épreuve splits the block it ends in, where another
	// candidate's longer run of épreuves on the same unit or jury would fit.
	delayLast bool
	// fillSittings has the candidates fill the sittings of observed
	// épreuves rather than each open its own (sitgroup.go).
	fillSittings bool
	// fill places a candidate with a working jury whenever one can take
	// it, a fresh jury only otherwise: the plans have few juries.
	fill bool
	// firstJury breaks ties by the juries' numbers, not their work: the
	// first jury that fits takes the candidate, the first free one a new
	// sitting (as the naive serial schedule does).
	firstJury bool
	// order, when positive, is 1 + the index of the one épreuve order
	// every candidate follows: the same order for all makes a regular
	// pipeline, where each candidate's best order may leave holes.
	order int
}

// maxCandOptions bounds the options (an order of the épreuves and a
// jury) tried for one candidate before the orders are chosen apart from
// the juries.
const maxCandOptions = 48

// candOrders returns the épreuve orders candidate c may follow: the
// search's one order, or all of them, from a rotating first one.
func (s *search) candOrders(c int) [][]int {
	m := s.m
	if s.opt.order > 0 {
		return m.orders[s.opt.order-1 : s.opt.order]
	}
	out := make([][]int, len(m.orders))
	for i := range out {
		out[i] = m.orders[(i+s.opt.orderBias)%len(m.orders)]
	}
	return out
}

// leastWorking returns, among juries, the working one with the least
// work, or the first.
func (s *search) leastWorking(juries []int) int {
	best := juries[0]
	for _, j := range juries {
		if j >= 0 && s.juries[j].work > 0 && (s.juries[best].work == 0 || s.juries[j].work < s.juries[best].work) {
			best = j
		}
	}
	return best
}

// addCandidate places candidate c at its best option: the earliest finish
// over the juries that differ and the orders of its épreuves.
func (s *search) addCandidate(c int) bool {
	s.release(c)
	juries := s.juryChoices(c)
	s.drawDelays()
	type choice struct {
		order       []int
		jury, score int
		work        int
		working     bool
		steps       int // the steps its placement took
	}
	var best *choice
	better := func(a, b *choice) bool {
		if s.opt.fill && a.working != b.working {
			return a.working
		}
		if a.score != b.score {
			return a.score < b.score
		}
		// A tie: the jury with less work, which balances the juries (a
		// fresh one first); or, as the naive schedule does, a working jury
		// rather than a fresh one, then the first.
		if s.opt.firstJury {
			if a.working != b.working {
				return a.working
			}
			return a.jury < b.jury
		}
		return a.work < b.work
	}
	evaluate := func(order []int, j int) {
		working := j >= 0 && s.juries[j].work > 0
		// An option can only win by finishing before the best so far (its
		// score adds noise to its finish, never less), unless fill prefers
		// it for its working jury.
		s.cutoff = never
		if best != nil {
			if s.opt.fill && best.working && !working {
				return
			}
			if !s.opt.fill || best.working == working {
				s.cutoff = best.score
			}
		}
		mark, used, kept := s.mark(), s.steps.used, s.arenaMark()
		s.candSteps = 0
		cx, ok := s.tryCandidate(c, order, j)
		if !ok {
			s.arenaRewind(kept)
			return
		}
		ch := choice{order: order, jury: j, score: cx.finish(), working: working, steps: s.steps.used - used}
		s.rollback(mark)
		if j >= 0 {
			ch.work = s.juries[j].work
		}
		if s.opt.noise > 0 {
			ch.score += s.rng.IntN(s.opt.noise + 1)
		}
		if best == nil || better(&ch, best) {
			best = &ch
			s.bestItems = append(s.bestItems[:0], cx.items...)
		} else {
			s.arenaRewind(kept) // nothing holds its items
		}
	}
	orders := s.candOrders(c)
	if len(orders)*len(juries) <= maxCandOptions {
		// Every order with every jury.
		for _, order := range orders {
			for _, j := range juries {
				evaluate(order, j)
			}
		}
	} else {
		// The order first, with the jury that has the least work; then
		// every jury with that order.
		for _, order := range orders {
			evaluate(order, s.leastWorking(juries))
		}
		if best != nil {
			order := best.order
			for _, j := range juries {
				evaluate(order, j)
			}
		}
	}
	s.cutoff = never
	if best == nil {
		if s.pinnedJury(c) >= 0 {
			// The template's jury cannot take it: let any jury.
			s.pins[c] = unpinJury(s.pins[c])
			return s.addCandidate(c)
		}
		return false
	}
	return s.placeBest(c, best.order, best.jury, best.steps)
}

// keepBestItems lets placeBest and the serial schedule put a candidate's
// best placement back from its items rather than place it again; the
// tests turn it off to show that both give the same partial plan.
var keepBestItems = true

// placeBest places candidate c with the order and jury of its best
// option, which took steps steps when it was tried. Placed again, the
// option would take the same path to the same items, on the same partial
// plan, and count the same steps: unless a look at the budget on the way
// may stop it, its items, kept when it was tried (bestItems), are put
// back as they were, and its steps counted, without the placement.
func (s *search) placeBest(c int, order []int, jury, steps int) bool {
	if keepBestItems && s.steps.used+steps < s.steps.stop {
		s.steps.used += steps
		s.restoreCandidate(c, slices.Clone(s.bestItems))
		return true
	}
	s.candSteps = 0
	cx, ok := s.tryCandidate(c, order, jury)
	if !ok {
		return false
	}
	s.setPlan(c, slices.Clone(cx.items))
	return true
}

// juryChoices returns the juries worth trying for candidate c: the
// template's, or every working jury and one fresh one (fresh juries are
// alike); -1 alone when the candidate has no exclusive épreuve.
func (s *search) juryChoices(c int) []int {
	if !s.m.hasExclusive {
		return []int{-1}
	}
	if j := s.pinnedJury(c); j >= 0 {
		return []int{j}
	}
	var juries []int
	fresh := false
	for j := range s.juries {
		switch {
		case s.juries[j].off:
		case s.juries[j].work > 0:
			juries = append(juries, j)
		case !fresh:
			juries = append(juries, j)
			fresh = true
		}
	}
	return juries
}

// drawDelays draws which épreuves of the next candidate skip their
// earliest start (options.delay, options.delayLast) and, with
// options.fillSittings, delays the épreuves that follow a sitting.
func (s *search) drawDelays() {
	s.delayed = s.delayed[:0]
	leave := s.opt.fillSittings && s.m.sits.after != nil
	if s.opt.delay == 0 && (!s.opt.delayLast || s.m.last < 0) && !leave {
		return
	}
	for e := range s.m.eps {
		d := s.opt.delayLast && e == s.m.last || leave && s.m.sits.after[e]
		if s.opt.delay > 0 {
			d = s.rng.IntN(100) < s.opt.delay || d
		}
		s.delayed = append(s.delayed, d)
	}
}

// reserve holds, in each pinned jury's time, the template's jury parts of
// every candidate, so that the candidates placed first leave them free.
func (s *search) reserve(pins [][]pin) {
	s.pins = pins
	s.reserved = make([][]reservation, len(pins))
	for c := range pins {
		for _, p := range pins[c] {
			if p.set && p.hold {
				s.holdUnits(c, p)
			}
			if !p.set || p.jury < 0 || p.jury >= len(s.juries) {
				continue
			}
			js := &s.juries[p.jury]
			d := dayOf(p.span.s)
			if c, _ := conflict(js.busy, p.span.s, p.span.e); c || d >= len(js.load) {
				continue
			}
			s.addBusy(p.jury, p.span, p.span.e-p.span.s)
			s.reserved[c] = append(s.reserved[c], reservation{jury: p.jury, span: p.span})
		}
	}
}

// release frees candidate c's reservations, before it is placed.
func (s *search) release(c int) {
	if s.reserved == nil || len(s.reserved[c]) == 0 {
		return
	}
	for _, r := range s.reserved[c] {
		if r.jury < 0 {
			s.useDrop(r.unit, use{r.span.s, r.span.e, c})
			continue
		}
		s.dropBusy(r.jury, r.span, r.span.e-r.span.s)
	}
	s.pushReplaced(replaced{reservations: s.reserved[c]})
	s.log = append(s.log, change{kind: changeReserved, cand: int32(c)})
	s.reserved[c] = nil
}

// reservation is a pinned part held for its candidate: in jury's time,
// or, with jury -1, on unit.
type reservation struct {
	jury int
	unit unitRef
	span ival
}

// holdUnits holds the units of pin p for candidate c when they are free.
func (s *search) holdUnits(c int, p pin) {
	sp := ival{p.start, p.span.e}
	for u := p.u; u < p.u+p.units; u++ {
		if ok, _ := s.unitFree(p.rt, u, sp, c, 0); !ok {
			return
		}
	}
	for u := p.u; u < p.u+p.units; u++ {
		r := unitRef{p.rt, u}
		s.useAdd(r, use{sp.s, sp.e, c})
		s.reserved[c] = append(s.reserved[c], reservation{jury: -1, unit: r, span: sp})
	}
}

// alignStart returns the earliest instant from t at which an item of dur
// minutes may start: inside a block, lead minutes after the block's start
// (the accueil before a first exclusive épreuve), and, unless split, ending
// in the same block. It returns never past the horizon.
func (s *search) alignStart(t, dur, lead int, split bool) int {
	return s.m.align(t, dur, lead, split, s.horizon)
}

// align is alignStart within horizon days.
func (m *model) align(t, dur, lead int, split bool, horizon int) int {
	first := dayOf(t)
	for {
		d, b, _ := m.blockOf(t)
		if b == len(m.blocks) {
			d, b = d+1, 0
			t = dayStart(d)
		}
		// Every day after the first has the same blocks: when a whole one
		// holds no start, none ever will.
		if d >= horizon || d > first+1 {
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
func (s *search) findSlot(j, lo, hi, dur, onDay int) (int, bool) {
	js := &s.juries[j]
	x := lo
	// i is the first busy interval ending after x: x only moves on, so
	// the search for it does too (nextEnding).
	i := -1
	for tries := 0; ; tries++ {
		if tries%16 == 0 {
			// A start tried here costs a sixteenth of a placement's step.
			s.steps.used++
		}
		x = s.alignStart(x, dur, 0, false)
		if x == never || x+dur > hi || (onDay >= 0 && dayOf(x) != onDay) {
			return 0, false
		}
		if i = nextEnding(js.busy, i, x); i < len(js.busy) && js.busy[i].s < x+dur {
			x = js.busy[i].e // the conflict's end
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
// earliest start worth trying next: past the conflicting use, and past the
// uses after it that leave no gap of length minutes between them (a use
// that long cannot start in such a gap).
func (s *search) unitFree(rt, u int, sp ival, c, length int) (bool, int) {
	uses, reset := s.units[rt][u], s.m.types[rt].reset
	// Uses never overlap, so they are sorted by end too: skip those that
	// end (reset included) before sp starts.
	i := useEndingAfterHint(uses, reset, sp.s, &s.useHints[rt][u])
	return unitFreeFrom(uses, i, reset, sp, c, length)
}

// unitFreeFrom is search.unitFree on a unit's uses, with the reset of its
// type (chooseUnits looks them up once for all the units of a type), given
// i, the first use that ends (reset included) after sp starts.
func unitFreeFrom(uses []use, i, reset int, sp ival, c, length int) (bool, int) {
	after := func(x use) int {
		return min(x.e+reset, dayStart(dayOfEnd(x.e)+1))
	}
	for k, x := range uses[i:] {
		if x.s >= sp.e+reset {
			break
		}
		switch {
		case x.s < sp.e && sp.s < x.e,
			x.cand != c && x.e <= sp.s && dayOfEnd(x.e) == dayOf(sp.s) && sp.s < x.e+reset,
			x.cand != c && sp.e <= x.s && dayOfEnd(sp.e) == dayOf(x.s) && x.s < sp.e+reset:
			next := after(x)
			for _, y := range uses[i+k+1:] {
				if y.cand == c || y.s >= next+length {
					break
				}
				next = max(next, after(y))
			}
			return false, next
		}
	}
	return true, 0
}

// chooseUnits picks the units épreuve e needs over span sp for candidate c:
// the station's units when the candidate already holds them, otherwise the
// first free ones. It returns the earliest start worth trying next on
// failure.
func (s *search) chooseUnits(cx *candCtx, e int, sp ival, buf []unitRef) ([]unitRef, bool, int) {
	info := &s.m.eps[e]
	refs := buf[:0]
	if info.station >= 0 {
		if fixed := cx.station[info.station]; fixed != nil {
			next := never
			for _, r := range fixed {
				if ok, n := s.unitFree(r.rt, r.u, sp, cx.c, info.dur); !ok {
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
		units, reset := s.units[nd.rt], s.m.types[nd.rt].reset
		hints := s.useHints[nd.rt]
		for u, uses := range units {
			if pn.set && pn.rt == nd.rt && (u < pn.u || u >= pn.u+pn.units) {
				continue
			}
			i := useEndingAfterHint(uses, reset, sp.s, &hints[u])
			if ok, n := unitFreeFrom(uses, i, reset, sp, cx.c, info.dur); ok {
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
	// pending[done:] are the corrected épreuves awaiting their
	// correction: pending only grows during a placement (and shrinks by
	// a rollback), so that a mark is its length and done, not a copy.
	pending   []int
	done      int
	sitJuries []int // juries of the sittings the candidate sits
}

// newCandCtx starts a candidate's placement, in the search's one context:
// a candidate is placed at a time, and its items are copied when kept.
func (s *search) newCandCtx(c int, order []int, jury int) *candCtx {
	m := s.m
	cx := &s.cand
	if cx.pos == nil {
		cx.pos, cx.start, cx.end = make([]int, len(m.eps)), make([]int, len(m.eps)), make([]int, len(m.eps))
		cx.station = map[int][]unitRef{}
	}
	*cx = candCtx{c: c, order: order, pos: cx.pos, jury: jury, firstExcl: -1, lastExcl: -1,
		start: cx.start, end: cx.end, station: cx.station,
		items: cx.items[:0], pending: cx.pending[:0], done: 0, sitJuries: cx.sitJuries[:0]}
	clear(cx.start)
	clear(cx.end)
	clear(cx.station)
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

// candMark is where a candidate's placement stood, to return to.
type candMark struct {
	log, items, sitJuries, pending, done int
}

func (s *search) candMark(cx *candCtx) candMark {
	return candMark{log: s.mark(), items: len(cx.items), sitJuries: len(cx.sitJuries), pending: len(cx.pending), done: cx.done}
}

// candRollback returns the candidate's placement to mk. The units the
// candidate took for a station group stay its own (cx.station): a later
// try of the group, after the placement that chose them is undone, keeps
// to them. Giving them back was measured: 83 of the population's 1 334
// plans changed, the primary measure lost one input, and a sample (TAI,
// 30 candidates) a day; keeping a candidate to its first choice of station
// keeps the stations compact.
func (s *search) candRollback(cx *candCtx, mk candMark) {
	s.rollback(mk.log)
	cx.items = cx.items[:mk.items]
	cx.sitJuries = cx.sitJuries[:mk.sitJuries]
	cx.pending, cx.done = cx.pending[:mk.pending], mk.done
}

// waiting returns the corrected épreuves awaiting their correction.
func (cx *candCtx) waiting() []int { return cx.pending[cx.done:] }

// tryCandidate places candidate c with the given order and jury on top of
// the current state. On failure the state is as before.
func (s *search) tryCandidate(c int, order []int, jury int) (*candCtx, bool) {
	mark := s.mark()
	cx := s.newCandCtx(c, order, jury)
	if r := s.place(cx, 0); !r.ok || !s.closuresFit(cx) {
		s.rollback(mark)
		return nil, false
	}
	return cx, true
}

// closuresFit reports whether every jury the candidate works with still
// has room for its closure after all its tasks.
func (s *search) closuresFit(cx *candCtx) bool {
	if cx.jury >= 0 && !s.closureFits(cx.jury) {
		return false
	}
	for _, j := range cx.sitJuries {
		if !s.closureFits(j) {
			return false
		}
	}
	return true
}

func (s *search) closureFits(j int) bool {
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

// placeResult is the outcome of placing a candidate's épreuves from a
// position on: placed, or the position the placement must move back to
// (-1: give up) and the earliest start that position should try next.
type placeResult struct {
	ok     bool
	backTo int
	from   int
}

var giveUp = placeResult{backTo: -1}

// window is where the épreuve at a position may start: no earlier than lo
// (the previous épreuve's end, the constraints' minimum gaps and days, a
// template's pin), no later than hi, the tightest maximum gap, which
// comes from épreuve hiFrom with gap hiGap; lead is the accueil before
// it when it is the first exclusive épreuve.
type window struct {
	lo, hi, hiFrom, hiGap, lead int
}

// place places the épreuves of cx.order from position pos on, in named
// steps: the window of the épreuve, the hidden tasks that must come
// before it, then its starts one by one (scanStarts), each followed by
// the rest of the order.
func (s *search) place(cx *candCtx, pos int) placeResult {
	if pos == len(cx.order) {
		return s.finishCandidate(cx)
	}
	mk := s.candMark(cx)
	w := s.window(cx, pos)
	if !s.placeTasksBefore(cx, pos, &w) {
		s.candRollback(cx, mk)
		return giveUp
	}
	r := s.scanStarts(cx, pos, w)
	if !r.ok {
		s.candRollback(cx, mk)
	}
	return r
}

// window computes where the épreuve at pos may start, from the
// constraints into it and the épreuves already placed.
func (s *search) window(cx *candCtx, pos int) window {
	m := s.m
	e := cx.order[pos]
	w := window{lo: m.blockStart(0, 0), hi: never, hiFrom: -1}
	if pos > 0 {
		w.lo = cx.end[cx.order[pos-1]]
	}
	for _, ed := range m.preds[e] {
		pe := cx.end[ed.from]
		pd := dayOfEnd(pe)
		if ed.nextDay {
			w.lo = max(w.lo, dayStart(pd+1))
		} else {
			x := pe + ed.minGap
			if x >= m.dayEnd(pd) && ed.minGap > 0 {
				x = dayStart(pd + 1)
			}
			w.lo = max(w.lo, x)
		}
		if ed.maxGap >= 0 {
			if h := min(pe+ed.maxGap, m.dayEnd(pd)); h < w.hi {
				w.hi, w.hiFrom, w.hiGap = h, ed.from, ed.maxGap
			}
		}
	}
	if s.pins != nil && s.pins[cx.c][e].set {
		w.lo = max(w.lo, s.pins[cx.c][e].start)
	}
	if m.eps[e].pres == Exclusive && pos == cx.firstExcl {
		w.lead = m.h.AccueilMin
		prevEnd := m.blockStart(0, 0)
		if pos > 0 {
			prevEnd = cx.end[cx.order[pos-1]]
		}
		w.lo = max(w.lo, prevEnd+w.lead)
	}
	return w
}

// placeTasksBefore places, before an exclusive épreuve, the hidden tasks
// its jury does first: the candidate's reading before the first exclusive
// épreuve, and the corrections pending; it moves the window's start past
// them.
func (s *search) placeTasksBefore(cx *candCtx, pos int, w *window) bool {
	m := s.m
	if m.eps[cx.order[pos]].pres != Exclusive {
		return true
	}
	j := cx.jury
	if pos == cx.firstExcl && m.h.ReadingMin > 0 {
		x, ok := s.findSlot(j, 0, never, m.h.ReadingMin, -1)
		if !ok {
			return false
		}
		s.addTask(cx, placed{ep: -1, task: TaskReading, jury: j, segs: s.ivals.one(ival{x, x + m.h.ReadingMin})})
		w.lo = max(w.lo, x+m.h.ReadingMin+w.lead)
	}
	for _, q := range cx.waiting() {
		x, ok := s.findSlot(j, cx.end[q], never, m.h.CorrectionMin, -1)
		if !ok {
			return false
		}
		s.addTask(cx, placed{ep: q, task: TaskCorrection, jury: j, segs: s.ivals.one(ival{x, x + m.h.CorrectionMin})})
		w.lo = max(w.lo, x+m.h.CorrectionMin+w.lead)
	}
	cx.done = len(cx.pending)
	return true
}

// addTask gives a hidden task (one segment) to its jury and the
// candidate.
func (s *search) addTask(cx *candCtx, it placed) {
	iv := it.segs[0]
	s.addJuryWork(it.jury, iv)
	cx.items = append(cx.items, it)
}

// scanStarts tries the starts of the épreuve at pos from w.lo on, each
// followed by the placement of the rest of the order, until one works,
// the window or the horizon ends, or the candidate's steps run out.
func (s *search) scanStarts(cx *candCtx, pos int, w window) placeResult {
	m := s.m
	e := cx.order[pos]
	info := &m.eps[e]
	skipped := false
	for t := w.lo; ; {
		s.steps.used++
		if s.candSteps++; s.candSteps > maxCandSteps || s.steps.cut() {
			return giveUp
		}
		t = s.alignStart(s.gridStart(e, s.alignStart(t, info.dur, w.lead, info.split), w.hi), info.dur, w.lead, info.split)
		if t == never {
			return giveUp
		}
		if t+info.dur > s.cutoff {
			return giveUp // this option cannot finish before a better one
		}
		if t > w.hi {
			// Too late for the maximum gap: the predecessor must end later,
			// gap minutes before t: it starts at the latest start that
			// ends it by then.
			p := cx.pos[w.hiFrom]
			pe := &m.eps[w.hiFrom]
			from := m.latestStart(t-w.hiGap, pe.dur, pe.split)
			return placeResult{backTo: p, from: max(cx.start[w.hiFrom]+1, from)}
		}
		mk := s.candMark(cx)
		ok, next := s.tryAt(cx, e, t, w.lead)
		if !ok {
			t = max(next, t+1)
			continue
		}
		if tj, moved := s.moveSitting(cx, e, t, w, mk); moved {
			if tj < 0 {
				t++
				continue
			}
			t = tj
		}
		if !skipped && len(s.delayed) > 0 && s.delayed[e] {
			// Leave this start to others: try from the next block.
			skipped = true
			s.candRollback(cx, mk)
			_, b, _ := m.blockOf(t)
			t = m.blockEnd(dayOf(t), b)
			continue
		}
		if info.corrected && m.h.CorrectionMin > 0 && cx.jury >= 0 {
			cx.pending = append(cx.pending, e)
		}
		r := s.place(cx, pos+1)
		if r.ok {
			return r
		}
		s.candRollback(cx, mk)
		if r.backTo != pos {
			return r
		}
		t = max(t+1, r.from)
	}
}

// joinLaterSitting moves an observed épreuve just placed at t in a sitting
// of its own to a later sitting it can join, when one starts within the
// join slack: a new sitting costs a jury its whole length. It reports
// whether it moved, and the new start (-1: neither start works any more).
func (s *search) joinLaterSitting(cx *candCtx, e, t int, w window, mk candMark) (int, bool) {
	if s.m.eps[e].pres != Observe || s.opt.joinSlack == 0 {
		return t, false
	}
	it := cx.items[len(cx.items)-1]
	if it.jury < 0 || s.sittings[e][len(s.sittings[e])-1].count != 1 {
		return t, false
	}
	tj, found := s.joinableAfter(cx, e, t, min(w.hi, t+s.opt.joinSlack))
	if !found {
		return t, false
	}
	return s.retryLater(cx, mk, e, tj, t, w.lead), true
}

// retryLater undoes the candidate's placement of e at t back to mk and
// places it at later instead, or at t again when later does not fit: the
// start it took, or -1 when neither fits.
func (s *search) retryLater(cx *candCtx, mk candMark, e, later, t, lead int) int {
	s.candRollback(cx, mk)
	for _, at := range [2]int{later, t} {
		if ok, _ := s.tryAt(cx, e, at, lead); ok {
			return at
		}
	}
	return -1
}

// joinableAfter returns the earliest sitting of épreuve e starting in
// (after, until] that the candidate can join.
func (s *search) joinableAfter(cx *candCtx, e, after, until int) (int, bool) {
	best, found := 0, false
	for _, st := range s.sittings[e] {
		t := st.start
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

// tryAt places épreuve e at t when every rule allows it, and otherwise
// returns the earliest start worth trying next.
func (s *search) tryAt(cx *candCtx, e, t, lead int) (bool, int) {
	m := s.m
	info := &m.eps[e]
	segs := m.segments(t, info.dur, info.split, s.horizon, s.segBuf[:0])
	if segs == nil {
		return false, never
	}
	s.segBuf = segs
	sp := ival{segs[0].s, segs[len(segs)-1].e}
	refs, ok, next := s.chooseUnits(cx, e, sp, s.refBuf[:0])
	if cap(refs) > cap(s.refBuf) {
		s.refBuf = refs[:0] // the next tries reuse it
	}
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
		if jury, join, next = s.sittingFor(e, t, segs, s.watcher(cx.c, e)); jury < 0 {
			return false, next
		}
	}
	// Every rule holds: record the placement.
	segs = s.ivals.clone(segs)
	if lead > 0 {
		acc := ival{t - lead, t}
		s.addJuryWork(jury, acc)
		cx.items = append(cx.items, placed{ep: -1, task: TaskAccueil, jury: jury, segs: s.ivals.one(acc)})
	}
	switch {
	case info.pres == Exclusive || (info.pres == Observe && join < 0):
		for _, sg := range segs {
			s.addJuryWork(jury, sg)
		}
		if info.pres == Observe {
			s.sittingNew(e, sitting{segs: segs, jury: jury, count: 1})
			cx.sitJuries = append(cx.sitJuries, jury)
		}
	case join >= 0:
		s.sittingJoin(e, join)
	}
	refs = s.refs.clone(refs)
	for _, r := range refs {
		s.useAdd(r, use{sp.s, sp.e, cx.c})
	}
	if info.station >= 0 && cx.station[info.station] == nil {
		cx.station[info.station] = refs
	}
	cx.start[e], cx.end[e] = sp.s, sp.e
	cx.items = append(cx.items, placed{ep: e, jury: jury, units: refs, segs: segs})
	return true, 0
}

// sittingFor finds who watches observed épreuve e over segs: a sitting at
// exactly that interval with room (its jury, its index), or for a new
// sitting (index -1) the jury prefer when it is free (the watcher a
// sitting pattern gives it; -1: none), else the free jury with the least
// work; jury -1 and the earliest start worth trying next when none.
func (s *search) sittingFor(e, t int, segs []ival, prefer int) (jury, join, next int) {
	if s.starts.maybe(e, t) {
		for i, st := range s.sittings[e] {
			if st.start == t && st.count < s.m.eps[e].obsCap {
				return st.jury, i, 0
			}
		}
	}
	if prefer >= 0 {
		if ok, _ := s.juryFree(prefer, segs, 0); ok {
			return prefer, -1, 0
		}
	}
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
		if s.opt.firstJury {
			break
		}
	}
	return best, -1, next
}

// juryFree checks jury j over the segments (and the lead minutes of accueil
// before the first) and its day budget.
func (s *search) juryFree(j int, segs []ival, lead int) (bool, int) {
	js := &s.juries[j]
	for i, sg := range segs {
		from := sg.s
		if i == 0 {
			from -= lead
		}
		if c, end := conflictHint(js.busy, from, sg.e, &s.busyHints[j]); c {
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
func (s *search) finishCandidate(cx *candCtx) placeResult {
	m := s.m
	if cx.jury < 0 {
		return placeResult{ok: true}
	}
	j := cx.jury
	lastEnd := cx.end[cx.order[cx.lastExcl]]
	day := dayOfEnd(lastEnd)
	lo := lastEnd
	mk := s.candMark(cx)
	fail := func() placeResult {
		s.candRollback(cx, mk)
		return placeResult{backTo: cx.lastExcl, from: dayStart(day + 1)}
	}
	for _, q := range cx.waiting() {
		onDay := -1
		if m.h.DeliberationMin > 0 {
			onDay = day
		}
		x, ok := s.findSlot(j, cx.end[q], never, m.h.CorrectionMin, onDay)
		if !ok {
			return fail()
		}
		s.addTask(cx, placed{ep: q, task: TaskCorrection, jury: j, segs: s.ivals.one(ival{x, x + m.h.CorrectionMin})})
		lo = max(lo, x+m.h.CorrectionMin)
	}
	if d := m.h.DeliberationMin; d > 0 {
		x, ok := s.floatingSlot(j, lo, d, day, true)
		if !ok {
			return fail()
		}
		s.addTask(cx, placed{ep: -1, task: TaskDeliberation, jury: j, segs: s.ivals.one(ival{x, x + d})})
	}
	return placeResult{ok: true}
}

// pinnedJury is the jury the template gives candidate c, or -1.
func (s *search) pinnedJury(c int) int {
	if s.pins == nil {
		return -1
	}
	for _, p := range s.pins[c] {
		if p.set && !p.watch && p.jury >= 0 && p.jury < len(s.juries) && !s.juries[p.jury].off {
			return p.jury
		}
	}
	return -1
}

// watcher is the jury a sitting pattern gives the sitting of épreuve e
// that candidate c opens (sitpattern.go), or -1.
func (s *search) watcher(c, e int) int {
	if s.pins == nil {
		return -1
	}
	if p := s.pins[c][e]; p.set && p.watch && p.jury >= 0 && p.jury < len(s.juries) && !s.juries[p.jury].off {
		return p.jury
	}
	return -1
}

// unpinJury returns a copy of a candidate's pins without their jury.
func unpinJury(pins []pin) []pin {
	out := slices.Clone(pins)
	for i := range out {
		out[i].jury = -1
	}
	return out
}
