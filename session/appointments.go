package session

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// A session's plan numbers its candidates 1…N; its appointments are the
// registered candidates' (docs/rules.md#convocation-appointments). Who is
// who is derived, never stored, from the plan, the registrations and the
// jury assignment, so that it is the same wherever it is read: the
// convocations, readiness and the documents.

// NumberPlanCandidates tells who is who in the plan rec: candidate k of the
// plan is the k-th ID returned ("" for a number nobody holds), trailing
// empty numbers left out. regs are the session's registrations, withdrawn
// ones included, in registration order, with their convocations; as is
// its jury assignment, zero when not made. It returns nil for an
// infeasible plan.
//
// The plan's jury j is the assignment's panel j, so a candidate of panel j
// takes a number of a plan candidate that jury attends. Within that rule:
//
//  1. the candidates whose convocation gives appointments keep, as many as
//     can, a number whose days and times it gives exactly, then the one
//     whose appointments it meets (candidate.ConvocationDetails.Unmet)
//     most closely — no day given in vain, the least time early — those
//     validated first, then those drafted, in order of registration;
//  2. the others take the numbers left in order of registration, a
//     withdrawn candidate too, so that a withdrawal moves nobody's number;
//  3. a candidate left without one, registered beyond the plan's count,
//     takes a withdrawn candidate's number.
//
// Making the plan again, or the assignment, may number the candidates
// otherwise; AssignJury arranges the panels so that convocations keep
// their times where the conflicts of interest allow.
func NumberPlanCandidates(rec plan.Record, regs []candidate.Registration, as jury.Assignment) []tpsession.CandidateID {
	if !rec.Plan.Feasible {
		return nil
	}
	n := rec.Input.Candidates
	appointments := planAppointmentsAll(rec)
	juryOf := PlanJuries(rec)
	people := peopleOf(regs)
	panelOf := map[tpsession.CandidateID]int{}
	for _, p := range as.Panels {
		for _, c := range p.Candidates {
			panelOf[c] = p.Jury
		}
	}
	allowed := func(c person, k int) bool {
		j, ok := panelOf[c.id]
		return !ok || juryOf[k] == j
	}
	out := make([]tpsession.CandidateID, n)
	holder := make([]int, n+1) // number → index in people + 1
	// 1. Convocations keep their numbers: first those that give exactly a
	// number's days and times, by a matching of augmenting paths, then
	// those that give a number's days at or before its times.
	var visit func(i int, seen []bool) bool
	visit = func(i int, seen []bool) bool {
		for k := 1; k <= n; k++ {
			if seen[k] || !allowed(people[i], k) || !candidate.SameTimes(people[i].conv.Appointments, appointments[k]) {
				continue
			}
			seen[k] = true
			if holder[k] == 0 || visit(holder[k]-1, seen) {
				holder[k] = i + 1
				return true
			}
		}
		return false
	}
	var convoked []int // validated first, then drafted
	for _, validated := range []bool{true, false} {
		for i, c := range people {
			if c.active && c.conv != nil && len(c.conv.Appointments) > 0 && c.conv.Validated() == validated {
				convoked = append(convoked, i)
			}
		}
	}
	for _, i := range convoked {
		visit(i, make([]bool, n+1))
	}
	for _, i := range convoked {
		if slices.Contains(holder, i+1) {
			continue
		}
		best, bestFit := 0, fit{}
		for k := 1; k <= n; k++ {
			if holder[k] != 0 || !allowed(people[i], k) || !people[i].meets(appointments[k]) {
				continue
			}
			if f := fitOf(people[i].conv.Appointments, appointments[k]); best == 0 || f.better(bestFit) {
				best, bestFit = k, f
			}
		}
		if best > 0 {
			holder[best] = i + 1
		}
	}
	numbered := map[tpsession.CandidateID]bool{}
	for k := 1; k <= n; k++ {
		if holder[k] > 0 {
			out[k-1], numbered[people[holder[k]-1].id] = people[holder[k]-1].id, true
		}
	}
	// 2. The others, in order of registration.
	for _, c := range people {
		if numbered[c.id] {
			continue
		}
		for k := 1; k <= n; k++ {
			if out[k-1] == "" && allowed(c, k) {
				out[k-1], numbered[c.id] = c.id, true
				break
			}
		}
	}
	active := map[tpsession.CandidateID]bool{}
	for _, c := range people {
		active[c.id] = c.active
	}
	// 3. A candidate registered beyond the count takes a withdrawn one's
	// number.
	for _, c := range people {
		if !c.active || numbered[c.id] {
			continue
		}
		if k := slices.IndexFunc(out, func(id tpsession.CandidateID) bool { return id != "" && !active[id] }); k >= 0 {
			out[k], numbered[c.id] = c.id, true
		}
	}
	for k, id := range out {
		if id != "" && !active[id] {
			out[k] = ""
		}
	}
	last := len(out)
	for last > 0 && out[last-1] == "" {
		last--
	}
	return out[:last]
}

// person is a candidate of the session as the numbering sees them: once,
// at their first registration, active when a registration is, with the
// convocation of their active registration.
type person struct {
	id     tpsession.CandidateID
	active bool
	conv   *candidate.Convocation
}

// meets reports whether the person's convocation gives the appointments
// (see candidate.ConvocationDetails.Unmet).
func (p person) meets(needed []candidate.Appointment) bool {
	return p.conv != nil && len(p.conv.Appointments) > 0 && len(p.conv.Unmet(needed)) == 0
}

// fit is how closely a convocation gives a number's appointments that it
// meets: on days it gives in vain, and by how many minutes early.
type fit struct{ extraDays, earlyMin int }

func (f fit) better(g fit) bool {
	return f.extraDays < g.extraDays || f.extraDays == g.extraDays && f.earlyMin < g.earlyMin
}

func fitOf(given, needed []candidate.Appointment) fit {
	var f fit
	for _, a := range given {
		i := slices.IndexFunc(needed, func(n candidate.Appointment) bool { return n.Day == a.Day })
		if i < 0 {
			f.extraDays++
			continue
		}
		f.earlyMin += int(needed[i].Time - a.Time)
	}
	return f
}

// peopleOf lists the candidates of regs once each, in order of first
// registration.
func peopleOf(regs []candidate.Registration) []person {
	var people []person
	for _, r := range regs {
		i := slices.IndexFunc(people, func(p person) bool { return p.id == r.Candidate })
		if i < 0 {
			people = append(people, person{id: r.Candidate})
			i = len(people) - 1
		}
		if r.Active() {
			people[i].active, people[i].conv = true, r.Convocation
		}
	}
	return people
}

// PlanJuries returns each plan candidate's jury: the one that attends its
// exclusive épreuves and does its hidden tasks (docs/planning.md#the-model).
// Candidates without exclusive épreuve have none.
func PlanJuries(rec plan.Record) map[int]int {
	exclusive := map[string]bool{}
	for _, e := range rec.Input.Epreuves {
		exclusive[e.ID] = e.Jury == plan.Exclusive
	}
	out := map[int]int{}
	for _, it := range rec.Plan.Items {
		if it.Candidate > 0 && it.Jury > 0 && (it.Task != "" || exclusive[it.Epreuve]) {
			out[it.Candidate] = it.Jury
		}
	}
	return out
}

// PlanAppointments returns the appointments the plan rec gives its
// candidate k, one for each day the candidate attends something: at the
// session's opening on its day, which every candidate of that day attends,
// otherwise at the first thing the candidate attends (the accueil with the
// jury, or an épreuve), with the label of the day's first épreuve and the
// labels of its rooms and stations (plan.Input.UnitLabel). None for a
// number the plan does not have.
func PlanAppointments(rec plan.Record, k int) []candidate.Appointment {
	return planAppointmentsAll(rec)[k]
}

// planAppointmentsAll returns the appointments of every plan candidate, by
// number.
func planAppointmentsAll(rec plan.Record) map[int][]candidate.Appointment {
	out := map[int][]candidate.Appointment{}
	if !rec.Plan.Feasible {
		return out
	}
	for _, day := range rec.Schedule().Days {
		for _, agenda := range day.Candidates {
			entries := agenda.Entries
			if len(entries) == 0 {
				continue
			}
			a := candidate.Appointment{Day: day.Date, Time: entries[0].Start}
			if o := day.Opening; o != nil && o.Start <= a.Time {
				a.Time, a.Opening = o.Start, true
			}
			if j := slices.IndexFunc(entries, func(e plan.Entry) bool { return e.Task == "" }); j >= 0 {
				e := entries[j]
				a.Epreuve = cmp.Or(e.Label, e.Epreuve)
				a.Room = strings.Join(rec.Input.UnitLabels(e.Units), ", ")
			}
			out[agenda.Number] = append(out[agenda.Number], a)
		}
	}
	return out
}

// planView is what a session's plan says of its registered candidates.
type planView struct {
	// numbers maps each numbered candidate to its number in the plan.
	numbers map[tpsession.CandidateID]int
	// byNumber are the plan's appointments of each number.
	byNumber map[int][]candidate.Appointment
}

// appointments returns the appointments the plan gives the candidate, and
// whether the plan knows the candidate.
func (v planView) appointments(id tpsession.CandidateID) ([]candidate.Appointment, bool) {
	k, ok := v.numbers[id]
	if !ok {
		return nil, false
	}
	return v.byNumber[k], true
}

// planView reads who is who in the session's current plan; empty when the
// session has no feasible plan of its dates.
func (s *Service) planView(ctx context.Context, by Actor, ses Session) (planView, error) {
	v := planView{numbers: map[tpsession.CandidateID]int{}}
	rec, planned, err := s.currentPlan(ctx, by, ses)
	if err != nil || !planned {
		return v, err
	}
	ids, err := s.planNumbering(ctx, by, ses.ID, rec)
	if err != nil {
		return v, err
	}
	for i, id := range ids {
		if id != "" {
			v.numbers[id] = i + 1
		}
	}
	v.byNumber = planAppointmentsAll(rec)
	return v, nil
}

func (s *Service) planNumbering(ctx context.Context, by Actor, sid tpsession.SessionID, rec plan.Record) ([]tpsession.CandidateID, error) {
	regs, err := s.st.Registrations.RegistrationsOfSession(ctx, by.Centre, sid)
	if err != nil {
		return nil, err
	}
	sj, err := s.st.Juries.SessionJury(ctx, by.Centre, sid)
	if err != nil {
		return nil, err
	}
	return NumberPlanCandidates(rec, regs, sj.Assignment), nil
}

// PlanCandidates tells who is who in the session's current plan (see
// NumberPlanCandidates); nil when the session has no feasible plan of its
// dates.
func (s *Service) PlanCandidates(ctx context.Context, by Actor, sid tpsession.SessionID) ([]tpsession.CandidateID, error) {
	_, ids, _, err := s.numberedPlan(ctx, by, sid)
	return ids, err
}

// numberedPlan returns the session's current plan and who is who in it,
// and false when the session has no feasible plan of its dates.
func (s *Service) numberedPlan(ctx context.Context, by Actor, sid tpsession.SessionID) (plan.Record, []tpsession.CandidateID, bool, error) {
	ses, err := s.Session(ctx, by, sid)
	if err != nil {
		return plan.Record{}, nil, false, err
	}
	rec, planned, err := s.currentPlan(ctx, by, ses)
	if err != nil || !planned {
		return plan.Record{}, nil, false, err
	}
	ids, err := s.planNumbering(ctx, by, sid, rec)
	return rec, ids, err == nil, err
}

// PlanAppointments returns the appointments the session's current plan
// gives a registered candidate, and false when the plan does not say when
// the candidate comes: no feasible plan of the session's dates, or a
// candidate it does not number.
func (s *Service) PlanAppointments(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID) ([]candidate.Appointment, bool, error) {
	ses, err := s.Session(ctx, by, sid)
	if err != nil {
		return nil, false, err
	}
	v, err := s.planView(ctx, by, ses)
	if err != nil {
		return nil, false, err
	}
	as, ok := v.appointments(cid)
	return as, ok, nil
}

// fromPlan completes a convocation's details with the plan's appointments
// when the plan knows the candidate: the plan's own when none are given or
// when those given have its days and times (they then take its rooms),
// and otherwise those given, which must still meet the plan's
// (candidate.ErrAppointmentsUnmet).
func fromPlan(d candidate.ConvocationDetails, needed []candidate.Appointment, known bool) (candidate.ConvocationDetails, error) {
	if !known || len(needed) == 0 {
		return d, nil
	}
	if len(d.Appointments) == 0 || candidate.SameTimes(d.Appointments, needed) {
		d.Appointments = needed
		return d, nil
	}
	return d, d.MeetPlan(needed)
}
