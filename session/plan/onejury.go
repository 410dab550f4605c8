package plan

import (
	"fmt"
	"maps"
	"slices"
)

// Groups of one day (docs/planning.md#groups-of-one-day). The jury-day
// integrality bound counts, for each candidate, only its own jury's
// minutes forced onto one day; a sitting may be watched by another jury,
// so its minutes are left out. With a single jury there is no other: the
// sittings of a candidate's same-day group are that jury's too, on the
// group's day, and a sitting that a maximum gap limits to j candidates per
// jury holds at most j. A session whose every candidate brings a long
// sitting of its own and a few interviews to one jury's day then sees one
// candidate a day, where the energy bound allows more.
//
// Proof. Let g be a group of a candidate's épreuves tied by same-day
// constraints (a maximum gap), none splittable, E its exclusive minutes
// (with the accueil when g holds every order's first exclusive épreuve,
// and the deliberation when g holds all the exclusive épreuves: both lie
// on that épreuve's day, jury() proves it), and o an observed épreuve of g
// of d minutes whose sitting holds at most p candidates (sitCap, and the
// sitting-per-jury limit with one jury). With one jury, every candidate's
// g lies on one day, and on a day where n candidates have theirs the jury
// does their n·E minutes and watches at least ⌈n/p⌉ sittings of o, all of
// that day (a sitting's candidates sit it over one interval), one thing at
// a time: n·E + ⌈n/p⌉·d ≤ the jury's minutes that day (its day cap, less
// its briefing on its first working day and its closure on its last). The
// most n a day, summed over the days as for the jury-day integrality
// bound, must reach N; otherwise no plan of one jury has that many days.

// oneJuryLoad is one candidate's same-day group seen by a lone jury: its
// exclusive minutes and, optionally, one observed épreuve's sittings.
type oneJuryLoad struct {
	excl, sit, per int
	what           string
}

// oneJuryLoads returns the loads of every same-day group with jury work,
// none splittable.
func (b *bounds) oneJuryLoads() []oneJuryLoad {
	m := b.m
	find := m.groups(func(_ int, ed edge) bool { return ed.maxGap >= 0 })
	members := map[int][]int{}
	for e := range m.eps {
		members[find(e)] = append(members[find(e)], e)
	}
	exclGroups := 0
	for _, es := range members {
		for _, e := range es {
			if m.eps[e].pres == Exclusive {
				exclGroups++
				break
			}
		}
	}
	var out []oneJuryLoad
	for _, root := range slices.Sorted(maps.Keys(members)) {
		es := members[root]
		excl, allExcl, split := 0, false, false
		var obs []int
		for _, e := range es {
			info := &m.eps[e]
			split = split || info.split
			switch info.pres {
			case Exclusive:
				excl += info.dur
				allExcl = exclGroups == 1
				if e == b.everyFirstExcl {
					excl += m.h.AccueilMin
				}
			case Observe:
				obs = append(obs, e)
			}
		}
		if split {
			continue
		}
		if allExcl {
			excl += m.h.DeliberationMin
		}
		what := m.eps[es[0]].id
		if len(es) > 1 {
			what = fmt.Sprintf("%s and the %d épreuves tied to it on its day", what, len(es)-1)
		}
		if excl > 0 {
			out = append(out, oneJuryLoad{excl: excl, what: what})
		}
		for _, o := range obs {
			per := b.sitCap[o]
			if j := b.sitPerJury[o]; j > 0 {
				per = min(per, j)
			}
			if per > 0 {
				out = append(out, oneJuryLoad{excl: excl, sit: m.eps[o].dur, per: per, what: what})
			}
		}
	}
	return out
}

// most is how many candidates' loads a jury day of capacity minutes holds.
func (l oneJuryLoad) most(capacity int) int {
	switch {
	case l.sit == 0:
		return capacity / l.excl
	case l.excl == 0:
		return capacity / l.sit * l.per
	}
	n := 0
	for (n+1)*l.excl+(n+l.per)/l.per*l.sit <= capacity {
		n++
	}
	return n
}

// groupJuries is the fewest juries of a plan of days days by the loads:
// with the exclusive minutes of a group alone, each jury holds at most
// that many candidates in days days (the proof above, with the candidate's
// own jury and no sitting: true whatever the juries); with a sitting, one
// jury only when it holds them all. It returns the load that binds and
// the candidates one jury holds with it.
func (b *bounds) groupJuries(days int) (int, oneJuryLoad, int) {
	m := b.m
	br, cl := m.h.JuryBriefingMin, m.h.JuryClosureMin
	k, bind, held := 0, oneJuryLoad{}, 0
	for _, l := range b.oneJuryLoads() {
		f := func(first bool, less int) int { return l.most(max(0, m.juryDayCap(first)-less)) }
		best := f(true, br+cl)
		if days >= 2 {
			best = max(best, f(true, br)+(days-2)*f(false, 0)+f(false, cl), f(false, br+cl))
		}
		if days >= 3 {
			best = max(best, f(false, br)+(days-3)*f(false, 0)+f(false, cl))
		}
		need := 0
		switch {
		case best == 0 && l.sit == 0:
			need = never
		case l.sit == 0:
			need = (m.n + best - 1) / best
		case best < m.n:
			need = 2 // another jury may watch the sittings: one is too few, no more
		}
		if need > k {
			k, bind, held = need, l, best
		}
	}
	return k, bind, held
}
