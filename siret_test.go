package tpsession_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

func TestParseSIRETAcceptsValidNumbers(t *testing.T) {
	tests := map[string]struct {
		in   string
		want tpsession.SIRET
	}{
		"plain":                          {"73282932000074", "73282932000074"},
		"grouped with spaces":            {"732 829 320 00074", "73282932000074"},
		"grouped with no-break spaces":   {"732\u00a0829\u00a0320\u00a000074", "73282932000074"},
		"La Poste head office, Luhn":     {"35600000000048", "35600000000048"},
		"La Poste office, digit sum % 5": {"35600000049837", "35600000049837"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := tpsession.ParseSIRET(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseSIRETRefusesWithTheReason(t *testing.T) {
	tests := map[string]struct {
		in, reason string
	}{
		"empty":                      {"", "a SIRET has 14 digits, got 0"},
		"13 digits":                  {"7328293200007", "a SIRET has 14 digits, got 13"},
		"15 digits":                  {"732829320000740", "a SIRET has 14 digits, got 15"},
		"a letter":                   {"7328293200007A", `a SIRET has only digits, found 'A' at position 14`},
		"a dash":                     {"732-829-320-00074", `a SIRET has only digits, found '-' at position 4`},
		"wrong check digit":          {"73282932000075", "SIRET 73282932000075: the check digit does not match (Luhn formula); check for a mistyped digit"},
		"SIREN part fails Luhn":      {"73282932100074", "SIREN 732829321: the check digit does not match (Luhn formula); check for a mistyped digit"},
		"La Poste, digit sum not %5": {"35600000010001", "SIRET 35600000010001 of La Poste: the sum of its digits must be a multiple of 5"},
		"all zeros":                  {"00000000000000", "SIREN 000000000 is not assigned to any company"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := tpsession.ParseSIRET(tt.in)
			require.ErrorIs(t, err, tpsession.ErrInvalidSIRET)
			e, _ := errors.AsType[*tpsession.Error](err)
			assert.Equal(t, tt.reason, e.Message)
		})
	}
}

func TestSIRETParts(t *testing.T) {
	s, err := tpsession.ParseSIRET("35600000000048")
	require.NoError(t, err)
	assert.Equal(t, tpsession.SIREN("356000000"), s.SIREN())
	assert.Equal(t, "00048", s.NIC())
	assert.Equal(t, "356 000 000 00048", s.Format())
	assert.Equal(t, "35600000000048", s.String())
}

func TestParseSIREN(t *testing.T) {
	got, err := tpsession.ParseSIREN("732 829 320")
	require.NoError(t, err)
	assert.Equal(t, tpsession.SIREN("732829320"), got)

	for _, bad := range []string{"732829321", "73282932", "7328293200", "000000000", "73282932x"} {
		_, err := tpsession.ParseSIREN(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidSIRET, bad)
	}
}

func TestParseTitleCode(t *testing.T) {
	got, err := tpsession.ParseTitleCode("TP-01281")
	require.NoError(t, err)
	assert.Equal(t, tpsession.TitleCode("TP-01281"), got)

	for _, bad := range []string{"", "TP-1281", "TP-012811", "tp-01281", "TP 01281", "TP-0128A", " TP-01281", "RNCP37873", "TP-01281 "} {
		_, err := tpsession.ParseTitleCode(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidTitleCode, "%q", bad)
	}
}
