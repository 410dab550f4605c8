package candidate_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func TestNamesOfAnyLatinScriptAreAccepted(t *testing.T) {
	for _, name := range []string{
		"Jean-Baptiste Marie-Édouard", "VAN DER HEYDEN-MÜLLER-ÉCHEVARRÍA", "d'Artagnan", "N’Diaye", "Ştefan", "Łukasz",
		"Ștefănescu", "Őrs", "Ødegård", "Nguyễn Thị Ánh", "Œuvray", "Ali‐Ben", "Maʼafu", "Hélène", "O", "Zoë",
	} {
		t.Run(name, func(t *testing.T) {
			c := newCandidate(t, func(in *candidate.CandidateInput) { in.FirstName, in.LastName = name, name })
			assert.Equal(t, name, c.LastName)
		})
	}
}

func TestNamesRefuseWhatASpreadsheetMadeOfThem(t *testing.T) {
	tests := []struct {
		name, value, hint string
	}{
		{"a question mark where ş was", "?tefan", "save the file as UTF-8"},
		{"a replacement character", "Wa\uFFFDesa", "save the file as UTF-8"},
		{"a digit", "Martin2", `"2" (U+0032)`},
		{"a comma", "Martin, Paul", `"," (U+002C)`},
		{"an at sign", "martin@example.fr", `"@"`},
		{"a period", "St. John", `"."`},
		{"no letter at all", "- '", "at least one letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			in.LastName = tt.value
			_, err := candidate.NewCandidate(centre, candidateID, in, today)
			require.ErrorIs(t, err, candidate.ErrInvalidCandidate)
			assert.Equal(t, []string{"last_name"}, fields(err))
			assert.Contains(t, tpsession.MessageOf(err), tt.hint)
		})
	}
}

func TestFrenchPostcodes(t *testing.T) {
	tests := []struct {
		postcode, country string
		want              string // "" when refused
		hint              string
	}{
		{"69002", "", "69002", ""},
		{"01000", "", "01000", ""},
		{"97400", "France", "97400", ""},
		{"98000", "FR", "98000", ""},
		{"69 002", "", "69002", ""},
		{"1000", "", "", "probably 01000"},
		{"100", "", "", "5 digits"},
		{"690020", "", "", "5 digits"},
		{"69OO2", "", "", "5 digits"},
		{"1000", "Belgique", "1000", ""},
		{"SW1A 1AA", "Royaume-Uni", "SW1A 1AA", ""},
	}
	for _, tt := range tests {
		t.Run(tt.postcode+" "+tt.country, func(t *testing.T) {
			in := validInput()
			in.PostalAddress.Postcode, in.PostalAddress.Country = tt.postcode, tt.country
			c, err := candidate.NewCandidate(centre, candidateID, in, today)
			if tt.want == "" {
				require.ErrorIs(t, err, candidate.ErrInvalidCandidate)
				assert.Equal(t, []string{"postal_address.postcode"}, fields(err))
				assert.Contains(t, tpsession.MessageOf(err), tt.hint)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.PostalAddress.Postcode)
			abroad := !slices.Contains([]string{"", "France", "FR"}, tt.country)
			assert.Equal(t, abroad, c.PostalAddress.Abroad())
			if !c.PostalAddress.Abroad() {
				assert.Empty(t, c.PostalAddress.Country, "France is the default, stored as none")
			}
		})
	}
}
