package documents_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

func TestConvocationLetterSaysWhatTheRulesAsk(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	doc, err := documents.ConvocationLetter(w.dossier(), w.cands[0].ID)
	require.NoError(t, err)
	assert.Equal(t, documents.ContentTypePDF, doc.ContentType)
	assert.Equal(t, "convocation-martin-lefevre-elise.pdf", doc.Name)
	text := pdfText(t, doc.Body)
	for _, want := range []string{
		"Centre de formation Les Lilas", "12 rue des Lilas", "SIRET 732 829 320 00074", "Agrément n° 84-2026-0042",
		"Élise MARTIN-LEFÈVRE", "3 rue Victor Hugo", "Bâtiment B", "69002 LYON",
		"Fait à Lyon, le 20 janvier 2027",
		"Lettre recommandée avec accusé de réception n° 1A12345678901",
		"titre professionnel Concepteur développeur d'applications (TP-01281)",
		"du lundi 1er mars au mercredi 3 mars 2027",
		"le lundi 1er mars 2027 à 8 h 30", "Lieu : " + place,
		"Pièce d'identité en cours de validité", "Dossier professionnel (DP)", "Attestation de formation", "Convocation",
		"Chaussures de sécurité", "Lunettes de protection",
		"un retard ne prolonge pas les épreuves, dont l'heure de fin reste inchangée",
		"le responsable de session décide de votre admission",
		"Les téléphones portables et tout autre appareil de communication sont interdits pendant les épreuves, sauf si le référentiel d'évaluation du titre les autorise",
		"règlement général des sessions d'examen (arrêté du 21 juillet 2016)",
		"Claire Martin",
		"Page 1/1",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "PROJET")
}

func TestConvocationLettersPrintOneLetterPerCandidateInOneFile(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	d := w.dossier()
	doc, err := documents.ConvocationLetters(d)
	require.NoError(t, err)
	assert.Equal(t, "convocations-tp-01281-2027-03-01.pdf", doc.Name)
	assert.Empty(t, doc.Omitted)
	letters := lettersOf(pdfPages(t, doc.Body))
	require.Len(t, letters, len(w.cands), "a letter per candidate")
	for i, want := range []string{"Élise MARTIN-LEFÈVRE", "Noé DUPRÉ", "Inès ŒUVRAY", "Łukasz WAŁĘSA"} {
		assert.Contains(t, letters[i], want)
		assert.Contains(t, letters[i], "Page 1/", "each letter numbers its own pages")
		assert.Contains(t, letters[i], "le lundi 1er mars 2027 à 8 h 30")
		for j, other := range w.cands {
			if j != i {
				assert.NotContains(t, letters[i], other.FirstName+" "+strings.ToUpper(other.LastName))
			}
		}
	}
	assert.Contains(t, letters[1], "Remise en main propre le 20 janvier 2027 à Noé Dupré")

	again, err := documents.ConvocationLetters(d)
	require.NoError(t, err)
	assert.Equal(t, doc.Body, again.Body, "the same dossier gives the same bytes")

	some, err := documents.ConvocationLetters(d, w.cands[2].ID, w.cands[0].ID)
	require.NoError(t, err)
	letters = lettersOf(pdfPages(t, some.Body))
	require.Len(t, letters, 2)
	assert.Contains(t, letters[0], "Inès ŒUVRAY")
	assert.Contains(t, letters[1], "Élise MARTIN-LEFÈVRE")
}

// lettersOf groups a file's pages by letter: a letter starts on a page
// numbered 1.
func lettersOf(pages []string) []string {
	var out []string
	for _, p := range pages {
		if strings.Contains(p, "Page 1/") || len(out) == 0 {
			out = append(out, p)
			continue
		}
		out[len(out)-1] += " " + p
	}
	return out
}

func TestConvocationLetterDeliveryMention(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	const receipt = "Reçue en main propre le"
	tests := []struct {
		name     string
		who      int
		planned  candidate.DeliveryMethod
		want     []string
		unwanted []string
	}{
		{"registered mail recorded", 0, "", []string{"Lettre recommandée avec accusé de réception n° 1A12345678901"}, []string{"Remise en main propre", receipt}},
		{"hand delivery recorded", 1, "", []string{"Remise en main propre le 20 janvier 2027 à Noé Dupré"}, []string{"Lettre recommandée", receipt}},
		{"registered mail planned", 2, candidate.DeliveryRegisteredMail, []string{"Lettre recommandée avec accusé de réception n° ……"}, []string{"Remise en main propre", receipt}},
		{"hand delivery planned", 2, candidate.DeliveryByHand, []string{"Remise en main propre le …………………… à ……", receipt, "Signature du candidat"}, []string{"Lettre recommandée"}},
		{"nothing planned", 2, "", []string{"Lettre recommandée avec accusé de réception n° ……", "Remise en main propre le ……", receipt}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := w.dossier()
			d.Delivery = tt.planned
			doc, err := documents.ConvocationLetter(d, w.cands[tt.who].ID)
			require.NoError(t, err)
			text := pdfText(t, doc.Body)
			for _, s := range tt.want {
				assert.Contains(t, text, s)
			}
			for _, s := range tt.unwanted {
				assert.NotContains(t, text, s)
			}
		})
	}
}

func TestConvocationLetterDate(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	d := w.dossier()
	d.Today = date.New(2027, time.January, 25)
	sent, err := documents.ConvocationLetter(d, w.cands[0].ID)
	require.NoError(t, err)
	assert.Contains(t, pdfText(t, sent.Body), "Fait à Lyon, le 20 janvier 2027", "a letter sent is dated the day it was sent")
	handed, err := documents.ConvocationLetter(d, w.cands[1].ID)
	require.NoError(t, err)
	assert.Contains(t, pdfText(t, handed.Body), "Fait à Lyon, le 20 janvier 2027", "a letter handed over is dated the day it was handed over")
	assert.Contains(t, pdfText(t, handed.Body), "Remise en main propre le 20 janvier 2027")
	other, err := documents.ConvocationLetter(d, w.cands[2].ID)
	require.NoError(t, err)
	assert.Contains(t, pdfText(t, other.Body), "Fait à Lyon, le 25 janvier 2027")
	d.Today = date.Zero
	blank, err := documents.ConvocationLetter(d, w.cands[2].ID)
	require.NoError(t, err)
	assert.Contains(t, pdfText(t, blank.Body), "Fait à Lyon, le ……", "without a day the date is left to write")
}

func TestDraftConvocationIsPrintedAsADraft(t *testing.T) {
	w := newWorld(t, 0)
	_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, w.cands[0].ID, candidate.ConvocationInput{
		Appointment: "2027-03-02T13:30", Place: place, Documents: candidate.UsualDocuments(),
	})
	require.NoError(t, err)
	doc, err := documents.ConvocationLetter(w.dossier(), w.cands[0].ID)
	require.NoError(t, err)
	text := pdfText(t, doc.Body)
	assert.Contains(t, text, "PROJET — convocation non validée")
	assert.Contains(t, text, "le mardi 2 mars 2027 à 13 h 30")
	assert.Contains(t, text, "aucun n'est demandé pour ces épreuves", "a convocation without EPI says so")
}

func TestConvocationLetterRefusals(t *testing.T) {
	w := newWorld(t, 0)
	_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, w.cands[0].ID, candidate.ConvocationInput{Appointment: "2027-03-01T08:30"})
	require.NoError(t, err)
	stranger, err := w.svc.CreateCandidate(w.ctx, admin, candidate.CandidateInput{FirstName: "Jean", LastName: "Inconnu", BirthDate: "1990-01-01", Route: "formation"})
	require.NoError(t, err)
	d := w.dossier()

	_, err = documents.ConvocationLetter(d, stranger.ID)
	assert.ErrorIs(t, err, candidate.ErrRegistrationNotFound)
	_, err = documents.ConvocationLetter(d, w.cands[1].ID)
	assert.ErrorIs(t, err, session.ErrConvocationNotFound)
	_, err = documents.ConvocationLetter(d, w.cands[0].ID)
	require.ErrorIs(t, err, candidate.ErrConvocationIncomplete)
	assert.Contains(t, err.Error(), "place, documents")
	_, err = documents.ConvocationLetters(d, w.cands[0].ID)
	assert.ErrorIs(t, err, candidate.ErrConvocationIncomplete, "a file of the letters asked for is refused rather than a letter left out")
	_, err = documents.CandidateCalendar(d, w.cands[1].ID)
	assert.ErrorIs(t, err, session.ErrConvocationNotFound)
}

// TestTheBatchOfLettersSaysWhoHasNone: the file of every letter prints
// those it can, and names on a cover page, and in Omitted, the registered
// candidates without a letter, and why.
func TestTheBatchOfLettersSaysWhoHasNone(t *testing.T) {
	w := newWorld(t, 0)
	for _, c := range w.cands[1:3] {
		_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
			Appointment: "2027-03-01T08:30", Place: place, Documents: candidate.UsualDocuments(),
		})
		require.NoError(t, err)
	}
	_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, w.cands[3].ID, candidate.ConvocationInput{Appointment: "2027-03-01T08:30"})
	require.NoError(t, err)
	doc, err := documents.ConvocationLetters(w.dossier())
	require.NoError(t, err)
	require.Len(t, doc.Omitted, 2)
	assert.Equal(t, w.cands[0].ID, doc.Omitted[0].Candidate)
	assert.Equal(t, "Élise MARTIN-LEFÈVRE", doc.Omitted[0].Name)
	assert.Equal(t, "aucune convocation n'est rédigée", doc.Omitted[0].Reason)
	assert.Equal(t, w.cands[3].ID, doc.Omitted[1].Candidate)
	assert.Contains(t, doc.Omitted[1].Reason, "de lieu")
	pages := pdfPages(t, doc.Body)
	cover := pages[0]
	assert.Contains(t, cover, "2 lettres dans ce fichier ; 2 candidats inscrits sans lettre")
	assert.Contains(t, cover, "Élise MARTIN-LEFÈVRE Sans lettre : aucune convocation n'est rédigée.")
	assert.Contains(t, cover, "Łukasz WAŁĘSA Sans lettre : la convocation rédigée n'a pas encore de lieu, ni de liste des documents à apporter.")
	letters := lettersOf(pages[1:])
	require.Len(t, letters, 2)
	assert.Contains(t, letters[0], "Noé DUPRÉ")
	assert.Contains(t, letters[1], "Inès ŒUVRAY")

	for _, c := range w.cands {
		require.NoError(t, w.svc.Withdraw(w.ctx, admin, w.ses.ID, c.ID))
	}
	_, err = documents.ConvocationLetters(w.dossier())
	assert.ErrorIs(t, err, candidate.ErrRegistrationNotFound, "nobody registered: nothing to print")
}

func TestALongLetterNumbersItsOwnPages(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	var docs []string
	for i := range 28 {
		docs = append(docs, fmt.Sprintf("Justificatif n° %d à apporter en original", i+1))
	}
	_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, w.cands[3].ID, candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30", Place: place, Documents: docs, PPE: []string{"Casque"},
	})
	require.ErrorIs(t, err, candidate.ErrConvocationValidated, "a validated convocation does not change")
	err = w.svc.Withdraw(w.ctx, admin, w.ses.ID, w.cands[3].ID)
	require.NoError(t, err)
	_, err = w.svc.Register(w.ctx, admin, w.ses.ID, w.cands[3].ID)
	require.NoError(t, err)
	_, err = w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, w.cands[3].ID, candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30", Place: place, Documents: docs, PPE: []string{"Casque"},
	})
	require.NoError(t, err)
	doc, err := documents.ConvocationLetter(w.dossier(), w.cands[3].ID)
	require.NoError(t, err)
	pages := pdfPages(t, doc.Body)
	require.Len(t, pages, 2, "a two-page letter")
	assert.Contains(t, pages[0], "Łukasz WAŁĘSA")
	assert.Contains(t, pages[0], "Page 1/2")
	assert.Contains(t, pages[1], "Justificatif n° 28 à apporter en original")
	assert.Contains(t, pages[1], "Page 2/2")
	assert.Contains(t, pages[1], "Convocation de Łukasz WAŁĘSA")
	assert.Contains(t, pages[1], "Claire Martin Responsable de session", "signed on the page of the letter's end")
}

func TestDecomposedAccentsArePrinted(t *testing.T) {
	w := newWorld(t, 0)
	// "Hélène Noël" as a macOS file name or some web forms give it: each
	// accent a combining mark after its letter (Unicode NFD).
	first, last := "He\u0301le\u0300ne", "Noe\u0308l"
	c, err := w.svc.CreateCandidate(w.ctx, admin, candidate.CandidateInput{FirstName: first, LastName: last, BirthDate: "1990-01-01", Route: "formation"})
	require.NoError(t, err)
	_, err = w.svc.Register(w.ctx, admin, w.ses.ID, c.ID)
	require.NoError(t, err)
	_, err = w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30", Place: "Salle Rhône", Documents: []string{"Pie\u0300ce d'identite\u0301"},
	})
	require.NoError(t, err)
	text := pdfText(t, must(documents.ConvocationLetter(w.dossier(), c.ID)).Body)
	assert.Contains(t, text, "Hélène NOËL")
	assert.Contains(t, text, "Pièce d'identité")
	assert.NotContains(t, text, "?")
	sheets := pdfText(t, must(documents.AttendanceSheets(w.dossier())).Body)
	assert.Contains(t, sheets, "NOËL Hélène")
}
