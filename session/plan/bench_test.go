package plan_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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

var gaps = flag.Bool("gaps", false, "print the gap between plans and bounds over the samples at several sizes")

// TestGapReport prints, for each sample at 6 to 100 candidates and both
// objectives, the plan, its bounds and the gap; it asserts only validity.
//
//	go test ./session/plan -run TestGapReport -gaps -v
func TestGapReport(t *testing.T) {
	if !*gaps {
		t.Skip("run with -gaps")
	}
	fmt.Printf("| input | objective | days | juries | bound days | bound juries | gap | time |\n|---|---|---|---|---|---|---|---|\n")
	for _, name := range sampleNames(t) {
		for _, n := range []int{6, 12, 20, 30, 50, 100} {
			for _, obj := range []plan.Objective{plan.MinJuries, plan.MinDays} {
				in := loadSample(t, name)
				in.Candidates, in.Objective = n, obj
				in.Jury.MaxJuries = max(in.Jury.MaxJuries, 2)
				if obj == plan.MinDays {
					in.Calendar.MaxDays = 60
					in.Jury.MaxJuries = 2
				} else {
					in.Calendar.MaxDays = max(in.Calendar.MaxDays, (n+3)/4)
					in.Jury.MaxJuries = 20
				}
				start := time.Now()
				p, err := plan.Compute(in)
				elapsed := time.Since(start)
				require.NoError(t, err)
				requireValid(t, in, p)
				title := strings.SplitN(name, "-", 2)[0]
				if !p.Feasible {
					fmt.Printf("| %s N=%d (max %d days, %d juries) | %s | – | – | %d | %d | %s | %v |\n", title, n, in.Calendar.MaxDays, in.Jury.MaxJuries, obj, p.LowerBounds.Days, p.LowerBounds.Juries, map[bool]string{true: "infeasible (proved)", false: "no plan found"}[p.Proved], elapsed.Round(time.Millisecond))
					continue
				}
				gap := fmt.Sprintf("+%d day(s)", len(p.Days)-p.LowerBounds.Days)
				if obj == plan.MinJuries {
					gap = fmt.Sprintf("+%d jury, +%d day(s)", p.Juries-p.LowerBounds.Juries, len(p.Days)-p.LowerBounds.Days)
				}
				fmt.Printf("| %s N=%d (max %d days, %d juries) | %s | %d | %d | %d | %d | %s | %v |\n", title, n, in.Calendar.MaxDays, in.Jury.MaxJuries, obj, len(p.Days), p.Juries, p.LowerBounds.Days, p.LowerBounds.Juries, gap, elapsed.Round(time.Millisecond))
			}
		}
	}
}
