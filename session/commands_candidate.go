package session

import (
	"context"
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// CreateCandidate adds a candidate to the centre. A centre knows a person
// once: a candidate with the names and birth date of one it already has,
// case and accents aside, is refused with a *candidate.KnownError naming
// that one (docs/rules.md#known-candidates).
func (s *Service) CreateCandidate(ctx context.Context, by Actor, in candidate.CandidateInput) (candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return candidate.Candidate{}, err
	}
	var c candidate.Candidate
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		var err error
		if c, err = candidate.NewCandidate(by.Centre, tpsession.NewCandidateID(), in, o.today); err != nil {
			return err
		}
		if err := s.checkUnknown(ctx, c); err != nil {
			return err
		}
		return s.st.Candidates.CreateCandidate(ctx, c)
	})
	if err != nil {
		return candidate.Candidate{}, err
	}
	return c, nil
}

// Candidate returns a candidate of the centre.
func (s *Service) Candidate(ctx context.Context, by Actor, id tpsession.CandidateID) (candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return candidate.Candidate{}, err
	}
	return s.st.Candidates.Candidate(ctx, by.Centre, id)
}

// Candidates returns the candidates of the actor's centre that q selects,
// by last name, first name (case and accents aside) and ID, from q.After
// and at most q.Limit of them when it is positive: a name search, a
// filter by route or by session (the candidates actively registered to
// it), one page of the list at a time.
func (s *Service) Candidates(ctx context.Context, by Actor, q candidate.Query) ([]candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	if q.Limit < 0 {
		return nil, tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "limit", Message: "must not be negative"}).Withf("the page size %d is negative", q.Limit)
	}
	return s.st.Candidates.Candidates(ctx, by.Centre, q)
}

// ReviseCandidate replaces a candidate's details. It is refused when the
// revised candidate would no longer be eligible to a session they are
// registered to (a VAE recevabilité moved so that it expires before the
// session, a title held removed for a CCS session), and, with a
// *candidate.KnownError, when the revised names and birth date are those
// of another candidate of the centre.
func (s *Service) ReviseCandidate(ctx context.Context, by Actor, id tpsession.CandidateID, in candidate.CandidateInput) (candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return candidate.Candidate{}, err
	}
	var out candidate.Candidate
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		cur, err := s.st.Candidates.Candidate(ctx, by.Centre, id)
		if err != nil {
			return err
		}
		if err := cur.Revise(in, o.today); err != nil {
			return err
		}
		if err := s.checkUnknown(ctx, cur); err != nil {
			return err
		}
		regs, err := s.st.Registrations.RegistrationsOfCandidate(ctx, by.Centre, id)
		if err != nil {
			return err
		}
		var open []candidate.Session // the sessions still in preparation the candidate is registered to
		for _, r := range regs {
			if !r.Active() {
				continue
			}
			ses, err := s.st.Sessions.Session(ctx, by.Centre, r.Session)
			if err != nil {
				return err
			}
			if ses.CheckWritable() == nil {
				v, err := s.candidateView(ctx, by, ses)
				if err != nil {
					return err
				}
				open = append(open, v)
			}
		}
		return s.st.Candidates.UpdateCandidate(ctx, by.Centre, id, func(c *candidate.Candidate) error {
			if err := c.Revise(in, o.today); err != nil {
				return err
			}
			for _, v := range open {
				if err := candidate.CheckEligibility(*c, v); err != nil {
					return ErrRevisionBreaksEligibility.Withf("%s would no longer be eligible to session %s starting %s: %s", fullName(*c), v.ID, v.Start, tpsession.MessageOf(err)).Wrap(err)
				}
			}
			out = c.Clone()
			return nil
		})
	})
	return out, err
}

// Register registers a candidate to the session, on site, checking their
// eligibility on the session's start date; see RegisterWith.
func (s *Service) Register(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID) (candidate.Registration, error) {
	return s.RegisterWith(ctx, by, sid, cid, RegistrationRequest{})
}

// RegistrationRequest is what a registration asks beyond the candidate:
// the candidate's modality ("on_site", "remote"; empty, the session's) and,
// for a CCP session, the CCPs they sit (empty, every CCP of the session
// they lack).
type RegistrationRequest struct {
	Modality string
	CCPs     []string
}

// RegisterWith registers a candidate to the session as req asks, checking
// their eligibility on the session's start date (candidate.Register): the
// re-sit rule, the délai de prolongation, and for a CCP session the CCPs
// the candidate lacks, the CCPs acquired under an earlier revision of the
// title counted through the title register's correspondence.
func (s *Service) RegisterWith(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, req RegistrationRequest) (candidate.Registration, error) {
	if err := checkActor(by); err != nil {
		return candidate.Registration{}, err
	}
	var out candidate.Registration
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.writable(ctx, by, sid)
		if err != nil {
			return err
		}
		c, err := s.st.Candidates.Candidate(ctx, by.Centre, cid)
		if err != nil {
			return err
		}
		existing, err := s.st.Registrations.RegistrationsOfSession(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		view, err := s.candidateView(ctx, by, ses)
		if err != nil {
			return err
		}
		out, err = candidate.Register(tpsession.NewRegistrationID(), view, c, existing, o.now,
			candidate.Request{Modality: tpsession.Modality(req.Modality), CCPs: req.CCPs, Held: s.heldCCPs(ses, c)})
		if err != nil {
			return err
		}
		if err := s.st.Registrations.CreateRegistration(ctx, out); err != nil {
			return err
		}
		if err := s.record(ctx, by, sid, o, ActionCandidateRegistered, "%s registered", fullName(c)); err != nil {
			return err
		}
		return s.noteMilestones(ctx, by, o, sid)
	})
	return out, err
}

// Registration returns a candidate's registration to the session: the
// active one, or the last withdrawn one.
func (s *Service) Registration(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID) (candidate.Registration, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return candidate.Registration{}, err
	}
	return s.st.Registrations.Registration(ctx, by.Centre, sid, cid)
}

// Registrations returns the session's active registrations, in
// registration order; withdrawals stay in the event log.
func (s *Service) Registrations(ctx context.Context, by Actor, sid tpsession.SessionID) ([]candidate.Registration, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return nil, err
	}
	return s.activeRegistrations(ctx, by, sid)
}

// Withdraw withdraws a candidate's registration: it is kept, marked
// withdrawn, and the withdrawal is in the event log.
func (s *Service) Withdraw(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID) error {
	_, err := s.updateRegistration(ctx, by, sid, cid, false, nil, func(_ candidate.Session, _ planView, r *candidate.Registration, o op) (string, string, error) {
		return ActionCandidateWithdrawn, "candidate " + string(cid) + " withdrawn", r.Withdraw(o.now, by.Name)
	})
	return err
}

// updateRegistration applies fn to a registration of a writable session,
// given the session as the candidate package sees it, records the event fn
// describes and returns the registration as saved. check, when not nil,
// vets the input against the session before its state is (400 before 409:
// docs/http-api.md#order-of-checks). With withPlan, fn is also given what
// the session's plan says of its candidates, read in the same transaction;
// otherwise an empty view.
func (s *Service) updateRegistration(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, withPlan bool,
	check func(Session, op) error, fn func(candidate.Session, planView, *candidate.Registration, op) (action, detail string, err error)) (candidate.Registration, error) {
	if err := checkActor(by); err != nil {
		return candidate.Registration{}, err
	}
	var out candidate.Registration
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(ses, o); err != nil {
				return err
			}
		}
		if err := ses.CheckWritable(); err != nil {
			return err
		}
		view, err := s.candidateView(ctx, by, ses)
		if err != nil {
			return err
		}
		var v planView
		if withPlan {
			if v, err = s.planView(ctx, by, ses); err != nil {
				return err
			}
		}
		var action, detail string
		err = s.st.Registrations.UpdateRegistration(ctx, by.Centre, sid, cid, func(r *candidate.Registration) error {
			var err error
			action, detail, err = fn(view, v, r, o)
			out = r.Clone()
			return err
		})
		if err != nil {
			return err
		}
		if err := s.record(ctx, by, sid, o, action, "%s", detail); err != nil {
			return err
		}
		return s.noteMilestones(ctx, by, o, sid)
	})
	if err != nil {
		return candidate.Registration{}, err
	}
	return out, nil
}

// DraftConvocation drafts (or drafts again) a candidate's convocation.
// When the session's plan says when the candidate comes, the draft takes
// the plan's appointments, one for each day the candidate must be present,
// unless in gives appointments that still meet them
// (docs/rules.md#convocation-appointments; candidate.ErrAppointmentsUnmet
// otherwise).
func (s *Service) DraftConvocation(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, in candidate.ConvocationInput) (candidate.Convocation, error) {
	return s.draft(ctx, by, sid, cid, in, ActionConvocationDrafted, "drafted", (*candidate.Registration).DraftConvocation)
}

// CorrectConvocation corrects a candidate's validated convocation whose
// appointments no longer hold (docs/rules.md#convocation-corrections): the
// convocation as validated and delivered is kept, and the correction is a
// draft, taking the plan's appointments as DraftConvocation does, to
// validate and deliver again, under the same lead time.
func (s *Service) CorrectConvocation(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, in candidate.ConvocationInput) (candidate.Convocation, error) {
	return s.draft(ctx, by, sid, cid, in, ActionConvocationCorrected, "corrected", (*candidate.Registration).CorrectConvocation)
}

// draft drafts a convocation with apply, its appointments completed by the
// plan's.
func (s *Service) draft(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, in candidate.ConvocationInput, action, verb string,
	apply func(*candidate.Registration, candidate.ConvocationDetails, candidate.Session, date.Date) error) (candidate.Convocation, error) {
	d, err := candidate.ParseConvocation(in)
	if err != nil {
		return candidate.Convocation{}, err
	}
	r, err := s.updateRegistration(ctx, by, sid, cid, true, nil, func(view candidate.Session, v planView, r *candidate.Registration, o op) (string, string, error) {
		// The registration's state decides before the plan does: a
		// convocation that may not be drafted is a conflict, whatever its
		// appointments.
		probe := r.Clone()
		if err := apply(&probe, d, view, o.today); tpsession.KindOf(err) == tpsession.Conflict {
			return "", "", err
		}
		needed, known := v.appointments(cid)
		d, err := fromPlan(d, needed, known)
		if err != nil {
			return "", "", err
		}
		return action, fmt.Sprintf("convocation of candidate %s %s for %s at %s", cid, verb, candidate.AppointmentsString(d.Appointments), d.Place),
			apply(r, d, view, o.today)
	})
	if err != nil {
		return candidate.Convocation{}, err
	}
	return *r.Convocation, nil
}

// ValidateConvocation records that a candidate's convocation was validated
// in the Ministry's application on the given day (today when zero), which
// must be at least the lead time before the session's start. Once every
// registered candidate's convocation is validated, the session reaches
// convocations_sent, dated by the last validation.
func (s *Service) ValidateConvocation(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, on date.Date) (candidate.Convocation, error) {
	r, err := s.updateRegistration(ctx, by, sid, cid, true, func(ses Session, o op) error {
		return s.checkFact("validated_on", orToday(on, o.today), ses, o.today)
	}, func(view candidate.Session, v planView, r *candidate.Registration, o op) (string, string, error) {
		if needed, known := v.appointments(cid); known && r.Convocation != nil && !r.Convocation.Validated() {
			if err := r.Convocation.MeetPlan(needed); err != nil {
				return "", "", err
			}
		}
		day := orToday(on, o.today)
		return ActionConvocationValid, fmt.Sprintf("convocation of candidate %s validated in CERES on %s", cid, day),
			r.ValidateConvocation(day, view, s.conv, o.today)
	})
	if err != nil {
		return candidate.Convocation{}, err
	}
	return *r.Convocation, nil
}

// RecordDelivery records how a candidate's validated convocation was
// delivered: by registered mail or by hand.
func (s *Service) RecordDelivery(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, in candidate.DeliveryInput) (candidate.Convocation, error) {
	d, err := candidate.ParseDelivery(in)
	if err != nil {
		return candidate.Convocation{}, err
	}
	r, err := s.updateRegistration(ctx, by, sid, cid, false, func(ses Session, o op) error {
		var fe tpsession.FieldErrors
		s.factDate(&fe, "sent_on", d.SentOn, ses, o.today, false)
		s.factDate(&fe, "delivered_on", d.DeliveredOn, ses, o.today, false)
		return fe.Err(candidate.ErrInvalidDelivery)
	}, func(_ candidate.Session, _ planView, r *candidate.Registration, o op) (string, string, error) {
		return ActionConvocationDelivery, fmt.Sprintf("convocation of candidate %s: %s", cid, d), r.RecordDelivery(d, o.today)
	})
	if err != nil {
		return candidate.Convocation{}, err
	}
	return *r.Convocation, nil
}

// Convocation returns a candidate's convocation, or ErrConvocationNotFound
// when none is drafted.
func (s *Service) Convocation(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID) (candidate.Convocation, error) {
	r, err := s.Registration(ctx, by, sid, cid)
	if err != nil {
		return candidate.Convocation{}, err
	}
	if r.Convocation == nil {
		return candidate.Convocation{}, ErrConvocationNotFound.Withf("no convocation is drafted for candidate %s", cid)
	}
	return r.Convocation.Clone(), nil
}

// checkUnknown refuses c when the centre has another candidate with its
// identity.
func (s *Service) checkUnknown(ctx context.Context, c candidate.Candidate) error {
	id := c.Identity()
	known, err := s.st.Candidates.Candidates(ctx, c.Centre, candidate.Query{Identity: &id, Limit: 2})
	if err != nil {
		return err
	}
	for _, k := range known {
		if k.ID != c.ID {
			return &candidate.KnownError{Known: k}
		}
	}
	return nil
}
