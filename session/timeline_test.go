package session_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
)

func sessionStarting(t *testing.T, start, end date.Date, kind string) session.Session {
	t.Helper()
	d := details()
	d.Start, d.End, d.Kind = start, end, kind
	s, err := session.New(tpsession.NewSessionID(), "centre-lyon", d, at(start-100))
	require.NoError(t, err)
	return s
}

func dueDates(ds []session.Deadline) map[string]date.Date {
	out := map[string]date.Date{}
	for _, d := range ds {
		out[d.Key] = d.Due
	}
	return out
}

func TestTimelineDueDates(t *testing.T) {
	tests := []struct {
		name       string
		start, end date.Date
		kind       string
		policy     candidate.ConvocationPolicy
		want       map[string]string
	}{
		{
			name: "a Monday in March", start: date.New(2027, time.March, 1), end: date.New(2027, time.March, 3), kind: "titre",
			want: map[string]string{
				"declare": "2026-12-01", "order_pli": "2026-12-01", "invite_jury": "2027-02-14", "receive_pli": "2027-02-15",
				"validate_convocations": "2027-01-29", "readiness": "2027-02-26", "open": "2027-03-01",
			},
		},
		{
			name: "31 May: 3 months before clamps to the end of February", start: date.New(2027, time.May, 31), end: date.New(2027, time.June, 2), kind: "titre",
			want: map[string]string{
				"declare": "2027-02-28", "order_pli": "2027-02-28", "invite_jury": "2027-05-16", "receive_pli": "2027-05-17",
				"validate_convocations": "2027-04-30", "readiness": "2027-05-28", "open": "2027-05-31",
			},
		},
		{
			name: "31 May of a leap year", start: date.New(2028, time.May, 31), end: date.New(2028, time.May, 31), kind: "titre",
			want: map[string]string{"order_pli": "2028-02-29", "readiness": "2028-05-30"},
		},
		{
			name: "the day after Easter Monday: readiness skips the weekend and the holiday", start: date.New(2027, time.March, 30), end: date.New(2027, time.March, 31), kind: "titre",
			want: map[string]string{"readiness": "2027-03-26", "order_pli": "2026-12-30"},
		},
		{
			name: "a CCP with a 15-day lead time", start: date.New(2027, time.March, 1), end: date.New(2027, time.March, 1), kind: "ccp",
			policy: candidate.ConvocationPolicy{CCPLeadDays: 15},
			want:   map[string]string{"validate_convocations": "2027-02-14"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sessionStarting(t, tt.start, tt.end, tt.kind)
			got := dueDates(session.Timeline(s, session.Progress{}, tt.start-200, tt.policy, jury.Policy{}))
			for key, want := range tt.want {
				assert.Equal(t, date.MustParseISO(want), got[key], key)
			}
		})
	}
}

func TestTimelineKeysInLifecycleOrder(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	var keys []string
	for _, d := range session.Timeline(s, session.Progress{}, start-100, candidate.ConvocationPolicy{}, jury.Policy{}) {
		keys = append(keys, d.Key)
		assert.NotEmpty(t, d.Label)
	}
	assert.Equal(t, []string{"programme", "declare", "invite_jury", "order_pli", "receive_pli", "validate_convocations", "readiness", "open"}, keys)
}

func TestDeadlineStatusAroundItsDueDate(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	due := date.New(2027, time.January, 29) // validate_convocations
	status := func(today date.Date, p session.Progress) session.Deadline {
		for _, d := range session.Timeline(s, p, today, candidate.ConvocationPolicy{}, jury.Policy{}) {
			if d.Key == session.DeadlineValidateConvocations {
				return d
			}
		}
		t.Fatal("no validate_convocations deadline")
		return session.Deadline{}
	}
	for _, tt := range []struct {
		name  string
		today date.Date
		want  session.DeadlineStatus
	}{
		{"8 days before", due - 8, session.DeadlinePending},
		{"7 days before", due - 7, session.DeadlineDueSoon},
		{"on the due date", due, session.DeadlineDueSoon},
		{"the day after", due + 1, session.DeadlineOverdue},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, status(tt.today, session.Progress{}).Status)
		})
	}
	done := status(due+1, session.Progress{ConvocationsValidatedOn: due - 3})
	assert.Equal(t, session.DeadlineDone, done.Status)
	assert.Equal(t, due-3, done.DoneOn)
}

func TestTimelineNotesALatePliOrder(t *testing.T) {
	s := sessionStarting(t, start, end, "titre")
	ds := session.Timeline(s, session.Progress{PliOrderedOn: date.New(2026, time.December, 2)}, date.New(2026, time.December, 2), candidate.ConvocationPolicy{}, jury.Policy{})
	order := ds[3]
	require.Equal(t, session.DeadlineOrderPli, order.Key)
	assert.True(t, order.Advisory)
	assert.Equal(t, session.DeadlineDone, order.Status, "ordering late is allowed")
	assert.Contains(t, order.Note, "later than the advised 2026-12-01")
}

func TestTimelineOfTheService(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 27))
	s := f.session()
	ds, err := f.svc.Timeline(f.ctx, admin, s.ID)
	require.NoError(t, err)
	byKey := map[string]session.Deadline{}
	for _, d := range ds {
		byKey[d.Key] = d
	}
	assert.Equal(t, session.DeadlineDueSoon, byKey["order_pli"].Status, "due on 1 December, 4 days away")
	assert.Equal(t, session.DeadlineDueSoon, byKey["declare"].Status)
	assert.Equal(t, session.DeadlinePending, byKey["validate_convocations"].Status)

	_, _, err = f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	ds, err = f.svc.Timeline(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, session.DeadlineOrderPli, ds[3].Key)
	assert.Equal(t, session.DeadlineDone, ds[3].Status)
	assert.Equal(t, date.New(2026, time.November, 27), ds[3].DoneOn)
}
