package plan_test

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession/session/plan"
)

const exampleInput = `{
 "title": {"code": "TP-01281", "name": "Concepteur développeur d'applications"},
 "candidates": 4,
 "epreuves": [
  {"id": "QP", "duration_min": 30, "jury": "none", "resources": [{"type": "salle_qp", "units": 1}], "corrected_by_jury": true},
  {"id": "PROJ", "duration_min": 40, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]},
  {"id": "ET", "duration_min": 45, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]},
  {"id": "EF", "duration_min": 20, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]}
 ],
 "constraints": [
  {"type": "precedes", "before": "QP", "after": "PROJ"},
  {"type": "no_wait", "before": "PROJ", "after": "ET", "max_gap_min": 0},
  {"type": "last", "epreuve": "EF"}
 ],
 "capacities": {"salle_qp": 8, "salle_entretien": 2},
 "hidden": {"opening_min": 30, "jury_briefing_min": 30, "jury_closure_min": 30, "accueil_min": 5,
            "reading_min": 20, "correction_min": 10, "deliberation_min": 10},
 "calendar": {"blocks": [["08:30", "12:30"], ["13:30", "17:30"]], "region": "metropole"},
 "jury": {"members_per_jury": 2, "member_day_min": 420, "max_juries": 4, "member_day_fee": "180.00"},
 "objective": "min_juries"
}`

// The leaflet's question: how many jury members for a session of 2 days
// starting on 1 March 2027? The session supplies the start and the days.
func ExampleCompute() {
	in, err := plan.Decode(strings.NewReader(exampleInput))
	if err != nil {
		fmt.Println(err)
		return
	}
	in = in.WithSession(date.New(2027, 3, 1), 2)
	p, err := plan.Compute(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("feasible:", p.Feasible)
	fmt.Println("juries:", p.Juries, "members:", p.Members, "days:", p.Days)
	fmt.Println("bounds:", p.LowerBounds.Juries, "juries,", p.LowerBounds.Days, "days")
	fmt.Println("member days:", p.MemberDays, "cost:", p.JuryCost.Decimal.StringFixed(2), "€")
	// Output:
	// feasible: true
	// juries: 1 members: 2 days: [2027-03-01 2027-03-02]
	// bounds: 1 juries, 2 days
	// member days: 4 cost: 720.00 €
}

// With a single day allowed and one jury, the answer names the limit that
// binds and proves it.
func ExampleCompute_infeasible() {
	in, _ := plan.Decode(strings.NewReader(exampleInput))
	in = in.WithSession(date.New(2027, 3, 1), 1)
	in.Jury.MaxJuries = 1
	p, _ := plan.Compute(in)
	fmt.Println("feasible:", p.Feasible, "proved:", p.Proved)
	fmt.Println(p.Reason)
	// Output:
	// feasible: false proved: true
	// in 1 day, 600 minutes of jury work (épreuves attended, hidden times) plus each jury's briefing and closure need at least 2 juries working at most 420 minutes a day (the input allows at most 1 jury: jury.max_juries)
}

// Bad input is refused with every problem at once, named by JSON path.
func ExampleInput_Validate() {
	in, _ := plan.Decode(strings.NewReader(exampleInput))
	in.Epreuves[2].DurationMin = 300
	in.Jury.MembersPerJury = 1
	err := in.Validate()
	fmt.Println(err)
	// Output:
	// plan.input_invalid: the planning input is invalid: calendar.start: is required (YYYY-MM-DD); calendar.max_days: must be between 1 and 260 working days, got 0; epreuves[2].duration_min: 300 minutes do not fit in any block (the longest lasts 240 minutes); make the épreuve splittable or lengthen a block; jury.members_per_jury: a jury has at least 2 members, got 1
}

// The schedule is the plan day by day, in no language: the opening, each
// jury's agenda, each candidate's. adapters/documents prints it in French.
func ExampleNewSchedule() {
	in, _ := plan.Decode(strings.NewReader(exampleInput))
	in = in.WithSession(date.New(2027, 3, 1), 1)
	in.Candidates = 1
	p, _ := plan.Compute(in)
	s := plan.NewSchedule(in, p)
	for _, d := range s.Days {
		fmt.Println("day", d.Number, d.Date, "opening", d.Opening.Start, "to", d.Opening.End)
		for _, a := range d.Juries {
			for _, e := range a.Entries {
				fmt.Println(" jury", a.Number, e.Start, e.End, cmp.Or(string(e.Task), e.Epreuve), e.Candidates)
			}
		}
		for _, a := range d.Candidates {
			for _, e := range a.Entries {
				fmt.Println(" candidate", a.Number, e.Start, e.End, cmp.Or(string(e.Task), e.Epreuve), e.Units, "jury", e.Jury)
			}
		}
	}
	// Output:
	// day 1 2027-03-01 opening 08:30 to 09:00
	//  jury 1 09:00 09:30 briefing []
	//  jury 1 09:30 09:50 reading [1]
	//  jury 1 09:50 10:00 correction [1]
	//  jury 1 10:00 10:05 accueil [1]
	//  jury 1 10:05 10:45 PROJ [1]
	//  jury 1 10:45 11:30 ET [1]
	//  jury 1 11:30 11:50 EF [1]
	//  jury 1 11:50 12:00 deliberation [1]
	//  jury 1 12:00 12:30 closure []
	//  candidate 1 09:00 09:30 QP [salle_qp#1] jury 0
	//  candidate 1 10:00 10:05 accueil [] jury 1
	//  candidate 1 10:05 10:45 PROJ [salle_entretien#1] jury 1
	//  candidate 1 10:45 11:30 ET [salle_entretien#1] jury 1
	//  candidate 1 11:30 11:50 EF [salle_entretien#1] jury 1
}
