package candidate_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func TestRegisterRecordsTheRegistration(t *testing.T) {
	r, err := candidate.Register(regID, titreSession(), newCandidate(t, nil), nil, registeredAt, candidate.Request{})
	require.NoError(t, err)

	assert.Equal(t, centre, r.Centre)
	assert.Equal(t, regID, r.ID)
	assert.Equal(t, sessionID, r.Session)
	assert.Equal(t, candidateID, r.Candidate)
	assert.Equal(t, registeredAt, r.RegisteredAt)
	assert.True(t, r.Active())
	assert.Nil(t, r.Convocation)
	assert.Equal(t, candidate.ConvocationNone, r.ConvocationState())
}

func TestRegisterRefusals(t *testing.T) {
	withdrawn := register(t)
	require.NoError(t, withdrawn.Withdraw(registeredAt.Add(time.Hour), "responsable"))
	active := register(t)
	otherSession := register(t)
	otherSession.Session = "ses_01JN0000000000000000000002"
	otherCandidate := register(t)
	otherCandidate.Candidate = "can_01JN0000000000000000000002"
	expired := func(c *candidate.Candidate) {
		c.Route, c.VAERecevabiliteOn = candidate.RouteVAE, mustDate(t, "2025-12-01")
	}

	tests := []struct {
		name     string
		change   func(*candidate.Candidate)
		existing []candidate.Registration
		want     error
	}{
		{"first registration", nil, nil, nil},
		{"again while active", nil, []candidate.Registration{active}, candidate.ErrDuplicateRegistration},
		{"again after a withdrawal", nil, []candidate.Registration{withdrawn}, nil},
		{"registered to another session", nil, []candidate.Registration{otherSession}, nil},
		{"another candidate registered", nil, []candidate.Registration{otherCandidate}, nil},
		{"not eligible", expired, nil, candidate.ErrRecevabiliteExpired},
		// The API checks conflicts (409) before rules (422).
		{"duplicate and not eligible", expired, []candidate.Registration{active}, candidate.ErrDuplicateRegistration},
		{"candidate of another centre", func(c *candidate.Candidate) { c.Centre = otherCentre }, nil, candidate.ErrCandidateNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCandidate(t, nil)
			if tt.change != nil {
				tt.change(&c)
			}
			_, err := candidate.Register("reg_01JN0000000000000000000009", titreSession(), c, tt.existing, registeredAt, candidate.Request{})
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestRegisterRefusesMissingIDsAndBrokenSessionFacts(t *testing.T) {
	_, err := candidate.Register("", titreSession(), newCandidate(t, nil), nil, registeredAt, candidate.Request{})
	assert.ErrorIs(t, err, tpsession.ErrInternal)

	s := titreSession()
	s.End = s.Start - 1
	_, err = candidate.Register(regID, s, newCandidate(t, nil), nil, registeredAt, candidate.Request{})
	assert.ErrorIs(t, err, candidate.ErrSessionFacts)
}

func TestWithdrawIsRecordedOnce(t *testing.T) {
	r := register(t)
	at := time.Date(2027, 1, 20, 14, 0, 0, 0, time.UTC)
	require.NoError(t, r.Withdraw(at, "  Jeanne Petit "))

	assert.False(t, r.Active())
	assert.Equal(t, &candidate.Withdrawal{At: at, By: "Jeanne Petit"}, r.Withdrawal)

	err := r.Withdraw(at.Add(time.Hour), "someone else")
	assert.ErrorIs(t, err, candidate.ErrRegistrationWithdrawn)
	assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
	assert.Contains(t, tpsession.MessageOf(err), "withdrawn on 2027-01-20")
	assert.Equal(t, "Jeanne Petit", r.Withdrawal.By)
}

func TestWithdrawnRegistrationRefusesConvocationChanges(t *testing.T) {
	r := validatedOn(t, today)
	require.NoError(t, r.Withdraw(registeredAt.Add(time.Hour), ""))
	before := r.Clone()

	assert.ErrorIs(t, r.DraftConvocation(completeDetails(), titreSession(), today), candidate.ErrRegistrationWithdrawn)
	assert.ErrorIs(t, r.ValidateConvocation(today, titreSession(), candidate.ConvocationPolicy{}, today), candidate.ErrRegistrationWithdrawn)
	assert.ErrorIs(t, r.RecordDelivery(candidate.Delivery{Method: candidate.DeliveryByHand, DeliveredOn: today, ReceivedBy: "Camille Martin"}, today), candidate.ErrRegistrationWithdrawn)
	assert.Equal(t, before, r)
}

func TestConvocationStateFollowsTheFacts(t *testing.T) {
	r := register(t)
	assert.Equal(t, candidate.ConvocationNone, r.ConvocationState())

	require.NoError(t, r.DraftConvocation(completeDetails(), titreSession(), today))
	assert.Equal(t, candidate.ConvocationDrafted, r.ConvocationState())

	require.NoError(t, r.ValidateConvocation(today, titreSession(), candidate.ConvocationPolicy{}, today))
	assert.Equal(t, candidate.ConvocationValidated, r.ConvocationState())

	require.NoError(t, r.RecordDelivery(candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A00000000001"}, today))
	assert.Equal(t, candidate.ConvocationSent, r.ConvocationState())

	require.NoError(t, r.RecordDelivery(candidate.Delivery{Method: candidate.DeliveryRegisteredMail, DeliveredOn: today + 2}, today+2))
	assert.Equal(t, candidate.ConvocationDelivered, r.ConvocationState())
	assert.Equal(t, "delivered", r.ConvocationState().String())
}

func TestRegistrationCloneIsDeep(t *testing.T) {
	complete := func() candidate.Registration {
		r := validatedOn(t, today)
		require.NoError(t, r.RecordDelivery(candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today, TrackingNumber: "1A00000000001"}, today))
		require.NoError(t, r.Withdraw(registeredAt.Add(time.Hour), "responsable"))
		return r
	}
	r, want := complete(), complete()

	clone := r.Clone()
	clone.Withdrawal.By = "changed"
	clone.Convocation.Place = "changed"
	clone.Convocation.Documents[0] = "changed"
	clone.Convocation.PPE[0] = "changed"
	clone.Convocation.Delivery.TrackingNumber = "changed"

	assert.Equal(t, want, r)
}
