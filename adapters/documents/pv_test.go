package documents_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

// examined is a dossier whose exam was held: a questionnaire on day 1 and
// the entretien final on day 3, the second candidate late on day 1, the
// last absent; a fraud suspected; the first three candidates decided and
// signed — the first with a partial success, the second with the title,
// the third failed — the last absent. With close, the last decision is
// signed and the procès-verbal closed, sent and validated.
func examined(t *testing.T, close bool) documents.Dossier {
	w := newWorld(t, 2)
	d := w.dossier()
	sj, err := w.svc.SessionJury(w.ctx, admin, w.ses.ID)
	require.NoError(t, err)
	f := exam.Facts{Session: exam.Session{ID: w.ses.ID, Kind: w.ses.Kind, Days: w.ses.Dates(), Responsable: w.ses.Responsable.Name},
		Rules: exam.Rules{}}
	for _, m := range w.mems {
		f.Members = append(f.Members, exam.Member{ID: m.ID, Name: m.Name})
	}
	var ids []string
	for _, c := range w.cands {
		p, ok := sj.Assignment.PanelOf(c.ID)
		require.True(t, ok)
		f.Candidates = append(f.Candidates, exam.Candidate{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Training: true,
			CCPs: []string{"CCP1", "CCP2", "CCP3"}, Panel: p.Members})
		ids = append(ids, string(c.ID))
	}
	now := func(day int, hh, mm int) {
		at := start.Time(0, paris).AddDate(0, 0, day-1).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
		f.Now = exam.Now{At: at, Today: start + date.Date(day-1), Loc: paris}
	}
	now(1, 7, 0)
	rec := exam.New(admin.Centre, w.ses.ID)
	_, err = rec.PutSitting(f, "qp", exam.SittingInput{Label: "Questionnaire professionnel", Day: start.String(), Start: "09:00", End: "10:00", Candidates: ids})
	require.NoError(t, err)
	_, err = rec.PutSitting(f, "ef", exam.SittingInput{Label: "Entretien final", Day: end.String(), Start: "14:00", End: "16:00", Candidates: ids, Final: true})
	require.NoError(t, err)
	_, err = rec.SetSurveillants(f, "qp", []exam.SurveillantInput{{Name: "Sami Accueil", Email: "sami@leslilas.example.fr"}})
	require.NoError(t, err)
	for _, day := range []int{1, 3} {
		now(day, 17, 30)
		_, err := rec.RecordPresence(f, "Claire Martin", "", start+date.Date(day-1), exam.PresenceInput{Status: "present", ArrivedAt: "07:45"})
		require.NoError(t, err)
		for _, m := range w.mems {
			_, err := rec.RecordPresence(f, "Claire Martin", m.ID, start+date.Date(day-1), exam.PresenceInput{Status: "present", ArrivedAt: "08:15", LeftAt: "17:15",
				SignedAt: f.Now.At.Add(-8 * time.Hour).Format(time.RFC3339)})
			require.NoError(t, err)
		}
		key, begin := "qp", "09:00"
		if day == 3 {
			key, begin = "ef", "14:00"
		}
		for i, c := range w.cands {
			in := exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Sami Accueil", ArrivedAt: begin,
				IdentityCheckedAt: f.Now.At.Add(-9 * time.Hour).Format(time.RFC3339), SignedAt: f.Now.At.Add(-8 * time.Hour).Format(time.RFC3339)}
			switch {
			case i == len(w.cands)-1:
				in = exam.AttendanceInput{Status: "absent"}
			case i == 1 && day == 1:
				in.ArrivedAt, in.LateDecision = "09:25", "admitted"
			}
			_, err := rec.RecordAttendance(f, "Sami Accueil", key, c.ID, in)
			require.NoError(t, err, "%s %d", key, i)
		}
		_, err = rec.SignSheet(f, "Claire Martin", key, exam.SheetSignatureInput{Role: "responsable", SignedAt: f.Now.At.Format(time.RFC3339)})
		require.NoError(t, err)
	}
	now(1, 17, 30)
	_, err = rec.ReportIncident(f, "Claire Martin", exam.IncidentInput{Kind: "fraud_suspicion", At: start.Time(0, paris).Add(9*time.Hour + 40*time.Minute).Format(time.RFC3339),
		Sitting: "qp", Candidates: []string{string(w.cands[2].ID)}, Description: "Téléphone allumé sous la table pendant le questionnaire ; rangé à la demande du surveillant.",
		Witnesses: []exam.WitnessInput{{Name: "Sami Accueil", SignedAt: start.Time(0, paris).Add(9*time.Hour + 45*time.Minute).Format(time.RFC3339)}}})
	require.NoError(t, err)
	now(3, 17, 30)
	all := []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}, {Code: "CCP3", Acquired: true}}
	for i, c := range w.cands {
		in := exam.DecisionInput{Outcome: "obtained", DossierProfessionnel: true, ECF: true, CCPs: all}
		switch i {
		case 0:
			in.Outcome, in.CCPs = "partial_success", []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}, {Code: "CCP3"}}
			in.Reasons = "La sécurisation des composants d'accès aux données reste à consolider."
		case 2:
			in = exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}, {Code: "CCP3"}}}
		case 3:
			in = exam.DecisionInput{Outcome: "absent"}
		}
		panel := f.Candidates[i].Panel
		_, err := rec.Decide(f, panel[0], c.ID, in)
		require.NoError(t, err)
		for j, m := range panel {
			if !close && i == 3 && j == 1 {
				continue
			}
			_, err := rec.Sign(f, m, c.ID)
			require.NoError(t, err)
		}
	}
	if close {
		require.NoError(t, rec.Close(f))
		now(4, 10, 0)
		_, err = rec.RecordPVSent(f, "Claire Martin", end+1)
		require.NoError(t, err)
		_, err = rec.Validate(f, "Inspection DDETS", exam.ValidationInput{Reference: "DDETS-69-2027-031"})
		require.NoError(t, err)
	}
	d.Exam = &session.ExamState{Record: rec, Pending: rec.Pending(f), Quorum: 2}
	return d
}

// saveForLooking writes a document under $DOCUMENTS_SAMPLES, when set,
// for a person to look at, as TestSamples does.
func saveForLooking(t *testing.T, doc documents.Document) {
	if dir := os.Getenv("DOCUMENTS_SAMPLES"); dir != "" {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, doc.Name), doc.Body, 0o644))
	}
}

func TestTheProcesVerbalStatesEveryDecisionAbsenceIncidentAndSignature(t *testing.T) {
	d := examined(t, true)
	doc, err := documents.ProcesVerbal(d)
	require.NoError(t, err)
	saveForLooking(t, doc)
	assert.Equal(t, documents.ContentTypePDF, doc.ContentType)
	checkLayout(t, doc.Body)
	text := pdfText(t, doc.Body)
	for _, want := range []string{
		"Procès-verbal de session d'examen", "Procès-verbal clos le mercredi 3 mars 2027",
		"Élise MARTIN-LEFÈVRE", "Réussite partielle", "CCP3 non acquis", "Titre obtenu", "Échec", "Absent",
		"La sécurisation des composants", "arrivé à 9 h 25, 25 min après le début, admis par Claire Martin ; fin inchangée, 35 min de composition",
		"Rapport n° 1 — Suspicion de fraude", "Téléphone allumé sous la table", "Témoins signataires : Sami Accueil",
		"il appartient à elle seule d'y donner une suite", "Signatures du jury", "Signé électroniquement",
		"Procès-verbal transmis à l'administration le 4 mars 2027", "décision DDETS-69-2027-031",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "PROJET")
}

func TestADraftProcesVerbalSaysWhatItLacks(t *testing.T) {
	d := examined(t, false)
	doc, err := documents.ProcesVerbal(d)
	require.NoError(t, err)
	checkLayout(t, doc.Body)
	text := pdfText(t, doc.Body)
	assert.Contains(t, text, "PROJET — le procès-verbal n'est pas clos : la décision sur Łukasz WAŁĘSA attend la signature de"[:60])
	assert.Contains(t, text, "signature(s) en attente")

	d.Exam = nil
	_, err = documents.ProcesVerbal(d)
	assert.ErrorIs(t, err, documents.ErrInvalidDossier)
}

func TestAConstatationIsPrintedForTheAdministration(t *testing.T) {
	d := examined(t, false)
	_, err := documents.Constatations(d)
	assert.ErrorIs(t, err, documents.ErrNoConstatation, "none")
	rec := d.Exam.Record
	rec.Constatations = []exam.Constatation{{Number: 1, Day: end, Candidates: []tpsession.CandidateID{d.Candidates[3].ID},
		Panels: []exam.Panel{{Deliberators: []tpsession.MemberID{d.Members[0].ID}, Absent: []tpsession.MemberID{d.Members[1].ID}}},
		Note:   "Mme Garçon retenue par une grève des transports.", By: "Claire Martin", At: end.Time(0, paris).Add(16 * time.Hour)}}
	d.Exam.Record = rec
	doc, err := documents.Constatations(d)
	require.NoError(t, err)
	saveForLooking(t, doc)
	checkLayout(t, doc.Body)
	text := pdfText(t, doc.Body)
	for _, want := range []string{"Procès-verbal de constatation", "N° 1 — mercredi 3 mars 2027", "ne peut valablement délibérer",
		"au moins 2 de ses membres", "à convoquer à nouveau", "grève des transports", "Établi par Claire Martin le mercredi 3 mars 2027 à 16 h"} {
		assert.Contains(t, text, want)
	}
}

func TestTheAttendanceSheetsArePrintedFromTheRecord(t *testing.T) {
	d := examined(t, true)
	doc, err := documents.AttendanceSheets(d)
	require.NoError(t, err)
	saveForLooking(t, doc)
	checkLayout(t, doc.Body)
	pages := pdfPages(t, doc.Body)
	all := strings.Join(pages, " ")
	for _, want := range []string{"Questionnaire professionnel — lundi 1er mars 2027, 09:00–10:00", "Entretien final", "(entretien final)",
		"Sami Accueil, 08:30", "Retard admis par Claire Martin ; 35 min restantes", "Signé à 09:30", "Absent",
		"Surveillance : Sami Accueil", "Signé le lundi 1er mars 2027 à 17 h 30", "Jury — lundi 1er mars 2027", "08:15", "17:15"} {
		assert.Contains(t, all, want)
	}

	// A sheet signed the next morning says so: the date is the
	// signature's, not the sitting's.
	rec := d.Exam.Record
	rec.Sheets = slices.Clone(rec.Sheets)
	for i, sg := range rec.Sheets {
		if sg.Role == exam.SignResponsable {
			rec.Sheets[i].At = (start + 1).Time(0, paris).Add(8*time.Hour + 5*time.Minute)
		}
	}
	d.Exam.Record = rec
	all = strings.Join(pdfPages(t, must(documents.AttendanceSheets(d)).Body), " ")
	assert.Contains(t, all, "Signé le mardi 2 mars 2027 à 8 h 05")
	assert.NotContains(t, all, "Signé le lundi 1er mars 2027 à 17 h 30")
}

func TestTheResultsAreExportedForTheMinistrysApplication(t *testing.T) {
	d := examined(t, true)
	doc, err := documents.ResultsCSV(d)
	require.NoError(t, err)
	saveForLooking(t, doc)
	require.True(t, strings.HasPrefix(string(doc.Body), "\ufeff"))
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(doc.Body), "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5)
	assert.Equal(t, []string{"Nom", "Prénom", "Date de naissance", "Résultat", "CCP1", "CCP2", "CCP3", "Délibéré le", "Modalité", "Modalité à distance", "Validé le"}, rows[0])
	assert.Equal(t, []string{"Martin-Lefèvre", "Élise", "11/05/1996", "Réussite partielle", "acquis", "acquis", "non acquis", "03/03/2027", "Sur site", "", "04/03/2027"}, rows[1])
	assert.Equal(t, "Titre obtenu", rows[2][3])
	assert.Equal(t, "Absent", rows[4][3])
}
