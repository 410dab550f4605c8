package tpsession_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

func TestNewIDsParseBack(t *testing.T) {
	sid := tpsession.NewSessionID()
	got, err := tpsession.ParseSessionID(string(sid))
	require.NoError(t, err)
	assert.Equal(t, sid, got)
	assert.True(t, strings.HasPrefix(string(sid), "ses_"))
	assert.Len(t, string(sid), 30)

	for _, check := range []func() error{
		func() error { _, err := tpsession.ParseCandidateID(string(tpsession.NewCandidateID())); return err },
		func() error { _, err := tpsession.ParseMemberID(string(tpsession.NewMemberID())); return err },
		func() error {
			_, err := tpsession.ParseRegistrationID(string(tpsession.NewRegistrationID()))
			return err
		},
		func() error { _, err := tpsession.ParsePliID(string(tpsession.NewPliID())); return err },
		func() error { _, err := tpsession.ParseEventID(string(tpsession.NewEventID())); return err },
		func() error { _, err := tpsession.ParseAgrementID(string(tpsession.NewAgrementID())); return err },
	} {
		assert.NoError(t, check())
	}
}

func TestIDsAreUniqueAndSortByCreationTime(t *testing.T) {
	seen := map[tpsession.CandidateID]bool{}
	var ordered []string
	for i := range 2000 {
		id := tpsession.NewCandidateID()
		require.False(t, seen[id], "duplicate ID %s", id)
		seen[id] = true
		if i%500 == 0 {
			ordered = append(ordered, string(id))
			time.Sleep(2 * time.Millisecond)
		}
	}
	assert.True(t, slices.IsSorted(ordered), "IDs made milliseconds apart sort in creation order: %v", ordered)
}

func TestParseIDRefusesMalformedOrForeignIDs(t *testing.T) {
	valid := string(tpsession.NewSessionID())
	tests := map[string]string{
		"empty":                      "",
		"another kind's prefix":      string(tpsession.NewCandidateID()),
		"too short":                  valid[:len(valid)-1],
		"too long":                   valid + "0",
		"lower case":                 strings.ToLower(valid),
		"letter outside base 32 (U)": valid[:len(valid)-1] + "U",
		"out of range first digit":   "ses_8" + valid[5:],
		"no prefix":                  valid[4:],
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := tpsession.ParseSessionID(s)
			assert.ErrorIs(t, err, tpsession.ErrInvalidID)
			assert.ErrorIs(t, err, tpsession.ErrInvalid)
		})
	}
}

func TestParseCentreID(t *testing.T) {
	for _, ok := range []string{"centre-lyon", "C_01", "44306184100047", "a.b", strings.Repeat("x", 64)} {
		got, err := tpsession.ParseCentreID(ok)
		assert.NoError(t, err, ok)
		assert.Equal(t, tpsession.CentreID(ok), got)
	}
	for _, bad := range []string{"", "centre lyon", "centre/lyon", "été", strings.Repeat("x", 65)} {
		_, err := tpsession.ParseCentreID(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidID, bad)
	}
}
