package plan

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// randomIvals returns n sorted, non-overlapping intervals, some touching.
func randomIvals(r *rand.Rand, n int) []ival {
	var out []ival
	t := r.IntN(5)
	for range n {
		t += r.IntN(3) * r.IntN(10) // sometimes no gap
		d := 1 + r.IntN(20)
		out = append(out, ival{t, t + d})
		t += d
	}
	return out
}

// The timelines' searches give what sort.Search gives, on either side of
// every interval's ends, and their fast paths (the last element, moving
// on from an index, a hint) change nothing.
func TestTimelineSearches(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for try := range 2000 {
		list := randomIvals(r, try%12)
		var uses []use
		for i, iv := range list {
			uses = append(uses, use{iv.s, iv.e, i})
		}
		reset := r.IntN(4)
		var probes []int
		for _, iv := range list {
			probes = append(probes, iv.s-1, iv.s, iv.s+1, iv.e-1, iv.e, iv.e+1)
		}
		probes = append(probes, -1, 0, 1000)
		slices.Sort(probes)
		prev := -1
		for _, x := range probes {
			want := sort.Search(len(list), func(i int) bool { return list[i].e > x })
			if got := firstEnding(list, x); got != want {
				t.Fatalf("firstEnding(%v, %d) = %d, want %d", list, x, got, want)
			}
			if got := nextEnding(list, prev, x); got != want {
				t.Fatalf("nextEnding(%v, %d, %d) = %d, want %d", list, prev, x, got, want)
			}
			prev = want
			for h := range len(list) + 3 {
				hint := int32(h)
				if got := firstEndingHint(list, x, &hint); got != want || want < len(list) && hint != int32(want) {
					t.Fatalf("firstEndingHint(%v, %d, hint %d) = %d (hint %d), want %d", list, x, h, got, hint, want)
				}
			}
			if got, want := ivalFrom(list, x), sort.Search(len(list), func(i int) bool { return list[i].s >= x }); got != want {
				t.Fatalf("ivalFrom(%v, %d) = %d, want %d", list, x, got, want)
			}
			if got, want := useFrom(uses, x), sort.Search(len(uses), func(i int) bool { return uses[i].s >= x }); got != want {
				t.Fatalf("useFrom(%v, %d) = %d, want %d", uses, x, got, want)
			}
			want = sort.Search(len(uses), func(i int) bool { return uses[i].e+reset > x })
			if got := useEndingAfter(uses, reset, x); got != want {
				t.Fatalf("useEndingAfter(%v, %d, %d) = %d, want %d", uses, reset, x, got, want)
			}
			// Whatever the hint (stale ones past the end included), the
			// search with a hint finds the same index, and keeps it.
			for h := range len(uses) + 3 {
				hint := int32(h)
				if got := useEndingAfterHint(uses, reset, x, &hint); got != want || want < len(uses) && hint != int32(want) {
					t.Fatalf("useEndingAfterHint(%v, %d, %d, hint %d) = %d (hint %d), want %d", uses, reset, x, h, got, hint, want)
				}
			}
		}
		// Taking each interval out and putting it back, first or last,
		// gives the list again.
		for i := range list {
			iv, u := list[i], uses[i]
			l := removeIval(slices.Clone(list), iv)
			if want := slices.Delete(slices.Clone(list), i, i+1); !slices.Equal(l, want) {
				t.Fatalf("removeIval(%v, %v) = %v", list, iv, l)
			}
			if l = insertIval(l, iv); !slices.Equal(l, list) {
				t.Fatalf("insertIval gives %v, want %v", l, list)
			}
			us := removeUse(slices.Clone(uses), u)
			if us = insertUse(us, u); !slices.Equal(us, uses) {
				t.Fatalf("insertUse gives %v, want %v", us, uses)
			}
		}
		if l := removeIval(slices.Clone(list), ival{-5, -4}); !slices.Equal(l, list) {
			t.Fatalf("removing an interval not there changed %v into %v", list, l)
		}
	}
}

// An arena's slices are copies that appending to cannot spill into the
// next one, nil for nothing, and a rewind hands out the same memory again.
func TestArena(t *testing.T) {
	var a arena[ival]
	if got := a.clone(nil); got != nil {
		t.Fatalf("clone(nil) = %v, want nil", got)
	}
	if got := a.clone([]ival{}); got != nil {
		t.Fatalf("clone of an empty slice = %v, want nil", got)
	}
	src := []ival{{1, 2}, {3, 4}}
	x := a.clone(src)
	y := a.one(ival{5, 6})
	src[0] = ival{9, 9}
	if !slices.Equal(x, []ival{{1, 2}, {3, 4}}) || !slices.Equal(y, []ival{{5, 6}}) {
		t.Fatalf("clone %v, one %v", x, y)
	}
	x = append(x, ival{7, 8})
	if !slices.Equal(y, []ival{{5, 6}}) {
		t.Fatalf("appending to a slice changed the next one: %v", y)
	}
	for range 2 * arenaChunk { // past a chunk
		a.one(ival{0, 1})
	}
	if big := a.clone(make([]ival, 3*arenaChunk)); len(big) != 3*arenaChunk {
		t.Fatalf("a clone larger than a chunk has %d elements", len(big))
	}
	s := &search{}
	s.ivals.one(ival{0, 0}) // a chunk to rewind in
	mark := s.arenaMark()
	first := s.ivals.one(ival{1, 1})
	s.arenaRewind(mark)
	if again := s.ivals.one(ival{2, 2}); &again[0] != &first[0] {
		t.Fatal("a rewind does not hand out the same memory again")
	}
}
