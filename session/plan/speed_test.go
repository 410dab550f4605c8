package plan_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/tpsession/tpsession/session/plan"
)

var reportHashes = flag.String("report.hashes", "", "write a hash of every plan of the population report into this file")

// writeHashes writes, for each outcome, one line: the input, a hash of
// its plan's JSON and proof, the plan's CPU time in milliseconds and the
// search's steps. Two runs of the population report that must give the
// same plans (a change that makes the planner faster, say) compare with
// diff on the first four columns:
//
//	GOMAXPROCS=1 go test ./session/plan -run TestPopulationReport -v -timeout 2h \
//	  -args -report -report.count 250 -report.heldout -report.hashes /tmp/before.txt
//	diff <(cut -d' ' -f1-4 /tmp/before.txt) <(cut -d' ' -f1-4 /tmp/after.txt)
//
// The steps are the same on any machine and under any load: two runs
// compare their work with them where the times of a shared machine vary,
// and the time of a step (CPU time over steps) compares the cost of one.
func writeHashes(path string, outs []outcome) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, o := range outs {
		h := sha256.New()
		if len(o.errs) > 0 && !o.p.Feasible && o.p.Reason == "" {
			fmt.Fprintf(h, "error %s", o.errs[0])
		} else {
			data, err := json.Marshal(o.p)
			if err != nil {
				f.Close()
				return err
			}
			h.Write(data)
			fmt.Fprintf(h, "proved %v", o.p.Proved)
		}
		fmt.Fprintf(w, "%s %d %s %x %.1f %d\n", o.c.id, o.c.in.Candidates, o.c.in.Objective, h.Sum(nil)[:8], float64(o.elapsed)/float64(time.Millisecond), o.steps)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var benchSized = flag.Int("bench.sized", 20, "inputs per family at 100 candidates in BenchmarkPopulation100")

// BenchmarkPopulation100 plans the population report's first inputs of
// each family at 100 candidates (development seeds), the size where the
// planner is slowest: one iteration plans them all. With -cpuprofile it
// shows where the time goes:
//
//	GOMAXPROCS=1 go test ./session/plan -run '^$' -bench Population100 -benchtime 1x -cpuprofile /tmp/cpu.out
func BenchmarkPopulation100(b *testing.B) {
	var cases []genCase
	for _, f := range []family{familyReferentiel, familyComposed} {
		for i := range *benchSized {
			cases = append(cases, generateSized(f, 1+uint64(i), 100))
		}
	}
	var cpu time.Duration // the process's CPU time: other processes do not count
	steps := 0            // the search's work, the same under any load
	for b.Loop() {
		start := cpuTime()
		for _, c := range cases {
			_, n, err := plan.ComputeSteps(c.in)
			if err != nil {
				b.Fatal(err)
			}
			steps += n
		}
		cpu += cpuTime() - start
	}
	plans := float64(b.N * len(cases))
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/plans, "cpu-ms/plan")
	b.ReportMetric(float64(steps)/plans, "steps/plan")
	b.ReportMetric(float64(cpu)/float64(steps), "cpu-ns/step")
}
