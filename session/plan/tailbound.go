package plan

// The deliberation's tail (docs/planning.md#the-deliberations-tail). A
// candidate's deliberation follows its last exclusive épreuve on the day
// that épreuve ends, a task of one segment inside a block. So the last
// exclusive épreuve cannot end too close to the end of the day: a
// ten-minute final interview ending when the day's last block ends leaves
// no room for the deliberation that must follow it that day. The bounds
// that count an épreuve's possible starts (the start sets) would otherwise
// let the final interview end the day, and an observed épreuve that must
// come before it end the afternoon, where no plan can put them.
//
// Proof. Let x be the exclusive épreuve that is the last exclusive one in
// every order of a candidate's épreuves, x not splittable, and f the end
// of x in a valid plan, in block i of day d. The deliberation (δ minutes,
// δ > 0) starts at or after f, on day d, and lies inside one block j of
// day d: j ≥ i, and it starts at max(f, start of j). When j = i, f + δ ≤
// end of i. When j > i, block j is at least δ minutes long. So when no
// later block of day d is δ minutes long, f ≤ end of i − δ: the starts of
// x in block i end δ before it does. Every plan keeps to this, so a count
// of starts that keeps to it bounds every plan.

// lastExclusiveOf returns the épreuve that is the last exclusive one in
// every order, or -1.
func lastExclusiveOf(m *model, orders [][]int) int {
	last := -2
	for _, o := range orders {
		le := -1
		for _, e := range o {
			if m.eps[e].pres == Exclusive {
				le = e
			}
		}
		if last == -2 {
			last = le
		} else if last != le {
			return -1
		}
	}
	return max(last, -1)
}

// deliberationRoom is the minutes that épreuve e must leave free at the end
// of block bi for the candidate's deliberation (see the proof above): the
// deliberation when e is every order's last exclusive épreuve, is not
// splittable and no later block of the day holds the deliberation, else 0.
func (b *bounds) deliberationRoom(e, bi int) int {
	m := b.m
	delib := m.h.DeliberationMin
	if e != b.everyLastExcl || delib <= 0 || m.eps[e].split {
		return 0
	}
	for j := bi + 1; j < len(m.blocks); j++ {
		if int(m.blocks[j].End-m.blocks[j].Start) >= delib {
			return 0
		}
	}
	return delib
}
