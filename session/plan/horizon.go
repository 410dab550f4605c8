package plan

// A first plan under a tight day limit. A plan of D days is often reached
// by shortening a longer one (fewestDays): the last days' candidates taken
// out and put back earlier. A search whose horizon is D from the start
// places the candidates one by one inside D days, and can fail where the
// shortened plan exists: a min_days answer of D days, asked again with
// max_days D (or for the fewest juries in D days), was then "no plan".
// When no probe fits and its runs for a plan with few juries
// (firstFewJuries) find none within the limit, min_juries therefore does
// what min_days does: a plan over a wider horizon, shortened into the
// limit (shortenedFirst), before firstPlan and its runs within the limit.
// min_days does not (widens).

// widerHorizon is the horizon of the plan to shorten into horizon days:
// twice as many days, within MaxDays.
func widerHorizon(horizon int) int {
	return min(MaxDays, 2*horizon)
}

// widens reports whether the search tries a wider horizon under horizon
// days: for min_juries only. For min_days, measured on the population,
// the steps it took from the runs within the limit cost two plans that
// those runs had found (one at its bound), for one gained.
func (s *search) widens(horizon int) bool {
	return s.m.in.Objective == MinJuries && widerHorizon(horizon) > horizon
}

// wholeBudget makes the current phase's limit the whole budget, and
// returns the function that puts the phase's limit back.
func (s *search) wholeBudget() func() {
	outer := s.steps.limit
	s.steps.limit = s.steps.total
	return func() { s.steps.limit = outer }
}

// shortenedFirst looks for a plan with at most k juries within horizon
// days by way of a wider horizon (shortenedPlan), within three quarters of
// what is left of the whole budget: the runs it comes before would go on
// until the whole budget is spent, past the current phase. It is tried
// once for k and horizon (search.widened), however often firstFewJuries
// is called for them.
func (s *search) shortenedFirst(k, horizon int) *solution {
	wide := widerHorizon(horizon)
	key := [2]int{k, horizon}
	if !s.widens(horizon) || s.widened[key] {
		return nil
	}
	if s.widened == nil {
		s.widened = map[[2]int]bool{}
	}
	s.widened[key] = true
	defer s.wholeBudget()()
	defer s.steps.phase(3, 4)()
	return s.shortenedPlan(k, horizon, wide)
}

// shortenedPlan looks for a plan with at most k juries within horizon
// days by way of wide days, as min_days finds its plans: a first plan over
// wide days (the serial schedule, the probes, the template, then runs,
// within half of what the phase has left), then shortened one day at a
// time into horizon (fewestDays, with the rest); nil when either fails.
// The hidden tasks go to their earliest place meanwhile, as they do for
// min_days (search.shortening): the days, not the juries, are what it
// lowers, and min_juries brings the juries down afterwards.
func (s *search) shortenedPlan(k, horizon, wide int) *solution {
	if s.steps.spent() {
		return nil
	}
	defer func(was bool) { s.shortening = was }(s.shortening)
	s.shortening = true
	end := s.steps.phase(1, 2)
	stop := s.steps.bounded()
	sol := s.quickFirstPlan(k, wide)
	if sol == nil {
		sol, _ = s.firstRuns(k, wide, false, 0, s.steps.spent)
	}
	stop()
	end()
	if sol == nil {
		return nil
	}
	if sol = s.fewestDays(sol, horizon, false); sol.days > horizon {
		return nil
	}
	return sol
}

// boundProbes bounds min_juries' probes upwards from its bound to half of
// what the phase has left when no serial schedule fits (bounded true):
// each probe that fails late costs a whole placement, and at 130
// candidates the probes at every count up to max_juries could spend the
// budget a first plan needs (firstFewJuries). It returns the function
// that ends the bound.
func (s *search) boundProbes(bounded bool) func() {
	if !bounded {
		return func() {}
	}
	end := s.steps.phase(1, 2)
	stop := s.steps.bounded()
	return func() {
		stop()
		end()
	}
}
