package plan

// ival is a half-open interval [s, e) of absolute minutes.
type ival struct{ s, e int }

// use is a unit held by a candidate over [s, e).
type use struct{ s, e, cand int }

// never is a time after every horizon.
const never = 1 << 40

// The timelines (a jury's busy time, a unit's uses) are sorted slices,
// searched by bisection on every start the scheduler tries: the searches
// below are written out for each element type, without the function
// values of sort.Search, because they are the scheduler's innermost loop,
// and look at the last element first, since the scheduler mostly places
// after what is placed.

// firstEnding returns the index of the first interval of a sorted,
// non-overlapping list that ends after t.
func firstEnding(list []ival, t int) int {
	lo, hi := 0, len(list)
	if hi == 0 || list[hi-1].e <= t {
		return hi // after the last: the common case, placing at the end
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if list[mid].e > t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
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

// conflictHint is conflict starting its search from a hint, as
// useEndingAfterHint: the index the previous search of the list found.
func conflictHint(list []ival, s, e int, hint *int32) (bool, int) {
	i := firstEndingHint(list, s, hint)
	if i < len(list) && list[i].s < e {
		return true, list[i].e
	}
	return false, 0
}

// firstEndingHint is firstEnding starting from a hint (see
// useEndingAfterHint): the index returned is firstEnding's whatever the
// hint, and the hint becomes it.
func firstEndingHint(list []ival, t int, hint *int32) int {
	n := len(list)
	if n == 0 || list[n-1].e <= t {
		return n
	}
	h := int(*hint)
	if h < n && list[h].e > t {
		if h == 0 || list[h-1].e <= t {
			return h
		}
	} else if h+1 < n && list[h+1].e > t && list[h].e <= t {
		*hint = int32(h + 1)
		return h + 1
	}
	i := firstEnding(list, t)
	*hint = int32(i)
	return i
}

// nextEnding is firstEnding for a t no earlier than the one that gave i
// (every interval before i ends by t): it moves on from i, and bisects
// only past a few intervals. With i < 0 it is firstEnding.
func nextEnding(list []ival, i, t int) int {
	if i < 0 {
		return firstEnding(list, t)
	}
	for k := 0; i < len(list) && list[i].e <= t; i, k = i+1, k+1 {
		if k == 8 {
			return i + firstEnding(list[i:], t)
		}
	}
	return i
}

// ivalFrom returns the index of the first interval of a list sorted by
// start that starts at t or later.
func ivalFrom(list []ival, t int) int {
	lo, hi := 0, len(list)
	if hi == 0 || list[hi-1].s < t {
		return hi
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if list[mid].s >= t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// useFrom is ivalFrom for uses.
func useFrom(list []use, t int) int {
	lo, hi := 0, len(list)
	if hi == 0 || list[hi-1].s < t {
		return hi
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if list[mid].s >= t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// useEndingAfter returns the index of the first use of a sorted,
// non-overlapping list whose end, reset minutes added, is after t.
func useEndingAfter(list []use, reset, t int) int {
	lo, hi := 0, len(list)
	if hi == 0 || list[hi-1].e+reset <= t {
		return hi
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if list[mid].e+reset > t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// useEndingAfterHint is useEndingAfter starting from a hint, the index
// the previous search of the same list found: the scheduler tries the
// starts of an épreuve one after another, and a unit's index moves little
// from one to the next. The hint is only where to look first: the index
// returned is useEndingAfter's, whatever the hint, and the hint becomes
// it.
func useEndingAfterHint(list []use, reset, t int, hint *int32) int {
	n := len(list)
	if n == 0 || list[n-1].e+reset <= t {
		return n
	}
	h := int(*hint)
	if h < n && list[h].e+reset > t {
		if h == 0 || list[h-1].e+reset <= t {
			return h
		}
	} else if h+1 < n && list[h+1].e+reset > t && list[h].e+reset <= t {
		*hint = int32(h + 1)
		return h + 1
	}
	i := useEndingAfter(list, reset, t)
	*hint = int32(i)
	return i
}

// insertIval inserts iv into list, sorted by start, before the intervals
// starting with it.
func insertIval(list []ival, iv ival) []ival {
	i := ivalFrom(list, iv.s)
	list = append(list, iv)
	copy(list[i+1:], list[i:])
	list[i] = iv
	return list
}

// removeIval removes iv from list, sorted by start.
func removeIval(list []ival, iv ival) []ival {
	if n := len(list); n > 0 && list[n-1] == iv {
		return list[:n-1] // the last placed, the first undone
	}
	for i := ivalFrom(list, iv.s); i < len(list); i++ {
		if list[i] == iv {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

// insertUse is insertIval for uses.
func insertUse(list []use, u use) []use {
	i := useFrom(list, u.s)
	list = append(list, u)
	copy(list[i+1:], list[i:])
	list[i] = u
	return list
}

// removeUse is removeIval for uses.
func removeUse(list []use, u use) []use {
	if n := len(list); n > 0 && list[n-1] == u {
		return list[:n-1]
	}
	for i := useFrom(list, u.s); i < len(list); i++ {
		if list[i] == u {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

// arena hands out the small slices a placement keeps (an item's segments
// and units), cut from large chunks rather than allocated one by one: the
// scheduler keeps one for every start that works, most of them only
// until the next rollback. A slice handed out is never changed nor
// appended to in place (its capacity is its length), and a chunk lives
// while any slice cut from it does. What an option of a candidate
// handed out is handed out again once the option is rolled back and not
// kept (arenaRewind).
type arena[T any] struct{ chunk []T }

// arenaChunk is the elements of an arena's chunk.
const arenaChunk = 512

// clone returns a copy of src cut from the arena, nil when src is empty
// (as slices.Clone of a nil slice: the scheduler tells a station's units
// not chosen yet by nil).
func (a *arena[T]) clone(src []T) []T {
	if len(src) == 0 {
		return nil
	}
	if len(a.chunk)+len(src) > cap(a.chunk) {
		a.chunk = make([]T, 0, max(arenaChunk, len(src)))
	}
	n := len(a.chunk)
	a.chunk = append(a.chunk, src...)
	return a.chunk[n:len(a.chunk):len(a.chunk)]
}

// arenaMark is where the search's arenas stand, to hand out again what
// they handed out since, once nothing holds it (arenaRewind).
type arenaMark struct {
	ivals []ival
	refs  []unitRef
}

func (s *search) arenaMark() arenaMark { return arenaMark{s.ivals.chunk, s.refs.chunk} }

// arenaRewind hands out again what the arenas handed out since mark: the
// caller knows that nothing holds it any more (a placement rolled back
// and not kept).
func (s *search) arenaRewind(mark arenaMark) { s.ivals.chunk, s.refs.chunk = mark.ivals, mark.refs }

// one returns a slice of x alone, cut from the arena.
func (a *arena[T]) one(x T) []T {
	if len(a.chunk) == cap(a.chunk) {
		a.chunk = make([]T, 0, arenaChunk)
	}
	a.chunk = append(a.chunk, x)
	n := len(a.chunk)
	return a.chunk[n-1 : n : n]
}
