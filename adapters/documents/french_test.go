package documents

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrapKeepsFrenchTypographyTogether: at every width, a line never
// starts with the punctuation French sets off with a no-break space, nor
// ends with an opening guillemet or "n°", and no time of day or duration
// is split, at widths where a line holds the longest of those groups;
// every character is kept.
func TestWrapKeepsFrenchTypographyTogether(t *testing.T) {
	p := newPDF(&book{}, "test")
	p.font("", 10)
	s := "Objet : convocation ; présentez-vous le lundi 21 décembre 2026 à 8 h 30 ou à 14 h, salle n° 2 ! " +
		"Un retard de 18 min ? Le « règlement général » s'applique pendant 7 heures et 2 minutes."
	for w := 30.0; w <= 180; w += 0.5 {
		lines := p.wrap(s, w)
		for i, l := range lines {
			assert.NotRegexp(t, `^[:;!?»]`, l, "width %.1f: line %d starts with a mark that a no-break space holds", w, i)
			assert.NotRegexp(t, `(«|n°)$`, l, "width %.1f: line %d ends before what it holds", w, i)
			assert.NotRegexp(t, `^(h|min)\b`, l, "width %.1f: line %d splits a time", w, i)
		}
		squeeze := func(s string) string {
			return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' }), "")
		}
		require.Equal(t, squeeze(s), squeeze(strings.Join(lines, "")), "width %.1f: every word is kept", w)
	}
	// The plain space stays breakable where French has no no-break space.
	assert.Equal(t, []string{"7", "heures"}, p.wrap("7 heures", 14))
}

// TestEurosAreWrittenInFrench: a decimal comma, thousands apart, the
// fee's own decimals kept.
func TestEurosAreWrittenInFrench(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0,00", "360": "360,00", "999.5": "999,50", "1000": "1\u00a0000,00",
		"1360.5": "1\u00a0360,50", "1234567.125": "1\u00a0234\u00a0567,125", "-1500": "-1\u00a0500,00",
	} {
		assert.Equal(t, want, euros(decimal.RequireFromString(in)), in)
	}
}
