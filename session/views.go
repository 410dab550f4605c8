package session

import (
	"context"
	"slices"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
)

// The domain packages do not know sessions: each takes a small value of its
// own describing one, built here.

func juryView(s Session) jury.Session {
	return jury.Session{ID: s.ID, Centre: s.Centre, Title: s.Title, Dates: s.Dates()}
}

// candidateView is the session's own facts as the candidate package sees
// them; Service.candidateView adds what the title register and the pli say.
func candidateView(s Session) candidate.Session {
	return candidate.Session{Centre: s.Centre, ID: s.ID, Kind: s.Kind, Title: s.Title, Start: s.Start, End: s.End,
		CCPs: slices.Clone(s.CCPs), Modality: s.Modality}
}

// JuryCandidate is what the jury package knows of candidate c: its name,
// its host companies and who trained it, from which jury.FindConflicts
// finds conflicts of interest.
func JuryCandidate(c candidate.Candidate) jury.Candidate {
	return jury.Candidate{ID: c.ID, Name: fullName(c), HostCompanies: c.HostSIRETs(),
		Trainers: c.TrainerEmails(), TrainingOrganisations: c.TrainingSIRETs()}
}

func fullName(c candidate.Candidate) string { return c.FirstName + " " + c.LastName }

// activeRegistrations returns the session's registrations that are not
// withdrawn, in registration order.
func (s *Service) activeRegistrations(ctx context.Context, by Actor, sid tpsession.SessionID) ([]candidate.Registration, error) {
	regs, err := s.st.Registrations.RegistrationsOfSession(ctx, by.Centre, sid)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(regs, func(r candidate.Registration) bool { return !r.Active() }), nil
}
