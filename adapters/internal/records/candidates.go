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
}

type addressRecord struct {
	Lines    []string `json:"lines"`
	Postcode string   `json:"postcode,omitempty"`
	City     string   `json:"city,omitempty"`
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
		PostalAddress: addressRecord{Lines: c.PostalAddress.Lines, Postcode: c.PostalAddress.Postcode, City: c.PostalAddress.City},
		Route:         string(c.Route), VAERecevabiliteOn: day(c.VAERecevabiliteOn), TitlesHeld: strs(c.TitlesHeld),
		HostCompanies: each(c.HostCompanies, func(h candidate.HostCompany) hostCompanyRecord {
			return hostCompanyRecord{SIRET: string(h.SIRET), Name: h.Name, Period: toRange(h.Period)}
		}),
	}
}

func fromCandidateRecord(d *decoder, r candidateRecord) candidate.Candidate {
	return candidate.Candidate{
		ID: tpsession.CandidateID(r.ID), Centre: tpsession.CentreID(r.Centre), FirstName: r.FirstName, LastName: r.LastName,
		BirthDate: d.day(r.BirthDate), Email: r.Email, Phone: r.Phone,
		PostalAddress: candidate.PostalAddress{Lines: r.PostalAddress.Lines, Postcode: r.PostalAddress.Postcode, City: r.PostalAddress.City},
		Route:         candidate.Route(r.Route), VAERecevabiliteOn: d.day(r.VAERecevabiliteOn),
		TitlesHeld: typed[tpsession.TitleCode](r.TitlesHeld),
		HostCompanies: each(r.HostCompanies, func(h hostCompanyRecord) candidate.HostCompany {
			return candidate.HostCompany{SIRET: tpsession.SIRET(h.SIRET), Name: h.Name, Period: d.dateRange(h.Period)}
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
}

type withdrawalRecord struct {
	At string `json:"at"`
	By string `json:"by,omitempty"`
}

type convocationRecord struct {
	Appointment appointmentRecord `json:"appointment"`
	Place       string            `json:"place"`
	Documents   []string          `json:"documents"`
	PPE         []string          `json:"ppe"`
	ValidatedOn string            `json:"validated_on,omitempty"`
	Delivery    *deliveryRecord   `json:"delivery,omitempty"`
}

type appointmentRecord struct {
	Day  string `json:"day"`
	Time string `json:"time"` // HH:MM
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
		RegisteredAt: instant(r.RegisteredAt),
	}
	if w := r.Withdrawal; w != nil {
		out.Withdrawal = &withdrawalRecord{At: instant(w.At), By: w.By}
	}
	if c := r.Convocation; c != nil {
		out.Convocation = &convocationRecord{
			Appointment: appointmentRecord{Day: day(c.Appointment.Day), Time: c.Appointment.Time.String()},
			Place:       c.Place, Documents: c.Documents, PPE: c.PPE, ValidatedOn: day(c.ValidatedOn),
		}
		if dl := c.Delivery; dl != nil {
			out.Convocation.Delivery = &deliveryRecord{
				Method: string(dl.Method), SentOn: day(dl.SentOn), TrackingNumber: dl.TrackingNumber,
				DeliveredOn: day(dl.DeliveredOn), ReceivedBy: dl.ReceivedBy,
			}
		}
	}
	return out
}

func fromRegistrationRecord(d *decoder, r registrationRecord) candidate.Registration {
	out := candidate.Registration{
		ID: tpsession.RegistrationID(r.ID), Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session),
		Candidate: tpsession.CandidateID(r.Candidate), RegisteredAt: d.instant(r.RegisteredAt),
	}
	if w := r.Withdrawal; w != nil {
		out.Withdrawal = &candidate.Withdrawal{At: d.instant(w.At), By: w.By}
	}
	if c := r.Convocation; c != nil {
		out.Convocation = &candidate.Convocation{
			ConvocationDetails: candidate.ConvocationDetails{
				Appointment: candidate.Appointment{Day: d.day(c.Appointment.Day), Time: d.timeOfDay(c.Appointment.Time)},
				Place:       c.Place, Documents: c.Documents, PPE: c.PPE,
			},
			ValidatedOn: d.day(c.ValidatedOn),
		}
		if dl := c.Delivery; dl != nil {
			out.Convocation.Delivery = &candidate.Delivery{
				Method: candidate.DeliveryMethod(dl.Method), SentOn: d.day(dl.SentOn), TrackingNumber: dl.TrackingNumber,
				DeliveredOn: d.day(dl.DeliveredOn), ReceivedBy: dl.ReceivedBy,
			}
		}
	}
	return out
}
