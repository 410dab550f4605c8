package documents_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
)

// BenchmarkConvocationLetters makes the combined file of a session's four
// letters: go test -run '^$' -bench . ./documents
func BenchmarkConvocationLetters(b *testing.B) {
	w := newWorld(b, 0)
	w.convoke()
	d := w.dossier()
	for b.Loop() {
		_, err := documents.ConvocationLetters(d)
		require.NoError(b, err)
	}
}

// BenchmarkParseCandidates reads a file of 1,000 candidates, the most an
// import takes.
func BenchmarkParseCandidates(b *testing.B) {
	var file strings.Builder
	file.WriteString("Nom;Prénom;Date de naissance;Parcours;Courriel;Adresse;Code postal;Ville;SIRET;Raison sociale;Période\n")
	for i := range 1000 {
		fmt.Fprintf(&file, "Martin-%d;Élise;%02d/05/1996;Formation;e%d@example.fr;3 rue Victor Hugo;69002;Lyon;73282932000074;Atelier;01/09/2026 - 31/10/2026\n", i, 1+i%28, i)
	}
	opts := documents.ImportOptions{Today: prepared, DefaultRoute: candidate.RouteFormation}
	b.SetBytes(int64(file.Len()))
	for b.Loop() {
		_, err := documents.ParseCandidates(strings.NewReader(file.String()), opts)
		require.NoError(b, err)
	}
}
