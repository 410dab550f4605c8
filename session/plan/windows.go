package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Rigid groups and their windows. Épreuves joined by maximum gaps shorter
// than every break between a day's blocks lie in one block with each
// other: the successor starts on the same day, at most the gap after its
// predecessor ends, so before the next block starts. Such a group is
// rigid: in its block, an épreuve has the group's épreuves that come
// before it on one side and those after it on the other, so it can only
// start so far into the block and must end so far before its end. Those
// windows bound how many uses of a station, or how many épreuves of a jury,
// a block holds, where the counts over the whole block do not.
//
// Proof of the windows. Let G be a group (épreuves joined by maximum gaps
// below the shortest break, none splittable) and e in G. In a valid plan,
// every épreuve of G lies in the block B = [bs, be) of e (by induction
// along the joining edges: a successor starts before the next block, a
// predecessor ends after the previous one). Along any path of precedences
// inside G from a to e, each épreuve ends before the next starts, with the
// constraint's minimum gap on the same day, and the candidate's accueil
// between when the next is every order's first exclusive épreuve (the
// accueil is the candidate's too, and lies in the block of the épreuve
// it precedes when no two blocks touch). So e starts at least head(e)
// after bs, head(e) being the longest such path's minutes into e, and ends
// at least tail(e) before be, tail(e) being the longest path's minutes out
// of e. With est(e), the earliest start of e in any plan, e lies within
// [max(bs + head(e), est(e)), be − tail(e)).

// rigidWindows computes head and tail for every épreuve (0 outside a
// group of two or more) and names each épreuve's group.
func (b *bounds) rigidWindows() {
	m := b.m
	n := len(m.eps)
	b.head, b.tail = make([]int, n), make([]int, n)
	b.group = make([][]int, n)
	minBreak := m.minBreak()
	if minBreak <= 0 {
		return // touching blocks: a group may run from one into the next
	}
	find := m.groups(func(a int, ed edge) bool {
		return ed.maxGap >= 0 && ed.maxGap < minBreak && !ed.nextDay && !m.eps[a].split && !m.eps[ed.from].split
	})
	members := map[int][]int{}
	for e := range n {
		members[find(e)] = append(members[find(e)], e)
	}
	lead := func(e int) int {
		if e == b.everyFirstExcl {
			return m.h.AccueilMin
		}
		return 0
	}
	// gap is what comes between a and its successor e in the block.
	gap := func(ed edge, e int) int { return max(ed.minGap, lead(e)) }
	inGroup := func(a, e int) bool { return find(a) == find(e) }
	for e := range n {
		if len(members[find(e)]) < 2 {
			continue
		}
		b.group[e] = members[find(e)]
	}
	// The precedences are acyclic: the longest paths by memoised
	// recursion.
	headMemo, tailMemo := make([]int, n), make([]int, n)
	for i := range headMemo {
		headMemo[i], tailMemo[i] = -1, -1
	}
	var head, tail func(e int) int
	head = func(e int) int {
		if headMemo[e] >= 0 {
			return headMemo[e]
		}
		h := lead(e)
		for _, ed := range m.preds[e] {
			if inGroup(ed.from, e) && !ed.nextDay {
				h = max(h, head(ed.from)+m.eps[ed.from].dur+gap(ed, e))
			}
		}
		headMemo[e] = h
		return h
	}
	tail = func(e int) int {
		if tailMemo[e] >= 0 {
			return tailMemo[e]
		}
		t := 0
		for a, es := range m.preds {
			for _, ed := range es {
				if ed.from == e && inGroup(a, e) && !ed.nextDay {
					t = max(t, gap(ed, a)+m.eps[a].dur+tail(a))
				}
			}
		}
		tailMemo[e] = t
		return t
	}
	for e := range n {
		if b.group[e] != nil {
			b.head[e], b.tail[e] = head(e), tail(e)
		}
	}
}

// inWindow returns the window of épreuve e in block bi of day d: where it
// may start and the latest it may end (empty when end − start < its
// duration).
func (b *bounds) inWindow(e, d, bi int) (int, int) {
	m := b.m
	s := max(m.blockStart(d, bi)+b.head[e], b.est[e])
	return s, m.blockEnd(d, bi) - b.tail[e]
}

// windowUses counts the uses of dur minutes, with a reset between two,
// that one unit or one jury holds in e's windows on day d: the uses of e
// in a block lie in its window (see the proof above), disjoint on one unit
// or jury, a reset apart on a unit.
func (b *bounds) windowUses(e, d, dur, reset int) int {
	n := 0
	for bi := range b.m.blocks {
		s, end := b.inWindow(e, d, bi)
		if w := end - s; w >= dur {
			n += (w + reset) / (dur + reset)
		}
	}
	return n
}

// windowedUseDays bounds the days by the windowed uses of each épreuve of
// a rigid group that needs resource type rt: the units hold at most
// capacity × windowUses uses a day, and the candidates need N × units.
func (b *bounds) windowedUseDays(rt int) (int, string) {
	m := b.m
	t := m.types[rt]
	best, why := 0, ""
	for e, info := range m.eps {
		if b.group[e] == nil || info.split {
			continue
		}
		units := 0
		for _, nd := range info.needs {
			if nd.rt == rt {
				units = nd.units
			}
		}
		if units == 0 {
			continue
		}
		perDay := func(d int) (int, bool) { return t.cap / units * b.windowUses(e, d, info.dur, t.reset), true }
		days, last, _ := b.daysToHold(perDay)
		if days > best {
			best = days
			why = fmt.Sprintf("%s lies in one block with %s, so the %s of %s hold at most %d of its uses a day: %d candidates need at least %s",
				info.id, b.groupWords(e), plural(t.cap, "unit"), t.name, last, m.n, plural(days, "day"))
		}
	}
	return best, why
}

// groupWords names the rest of e's group.
func (b *bounds) groupWords(e int) string {
	var names []string
	for _, x := range b.group[e] {
		if x != e {
			names = append(names, b.m.eps[x].id)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// windowedJuries is the fewest juries that hold, in days days, every
// candidate's exclusive épreuve e of a rigid group (with its accueil when
// e is the first): a jury does one at a time, in e's windows, within its
// day budget; the largest over such épreuves, with the épreuve.
func (b *bounds) windowedJuries(days int) (int, int) {
	m := b.m
	best, which := 0, -1
	for e, info := range m.eps {
		if b.group[e] == nil || info.pres != Exclusive {
			continue
		}
		lead := 0
		if e == b.everyFirstExcl {
			lead = m.h.AccueilMin
		}
		per := 0
		for d := range days {
			// The accueil before e lies in the window's lead minutes.
			n := 0
			for bi := range m.blocks {
				s, end := b.inWindow(e, d, bi)
				if w := end - s + lead; w >= info.dur+lead {
					n += w / (info.dur + lead)
				}
			}
			per += min(n, m.juryDayCap(d == 0)/(info.dur+lead))
		}
		k := never
		if per > 0 {
			k = (m.n + per - 1) / per
		}
		if k > best {
			best, which = k, e
		}
	}
	return best, which
}
