package plan

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
)

// Compute validates the input and plans the session (docs/planning.md): for
// min_juries the fewest juries that fit within calendar.max_days days, then
// the fewest days; for min_days the fewest days with at most
// jury.max_juries juries, then the fewest juries. Every plan it returns
// satisfies every rule of docs/planning.md#the-model.
//
// When no plan fits the limits, the Plan has Feasible false, a Reason
// naming the binding limit, and Proved true when the lower bounds show that
// none exists. The only error is ErrInvalidInput. The result depends on the
// input only: the search is seeded. Hidden times all zero are allowed, and
// the plan carries a note (NoteHiddenZero) that the jury count ignores
// them.
func Compute(in Input) (Plan, error) {
	return ComputeContext(context.Background(), in)
}

// ComputeContext is Compute stopping when ctx ends: the search checks ctx
// every thousand steps or so, and returns ErrCancelled, wrapping ctx's
// error, instead of a plan.
func ComputeContext(ctx context.Context, in Input) (Plan, error) {
	if err := in.Validate(); err != nil {
		return Plan{}, err
	}
	if err := ctx.Err(); err != nil {
		return Plan{}, ErrCancelled.Wrap(err)
	}
	m := compile(in)
	m.ctx = ctx
	p := m.solve()
	if m.stopped {
		return Plan{}, ErrCancelled.Wrap(context.Cause(ctx))
	}
	if in.Hidden.Zero() {
		p.Notes = append(p.Notes, Note{Code: NoteHiddenZero, Message: "every hidden time is 0: the jury count ignores the time the juries spend on the opening, " +
			"their briefing and closure, welcoming the candidates, reading their files, correcting and deliberating (the leaflet's « temps cachés »); " +
			"give them if they take any time"})
	}
	return p, nil
}

// interrupted reports whether the computation's context has ended,
// looking at it every 1024 steps. Once it has, the budget is spent, so
// that every phase of the search ends, and every scheduler run fails.
func (m *model) interrupted() bool {
	if m.stopped {
		return true
	}
	if m.ctx == nil || m.work&1023 != 0 || m.ctx.Err() == nil {
		return false
	}
	m.stopped = true
	m.budget, m.limit = 0, 0
	return true
}

// searchBudget bounds the scheduler steps of one search: past it the search
// stops improving the plan it has. A step is one start time tried for one
// épreuve, well under a microsecond; the budget keeps a plan of 100
// candidates under a second on a small machine whatever the input.
const searchBudget = 1_500_000

// restarts is how many randomised runs the search gives one (juries, days)
// target after the plain run fails; fewer for big sessions, to keep a plan
// of 100 candidates well under a second.
func (m *model) restarts() int {
	return max(2, min(4, 300/max(1, m.n)))
}

func (m *model) solve() Plan {
	m.budget, m.limit = searchBudget, searchBudget
	b := newBounds(m)
	maxK, maxD := m.in.Jury.MaxJuries, m.maxDays
	if b.juryWork == 0 {
		maxK = 0 // nothing for a jury to do
	}
	var best *scheduler
	var lb LowerBounds
	switch m.in.Objective {
	case MinJuries:
		k, kwhy := b.juriesFor(maxD)
		lb.Juries = k
		if k > maxK {
			lb.Days, _ = b.daysFor(maxK, MaxDays)
			return m.infeasible(lb, true, fmt.Sprintf("%s (the input allows at most %s: jury.max_juries)", kwhy, plural(maxK, "jury")))
		}
		d, dwhy := b.daysFor(k, maxD)
		lb.Days = d
		if d > maxD {
			return m.infeasible(lb, true, fmt.Sprintf("%s (the input allows at most %s: calendar.max_days)", dwhy, plural(maxD, "day")))
		}
		best = m.fewestJuries(b, k, maxK, maxD)
		if best != nil {
			// The secondary bound is for plans with the juries found.
			lb.Days, _ = b.daysFor(best.usedJuries(), maxD)
			best.freeze() // the juries are the primary objective: add none
			best = m.templateDays(b, best, best.usedJuries(), lb.Days)
			best = m.fewestDays(best, lb.Days)
		}
	default:
		d, dwhy := b.daysFor(maxK, maxD)
		lb.Days = d
		if d > maxD {
			lb.Juries, _ = b.juriesFor(min(d, MaxDays))
			return m.infeasible(lb, true, fmt.Sprintf("%s (the input allows at most %s: calendar.max_days)", dwhy, plural(maxD, "day")))
		}
		lb.Juries, _ = b.juriesFor(d)
		best = m.attempt(maxK, maxD)
		if best != nil {
			best = m.templateDays(b, best, maxK, d)
			m.limit = m.work + (m.budget-m.work)/2 // keep half for the juries
			best = m.fewestDays(best, d)
			m.limit = m.budget
			k, _ := b.juriesFor(best.days)
			lb.Juries = k
			best = m.fewestJuriesFor(b, best, k)
			if best.days > lb.Days {
				// The secondary bound holds for plans that meet the primary
				// one; this plan does not, so it is judged on its own days.
				lb.Juries, _ = b.juriesFor(lb.Days)
			}
		}
	}
	if best == nil {
		return m.infeasible(lb, false, fmt.Sprintf("no plan was found within %s and %s, although the lower bounds allow one with %s and %s; raise a limit or relax a constraint",
			plural(maxD, "day"), plural(maxK, "jury"), plural(lb.Days, "day"), plural(lb.Juries, "jury")))
	}
	p := best.output()
	p.LowerBounds = lb
	p.Explanation = m.explain(b, lb)
	return p
}

func (m *model) explain(b *bounds, lb LowerBounds) []string {
	_, dwhy := b.daysFor(max(lb.Juries, 1), MaxDays)
	_, kwhy := b.juriesFor(lb.Days)
	return []string{"days: " + dwhy, "juries: " + kwhy}
}

func (m *model) infeasible(lb LowerBounds, proved bool, reason string) Plan {
	return Plan{Feasible: false, Proved: proved, Reason: reason, LowerBounds: lb}
}

// attempt looks for a plan with at most k juries within horizon days: the
// plain run first, then a large neighbourhood search from it, then seeded
// randomised runs.
func (m *model) attempt(k, horizon int) *scheduler {
	return m.attemptN(k, horizon, m.restarts())
}

// attemptN is attempt with at most runs runs.
func (m *model) attemptN(k, horizon, runs int) *scheduler {
	for i := range runs {
		if i > 0 && m.work > m.limit {
			break
		}
		rng := rand.New(rand.NewPCG(uint64(k)<<32|uint64(horizon), uint64(i)))
		opt := options{joinSlack: minutesPerDay, rng: rng}
		if i > 0 {
			opt = options{
				joinSlack: []int{0, 60, minutesPerDay, 3 * minutesPerDay}[rng.IntN(4)],
				noise:     []int{0, 5, 30, 120}[rng.IntN(4)],
				orderBias: rng.IntN(len(m.orders)),
				rng:       rng,
			}
		}
		s := newScheduler(m, k, horizon, opt)
		out := s.insert(s.all())
		if (len(out) == 0 || s.repair(out, m.repairRounds(), rng)) && s.close() {
			return s
		}
	}
	return nil
}

// templateDays looks for a plan shorter than best, from lo days on, with
// the station template of k juries: a bisection over the days, each try a
// template and a short repair.
func (m *model) templateDays(b *bounds, best *scheduler, k, lo int) *scheduler {
	// The template lays the uses as early as it can: one try within best's
	// days often ends earlier. It costs one placement of the candidates,
	// so it is made even when the search's budget is spent.
	if s := m.attemptTemplate(b, k, best.days); s != nil && s.days < best.days {
		best = s
	}
	hi := best.days // a plan of hi days exists
	for lo < hi && m.work < m.limit {
		mid := (lo + hi) / 2
		if s := m.attemptTemplate(b, k, mid); s != nil {
			best, hi = s, s.days
		} else {
			lo = mid + 1
		}
	}
	return best
}

// templateRepairRounds bounds the repair of a template's plan: the
// template is worth a try, not a long search.
const templateRepairRounds = 30

// attemptTemplate plans with the station template of days days and k
// juries: the candidates in the template's order, then a short large
// neighbourhood search for those left out.
func (m *model) attemptTemplate(b *bounds, k, days int) *scheduler {
	pins, order := m.template(b, k, days)
	if pins == nil {
		return nil
	}
	s := newScheduler(m, k, days, options{joinSlack: minutesPerDay})
	s.reserve(pins)
	if out := s.insert(order); len(out) > 0 {
		rng := rand.New(rand.NewPCG(uint64(k)<<32|uint64(days), 7))
		if !s.repair(out, min(templateRepairRounds, m.repairRounds()), rng) {
			return nil
		}
	}
	if !s.close() {
		return nil
	}
	return s
}

// repairRounds bounds the large neighbourhood search of one attempt.
func (m *model) repairRounds() int {
	return max(100, 6000/max(1, m.n))
}

func (s *scheduler) all() []int {
	out := make([]int, s.m.n)
	for i := range out {
		out[i] = i
	}
	return out
}

// fewestJuries finds a plan with as few juries as it can between lo (a
// lower bound) and hi, within horizon days: lo first (a plain search, then
// the template), otherwise a plan with up to hi juries, from which juries
// are taken away.
func (m *model) fewestJuries(b *bounds, lo, hi, horizon int) *scheduler {
	if s := m.attempt(lo, horizon); s != nil {
		return s
	}
	if s := m.attemptTemplate(b, lo, horizon); s != nil {
		return s
	}
	best := m.attempt(hi, horizon)
	if best == nil {
		return nil
	}
	m.limit = m.work + (m.budget-m.work)*2/3 // keep some for the days
	defer func() { m.limit = m.budget }()
	return m.fewestJuriesFor(b, best, lo+1)
}

// fewestJuriesFor lowers best's juries towards lo, keeping its days: a
// plain run (or a template) with lo juries, or a few more, then a
// bisection over the juries; then taking juries away one by one while the
// search finds room for their candidates.
func (m *model) fewestJuriesFor(b *bounds, best *scheduler, lo int) *scheduler {
	try := func(k int) *scheduler {
		if s := m.attemptTemplate(b, k, best.days); s != nil {
			return s
		}
		if m.work >= m.limit {
			return nil
		}
		s := newScheduler(m, k, best.days, options{joinSlack: minutesPerDay})
		if len(s.insert(s.all())) == 0 && s.close() {
			return s
		}
		return nil
	}
	// The tries go on when the budget is spent, with the template only: it
	// is one placement of the candidates, and there are few tries.
	low, high := lo, best.usedJuries() // high juries suffice
	for k := lo; k < min(lo+4, high); k++ {
		if s := try(k); s != nil && s.usedJuries() < high {
			best, high = s, s.usedJuries()
			break
		}
		low = k + 1
	}
	for low < high {
		mid := (low + high) / 2
		if s := try(mid); s != nil && s.usedJuries() < high {
			best, high = s, s.usedJuries()
		} else {
			low = mid + 1
		}
	}
	best = best.clone()
	best.freeze()
	best.horizon = best.days
	rng := rand.New(rand.NewPCG(uint64(m.n), 1))
	for best.usedJuries() > lo && m.work < m.limit {
		s := best.clone()
		if !s.squeezeJury(rng) {
			break
		}
		best = s
	}
	return best
}

// fewestDays shortens best by one day at a time, towards lo, while the
// search finds room for the candidates of the last day; no jury is added.
func (m *model) fewestDays(best *scheduler, lo int) *scheduler {
	rng := rand.New(rand.NewPCG(uint64(m.n), 2))
	for best.days > lo && m.work < m.limit {
		s := best.clone()
		if s.squeezeDays(best.days-1, rng) {
			best = s
			continue
		}
		// A plan built for the shorter horizon from the start may succeed
		// where moving the last day's candidates did not.
		fresh := m.attemptN(best.k, best.days-1, 1)
		if fresh == nil || (best.frozen() && fresh.usedJuries() > best.usedJuries()) {
			break
		}
		best = fresh
	}
	return best
}

// frozen reports whether the search may not add juries to this plan.
func (s *scheduler) frozen() bool {
	for _, js := range s.juries {
		if js.off {
			return true
		}
	}
	return false
}

// freeze forbids the juries that have no work yet.
func (s *scheduler) freeze() {
	for j := range s.juries {
		if s.juries[j].work == 0 {
			s.juries[j].off = true
		}
	}
}

// addCandidate places candidate c at its best option: the earliest finish
// over the juries that differ and the orders of its épreuves.
func (s *scheduler) addCandidate(c int) bool {
	m := s.m
	var juries []int
	s.release(c)
	if !m.hasExclusive {
		juries = []int{-1}
	} else if j := s.pinnedJury(c); j >= 0 {
		juries = []int{j}
	} else {
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
	}
	type choice struct {
		order         []int
		jury, score   int
		work, juryIdx int
	}
	s.delayed = nil
	if s.opt.delay > 0 {
		s.delayed = make([]bool, len(m.eps))
		for e := range s.delayed {
			s.delayed[e] = s.opt.rng.IntN(100) < s.opt.delay
		}
	}
	var best *choice
	for oi := range m.orders {
		order := m.orders[(oi+s.opt.orderBias)%len(m.orders)]
		for _, j := range juries {
			mark := len(s.undo)
			s.steps = 0
			cx, ok := s.tryCandidate(c, order, j)
			if !ok {
				continue
			}
			ch := choice{order: order, jury: j, score: cx.finish(), juryIdx: j}
			s.rollback(mark)
			if j >= 0 {
				ch.work = s.juries[j].work
			}
			if s.opt.noise > 0 {
				ch.score += s.opt.rng.IntN(s.opt.noise + 1)
			}
			if best == nil || ch.score < best.score || ch.score == best.score && ch.work < best.work {
				best = &ch
			}
		}
	}
	if best == nil {
		if s.pinnedJury(c) >= 0 {
			// The template's jury cannot take it: let any jury.
			s.pins[c] = unpinJury(s.pins[c])
			return s.addCandidate(c)
		}
		return false
	}
	s.steps = 0
	cx, ok := s.tryCandidate(c, best.order, best.jury)
	if !ok {
		return false
	}
	s.plans[c] = cx.items
	s.undo = s.undo[:0] // committed: later rollbacks never reach it
	return true
}

// close places each working jury's closure after all its tasks.
func (s *scheduler) close() bool {
	m := s.m
	last := 0
	for _, items := range s.plans {
		for _, it := range items {
			last = max(last, dayOfEnd(it.segs[len(it.segs)-1].e))
		}
	}
	for j := range s.juries {
		js := &s.juries[j]
		if js.work == 0 || js.off {
			continue
		}
		s.moveBriefing(j)
		if m.h.JuryBriefingMin > 0 {
			last = max(last, dayOf(js.brief.s))
		}
		if cl := m.h.JuryClosureMin; cl > 0 {
			x, ok := s.findSlot(j, js.busy[len(js.busy)-1].e, never, cl, -1)
			if !ok {
				return false
			}
			s.addBusy(j, ival{x, x + cl}, cl)
			js.closure = ival{x, x + cl}
			last = max(last, dayOf(x))
		}
	}
	s.days = last + 1
	s.closed = true
	return true
}

// moveBriefing moves a jury's briefing to the day of its first task when
// that is later than day 1: the jury then does not come on day 1 for the
// briefing alone, which saves its members a day (and the opening).
func (s *scheduler) moveBriefing(j int) {
	m := s.m
	js := &s.juries[j]
	br := m.h.JuryBriefingMin
	if br == 0 || len(js.busy) < 2 {
		return
	}
	first := js.busy[1].s
	d := dayOf(first)
	if d <= dayOf(js.brief.s) || js.load[d]+br > m.dayBudget {
		return
	}
	for b := range m.blocks {
		x := m.blockStart(d, b)
		if x+br <= min(first, m.blockEnd(d, b)) {
			js.load[dayOf(js.brief.s)] -= br
			js.load[d] += br
			js.brief = ival{x, x + br}
			js.busy[0] = ival{0, x + br}
			return
		}
	}
}

func (s *scheduler) usedJuries() int {
	n := 0
	for _, js := range s.juries {
		if js.work > 0 && !js.off {
			n++
		}
	}
	return n
}

// output writes the plan in the terms of docs/planning.md#output.
func (s *scheduler) output() Plan {
	m := s.m
	num := make([]int, len(s.juries))
	k := 0
	for j, js := range s.juries {
		if js.work > 0 {
			k++
			num[j] = k
		}
	}
	juryOf := func(j int) int {
		if j < 0 {
			return 0
		}
		return num[j]
	}
	p := Plan{Feasible: true, Juries: k, Members: k * m.in.Jury.MembersPerJury, Days: m.dates(s.days)}
	if m.open > 0 {
		start := m.blocks[0].Start
		p.Opening = &Opening{Day: 1, Start: start, End: start + tpsession.TimeOfDay(m.open)}
	}
	type keyed struct {
		at   int
		item Item
	}
	var items []keyed
	add := func(it Item, at int) { items = append(items, keyed{at, it}) }
	workDays := make([]map[int]bool, len(s.juries))
	for j, js := range s.juries {
		if js.work == 0 {
			continue
		}
		workDays[j] = map[int]bool{}
		if m.h.JuryBriefingMin > 0 {
			add(Item{Task: TaskBriefing, Jury: num[j], Segments: toSegments([]ival{js.brief})}, js.brief.s)
			workDays[j][dayOf(js.brief.s)] = true
		}
		if m.h.JuryClosureMin > 0 {
			add(Item{Task: TaskClosure, Jury: num[j], Segments: toSegments([]ival{js.closure})}, js.closure.s)
			workDays[j][dayOf(js.closure.s)] = true
		}
	}
	for c, list := range s.plans {
		for _, pl := range list {
			it := Item{Candidate: c + 1, Task: pl.task, Jury: juryOf(pl.jury), Segments: toSegments(pl.segs)}
			if pl.ep >= 0 {
				it.Epreuve = m.eps[pl.ep].id
			}
			for _, r := range pl.units {
				it.Units = append(it.Units, fmt.Sprintf("%s#%d", m.types[r.rt].name, r.u+1))
			}
			if pl.jury >= 0 {
				for _, sg := range pl.segs {
					workDays[pl.jury][dayOf(sg.s)] = true
				}
			}
			add(it, pl.segs[0].s)
		}
	}
	slices.SortStableFunc(items, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.item.Jury, b.item.Jury), cmp.Compare(a.item.Candidate, b.item.Candidate))
	})
	p.Items = make([]Item, len(items))
	for i, it := range items {
		p.Items[i] = it.item
	}
	if fee := m.in.Jury.MemberDayFee; fee.Valid {
		for _, days := range workDays {
			p.MemberDays += len(days) * m.in.Jury.MembersPerJury
		}
		p.JuryCost = decimal.NewNullDecimal(fee.Decimal.Mul(decimal.NewFromInt(int64(p.MemberDays))))
	}
	return p
}

func toSegments(list []ival) []Segment {
	out := make([]Segment, len(list))
	for i, iv := range list {
		d := dayOf(iv.s)
		out[i] = Segment{Day: d + 1, Start: tpsession.TimeOfDay(iv.s - dayStart(d)), End: tpsession.TimeOfDay(iv.e - dayStart(d))}
	}
	return out
}

// pinnedJury is the jury the template gives candidate c, or -1.
func (s *scheduler) pinnedJury(c int) int {
	if s.pins == nil {
		return -1
	}
	for _, p := range s.pins[c] {
		if p.set && p.jury >= 0 && p.jury < len(s.juries) && !s.juries[p.jury].off {
			return p.jury
		}
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
