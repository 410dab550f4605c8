package documents_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// planned returns a dossier holding only a session and the plan of a
// sample of session/plan's testdata for n candidates.
func planned(t *testing.T, sample string, n int, change func(*plan.Input)) (documents.Dossier, plan.Record) {
	t.Helper()
	data, err := os.ReadFile("../../session/plan/testdata/" + sample)
	require.NoError(t, err)
	in, err := plan.DecodeBytes(data)
	require.NoError(t, err)
	in.Candidates = n
	if change != nil {
		change(&in)
	}
	rec, err := plan.NewRecord(context.Background(), "centre-lyon", "ses_01JN0000000000000000000001", in, time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	ses := session.Session{ID: rec.Session, Centre: rec.Centre, Title: "TP-01281", TitleName: in.Title.Name, Kind: "titre",
		Site: "Lyon", Start: in.Calendar.Start, End: in.Calendar.Start + 4, Responsable: session.Person{Name: "Claire Martin"}}
	return documents.Dossier{Centre: centre, Session: ses, Plan: &rec}, rec
}

var update = flag.Bool("update", false, "rewrite the golden files")

// TestDerouleGolden pins the printable déroulé of two samples (an oral
// session, and a practical test observed in sittings). Run with -update
// after a deliberate change to the planner or the wording.
func TestDerouleGolden(t *testing.T) {
	for _, name := range []string{"CDA-N12-tight-H420-typical.min_juries", "MAV-N12-tight-H420-typical.min_juries"} {
		t.Run(name, func(t *testing.T) {
			_, rec := planned(t, name+".json", 12, nil)
			var buf bytes.Buffer
			require.NoError(t, documents.WriteDeroule(&buf, rec.Schedule()))
			golden := filepath.Join("testdata", name+".deroule.golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), buf.String())
		})
	}
}

func TestDerouleOfAnInfeasiblePlan(t *testing.T) {
	_, rec := planned(t, "CDA-N12-tight-H420-typical.min_juries.json", 60, func(in *plan.Input) { in.Calendar.MaxDays = 1 })
	require.False(t, rec.Plan.Feasible)
	var buf bytes.Buffer
	require.NoError(t, documents.WriteDeroule(&buf, rec.Schedule()))
	assert.Equal(t, "Déroulé de session — Concepteur développeur d'applications (TP-01281)\n\nAucun déroulé ne tient dans les limites données.\n"+rec.Plan.Reason+"\n", buf.String())
}

func TestDerouleShowsSplitEpreuvesAndCost(t *testing.T) {
	_, rec := planned(t, "EEB-N12-tight-H420-typical.min_days.json", 4, func(in *plan.Input) { in.Jury.MemberDayFee.Valid = true })
	var buf bytes.Buffer
	require.NoError(t, documents.WriteDeroule(&buf, rec.Schedule()))
	text := buf.String()
	assert.Contains(t, text, "Jour 1 — lundi 1er mars 2027")
	assert.Contains(t, text, "(partie 1/")
	assert.Contains(t, text, "Coût du jury")
	assert.Contains(t, text, "Cabine elec n° ", "rooms by their readable name")
}

// TestDerouleTextIsWriteDerouleWithNames: the dossier's text is the
// schedule's, its headings naming the panels' members and the candidates
// where the dossier knows them; without them, the same bytes.
func TestDerouleTextIsWriteDerouleWithNames(t *testing.T) {
	tests := []struct {
		sample string
		n      int
		change func(*plan.Input)
	}{
		{"CDA-N12-tight-H420-typical.min_juries.json", 12, nil},
		{"MAV-N12-tight-H420-typical.min_juries.json", 12, nil},
		{"EEB-N12-tight-H420-typical.min_days.json", 4, func(in *plan.Input) { in.Jury.MemberDayFee.Valid = true }},
		{"TAI-N12-tight-H420-typical.min_juries.json", 6, nil},
		{"CDA-N12-tight-H420-typical.min_juries.json", 60, func(in *plan.Input) { in.Calendar.MaxDays = 1 }}, // infeasible
	}
	for _, tt := range tests {
		t.Run(tt.sample, func(t *testing.T) {
			d, rec := planned(t, tt.sample, tt.n, tt.change)
			var want bytes.Buffer
			require.NoError(t, documents.WriteDeroule(&want, rec.Schedule()))
			doc, err := documents.DerouleText(d)
			require.NoError(t, err)
			assert.Equal(t, documents.ContentTypeText, doc.ContentType)
			assert.Equal(t, want.String(), string(doc.Body))
		})
	}
}

func TestDeroulePDFShowsEveryLineOfTheText(t *testing.T) {
	d, _ := planned(t, "EEB-N12-tight-H420-typical.min_days.json", 4, func(in *plan.Input) { in.Jury.MemberDayFee.Valid = true })
	text, err := documents.DerouleText(d)
	require.NoError(t, err)
	doc, err := documents.DeroulePDF(d)
	require.NoError(t, err)
	pdf := pdfText(t, doc.Body)
	assert.Contains(t, pdf, "(partie 1/")
	assert.Contains(t, pdf, "Coût du jury")
	title, rest, _ := strings.Cut(string(text.Body), "\n")
	assert.Contains(t, pdf, "Déroulé de session "+strings.TrimPrefix(title, "Déroulé de session — "))
	for line := range strings.Lines(rest) {
		if line = fold(line); line != "" {
			assert.Contains(t, pdf, line)
		}
	}
}

func TestDerouleNamesTheCandidatesAndThePanels(t *testing.T) {
	w := newWorld(t, 1)
	d := w.dossier()
	numbers, err := documents.PlanNumbering(d)
	require.NoError(t, err)
	d.PlanCandidates = numbers
	doc, err := documents.DerouleText(d)
	require.NoError(t, err)
	text := string(doc.Body)
	for k, id := range numbers {
		c := w.cand(id)
		assert.Contains(t, text, "Candidat "+string(rune('1'+k))+" — "+c.FirstName+" "+strings.ToUpper(c.LastName))
	}
	for _, p := range d.Assignment.Panels {
		heading := "Jury " + string(rune('0'+p.Jury)) + " — "
		assert.Contains(t, text, heading)
		for _, id := range p.Members {
			assert.Contains(t, text, w.member(id).Name)
		}
	}
	pdf, err := documents.DeroulePDF(d)
	require.NoError(t, err)
	pages := pdfPages(t, pdf.Body)
	require.NotEmpty(t, pages)
	assert.Contains(t, pages[0], "Déroulé de session")
	assert.Contains(t, pages[0], "Jour 1 — lundi 1er mars 2027")
	assert.Contains(t, pages[0], "08:30–09:00 Ouverture de la session : accueil des candidats, vérification des identités, ouverture du pli")
	assert.Contains(t, pdfText(t, pdf.Body), "Élise MARTIN-LEFÈVRE")
}

func TestDerouleNeedsAPlan(t *testing.T) {
	w := newWorld(t, 0)
	_, err := documents.DerouleText(w.dossier())
	assert.ErrorIs(t, err, plan.ErrPlanNotFound)
	_, err = documents.DeroulePDF(w.dossier())
	assert.ErrorIs(t, err, plan.ErrPlanNotFound)
}

func TestDeroulePDFOfAnInfeasiblePlanSaysWhy(t *testing.T) {
	d, rec := planned(t, "CDA-N12-tight-H420-typical.min_juries.json", 60, func(in *plan.Input) { in.Calendar.MaxDays = 1 })
	require.False(t, rec.Plan.Feasible)
	doc, err := documents.DeroulePDF(d)
	require.NoError(t, err)
	text := pdfText(t, doc.Body)
	assert.Contains(t, text, "Aucun déroulé ne tient dans les limites données.")
	assert.Contains(t, text, fold(rec.Plan.Reason))
}
