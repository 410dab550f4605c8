package documents_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session"
)

func TestGatherReadsWhatTheSessionHolds(t *testing.T) {
	w := newWorld(t, 1)
	d, err := documents.Gather(w.ctx, w.svc, admin, w.ses.ID)
	require.NoError(t, err)
	assert.Equal(t, w.ses.ID, d.Session.ID)
	require.Len(t, d.Registrations, len(w.cands))
	for i, r := range d.Registrations {
		assert.Equal(t, w.cands[i].ID, r.Candidate, "in registration order")
	}
	assert.Len(t, d.Candidates, len(w.cands))
	assert.Len(t, d.Members, len(w.mems))
	assert.True(t, d.Assignment.Assigned())
	require.NotNil(t, d.Plan)
	assert.True(t, d.Plan.Plan.Feasible)
}

func TestGatherOfAnEmptySession(t *testing.T) {
	w := newWorld(t, 0)
	ses, err := w.svc.CreateSession(w.ctx, admin, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre", Site: "Lyon",
		Start: start, End: start, PlannedCandidates: 1, Responsable: session.Person{Name: "Claire Martin", Email: "c@example.fr"},
	})
	require.NoError(t, err)
	d, err := documents.Gather(w.ctx, w.svc, admin, ses.ID)
	require.NoError(t, err)
	assert.Empty(t, d.Registrations)
	assert.Empty(t, d.Members)
	assert.Nil(t, d.Plan)
	_, err = documents.ConvocationLetters(d)
	assert.Error(t, err, "no letter to print")
	doc, err := documents.AttendanceSheets(d)
	require.NoError(t, err)
	assert.Len(t, pdfPages(t, doc.Body), 2, "a day's morning and afternoon, to fill in by hand")

	_, err = documents.Gather(w.ctx, w.svc, session.Actor{Centre: "centre-nantes", Name: "Paul"}, ses.ID)
	assert.ErrorIs(t, err, session.ErrSessionNotFound, "another centre's session does not exist")
}

func TestPlanNumberingFollowsThePanels(t *testing.T) {
	w := newWorld(t, 1)
	d := w.dossier()
	require.Len(t, d.Assignment.Panels, 2)
	numbers, err := documents.PlanNumbering(d)
	require.NoError(t, err)
	require.Len(t, numbers, len(w.cands))
	// The plan's jury of each number, read from its items.
	juryOf := map[int]int{}
	for _, it := range d.Plan.Plan.Items {
		if it.Candidate > 0 && it.Task != "" {
			juryOf[it.Candidate] = it.Jury
		}
	}
	seen := map[tpsession.CandidateID]bool{}
	for k, id := range numbers {
		assert.False(t, seen[id])
		seen[id] = true
		panel, ok := d.Assignment.PanelOf(id)
		require.True(t, ok)
		assert.Equal(t, juryOf[k+1], panel.Jury, "candidate %d of the plan is evaluated by the panel of its jury", k+1)
	}

	d.Assignment = d.Assignment.Clone()
	d.Assignment.Panels = nil
	numbers, err = documents.PlanNumbering(d)
	require.NoError(t, err)
	assert.Equal(t, []tpsession.CandidateID{w.cands[0].ID, w.cands[1].ID, w.cands[2].ID, w.cands[3].ID}, numbers, "without panels, registration order")

	d.Plan = nil
	numbers, err = documents.PlanNumbering(d)
	require.NoError(t, err)
	assert.Nil(t, numbers)
}

func TestInconsistentDossiersAreRefused(t *testing.T) {
	w := newWorld(t, 3)
	tests := []struct {
		name   string
		change func(*documents.Dossier)
	}{
		{"no session", func(d *documents.Dossier) { d.Session = session.Session{} }},
		{"a registration without its candidate", func(d *documents.Dossier) { d.Candidates = d.Candidates[1:] }},
		{"a registration of another session", func(d *documents.Dossier) {
			d.Registrations = slices.Clone(d.Registrations)
			d.Registrations[0].Session = "ses_01JN0000000000000000000009"
		}},
		{"a panel member missing", func(d *documents.Dossier) { d.Members = nil }},
		{"a numbering without plan", func(d *documents.Dossier) {
			d.Plan = nil
			d.PlanCandidates = []tpsession.CandidateID{w.cands[0].ID}
		}},
		{"an unregistered candidate numbered", func(d *documents.Dossier) {
			d.PlanCandidates = []tpsession.CandidateID{"can_01JN0000000000000000000009"}
		}},
		{"a candidate numbered twice", func(d *documents.Dossier) {
			d.PlanCandidates = []tpsession.CandidateID{w.cands[0].ID, w.cands[0].ID}
		}},
		{"more numbers than the plan", func(d *documents.Dossier) {
			d.PlanCandidates = make([]tpsession.CandidateID, 5)
		}},
		{"a signatory's name on two lines", func(d *documents.Dossier) { d.Signatory.Name = "Anne\nDupont" }},
		{"a signatory's role of 201 characters", func(d *documents.Dossier) { d.Signatory.Role = strings.Repeat("é", 201) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := w.dossier()
			tt.change(&d)
			_, err := documents.AttendanceSheets(d)
			require.ErrorIs(t, err, documents.ErrInvalidDossier)
			assert.Equal(t, tpsession.Internal, tpsession.KindOf(err), "the caller's bug, not the user's")
		})
	}
}
