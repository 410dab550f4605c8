package plan

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Limits on the size of an input. They bound the work one request asks of
// the planner (an HTTP client is not trusted); real sessions stay far below.
const (
	MaxCandidates = 500
	MaxEpreuves   = 16
	MaxBlocks     = 12
	MaxDays       = 260 // about a year of working days
	MaxJuries     = 100
	// MinMembersPerJury is the smallest jury: at least two habilitated
	// members (arrêté du 22 décembre 2015, art. 6; docs/planning.md#the-model), the
	// root package's tpsession.MinJuryMembers.
	MinMembersPerJury = tpsession.MinJuryMembers
)

// Bounds on the input's free text, in characters (the text rule of
// tpsession.TextProblem): the note, the title's name and an épreuve's
// label are printed on the déroulé; an épreuve's id and a resource type
// name it on every line.
const (
	MaxNoteLen  = 2000
	MaxLabelLen = 200
	MaxIDLen    = 60
)

// Validate checks the input against docs/planning.md#input and reports every
// problem at once as field errors of ErrInvalidInput, named by their JSON
// paths (epreuves[2].duration_min, constraints[1].before). The calendar's
// start and max_days are required: fill them from the session first with
// [Input.WithSession] when the caller left them out.
func (in Input) Validate() error {
	var fe tpsession.FieldErrors
	if in.Title.Code == "" && in.Title.Name == "" {
		fe.Add("title", "give the title's name or its code")
	}
	if in.Title.Code != "" {
		if _, err := tpsession.ParseTitleCode(string(in.Title.Code)); err != nil {
			fe.AddErr("title.code", err)
		}
	}
	if in.Candidates < 1 || in.Candidates > MaxCandidates {
		fe.Add("candidates", "must be between 1 and %d, got %d", MaxCandidates, in.Candidates)
	}
	longest := in.validateCalendar(&fe)
	in.validateCapacities(&fe)
	ids := in.validateEpreuves(&fe, longest)
	in.validateConstraints(&fe, ids)
	in.validateHidden(&fe, longest)
	in.validateJury(&fe)
	in.validateText(&fe)
	if st := in.Search; st != nil {
		if st.BudgetMs < 0 || st.BudgetMs > int(MaxBudget/time.Millisecond) {
			fe.Add("search.budget_ms", "must be between 1 and %d milliseconds (0 or absent for the default, %d), got %d",
				int(MaxBudget/time.Millisecond), int(DefaultBudget/time.Millisecond), st.BudgetMs)
		}
		if st.Seed < 0 {
			fe.Add("search.seed", "must not be negative, got %d", st.Seed)
		}
	}
	switch in.Objective {
	case MinJuries, MinDays:
	default:
		fe.Add("objective", "must be %q or %q, got %q", MinJuries, MinDays, in.Objective)
	}
	return fe.Err(ErrInvalidInput)
}

// validateCalendar checks the calendar and returns the longest block.
func (in Input) validateCalendar(fe *tpsession.FieldErrors) int {
	c := in.Calendar
	if c.Start == date.Zero {
		fe.Add("calendar.start", "is required (YYYY-MM-DD)")
	}
	if c.MaxDays < 1 || c.MaxDays > MaxDays {
		fe.Add("calendar.max_days", "must be between 1 and %d working days, got %d", MaxDays, c.MaxDays)
	}
	if _, err := tpsession.ParseRegion(string(c.Region)); err != nil {
		fe.AddErr("calendar.region", err)
	}
	if len(c.Blocks) == 0 || len(c.Blocks) > MaxBlocks {
		fe.Add("calendar.blocks", "must list between 1 and %d blocks, got %d", MaxBlocks, len(c.Blocks))
	}
	longest := 0
	for i, b := range c.Blocks {
		field := fmt.Sprintf("calendar.blocks[%d]", i)
		switch {
		case !b.Start.Valid() || !b.End.Valid():
			fe.Add(field, "times must lie between 00:00 and 24:00")
			continue
		case b.End <= b.Start:
			fe.Add(field, "ends at %s, not after it starts at %s", b.End, b.Start)
			continue
		case i > 0 && b.Start < c.Blocks[i-1].End:
			fe.Add(field, "starts at %s, before the previous block ends at %s: blocks must be in order and must not overlap", b.Start, c.Blocks[i-1].End)
		}
		longest = max(longest, b.Len())
	}
	return longest
}

func (in Input) validateCapacities(fe *tpsession.FieldErrors) {
	for _, t := range sortedKeys(in.Capacities) {
		if t == "" {
			fe.Add("capacities", "a resource type needs a name")
		}
		if n := in.Capacities[t]; n < 1 {
			fe.Add("capacities."+t, "must be at least 1 unit, got %d", n)
		}
	}
	for _, t := range sortedKeys(in.StationResetMin) {
		if _, ok := in.Capacities[t]; !ok {
			fe.Add("station_reset_min."+t, "resource type %q has no capacity", t)
		}
		if m := in.StationResetMin[t]; m < 0 || m > minutesPerDay {
			fe.Add("station_reset_min."+t, "must be between 0 and %d minutes, got %d", minutesPerDay, m)
		}
	}
	for _, t := range sortedKeys(in.Resources) {
		if _, ok := in.Capacities[t]; !ok {
			fe.Add("resources."+t, "resource type %q has no capacity", t)
		}
	}
}

// validateEpreuves checks the épreuves and returns their index by ID.
func (in Input) validateEpreuves(fe *tpsession.FieldErrors, longestBlock int) map[string]int {
	ids := make(map[string]int, len(in.Epreuves))
	if len(in.Epreuves) == 0 || len(in.Epreuves) > MaxEpreuves {
		fe.Add("epreuves", "must list between 1 and %d épreuves, got %d", MaxEpreuves, len(in.Epreuves))
	}
	for i, e := range in.Epreuves {
		field := fmt.Sprintf("epreuves[%d]", i)
		switch _, dup := ids[e.ID]; {
		case e.ID == "":
			fe.Add(field+".id", "is required")
		case dup:
			fe.Add(field+".id", "%q is already the id of another épreuve", e.ID)
		default:
			ids[e.ID] = i
		}
		switch {
		case e.DurationMin < 1:
			fe.Add(field+".duration_min", "must be at least 1 minute, got %d", e.DurationMin)
		case e.DurationMin > MaxDays*minutesPerDay:
			fe.Add(field+".duration_min", "must be at most %d minutes, got %d", MaxDays*minutesPerDay, e.DurationMin)
		case !e.Splittable && longestBlock > 0 && e.DurationMin > longestBlock:
			fe.Add(field+".duration_min", "%d minutes do not fit in any block (the longest lasts %d minutes); make the épreuve splittable or lengthen a block", e.DurationMin, longestBlock)
		}
		switch e.Jury {
		case NoJury, Exclusive:
			if e.ObserveCapacity != 0 {
				fe.Add(field+".observe_capacity", "applies only to an épreuve with jury \"observe\"")
			}
		case Observe:
			if e.ObserveCapacity < 1 {
				fe.Add(field+".observe_capacity", "an observed épreuve needs the number of candidates one jury can watch at once (at least 1), got %d", e.ObserveCapacity)
			}
		default:
			fe.Add(field+".jury", "must be \"none\", \"exclusive\" or \"observe\", got %q", e.Jury)
		}
		if e.CorrectedByJury && e.Jury != NoJury {
			fe.Add(field+".corrected_by_jury", "only an épreuve without jury (\"none\") is corrected by the jury afterwards")
		}
		if e.Final {
			if first := in.Final(); first < i {
				fe.Add(field+".final", "epreuves[%d] is already the entretien final: a session has one", first)
			}
			if e.Jury != Exclusive {
				fe.Add(field+".jury", "the entretien final is held with the candidate's jury: it must be \"exclusive\", got %q", e.Jury)
			}
		}
		seen := map[string]bool{}
		for j, r := range e.Resources {
			rf := fmt.Sprintf("%s.resources[%d]", field, j)
			capacity, ok := in.Capacities[r.Type]
			switch {
			case r.Type == "":
				fe.Add(rf+".type", "is required")
			case seen[r.Type]:
				fe.Add(rf+".type", "%q is listed twice: give its total number of units once", r.Type)
			case !ok:
				fe.Add(rf+".type", "resource type %q has no capacity in capacities", r.Type)
			case r.Units > capacity:
				fe.Add(rf+".units", "needs %d units of %q, which has only %d", r.Units, r.Type, capacity)
			}
			seen[r.Type] = true
			if r.Units < 1 {
				fe.Add(rf+".units", "must be at least 1, got %d", r.Units)
			}
		}
	}
	return ids
}

// pairKey identifies an unordered pair of épreuves.
type pairKey struct{ a, b int }

func newPairKey(a, b int) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{a, b}
}

func (in Input) validateConstraints(fe *tpsession.FieldErrors, ids map[string]int) {
	known := func(field, id string) (int, bool) {
		if id == "" {
			fe.Add(field, "is required")
			return 0, false
		}
		i, ok := ids[id]
		if !ok {
			fe.Add(field, "unknown épreuve %q", id)
		}
		return i, ok
	}
	pairs := map[pairKey]int{}
	lastAt := -1
	final := in.Final()
	noWaitFrom, noWaitInto := map[int]int{}, map[int]int{}
	var edges [][3]int // before, after, constraint index
	if final >= 0 {
		// The entretien final is last, as a last constraint makes it.
		for k := range in.Epreuves {
			if k != final {
				edges = append(edges, [3]int{k, final, finalEdge})
			}
		}
	}
	for i, c := range in.Constraints {
		field := fmt.Sprintf("constraints[%d]", i)
		notHere := func(name string, given bool) {
			if given {
				fe.Add(field+"."+name, "does not apply to a %q constraint", c.Type)
			}
		}
		switch c.Type {
		case Precedes, NoWait:
			notHere("epreuve", c.Epreuve != "")
			notHere("epreuves", c.Epreuves != nil)
			b, okB := known(field+".before", c.Before)
			a, okA := known(field+".after", c.After)
			if c.MinGapMin < 0 {
				fe.Add(field+".min_gap_min", "must not be negative, got %d", c.MinGapMin)
			}
			if c.MaxGapMin != nil && *c.MaxGapMin < 0 {
				fe.Add(field+".max_gap_min", "must not be negative, got %d", *c.MaxGapMin)
			}
			if c.MaxGapMin != nil && *c.MaxGapMin < c.MinGapMin {
				fe.Add(field+".max_gap_min", "%d is less than min_gap_min %d", *c.MaxGapMin, c.MinGapMin)
			}
			if c.Type == NoWait {
				notHere("min_gap_min", c.MinGapMin != 0)
				notHere("next_day", c.NextDay)
				if c.MaxGapMin == nil {
					fe.Add(field+".max_gap_min", "is required for a no_wait constraint")
				}
			}
			if c.NextDay && c.MaxGapMin != nil {
				fe.Add(field+".next_day", "contradicts max_gap_min, which keeps both épreuves on the same day")
			}
			if !okA || !okB {
				continue
			}
			if a == b {
				fe.Add(field+".after", "an épreuve cannot follow itself")
				continue
			}
			key := newPairKey(a, b)
			if prev, dup := pairs[key]; dup {
				if in.Constraints[prev].Before == c.Before {
					fe.Add(field, "duplicates constraints[%d] on the pair %s, %s: merge them", prev, c.Before, c.After)
				} else {
					fe.Add(field, "contradicts constraints[%d]: %s and %s cannot each come before the other", prev, c.Before, c.After)
				}
				continue
			}
			pairs[key] = i
			if c.Type == NoWait {
				if prev, dup := noWaitFrom[b]; dup {
					fe.Add(field, "contradicts constraints[%d]: only one épreuve can follow %s without another in between", prev, c.Before)
				}
				if prev, dup := noWaitInto[a]; dup {
					fe.Add(field, "contradicts constraints[%d]: only one épreuve can come right before %s", prev, c.After)
				}
				noWaitFrom[b], noWaitInto[a] = i, i
			}
			edges = append(edges, [3]int{b, a, i})
		case Last:
			notHere("before", c.Before != "")
			notHere("after", c.After != "")
			notHere("epreuves", c.Epreuves != nil)
			notHere("min_gap_min", c.MinGapMin != 0)
			notHere("max_gap_min", c.MaxGapMin != nil)
			notHere("next_day", c.NextDay)
			e, ok := known(field+".epreuve", c.Epreuve)
			if lastAt >= 0 {
				fe.Add(field, "contradicts constraints[%d]: only one épreuve can be last", lastAt)
				continue
			}
			if ok && final >= 0 && e != final {
				fe.Add(field+".epreuve", "contradicts epreuves[%d].final: the entretien final %q is last, not %q", final, in.Epreuves[final].ID, c.Epreuve)
				continue
			}
			lastAt = i
			if ok {
				for k := range in.Epreuves {
					if k != e {
						edges = append(edges, [3]int{k, e, i})
					}
				}
			}
		case SameStation:
			notHere("before", c.Before != "")
			notHere("after", c.After != "")
			notHere("epreuve", c.Epreuve != "")
			notHere("min_gap_min", c.MinGapMin != 0)
			notHere("max_gap_min", c.MaxGapMin != nil)
			notHere("next_day", c.NextDay)
			in.validateSameStation(fe, field, c, known)
		default:
			fe.Add(field+".type", "must be one of precedes, no_wait, last, same_station, got %q", c.Type)
		}
	}
	switch at := cycleAt(len(in.Epreuves), edges); {
	case at == finalEdge:
		fe.Add(fmt.Sprintf("epreuves[%d].final", final), "the entretien final is last, but the constraints put an épreuve after it")
	case at >= 0:
		fe.Add(fmt.Sprintf("constraints[%d]", at), "closes a cycle of precedences: no order of the épreuves satisfies them all")
	}
}

func (in Input) validateSameStation(fe *tpsession.FieldErrors, field string, c Constraint, known func(string, string) (int, bool)) {
	if len(c.Epreuves) < 2 {
		fe.Add(field+".epreuves", "must name at least 2 épreuves, got %d", len(c.Epreuves))
		return
	}
	first := -1
	seen := map[string]bool{}
	for j, id := range c.Epreuves {
		ef := fmt.Sprintf("%s.epreuves[%d]", field, j)
		if seen[id] {
			fe.Add(ef, "%q is listed twice", id)
			continue
		}
		seen[id] = true
		e, ok := known(ef, id)
		if !ok {
			continue
		}
		if len(in.Epreuves[e].Resources) == 0 {
			fe.Add(ef, "épreuve %q uses no resource: there is no station to share", id)
			continue
		}
		if first < 0 {
			first = e
			continue
		}
		if !sameNeeds(in.Epreuves[first].Resources, in.Epreuves[e].Resources) {
			fe.Add(ef, "épreuve %q needs other resources than %q: the same station needs the same resource types and units", id, in.Epreuves[first].ID)
		}
	}
}

func sameNeeds(a, b []ResourceNeed) bool {
	if len(a) != len(b) {
		return false
	}
	for _, r := range a {
		if !slices.Contains(b, r) {
			return false
		}
	}
	return true
}

// cycleAt returns the index of a constraint that closes a cycle among the
// precedence edges (before, after, constraint), or -1.
// finalEdge marks the precedences the entretien final implies, which no
// constraint states.
const finalEdge = -2

func cycleAt(n int, edges [][3]int) int {
	out := make([][][3]int, n)
	for _, e := range edges {
		out[e[0]] = append(out[e[0]], e)
	}
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, n)
	at := -1
	var visit func(v int) bool
	visit = func(v int) bool {
		colour[v] = grey
		for _, e := range out[v] {
			switch colour[e[1]] {
			case grey:
				at = e[2]
				return true
			case white:
				if visit(e[1]) {
					return true
				}
			}
		}
		colour[v] = black
		return false
	}
	for v := range n {
		if colour[v] == white && visit(v) {
			return at
		}
	}
	return -1
}

func (in Input) validateHidden(fe *tpsession.FieldErrors, longestBlock int) {
	if in.Hidden == nil {
		fe.Add("hidden", "is required: give the hidden times (temps cachés) in minutes, 0 for none, so that the jury is sized on all its work")
		return
	}
	h := *in.Hidden
	for _, f := range []struct {
		name string
		min  int
	}{
		{"opening_min", h.OpeningMin},
		{"jury_briefing_min", h.JuryBriefingMin},
		{"jury_closure_min", h.JuryClosureMin},
		{"accueil_min", h.AccueilMin},
		{"reading_min", h.ReadingMin},
		{"correction_min", h.CorrectionMin},
		{"deliberation_min", h.DeliberationMin},
	} {
		switch {
		case f.min < 0:
			fe.Add("hidden."+f.name, "must not be negative, got %d", f.min)
		case longestBlock > 0 && f.min > longestBlock:
			fe.Add("hidden."+f.name, "%d minutes do not fit in any block (the longest lasts %d minutes)", f.min, longestBlock)
		}
	}
	if bs := in.Calendar.Blocks; len(bs) > 0 && bs[0].End > bs[0].Start && h.OpeningMin > bs[0].Len() {
		fe.Add("hidden.opening_min", "the opening (%d minutes) is longer than the first block (%s–%s, %d minutes)", h.OpeningMin, bs[0].Start, bs[0].End, bs[0].Len())
	}
}

func (in Input) validateJury(fe *tpsession.FieldErrors) {
	j := in.Jury
	if j.MembersPerJury < MinMembersPerJury {
		fe.Add("jury.members_per_jury", "a jury has at least %d members, got %d", MinMembersPerJury, j.MembersPerJury)
	}
	if j.MemberDayMin < 1 || j.MemberDayMin > minutesPerDay {
		fe.Add("jury.member_day_min", "must be between 1 and %d minutes, got %d", minutesPerDay, j.MemberDayMin)
	}
	if j.MaxJuries < 1 || j.MaxJuries > MaxJuries {
		fe.Add("jury.max_juries", "must be between 1 and %d, got %d", MaxJuries, j.MaxJuries)
	}
	if j.MemberDayFee.Valid && j.MemberDayFee.Decimal.IsNegative() {
		fe.Add("jury.member_day_fee", "must not be negative, got %s", j.MemberDayFee.Decimal)
	}
}

const minutesPerDay = 24 * 60

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validateText checks every free-text field under the text rule; the
// checks of what the values mean are made elsewhere.
func (in Input) validateText(fe *tpsession.FieldErrors) {
	check := func(field, s string, max int, lines bool) {
		if p := tpsession.TextProblem(s, max, lines); p != "" {
			fe.Add(field, "%s", p)
		}
	}
	check("note", in.Note, MaxNoteLen, true)
	check("title.name", in.Title.Name, MaxLabelLen, false)
	for i, e := range in.Epreuves {
		check(fmt.Sprintf("epreuves[%d].id", i), e.ID, MaxIDLen, false)
		check(fmt.Sprintf("epreuves[%d].label", i), e.Label, MaxLabelLen, false)
		for j, r := range e.Resources {
			check(fmt.Sprintf("epreuves[%d].resources[%d].type", i, j), r.Type, MaxIDLen, false)
		}
	}
	for i, c := range in.Constraints {
		field := fmt.Sprintf("constraints[%d]", i)
		check(field+".before", c.Before, MaxIDLen, false)
		check(field+".after", c.After, MaxIDLen, false)
		check(field+".epreuve", c.Epreuve, MaxIDLen, false)
		for j, id := range c.Epreuves {
			check(fmt.Sprintf("%s.epreuves[%d]", field, j), id, MaxIDLen, false)
		}
	}
	key := func(name, t string) {
		if p := tpsession.TextProblem(t, MaxIDLen, false); p != "" {
			fe.Add(name, "key %q %s", tpsession.Truncate(t, 40), p)
		}
	}
	for name, m := range map[string]map[string]int{"capacities": in.Capacities, "station_reset_min": in.StationResetMin} {
		for _, t := range sortedKeys(m) {
			key(name, t)
		}
	}
	for _, t := range sortedKeys(in.Resources) {
		key("resources", t)
		check("resources."+t+".label", in.Resources[t].Label, MaxResourceLabelLen, false)
	}
}
