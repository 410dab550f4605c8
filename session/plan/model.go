package plan

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// model is a validated Input compiled for the planner: épreuves, resource
// types and constraints by index, and the time arithmetic of the calendar.
// It never changes once compiled: what the search changes is in search
// (state.go).
//
// Time inside the planner is absolute minutes: day×1440 + minute of day,
// days counted from 0 (working day 1). An instant that ends a day at 24:00
// belongs to that day, so the day of an end is dayOfEnd, not dayOf.
type model struct {
	in        Input
	n         int // candidates
	eps       []epInfo
	blocks    []Block
	dayLen    int // block minutes of a day
	open      int // opening minutes
	maxDays   int
	dayBudget int // member_day_min
	h         Hidden
	types     []resType
	// preds lists, per épreuve, the constraints where it comes after.
	preds [][]edge
	// orders are the candidate's possible épreuve orders (linear extensions
	// of the constraints, no_wait pairs adjacent, the last épreuve last).
	orders [][]int
	last   int // the épreuve constrained last, or -1
	// juryMinutes is the jury time one candidate needs for exclusive
	// épreuves and hidden tasks; observe sittings come on top.
	juryMinutes  int
	hasExclusive bool
	hasObserve   bool
	// sits says how the candidates fill the sittings (sitgroup.go).
	sits sittingMarks
}

type epInfo struct {
	id        string
	dur       int
	pres      Presence
	obsCap    int
	needs     []need
	split     bool
	corrected bool
	station   int // station group, or -1
}

type need struct{ rt, units int }

type resType struct {
	name  string
	cap   int
	reset int
}

// edge is a precedence into an épreuve.
type edge struct {
	from    int
	minGap  int
	maxGap  int // -1: none
	nextDay bool
	noWait  bool
	con     int // constraint index
}

// maxOrders caps the épreuve orders the planner considers per candidate.
const maxOrders = 24

func compile(in Input) *model {
	m := &model{
		in:        in,
		n:         in.Candidates,
		blocks:    in.Calendar.Blocks,
		open:      in.Hidden.OpeningMin,
		maxDays:   in.Calendar.MaxDays,
		dayBudget: in.Jury.MemberDayMin,
		h:         *in.Hidden,
		last:      -1,
	}
	for _, b := range m.blocks {
		m.dayLen += b.Len()
	}
	typeIdx := map[string]int{}
	for _, name := range sortedKeys(in.Capacities) {
		typeIdx[name] = len(m.types)
		m.types = append(m.types, resType{name: name, cap: in.Capacities[name], reset: in.StationResetMin[name]})
	}
	ids := map[string]int{}
	for i, e := range in.Epreuves {
		ids[e.ID] = i
		info := epInfo{id: e.ID, dur: e.DurationMin, pres: e.Jury, obsCap: e.ObserveCapacity,
			split: e.Splittable, corrected: e.CorrectedByJury, station: -1}
		for _, r := range e.Resources {
			info.needs = append(info.needs, need{rt: typeIdx[r.Type], units: r.Units})
		}
		m.eps = append(m.eps, info)
		switch e.Jury {
		case Exclusive:
			m.hasExclusive = true
			m.juryMinutes += e.DurationMin
		case Observe:
			m.hasObserve = true
		}
	}
	m.last = in.Final() // the entretien final is last; a last constraint names it too
	m.preds = make([][]edge, len(m.eps))
	station := make([]int, len(m.eps)) // union-find over same_station groups
	for i := range station {
		station[i] = i
	}
	find := func(i int) int {
		for station[i] != i {
			i = station[i]
		}
		return i
	}
	for ci, c := range in.Constraints {
		switch c.Type {
		case Precedes, NoWait:
			e := edge{from: ids[c.Before], minGap: c.MinGapMin, maxGap: -1, nextDay: c.NextDay, noWait: c.Type == NoWait, con: ci}
			if c.MaxGapMin != nil {
				e.maxGap = *c.MaxGapMin
			}
			m.preds[ids[c.After]] = append(m.preds[ids[c.After]], e)
		case Last:
			m.last = ids[c.Epreuve]
		case SameStation:
			for _, id := range c.Epreuves[1:] {
				station[find(ids[id])] = find(ids[c.Epreuves[0]])
			}
		}
	}
	size := map[int]int{}
	for i := range m.eps {
		size[find(i)]++
	}
	for i := range m.eps {
		if r := find(i); size[r] > 1 {
			m.eps[i].station = r
		}
	}
	if m.hasExclusive {
		m.juryMinutes += m.h.AccueilMin + m.h.ReadingMin + m.h.DeliberationMin
		for _, e := range m.eps {
			if e.corrected {
				m.juryMinutes += m.h.CorrectionMin
			}
		}
	}
	m.orders = m.sampleOrders(maxOrders)
	m.sits = m.sittingMarks()
	return m
}

// orderGraph is the precedence graph the épreuve orders respect: each
// épreuve's successors, its in-degree, and its no_wait successor (-1:
// none); the last épreuve follows every other.
type orderGraph struct {
	succ       [][]int
	indeg      []int
	succNoWait []int
}

func (m *model) orderGraph() orderGraph {
	n := len(m.eps)
	g := orderGraph{succ: make([][]int, n), indeg: make([]int, n), succNoWait: make([]int, n)}
	for i := range g.succNoWait {
		g.succNoWait[i] = -1
	}
	for a, es := range m.preds {
		for _, e := range es {
			g.indeg[a]++
			g.succ[e.from] = append(g.succ[e.from], a)
			if e.noWait {
				g.succNoWait[e.from] = a
			}
		}
	}
	if m.last >= 0 {
		for i := range n {
			if i != m.last {
				g.indeg[m.last]++
				g.succ[i] = append(g.succ[i], m.last)
			}
		}
	}
	return g
}

// linearExtensions returns up to limit orders of the épreuves that respect
// every precedence, keep each no_wait pair adjacent and put the last épreuve
// last, in a deterministic order: lexicographic, so the first is the
// déroulé's own order as far as the constraints allow.
func (m *model) linearExtensions(limit int) [][]int {
	n := len(m.eps)
	g := m.orderGraph()
	indeg := g.indeg
	var out [][]int
	order := make([]int, 0, n)
	var rec func(forced int)
	rec = func(forced int) {
		if len(out) >= limit {
			return
		}
		if len(order) == n {
			out = append(out, slices.Clone(order))
			return
		}
		for v := range n {
			if indeg[v] != 0 || slices.Contains(order, v) || (forced >= 0 && v != forced) {
				continue
			}
			order = append(order, v)
			for _, s := range g.succ[v] {
				indeg[s]--
			}
			rec(g.succNoWait[v])
			for _, s := range g.succ[v] {
				indeg[s]++
			}
			order = order[:len(order)-1]
		}
	}
	rec(-1)
	return out
}

// sampleOrders returns up to limit orders of the épreuves: all of them
// when there are no more; otherwise the déroulé's own order first, then
// orders that differ from the start on (the lexicographic ones share
// their first épreuves, and a station template or a crowded morning may
// need another épreuve first): the épreuves without a jury first, the
// exclusive ones first, the longest first, the shortest first, the
// déroulé backwards where the constraints allow, then orders drawn at
// random with a fixed seed, so that the orders depend on the input only.
func (m *model) sampleOrders(limit int) [][]int {
	all := m.linearExtensions(limit + 1)
	if len(all) <= limit {
		return all
	}
	n := len(m.eps)
	g := m.orderGraph()
	out := [][]int{all[0]}
	seen := map[string]bool{fmt.Sprint(all[0]): true}
	add := func(o []int) {
		if k := fmt.Sprint(o); len(out) < limit && !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	// topo builds an order taking, among the épreuves free to come next,
	// the least by less (a no_wait successor comes right after its
	// predecessor).
	topo := func(less func(a, b int) bool) []int {
		indeg := slices.Clone(g.indeg)
		done := make([]bool, n)
		order := make([]int, 0, n)
		forced := -1
		for len(order) < n {
			v := forced
			if v < 0 {
				for u := range n {
					if !done[u] && indeg[u] == 0 && (v < 0 || less(u, v)) {
						v = u
					}
				}
			}
			done[v] = true
			order = append(order, v)
			for _, s := range g.succ[v] {
				indeg[s]--
			}
			forced = g.succNoWait[v]
		}
		return order
	}
	rank := func(key func(e int) int) func(a, b int) bool {
		return func(a, b int) bool { return key(a) < key(b) || key(a) == key(b) && a < b }
	}
	juryRank := map[Presence]int{NoJury: 0, Observe: 1, Exclusive: 2}
	add(topo(rank(func(e int) int { return juryRank[m.eps[e].pres] })))
	add(topo(rank(func(e int) int { return -juryRank[m.eps[e].pres] })))
	add(topo(rank(func(e int) int { return -m.eps[e].dur })))
	add(topo(rank(func(e int) int { return m.eps[e].dur })))
	add(topo(rank(func(e int) int { return -e })))
	rng := rand.New(rand.NewPCG(uint64(n), 0x0de5))
	for try := 0; len(out) < limit && try < 20*limit; try++ {
		key := rng.Perm(n)
		add(topo(rank(func(e int) int { return key[e] })))
	}
	return out
}

// Time arithmetic.

func dayOf(t int) int    { return t / minutesPerDay }
func dayOfEnd(t int) int { return (t - 1) / minutesPerDay }
func dayStart(d int) int { return d * minutesPerDay }

// blockStart returns the first minute of block b on day d at which
// something may start: on day 0 nothing overlaps the opening.
func (m *model) blockStart(d, b int) int {
	s := int(m.blocks[b].Start)
	if d == 0 && b == 0 {
		s += m.open
	}
	return dayStart(d) + s
}

func (m *model) blockEnd(d, b int) int { return dayStart(d) + int(m.blocks[b].End) }

// blockOf returns the block of day(t) containing start instant t, or the
// index of the next block (len(blocks) when t is after the day's last).
func (m *model) blockOf(t int) (d, b int, inside bool) {
	d = dayOf(t)
	for b = range m.blocks {
		if t < m.blockEnd(d, b) {
			return d, b, t >= m.blockStart(d, b)
		}
	}
	return d, len(m.blocks), false
}

// dayEnd is the end of the last block of day d.
func (m *model) dayEnd(d int) int { return m.blockEnd(d, len(m.blocks)-1) }

// segments lays an épreuve of dur minutes starting at t (inside a block)
// over the blocks: one segment when it fits in the rest of the block,
// otherwise (splittable only) a run over consecutive blocks. It returns nil
// when the épreuve does not fit before day horizon, or does not fit its
// block when it is not splittable.
func (m *model) segments(t, dur int, split bool, horizon int, buf []ival) []ival {
	d, b, inside := m.blockOf(t)
	if !inside || d >= horizon {
		return nil
	}
	segs := buf[:0]
	for rest := dur; ; {
		end := m.blockEnd(d, b)
		if t+rest <= end {
			return append(segs, ival{s: t, e: t + rest})
		}
		if !split {
			return nil
		}
		segs = append(segs, ival{s: t, e: end})
		rest -= end - t
		if b++; b == len(m.blocks) {
			b, d = 0, d+1
			if d >= horizon {
				return nil
			}
		}
		t = m.blockStart(d, b)
	}
}

// dates returns the dates of the first n working days of the session.
func (m *model) dates(n int) []date.Date {
	cal := tpsession.Calendar{Region: m.in.Calendar.Region}
	out := make([]date.Date, 0, n)
	for d := cal.OnOrAfter(m.in.Calendar.Start); len(out) < n; d = cal.Next(d) {
		out = append(out, d)
	}
	return out
}
