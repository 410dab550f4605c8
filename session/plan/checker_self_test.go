package plan_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// TestCheckerCatchesBrokenPlans makes sure the checker is not a test that
// cannot fail: each mutation of a valid plan breaks a rule it must see.
func TestCheckerCatchesBrokenPlans(t *testing.T) {
	in := loadSample(t, "CDA-N12-tight-H420-typical.min_juries.json")
	in.Jury.MemberDayFee = decimal.NewNullDecimal(decimal.RequireFromString("180"))
	good, err := plan.Compute(in)
	require.NoError(t, err)
	require.Empty(t, check(in, good))

	index := func(p plan.Plan, candidate int, what string) int {
		for i, it := range p.Items {
			if it.Candidate == candidate && (it.Epreuve == what && it.Task == "" || string(it.Task) == what) {
				return i
			}
		}
		t.Fatalf("no %s for candidate %d", what, candidate)
		return -1
	}
	shift := func(it *plan.Item, minutes int) {
		for k := range it.Segments {
			it.Segments[k].Start += hm(0, minutes)
			it.Segments[k].End += hm(0, minutes)
		}
	}
	tests := []struct {
		name   string
		mutate func(in *plan.Input, p *plan.Plan)
	}{
		{"an épreuve left out", func(_ *plan.Input, p *plan.Plan) {
			i := index(*p, 3, "ET")
			p.Items = append(p.Items[:i], p.Items[i+1:]...)
		}},
		{"accueil not right before the first exclusive épreuve", func(_ *plan.Input, p *plan.Plan) { shift(&p.Items[index(*p, 2, "accueil")], -1) }},
		{"two juries for one candidate", func(_ *plan.Input, p *plan.Plan) {
			it := &p.Items[index(*p, 1, "EF")]
			it.Jury = 3 - it.Jury
		}},
		{"outside every block", func(_ *plan.Input, p *plan.Plan) {
			it := &p.Items[index(*p, 4, "QP")]
			it.Segments[0].Start, it.Segments[0].End = hm(12, 40), hm(13, 10)
		}},
		{"one unit for two candidates at once", func(_ *plan.Input, p *plan.Plan) {
			a, b := p.Items[index(*p, 1, "QP")], &p.Items[index(*p, 2, "QP")]
			b.Units, b.Segments = a.Units, a.Segments
		}},
		{"deliberation on another day", func(_ *plan.Input, p *plan.Plan) {
			p.Items[index(*p, 5, "deliberation")].Segments[0].Day++
		}},
		{"overlapping the opening", func(_ *plan.Input, p *plan.Plan) {
			it := &p.Items[index(*p, 1, "QP")]
			it.Segments[0].Start, it.Segments[0].End = hm(8, 30), hm(9, 0)
		}},
		{"a day missing from the list", func(_ *plan.Input, p *plan.Plan) { p.Days = p.Days[:len(p.Days)-1] }},
		{"an idle jury counted", func(_ *plan.Input, p *plan.Plan) { p.Juries++; p.Members += 2 }},
		{"over the day budget", func(in *plan.Input, _ *plan.Plan) { in.Jury.MemberDayMin = 300 }},
		{"last épreuve not last", func(_ *plan.Input, p *plan.Plan) {
			ef, et := &p.Items[index(*p, 6, "EF")], p.Items[index(*p, 6, "ET")]
			ef.Segments = []plan.Segment{{Day: et.Segments[0].Day, Start: et.Segments[0].Start - 20, End: et.Segments[0].Start}}
		}},
		{"a gap in a no_wait", func(_ *plan.Input, p *plan.Plan) { shift(&p.Items[index(*p, 7, "ET")], 1) }},
		{"a correction after the jury meets the candidate", func(_ *plan.Input, p *plan.Plan) {
			acc := p.Items[index(*p, 8, "accueil")]
			corr := &p.Items[index(*p, 8, "correction")]
			corr.Segments[0] = plan.Segment{Day: acc.Segments[0].Day, Start: acc.Segments[0].End, End: acc.Segments[0].End + 10}
		}},
		{"a wrong cost", func(_ *plan.Input, p *plan.Plan) { p.MemberDays++ }},
		{"a hidden task of the wrong length", func(_ *plan.Input, p *plan.Plan) { p.Items[index(*p, 9, "reading")].Segments[0].End++ }},
		{"a closure before a task", func(_ *plan.Input, p *plan.Plan) {
			for i, it := range p.Items {
				if it.Task == plan.TaskClosure {
					p.Items[i].Segments[0] = plan.Segment{Day: 1, Start: hm(9, 30), End: hm(10, 0)}
				}
			}
		}},
		{"a unit of the wrong type", func(_ *plan.Input, p *plan.Plan) { p.Items[index(*p, 10, "QP")].Units = []string{"salle_entretien#1"} }},
		{"too many days", func(in *plan.Input, _ *plan.Plan) { in.Calendar.MaxDays = 2 }},
		{"a correction of an épreuve the jury does not correct", func(_ *plan.Input, p *plan.Plan) {
			p.Items[index(*p, 11, "correction")].Epreuve = "PROJ"
		}},
		{"a plan that beats its own bound", func(_ *plan.Input, p *plan.Plan) { p.LowerBounds.Juries++ }},
		{"a gap on a plan that meets its bounds", func(_ *plan.Input, p *plan.Plan) {
			p.Gap = &plan.Gap{Days: 1, Reason: "made up"}
		}},
		{"a plan that misses its bounds without a gap", func(_ *plan.Input, p *plan.Plan) { p.LowerBounds.Days-- }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in2, p := in.Clone(), good.Clone()
			tt.mutate(&in2, &p)
			assert.NotEmpty(t, checkAnswer(in2, p))
		})
	}
}
