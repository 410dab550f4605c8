package session_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	if e, ok := errors.AsType[*tpsession.Error](err); ok {
		for _, f := range e.Fields {
			out[f.Field] = f.Message
		}
	}
	return out
}

func TestNewSessionChecksEveryField(t *testing.T) {
	s, err := session.New(tpsession.NewSessionID(), "centre-lyon", details(), at(start-100))
	require.NoError(t, err)
	assert.Equal(t, session.StatusPreparation, s.Status())
	assert.Equal(t, tpsession.TitleCode("TP-01281"), s.Title)
	assert.Equal(t, tpsession.KindTitre, s.Kind)

	_, err = session.New(tpsession.NewSessionID(), "centre-lyon", session.Details{
		Title: "TP-1281", Kind: "bac", Region: "corse",
		Start: date.New(2027, time.March, 6), End: date.New(2027, time.March, 5),
		PlannedCandidates: 0, Responsable: session.Person{Email: "nobody"},
	}, at(start))
	require.ErrorIs(t, err, session.ErrInvalidSession)
	fields := fieldsOf(err)
	for _, f := range []string{"title_code", "title_name", "kind", "region", "site", "planned_candidates", "responsable.name", "responsable.email", "start_date", "end_date"} {
		assert.Contains(t, fields, f)
	}
	assert.Contains(t, fields["start_date"], "2027-03-06 is not a working day (saturday); the next one is 2027-03-08")
}

func TestNewSessionKeepsTheResponsablesParsedEmail(t *testing.T) {
	d := details()
	d.Responsable = session.Person{Name: " Claire Martin ", Email: " Claire.Martin@Example.FR "}
	s, err := session.New(tpsession.NewSessionID(), "centre-lyon", d, at(start-100))
	require.NoError(t, err)
	assert.Equal(t, session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"}, s.Responsable)

	for _, email := range []string{"", "claire", "claire@localhost", "Claire <claire@example.fr>"} {
		d.Responsable.Email = email
		_, err := session.New(tpsession.NewSessionID(), "centre-lyon", d, at(start-100))
		assert.ErrorIs(t, err, session.ErrInvalidSession, email)
		assert.Contains(t, fieldsOf(err), "responsable.email", email)
	}
}

func TestDeclareRecordsAPastDay(t *testing.T) {
	today := start - 30
	tests := []struct {
		name    string
		on      date.Date
		problem string // the message on declared_on, "" when accepted
	}{
		{"today", today, ""},
		{"yesterday", today - 1, ""},
		{"tomorrow", today + 1, "is in the future (today is"},
		{"no day", date.Zero, "is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sessionStarting(t, start, end, "titre")
			err := s.Declare(tt.on, today)
			if tt.problem == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.on, s.Milestones().DeclaredOn)
				return
			}
			assert.ErrorIs(t, err, tpsession.ErrInvalidInput)
			assert.Contains(t, fieldsOf(err)["declared_on"], tt.problem)
			assert.Equal(t, session.StatusPreparation, s.Status())
		})
	}
}

func TestSessionDatesAreWorkingDays(t *testing.T) {
	for _, tt := range []struct {
		name       string
		start, end date.Date
		region     string
		field      string
	}{
		{"Easter Monday", date.New(2027, time.March, 29), date.New(2027, time.March, 30), "", "start_date"},
		{"ends on a Sunday", date.New(2027, time.March, 1), date.New(2027, time.March, 7), "", "end_date"},
		{"Good Friday in Alsace-Moselle", date.New(2027, time.March, 25), date.New(2027, time.March, 26), "alsace-moselle", "end_date"},
		{"ends before it starts", date.New(2027, time.March, 3), date.New(2027, time.March, 1), "", "end_date"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := details()
			d.Start, d.End, d.Region = tt.start, tt.end, tt.region
			_, err := session.New(tpsession.NewSessionID(), "centre-lyon", d, at(start))
			assert.ErrorIs(t, err, session.ErrInvalidSession)
			assert.Contains(t, fieldsOf(err), tt.field)
		})
	}
	d := details()
	d.Start, d.End = date.New(2027, time.March, 26), date.New(2027, time.March, 26)
	_, err := session.New(tpsession.NewSessionID(), "centre-lyon", d, at(start))
	assert.NoError(t, err, "Good Friday is a working day outside Alsace-Moselle")
}

func TestOpenIsTheOnlyWayToTheOpenedStatus(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	require.NoError(t, s.Open(at(start), start, nil))
	assert.Equal(t, session.StatusOpened, s.Status())
	assert.Equal(t, start, s.Milestones().OpenedOn)
	assert.ErrorIs(t, s.Cancel(start), session.ErrNotWritable, "an opened session cannot be cancelled")
	require.NoError(t, s.Close(end))
	assert.Equal(t, session.StatusClosed, s.Status())
	assert.ErrorIs(t, s.Close(end), session.ErrNotWritable)

	restored := sessionStarting(t, start, end, "titre")
	restored.RestoreMilestones(s.Milestones())
	assert.Equal(t, session.StatusClosed, restored.Status(), "a store restores the milestones")
}

func TestMilestonesKeepTheirFirstDate(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	s.RecordPliOrdered(date.New(2026, time.November, 20))
	s.RecordPliOrdered(date.New(2026, time.December, 20))
	assert.Equal(t, date.New(2026, time.November, 20), s.Milestones().PliOrderedOn)
	s.RecordReady(start - 3)
	assert.Equal(t, session.StatusReady, s.Status())
}

func TestFilter(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	assert.True(t, session.Filter{}.Match(s))
	assert.True(t, session.Filter{From: end, To: end}.Match(s), "its last day is in the range")
	assert.False(t, session.Filter{From: end + 1}.Match(s))
	assert.False(t, session.Filter{To: start - 1}.Match(s))
	assert.False(t, session.Filter{Status: session.StatusDeclared}.Match(s))
}

func TestParseStatus(t *testing.T) {
	for _, st := range session.Statuses {
		got, err := session.ParseStatus(string(st))
		require.NoError(t, err)
		assert.Equal(t, st, got)
	}
	_, err := session.ParseStatus("open")
	assert.ErrorIs(t, err, tpsession.ErrInvalid)
}
