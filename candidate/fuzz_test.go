package candidate_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func FuzzParseAppointment(f *testing.F) {
	for _, s := range []string{"2027-03-01T08:30", "2027-03-01T24:00", "2028-02-29T23:59", "2027-03-01", "T", "2027-03-01T08:30T", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := candidate.ParseAppointment(s)
		if err != nil {
			assert.ErrorIs(t, err, candidate.ErrInvalidAppointment)
			assert.True(t, utf8.ValidString(tpsession.MessageOf(err)), "a message is valid UTF-8 whatever the input")
			return
		}
		// What parses is written back the same way.
		assert.Equal(t, s, a.String())
		assert.True(t, a.Time >= 0 && a.Time < tpsession.EndOfDay)
	})
}

func FuzzNewCandidate(f *testing.F) {
	f.Add("Camille", "1995-06-15", "camille@example.fr", "06 12 34 56 78", "69002", "vae", "2026-03-01", "TP-01281", "732 829 320 00074", "2026-09-01")
	f.Add(" ", "1995-02-30", "a@b", "+", "", "formation", "", "TP-", "00000000000000", "2026-13-01")
	f.Fuzz(func(t *testing.T, name, birth, email, phone, postcode, route, recevabilite, title, siret, from string) {
		in := candidate.CandidateInput{
			FirstName: name, LastName: name, BirthDate: birth, Email: email, Phone: phone,
			PostalAddress:     &candidate.PostalAddressInput{Lines: []string{name}, Postcode: postcode, City: name},
			Route:             route,
			VAERecevabiliteOn: recevabilite,
			TitlesHeld:        []string{title},
			HostCompanies:     []candidate.HostCompanyInput{{SIRET: siret, Name: name, From: from, Until: from}},
		}
		c, err := candidate.NewCandidate(centre, candidateID, in, today)
		if err != nil {
			require.ErrorIs(t, err, candidate.ErrInvalidCandidate)
			assert.NotEmpty(t, fields(err))
			for _, f := range fields(err) {
				assert.True(t, f != "" && !strings.ContainsAny(f, " \n"), "field %q", f)
			}
			return
		}
		// What is accepted holds together.
		assert.NotEmpty(t, c.FirstName)
		assert.Equal(t, strings.TrimSpace(c.FirstName), c.FirstName)
		assert.Less(t, c.BirthDate, today)
		require.Len(t, c.HostCompanies, 1)
		_, err = tpsession.ParseSIRET(string(c.HostCompanies[0].SIRET))
		assert.NoError(t, err)
		if c.VAERecevabiliteOn != 0 {
			assert.Equal(t, candidate.RouteVAE, c.Route)
		}
	})
}

func FuzzParseDelivery(f *testing.F) {
	f.Add("registered_mail", "2027-01-12", "1A 123 456 7890 1", "", "")
	f.Add("hand", "", "", "2027-01-12", "Camille Martin")
	f.Add("fax", "x", "é", "2027-02-30", "\x00")
	f.Fuzz(func(t *testing.T, method, sent, tracking, delivered, by string) {
		d, err := candidate.ParseDelivery(candidate.DeliveryInput{Method: method, SentOn: sent, TrackingNumber: tracking, DeliveredOn: delivered, ReceivedBy: by})
		if err != nil {
			assert.ErrorIs(t, err, candidate.ErrInvalidDelivery)
			return
		}
		assert.Contains(t, []candidate.DeliveryMethod{candidate.DeliveryRegisteredMail, candidate.DeliveryByHand}, d.Method)
		assert.NotContains(t, d.TrackingNumber, " ")
		assert.Equal(t, strings.ToUpper(d.TrackingNumber), d.TrackingNumber)

		// Recording it never panics, and leaves a consistent state.
		r := validatedOn(t, today)
		if r.RecordDelivery(d, recordedOn) == nil {
			assert.Contains(t, []candidate.ConvocationState{candidate.ConvocationSent, candidate.ConvocationDelivered}, r.ConvocationState())
		}
	})
}

func FuzzParseAttempt(f *testing.F) {
	f.Add("TP-01281", "titre", "2026-06-12", "partial_success", "CCP1", "")
	f.Add("TP-01281", "ccp", "2026-06-12", "obtained", "CCP2", "CCP2")
	f.Add("TP-", "ccs", "2026-02-30", "absent", "", "x")
	f.Fuzz(func(t *testing.T, title, kind, on, outcome, ccp, acquired string) {
		in := candidate.AttemptInput{TitleCode: title, Kind: kind, On: on, Outcome: outcome}
		if ccp != "" {
			in.CCPs = []string{ccp}
		}
		if acquired != "" {
			in.Acquired = []string{acquired}
		}
		a, err := candidate.ParseAttempt(in, today)
		if err != nil {
			require.ErrorIs(t, err, candidate.ErrInvalidAttempt)
			return
		}
		// What parses is recorded as it is.
		c := newCandidate(t, nil)
		require.NoError(t, c.RecordAttempt(a))
		assert.LessOrEqual(t, a.On, today)
		if a.Outcome == candidate.PartialSuccess {
			assert.NotEmpty(t, a.Acquired)
		}
	})
}
