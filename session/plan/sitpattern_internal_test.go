package plan

import (
	"testing"

	"github.com/rickb777/date/v2"
)

// longSitInput is n candidates with a short interview I, an observed
// épreuve O of 290 minutes for up to obsCap candidates on units
// workstations, and an interview A on a later day; two juries.
func longSitInput(n, obsCap, units int) Input {
	return Input{
		Title:      Title{Name: "Essai"},
		Candidates: n,
		Epreuves: []Epreuve{
			{ID: "I", DurationMin: 20, Jury: Exclusive},
			{ID: "O", DurationMin: 290, Jury: Observe, ObserveCapacity: obsCap,
				Resources: []ResourceNeed{{Type: "poste", Units: 1}}},
			{ID: "A", DurationMin: 65, Jury: Exclusive},
		},
		Constraints: []Constraint{{Type: Precedes, Before: "O", After: "A", NextDay: true}},
		Capacities:  map[string]int{"poste": units},
		Hidden:      &Hidden{},
		Calendar: Calendar{Start: date.New(2027, 3, 1), MaxDays: 40,
			Blocks: []Block{{Start: 7*60 + 45, End: 14*60 + 45}}},
		Jury:      Jury{MembersPerJury: 2, MemberDayMin: 390, MaxJuries: 2},
		Objective: MinDays,
	}
}

// The sitting pattern: every candidate gets its sitting's start, a
// sitting's candidates one start and distinct workstations, exactly one
// of them the sitting's jury, the juries in turn; the sittings spread
// over the days from the first, none overlapping another on its units.
// Without an observed épreuve of more than one candidate a sitting, or
// of sittings shorter than a third of a jury's day, no pattern.
func TestSittingPattern(t *testing.T) {
	const n, days = 18, 8
	m := compile(longSitInput(n, 5, 4))
	b := newBounds(m)
	pins, order := m.sittingPattern(b, 2, days)
	if pins == nil || len(order) != n {
		t.Fatalf("no pattern (%d in order)", len(order))
	}
	type sit struct{ start, count, juries, jury int }
	var sits []*sit
	byStart := map[int]*sit{}
	lanes := map[[2]int]bool{}
	for c, ps := range pins {
		p := ps[1]
		if !p.set || !p.watch || !p.hold {
			t.Fatalf("candidate %d: pin %+v, want a held sitting pin", c, p)
		}
		if ps[0].set || ps[2].set {
			t.Errorf("candidate %d: pins on its interviews", c)
		}
		st := byStart[p.start]
		if st == nil {
			st = &sit{start: p.start, jury: -1}
			byStart[p.start] = st
			sits = append(sits, st)
		}
		st.count++
		if p.jury >= 0 {
			st.juries++
			st.jury = p.jury
		}
		if lanes[[2]int{p.start, p.u}] {
			t.Errorf("candidate %d shares workstation %d at %d", c, p.u, p.start)
		}
		lanes[[2]int{p.start, p.u}] = true
		if p.start+290 > dayStart(days-1) {
			t.Errorf("candidate %d sits on the last day, with its interview A after", c)
		}
	}
	if len(sits) != 5 {
		t.Fatalf("%d sittings, want ⌈18/4⌉ = 5", len(sits))
	}
	for i, st := range sits {
		if st.count > 4 || st.juries != 1 || st.jury != i%2 {
			t.Errorf("sitting %d at %d: %d candidates, %d juries (jury %d), want at most 4, one jury, jury %d", i, st.start, st.count, st.juries, st.jury, i%2)
		}
		if i > 0 && dayOf(st.start) <= dayOf(sits[i-1].start) {
			t.Errorf("sitting %d on day %d, after sitting %d on day %d", i, dayOf(st.start), i-1, dayOf(sits[i-1].start))
		}
	}

	m = compile(longSitInput(n, 1, 4))
	if pins, _ := m.sittingPattern(newBounds(m), 2, days); pins != nil {
		t.Errorf("a pattern for sittings of one candidate")
	}

	// Long sittings: 290 minutes are a third of a jury's 870-minute day,
	// not of an 871-minute one.
	for _, day := range []int{870, 871} {
		in := longSitInput(n, 5, 4)
		in.Jury.MemberDayMin = day
		m = compile(in)
		if pins, _ := m.sittingPattern(newBounds(m), 2, days); (pins != nil) != (day == 870) {
			t.Errorf("jury day of %d minutes: pattern %v", day, pins != nil)
		}
	}
}
