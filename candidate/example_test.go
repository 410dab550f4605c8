package candidate_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// exampleSession is a titre session from Monday 1 March to Wednesday
// 3 March 2027, as the session service would describe it.
func exampleSession() candidate.Session {
	return candidate.Session{
		Centre: "centre-lyon",
		ID:     "ses_01JN0000000000000000000001",
		Kind:   tpsession.KindTitre,
		Title:  "TP-01281",
		Start:  date.New(2027, 3, 1),
		End:    date.New(2027, 3, 3),
	}
}

// exampleValidated returns a registration to exampleSession whose
// convocation, for 08:30 on the first day, was validated on the day on.
func exampleValidated(on date.Date) candidate.Registration {
	s := exampleSession()
	r := candidate.Registration{Centre: s.Centre, ID: "reg_01JN0000000000000000000001", Session: s.ID, Candidate: "can_01JN0000000000000000000001"}
	_ = r.DraftConvocation(candidate.ConvocationDetails{
		Appointments: []candidate.Appointment{{Day: s.Start, Time: 8*60 + 30}},
		Place:        "Centre de Lyon, salle 3",
		Documents:    candidate.UsualDocuments(),
	}, s, today)
	_ = r.ValidateConvocation(on, s, candidate.ConvocationPolicy{}, on)
	return r
}

func ExampleNewCandidate() {
	today := date.New(2027, 1, 10)
	_, err := candidate.NewCandidate("centre-lyon", "can_01JN0000000000000000000001", candidate.CandidateInput{
		FirstName: "Camille",
		BirthDate: "1995-06-31",
		Route:     "vae",
		HostCompanies: []candidate.HostCompanyInput{
			{SIRET: "732 829 320 00075", Name: "Atelier Dupont", From: "2026-09-01", Until: "2026-10-31"},
		},
	}, today)

	var e *tpsession.Error
	if errors.As(err, &e) {
		fmt.Println(e.Kind, e.Code)
		for _, f := range e.Fields {
			fmt.Println(f)
		}
	}
	// Output:
	// invalid candidate.invalid
	// last_name: is required
	// birth_date: 1995-06-31: day 31 does not exist in that month
	// host_companies[0].siret: SIRET 73282932000075: the check digit does not match (Luhn formula); check for a mistyped digit
}

func ExampleRegister() {
	today := date.New(2026, 12, 1)
	c, err := candidate.NewCandidate("centre-lyon", "can_01JN0000000000000000000001", candidate.CandidateInput{
		FirstName:         "Camille",
		LastName:          "Martin",
		BirthDate:         "1995-06-15",
		Route:             "vae",
		VAERecevabiliteOn: "2026-02-26",
	}, today)
	if err != nil {
		fmt.Println(err)
		return
	}

	// Valid one year from its notification, the recevabilité has lapsed
	// when the session starts.
	_, err = candidate.Register("reg_01JN0000000000000000000001", exampleSession(), c, nil, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), candidate.Request{})
	fmt.Println(tpsession.KindOf(err), tpsession.CodeOf(err))
	fmt.Println(errors.Is(err, candidate.ErrRecevabiliteExpired))

	// A recevabilité notified three days later covers the session.
	c.VAERecevabiliteOn = date.New(2026, 3, 1)
	r, err := candidate.Register("reg_01JN0000000000000000000001", exampleSession(), c, nil, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), candidate.Request{})
	fmt.Println(err, r.Active(), r.ConvocationState())

	// A second active registration to the same session is refused.
	_, err = candidate.Register("reg_01JN0000000000000000000002", exampleSession(), c, []candidate.Registration{r}, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC), candidate.Request{})
	fmt.Println(errors.Is(err, candidate.ErrDuplicateRegistration))
	// Output:
	// rule candidate.recevabilite_expired
	// true
	// <nil> true none
	// true
}

func ExampleRegistration_ValidateConvocation() {
	s := exampleSession()
	r := candidate.Registration{
		Centre: "centre-lyon", ID: "reg_01JN0000000000000000000001",
		Session: s.ID, Candidate: "can_01JN0000000000000000000001",
	}

	details, err := candidate.ParseConvocation(candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30",
		Place:       "Centre de Lyon, salle 3",
		Documents:   candidate.UsualDocuments(),
		PPE:         []string{"Chaussures de sécurité"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := r.DraftConvocation(details, s, today); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ConvocationState())

	// 30 days before the first day is too late.
	var policy candidate.ConvocationPolicy // 31 days for every kind of session
	late := date.New(2027, 1, 30)
	err = r.ValidateConvocation(late, s, policy, late)
	var e *tpsession.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code)
		fmt.Println(e.Message)
	}

	// 31 days before is the last day accepted.
	onTime := date.New(2027, 1, 29)
	err = r.ValidateConvocation(onTime, s, policy, onTime)
	fmt.Println(err, r.ConvocationState(), r.Convocation.ValidatedOn)
	// Output:
	// drafted
	// candidate.convocation_too_late
	// validated on 2027-01-30, must be on or before 2027-01-29 for a session starting 2027-03-01 (31 days ahead)
	// <nil> validated 2027-01-29
}

func ExampleRegistration_RecordDelivery() {
	r := exampleValidated(date.New(2027, 1, 20))

	sent, _ := candidate.ParseDelivery(candidate.DeliveryInput{Method: "registered_mail", SentOn: "2027-01-21", TrackingNumber: "1A 123 456 7890 1"})
	fmt.Println(r.RecordDelivery(sent, date.New(2027, 1, 21)), r.ConvocationState())

	// The proof of delivery comes back a few days later.
	receipt, _ := candidate.ParseDelivery(candidate.DeliveryInput{Method: "registered_mail", DeliveredOn: "2027-01-23"})
	fmt.Println(r.RecordDelivery(receipt, date.New(2027, 1, 25)), r.ConvocationState())
	fmt.Println(r.Convocation.Delivery)
	// Output:
	// <nil> sent
	// <nil> delivered
	// sent by registered mail on 2027-01-21 (tracking number 1A12345678901), delivered on 2027-01-23
}

func ExampleCheckSessionChange() {
	s := exampleSession()
	r := exampleValidated(date.New(2027, 1, 29))

	// Bringing the session forward a week breaks the convocation twice.
	moved := s
	moved.Start, moved.End = date.New(2027, 2, 22), date.New(2027, 2, 24)
	for _, b := range candidate.BrokenConvocations([]candidate.Registration{r}, moved, candidate.ConvocationPolicy{}) {
		fmt.Println(b)
	}
	fmt.Println(errors.Is(candidate.CheckSessionChange([]candidate.Registration{r}, moved, candidate.ConvocationPolicy{}), candidate.ErrSessionChangeBreaksConvocations))
	// Output:
	// candidate can_01JN0000000000000000000001: validated on 2027-01-29, must be on or before 2027-01-22; convoked on 2027-03-01 at 08:30
	// true
}
