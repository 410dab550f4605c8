package checklist_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

// The session of these tests runs from Monday 1 to Wednesday 3 March 2027.
var sessionDays = tpsession.DateRange{From: march1, Until: march3}

// complete returns the facts of a session ready to open: every item ok, the
// DTE's materials available and operational on every day, the jury staffed
// and assigned, every convocation delivered, the pli secured, a plan made.
func complete(t *testing.T) checklist.Facts {
	t.Helper()
	c := newChecklist(t)
	for _, it := range c.Items {
		_, err := c.SetItem(it.Key, checklist.ItemUpdate{Status: checklist.StatusOK}, actor, today)
		require.NoError(t, err)
	}
	_, err := c.SetEquipment("Poste informatique", operational(12, march1, march3), actor, today)
	require.NoError(t, err)
	_, err = c.SetEquipment("Vidéoprojecteur", operational(1, march1-7, march3+30), actor, today)
	require.NoError(t, err)
	return checklist.Facts{
		Period:        sessionDays,
		Kind:          tpsession.KindTitre,
		Responsable:   actor,
		Items:         c.Items,
		Equipment:     c.Equipment,
		Materials:     []checklist.Material{{Name: "Poste informatique", Quantity: 12}, {Name: "Vidéoprojecteur", Quantity: 1}},
		UsesComputers: true,
		Jury:          checklist.JuryFacts{Accepted: 4, Needed: 4, Assigned: true},
		Registrations: []checklist.Registration{
			{Candidate: "can_01J0000000000000000000000C", Name: "Jeanne Dupont", Convocation: checklist.ConvocationDelivered, InPanel: true},
			{Candidate: "can_01J0000000000000000000000A", Name: "Paul Martin", Convocation: checklist.ConvocationDelivered, InPanel: true},
			{Candidate: "can_01J0000000000000000000000B", Name: "Ada Lovelace", Convocation: checklist.ConvocationDelivered, InPanel: true},
		},
		Pli:            checklist.PliFacts{Received: true, OrganisateurRead: true, Secured: true},
		PlanMade:       true,
		PlanCandidates: 3,
	}
}

func codes(r checklist.Readiness) []checklist.FindingCode {
	var out []checklist.FindingCode
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

// single returns the one finding of r, failing the test when there is not
// exactly one.
func single(t *testing.T, r checklist.Readiness) checklist.Finding {
	t.Helper()
	require.Len(t, r.Findings, 1, "findings: %v", r.Findings)
	return r.Findings[0]
}

func setStatus(f *checklist.Facts, key checklist.ItemKey, status checklist.Status, note string) {
	for i := range f.Items {
		if f.Items[i].Key == key {
			f.Items[i].Status, f.Items[i].Note = status, note
		}
	}
}

func TestACompleteSessionIsReady(t *testing.T) {
	r := checklist.Evaluate(complete(t))

	assert.True(t, r.Ready())
	assert.Empty(t, r.Findings)
	assert.Empty(t, r.Blocking())
	assert.NoError(t, r.Err())
}

func TestAnIncompleteSessionIsNotReady(t *testing.T) {
	c := newChecklist(t)
	f := checklist.Facts{
		Period:        sessionDays,
		Kind:          tpsession.KindTitre,
		Items:         c.Items,
		Materials:     nil,
		UsesComputers: true,
		Jury:          checklist.JuryFacts{Accepted: 1},
		Registrations: []checklist.Registration{
			{Candidate: "can_01J0000000000000000000000A", Name: "Paul Martin", Convocation: checklist.ConvocationSent},
		},
		Pli: checklist.PliFacts{Received: true},
	}

	r := checklist.Evaluate(f)

	assert.False(t, r.Ready())
	assert.Equal(t, []checklist.FindingCode{
		checklist.CodeJuryTooSmall,
		checklist.CodeJuryNotAssigned,
		checklist.CodePliOrganisateurNotRead,
		checklist.CodeItemPending, // equipment_operational
		checklist.CodeItemPending, // interview_rooms_confidential
		checklist.CodeItemPending, // rules_displayed
		checklist.CodeItemPending, // schedule_displayed
		checklist.CodeItemPending, // responsable_designated
		checklist.CodeResponsableMissing,
		checklist.CodeItemPending, // computers_secured
		checklist.CodeNoPlan,
		checklist.CodeDeliveryProofMissing,
	}, codes(r), "blocking first, each group in the leaflet's order")
	var items []string
	for _, f := range r.Findings[3:10] {
		items = append(items, f.Item)
	}
	assert.Equal(t, []string{
		"equipment_operational", "interview_rooms_confidential", "rules_displayed",
		"schedule_displayed", "responsable_designated", "responsable_designated", "computers_secured",
	}, items)
	assert.Len(t, r.Blocking(), 10)
	for _, f := range r.Findings {
		assert.NotEmpty(t, f.Message, f.Code)
	}

	err := r.Err()
	assert.ErrorIs(t, err, checklist.ErrNotReady)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	assert.Equal(t, "checklist.not_ready", tpsession.CodeOf(err))
	notReady, ok := errors.AsType[*checklist.NotReadyError](err)
	require.True(t, ok)
	assert.Equal(t, r.Blocking(), notReady.Findings)
}

func TestWarningsAloneLeaveTheSessionReady(t *testing.T) {
	f := complete(t)
	f.PlanMade = false
	f.Registrations[0].Convocation = checklist.ConvocationSent

	r := checklist.Evaluate(f)

	assert.True(t, r.Ready())
	assert.NoError(t, r.Err())
	assert.Equal(t, []checklist.FindingCode{checklist.CodeNoPlan, checklist.CodeDeliveryProofMissing}, codes(r))
	for _, f := range r.Findings {
		assert.Equal(t, checklist.SeverityWarning, f.Severity)
	}
}

func TestEquipmentOperationalOverEveryDayOfTheSession(t *testing.T) {
	tests := []struct {
		name  string
		from  date.Date
		until date.Date
		off   string // the days named as not operational, "" when ready
	}{
		{"the whole session", march1, march3, ""},
		{"wider than the session", march1 - 30, march3 + 30, ""},
		{"until day 2 of 3", march1, march1 + 1, "2027-03-03"},
		{"from day 2 of 3", march1 + 1, march3, "2027-03-01"},
		{"only day 2", march1 + 1, march1 + 1, "2027-03-01, 2027-03-03"},
		{"before the session", march1 - 10, march1 - 1, "2027-03-01, 2027-03-02, 2027-03-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Equipment[0].Operational = tpsession.DateRange{From: tt.from, Until: tt.until}
			require.Equal(t, "Poste informatique", f.Equipment[0].Name)

			r := checklist.Evaluate(f)

			if tt.off == "" {
				assert.True(t, r.Ready())
				assert.Empty(t, r.Findings)
				return
			}
			got := single(t, r)
			assert.Equal(t, checklist.CodeMaterialNotOperational, got.Code)
			assert.Equal(t, checklist.SeverityBlocking, got.Severity)
			assert.Equal(t, "equipment_operational", got.Item)
			assert.False(t, r.Ready())
			// The finding names the material, its dates and the session's.
			assert.Contains(t, got.Message, `"Poste informatique"`)
			assert.Contains(t, got.Message, "from "+tt.from.String()+" until "+tt.until.String())
			assert.Contains(t, got.Message, "from 2027-03-01 until 2027-03-03")
			assert.Contains(t, got.Message, "not operational on "+tt.off+".")
		})
	}
}

func TestEquipmentNeedNotBeOperationalOnDaysOff(t *testing.T) {
	// Friday 5 to Monday 8 March 2027: the weekend is not a session day.
	weekend := tpsession.DateRange{From: date.New(2027, 3, 5), Until: date.New(2027, 3, 8)}
	tests := []struct {
		name        string
		period      tpsession.DateRange
		calendar    tpsession.Calendar
		from, until date.Date
		off         string
		ready       bool
	}{
		{"Friday only, Monday missing", weekend, tpsession.Calendar{}, weekend.From, weekend.From, "2027-03-08", false},
		{"from Saturday, Friday missing", weekend, tpsession.Calendar{}, weekend.From + 1, weekend.Until, "2027-03-05", false},
		{"Friday to Monday", weekend, tpsession.Calendar{}, weekend.From, weekend.Until, "", true},
		// Ascension Thursday 6 May 2027 is a holiday: a Wednesday-to-Friday
		// session needs its equipment on Wednesday and Friday.
		{"holiday skipped", tpsession.DateRange{From: date.New(2027, 5, 5), Until: date.New(2027, 5, 7)}, tpsession.Calendar{}, date.New(2027, 5, 5), date.New(2027, 5, 5), "2027-05-07", false},
		// Good Friday 26 March 2027 is a holiday in Alsace-Moselle only.
		{"regional holiday skipped", tpsession.DateRange{From: date.New(2027, 3, 25), Until: date.New(2027, 3, 26)}, tpsession.Calendar{Region: tpsession.AlsaceMoselle}, date.New(2027, 3, 25), date.New(2027, 3, 25), "", true},
		{"regional holiday elsewhere", tpsession.DateRange{From: date.New(2027, 3, 25), Until: date.New(2027, 3, 26)}, tpsession.Calendar{}, date.New(2027, 3, 25), date.New(2027, 3, 25), "2027-03-26", false},
		{"a period without working days counts every day", tpsession.DateRange{From: date.New(2027, 3, 6), Until: date.New(2027, 3, 7)}, tpsession.Calendar{}, date.New(2027, 3, 6), date.New(2027, 3, 6), "2027-03-07", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Period, f.Calendar = tt.period, tt.calendar
			f.Equipment[0].Operational = tpsession.DateRange{From: tt.from, Until: tt.until}
			f.Equipment[1].Operational = tt.period

			r := checklist.Evaluate(f)

			assert.Equal(t, tt.ready, r.Ready(), "findings: %v", r.Findings)
			if !tt.ready {
				got := single(t, r)
				assert.Equal(t, checklist.CodeMaterialNotOperational, got.Code)
				assert.Contains(t, got.Message, "not operational on "+tt.off+".", "only session days are named")
				assert.Contains(t, got.Message, "on every working day of the session")
			}
		})
	}
}

func TestEquipmentQuantityAndPresence(t *testing.T) {
	tests := []struct {
		name      string
		materials []checklist.Material
		available int
		want      []checklist.FindingCode
		contains  []string
	}{
		{"exactly the quantity", []checklist.Material{{"Poste informatique", 12}}, 12, nil, nil},
		{"more than the quantity", []checklist.Material{{"Poste informatique", 12}}, 13, nil, nil},
		{"one short", []checklist.Material{{"Poste informatique", 12}}, 11, []checklist.FindingCode{checklist.CodeMaterialShort}, []string{"12 × \"Poste informatique\"", "available: 11", "Provide 1 more"}},
		{"none available", []checklist.Material{{"Poste informatique", 1}}, 0, []checklist.FindingCode{checklist.CodeMaterialShort}, []string{"available: 0"}},
		{"name written differently", []checklist.Material{{"  poste   INFORMATIQUE ", 12}}, 12, nil, nil},
		{"name with a non-breaking space", []checklist.Material{{"Poste\u00a0informatique", 12}}, 12, nil, nil},
		{"another material", []checklist.Material{{"Poste informatique", 12}, {"Chariot élévateur", 2}}, 12, []checklist.FindingCode{checklist.CodeMaterialMissing}, []string{"2 × \"Chariot élévateur\"", "no such equipment is recorded"}},
		{"accents matter", []checklist.Material{{"Poste informatique", 12}, {"Videoprojecteur", 1}}, 12, []checklist.FindingCode{checklist.CodeMaterialMissing}, []string{"\"Videoprojecteur\""}},
		{"listed twice: the larger quantity", []checklist.Material{{"Poste informatique", 12}, {"poste informatique", 8}}, 12, nil, nil},
		{"listed twice: short of the larger", []checklist.Material{{"Poste informatique", 8}, {"poste informatique", 12}}, 11, []checklist.FindingCode{checklist.CodeMaterialShort}, []string{"12 × \"Poste informatique\""}},
		{"a quantity of 0 needs one", []checklist.Material{{"Poste informatique", 0}}, 0, []checklist.FindingCode{checklist.CodeMaterialShort}, []string{"1 × \"Poste informatique\""}},
		{"nothing required", nil, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Materials = tt.materials
			f.Equipment[0].Available = tt.available

			r := checklist.Evaluate(f)

			assert.Equal(t, tt.want, codes(r))
			assert.Equal(t, tt.want == nil, r.Ready())
			for _, finding := range r.Findings {
				assert.Equal(t, "equipment_operational", finding.Item)
				assert.Equal(t, checklist.SeverityBlocking, finding.Severity)
				for _, s := range tt.contains {
					assert.Contains(t, finding.Message, s)
				}
			}
		})
	}
}

func TestEquipmentFindingsComeUnderTheirItem(t *testing.T) {
	f := complete(t)
	setStatus(&f, checklist.ItemEquipmentOperational, checklist.StatusPending, "")
	setStatus(&f, checklist.ItemRulesDisplayed, checklist.StatusPending, "")
	f.Materials = append(f.Materials, checklist.Material{Name: "Chariot élévateur", Quantity: 1})
	f.Equipment[0].Available = 3
	f.Equipment[0].Operational.Until = march1

	r := checklist.Evaluate(f)

	assert.Equal(t, []checklist.FindingCode{
		checklist.CodeItemPending, // equipment_operational
		checklist.CodeMaterialShort,
		checklist.CodeMaterialNotOperational,
		checklist.CodeMaterialMissing,
		checklist.CodeItemPending, // rules_displayed
	}, codes(r), "the item, then its materials in the DTE's order, then the next item")
}

func TestItemFindings(t *testing.T) {
	tests := []struct {
		name          string
		key           checklist.ItemKey
		status        checklist.Status
		note          string
		usesComputers bool
		kind          tpsession.SessionKind
		want          checklist.FindingCode
	}{
		{"rules pending", checklist.ItemRulesDisplayed, checklist.StatusPending, "", true, tpsession.KindTitre, checklist.CodeItemPending},
		{"schedule not ok", checklist.ItemScheduleDisplayed, checklist.StatusNotOK, "printer broken", true, tpsession.KindTitre, checklist.CodeItemNotOK},
		{"equipment item not ok", checklist.ItemEquipmentOperational, checklist.StatusNotOK, "", true, tpsession.KindTitre, checklist.CodeItemNotOK},
		{"responsable pending", checklist.ItemResponsableDesignated, checklist.StatusPending, "", true, tpsession.KindTitre, checklist.CodeItemPending},
		{"status never set reads as pending", checklist.ItemRulesDisplayed, "", "", true, tpsession.KindTitre, checklist.CodeItemPending},
		{"always-applicable item not applicable", checklist.ItemScheduleDisplayed, checklist.StatusNotApplicable, "", true, tpsession.KindTitre, checklist.CodeItemNotApplicable},
		{"always-applicable item not applicable in a CCP", checklist.ItemRulesDisplayed, checklist.StatusNotApplicable, "", false, tpsession.KindCCP, checklist.CodeItemNotApplicable},
		{"computers used, item not applicable", checklist.ItemComputersSecured, checklist.StatusNotApplicable, "", true, tpsession.KindTitre, checklist.CodeItemNotApplicable},
		{"computers used, item pending", checklist.ItemComputersSecured, checklist.StatusPending, "", true, tpsession.KindTitre, checklist.CodeItemPending},
		{"no computers, item not applicable", checklist.ItemComputersSecured, checklist.StatusNotApplicable, "", false, tpsession.KindTitre, ""},
		{"no computers, item pending", checklist.ItemComputersSecured, checklist.StatusPending, "", false, tpsession.KindTitre, ""},
		{"no computers, item not ok", checklist.ItemComputersSecured, checklist.StatusNotOK, "", false, tpsession.KindTitre, checklist.CodeItemNotOK},
		{"titre, interview rooms not applicable", checklist.ItemInterviewRoomsConfidential, checklist.StatusNotApplicable, "", true, tpsession.KindTitre, checklist.CodeItemNotApplicable},
		{"CCP, interview rooms not applicable", checklist.ItemInterviewRoomsConfidential, checklist.StatusNotApplicable, "", true, tpsession.KindCCP, ""},
		{"CCS, interview rooms not applicable", checklist.ItemInterviewRoomsConfidential, checklist.StatusNotApplicable, "", true, tpsession.KindCCS, ""},
		{"unknown kind, interview rooms not applicable", checklist.ItemInterviewRoomsConfidential, checklist.StatusNotApplicable, "", true, "", checklist.CodeItemNotApplicable},
		{"unknown kind, interview rooms ok", checklist.ItemInterviewRoomsConfidential, checklist.StatusOK, "", true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.UsesComputers, f.Kind = tt.usesComputers, tt.kind
			setStatus(&f, tt.key, tt.status, tt.note)

			r := checklist.Evaluate(f)

			if tt.want == "" {
				assert.Empty(t, r.Findings)
				return
			}
			got := single(t, r)
			assert.Equal(t, tt.want, got.Code)
			assert.Equal(t, string(tt.key), got.Item)
			assert.Equal(t, checklist.SeverityBlocking, got.Severity)
			if tt.note != "" {
				assert.Contains(t, got.Message, tt.note, "the centre's note tells what is wrong")
			}
		})
	}
}

// TestNotApplicableMessages: each refusal of "not applicable" says why, and
// none reads "Not checked yet", which would send the centre looking for an
// item it did check.
func TestNotApplicableMessages(t *testing.T) {
	tests := []struct {
		name string
		key  checklist.ItemKey
		kind tpsession.SessionKind
		want string
	}{
		{"always applicable", checklist.ItemScheduleDisplayed, tpsession.KindCCP, "cannot be marked not applicable for this session: check it and mark it ok."},
		{"interview rooms in a titre", checklist.ItemInterviewRoomsConfidential, tpsession.KindTitre, "A session titre always ends with an interview with the jury"},
		{"interview rooms, kind unknown", checklist.ItemInterviewRoomsConfidential, "", "The kind of the session is unknown"},
		{"computers used", checklist.ItemComputersSecured, tpsession.KindTitre, "The épreuves use computers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.UsesComputers, f.Kind = true, tt.kind
			setStatus(&f, tt.key, checklist.StatusNotApplicable, "")
			got := single(t, checklist.Evaluate(f))
			assert.Equal(t, checklist.CodeItemNotApplicable, got.Code)
			assert.Contains(t, got.Message, tt.want)
			assert.NotContains(t, got.Message, "Not checked yet")
		})
	}
}

func TestAStandardItemMissingFromTheFactsIsPending(t *testing.T) {
	f := complete(t)
	f.Items = f.Items[1:]

	got := single(t, checklist.Evaluate(f))

	assert.Equal(t, checklist.CodeItemPending, got.Code)
	assert.Equal(t, "equipment_operational", got.Item)
}

func TestCustomItems(t *testing.T) {
	tests := []struct {
		name   string
		status checklist.Status
		want   []checklist.FindingCode
	}{
		{"pending", checklist.StatusPending, []checklist.FindingCode{checklist.CodeItemPending}},
		{"not ok", checklist.StatusNotOK, []checklist.FindingCode{checklist.CodeItemNotOK}},
		{"ok", checklist.StatusOK, nil},
		{"not applicable", checklist.StatusNotApplicable, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Items = append(f.Items, checklist.Item{Key: "first_aid_kit", Label: "A first-aid kit is in the workshop", Status: tt.status})

			r := checklist.Evaluate(f)

			assert.Equal(t, tt.want, codes(r))
			for _, finding := range r.Findings {
				assert.Equal(t, "first_aid_kit", finding.Item)
			}
		})
	}
}

func TestResponsableDeSession(t *testing.T) {
	for _, name := range []string{"", "  "} {
		f := complete(t)
		f.Responsable = name
		got := single(t, checklist.Evaluate(f))
		assert.Equal(t, checklist.CodeResponsableMissing, got.Code)
		assert.Equal(t, "responsable_designated", got.Item)
		assert.Equal(t, checklist.SeverityBlocking, got.Severity)
	}
}

func TestJuryFindings(t *testing.T) {
	tests := []struct {
		name   string
		jury   checklist.JuryFacts
		change func(*checklist.Facts)
		want   []checklist.FindingCode
	}{
		{"two members, no plan", checklist.JuryFacts{Accepted: 2, Assigned: true}, nil, nil},
		{"one member", checklist.JuryFacts{Accepted: 1, Assigned: true}, nil, []checklist.FindingCode{checklist.CodeJuryTooSmall}},
		{"nobody", checklist.JuryFacts{Accepted: 0, Needed: 4, Assigned: true}, nil, []checklist.FindingCode{checklist.CodeJuryTooSmall}},
		{"as many as the plan needs", checklist.JuryFacts{Accepted: 4, Needed: 4, Assigned: true}, nil, nil},
		{"one fewer than the plan needs", checklist.JuryFacts{Accepted: 3, Needed: 4, Assigned: true}, nil, []checklist.FindingCode{checklist.CodeJuryBelowPlan}},
		{"not assigned", checklist.JuryFacts{Accepted: 4, Needed: 4}, nil, []checklist.FindingCode{checklist.CodeJuryNotAssigned}},
		{"not assigned, nobody registered", checklist.JuryFacts{Accepted: 4, Needed: 4},
			func(f *checklist.Facts) { f.Registrations = nil },
			[]checklist.FindingCode{checklist.CodeNoCandidates}},
		{"not assigned: no candidate is named twice", checklist.JuryFacts{Accepted: 4, Needed: 4},
			func(f *checklist.Facts) { f.Registrations[0].InPanel = false },
			[]checklist.FindingCode{checklist.CodeJuryNotAssigned}},
		{"a candidate without a panel", checklist.JuryFacts{Accepted: 4, Needed: 4, Assigned: true},
			func(f *checklist.Facts) { f.Registrations[0].InPanel = false },
			[]checklist.FindingCode{checklist.CodeCandidatesWithoutPanel}},
		{"a conflict left in a panel", checklist.JuryFacts{Accepted: 4, Needed: 4, Assigned: true},
			func(f *checklist.Facts) { f.Registrations[0].ConflictingMembers = []string{"Marc Petit"} },
			[]checklist.FindingCode{checklist.CodeJuryConflicts}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Jury = tt.jury
			if tt.change != nil {
				tt.change(&f)
			}

			r := checklist.Evaluate(f)

			assert.Equal(t, tt.want, codes(r))
			for _, finding := range r.Findings {
				if finding.Code != checklist.CodeNoCandidates {
					assert.Equal(t, checklist.AreaJury, finding.Item)
					assert.Equal(t, checklist.SeverityBlocking, finding.Severity)
				}
			}
		})
	}
}

func TestAPlanForFewerCandidatesThanRegistered(t *testing.T) {
	f := complete(t)
	f.PlanCandidates = 3
	assert.Empty(t, checklist.Evaluate(f).Findings, "as many candidates as planned")

	f.PlanCandidates = 2
	r := checklist.Evaluate(f)
	finding := single(t, r)
	assert.Equal(t, checklist.CodePlanTooSmall, finding.Code)
	assert.Equal(t, checklist.SeverityWarning, finding.Severity)
	assert.Contains(t, finding.Message, "planned for 2 candidates and 3 are registered")
	assert.True(t, r.Ready(), "the session can still open; the schedule must be redone")
}

func TestAMemberWhoCanNoLongerSit(t *testing.T) {
	absent := checklist.AbsentMember{Name: "Marc Petit", Reason: "unavailable on 2027-03-02"}

	reserve := complete(t)
	reserve.Jury.Absent = []checklist.AbsentMember{absent}
	r := checklist.Evaluate(reserve)
	f := single(t, r)
	assert.Equal(t, checklist.CodeJuryMemberAbsent, f.Code)
	assert.Equal(t, checklist.SeverityWarning, f.Severity, "a reserve who cannot come blocks nothing")
	assert.True(t, r.Ready())

	onPanel := complete(t)
	absent.OnPanel = true
	onPanel.Jury.Absent = []checklist.AbsentMember{absent}
	r = checklist.Evaluate(onPanel)
	f = single(t, r)
	assert.Equal(t, checklist.SeverityBlocking, f.Severity, "a panel without one of its members cannot evaluate")
	assert.Contains(t, f.Message, "Marc Petit")
	assert.Contains(t, f.Message, "unavailable on 2027-03-02")
	assert.False(t, r.Ready())
}

func TestJuryFindingsNameTheCandidates(t *testing.T) {
	f := complete(t)
	f.Registrations[0].InPanel = false
	f.Registrations[1].InPanel = false
	f.Registrations[2].ConflictingMembers = []string{"Marc Petit", "Louise Michel"}

	r := checklist.Evaluate(f)

	require.Equal(t, []checklist.FindingCode{checklist.CodeCandidatesWithoutPanel, checklist.CodeJuryConflicts}, codes(r))
	assert.Contains(t, r.Findings[0].Message, "2 candidates: Jeanne Dupont, Paul Martin.")
	assert.Contains(t, r.Findings[1].Message, "1 candidate: Ada Lovelace (member Marc Petit, Louise Michel).")
}

func TestPliFindings(t *testing.T) {
	tests := []struct {
		name string
		pli  checklist.PliFacts
		want []checklist.FindingCode
	}{
		{"nothing yet", checklist.PliFacts{}, []checklist.FindingCode{checklist.CodePliNotReceived}},
		{"received", checklist.PliFacts{Received: true}, []checklist.FindingCode{checklist.CodePliOrganisateurNotRead}},
		{"organisateur read", checklist.PliFacts{Received: true, OrganisateurRead: true}, []checklist.FindingCode{checklist.CodePliNotSecured}},
		{"secured", checklist.PliFacts{Received: true, OrganisateurRead: true, Secured: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Pli = tt.pli

			r := checklist.Evaluate(f)

			assert.Equal(t, tt.want, codes(r), "only the first missing step is reported")
			for _, finding := range r.Findings {
				assert.Equal(t, checklist.AreaPli, finding.Item)
				assert.Equal(t, checklist.SeverityBlocking, finding.Severity)
			}
		})
	}
}

func TestConvocationFindings(t *testing.T) {
	tests := []struct {
		name     string
		state    checklist.ConvocationState
		want     checklist.FindingCode
		severity checklist.Severity
		says     string
	}{
		{"delivered", checklist.ConvocationDelivered, "", "", ""},
		{"sent by registered mail, receipt not back", checklist.ConvocationSent, checklist.CodeDeliveryProofMissing, checklist.SeverityWarning, "Jeanne Dupont"},
		{"validated, not sent", checklist.ConvocationValidated, checklist.CodeConvocationsNotDelivered, checklist.SeverityBlocking, "Jeanne Dupont"},
		{"drafted", checklist.ConvocationDrafted, checklist.CodeConvocationsNotValidated, checklist.SeverityBlocking, "Jeanne Dupont (drafted)"},
		{"not drafted", checklist.ConvocationNone, checklist.CodeConvocationsNotValidated, checklist.SeverityBlocking, "Jeanne Dupont (not drafted)"},
		{"state unknown reads as not drafted", "", checklist.CodeConvocationsNotValidated, checklist.SeverityBlocking, "Jeanne Dupont (not drafted)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Registrations[0].Convocation = tt.state

			r := checklist.Evaluate(f)

			if tt.want == "" {
				assert.Empty(t, r.Findings)
				return
			}
			got := single(t, r)
			assert.Equal(t, tt.want, got.Code)
			assert.Equal(t, tt.severity, got.Severity)
			assert.Equal(t, checklist.AreaConvocations, got.Item)
			assert.Contains(t, got.Message, "1 candidate: "+tt.says+".")
			assert.Equal(t, tt.severity == checklist.SeverityWarning, r.Ready())
		})
	}
}

func TestConvocationFindingsGroupCandidatesByName(t *testing.T) {
	f := complete(t)
	f.Registrations = append(f.Registrations,
		checklist.Registration{Candidate: "can_01J0000000000000000000000E", Name: "Paul Martin", InPanel: true},
		checklist.Registration{Candidate: "can_01J0000000000000000000000D", InPanel: true, Convocation: checklist.ConvocationDrafted},
	)
	f.Registrations[0].Convocation = checklist.ConvocationDrafted // Jeanne Dupont
	f.Registrations[2].Convocation = checklist.ConvocationValidated
	f.PlanCandidates = len(f.Registrations)

	r := checklist.Evaluate(f)

	require.Equal(t, []checklist.FindingCode{checklist.CodeConvocationsNotValidated, checklist.CodeConvocationsNotDelivered}, codes(r))
	assert.Contains(t, r.Findings[0].Message,
		"3 candidates: Jeanne Dupont (drafted), Paul Martin (not drafted), can_01J0000000000000000000000D (drafted).",
		"sorted by name, a candidate without a name shown by ID")
	assert.Contains(t, r.Findings[1].Message, "1 candidate: Ada Lovelace.")
}

// TestFindingsAboutTheSessionAsAWhole covers the findings that stand alone
// in their area: a warning leaves the session ready, a blocking one does not.
func TestFindingsAboutTheSessionAsAWhole(t *testing.T) {
	tests := []struct {
		name     string
		change   func(*checklist.Facts)
		code     checklist.FindingCode
		item     string
		severity checklist.Severity
	}{
		{"no candidate registered", func(f *checklist.Facts) { f.Registrations = nil },
			checklist.CodeNoCandidates, checklist.AreaCandidates, checklist.SeverityWarning},
		{"no plan made", func(f *checklist.Facts) { f.PlanMade, f.Jury.Needed = false, 0 },
			checklist.CodeNoPlan, checklist.AreaPlan, checklist.SeverityWarning},
		{"session dates unknown", func(f *checklist.Facts) { f.Period = tpsession.DateRange{} },
			checklist.CodeSessionDates, checklist.AreaSession, checklist.SeverityBlocking},
		{"session dates reversed", func(f *checklist.Facts) { f.Period = tpsession.DateRange{From: march3, Until: march1} },
			checklist.CodeSessionDates, checklist.AreaSession, checklist.SeverityBlocking},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			tt.change(&f)

			r := checklist.Evaluate(f)

			got := single(t, r)
			assert.Equal(t, tt.code, got.Code)
			assert.Equal(t, tt.item, got.Item)
			assert.Equal(t, tt.severity, got.Severity)
			assert.Equal(t, tt.severity == checklist.SeverityWarning, r.Ready())
		})
	}
}

func TestEvaluateDoesNotChangeTheFacts(t *testing.T) {
	f := complete(t)
	f.Registrations[0].Convocation = checklist.ConvocationDrafted
	f.Materials = []checklist.Material{{"Poste informatique", 0}, {"poste informatique", 3}}
	before := complete(t)
	before.Registrations[0].Convocation = checklist.ConvocationDrafted
	before.Materials = []checklist.Material{{"Poste informatique", 0}, {"poste informatique", 3}}

	first := checklist.Evaluate(f)

	assert.Equal(t, before, f)
	assert.Equal(t, first, checklist.Evaluate(f), "the same facts give the same verdict")
}

func TestAPendingItemOffersNotApplicableOnlyWhereTheSessionAllowsIt(t *testing.T) {
	tests := []struct {
		name          string
		key           checklist.ItemKey
		kind          tpsession.SessionKind
		usesComputers bool
		offered       bool
	}{
		{"interview rooms in a CCP session", checklist.ItemInterviewRoomsConfidential, tpsession.KindCCP, true, true},
		{"interview rooms in a session titre", checklist.ItemInterviewRoomsConfidential, tpsession.KindTitre, true, false},
		{"computers used", checklist.ItemComputersSecured, tpsession.KindTitre, true, false},
		{"rules", checklist.ItemRulesDisplayed, tpsession.KindCCP, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := complete(t)
			f.Kind, f.UsesComputers = tt.kind, tt.usesComputers
			setStatus(&f, tt.key, checklist.StatusPending, "")

			got := single(t, checklist.Evaluate(f))

			assert.Equal(t, checklist.CodeItemPending, got.Code)
			if tt.offered {
				assert.Contains(t, got.Message, "or not applicable")
			} else {
				assert.NotContains(t, got.Message, "not applicable")
			}
		})
	}
}

func TestANotReadyErrorMadeElsewhereStillMatchesItsSentinel(t *testing.T) {
	var err error = &checklist.NotReadyError{}
	assert.ErrorIs(t, err, checklist.ErrNotReady)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	assert.NotEmpty(t, err.Error())
}

func TestComplianceFindings(t *testing.T) {
	tests := []struct {
		name string
		c    checklist.ComplianceFacts
		want map[checklist.FindingCode]checklist.Severity
	}{
		{"nothing to report", checklist.ComplianceFacts{}, nil},
		{"no agrément recorded: a warning", checklist.ComplianceFacts{NoAgrement: true},
			map[checklist.FindingCode]checklist.Severity{checklist.CodeAgrementNotRecorded: checklist.SeverityWarning}},
		{"an agrément not covering: blocking", checklist.ComplianceFacts{AgrementProblem: "no agrément covers 2027-03-03"},
			map[checklist.FindingCode]checklist.Severity{checklist.CodeAgrementNotCovering: checklist.SeverityBlocking}},
		{"a title not in the register: a warning", checklist.ComplianceFacts{TitleGap: "the title register has no entry for TP-00001"},
			map[checklist.FindingCode]checklist.Severity{checklist.CodeTitleNotInRegister: checklist.SeverityWarning}},
		{"a title no longer valid: blocking", checklist.ComplianceFacts{TitleProblem: "TP-01281 was valid until 2028-12-18"},
			map[checklist.FindingCode]checklist.Severity{checklist.CodeTitleNotValid: checklist.SeverityBlocking}},
		{"a late programming: a warning", checklist.ComplianceFacts{ProgrammeProblem: "submitted on 2027-02-01"},
			map[checklist.FindingCode]checklist.Severity{checklist.CodeProgrammeLate: checklist.SeverityWarning}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[checklist.FindingCode]checklist.Severity{}
			for _, f := range checklist.Evaluate(checklist.Facts{Compliance: tt.c}).Findings {
				if f.Item == checklist.AreaCompliance {
					got[f.Code] = f.Severity
					assert.True(t, strings.HasSuffix(f.Message, "."), f.Message)
				}
			}
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
