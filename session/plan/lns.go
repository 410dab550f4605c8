package plan

import (
	"slices"
)

// Large neighbourhood search. When the list scheduler leaves candidates
// out (they do not fit the days or the juries), a few placed candidates
// are taken out again and all are put back in another order, with noise in
// their choices; a change is kept when it leaves no more candidates out.
// Taking out candidates whose finishes are close frees one stretch of the
// session, which is where a better arrangement can appear. Every change
// goes through the search's undo log: a rejected change rolls back.

// removeCandidate takes candidate c's items out of the timelines.
func (s *search) removeCandidate(c int) {
	items := s.plans[c]
	s.setPlan(c, nil)
	for _, it := range items {
		sp := use{it.segs[0].s, it.segs[len(it.segs)-1].e, c}
		for _, r := range it.units {
			s.useDrop(r, sp)
		}
		if it.jury < 0 {
			continue
		}
		if it.task == "" && s.m.eps[it.ep].pres == Observe {
			i := s.sittingOf(it)
			if s.sittings[it.ep][i].count > 1 {
				s.sittingLeave(it.ep, i)
				continue // the sitting goes on with the others
			}
			s.sittingLeave(it.ep, i)
		}
		for _, sg := range it.segs {
			s.dropJuryWork(it.jury, sg)
		}
	}
}

// sittingOf returns the index of the sitting an observed item is in.
func (s *search) sittingOf(it placed) int {
	return slices.IndexFunc(s.sittings[it.ep], func(x sitting) bool { return x.jury == it.jury && x.start == it.segs[0].s })
}

// restoreCandidate puts back items taken out by removeCandidate (or kept
// in a solution).
func (s *search) restoreCandidate(c int, items []placed) {
	for _, it := range items {
		sp := use{it.segs[0].s, it.segs[len(it.segs)-1].e, c}
		for _, r := range it.units {
			s.useAdd(r, sp)
		}
		if it.jury < 0 {
			continue
		}
		if it.task == "" && s.m.eps[it.ep].pres == Observe {
			if i := s.sittingOf(it); i >= 0 {
				s.sittingJoin(it.ep, i)
				continue
			}
			s.sittingNew(it.ep, sitting{segs: it.segs, jury: it.jury, count: 1})
		}
		for _, sg := range it.segs {
			s.addJuryWork(it.jury, sg)
		}
	}
	s.setPlan(c, items)
}

// insert places the candidates in the given order and returns those left
// out: all those it could not try once the placement must stop.
func (s *search) insert(cands []int) []int {
	var out []int
	for _, c := range cands {
		if s.steps.cut() || !s.addCandidate(c) {
			out = append(out, c)
		}
	}
	return out
}

// all lists the candidates.
func (s *search) all() []int {
	out := make([]int, s.m.n)
	for i := range out {
		out[i] = i
	}
	return out
}

// repair runs the large neighbourhood search for at most rounds rounds
// (and within the phase's steps), and reports whether every candidate is
// placed.
func (s *search) repair(out []int, rounds int) bool {
	for it := 0; it < rounds && len(out) > 0 && !s.steps.spent(); it++ {
		in := s.placedCandidates()
		if len(in) == 0 {
			return false
		}
		taken := s.neighbourhood(in)
		mark := s.mark()
		for _, c := range taken {
			s.removeCandidate(c)
		}
		again := append(slices.Clone(out), taken...)
		s.rng.Shuffle(len(again), func(i, j int) { again[i], again[j] = again[j], again[i] })
		keep := s.opt
		s.opt.noise = []int{0, 10, 60, 240}[s.rng.IntN(4)]
		s.opt.delay = []int{0, 0, 10, 25}[s.rng.IntN(4)]
		left := s.insert(again)
		s.opt = keep
		if len(left) <= len(out) {
			out = left
			continue
		}
		s.rollback(mark)
	}
	return len(out) == 0
}

func (s *search) placedCandidates() []int {
	var in []int
	for c := range s.plans {
		if s.plans[c] != nil {
			in = append(in, c)
		}
	}
	return in
}

// neighbourhood draws the placed candidates to take out: those finishing
// closest to a random one, or a random few.
func (s *search) neighbourhood(in []int) []int {
	n := s.m.n
	size := 1 + s.rng.IntN(max(1, min(len(in), 2+n/6)))
	if s.rng.IntN(3) > 0 {
		pivot := s.finishOf(in[s.rng.IntN(len(in))])
		slices.SortFunc(in, func(a, b int) int {
			return abs(s.finishOf(a)-pivot) - abs(s.finishOf(b)-pivot)
		})
	} else {
		s.rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
	}
	return slices.Clone(in[:size])
}

func (s *search) finishOf(c int) int {
	f := 0
	for _, it := range s.plans[c] {
		f = max(f, it.segs[len(it.segs)-1].e)
	}
	return f
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// unclose takes the closures placed by close out again.
func (s *search) unclose() {
	cl := s.m.h.JuryClosureMin
	if !s.closed {
		return
	}
	if cl > 0 {
		for j := range s.juries {
			js := &s.juries[j]
			if js.work > 0 && !js.off {
				s.dropBusy(j, js.closure, cl)
			}
		}
	}
	s.setClosed(false, s.days)
}

// squeezeDays tries to fit the plan in days days: the candidates with
// anything later are taken out and the search puts them back. On failure
// the caller rolls back.
func (s *search) squeezeDays(days int) bool {
	s.unclose()
	s.setHorizon(days)
	var out []int
	for c := range s.plans {
		if s.plans[c] == nil || s.finishOf(c) > dayStart(days) {
			if s.plans[c] != nil {
				s.removeCandidate(c)
			}
			out = append(out, c)
		}
	}
	return s.repair(out, s.m.repairRounds()) && s.close()
}

// squeezeJury tries to do without working jury drop: its candidates are
// taken out and the search places them with the others. On failure the
// caller rolls back.
func (s *search) squeezeJury(drop int) bool {
	s.unclose()
	var out []int
	for c := range s.plans {
		if slices.ContainsFunc(s.plans[c], func(p placed) bool { return p.jury == drop }) {
			s.removeCandidate(c)
			out = append(out, c)
		}
	}
	s.setOff(drop, true)
	return s.repair(out, s.m.repairRounds()) && s.close()
}

// workingJuries returns the working juries, the least working first.
func (s *search) workingJuries() []int {
	var out []int
	for j, js := range s.juries {
		if js.work > 0 && !js.off {
			out = append(out, j)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return s.juries[a].work - s.juries[b].work })
	return out
}
