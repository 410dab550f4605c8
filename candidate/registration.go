package candidate

import (
	"fmt"
	"slices"
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
	// Modality is how the candidate sits: on site (the zero value) or
	// remotely, in a remote session; the procès-verbal states it for each
	// candidate (arrêté du 14 novembre 2024).
	Modality tpsession.Modality
	// CCPs are the CCPs the candidate sits in a CCP session: those of the
	// session they do not hold yet.
	CCPs []string
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

// Request is what a registration asks beyond the candidate and the session:
// the modality and, for a CCP session, the CCPs the candidate sits; and
// what the caller knows of the candidate's CCPs in the session's revision.
type Request struct {
	// Modality is the candidate's; "" is the session's.
	Modality tpsession.Modality
	// CCPs are the CCPs the candidate sits in a CCP session; empty means
	// every CCP of the session the candidate does not hold.
	CCPs []string
	// Held are the CCPs of the session's title revision the candidate
	// holds, the revisions' correspondence applied: the session service
	// computes them from the candidate's history with the title register.
	Held []string
}

// Register registers candidate c to session s as registration id, recorded
// at the instant at, as req asks. existing are the registrations already
// recorded for the session (those of c suffice). It refuses:
//
//   - a candidate or session of another centre: ErrCandidateNotFound;
//   - a second active registration of c to s: ErrDuplicateRegistration (a
//     withdrawn registration does not count, so a withdrawn candidate can be
//     registered again);
//   - a candidate not eligible on the session's first day: the errors of
//     CheckEligibility;
//   - CCPs asked for a session titre, or CCPs the CCP session does not
//     evaluate (ErrInvalidRegistration); a CCP the candidate holds
//     (ErrCCPAlreadyHeld); a CCP session all of whose CCPs the candidate
//     holds (ErrNoCCPLeft): a CCP session is limited to the CCPs the
//     candidate lacks, acquired CCPs being kept for good;
//   - in the délai de prolongation, a session titre registered after the
//     end of validity (ErrRegisteredAfterValidity), and a CCP session for a
//     candidate who holds no CCP of the title, not being in partial success
//     (ErrNotEligibleInProlongation; arrêté du 22 décembre 2015, art. 3);
//   - a remote candidate in an on-site session (ErrRemoteInOnSiteSession).
//
// The store checks the duplicate again when it creates the registration,
// where two concurrent requests meet.
func Register(id tpsession.RegistrationID, s Session, c Candidate, existing []Registration, at time.Time, req Request) (Registration, error) {
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
	modality, ccps, err := req.check(s)
	if err != nil {
		return Registration{}, err
	}
	if ccps, err = s.sits(c, ccps, req.Held); err != nil {
		return Registration{}, err
	}
	if day := s.dayOf(at); s.Kind == tpsession.KindTitre && s.InProlongation() && day > s.ValidUntil {
		return Registration{}, ErrRegisteredAfterValidity.Withf("the session of %s starting on %s falls in the délai de prolongation: its candidates must be registered by the end of validity on %s, not on %s",
			s.Title, s.Start, s.ValidUntil, day)
	}
	return Registration{
		Centre:       s.Centre,
		ID:           id,
		Session:      s.ID,
		Candidate:    c.ID,
		RegisteredAt: at.Round(0), // no monotonic reading: it would not survive a store
		Modality:     modality,
		CCPs:         ccps,
	}, nil
}

// check checks the request's shape against the session: its modality, and
// CCPs only for a CCP session, among those the session evaluates.
func (req Request) check(s Session) (tpsession.Modality, []string, error) {
	var fe tpsession.FieldErrors
	modality, err := tpsession.ParseModality(string(req.Modality))
	fe.AddErr("modality", err)
	if req.Modality == "" {
		modality, _ = tpsession.ParseModality(string(s.Modality))
	}
	ccps := codeList(&fe, "ccps", req.CCPs)
	if len(ccps) > 0 && s.Kind != tpsession.KindCCP {
		fe.Add("ccps", "only a registration to a CCP session names CCPs; this is a %s session", s.Kind)
	}
	if s.Kind == tpsession.KindCCP && len(s.CCPs) > 0 {
		for i, c := range ccps {
			if !slices.Contains(s.CCPs, c) {
				fe.Add(fmt.Sprintf("ccps[%d]", i), "%s is not evaluated by the session, which evaluates %s", c, strings.Join(s.CCPs, ", "))
			}
		}
	}
	if err := fe.Err(ErrInvalidRegistration); err != nil {
		return "", nil, err
	}
	if modality.IsRemote() && !s.Modality.IsRemote() {
		return "", nil, ErrRemoteInOnSiteSession.Withf("session %s is held on site: a candidate sits remotely only in a remote session", s.ID)
	}
	return modality, ccps, nil
}

// sits returns the CCPs candidate c sits in a CCP session, given those asked
// (all the session's when none is) and those held.
func (s Session) sits(c Candidate, asked, held []string) ([]string, error) {
	if s.Kind != tpsession.KindCCP {
		return nil, nil
	}
	if s.InProlongation() && len(held) == 0 {
		return nil, ErrNotEligibleInProlongation.Withf("the CCP session of %s starting on %s falls in the délai de prolongation after the end of validity on %s, "+
			"open only to candidates in partial success, who hold CCPs of the title: %s holds none", s.Title, s.Start, s.ValidUntil, fullNameOf(c))
	}
	for _, code := range asked {
		if slices.Contains(held, code) {
			return nil, ErrCCPAlreadyHeld.Withf("%s already holds %s of %s: a CCP session is limited to the CCPs the candidate lacks", fullNameOf(c), code, s.Title).
				WithFields(tpsession.FieldError{Field: "ccps", Message: code + " is already held"})
		}
	}
	if len(asked) > 0 || len(s.CCPs) == 0 {
		return asked, nil
	}
	var missing []string
	for _, code := range s.CCPs {
		if !slices.Contains(held, code) {
			missing = append(missing, code)
		}
	}
	if len(missing) == 0 {
		return nil, ErrNoCCPLeft.Withf("%s already holds every CCP the session evaluates (%s of %s): nothing is left to sit", fullNameOf(c), strings.Join(s.CCPs, ", "), s.Title)
	}
	return missing, nil
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
	r.CCPs = slices.Clone(r.CCPs)
	return r
}
