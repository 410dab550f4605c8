package plan

import (
	"math/rand/v2"
	"slices"
)

// Large neighbourhood search. When the list scheduler leaves candidates
// out (they do not fit the days or the juries), a few placed candidates
// are taken out again and all are put back in another order, with noise in
// their choices; a change is kept when it leaves no more candidates out.
// Taking out candidates whose finishes are close frees one stretch of the
// session, which is where a better arrangement can appear.

// removeCandidate takes candidate c's items out of the timelines.
func (s *scheduler) removeCandidate(c int) []placed {
	items := s.plans[c]
	s.plans[c] = nil
	for _, it := range items {
		for _, r := range it.units {
			sp := use{it.segs[0].s, it.segs[len(it.segs)-1].e, c}
			s.units[r.rt][r.u] = removeUse(s.units[r.rt][r.u], sp)
		}
		if it.jury < 0 {
			continue
		}
		if it.task == "" && s.m.eps[it.ep].pres == Observe {
			st := s.sittings[it.ep]
			i := slices.IndexFunc(st, func(x sitting) bool { return x.jury == it.jury && x.segs[0].s == it.segs[0].s })
			if st[i].count--; st[i].count > 0 {
				continue
			}
			s.sittings[it.ep] = slices.Delete(st, i, i+1)
		}
		js := &s.juries[it.jury]
		for _, sg := range it.segs {
			js.busy = removeIval(js.busy, sg)
			js.load[dayOf(sg.s)] -= sg.e - sg.s
			js.work -= sg.e - sg.s
		}
	}
	return items
}

// restoreCandidate puts back items taken out by removeCandidate.
func (s *scheduler) restoreCandidate(c int, items []placed) {
	for _, it := range items {
		for _, r := range it.units {
			s.units[r.rt][r.u] = insertUse(s.units[r.rt][r.u], use{it.segs[0].s, it.segs[len(it.segs)-1].e, c})
		}
		if it.jury < 0 {
			continue
		}
		if it.task == "" && s.m.eps[it.ep].pres == Observe {
			st := s.sittings[it.ep]
			if i := slices.IndexFunc(st, func(x sitting) bool { return x.jury == it.jury && x.segs[0].s == it.segs[0].s }); i >= 0 {
				st[i].count++
				continue
			}
			s.sittings[it.ep] = append(st, sitting{segs: it.segs, jury: it.jury, count: 1})
		}
		js := &s.juries[it.jury]
		for _, sg := range it.segs {
			js.busy = insertIval(js.busy, sg)
			js.load[dayOf(sg.s)] += sg.e - sg.s
			js.work += sg.e - sg.s
		}
	}
	s.plans[c] = items
}

// insert places the candidates in the given order and returns those left
// out.
func (s *scheduler) insert(cands []int) []int {
	var out []int
	for _, c := range cands {
		if !s.addCandidate(c) {
			out = append(out, c)
		}
	}
	return out
}

// repair runs the large neighbourhood search for at most iterations
// rounds, and reports whether every candidate is placed.
func (s *scheduler) repair(out []int, iterations int, rng *rand.Rand) bool {
	n := s.m.n
	for it := 0; it < iterations && len(out) > 0 && s.m.work < s.m.limit; it++ {
		var in []int
		for c := range n {
			if s.plans[c] != nil {
				in = append(in, c)
			}
		}
		if len(in) == 0 {
			return false
		}
		size := 1 + rng.IntN(max(1, min(len(in), 2+n/6)))
		var taken []int
		if rng.IntN(3) > 0 {
			// Related: those finishing closest to a random one.
			pivot := s.finishOf(in[rng.IntN(len(in))])
			slices.SortFunc(in, func(a, b int) int {
				return abs(s.finishOf(a)-pivot) - abs(s.finishOf(b)-pivot)
			})
			taken = slices.Clone(in[:size])
		} else {
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
			taken = slices.Clone(in[:size])
		}
		saved := make([][]placed, len(taken))
		for i, c := range taken {
			saved[i] = s.removeCandidate(c)
		}
		again := append(slices.Clone(out), taken...)
		rng.Shuffle(len(again), func(i, j int) { again[i], again[j] = again[j], again[i] })
		keep := s.opt
		s.opt.noise = []int{0, 10, 60, 240}[rng.IntN(4)]
		s.opt.delay = []int{0, 0, 10, 25}[rng.IntN(4)]
		s.opt.rng = rng
		left := s.insert(again)
		s.opt = keep
		if len(left) <= len(out) {
			out = left
			continue
		}
		for _, c := range again {
			if s.plans[c] != nil {
				s.removeCandidate(c)
			}
		}
		for i, c := range taken {
			s.restoreCandidate(c, saved[i])
		}
	}
	return len(out) == 0
}

func (s *scheduler) finishOf(c int) int {
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

// clone returns an independent copy of the scheduler's state.
func (s *scheduler) clone() *scheduler {
	c := *s
	c.juries = slices.Clone(s.juries)
	for j := range c.juries {
		c.juries[j].busy = slices.Clone(s.juries[j].busy)
		c.juries[j].load = slices.Clone(s.juries[j].load)
	}
	c.units = make([][][]use, len(s.units))
	for rt := range s.units {
		c.units[rt] = make([][]use, len(s.units[rt]))
		for u := range s.units[rt] {
			c.units[rt][u] = slices.Clone(s.units[rt][u])
		}
	}
	c.sittings = make([][]sitting, len(s.sittings))
	for e := range s.sittings {
		c.sittings[e] = slices.Clone(s.sittings[e])
	}
	c.plans = slices.Clone(s.plans)
	c.undo, c.delayed, c.segBuf, c.refBuf = nil, nil, nil, nil
	// A copy is searched further without the template it was built on.
	c.pins, c.reserved = nil, nil
	return &c
}

// unclose takes the closures placed by close out again.
func (s *scheduler) unclose() {
	cl := s.m.h.JuryClosureMin
	if cl == 0 || !s.closed {
		return
	}
	for j := range s.juries {
		js := &s.juries[j]
		if js.work > 0 && !js.off {
			js.busy = removeIval(js.busy, js.closure)
			js.load[dayOf(js.closure.s)] -= cl
		}
	}
	s.closed = false
}

// squeezeDays tries to fit the plan in days days: the candidates with
// anything later are taken out and the search puts them back.
func (s *scheduler) squeezeDays(days int, rng *rand.Rand) bool {
	s.unclose()
	s.horizon = days
	var out []int
	for c := range s.plans {
		if s.plans[c] == nil || s.finishOf(c) > dayStart(days) {
			if s.plans[c] != nil {
				s.removeCandidate(c)
			}
			out = append(out, c)
		}
	}
	return s.repair(out, s.m.repairRounds(), rng) && s.close()
}

// squeezeJury tries to do without the working jury with the least work:
// its candidates are taken out and the search places them with the others.
func (s *scheduler) squeezeJury(rng *rand.Rand) bool {
	s.unclose()
	drop := -1
	for j, js := range s.juries {
		if js.work > 0 && !js.off && (drop < 0 || js.work < s.juries[drop].work) {
			drop = j
		}
	}
	if drop < 0 {
		return false
	}
	var out []int
	for c := range s.plans {
		if slices.ContainsFunc(s.plans[c], func(p placed) bool { return p.jury == drop }) {
			s.removeCandidate(c)
			out = append(out, c)
		}
	}
	s.juries[drop].off = true
	return s.repair(out, s.m.repairRounds(), rng) && s.close()
}
