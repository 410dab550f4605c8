package plan

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The filter of sitting starts counts, slot by slot, exactly the sittings
// that start in the slot, through new sittings, joins, departures (the
// last one's taking the sitting away) and rollbacks of all of them; a
// slot at zero so proves that no sitting starts there.
func TestSittingStartsFollowTheSittings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const eps = 2
	s := &search{sittings: make([][]sitting, eps), starts: make(sittingStarts, eps)}
	check := func(when string) {
		t.Helper()
		want := make(sittingStarts, eps)
		for e, sts := range s.sittings {
			for _, st := range sts {
				want.add(e, st.start, 1)
			}
		}
		for e := range want {
			if want[e] != s.starts[e] {
				t.Fatalf("%s: the filter of épreuve %d does not count its sittings' starts", when, e)
			}
			for _, st := range s.sittings[e] {
				if !s.starts.maybe(e, st.start) {
					t.Fatalf("%s: a sitting starts at %d, the filter says none", when, st.start)
				}
			}
		}
	}
	var marks []int
	for step := range 20000 {
		e := r.IntN(eps)
		n := len(s.sittings[e])
		switch op := r.IntN(10); {
		case op < 4 || n == 0:
			// Starts over several days, some the same, some a multiple of
			// the filter's size apart (the same slot).
			t0 := r.IntN(5)*minutesPerDay + 480 + 5*r.IntN(100) + r.IntN(2)*sittingStartSlots
			s.sittingNew(e, sitting{segs: []ival{{t0, t0 + 30}}, jury: r.IntN(3), count: 1})
		case op < 6:
			s.sittingJoin(e, r.IntN(n))
		case op < 8:
			s.sittingLeave(e, r.IntN(n))
		case op == 8:
			marks = append(marks, s.mark())
		case len(marks) > 0:
			s.rollback(marks[len(marks)-1])
			marks = marks[:len(marks)-1]
		}
		check(fmt.Sprintf("step %d", step))
	}
	s.rollback(0)
	check("after the whole rollback")
	for e := range s.sittings {
		if len(s.sittings[e]) != 0 || s.starts[e] != [sittingStartSlots]uint16{} {
			t.Fatalf("épreuve %d: sittings or starts left after rolling everything back", e)
		}
	}
}
