package documents_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/documents"
)

func TestConvocationLetterSaysWhatTheRulesAsk(t *testing.T) {
	w := newWorld(t, false)
	w.convoke()
	doc, err := documents.ConvocationLetter(w.dossier(), w.cands[0].ID)
	require.NoError(t, err)
	assert.Equal(t, documents.ContentTypePDF, doc.ContentType)
	assert.Equal(t, "convocation-martin-lefevre-elise.pdf", doc.Name)
	text := pdfText(t, doc.Body)
	t.Log(text)
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
