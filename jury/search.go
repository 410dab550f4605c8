package jury

import (
	"cmp"
	"context"
	"slices"
)

// This file holds the exact search behind Assign.
//
// A panel's conflicts are the union of its members' conflict sets, so
// adding a member to a panel never makes it eligible for more candidates:
// if any panels work, panels of exactly perJury members work too. The
// search therefore picks, for a given number of juries K, K disjoint groups
// of perJury members (the other members become reserves) and a capacity for
// each, and decides each complete choice exactly by a maximum flow from the
// candidates to the panels.
//
// It is a depth-first branch and bound over those choices. Assign runs it
// first as a decision (a node that cannot assign every candidate is cut),
// then, only when that fails, to find the most candidates that can be
// assigned:
//
//   - members with the same conflict set are interchangeable, so the search
//     runs over classes of members with counts, never over members;
//   - classes are ordered from the most conflicted; the lowest class with
//     members left is placed next: first how many of its members stay
//     reserves, then panels whose lowest class it is. Panels with the same
//     lowest class are formed in non-decreasing order of their other
//     classes and capacity, so each set of panels is met once;
//   - a member is never left a reserve while a member whose conflicts
//     strictly include theirs sits on a panel (swapping them is never
//     worse);
//   - at each node, Hall-type bounds cap what any completion can reach: a
//     maximum flow to the panels formed and to pools standing for those
//     still to form (bound), and groups of candidates who can only be
//     evaluated by few panels (groupBound). A node that cannot reach the
//     target is cut;
//   - options are tried from the panel whose members' conflicts overlap the
//     most (fewest candidates excluded) and the smallest capacity for the
//     most conflicted panel, so the first complete choice is the obvious
//     one and usually the answer.
//
// The problem contains hard set-partition problems, so the worst case is
// exponential in the number of distinct conflict sets. A node costs one
// maximum flow, O(E·√V) with V ≤ N+K+4 nodes and E ≤ N·(K+2)+K+2 edges,
// and the group bound O(N²). Realistic sessions (30 members,
// 100 candidates hosted by a dozen companies) need a few dozen nodes:
// about a millisecond. Dense conflicts between many members and a few
// large panels can take seconds; Assign's context bounds them.

// memberClass is a group of members with the same conflict set.
type memberClass struct {
	conflicts bitset
	size      int   // number of conflicting candidates
	members   []int // indexes into the sorted members, in ID order
}

// panelChoice is a panel of a candidate solution: the classes its members
// come from (one entry per member, non-decreasing) and its capacity.
type panelChoice struct {
	classes  []int
	capIdx   int // index into the search's capacity values
	capacity int
	union    bitset // candidates it may not evaluate
}

// solution is the best complete choice found: its panels (the members
// left are reserves) and how many candidates its maximum flow assigns.
type solution struct {
	matched int
	panels  []panelChoice
}

// search explores the panel choices for one number of juries.
type search struct {
	ctx     context.Context
	n       int // candidates
	perJury int
	juries  int
	classes []memberClass

	capValues []int // distinct capacities, increasing
	capLeft   []int // panels still to form per capacity value

	remaining []int // members of each class neither placed nor reserved
	placed    []int
	decided   []bool // whether the class's number of reserves is fixed
	budget    int    // reserves still allowed: members beyond juries × perJury
	panels    []panelChoice

	target  int       // nodes that cannot assign this many are cut
	ceiling int       // the root's bound: nothing can do better
	best    *solution // shared between the searches of Assign
	nodes   int
	limit   int  // nodes to explore at most; 0 for no limit
	cut     bool // whether the limit stopped the search

	backtracked bool // whether a node has been cut or a leaf fell short

	pairUnion [][]bitset // candidates excluded by a member of each of two classes
	net       flowNetwork
	blocked   []int // per candidate: remaining members conflicting with them

	eligible, eligibleStranded, capsDown []int // scratch of poolCapacities
	panelEdges                           []int // scratch of network: each panel's edge to the sink

	blockers    []bitset // per candidate, the remaining classes in conflict with them
	eligibleFor []bitset // per candidate, the formed panels free for them
}

// newSearch prepares the search of panels with the given capacities. With
// target n it decides whether every candidate can be assigned; with target
// 0 it looks for the most candidates that can be.
func newSearch(ctx context.Context, classes []memberClass, n, perJury int, capacities []int, target int, best *solution) *search {
	s := &search{ctx: ctx, n: n, perJury: perJury, juries: len(capacities), classes: classes, target: target, best: best}
	for _, c := range capacities {
		i, found := slices.BinarySearch(s.capValues, c)
		if !found {
			s.capValues = slices.Insert(s.capValues, i, c)
			s.capLeft = slices.Insert(s.capLeft, i, 0)
		}
		s.capLeft[i]++
	}
	members := 0
	s.remaining = make([]int, len(classes))
	for i, c := range classes {
		s.remaining[i] = len(c.members)
		members += len(c.members)
	}
	s.placed = make([]int, len(classes))
	s.decided = make([]bool, len(classes))
	s.budget = members - s.juries*perJury
	s.blocked = make([]int, n)
	s.pairUnion = make([][]bitset, len(classes))
	for c := range classes {
		s.pairUnion[c] = make([]bitset, len(classes))
		for d := range classes {
			s.pairUnion[c][d] = classes[c].conflicts.union(classes[d].conflicts)
		}
	}
	return s
}

// run searches until every candidate is assigned, the bound proves that
// the best solution cannot be beaten, or the context ends.
func (s *search) run() error {
	if s.budget < 0 {
		return nil
	}
	s.ceiling = s.n // until the root's bound is known
	return s.dfs()
}

// floor is the least a node must be able to assign to be explored.
func (s *search) floor() int { return max(s.target, s.best.matched+1) }

func (s *search) finished() bool { return s.cut || s.best.matched >= s.ceiling }

func (s *search) dfs() error {
	if s.limit > 0 && s.nodes >= s.limit {
		s.cut = true
		return nil
	}
	if s.nodes++; s.nodes%256 == 1 { // the first node too: a done context stops at once
		if err := s.ctx.Err(); err != nil {
			return err
		}
	}
	b := s.bound()
	if s.nodes == 1 {
		s.ceiling = b
	}
	if len(s.panels) == s.juries {
		if b > s.best.matched {
			s.record(b)
		}
		s.backtracked = s.backtracked || b < s.n
		return nil
	}
	if b < s.floor() {
		s.backtracked = true
		return nil
	}
	c := slices.IndexFunc(s.remaining, func(r int) bool { return r > 0 })
	if c < 0 {
		return nil
	}
	if !s.decided[c] {
		return s.chooseReserves(c)
	}
	return s.formPanels(c)
}

// chooseReserves fixes how many members of class c stay reserves, trying
// the most first: the most conflicted members are the ones to spare.
func (s *search) chooseReserves(c int) error {
	most := min(s.remaining[c], s.budget)
	if most > 0 && s.dominated(c) {
		most = 0
	}
	s.decided[c] = true
	defer func() { s.decided[c] = false }()
	for u := most; u >= 0; u-- {
		s.remaining[c] -= u
		s.budget -= u
		err := s.dfs()
		s.remaining[c] += u
		s.budget += u
		if err != nil || s.finished() {
			return err
		}
	}
	return nil
}

// dominated reports whether a placed member's conflicts strictly include
// those of class c: sparing a member of c instead would never be better.
func (s *search) dominated(c int) bool {
	for e, n := range s.placed {
		if n > 0 && e != c && s.classes[c].conflicts.subsetOf(s.classes[e].conflicts) &&
			s.classes[c].size < s.classes[e].size {
			return true
		}
	}
	return false
}

// formPanels forms a panel around a member of class c, the lowest class
// left, trying each choice of other members and capacity.
func (s *search) formPanels(c int) error {
	var last *panelChoice
	if k := len(s.panels); k > 0 && s.panels[k-1].classes[0] == c {
		last = &s.panels[k-1]
	}
	for _, p := range s.panelOptions(c, last) {
		s.place(p, 1)
		err := s.dfs()
		s.place(p, -1)
		if err != nil || s.finished() {
			return err
		}
	}
	return nil
}

// place adds (sign 1) or removes (sign -1) panel p.
func (s *search) place(p panelChoice, sign int) {
	for _, c := range p.classes {
		s.remaining[c] -= sign
		s.placed[c] += sign
	}
	s.capLeft[p.capIdx] -= sign
	if sign > 0 {
		s.panels = append(s.panels, p)
	} else {
		s.panels = s.panels[:len(s.panels)-1]
	}
}

// panelOptions lists the panels around a member of class c, in the order to
// try them: fewest candidates excluded first, then smallest capacity. A
// panel following one with the same lowest class must not come before it
// in (capacity, classes) order, so that each set of panels is formed once.
func (s *search) panelOptions(c int, last *panelChoice) []panelChoice {
	var groups [][]int
	group := []int{c}
	var extend func(from int)
	extend = func(from int) {
		if len(group) == s.perJury {
			groups = append(groups, slices.Clone(group))
			return
		}
		for d := from; d < len(s.classes); d++ {
			taken := 0
			for _, g := range group {
				if g == d {
					taken++
				}
			}
			if s.remaining[d] > taken {
				group = append(group, d)
				extend(d)
				group = group[:len(group)-1]
			}
		}
	}
	extend(c)
	var options []panelChoice
	for _, g := range groups {
		union := s.classes[g[0]].conflicts
		for _, d := range g[1:] {
			union = union.union(s.classes[d].conflicts)
		}
		for v, left := range s.capLeft {
			p := panelChoice{classes: g, capIdx: v, capacity: s.capValues[v], union: union}
			if left > 0 && (last == nil || comparePanels(*last, p) <= 0) {
				options = append(options, p)
			}
		}
	}
	slices.SortStableFunc(options, func(a, b panelChoice) int {
		return cmp.Compare(a.union.count(), b.union.count())
	})
	return options
}

// comparePanels orders panels by capacity, then by their classes.
func comparePanels(a, b panelChoice) int {
	if c := cmp.Compare(a.capIdx, b.capIdx); c != 0 {
		return c
	}
	return slices.Compare(a.classes, b.classes)
}

// bound builds the node's flow network and returns its maximum flow: the
// most candidates any completion of the node can assign. At a leaf it is
// exact.
//
// Besides the panels formed, the network has a pool standing for the
// panels still to form, open to each candidate who still has perJury
// members without a conflict with them, and inside it a smaller pool for
// the stranded candidates, whom no formed panel may evaluate: the future
// panels can take only so many of them (poolCapacities).
func (s *search) bound() int {
	future := s.juries - len(s.panels)
	if future == 0 {
		return s.network(0, 0, nil, nil)
	}
	stranded := newBitset(s.n)
	for j := range s.n {
		stranded.set(j)
	}
	for _, p := range s.panels {
		stranded.intersect(p.union)
	}
	pool, strandedPool := s.poolCapacities(future, stranded)
	clear(s.blocked)
	free := 0
	for c, r := range s.remaining {
		if r > 0 {
			free += r
			s.classes[c].conflicts.each(func(j int) { s.blocked[j] += r })
		}
	}
	b := s.network(pool, strandedPool, stranded, func(j int) bool { return free-s.blocked[j] >= s.perJury })
	if b < s.floor() || (s.nodes > 1 && !s.backtracked) {
		// The group bound costs as much again: it is spent at the root and
		// once the search has met a dead end, not on a first descent that
		// finds an assignment.
		return b
	}
	return min(b, s.groupBound(free))
}

// groupBound is a second bound, over groups of candidates. Take a candidate
// j and the group of candidates every one of whose free members (remaining
// members without a conflict with them) is free for j too. The group can
// only be evaluated by the formed panels free for one of them and by
// future panels made of j's free members, of which there can be at most
// ⌊free members / perJury⌋. When the group outnumbers what these panels
// can take, the surplus goes unassigned. It catches an establishment whose
// employees conflict with the candidates it hosted when the members
// outside it are too few to form enough panels for them.
func (s *search) groupBound(free int) int {
	future := s.juries - len(s.panels)
	if len(s.blockers) != s.n {
		s.blockers = make([]bitset, s.n)
		s.eligibleFor = make([]bitset, s.n)
	}
	for j := range s.n {
		s.blockers[j] = reuse(s.blockers[j], len(s.classes))
		s.eligibleFor[j] = reuse(s.eligibleFor[j], len(s.panels))
	}
	for c, r := range s.remaining {
		if r > 0 {
			s.classes[c].conflicts.each(func(j int) { s.blockers[j].set(c) })
		}
	}
	for p, panel := range s.panels {
		for j := range s.n {
			if !panel.union.has(j) {
				s.eligibleFor[j].set(p)
			}
		}
	}
	reach := newBitset(len(s.panels))
	worst := 0
	for j := range s.n {
		capacity := 0
		for _, c := range s.capsDown[:min(future, (free-s.blocked[j])/s.perJury)] {
			capacity += c
		}
		clear(reach)
		group := 0
		for k := range s.n {
			if s.blockers[j].subsetOf(s.blockers[k]) {
				group++
				reach.unionWith(s.eligibleFor[k])
			}
		}
		reach.each(func(p int) { capacity += s.panels[p].capacity })
		worst = max(worst, group-capacity)
	}
	return s.n - worst
}

// panelSinks adds the edges from the formed panels to the sink, each
// carrying the panel's capacity, and returns their indexes. The slice is
// the search's scratch, valid until the next call.
func (s *search) panelSinks() []int {
	s.panelEdges = slices.Grow(s.panelEdges[:0], len(s.panels))[:len(s.panels)]
	for p, panel := range s.panels {
		s.panelEdges[p] = s.net.addEdge(2+s.n+p, 1, panel.capacity)
	}
	return s.panelEdges
}

// poolCapacities bounds how many candidates, and how many stranded ones,
// the future panels can take together. A panel takes no more than its
// capacity, nor more candidates than any of its subsets of members leaves
// eligible. Let e(i) be the most candidates a subset of two members (three
// for larger panels) including remaining member i leaves eligible. Sort the
// future panels by how many candidates they leave eligible: the k-th has
// perJury·k members at least as good, so it leaves at most the
// (perJury·k)-th largest e eligible. Pairing these bounds with the
// capacities, largest with largest, bounds the total.
func (s *search) poolCapacities(future int, stranded bitset) (pool, strandedPool int) {
	s.eligible, s.eligibleStranded = s.eligible[:0], s.eligibleStranded[:0]
	switch stranded.count() {
	case 0:
		stranded = nil // nobody to count
	case s.n:
		stranded = nil // everybody: the same counts as for all candidates
		defer func() { strandedPool = pool }()
	}
	for c, r := range s.remaining {
		if r > 0 {
			all, str := s.bestSubset(c, stranded)
			for range r {
				s.eligible = append(s.eligible, all)
				s.eligibleStranded = append(s.eligibleStranded, str)
			}
		}
	}
	descending := func(a, b int) int { return cmp.Compare(b, a) }
	slices.SortFunc(s.eligible, descending)
	slices.SortFunc(s.eligibleStranded, descending)
	s.capsDown = s.capsDown[:0]
	for v := len(s.capValues) - 1; v >= 0; v-- {
		for range s.capLeft[v] {
			s.capsDown = append(s.capsDown, s.capValues[v])
		}
	}
	for k := 1; k <= future; k++ {
		if i := s.perJury*k - 1; i < len(s.eligible) {
			pool += min(s.capsDown[k-1], s.eligible[i])
			strandedPool += min(s.capsDown[k-1], s.eligibleStranded[i])
		}
	}
	return pool, strandedPool
}

// bestSubset returns the most candidates, and the most stranded ones (0
// when stranded is nil), that a member of class c and one partner (two
// when panels have three members or more) among the remaining members
// leave eligible.
func (s *search) bestSubset(c int, stranded bitset) (all, str int) {
	s.remaining[c]--
	defer func() { s.remaining[c]++ }()
	for d, rd := range s.remaining {
		if rd == 0 {
			continue
		}
		pair := s.pairUnion[c][d]
		if s.perJury == 2 {
			all = max(all, s.n-pair.count())
			if stranded != nil {
				str = max(str, stranded.countAndNot(pair, nil))
			}
			continue
		}
		s.remaining[d]--
		for e := d; e < len(s.remaining); e++ {
			if s.remaining[e] > 0 {
				all = max(all, s.n-pair.countOr(s.classes[e].conflicts))
				if stranded != nil {
					str = max(str, stranded.countAndNot(pair, s.classes[e].conflicts))
				}
			}
		}
		s.remaining[d]++
	}
	return all, str
}

// network builds the flow network of the formed panels and, when open is
// not nil, the pools, and returns its maximum flow. Node 0 is the source, 1
// the sink, 2…n+1 the candidates, then the panels, the pool and the
// stranded pool.
func (s *search) network(pool, strandedPool int, stranded bitset, open func(int) bool) int {
	const source, sink = 0, 1
	first := 2 + s.n
	poolNode, strandedNode := first+len(s.panels), first+len(s.panels)+1
	s.net.reset(strandedNode + 1)
	panelSink := s.panelSinks()
	var poolSink, strandedPoolEdge int
	if open != nil {
		poolSink = s.net.addEdge(poolNode, sink, pool)
		strandedPoolEdge = s.net.addEdge(strandedNode, poolNode, strandedPool)
	}
	sent := 0
	for j := range s.n {
		in := s.net.addEdge(source, 2+j, 1)
		for p, panel := range s.panels {
			if !panel.union.has(j) {
				e := s.net.addEdge(2+j, first+p, 1)
				if s.net.residual(in) > 0 && s.net.residual(panelSink[p]) > 0 {
					s.net.send(1, in, e, panelSink[p])
					sent++
				}
			}
		}
		switch {
		case open == nil || !open(j):
		case stranded.has(j):
			e := s.net.addEdge(2+j, strandedNode, 1)
			if s.net.residual(in) > 0 && s.net.residual(strandedPoolEdge) > 0 && s.net.residual(poolSink) > 0 {
				s.net.send(1, in, e, strandedPoolEdge, poolSink)
				sent++
			}
		default:
			e := s.net.addEdge(2+j, poolNode, 1)
			if s.net.residual(in) > 0 && s.net.residual(poolSink) > 0 {
				s.net.send(1, in, e, poolSink)
				sent++
			}
		}
	}
	return sent + s.net.maxFlow(source, sink)
}

// record keeps the current leaf as the best solution.
func (s *search) record(matched int) {
	*s.best = solution{matched: matched, panels: slices.Clone(s.panels)}
}

// balance evens out the panels' loads without leaving any candidate out:
// while a chain of moves (a candidate of panel p to panel q, one of q to
// r…) can take one candidate from a panel to another holding at least two
// fewer and below its capacity, it applies it. Each move lowers the sum of
// the squared loads, so it ends, with loads as even as the conflicts allow.
func balance(panelOf []int, panels []panelChoice) {
	load := make([]int, len(panels))
	for _, p := range panelOf {
		if p >= 0 {
			load[p]++
		}
	}
	type step struct{ from, candidate int }
	for moved := true; moved; {
		moved = false
		order := make([]int, len(panels))
		for p := range order {
			order[p] = p
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(load[b], load[a]) })
		for _, start := range order {
			parent := make([]step, len(panels))
			for p := range parent {
				parent[p] = step{-1, -1}
			}
			parent[start] = step{start, -1}
			queue, end := []int{start}, -1
			for i := 0; i < len(queue) && end < 0; i++ {
				u := queue[i]
				for j, p := range panelOf {
					if p != u {
						continue
					}
					for v := range panels {
						if parent[v].from >= 0 || panels[v].union.has(j) {
							continue
						}
						parent[v] = step{u, j}
						if load[v] <= load[start]-2 && load[v] < panels[v].capacity {
							end = v
							break
						}
						queue = append(queue, v)
					}
					if end >= 0 {
						break
					}
				}
			}
			if end < 0 {
				continue
			}
			for v := end; v != start; v = parent[v].from {
				panelOf[parent[v].candidate] = v
			}
			load[start]--
			load[end]++
			moved = true
			break
		}
	}
}

// matching solves the flow of a complete solution and returns, per
// candidate, the index of its panel or -1.
func (s *search) matching(panels []panelChoice) []int {
	s.panels = panels
	s.network(0, 0, nil, nil)
	first := 2 + s.n
	panelOf := make([]int, s.n)
	for j := range s.n {
		panelOf[j] = -1
		for e := s.net.head[2+j]; e >= 0; e = s.net.next[e] {
			if v := int(s.net.to[e]); v >= first && e%2 == 0 && s.net.used(int(e)) {
				panelOf[j] = v - first
			}
		}
	}
	return panelOf
}
