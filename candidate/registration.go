package candidate

import (
	"strings"
	"time"

	"github.com/tpsession/tpsession"
)

// Registration is a candidate's registration to a session, and the
// convocation that goes with it. It is identified by its ID and naturally
// keyed by (Session, Candidate): a candidate has at most one active
// registration to a session. A withdrawal is recorded, never erased; a
// withdrawn candidate may be registered again with a new Registration, the
// withdrawn one staying as it was.
type Registration struct {
	Centre    tpsession.CentreID
	ID        tpsession.RegistrationID
	Session   tpsession.SessionID
	Candidate tpsession.CandidateID
	// RegisteredAt is the instant the registration was recorded; it orders a
	// session's registrations.
	RegisteredAt time.Time
	// Withdrawal is nil while the registration is active.
	Withdrawal *Withdrawal
	// Convocation is nil until one is drafted.
	Convocation *Convocation
}

// Withdrawal records that a candidate was withdrawn from a session.
type Withdrawal struct {
	At time.Time
	// By names who withdrew the candidate (a user of the centre), when known.
	By string
}

// Register registers candidate c to session s as registration id, recorded
// at the instant at. existing are the registrations already recorded for
// the session (those of c suffice). It refuses:
//
//   - a candidate or session of another centre: ErrCandidateNotFound;
//   - a second active registration of c to s: ErrDuplicateRegistration (a
//     withdrawn registration does not count, so a withdrawn candidate can be
//     registered again);
//   - a candidate not eligible on the session's first day: the errors of
//     CheckEligibility.
//
// The store checks the duplicate again when it creates the registration,
// where two concurrent requests meet.
func Register(id tpsession.RegistrationID, s Session, c Candidate, existing []Registration, at time.Time) (Registration, error) {
	if id == "" || c.ID == "" {
		return Registration{}, tpsession.ErrInternal.Withf("a registration needs an ID and a candidate")
	}
	if err := s.check(); err != nil {
		return Registration{}, err
	}
	if c.Centre != s.Centre {
		return Registration{}, ErrCandidateNotFound.Withf("candidate %s does not exist", c.ID)
	}
	for _, r := range existing {
		if r.Session == s.ID && r.Candidate == c.ID && r.Active() {
			return Registration{}, ErrDuplicateRegistration.Withf("candidate %s is already registered to session %s (registration %s)", c.ID, s.ID, r.ID)
		}
	}
	if err := CheckEligibility(c, s); err != nil {
		return Registration{}, err
	}
	return Registration{
		Centre:       s.Centre,
		ID:           id,
		Session:      s.ID,
		Candidate:    c.ID,
		RegisteredAt: at.Round(0), // no monotonic reading: it would not survive a store
	}, nil
}

// Active reports whether the registration has not been withdrawn.
func (r Registration) Active() bool { return r.Withdrawal == nil }

// Withdraw records that the candidate was withdrawn at the instant at, by
// whom if known. A withdrawn registration refuses every further change
// (ErrRegistrationWithdrawn), a second withdrawal included.
func (r *Registration) Withdraw(at time.Time, by string) error {
	if err := r.checkActive(); err != nil {
		return err
	}
	r.Withdrawal = &Withdrawal{At: at.Round(0), By: strings.TrimSpace(by)}
	return nil
}

func (r Registration) checkActive() error {
	if w := r.Withdrawal; w != nil {
		return ErrRegistrationWithdrawn.Withf("registration %s of candidate %s was withdrawn on %s", r.ID, r.Candidate, w.At.Format(time.DateOnly))
	}
	return nil
}

// checkSession refuses the facts of another session than the registration's.
func (r Registration) checkSession(s Session) error {
	if err := s.check(); err != nil {
		return err
	}
	if s.ID != r.Session || s.Centre != r.Centre {
		return ErrSessionFacts.Withf("registration %s belongs to session %s, not %s", r.ID, r.Session, s.ID)
	}
	return nil
}

// ConvocationState returns where the registration's convocation stands.
func (r Registration) ConvocationState() ConvocationState {
	if r.Convocation == nil {
		return ConvocationNone
	}
	return r.Convocation.State()
}

// Clone returns a deep copy of r.
func (r Registration) Clone() Registration {
	if r.Withdrawal != nil {
		w := *r.Withdrawal
		r.Withdrawal = &w
	}
	if r.Convocation != nil {
		c := r.Convocation.Clone()
		r.Convocation = &c
	}
	return r
}
