package plan_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// TestScheduleHoldsEveryItemOnce plans every sample at several sizes and
// checks that the schedule is the plan, day by day, and nothing else: every
// segment of every épreuve is once in its candidate's agenda and, with a
// jury, once in the jury's (an observed sitting once for all its
// candidates); every hidden task once in its jury's; every accueil also in
// its candidate's; each agenda in order of start time, the agendas by
// number.
func TestScheduleHoldsEveryItemOnce(t *testing.T) {
	for _, name := range sampleNames(t) {
		for _, n := range []int{1, 3, 8, 12} {
			t.Run(fmt.Sprintf("%s/%d", name, n), func(t *testing.T) {
				in := loadSample(t, name)
				in.Candidates = n
				in.Calendar.MaxDays = 30
				p, err := plan.Compute(in)
				require.NoError(t, err)
				require.True(t, p.Feasible, p.Reason)
				s := plan.NewSchedule(in, p)
				checkSchedule(t, in, p, s)
			})
		}
	}
}

// key is one line an item's segment must give in an agenda.
type key struct {
	jury      bool // in a jury's agenda, else a candidate's
	number    int
	day       int
	start     int
	what      string
	candidate int
}

func checkSchedule(t *testing.T, in plan.Input, p plan.Plan, s plan.Schedule) {
	t.Helper()
	assert.Equal(t, in.Title, s.Title)
	assert.Equal(t, in.Candidates, s.Candidates)
	assert.Equal(t, p.Juries, s.Juries)
	assert.Equal(t, p.Members, s.Members)
	assert.Equal(t, in.Jury.MembersPerJury, s.MembersPerJury)
	require.Len(t, s.Days, len(p.Days))

	observed := map[string]bool{}
	labels := map[string]string{}
	for _, e := range in.Epreuves {
		observed[e.ID] = e.Jury == plan.Observe
		labels[e.ID] = e.Label
	}
	want := map[key]int{}
	for _, it := range p.Items {
		what := string(it.Task) + it.Epreuve
		for _, sg := range it.Segments {
			switch {
			case it.Task != "":
				want[key{true, it.Jury, sg.Day, int(sg.Start), what, it.Candidate}]++
				if it.Task == plan.TaskAccueil {
					want[key{false, it.Candidate, sg.Day, int(sg.Start), what, it.Candidate}]++
				}
			default:
				want[key{false, it.Candidate, sg.Day, int(sg.Start), what, it.Candidate}]++
				if it.Jury > 0 {
					want[key{true, it.Jury, sg.Day, int(sg.Start), what, it.Candidate}]++
				}
			}
		}
	}
	got := map[key]int{}
	for i, d := range s.Days {
		assert.Equal(t, i+1, d.Number)
		assert.Equal(t, p.Days[i], d.Date)
		if p.Opening != nil && p.Opening.Day == d.Number {
			require.NotNil(t, d.Opening)
			assert.Equal(t, p.Opening.Start, d.Opening.Start)
		} else {
			assert.Nil(t, d.Opening)
		}
		for _, side := range []struct {
			jury     bool
			agendas  []plan.Agenda
			ordering string
		}{{true, d.Juries, "juries"}, {false, d.Candidates, "candidates"}} {
			assert.True(t, slices.IsSortedFunc(side.agendas, func(a, b plan.Agenda) int { return a.Number - b.Number }), side.ordering)
			for _, a := range side.agendas {
				assert.True(t, slices.IsSortedFunc(a.Entries, func(x, y plan.Entry) int { return int(x.Start - y.Start) }), "agenda %d", a.Number)
				for _, e := range a.Entries {
					assert.Equal(t, d.Number, e.Day)
					assert.Less(t, e.Start, e.End)
					if e.Task == "" {
						assert.Equal(t, labels[e.Epreuve], e.Label)
						assert.Equal(t, side.jury && observed[e.Epreuve] && e.Jury > 0, e.Observed)
						assert.Equal(t, e.Parts > 0, e.Part > 0)
						assert.LessOrEqual(t, e.Part, e.Parts)
					}
					if !side.jury {
						assert.Equal(t, []int{a.Number}, e.Candidates)
					} else {
						assert.Equal(t, a.Number, e.Jury)
						assert.Empty(t, e.Units, "a jury's line names no station")
					}
					cands := e.Candidates
					if len(cands) == 0 {
						cands = []int{0}
					}
					for _, c := range cands {
						got[key{side.jury, a.Number, d.Number, int(e.Start), string(e.Task) + e.Epreuve, c}]++
					}
				}
			}
		}
	}
	assert.Equal(t, want, got)
}

func TestScheduleOfAnInfeasiblePlan(t *testing.T) {
	in := tiny(10, ep("A", 240, plan.NoJury, "poste"))
	in.Calendar.MaxDays = 4
	p, err := plan.Compute(in)
	require.NoError(t, err)
	require.False(t, p.Feasible)
	s := plan.NewSchedule(in, p)
	assert.False(t, s.Feasible)
	assert.Equal(t, p.Reason, s.Reason)
	assert.Empty(t, s.Days)
}

// TestScheduleGathersAnObservedSitting: candidates observed together are
// one entry of the jury's agenda, naming them all.
func TestScheduleGathersAnObservedSitting(t *testing.T) {
	in := loadSample(t, "MAV-N12-tight-H420-typical.min_juries.json")
	p, err := plan.Compute(in)
	require.NoError(t, err)
	s := plan.NewSchedule(in, p)
	most := 0
	for _, d := range s.Days {
		for _, a := range d.Juries {
			for _, e := range a.Entries {
				if e.Observed {
					most = max(most, len(e.Candidates))
				}
			}
		}
	}
	assert.Greater(t, most, 1, "no sitting gathers several candidates")
}
