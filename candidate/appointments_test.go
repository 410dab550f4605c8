package candidate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func TestParseConvocationWithSeveralAppointments(t *testing.T) {
	d, err := candidate.ParseConvocation(candidate.ConvocationInput{
		Appointments: []candidate.AppointmentInput{
			{At: "2027-03-02T10:25", Room: " Salle d'entretien n° 2 ", Epreuve: "Présentation du projet"},
			{At: "2027-03-01T08:30", Epreuve: "Questionnaire professionnel", Opening: true},
		},
		Place: "Centre de Lyon", Documents: candidate.UsualDocuments(),
	})
	require.NoError(t, err)
	assert.Equal(t, []candidate.Appointment{
		{Day: start, Time: 8*60 + 30, Epreuve: "Questionnaire professionnel", Opening: true},
		{Day: start + 1, Time: 10*60 + 25, Room: "Salle d'entretien n° 2", Epreuve: "Présentation du projet"},
	}, d.Appointments, "in order of day, texts trimmed")
	assert.Equal(t, start, d.First().Day)
}

func TestParseConvocationRefusesBadAppointments(t *testing.T) {
	tests := []struct {
		name   string
		in     candidate.ConvocationInput
		fields []string
	}{
		{"both forms", candidate.ConvocationInput{Appointment: "2027-03-01T08:30", Appointments: []candidate.AppointmentInput{{At: "2027-03-01T08:30"}}}, []string{"appointments"}},
		{"two on one day", candidate.ConvocationInput{Appointments: []candidate.AppointmentInput{{At: "2027-03-01T08:30"}, {At: "2027-03-01T14:00"}}}, []string{"appointments"}},
		{"without its time", candidate.ConvocationInput{Appointments: []candidate.AppointmentInput{{At: "2027-03-01"}}}, []string{"appointments[0].at"}},
		{"without at", candidate.ConvocationInput{Appointments: []candidate.AppointmentInput{{Room: "Salle 2"}}}, []string{"appointments[0].at"}},
		{"a room on two lines", candidate.ConvocationInput{Appointments: []candidate.AppointmentInput{{At: "2027-03-01T08:30", Room: "Salle\x1b2"}}}, []string{"appointments[0].room"}},
		{"too many", candidate.ConvocationInput{Appointments: make([]candidate.AppointmentInput, 32)}, []string{"appointments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := candidate.ParseConvocation(tt.in)
			require.ErrorIs(t, err, candidate.ErrInvalidConvocation)
			assert.Equal(t, tt.fields, fields(err))
		})
	}
	_, err := candidate.ParseConvocation(candidate.ConvocationInput{Appointments: make([]candidate.AppointmentInput, 31)})
	assert.Equal(t, []string{"appointments[0].at"}, fields(err)[:1], "31 entries are not too many, each is checked")
}

func TestAnAppointmentOutsideTheSessionIsNamedByItsIndex(t *testing.T) {
	r := register(t)
	d := completeDetails()
	d.Appointments = append(d.Appointments, candidate.Appointment{Day: start + 3, Time: 9 * 60})
	err := r.DraftConvocation(d, titreSession(), today)
	assert.ErrorIs(t, err, candidate.ErrAppointmentOutsideSession)
	assert.Equal(t, []string{"appointments[1]"}, fields(err))
}

func TestUnmet(t *testing.T) {
	at := func(day int, h, m int) candidate.Appointment {
		return candidate.Appointment{Day: start + dateDays(day), Time: tpsession.TimeOfDay(h*60 + m)}
	}
	conv := candidate.ConvocationDetails{Appointments: []candidate.Appointment{at(0, 8, 30), at(1, 10, 25)}}
	tests := []struct {
		name   string
		needed []candidate.Appointment
		unmet  []candidate.Appointment
	}{
		{"the same days and times", []candidate.Appointment{at(0, 8, 30), at(1, 10, 25)}, nil},
		{"needed later: the candidate is early", []candidate.Appointment{at(0, 9, 0), at(1, 10, 26)}, nil},
		{"needed a minute earlier", []candidate.Appointment{at(0, 8, 30), at(1, 10, 24)}, []candidate.Appointment{at(1, 10, 24)}},
		{"needed on a third day", []candidate.Appointment{at(0, 8, 30), at(1, 10, 25), at(2, 8, 30)}, []candidate.Appointment{at(2, 8, 30)}},
		{"one day fewer still holds", []candidate.Appointment{at(0, 8, 30)}, nil},
		{"nothing needed", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.unmet, conv.Unmet(tt.needed))
		})
	}
}

func TestCorrectingAValidatedConvocation(t *testing.T) {
	r := validatedOn(t, today)
	require.NoError(t, r.RecordDelivery(candidate.Delivery{Method: candidate.DeliveryByHand, DeliveredOn: today, ReceivedBy: "Camille Martin"}, today))
	first := r.Convocation.Clone()

	corrected := completeDetails()
	corrected.Appointments = append(corrected.Appointments, candidate.Appointment{Day: start + 1, Time: 10 * 60})
	require.NoError(t, r.CorrectConvocation(corrected, titreSession(), today))
	assert.Equal(t, candidate.ConvocationDrafted, r.ConvocationState(), "the correction is a draft to validate and deliver")
	assert.True(t, r.Convocation.Correction())
	assert.Equal(t, []candidate.Convocation{first}, r.Convocation.Replaces, "the convocation as validated and delivered is kept")

	again := corrected
	again.Place = "Centre de Lyon, salle 5"
	require.NoError(t, r.DraftConvocation(again, titreSession(), today), "a correction is redrafted as a draft")
	assert.Equal(t, []candidate.Convocation{first}, r.Convocation.Replaces, "and still corrects the first")

	require.NoError(t, r.ValidateConvocation(today, titreSession(), candidate.ConvocationPolicy{}, today))
	require.NoError(t, r.CorrectConvocation(completeDetails(), titreSession(), today))
	assert.Len(t, r.Convocation.Replaces, 2, "a second correction keeps both earlier convocations")
	assert.Empty(t, r.Convocation.Replaces[1].Replaces, "each kept once")

	clone := r.Clone()
	clone.Convocation.Replaces[0].Documents[0] = "changed"
	assert.NotEqual(t, "changed", r.Convocation.Replaces[0].Documents[0], "Clone copies the replaced convocations deeply")
}

func TestCorrectionRefusals(t *testing.T) {
	r := drafted(t)
	assert.ErrorIs(t, r.CorrectConvocation(completeDetails(), titreSession(), today), candidate.ErrConvocationNotValidated, "a draft is drafted again")
	none := register(t)
	assert.ErrorIs(t, none.CorrectConvocation(completeDetails(), titreSession(), today), candidate.ErrConvocationNotValidated)

	v := validatedOn(t, today)
	outside := completeDetails()
	outside.Appointments[0].Day = start - 1
	assert.ErrorIs(t, v.CorrectConvocation(outside, titreSession(), today), candidate.ErrAppointmentOutsideSession)
	assert.False(t, v.Convocation.Correction(), "a refused correction changes nothing")
}

// TestACorrectionIsHeldToTheLeadTime: a corrected convocation is validated
// at least 31 days before the start, as the first one was
// (docs/rules.md#convocation-corrections).
func TestACorrectionIsHeldToTheLeadTime(t *testing.T) {
	last := start - 31
	for _, tt := range []struct {
		on   int
		want error
	}{{0, nil}, {1, candidate.ErrConvocationTooLate}} {
		r := validatedOn(t, today)
		require.NoError(t, r.CorrectConvocation(completeDetails(), titreSession(), today))
		on := last + dateDays(tt.on)
		err := r.ValidateConvocation(on, titreSession(), candidate.ConvocationPolicy{}, on)
		if tt.want == nil {
			assert.NoError(t, err)
			continue
		}
		assert.ErrorIs(t, err, tt.want)
		assert.Contains(t, tpsession.MessageOf(err), "a corrected convocation is held to the same lead time")
	}
}
