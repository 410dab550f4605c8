package plan

import (
	"slices"
	"testing"

	"github.com/rickb777/date/v2"
)

// sitInput is a déroulé around one observed épreuve O of capacity obsCap:
// the interview B before it within maxGap minutes, the interview A after
// it within maxGap minutes, then the interview L, and the written part W
// after O without a gap.
func sitInput(obsCap, maxGap int) Input {
	gap := func(g int) *int { return &g }
	return Input{
		Title:      Title{Name: "Essai"},
		Candidates: 4,
		Epreuves: []Epreuve{
			{ID: "B", DurationMin: 45, Jury: Exclusive},
			{ID: "O", DurationMin: 60, Jury: Observe, ObserveCapacity: obsCap},
			{ID: "A", DurationMin: 30, Jury: Exclusive},
			{ID: "L", DurationMin: 30, Jury: Exclusive},
			{ID: "W", DurationMin: 30, Jury: NoJury},
		},
		Constraints: []Constraint{
			{Type: Precedes, Before: "B", After: "O", MaxGapMin: gap(maxGap)},
			{Type: Precedes, Before: "O", After: "A", MaxGapMin: gap(maxGap)},
			{Type: Precedes, Before: "A", After: "L"},
			{Type: Precedes, Before: "O", After: "W"},
		},
		Capacities: map[string]int{},
		Hidden:     &Hidden{},
		Calendar: Calendar{Start: date.New(2027, 3, 1), MaxDays: 10,
			Blocks: []Block{{Start: 8 * 60, End: 12 * 60}, {Start: 13 * 60, End: 17 * 60}}},
		Jury:      Jury{MembersPerJury: 2, MemberDayMin: 480, MaxJuries: 1},
		Objective: MinDays,
	}
}

// Both sides of the marks of sitgroup.go: the interview after the sitting
// marks the exclusive épreuve that follows it without a gap, and the
// interview before it gives the sitting its lead, only for a sitting of
// more than one candidate, and only for the interview joined to it by a
// maximum gap (at least the interview's length for the lead).
func TestSittingMarks(t *testing.T) {
	ids := func(m *model, marks []bool) []string {
		var out []string
		for e, on := range marks {
			if on {
				out = append(out, m.eps[e].id)
			}
		}
		return out
	}
	m := compile(sitInput(3, 60))
	if got := ids(m, m.sits.after); !slices.Equal(got, []string{"L"}) {
		t.Errorf("marked after the sitting: %v, want [L]", got)
	}
	if want := []int{-1, 0, -1, -1, -1}; !slices.Equal(m.sits.leadFrom, want) {
		t.Errorf("interviews before the sittings %v, want %v", m.sits.leadFrom, want)
	}

	// A gap shorter than the interview before: no lead (the next
	// candidate's interview could not end in time), the mark stays.
	m = compile(sitInput(3, 44))
	if m.sits.leadFrom != nil {
		t.Errorf("leads %v with a 44-minute gap after a 45-minute interview, want none", m.sits.leadFrom)
	}
	if got := ids(m, m.sits.after); !slices.Equal(got, []string{"L"}) {
		t.Errorf("marked after the sitting: %v, want [L]", got)
	}

	// A sitting of one candidate has nothing to fill.
	m = compile(sitInput(1, 60))
	if m.sits.after != nil || m.sits.leadFrom != nil {
		t.Errorf("capacity 1: marks %v, leads %v, want none", m.sits.after, m.sits.leadFrom)
	}

	// Without maximum gaps the interviews are free to move: nothing.
	in := sitInput(3, 60)
	for i := range in.Constraints {
		in.Constraints[i].MaxGapMin = nil
	}
	m = compile(in)
	if m.sits.after != nil || m.sits.leadFrom != nil {
		t.Errorf("no maximum gap: marks %v, leads %v, want none", m.sits.after, m.sits.leadFrom)
	}
}

// sittingsOf places the candidates of in once, with the probe whose
// options are opt (one jury, the input's days), and returns how many
// sittings of O it opens; -1 when the probe fails.
func sittingsOf(t *testing.T, in Input, fill bool) int {
	t.Helper()
	m := compile(in)
	s := newSearch(m, newBounds(m), searchParams{budgetMs: 1000})
	run := slices.IndexFunc(probeOptions(m), func(o options) bool { return o.fillSittings == fill && o.joinSlack > 0 && o.order == 0 && !o.delayLast })
	if run < 0 {
		t.Fatalf("no probe with fillSittings %v", fill)
	}
	if s.probe(1, m.maxDays, run) == nil {
		return -1
	}
	o := slices.IndexFunc(m.eps, func(e epInfo) bool { return e.id == "O" })
	return len(s.sittings[o])
}

// Both sides of the option that fills sittings, on one placement of the
// candidates: with an interview before the sitting and one after it,
// joined to it by maximum gaps at least as long as the interview before,
// the probe that fills sittings opens fewer sittings than the probe that
// places each candidate at its earliest; with a gap shorter than that
// interview, too short for two interviews, no fewer; with sittings of one
// candidate there is no such probe.
func TestFillingSittingsOpensFewer(t *testing.T) {
	for _, n := range []int{3, 6, 9} {
		for _, gap := range []int{30, 45, 60, 90} {
			in := sitInput(3, gap)
			in.Candidates = n
			plain, filled := sittingsOf(t, in, false), sittingsOf(t, in, true)
			if plain < 0 || filled < 0 {
				t.Fatalf("%d candidates, gap %d: a probe failed", n, gap)
			}
			switch {
			case gap < 45 && filled != plain:
				t.Errorf("%d candidates, gap %d: %d sittings filled, %d plain, want as many", n, gap, filled, plain)
			case gap >= 45 && filled >= plain:
				t.Errorf("%d candidates, gap %d: %d sittings filled, %d plain, want fewer", n, gap, filled, plain)
			}
		}
	}
	if one, three := probeRuns(compile(sitInput(1, 60))), probeRuns(compile(sitInput(3, 60))); one != three-1 {
		t.Errorf("%d probes with sittings of one, %d of three: want one more with three", one, three)
	}
}

// The grid of gridStart: the block's start, sittings end to end after
// it, and the latest start that ends with the block; a sitting with room
// is joined where it starts; a grid time past the maximum gap keeps the
// start.
func TestSittingGrid(t *testing.T) {
	in := sitInput(3, 60)
	in.Epreuves[1].DurationMin = 90
	m := compile(in)
	s := newSearch(m, newBounds(m), searchParams{budgetMs: 1000})
	s.reset(1, m.maxDays)
	s.opt.fillSittings = true
	const o = 1
	at := func(h, min int) int { return dayStart(1) + h*60 + min }
	for _, c := range []struct{ t, hi, want int }{
		{at(8, 0), never, at(8, 0)},
		{at(8, 1), never, at(9, 30)},
		{at(9, 30), never, at(9, 30)},
		{at(9, 45), never, at(10, 30)},
		{at(10, 30), never, at(10, 30)},
		{at(10, 31), never, at(12, 0)}, // the next block, from its start
		{at(8, 1), at(9, 29), at(8, 1)},
	} {
		if got := s.gridStart(o, c.t, c.hi); got != c.want {
			t.Errorf("from %s (hi %d): %s, want %s", clockOf(c.t), c.hi, clockOf(got), clockOf(c.want))
		}
	}
	s.sittingNew(o, sitting{segs: []ival{{at(8, 20), at(9, 50)}}, start: at(8, 20), count: 2})
	if got := s.gridStart(o, at(8, 20), never); got != at(8, 20) {
		t.Errorf("a sitting with room at 08:20: %s, want 08:20", clockOf(got))
	}
	s.sittings[o][0].count = 3
	if got := s.gridStart(o, at(8, 20), never); got != at(9, 30) {
		t.Errorf("a full sitting at 08:20: %s, want 09:30", clockOf(got))
	}
	s.opt.fillSittings = false
	if got := s.gridStart(o, at(8, 1), never); got != at(8, 1) {
		t.Errorf("without the option: %s, want 08:01", clockOf(got))
	}
}
