package session

import (
	"context"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// The milestones that depend on other aggregates are recorded by the
// command that reaches them, inside its transaction: the session's status
// then never lags behind its preparation, and a read never writes.

// noteMilestones records the milestones a change of registrations may
// reach: convocations_sent, then ready.
func (s *Service) noteMilestones(ctx context.Context, by Actor, o op, sid tpsession.SessionID) error {
	if err := s.noteConvocationsSent(ctx, by, o, sid); err != nil {
		return err
	}
	return s.noteReady(ctx, by, o, sid)
}

// noteConvocationsSent records the convocations_sent milestone once every
// active registration's convocation is validated, dated by the last
// validation.
func (s *Service) noteConvocationsSent(ctx context.Context, by Actor, o op, sid tpsession.SessionID) error {
	regs, err := s.activeRegistrations(ctx, by, sid)
	if err != nil {
		return err
	}
	on := allValidatedOn(regs)
	if on == date.Zero {
		return nil
	}
	return s.recordMilestone(ctx, by, o, sid, ActionSessionConvocationsSent,
		func(m Milestones) bool { return m.ConvocationsSentOn == date.Zero },
		func(ses *Session) { ses.RecordConvocationsSent(on) },
		"every registered candidate's convocation is validated (%d), the last on %s", len(regs), on)
}

// noteReady records the ready milestone the first time the readiness
// verdict is "ready".
func (s *Service) noteReady(ctx context.Context, by Actor, o op, sid tpsession.SessionID) error {
	ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
	if err != nil {
		return err
	}
	if ses.Milestones().ReadyOn != date.Zero || ses.CheckWritable() != nil {
		return nil
	}
	r, err := s.evaluate(ctx, by, ses, o.today)
	if err != nil || !r.Ready() {
		return err
	}
	return s.recordMilestone(ctx, by, o, sid, ActionSessionReady,
		func(m Milestones) bool { return m.ReadyOn == date.Zero },
		func(ses *Session) { ses.RecordReady(o.today) },
		"every readiness check passes")
}

// recordMilestone records a milestone and its event, once: missing tells,
// inside the update, whether it is still to be recorded.
func (s *Service) recordMilestone(ctx context.Context, by Actor, o op, sid tpsession.SessionID, action string,
	missing func(Milestones) bool, record func(*Session), format string, args ...any) error {
	first := false
	err := s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(ses *Session) error {
		if first = missing(ses.Milestones()); first {
			record(ses)
		}
		return nil
	})
	if err != nil || !first {
		return err
	}
	return s.record(ctx, by, sid, o, action, format, args...)
}
