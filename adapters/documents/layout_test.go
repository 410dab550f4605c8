package documents_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/internal/pdftest"
	"github.com/tpsession/tpsession/candidate"
)

// The page's margins, in millimetres, that no word may cross.
const (
	pageMargin = 18.0
	pageWide   = 210.0
	pageHigh   = 297.0
)

// checkLayout checks every page of a PDF as a person would hold it: no
// word past a margin or off the page, no two words on top of each other,
// the footer apart from the body, below it. It returns the pages.
func checkLayout(t *testing.T, body []byte) []pdftest.Page {
	t.Helper()
	pages := pdftest.Layout(t, body)
	require.NotEmpty(t, pages)
	for n, p := range pages {
		where := fmt.Sprintf("page %d", n+1)
		assert.InDelta(t, pageWide, p.Width, 0.5, where)
		assert.InDelta(t, pageHigh, p.Height, 0.5, where)
		for i, w := range p.Words {
			assert.GreaterOrEqual(t, w.XMin, pageMargin-0.3, "%s: %q starts in the left margin", where, w.Text)
			assert.LessOrEqual(t, w.XMax, pageWide-pageMargin+0.3, "%s: %q runs past the right margin", where, w.Text)
			assert.GreaterOrEqual(t, w.YMin, 0.0, where)
			assert.LessOrEqual(t, w.YMax, pageHigh, where)
			for _, o := range p.Words[i+1:] {
				assert.False(t, w.Overlap(o), "%s: %q (%.1f, %.1f) and %q (%.1f, %.1f) overprint each other", where, w.Text, w.XMin, w.YMin, o.Text, o.XMin, o.YMin)
			}
		}
		// The footer is the last line holding "Page n/N" and what stands
		// beside or below it; the body ends above it.
		i := slices.IndexFunc(p.Words, func(w pdftest.Word) bool { return w.Text == "Page" && w.YMin > pageHigh-25 })
		require.GreaterOrEqual(t, i, 0, "%s has its page number", where)
		footer := p.Words[i].YMin
		for _, w := range p.Words {
			if w.YMin < footer-8 {
				assert.Less(t, w.YMax, footer-1.5, "%s: %q of the body reaches the footer", where, w.Text)
			}
		}
	}
	return pages
}

// hasWords reports whether the page holds s, its words in order, though a
// word may be cut at a hyphen between two lines.
func hasWords(p pdftest.Page, s string) bool {
	return strings.Contains(strings.Join(strings.Fields(p.Text()), ""), strings.Join(strings.Fields(s), ""))
}

// convokeOn drafts a convocation of the candidate on the days given (of a
// session without a plan), validates it and hands it over.
func (w *world) convokeOn(c candidate.Candidate, place string, days ...string) {
	w.t.Helper()
	var as []candidate.AppointmentInput
	for i, d := range days {
		as = append(as, candidate.AppointmentInput{At: d, Room: fmt.Sprintf("Salle d'entretien n° %d, bâtiment Rhône-Alpes-Auvergne", i+1), Epreuve: "Entretien technique avec le jury, puis entretien final"})
	}
	_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
		Appointments: as, Place: place, Documents: candidate.UsualDocuments(), PPE: []string{"Chaussures de sécurité"},
	})
	require.NoError(w.t, err)
}

// TestLettersNeverLoseText: names of every length and script, up to three
// appointments, a long place: every word is on the page, within its
// margins, none over another, the signature on the page of the letter's
// end, the footer below the body.
func TestLettersNeverLoseText(t *testing.T) {
	longPlace := "Centre de formation professionnelle Les Lilas, bâtiment B, salle Rhône-Alpes (rez-de-chaussée, accès par la cour), 12 rue des Lilas, 69003 Lyon"
	days := []string{"2027-03-01T08:30", "2027-03-02T10:25", "2027-03-03T13:45"}
	for n := 1; n <= 3; n++ {
		t.Run(fmt.Sprintf("%d appointments", n), func(t *testing.T) {
			w := newWorldOf(t, 0, stretching, nil)
			for _, c := range w.cands {
				w.convokeOn(c, longPlace, days[:n]...)
			}
			d := w.dossier()
			d.Delivery = ""
			for _, c := range w.cands {
				doc, err := documents.ConvocationLetter(d, c.ID)
				require.NoError(t, err)
				assert.Empty(t, doc.Unprintable, "every letter of these names prints")
				pages := checkLayout(t, doc.Body)
				name := c.FirstName + " " + strings.ToUpper(c.LastName)
				assert.True(t, hasWords(pages[0], name), "%s is on the first page, whole", name)
				assert.True(t, hasWords(pages[0], longPlace), "the place, whole")
				for _, day := range []string{"lundi 1er mars 2027 à 8 h 30", "mardi 2 mars 2027 à 10 h 25", "mercredi 3 mars 2027 à 13 h 45"}[:n] {
					assert.True(t, slices.ContainsFunc(pages, func(p pdftest.Page) bool { return hasWords(p, day) }), "%s: %s", name, day)
				}
				last := pages[len(pages)-1]
				assert.True(t, hasWords(last, "salutations distinguées."), "%s: the closing on the last page", name)
				assert.True(t, hasWords(last, "Claire Martin Responsable de session"), "%s: the signature with the closing", name)
				assert.True(t, hasWords(last, "Rappels importants"), "%s: the signature is not alone on its page", name)
			}
		})
	}
}

// TestAttendanceSheetsNeverLoseText: every name whole, wrapped in its
// cell, none over another, on sheets of a plan and without one.
func TestAttendanceSheetsNeverLoseText(t *testing.T) {
	for _, planDays := range []int{0, 2} {
		t.Run(fmt.Sprintf("plan of %d days", planDays), func(t *testing.T) {
			w := newWorldOf(t, planDays, stretching, nil)
			w.convoke()
			doc, err := documents.AttendanceSheets(w.dossier())
			require.NoError(t, err)
			pages := checkLayout(t, doc.Body)
			for _, c := range w.cands {
				listed := slices.ContainsFunc(pages, func(p pdftest.Page) bool {
					return hasWords(p, strings.ToUpper(c.LastName)+" "+c.FirstName)
				})
				assert.True(t, listed, "%s %s is on a sheet, whole", c.FirstName, c.LastName)
			}
			for _, p := range pages {
				assert.True(t, hasWords(p, "Concepteur développeur d'applications (TP-01281)"), "the session by its title")
				assert.False(t, slices.ContainsFunc(p.Words, func(w pdftest.Word) bool { return strings.HasPrefix(w.Text, "ses_") }), "no identifier on paper")
			}
		})
	}
}

func TestTheDerouleNeverLosesText(t *testing.T) {
	w := newWorldOf(t, 2, stretching, nil)
	doc, err := documents.DeroulePDF(w.dossier())
	require.NoError(t, err)
	pages := checkLayout(t, doc.Body)
	for _, c := range w.cands {
		assert.True(t, slices.ContainsFunc(pages, func(p pdftest.Page) bool { return hasWords(p, c.FirstName+" "+strings.ToUpper(c.LastName)) }))
	}
}

// TestACharacterTheFontLacksIsReported: printed as U+FFFD, never as "?",
// and named in Unprintable.
func TestACharacterTheFontLacksIsReported(t *testing.T) {
	w := newWorldOf(t, 0, []person{{"Mei", "王"}, {"Zoë", "Ødegård"}}, nil)
	for _, c := range w.cands {
		w.convokeOn(c, place, "2027-03-01T08:30")
	}
	doc, err := documents.ConvocationLetter(w.dossier(), w.cands[0].ID)
	require.NoError(t, err)
	assert.Equal(t, []rune{'王'}, doc.Unprintable)
	text := pdfText(t, doc.Body)
	assert.Contains(t, text, "Mei \uFFFD")
	assert.NotContains(t, text, "Mei ?")
	other, err := documents.ConvocationLetter(w.dossier(), w.cands[1].ID)
	require.NoError(t, err)
	assert.Empty(t, other.Unprintable)
	assert.Contains(t, pdfText(t, other.Body), "Zoë ØDEGÅRD")
}

func TestTheLetterIsSignedByTheSignatory(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	d := w.dossier()
	text := pdfText(t, must(documents.ConvocationLetter(d, w.cands[0].ID)).Body)
	assert.Contains(t, text, "Pour Centre de formation Les Lilas, Claire Martin Responsable de session", "by default, the responsable de session")
	d.Signatory = documents.Signatory{Name: "Anne Dupont-Lefèvre", Role: "Directrice du centre"}
	text = pdfText(t, must(documents.ConvocationLetter(d, w.cands[0].ID)).Body)
	assert.Contains(t, text, "Anne Dupont-Lefèvre Directrice du centre")
	assert.NotContains(t, text, "Le responsable de session,")
	assert.Contains(t, text, "Convocation d'Élise MARTIN-LEFÈVRE", "the footer elides before a vowel")
	text = pdfText(t, must(documents.ConvocationLetter(d, w.cands[1].ID)).Body)
	assert.Contains(t, text, "Convocation de Noé DUPRÉ")
	d.Signatory.Role = strings.Repeat("é", 200) // the longest role the text rule allows
	_, err := documents.ConvocationLetter(d, w.cands[0].ID)
	assert.NoError(t, err)
}

// TestACorrectionSaysWhatItReplaces: validated, handed over, then
// corrected: the letter says it replaces the first.
func TestACorrectionSaysWhatItReplaces(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	c := w.cands[1] // handed over on 20 January
	_, err := w.svc.CorrectConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
		Appointments: []candidate.AppointmentInput{{At: "2027-03-01T08:30"}, {At: "2027-03-02T10:00"}}, Place: place, Documents: candidate.UsualDocuments(),
	})
	require.NoError(t, err)
	text := pdfText(t, must(documents.ConvocationLetter(w.dossier(), c.ID)).Body)
	assert.Contains(t, text, "PROJET")
	assert.Contains(t, text, "Cette convocation annule et remplace la convocation validée le 20 janvier 2027 et remise le 20 janvier 2027")
	assert.Contains(t, text, "le mardi 2 mars 2027 à 10 h")
}

// TestAPostedLetterKeepsToOneSheet: a letter of one appointment going by
// registered mail, with its documents and its protective equipment, is one
// sheet: the two lists side by side, the equipment in the address's column.
func TestAPostedLetterKeepsToOneSheet(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	d := w.dossier()
	doc, err := documents.ConvocationLetter(d, w.cands[0].ID)
	require.NoError(t, err)
	pages := checkLayout(t, doc.Body)
	require.Len(t, pages, 1, "one sheet")
	at := func(s string) pdftest.Word {
		i := slices.IndexFunc(pages[0].Words, func(w pdftest.Word) bool { return w.Text == s })
		require.GreaterOrEqual(t, i, 0, "%q is on the page", s)
		return pages[0].Words[i]
	}
	docs, epi := at("Documents"), at("Équipements")
	assert.InDelta(t, docs.YMin, epi.YMin, 0.5, "the lists side by side")
	assert.InDelta(t, 110, epi.XMin, 0.5, "the equipment in the address's column")
	assert.True(t, hasWords(pages[0], "Claire Martin Responsable de session"))
}
