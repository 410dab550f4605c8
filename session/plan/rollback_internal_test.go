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
