package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

func intp(v int) *int { return &v }

func hm(h, m int) tpsession.TimeOfDay { return tpsession.TimeOfDay(h*60 + m) }

// baseInput is a small valid input: the CDA déroulé of docs/planning.md#input.
func baseInput() plan.Input {
	room := []plan.ResourceNeed{{Type: "salle_entretien", Units: 1}}
	return plan.Input{
		Title:      plan.Title{Code: "TP-01281", Name: "Concepteur développeur d'applications"},
		Candidates: 4,
		Epreuves: []plan.Epreuve{
			{ID: "QP", DurationMin: 30, Jury: plan.NoJury, Resources: []plan.ResourceNeed{{Type: "salle_qp", Units: 1}}, CorrectedByJury: true},
			{ID: "PROJ", DurationMin: 40, Jury: plan.Exclusive, Resources: room},
			{ID: "ET", DurationMin: 45, Jury: plan.Exclusive, Resources: room},
			{ID: "EF", DurationMin: 20, Jury: plan.Exclusive, Resources: room},
		},
		Constraints: []plan.Constraint{
			{Type: plan.Precedes, Before: "QP", After: "PROJ"},
			{Type: plan.NoWait, Before: "PROJ", After: "ET", MaxGapMin: intp(0)},
			{Type: plan.Last, Epreuve: "EF"},
		},
		Capacities: map[string]int{"salle_qp": 8, "salle_entretien": 2},
		Hidden: &plan.Hidden{OpeningMin: 30, JuryBriefingMin: 30, JuryClosureMin: 30, AccueilMin: 5,
			ReadingMin: 20, CorrectionMin: 10, DeliberationMin: 10},
		Calendar: plan.Calendar{Start: date.New(2027, 3, 1), MaxDays: 5, Region: tpsession.Metropole,
			Blocks: []plan.Block{{Start: hm(8, 30), End: hm(12, 30)}, {Start: hm(13, 30), End: hm(17, 30)}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: 420, MaxJuries: 12},
		Objective: plan.MinJuries,
	}
}

// fieldsOf returns the fields named by an ErrInvalidInput.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, plan.ErrInvalidInput)
	var e *tpsession.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, tpsession.Invalid, e.Kind)
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestValidateAcceptsTheBase(t *testing.T) {
	require.NoError(t, baseInput().Validate())
}

func TestValidateRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *plan.Input)
		field  string
	}{
		{"no title", func(in *plan.Input) { in.Title = plan.Title{} }, "title"},
		{"malformed title code", func(in *plan.Input) { in.Title.Code = "TP-1281" }, "title.code"},
		{"no candidate", func(in *plan.Input) { in.Candidates = 0 }, "candidates"},
		{"too many candidates", func(in *plan.Input) { in.Candidates = plan.MaxCandidates + 1 }, "candidates"},
		{"no épreuve", func(in *plan.Input) { in.Epreuves = nil; in.Constraints = nil }, "epreuves"},
		{"épreuve without id", func(in *plan.Input) { in.Epreuves[1].ID = "" }, "epreuves[1].id"},
		{"duplicate épreuve id", func(in *plan.Input) { in.Epreuves[2].ID = "PROJ" }, "epreuves[2].id"},
		{"zero duration", func(in *plan.Input) { in.Epreuves[2].DurationMin = 0 }, "epreuves[2].duration_min"},
		{"non-splittable longer than every block", func(in *plan.Input) { in.Epreuves[0].DurationMin = 241 }, "epreuves[0].duration_min"},
		{"unknown jury presence", func(in *plan.Input) { in.Epreuves[1].Jury = "sometimes" }, "epreuves[1].jury"},
		{"observe without capacity", func(in *plan.Input) { in.Epreuves[0].Jury = plan.Observe; in.Epreuves[0].CorrectedByJury = false }, "epreuves[0].observe_capacity"},
		{"capacity on a non-observed épreuve", func(in *plan.Input) { in.Epreuves[1].ObserveCapacity = 3 }, "epreuves[1].observe_capacity"},
		{"corrected épreuve with a jury", func(in *plan.Input) { in.Epreuves[1].CorrectedByJury = true }, "epreuves[1].corrected_by_jury"},
		{"resource type with no capacity", func(in *plan.Input) { in.Epreuves[0].Resources[0].Type = "salle_x" }, "epreuves[0].resources[0].type"},
		{"more units than the capacity", func(in *plan.Input) { in.Epreuves[0].Resources[0].Units = 9 }, "epreuves[0].resources[0].units"},
		{"zero units", func(in *plan.Input) { in.Epreuves[0].Resources[0].Units = 0 }, "epreuves[0].resources[0].units"},
		{"resource listed twice", func(in *plan.Input) {
			in.Epreuves[0].Resources = append(in.Epreuves[0].Resources, plan.ResourceNeed{Type: "salle_qp", Units: 1})
		}, "epreuves[0].resources[1].type"},
		{"zero capacity", func(in *plan.Input) { in.Capacities["salle_qp"] = 0 }, "capacities.salle_qp"},
		{"reset of an unknown type", func(in *plan.Input) { in.StationResetMin = map[string]int{"poste": 10} }, "station_reset_min.poste"},
		{"negative reset", func(in *plan.Input) { in.StationResetMin = map[string]int{"salle_qp": -1} }, "station_reset_min.salle_qp"},
		{"unknown épreuve in a constraint", func(in *plan.Input) { in.Constraints[0].Before = "QCM" }, "constraints[0].before"},
		{"unknown constraint type", func(in *plan.Input) { in.Constraints[0].Type = "after" }, "constraints[0].type"},
		{"duplicate constraint", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Precedes, Before: "QP", After: "PROJ", MinGapMin: 10})
		}, "constraints[3]"},
		{"contradictory constraints", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Precedes, Before: "PROJ", After: "QP"})
		}, "constraints[3]"},
		{"cyclic precedences", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Precedes, Before: "ET", After: "QP"})
		}, "constraints[3]"},
		{"last before another", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Precedes, Before: "EF", After: "QP"})
		}, "constraints[3]"},
		{"two last", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.Last, Epreuve: "ET"})
		}, "constraints[3]"},
		{"no_wait without maximum", func(in *plan.Input) { in.Constraints[1].MaxGapMin = nil }, "constraints[1].max_gap_min"},
		{"two no_wait from one épreuve", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.NoWait, Before: "PROJ", After: "EF", MaxGapMin: intp(0)})
		}, "constraints[3]"},
		{"maximum gap below the minimum", func(in *plan.Input) {
			in.Constraints[0].MinGapMin, in.Constraints[0].MaxGapMin = 30, intp(20)
		}, "constraints[0].max_gap_min"},
		{"next day with a maximum gap", func(in *plan.Input) {
			in.Constraints[0].NextDay, in.Constraints[0].MaxGapMin = true, intp(60)
		}, "constraints[0].next_day"},
		{"negative minimum gap", func(in *plan.Input) { in.Constraints[0].MinGapMin = -5 }, "constraints[0].min_gap_min"},
		{"field of another constraint type", func(in *plan.Input) { in.Constraints[2].Before = "QP" }, "constraints[2].before"},
		{"an épreuve after itself", func(in *plan.Input) { in.Constraints[0].After = "QP" }, "constraints[0].after"},
		{"same_station over different needs", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.SameStation, Epreuves: []string{"QP", "ET"}})
		}, "constraints[3].epreuves[1]"},
		{"same_station over one épreuve", func(in *plan.Input) {
			in.Constraints = append(in.Constraints, plan.Constraint{Type: plan.SameStation, Epreuves: []string{"ET"}})
		}, "constraints[3].epreuves"},
		{"opening longer than the first block", func(in *plan.Input) {
			in.Calendar.Blocks[0] = plan.Block{Start: hm(8, 30), End: hm(8, 50)}
		}, "hidden.opening_min"},
		{"negative hidden time", func(in *plan.Input) { in.Hidden.ReadingMin = -1 }, "hidden.reading_min"},
		{"hidden time longer than every block", func(in *plan.Input) { in.Hidden.DeliberationMin = 300 }, "hidden.deliberation_min"},
		{"one member per jury", func(in *plan.Input) { in.Jury.MembersPerJury = 1 }, "jury.members_per_jury"},
		{"no day budget", func(in *plan.Input) { in.Jury.MemberDayMin = 0 }, "jury.member_day_min"},
		{"no jury allowed", func(in *plan.Input) { in.Jury.MaxJuries = 0 }, "jury.max_juries"},
		{"negative fee", func(in *plan.Input) { in.Jury.MemberDayFee = decimal.NewNullDecimal(decimal.RequireFromString("-1")) }, "jury.member_day_fee"},
		{"blocks overlap", func(in *plan.Input) { in.Calendar.Blocks[1].Start = hm(12, 0) }, "calendar.blocks[1]"},
		{"blocks out of order", func(in *plan.Input) {
			in.Calendar.Blocks[0], in.Calendar.Blocks[1] = in.Calendar.Blocks[1], in.Calendar.Blocks[0]
		}, "calendar.blocks[1]"},
		{"block ending before it starts", func(in *plan.Input) { in.Calendar.Blocks[1].End = hm(13, 0) }, "calendar.blocks[1]"},
		{"no block", func(in *plan.Input) { in.Calendar.Blocks = nil }, "calendar.blocks"},
		{"no start", func(in *plan.Input) { in.Calendar.Start = date.Zero }, "calendar.start"},
		{"no max_days", func(in *plan.Input) { in.Calendar.MaxDays = 0 }, "calendar.max_days"},
		{"unknown region", func(in *plan.Input) { in.Calendar.Region = "corse" }, "calendar.region"},
		{"unknown objective", func(in *plan.Input) { in.Objective = "cheapest" }, "objective"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := baseInput()
			tt.change(&in)
			assert.Contains(t, fieldsOf(t, in.Validate()), tt.field)
			_, err := plan.Compute(in)
			assert.ErrorIs(t, err, plan.ErrInvalidInput)
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	in := baseInput()
	in.Epreuves[2].DurationMin = 0
	in.Constraints[0].Before = "QCM"
	in.Jury.MembersPerJury = 1
	assert.ElementsMatch(t, []string{"epreuves[2].duration_min", "constraints[0].before", "jury.members_per_jury"}, fieldsOf(t, in.Validate()))
}

func TestValidateBoundaries(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *plan.Input)
		ok     bool
	}{
		{"épreuve as long as the longest block", func(in *plan.Input) { in.Epreuves[0].DurationMin = 240 }, true},
		{"épreuve a minute longer", func(in *plan.Input) { in.Epreuves[0].DurationMin = 241 }, false},
		{"splittable épreuve longer than a block", func(in *plan.Input) { in.Epreuves[0].DurationMin, in.Epreuves[0].Splittable = 900, true }, true},
		{"opening as long as the first block", func(in *plan.Input) { in.Hidden.OpeningMin = 240 }, true},
		{"opening a minute longer", func(in *plan.Input) { in.Hidden.OpeningMin = 241 }, false},
		{"two members", func(in *plan.Input) { in.Jury.MembersPerJury = 2 }, true},
		{"blocks touching", func(in *plan.Input) { in.Calendar.Blocks[1].Start = hm(12, 30) }, true},
		{"block ending at 24:00", func(in *plan.Input) { in.Calendar.Blocks[1].End = tpsession.EndOfDay }, true},
		{"zero fee", func(in *plan.Input) { in.Jury.MemberDayFee = decimal.NewNullDecimal(decimal.Zero) }, true},
		{"search budget left to the default", func(in *plan.Input) { in.Search = &plan.SearchSettings{BudgetMs: 0} }, true},
		{"search budget of a millisecond", func(in *plan.Input) { in.Search = &plan.SearchSettings{BudgetMs: 1} }, true},
		{"search budget at the limit", func(in *plan.Input) { in.Search = &plan.SearchSettings{BudgetMs: 10000} }, true},
		{"search budget over the limit", func(in *plan.Input) { in.Search = &plan.SearchSettings{BudgetMs: 10001} }, false},
		{"negative search budget", func(in *plan.Input) { in.Search = &plan.SearchSettings{BudgetMs: -1} }, false},
		{"seed 0", func(in *plan.Input) { in.Search = &plan.SearchSettings{Seed: 0} }, true},
		{"negative seed", func(in *plan.Input) { in.Search = &plan.SearchSettings{Seed: -1} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := baseInput()
			tt.change(&in)
			if tt.ok {
				assert.NoError(t, in.Validate())
			} else {
				assert.ErrorIs(t, in.Validate(), plan.ErrInvalidInput)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	valid := `{"note": "kept by the centre", "title": {"name": "T"}, "candidates": 2,
	 "epreuves": [{"id": "E", "duration_min": 30, "jury": "exclusive"}],
	 "capacities": {}, "hidden": {"opening_min": 0, "jury_briefing_min": 0, "jury_closure_min": 0,
	 "accueil_min": 0, "reading_min": 0, "correction_min": 0, "deliberation_min": 0},
	 "calendar": {"start": "2027-03-01", "blocks": [["08:30", "12:30"], ["13:30", "24:00"]], "max_days": 2, "region": "metropole"},
	 "jury": {"members_per_jury": 2, "member_day_min": 420, "max_juries": 1, "member_day_fee": "180.50"},
	 "objective": "min_days"}`
	in, err := plan.DecodeBytes([]byte(valid))
	require.NoError(t, err)
	assert.Equal(t, date.New(2027, 3, 1), in.Calendar.Start)
	assert.Equal(t, []plan.Block{{Start: hm(8, 30), End: hm(12, 30)}, {Start: hm(13, 30), End: tpsession.EndOfDay}}, in.Calendar.Blocks)
	assert.True(t, in.Jury.MemberDayFee.Decimal.Equal(decimal.RequireFromString("180.5")))
	require.NoError(t, in.Validate())

	tests := []struct {
		name   string
		body   string
		fields []string
	}{
		{"unknown top-level field", strings.Replace(valid, `"note"`, `"notes"`, 1), []string{""}},
		{"unknown nested field", strings.Replace(valid, `"duration_min": 30`, `"duration_min": 30, "room": "A"`, 1), []string{""}},
		{"wrong type", strings.Replace(valid, `"candidates": 2`, `"candidates": "2"`, 1), []string{"candidates"}},
		{"malformed times, all reported", strings.Replace(strings.Replace(valid, `"08:30"`, `"8h30"`, 1), `"24:00"`, `"24:30"`, 1),
			[]string{"calendar.blocks[0][0]", "calendar.blocks[1][1]"}},
		{"a block of three times", strings.Replace(valid, `["08:30", "12:30"]`, `["08:30", "10:00", "12:30"]`, 1), []string{"calendar.blocks[0]"}},
		{"malformed date", strings.Replace(valid, `2027-03-01`, `01/03/2027`, 1), []string{"calendar.start"}},
		{"trailing data", valid + `{}`, []string{""}},
		{"empty body", ``, []string{""}},
		{"malformed JSON", `{"title": `, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.DecodeBytes([]byte(tt.body))
			assert.Equal(t, tt.fields, fieldsOf(t, err))
		})
	}
}

func TestWithSessionFillsOnlyWhatIsMissing(t *testing.T) {
	in := baseInput()
	in.Calendar.Start, in.Calendar.MaxDays = date.Zero, 0
	assert.ErrorIs(t, in.Validate(), plan.ErrInvalidInput)
	filled := in.WithSession(date.New(2027, 4, 6), 4)
	require.NoError(t, filled.Validate())
	assert.Equal(t, date.New(2027, 4, 6), filled.Calendar.Start)
	assert.Equal(t, 4, filled.Calendar.MaxDays)
	assert.Equal(t, date.Zero, in.Calendar.Start, "the input is not changed")

	kept := baseInput().WithSession(date.New(2027, 4, 6), 4)
	assert.Equal(t, date.New(2027, 3, 1), kept.Calendar.Start)
	assert.Equal(t, 5, kept.Calendar.MaxDays)
}

func TestInputCloneIsDeep(t *testing.T) {
	in := baseInput()
	c := in.Clone()
	c.Epreuves[0].Resources[0].Units = 7
	*c.Constraints[1].MaxGapMin = 9
	c.Capacities["salle_qp"] = 1
	c.Calendar.Blocks[0].End = hm(9, 0)
	assert.Equal(t, baseInput(), in)
}

// TestEveryTextOfTheInputFollowsTheTextRule sets each free-text field of
// a valid input to text holding a control character: each is refused,
// naming the field.
func TestEveryTextOfTheInputFollowsTheTextRule(t *testing.T) {
	for field, set := range map[string]func(in *plan.Input){
		"note":              func(in *plan.Input) { in.Note = "a\u0007b" },
		"title.name":        func(in *plan.Input) { in.Title.Name = "a\nb" },
		"epreuves[0].id":    func(in *plan.Input) { in.Epreuves[0].ID = "a\tb" },
		"epreuves[0].label": func(in *plan.Input) { in.Epreuves[0].Label = "a\u202eb" },
		"epreuves[0].resources[0].type": func(in *plan.Input) {
			in.Epreuves[0].Resources = []plan.ResourceNeed{{Type: "a\x00", Units: 1}}
		},
		"constraints[0].before": func(in *plan.Input) {
			in.Constraints = []plan.Constraint{{Type: plan.Precedes, Before: "a\x01", After: "b"}}
		},
		"capacities":        func(in *plan.Input) { in.Capacities = map[string]int{"a\x7f": 1} },
		"station_reset_min": func(in *plan.Input) { in.StationResetMin = map[string]int{"\xff": 1} },
		"resources":         func(in *plan.Input) { in.Resources = map[string]plan.ResourceType{"a\u2028b": {}} },
		"resources.salle_qp.label": func(in *plan.Input) {
			in.Resources = map[string]plan.ResourceType{"salle_qp": {Label: "Salle\u0007"}}
		},
	} {
		in := baseInput()
		set(&in)
		err := in.Validate()
		require.ErrorIs(t, err, plan.ErrInvalidInput, field)
		assert.Contains(t, fieldsOf(t, err), field)
	}
	in := baseInput()
	in.Note = "line one\nline two"
	in.Title.Name = strings.Repeat("é", plan.MaxLabelLen)
	assert.NoError(t, in.Validate(), "a note may span lines; a name may have the maximum length")
}
