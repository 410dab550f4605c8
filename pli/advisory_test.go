package pli_test

import (
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/pli"
)

func TestOrderBy(t *testing.T) {
	tests := []struct {
		name        string
		start, want date.Date
	}{
		{"31 May to the end of February", date.New(2027, 5, 31), date.New(2027, 2, 28)},
		{"31 May of a leap year", date.New(2028, 5, 31), date.New(2028, 2, 29)},
		{"30 May", date.New(2027, 5, 30), date.New(2027, 2, 28)},
		{"29 May", date.New(2027, 5, 29), date.New(2027, 2, 28)},
		{"28 May", date.New(2027, 5, 28), date.New(2027, 2, 28)},
		{"27 May", date.New(2027, 5, 27), date.New(2027, 2, 27)},
		{"31 July to 30 April", date.New(2027, 7, 31), date.New(2027, 4, 30)},
		{"31 March to 31 December", date.New(2027, 3, 31), date.New(2026, 12, 31)},
		{"mid-January across the year", date.New(2027, 1, 15), date.New(2026, 10, 15)},
		{"31 December to 30 September", date.New(2027, 12, 31), date.New(2027, 9, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, pli.OrderBy(tt.start))
		})
	}
}

func TestReceiptAlertOn(t *testing.T) {
	assert.Equal(t, date.New(2027, 5, 17), pli.ReceiptAlertOn(date.New(2027, 5, 31)))
	assert.Equal(t, date.New(2028, 2, 16), pli.ReceiptAlertOn(date.New(2028, 3, 1)))
}

// ordered returns a pli ordered on orderedOn and, when receivedOn is not
// zero, received then.
func ordered(t *testing.T, orderedOn, receivedOn date.Date) pli.Pli {
	t.Helper()
	p := newPli(t)
	if orderedOn == date.Zero {
		return p
	}
	require.NoError(t, p.Order(orderedOn, orderedOn, orderedAt, responsable))
	if receivedOn != date.Zero {
		require.NoError(t, p.Receive(receivedOn, receivedOn, receivedAt, responsable))
	}
	return p
}

func TestAdvise(t *testing.T) {
	leapStart := date.New(2028, 5, 31)
	tests := []struct {
		name                  string
		start, today          date.Date
		orderedOn, receivedOn date.Date
		want                  []pli.WarningCode
		wantDue               []date.Date
	}{
		{"ordered on the last recommended day", start, date.New(2027, 3, 10), date.New(2027, 2, 28), date.Zero, nil, nil},
		{"ordered the day after", start, date.New(2027, 3, 10), date.New(2027, 3, 1), date.Zero,
			[]pli.WarningCode{pli.WarningOrderedLate}, []date.Date{date.New(2027, 2, 28)}},
		{"leap year: ordered on 29 February", leapStart, date.New(2028, 3, 10), date.New(2028, 2, 29), date.Zero, nil, nil},
		{"leap year: ordered on 1 March", leapStart, date.New(2028, 3, 10), date.New(2028, 3, 1), date.Zero,
			[]pli.WarningCode{pli.WarningOrderedLate}, []date.Date{date.New(2028, 2, 29)}},
		{"not ordered on the last recommended day", start, date.New(2027, 2, 28), date.Zero, date.Zero, nil, nil},
		{"not ordered the day after", start, date.New(2027, 3, 1), date.Zero, date.Zero,
			[]pli.WarningCode{pli.WarningOrderOverdue}, []date.Date{date.New(2027, 2, 28)}},
		{"not received 15 days before", start, date.New(2027, 5, 16), orderDay, date.Zero, nil, nil},
		{"not received 14 days before", start, date.New(2027, 5, 17), orderDay, date.Zero,
			[]pli.WarningCode{pli.WarningNotReceived}, []date.Date{date.New(2027, 5, 17)}},
		{"not received on the first day", start, start, orderDay, date.Zero,
			[]pli.WarningCode{pli.WarningNotReceived}, []date.Date{date.New(2027, 5, 17)}},
		{"received in time", start, date.New(2027, 5, 20), orderDay, receiptDay, nil, nil},
		{"late and not received", start, date.New(2027, 5, 20), date.New(2027, 4, 1), date.Zero,
			[]pli.WarningCode{pli.WarningOrderedLate, pli.WarningNotReceived}, []date.Date{date.New(2027, 2, 28), date.New(2027, 5, 17)}},
		{"late, received", start, date.New(2027, 5, 20), date.New(2027, 4, 1), date.New(2027, 5, 3),
			[]pli.WarningCode{pli.WarningOrderedLate}, []date.Date{date.New(2027, 2, 28)}},
		{"never ordered, a week before", start, date.New(2027, 5, 24), date.Zero, date.Zero,
			[]pli.WarningCode{pli.WarningOrderOverdue, pli.WarningNotReceived}, []date.Date{date.New(2027, 2, 28), date.New(2027, 5, 17)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := pli.Advise(tt.start, tt.today, ordered(t, tt.orderedOn, tt.receivedOn))
			var codes []pli.WarningCode
			var dues []date.Date
			for _, w := range ws {
				codes = append(codes, w.Code)
				dues = append(dues, w.Due)
				assert.Contains(t, w.Message, w.Due.String(), "a warning states its date")
			}
			assert.Equal(t, tt.want, codes)
			assert.Equal(t, tt.wantDue, dues)
		})
	}
}

func TestReceiptOverdueFromTheAlertDay(t *testing.T) {
	start := date.New(2027, 3, 1)
	alert := date.New(2027, 2, 15)
	require.Equal(t, alert, pli.ReceiptAlertOn(start))
	assert.False(t, pli.ReceiptOverdue(start, alert-1, date.Zero), "15 days before: not yet")
	assert.True(t, pli.ReceiptOverdue(start, alert, date.Zero), "14 days before: overdue")
	assert.False(t, pli.ReceiptOverdue(start, alert, alert), "received that day")
	assert.False(t, pli.ReceiptOverdue(start, start, alert-3), "received before")
	for _, today := range []date.Date{alert - 1, alert} {
		warned := false
		for _, w := range pli.Advise(start, today, pli.Pli{OrderedOn: date.New(2026, 11, 2)}) {
			warned = warned || w.Code == pli.WarningNotReceived
		}
		assert.Equal(t, pli.ReceiptOverdue(start, today, date.Zero), warned, "Advise agrees on %s", today)
	}
}
