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

func TestParseAppointment(t *testing.T) {
	tests := []struct {
		in   string
		want candidate.Appointment
		ok   bool
	}{
		{"2027-03-01T08:30", candidate.Appointment{Day: date.New(2027, 3, 1), Time: 8*60 + 30}, true},
		{"2027-03-01T00:00", candidate.Appointment{Day: date.New(2027, 3, 1), Time: 0}, true},
		{"2027-03-01T23:59", candidate.Appointment{Day: date.New(2027, 3, 1), Time: 23*60 + 59}, true},
		{"2027-03-01T24:00", candidate.Appointment{}, false},
		{"2027-03-01 08:30", candidate.Appointment{}, false},
		{"2027-03-01T8:30", candidate.Appointment{}, false},
		{"2027-02-29T08:30", candidate.Appointment{}, false},
		{"2027-03-01T08:30:00", candidate.Appointment{}, false},
		{"2027-03-01", candidate.Appointment{}, false},
		{"", candidate.Appointment{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := candidate.ParseAppointment(tt.in)
			if !tt.ok {
				assert.ErrorIs(t, err, candidate.ErrInvalidAppointment)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

func TestParseConvocation(t *testing.T) {
	d, err := candidate.ParseConvocation(candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30",
		Place:       "  Salle 3 ",
		Documents:   []string{" Pièce d'identité", "Dossier professionnel "},
		PPE:         []string{"Chaussures de sécurité"},
	})
	require.NoError(t, err)
	assert.Equal(t, candidate.ConvocationDetails{
		Appointments: []candidate.Appointment{{Day: start, Time: 8*60 + 30}},
		Place:        "Salle 3",
		Documents:    []string{"Pièce d'identité", "Dossier professionnel"},
		PPE:          []string{"Chaussures de sécurité"},
	}, d)

	empty, err := candidate.ParseConvocation(candidate.ConvocationInput{})
	require.NoError(t, err, "a draft may be empty")
	assert.True(t, empty.First().IsZero())
}

func TestParseConvocationReportsEveryBadField(t *testing.T) {
	_, err := candidate.ParseConvocation(candidate.ConvocationInput{
		Appointment: "01/03/2027 08:30",
		Place:       strings.Repeat("x", 301),
		Documents:   []string{"Pièce d'identité", " "},
		PPE:         []string{"Gants", "gants"},
	})
	assert.ErrorIs(t, err, candidate.ErrInvalidConvocation)
	assert.Equal(t, []string{"appointment", "place", "documents[1]", "ppe[1]"}, fields(err))
}

func TestDraftConvocation(t *testing.T) {
	at := func(d date.Date) candidate.ConvocationDetails {
		c := completeDetails()
		c.Appointments[0].Day = d
		return c
	}
	tests := []struct {
		name    string
		details candidate.ConvocationDetails
		want    error
	}{
		{"on the first day", at(start), nil},
		{"on the last day", at(start + 2), nil},
		{"the day before the session", at(start - 1), candidate.ErrAppointmentOutsideSession},
		{"the day after the session", at(start + 3), candidate.ErrAppointmentOutsideSession},
		{"without an appointment yet", func() candidate.ConvocationDetails { c := completeDetails(); c.Appointments = nil; return c }(), nil},
		{"an appointment without its day", at(date.Zero), candidate.ErrInvalidConvocation},
		{"an empty draft", candidate.ConvocationDetails{}, nil},
		{"at 24:00", candidate.ConvocationDetails{Appointments: []candidate.Appointment{{Day: start, Time: tpsession.EndOfDay}}}, candidate.ErrInvalidConvocation},
		{"a blank document", candidate.ConvocationDetails{Documents: []string{""}}, candidate.ErrInvalidConvocation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register(t)
			err := r.DraftConvocation(tt.details, titreSession(), today)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.Nil(t, r.Convocation)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.details, r.Convocation.ConvocationDetails)
			assert.Equal(t, candidate.ConvocationDrafted, r.ConvocationState())
		})
	}
}

func TestAppointmentOutsideTheSessionNamesTheDates(t *testing.T) {
	r := register(t)
	d := completeDetails()
	d.Appointments[0].Day = start - 1
	err := r.DraftConvocation(d, titreSession(), today)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	assert.Contains(t, tpsession.MessageOf(err), "2027-02-28 at 08:30 is not a day of the session, which runs from 2027-03-01 to 2027-03-03")
	assert.Equal(t, []string{"appointment"}, fields(err))
}

func TestRedraftingReplacesTheDraft(t *testing.T) {
	r := drafted(t)
	corrected := completeDetails()
	corrected.Place = "Salle 4"
	corrected.PPE = nil

	require.NoError(t, r.DraftConvocation(corrected, titreSession(), today))
	assert.Equal(t, corrected, r.Convocation.ConvocationDetails)
}

func TestDraftKeepsNoReferenceToTheCallersSlices(t *testing.T) {
	r := register(t)
	d := completeDetails()
	require.NoError(t, r.DraftConvocation(d, titreSession(), today))
	d.Documents[0] = "changed"
	assert.Equal(t, candidate.UsualDocuments(), r.Convocation.Documents)
}

func TestValidatedConvocationCannotBeRedrafted(t *testing.T) {
	r := validatedOn(t, today)
	err := r.DraftConvocation(completeDetails(), titreSession(), today)
	assert.ErrorIs(t, err, candidate.ErrConvocationValidated)
	assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
}

func TestDraftRefusesTheFactsOfAnotherSession(t *testing.T) {
	r := register(t)
	other := titreSession()
	other.ID = "ses_01JN0000000000000000000002"
	assert.ErrorIs(t, r.DraftConvocation(completeDetails(), other, today), candidate.ErrSessionFacts)
}

// The leaflet's 31 days: for a session starting 2027-03-01 the last day
// accepted is 2027-01-29.
func TestValidateConvocationLeadTime(t *testing.T) {
	tests := []struct {
		name string
		on   date.Date
		want error
	}{
		{"32 days before", date.New(2027, 1, 28), nil},
		{"31 days before", date.New(2027, 1, 29), nil},
		{"30 days before", date.New(2027, 1, 30), candidate.ErrConvocationTooLate},
		{"on the first day", start, candidate.ErrConvocationTooLate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := drafted(t)
			err := r.ValidateConvocation(tt.on, titreSession(), candidate.ConvocationPolicy{}, tt.on)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.False(t, r.Convocation.Validated())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.on, r.Convocation.ValidatedOn)
			assert.Equal(t, candidate.ConvocationValidated, r.ConvocationState())
		})
	}
}

func TestConvocationTooLateNamesTheDates(t *testing.T) {
	r := drafted(t)
	on := date.New(2027, 1, 30)
	err := r.ValidateConvocation(on, titreSession(), candidate.ConvocationPolicy{}, on)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	assert.Equal(t, "candidate.convocation_too_late", tpsession.CodeOf(err))
	assert.Contains(t, tpsession.MessageOf(err), "validated on 2027-01-30, must be on or before 2027-01-29 for a session starting 2027-03-01")
}

func TestValidateConvocationDefaultsToToday(t *testing.T) {
	r := drafted(t)
	require.NoError(t, r.ValidateConvocation(date.Zero, titreSession(), candidate.ConvocationPolicy{}, today))
	assert.Equal(t, today, r.Convocation.ValidatedOn)
}

func TestValidateConvocationRefusals(t *testing.T) {
	incomplete := func(change func(*candidate.ConvocationDetails)) func(t *testing.T) candidate.Registration {
		return func(t *testing.T) candidate.Registration {
			r := register(t)
			d := completeDetails()
			change(&d)
			require.NoError(t, r.DraftConvocation(d, titreSession(), today))
			return r
		}
	}
	tests := []struct {
		name   string
		reg    func(t *testing.T) candidate.Registration
		on     date.Date
		want   error
		fields []string
	}{
		{"validated tomorrow", drafted, today + 1, candidate.ErrInvalidConvocation, []string{"validated_on"}},
		{"nothing drafted", register, today, candidate.ErrNoConvocation, nil},
		{"validated twice", func(t *testing.T) candidate.Registration { return validatedOn(t, today-1) }, today, candidate.ErrConvocationValidated, nil},
		{"without appointment", incomplete(func(d *candidate.ConvocationDetails) { d.Appointments = nil }), today, candidate.ErrConvocationIncomplete, []string{"appointment"}},
		{"without place", incomplete(func(d *candidate.ConvocationDetails) { d.Place = "" }), today, candidate.ErrConvocationIncomplete, []string{"place"}},
		{"without documents", incomplete(func(d *candidate.ConvocationDetails) { d.Documents = nil }), today, candidate.ErrConvocationIncomplete, []string{"documents"}},
		{"empty", incomplete(func(d *candidate.ConvocationDetails) { *d = candidate.ConvocationDetails{} }), today, candidate.ErrConvocationIncomplete, []string{"appointment", "place", "documents"}},
		{"without EPI is complete", incomplete(func(d *candidate.ConvocationDetails) { d.PPE = nil }), today, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.reg(t)
			err := r.ValidateConvocation(tt.on, titreSession(), candidate.ConvocationPolicy{}, today)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.fields, fields(err))
		})
	}
}

func TestValidateConvocationRechecksTheAppointmentAgainstTheSession(t *testing.T) {
	r := drafted(t) // convoked on 2027-03-01
	moved := titreSession()
	moved.Start, moved.End = start+7, start+9

	err := r.ValidateConvocation(today, moved, candidate.ConvocationPolicy{}, today)
	assert.ErrorIs(t, err, candidate.ErrAppointmentOutsideSession)
}

func TestConvocationPolicy(t *testing.T) {
	var zero candidate.ConvocationPolicy
	for _, k := range tpsession.SessionKinds {
		assert.Equal(t, candidate.ConvocationLeadDays, zero.LeadDays(k), k)
	}

	historical := candidate.ConvocationPolicy{CCPLeadDays: 15, CCSLeadDays: 15, TitreLeadDays: -1}
	assert.Equal(t, 15, historical.LeadDays(tpsession.KindCCP))
	assert.Equal(t, 15, historical.LeadDays(tpsession.KindCCS))
	assert.Equal(t, candidate.ConvocationLeadDays, historical.LeadDays(tpsession.KindTitre), "a negative lead falls back to the default")
	assert.Equal(t, date.New(2027, 1, 29), zero.LastValidationDay(titreSession()))
}

func TestValidateConvocationAppliesThePolicyOfTheSessionKind(t *testing.T) {
	policy := candidate.ConvocationPolicy{CCPLeadDays: 15}
	ccp := titreSession()
	ccp.Kind = tpsession.KindCCP
	tests := []struct {
		name    string
		session candidate.Session
		on      date.Date
		want    error
	}{
		{"CCP 15 days before", ccp, start - 15, nil},
		{"CCP 14 days before", ccp, start - 14, candidate.ErrConvocationTooLate},
		{"titre 31 days before", titreSession(), start - 31, nil},
		{"titre 30 days before", titreSession(), start - 30, candidate.ErrConvocationTooLate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := drafted(t)
			r.Session = tt.session.ID
			err := r.ValidateConvocation(tt.on, tt.session, policy, tt.on)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestParseValidatedOn(t *testing.T) {
	d, err := candidate.ParseValidatedOn("")
	require.NoError(t, err)
	assert.Equal(t, date.Zero, d)

	d, err = candidate.ParseValidatedOn("2027-01-29")
	require.NoError(t, err)
	assert.Equal(t, date.New(2027, 1, 29), d)

	_, err = candidate.ParseValidatedOn("29/01/2027")
	assert.ErrorIs(t, err, candidate.ErrInvalidConvocation)
	assert.Equal(t, []string{"validated_on"}, fields(err))
}

func TestUsualDocumentsIsAFreshList(t *testing.T) {
	docs := candidate.UsualDocuments()
	docs[0] = "changed"
	assert.NotEqual(t, "changed", candidate.UsualDocuments()[0])
}
