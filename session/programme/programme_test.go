package programme_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/programme"
)

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

func planned(start, end string) programme.PlannedInput {
	return programme.PlannedInput{TitleCode: "TP-01281", Kind: "titre", Site: "Lyon", StartDate: start, EndDate: end, Candidates: 10}
}

func TestNewChecksEverySession(t *testing.T) {
	p, err := programme.New("centre-a", 2027, programme.Input{Sessions: []programme.PlannedInput{
		planned("2027-01-04", "2027-01-06"),
		{TitleCode: "TP-01336", Kind: "ccp", Site: "Lyon", StartDate: "2027-12-31", EndDate: "2027-12-31", Candidates: 1, Modality: "remote"},
	}})
	require.NoError(t, err)
	assert.Len(t, p.Sessions, 2)
	assert.Equal(t, tpsession.Remote, p.Sessions[1].Modality)

	_, err = programme.New("centre-a", 2027, programme.Input{Sessions: []programme.PlannedInput{
		planned("2026-12-31", "2027-01-02"),
		{TitleCode: "x", Kind: "y", StartDate: "2027-03-02", EndDate: "2027-03-01", Candidates: 0, Modality: "visio"},
	}})
	require.ErrorIs(t, err, programme.ErrInvalidProgramme)
	fields := map[string]bool{}
	for _, f := range err.(*tpsession.Error).Fields {
		fields[f.Field] = true
	}
	for _, f := range []string{"sessions[0].start_date", "sessions[1].title_code", "sessions[1].kind", "sessions[1].site",
		"sessions[1].end_date", "sessions[1].candidates", "sessions[1].modality"} {
		assert.True(t, fields[f], f)
	}
	for _, y := range []int{1999, 2101} {
		_, err := programme.New("centre-a", y, programme.Input{})
		assert.ErrorIs(t, err, programme.ErrInvalidProgramme, "%d", y)
	}
	for _, y := range []int{2000, 2100} {
		_, err := programme.New("centre-a", y, programme.Input{})
		assert.NoError(t, err, "%d", y)
	}
}

func TestDueOnThirtyFirstJanuary(t *testing.T) {
	p, err := programme.New("centre-a", 2027, programme.Input{})
	require.NoError(t, err)
	assert.Equal(t, day(2027, 1, 31), programme.DueOn(2027))

	onTime := p
	require.NoError(t, onTime.Submit(day(2027, 1, 31), day(2027, 2, 1)))
	assert.False(t, onTime.Late(), "on the 31st is on time")
	late := p
	require.NoError(t, late.Submit(day(2027, 2, 1), day(2027, 2, 1)))
	assert.True(t, late.Late(), "the 1st of February is late")
	assert.ErrorIs(t, late.Submit(day(2027, 2, 1), day(2027, 2, 1)), programme.ErrAlreadySubmitted)

	future := p
	assert.ErrorIs(t, future.Submit(day(2027, 2, 2), day(2027, 2, 1)), programme.ErrInvalidProgramme)
	early := p
	assert.ErrorIs(t, early.Submit(day(2025, 12, 31), day(2027, 2, 1)), programme.ErrInvalidProgramme, "two years early is a typing slip")
	assert.NoError(t, early.Submit(day(2026, 12, 15), day(2027, 2, 1)), "in December of the year before")
}

func TestStandingFindings(t *testing.T) {
	due := day(2027, 1, 31)
	none := programme.StandingOf(2027, nil)
	assert.Empty(t, none.Finding(due), "not overdue on its due day")
	assert.Contains(t, none.Finding(due+1), "is not recorded")
	assert.Contains(t, none.Finding(due+1), "2027-01-31")

	p, err := programme.New("centre-a", 2027, programme.Input{})
	require.NoError(t, err)
	recorded := programme.StandingOf(2027, &p)
	assert.Contains(t, recorded.Finding(due+1), "is not submitted")

	require.NoError(t, p.Submit(due, due))
	assert.Empty(t, programme.StandingOf(2027, &p).Finding(due+100))
	q, _ := programme.New("centre-a", 2027, programme.Input{})
	require.NoError(t, q.Submit(due+1, due+1))
	f := programme.StandingOf(2027, &q).Finding(due + 1)
	assert.Contains(t, f, "submitted on 2027-02-01, after it was due on 2027-01-31")
}
