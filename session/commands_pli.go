package session

import (
	"context"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

// Pli returns the session's pli with its custody log.
func (s *Service) Pli(ctx context.Context, by Actor, sid tpsession.SessionID) (pli.Pli, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return pli.Pli{}, err
	}
	return s.st.Plis.Pli(ctx, by.Centre, sid)
}

// updatePli applies a step to the session's pli and records each custody
// entry it appends in the session's event log, with the custody head so
// that the log anchors the chain. A step whose refusal the pli logs in its
// custody log (opening too early) is saved, recorded, and its error
// returned. opening tells whether the step belongs to the session's
// opening, which may write to an opened session.
//
// check, when not nil, vets the input against the session before its
// state is (400 before 409: docs/http-api.md#order-of-checks). The step receives
// the instant its entries are stamped with: the
// command's time, or the last entry's instant when the clock reads
// earlier (a clock set back, or another server's running behind), so that
// the log stays in time order and no step is refused for it.
func (s *Service) updatePli(ctx context.Context, by Actor, sid tpsession.SessionID, opening bool, check func(ses Session, o op) error, step func(ses Session, p *pli.Pli, o op, at time.Time) error) (pli.Pli, error) {
	if err := checkActor(by); err != nil {
		return pli.Pli{}, err
	}
	var (
		out     pli.Pli
		refusal error
	)
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		refusal = nil
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(ses, o); err != nil {
				return err
			}
		}
		if !opening || ses.Status() != StatusOpened {
			if err := ses.CheckWritable(); err != nil {
				return err
			}
		}
		logged := 0
		err = s.st.Plis.UpdatePli(ctx, by.Centre, sid, func(p *pli.Pli) error {
			logged, refusal = len(p.Custody), nil // the closure may run again (Transactor)
			at := o.now
			if n := len(p.Custody); n > 0 && at.Before(p.Custody[n-1].At) {
				at = p.Custody[n-1].At
			}
			err := step(ses, p, o, at)
			if pli.RefusalLogged(err) {
				refusal, err = err, nil
			}
			out = p.Clone()
			return err
		})
		if err != nil {
			return err
		}
		for i, e := range out.Custody[logged:] {
			head := out.Custody[:logged+i+1].Head()
			if err := s.recordAt(ctx, by, sid, e.At, string(e.Action), "%s; custody head %s", e.Detail, head); err != nil {
				return err
			}
		}
		if opening {
			return nil
		}
		return s.noteReady(ctx, by, o, sid)
	})
	if err != nil {
		return pli.Pli{}, err
	}
	return out, refusal
}

// OrderPli records that the pli was ordered on the given day (today when
// zero). Ordering later than 3 months before the start is allowed: the
// warnings say so.
func (s *Service) OrderPli(ctx context.Context, by Actor, sid tpsession.SessionID, on date.Date) (pli.Pli, []pli.Warning, error) {
	var (
		ses   Session
		p     pli.Pli
		today date.Date
	)
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		today = o.today
		day := orToday(on, o.today)
		var err error
		p, err = s.updatePli(ctx, by, sid, false, func(cur Session, o op) error {
			return s.checkFact("ordered_on", day, cur, o.today)
		}, func(cur Session, p *pli.Pli, o op, at time.Time) error {
			ses = cur
			return p.Order(day, o.today, at, by.Name)
		})
		if err != nil {
			return err
		}
		_, err = s.updateSessionQuiet(ctx, by, sid, func(cur *Session) { cur.RecordPliOrdered(p.OrderedOn) })
		return err
	})
	if err != nil {
		return pli.Pli{}, nil, err
	}
	return p, pli.Advise(ses.Start, today, p), nil
}

// updateSessionQuiet records a milestone the command that reached it
// already logged.
func (s *Service) updateSessionQuiet(ctx context.Context, by Actor, sid tpsession.SessionID, fn func(*Session)) (Session, error) {
	var out Session
	err := s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(ses *Session) error {
		fn(ses)
		out = *ses
		return nil
	})
	return out, err
}

// ReceivePli records that the pli was received on the given day (today
// when zero) and, when materials are given, that the DTE organisateur was
// read with its list of required materials.
func (s *Service) ReceivePli(ctx context.Context, by Actor, sid tpsession.SessionID, on date.Date, materials []pli.Material) (pli.Pli, error) {
	return s.updatePli(ctx, by, sid, false, func(ses Session, o op) error {
		return s.checkFact("received_on", orToday(on, o.today), ses, o.today)
	}, func(_ Session, p *pli.Pli, o op, at time.Time) error {
		day := orToday(on, o.today)
		if len(materials) == 0 {
			return p.Receive(day, o.today, at, by.Name)
		}
		return p.ReceiveAndRead(day, o.today, materials, at, by.Name)
	})
}

// ReadOrganisateur records the DTE organisateur's list of required
// materials for a pli already received.
func (s *Service) ReadOrganisateur(ctx context.Context, by Actor, sid tpsession.SessionID, materials []pli.Material) (pli.Pli, error) {
	return s.updatePli(ctx, by, sid, false, nil, func(_ Session, p *pli.Pli, _ op, at time.Time) error {
		return p.ReadOrganisateur(materials, at, by.Name)
	})
}

// RecordDTEPPE records the personal protective equipment the DTE
// organisateur says the candidates bring, replacing the list recorded
// before: a convocation is validated only once it lists every item.
func (s *Service) RecordDTEPPE(ctx context.Context, by Actor, sid tpsession.SessionID, ppe []string) (pli.Pli, error) {
	return s.updatePli(ctx, by, sid, false, nil, func(_ Session, p *pli.Pli, _ op, at time.Time) error {
		return p.RecordPPE(ppe, at, by.Name)
	})
}

// SecurePli records that the DTE jury and candidat were locked away, where
// and in whose custody.
func (s *Service) SecurePli(ctx context.Context, by Actor, sid tpsession.SessionID, location, custodian string) (pli.Pli, error) {
	return s.updatePli(ctx, by, sid, false, nil, func(_ Session, p *pli.Pli, _ op, at time.Time) error {
		return p.Secure(location, custodian, at, by.Name)
	})
}

// RecordPliAccess logs an access to the DTEs in custody. An access that
// would unseal the DTE jury or candidat before their opening is refused,
// and the refusal is logged.
func (s *Service) RecordPliAccess(ctx context.Context, by Actor, sid tpsession.SessionID, a pli.Access) (pli.Pli, error) {
	return s.updatePli(ctx, by, sid, true, nil, func(_ Session, p *pli.Pli, _ op, at time.Time) error {
		return p.RecordAccess(a, at, by.Name)
	})
}

// OpenPli opens the DTE jury and candidat in front of the witnesses. Before
// the session is opened it is refused (pli.ErrSessionNotOpened), and the
// refused attempt stays in the custody log.
func (s *Service) OpenPli(ctx context.Context, by Actor, sid tpsession.SessionID, witnesses []string) (pli.Pli, error) {
	return s.updatePli(ctx, by, sid, true, nil, func(ses Session, p *pli.Pli, _ op, at time.Time) error {
		return p.Open(ses.Status() == StatusOpened, witnesses, at, by.Name)
	})
}
