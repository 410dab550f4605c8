package plan

import (
	"encoding/json"
	"slices"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
)

// Plan is the planner's answer (docs/planning.md#output): a déroulé de session, or
// the reason none fits the limits. Its JSON is the wire format of
// docs/planning.md#output; jury_cost is written as a decimal string ("1440.00").
type Plan struct {
	Feasible bool `json:"feasible"`
	// Reason says, when Feasible is false, which limit binds, with numbers.
	Reason string `json:"reason,omitempty"`
	// Proved is meaningful when Feasible is false: true when the lower
	// bounds show that no plan exists within the limits, false when the
	// planner only failed to find one.
	Proved bool `json:"-"`
	// Days are the dates of working days 1…D, D being the last day on
	// which something happens.
	Days []date.Date `json:"days,omitempty"`
	// Juries counts the juries that attend an épreuve or do a candidate's
	// task; they are numbered 1…Juries.
	Juries int `json:"juries"`
	// Members is Juries × members per jury.
	Members     int         `json:"members"`
	LowerBounds LowerBounds `json:"lower_bounds"`
	// Opening is nil when the input has no opening time.
	Opening *Opening `json:"opening,omitempty"`
	Items   []Item   `json:"items,omitempty"`
	// MemberDays and JuryCost are set when the input gives a member day
	// fee: for each jury, the days on which it has a task, times its
	// members; and MemberDays × fee.
	MemberDays int                 `json:"member_days,omitempty"`
	JuryCost   decimal.NullDecimal `json:"jury_cost,omitzero"`
	// Notes tell the centre what it should know of how the plan was made:
	// hidden times taken from the title register, or all of them zero.
	Notes []Note `json:"notes,omitempty"`
	// Explanation details the lower bounds in words, the binding one
	// first; it is not part of docs/planning.md's format and not serialised.
	Explanation []string `json:"-"`
}

// Note is a remark on a plan: a stable code and a message with the facts.
type Note struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// The codes of the notes.
const (
	// NoteHiddenZero: every hidden time of the input is 0, so the jury
	// count ignores them.
	NoteHiddenZero = "plan.hidden_times_zero"
	// NoteHiddenFromRegister: the input gave no hidden times; the title
	// register's default profile was used.
	NoteHiddenFromRegister = "plan.hidden_times_from_register"
)

// LowerBounds are the planner's proven bounds (docs/planning.md#lower-bounds): the primary
// one (days for min_days, juries for min_juries) bounds every plan within
// the limits; the other bounds the plans that meet the primary one.
type LowerBounds struct {
	Days   int `json:"days"`
	Juries int `json:"juries"`
}

// Opening is the session's opening on day 1.
type Opening struct {
	Day   int                 `json:"day"`
	Start tpsession.TimeOfDay `json:"start"`
	End   tpsession.TimeOfDay `json:"end"`
}

// Task names a hidden task (temps caché).
type Task string

// The hidden tasks of docs/planning.md#the-model.
const (
	TaskBriefing     Task = "briefing"
	TaskClosure      Task = "closure"
	TaskAccueil      Task = "accueil"
	TaskReading      Task = "reading"
	TaskCorrection   Task = "correction"
	TaskDeliberation Task = "deliberation"
)

// Item is one line of the plan: a candidate's épreuve (Epreuve set, Task
// empty) or a hidden task (Task set; Epreuve names the corrected épreuve of
// a correction). Candidate is 0 for a jury's own task (briefing, closure);
// Jury is 0 for an épreuve without jury.
type Item struct {
	Candidate int       `json:"candidate,omitempty"`
	Epreuve   string    `json:"epreuve,omitempty"`
	Task      Task      `json:"task,omitempty"`
	Jury      int       `json:"jury"`
	Units     []string  `json:"units,omitempty"`
	Segments  []Segment `json:"segments"`
}

// Segment is a period of one working day.
type Segment struct {
	Day   int                 `json:"day"`
	Start tpsession.TimeOfDay `json:"start"`
	End   tpsession.TimeOfDay `json:"end"`
}

// MarshalJSON writes the plan of docs/planning.md#output; proved appears only on an
// infeasible answer, where false is meaningful.
func (p Plan) MarshalJSON() ([]byte, error) {
	type wire Plan // drops the method
	out := struct {
		wire
		Proved   *bool   `json:"proved,omitempty"`
		JuryCost *string `json:"jury_cost,omitempty"`
	}{wire: wire(p)}
	if !p.Feasible {
		out.Proved = &p.Proved
	}
	if p.JuryCost.Valid {
		cost := euros(p.JuryCost.Decimal)
		out.JuryCost = &cost
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the plan written by MarshalJSON.
func (p *Plan) UnmarshalJSON(data []byte) error {
	type wire Plan
	var in struct {
		wire
		Proved *bool `json:"proved"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*p = Plan(in.wire)
	p.Proved = in.Proved != nil && *in.Proved
	return nil
}

// euros writes an amount with at least two decimals ("1440.00"), and more
// when the fee had more, so that the amount stays exact.
func euros(d decimal.Decimal) string {
	return d.StringFixed(max(2, -d.Exponent()))
}

// Err returns nil for a feasible plan and otherwise ErrNoPlan carrying the
// reason, for callers that need a plan.
func (p Plan) Err() error {
	if p.Feasible {
		return nil
	}
	return ErrNoPlan.Withf("%s", p.Reason)
}

// Clone returns a deep copy of p.
func (p Plan) Clone() Plan {
	out := p
	out.Days = slices.Clone(p.Days)
	if p.Opening != nil {
		o := *p.Opening
		out.Opening = &o
	}
	out.Items = slices.Clone(p.Items)
	for i := range out.Items {
		out.Items[i].Units = slices.Clone(p.Items[i].Units)
		out.Items[i].Segments = slices.Clone(p.Items[i].Segments)
	}
	out.Notes = slices.Clone(p.Notes)
	out.Explanation = slices.Clone(p.Explanation)
	return out
}
