package plan

import (
	"cmp"
	"context"
	"fmt"
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
// The search keeps improving its plan until the plan meets its lower
// bounds or its budget is spent (input search.budget_ms, or
// [WithBudget]); a plan that misses a bound says by how much in its Gap.
// When no plan fits the limits, the Plan has Feasible false, a Reason
// naming the binding limit, and Proved true when the lower bounds show that
// none exists; a "no plan found" that is not proved comes only once the
// whole budget is spent. The only error is ErrInvalidInput. The result
// depends on the input, the seed and the budget only: the search counts
// steps, not time. Hidden times all zero are allowed, and the plan carries
// a note (NoteHiddenZero) that the jury count ignores them.
func Compute(in Input, opts ...Option) (Plan, error) {
	return ComputeContext(context.Background(), in, opts...)
}

// ComputeContext is Compute stopping when ctx ends: the search looks at
// ctx every thousand or so of its looks at the step budget, and returns
// ErrCancelled, wrapping ctx's error, instead of a plan. A context that
// does not end changes nothing.
func ComputeContext(ctx context.Context, in Input, opts ...Option) (Plan, error) {
	p, _, err := computeCounted(ctx, in, opts)
	return p, err
}

// computeCounted is ComputeContext, also returning the steps the search
// took: the measure of its work that the machine's load does not change,
// which the tests' population report writes next to each plan's time.
func computeCounted(ctx context.Context, in Input, opts []Option) (Plan, int, error) {
	if err := in.Validate(); err != nil {
		return Plan{}, 0, err
	}
	if err := ctx.Err(); err != nil {
		return Plan{}, 0, ErrCancelled.Wrap(err)
	}
	params := paramsOf(in, opts)
	m := compile(in)
	s := newSearch(m, newBounds(m), params)
	s.steps.ctx = ctx
	p := s.solve()
	if s.steps.stopped {
		return Plan{}, s.steps.used, ErrCancelled.Wrap(context.Cause(ctx))
	}
	if in.Hidden.Zero() {
		p.Notes = append(p.Notes, Note{Code: NoteHiddenZero, Message: "every hidden time is 0: the jury count ignores the time the juries spend on the opening, " +
			"their briefing and closure, welcoming the candidates, reading their files, correcting and deliberating (the leaflet's « temps cachés »); " +
			"give them if they take any time"})
	}
	return p, s.steps.used, nil
}

// repairRounds bounds the large neighbourhood search of one attempt.
func (m *model) repairRounds() int {
	return max(100, 6000/max(1, m.n))
}

// solve finds the plan, its bounds and its words.
func (s *search) solve() Plan {
	m, b := s.m, s.b
	maxK, maxD := m.in.Jury.MaxJuries, m.maxDays
	if b.juryWork == 0 {
		maxK = 0 // nothing for a jury to do
	}
	var best *solution
	var lb LowerBounds
	switch m.in.Objective {
	case MinJuries:
		k, kwhy := b.juriesFor(maxD)
		lb.Juries = k
		if k > maxK {
			lb.Days, _ = b.daysFor(maxK, MaxDays)
			return s.infeasible(lb, true, fmt.Sprintf("%s (the input allows at most %s: jury.max_juries)", kwhy, plural(maxK, "jury")))
		}
		d, dwhy := b.daysFor(k, maxD)
		lb.Days = d
		if d > maxD {
			return s.infeasible(lb, true, fmt.Sprintf("%s (the input allows at most %s: calendar.max_days)", dwhy, plural(maxD, "day")))
		}
		s.goal = &LowerBounds{Days: d, Juries: k}
		end := s.steps.phase(4, 5) // keep a fifth for the days
		best = s.fewestJuries(k, maxK, maxD)
		end()
		if best != nil {
			// The secondary bound is for plans with the juries found.
			lb.Days, _ = b.daysFor(best.usedJuries(), maxD)
			end := s.secondary()
			s.shortening = true
			best = s.fewestDays(best, lb.Days, true)
			s.shortening = false
			end()
		}
	default:
		d, dwhy := b.daysFor(maxK, maxD)
		lb.Days = d
		if d > maxD {
			lb.Juries, _ = b.juriesFor(min(d, MaxDays))
			return s.infeasible(lb, true, fmt.Sprintf("%s (the input allows at most %s: calendar.max_days)", dwhy, plural(maxD, "day")))
		}
		s.fills = s.juryBinds(d, maxK)
		lb.Juries, _ = b.juriesFor(d)
		s.goal = &LowerBounds{Days: d, Juries: lb.Juries}
		best = s.firstPlan(maxK, maxD, false)
		if best != nil {
			end := s.steps.phase(3, 4) // keep a quarter for the juries
			best = s.fewestDays(best, d, false)
			end()
			k, _ := b.juriesFor(best.days)
			lb.Juries = k
			end = s.secondary()
			best = s.fewestJuriesFor(best, k, best.days) // keep the days
			end()
			if best.days > lb.Days {
				// The secondary bound holds for plans that meet the primary
				// one; this plan does not, so it is judged on its own days.
				lb.Juries, _ = b.juriesFor(lb.Days)
			}
		}
	}
	if best == nil {
		return s.infeasible(lb, false, fmt.Sprintf("no plan was found within %s and %s in the search's budget, although the lower bounds allow one with %s and %s; raise a limit, relax a constraint or give the search more time (search.budget_ms)",
			plural(maxD, "day"), plural(maxK, "jury"), plural(lb.Days, "day"), plural(lb.Juries, "jury")))
	}
	s.install(best)
	p := s.output()
	p.LowerBounds = lb
	p.Explanation = s.explain(lb)
	p.Gap = s.gap(p, lb)
	return p
}

// secondary starts the phase of the secondary objective: a quarter of the
// whole budget at most, and fewer fresh runs for one target, since the
// primary measure is settled. The returned function ends it.
func (s *search) secondary() func() {
	end := s.steps.phase(1, 1)
	s.steps.limit = min(s.steps.limit, s.steps.used+s.steps.total/4)
	s.runs = 1
	return func() {
		end()
		s.runs = maxRestarts
	}
}

func (s *search) explain(lb LowerBounds) []string {
	_, dwhy := s.b.daysFor(max(lb.Juries, 1), MaxDays)
	_, kwhy := s.b.juriesFor(lb.Days)
	return []string{"days: " + dwhy, "juries: " + kwhy}
}

func (s *search) infeasible(lb LowerBounds, proved bool, reason string) Plan {
	return Plan{Feasible: false, Proved: proved, Reason: reason, LowerBounds: lb}
}

// gap says by how much a plan misses its lower bounds, the primary one
// first; nil when it meets them.
func (s *search) gap(p Plan, lb LowerBounds) *Gap {
	g := Gap{Days: max(0, len(p.Days)-lb.Days), Juries: max(0, p.Juries-lb.Juries)}
	if g.Days == 0 && g.Juries == 0 {
		return nil
	}
	var parts []string
	add := func(n int, word, field string, bound int) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s more than the lower bound of %d (lower_bounds.%s)", plural(n, word), bound, field))
		}
	}
	if s.m.in.Objective == MinJuries {
		add(g.Juries, "jury", "juries", lb.Juries)
		add(g.Days, "day", "days", lb.Days)
	} else {
		add(g.Days, "day", "days", lb.Days)
		add(g.Juries, "jury", "juries", lb.Juries)
	}
	why := fmt.Sprintf("the search found no better plan within its budget (%d ms, search.budget_ms): a larger budget may find one, or no plan may meet the bound", s.params.budgetMs)
	g.Reason = fmt.Sprintf("the plan uses %s; %s", joinAnd(parts), why)
	return &g
}

func joinAnd(parts []string) string {
	if len(parts) <= 1 {
		return fmt.Sprint(parts[0])
	}
	return fmt.Sprintf("%s and %s", parts[0], parts[1])
}

// firstPlan looks for a plan with at most k juries within horizon days:
// the serial schedule (the floor of the answer), probes, the template
// (quickFirstPlan); when they find none, runs with their repair, plain
// then randomised, until one is found or the whole budget is spent: "no
// plan" comes only after the budget. With fill, the runs' plan takes a
// fresh jury only for a candidate no working jury can take. min_juries
// tries a wider horizon shortened into this one before it
// (firstFewJuries).
func (s *search) firstPlan(k, horizon int, fill bool) *solution {
	if best := s.quickFirstPlan(k, horizon); best != nil {
		return best
	}
	sol, _ := s.firstRuns(k, horizon, fill, 0, s.steps.exhausted)
	return sol
}

// quickFirstPlan is the start of firstPlan: the serial schedule, the
// probes and the template, the best plan they give or nil.
func (s *search) quickFirstPlan(k, horizon int) *solution {
	best, _ := s.serial(k, horizon) // the floor, whatever the budget
	runs := firstProbes(s.m)
	for run := range runs {
		if s.atBounds(best) {
			return best // no plan is better
		}
		// Each probe has a share of what is left, so that a slow one on a
		// large input leaves the others and the search something.
		end := s.steps.phase(1, runs-run+1)
		stop := s.steps.bounded()
		best = s.better(best, s.probe(k, horizon, run))
		stop()
		end()
	}
	best = s.better(best, s.fillProbe(k, horizon, best))
	best = s.better(best, s.sittingProbe(k, horizon, best))
	if s.atBounds(best) {
		return best
	}
	return s.better(best, s.attemptTemplate(k, horizon))
}

// firstRuns makes runs with their repair for k juries within horizon
// days from run on, plain then randomised, until one gives a plan or
// done: the plan, and the next run.
func (s *search) firstRuns(k, horizon int, fill bool, run int, done func() bool) (*solution, int) {
	for ; !done(); run++ {
		if sol := s.attempt(k, horizon, run, fill); sol != nil {
			return sol, run + 1
		}
	}
	return nil, run
}

// attempt is one run for a plan with at most k juries within horizon
// days: the candidates placed in order, then a large neighbourhood search
// for those left out. Run 0 has every candidate follow the first order of
// the épreuves, run 1 lets each candidate take its best order, later runs
// draw their options.
func (s *search) attempt(k, horizon, run int, fill bool) *solution {
	s.reset(k, horizon)
	s.steps.used++ // a run costs a step, whatever it does
	switch run {
	case 0:
		s.opt = options{joinSlack: minutesPerDay, fill: fill, order: 1}
	case 1:
		s.opt = options{joinSlack: minutesPerDay, fill: fill}
	default:
		s.opt = options{
			joinSlack: []int{0, 60, minutesPerDay, 3 * minutesPerDay}[s.rng.IntN(4)],
			noise:     []int{0, 5, 30, 120}[s.rng.IntN(4)],
			orderBias: s.rng.IntN(len(s.m.orders)),
			fill:      fill,
		}
		if s.rng.IntN(2) == 0 {
			s.opt.order = 1 + s.rng.IntN(len(s.m.orders))
		}
		s.opt.delayLast = s.m.last >= 0 && s.rng.IntN(4) == 0
	}
	out := s.insert(s.all())
	if (len(out) == 0 || s.repair(out, s.m.repairRounds())) && s.close() {
		s.forget()
		return s.snapshot()
	}
	return nil
}

// templateRepairRounds bounds the repair of a template's plan: the
// template is worth a try, not a long search.
const templateRepairRounds = 30

// attemptTemplate plans with the station template of days days and k
// juries: the candidates in the template's order, then a short large
// neighbourhood search for those left out, within a quarter of the steps
// left; nil when there is no template or it fails.
func (s *search) attemptTemplate(k, days int) *solution {
	if s.steps.spent() {
		return nil
	}
	defer s.steps.phase(1, 4)()
	defer s.steps.bounded()()
	pins, order, work := s.m.template(s.b, k, days)
	s.steps.used += 1 + work
	if pins == nil {
		pins, order = s.m.chainPattern(s.b, k, days)
	}
	if pins == nil {
		pins, order = s.m.windowPattern(s.b, k, days)
	}
	if pins == nil {
		return nil
	}
	s.reset(k, days)
	s.reserve(pins)
	if out := s.insert(order); len(out) > 0 {
		if !s.repair(out, min(templateRepairRounds, s.m.repairRounds())) {
			return nil
		}
	}
	if !s.close() {
		return nil
	}
	s.forget()
	return s.snapshot()
}

// templateDays looks for a plan shorter than best, from lo days on, with
// the station template of k juries: a bisection over the days, each try a
// template and a short repair.
func (s *search) templateDays(best *solution, k, lo int) *solution {
	if best.days <= lo {
		return best // at the bound: no plan is shorter
	}
	// The template lays the uses as early as it can: one try within best's
	// days often ends earlier.
	if sol := s.attemptTemplate(k, best.days); sol != nil && sol.days < best.days {
		best = sol
	}
	hi := best.days // a plan of hi days exists
	for lo < hi && !s.steps.spent() {
		mid := (lo + hi) / 2
		if sol := s.attemptTemplate(k, mid); sol != nil {
			best, hi = sol, sol.days
		} else {
			lo = mid + 1
		}
	}
	return best
}

// fewestJuries finds a plan with as few juries as it can between lo (a
// lower bound) and hi, within horizon days. The serial schedule comes
// first, with lo, lo+1, … juries until it fits: the floor of the answer.
// Probes follow (one placement of the candidates each): at lo, then upwards with a doubling step and a
// bisection back, for the fewest juries a probe fits. Then, when that is
// more than lo, runs at lo with their repair and the template; then juries
// are taken away from the best plan (fewestJuriesFor). When no probe fits
// at all, a first plan with few juries comes first (firstFewJuries).
func (s *search) fewestJuries(lo, hi, horizon int) (best *solution) {
	fits := func(k int) *solution { // the cheap probes: every candidate in the first order
		return s.better(s.probe(k, horizon, 0), s.probe(k, horizon, 1))
	}
	// The serial schedule with lo, lo+1, … juries until one fits, or until
	// more juries would not change its failure: the floor, whatever the
	// budget.
	var floor *solution
	for k, more := lo, true; k <= hi && floor == nil && more && !s.steps.interrupted(); k++ {
		floor, more = s.serial(k, horizon)
	}
	defer func() {
		if floor != nil {
			best = s.better(best, floor)
		}
	}()
	if s.atBounds(floor) {
		return nil // the floor, deferred: no plan is better
	}
	best = fits(lo)
	if floor != nil && floor.usedJuries() == lo {
		return s.better(floor, best)
	}
	if best != nil {
		return best
	}
	low, high := lo+1, hi+1 // no probe fits below low; high: one fits
	if floor != nil {
		high = floor.usedJuries()
		best = floor
	}
	endProbes := s.boundProbes(floor == nil)
	for k, step := lo+1, 1; k < high && !s.steps.exhausted(); k, step = k+step, 2*step {
		if sol := fits(k); sol != nil {
			best, high = sol, k
			break
		}
		low = k + 1
	}
	endProbes()
	for low < high && best != nil && !s.steps.exhausted() {
		mid := (low + high) / 2
		if sol := fits(mid); sol != nil {
			best, high = sol, mid
		} else {
			low = mid + 1
		}
	}
	if best == nil {
		// No probe fits: the days bind more than the juries. A plan first,
		// with few juries, then fewer (fewjuries.go).
		if best = s.firstFewJuries(hi, horizon); best == nil {
			return nil
		}
		return s.fewestJuriesFor(best, lo, horizon)
	}
	if sol := s.runsAtBound(lo, horizon); sol != nil {
		return s.better(sol, best)
	}
	return s.fewestJuriesFor(best, lo, horizon)
}

// atBounds reports whether sol meets both bounds of the search (goal):
// no plan is better by the objective, and the search is over.
func (s *search) atBounds(sol *solution) bool {
	return sol != nil && s.goal != nil && sol.days <= s.goal.Days && sol.usedJuries() <= s.goal.Juries
}

// better returns the better of two solutions by the objective (either
// may be nil): the primary measure, then the secondary; a on a tie.
func (s *search) better(a, b *solution) *solution {
	if a == nil || b == nil {
		return cmp.Or(a, b)
	}
	pa, sa := a.usedJuries(), a.days
	pb, sb := b.usedJuries(), b.days
	if s.m.in.Objective == MinDays {
		pa, sa, pb, sb = sa, pa, sb, pb
	}
	if pb < pa || pb == pa && sb < sa {
		return b
	}
	return a
}

// probe is attempt without the repair: one placement of the candidates
// with the options of probeOptions(m)[run].
func (s *search) probe(k, horizon, run int) *solution {
	s.steps.used++
	if s.probeFailed(k, horizon, run) {
		return nil // it would fail again (fewjuries.go)
	}
	s.reset(k, horizon)
	s.opt = probeOptions(s.m)[run]
	for c := range s.m.n {
		if s.steps.cut() || !s.addCandidate(c) {
			s.noteProbeFailure(k, horizon, run)
			return nil // a probe has no repair: one candidate left out fails it
		}
	}
	if !s.close() {
		s.noteProbeFailure(k, horizon, run)
		return nil
	}
	s.forget()
	return s.snapshot()
}

// probeOptions are the probes' options, in the order firstPlan makes
// them. The first has every candidate follow the first order and start
// its own sittings (close to the serial schedule, serial.go), the second
// join later sittings, the third take its best order; with a last
// épreuve, one also leaves the end of the block that épreuve would split
// to others (options.delayLast); with sittings of more than one
// candidate, one fills them (options.fillSittings), last.
func probeOptions(m *model) []options {
	opts := []options{{order: 1, firstJury: true}, {joinSlack: minutesPerDay, order: 1}, {joinSlack: minutesPerDay}}
	if m.last >= 0 {
		opts = append(opts, options{joinSlack: minutesPerDay, delayLast: true})
	}
	if m.sits.any {
		opts = append(opts, options{joinSlack: minutesPerDay, fillSittings: true})
	}
	return opts
}

// probeRuns is how many probes there are.
func probeRuns(m *model) int { return len(probeOptions(m)) }

// firstProbes is how many probes firstPlan makes before the one that
// fills sittings, the last (fillProbe).
func firstProbes(m *model) int {
	if m.sits.any {
		return probeRuns(m) - 1
	}
	return probeRuns(m)
}

// fewestJuriesFor lowers best's juries towards lo within horizon days.
// Probes come first, from lo up. When best is far above lo, juries taken
// away one at a time, then a bisection, bring it closer (approachJuries,
// fewjuries.go). Fresh plans with k juries follow (the template,
// a probe, or a plain run), for k from lo up, each within its share of
// the budget, and then by bisection. Then it takes a working jury away
// and repairs (the least working first, then the next ones), while one
// can go.
func (s *search) fewestJuriesFor(best *solution, lo, horizon int) *solution {
	try := func(k int) *solution {
		if sol := s.attemptTemplate(k, horizon); sol != nil {
			return sol
		}
		if sol := s.probe(k, horizon, 2); sol != nil || s.steps.spent() {
			return sol // each candidate in its best order
		}
		return s.attempt(k, horizon, 0, false)
	}
	low, high := lo, best.usedJuries() // high juries suffice
	// Probes first, from the bound up: the first that fits is the start.
	for k := lo; k < high && !s.steps.spent(); k++ {
		var sol *solution
		for run := 0; run < 2 && sol == nil; run++ {
			sol = s.probe(k, horizon, run)
		}
		if sol != nil && sol.usedJuries() < high {
			best, high = sol, sol.usedJuries()
			break
		}
	}
	best = s.approachJuries(best, lo, horizon, try)
	high = best.usedJuries()
	for k := lo; k < min(lo+4, high); k++ {
		if sol := s.tryShare(k, high, try); sol != nil && sol.usedJuries() < high {
			best, high = sol, sol.usedJuries()
			break
		}
		low = k + 1
	}
	for low < high {
		mid := (low + high) / 2
		if sol := try(mid); sol != nil && sol.usedJuries() < high {
			best, high = sol, sol.usedJuries()
		} else {
			low = mid + 1
		}
	}
	for best.usedJuries() > lo && !s.steps.spent() {
		sol := s.withoutOneJury(best, horizon)
		if sol == nil {
			// Fresh plans with one jury fewer, run after run.
			k := best.usedJuries() - 1
			sol = s.restarts(k, horizon, true, func(*solution) bool { return true })
		}
		if sol == nil {
			break
		}
		best = sol
	}
	return best
}

// withoutOneJury returns best without one of its three least working
// juries within horizon days, nil when none can go.
func (s *search) withoutOneJury(best *solution, horizon int) *solution {
	s.installed(best)
	s.freeze()
	if s.horizon != horizon {
		s.setHorizon(horizon)
	}
	for _, j := range s.workingJuries()[:min(3, len(s.workingJuries()))] {
		mark := s.mark()
		if s.squeezeJury(j) {
			s.forget()
			return s.snapshot()
		}
		s.rollback(mark)
		if s.steps.spent() {
			break
		}
	}
	return nil
}

// fewestDays shortens best by one day at a time, towards lo: the last
// day's candidates are taken out and put back, or a fresh plan is made
// for one day fewer, and when both fail and not frozen, persistDays tries
// again while its steps last; with frozen, never with more juries than
// best.
func (s *search) fewestDays(best *solution, lo int, frozen bool) *solution {
	k := best.k
	if frozen {
		k = best.usedJuries()
	}
	best = s.templateDays(best, k, lo)
	for best.days > lo && !s.steps.spent() {
		s.installed(best)
		if frozen {
			s.freeze()
		}
		mark := s.mark()
		if s.squeezeDays(best.days - 1) {
			s.forget()
			best = s.snapshot()
			continue
		}
		s.rollback(mark)
		// A plan built for the shorter horizon from the start may succeed
		// where moving the last day's candidates did not: runs one after
		// another, until one fits or the phase's steps are spent.
		fresh := s.restarts(k, best.days-1, frozen, func(sol *solution) bool {
			return !frozen || sol.usedJuries() <= best.usedJuries()
		})
		if fresh == nil && !frozen {
			fresh = s.persistDays(best, k)
		}
		if fresh == nil {
			break
		}
		best = fresh
	}
	return best
}

// maxRestarts bounds the fresh runs the search makes for one target
// (juries and days) once the plan it improves is found: past them the
// search has stalled, and it ends before its budget.
const maxRestarts = 3

// restarts runs attempts for k juries within horizon days, run after run,
// until one gives a plan that ok accepts, the phase's runs (s.runs) fail or
// its steps are spent.
func (s *search) restarts(k, horizon int, fill bool, ok func(*solution) bool) *solution {
	for run := 0; run < s.runs && !s.steps.spent(); run++ {
		if sol := s.attempt(k, horizon, run, fill); sol != nil && ok(sol) {
			return sol
		}
	}
	return nil
}

// installed makes sol the current plan unless it already is.
func (s *search) installed(sol *solution) {
	if s.current == sol {
		return
	}
	s.install(sol)
	s.current = sol
}

// freeze forbids the juries that have no work yet.
func (s *search) freeze() {
	for j := range s.juries {
		if s.juries[j].work == 0 && !s.juries[j].off {
			s.setOff(j, true)
		}
	}
}

// close places each working jury's closure after all its tasks.
func (s *search) close() bool {
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
			s.setClosure(j, ival{x, x + cl})
			last = max(last, dayOf(x))
		}
	}
	s.setClosed(true, last+1)
	return true
}

// moveBriefing moves a jury's briefing to the day of its first task when
// that is later than day 1: the jury then does not come on day 1 for the
// briefing alone, which saves its members a day (and the opening).
func (s *search) moveBriefing(j int) {
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
			s.loadAdd(j, dayOf(js.brief.s), -br)
			s.loadAdd(j, d, br)
			s.log = append(s.log, change{kind: changeBrief, jury: int32(j), iv: js.brief})
			js.brief = ival{x, x + br}
			js.busy[0] = ival{0, x + br}
			return
		}
	}
}

func (s *search) usedJuries() int {
	n := 0
	for _, js := range s.juries {
		if js.work > 0 && !js.off {
			n++
		}
	}
	return n
}

// output writes the current plan, which must be closed, in the terms of
// docs/planning.md#output.
func (s *search) output() Plan {
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
			if pl.task == "" {
				it.Units = make([]string, 0, len(pl.units))
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
