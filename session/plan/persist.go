package plan

// Persisting on the last day. When moving the last day's candidates and
// the fresh runs of fewestDays both fail, the search used to end there,
// often with most of its budget unspent: the fresh runs it makes for one
// target are few, and the first two of them draw nothing at random, so
// the days phase stalled on a plan one day over its bound that another
// seed shortens in a few thousand steps (a single jury whose day is nearly
// full, a room several candidates need at the same times of day). Where
// the days are the measure lowered (min_days, and the plan min_juries
// shortens into a tight day limit, horizon.go), the search keeps trying until the
// phase's steps are spent: the last day's candidates moved again from the
// best plan (the large neighbourhood search draws other neighbourhoods,
// noise and delays each time), then a randomised fresh run for one day
// fewer, in turn. Only a plan over its days bound pays for it, in time: a
// plan at the bound ends the phase at once. It spends at most as many
// steps again as the search has spent so far (a tenth of the budget at
// least): where the bound itself is out of reach, which the search cannot
// tell, an input whose search had stalled early keeps most of its speed,
// while the plans found this way took less than that.

// persistDays looks for a plan of best.days-1 days with at most k juries,
// alternating a move of the last day's candidates from best and a
// randomised fresh run, until one fits or its steps (persistSteps) are
// spent; nil when none does.
func (s *search) persistDays(best *solution, k int) *solution {
	defer s.steps.phase(1, 1)()
	s.steps.limit = min(s.steps.limit, s.steps.used+s.persistSteps())
	defer s.steps.bounded()()
	for try := 0; !s.steps.spent(); try++ {
		s.installed(best)
		mark := s.mark()
		if s.squeezeDays(best.days - 1) {
			s.forget()
			return s.snapshot()
		}
		s.rollback(mark)
		// Runs from 2 on draw their options (attempt).
		if sol := s.attempt(k, best.days-1, 2+try, false); sol != nil {
			return sol
		}
	}
	return nil
}

// persistSteps is what persistDays may spend: as much as the search has
// spent so far, and a tenth of the whole budget at least.
func (s *search) persistSteps() int {
	return max(s.steps.used, s.steps.total/10)
}
