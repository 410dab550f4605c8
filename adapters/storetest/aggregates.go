package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// The fixed days of the fixtures: a session from Monday 1 to Wednesday 3
// March 2027, prepared in the autumn before.
var (
	Start = date.New(2027, time.March, 1)
	End   = date.New(2027, time.March, 3)
	Today = date.New(2026, time.November, 27)
	// At is an instant on Today, in UTC and to the millisecond, as every
	// store must round-trip instants exactly.
	At = time.Date(2026, time.November, 27, 9, 30, 0, 0, time.UTC)
)

// NewSession returns a valid session of centre starting on start.
func NewSession(t testing.TB, centre tpsession.CentreID, start date.Date) session.Session {
	t.Helper()
	s, err := session.New(tpsession.NewSessionID(), centre, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "ccp",
		Site: "12 rue des Lilas, 69003 Lyon", Start: start, End: start + 2, PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
		Revision:    "2023", CCPs: []string{"CCP1", "CCP3"}, Modality: "remote",
	}, At)
	require.NoError(t, err)
	return s
}

// NewCandidate returns a valid candidate of centre.
func NewCandidate(t testing.TB, centre tpsession.CentreID) candidate.Candidate {
	t.Helper()
	c, err := candidate.NewCandidate(centre, tpsession.NewCandidateID(), candidate.CandidateInput{
		FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", Route: "formation",
		HostCompanies: []candidate.HostCompanyInput{{SIRET: "73282932000074", Name: "Atelier Numérique", From: "2026-05-04", Until: "2026-06-26"}},
		Trainings: []candidate.TrainingInput{{Organisation: "Lyon Formation", SIRET: "44306184100047", From: "2025-09-01", Until: "2026-06-30",
			Trainers: []candidate.TrainerInput{{Name: "Paul Girard", Email: "paul.girard@lyon-formation.example"}}}},
	}, Today)
	require.NoError(t, err)
	a, err := candidate.ParseAttempt(candidate.AttemptInput{SessionID: string(tpsession.NewSessionID()), TitleCode: "TP-01281", Revision: "2023",
		Kind: "titre", On: "2026-07-03", Outcome: "partial_success", Acquired: []string{"CCP2"}}, Today)
	require.NoError(t, err)
	require.NoError(t, c.RecordAttempt(a))
	return c
}

// NewRegistration registers a new candidate of centre to sid.
func NewRegistration(t testing.TB, centre tpsession.CentreID, sid tpsession.SessionID) candidate.Registration {
	t.Helper()
	c := NewCandidate(t, centre)
	r, err := candidate.Register(tpsession.NewRegistrationID(), candidateSession(centre, sid), c, nil, At,
		candidate.Request{Modality: tpsession.Remote, Held: []string{"CCP2"}})
	require.NoError(t, err)
	return r
}

func candidateSession(centre tpsession.CentreID, sid tpsession.SessionID) candidate.Session {
	return candidate.Session{Centre: centre, ID: sid, Kind: tpsession.KindCCP, Title: "TP-01281", Start: Start, End: End,
		CCPs: []string{"CCP1", "CCP2", "CCP3"}, Modality: tpsession.Remote}
}

func sessionContract() contract[session.Session] {
	return contract[session.Session]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) session.Session {
			return NewSession(t, centre, Start)
		},
		create: func(ctx context.Context, s Stores, v session.Session) error { return s.Sessions.CreateSession(ctx, v) },
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v session.Session) (session.Session, error) {
			return s.Sessions.Session(ctx, centre, v.ID)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v session.Session, fn func(*session.Session) error) error {
			return s.Sessions.UpdateSession(ctx, centre, v.ID, fn)
		},
		list: func(ctx context.Context, s Stores, centre tpsession.CentreID, _ session.Session) ([]session.Session, error) {
			return s.Sessions.Sessions(ctx, centre, session.Filter{})
		},
		bump:  func(v *session.Session, _ int) { v.PlannedCandidates++ },
		bumps: func(v session.Session) int { return v.PlannedCandidates },
		mutate: func(v *session.Session) {
			v.Site = "changed"
			v.CCPs[0] = "changed"
		},
		rekey:     func(v *session.Session) { v.ID = tpsession.NewSessionID() },
		recentre:  func(v *session.Session, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b session.Session) bool { return a.ID == b.ID },
		clone:     session.Session.Clone,
		notFound:  session.ErrSessionNotFound,
		duplicate: session.ErrDuplicateSession,
	}
}

func candidateContract() contract[candidate.Candidate] {
	return contract[candidate.Candidate]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) candidate.Candidate {
			return NewCandidate(t, centre)
		},
		create: func(ctx context.Context, s Stores, v candidate.Candidate) error {
			return s.Candidates.CreateCandidate(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v candidate.Candidate) (candidate.Candidate, error) {
			return s.Candidates.Candidate(ctx, centre, v.ID)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v candidate.Candidate, fn func(*candidate.Candidate) error) error {
			return s.Candidates.UpdateCandidate(ctx, centre, v.ID, fn)
		},
		list: func(ctx context.Context, s Stores, centre tpsession.CentreID, _ candidate.Candidate) ([]candidate.Candidate, error) {
			return s.Candidates.CandidatesOfCentre(ctx, centre)
		},
		bump: func(v *candidate.Candidate, i int) {
			v.TitlesHeld = append(v.TitlesHeld, tpsession.TitleCode(fmt.Sprintf("TP-%05d", i%100000)))
		},
		bumps: func(v candidate.Candidate) int { return len(v.TitlesHeld) },
		mutate: func(v *candidate.Candidate) {
			v.HostCompanies[0].Name = "changed"
			v.Trainings[0].Trainers[0].Name = "changed"
			v.History[0].Acquired[0] = "changed"
		},
		rekey:     func(v *candidate.Candidate) { v.ID = tpsession.NewCandidateID() },
		recentre:  func(v *candidate.Candidate, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b candidate.Candidate) bool { return a.ID == b.ID },
		clone:     candidate.Candidate.Clone,
		notFound:  candidate.ErrCandidateNotFound,
		duplicate: candidate.ErrDuplicateCandidate,
	}
}

func registrationContract() contract[candidate.Registration] {
	return contract[candidate.Registration]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) candidate.Registration {
			r := NewRegistration(t, centre, tpsession.NewSessionID())
			r.Convocation = &candidate.Convocation{ConvocationDetails: candidate.ConvocationDetails{Place: "Salle 2"}, DraftedOn: Today}
			return r
		},
		create: func(ctx context.Context, s Stores, v candidate.Registration) error {
			return s.Registrations.CreateRegistration(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v candidate.Registration) (candidate.Registration, error) {
			return s.Registrations.Registration(ctx, centre, v.Session, v.Candidate)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v candidate.Registration, fn func(*candidate.Registration) error) error {
			return s.Registrations.UpdateRegistration(ctx, centre, v.Session, v.Candidate, fn)
		},
		list: func(ctx context.Context, s Stores, centre tpsession.CentreID, v candidate.Registration) ([]candidate.Registration, error) {
			return s.Registrations.RegistrationsOfSession(ctx, centre, v.Session)
		},
		bump: func(v *candidate.Registration, i int) {
			v.Convocation.Documents = append(v.Convocation.Documents, fmt.Sprintf("document %d", i))
		},
		bumps: func(v candidate.Registration) int { return len(v.Convocation.Documents) },
		mutate: func(v *candidate.Registration) {
			v.Convocation.Place = "changed"
			v.CCPs[0] = "changed"
		},
		rekey:     func(v *candidate.Registration) { v.Candidate = tpsession.NewCandidateID() },
		recentre:  func(v *candidate.Registration, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b candidate.Registration) bool { return a.ID == b.ID },
		clone:     candidate.Registration.Clone,
		notFound:  candidate.ErrRegistrationNotFound,
		duplicate: candidate.ErrDuplicateRegistration,
	}
}

// NewPli returns the pli of a new session of centre, ordered and received,
// so that accesses may be logged.
func NewPli(t testing.TB, centre tpsession.CentreID) pli.Pli {
	t.Helper()
	p, err := pli.New(centre, tpsession.NewPliID(), tpsession.NewSessionID())
	require.NoError(t, err)
	require.NoError(t, p.Order(Today-30, Today, At, "Claire Martin"))
	require.NoError(t, p.Receive(Today-2, Today, At.Add(time.Minute), "Claire Martin"))
	p.PPE = []string{"Chaussures de sécurité", "Gants"} // a store keeps what it is given
	return p
}

func pliContract() contract[pli.Pli] {
	return contract[pli.Pli]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) pli.Pli { return NewPli(t, centre) },
		create: func(ctx context.Context, s Stores, v pli.Pli) error {
			return s.Plis.CreatePli(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v pli.Pli) (pli.Pli, error) {
			return s.Plis.Pli(ctx, centre, v.Session)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v pli.Pli, fn func(*pli.Pli) error) error {
			return s.Plis.UpdatePli(ctx, centre, v.Session, fn)
		},
		bump: func(v *pli.Pli, i int) {
			e := pli.Entry{At: At.Add(time.Hour + time.Duration(i)*time.Second), Actor: "Claire Martin", Action: pli.ActionAccessed, Detail: fmt.Sprintf("seal check %d", i)}
			e.Hash = e.ComputeHash(v.Custody.Head())
			v.Custody = append(v.Custody, e)
		},
		bumps: func(v pli.Pli) int { return len(v.Custody) },
		mutate: func(v *pli.Pli) {
			v.Custody[0].Detail = "changed"
			v.PPE[0] = "changed"
		},
		rekey:     func(v *pli.Pli) { v.Session = tpsession.NewSessionID() },
		recentre:  func(v *pli.Pli, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b pli.Pli) bool { return a.ID == b.ID },
		clone:     pli.Pli.Clone,
		notFound:  pli.ErrPliNotFound,
		duplicate: pli.ErrDuplicatePli,
	}
}

func checklistContract() contract[checklist.Checklist] {
	return contract[checklist.Checklist]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) checklist.Checklist {
			c, err := checklist.New(centre, tpsession.NewSessionID())
			require.NoError(t, err)
			return c
		},
		create: func(ctx context.Context, s Stores, v checklist.Checklist) error {
			return s.Checklists.CreateChecklist(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v checklist.Checklist) (checklist.Checklist, error) {
			return s.Checklists.Checklist(ctx, centre, v.Session)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v checklist.Checklist, fn func(*checklist.Checklist) error) error {
			return s.Checklists.UpdateChecklist(ctx, centre, v.Session, fn)
		},
		bump: func(v *checklist.Checklist, i int) {
			v.Equipment = append(v.Equipment, checklist.Equipment{
				Name: fmt.Sprintf("Poste %d", i), Available: 1,
				Operational: tpsession.DateRange{From: Start, Until: End}, UpdatedBy: "Claire Martin", UpdatedOn: Today,
			})
		},
		bumps:     func(v checklist.Checklist) int { return len(v.Equipment) },
		mutate:    func(v *checklist.Checklist) { v.Items[0].Note = "changed" },
		rekey:     func(v *checklist.Checklist) { v.Session = tpsession.NewSessionID() },
		recentre:  func(v *checklist.Checklist, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b checklist.Checklist) bool { return a.Session == b.Session },
		clone:     checklist.Checklist.Clone,
		notFound:  checklist.ErrChecklistNotFound,
		duplicate: checklist.ErrDuplicateChecklist,
	}
}
