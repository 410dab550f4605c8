package plan

import (
	"context"
	"math/rand/v2"
	"slices"
)

// search is the planner's one mutable value. The compiled input (model)
// and its lower bounds (bounds) never change once built; everything the
// search changes lives here:
//
//   - the step budget, which bounds the search and makes its result
//     depend on the input, the seed and the budget only, not on the
//     machine (steps);
//   - the random source, seeded once (rng);
//   - the partial plan being built: each jury's, unit's and sitting's
//     timeline and each candidate's items (the plan fields below);
//   - the undo log of every change to the partial plan (log).
//
// Every change goes through the log, so that placement (trying a
// candidate's options), the large neighbourhood search (taking candidates
// out and putting them back) and the search's bookkeeping of its best
// plans (a checkpoint to return to, a solution to install again) all undo
// by rolling the log back to a mark.
type search struct {
	m *model
	b *bounds

	steps  stepBudget
	rng    *rand.Rand
	params searchParams // as asked, for the answer's words

	// The partial plan: k juries, within horizon days.
	k, horizon int
	juries     []juryState
	busyHints  []int32   // [jury]: where the last search of its busy time ended (firstEndingHint)
	units      [][][]use // [type][unit]
	useHints   [][]int32 // [type][unit]: where the last search of the unit's uses ended (useEndingAfterHint)
	sittings   [][]sitting
	starts     sittingStarts // a filter over the sittings' starts
	plans      [][]placed
	// closed: the closures are placed, and days counts the days used.
	closed bool
	days   int
	// pins and reserved hold a station template's uses (see template.go).
	pins     [][]pin
	reserved [][]reservation

	log      []change
	replaced []replaced // what the log's changes with references replaced
	// current is the solution the partial plan is, if it is one.
	current *solution

	// opt tunes the heuristic of the placement in progress.
	opt options
	// runs bounds the fresh runs for one target in the current phase.
	runs int
	// goal holds the bounds of the whole search, once known: a plan that
	// meets both ends it (atBounds).
	goal *LowerBounds
	// shortening: min_juries has its juries and now looks for fewer
	// days, where deliberations go back to their earliest place
	// (floating.go).
	shortening bool
	// fills: the search tries filling sittings (sitgroup.go).
	fills bool
	// failedProbes are the probes known to fail (fewjuries.go).
	failedProbes map[probeKey]bool
	// widened holds the juries and days a plan over a wider horizon has
	// been shortened into, once (horizon.go).
	widened map[[2]int]bool
	// cand is the placement in progress of one candidate: its steps (a
	// candidate gives up past maxCandSteps), its épreuves that skip their
	// earliest start, and scratch buffers.
	cand      candCtx // the placement in progress (newCandCtx)
	candSteps int
	cutoff    int // an option of the candidate finishing later loses
	delayed   []bool
	segBuf    []ival
	bestItems []placed // the items of the candidate's best option so far
	refBuf    []unitRef
	// ivals and refs hold the segments and units of the items placed.
	ivals arena[ival]
	refs  arena[unitRef]
}

// stepBudget counts the scheduler's steps over the whole search. A step
// is one start time tried for one épreuve, well under a microsecond. The
// search stops improving past total; each phase of the search stops at
// limit, so that it leaves some of the budget to the next; a placement of
// the candidates (a probe, a run) stops at stop, which is total unless a
// phase is bounded (bounded): a placement begun in a phase may otherwise
// finish in the next.
type stepBudget struct {
	used, total, limit, stop int
	// ctx, when not nil, ends the search when it ends: stopped tells that
	// it has (interrupted); looks counts the looks at the budget.
	ctx     context.Context
	stopped bool
	looks   int
}

// interrupted reports whether the computation's context has ended,
// looking at it once every 1024 looks at the budget. Once it has, every
// look at the budget finds it spent, so that every phase, placement and
// run of the search ends; a context that does not end changes nothing.
func (b *stepBudget) interrupted() bool {
	if b.stopped {
		return true
	}
	if b.ctx == nil {
		return false
	}
	if b.looks++; b.looks&1023 != 0 || b.ctx.Err() == nil {
		return false
	}
	b.stopped = true
	return true
}

// cut reports whether a placement must stop.
func (b *stepBudget) cut() bool { return b.interrupted() || b.used >= b.stop }

// bounded makes placements stop at the current phase's limit, and returns
// a function that ends that.
func (b *stepBudget) bounded() func() {
	outer := b.stop
	b.stop = min(outer, b.limit)
	return func() { b.stop = outer }
}

// spent reports whether the current phase has used its steps.
func (b *stepBudget) spent() bool { return b.interrupted() || b.used >= b.limit }

// exhausted reports whether the whole budget is used.
func (b *stepBudget) exhausted() bool { return b.interrupted() || b.used >= b.total }

// phase gives the next phase share/of of what is left of the current
// one, and returns a function that ends it (the current one's limit
// back). Phases nest.
func (b *stepBudget) phase(share, of int) func() {
	outer := b.limit
	b.limit = b.used + max(0, outer-b.used)*share/of
	return func() { b.limit = outer }
}

// maxCandSteps bounds the steps of one candidate's placement: a candidate
// that cannot be placed within them is left out.
const maxCandSteps = 20000

func newSearch(m *model, b *bounds, p searchParams) *search {
	steps := p.steps()
	return &search{m: m, b: b, params: p, runs: maxRestarts,
		steps: stepBudget{total: steps, limit: steps, stop: steps},
		rng:   rand.New(rand.NewPCG(p.seed, 0x5eed)),
	}
}

// reset starts a new partial plan with k juries within horizon days:
// nothing placed, each jury's briefing at its first slot. The log starts
// empty: nothing before can be rolled back to.
func (s *search) reset(k, horizon int) {
	m := s.m
	s.k, s.horizon = k, horizon
	s.clearTimelines(k, horizon)
	s.closed, s.days = false, 0
	s.pins, s.reserved = nil, nil
	s.forget()
	s.current = nil
	s.cutoff = never
	s.opt = options{joinSlack: minutesPerDay}
	first := m.blockStart(0, 0)
	for j := range s.juries {
		js := &s.juries[j]
		js.load[0] = m.open
		js.brief = ival{first, first}
		if br := m.h.JuryBriefingMin; br > 0 {
			if x, ok := s.findSlot(j, first, never, br, -1); ok {
				js.brief = ival{x, x + br}
				js.load[dayOf(x)] += br
			}
		}
		js.busy = append(js.busy, ival{0, js.brief.e})
	}
}

// clearTimelines empties the partial plan's timelines for k juries within
// horizon days, in the slices of the previous partial plan: a new plan is
// started for every run and probe of the search, and no solution holds
// these slices (a snapshot copies the candidates' items it keeps).
func (s *search) clearTimelines(k, horizon int) {
	m := s.m
	old := s.juries
	s.juries = make([]juryState, k)
	s.busyHints = make([]int32, k)
	for j := range s.juries {
		var busy []ival
		var load []int
		if j < len(old) {
			busy, load = old[j].busy[:0], old[j].load
		}
		if cap(load) >= horizon {
			load = load[:horizon]
			clear(load)
		} else {
			load = make([]int, horizon)
		}
		s.juries[j] = juryState{busy: busy, load: load}
	}
	if s.units == nil {
		s.units = make([][][]use, len(m.types))
		s.useHints = make([][]int32, len(m.types))
		for i, t := range m.types {
			s.units[i] = make([][]use, t.cap)
			s.useHints[i] = make([]int32, t.cap)
		}
		s.sittings = make([][]sitting, len(m.eps))
		s.starts = make(sittingStarts, len(m.eps))
		s.plans = make([][]placed, m.n)
	}
	for i := range s.units {
		for u := range s.units[i] {
			s.units[i][u] = s.units[i][u][:0]
		}
	}
	clear(s.starts)
	for e := range s.sittings {
		clear(s.sittings[e]) // their segments may go
		s.sittings[e] = s.sittings[e][:0]
	}
	clear(s.plans)
}

// The undo log.

// changeKind names a change to the partial plan.
type changeKind uint8

const (
	changeBusyAdd      changeKind = iota + 1 // iv added to jury's busy time
	changeBusyDrop                           // iv taken from jury's busy time
	changeLoad                               // minutes added to jury's load on day
	changeUseAdd                             // the use (iv, cand) added to unit (rt, unit)
	changeUseDrop                            // the use (iv, cand) taken from unit (rt, unit)
	changeSittingNew                         // a sitting appended to ep's
	changeSittingJoin                        // sitting index of ep gained a candidate
	changeSittingLeave                       // sitting index of ep lost a candidate
	changeSittingDrop                        // sitting index of ep deleted; it was before (replaced)
	changePlan                               // cand's items replaced; they were before (replaced)
	changeOff                                // jury's off flag set; flag was before
	changeBrief                              // jury's briefing moved; iv was before
	changeClosure                            // jury's closure set; iv was before
	changeClosed                             // closed and days set; flag and day were before
	changeHorizon                            // horizon set; day was before
	changeReserved                           // cand's reservations released; they were before (replaced)
	changeJuryWork                           // iv added to jury's busy time, minutes to its work and (flag) to its load on day
	changeJuryUnwork                         // iv taken from jury's busy time, minutes from its work and (flag) from its load on day
)

// change is one entry of the undo log: what changed and what it was
// before. Which fields are set depends on kind (see the constants). It
// is small, since the log is written on every start the scheduler tries:
// it holds no references (the few changes that replace a slice keep it
// in the replaced stack, and the collector need not scan the log), its
// indices and minutes are 32-bit, and a unit's use is its interval iv
// and its candidate cand.
type change struct {
	kind                                          changeKind
	flag                                          bool
	jury, day, minutes, rt, unit, ep, index, cand int32
	iv                                            ival
}

// replaced is what a change with references replaced: a candidate's items
// (changePlan), its reservations (changeReserved) or a sitting
// (changeSittingDrop). The search stacks them in the order of the log.
type replaced struct {
	items        []placed
	reservations []reservation
	st           sitting
}

// pushReplaced keeps what the change being logged replaces.
func (s *search) pushReplaced(r replaced) { s.replaced = append(s.replaced, r) }

// popReplaced returns what the change being undone replaced.
func (s *search) popReplaced() replaced {
	r := s.replaced[len(s.replaced)-1]
	s.replaced[len(s.replaced)-1] = replaced{} // drop references
	s.replaced = s.replaced[:len(s.replaced)-1]
	return r
}

// mark returns the log's position, to roll back to.
func (s *search) mark() int { return len(s.log) }

// forget empties the log: what is placed can no longer be rolled back.
// The search calls it where it holds no mark.
func (s *search) forget() {
	s.log = s.log[:0]
	clear(s.replaced)
	s.replaced = s.replaced[:0]
}

// rollback undoes every change after mark, last first.
func (s *search) rollback(mark int) {
	for len(s.log) > mark {
		c := &s.log[len(s.log)-1]
		s.undo(c)
		s.log = s.log[:len(s.log)-1]
	}
}

func (s *search) undo(c *change) {
	switch c.kind {
	case changeBusyAdd:
		js := &s.juries[c.jury]
		js.busy = removeIval(js.busy, c.iv)
	case changeBusyDrop:
		js := &s.juries[c.jury]
		js.busy = insertIval(js.busy, c.iv)
	case changeLoad:
		s.juries[c.jury].load[c.day] -= int(c.minutes)
	case changeUseAdd:
		s.units[c.rt][c.unit] = removeUse(s.units[c.rt][c.unit], use{c.iv.s, c.iv.e, int(c.cand)})
	case changeUseDrop:
		s.units[c.rt][c.unit] = insertUse(s.units[c.rt][c.unit], use{c.iv.s, c.iv.e, int(c.cand)})
	case changeSittingNew:
		n := len(s.sittings[c.ep]) - 1
		s.starts.add(int(c.ep), s.sittings[c.ep][n].start, -1)
		s.sittings[c.ep] = s.sittings[c.ep][:n]
	case changeSittingJoin:
		s.sittings[c.ep][c.index].count--
	case changeSittingLeave:
		s.sittings[c.ep][c.index].count++
	case changeSittingDrop:
		st := s.popReplaced().st
		s.starts.add(int(c.ep), st.start, 1)
		s.sittings[c.ep] = slices.Insert(s.sittings[c.ep], int(c.index), st)
	case changePlan:
		s.plans[c.cand] = s.popReplaced().items
	case changeOff:
		s.juries[c.jury].off = c.flag
	case changeBrief:
		js := &s.juries[c.jury]
		js.brief = c.iv
		js.busy[0] = ival{0, c.iv.e}
	case changeClosure:
		s.juries[c.jury].closure = c.iv
	case changeClosed:
		s.closed, s.days = c.flag, int(c.day)
	case changeHorizon:
		s.horizon = int(c.day)
	case changeReserved:
		s.reserved[c.cand] = s.popReplaced().reservations
	case changeJuryWork, changeJuryUnwork:
		js := &s.juries[c.jury]
		if c.kind == changeJuryWork {
			js.busy = removeIval(js.busy, c.iv)
		} else {
			js.busy = insertIval(js.busy, c.iv)
		}
		if c.flag {
			js.load[c.day] -= int(c.minutes)
		}
		js.work -= int(c.minutes)
	}
}

// The changes. Each applies one change and logs it.

func (s *search) busyAdd(j int, iv ival) {
	js := &s.juries[j]
	js.busy = insertIval(js.busy, iv)
	s.log = append(s.log, change{kind: changeBusyAdd, jury: int32(j), iv: iv})
}

func (s *search) busyDrop(j int, iv ival) {
	js := &s.juries[j]
	js.busy = removeIval(js.busy, iv)
	s.log = append(s.log, change{kind: changeBusyDrop, jury: int32(j), iv: iv})
}

func (s *search) loadAdd(j, day, minutes int) {
	if day >= len(s.juries[j].load) {
		return // beyond the horizon: only a released reservation can be there
	}
	s.juries[j].load[day] += minutes
	s.log = append(s.log, change{kind: changeLoad, jury: int32(j), day: int32(day), minutes: int32(minutes)})
}

func (s *search) useAdd(r unitRef, u use) {
	s.units[r.rt][r.u] = insertUse(s.units[r.rt][r.u], u)
	s.log = append(s.log, change{kind: changeUseAdd, rt: int32(r.rt), unit: int32(r.u), iv: ival{u.s, u.e}, cand: int32(u.cand)})
}

func (s *search) useDrop(r unitRef, u use) {
	s.units[r.rt][r.u] = removeUse(s.units[r.rt][r.u], u)
	s.log = append(s.log, change{kind: changeUseDrop, rt: int32(r.rt), unit: int32(r.u), iv: ival{u.s, u.e}, cand: int32(u.cand)})
}

func (s *search) sittingNew(e int, st sitting) {
	st.start = st.segs[0].s
	s.sittings[e] = append(s.sittings[e], st)
	s.starts.add(e, st.start, 1)
	s.log = append(s.log, change{kind: changeSittingNew, ep: int32(e)})
}

func (s *search) sittingJoin(e, i int) {
	s.sittings[e][i].count++
	s.log = append(s.log, change{kind: changeSittingJoin, ep: int32(e), index: int32(i)})
}

// sittingLeave takes a candidate out of sitting i of e, and the sitting
// away when it was the last.
func (s *search) sittingLeave(e, i int) {
	if s.sittings[e][i].count > 1 {
		s.sittings[e][i].count--
		s.log = append(s.log, change{kind: changeSittingLeave, ep: int32(e), index: int32(i)})
		return
	}
	st := s.sittings[e][i]
	s.sittings[e] = slices.Delete(s.sittings[e], i, i+1)
	s.starts.add(e, st.start, -1)
	s.pushReplaced(replaced{st: st})
	s.log = append(s.log, change{kind: changeSittingDrop, ep: int32(e), index: int32(i)})
}

func (s *search) setPlan(c int, items []placed) {
	s.pushReplaced(replaced{items: s.plans[c]})
	s.log = append(s.log, change{kind: changePlan, cand: int32(c)})
	s.plans[c] = items
}

func (s *search) setOff(j int, off bool) {
	s.log = append(s.log, change{kind: changeOff, jury: int32(j), flag: s.juries[j].off})
	s.juries[j].off = off
}

func (s *search) setClosure(j int, iv ival) {
	s.log = append(s.log, change{kind: changeClosure, jury: int32(j), iv: s.juries[j].closure})
	s.juries[j].closure = iv
}

func (s *search) setClosed(closed bool, days int) {
	s.log = append(s.log, change{kind: changeClosed, flag: s.closed, day: int32(s.days)})
	s.closed, s.days = closed, days
}

func (s *search) setHorizon(days int) {
	s.log = append(s.log, change{kind: changeHorizon, day: int32(s.horizon)})
	s.horizon = days
}

// addBusy gives jury j the interval iv, minutes of its day's load.
func (s *search) addBusy(j int, iv ival, minutes int) {
	s.busyAdd(j, iv)
	s.loadAdd(j, dayOf(iv.s), minutes)
}

// addJuryWork gives jury j the interval iv of candidate work: its busy
// time, its day's load and its work, in one change of the log (the
// scheduler does this on every start that works, and undoes it on most).
func (s *search) addJuryWork(j int, iv ival) {
	js := &s.juries[j]
	js.busy = insertIval(js.busy, iv)
	s.juryMinutes(changeJuryWork, j, iv, iv.e-iv.s)
}

// dropJuryWork takes the interval iv of candidate work from jury j.
func (s *search) dropJuryWork(j int, iv ival) {
	js := &s.juries[j]
	js.busy = removeIval(js.busy, iv)
	s.juryMinutes(changeJuryUnwork, j, iv, -(iv.e - iv.s))
}

// juryMinutes adds minutes to jury j's work and to the load of iv's day
// (unless beyond the horizon, as loadAdd), and logs the change.
func (s *search) juryMinutes(kind changeKind, j int, iv ival, minutes int) {
	js := &s.juries[j]
	day := dayOf(iv.s)
	load := day < len(js.load)
	if load {
		js.load[day] += minutes
	}
	js.work += minutes
	s.log = append(s.log, change{kind: kind, jury: int32(j), day: int32(day), minutes: int32(minutes), flag: load, iv: iv})
}

// dropBusy takes iv, minutes of its day's load, from jury j.
func (s *search) dropBusy(j int, iv ival, minutes int) {
	s.busyDrop(j, iv)
	s.loadAdd(j, dayOf(iv.s), -minutes)
}

// Solutions: a plan the search keeps while it tries others.

// solution is a complete plan of the search, kept to be returned or
// installed again. Its items are shared with the search, which never
// changes an item once placed.
type solution struct {
	k, horizon, days int
	plans            [][]placed
	off              []bool
}

// snapshot keeps the current plan, which must be closed.
func (s *search) snapshot() *solution {
	sol := &solution{k: s.k, horizon: s.horizon, days: s.days, plans: slices.Clone(s.plans), off: make([]bool, s.k)}
	for j := range s.juries {
		sol.off[j] = s.juries[j].off
	}
	s.current = sol
	return sol
}

// install makes sol the current plan again: its candidates' items put
// back in a fresh partial plan, and its closures placed as they were
// (closing is deterministic).
func (s *search) install(sol *solution) {
	s.reset(sol.k, sol.horizon)
	for j, off := range sol.off {
		s.juries[j].off = off
	}
	for c, items := range sol.plans {
		s.restoreCandidate(c, items)
	}
	s.close()
	s.forget()
	s.current = sol
}

// usedJuries counts the working juries of the solution.
func (sol *solution) usedJuries() int {
	used := make([]bool, sol.k)
	for _, items := range sol.plans {
		for _, it := range items {
			if it.jury >= 0 {
				used[it.jury] = true
			}
		}
	}
	n := 0
	for _, u := range used {
		if u {
			n++
		}
	}
	return n
}
