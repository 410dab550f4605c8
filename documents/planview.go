package documents

import (
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// What the documents read from a plan's items (planning.md §3), beyond the
// déroulé that plan.WriteDeroule prints.

// noon splits a day's blocks into the morning and the afternoon: a block
// starting before noon is a morning block.
const noon tpsession.TimeOfDay = 12 * 60

// exclusive reports whether the épreuve is attended by the candidate's jury.
func exclusive(in plan.Input, epreuve string) bool {
	i := slices.IndexFunc(in.Epreuves, func(e plan.Epreuve) bool { return e.ID == epreuve })
	return i >= 0 && in.Epreuves[i].Jury == plan.Exclusive
}

// candidateJuries returns each plan candidate's jury: the one that attends
// its exclusive épreuves and does its hidden tasks (planning.md §1).
// Candidates without exclusive épreuve have none.
func candidateJuries(rec plan.Record) map[int]int {
	out := map[int]int{}
	for _, it := range rec.Plan.Items {
		if it.Candidate > 0 && it.Jury > 0 && (it.Task != "" || exclusive(rec.Input, it.Epreuve)) {
			out[it.Candidate] = it.Jury
		}
	}
	return out
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
	date      date.Date
	day       int // the plan's day number; 0 without a plan
	afternoon bool
	// from and to bound the plan's blocks of the half-day; both zero
	// without a plan.
	from, to tpsession.TimeOfDay
	// numbers are the plan candidates expected, juries the plan juries at
	// work; both nil without a plan.
	numbers, juries []int
	opening         bool
}

// halfDays returns the periods of the attendance sheets: with a plan, the
// morning and the afternoon of each of its days on which a candidate or a
// jury is expected, bounded by the plan's blocks; without one, the morning
// and the afternoon of every working day of the session.
func (b *book) halfDays() []halfDay {
	if b.plan == nil {
		var out []halfDay
		for _, d := range b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End) {
			out = append(out, halfDay{date: d}, halfDay{date: d, afternoon: true})
		}
		return out
	}
	rec := b.plan
	var out []halfDay
	for day, dt := range rec.Plan.Days {
		day++
		for _, afternoon := range []bool{false, true} {
			h := halfDay{date: dt, day: day, afternoon: afternoon}
			found := false
			for _, bl := range rec.Input.Calendar.Blocks {
				switch {
				case (bl.Start >= noon) != afternoon:
				case !found:
					h.from, h.to, found = bl.Start, bl.End, true
				default:
					h.from, h.to = min(h.from, bl.Start), max(h.to, bl.End)
				}
			}
			if !found {
				continue
			}
			h.fill(rec)
			if len(h.numbers) > 0 || len(h.juries) > 0 {
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
	// Every jury that works on the opening's day attends it (planning.md §1).
	if o := rec.Plan.Opening; o != nil && o.Day == h.day && overlaps(plan.Segment{Day: o.Day, Start: o.Start, End: o.End}, h.from, h.to) {
		h.opening = true
		for j := range dayJuries {
			juries = append(juries, j)
		}
	}
	slices.Sort(numbers)
	slices.Sort(juries)
	h.numbers, h.juries = slices.Compact(numbers), slices.Compact(juries)
}

// PlanNumbering proposes Dossier.PlanCandidates: who is who in the plan.
// The plan's jury j is the assignment's panel j, so each panel's
// candidates take, in registration order, the numbers of the plan
// candidates that jury attends; the candidates and numbers left over are
// then paired in order. Without an assignment, the candidates take the
// numbers in registration order. It returns nil when the dossier has no
// feasible plan, and ErrInvalidDossier when the dossier does not hold
// together (its PlanCandidates aside).
//
// It is a proposal: a centre whose convocations already give candidates
// their times keeps the numbering that matches them.
func PlanNumbering(d Dossier) ([]tpsession.CandidateID, error) {
	d.PlanCandidates = nil
	b, err := d.open()
	if err != nil || b.plan == nil {
		return nil, err
	}
	n := b.plan.Input.Candidates
	out := make([]tpsession.CandidateID, n)
	taken := map[tpsession.CandidateID]bool{}
	juryOf := candidateJuries(*b.plan)
	for _, p := range b.Assignment.Panels {
		next := 1
		for _, r := range b.regs {
			if !slices.Contains(p.Candidates, r.Candidate) {
				continue
			}
			for next <= n && (juryOf[next] != p.Jury || out[next-1] != "") {
				next++
			}
			if next > n {
				break
			}
			out[next-1], taken[r.Candidate] = r.Candidate, true
		}
	}
	next := 1
	for _, r := range b.regs {
		if taken[r.Candidate] {
			continue
		}
		for next <= n && out[next-1] != "" {
			next++
		}
		if next > n {
			break
		}
		out[next-1] = r.Candidate
	}
	last := len(out)
	for last > 0 && out[last-1] == "" {
		last--
	}
	return out[:last], nil
}
