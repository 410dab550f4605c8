package session

import (
	"context"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// RecordAttempt adds to a candidate's history a session they sat, here
// before the library kept it or at another centre, with its outcome: the
// re-sit rule, the délai de prolongation and the limits of CCP sessions
// read it. See RecordOutcome for a session of this centre.
func (s *Service) RecordAttempt(ctx context.Context, by Actor, cid tpsession.CandidateID, in candidate.AttemptInput) (candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return candidate.Candidate{}, err
	}
	o := s.begin()
	a, err := candidate.ParseAttempt(in, o.today)
	if err != nil {
		return candidate.Candidate{}, err
	}
	var out candidate.Candidate
	err = s.st.Candidates.UpdateCandidate(ctx, by.Centre, cid, func(c *candidate.Candidate) error {
		if err := c.RecordAttempt(a); err != nil {
			return err
		}
		out = c.Clone()
		return nil
	})
	return out, err
}

// Outcome is what a session gave a candidate, as the procès-verbal
// validated by the DDETS states it: the outcome and, in partial success or
// for a CCP session whose CCPs were not all obtained, the CCPs acquired.
type Outcome struct {
	Outcome  candidate.Outcome
	Acquired []string
}

// RecordOutcome records in the candidate's history the outcome of a
// session of the centre they sat: the title, its revision, the kind, the
// CCPs of the registration and the day (the session's last day, or today
// when it is recorded before) come from the session. The session must be
// opened, closed or validated and the candidate registered to it
// (ErrNotSat). Recording it again corrects it. A title obtained is added to
// the titles the candidate holds. The session's event log records it
// (ActionOutcomeRecorded).
//
// A session whose jury deliberated in the library feeds the history from
// the validated decisions (Validate): an outcome recorded by hand for a
// candidate the jury decided on is refused (ErrOutcomeDeliberated); a
// correction is an amendment of the decision.
func (s *Service) RecordOutcome(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, out Outcome) (candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return candidate.Candidate{}, err
	}
	var saved candidate.Candidate
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		if st := ses.Status(); st != StatusOpened && st != StatusClosed && st != StatusValidated {
			return ErrNotSat.Withf("session %s is %s: its outcomes are recorded once it has been opened", sid, st)
		}
		rec, err := s.examRecord(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		if _, ok := rec.Decision(cid); ok {
			return ErrOutcomeDeliberated.Withf("the jury decided on candidate %s in session %s: the validated decision feeds the history, and a correction is an amendment of it", cid, sid)
		}
		saved, err = s.recordOutcome(ctx, by, o, ses, cid, out, min(ses.End, o.today))
		return err
	})
	if err != nil {
		return candidate.Candidate{}, err
	}
	return saved, nil
}

// recordOutcome records the outcome of session ses, decided on day, in the
// history of candidate cid, registered to it.
func (s *Service) recordOutcome(ctx context.Context, by Actor, o op, ses Session, cid tpsession.CandidateID, out Outcome, day date.Date) (candidate.Candidate, error) {
	sid := ses.ID
	r, err := s.st.Registrations.Registration(ctx, by.Centre, sid, cid)
	if err != nil {
		return candidate.Candidate{}, err
	}
	if !r.Active() {
		return candidate.Candidate{}, ErrNotSat.Withf("candidate %s was withdrawn from session %s", cid, sid)
	}
	in := candidate.AttemptInput{
		SessionID: string(sid), TitleCode: string(ses.Title), Kind: string(ses.Kind),
		On: day.String(), Outcome: string(out.Outcome), Acquired: out.Acquired,
	}
	if ses.Kind == tpsession.KindTitre && out.Outcome == candidate.Obtained {
		in.Acquired = nil // the title obtained lists no CCP: it holds them all
	}
	if tf := s.titleOf(ses); tf.known {
		in.Revision = tf.rev.ID
	}
	if ses.Kind == tpsession.KindCCP {
		in.CCPs = slices.Clone(r.CCPs)
		if len(in.CCPs) == 0 {
			in.CCPs = slices.Clone(ses.CCPs)
		}
		if len(in.CCPs) == 0 {
			return candidate.Candidate{}, ErrNotSat.Withf("the CCP session %s says neither in the session nor in the registration which CCPs candidate %s sat: a CCP outcome names them", sid, cid)
		}
	}
	a, err := candidate.ParseAttempt(in, o.today)
	if err != nil {
		return candidate.Candidate{}, err
	}
	var saved candidate.Candidate
	err = s.st.Candidates.UpdateCandidate(ctx, by.Centre, cid, func(c *candidate.Candidate) error {
		if err := c.RecordAttempt(a); err != nil {
			return err
		}
		saved = c.Clone()
		return nil
	})
	if err != nil {
		return candidate.Candidate{}, err
	}
	return saved, s.record(ctx, by, sid, o, ActionOutcomeRecorded, "%s %s", fullName(saved), a)
}
