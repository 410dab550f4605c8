package plan

// firstAccueil is the earliest instant at which a candidate's accueil can
// start: on day 1, its jury's briefing and its reading come first, after the
// opening; dayStart(1) when they do not both fit on day 1.
//
// Proof. The accueil is its jury's task as much as the candidate's. A
// jury's briefing comes before its other tasks, so before the accueil; the
// candidate's reading, by the same jury, ends before the accueil; a jury
// does one thing at a time, each task in one block, and nothing overlaps
// the opening. On day 1 there is no earlier day for the briefing and the
// reading: laid one after the other from the opening's end, each at the
// earliest start of a block that holds it, they end no later than in any
// plan (the end of a task laid from the earliest start is non-decreasing in
// that start), and the accueil starts after them. An accueil on a later
// day may follow a briefing and a reading done on an earlier one: nothing
// is claimed there beyond the day's start. As a rule "the accueil starts at
// or after a constant", it keeps the candidate path's relaxation monotone
// (docs/planning.md#candidate-path), so the earliest starts it gives are
// still earliest starts.
func (m *model) firstAccueil() int {
	t := m.blockStart(0, 0)
	for _, dur := range []int{m.h.JuryBriefingMin, m.h.ReadingMin} {
		if dur == 0 {
			continue
		}
		s := m.align(t, dur, 0, false, 1)
		if s == never {
			return dayStart(1)
		}
		t = s + dur
	}
	return t
}
