package candidate_test

import (
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// In these tests the convocation is validated on 2027-01-10 (today), and
// deliveries are recorded on 2027-01-20.
var recordedOn = date.New(2027, 1, 20)

func mail(sent date.Date, tracking string) candidate.Delivery {
	return candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: sent, TrackingNumber: tracking}
}

func receipt(delivered date.Date) candidate.Delivery {
	return candidate.Delivery{Method: candidate.DeliveryRegisteredMail, DeliveredOn: delivered}
}

func hand(delivered date.Date, by string) candidate.Delivery {
	return candidate.Delivery{Method: candidate.DeliveryByHand, DeliveredOn: delivered, ReceivedBy: by}
}

func TestParseDelivery(t *testing.T) {
	d, err := candidate.ParseDelivery(candidate.DeliveryInput{
		Method: "registered_mail", SentOn: "2027-01-12", TrackingNumber: " 1a 123 456 7890 1 ",
	})
	require.NoError(t, err)
	assert.Equal(t, candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: date.New(2027, 1, 12), TrackingNumber: "1A12345678901"}, d)

	d, err = candidate.ParseDelivery(candidate.DeliveryInput{Method: "registered_mail", TrackingNumber: strings.Repeat("1", 40)})
	require.NoError(t, err, "a tracking number of 40 characters")
	assert.Len(t, d.TrackingNumber, 40)

	d, err = candidate.ParseDelivery(candidate.DeliveryInput{Method: "hand", DeliveredOn: "2027-01-12", ReceivedBy: " Camille Martin "})
	require.NoError(t, err)
	assert.Equal(t, hand(date.New(2027, 1, 12), "Camille Martin"), d)
}

func TestParseDeliveryReportsEveryBadField(t *testing.T) {
	tests := []struct {
		name   string
		in     candidate.DeliveryInput
		fields []string
	}{
		{"no method", candidate.DeliveryInput{}, []string{"method"}},
		{"e-mail is no delivery", candidate.DeliveryInput{Method: "email"}, []string{"method"}},
		{"ill-formed dates", candidate.DeliveryInput{Method: "hand", SentOn: "12/01/2027", DeliveredOn: "2027-13-01"}, []string{"sent_on", "delivered_on"}},
		{"tracking number with symbols", candidate.DeliveryInput{Method: "registered_mail", TrackingNumber: "1A-123"}, []string{"tracking_number"}},
		{"tracking number of 41 characters", candidate.DeliveryInput{Method: "registered_mail", TrackingNumber: strings.Repeat("1", 41)}, []string{"tracking_number"}},
		{"receiver with a control character", candidate.DeliveryInput{Method: "hand", ReceivedBy: "a\x00b"}, []string{"received_by"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := candidate.ParseDelivery(tt.in)
			assert.ErrorIs(t, err, candidate.ErrInvalidDelivery)
			assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
			assert.Equal(t, tt.fields, fields(err))
		})
	}
}

func TestParseDeliveryMethod(t *testing.T) {
	m, err := candidate.ParseDeliveryMethod("registered_mail")
	require.NoError(t, err)
	assert.Equal(t, "registered_mail", m.String())
	_, err = candidate.ParseDeliveryMethod("fax")
	assert.ErrorIs(t, err, candidate.ErrInvalidDelivery)
}

func TestRecordFirstDelivery(t *testing.T) {
	tests := []struct {
		name      string
		delivery  candidate.Delivery
		want      error
		fields    []string
		state     candidate.ConvocationState
		delivered candidate.Delivery
	}{
		{name: "registered mail", delivery: mail(today+1, "1A12345678901"), state: candidate.ConvocationSent, delivered: mail(today+1, "1A12345678901")},
		{name: "registered mail sent the day it was validated", delivery: mail(today, "1A12345678901"), state: candidate.ConvocationSent, delivered: mail(today, "1A12345678901")},
		{name: "registered mail sent today", delivery: mail(recordedOn, "1A12345678901"), state: candidate.ConvocationSent, delivered: mail(recordedOn, "1A12345678901")},
		{name: "registered mail with its receipt at once", delivery: candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A12345678901", DeliveredOn: today + 2},
			state: candidate.ConvocationDelivered, delivered: candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A12345678901", DeliveredOn: today + 2}},
		{name: "by hand, sent the day it is handed over", delivery: hand(today+3, "Camille Martin"), state: candidate.ConvocationDelivered,
			delivered: candidate.Delivery{Method: candidate.DeliveryByHand, SentOn: today + 3, DeliveredOn: today + 3, ReceivedBy: "Camille Martin"}},
		{name: "by hand, given a sending day", delivery: candidate.Delivery{Method: candidate.DeliveryByHand, SentOn: today + 1, DeliveredOn: today + 3, ReceivedBy: "Camille Martin"}, state: candidate.ConvocationDelivered,
			delivered: candidate.Delivery{Method: candidate.DeliveryByHand, SentOn: today + 1, DeliveredOn: today + 3, ReceivedBy: "Camille Martin"}},

		{name: "registered mail without a sending day", delivery: mail(date.Zero, "1A12345678901"), want: candidate.ErrInvalidDelivery, fields: []string{"sent_on"}},
		{name: "registered mail without a tracking number", delivery: mail(today, ""), want: candidate.ErrInvalidDelivery, fields: []string{"tracking_number"}},
		{name: "registered mail received by someone", delivery: candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A", ReceivedBy: "X"}, want: candidate.ErrInvalidDelivery, fields: []string{"received_by"}},
		{name: "registered mail only with its receipt", delivery: receipt(today + 2), want: candidate.ErrInvalidDelivery, fields: []string{"sent_on", "tracking_number"}},
		{name: "by hand without a day", delivery: hand(date.Zero, "Camille Martin"), want: candidate.ErrInvalidDelivery, fields: []string{"delivered_on"}},
		{name: "by hand without a receiver", delivery: hand(today, " "), want: candidate.ErrInvalidDelivery, fields: []string{"received_by"}},
		{name: "by hand with a tracking number", delivery: candidate.Delivery{Method: candidate.DeliveryByHand, DeliveredOn: today, ReceivedBy: "X", TrackingNumber: "1A"}, want: candidate.ErrInvalidDelivery, fields: []string{"tracking_number"}},
		{name: "by hand before it was sent", delivery: candidate.Delivery{Method: candidate.DeliveryByHand, SentOn: today + 2, DeliveredOn: today + 1, ReceivedBy: "X"}, want: candidate.ErrInvalidDelivery, fields: []string{"delivered_on"}},
		{name: "sent tomorrow", delivery: mail(recordedOn+1, "1A12345678901"), want: candidate.ErrInvalidDelivery, fields: []string{"sent_on"}},
		{name: "handed over tomorrow", delivery: hand(recordedOn+1, "X"), want: candidate.ErrInvalidDelivery, fields: []string{"delivered_on"}},
		{name: "receipt back tomorrow", delivery: candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A", DeliveredOn: recordedOn + 1}, want: candidate.ErrInvalidDelivery, fields: []string{"delivered_on"}},
		{name: "sent before it was validated", delivery: mail(today-1, "1A12345678901"), want: candidate.ErrInvalidDelivery, fields: []string{"sent_on"}},
		{name: "no method", delivery: candidate.Delivery{}, want: candidate.ErrInvalidDelivery, fields: []string{"method"}},
		{name: "an unknown method", delivery: candidate.Delivery{Method: "carrier_pigeon"}, want: candidate.ErrInvalidDelivery, fields: []string{"method"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validatedOn(t, today)
			err := r.RecordDelivery(tt.delivery, recordedOn)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.Equal(t, tt.fields, fields(err))
				assert.Nil(t, r.Convocation.Delivery)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.state, r.ConvocationState())
			assert.Equal(t, &tt.delivered, r.Convocation.Delivery)
		})
	}
}

func TestDeliveryNeedsAValidatedConvocation(t *testing.T) {
	for name, r := range map[string]candidate.Registration{"nothing drafted": register(t), "drafted": drafted(t)} {
		t.Run(name, func(t *testing.T) {
			err := r.RecordDelivery(hand(today, "Camille Martin"), today)
			assert.ErrorIs(t, err, candidate.ErrConvocationNotValidated)
			assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
		})
	}
}

func TestRecordDeliveryAgain(t *testing.T) {
	sent := mail(today+1, "1A12345678901")
	full := candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today + 1, TrackingNumber: "1A12345678901", DeliveredOn: today + 3}
	handed := hand(today+1, "Camille Martin")
	handedFull := candidate.Delivery{Method: candidate.DeliveryByHand, SentOn: today + 1, DeliveredOn: today + 1, ReceivedBy: "Camille Martin"}

	tests := []struct {
		name         string
		first, again candidate.Delivery
		want         error
		result       candidate.Delivery
	}{
		{"the receipt comes back", sent, receipt(today + 3), nil, full},
		{"the receipt with the sending facts repeated", sent, full, nil, full},
		{"the same sending facts again", sent, sent, nil, sent},
		{"the same receipt again", full, receipt(today + 3), nil, full},
		{"a repeat without the receipt keeps it", full, sent, nil, full},
		{"the same hand delivery again", handed, handed, nil, handedFull},
		{"another receipt day", full, receipt(today + 4), candidate.ErrDeliveryConflict, full},
		{"another tracking number", sent, mail(today+1, "1A99999999999"), candidate.ErrDeliveryConflict, sent},
		{"another sending day", sent, mail(today+2, "1A12345678901"), candidate.ErrDeliveryConflict, sent},
		{"by hand after registered mail", sent, handed, candidate.ErrDeliveryConflict, sent},
		{"registered mail after by hand", handed, sent, candidate.ErrDeliveryConflict, handedFull},
		{"by hand to someone else", handed, hand(today+1, "Dominique Martin"), candidate.ErrDeliveryConflict, handedFull},
		{"by hand another day", handed, hand(today+2, "Camille Martin"), candidate.ErrDeliveryConflict, handedFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validatedOn(t, today)
			require.NoError(t, r.RecordDelivery(tt.first, recordedOn))
			err := r.RecordDelivery(tt.again, recordedOn)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, &tt.result, r.Convocation.Delivery)
		})
	}
}

func TestDeliveryConflictStatesBothDeliveries(t *testing.T) {
	r := validatedOn(t, today)
	require.NoError(t, r.RecordDelivery(mail(today+1, "1A12345678901"), recordedOn))
	err := r.RecordDelivery(hand(today+2, "Camille Martin"), recordedOn)
	assert.Contains(t, tpsession.MessageOf(err), "sent by registered mail on 2027-01-11 (tracking number 1A12345678901)")
	assert.Contains(t, tpsession.MessageOf(err), "handed to Camille Martin on 2027-01-12")
}

func TestDeliveryString(t *testing.T) {
	full := candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A", DeliveredOn: today + 2}
	assert.Equal(t, "sent by registered mail on 2027-01-10 (tracking number 1A), delivered on 2027-01-12", full.String())
	assert.True(t, full.Delivered())
	assert.False(t, mail(today, "1A").Delivered())
}
