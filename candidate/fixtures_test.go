package candidate_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// The fixed world of the tests: a centre, a titre session starting on
// Monday 2027-03-01 and ending on Wednesday 2027-03-03, and "today" well
// before it.
const (
	centre      = tpsession.CentreID("centre-lyon")
	otherCentre = tpsession.CentreID("centre-nantes")
	sessionID   = tpsession.SessionID("ses_01JN0000000000000000000001")
	candidateID = tpsession.CandidateID("can_01JN0000000000000000000001")
	regID       = tpsession.RegistrationID("reg_01JN0000000000000000000001")
	titleCDA    = tpsession.TitleCode("TP-01281")

	// Valid SIRETs (Luhn key checked).
	siretA = "73282932000074"
	siretB = "35600000049837"
)

var (
	start = date.New(2027, 3, 1)
	today = date.New(2027, 1, 10)
	// registeredAt is an instant of the day today.
	registeredAt = time.Date(2027, 1, 10, 9, 30, 0, 0, time.UTC)
)

func titreSession() candidate.Session {
	return candidate.Session{
		Centre: centre,
		ID:     sessionID,
		Kind:   tpsession.KindTitre,
		Title:  titleCDA,
		Start:  start,
		End:    start + 2,
	}
}

func validInput() candidate.CandidateInput {
	return candidate.CandidateInput{
		FirstName: "Camille",
		LastName:  "Martin",
		BirthDate: "1995-06-15",
		Email:     "camille.martin@example.fr",
		Phone:     "06 12 34 56 78",
		PostalAddress: &candidate.PostalAddressInput{
			Lines:    []string{"12 rue de la République"},
			Postcode: "69002",
			City:     "Lyon",
		},
		Route: "formation",
		HostCompanies: []candidate.HostCompanyInput{
			{SIRET: "732 829 320 00074", Name: "Atelier Dupont", From: "2026-09-01", Until: "2026-10-31"},
		},
	}
}

func newCandidate(t *testing.T, change func(*candidate.CandidateInput)) candidate.Candidate {
	t.Helper()
	in := validInput()
	if change != nil {
		change(&in)
	}
	c, err := candidate.NewCandidate(centre, candidateID, in, today)
	require.NoError(t, err)
	return c
}

func register(t *testing.T) candidate.Registration {
	t.Helper()
	r, err := candidate.Register(regID, titreSession(), newCandidate(t, nil), nil, registeredAt, candidate.Request{})
	require.NoError(t, err)
	return r
}

// completeDetails is a convocation ready to be validated.
func completeDetails() candidate.ConvocationDetails {
	return candidate.ConvocationDetails{
		Appointments: []candidate.Appointment{{Day: start, Time: 8*60 + 30}},
		Place:        "Centre de Lyon, salle 3, 5 place Bellecour, 69002 Lyon",
		Documents:    candidate.UsualDocuments(),
		PPE:          []string{"Chaussures de sécurité"},
	}
}

func drafted(t *testing.T) candidate.Registration {
	t.Helper()
	r := register(t)
	require.NoError(t, r.DraftConvocation(completeDetails(), titreSession(), today))
	return r
}

// validatedOn returns a registration whose convocation was validated on d
// (today is set to d when d is later than the fixture's today), drafted on
// d or today, whichever comes first.
func validatedOn(t *testing.T, d date.Date) candidate.Registration {
	t.Helper()
	r := register(t)
	require.NoError(t, r.DraftConvocation(completeDetails(), titreSession(), min(today, d)))
	require.NoError(t, r.ValidateConvocation(d, titreSession(), candidate.ConvocationPolicy{}, max(today, d)))
	return r
}

// fields returns the field names an error carries.
func fields(err error) []string {
	var e *tpsession.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func mustDate(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := tpsession.ParseDate(s)
	require.NoError(t, err)
	return d
}

// dateDays converts a count of days for date arithmetic.
func dateDays(n int) date.Date { return date.Date(n) }
