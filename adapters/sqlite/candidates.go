package sqlite

import (
	"context"

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

func candidateTable() *table[candidate.Candidate] {
	t := &table[candidate.Candidate]{
		name: "candidates", keyCol: "id",
		key:    func(c candidate.Candidate) string { return string(c.ID) },
		centre: func(c candidate.Candidate) tpsession.CentreID { return c.Centre },
		cols:   []string{"name_key", "search", "route", "birth_date"},
		vals: func(c candidate.Candidate) []any {
			return []any{c.NameKey(), c.SearchText(), string(c.Route), day(c.BirthDate)}
		},
		clone:    candidate.Candidate.Clone,
		notFound: candidate.ErrCandidateNotFound, duplicate: candidate.ErrDuplicateCandidate,
	}
	t.encode, t.decode = codec(toCandidateRecord, fromCandidateRecord)
	return t.build()
}

// CreateCandidate stores c; ErrDuplicateCandidate when its ID is taken.
func (db *DB) CreateCandidate(ctx context.Context, c candidate.Candidate) error {
	return db.candidates.insert(ctx, db, c)
}

// Candidate returns the candidate id of centre, or ErrCandidateNotFound.
func (db *DB) Candidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID) (candidate.Candidate, error) {
	return db.candidates.get(ctx, db, centre, string(id))
}

// UpdateCandidate loads the candidate, applies fn and saves the result in
// one transaction.
func (db *DB) UpdateCandidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID, fn func(*candidate.Candidate) error) error {
	return db.candidates.update(ctx, db, centre, string(id), fn)
}

// CandidatesOfCentre returns the centre's candidates by ID.
func (db *DB) CandidatesOfCentre(ctx context.Context, centre tpsession.CentreID) ([]candidate.Candidate, error) {
	return db.candidates.list(ctx, db, "SELECT doc FROM candidates WHERE centre = ? ORDER BY id", string(centre))
}

// Candidates returns the candidates of centre that q selects, by name key
// then ID.
func (db *DB) Candidates(ctx context.Context, centre tpsession.CentreID, q candidate.Query) ([]candidate.Candidate, error) {
	query, args := "SELECT doc FROM candidates WHERE centre = ?", []any{string(centre)}
	if q.Route != "" {
		query, args = query+" AND route = ?", append(args, string(q.Route))
	}
	if id := q.Identity; id != nil {
		query, args = query+" AND name_key = ? AND birth_date = ?", append(args, id.NameKey, day(id.BirthDate))
	}
	// A folded word holds letters and digits only: no LIKE wildcard.
	for _, w := range q.Words() {
		query, args = query+" AND search LIKE ?", append(args, "%"+w+"%")
	}
	if q.Session != "" {
		query, args = query+" AND EXISTS (SELECT 1 FROM registrations AS r WHERE r.centre = candidates.centre AND r.session = ? AND r.candidate = candidates.id AND r.active)",
			append(args, string(q.Session))
	}
	if a := q.After; a != nil {
		query, args = query+" AND (name_key, id) > (?, ?)", append(args, a.NameKey, string(a.ID))
	}
	query += " ORDER BY name_key, id"
	if q.Limit > 0 {
		query, args = query+" LIMIT ?", append(args, q.Limit)
	}
	return db.candidates.list(ctx, db, query, args...)
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

func registrationTable() *table[candidate.Registration] {
	t := &table[candidate.Registration]{
		name: "registrations", keyCol: "id",
		key:    func(r candidate.Registration) string { return string(r.ID) },
		centre: func(r candidate.Registration) tpsession.CentreID { return r.Centre },
		cols:   []string{"session", "candidate", "registered_at", "active"},
		vals: func(r candidate.Registration) []any {
			return []any{string(r.Session), string(r.Candidate), instant(r.RegisteredAt), r.Active()}
		},
		clone:    candidate.Registration.Clone,
		notFound: candidate.ErrRegistrationNotFound, duplicate: candidate.ErrDuplicateRegistration,
		vet: func(old, new candidate.Registration) error {
			if old.Session != new.Session || old.Candidate != new.Candidate || !old.RegisteredAt.Equal(new.RegisteredAt) {
				return errKeyChanged
			}
			return nil
		},
	}
	t.encode, t.decode = codec(toRegistrationRecord, fromRegistrationRecord)
	return t.build()
}

// The registration of a candidate to a session is the active one, or else
// the withdrawn one registered last (candidate.RegistrationStore).
const (
	registrationOf      = "session = ? AND candidate = ?"
	registrationOfOrder = "active DESC, registered_at DESC, id DESC"
)

// CreateRegistration stores r. ErrDuplicateRegistration when its ID is
// taken, or when r is active and the candidate already has an active
// registration to the session: a unique index decides, atomically.
func (db *DB) CreateRegistration(ctx context.Context, r candidate.Registration) error {
	return db.registrations.insert(ctx, db, r)
}

// Registration returns the registration of candidate cid to session sid
// in centre, or ErrRegistrationNotFound.
func (db *DB) Registration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID) (candidate.Registration, error) {
	r, err := db.registrations.one(ctx, db.reader(ctx), centre, registrationOf, registrationOfOrder, string(sid), string(cid))
	return r.v, err
}

// UpdateRegistration loads the registration Registration returns, applies
// fn and saves the result in one transaction.
func (db *DB) UpdateRegistration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID, fn func(*candidate.Registration) error) error {
	return db.registrations.updateWhere(ctx, db, centre, registrationOf, registrationOfOrder, []any{string(sid), string(cid)}, fn)
}

// RegistrationsOfSession returns every registration to the session, by
// registration instant then ID.
func (db *DB) RegistrationsOfSession(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) ([]candidate.Registration, error) {
	return db.registrations.list(ctx, db,
		"SELECT doc FROM registrations WHERE centre = ? AND session = ? ORDER BY registered_at, id", string(centre), string(sid))
}

// RegistrationsOfCandidate returns every registration of the candidate, by
// registration instant then ID.
func (db *DB) RegistrationsOfCandidate(ctx context.Context, centre tpsession.CentreID, cid tpsession.CandidateID) ([]candidate.Registration, error) {
	return db.registrations.list(ctx, db,
		"SELECT doc FROM registrations WHERE centre = ? AND candidate = ? ORDER BY registered_at, id", string(centre), string(cid))
}
