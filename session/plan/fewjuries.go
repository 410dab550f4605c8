package plan

// The search for the fewest juries (min_juries) looks at many jury
// counts, and several of its steps probe the same ones: the helpers here
// keep it from paying twice for what it already knows, and find a first
// plan with few juries when no probe fits.

// probeKey names one probe: its juries, its days and its run, and
// whether the deliberations float (search.shortening), which changes the
// placement.
type probeKey struct {
	k, horizon, run int
	shortening      bool
}

// probeFailed reports whether the same probe has already failed. A probe
// draws nothing at random and starts from an empty plan, so the same
// probe fails the same way: trying it again would only spend steps.
func (s *search) probeFailed(k, horizon, run int) bool {
	return s.failedProbes[probeKey{k, horizon, run, s.shortening}]
}

// noteProbeFailure records that a probe failed, unless the budget stopped
// it (with more steps it might not fail).
func (s *search) noteProbeFailure(k, horizon, run int) {
	if s.steps.cut() {
		return
	}
	if s.failedProbes == nil {
		s.failedProbes = map[probeKey]bool{}
	}
	s.failedProbes[probeKey{k, horizon, run, s.shortening}] = true
}

// firstFewJuries looks for a first plan within horizon days when no probe
// fits: the days bind more than the juries. Runs with their repair come
// first, with at most hi juries but as few as they can: they give a
// candidate a fresh jury only when no working one can take it
// (options.fill), each within a share of what is left (fillRuns). Then the plan
// min_days would find, over twice the days and shortened into horizon
// (shortenedFirst, horizon.go); then firstPlan, which keeps trying until
// the budget ends. A plan with all hi juries (the station template lays
// out every jury it is given) would leave the search for fewer juries a
// long way down: the runs with few juries come first.
func (s *search) firstFewJuries(hi, horizon int) *solution {
	if sol := s.fillRuns(hi, horizon); sol != nil {
		return sol
	}
	if sol := s.shortenedFirst(hi, horizon); sol != nil {
		return sol
	}
	return s.firstPlan(hi, horizon, true)
}

// fillRuns makes firstFewJuries' runs with few juries, each within a
// share of what the phase has left: together three quarters of it.
func (s *search) fillRuns(hi, horizon int) *solution {
	for run := range maxRestarts {
		if s.steps.spent() {
			break
		}
		end := s.steps.phase(1, maxRestarts-run+1)
		stop := s.steps.bounded()
		sol := s.attempt(hi, horizon, run, true)
		stop()
		end()
		if sol != nil {
			return sol
		}
	}
	return nil
}

// farJuries is how far above its bound a plan's juries must be for the
// search to bring them closer (approachJuries) before it tries the counts
// from the bound up.
const farJuries = 3

// approachJuries brings best's juries closer to lo when they are far
// above it (a first plan found with many juries, or the serial
// schedule's): juries taken away one at a time while that works, then a
// bisection over the juries. Near lo it changes nothing: there a failed
// squeeze or bisection step would take the budget of the fresh plans
// tried from lo up.
func (s *search) approachJuries(best *solution, lo, horizon int, try func(k int) *solution) *solution {
	best = s.squeezeJuries(best, lo, horizon)
	return s.narrowJuries(best, lo, try)
}

// squeezeJuries takes juries away from best one at a time while it is
// far above lo, each time repairing the plan without it (withoutOneJury),
// within half of what the phase has left: where it works it is far
// cheaper than a fresh plan with fewer juries, since most of the plan
// stays. It stops at the first jury that cannot go.
func (s *search) squeezeJuries(best *solution, lo, horizon int) *solution {
	defer s.steps.phase(1, 2)()
	for best.usedJuries()-lo >= farJuries && !s.steps.spent() {
		sol := s.withoutOneJury(best, horizon)
		if sol == nil {
			break
		}
		best = sol
	}
	return best
}

// narrowJuries bisects the juries between lo and best's while they are
// far apart, each try (a fresh plan with that many juries) within half of
// what the phase has left, so that a try that fails, which spends its
// whole repair, leaves the next ones something.
func (s *search) narrowJuries(best *solution, lo int, try func(k int) *solution) *solution {
	low, high := lo, best.usedJuries()
	for high-low >= farJuries && !s.steps.spent() {
		mid := (low + high) / 2
		end := s.steps.phase(1, 2)
		stop := s.steps.bounded()
		sol := try(mid)
		stop()
		end()
		if sol != nil && sol.usedJuries() < high {
			best, high = sol, sol.usedJuries()
		} else {
			low = mid + 1
		}
	}
	return best
}

// tryShare is try(k) within an even share of what the phase has left
// among the jury counts from k up to high (excluded): a count that fails
// spends its whole repair, and the counts above it, where a plan is more
// likely, must keep their share.
func (s *search) tryShare(k, high int, try func(k int) *solution) *solution {
	defer s.steps.phase(1, high-k)()
	defer s.steps.bounded()()
	return try(k)
}

// runsAtBound looks for a plan with lo juries within horizon days, within
// a third of what is left: two runs with their repair, then the station
// template. Each run's placement stops at the third's end, as its repair
// does: a run of many candidates that does not fit would otherwise go on
// placing them past it, into the steps of the descent that follows
// (fewestJuriesFor), which is where a plan one jury above lo comes down.
func (s *search) runsAtBound(lo, horizon int) *solution {
	defer s.steps.phase(1, 3)()
	for run := range 2 {
		stop := s.steps.bounded()
		sol := s.attempt(lo, horizon, run, false)
		stop()
		if sol != nil {
			return sol
		}
	}
	return s.attemptTemplate(lo, horizon)
}
