package session

import (
	"slices"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// keepTimes rearranges a fresh assignment so that as many candidates as
// the conflicts of interest allow keep the days and times their
// convocation gives (docs/rules.md#convocation-appointments): a
// convocation drafted or validated before the jury assignment gave the
// candidate the times of a plan candidate, and the assignment decides
// which jury, hence which times, the candidate has.
//
// The panels' members stay as jury.Assign formed them; the candidates may
// move to another panel none of whose members conflicts with them, and
// the panels of equal capacity may swap the plan jury they stand for.
// Among the arrangements, it takes one that breaks the fewest validated
// convocations, then the fewest drafts (an optimal assignment of
// candidates to the plan's numbers, by the Hungarian method), and keeps
// the assignment as it is when it does as well. It changes nothing
// without a plan whose capacities the panels took, or when no convocation
// gives appointments.
func keepTimes(as jury.Assignment, rec plan.Record, regs []candidate.Registration, conflicts func(tpsession.MemberID, tpsession.CandidateID) bool) jury.Assignment {
	if !as.Assigned() || !rec.Plan.Feasible {
		return as
	}
	juryOf := PlanJuries(rec)
	numbers := map[int][]int{} // plan jury → its numbers
	for k := 1; k <= rec.Input.Candidates; k++ {
		numbers[juryOf[k]] = append(numbers[juryOf[k]], k)
	}
	var rows []person
	stake := false
	for _, p := range peopleOf(regs) {
		if _, ok := as.PanelOf(p.id); ok && p.active {
			rows = append(rows, p)
			stake = stake || p.conv != nil && len(p.conv.Appointments) > 0
		}
	}
	for _, p := range as.Panels {
		if len(p.Candidates) > len(numbers[p.Jury]) {
			return as // the panels were balanced, not sized by the plan
		}
	}
	if !stake {
		return as
	}
	appointments := planAppointmentsAll(rec)
	n := rec.Input.Candidates
	// cost of giving row i the number k, the panel standing for plan jury
	// j holding members: a validated convocation broken weighs more than
	// a draft.
	cost := func(i, k int, members []tpsession.MemberID) int64 {
		if slices.ContainsFunc(members, func(m tpsession.MemberID) bool { return conflicts(m, rows[i].id) }) {
			return forbidden
		}
		c := rows[i].conv
		switch {
		case c == nil || len(c.Appointments) == 0 || rows[i].meets(appointments[k]):
			return 0
		case c.Validated():
			return int64(2 * len(rows))
		}
		return 1
	}
	arrange := func(standsFor []int, stay bool) (int64, []int) {
		m := make([][]int64, len(rows))
		for i := range rows {
			m[i] = make([]int64, n)
			own, _ := as.PanelOf(rows[i].id)
			for k := 1; k <= n; k++ {
				p := slices.Index(standsFor, juryOf[k])
				switch {
				case p < 0, stay && as.Panels[p].Jury != own.Jury:
					m[i][k-1] = forbidden
				default:
					m[i][k-1] = cost(i, k, as.Panels[p].Members)
				}
			}
		}
		return assignMinCost(m)
	}
	identity := make([]int, len(as.Panels))
	for i, p := range as.Panels {
		identity[i] = p.Jury
	}
	kept, _ := arrange(identity, true)
	best, bestLabels, bestNumbers := kept, identity, []int(nil)
	for _, labels := range relabellings(as, numbers) {
		total, assigned := arrange(labels, false)
		if total < best {
			best, bestLabels, bestNumbers = total, labels, assigned
		}
	}
	if bestNumbers == nil {
		return as
	}
	out := as.Clone()
	for p := range out.Panels {
		out.Panels[p].Jury = bestLabels[p]
		out.Panels[p].Candidates = nil
	}
	for i, k := range bestNumbers {
		p := slices.Index(bestLabels, juryOf[k+1])
		out.Panels[p].Candidates = append(out.Panels[p].Candidates, rows[i].id)
	}
	for p := range out.Panels {
		slices.Sort(out.Panels[p].Candidates)
	}
	slices.SortFunc(out.Panels, func(a, b jury.Panel) int { return a.Jury - b.Jury })
	return out
}

// maxRelabellings bounds the swaps of plan juries among panels that
// keepTimes tries: every one for up to 5 panels of a capacity, the
// panels' own labels beyond.
const maxRelabellings = 120

// relabellings returns the ways the panels may stand for the plan's
// juries: a panel may take the jury of another panel whose jury has as
// many numbers. The panels' own labels come first.
func relabellings(as jury.Assignment, numbers map[int][]int) [][]int {
	labels := make([]int, len(as.Panels))
	for i, p := range as.Panels {
		labels[i] = p.Jury
	}
	out := [][]int{slices.Clone(labels)}
	var permute func(i int)
	permute = func(i int) {
		if i == len(labels) || len(out) > maxRelabellings {
			if i == len(labels) && !slices.Equal(labels, out[0]) {
				out = append(out, slices.Clone(labels))
			}
			return
		}
		for j := i; j < len(labels); j++ {
			if len(numbers[labels[i]]) != len(numbers[labels[j]]) {
				continue
			}
			labels[i], labels[j] = labels[j], labels[i]
			permute(i + 1)
			labels[i], labels[j] = labels[j], labels[i]
		}
	}
	permute(0)
	if len(out) > maxRelabellings {
		return out[:1]
	}
	return out
}

// forbidden is the cost of an assignment that may not be made.
const forbidden int64 = 1 << 40

// assignMinCost assigns each row of the cost matrix m (rows ≤ columns) a
// distinct column at the least total cost, by the Hungarian method in
// O(rows² · columns); it returns the total and each row's column, the
// total at least forbidden when some row can only take a forbidden one.
func assignMinCost(m [][]int64) (int64, []int) {
	rows := len(m)
	if rows == 0 {
		return 0, nil
	}
	cols := len(m[0])
	const inf = int64(1) << 62
	u, v := make([]int64, rows+1), make([]int64, cols+1)
	match := make([]int, cols+1) // column → row, 1-based; 0 free
	way := make([]int, cols+1)
	for i := 1; i <= rows; i++ {
		match[0] = i
		j0 := 0
		minv := make([]int64, cols+1)
		used := make([]bool, cols+1)
		for j := range minv {
			minv[j] = inf
		}
		for {
			used[j0] = true
			i0, delta, j1 := match[j0], inf, 0
			for j := 1; j <= cols; j++ {
				if used[j] {
					continue
				}
				if cur := m[i0-1][j-1] - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= cols; j++ {
				if used[j] {
					u[match[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if match[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			match[j0] = match[j1]
			j0 = j1
		}
	}
	assigned := make([]int, rows)
	var total int64
	for j := 1; j <= cols; j++ {
		if match[j] > 0 {
			assigned[match[j]-1] = j - 1
			total += m[match[j]-1][j-1]
		}
	}
	return total, assigned
}
