package httpapi

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

type postalAddressIO struct {
	Lines    []string `json:"lines" text:"line,38" minItems:"1" maxItems:"4" doc:"street, building, lieu-dit: at most 4 lines of 38 characters"`
	Postcode string   `json:"postcode" text:"line,10" doc:"5 digits in France (a leading zero lost by a spreadsheet is refused with a hint); as given abroad"`
	City     string   `json:"city" text:"line,38"`
	Country  string   `json:"country,omitempty" text:"line,38" doc:"for an address abroad; left out (or France) for France"`
}

type hostCompanyIO struct {
	SIRET string `json:"siret" pattern:"siret" doc:"14 digits, spaces between groups allowed, with a valid check digit"`
	Name  string `json:"name" text:"line,200"`
	From  string `json:"from" format:"date" doc:"included"`
	Until string `json:"until" format:"date" doc:"included"`
}

type candidateRequest struct {
	FirstName         string           `json:"first_name" text:"line,100"`
	LastName          string           `json:"last_name" text:"line,100"`
	BirthDate         string           `json:"birth_date" format:"date" doc:"after 1900-01-01, before today"`
	Email             string           `json:"email,omitempty" format:"email"`
	Phone             string           `json:"phone,omitempty" text:"line,200" pattern:"phone" doc:"6 to 15 digits"`
	PostalAddress     *postalAddressIO `json:"postal_address,omitempty" doc:"where a convocation sent by registered mail goes"`
	Route             string           `json:"route" enum:"formation,vae,apprentissage"`
	VAERecevabiliteOn string           `json:"vae_recevabilite_on,omitempty" format:"date" doc:"for the vae route: the day the recevabilité decision was notified"`
	TitlesHeld        []string         `json:"titles_held,omitempty" pattern:"title_code" maxItems:"20" doc:"the titres professionnels held, which a CCS session requires"`
	HostCompanies     []hostCompanyIO  `json:"host_companies,omitempty" maxItems:"20" doc:"the companies that hosted the candidate: a jury member employed by one may not evaluate them"`
	Trainings         []trainingIO     `json:"trainings,omitempty" maxItems:"10" doc:"the trainings followed, with who trained the candidate: a jury member who did may not evaluate them, and the re-sit rule reads the end of the last one"`
}

type trainingIO struct {
	Organisation string      `json:"organisation" text:"line,200"`
	SIRET        string      `json:"siret,omitempty" pattern:"optional_siret" doc:"14 digits"`
	From         string      `json:"from" format:"date" doc:"included"`
	Until        string      `json:"until" format:"date" doc:"included: the last day of the training, planned while it goes on"`
	Trainers     []trainerIO `json:"trainers,omitempty" maxItems:"20"`
}

type trainerIO struct {
	Name  string `json:"name" text:"line,100"`
	Email string `json:"email" format:"email" doc:"a jury member with this e-mail address trained the candidate"`
}

func (r *candidateRequest) input() candidate.CandidateInput {
	in := candidate.CandidateInput{
		FirstName: r.FirstName, LastName: r.LastName, BirthDate: r.BirthDate, Email: r.Email, Phone: r.Phone,
		Route: r.Route, VAERecevabiliteOn: r.VAERecevabiliteOn, TitlesHeld: r.TitlesHeld,
	}
	if a := r.PostalAddress; a != nil {
		in.PostalAddress = &candidate.PostalAddressInput{Lines: a.Lines, Postcode: a.Postcode, City: a.City, Country: a.Country}
	}
	for _, h := range r.HostCompanies {
		in.HostCompanies = append(in.HostCompanies, candidate.HostCompanyInput{SIRET: h.SIRET, Name: h.Name, From: h.From, Until: h.Until})
	}
	for _, t := range r.Trainings {
		ti := candidate.TrainingInput{Organisation: t.Organisation, SIRET: t.SIRET, From: t.From, Until: t.Until}
		for _, p := range t.Trainers {
			ti.Trainers = append(ti.Trainers, candidate.TrainerInput{Name: p.Name, Email: p.Email})
		}
		in.Trainings = append(in.Trainings, ti)
	}
	return in
}

type candidateResource struct {
	ID                string           `json:"id"`
	FirstName         string           `json:"first_name"`
	LastName          string           `json:"last_name"`
	BirthDate         jsonDate         `json:"birth_date"`
	Email             string           `json:"email,omitempty"`
	Phone             string           `json:"phone,omitempty"`
	PostalAddress     *postalAddressIO `json:"postal_address,omitempty"`
	Route             string           `json:"route" enum:"formation,vae,apprentissage"`
	VAERecevabiliteOn jsonDate         `json:"vae_recevabilite_on,omitzero"`
	TitlesHeld        []string         `json:"titles_held"`
	HostCompanies     []hostCompanyIO  `json:"host_companies"`
	Trainings         []trainingIO     `json:"trainings"`
	History           []attemptIO      `json:"history" doc:"the sessions the candidate sat and their outcomes, by day"`
}

func candidateOf(c candidate.Candidate) candidateResource {
	out := candidateResource{
		ID: string(c.ID), FirstName: c.FirstName, LastName: c.LastName, BirthDate: jsonDate(c.BirthDate),
		Email: c.Email, Phone: c.Phone, Route: string(c.Route), VAERecevabiliteOn: jsonDate(c.VAERecevabiliteOn),
		TitlesHeld: strs(c.TitlesHeld), HostCompanies: make([]hostCompanyIO, len(c.HostCompanies)),
	}
	if a := c.PostalAddress; !a.IsZero() {
		out.PostalAddress = &postalAddressIO{Lines: list(a.Lines), Postcode: a.Postcode, City: a.City, Country: a.Country}
	}
	for i, h := range c.HostCompanies {
		out.HostCompanies[i] = hostCompanyIO{SIRET: string(h.SIRET), Name: h.Name, From: h.Period.From.String(), Until: h.Period.Until.String()}
	}
	out.Trainings = make([]trainingIO, len(c.Trainings))
	for i, t := range c.Trainings {
		out.Trainings[i] = trainingIO{Organisation: t.Organisation, SIRET: string(t.SIRET), From: t.Period.From.String(), Until: t.Period.Until.String()}
		for _, p := range t.Trainers {
			out.Trainings[i].Trainers = append(out.Trainings[i].Trainers, trainerIO{Name: p.Name, Email: p.Email})
		}
	}
	out.History = make([]attemptIO, len(c.History))
	for i, a := range c.History {
		out.History[i] = attemptOf(a)
	}
	return out
}

func (a *api) createCandidate(c *call, req *candidateRequest) (candidateResource, error) {
	cand, err := a.svc.CreateCandidate(c.ctx, c.actor, req.input())
	if err != nil {
		return candidateResource{}, err
	}
	c.w.Header().Set("Location", "/v1/candidates/"+string(cand.ID))
	return candidateOf(cand), nil
}

type candidateList struct {
	Candidates []candidateResource `json:"candidates" doc:"by last name, then first name (case and accents aside), then ID"`
	NextCursor string              `json:"next_cursor,omitempty" doc:"when more candidates follow: the cursor of the next page"`
}

// maxSearchLen bounds a name search: two names.
const maxSearchLen = 200

// listCandidates lists the centre's candidates: ?name= searches both names,
// every word of it, case and accents aside; ?route= and ?session= filter.
func (a *api) listCandidates(c *call) (candidateList, error) {
	var fe tpsession.FieldErrors
	q := candidate.Query{Name: c.r.URL.Query().Get("name")}
	if p := tpsession.TextProblem(q.Name, maxSearchLen, false); p != "" {
		fe.Add("name", "%s", p)
	}
	q.Route = query(c, &fe, "route", candidate.ParseRoute)
	q.Session = query(c, &fe, "session", tpsession.ParseSessionID)
	p := c.page(&fe, 2)
	if p.after != nil {
		id, err := tpsession.ParseCandidateID(p.after[1])
		if err != nil {
			fe.Add("cursor", "is not a cursor of this list: send back the next_cursor of the page before")
		}
		q.After = &candidate.Position{NameKey: p.after[0], ID: id}
	}
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return candidateList{}, err
	}
	q.Limit = p.limit + 1
	cs, err := a.svc.Candidates(c.ctx, c.actor, q)
	if err != nil {
		return candidateList{}, err
	}
	cs, next := paged(cs, p.limit, func(c candidate.Candidate) []string { return []string{c.NameKey(), string(c.ID)} })
	out := candidateList{Candidates: make([]candidateResource, len(cs)), NextCursor: next}
	for i, cand := range cs {
		out.Candidates[i] = candidateOf(cand)
	}
	return out, nil
}

func (a *api) getCandidate(c *call) (candidateResource, error) { return candidateOf(c.cand), nil }

func (a *api) reviseCandidate(c *call, req *candidateRequest) (candidateResource, error) {
	cand, err := a.svc.ReviseCandidate(c.ctx, c.actor, c.cand.ID, req.input())
	return candidateOf(cand), err
}

type registerRequest struct {
	CandidateID string   `json:"candidate_id" pattern:"candidate_id"`
	Modality    string   `json:"modality,omitempty" enum:"on_site,remote" doc:"the session's when left out; remote only in a remote session"`
	CCPs        []string `json:"ccps,omitempty" text:"line,40" maxItems:"20" doc:"a CCP session: the CCPs the candidate sits; every CCP of the session they lack when left out"`
}

type registrationResource struct {
	ID               string               `json:"id"`
	CandidateID      string               `json:"candidate_id"`
	RegisteredAt     jsonInstant          `json:"registered_at"`
	ConvocationState string               `json:"convocation_state" enum:"none,drafted,validated,sent,delivered"`
	Convocation      *convocationResource `json:"convocation,omitempty" doc:"once drafted"`
	WithdrawnAt      jsonInstant          `json:"withdrawn_at,omitzero" doc:"when the candidate was withdrawn; a withdrawn registration is listed no more"`
	Modality         string               `json:"modality" enum:"on_site,remote"`
	CCPs             []string             `json:"ccps" doc:"a CCP session: the CCPs the candidate sits"`
}

func registrationOf(r candidate.Registration) registrationResource {
	out := registrationResource{
		ID: string(r.ID), CandidateID: string(r.Candidate), RegisteredAt: jsonInstant(r.RegisteredAt),
		ConvocationState: string(r.ConvocationState()), Modality: r.Modality.String(), CCPs: list(r.CCPs),
	}
	if r.Convocation != nil {
		cv := convocationOf(*r.Convocation)
		out.Convocation = &cv
	}
	if r.Withdrawal != nil {
		out.WithdrawnAt = jsonInstant(r.Withdrawal.At)
	}
	return out
}

func (a *api) register(c *call, req *registerRequest) (registrationResource, error) {
	cid, err := bodyID("candidate_id", req.CandidateID, tpsession.ParseCandidateID)
	if err != nil {
		return registrationResource{}, err
	}
	r, err := a.svc.RegisterWith(c.ctx, c.actor, c.ses.ID, cid, session.RegistrationRequest{Modality: req.Modality, CCPs: req.CCPs})
	if err != nil {
		return registrationResource{}, err
	}
	c.w.Header().Set("Location", "/v1/sessions/"+string(c.ses.ID)+"/registrations/"+string(cid))
	return registrationOf(r), nil
}

type registrationList struct {
	Registrations []registrationResource `json:"registrations"`
}

func (a *api) listRegistrations(c *call) (registrationList, error) {
	rs, err := a.svc.Registrations(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return registrationList{}, err
	}
	out := registrationList{Registrations: make([]registrationResource, len(rs))}
	for i, r := range rs {
		out.Registrations[i] = registrationOf(r)
	}
	return out, nil
}

func (a *api) getRegistration(c *call) (registrationResource, error) {
	return registrationOf(c.reg), nil
}

func (a *api) withdrawCandidate(c *call) (noContent, error) {
	return noContent{}, a.svc.Withdraw(c.ctx, c.actor, c.ses.ID, c.reg.Candidate)
}

type convocationRequest struct {
	Appointment  string             `json:"appointment,omitempty" pattern:"appointment" doc:"YYYY-MM-DDTHH:MM on a day of the session, e.g. 2027-03-01T08:30: a single appointment; left out with appointments, the plan's"`
	Appointments []appointmentInput `json:"appointments,omitempty" maxItems:"31" doc:"every day and time the candidate must be present, one a day; left out, the session's plan gives them; given, they must meet the plan's"`
	Place        string             `json:"place,omitempty" text:"line,300" doc:"required to validate"`
	Documents    []string           `json:"documents,omitempty" text:"line,200" maxItems:"30" doc:"the documents to bring; required to validate"`
	PPE          []string           `json:"ppe,omitempty" text:"line,200" maxItems:"30" doc:"the personal protective equipment (EPI) to bring; to validate, every item the title register's épreuves and the DTE organisateur require"`
}

type appointmentInput struct {
	At      string `json:"at" pattern:"appointment" doc:"YYYY-MM-DDTHH:MM on a day of the session"`
	Room    string `json:"room,omitempty" text:"line,100" doc:"where to go at that time within the place"`
	Epreuve string `json:"epreuve,omitempty" text:"line,200" doc:"what the candidate comes for first that day"`
	Opening bool   `json:"opening,omitempty" doc:"the candidate attends the session's opening at that time"`
}

func (r *convocationRequest) input() candidate.ConvocationInput {
	in := candidate.ConvocationInput{Appointment: r.Appointment, Place: r.Place, Documents: r.Documents, PPE: r.PPE}
	for _, a := range r.Appointments {
		in.Appointments = append(in.Appointments, candidate.AppointmentInput{At: a.At, Room: a.Room, Epreuve: a.Epreuve, Opening: a.Opening})
	}
	return in
}

type convocationResource struct {
	State        string                `json:"state" enum:"drafted,validated,sent,delivered"`
	Appointment  string                `json:"appointment,omitempty" pattern:"appointment" doc:"the first of the appointments"`
	Appointments []appointmentResource `json:"appointments" doc:"every day and time the candidate must be present, in order"`
	Place        string                `json:"place,omitempty"`
	Documents    []string              `json:"documents"`
	PPE          []string              `json:"ppe"`
	DraftedOn    jsonDate              `json:"drafted_on,omitzero" doc:"the day it was last drafted: it is validated no earlier"`
	ValidatedOn  jsonDate              `json:"validated_on,omitzero" doc:"the day it was validated in CERES"`
	Delivery     *deliveryResource     `json:"delivery,omitempty"`
	Replaces     []convocationResource `json:"replaces,omitempty" doc:"the convocations this one corrects, as they were validated and delivered, the earliest first"`
}

type appointmentResource struct {
	At      string `json:"at" pattern:"appointment" doc:"YYYY-MM-DDTHH:MM"`
	Room    string `json:"room,omitempty"`
	Epreuve string `json:"epreuve,omitempty"`
	Opening bool   `json:"opening,omitempty"`
}

type deliveryResource struct {
	Method         string   `json:"method" enum:"registered_mail,hand"`
	SentOn         jsonDate `json:"sent_on,omitzero"`
	TrackingNumber string   `json:"tracking_number,omitempty"`
	DeliveredOn    jsonDate `json:"delivered_on,omitzero"`
	ReceivedBy     string   `json:"received_by,omitempty"`
}

func convocationOf(cv candidate.Convocation) convocationResource {
	out := convocationResource{
		State: string(cv.State()), Appointment: cv.First().String(), Appointments: []appointmentResource{}, Place: cv.Place,
		Documents: list(cv.Documents), PPE: list(cv.PPE), DraftedOn: jsonDate(cv.DraftedOn), ValidatedOn: jsonDate(cv.ValidatedOn),
	}
	for _, a := range cv.Appointments {
		out.Appointments = append(out.Appointments, appointmentResource{At: a.String(), Room: a.Room, Epreuve: a.Epreuve, Opening: a.Opening})
	}
	for _, r := range cv.Replaces {
		out.Replaces = append(out.Replaces, convocationOf(r))
	}
	if d := cv.Delivery; d != nil {
		out.Delivery = &deliveryResource{
			Method: string(d.Method), SentOn: jsonDate(d.SentOn), TrackingNumber: d.TrackingNumber,
			DeliveredOn: jsonDate(d.DeliveredOn), ReceivedBy: d.ReceivedBy,
		}
	}
	return out
}

func (a *api) draftConvocation(c *call, req *convocationRequest) (convocationResource, error) {
	cv, err := a.svc.DraftConvocation(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, req.input())
	return convocationOf(cv), err
}

// correctConvocation corrects a validated convocation whose appointments
// no longer hold: the correction is a draft, validated and delivered again.
func (a *api) correctConvocation(c *call, req *convocationRequest) (convocationResource, error) {
	cv, err := a.svc.CorrectConvocation(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, req.input())
	return convocationOf(cv), err
}

// getConvocation answers the convocation, or with Accept: application/pdf
// the letter to send the candidate.
func (a *api) getConvocation(c *call) (negotiated[convocationResource], error) {
	cid := c.reg.Candidate
	if c.prefers(documents.ContentTypePDF) {
		letter, err := a.letter(c, cid)
		return negotiated[convocationResource]{other: letter}, err
	}
	cv, err := a.svc.Convocation(c.ctx, c.actor, c.ses.ID, cid)
	return negotiated[convocationResource]{v: convocationOf(cv)}, err
}

type validateRequest struct {
	ValidatedOn string `json:"validated_on,omitempty" validate:"date" format:"date" doc:"the day it was validated in CERES; today when left out; not in the future"`
}

func (a *api) validateConvocation(c *call, req *validateRequest) (convocationResource, error) {
	cv, err := a.svc.ValidateConvocation(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, parseDate(req.ValidatedOn))
	return convocationOf(cv), err
}

type deliveryRequest struct {
	Method         string `json:"method" enum:"registered_mail,hand"`
	SentOn         string `json:"sent_on,omitempty" format:"date" doc:"registered mail: the day it was posted; by hand: the day it was handed over when left out"`
	TrackingNumber string `json:"tracking_number,omitempty" pattern:"tracking_number" doc:"registered mail: required; letters and digits, spaces aside"`
	DeliveredOn    string `json:"delivered_on,omitempty" format:"date" doc:"registered mail: when the receipt comes back; by hand: required"`
	ReceivedBy     string `json:"received_by,omitempty" text:"line,100" doc:"by hand: required"`
}

func (a *api) recordDelivery(c *call, req *deliveryRequest) (convocationResource, error) {
	cv, err := a.svc.RecordDelivery(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, candidate.DeliveryInput{
		Method: req.Method, SentOn: req.SentOn, TrackingNumber: req.TrackingNumber, DeliveredOn: req.DeliveredOn, ReceivedBy: req.ReceivedBy,
	})
	return convocationOf(cv), err
}
