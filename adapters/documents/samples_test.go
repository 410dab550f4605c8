package documents_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/documents"
)

// stretching are candidates whose names stretch the layout: very long
// names of several words, and letters of Latin scripts beyond French.
var stretching = []person{
	{"Jean-Baptiste Marie-Édouard", "Van der Heyden-Müller-Échevarría"},
	{"Ştefan-Alexandru", "Ștefănescu-Wałęsa"},
	{"Őrs", "Ødegård"},
	{"Emma", "Faure"},
	{"Nguyễn Thị", "Ánh"},
	{"Hélène", "D'Alembert-Lefèvre de la Tour du Pin Chambly de La Charce"},
}

// TestSamples writes the documents of a session of such candidates, for a
// person to look at (pdftoppm -png turns the pages into pictures):
//
//	DOCUMENTS_SAMPLES=/tmp/samples go test -run TestSamples ./adapters/documents
func TestSamples(t *testing.T) {
	dir := os.Getenv("DOCUMENTS_SAMPLES")
	if dir == "" {
		t.Skip("DOCUMENTS_SAMPLES names no directory to write the samples in")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	w := newWorldOf(t, 2, stretching, nil)
	w.convoke()
	d := w.dossier()
	write := func(doc documents.Document, err error) {
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, doc.Name), doc.Body, 0o644))
	}
	write(documents.ConvocationLetters(d))
	write(documents.AttendanceSheets(d))
	write(documents.DeroulePDF(d))
	write(documents.CandidateCalendar(d, w.cands[0].ID))
	write(documents.MemberCalendar(d, w.mems[0].ID))

	// Three appointments, a long place, no delivery recorded: the
	// longest letter.
	three := newWorldOf(t, 0, stretching, nil)
	three.convokeOn(three.cands[5], "Centre de formation professionnelle Les Lilas, bâtiment B, salle Rhône-Alpes (rez-de-chaussée, accès par la cour), 12 rue des Lilas, 69003 Lyon",
		"2027-03-01T08:30", "2027-03-02T10:25", "2027-03-03T13:45")
	doc, err := documents.ConvocationLetter(three.dossier(), three.cands[5].ID)
	doc.Name = "trois-rendez-vous-" + doc.Name
	write(doc, err)
}
