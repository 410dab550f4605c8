package plan

import "sort"

// ival is a half-open interval [s, e) of absolute minutes.
type ival struct{ s, e int }

// use is a unit held by a candidate over [s, e).
type use struct{ s, e, cand int }

// never is a time after every horizon.
const never = 1 << 40

// firstEnding returns the index of the first interval of a sorted,
// non-overlapping list that ends after t.
func firstEnding(list []ival, t int) int {
	return sort.Search(len(list), func(i int) bool { return list[i].e > t })
}

// conflict reports whether [s, e) overlaps an interval of list, and the end
// of the first interval it overlaps.
func conflict(list []ival, s, e int) (bool, int) {
	i := firstEnding(list, s)
	if i < len(list) && list[i].s < e {
		return true, list[i].e
	}
	return false, 0
}

func insertIval(list []ival, iv ival) []ival {
	i := sort.Search(len(list), func(i int) bool { return list[i].s >= iv.s })
	list = append(list, ival{})
	copy(list[i+1:], list[i:])
	list[i] = iv
	return list
}

func removeIval(list []ival, iv ival) []ival {
	i := sort.Search(len(list), func(i int) bool { return list[i].s >= iv.s })
	for ; i < len(list); i++ {
		if list[i] == iv {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

func insertUse(list []use, u use) []use {
	i := sort.Search(len(list), func(i int) bool { return list[i].s >= u.s })
	list = append(list, use{})
	copy(list[i+1:], list[i:])
	list[i] = u
	return list
}

func removeUse(list []use, u use) []use {
	i := sort.Search(len(list), func(i int) bool { return list[i].s >= u.s })
	for ; i < len(list); i++ {
		if list[i] == u {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}
