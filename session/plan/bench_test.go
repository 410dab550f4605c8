package plan_test

import (
	"strings"
	"testing"

	"github.com/tpsession/tpsession/session/plan"
)

// BenchmarkPlan plans each sample, and 100-candidate sessions built from
// them, with both objectives. It reports the plan and its bounds:
//
//	go test ./session/plan -run '^$' -bench . -benchtime 10x
func BenchmarkPlan(b *testing.B) {
	type input struct {
		name string
		in   plan.Input
	}
	var inputs []input
	for _, name := range sampleNames(b) {
		inputs = append(inputs, input{name, loadSample(b, name)})
	}
	for _, name := range []string{"CDA-N12-tight-H420-typical.min_juries.json", "DWWM-N30-tight-H420-typical.min_days.json"} {
		in := loadSample(b, name)
		in.Candidates, in.Calendar.MaxDays, in.Jury.MaxJuries = 100, 60, 20
		in.Objective = plan.MinDays
		inputs = append(inputs, input{strings.SplitN(name, "-", 2)[0] + "-N100.min_days", in})
		in = in.Clone()
		in.Objective, in.Calendar.MaxDays = plan.MinJuries, 15
		inputs = append(inputs, input{strings.SplitN(name, "-", 2)[0] + "-N100-15days.min_juries", in})
	}
	for _, tt := range inputs {
		b.Run(tt.name, func(b *testing.B) {
			var p plan.Plan
			for b.Loop() {
				var err error
				if p, err = plan.Compute(tt.in); err != nil {
					b.Fatal(err)
				}
			}
			if !p.Feasible {
				b.Fatalf("no plan: %s", p.Reason)
			}
			b.ReportMetric(float64(len(p.Days)), "days")
			b.ReportMetric(float64(p.Juries), "juries")
			b.ReportMetric(float64(p.LowerBounds.Days), "lb-days")
			b.ReportMetric(float64(p.LowerBounds.Juries), "lb-juries")
		})
	}
}
