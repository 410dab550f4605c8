package plan

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
)

// Input is what the planner solves: the déroulé-type of the title, the
// plateau technique, the hidden times, the calendar and the jury parameters
// (docs/planning.md#input). Its JSON is the wire format of docs/planning.md and of the
// HTTP API's plan resource; [Decode] reads it strictly. The text tags
// state the text rule of its free-text fields (tpsession.TextProblem),
// which Validate checks, for the adapters that read the JSON.
type Input struct {
	// Note is free text the centre keeps with its input; the planner
	// ignores it.
	Note        string       `json:"note,omitempty" text:"lines,2000"`
	Title       Title        `json:"title"`
	Candidates  int          `json:"candidates" minimum:"1" maximum:"500"`
	Epreuves    []Epreuve    `json:"epreuves" minItems:"1" maxItems:"16"`
	Constraints []Constraint `json:"constraints,omitempty"`
	// Capacities is the number of units of each resource type.
	Capacities map[string]int `json:"capacities" text:"line,60"`
	// StationResetMin is, per resource type, the minutes a unit needs
	// between two candidates on the same day.
	StationResetMin map[string]int `json:"station_reset_min,omitempty" text:"line,60"`
	// Hidden holds the hidden times; nil when the input gives none, which
	// Validate refuses: the session service fills it from the title
	// register's default profile first. Explicit zeros are allowed, and
	// the plan then carries a warning.
	Hidden    *Hidden   `json:"hidden,omitempty"`
	Calendar  Calendar  `json:"calendar"`
	Jury      Jury      `json:"jury"`
	Objective Objective `json:"objective"`

	// Resources describes resource types for the people who read the
	// plan: the label a centre gives its rooms and stations, which the
	// déroulé, the convocations and the calendars print (UnitLabel). A
	// type left out is named from its ID.
	Resources map[string]ResourceType `json:"resources,omitempty" text:"line,60"`

	// Search tunes the search (its budget and seed); nil for the defaults.
	Search *SearchSettings `json:"search,omitempty"`
}

// Title names the titre professionnel; the code is optional because some
// titles are known only by name or RNCP number.
type Title struct {
	Code tpsession.TitleCode `json:"code,omitempty"`
	Name string              `json:"name,omitempty" text:"line,200"`
}

// Presence says whether and how a jury attends an épreuve.
type Presence string

// The jury presences of docs/planning.md#the-model.
const (
	// NoJury: a surveillant or the centre's staff attends, not modelled.
	NoJury Presence = "none"
	// Exclusive: the candidate's jury attends this candidate alone.
	Exclusive Presence = "exclusive"
	// Observe: one jury watches a sitting of up to ObserveCapacity
	// candidates at exactly the same interval.
	Observe Presence = "observe"
)

// Epreuve is one épreuve of the déroulé-type; every candidate sits each once.
type Epreuve struct {
	ID          string   `json:"id" text:"line,60"`
	Label       string   `json:"label,omitempty" text:"line,200"`
	DurationMin int      `json:"duration_min" minimum:"1" maximum:"374400"`
	Jury        Presence `json:"jury"`
	// ObserveCapacity is the largest sitting a jury observes; only with
	// Jury == Observe.
	ObserveCapacity int            `json:"observe_capacity,omitempty"`
	Resources       []ResourceNeed `json:"resources,omitempty"`
	// Splittable épreuves may run over breaks and nights as segments over
	// consecutive blocks, holding their units in between.
	Splittable bool `json:"splittable,omitempty"`
	// CorrectedByJury: the candidate's jury corrects it before meeting the
	// candidate again; only with Jury == NoJury.
	CorrectedByJury bool `json:"corrected_by_jury,omitempty"`
	// Final marks the entretien final, with which a session titre ends:
	// it is last for every candidate, as a last constraint would make it,
	// and held with the candidate's jury (Jury == Exclusive). At most one
	// épreuve is final.
	Final bool `json:"final,omitempty"`
}

// ResourceType describes a resource type for the people who read the plan.
type ResourceType struct {
	// Label names the type's units on paper: "Salle d'entretien", "Poste
	// de soudage". Its units are numbered after it when there are several.
	Label string `json:"label,omitempty" text:"line,60"`
}

// MaxResourceLabelLen bounds a resource's label, in characters.
const MaxResourceLabelLen = 60

// ResourceNeed is a number of units of one resource type held for a whole
// épreuve.
type ResourceNeed struct {
	Type  string `json:"type" text:"line,60"`
	Units int    `json:"units" minimum:"1"`
}

// ConstraintType names a constraint between a candidate's épreuves.
type ConstraintType string

// The constraints of docs/planning.md#the-model.
const (
	Precedes    ConstraintType = "precedes"
	NoWait      ConstraintType = "no_wait"
	Last        ConstraintType = "last"
	SameStation ConstraintType = "same_station"
)

// Constraint relates épreuves of one candidate. Which fields apply depends
// on Type: Before, After and the gaps for precedes and no_wait (MaxGapMin is
// required for no_wait), Epreuve for last, Epreuves for same_station.
type Constraint struct {
	Type      ConstraintType `json:"type"`
	Before    string         `json:"before,omitempty" text:"line,60"`
	After     string         `json:"after,omitempty" text:"line,60"`
	MinGapMin int            `json:"min_gap_min,omitempty" minimum:"0"`
	// MaxGapMin is nil when there is no maximum; 0 is a real maximum.
	MaxGapMin *int     `json:"max_gap_min,omitempty" minimum:"0"`
	NextDay   bool     `json:"next_day,omitempty"`
	Epreuve   string   `json:"epreuve,omitempty" text:"line,60"`
	Epreuves  []string `json:"epreuves,omitempty" text:"line,60"`
}

// Hidden holds the temps cachés in minutes, 0 meaning none (docs/planning.md#the-model).
type Hidden struct {
	OpeningMin      int `json:"opening_min" minimum:"0"`
	JuryBriefingMin int `json:"jury_briefing_min" minimum:"0"`
	JuryClosureMin  int `json:"jury_closure_min" minimum:"0"`
	AccueilMin      int `json:"accueil_min" minimum:"0"`
	ReadingMin      int `json:"reading_min" minimum:"0"`
	CorrectionMin   int `json:"correction_min" minimum:"0"`
	DeliberationMin int `json:"deliberation_min" minimum:"0"`
}

// Calendar is the session's calendar: every working day has the same blocks.
// Start and MaxDays may be left zero in the input and filled from the
// session by [Input.WithSession] before validation.
type Calendar struct {
	Start   date.Date        `json:"start,omitzero"`
	Blocks  []Block          `json:"blocks" minItems:"1" maxItems:"12"`
	MaxDays int              `json:"max_days,omitempty" minimum:"0" maximum:"260" doc:"working days; 0 or left out: the session's"`
	Region  tpsession.Region `json:"region,omitempty"`
}

// Block is a period of a day in which things may be scheduled; its JSON is
// a pair ["08:30", "12:30"].
type Block struct {
	Start, End tpsession.TimeOfDay
}

// Len returns the block's length in minutes.
func (b Block) Len() int { return int(b.End - b.Start) }

// MarshalJSON writes ["HH:MM", "HH:MM"].
func (b Block) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]tpsession.TimeOfDay{b.Start, b.End})
}

// UnmarshalJSON reads ["HH:MM", "HH:MM"].
func (b *Block) UnmarshalJSON(data []byte) error {
	var pair [2]tpsession.TimeOfDay
	if err := json.Unmarshal(data, &pair); err != nil {
		return err
	}
	b.Start, b.End = pair[0], pair[1]
	return nil
}

// Jury holds the jury parameters.
type Jury struct {
	// MembersPerJury is the size of a jury, at least 2.
	MembersPerJury int `json:"members_per_jury" minimum:"2"`
	// MemberDayMin bounds a jury's busy minutes in a day.
	MemberDayMin int `json:"member_day_min" minimum:"1" maximum:"1440"`
	// MaxJuries is the number of juries the centre can staff at most.
	MaxJuries int `json:"max_juries" minimum:"1" maximum:"100"`
	// MemberDayFee, when valid, asks for the jury's cost: the fee of one
	// member for one day, in euros.
	MemberDayFee decimal.NullDecimal `json:"member_day_fee,omitzero"`
}

// Objective is what the planner minimises first.
type Objective string

// The objectives of docs/planning.md#the-model.
const (
	// MinJuries: as few juries as possible within MaxDays days, then as
	// few days as possible.
	MinJuries Objective = "min_juries"
	// MinDays: as few days as possible with at most MaxJuries juries, then
	// as few juries as possible.
	MinDays Objective = "min_days"
)

// WithHidden returns a copy of in with the hidden times h.
func (in Input) WithHidden(h Hidden) Input {
	out := in.Clone()
	out.Hidden = &h
	return out
}

// Final returns the index of the épreuve marked as the entretien final, or
// -1 when none is.
func (in Input) Final() int {
	return slices.IndexFunc(in.Epreuves, func(e Epreuve) bool { return e.Final })
}

// CheckTitre refuses the déroulé of a session titre in which no épreuve is
// the entretien final (ErrNoEntretienFinal, naming the épreuves): a session
// titre always ends with it (référentiels d'évaluation, §3; the Ministry's
// FAQ on what the jury decides from; docs/rules.md#entretien-final). The
// planner then keeps it last for every candidate. A CCP session needs none:
// only the last CCP of a capitalisation ends with an interview.
func (in Input) CheckTitre() error {
	if in.Final() >= 0 {
		return nil
	}
	ids := make([]string, len(in.Epreuves))
	for i, e := range in.Epreuves {
		ids[i] = strings.TrimSpace(e.ID + " " + e.Label)
	}
	return ErrNoEntretienFinal.Withf("a session titre ends with the entretien final, but no épreuve of the déroulé is marked final: %s; mark the entretien final with \"final\": true",
		strings.Join(ids, ", ")).
		WithFields(tpsession.FieldError{Field: "epreuves", Message: "no épreuve is marked final (the entretien final)"})
}

// Zero reports whether every hidden time is 0.
func (h Hidden) Zero() bool { return h == Hidden{} }

// WithSession returns a copy of in whose calendar start and maximum number
// of days, when left out, are the session's: its start date and its number
// of working days. The HTTP API lets a centre omit them (docs/planning.md#input).
func (in Input) WithSession(start date.Date, workingDays int) Input {
	out := in.Clone()
	if out.Calendar.Start == date.Zero {
		out.Calendar.Start = start
	}
	if out.Calendar.MaxDays == 0 {
		out.Calendar.MaxDays = workingDays
	}
	return out
}

// Clone returns a deep copy of in.
func (in Input) Clone() Input {
	out := in
	out.Epreuves = slices.Clone(in.Epreuves)
	for i := range out.Epreuves {
		out.Epreuves[i].Resources = slices.Clone(in.Epreuves[i].Resources)
	}
	out.Constraints = slices.Clone(in.Constraints)
	for i, c := range out.Constraints {
		if c.MaxGapMin != nil {
			v := *c.MaxGapMin
			out.Constraints[i].MaxGapMin = &v
		}
		out.Constraints[i].Epreuves = slices.Clone(c.Epreuves)
	}
	if in.Hidden != nil {
		h := *in.Hidden
		out.Hidden = &h
	}
	out.Capacities = maps.Clone(in.Capacities)
	out.StationResetMin = maps.Clone(in.StationResetMin)
	out.Resources = maps.Clone(in.Resources)
	out.Calendar.Blocks = slices.Clone(in.Calendar.Blocks)
	if in.Search != nil {
		st := *in.Search
		out.Search = &st
	}
	return out
}
