package tpsession_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

func TestParseDate(t *testing.T) {
	got, err := tpsession.ParseDate("2028-02-29")
	require.NoError(t, err)
	assert.Equal(t, d("2028-02-29"), got)

	for _, bad := range []string{"", "2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-04-00", "20270301", "2027-060", "27-03-01", "2027/03/01", "01/03/2027", "+2027-03-01", "2027-03-1 ", "2027-0a-01"} {
		_, err := tpsession.ParseDate(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidDate, "%q", bad)
	}
}

func TestDateRange(t *testing.T) {
	r, err := tpsession.NewDateRange(d("2027-03-01"), d("2027-03-03"))
	require.NoError(t, err)
	assert.True(t, r.Contains(d("2027-03-01")), "the first day is included")
	assert.True(t, r.Contains(d("2027-03-03")), "the last day is included")
	assert.False(t, r.Contains(d("2027-02-28")))
	assert.False(t, r.Contains(d("2027-03-04")))
	assert.Equal(t, 3, r.Days())
	assert.Equal(t, "2027-03-01/2027-03-03", r.String())

	session := tpsession.DateRange{From: d("2027-03-01"), Until: d("2027-03-03")}
	assert.True(t, tpsession.DateRange{From: d("2027-01-01"), Until: d("2027-03-03")}.Covers(session))
	assert.False(t, tpsession.DateRange{From: d("2027-01-01"), Until: d("2027-03-02")}.Covers(session), "ends on day 2 of 3")
	assert.False(t, tpsession.DateRange{From: d("2027-03-02"), Until: d("2027-12-31")}.Covers(session), "starts on day 2 of 3")
	assert.True(t, tpsession.DateRange{From: d("2027-03-03"), Until: d("2027-03-09")}.Overlaps(session))
	assert.False(t, tpsession.DateRange{From: d("2027-03-04"), Until: d("2027-03-09")}.Overlaps(session))

	one, err := tpsession.NewDateRange(d("2027-03-01"), d("2027-03-01"))
	require.NoError(t, err)
	assert.Equal(t, 1, one.Days())
	_, err = tpsession.NewDateRange(d("2027-03-02"), d("2027-03-01"))
	assert.ErrorIs(t, err, tpsession.ErrInvalidDate)
}
