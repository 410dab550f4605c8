package plan_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// check replays a plan item by item against every rule of
// docs/planning.md#the-model and #output, written from the specification alone (it shares nothing with the
// planner but the wire types), and returns the violations found.
func check(in plan.Input, p plan.Plan) []string {
	c := &checker{in: in, p: p}
	c.run()
	return c.errs
}

// requireValid fails the test with every violation of the plan.
func requireValid(t testing.TB, in plan.Input, p plan.Plan) {
	t.Helper()
	if errs := check(in, p); len(errs) > 0 {
		if len(errs) > 20 {
			errs = append(errs[:20], fmt.Sprintf("… and %d more", len(errs)-20))
		}
		t.Fatalf("the plan breaks the rules:\n  %s", strings.Join(errs, "\n  "))
	}
}

type checker struct {
	in   plan.Input
	p    plan.Plan
	errs []string
}

func (c *checker) fail(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

// span is an interval of absolute minutes: (day-1)×1440 + minute.
type span struct{ s, e int }

func abs(day int, t tpsession.TimeOfDay) int { return (day-1)*1440 + int(t) }

func segSpan(sg plan.Segment) span { return span{abs(sg.Day, sg.Start), abs(sg.Day, sg.End)} }

func itemSpan(it plan.Item) span {
	return span{segSpan(it.Segments[0]).s, segSpan(it.Segments[len(it.Segments)-1]).e}
}

func overlaps(a, b span) bool { return a.s < b.e && b.s < a.e }

// endDay is the day of an item's last segment.
func endDay(it plan.Item) int { return it.Segments[len(it.Segments)-1].Day }

func (c *checker) run() {
	in, p := c.in, c.p
	if !p.Feasible {
		if len(p.Items) > 0 || p.Reason == "" {
			c.fail("an infeasible answer has a reason and no items")
		}
		return
	}
	eps := map[string]plan.Epreuve{}
	for _, e := range in.Epreuves {
		eps[e.ID] = e
	}
	h := in.Hidden
	blocks := in.Calendar.Blocks
	K, N, D := p.Juries, in.Candidates, len(p.Days)

	// Days and calendar.
	if D < 1 || D > in.Calendar.MaxDays {
		c.fail("the plan uses %d days, the limit is %d", D, in.Calendar.MaxDays)
	}
	cal := tpsession.Calendar{Region: in.Calendar.Region}
	day := cal.OnOrAfter(in.Calendar.Start)
	for i, d := range p.Days {
		if d != day {
			c.fail("days[%d] is %s, working day %d is %s", i, d, i+1, day)
		}
		day = cal.Next(day)
	}
	if K > in.Jury.MaxJuries {
		c.fail("%d juries, the limit is %d", K, in.Jury.MaxJuries)
	}
	if p.Members != K*in.Jury.MembersPerJury {
		c.fail("members %d is not %d juries × %d", p.Members, K, in.Jury.MembersPerJury)
	}

	// The opening.
	var opening span
	if h.OpeningMin > 0 {
		want := plan.Opening{Day: 1, Start: blocks[0].Start, End: blocks[0].Start + tpsession.TimeOfDay(h.OpeningMin)}
		if p.Opening == nil || *p.Opening != want {
			c.fail("opening is %v, want %v", p.Opening, want)
		}
		opening = span{abs(1, want.Start), abs(1, want.End)}
	} else if p.Opening != nil {
		c.fail("an opening is given with opening_min 0")
	}

	lastDay := 1
	type candidate struct {
		epreuve  map[string]plan.Item
		tasks    map[plan.Task][]plan.Item
		busy     []span
		juries   map[int]bool
		unitsOf  map[string][]string
		exclSeen bool
	}
	cands := make([]candidate, N+1)
	for i := range cands {
		cands[i] = candidate{epreuve: map[string]plan.Item{}, tasks: map[plan.Task][]plan.Item{}, juries: map[int]bool{}, unitsOf: map[string][]string{}}
	}
	type juryTask struct {
		sp   span
		what string
	}
	juryTasks := make([][]juryTask, K+1)
	juryOwn := make([]map[plan.Task][]span, K+1)
	juryWorks := make([]bool, K+1)
	for j := range juryOwn {
		juryOwn[j] = map[plan.Task][]span{}
	}
	sittings := map[string][]int{} // jury|épreuve|segments → candidates
	type unitUse struct {
		sp   span
		cand int
		what string
	}
	unitUses := map[string][]unitUse{}

	for n, it := range p.Items {
		where := fmt.Sprintf("items[%d]", n)
		if len(it.Segments) == 0 {
			c.fail("%s has no segment", where)
			continue
		}
		// Segments lie inside blocks, on days of the plan, off the opening.
		for _, sg := range it.Segments {
			if sg.Day < 1 || sg.Day > D {
				c.fail("%s: day %d is outside the plan's %d days", where, sg.Day, D)
			}
			lastDay = max(lastDay, sg.Day)
			if sg.End <= sg.Start {
				c.fail("%s: a segment ends at %s, not after its start %s", where, sg.End, sg.Start)
			}
			if blockOf(blocks, sg) < 0 {
				c.fail("%s: %s–%s on day %d lies outside every block", where, sg.Start, sg.End, sg.Day)
			}
			if h.OpeningMin > 0 && overlaps(segSpan(sg), opening) {
				c.fail("%s overlaps the opening", where)
			}
		}
		if it.Jury < 0 || it.Jury > K {
			c.fail("%s: jury %d is not between 0 and %d", where, it.Jury, K)
			continue
		}
		switch {
		case it.Epreuve != "" && it.Task == "":
			e, ok := eps[it.Epreuve]
			if !ok || it.Candidate < 1 || it.Candidate > N {
				c.fail("%s: unknown épreuve %q or candidate %d", where, it.Epreuve, it.Candidate)
				continue
			}
			cd := &cands[it.Candidate]
			if _, dup := cd.epreuve[e.ID]; dup {
				c.fail("%s: candidate %d sits %s twice", where, it.Candidate, e.ID)
			}
			cd.epreuve[e.ID] = it
			c.checkSegments(where, e, it.Segments)
			for _, sg := range it.Segments {
				cd.busy = append(cd.busy, segSpan(sg))
			}
			switch e.Jury {
			case plan.NoJury:
				if it.Jury != 0 {
					c.fail("%s: %s has no jury but jury %d is given", where, e.ID, it.Jury)
				}
			case plan.Exclusive:
				if it.Jury == 0 {
					c.fail("%s: exclusive %s has no jury", where, e.ID)
					continue
				}
				cd.juries[it.Jury] = true
				juryWorks[it.Jury] = true
				for _, sg := range it.Segments {
					juryTasks[it.Jury] = append(juryTasks[it.Jury], juryTask{segSpan(sg), fmt.Sprintf("%s of candidate %d", e.ID, it.Candidate)})
				}
			case plan.Observe:
				if it.Jury == 0 {
					c.fail("%s: observed %s has no jury", where, e.ID)
					continue
				}
				juryWorks[it.Jury] = true
				key := fmt.Sprintf("%d|%s|%v", it.Jury, e.ID, it.Segments)
				if sittings[key] == nil {
					for _, sg := range it.Segments {
						juryTasks[it.Jury] = append(juryTasks[it.Jury], juryTask{segSpan(sg), "sitting of " + e.ID})
					}
				}
				sittings[key] = append(sittings[key], it.Candidate)
			}
			// Units: exactly the needs, named type#k within the capacity.
			count := map[string]int{}
			for _, u := range it.Units {
				typ, k, ok := strings.Cut(u, "#")
				idx, err := strconv.Atoi(k)
				if !ok || err != nil || idx < 1 || idx > in.Capacities[typ] {
					c.fail("%s: unit %q is not a unit of a resource type", where, u)
					continue
				}
				count[typ]++
				unitUses[u] = append(unitUses[u], unitUse{itemSpan(it), it.Candidate, where})
			}
			for _, r := range e.Resources {
				if count[r.Type] != r.Units {
					c.fail("%s: %s needs %d units of %s, got %d", where, e.ID, r.Units, r.Type, count[r.Type])
				}
			}
			if len(it.Units) != len(slices.Compact(slices.Sorted(slices.Values(it.Units)))) || len(count) != len(e.Resources) {
				c.fail("%s: units %v do not match the needs of %s", where, it.Units, e.ID)
			}
			cd.unitsOf[e.ID] = slices.Sorted(slices.Values(it.Units))
		case it.Task != "":
			if it.Jury < 1 {
				c.fail("%s: task %s has no jury", where, it.Task)
				continue
			}
			if len(it.Segments) != 1 {
				c.fail("%s: a hidden task is one segment", where)
			}
			sp := segSpan(it.Segments[0])
			minutes := map[plan.Task]int{plan.TaskBriefing: h.JuryBriefingMin, plan.TaskClosure: h.JuryClosureMin,
				plan.TaskAccueil: h.AccueilMin, plan.TaskReading: h.ReadingMin, plan.TaskCorrection: h.CorrectionMin,
				plan.TaskDeliberation: h.DeliberationMin}
			want, known := minutes[it.Task]
			if !known || want == 0 {
				c.fail("%s: unexpected task %q", where, it.Task)
				continue
			}
			if sp.e-sp.s != want {
				c.fail("%s: %s lasts %d minutes, want %d", where, it.Task, sp.e-sp.s, want)
			}
			juryTasks[it.Jury] = append(juryTasks[it.Jury], juryTask{sp, string(it.Task)})
			switch it.Task {
			case plan.TaskBriefing, plan.TaskClosure:
				if it.Candidate != 0 || it.Epreuve != "" {
					c.fail("%s: a %s belongs to no candidate", where, it.Task)
				}
				juryOwn[it.Jury][it.Task] = append(juryOwn[it.Jury][it.Task], sp)
			default:
				if it.Candidate < 1 || it.Candidate > N {
					c.fail("%s: %s of unknown candidate %d", where, it.Task, it.Candidate)
					continue
				}
				juryWorks[it.Jury] = true
				cd := &cands[it.Candidate]
				cd.tasks[it.Task] = append(cd.tasks[it.Task], it)
				cd.juries[it.Jury] = true
				if it.Task == plan.TaskAccueil {
					cd.busy = append(cd.busy, sp)
				}
				if (it.Task == plan.TaskCorrection) != (it.Epreuve != "") {
					c.fail("%s: only a correction names an épreuve", where)
				}
			}
		default:
			c.fail("%s is neither an épreuve nor a task", where)
		}
	}
	if lastDay != D {
		c.fail("the plan lists %d days but its last item is on day %d", D, lastDay)
	}

	// Per candidate.
	for n := 1; n <= N; n++ {
		cd := &cands[n]
		who := fmt.Sprintf("candidate %d", n)
		for _, e := range in.Epreuves {
			if _, ok := cd.epreuve[e.ID]; !ok {
				c.fail("%s does not sit %s", who, e.ID)
			}
		}
		if len(cd.epreuve) != len(in.Epreuves) {
			continue
		}
		c.noOverlap(who, cd.busy)
		if len(cd.juries) > 1 {
			c.fail("%s has more than one jury: %v", who, cd.juries)
		}
		c.checkConstraints(who, cd.epreuve)
		// Same station.
		for i, con := range in.Constraints {
			if con.Type != plan.SameStation {
				continue
			}
			for _, id := range con.Epreuves[1:] {
				if !slices.Equal(cd.unitsOf[id], cd.unitsOf[con.Epreuves[0]]) {
					c.fail("%s: constraints[%d] same_station: %s uses %v, %s uses %v", who, i, id, cd.unitsOf[id], con.Epreuves[0], cd.unitsOf[con.Epreuves[0]])
				}
			}
		}
		c.checkHidden(who, cd.epreuve, cd.tasks, juryOwn)
	}

	// Sittings: identical intervals, within capacity.
	for key, list := range sittings {
		parts := strings.SplitN(key, "|", 3)
		if e := eps[parts[1]]; len(list) > e.ObserveCapacity {
			c.fail("a sitting of %s watched by jury %s holds %d candidates, more than %d", e.ID, parts[0], len(list), e.ObserveCapacity)
		}
	}

	// Per jury: one thing at a time, briefing first, closure last, day
	// budget with the opening on day 1, and no idle jury.
	memberDays := 0
	for j := 1; j <= K; j++ {
		who := fmt.Sprintf("jury %d", j)
		if !juryWorks[j] {
			c.fail("%s attends no épreuve and does no candidate task: it must not be counted", who)
		}
		spans := make([]span, len(juryTasks[j]))
		for i, t := range juryTasks[j] {
			spans[i] = t.sp
		}
		c.noOverlap(who, spans)
		for _, task := range []plan.Task{plan.TaskBriefing, plan.TaskClosure} {
			want := map[plan.Task]int{plan.TaskBriefing: h.JuryBriefingMin, plan.TaskClosure: h.JuryClosureMin}[task]
			got := juryOwn[j][task]
			if (want > 0) != (len(got) == 1) || len(got) > 1 {
				c.fail("%s has %d %ss, want %d", who, len(got), task, map[bool]int{true: 1}[want > 0])
				continue
			}
			if len(got) == 0 {
				continue
			}
			for _, t := range juryTasks[j] {
				if t.sp == got[0] && t.what == string(task) {
					continue
				}
				if task == plan.TaskBriefing && t.sp.s < got[0].e {
					c.fail("%s: %s starts before the briefing ends", who, t.what)
				}
				if task == plan.TaskClosure && t.sp.e > got[0].s {
					c.fail("%s: %s ends after the closure starts", who, t.what)
				}
			}
		}
		perDay := map[int]int{}
		for _, t := range juryTasks[j] {
			perDay[t.sp.s/1440+1] += t.sp.e - t.sp.s
		}
		if perDay[1] > 0 {
			perDay[1] += h.OpeningMin
		}
		for d, minutes := range perDay {
			if minutes > in.Jury.MemberDayMin {
				c.fail("%s is busy %d minutes on day %d, more than %d", who, minutes, d, in.Jury.MemberDayMin)
			}
		}
		memberDays += len(perDay) * in.Jury.MembersPerJury
	}

	// Units: one candidate at a time, reset between two on one day.
	for u, uses := range unitUses {
		typ, _, _ := strings.Cut(u, "#")
		reset := in.StationResetMin[typ]
		slices.SortFunc(uses, func(a, b unitUse) int { return a.sp.s - b.sp.s })
		for i := range uses {
			for k := i + 1; k < len(uses); k++ {
				a, b := uses[i], uses[k]
				if a.cand == b.cand {
					if overlaps(a.sp, b.sp) {
						c.fail("unit %s: %s and %s overlap", u, a.what, b.what)
					}
					continue
				}
				if overlaps(a.sp, b.sp) {
					c.fail("unit %s serves candidates %d and %d at once (%s, %s)", u, a.cand, b.cand, a.what, b.what)
				} else if (a.sp.e-1)/1440 == b.sp.s/1440 && b.sp.s < a.sp.e+reset {
					c.fail("unit %s: candidate %d starts %d minutes after candidate %d, the reset is %d", u, b.cand, b.sp.s-a.sp.e, a.cand, reset)
				}
			}
		}
	}

	// The cost.
	if fee := in.Jury.MemberDayFee; fee.Valid {
		if p.MemberDays != memberDays {
			c.fail("member_days is %d, want %d", p.MemberDays, memberDays)
		}
		if want := fee.Decimal.Mul(decimal.NewFromInt(int64(memberDays))); !p.JuryCost.Valid || !p.JuryCost.Decimal.Equal(want) {
			c.fail("jury_cost is %v, want %s", p.JuryCost, want)
		}
	} else if p.MemberDays != 0 || p.JuryCost.Valid {
		c.fail("a cost is given without a fee")
	}
}

// blockOf returns the index of the block holding the segment, or -1.
func blockOf(blocks []plan.Block, sg plan.Segment) int {
	for i, b := range blocks {
		if sg.Start >= b.Start && sg.End <= b.End {
			return i
		}
	}
	return -1
}

// checkSegments checks an épreuve's segments: one inside a block, or for a
// splittable épreuve a run over consecutive blocks.
func (c *checker) checkSegments(where string, e plan.Epreuve, segs []plan.Segment) {
	total := 0
	for _, sg := range segs {
		total += int(sg.End - sg.Start)
	}
	if total != e.DurationMin {
		c.fail("%s: %s lasts %d minutes, want %d", where, e.ID, total, e.DurationMin)
	}
	if len(segs) == 1 {
		return
	}
	if !e.Splittable {
		c.fail("%s: %s is not splittable but has %d segments", where, e.ID, len(segs))
		return
	}
	blocks := c.in.Calendar.Blocks
	for i, sg := range segs {
		b := blockOf(blocks, sg)
		if b < 0 {
			return
		}
		if i < len(segs)-1 && sg.End != blocks[b].End {
			c.fail("%s: segment %d of %s ends at %s, not at its block's end", where, i, e.ID, sg.End)
		}
		if i > 0 {
			if sg.Start != blocks[b].Start {
				c.fail("%s: segment %d of %s starts at %s, not at its block's start", where, i, e.ID, sg.Start)
			}
			prev := segs[i-1]
			pb := blockOf(blocks, prev)
			next := pb+1 < len(blocks) && sg.Day == prev.Day && b == pb+1 ||
				pb == len(blocks)-1 && sg.Day == prev.Day+1 && b == 0
			if !next {
				c.fail("%s: segment %d of %s is not in the block after the previous one", where, i, e.ID)
			}
		}
	}
}

func (c *checker) noOverlap(who string, spans []span) {
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b span) int { return a.s - b.s })
	for i := 1; i < len(s); i++ {
		if s[i].s < s[i-1].e {
			c.fail("%s does two things at once around minute %d of day %d", who, s[i].s%1440, s[i].s/1440+1)
		}
	}
}

func (c *checker) checkConstraints(who string, ep map[string]plan.Item) {
	for i, con := range c.in.Constraints {
		where := fmt.Sprintf("%s, constraints[%d] %s", who, i, con.Type)
		switch con.Type {
		case plan.Precedes, plan.NoWait:
			b, a := ep[con.Before], ep[con.After]
			be, as := itemSpan(b).e, itemSpan(a).s
			sameDay := endDay(b) == a.Segments[0].Day
			if as < be {
				c.fail("%s: %s starts before %s ends", where, con.After, con.Before)
			}
			if sameDay && as < be+con.MinGapMin {
				c.fail("%s: %s starts %d minutes after %s, the minimum is %d", where, con.After, as-be, con.Before, con.MinGapMin)
			}
			if con.MaxGapMin != nil && (!sameDay || as-be > *con.MaxGapMin) {
				c.fail("%s: %s starts %d minutes after %s (same day: %v), the maximum is %d", where, con.After, as-be, con.Before, sameDay, *con.MaxGapMin)
			}
			if con.NextDay && sameDay {
				c.fail("%s: %s must be on a later day than %s", where, con.After, con.Before)
			}
			if con.Type == plan.NoWait {
				for id, it := range ep {
					if s := itemSpan(it).s; id != con.Before && id != con.After && s >= be && s < as {
						c.fail("%s: %s lies between %s and %s", where, id, con.Before, con.After)
					}
				}
			}
		case plan.Last:
			c.checkLast(where, ep, con.Epreuve)
		}
	}
	if f := c.in.Final(); f >= 0 {
		c.checkLast(who+", entretien final", ep, c.in.Epreuves[f].ID)
	}
}

// checkLast checks that every épreuve of a candidate ends before last
// starts.
func (c *checker) checkLast(where string, ep map[string]plan.Item, last string) {
	ls := itemSpan(ep[last]).s
	for id, it := range ep {
		if id != last && itemSpan(it).e > ls {
			c.fail("%s: %s ends after the last épreuve %s starts", where, id, last)
		}
	}
}

// checkHidden checks a candidate's accueil, reading, corrections and
// deliberation against its épreuves and its jury's closure.
func (c *checker) checkHidden(who string, ep map[string]plan.Item, tasks map[plan.Task][]plan.Item, juryOwn []map[plan.Task][]span) {
	h := *c.in.Hidden
	var excl []plan.Item
	for _, e := range c.in.Epreuves {
		if e.Jury == plan.Exclusive {
			excl = append(excl, ep[e.ID])
		}
	}
	want := func(task plan.Task, minutes, n int) []plan.Item {
		if minutes == 0 {
			n = 0
		}
		if len(excl) == 0 {
			n = 0
		}
		if len(tasks[task]) != n {
			c.fail("%s has %d %s items, want %d", who, len(tasks[task]), task, n)
			return nil
		}
		return tasks[task]
	}
	corrected := 0
	for _, e := range c.in.Epreuves {
		if e.CorrectedByJury {
			corrected++
		}
	}
	acc := want(plan.TaskAccueil, h.AccueilMin, 1)
	read := want(plan.TaskReading, h.ReadingMin, 1)
	corr := want(plan.TaskCorrection, h.CorrectionMin, corrected)
	delib := want(plan.TaskDeliberation, h.DeliberationMin, 1)
	if len(excl) == 0 {
		return
	}
	slices.SortFunc(excl, func(a, b plan.Item) int { return itemSpan(a).s - itemSpan(b).s })
	first := itemSpan(excl[0]).s
	jury := excl[0].Jury
	beforeFirst := first
	if len(acc) == 1 {
		sp := itemSpan(acc[0])
		if sp.e != first {
			c.fail("%s: the accueil ends at minute %d, the first exclusive épreuve starts at %d", who, sp.e, first)
		}
		beforeFirst = sp.s
	}
	if len(read) == 1 && itemSpan(read[0]).e > beforeFirst {
		c.fail("%s: the reading ends after the accueil (or the first exclusive épreuve) starts", who)
	}
	var lastExclEnd span
	for _, it := range excl {
		if sp := itemSpan(it); sp.e > lastExclEnd.e {
			lastExclEnd = span{sp.e, endDay(it)}
		}
	}
	if len(delib) == 1 {
		sp := itemSpan(delib[0])
		if sp.s < lastExclEnd.s || delib[0].Segments[0].Day != lastExclEnd.e {
			c.fail("%s: the deliberation is not after the last exclusive épreuve on the day it ends", who)
		}
	}
	for _, list := range [][]plan.Item{acc, read, corr, delib} {
		for _, it := range list {
			if it.Jury != jury {
				c.fail("%s: %s by jury %d, the candidate's jury is %d", who, it.Task, it.Jury, jury)
			}
		}
	}
	seen := map[string]bool{}
	for _, it := range corr {
		e, q := it.Epreuve, ep[it.Epreuve]
		if seen[e] {
			c.fail("%s: %s corrected twice", who, e)
		}
		seen[e] = true
		sp, qs := itemSpan(it), itemSpan(q)
		if sp.s < qs.e {
			c.fail("%s: correction of %s starts before it ends", who, e)
		}
		limit := never
		for i, x := range excl {
			if xs := itemSpan(x).s; xs >= qs.e && xs < limit {
				limit = xs
				if i == 0 && len(acc) == 1 {
					limit = itemSpan(acc[0]).s
				}
			}
		}
		if limit == never && len(delib) == 1 {
			limit = itemSpan(delib[0]).s
		}
		if limit == never {
			if cl := juryOwn[jury][plan.TaskClosure]; len(cl) == 1 {
				limit = cl[0].s
			}
		}
		if sp.e > limit {
			c.fail("%s: correction of %s ends after the jury meets the candidate again", who, e)
		}
	}
}

const never = 1 << 40
