package plan

import (
	"slices"
)

// Station templates. When the busiest unit's sequence of uses sets the
// length of the session (a long test without the jury then a short one with
// it on the same station, a job running over several blocks), placing the
// candidates one by one at their earliest finish wastes the stations: the
// first candidate's jury part takes an afternoon that three other
// candidates' long tests needed. The planner then lays out each unit's
// uses first, with the programme of the unit sequence bound (which finds
// the earliest way for one unit to serve its candidates in the blocks),
// unit after unit so that at most k of their jury parts overlap, and pins
// every candidate's uses of that type to its unit and to no earlier than
// the template's start; the list scheduler places everything else around
// them.

// pin is where a template puts one épreuve of a candidate: on units
// u to u+units−1 of type rt.
type pin struct {
	set          bool
	rt, u, units int
	start        int
	// jury is the jury the template gives the candidate (-1: none); an
	// exclusive part's interval, its accueil included, is reserved in
	// that jury's time until the candidate is placed.
	jury int
	span ival
	// hold: the units are held over [start, span.e) until the candidate
	// is placed, as the jury part is (a chain pattern's room).
	hold bool
	// watch: the pin is a sitting's (sitpattern.go); its jury, if any,
	// watches the sitting and is not the candidate's jury.
	watch bool
}

// template returns, per candidate, the pins of its uses of the bounds'
// sequence type within days days and with k juries, in the order the
// candidates should be placed; nil when there is no template. It also
// returns its work: the states its programmes explored.
func (m *model) template(b *bounds, k, days int) ([][]pin, []int, int) {
	pins, order, work := m.templateShared(b, k, days, true)
	if pins == nil && work > 0 {
		var more int
		pins, order, more = m.templateShared(b, k, days, false)
		work += more
	}
	return pins, order, work
}

// templateShared is template, the jury parts of a day taking at most
// their share of the juries' day when share is set (the rest of each
// candidate's jury work must fit too), at most the juries' whole day
// otherwise (a day of jury parts only: the last day of long tests done
// the days before).
func (m *model) templateShared(b *bounds, k, days int, share bool) ([][]pin, []int, int) {
	if b.seqDays == 0 || b.seqDays < b.resDays || b.seqDays < b.pathDays {
		return nil, nil, 0 // the sequence of a unit's uses is not what binds
	}
	work := 0
	rt := b.seqType
	ops, units := b.unitGroup(rt)
	t := m.types[rt]
	if ops == nil || units == 0 || t.cap < units {
		return nil, nil, 0
	}
	// A station is units units that serve one candidate together; with
	// more than one unit a use, the type holds cap/units stations side by
	// side (the units over are left idle).
	stations := t.cap / units
	type slot struct {
		u     int
		start []int
	}
	var slots []slot
	var juryUse []ival // the jury parts laid out so far, with their accueil
	groupJury := 0
	for _, op := range ops {
		if m.eps[op.ep].pres == Exclusive {
			groupJury += op.dur + op.lead
		}
	}
	dayLoad := make([]int, days)
	dayCap := 0
	if groupJury > 0 && m.juryMinutes > 0 {
		dayCap = k * m.juryDayCap(false)
		if share {
			dayCap = dayCap * groupJury / m.juryMinutes
		}
	}
	for u := range stations {
		q := m.n / stations
		if u < m.n%stations {
			q++
		}
		if q == 0 {
			break
		}
		r := seqRun{b: b, ops: ops, reset: t.reset, q: q, days: days, record: true}
		if k > 0 {
			r.allow = func(p, s, e int) int {
				op := &ops[p]
				if m.eps[op.ep].pres != Exclusive {
					return s
				}
				if d := dayOf(s); dayLoad[d]+e-s+op.lead > dayCap {
					return dayStart(d + 1)
				}
				return juryRoom(juryUse, ival{s - op.lead, e}, k, op.lead)
			}
		}
		outcome, steps := r.run()
		work += r.explored
		if outcome != seqFits {
			return nil, nil, work
		}
		// Who does each use: the last use's candidate when it goes on,
		// otherwise the first candidate waiting at that stage.
		waiting := make([][]int, len(ops))
		var local [][]int
		last := -1
		for _, st := range steps {
			var c int
			switch {
			case st.from == 0:
				c = len(local)
				local = append(local, make([]int, len(ops)))
			case st.same:
				c = last
				waiting[st.from] = slices.DeleteFunc(waiting[st.from], func(x int) bool { return x == c })
			default:
				i := 0
				if waiting[st.from][0] == last && len(waiting[st.from]) > 1 {
					i = 1
				}
				c = waiting[st.from][i]
				waiting[st.from] = slices.Delete(waiting[st.from], i, i+1)
			}
			local[c][st.from] = st.s
			if st.from+1 < len(ops) {
				waiting[st.from+1] = append(waiting[st.from+1], c)
			}
			last = c
			if op := &ops[st.from]; m.eps[op.ep].pres == Exclusive {
				juryUse = insertIval(juryUse, ival{st.s - op.lead, st.e})
				dayLoad[dayOf(st.s)] += st.e - st.s + op.lead
			}
		}
		for _, starts := range local {
			slots = append(slots, slot{u: u, start: starts})
		}
	}
	slices.SortStableFunc(slots, func(a, b slot) int { return a.start[0] - b.start[0] })
	pins := make([][]pin, m.n)
	order := make([]int, m.n)
	for c := range m.n {
		pins[c] = make([]pin, len(m.eps))
		for i, op := range ops {
			info := &m.eps[op.ep]
			segs := m.segments(slots[c].start[i], info.dur, info.split, days, nil)
			pins[c][op.ep] = pin{set: true, rt: rt, u: slots[c].u * units, units: units, start: slots[c].start[i], jury: -1,
				span: ival{slots[c].start[i] - op.lead, segs[len(segs)-1].e}}
		}
		order[c] = c
	}
	m.assignJuries(pins, k)
	return pins, order, work
}

// assignJuries gives the candidates' pinned jury parts to k juries: in
// order of start, each to the free jury with the least work that day
// (interval partitioning: at most k overlap, so a jury is always free).
// A candidate keeps the jury of its first pinned part.
func (m *model) assignJuries(pins [][]pin, k int) {
	type part struct{ c, e int }
	var parts []part
	for c := range pins {
		for e, p := range pins[c] {
			if p.set && m.eps[e].pres == Exclusive {
				parts = append(parts, part{c, e})
			}
		}
	}
	slices.SortStableFunc(parts, func(a, b part) int { return pins[a.c][a.e].span.s - pins[b.c][b.e].span.s })
	free := make([]int, k) // when each jury is free
	load := map[[2]int]int{}
	of := make([]int, len(pins))
	for c := range of {
		of[c] = -1
	}
	for _, pt := range parts {
		sp := pins[pt.c][pt.e].span
		j := of[pt.c]
		if j < 0 || free[j] > sp.s {
			j = -1
			for i := range k {
				if free[i] <= sp.s && (j < 0 || load[[2]int{i, dayOf(sp.s)}] < load[[2]int{j, dayOf(sp.s)}]) {
					j = i
				}
			}
		}
		if j < 0 {
			continue // no free jury: the part is not reserved
		}
		if of[pt.c] < 0 {
			of[pt.c] = j
		}
		if of[pt.c] != j {
			continue
		}
		free[j] = sp.e
		load[[2]int{j, dayOf(sp.s)}] += sp.e - sp.s
		pins[pt.c][pt.e].jury = j
	}
}

// juryRoom returns s.s+lead when fewer than k of the intervals in list
// (sorted by start, overlapping) cover any instant of s, otherwise a later
// start worth trying: past the first covering interval's end.
func juryRoom(list []ival, s ival, k, lead int) int {
	depth, firstEnd := 0, never
	for _, p := range list {
		if p.s >= s.e {
			break
		}
		if p.e <= s.s {
			continue
		}
		// The depth at p's start (or at s's start), where it can grow.
		at, d := max(p.s, s.s), 0
		for _, x := range list {
			if x.s > at {
				break
			}
			if at < x.e {
				d++
				firstEnd = min(firstEnd, x.e)
			}
		}
		depth = max(depth, d)
	}
	if depth < k {
		return s.s + lead
	}
	return firstEnd + lead
}
