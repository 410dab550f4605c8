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
//
// Where the days phase stops one day over its bound, more of the same
// search rarely helps: on the 95 min_days plans of the population report
// one day over their bound, three other seeds or eight times the budget
// reach the bound on 9 only, and 63 of the 95 end with the days of their
// first plan (the serial schedule, a probe or the template). A squeeze that works mostly works fast (half of them
// within some 25 000 steps), one that fails spends most of the phase, yet
// none of these met the bound on more plans: bounding each squeeze to an
// eighth or a sixteenth of the budget and trying again from the best
// plan, going to this persistence without the fresh runs before it,
// drawing the neighbourhood around the end of the horizon, ending a
// repair round once it has left more candidates out than before (its
// change is undone anyway). Nor, where a jury's closure alone makes the
// last day (the candidates fit one day fewer, the closure after them
// does not), did holding the closure's time at the end of the day and
// repairing around it.

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
