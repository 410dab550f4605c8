package plan

import (
	"cmp"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
)

// Schedule is a plan read day by day: the déroulé de session that must be
// displayed in the exam rooms (docs/rules.md#rooms-and-displays), as data
// and in no language. For each working day it gives the opening, then each
// jury's agenda and each candidate's, every entry in order of start time.
// A renderer (adapters/documents prints it in French, as text or PDF) only
// chooses words and layout; it adds the names of the juries' members and of
// the candidates where it has them.
type Schedule struct {
	Title Title
	// Feasible and Reason are the plan's: an infeasible plan has no days.
	Feasible bool
	Reason   string
	// Candidates is the number of candidates planned, numbered 1…N.
	Candidates int
	// Juries are numbered 1…Juries, each of MembersPerJury members;
	// Members = Juries × MembersPerJury.
	Juries, MembersPerJury, Members int
	// MemberDays and JuryCost are set when the input gives a member day fee.
	MemberDays int
	JuryCost   decimal.NullDecimal
	Days       []ScheduleDay
}

// ScheduleDay is one working day of the session.
type ScheduleDay struct {
	// Number counts the working days from 1; Date is its date.
	Number int
	Date   date.Date
	// Opening is the session's opening, on the day it takes place.
	Opening *Segment
	// Juries and Candidates hold the agenda of every jury and every
	// candidate with something that day, by number.
	Juries, Candidates []Agenda
}

// Agenda is one jury's or one candidate's entries of a day, by start time
// (entries starting together keep the plan's order).
type Agenda struct {
	// Number is the jury's or the candidate's number.
	Number  int
	Entries []Entry
}

// Entry is one line of an agenda: a part of an épreuve or a hidden task.
type Entry struct {
	Segment
	// Task is the hidden task, empty for an épreuve. In a candidate's
	// agenda the only task is its accueil.
	Task Task
	// Epreuve is the épreuve's ID (the corrected one for a correction) and
	// Label its label in the input, empty for the other tasks.
	Epreuve, Label string
	// Observed is set on a jury's sitting of an observed épreuve, which
	// may gather several candidates.
	Observed bool
	// Candidates are the candidates the entry concerns: in a jury's
	// agenda, the one it evaluates or for whom it does the task (none for
	// its briefing and closure), or every candidate of an observed
	// sitting in the order of the plan; in a candidate's agenda, itself.
	Candidates []int
	// Jury is, in a candidate's agenda, the jury attending the épreuve or
	// giving the accueil (0 for an épreuve without jury); in a jury's, the
	// jury itself.
	Jury int
	// Units are the stations and rooms the épreuve holds (salle_qp#1), and
	// Rooms the same named for the people who read the schedule
	// (Input.UnitLabel: "Salle QP n° 1").
	Units, Rooms []string
	// Part and Parts say which part of a split épreuve this is (1 of 3);
	// both are 0 for an épreuve in one piece.
	Part, Parts int
}

// Schedule reads the record's plan day by day.
func (r Record) Schedule() Schedule { return NewSchedule(r.Input, r.Plan) }

// NewSchedule reads the plan p, computed from in, day by day.
func NewSchedule(in Input, p Plan) Schedule {
	s := Schedule{
		Title: in.Title, Feasible: p.Feasible, Reason: p.Reason, Candidates: in.Candidates,
		Juries: p.Juries, MembersPerJury: in.Jury.MembersPerJury, Members: p.Members,
		MemberDays: p.MemberDays, JuryCost: p.JuryCost,
	}
	if !p.Feasible {
		return s
	}
	epreuves := map[string]Epreuve{}
	for _, e := range in.Epreuves {
		epreuves[e.ID] = e
	}
	for d := 1; d <= len(p.Days); d++ {
		day := ScheduleDay{Number: d, Date: p.Days[d-1]}
		if o := p.Opening; o != nil && o.Day == d {
			day.Opening = &Segment{Day: d, Start: o.Start, End: o.End}
		}
		juries := map[int][]Entry{}
		cands := map[int][]Entry{}
		sittings := map[observedSitting]int{} // an observed sitting → its index in juries[jury]
		for _, it := range p.Items {
			for n, sg := range it.Segments {
				if sg.Day != d {
					continue
				}
				e := Entry{Segment: sg, Task: it.Task, Epreuve: it.Epreuve, Jury: it.Jury}
				if len(it.Segments) > 1 {
					e.Part, e.Parts = n+1, len(it.Segments)
				}
				if it.Task != "" {
					if it.Candidate > 0 {
						e.Candidates = []int{it.Candidate}
					}
					juries[it.Jury] = append(juries[it.Jury], e)
					if it.Task == TaskAccueil {
						cands[it.Candidate] = append(cands[it.Candidate], e)
					}
					continue
				}
				e.Label = epreuves[it.Epreuve].Label
				e.Units = slices.Clone(it.Units)
				e.Rooms = in.UnitLabels(it.Units)
				e.Candidates = []int{it.Candidate}
				cands[it.Candidate] = append(cands[it.Candidate], e)
				if it.Jury == 0 {
					continue
				}
				// The jury's line names no station: it follows its
				// candidates from room to room.
				e.Units, e.Rooms = nil, nil
				if epreuves[it.Epreuve].Jury == Observe {
					// Candidates observed together form one sitting.
					key := observedSitting{it.Jury, it.Epreuve, sg.Start}
					if k, ok := sittings[key]; ok {
						juries[it.Jury][k].Candidates = append(juries[it.Jury][k].Candidates, it.Candidate)
						continue
					}
					e.Observed = true
					e.Candidates = []int{it.Candidate}
					sittings[key] = len(juries[it.Jury])
				}
				juries[it.Jury] = append(juries[it.Jury], e)
			}
		}
		day.Juries = agendas(juries)
		day.Candidates = agendas(cands)
		s.Days = append(s.Days, day)
	}
	return s
}

// observedSitting identifies a jury's sitting of an observed épreuve.
type observedSitting struct {
	jury    int
	epreuve string
	start   tpsession.TimeOfDay
}

// agendas orders each agenda's entries by start time, and the agendas by
// number.
func agendas(entries map[int][]Entry) []Agenda {
	out := make([]Agenda, 0, len(entries))
	for n, es := range entries {
		slices.SortStableFunc(es, func(a, b Entry) int { return cmp.Compare(a.Start, b.Start) })
		out = append(out, Agenda{Number: n, Entries: es})
	}
	slices.SortFunc(out, func(a, b Agenda) int { return cmp.Compare(a.Number, b.Number) })
	return out
}
