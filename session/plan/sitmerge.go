package plan

import "slices"

// Sittings that could be one. Each candidate opens or joins a sitting of
// an observed épreuve as it is placed, so a candidate ready a little
// after a sitting began opens one of its own, and a jury watches two
// half-empty sittings where one would do: in min_juries that is often
// the jury too many. The large neighbourhood search has, besides the
// candidates finishing together, a neighbourhood for that: the
// candidates of a sitting that is not full, put back with a wide join
// slack, so that they join a later sitting of the same épreuve when they
// can, half of the time with the sittings they open lined up on a block's
// start (options.alignSittings), where the candidates ready later can join
// them; fewestJuries has a probe placed that way too.

// sittingMates returns the candidates of one sitting, not full, of an
// observed épreuve that has another sitting not full starting later; nil
// when there is none.
func (s *search) sittingMates() []int {
	type pick struct{ e, i int }
	var picks []pick
	for e, list := range s.sittings {
		if len(list) < 2 {
			continue
		}
		full := s.m.eps[e].obsCap
		latest := -1 // the latest start of a sitting not full
		for _, st := range list {
			if st.count < full {
				latest = max(latest, st.segs[0].s)
			}
		}
		for i, st := range list {
			if st.count < full && st.segs[0].s < latest {
				picks = append(picks, pick{e, i})
			}
		}
	}
	if len(picks) == 0 {
		return nil
	}
	p := picks[s.rng.IntN(len(picks))]
	st := s.sittings[p.e][p.i]
	var out []int
	for c, items := range s.plans {
		if slices.ContainsFunc(items, func(it placed) bool {
			return it.task == "" && it.ep == p.e && it.jury == st.jury && it.segs[0].s == st.segs[0].s
		}) {
			out = append(out, c)
		}
	}
	return out
}

// sittingNeighbourhood is the share of the repair's rounds, in percent,
// that take out a sitting's candidates, while min_juries looks for fewer
// juries (search.mergeSittings): there a sitting too many is a jury's
// time; when the days are shortened, joining a later sitting only
// lengthens the plan, and with min_days the juries are many.
const sittingNeighbourhood = 25

// sittingsToMerge draws whether a repair round takes out a sitting's
// candidates, and returns them; nil otherwise.
func (s *search) sittingsToMerge() []int {
	if !s.mergeSittings || len(s.sittings) == 0 || s.rng.IntN(100) >= sittingNeighbourhood {
		return nil
	}
	return s.sittingMates()
}
