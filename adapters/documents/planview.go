package documents

import (
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// What the documents read from a plan's items (docs/planning.md#output), beyond its
// day-by-day schedule (plan.Schedule).

// An attendance sheet is signed each morning and each afternoon. With a
// plan, the day's blocks are cut at the midday break: the first break
// between two blocks that ends at noon or later and starts by 14:00
// (12:30–13:30 in the usual calendar, 11:30–12:00 in an early one). A day
// without one (a single block 08:30–17:30, or a break at 15:00 only) is
// cut at noon itself, which splits the block across it: its part before
// noon is the morning's, the rest the afternoon's, and a candidate whose
// épreuve runs across noon signs both sheets. Cutting by the clock rather
// than by the blocks' order keeps a block that runs over lunch from
// leaving the afternoon without a sheet.
const (
	noon        tpsession.TimeOfDay = 12 * 60
	latestLunch tpsession.TimeOfDay = 14 * 60
)

// midday returns the cut between the morning and the afternoon of a day of
// blocks: the midday break from–to, or noon (from == to).
func midday(blocks []plan.Block) (from, to tpsession.TimeOfDay) {
	for i := 1; i < len(blocks); i++ {
		if end, start := blocks[i-1].End, blocks[i].Start; start >= noon && end <= latestLunch {
			return end, start
		}
	}
	return noon, noon
}

// halfBounds returns the bounds of the blocks' parts before the cut (the
// morning) or after it (the afternoon); false when the half-day has none.
func halfBounds(blocks []plan.Block, afternoon bool, cutFrom, cutTo tpsession.TimeOfDay) (from, to tpsession.TimeOfDay, ok bool) {
	for _, bl := range blocks {
		start, end := bl.Start, min(bl.End, cutFrom)
		if afternoon {
			start, end = max(bl.Start, cutTo), bl.End
		}
		switch {
		case start >= end:
		case !ok:
			from, to, ok = start, end, true
		default:
			from, to = min(from, start), max(to, end)
		}
	}
	return from, to, ok
}

// present reports whether the candidate attends the item: an épreuve or
// the accueil; the jury reads, corrects and deliberates alone.
func present(it plan.Item) bool {
	return it.Candidate > 0 && (it.Task == "" || it.Task == plan.TaskAccueil)
}

func overlaps(s plan.Segment, from, to tpsession.TimeOfDay) bool {
	return s.Start < to && s.End > from
}

// halfDay is one attendance sheet's period: a morning or an afternoon of a
// day of the session.
type halfDay struct {
	date date.Date
	// day is the plan's day number; 0 without a plan, and on a day the plan
	// does not use.
	day       int
	afternoon bool
	// from and to bound the plan's blocks of the half-day; both zero
	// without a plan.
	from, to tpsession.TimeOfDay
	// planned reports that the plan covers the half-day: numbers are then
	// the plan candidates it expects and juries the plan juries at work,
	// either possibly empty. Otherwise who comes is unknown.
	planned         bool
	numbers, juries []int
	opening         bool
}

// halfDays returns the periods of the attendance sheets, in order: with a
// plan, the morning and the afternoon of each of its days on which a
// candidate or a jury is expected, bounded by the plan's blocks, and those
// on which a candidate the plan leaves out may come (see unplanned);
// without one, the morning and the afternoon of every working day of the
// session.
func (b *book) halfDays() []halfDay {
	if b.plan == nil {
		var out []halfDay
		for _, d := range b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End) {
			out = append(out, halfDay{date: d}, halfDay{date: d, afternoon: true})
		}
		return out
	}
	rec := b.plan
	days := slices.Clone(rec.Plan.Days)
	for _, c := range b.unplannedCandidates() {
		for _, a := range b.appointments(c.ID) {
			if !slices.Contains(days, a.Day) {
				days = append(days, a.Day)
			}
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	blocks := rec.Input.Calendar.Blocks
	cutFrom, cutTo := midday(blocks)
	var out []halfDay
	for _, dt := range days {
		day := slices.Index(rec.Plan.Days, dt) + 1
		for _, afternoon := range []bool{false, true} {
			h := halfDay{date: dt, day: day, afternoon: afternoon}
			var ok bool
			if h.from, h.to, ok = halfBounds(blocks, afternoon, cutFrom, cutTo); !ok {
				continue
			}
			if day > 0 {
				h.fill(rec)
			}
			if len(h.numbers) > 0 || len(h.juries) > 0 || len(b.unplanned(h)) > 0 {
				out = append(out, h)
			}
		}
	}
	return out
}

// fill finds who is expected in the half-day.
func (h *halfDay) fill(rec *plan.Record) {
	var numbers, juries []int
	dayJuries := map[int]bool{}
	for _, it := range rec.Plan.Items {
		for _, s := range it.Segments {
			if s.Day != h.day {
				continue
			}
			if it.Jury > 0 {
				dayJuries[it.Jury] = true
			}
			if !overlaps(s, h.from, h.to) {
				continue
			}
			if present(it) {
				numbers = append(numbers, it.Candidate)
			}
			if it.Jury > 0 {
				juries = append(juries, it.Jury)
			}
		}
	}
	// Every jury that works on the opening's day attends it (docs/planning.md#the-model).
	if o := rec.Plan.Opening; o != nil && o.Day == h.day && overlaps(plan.Segment{Day: o.Day, Start: o.Start, End: o.End}, h.from, h.to) {
		h.opening = true
		for j := range dayJuries {
			juries = append(juries, j)
		}
	}
	slices.Sort(numbers)
	slices.Sort(juries)
	h.planned, h.numbers, h.juries = true, slices.Compact(numbers), slices.Compact(juries)
}

// unplannedCandidates returns the registered candidates, in registration
// order, that PlanCandidates leaves without a number while it numbers
// others: those registered after the plan was made, beyond its count of
// candidates, above all. The plan says nothing of when they come. Without
// PlanCandidates, nobody is told apart and there are none.
func (b *book) unplannedCandidates() []candidate.Candidate {
	if b.plan == nil || len(b.named) == 0 {
		return nil
	}
	var out []candidate.Candidate
	for _, c := range b.registeredCandidates() {
		if _, ok := b.number[c.ID]; !ok {
			out = append(out, c)
		}
	}
	return out
}

// unplanned returns the unplanned candidates who may come in the half-day:
// those its day convokes before its end, those convoked on an earlier day
// and on none later (their épreuves may run on), and those not convoked
// yet.
func (b *book) unplanned(h halfDay) []candidate.Candidate {
	var out []candidate.Candidate
	for _, c := range b.unplannedCandidates() {
		as := b.appointments(c.ID)
		today := slices.IndexFunc(as, func(a candidate.Appointment) bool { return a.Day == h.date })
		switch {
		case len(as) == 0,
			today >= 0 && as[today].Time < h.to,
			today < 0 && as[len(as)-1].Day < h.date:
			out = append(out, c)
		}
	}
	return out
}

// appointments returns the days and times of the candidate's convocation,
// drafted or validated; none when there is none.
func (b *book) appointments(id tpsession.CandidateID) []candidate.Appointment {
	if r, ok := b.registration(id); ok && r.Convocation != nil {
		return r.Convocation.Appointments
	}
	return nil
}

// PlanNumbering tells who is who in the dossier's plan
// (session.NumberPlanCandidates, from the dossier's registrations and
// assignment): the candidates of panel j take numbers of the plan's jury
// j, those whose convocation gives appointments keep a number they meet,
// the others take the numbers left in registration order. It returns nil
// when the dossier has no feasible plan, and ErrInvalidDossier when the
// dossier does not hold together (its PlanCandidates aside). Gather sets
// Dossier.PlanCandidates to the service's numbering, which also counts
// the withdrawn registrations; this one is for a dossier assembled by
// other means.
func PlanNumbering(d Dossier) ([]tpsession.CandidateID, error) {
	d.PlanCandidates = nil
	b, err := d.open()
	if err != nil || b.plan == nil {
		return nil, err
	}
	return session.NumberPlanCandidates(*b.plan, b.regs, b.Assignment), nil
}
