package documents_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
)

// FuzzParseCandidates feeds the import whatever a user may upload: it never
// panics, refuses with an Invalid error, and what it accepts is a list of
// valid candidates, one line each.
func FuzzParseCandidates(f *testing.F) {
	for _, seed := range []string{
		"nom;prénom;date de naissance;parcours\nMartin;Élise;14/05/1996;formation\n",
		"last_name,first_name,birth_date,route,siret,raison sociale,période\nA,B,1990-01-01,vae,73282932000074,X,01/01/2026 - 02/02/2026\n",
		"\ufeffNom\tPrénom\tNé le\tVoie d'accès\tAdresse 2\tCP\tVille\n\"Mar\"\"tin\"\tZoé\t1/2/2000\tapprenti\t2 rue\t69001\tLyon\n",
		"Nom;Prénom;Date de naissance;Parcours\n'=1+1;x;31/12/1999;Formation;extra\n",
		"Nom;Prénom;Date de naissance;Parcours;CP;Ville;SIRET\nA;B;1/1/1990;vae;\"=\"\"01000\"\"\";Bourg;=\"73282932000074\"\n",
		"\xff\xfeN\x00o\x00m\x00",
		"nom;nom\n",
	} {
		f.Add([]byte(seed))
	}
	today := prepared
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := documents.ParseCandidates(bytes.NewReader(data), documents.ImportOptions{Today: today, DefaultRoute: candidate.RouteFormation})
		if err != nil {
			require.ErrorIs(t, err, documents.ErrInvalidImport)
			require.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
			if ie, ok := errors.AsType[*documents.ImportError](err); ok {
				require.NotEmpty(t, ie.Rows)
			}
			return
		}
		require.NotEmpty(t, im.Candidates)
		require.Len(t, im.Lines, len(im.Candidates))
		for _, in := range im.Candidates {
			_, err := candidate.NewCandidate("fuzz", "can_00000000000000000000000000", in, today)
			require.NoError(t, err)
		}
	})
}
