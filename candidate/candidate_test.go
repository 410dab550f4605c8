package candidate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func TestFixtureIDsAreWellFormed(t *testing.T) {
	_, err := tpsession.ParseSessionID(string(sessionID))
	require.NoError(t, err)
	_, err = tpsession.ParseCandidateID(string(candidateID))
	require.NoError(t, err)
	_, err = tpsession.ParseRegistrationID(string(regID))
	require.NoError(t, err)
}

func TestNewCandidateParsesEveryField(t *testing.T) {
	in := validInput()
	in.Route = "vae"
	in.VAERecevabiliteOn = "2026-03-01"
	in.TitlesHeld = []string{"TP-00001"}
	in.HostCompanies = append(in.HostCompanies, candidate.HostCompanyInput{SIRET: siretB, Name: "La Poste", From: "2025-01-01", Until: "2025-01-01"})

	c, err := candidate.NewCandidate(centre, candidateID, in, today)
	require.NoError(t, err)

	assert.Equal(t, centre, c.Centre)
	assert.Equal(t, candidateID, c.ID)
	assert.Equal(t, "Camille", c.FirstName)
	assert.Equal(t, "Martin", c.LastName)
	assert.Equal(t, date.New(1995, 6, 15), c.BirthDate)
	assert.Equal(t, "camille.martin@example.fr", c.Email)
	assert.Equal(t, "06 12 34 56 78", c.Phone)
	assert.Equal(t, candidate.PostalAddress{Lines: []string{"12 rue de la République"}, Postcode: "69002", City: "Lyon"}, c.PostalAddress)
	assert.Equal(t, candidate.RouteVAE, c.Route)
	assert.Equal(t, date.New(2026, 3, 1), c.VAERecevabiliteOn)
	assert.Equal(t, []tpsession.TitleCode{"TP-00001"}, c.TitlesHeld)
	assert.Equal(t, []candidate.HostCompany{
		{SIRET: siretA, Name: "Atelier Dupont", Period: tpsession.DateRange{From: date.New(2026, 9, 1), Until: date.New(2026, 10, 31)}},
		{SIRET: siretB, Name: "La Poste", Period: tpsession.DateRange{From: date.New(2025, 1, 1), Until: date.New(2025, 1, 1)}},
	}, c.HostCompanies)
}

func TestNewCandidateKeepsOptionalFieldsEmpty(t *testing.T) {
	c, err := candidate.NewCandidate(centre, candidateID, candidate.CandidateInput{
		FirstName: " Léa ", LastName: "N'Diaye", BirthDate: "2001-12-31", Route: "apprentissage",
	}, today)
	require.NoError(t, err)
	assert.Equal(t, "Léa", c.FirstName)
	assert.True(t, c.PostalAddress.IsZero())
	assert.Empty(t, c.Email)
	assert.Empty(t, c.HostCompanies)
	assert.Empty(t, c.HostSIRETs())
}

func TestNewCandidateRefusesBadFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(*candidate.CandidateInput)
		fields []string
	}{
		{"first name missing", func(in *candidate.CandidateInput) { in.FirstName = "  " }, []string{"first_name"}},
		{"last name missing", func(in *candidate.CandidateInput) { in.LastName = "" }, []string{"last_name"}},
		{"name too long", func(in *candidate.CandidateInput) { in.LastName = strings.Repeat("a", 101) }, []string{"last_name"}},
		{"name with a control character", func(in *candidate.CandidateInput) { in.FirstName = "Camille\x1bMarie" }, []string{"first_name"}},
		{"name not UTF-8", func(in *candidate.CandidateInput) { in.FirstName = "Cam\xffille" }, []string{"first_name"}},
		{"birth date missing", func(in *candidate.CandidateInput) { in.BirthDate = "" }, []string{"birth_date"}},
		{"birth date ill-formed", func(in *candidate.CandidateInput) { in.BirthDate = "15/06/1995" }, []string{"birth_date"}},
		{"birth date today", func(in *candidate.CandidateInput) { in.BirthDate = today.String() }, []string{"birth_date"}},
		{"birth date before 1900", func(in *candidate.CandidateInput) { in.BirthDate = "1899-12-31" }, []string{"birth_date"}},
		{"e-mail without domain", func(in *candidate.CandidateInput) { in.Email = "camille" }, []string{"email"}},
		{"e-mail with a display name", func(in *candidate.CandidateInput) { in.Email = "Camille <c@example.fr>" }, []string{"email"}},
		{"phone with letters", func(in *candidate.CandidateInput) { in.Phone = "06 12 AB 56 78" }, []string{"phone"}},
		{"phone with a plus inside", func(in *candidate.CandidateInput) { in.Phone = "06+12345678" }, []string{"phone"}},
		{"phone with 5 digits", func(in *candidate.CandidateInput) { in.Phone = "12 345" }, []string{"phone"}},
		{"phone with 16 digits", func(in *candidate.CandidateInput) { in.Phone = "+33 61234567890123" }, []string{"phone"}},
		{"address without city", func(in *candidate.CandidateInput) { in.PostalAddress.City = "" }, []string{"postal_address.city"}},
		{"address without postcode", func(in *candidate.CandidateInput) { in.PostalAddress.Postcode = "" }, []string{"postal_address.postcode"}},
		{"address without lines", func(in *candidate.CandidateInput) { in.PostalAddress.Lines = nil }, []string{"postal_address.lines"}},
		{"address line of 39 characters", func(in *candidate.CandidateInput) {
			in.PostalAddress.Lines = []string{"ok", strings.Repeat("é", 39)}
		}, []string{"postal_address.lines[1]"}},
		{"address of 5 lines", func(in *candidate.CandidateInput) {
			in.PostalAddress.Lines = []string{"a", "b", "c", "d", "e"}
		}, []string{"postal_address.lines"}},
		{"route missing", func(in *candidate.CandidateInput) { in.Route = "" }, []string{"route"}},
		{"route unknown", func(in *candidate.CandidateInput) { in.Route = "alternance" }, []string{"route"}},
		{"recevabilité tomorrow", func(in *candidate.CandidateInput) {
			in.Route, in.VAERecevabiliteOn = "vae", (today + 1).String()
		}, []string{"vae_recevabilite_on"}},
		{"recevabilité outside the VAE route", func(in *candidate.CandidateInput) { in.VAERecevabiliteOn = "2026-03-01" }, []string{"vae_recevabilite_on"}},
		{"title code ill-formed", func(in *candidate.CandidateInput) { in.TitlesHeld = []string{"TP-1281"} }, []string{"titles_held[0]"}},
		{"title listed twice", func(in *candidate.CandidateInput) { in.TitlesHeld = []string{"TP-01281", "TP-01281"} }, []string{"titles_held[1]"}},
		{"title listed a third time", func(in *candidate.CandidateInput) {
			in.TitlesHeld = []string{"TP-01281", "TP-00001", "TP-01281", " TP-01281"}
		}, []string{"titles_held[2]", "titles_held[3]"}},
		{"21 titles", func(in *candidate.CandidateInput) { in.TitlesHeld = titles(candidate.MaxTitlesHeld + 1) }, []string{"titles_held"}},
		{"400,000 titles", func(in *candidate.CandidateInput) { in.TitlesHeld = make([]string, 400_000) }, []string{"titles_held"}},
		{"21 host companies", func(in *candidate.CandidateInput) {
			in.HostCompanies = slices.Repeat(in.HostCompanies, candidate.MaxHostCompanies+1)
		}, []string{"host_companies"}},
		{"host SIRET with a wrong key", func(in *candidate.CandidateInput) { in.HostCompanies[0].SIRET = "73282932000075" }, []string{"host_companies[0].siret"}},
		{"host SIRET missing", func(in *candidate.CandidateInput) { in.HostCompanies[0].SIRET = "" }, []string{"host_companies[0].siret"}},
		{"host name missing", func(in *candidate.CandidateInput) { in.HostCompanies[0].Name = "" }, []string{"host_companies[0].name"}},
		{"host period missing", func(in *candidate.CandidateInput) {
			in.HostCompanies[0].From, in.HostCompanies[0].Until = "", ""
		}, []string{"host_companies[0].from", "host_companies[0].until"}},
		{"host period ending before it starts", func(in *candidate.CandidateInput) {
			in.HostCompanies[0].From, in.HostCompanies[0].Until = "2026-10-01", "2026-09-30"
		}, []string{"host_companies[0].until"}},
		{"every bad field at once", func(in *candidate.CandidateInput) {
			in.FirstName, in.BirthDate, in.Route = "", "x", "?"
			in.HostCompanies = append(in.HostCompanies, candidate.HostCompanyInput{SIRET: "1", Name: "X", From: "2026-01-01", Until: "2026-01-02"})
		}, []string{"first_name", "birth_date", "route", "host_companies[1].siret"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.change(&in)
			_, err := candidate.NewCandidate(centre, candidateID, in, today)
			assert.ErrorIs(t, err, candidate.ErrInvalidCandidate)
			assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
			assert.ElementsMatch(t, tt.fields, fields(err))
		})
	}
}

// The accepted side of each boundary refused above.
func TestNewCandidateAcceptsBoundaryValues(t *testing.T) {
	tests := []struct {
		name   string
		change func(*candidate.CandidateInput)
	}{
		{"name of 100 characters", func(in *candidate.CandidateInput) { in.LastName = strings.Repeat("é", 100) }},
		{"born yesterday", func(in *candidate.CandidateInput) { in.BirthDate = (today - 1).String() }},
		{"born on 1900-01-01", func(in *candidate.CandidateInput) { in.BirthDate = "1900-01-01" }},
		{"phone with 6 digits", func(in *candidate.CandidateInput) { in.Phone = "123 456" }},
		{"phone with 15 digits", func(in *candidate.CandidateInput) { in.Phone = "+33 (0)6.12-34-56-78-901" }},
		{"address line of 38 characters", func(in *candidate.CandidateInput) { in.PostalAddress.Lines = []string{strings.Repeat("é", 38)} }},
		{"address of 4 lines", func(in *candidate.CandidateInput) { in.PostalAddress.Lines = []string{"a", "b", "c", "d"} }},
		{"recevabilité notified today", func(in *candidate.CandidateInput) { in.Route, in.VAERecevabiliteOn = "vae", today.String() }},
		{"VAE without recevabilité yet", func(in *candidate.CandidateInput) { in.Route = "vae" }},
		{"host period of one day", func(in *candidate.CandidateInput) {
			in.HostCompanies[0].From, in.HostCompanies[0].Until = "2026-10-01", "2026-10-01"
		}},
		{"host period in the future", func(in *candidate.CandidateInput) {
			in.HostCompanies[0].From, in.HostCompanies[0].Until = "2027-04-01", "2027-09-30"
		}},
		{"20 titles", func(in *candidate.CandidateInput) { in.TitlesHeld = titles(candidate.MaxTitlesHeld) }},
		{"20 host companies", func(in *candidate.CandidateInput) {
			in.HostCompanies = slices.Repeat(in.HostCompanies, candidate.MaxHostCompanies)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.change(&in)
			_, err := candidate.NewCandidate(centre, candidateID, in, today)
			assert.NoError(t, err)
		})
	}
}

// titles returns n distinct title codes.
func titles(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("TP-%05d", i+1)
	}
	return out
}

func TestNewCandidateNormalisesText(t *testing.T) {
	in := validInput()
	in.FirstName = " Camille   Marie "
	in.LastName = "Martin\u00a0Dupont"
	in.Email = " Camille.Martin@Example.FR "
	c, err := candidate.NewCandidate(centre, candidateID, in, today)
	require.NoError(t, err)
	assert.Equal(t, "Camille Marie", c.FirstName, "one line, spaces collapsed")
	assert.Equal(t, "Martin Dupont", c.LastName)
	assert.Equal(t, "camille.martin@example.fr", c.Email, "stored in lower case")

	in.FirstName, in.LastName = "Camille\nMarie", "Martin\tDupont"
	_, err = candidate.NewCandidate(centre, candidateID, in, today)
	require.ErrorIs(t, err, candidate.ErrInvalidCandidate)
	assert.Equal(t, "first_name: must be one line of text, without control characters (found U+000A); "+
		"last_name: must be one line of text, without control characters (found U+0009)", tpsession.FieldErrors(err.(*tpsession.Error).Fields).String(),
		"a line break or a tab is refused, not folded away")
}

func TestNewCandidateNeedsCentreAndID(t *testing.T) {
	_, err := candidate.NewCandidate("", candidateID, validInput(), today)
	assert.ErrorIs(t, err, tpsession.ErrInternal)
	_, err = candidate.NewCandidate(centre, "", validInput(), today)
	assert.ErrorIs(t, err, tpsession.ErrInternal)
}

func TestParseRoute(t *testing.T) {
	for _, s := range []string{"formation", "vae", "apprentissage"} {
		r, err := candidate.ParseRoute(s)
		require.NoError(t, err)
		assert.Equal(t, s, r.String())
	}
	_, err := candidate.ParseRoute("VAE")
	assert.ErrorIs(t, err, candidate.ErrInvalidCandidate)
}

func TestReviseKeepsTheKey(t *testing.T) {
	c := newCandidate(t, nil)
	in := validInput()
	in.LastName = "Martin-Durand"
	in.HostCompanies = nil

	require.NoError(t, c.Revise(in, today))
	assert.Equal(t, centre, c.Centre)
	assert.Equal(t, candidateID, c.ID)
	assert.Equal(t, "Martin-Durand", c.LastName)
	assert.Empty(t, c.HostCompanies)
}

func TestReviseLeavesTheCandidateUnchangedOnError(t *testing.T) {
	c := newCandidate(t, nil)
	before := c.Clone()
	in := validInput()
	in.LastName = ""

	err := c.Revise(in, today)
	assert.ErrorIs(t, err, candidate.ErrInvalidCandidate)
	assert.Equal(t, before, c)
}

func TestHostSIRETsListsEachCompanyOnce(t *testing.T) {
	c := newCandidate(t, func(in *candidate.CandidateInput) {
		in.HostCompanies = []candidate.HostCompanyInput{
			{SIRET: siretB, Name: "La Poste", From: "2026-01-01", Until: "2026-01-31"},
			{SIRET: siretA, Name: "Atelier Dupont", From: "2026-02-01", Until: "2026-02-28"},
			{SIRET: siretB, Name: "La Poste", From: "2026-05-01", Until: "2026-05-31"},
		}
	})
	assert.Equal(t, []tpsession.SIRET{siretB, siretA}, c.HostSIRETs())
}

func TestCandidateCloneIsDeep(t *testing.T) {
	c := newCandidate(t, func(in *candidate.CandidateInput) { in.TitlesHeld = []string{"TP-01281"} })
	want := newCandidate(t, func(in *candidate.CandidateInput) { in.TitlesHeld = []string{"TP-01281"} })

	clone := c.Clone()
	clone.PostalAddress.Lines[0] = "changed"
	clone.TitlesHeld[0] = "TP-99999"
	clone.HostCompanies[0].Name = "changed"

	assert.Equal(t, want, c)
}
