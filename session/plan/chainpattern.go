package plan

import "slices"

// Chain patterns. When a room's uses each hold the same units (a single
// interview room, or two rooms side by side) and a candidate's uses of it
// include a chain of épreuves joined by maximum gaps (a presentation then
// two interviews, no wait between them), the serial placement wastes the
// room: the first candidate's short uses after its chain go to the
// earliest free minutes of the room, which split the block the next
// candidate's chain needed, and the session passes one candidate a day
// through a room where two chains fit. A plan by hand lays the chains out
// first, as many as the room's blocks hold, and fits the short uses around
// them.
//
// The chain pattern does that: in each block and on each lane of the room
// (its units taken as many at a time as a use holds), the chains laid end
// to end as late as the block and the rigid group's window allow (so the
// start of the block stays free for the short uses placed at their
// earliest; on the day's last block, the deliberation after a chain that
// ends with the last épreuve keeps its minutes); the candidates given the
// pattern's chains in time order, spread evenly over the chains whose
// candidates can still finish within the days, the juries taking them in
// turn. Each chain épreuve is pinned to its start and lane and holds the
// room until its candidate is placed (a pin with hold), so that no
// candidate placed earlier takes it. The list scheduler places everything
// else around the chains, and the search tries the pattern as it tries
// the station template (bisection over the days, a short repair), when
// the chains are scarce: the blocks hold at least as many as candidates,
// at most twice as many (with more, placing them at will wastes none).

// chain is the part of a candidate's uses of a one-lane type that a
// pattern lays out: épreuves of one rigid group, at fixed offsets.
type chain struct {
	rt, units int
	lanes     int   // stations of units units side by side
	eps       []int // in the group's order
	off       []int // start of each after the first's start
	span      int   // first start to last end
}

// patternChain returns the chain of a type whose uses all hold the same
// number of units, with two or more of its épreuves in one rigid group,
// one right after the other:
// the type with the fewest lanes (stations of those units side by side),
// then the chain with the most minutes; ok false when there is none.
func (m *model) patternChain(b *bounds) (chain, bool) {
	var best chain
	for rt, t := range m.types {
		units, same := 0, true
		for _, info := range m.eps {
			for _, nd := range info.needs {
				if nd.rt == rt {
					same = same && (units == 0 || units == nd.units)
					units = nd.units
				}
			}
		}
		if units == 0 || !same || t.cap < units {
			continue
		}
		lanes := t.cap / units
		if best.eps != nil && lanes > best.lanes {
			continue
		}
		// The rigid group with the most minutes of the type.
		groups := map[int][]int{}
		for e, info := range m.eps {
			if b.group[e] == nil || info.split {
				continue
			}
			for _, nd := range info.needs {
				if nd.rt == rt {
					groups[slices.Min(b.group[e])] = append(groups[slices.Min(b.group[e])], e)
				}
			}
		}
		for _, es := range groups {
			if len(es) < 2 {
				continue
			}
			slices.SortFunc(es, func(x, y int) int { return b.head[x] - b.head[y] })
			c := chain{rt: rt, units: units, lanes: lanes, eps: es}
			ok := true
			for i, e := range es {
				c.off = append(c.off, b.head[e]-b.head[es[0]])
				if i > 0 && c.off[i] != c.off[i-1]+m.eps[es[i-1]].dur {
					// Not one after another in every plan, or the room
					// free between two: another candidate's use may go
					// there, and chains laid end to end would waste it.
					ok = false
				}
			}
			last := es[len(es)-1]
			c.span = c.off[len(es)-1] + m.eps[last].dur
			if ok && (best.eps == nil || lanes < best.lanes || c.span > best.span || c.span == best.span && best.rt == rt && es[0] < best.eps[0]) {
				best = c
			}
		}
	}
	return best, best.eps != nil
}

// chainPattern returns the pins of the chain pattern within days days and
// with k juries, and the order to place the candidates in; nil when there
// is no chain or the room's blocks hold fewer chains than candidates.
func (m *model) chainPattern(b *bounds, k, days int) ([][]pin, []int) {
	ch, ok := m.patternChain(b)
	if !ok {
		return nil, nil
	}
	starts := m.chainStarts(b, ch, days)
	if len(starts) < m.n || len(starts) > 2*m.n {
		return nil, nil // too few, or so many that placing at will wastes none
	}
	// The juries take the chains in turn: twice as many as the days need
	// at least, so that each has time between its chains for their short
	// épreuves.
	if need, _ := b.juriesFor(days); 2*need < k {
		k = 2 * need
	}
	// The candidates take n of them, spread evenly, in time order.
	pins := make([][]pin, 0, m.n)
	for i, s := range starts {
		if (i+1)*m.n/len(starts) > i*m.n/len(starts) {
			pins = append(pins, m.chainPins(b, ch, s, len(pins), k))
		}
	}
	order := make([]int, m.n)
	for c := range order {
		order[c] = c
	}
	return pins, order
}

// chainStarts returns the start of every chain the room's blocks hold in
// days days: in each block, end to end from the latest start of the
// chain's window, and early enough for the candidate's épreuves after it.
func (m *model) chainStarts(b *bounds, ch chain, days int) []slot {
	first, last := ch.eps[0], ch.eps[len(ch.eps)-1]
	reset := m.types[ch.rt].reset
	// The pattern leaves at its end the days a candidate's épreuves after
	// its chain take, at a full day's work a day.
	lft := b.latestEnds(days)
	after := never
	for _, o := range b.orders {
		i, mins := slices.Index(o, last), 0
		for _, e := range o[i+1:] {
			mins += m.eps[e].dur
		}
		after = min(after, mins)
	}
	if after < never {
		lft[last] = min(lft[last], m.dayEnd(days-1-(after+m.dayLen-1)/m.dayLen))
	}
	var starts []slot
	for d := range days {
		for bi := range m.blocks {
			lo, hi := b.inWindow(first, d, bi)
			hi = min(hi, m.blockEnd(d, bi)-b.tail[last]-ch.span+m.eps[first].dur)
			if bi == len(m.blocks)-1 && slices.Contains(ch.eps, m.last) && m.eps[m.last].pres == Exclusive {
				hi -= m.h.DeliberationMin // it follows the last épreuve, the same day
			}
			var block []int
			for s := hi - m.eps[first].dur; s >= lo; s -= ch.span + reset {
				if s+ch.span <= lft[last] {
					block = append(block, s)
				}
			}
			slices.Reverse(block)
			for _, s := range block {
				for lane := range ch.lanes {
					starts = append(starts, slot{s, lane})
				}
			}
		}
	}
	return starts
}

// slot is where a chain starts: an instant and a lane.
type slot struct{ at, lane int }

// chainPins pins candidate c's chain to slot s: each épreuve at its
// offset, holding the room, an exclusive one with jury c mod k (the
// juries take the chains in turn: a jury whose candidates' chains follow
// one another would have no time for their short épreuves).
func (m *model) chainPins(b *bounds, ch chain, s slot, c, k int) []pin {
	pins := make([]pin, len(m.eps))
	for j, e := range ch.eps {
		lead, jury := 0, -1
		if e == b.everyFirstExcl {
			lead = m.h.AccueilMin
		}
		if m.eps[e].pres == Exclusive && k > 0 {
			jury = c % k
		}
		at := s.at + ch.off[j]
		pins[e] = pin{set: true, hold: true, rt: ch.rt, u: s.lane * ch.units, units: ch.units, start: at, jury: jury,
			span: ival{at - lead, at + m.eps[e].dur}}
	}
	return pins
}
