package plan

import (
	"reflect"
	"slices"
	"testing"
)

type stateCopy struct {
	juries   []juryState
	units    [][][]use
	sittings [][]sitting
	starts   sittingStarts
	plans    [][]placed
	closed   bool
	days     int
	horizon  int
}

func (s *search) copyState() stateCopy {
	c := stateCopy{closed: s.closed, days: s.days, horizon: s.horizon, plans: slices.Clone(s.plans), starts: slices.Clone(s.starts)}
	for _, js := range s.juries {
		js.busy = slices.Clone(js.busy)
		js.load = slices.Clone(js.load)
		c.juries = append(c.juries, js)
	}
	for _, t := range s.units {
		var tt [][]use
		for _, u := range t {
			if len(u) == 0 {
				u = nil // an emptied list is as good as none
			}
			tt = append(tt, slices.Clone(u))
		}
		c.units = append(c.units, tt)
	}
	for _, st := range s.sittings {
		if len(st) == 0 {
			st = nil
		}
		c.sittings = append(c.sittings, slices.Clone(st))
	}
	return c
}

func TestRollbackRestoresTheState(t *testing.T) {
	for _, m := range samplesModels(t, 30) {
		s := newSearch(m, newBounds(m), searchParams{budgetMs: 200})
		sol := s.firstPlan(m.in.Jury.MaxJuries, m.maxDays, false)
		if sol == nil {
			continue
		}
		s.install(sol)
		before := s.copyState()
		for i := 0; i < 5; i++ {
			mark := s.mark()
			s.squeezeDays(s.days - 1)
			s.rollback(mark)
			if after := s.copyState(); !reflect.DeepEqual(before, after) {
				for j := range before.juries {
					if !reflect.DeepEqual(before.juries[j], after.juries[j]) {
						t.Logf("jury %d: %+v\n%+v", j, before.juries[j], after.juries[j])
					}
				}
				t.Logf("closed %v %v days %d %d horizon %d %d units %v sittings %v starts %v plans %v", before.closed, after.closed, before.days, after.days, before.horizon, after.horizon,
					reflect.DeepEqual(before.units, after.units), reflect.DeepEqual(before.sittings, after.sittings), reflect.DeepEqual(before.starts, after.starts), reflect.DeepEqual(before.plans, after.plans))
				t.Fatalf("%s: rollback after squeezeDays changed the state", m.in.Title.Name)
			}
			mark = s.mark()
			if w := s.workingJuries(); len(w) > 0 {
				s.squeezeJury(w[0])
			}
			s.rollback(mark)
			if after := s.copyState(); !reflect.DeepEqual(before, after) {
				t.Fatalf("%s: rollback after squeezeJury changed the state", m.in.Title.Name)
			}
		}
	}
}

// TestCandRollbackGivesBackTheStation: units a candidate took for a
// station group after a mark are given back by the rollback to it, so that
// the group's next try may choose other units; those taken before it stay.
func TestCandRollbackGivesBackTheStation(t *testing.T) {
	tested := 0
	for _, m := range samplesModels(t, 12) {
		var group []int // the épreuves of one station group, in the first order
		for _, e := range m.orders[0] {
			if st := m.eps[e].station; st >= 0 && (len(group) == 0 || m.eps[group[0]].station == st) {
				group = append(group, e)
			}
		}
		if len(group) == 0 {
			continue
		}
		tested++
		s := newSearch(m, newBounds(m), searchParams{budgetMs: 200})
		s.reset(m.in.Jury.MaxJuries, m.maxDays)
		cx := s.newCandCtx(0, m.orders[0], 0)
		placeFirst := func(e int) {
			t.Helper()
			for at := 0; at < s.horizon*minutesPerDay; at++ {
				if ok, _ := s.tryAt(cx, e, at, 0); ok {
					return
				}
			}
			t.Fatalf("%s: épreuve %d placed nowhere", m.in.Title.Name, e)
		}
		mk := s.candMark(cx)
		placeFirst(group[0])
		held := cx.station[m.eps[group[0]].station]
		if held == nil {
			t.Fatalf("%s: the station group holds no units after its first épreuve", m.in.Title.Name)
		}
		if len(group) > 1 {
			inner := s.candMark(cx)
			placeFirst(group[1])
			s.candRollback(cx, inner)
			if got := cx.station[m.eps[group[0]].station]; !reflect.DeepEqual(got, held) {
				t.Fatalf("%s: a rollback past the group's second épreuve changed its units: %v, want %v", m.in.Title.Name, got, held)
			}
		}
		s.candRollback(cx, mk)
		if len(cx.station) != 0 || len(cx.stations) != 0 {
			t.Fatalf("%s: the rollback kept the station's units %v", m.in.Title.Name, cx.station)
		}
	}
	if tested == 0 {
		t.Fatal("no sample has a station group")
	}
}
