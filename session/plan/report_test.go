package plan_test

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tpsession/tpsession/session/plan"
)

// outcome is the planner's and the naive schedule's answers on one
// generated input, judged.
type outcome struct {
	c       genCase
	p, nv   plan.Plan
	elapsed time.Duration
	// steps is the search's work: its steps, which the machine's load does
	// not change (the elapsed time does).
	steps int
	// errs are the checker's findings on the plan, naiveErrs on the naive
	// schedule's.
	errs, naiveErrs []string
	// gap is the plan's primary measure less its primary lower bound
	// (days for min_days, juries for min_juries), when it is feasible.
	gap int
	// worse says how the plan falls below the naive schedule, if it does.
	worse string
}

// primary returns a feasible plan's primary and secondary measures.
func primary(in plan.Input, p plan.Plan) (int, int) {
	if in.Objective == plan.MinJuries {
		return p.Juries, len(p.Days)
	}
	return len(p.Days), p.Juries
}

func primaryBound(in plan.Input, lb plan.LowerBounds) int {
	if in.Objective == plan.MinJuries {
		return lb.Juries
	}
	return lb.Days
}

// evaluate plans c with the planner and the naive schedule and judges
// both.
func evaluate(c genCase, opts ...plan.Option) outcome {
	o := outcome{c: c}
	start := cpuTime()
	p, steps, err := plan.ComputeSteps(c.in, opts...)
	o.elapsed, o.steps = cpuTime()-start, steps
	if err != nil {
		o.errs = []string{err.Error()}
		return o
	}
	o.p = p
	o.errs = checkAnswer(c.in, p)
	o.nv = naiveSchedule(c.in)
	o.naiveErrs = check(c.in, o.nv)
	if p.Feasible {
		a, _ := primary(c.in, p)
		o.gap = a - primaryBound(c.in, p.LowerBounds)
	}
	if msg := beatsBounds(c.in, o.nv, p.LowerBounds); msg != "" {
		o.errs = append(o.errs, "the lower bounds are wrong: "+msg)
	}
	switch {
	case o.nv.Feasible && !p.Feasible:
		o.worse = "no plan, where the naive schedule finds one"
	case o.nv.Feasible:
		a1, a2 := primary(c.in, p)
		b1, b2 := primary(c.in, o.nv)
		if a1 > b1 || a1 == b1 && a2 > b2 {
			o.worse = fmt.Sprintf("%d/%d where the naive schedule has %d/%d", a1, a2, b1, b2)
		}
	}
	return o
}

// beatsBounds says how a valid plan q (the naive schedule's) beats the
// planner's lower bounds lb, which would prove a bound wrong: q's primary
// measure below the primary bound, or equal to it with its secondary
// measure below the secondary bound (which holds for plans that meet the
// primary one). "" when q is no plan or obeys them.
func beatsBounds(in plan.Input, q plan.Plan, lb plan.LowerBounds) string {
	if !q.Feasible {
		return ""
	}
	a1, a2 := primary(in, q)
	b1, b2 := lb.Days, lb.Juries
	if in.Objective == plan.MinJuries {
		b1, b2 = lb.Juries, lb.Days
	}
	if a1 < b1 || a1 == b1 && a2 < b2 {
		return fmt.Sprintf("the naive schedule's %d days and %d juries beat the bounds of %d days and %d juries", len(q.Days), q.Juries, lb.Days, lb.Juries)
	}
	return ""
}

// population generates count inputs of family f from seed from on.
func population(f family, from uint64, count int) []genCase {
	out := make([]genCase, count)
	for i := range out {
		out[i] = generate(f, from+uint64(i))
	}
	return out
}

var (
	reportFlag   = flag.Bool("report", false, "print the population report (see docs/planner-measurements.md)")
	reportCount  = flag.Int("report.count", 250, "inputs per family and seed range in the population report")
	reportHeld   = flag.Bool("report.heldout", false, "also report on the held-out seeds")
	reportWrite  = flag.String("report.write", "", "write the report into this markdown file, between its report markers")
	reportDetail = flag.Bool("report.detail", false, "list every input that misses its bound or falls below the naive schedule")
	reportBudget = flag.Duration("report.budget", 0, "the search's budget (default: plan.DefaultBudget)")
	reportLimit  = flag.Bool("report.daylimit", true, "plan the min_days inputs again with max_days at their answer's days (min_juries and min_days)")
)

// reportOptions are the planner's options in the report.
func reportOptions() []plan.Option {
	if *reportBudget > 0 {
		return []plan.Option{plan.WithBudget(*reportBudget)}
	}
	return nil
}

// TestPopulationReport prints the population report: over generated
// inputs of both families, the share of plans meeting the primary bound,
// the distribution of the gap, the unproved "no plan" answers, the inputs
// where the plan falls below the naive schedule, and the time per plan.
// It is a command, not a test of speed: it asserts nothing.
//
//	go test ./session/plan -run TestPopulationReport -v -args -report -report.heldout
func TestPopulationReport(t *testing.T) {
	if !*reportFlag {
		t.Skip("run with -args -report")
	}
	var out strings.Builder
	type run struct {
		name string
		f    family
		from uint64
	}
	runs := []run{{"referentiel, development seeds", familyReferentiel, 1}, {"composed, development seeds", familyComposed, 1}}
	if *reportHeld {
		runs = append(runs, run{"referentiel, held-out seeds", familyReferentiel, heldOutSeeds}, run{"composed, held-out seeds", familyComposed, heldOutSeeds})
	}
	fmt.Fprint(&out, reportHeader)
	var all, sized []outcome
	var limitRows []string
	for _, r := range runs {
		var outs []outcome
		for _, c := range population(r.f, r.from, *reportCount) {
			outs = append(outs, evaluate(c, reportOptions()...))
		}
		all = append(all, outs...)
		fmt.Fprintln(&out, summaryRow(r.name, outs))
		if *reportLimit {
			limitRows = append(limitRows, dayLimitRow(r.name, outs))
		}
	}
	if *reportLimit {
		fmt.Fprintf(&out, "\nThe min_days plans asked again with max_days at their days, for min_juries and for min_days (each should find a plan: the first answer is one):\n\n")
		fmt.Fprint(&out, dayLimitHeader+strings.Join(limitRows, "\n")+"\n")
	}
	fmt.Fprintf(&out, "\nAt 100 candidates (the same seeds, drawn at that size):\n\n")
	fmt.Fprint(&out, reportHeader)
	for _, r := range runs {
		var outs []outcome
		for i := range *reportCount / 3 {
			outs = append(outs, evaluate(generateSized(r.f, r.from+uint64(i), 100), reportOptions()...))
		}
		sized = append(sized, outs...)
		fmt.Fprintln(&out, summaryRow(r.name, outs))
	}
	tables := out.String() // what -report.write keeps: the detail is for the reader of the run
	if *reportDetail {
		fmt.Fprintf(&out, "\nInputs missing the bound or below the naive schedule:\n\n")
		for _, o := range all {
			if len(o.errs) > 0 || o.worse != "" || o.p.Feasible && o.gap > 0 || !o.p.Feasible && !o.p.Proved {
				fmt.Fprintf(&out, "- %s N=%d %s: %s\n", o.c.id, o.c.in.Candidates, o.c.in.Objective, describe(o))
			}
		}
	}
	fmt.Print(out.String())
	if *reportHashes != "" {
		if err := writeHashes(*reportHashes, append(all, sized...)); err != nil {
			t.Fatal(err)
		}
	}
	if *reportWrite != "" {
		if err := writeBetweenMarkers(*reportWrite, tables); err != nil {
			t.Fatal(err)
		}
	}
}

func describe(o outcome) string {
	var parts []string
	if len(o.errs) > 0 {
		parts = append(parts, fmt.Sprintf("INVALID (%s)", o.errs[0]))
	}
	if o.p.Feasible {
		parts = append(parts, fmt.Sprintf("%d days, %d juries; bounds %d days, %d juries", len(o.p.Days), o.p.Juries, o.p.LowerBounds.Days, o.p.LowerBounds.Juries))
	} else {
		parts = append(parts, fmt.Sprintf("no plan (proved %v): %s", o.p.Proved, o.p.Reason))
	}
	if o.nv.Feasible {
		parts = append(parts, fmt.Sprintf("naive %d days, %d juries", len(o.nv.Days), o.nv.Juries))
	}
	if o.worse != "" {
		parts = append(parts, "BELOW NAIVE: "+o.worse)
	}
	if o.c.infeasible != "" {
		parts = append(parts, "infeasible by construction: "+o.c.infeasible)
	}
	parts = append(parts, o.elapsed.Round(time.Millisecond).String())
	return strings.Join(parts, "; ")
}

// reportHeader heads the report's tables: the gap in the primary measure
// is counted at +1, +2 to +5 and +6 or more, with the worst.
const reportHeader = "| population | inputs | valid plans | bound met | +1 | +2 to +5 | +6 or more | worst | no plan: proved / unproved / unproved where naive finds one | below naive | naive: bound met | time p50 / p90 / p99 / max |\n" +
	"|---|---|---|---|---|---|---|---|---|---|---|---|\n"

func summaryRow(name string, outs []outcome) string {
	var valid, feasible, met, one, some, many, worst, proved, unproved, unprovedNaive, below, naiveFeasible, naiveMet int
	var times []time.Duration
	for _, o := range outs {
		times = append(times, o.elapsed)
		if len(o.errs) == 0 {
			valid++
		}
		if o.worse != "" {
			below++
		}
		if o.nv.Feasible {
			naiveFeasible++
			if o.p.Feasible {
				b := primaryBound(o.c.in, o.p.LowerBounds)
				if a, _ := primary(o.c.in, o.nv); a <= b {
					naiveMet++
				}
			}
		}
		switch {
		case o.p.Feasible:
			feasible++
			worst = max(worst, o.gap)
			switch {
			case o.gap <= 0:
				met++
			case o.gap == 1:
				one++
			case o.gap <= 5:
				some++
			default:
				many++
			}
		case o.p.Proved:
			proved++
		default:
			unproved++
			if o.nv.Feasible {
				unprovedNaive++
			}
		}
	}
	slices.Sort(times)
	pct := func(q float64) string {
		if len(times) == 0 {
			return "–"
		}
		return fmtDuration(times[min(len(times)-1, int(q*float64(len(times))))])
	}
	share := func(k, n int) string {
		if n == 0 {
			return "–"
		}
		return fmt.Sprintf("%d / %d (%.1f %%)", k, n, 100*float64(k)/float64(n))
	}
	return fmt.Sprintf("| %s | %d | %d | %s | %d | %d | %d | +%d | %d / %d / %d | %d | %s | %s / %s / %s / %s |",
		name, len(outs), valid, share(met, feasible), one, some, many, worst, proved, unproved, unprovedNaive, below,
		share(naiveMet, feasible), pct(0.5), pct(0.9), pct(0.99), pct(1))
}

func fmtDuration(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return d.Round(time.Millisecond).String()
}

// cpuTime is the CPU time the process has used: the time a plan takes
// on one core, whatever else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const (
	reportBegin = "<!-- population report: begin -->"
	reportEnd   = "<!-- population report: end -->"
)

// writeBetweenMarkers replaces what lies between the report markers of
// the markdown file with text.
func writeBetweenMarkers(path, text string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return err
	}
	s := string(data)
	i, j := strings.Index(s, reportBegin), strings.Index(s, reportEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q … %q markers", path, reportBegin, reportEnd)
	}
	s = s[:i+len(reportBegin)] + "\n" + text + "\n" + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
