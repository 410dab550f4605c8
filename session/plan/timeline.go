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

// insertSorted inserts x into list, sorted by start.
func insertSorted[T any](list []T, x T, start func(T) int) []T {
	i := sort.Search(len(list), func(i int) bool { return start(list[i]) >= start(x) })
	list = append(list, x)
	copy(list[i+1:], list[i:])
	list[i] = x
	return list
}

// removeSorted removes x from list, sorted by start.
func removeSorted[T comparable](list []T, x T, start func(T) int) []T {
	for i := sort.Search(len(list), func(i int) bool { return start(list[i]) >= start(x) }); i < len(list); i++ {
		if list[i] == x {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

func ivalStart(iv ival) int { return iv.s }
func useStart(u use) int    { return u.s }

func insertIval(list []ival, iv ival) []ival { return insertSorted(list, iv, ivalStart) }
func removeIval(list []ival, iv ival) []ival { return removeSorted(list, iv, ivalStart) }
func insertUse(list []use, u use) []use      { return insertSorted(list, u, useStart) }
func removeUse(list []use, u use) []use      { return removeSorted(list, u, useStart) }
