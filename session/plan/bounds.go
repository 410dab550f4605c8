package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tpsession/tpsession"
)

// bounds are the lower bounds of docs/planning.md#lower-bounds, where each
// proof is also written out. Each is a proof: it holds
// for every valid plan, so a plan that meets it is optimal. Each carries a
// sentence a responsable de session understands.
type bounds struct {
	m *model
	// path: one candidate's épreuves and accueil, after the opening, laid
	// in the blocks in the best order (next_day included).
	pathDays int
	pathWhy  string
	// resource energy, per type, the binding one kept.
	resDays int
	resWhy  string
	// slotDays: the day windows and unit-days (daywindows.go, unitday.go),
	// the binding type's; apart from resDays, which tells the station
	// template whether the unit sequence binds.
	slotDays int
	slotWhy  string
	// jury work of all candidates (épreuves attended, sittings, hidden
	// tasks), without the juries' own briefing and closure.
	juryWork int
	// sitCap is, per observed épreuve, the most candidates a sitting
	// holds; sitPerJury, the most per jury too (0: no such limit).
	sitCap     []int
	sitPerJury []int
	// chunk is the jury minutes of one candidate forced onto one day;
	// chunkWhat names them.
	chunk     int
	chunkWhat string
	// firstExcl is the earliest a first exclusive épreuve can start (never
	// when unknown: too many orders).
	firstExcl int
	// est is the earliest start of each épreuve over every order (0 when
	// unknown).
	est []int
	// rigid is the jury minutes of one candidate that must lie in one
	// block: the accueil and the exclusive épreuves chained to the first
	// one by gaps shorter than any break (0: none); rigidWhat names them.
	rigid     int
	rigidWhat string
	// sittingLoss is how many rigid chunks the observe sittings take from
	// the jury-blocks they occupy, at least.
	sittingLoss int
	// orders are every order of a candidate's épreuves, nil when there are
	// more than maxBoundOrders.
	orders [][]int
	// seqType is the resource type whose unit sequence bound is the
	// largest, seqDays that bound (0: none); the planner lays out its
	// units first.
	seqType, seqDays int
	// everyFirstExcl is the épreuve that is the first exclusive one in
	// every order, or -1; everyLastExcl the last one (tailbound.go).
	everyFirstExcl, everyLastExcl int
	// head, tail and group are the rigid groups' windows (windows.go).
	head, tail []int
	group      [][]int
	// forced caches forcedWorks by the days (dayforced.go), which the
	// bounds for a number of days ask again and again; a cache, it
	// changes no bound.
	forced map[int][]forcedWork
	// dayWin caches the day windows, lateEnds the latest ends by the
	// days (daywindows.go).
	dayWin   [][]bool
	lateEnds map[int][]int
	// prefixShort caches prefixShort by the days and juries
	// (prefixbound.go).
	prefixMemo map[[2]int]bool
	// starts are the épreuves' start sets (startsets.go).
	starts *startSets
	// shapeDays are the days the start sets and the day patterns of the
	// resource types need (startsets.go, daypack.go), with the reason.
	shapeDays int
	shapeWhy  string
	// waveCache caches waveDays by the juries (tailbound.go).
	waveCache map[int][2]int
}

// maxBoundOrders bounds the orders the path bound enumerates; beyond it the
// bound falls back to the candidate's total time, which stays a proof.
const maxBoundOrders = 5040

func newBounds(m *model) *bounds {
	b := &bounds{m: m, firstExcl: never, est: make([]int, len(m.eps)), everyFirstExcl: -1, everyLastExcl: -1}
	b.path()
	b.starts = newStartSets(b)
	b.rigidWindows()
	b.resources()
	b.jury()
	b.blockChunks()
	return b
}

// path bounds the days by one candidate alone (docs/planning.md#candidate-path).
// Proof: a candidate does one thing at a time, inside blocks and outside
// the opening, so its épreuves and its accueil need D·L − o ≥ their total
// minutes, whatever their order. And in the order the plan gives them,
// relaxing every rule but the blocks, the opening, the accueil's lead, the
// minimum gaps and next_day, each rule reads "start ≥ f(earlier ends)" with
// f non-decreasing, so laying each épreuve at its earliest start ends it no
// later than the plan does (by induction on the order): the plan has at
// least that relaxation's days, and at least the least of them over every
// order the precedences allow. The same relaxation gives each épreuve's
// earliest start (est) and the earliest first exclusive épreuve
// (firstExcl), which no plan beats.
func (b *bounds) path() {
	m := b.m
	total := 0
	for _, e := range m.eps {
		total += e.dur
	}
	if m.hasExclusive {
		total += m.h.AccueilMin
	}
	// Total time over the blocks: a valid bound whatever the order.
	d := 1
	for m.dayLen*d-m.open < total {
		d++
	}
	b.pathDays = d
	orders := m.linearExtensions(maxBoundOrders + 1)
	if len(orders) > 0 && len(orders) <= maxBoundOrders {
		b.orders = orders
		best := never
		b.firstExcl = never
		start := make([]int, len(m.eps))
		for i := range b.est {
			b.est[i] = never
		}
		b.everyFirstExcl = firstExclusiveOf(m, orders)
		b.everyLastExcl = lastExclusiveOf(m, orders)
		for _, o := range orders {
			d, f := m.pathDays(o, start)
			best, b.firstExcl = min(best, d), min(b.firstExcl, f)
			for i, x := range start {
				b.est[i] = min(b.est[i], x)
			}
		}
		b.pathDays = max(b.pathDays, best)
	}
	if b.pathDays >= never {
		b.pathDays = MaxDays + 1
		b.pathWhy = "no order of the épreuves fits the day's blocks: an exclusive épreuve with its accueil, or an épreuve after the opening, is longer than every block it could take"
		return
	}
	b.pathWhy = fmt.Sprintf("each candidate needs at least %s: %d minutes of épreuves%s in the day's blocks after the opening, in the order the constraints allow",
		plural(b.pathDays, "day"), total, map[bool]string{true: " and accueil", false: ""}[m.hasExclusive])
}

// firstExclusiveOf returns the épreuve that is the first exclusive one in
// every order, or -1.
func firstExclusiveOf(m *model, orders [][]int) int {
	return sameInEvery(orders, func(o []int) int {
		for _, e := range o {
			if m.eps[e].pres == Exclusive {
				return e
			}
		}
		return -1
	})
}

// sameInEvery returns of(o) when it is the same for every order o, else
// (or with no order) -1.
func sameInEvery(orders [][]int, of func(o []int) int) int {
	same := -1
	for i, o := range orders {
		if x := of(o); i == 0 {
			same = x
		} else if x != same {
			return -1
		}
	}
	return same
}

// pathDays lays one candidate's épreuves in order, each as early as the
// blocks, the opening and the precedences allow, with every resource and
// jury free: the day its last épreuve ends, plus one.
//
// Proof. With only minimum gaps and next_day (the maximum gaps relaxed),
// every rule on an épreuve is "start no earlier than some non-decreasing
// function of the previous ends", and the end of an épreuve laid from the
// earliest start allowed is non-decreasing in that start; so the earliest
// start of each épreuve is the best for all that follow, by induction
// along the order, and no plan following this order ends earlier. The
// rule that a day-1 accueil follows its jury's briefing and the reading
// (firstAccueil) is one more "start no earlier than a constant". The
// starts are also each épreuve's earliest start in this order (est, the
// least over the orders, is used by the other bounds).
func (m *model) pathDays(order []int, start []int) (days, firstExcl int) {
	end := make([]int, len(m.eps))
	first := true
	firstExcl = never
	t := m.blockStart(0, 0)
	jury := m.firstAccueil()
	for _, e := range order {
		info := &m.eps[e]
		lead := 0
		isFirst := info.pres == Exclusive && first
		if isFirst {
			lead, first = m.h.AccueilMin, false
		}
		lo := t + lead // the accueil is the candidate's too
		if isFirst {
			lo = max(lo, jury+lead) // and its jury's, after its briefing and reading
		}
		for _, ed := range m.preds[e] {
			pd := dayOfEnd(end[ed.from])
			switch {
			case ed.nextDay:
				lo = max(lo, dayStart(pd+1))
			case ed.minGap > 0 && end[ed.from]+ed.minGap >= m.dayEnd(pd):
				lo = max(lo, dayStart(pd+1))
			default:
				lo = max(lo, end[ed.from]+ed.minGap)
			}
		}
		s := m.align(lo, info.dur, lead, info.split, never)
		if s == never {
			return never, never // no block holds it (with its accueil)
		}
		segs := m.segments(s, info.dur, info.split, never/minutesPerDay, nil)
		start[e], end[e] = s, segs[len(segs)-1].e
		t = end[e]
		if isFirst {
			firstExcl = s
		}
	}
	return dayOfEnd(t) + 1, firstExcl
}

// resources bounds the days by each resource type, keeping the largest
// (docs/planning.md#resource-energy and the sections after it). Proof of
// the energy form: every use holds its units at least its duration, a unit
// serves one candidate at a time inside blocks, and nothing happens during
// the opening, so c·(D·L − o) ≥ N·Σ units·duration. Proof of the whole-use
// form, when one non-splittable épreuve uses the type: its uses lie in one
// block each, and k of them on one unit in a block of length ℓ belong to k
// candidates, the same day, so k·dur + (k−1)·reset ≤ ℓ; the units' uses in
// D days must reach N·units. The shared-unit, busiest unit, chain, gapped
// chain, window and unit sequence bounds are proved at their functions.
func (b *bounds) resources() {
	m := b.m
	b.resDays = 1
	for rt, t := range m.types {
		demand, users, single := 0, 0, -1
		for e, info := range m.eps {
			for _, nd := range info.needs {
				if nd.rt == rt {
					demand += m.n * nd.units * info.dur
					users++
					single = e
				}
			}
		}
		if demand == 0 {
			continue
		}
		usable := m.usableUnits(rt)
		d := 1
		for usable*(m.dayLen*d-m.open) < demand {
			d++
		}
		why := fmt.Sprintf("the %s of %s need at least %s for %d candidates (%d unit-minutes of épreuves)",
			unitsUsable(t.cap, usable), t.name, plural(d, "day"), m.n, demand)
		// Whole uses: when one non-splittable épreuve uses the type, a unit
		// holds a whole number of uses per block, with the reset between
		// two of them.
		if users == 1 && !m.eps[single].split {
			info := &m.eps[single]
			units := 0
			for _, nd := range info.needs {
				if nd.rt == rt {
					units = nd.units
				}
			}
			dw := 1
			for t.cap*m.usesPerUnit(info.dur, t.reset, dw) < m.n*units {
				dw++
				if dw > MaxDays+1 {
					break
				}
			}
			if dw > d {
				d = dw
				why = fmt.Sprintf("the %s of %s hold at most %d uses of %d minutes in %s (%d-minute reset between candidates), and %d candidates need %d",
					plural(t.cap, "unit"), t.name, t.cap*m.usesPerUnit(info.dur, t.reset, dw-1), info.dur, plural(dw-1, "day"), t.reset, m.n, m.n*units)
			}
		}
		if ds, sharedWhy := b.sharedUnitDays(rt); ds > d {
			d, why = ds, sharedWhy
		}
		if du, unitWhy := b.busiestUnitDays(rt); du > d {
			d, why = du, unitWhy
		}
		if dc, chainWhy := b.chainDays(rt); dc > d {
			d, why = dc, chainWhy
		}
		if dg, gapWhy := b.gapChainDays(rt); dg > d {
			d, why = dg, gapWhy
		}
		if dw, winWhy := b.windowedUseDays(rt); dw > d {
			d, why = dw, winWhy
		}
		if dw, winWhy := b.dayWindowUseDays(rt); dw > max(d, b.slotDays) {
			b.slotDays, b.slotWhy = dw, winWhy
		}
		if du, unitWhy := b.unitDayDays(rt); du > max(d, b.slotDays) {
			b.slotDays, b.slotWhy = du, unitWhy
		}
		if ds, seqWhy := b.unitSeqDays(rt, max(d, b.pathDays)); ds > 0 {
			if ds > d {
				d, why = ds, seqWhy
			}
			if ds > b.seqDays {
				b.seqType, b.seqDays = rt, ds
			}
		}
		if d > b.resDays {
			b.resDays, b.resWhy = d, why
		}
		// Kept apart from resDays, which tells the template whether the
		// unit sequence binds.
		if dw, setWhy := b.startSetUseDays(rt, max(d, b.pathDays, b.shapeDays)); dw > b.shapeDays {
			b.shapeDays, b.shapeWhy = dw, setWhy
		}
		if dp, packWhy := b.packUseDays(rt); dp > b.shapeDays {
			b.shapeDays, b.shapeWhy = dp, packWhy
		}
		if dp, packWhy := b.packSetDays(rt, max(d, b.pathDays, b.shapeDays)); dp > b.shapeDays {
			b.shapeDays, b.shapeWhy = dp, packWhy
		}
	}
}

// sharedUnitDays bounds the days by an épreuve that needs more than half
// the units of type rt: any two of its uses share a unit, so they follow
// one another as on one unit, a whole number of them in each block, with
// the reset between two on one day.
func (b *bounds) sharedUnitDays(rt int) (int, string) {
	m := b.m
	t := m.types[rt]
	best, why := 0, ""
	for _, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt != rt || 2*nd.units <= t.cap || info.split {
				continue
			}
			d := 1
			for m.usesPerUnit(info.dur, t.reset, d) < m.n && d <= MaxDays {
				d++
			}
			if d > best {
				best = d
				why = fmt.Sprintf("%s needs %d of the %s of %s, so no two candidates hold them at once: %d candidates need at least %s",
					info.id, nd.units, plural(t.cap, "unit"), t.name, m.n, plural(d, "day"))
			}
		}
	}
	return best, why
}

// usesPerUnit counts the uses of dur minutes one unit can hold in the
// first days days: per block ⌊(length + reset) / (dur + reset)⌋, since
// uses of different candidates on one unit in a block are disjoint and a
// reset apart (see resources for the proof).
func (m *model) usesPerUnit(dur, reset, days int) int {
	n := 0
	for d := range days {
		for bi := range m.blocks {
			l := m.blockEnd(d, bi) - m.blockStart(d, bi)
			if l >= dur {
				n += (l + reset) / (dur + reset)
			}
		}
	}
	return n
}

// jury computes the jury work of all candidates and the chunk of one
// candidate's jury minutes forced onto one day (docs/planning.md#jury-energy,
// #jury-day-integrality). Proof of the work: a candidate's exclusive
// épreuves and hidden tasks are its jury's minutes; a sitting of an observed
// épreuve gathers at most observe_capacity candidates, and no more than its
// resources' units let sit at once, so N candidates need ⌈N/per⌉ sittings,
// each watched by one jury for its whole duration. Proof of the chunk: a
// candidate's first exclusive épreuve lies in some group of épreuves tied
// by same-day constraints (maxGap ≥ 0), all on its day with the candidate's
// jury; the accueil ends exactly at its start, so on that day too; with a
// single group, the deliberation follows the last exclusive épreuve on its
// day. So each candidate puts at least accueil + the smallest group (+ the
// deliberation with one group) of its jury's minutes on one day.
func (b *bounds) jury() {
	m := b.m
	b.juryWork = m.n * m.juryMinutes
	b.sitCap = make([]int, len(m.eps))
	b.sitPerJury = make([]int, len(m.eps))
	for e, info := range m.eps {
		if info.pres != Observe {
			continue
		}
		per := info.obsCap
		for _, nd := range info.needs {
			per = min(per, m.types[nd.rt].cap/nd.units)
		}
		if u := b.sittingPerUnit(e); u > 0 {
			per = min(per, u)
		}
		b.sitCap[e] = per
		b.sitPerJury[e] = b.sittingPerJury(e)
		n := (m.n + per - 1) / per
		b.juryWork += n * info.dur
	}
	if !m.hasExclusive {
		return
	}
	// The jury minutes forced onto the day of the first exclusive épreuve:
	// the accueil and the exclusive épreuves tied to it by a same-day
	// constraint; with a single such group, the deliberation too.
	find := m.groups(func(_ int, ed edge) bool { return ed.maxGap >= 0 })
	minutes := map[int]int{}
	names := map[int][]string{}
	for i, info := range m.eps {
		if info.pres == Exclusive {
			r := find(i)
			minutes[r] += info.dur
			names[r] = append(names[r], info.id)
		}
	}
	best, bestRoot := never, -1
	for r, v := range minutes {
		if v < best || v == best && r < bestRoot {
			best, bestRoot = v, r
		}
	}
	b.chunk = m.h.AccueilMin + best
	what := []string{}
	if m.h.AccueilMin > 0 {
		what = append(what, "accueil")
	}
	what = append(what, strings.Join(names[bestRoot], "–"))
	if len(minutes) == 1 && m.h.DeliberationMin > 0 {
		b.chunk += m.h.DeliberationMin
		what = append(what, "deliberation")
	}
	b.chunkWhat = strings.Join(what, ", ")
}

// juryDayCap is a jury's task minutes in a day: its day budget, and no more
// than the blocks, the opening taken out of day 1.
func (m *model) juryDayCap(first bool) int {
	c := min(m.dayBudget, m.dayLen)
	if first {
		c -= m.open
	}
	return max(0, c)
}

// energyJuries is the fewest juries whose working time over days days
// holds the jury work plus each one's briefing and closure; never when none.
//
// Proof. A jury does one thing at a time, at most juryDayCap minutes a day
// (the opening taken out of day 1), its briefing and its closure among
// them, so k juries work at most k × per minutes in days days, per being
// one jury's days less its briefing and closure. Every candidate's
// exclusive épreuves and hidden tasks are jury minutes, and every sitting
// of an observed épreuve is its length of one jury's: at least
// ⌈N / capacity⌉ sittings, a sitting holding at most observe_capacity
// candidates and no more than the units allow at once, and no more than k
// per jury when an exclusive épreuve follows or precedes the sitting too
// closely for one jury to do it for more of its candidates
// (sittingPerJury).
// When the work exceeds k × per, k juries are too few.
func (b *bounds) energyJuries(days int) int {
	m := b.m
	if b.juryWork == 0 {
		return 0
	}
	per := m.juryDayCap(true) + (days-1)*m.juryDayCap(false) - m.h.JuryBriefingMin - m.h.JuryClosureMin
	if per <= 0 {
		return never
	}
	k := (b.juryWork + per - 1) / per
	for ; k <= MaxJuries; k++ {
		if b.juryWorkWith(k) <= k*per {
			return k
		}
	}
	return never
}

// workWords names the jury work with k juries, its sittings counted.
func (b *bounds) workWords(k int) string {
	m := b.m
	parts := []string{"épreuves attended"}
	for e, info := range m.eps {
		if info.pres == Observe {
			n := (m.n + b.sitsWith(e, k) - 1) / b.sitsWith(e, k)
			parts = append(parts, fmt.Sprintf("%s of %s", plural(n, "sitting"), info.id))
		}
	}
	parts = append(parts, "hidden times")
	return fmt.Sprintf("%d minutes of jury work (%s)", b.juryWorkWith(k), strings.Join(parts, ", "))
}

// sitsWith is the most candidates a sitting of observed épreuve e holds
// with k juries.
func (b *bounds) sitsWith(e, k int) int {
	per := b.sitCap[e]
	if j := b.sitPerJury[e]; j > 0 {
		per = min(per, k*j)
	}
	return per
}

// juryWorkWith is the jury work with k juries: a sitting whose candidates'
// juries each take at most sitPerJury of them holds at most k times that.
func (b *bounds) juryWorkWith(k int) int {
	m := b.m
	w := m.n * m.juryMinutes
	for e, info := range m.eps {
		if info.pres != Observe {
			continue
		}
		per := b.sitsWith(e, k)
		w += (m.n + per - 1) / per * info.dur
	}
	return w
}

// sittingPerJury is the most candidates of one sitting of observed épreuve
// o that one jury can take, 0 when no constraint limits it: an exclusive
// épreuve x joined to o by a maximum gap g that one jury cannot use for
// many of them.
//
// Proof. The candidates of a sitting end o at one instant T and start it
// at one instant S. With o → x within g minutes, each starts x in
// [T + lead, T + g] (lead: x's accueil, when x is every order's first
// exclusive épreuve, whose accueil lies in the gap); one jury doing x for
// j of them does j accueils and j − 1 whole x before starting the last,
// so starts it at T + j × lead + (j − 1) × dur(x) at the earliest, which
// must be at most T + g: j ≤ (g + dur(x)) / (lead + dur(x)). With
// x → o within g, each ends x in [S − g, S]; one jury ending j of them
// there ends them dur(x) apart at least, the first by S − (j − 1) × dur(x),
// which must be at least S − g: j ≤ g / dur(x) + 1. A candidate's
// exclusive épreuves are its jury's, so the sitting holds at most j
// candidates per jury, the least j over such constraints.
func (b *bounds) sittingPerJury(o int) int {
	m := b.m
	most := 0
	keep := func(j int) {
		if most == 0 || j < most {
			most = max(1, j)
		}
	}
	for a, es := range m.preds {
		for _, ed := range es {
			if ed.maxGap < 0 {
				continue
			}
			switch {
			case ed.from == o && m.eps[a].pres == Exclusive:
				lead := 0
				if a == b.everyFirstExcl {
					lead = m.h.AccueilMin
				}
				if d := lead + m.eps[a].dur; d > 0 {
					keep((ed.maxGap + m.eps[a].dur) / d)
				}
			case a == o && m.eps[ed.from].pres == Exclusive:
				if d := m.eps[ed.from].dur; d > 0 {
					keep(ed.maxGap/d + 1)
				}
			}
		}
	}
	return most
}

// chunksPerJury is the most candidates one jury can take in days days when
// each needs chunk minutes on one day, its briefing on its first working
// day and its closure on its last.
//
// Proof. A candidate's chunk (jury(): its accueil and the exclusive
// épreuves tied to its first one by same-day constraints, and its
// deliberation when they are all its exclusive épreuves) lies on one day,
// its jury's. A jury's day holds at most juryDayCap minutes of its work
// (the opening taken out on day 1), its briefing on the first day it
// works and its closure on the last among them; so it holds at most
// ⌊(cap less those) / chunk⌋ chunks that day. The best arrangement of the
// first and last working days over days days is one of those tried: day 1
// alone; day 1 to the last day; day 2 to the last day; day 2 alone.
func (b *bounds) chunksPerJury(days int) int {
	m := b.m
	f := func(first bool, less int) int { return max(0, m.juryDayCap(first)-less) / b.chunk }
	br, cl := m.h.JuryBriefingMin, m.h.JuryClosureMin
	best := f(true, br+cl) // a single day, day 1
	if days >= 2 {
		best = max(best, f(true, br)+(days-2)*f(false, 0)+f(false, cl), f(false, br+cl))
	}
	if days >= 3 {
		best = max(best, f(false, br)+(days-3)*f(false, 0)+f(false, cl))
	}
	return best
}

// lateMinutes is one candidate's jury minutes that come at or after its
// accueil: the accueil, the exclusive épreuves and the deliberation.
func (m *model) lateMinutes() int {
	if !m.hasExclusive {
		return 0
	}
	n := m.h.AccueilMin + m.h.DeliberationMin
	for _, e := range m.eps {
		if e.pres == Exclusive {
			n += e.dur
		}
	}
	return n
}

// lateCapacity is the most late minutes (lateMinutes) one jury holds in
// days days. Proof: no accueil starts before t0, the earliest first
// exclusive épreuve less the accueil, and the exclusive épreuves and the
// deliberation follow the accueil, so on day d a jury does late work only
// in the block minutes after t0, w_d, one thing at a time, and within its
// day cap c_d (the opening taken out of day 1). Its briefing, on some day
// b, takes br of c_b. Its closure comes after all its tasks: on a day
// after its last late task, where it works no late minutes, or on that
// day after them (after t0); either way a_d + cl ≤ min(c_d, w_d) on the
// closure's day d. Summing, the late minutes are at most
// max over b of Σ_d min(c_d − br·[d = b], w_d), less cl.
func (b *bounds) lateCapacity(days int) int {
	m := b.m
	br := m.h.JuryBriefingMin
	sum, gain := 0, -never
	alike := max(1, dayOf(b.t0())) + 1 // from this day on, every day is alike
	for d := range days {
		c, w := m.juryDayCap(d == 0), b.lateWindow(d)
		sum += min(c, w)
		gain = max(gain, min(max(0, c-br), w)-min(c, w))
		if d >= alike {
			sum += (days - d - 1) * min(c, w)
			break
		}
	}
	return sum + gain - m.h.JuryClosureMin
}

// lateWindow is the block minutes of day d after t0, where the late work
// (lateMinutes) can lie.
func (b *bounds) lateWindow(d int) int {
	m, t0, n := b.m, b.t0(), 0
	for bi := range m.blocks {
		n += max(0, m.blockEnd(d, bi)-max(m.blockStart(d, bi), t0))
	}
	return n
}

// lateJuries is the fewest juries that hold every candidate's late
// minutes (lateMinutes) in days days.
func (b *bounds) lateJuries(days int) int {
	late := b.m.lateMinutes()
	if late == 0 {
		return 0
	}
	per := b.lateCapacity(days)
	if per <= 0 {
		return never
	}
	return (b.m.n*late + per - 1) / per
}

// integralityJuries is the fewest juries that give every candidate its
// chunk in days days (docs/planning.md#jury-day-integrality). Proof: each
// candidate has one jury, which gives it chunk minutes on one day; a jury's
// task minutes on a day are at most its day cap (the opening out of day 1),
// less its briefing on its first working day and its closure on its last,
// and chunks of different candidates do not overlap, so one jury holds at
// most chunksPerJury(days) candidates, and N candidates need
// ⌈N / chunksPerJury(days)⌉ juries.
func (b *bounds) integralityJuries(days int) int {
	if b.chunk == 0 || !b.m.hasExclusive {
		return 0
	}
	per := b.chunksPerJury(days)
	if per == 0 {
		return never
	}
	return (b.m.n + per - 1) / per
}

// juriesFor is the fewest juries of any plan of at most days days, with
// the reason.
func (b *bounds) juriesFor(days int) (int, string) {
	m := b.m
	e, i, bl, lt := b.energyJuries(days), b.integralityJuries(days), b.blockJuries(days), b.lateJuries(days)
	st := b.sittingBlockJuries(bl, days)
	jd := b.dayJuries(days)
	wj, we := b.windowedJuries(days)
	dj, dx := b.dayWindowJuries(days)
	sd := b.sittingDayJuries(days)
	sc, so := b.sittingCountJuries(days)
	gj, gl, gheld := b.groupJuries(days)
	fj, fwhy := b.forcedJuries(days)
	ssj, sse := b.startSetJuries(days)
	pj := b.packJuries(days)
	k := max(e, i, bl, lt, st, jd, wj, gj, fj, sd, sc, dj, ssj, pj)
pieces:
	for pk := max(k, 1); pk < never && pk <= MaxJuries; pk++ {
		switch {
		case b.piecesShort(days, pk):
			fwhy = fmt.Sprintf("in %s, the jury work that can only take place on a few days, whole épreuves on one day each, does not fit %s: at least %s",
				plural(days, "day"), plural(pk, "jury"), plural(pk+1, "jury"))
		case b.prefixShort(days, pk):
			fwhy = b.prefixWords(days, pk)
		default: // neither holds pk juries back: k stands
			break pieces
		}
		fj = pk + 1
		k = fj
	}
	if b.juryWork > 0 {
		k = max(k, 1)
		if wk := b.waveJuries(days, k); wk > k {
			return wk, b.waveJuryWords(wk, days)
		}
	}
	work := b.workWords(max(1, k-1))
	switch {
	case k == never && e == never:
		return k, fmt.Sprintf("no jury can do its share in %s: the day budget of %d minutes leaves no room after the opening, briefing and closure", plural(days, "day"), m.dayBudget)
	case k == never:
		return k, fmt.Sprintf("no number of juries can hold the candidates' jury work in %s: the blocks or the day budget of %d minutes leave no room for one candidate's accueil and exclusive épreuves after the earliest accueil", plural(days, "day"), m.dayBudget)
	case pj > max(e, i, bl, lt, st, jd, wj, gj, fj, sd, sc, dj, ssj):
		return k, b.packJuryWords(k, days)
	case ssj > max(e, i, bl, lt, st, jd, wj, gj, fj, sd, sc, dj):
		return k, b.startSetJuryWords(sse, k, days)
	case dj > max(e, i, bl, lt, st, jd, wj, gj, fj, sd, sc):
		return k, fmt.Sprintf("%s is tied by maximum gaps to the épreuves before and after it, so it can only start at a few times of the day and a jury holds few of them a day: %d candidates need at least %s in %s",
			m.eps[dx].id, m.n, plural(k, "jury"), plural(days, "day"))
	case sc > max(e, i, bl, lt, st, jd, wj, gj, fj, sd):
		return k, b.sittingCountWords(k, so, days)
	case sd > max(e, i, bl, lt, st, jd, wj, gj, fj):
		return k, b.sittingDayWords(k, days)
	case fj > max(e, i, bl, lt, st, jd, wj, gj):
		return k, fwhy
	case gj > max(e, i, bl, lt, st, jd, wj) && gl.sit > 0:
		return k, fmt.Sprintf("one jury alone would watch the sittings of %s too: %d candidates' %d jury minutes and a sitting of %d minutes for every %d of them on one day, within %d minutes a day, fit only %d candidates in %s: %d candidates need at least %s",
			gl.what, m.n, gl.excl, gl.sit, gl.per, m.dayBudget, gheld, plural(days, "day"), m.n, plural(k, "jury"))
	case gj > max(e, i, bl, lt, st, jd, wj):
		return k, fmt.Sprintf("a jury sees at most %d candidates in %s, each needing %d jury minutes on one day (%s) within %d minutes a day: %d candidates need at least %s",
			gheld, plural(days, "day"), gl.excl, gl.what, m.dayBudget, m.n, plural(k, "jury"))
	case wj > max(e, i, bl, lt, st, jd):
		info := m.eps[we]
		return k, fmt.Sprintf("%s lies in one block with %s, so a jury holds few of them a day in that part of the block: %d candidates need at least %s in %s",
			info.id, b.groupWords(we), m.n, plural(k, "jury"), plural(days, "day"))
	case jd > max(e, i, bl, lt, st):
		return k, fmt.Sprintf("a jury sees at most %d candidates in %s (each needs %d jury minutes in all, %d of them on one day after the earliest accueil at %s, within %d minutes a day): %d candidates need at least %s",
			b.candidatesPerJury(days), plural(days, "day"), m.juryMinutes, b.chunk, clockOf(b.firstExcl-m.h.AccueilMin), m.dayBudget, m.n, plural(k, "jury"))
	case lt > max(e, i, bl):
		return k, fmt.Sprintf("no accueil can start before %s, so a jury holds at most %d minutes of accueils, exclusive épreuves and deliberations in %s: %d candidates of %d such minutes need at least %s",
			clockOf(b.firstExcl-m.h.AccueilMin), b.lateCapacity(days), plural(days, "day"), m.n, m.lateMinutes(), plural(k, "jury"))
	case st > max(e, i, bl):
		o := m.eps[b.longObserve()]
		return k, fmt.Sprintf("a jury-block holds one candidate's %s (%d minutes) or one sitting of %s (%d minutes): in %s, the %d candidates and their sittings need at least %s",
			b.rigidWhat, b.rigid, o.id, o.dur, plural(days, "day"), m.n, plural(k, "jury"))
	case bl > max(e, i):
		return k, fmt.Sprintf("a jury holds one candidate's %s (%d minutes in one block) at most %d times in %s: %d candidates%s need at least %s",
			b.rigidWhat, b.rigid, b.blockCapacity(days, true), plural(days, "day"), m.n,
			map[bool]string{true: " and the observed sittings", false: ""}[b.sittingLoss > 0], plural(k, "jury"))
	case i > e:
		return k, fmt.Sprintf("a jury sees at most %d candidates in %s, each needing %d jury minutes on one day (%s) within %d minutes a day: %d candidates need at least %s",
			b.chunksPerJury(days), plural(days, "day"), b.chunk, b.chunkWhat, m.dayBudget, m.n, plural(k, "jury"))
	default:
		return k, fmt.Sprintf("in %s, %s plus each jury's briefing and closure need at least %s working at most %d minutes a day",
			plural(days, "day"), work, plural(k, "jury"), m.dayBudget)
	}
}

// dayJuries is the fewest juries that see every candidate when one jury
// sees at most candidatesPerJury(days); never when one sees none.
func (b *bounds) dayJuries(days int) int {
	if !b.m.hasExclusive {
		return 0
	}
	per := b.candidatesPerJury(days)
	if per <= 0 {
		return never
	}
	return (b.m.n + per - 1) / per
}

// candidatesPerJury is the most candidates one jury can see in days days.
//
// Proof. Every minute of a candidate's jury work W (its exclusive
// épreuves, accueil, reading, corrections and deliberation) is its own
// jury's, so a jury of n candidates works n × W minutes at least, within
// its day caps less its briefing and closure: n ≤ ⌊C / W⌋ (C as in the
// energy bound). Its late minutes (lateCapacity) give n ≤ ⌊late capacity
// / late minutes⌋ likewise. And day by day (dayChunks): each candidate's
// chunk (the minutes forced onto one day, all after the earliest accueil
// t0) lies on one day of its jury, so the candidates whose chunk is on day
// d are at most the chunks that day's cap (less the briefing on the
// jury's first working day and the closure on its last) holds, at most
// those its minutes after t0 hold (the closure is after them too), and at
// most the rigid chunks its blocks hold after t0 (blockCapacity); summing
// the smallest of the three over the days bounds n again.
func (b *bounds) candidatesPerJury(days int) int {
	m := b.m
	n := never
	if w := m.juryMinutes; w > 0 {
		c := m.juryDayCap(true) + (days-1)*m.juryDayCap(false) - m.h.JuryBriefingMin - m.h.JuryClosureMin
		n = min(n, max(0, c)/w)
	}
	if l := m.lateMinutes(); l > 0 {
		n = min(n, max(0, b.lateCapacity(days))/l)
	}
	if b.chunk > 0 {
		n = min(n, b.dayChunks(days))
	}
	return n
}

// dayChunks is the most chunks one jury holds in days days, day by day
// (see candidatesPerJury): its first working day is day 1 or day 2, the
// best of both (a later first day only loses days), its closure on the
// last day.
func (b *bounds) dayChunks(days int) int {
	m := b.m
	t0 := b.t0()
	br, cl := m.h.JuryBriefingMin, m.h.JuryClosureMin
	type day struct{ win, blocks int }
	dayOf := func(d int) day {
		var x day
		for bi := range m.blocks {
			if w := m.blockEnd(d, bi) - max(m.blockStart(d, bi), t0); w > 0 {
				x.win += w
				if b.rigid > 0 {
					x.blocks += w / b.rigid
				}
			}
		}
		if b.rigid == 0 {
			x.blocks = never
		}
		return x
	}
	chunks := func(d int, brief, closure bool) int {
		x := dayOf(d)
		budget, win := m.juryDayCap(d == 0), x.win
		if brief {
			budget -= br
		}
		if closure {
			budget -= cl
			win -= cl
		}
		return max(0, min(x.blocks, win/b.chunk, budget/b.chunk))
	}
	sum := func(first int) int {
		n := 0
		alike := -1 // a day like all later ones but the last
		for d := first; d < days; d++ {
			if d > max(first, dayOfT(t0)+1) && d < days-1 && alike >= 0 {
				n += alike * (days - 1 - d)
				d = days - 2
				continue
			}
			c := chunks(d, d == first, d == days-1)
			if d > max(first, dayOfT(t0)+1) {
				alike = c
			}
			n += c
		}
		return n
	}
	best := sum(0)
	if days >= 2 {
		best = max(best, sum(1))
	}
	return best
}

// dayOfT is dayOf for an instant that may be negative.
func dayOfT(t int) int { return dayOf(max(0, t)) }

// daysFor is the fewest days of any plan with at most juries juries (limit
// +1 when none fits within limit days), with the reason.
//
// Proof. The path and resource bounds hold whatever the juries. A plan of
// d days with at most juries juries is a plan of at most d days, so it
// needs juriesFor(d) juries at least: when that is more, d days are too
// few.
func (b *bounds) daysFor(juries, limit int) (int, string) {
	d, why := b.pathDays, b.pathWhy
	if b.resDays > d {
		d, why = b.resDays, b.resWhy
	}
	if b.slotDays > d {
		d, why = b.slotDays, b.slotWhy
	}
	if b.shapeDays > d {
		d, why = b.shapeDays, b.shapeWhy
	}
	if w, e := b.waves(juries); w > d {
		d, why = w, b.waveWords(e, juries, w)
	}
	for ; d <= limit; d++ {
		k, kwhy := b.juriesFor(d)
		if k <= juries {
			return d, why
		}
		why = strings.Replace(kwhy, "need at least", "would need at least", 1)
		if k != never {
			why = fmt.Sprintf("with %s, more than %s are needed: %s", plural(juries, "jury"), plural(d, "day"), kwhy)
		}
	}
	return d, why
}

// plural writes "1 day", "3 days"; "jury" becomes "juries".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ay") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// blockChunks finds the rigid jury chunk of a candidate: the accueil and
// the exclusive épreuves tied to the first one by maximum gaps shorter than
// every break between blocks, which therefore lie in one block with it.
// Which group of exclusive épreuves comes first may differ between
// candidates: the smallest group stands for all, so the chunk is no
// larger than any candidate's. A splittable épreuve may leave its block:
// a group holding one is not rigid, and when some first group may not be
// rigid the chunk is not set.
func (b *bounds) blockChunks() {
	m := b.m
	if !m.hasExclusive {
		return
	}
	minBreak := m.minBreak()
	find := m.groups(func(_ int, ed edge) bool { return ed.maxGap >= 0 && ed.maxGap < minBreak })
	loose := map[int]bool{} // épreuves that may leave their block
	for i, e := range m.eps {
		if e.split {
			loose[find(i)] = true
		}
	}
	minutes, names := map[int]int{}, map[int][]string{}
	for i, e := range m.eps {
		if r := find(i); e.pres == Exclusive && !loose[r] {
			minutes[r] += e.dur
			names[r] = append(names[r], e.id)
		} else if e.pres == Exclusive {
			minutes[r] = -never // a splittable member: not rigid
		}
	}
	best, root := never, -1
	for r, v := range minutes {
		if v > 0 && (v < best || v == best && r < root) {
			best, root = v, r
		}
	}
	for r, v := range minutes {
		if v < 0 && r != root {
			return // some first exclusive épreuve is not rigid
		}
	}
	if root < 0 {
		return
	}
	b.rigid = m.h.AccueilMin + best
	b.rigidWhat = strings.Join(names[root], "–")
	if m.h.AccueilMin > 0 {
		b.rigidWhat = "accueil and " + b.rigidWhat
	}
	// An observe sitting longer than half of every block takes a
	// jury-block alone; what it leaves holds fewer chunks.
	longest := 0
	for bi := range m.blocks {
		longest = max(longest, m.blocks[bi].Len())
	}
	for _, e := range m.eps {
		if e.pres != Observe || e.split || 2*e.dur <= longest {
			continue
		}
		per := e.obsCap
		for _, nd := range e.needs {
			per = min(per, m.types[nd.rt].cap/nd.units)
		}
		loss := never
		for d := range 2 {
			for bi := range m.blocks {
				l := m.blockEnd(d, bi) - m.blockStart(d, bi)
				if l >= e.dur {
					loss = min(loss, l/b.rigid-(l-e.dur)/b.rigid)
				}
			}
		}
		if loss < never {
			b.sittingLoss += loss * ((m.n + per - 1) / per)
		}
	}
}

// blockCapacity is the most rigid chunks one jury holds in days days, each
// in one block: from the earliest first exclusive épreuve on (after), or in
// every block less what the sittings take (!after).
//
// Proof. A jury does one thing at a time, so the rigid chunks it holds in
// a block are disjoint intervals of the block, each at least rigid
// minutes; none starts before the earliest accueil (t0). So a block holds
// ⌊(block end − max(block start, t0)) / rigid⌋ of them at most.
func (b *bounds) blockCapacity(days int, after bool) int {
	m := b.m
	n := 0
	for d := range days {
		for bi := range m.blocks {
			from := m.blockStart(d, bi)
			if after && b.firstExcl < never {
				from = max(from, b.firstExcl-m.h.AccueilMin)
			}
			if l := m.blockEnd(d, bi) - from; l > 0 {
				n += l / b.rigid
			}
		}
	}
	return n
}

// blockJuries is the fewest juries that hold every candidate's rigid chunk
// in days days: every candidate has one, in one block of its jury, so k
// juries hold at most k × blockCapacity of them; and a long sitting a
// jury watches in a block takes at least sittingLoss chunks' room from it
// (the sittings' share of the proof in blocksit.go).
func (b *bounds) blockJuries(days int) int {
	if b.rigid == 0 {
		return 0
	}
	k := 0
	if c := b.blockCapacity(days, true); c > 0 {
		k = (b.m.n + c - 1) / c
	} else {
		return never
	}
	if c := b.blockCapacity(days, false); c > 0 {
		// k juries hold k×c chunks, less the sittings' loss.
		k = max(k, (b.m.n+b.sittingLoss+c-1)/c)
	}
	return k
}

// chainDays bounds the days by the rigid chains of resource type rt: épreuves
// joined by no_wait with no gap, each holding one unit of rt, follow each
// other without a break, so each candidate's chain holds a unit of rt over
// one interval of its whole length inside one block. At most capacity such
// intervals overlap, so a block of length L holds at most capacity ×
// ⌊L / length⌋ chains (intervals with at most c overlapping split into c
// sequences); with touching blocks a chain may straddle two, and there is
// no such bound. The window of a block starts after the opening, after the
// accueil when the chain starts with the candidate's first exclusive
// épreuve, and not before the chain's earliest start.
func (b *bounds) chainDays(rt int) (int, string) {
	m := b.m
	t := m.types[rt]
	best, bestWhy := 0, ""
	for _, ch := range b.resourceChains(rt, 0) {
		perDay := func(d int) (int, bool) {
			n := 0
			for bi := range m.blocks {
				w0, w1 := ch.window(b, d, bi)
				if w := w1 - w0; w >= ch.length {
					n += w / ch.length
				}
			}
			return n * t.cap, true
		}
		days, last, _ := b.daysToHold(perDay)
		if days > best {
			best = days
			bestWhy = fmt.Sprintf("the %s of %s hold each candidate's %s (%d minutes without a break) at most %d times a day: %d candidates need at least %s",
				plural(t.cap, "unit"), t.name, strings.Join(ch.ids, "–"), ch.length, last, m.n, plural(days, "day"))
		}
	}
	return best, bestWhy
}

// resChain is a chain of épreuves joined by no_wait (no minimum gap, at
// most gaps[i] minutes after the i-th), each holding one unit of a type
// and none splittable.
type resChain struct {
	head   int
	durs   []int
	gaps   []int
	ids    []string
	length int // the épreuves' minutes
	// lead is the accueil before the head when the chain holds every
	// exclusive épreuve, so its head is the candidate's first.
	lead int
}

// window is where the chain may lie in block bi of day d: after the
// block's start and the lead, not before the head's earliest start.
func (ch *resChain) window(b *bounds, d, bi int) (int, int) {
	return max(b.m.blockStart(d, bi)+ch.lead, b.est[ch.head]), b.m.blockEnd(d, bi)
}

// resourceChains returns the chains of type rt whose gaps are at most
// maxGap: the runs of two or more épreuves joined by no_wait (no minimum
// gap, at most maxGap), each holding one unit of rt, a run ending where an
// épreuve does not hold it (what comes before or after, of another type,
// does not make the run any less bound to one block); none when two
// blocks touch (a chain may run from one into the next).
func (b *bounds) resourceChains(rt, maxGap int) []resChain {
	m := b.m
	for i := 1; i < len(m.blocks); i++ {
		if m.blocks[i].Start == m.blocks[i-1].End {
			return nil
		}
	}
	next, prev, gapAfter := make([]int, len(m.eps)), make([]int, len(m.eps)), make([]int, len(m.eps))
	for i := range next {
		next[i], prev[i] = -1, -1
	}
	for a, es := range m.preds {
		for _, ed := range es {
			if ed.noWait && ed.minGap == 0 && ed.maxGap <= maxGap {
				next[ed.from], gapAfter[ed.from] = a, ed.maxGap
				prev[a] = ed.from
			}
		}
	}
	holds := func(e int) bool {
		if e < 0 {
			return false
		}
		info := &m.eps[e]
		return !info.split && slices.Contains(info.needs, need{rt: rt, units: 1})
	}
	exclusives := 0
	for _, e := range m.eps {
		if e.pres == Exclusive {
			exclusives++
		}
	}
	var out []resChain
	for head := range m.eps {
		// A chain is a run of at least two épreuves holding the type: it
		// starts where the previous one (if any) does not hold it, and
		// ends before the first that does not.
		if !holds(head) || holds(prev[head]) || !holds(next[head]) {
			continue
		}
		ch := resChain{head: head}
		exclusive := 0
		for e := head; holds(e); e = next[e] {
			ch.durs = append(ch.durs, m.eps[e].dur)
			ch.ids = append(ch.ids, m.eps[e].id)
			ch.length += m.eps[e].dur
			if holds(next[e]) {
				ch.gaps = append(ch.gaps, gapAfter[e])
			}
			if m.eps[e].pres == Exclusive {
				exclusive++
			}
		}
		if m.eps[head].pres == Exclusive && exclusive == exclusives {
			ch.lead = m.h.AccueilMin
		}
		out = append(out, ch)
	}
	return out
}

// daysToHold counts the days until perDay has held every candidate (more
// than MaxDays when never), with the last day's count; false when perDay
// gave up.
func (b *bounds) daysToHold(perDay func(d int) (int, bool)) (days, last int, ok bool) {
	held := 0
	for held < b.m.n && days <= MaxDays {
		c, ok := perDay(days)
		if !ok {
			return 0, 0, false
		}
		held += c
		last = c
		days++
	}
	return days, last, true
}

// busiestUnitDays bounds the days by the busiest unit of type rt: the
// candidates' uses of an épreuve (or of a same_station group, which keeps
// its units) spread over the units, so one unit serves at least
// ⌈candidates × units / capacity⌉ candidates for their whole time on it.
//
// Proof. The N candidates make N × units (candidate, unit) pairs over the
// cap units, so by pigeonhole some unit is in ⌈N × units / cap⌉ of them,
// and serves each of those candidates for the whole épreuve (or group),
// one at a time, in the blocks, not in the opening.
func (b *bounds) busiestUnitDays(rt int) (int, string) {
	m := b.m
	t := m.types[rt]
	minutes, units, names := map[int]int{}, map[int]int{}, map[int][]string{}
	for e, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt != rt {
				continue
			}
			key := e
			if info.station >= 0 {
				key = -1 - info.station // one key per station group
			}
			minutes[key] += info.dur
			units[key] = nd.units
			names[key] = append(names[key], info.id)
		}
	}
	best, why := 0, ""
	for key, mins := range minutes {
		served := (m.n*units[key] + t.cap - 1) / t.cap
		load := served * mins
		d := 1
		for m.dayLen*d-m.open < load {
			d++
		}
		if d > best {
			best = d
			why = fmt.Sprintf("one of the %s of %s serves at least %d candidates for %s (%d minutes each), which takes at least %s",
				plural(t.cap, "unit"), t.name, served, strings.Join(names[key], " and "), mins, plural(d, "day"))
		}
	}
	return best, why
}

// minBreak is the shortest break between two blocks of a day (never with
// one block).
func (m *model) minBreak() int {
	b := never
	for i := 1; i < len(m.blocks); i++ {
		b = min(b, int(m.blocks[i].Start-m.blocks[i-1].End))
	}
	return b
}

// t0 is the earliest instant an accueil can start: the earliest first
// exclusive épreuve less the accueil (0 when unknown).
func (b *bounds) t0() int {
	if b.firstExcl < never {
		return b.firstExcl - b.m.h.AccueilMin
	}
	return 0
}

// groups joins the épreuves linked by the precedences that join accepts
// (edge ed into épreuve a) and returns the representative of each
// épreuve's group.
func (m *model) groups(join func(a int, ed edge) bool) func(int) int {
	comp := make([]int, len(m.eps))
	for i := range comp {
		comp[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if comp[i] != i {
			comp[i] = find(comp[i])
		}
		return comp[i]
	}
	for a, es := range m.preds {
		for _, ed := range es {
			if join(a, ed) {
				comp[find(a)] = find(ed.from)
			}
		}
	}
	return find
}

// clockOf writes an absolute minute as "HH:MM on day N".
func clockOf(t int) string {
	t = max(0, t)
	return fmt.Sprintf("%s on day %d", tpsession.TimeOfDay(t-dayStart(dayOf(t))), dayOf(t)+1)
}
