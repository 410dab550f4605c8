package plan

import (
	"context"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// model is a validated Input compiled for the planner: épreuves, resource
// types and constraints by index, and the time arithmetic of the calendar.
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
	// work counts the scheduler's steps over the whole search; the search
	// stops improving past budget, so that its time is bounded and its
	// result depends on the input only, not on the machine.
	work, budget int
	// limit is the work at which the current phase of the search stops,
	// so that each phase leaves some of the budget to the next.
	limit int
	// ctx, when not nil, stops the search when it ends; stopped tells
	// that it has (see interrupted).
	ctx     context.Context
	stopped bool
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
	m.orders = m.linearExtensions(maxOrders)
	return m
}

// linearExtensions returns up to limit orders of the épreuves that respect
// every precedence, keep each no_wait pair adjacent and put the last épreuve
// last, in a deterministic order.
func (m *model) linearExtensions(limit int) [][]int {
	n := len(m.eps)
	succNoWait := make([]int, n)
	for i := range succNoWait {
		succNoWait[i] = -1
	}
	indeg := make([]int, n)
	succ := make([][]int, n)
	for a, es := range m.preds {
		for _, e := range es {
			indeg[a]++
			succ[e.from] = append(succ[e.from], a)
			if e.noWait {
				succNoWait[e.from] = a
			}
		}
	}
	if m.last >= 0 {
		for i := range n {
			if i != m.last {
				indeg[m.last]++
				succ[i] = append(succ[i], m.last)
			}
		}
	}
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
			for _, s := range succ[v] {
				indeg[s]--
			}
			rec(succNoWait[v])
			for _, s := range succ[v] {
				indeg[s]++
			}
			order = order[:len(order)-1]
		}
	}
	rec(-1)
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
