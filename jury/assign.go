package jury

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// MinMembersPerJury is the smallest jury: a candidate is evaluated by at
// least two habilitated members (arrêté du 22 décembre 2015, art. 6). A
// title's référentiel d'évaluation may require more. It is an alias of
// tpsession.MinJuryMembers, kept for the callers that name it here.
const MinMembersPerJury = tpsession.MinJuryMembers

// Layout says how the session's panels are sized.
type Layout struct {
	// MembersPerJury is the number of members of each panel: at least
	// MinMembersPerJury, more when the title requires it. Zero means
	// MinMembersPerJury.
	MembersPerJury int
	// Capacities, when the session has a plan, holds for each of the plan's
	// juries (jury 1 first) how many candidates it evaluates; their sum may
	// exceed the number of candidates. Without a plan (nil), Assign forms
	// as many juries as the members allow (no more than the candidates),
	// each taking at most ⌈N/K⌉ of the N candidates.
	Capacities []int
}

func (l Layout) perJury() int {
	if l.MembersPerJury == 0 {
		return MinMembersPerJury
	}
	return l.MembersPerJury
}

func (l Layout) check() error {
	var fe tpsession.FieldErrors
	if l.MembersPerJury != 0 && l.MembersPerJury < MinMembersPerJury {
		fe.Add("members_per_jury", "must be at least %d (arrêté du 22 décembre 2015, art. 6), got %d", MinMembersPerJury, l.MembersPerJury)
	}
	if l.Capacities != nil && len(l.Capacities) == 0 {
		fe.Add("capacities", "must list at least one jury, or be absent when there is no plan")
	}
	for i, c := range l.Capacities {
		if c < 1 {
			fe.Add(fmt.Sprintf("capacities[%d]", i), "must be at least 1, got %d", c)
		}
	}
	return fe.Err(ErrInvalidAssignment)
}

// Panel is one jury of a session: its members and the candidates they
// evaluate, none of whom conflicts with any of its members.
type Panel struct {
	// Jury numbers the panel from 1; with a plan it is the plan's jury
	// whose capacity the panel takes.
	Jury       int
	Members    []tpsession.MemberID    // sorted
	Candidates []tpsession.CandidateID // sorted
}

// Assignment is the session's panels. Its zero value means no assignment.
type Assignment struct {
	Panels []Panel // by jury number
	// Reserves are the members given who sit on no panel, sorted: they can
	// replace a member who drops out.
	Reserves   []tpsession.MemberID
	AssignedOn date.Date
}

// Assigned reports whether the assignment holds panels.
func (a Assignment) Assigned() bool { return len(a.Panels) > 0 }

// PanelOf returns the panel evaluating the candidate.
func (a Assignment) PanelOf(c tpsession.CandidateID) (Panel, bool) {
	for _, p := range a.Panels {
		if slices.Contains(p.Candidates, c) {
			return p, true
		}
	}
	return Panel{}, false
}

// Clone returns a deep copy of the assignment.
func (a Assignment) Clone() Assignment {
	a.Panels = slices.Clone(a.Panels)
	for i, p := range a.Panels {
		a.Panels[i].Members = slices.Clone(p.Members)
		a.Panels[i].Candidates = slices.Clone(p.Candidates)
	}
	a.Reserves = slices.Clone(a.Reserves)
	return a
}

// dropMember takes a withdrawn member out: the assignment no longer holds
// if they sit on a panel; a reserve simply leaves the reserves.
func (a *Assignment) dropMember(m tpsession.MemberID) {
	for _, p := range a.Panels {
		if slices.Contains(p.Members, m) {
			*a = Assignment{}
			return
		}
	}
	a.Reserves = slices.DeleteFunc(a.Reserves, func(r tpsession.MemberID) bool { return r == m })
}

// UnassignedReason says why a candidate was left without a panel.
type UnassignedReason string

// The reasons a candidate gets no panel.
const (
	// TooFewMembers: there are not enough accepted members to form the
	// juries at all.
	TooFewMembers UnassignedReason = "too_few_members"
	// ConflictsWithAll: the candidate conflicts with every accepted member.
	ConflictsWithAll UnassignedReason = "conflicts_with_all_members"
	// TooFewFreeMembers: fewer accepted members than a jury needs have no
	// conflict with the candidate.
	TooFewFreeMembers UnassignedReason = "too_few_members_without_conflict"
	// NoFreeJury: enough members have no conflict with the candidate, but
	// no way of forming the juries gives them one of their own while the
	// other candidates keep theirs.
	NoFreeJury UnassignedReason = "no_jury_without_conflict"
	// JuriesFull: every jury without a member in conflict with the
	// candidate is full.
	JuriesFull UnassignedReason = "juries_full"
)

// Unassigned is a candidate left without a panel, and why.
type Unassigned struct {
	Candidate tpsession.CandidateID
	Reason    UnassignedReason
	// Conflicts are the conflicts of interest between the candidate and the
	// members given to Assign, by member ID, then as FindConflicts lists
	// them: replacing one of those members, or lifting a declaration, is
	// what can give the candidate a jury. Empty for TooFewMembers, where
	// conflicts play no part.
	Conflicts []Conflict
	// Message says why with the numbers that decided it, naming the
	// candidate (by name, or by ID when the name is not known) and each
	// member in conflict with them, with the reasons.
	Message string
}

// Members returns the IDs of the members in conflict with the candidate,
// sorted.
func (u Unassigned) Members() []tpsession.MemberID {
	var out []tpsession.MemberID
	for _, c := range u.Conflicts {
		if !slices.Contains(out, c.Member) {
			out = append(out, c.Member)
		}
	}
	slices.Sort(out)
	return out
}

// AssignmentError is returned when no assignment exists. It lists the
// candidates that an assignment reaching as many candidates as possible
// still leaves without a panel, in ID order, and wraps an ErrNoAssignment
// copy (errors.Is matches it; its kind is Rule) whose message sums up the
// numbers and names those candidates and the members in conflict with them
// (Members), and whose field errors explain each of those candidates: the
// i-th, named "candidates[i]" after the list of IDs the HTTP contract
// returns in the error's candidates member (Candidates), has the
// Unassigned's message, which names the candidate and the members in
// conflict with them.
type AssignmentError struct {
	Unassigned []Unassigned
	err        *tpsession.Error
}

// Error returns the code and the summary.
func (e *AssignmentError) Error() string { return e.cause().Error() }

// Unwrap returns the ErrNoAssignment copy carrying the facts.
func (e *AssignmentError) Unwrap() error { return e.cause() }

// cause is the wrapped error; ErrNoAssignment itself for an
// AssignmentError built outside Assign (a test double).
func (e *AssignmentError) cause() *tpsession.Error {
	if e.err == nil {
		return ErrNoAssignment
	}
	return e.err
}

// Candidates returns the IDs of the unassigned candidates, sorted.
func (e *AssignmentError) Candidates() []tpsession.CandidateID {
	ids := make([]tpsession.CandidateID, len(e.Unassigned))
	for i, u := range e.Unassigned {
		ids[i] = u.Candidate
	}
	return ids
}

// Members returns the IDs of the members in conflict with at least one of
// the unassigned candidates, sorted: those a centre replaces, or whose
// declared conflicts it reviews, to give every candidate a jury.
func (e *AssignmentError) Members() []tpsession.MemberID {
	var out []tpsession.MemberID
	for _, u := range e.Unassigned {
		for _, m := range u.Members() {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Assign forms panels from members and assigns every candidate to a panel
// none of whose members conflicts with them (FindConflicts under rules,
// with declared),
// within each panel's capacity (layout). members are the accepted members
// available for the whole session.
//
// The search is exact: Assign fails only when no assignment exists, with
// an *AssignmentError listing the candidates that the best possible
// assignment leaves without a panel and why. Without a plan it forms as
// many juries as the members allow for which an assignment exists. Each
// panel has exactly layout's members per jury, which is never worse than
// more (a member only adds conflicts); the other members are reserves.
//
// The result depends only on the sets given, not on their order, and the
// panels' loads are as even as the conflicts allow. A realistic session
// (30 members, 100 candidates, a few conflicts each) takes about a
// millisecond (BenchmarkAssign); the worst case is exponential in the
// number of distinct conflict sets among the members, so ctx can end the
// search: pass one with a deadline (its error is then returned).
//
// Errors: ErrInvalidAssignment (bad layout, duplicate IDs), ErrNoCandidates,
// *AssignmentError (ErrNoAssignment), ctx.Err().
func Assign(ctx context.Context, members []Member, candidates []Candidate, declared []DeclaredConflict, layout Layout, rules ConflictRules) (Assignment, error) {
	if err := layout.check(); err != nil {
		return Assignment{}, err
	}
	if err := rules.Check(); err != nil {
		return Assignment{}, err
	}
	members = slices.SortedFunc(slices.Values(members), func(a, b Member) int { return cmp.Compare(a.ID, b.ID) })
	candidates = slices.SortedFunc(slices.Values(candidates), func(a, b Candidate) int { return cmp.Compare(a.ID, b.ID) })
	if err := checkUnique(members, candidates); err != nil {
		return Assignment{}, err
	}
	if len(candidates) == 0 {
		return Assignment{}, ErrNoCandidates.Withf("there is no candidate to assign to a jury")
	}
	p := newProblem(members, candidates, declared, layout, rules)
	n := len(candidates)
	best := &solution{matched: -1}
	for _, capacities := range p.layouts() {
		s := newSearch(ctx, p.classes, n, p.perJury, capacities, n, best)
		if err := s.run(); err != nil {
			return Assignment{}, err
		}
		if best.matched == n {
			return p.assignment(best), nil
		}
	}
	// No assignment exists. Look for the one that leaves the fewest
	// candidates without a panel, to explain which and why.
	proven, budget := true, explanationNodes
	for _, capacities := range p.layouts() {
		if budget <= 0 {
			proven = false
			break
		}
		s := newSearch(ctx, p.classes, n, p.perJury, capacities, 0, best)
		s.limit = budget
		if err := s.run(); err != nil {
			return Assignment{}, err
		}
		budget -= s.nodes
		proven = proven && !s.cut
	}
	return Assignment{}, p.failure(best, proven)
}

// explanationNodes bounds the search for the best partial assignment once
// no complete one exists. That search only chooses which candidates the
// error names; the refusal itself is already proven. Realistic sessions
// need a few hundred nodes; dense conflicts between many members could
// otherwise take exponential time just to word an error.
const explanationNodes = 20000

func checkUnique(members []Member, candidates []Candidate) error {
	var fe tpsession.FieldErrors
	for i := 1; i < len(members); i++ {
		if members[i].ID == members[i-1].ID {
			fe.Add("members", "member %s is given twice", members[i].ID)
		}
	}
	for i := 1; i < len(candidates); i++ {
		if candidates[i].ID == candidates[i-1].ID {
			fe.Add("candidates", "candidate %s is given twice", candidates[i].ID)
		}
	}
	return fe.Err(ErrInvalidAssignment)
}

// problem is Assign's input in the search's terms.
type problem struct {
	members    []Member
	candidates []Candidate
	declared   []DeclaredConflict
	rules      ConflictRules
	layout     Layout
	perJury    int
	classes    []memberClass
	conflicts  map[tpsession.MemberID]bitset
	free       []int // per candidate: members without a conflict with them
}

func newProblem(members []Member, candidates []Candidate, declared []DeclaredConflict, layout Layout, rules ConflictRules) *problem {
	p := &problem{members: members, candidates: candidates, declared: declared, rules: rules, layout: layout, perJury: layout.perJury()}
	index := make(map[tpsession.CandidateID]int, len(candidates))
	for j, c := range candidates {
		index[c.ID] = j
	}
	declaredOn := map[tpsession.MemberID][]int{}
	for _, d := range declared {
		if j, ok := index[d.Candidate]; ok {
			declaredOn[d.Member] = append(declaredOn[d.Member], j)
		}
	}
	byConflicts := map[string]int{}
	p.conflicts = make(map[tpsession.MemberID]bitset, len(members))
	p.free = make([]int, len(candidates))
	for i, m := range members {
		conflicts := newBitset(len(candidates))
		for j, c := range candidates {
			if rules.conflicting(m, c) {
				conflicts.set(j)
			}
		}
		for _, j := range declaredOn[m.ID] {
			conflicts.set(j)
		}
		for j := range candidates {
			if !conflicts.has(j) {
				p.free[j]++
			}
		}
		p.conflicts[m.ID] = conflicts
		key := conflicts.key()
		c, ok := byConflicts[key]
		if !ok {
			c = len(p.classes)
			byConflicts[key] = c
			p.classes = append(p.classes, memberClass{conflicts: conflicts, size: conflicts.count()})
		}
		p.classes[c].members = append(p.classes[c].members, i)
	}
	slices.SortFunc(p.classes, func(a, b memberClass) int {
		if c := cmp.Compare(b.size, a.size); c != 0 {
			return c
		}
		return a.conflicts.compare(b.conflicts)
	})
	return p
}

// layouts returns the capacities of each number of juries to try, in
// order: the plan's, or without a plan from the most juries the members
// allow down to one, each balanced.
func (p *problem) layouts() [][]int {
	if p.layout.Capacities != nil {
		return [][]int{p.layout.Capacities}
	}
	n := len(p.candidates)
	var out [][]int
	for k := min(len(p.members)/p.perJury, n); k >= 1; k-- {
		out = append(out, slices.Repeat([]int{(n + k - 1) / k}, k))
	}
	return out
}

// panels turns a solution into panels numbered by the layout's juries:
// each panel takes the first jury of its capacity not yet taken.
func (p *problem) panels(sol *solution) (panels []Panel, reserves []tpsession.MemberID) {
	next := make([]int, len(p.classes)) // members of each class handed out
	take := func(c int) tpsession.MemberID {
		m := p.members[p.classes[c].members[next[c]]].ID
		next[c]++
		return m
	}
	capacities := p.layout.Capacities
	if capacities == nil {
		capacities = slices.Repeat([]int{sol.panels[0].capacity}, len(sol.panels))
	}
	taken := make([]bool, len(capacities))
	panelOf := (&search{n: len(p.candidates)}).matching(sol.panels)
	balance(panelOf, sol.panels)
	for i, choice := range sol.panels {
		slot := slices.IndexFunc(capacities, func(c int) bool { return c == choice.capacity })
		for taken[slot] || capacities[slot] != choice.capacity {
			slot++
		}
		taken[slot] = true
		panel := Panel{Jury: slot + 1}
		for _, c := range choice.classes {
			panel.Members = append(panel.Members, take(c))
		}
		slices.Sort(panel.Members)
		for j, q := range panelOf {
			if q == i {
				panel.Candidates = append(panel.Candidates, p.candidates[j].ID)
			}
		}
		panels = append(panels, panel)
	}
	for c := range p.classes {
		for next[c] < len(p.classes[c].members) {
			reserves = append(reserves, take(c))
		}
	}
	slices.Sort(reserves)
	slices.SortFunc(panels, func(a, b Panel) int { return cmp.Compare(a.Jury, b.Jury) })
	return panels, reserves
}

func (p *problem) assignment(sol *solution) Assignment {
	panels, reserves := p.panels(sol)
	return Assignment{Panels: panels, Reserves: reserves}
}

// failure explains why no assignment exists, from the best solution found:
// it assigns as many candidates as possible, so the candidates it leaves
// out are as few as they can be.
func (p *problem) failure(best *solution, proven bool) error {
	n, m := len(p.candidates), len(p.members)
	var out []Unassigned
	var summary string
	if best.matched < 0 {
		juries := max(1, len(p.layout.Capacities))
		msg := fmt.Sprintf("%d juries of %d members need %d accepted members; only %d %s available",
			juries, p.perJury, juries*p.perJury, m, plural(m, "is", "are"))
		if juries == 1 {
			msg = fmt.Sprintf("a jury needs %d members; only %s available", p.perJury, quantity(m, "accepted member is", "accepted members are"))
		}
		for _, c := range p.candidates {
			out = append(out, Unassigned{Candidate: c.ID, Reason: TooFewMembers, Message: c.label() + " has no jury: " + msg})
		}
		summary = msg
	} else {
		panels, _ := p.panels(best)
		load := make(map[int]int, len(panels))
		for _, panel := range panels {
			load[panel.Jury] = len(panel.Candidates)
		}
		capacity := 0
		for _, c := range best.panels {
			capacity += c.capacity
		}
		assigned := map[tpsession.CandidateID]bool{}
		for _, panel := range panels {
			for _, c := range panel.Candidates {
				assigned[c] = true
			}
		}
		for j, c := range p.candidates {
			if !assigned[c.ID] {
				u := p.explain(j, panels, load, capacity)
				u.Conflicts, u.Message = p.conflictsOf(j, u.Message)
				out = append(out, u)
			}
		}
		juries := fmt.Sprintf("%s of %d members", quantity(len(best.panels), "jury", "juries"), p.perJury)
		summary = fmt.Sprintf("at most %d of the %d candidates can be evaluated by a jury without a conflict of interest (%s)",
			best.matched, n, juries)
		if !proven {
			summary = fmt.Sprintf("the best assignment found gives %d of the %d candidates a jury without a conflict of interest (%s)",
				best.matched, n, juries)
		}
	}
	fields := make([]tpsession.FieldError, len(out))
	for i, u := range out {
		fields[i] = tpsession.FieldError{Field: fmt.Sprintf("candidates[%d]", i), Message: u.Message}
	}
	ae := &AssignmentError{Unassigned: out}
	left := make([]string, len(out))
	for i, u := range out {
		left[i] = p.candidates[slices.IndexFunc(p.candidates, func(c Candidate) bool { return c.ID == u.Candidate })].label()
	}
	summary = fmt.Sprintf("%s; %s without a jury: %s",
		summary, quantity(len(out), "candidate is left", "candidates are left"), listed(left))
	if ms := ae.Members(); len(ms) > 0 {
		names := make([]string, len(ms))
		for i, id := range ms {
			names[i] = p.members[slices.IndexFunc(p.members, func(m Member) bool { return m.ID == id })].label()
		}
		summary += fmt.Sprintf("; %s in conflict with %s: %s",
			plural(len(ms), "member", "members"), plural(len(out), "that candidate", "those candidates"), listed(names))
	}
	ae.err = ErrNoAssignment.Withf("no jury assignment exists: %s", summary).WithFields(fields...)
	return ae
}

// explain says why candidate j has no panel in the best solution.
func (p *problem) explain(j int, panels []Panel, load map[int]int, capacity int) Unassigned {
	c := p.candidates[j]
	free, m := p.free[j], len(p.members)
	u := Unassigned{Candidate: c.ID}
	switch {
	case free == 0:
		u.Reason = ConflictsWithAll
		u.Message = fmt.Sprintf("%s conflicts with every accepted member (%d)", c.label(), m)
	case free < p.perJury:
		u.Reason = TooFewFreeMembers
		u.Message = fmt.Sprintf("only %d of the %d accepted members %s no conflict with %s, and a jury needs %d",
			free, m, plural(free, "has", "have"), c.label(), p.perJury)
	default:
		var open []string
		for _, panel := range panels {
			if p.eligible(j, panel) {
				open = append(open, fmt.Sprintf("jury %d (%d of %d)", panel.Jury, load[panel.Jury], p.capacityOf(panel.Jury, capacity, len(panels))))
			}
		}
		if len(open) == 0 {
			u.Reason = NoFreeJury
			u.Message = fmt.Sprintf("%d accepted members have no conflict with %s, but no way of forming the juries gives %s a jury of them while the other candidates keep theirs",
				free, c.label(), c.label())
		} else {
			u.Reason = JuriesFull
			u.Message = fmt.Sprintf("every jury without a conflict with %s is full: %s", c.label(), strings.Join(open, ", "))
			if capacity < len(p.candidates) {
				u.Message += fmt.Sprintf("; the juries take %s in all, for %d candidates", quantity(capacity, "candidate", "candidates"), len(p.candidates))
			}
		}
	}
	return u
}

// conflictsOf returns the conflicts between the members and candidate j,
// and msg followed by who is in conflict with the candidate and why.
func (p *problem) conflictsOf(j int, msg string) ([]Conflict, string) {
	c := p.candidates[j]
	var out []Conflict
	var who []string
	for _, m := range p.members {
		if !p.conflicts[m.ID].has(j) {
			continue
		}
		cs := FindConflicts(m, c, p.declared, p.rules)
		out = append(out, cs...)
		why := make([]string, len(cs))
		for i, x := range cs {
			why[i] = x.short()
		}
		who = append(who, fmt.Sprintf("%s (%s)", m.label(), strings.Join(why, "; ")))
	}
	if len(who) > 0 {
		msg += fmt.Sprintf("; in conflict with %s: %s", c.label(), listed(who))
	}
	return out, msg
}

// listedNames bounds the names a message lists; the error's structured
// members hold them all.
const listedNames = 8

// listed joins names, the first listedNames of them and how many more.
func listed(names []string) string {
	if len(names) <= listedNames {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:listedNames], ", "), len(names)-listedNames)
}

func (p *problem) eligible(j int, panel Panel) bool {
	return !slices.ContainsFunc(panel.Members, func(id tpsession.MemberID) bool { return p.conflicts[id].has(j) })
}

func (p *problem) capacityOf(jury, total, juries int) int {
	if p.layout.Capacities != nil {
		return p.layout.Capacities[jury-1]
	}
	return total / juries
}

// quantity writes n and the noun that agrees with it: "1 jury", "2 juries".
func quantity(n int, one, many string) string { return fmt.Sprintf("%d %s", n, plural(n, one, many)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
