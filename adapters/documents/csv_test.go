package documents_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// richWorld adds to the world candidates with everything a spreadsheet
// carries: a VAE route, titles held, two host companies, an international
// phone number and a name a spreadsheet would take for a formula.
func richWorld(t *testing.T) *world {
	w := newWorld(t, 0)
	for _, in := range []candidate.CandidateInput{
		{
			FirstName: "Gaëlle", LastName: "L'Haÿ-Roses", BirthDate: "1988-02-29", Route: "vae", VAERecevabiliteOn: "2026-06-15",
			Email: "gaelle@example.fr", Phone: "+33 6 12 34 56 78", TitlesHeld: []string{"TP-00467", "TP-01280"},
			PostalAddress: &candidate.PostalAddressInput{Lines: []string{"Résidence « Les Pins »", "4 allée des Cèdres; escalier C", "BP 12"}, Postcode: "01000", City: "Bourg-en-Bresse"},
			HostCompanies: []candidate.HostCompanyInput{
				{SIRET: "73282932000074", Name: "Atelier Dupont & Fils", From: "2025-09-01", Until: "2025-12-19"},
				{SIRET: "35600000049837", Name: "Société \"Le Bœuf\"", From: "2026-01-05", Until: "2026-03-27"},
			},
		},
		{FirstName: "Zoé", LastName: "-Tiret", BirthDate: "2001-12-31", Route: "apprentissage",
			PostalAddress: &candidate.PostalAddressInput{Lines: []string{"=HYPERLINK(\"x\")"}, Postcode: "69002", City: "Lyon"}},
	} {
		c, err := w.svc.CreateCandidate(w.ctx, admin, in)
		require.NoError(t, err)
		w.clock.Advance(time.Minute)
		_, err = w.svc.Register(w.ctx, admin, w.ses.ID, c.ID)
		require.NoError(t, err)
		w.cands = append(w.cands, c)
	}
	return w
}

func TestCandidatesCSVRoundTrips(t *testing.T) {
	w := richWorld(t)
	w.convoke()
	doc, err := documents.CandidatesCSV(w.dossier())
	require.NoError(t, err)
	assert.Equal(t, "candidats-tp-01281-2027-03-01.csv", doc.Name)
	assert.Equal(t, documents.ContentTypeCSV, doc.ContentType)
	require.True(t, bytes.HasPrefix(doc.Body, []byte("\ufeff")), "a byte-order mark, for Excel")
	text := string(doc.Body)
	header, _, _ := strings.Cut(strings.TrimPrefix(text, "\ufeff"), "\r\n")
	assert.Equal(t, "Nom;Prénom;Date de naissance;Courriel;Téléphone;Adresse;Adresse 2;Adresse 3;Code postal;Ville;Parcours;"+
		"Date de recevabilité VAE;Titres détenus;SIRET entreprise d'accueil;Raison sociale entreprise d'accueil;Début de période;Fin de période;"+
		"SIRET entreprise d'accueil 2;Raison sociale entreprise d'accueil 2;Début de période 2;Fin de période 2;"+
		"Date de convocation;Heure de convocation;Lieu de convocation", header)
	assert.Contains(t, text, "\r\nMartin-Lefèvre;Élise;11/05/1996;")
	assert.Contains(t, text, ";01/03/2027;08:30;"+place)
	assert.Contains(t, text, `;"=""73282932000074""";`, "a SIRET is its 14 digits, kept from Excel's number conversion")
	assert.Contains(t, text, `;"=""01000""";`, "a postcode keeps its leading zero")
	assert.Contains(t, text, ";+33 6 12 34 56 78;", "a phone number is left as it is")
	assert.Contains(t, text, "\r\n'-Tiret;Zoé;31/12/2001;;;\"'=HYPERLINK(\"\"x\"\")\";")

	im, err := documents.ParseCandidates(bytes.NewReader(doc.Body), documents.ImportOptions{Today: prepared})
	require.NoError(t, err)
	assert.Equal(t, "UTF-8", im.Encoding)
	assert.Equal(t, ';', im.Delimiter)
	assert.Equal(t, []string{"Date de convocation", "Heure de convocation", "Lieu de convocation"}, im.Ignored)
	assert.Equal(t, []int{2, 3, 4, 5, 6, 7}, im.Lines)
	require.Len(t, im.Candidates, len(w.cands))
	for i, in := range im.Candidates {
		back, err := candidate.NewCandidate(w.cands[i].Centre, w.cands[i].ID, in, prepared)
		require.NoError(t, err)
		assert.Equal(t, w.cands[i], back, "candidate %d reads back as it was", i)
	}
}

func TestCandidatesCSVColumns(t *testing.T) {
	w := newWorld(t, 0)
	d := w.dossier()
	doc, err := documents.CandidatesCSV(d, documents.ColumnFirstName, documents.ColumnLastName, documents.ColumnRoute)
	require.NoError(t, err)
	assert.Equal(t, "\ufeffPrénom;Nom;Parcours\r\nÉlise;Martin-Lefèvre;Formation\r\n", string(doc.Body[:len("\ufeffPrénom;Nom;Parcours\r\nÉlise;Martin-Lefèvre;Formation\r\n")]))
	_, err = documents.CandidatesCSV(d, documents.ColumnLastName, "shoe_size")
	assert.ErrorIs(t, err, documents.ErrInvalidColumns)
	_, err = documents.CandidatesCSV(d, documents.ColumnLastName, documents.ColumnLastName)
	assert.ErrorIs(t, err, documents.ErrInvalidColumns)
}

func TestParseCandidatesFromAFrenchExcelFile(t *testing.T) {
	// What Excel writes for "CSV (séparateur: point-virgule)" on a French
	// Windows is Windows-1252; this one uses commas, other headers, a
	// period cell and dates with single digits.
	file := "N° dossier,NOM,Prénom,Né(e) le,E-mail,Tél,Adresse 1,Complément d'adresse,CP,Commune,Voie d'accès,SIRET,Entreprise,Période\r\n" +
		"17,Lefèvre,Zoé,3/7/1999,zoe@example.fr,06 12 34 56 78,2 place de l'Église,Appartement 3,69001,Lyon,Formation continue,732 829 320 00074,Boulangerie Noël,\"01/09/2026 - 31/10/2026\"\r\n" +
		",,,,,,,,,,,,,\r\n" +
		"18,Çelik,Ayşe,1995-11-30,,,,,,,Validation des acquis de l'expérience,,,\r\n"
	data, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(file, "ş", "s"))
	require.NoError(t, err)
	im, err := documents.ParseCandidates(strings.NewReader(data), documents.ImportOptions{Today: prepared})
	require.NoError(t, err)
	assert.Equal(t, "Windows-1252", im.Encoding)
	assert.Equal(t, ',', im.Delimiter)
	assert.Equal(t, []string{"N° dossier"}, im.Ignored)
	require.Len(t, im.Candidates, 2)
	assert.Equal(t, candidate.CandidateInput{
		FirstName: "Zoé", LastName: "Lefèvre", BirthDate: "1999-07-03", Email: "zoe@example.fr", Phone: "06 12 34 56 78",
		PostalAddress: &candidate.PostalAddressInput{Lines: []string{"2 place de l'Église", "Appartement 3"}, Postcode: "69001", City: "Lyon"},
		Route:         "formation",
		HostCompanies: []candidate.HostCompanyInput{{SIRET: "732 829 320 00074", Name: "Boulangerie Noël", From: "2026-09-01", Until: "2026-10-31"}},
	}, im.Candidates[0])
	assert.Equal(t, "Çelik", im.Candidates[1].LastName)
	assert.Equal(t, "Ayse", im.Candidates[1].FirstName)
	assert.Equal(t, "vae", im.Candidates[1].Route)
	assert.Equal(t, []int{2, 4}, im.Lines)
}

func TestParseCandidatesReportsEveryBadRowAndImportsNothing(t *testing.T) {
	file := "nom;prénom;date de naissance;parcours;courriel;siret\n" +
		"Martin;Élise;14/05/1996;formation;;\n" +
		";Noé;31/02/1990;formation;noe@;\n" +
		"Dupré;Inès;1990-01-01;bateau;;123\n" +
		"Martin;Élise;14/05/1996;Formation;;\n" +
		"Durand;Jean;01/01/2030;formation;;\n"
	_, err := documents.ParseCandidates(strings.NewReader(file), documents.ImportOptions{Today: prepared})
	require.ErrorIs(t, err, documents.ErrInvalidImport)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
	var ie *documents.ImportError
	require.True(t, errors.As(err, &ie))
	lines := map[int][]string{}
	for _, r := range ie.Rows {
		for _, f := range r.Fields {
			lines[r.Line] = append(lines[r.Line], f.Field)
		}
	}
	assert.Equal(t, map[int][]string{
		3: {"birth_date", "last_name", "email"},
		4: {"route", "host_companies[0].name", "host_companies[0].siret", "host_companies[0].from", "host_companies[0].until"},
		5: {"candidate"},
		6: {"birth_date"},
	}, lines)
	assert.Contains(t, ie.Rows[0].Fields[0].Message, `"31/02/1990" is not a date`)
	assert.Contains(t, ie.Rows[2].Fields[0].Message, "line 2")
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok)
	assert.Contains(t, fieldNames(e.Fields), "lines[3].birth_date")
	assert.Contains(t, fieldNames(e.Fields), "lines[5].candidate")
}

func fieldNames(fs []tpsession.FieldError) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Field)
	}
	return out
}

func TestParseCandidatesRefusesUnreadableFiles(t *testing.T) {
	tooMany := "nom;prénom;date de naissance;parcours\n" + strings.Repeat("Martin;Élise;14/05/1996;formation\n", 1001)
	tests := []struct {
		name, file, want string
	}{
		{"empty", "", "empty"},
		{"header only", "nom;prénom;date de naissance;parcours\n", "no candidate"},
		{"missing columns", "nom;courriel\nMartin;a@b.fr\n", "Prénom, Date de naissance, Parcours"},
		{"the same column twice", "nom;prénom;nom de famille;date de naissance;parcours\n", `columns 1 ("nom") and 3 ("nom de famille")`},
		{"a bare quote", "nom;prénom;date de naissance;parcours\nMar\"tin;Élise;14/05/1996;formation\n", "line 2"},
		{"too many rows", tooMany, "more than 1000"},
		{"too large", "nom;prénom;date de naissance;parcours\n" + strings.Repeat("x", documents.MaxImportBytes), "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := documents.ParseCandidates(strings.NewReader(tt.file), documents.ImportOptions{Today: prepared})
			require.ErrorIs(t, err, documents.ErrInvalidImport)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseCandidatesReadsOtherForms(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		opts     documents.ImportOptions
		encoding string
		delim    rune
	}{
		{"English headers, commas, UTF-8 with BOM", []byte("\ufefflast_name,first_name,birth_date,route,email\nMartin,Élise,1996-05-14,formation,e@example.fr\n"), documents.ImportOptions{}, "UTF-8", ','},
		{"tabs in UTF-16 (Excel's Unicode text)", utf16("Last name\tFirst name\tDate of birth\tRoute\tEmail\r\nMartin\tÉlise\t14/05/1996\tformation\te@example.fr\r\n"), documents.ImportOptions{}, "UTF-16", '\t'},
		{"no route column, a default route", []byte("Nom;Prénom;Date de naissance;Courriel\nMartin;Élise;14.05.1996 00:00;e@example.fr\n"), documents.ImportOptions{DefaultRoute: candidate.RouteFormation}, "UTF-8", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Today = prepared
			im, err := documents.ParseCandidates(bytes.NewReader(tt.data), tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.encoding, im.Encoding)
			assert.Equal(t, tt.delim, im.Delimiter)
			assert.Equal(t, []candidate.CandidateInput{{FirstName: "Élise", LastName: "Martin", BirthDate: "1996-05-14", Email: "e@example.fr", Route: "formation"}}, im.Candidates)
		})
	}
}

func utf16(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestImportedCandidatesGoIntoTheServiceAllAtOnce(t *testing.T) {
	w := newWorld(t, 0)
	file := "Nom;Prénom;Date de naissance;Parcours\n"
	for i := range 3 {
		file += fmt.Sprintf("Candidat;Numéro %s;0%d/01/1990;formation\n", string(rune('A'+i)), i+1)
	}
	im, err := documents.ParseCandidates(strings.NewReader(file), documents.ImportOptions{Today: prepared})
	require.NoError(t, err)
	imported, err := w.svc.ImportCandidates(w.ctx, admin, im.Candidates, session.ImportOptions{})
	require.NoError(t, err)
	require.Len(t, imported.Created, 3)
	assert.Equal(t, "Numéro C", imported.Created[2].FirstName)
}

func TestParseCandidatesBoundsTheTitlesOfACell(t *testing.T) {
	titles := strings.TrimSpace(strings.Repeat("TP-01281 ", 21))
	_, err := documents.ParseCandidates(strings.NewReader("nom;prénom;date de naissance;parcours;titres détenus\nMartin;Élise;14/05/1996;formation;"+titles+"\n"),
		documents.ImportOptions{Today: prepared})
	ie, ok := errors.AsType[*documents.ImportError](err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "titles_held", ie.Rows[0].Fields[0].Field)
	assert.Contains(t, ie.Rows[0].Fields[0].Message, "more than the 20")
}

func TestParseCandidatesComposesDecomposedAccents(t *testing.T) {
	file := "Nom;Pre\u0301nom;Date de naissance;Parcours\nNoe\u0308l;He\u0301le\u0300ne;01/01/1990;formation\n"
	im, err := documents.ParseCandidates(strings.NewReader(file), documents.ImportOptions{Today: prepared})
	require.NoError(t, err)
	require.Len(t, im.Candidates, 1)
	assert.Equal(t, "Hélène", im.Candidates[0].FirstName, "stored composed (NFC), as typed names are")
	assert.Equal(t, "Noël", im.Candidates[0].LastName)
}

func TestCandidatesCSVCells(t *testing.T) {
	// How each value is written for Excel, which opens this file (';',
	// UTF-8 with a byte-order mark) by a double click on a French Windows
	// and reads every cell as if typed: a formula is run, digits become a
	// number. The values go in an address line, which takes any text.
	tests := []struct{ value, want string }{
		{"+33 6 12 34 56 78", "+33 6 12 34 56 78"},       // not a formula Excel can read: kept as text
		{"+33 (0)6 12 34 56 78", "+33 (0)6 12 34 56 78"}, // the same
		{"06 12 34 56 78", "06 12 34 56 78"},
		{"0612345678", `"=""0612345678"""`},     // a number would lose its 0
		{"+33612345678", `"=""+33612345678"""`}, // a formula would drop its +
		{"123456789012", `"=""123456789012"""`}, // a number would show as 1,23457E+11
		{"12345678901", "12345678901"},
		{"-1+1", "-1+1"}, // arithmetic at worst: it reaches nothing
		{"+1 cmd|' /C calc'!A0", "'+1 cmd|' /C calc'!A0"},
		{"=1+1", "'=1+1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"-Tiret", "'-Tiret"},
		{`=""`, `"'="""""`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			w := newWorld(t, 0)
			c, err := w.svc.CreateCandidate(w.ctx, admin, candidate.CandidateInput{FirstName: "Zoé", LastName: "Lefèvre", BirthDate: "1999-07-03", Route: "formation",
				PostalAddress: &candidate.PostalAddressInput{Lines: []string{tt.value}, Postcode: "69001", City: "Lyon"}})

			require.NoError(t, err)
			_, err = w.svc.Register(w.ctx, admin, w.ses.ID, c.ID)
			require.NoError(t, err)
			doc, err := documents.CandidatesCSV(w.dossier(), documents.ColumnLastName, documents.ColumnAddress, documents.ColumnFirstName, documents.ColumnBirthDate, documents.ColumnPostcode, documents.ColumnCity)
			require.NoError(t, err)
			assert.Contains(t, string(doc.Body), "\r\nLefèvre;"+tt.want+";;Zoé;03/07/1999;69001;Lyon\r\n")
			im, err := documents.ParseCandidates(bytes.NewReader(doc.Body), documents.ImportOptions{Today: prepared, DefaultRoute: candidate.RouteFormation})
			require.NoError(t, err)
			i := slices.IndexFunc(im.Candidates, func(in candidate.CandidateInput) bool { return in.LastName == "Lefèvre" })
			require.GreaterOrEqual(t, i, 0)
			assert.Equal(t, []string{tt.value}, im.Candidates[i].PostalAddress.Lines, "read back as it was")
		})
	}
}
