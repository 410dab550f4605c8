package candidate

import (
	"context"

	"github.com/tpsession/tpsession"
)

// CandidateStore keeps a centre's candidates. Implementations hand out
// copies (a caller never changes a stored candidate through a returned
// value) and treat a candidate of another centre exactly as one that does
// not exist.
type CandidateStore interface {
	// CreateCandidate stores c under (c.Centre, c.ID). It returns
	// ErrDuplicateCandidate when that ID is already stored.
	CreateCandidate(ctx context.Context, c Candidate) error

	// Candidate returns the candidate id of centre, or
	// ErrCandidateNotFound.
	Candidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID) (Candidate, error)

	// UpdateCandidate loads the candidate id of centre, applies fn to it
	// and saves the result, atomically: concurrent updates of one
	// candidate never lose a write. fn must leave Centre and ID unchanged.
	// It returns ErrCandidateNotFound, or fn's error unchanged, in which
	// case nothing is saved.
	UpdateCandidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID, fn func(*Candidate) error) error

	// CandidatesOfCentre returns the candidates of centre in creation
	// order (by ID, which sorts by creation time); a centre without
	// candidates has an empty slice and no error.
	CandidatesOfCentre(ctx context.Context, centre tpsession.CentreID) ([]Candidate, error)

	// Candidates returns the candidates of centre that q selects, by
	// NameKey then ID (both compared byte by byte), from q.After
	// (excluded) and at most q.Limit of them when it is positive; none is
	// an empty slice and no error. q.Session keeps the candidates with an
	// active registration to that session of centre.
	Candidates(ctx context.Context, centre tpsession.CentreID, q Query) ([]Candidate, error)
}

// RegistrationStore keeps the registrations of candidates to sessions,
// with their convocations. Implementations hand out copies and treat a
// registration of another centre exactly as one that does not exist.
//
// A registration is addressed by (session, candidate), as the HTTP API does
// (/sessions/{sid}/registrations/{cid}). A candidate has at most one active
// registration to a session, and any number of withdrawn ones: the
// registration of (session, candidate) is the active one, or, when there is
// none, the withdrawn one registered last.
type RegistrationStore interface {
	// CreateRegistration stores r. It returns ErrDuplicateRegistration
	// when r.ID is already stored, or when r is active and the candidate
	// already has an active registration to the session; the check and the
	// write are atomic, so two concurrent registrations of one candidate
	// to one session cannot both succeed.
	CreateRegistration(ctx context.Context, r Registration) error

	// Registration returns the registration of candidate cid to session
	// sid in centre, as defined above, or ErrRegistrationNotFound.
	Registration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID) (Registration, error)

	// UpdateRegistration loads the registration of candidate cid to
	// session sid in centre (the one Registration returns), applies fn to
	// it and saves the result, atomically: concurrent updates of one
	// registration never lose a write. fn must leave Centre, ID, Session,
	// Candidate and RegisteredAt unchanged. It returns
	// ErrRegistrationNotFound, or fn's error unchanged, in which case
	// nothing is saved.
	UpdateRegistration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID, fn func(*Registration) error) error

	// RegistrationsOfSession returns every registration to session sid in
	// centre, active and withdrawn, ordered by RegisteredAt then ID; an
	// unknown session has none (an empty slice and no error).
	RegistrationsOfSession(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) ([]Registration, error)

	// RegistrationsOfCandidate returns every registration of candidate
	// cid in centre, to any session, active and withdrawn, ordered by
	// RegisteredAt then ID; an unknown candidate has none.
	RegistrationsOfCandidate(ctx context.Context, centre tpsession.CentreID, cid tpsession.CandidateID) ([]Registration, error)
}
