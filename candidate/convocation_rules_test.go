package candidate_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func TestAConvocationIsValidatedOnlyOnceItExists(t *testing.T) {
	draftedOn := today - 5
	r := register(t)
	require.NoError(t, r.DraftConvocation(completeDetails(), titreSession(), draftedOn))
	assert.Equal(t, draftedOn, r.Convocation.DraftedOn)

	before := r.Clone()
	err := before.ValidateConvocation(draftedOn-1, titreSession(), candidate.ConvocationPolicy{}, today)
	require.ErrorIs(t, err, candidate.ErrValidatedBeforeDraft)
	msg := tpsession.MessageOf(err)
	assert.Contains(t, msg, (draftedOn - 1).String())
	assert.Contains(t, msg, draftedOn.String())
	assert.Contains(t, fields(err), "validated_on")
	assert.False(t, before.Convocation.Validated(), "nothing recorded")

	onTheDay := r.Clone()
	assert.NoError(t, onTheDay.ValidateConvocation(draftedOn, titreSession(), candidate.ConvocationPolicy{}, today))

	// A draft recorded before its day was kept counts from the registration.
	legacy := register(t)
	require.NoError(t, legacy.DraftConvocation(completeDetails(), titreSession(), today))
	legacy.Convocation.DraftedOn = 0
	trial := legacy.Clone()
	err = trial.ValidateConvocation(today-1, titreSession(), candidate.ConvocationPolicy{}, today)
	require.ErrorIs(t, err, candidate.ErrValidatedBeforeDraft)
	assert.Contains(t, tpsession.MessageOf(err), "registration on "+today.String())
	assert.NoError(t, legacy.ValidateConvocation(today, titreSession(), candidate.ConvocationPolicy{}, today))
}

func TestARegistrationDayIsReadInTheSessionTimeZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	s := titreSession()
	s.Location = paris
	c := newCandidate(t, nil)
	at := time.Date(2027, 1, 9, 23, 30, 0, 0, time.UTC) // 10 January in Paris
	r, err := candidate.Register(regID, s, c, nil, at, candidate.Request{})
	require.NoError(t, err)
	require.NoError(t, r.DraftConvocation(completeDetails(), s, today))
	r.Convocation.DraftedOn = 0
	trial := r.Clone()
	assert.ErrorIs(t, trial.ValidateConvocation(today-1, s, candidate.ConvocationPolicy{}, today), candidate.ErrValidatedBeforeDraft)
	assert.NoError(t, r.ValidateConvocation(today, s, candidate.ConvocationPolicy{}, today))
}

func TestAConvocationListsTheRequiredProtectiveEquipment(t *testing.T) {
	s := titreSession()
	s.RequiredPPE = []candidate.RequiredPPE{
		{Item: "Chaussures de sécurité", Source: "épreuve « Mise en situation » (title register)"},
		{Item: "Gants anti-coupure", Source: "DTE organisateur"},
	}
	r := register(t)
	details := completeDetails() // lists "Chaussures de sécurité"
	require.NoError(t, r.DraftConvocation(details, s, today))
	trial := r.Clone()
	err := trial.ValidateConvocation(today, s, candidate.ConvocationPolicy{}, today)
	require.ErrorIs(t, err, candidate.ErrConvocationPPEMissing)
	msg := tpsession.MessageOf(err)
	assert.Contains(t, msg, "« Gants anti-coupure » (DTE organisateur)")
	assert.NotContains(t, msg, "Chaussures", "what is listed is not asked again")
	assert.Contains(t, fields(err), "ppe")

	details.PPE = []string{"chaussures  de SÉCURITÉ", "Gants anti-coupure"}
	require.NoError(t, r.DraftConvocation(details, s, today))
	assert.NoError(t, r.ValidateConvocation(today, s, candidate.ConvocationPolicy{}, today), "case and spacing aside")

	none := register(t)
	details.PPE = nil
	require.NoError(t, none.DraftConvocation(details, titreSession(), today))
	assert.NoError(t, none.ValidateConvocation(today, titreSession(), candidate.ConvocationPolicy{}, today), "nothing required, nothing to list")
}
