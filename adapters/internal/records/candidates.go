package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// candidateRecord is the stored form of a candidate.Candidate.
type candidateRecord struct {
	ID                string              `json:"id"`
	Centre            string              `json:"centre"`
	FirstName         string              `json:"first_name"`
	LastName          string              `json:"last_name"`
	BirthDate         string              `json:"birth_date"`
	Email             string              `json:"email,omitempty"`
	Phone             string              `json:"phone,omitempty"`
	PostalAddress     addressRecord       `json:"postal_address"`
	Route             string              `json:"route"`
	VAERecevabiliteOn string              `json:"vae_recevabilite_on,omitempty"`
	TitlesHeld        []string            `json:"titles_held"`
	HostCompanies     []hostCompanyRecord `json:"host_companies"`
	Trainings         []trainingRecord    `json:"trainings,omitempty"`
	History           []attemptRecord     `json:"history,omitempty"`
}

type trainingRecord struct {
	Organisation string          `json:"organisation"`
	SIRET        string          `json:"siret,omitempty"`
	Period       rangeRecord     `json:"period"`
	Trainers     []trainerRecord `json:"trainers,omitempty"`
}

type trainerRecord struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type attemptRecord struct {
	Session  string   `json:"session,omitempty"`
	Title    string   `json:"title"`
	Revision string   `json:"revision,omitempty"`
	Kind     string   `json:"kind"`
	CCPs     []string `json:"ccps,omitempty"`
	On       string   `json:"on"`
	Outcome  string   `json:"outcome"`
	Acquired []string `json:"acquired,omitempty"`
}

type addressRecord struct {
	Lines    []string `json:"lines"`
	Postcode string   `json:"postcode,omitempty"`
	City     string   `json:"city,omitempty"`
	Country  string   `json:"country,omitempty"`
}

type hostCompanyRecord struct {
	SIRET  string      `json:"siret"`
	Name   string      `json:"name"`
	Period rangeRecord `json:"period"`
}

func toCandidateRecord(c candidate.Candidate) candidateRecord {
	return candidateRecord{
		ID: string(c.ID), Centre: string(c.Centre), FirstName: c.FirstName, LastName: c.LastName,
		BirthDate: day(c.BirthDate), Email: c.Email, Phone: c.Phone,
		PostalAddress: addressRecord{Lines: c.PostalAddress.Lines, Postcode: c.PostalAddress.Postcode, City: c.PostalAddress.City, Country: c.PostalAddress.Country},
		Route:         string(c.Route), VAERecevabiliteOn: day(c.VAERecevabiliteOn), TitlesHeld: strs(c.TitlesHeld),
		HostCompanies: each(c.HostCompanies, func(h candidate.HostCompany) hostCompanyRecord {
			return hostCompanyRecord{SIRET: string(h.SIRET), Name: h.Name, Period: toRange(h.Period)}
		}),
		Trainings: each(c.Trainings, func(t candidate.Training) trainingRecord {
			return trainingRecord{Organisation: t.Organisation, SIRET: string(t.SIRET), Period: toRange(t.Period),
				Trainers: each(t.Trainers, func(p candidate.Trainer) trainerRecord { return trainerRecord(p) })}
		}),
		History: each(c.History, func(a candidate.Attempt) attemptRecord {
			return attemptRecord{Session: string(a.Session), Title: string(a.Title), Revision: a.Revision, Kind: string(a.Kind),
				CCPs: a.CCPs, On: day(a.On), Outcome: string(a.Outcome), Acquired: a.Acquired}
		}),
	}
}

func fromCandidateRecord(d *decoder, r candidateRecord) candidate.Candidate {
	return candidate.Candidate{
		ID: tpsession.CandidateID(r.ID), Centre: tpsession.CentreID(r.Centre), FirstName: r.FirstName, LastName: r.LastName,
		BirthDate: d.day(r.BirthDate), Email: r.Email, Phone: r.Phone,
		PostalAddress: candidate.PostalAddress{Lines: r.PostalAddress.Lines, Postcode: r.PostalAddress.Postcode, City: r.PostalAddress.City, Country: r.PostalAddress.Country},
		Route:         candidate.Route(r.Route), VAERecevabiliteOn: d.day(r.VAERecevabiliteOn),
		TitlesHeld: typed[tpsession.TitleCode](r.TitlesHeld),
		HostCompanies: each(r.HostCompanies, func(h hostCompanyRecord) candidate.HostCompany {
			return candidate.HostCompany{SIRET: tpsession.SIRET(h.SIRET), Name: h.Name, Period: d.dateRange(h.Period)}
		}),
		Trainings: each(r.Trainings, func(t trainingRecord) candidate.Training {
			return candidate.Training{Organisation: t.Organisation, SIRET: tpsession.SIRET(t.SIRET), Period: d.dateRange(t.Period),
				Trainers: each(t.Trainers, func(p trainerRecord) candidate.Trainer { return candidate.Trainer(p) })}
		}),
		History: each(r.History, func(a attemptRecord) candidate.Attempt {
			return candidate.Attempt{Session: tpsession.SessionID(a.Session), Title: tpsession.TitleCode(a.Title), Revision: a.Revision,
				Kind: tpsession.SessionKind(a.Kind), CCPs: a.CCPs, On: d.day(a.On), Outcome: candidate.Outcome(a.Outcome), Acquired: a.Acquired}
		}),
	}
}

// registrationRecord is the stored form of a candidate.Registration.
type registrationRecord struct {
	ID           string             `json:"id"`
	Centre       string             `json:"centre"`
	Session      string             `json:"session"`
	Candidate    string             `json:"candidate"`
	RegisteredAt string             `json:"registered_at"`
	Withdrawal   *withdrawalRecord  `json:"withdrawal,omitempty"`
	Convocation  *convocationRecord `json:"convocation,omitempty"`
	Modality     string             `json:"modality,omitempty"`
	CCPs         []string           `json:"ccps,omitempty"`
}

type withdrawalRecord struct {
	At string `json:"at"`
	By string `json:"by,omitempty"`
}

type convocationRecord struct {
	// Appointment is the one appointment of a convocation stored before
	// convocations held several; it is read, never written.
	Appointment  *appointmentRecord  `json:"appointment,omitempty"`
	Appointments []appointmentRecord `json:"appointments"`
	Place        string              `json:"place"`
	Documents    []string            `json:"documents"`
	PPE          []string            `json:"ppe"`
	DraftedOn    string              `json:"drafted_on,omitempty"`
	ValidatedOn  string              `json:"validated_on,omitempty"`
	Delivery     *deliveryRecord     `json:"delivery,omitempty"`
	Replaces     []convocationRecord `json:"replaces,omitempty"`
}

type appointmentRecord struct {
	Day     string `json:"day"`
	Time    string `json:"time"` // HH:MM
	Room    string `json:"room,omitempty"`
	Epreuve string `json:"epreuve,omitempty"`
	Opening bool   `json:"opening,omitempty"`
}

type deliveryRecord struct {
	Method         string `json:"method"`
	SentOn         string `json:"sent_on,omitempty"`
	TrackingNumber string `json:"tracking_number,omitempty"`
	DeliveredOn    string `json:"delivered_on,omitempty"`
	ReceivedBy     string `json:"received_by,omitempty"`
}

func toRegistrationRecord(r candidate.Registration) registrationRecord {
	out := registrationRecord{
		ID: string(r.ID), Centre: string(r.Centre), Session: string(r.Session), Candidate: string(r.Candidate),
		RegisteredAt: instant(r.RegisteredAt), Modality: string(r.Modality), CCPs: r.CCPs,
	}
	if w := r.Withdrawal; w != nil {
		out.Withdrawal = &withdrawalRecord{At: instant(w.At), By: w.By}
	}
	if c := r.Convocation; c != nil {
		conv := toConvocationRecord(*c)
		out.Convocation = &conv
	}
	return out
}

func toConvocationRecord(c candidate.Convocation) convocationRecord {
	out := convocationRecord{
		Appointments: each(c.Appointments, func(a candidate.Appointment) appointmentRecord {
			return appointmentRecord{Day: day(a.Day), Time: a.Time.String(), Room: a.Room, Epreuve: a.Epreuve, Opening: a.Opening}
		}),
		Place: c.Place, Documents: c.Documents, PPE: c.PPE, DraftedOn: day(c.DraftedOn), ValidatedOn: day(c.ValidatedOn),
		Replaces: each(c.Replaces, toConvocationRecord),
	}
	if dl := c.Delivery; dl != nil {
		out.Delivery = &deliveryRecord{
			Method: string(dl.Method), SentOn: day(dl.SentOn), TrackingNumber: dl.TrackingNumber,
			DeliveredOn: day(dl.DeliveredOn), ReceivedBy: dl.ReceivedBy,
		}
	}
	return out
}

func fromConvocationRecord(d *decoder, c convocationRecord) candidate.Convocation {
	appointment := func(a appointmentRecord) candidate.Appointment {
		return candidate.Appointment{Day: d.day(a.Day), Time: d.timeOfDay(a.Time), Room: a.Room, Epreuve: a.Epreuve, Opening: a.Opening}
	}
	out := candidate.Convocation{
		ConvocationDetails: candidate.ConvocationDetails{
			Appointments: each(c.Appointments, appointment),
			Place:        c.Place, Documents: c.Documents, PPE: c.PPE,
		},
		DraftedOn:   d.day(c.DraftedOn),
		ValidatedOn: d.day(c.ValidatedOn),
		Replaces:    each(c.Replaces, func(r convocationRecord) candidate.Convocation { return fromConvocationRecord(d, r) }),
	}
	if a := c.Appointment; a != nil && a.Day != "" && len(c.Appointments) == 0 {
		out.Appointments = []candidate.Appointment{appointment(*a)}
	}
	if dl := c.Delivery; dl != nil {
		out.Delivery = &candidate.Delivery{
			Method: candidate.DeliveryMethod(dl.Method), SentOn: d.day(dl.SentOn), TrackingNumber: dl.TrackingNumber,
			DeliveredOn: d.day(dl.DeliveredOn), ReceivedBy: dl.ReceivedBy,
		}
	}
	return out
}

func fromRegistrationRecord(d *decoder, r registrationRecord) candidate.Registration {
	out := candidate.Registration{
		ID: tpsession.RegistrationID(r.ID), Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session),
		Candidate: tpsession.CandidateID(r.Candidate), RegisteredAt: d.instant(r.RegisteredAt),
		Modality: tpsession.Modality(r.Modality), CCPs: r.CCPs,
	}
	if w := r.Withdrawal; w != nil {
		out.Withdrawal = &candidate.Withdrawal{At: d.instant(w.At), By: w.By}
	}
	if c := r.Convocation; c != nil {
		conv := fromConvocationRecord(d, *c)
		out.Convocation = &conv
	}
	return out
}
