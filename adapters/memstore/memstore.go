package memstore

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
)

// Store holds every aggregate of the library in memory, behind one mutex.
// It implements every store interface; it suits tests, examples and a demo,
// and loses everything when the process ends.
//
// Each call is atomic on its own, and [Store.Atomic] makes several calls
// all or nothing: it holds the mutex for the whole transaction, so
// transactions run one at a time and see no other writer. Update closures
// run under the mutex: outside a transaction a closure must not call the
// Store (it would deadlock); inside one it may.
type Store struct {
	mu sync.Mutex

	sessions      table[tpsession.SessionID, session.Session]
	events        map[tpsession.SessionID][]session.Event
	candidates    table[tpsession.CandidateID, candidate.Candidate]
	registrations table[tpsession.RegistrationID, candidate.Registration]
	members       table[tpsession.MemberID, jury.Member]
	juries        table[tpsession.SessionID, jury.SessionJury]
	plis          table[tpsession.SessionID, pli.Pli]
	checklists    table[tpsession.SessionID, checklist.Checklist]
	plans         table[tpsession.SessionID, plan.Record]
	agrements     table[tpsession.AgrementID, agrement.Agrement]
	programmes    table[programmeKey, programme.Programme]
	receipts      map[receiptKey]session.Receipt
	calendars     table[calendarKey, session.CalendarRecord]
	exams         table[tpsession.SessionID, exam.Record]
	retentions    table[tpsession.CentreID, exam.Retention]
}

// programmeKey identifies a programme: one per centre and year.
type programmeKey struct {
	centre tpsession.CentreID
	year   int
}

type receiptKey struct {
	centre tpsession.CentreID
	key    string
}

// calendarKey identifies a calendar record: its session and its key.
type calendarKey struct {
	session tpsession.SessionID
	key     string
}

// The store interfaces Store implements.
var (
	_ session.Backend             = (*Store)(nil) // every store below, for session.StoresOf
	_ session.Store               = (*Store)(nil)
	_ session.EventLog            = (*Store)(nil)
	_ candidate.CandidateStore    = (*Store)(nil)
	_ candidate.RegistrationStore = (*Store)(nil)
	_ jury.MemberStore            = (*Store)(nil)
	_ jury.SessionJuryStore       = (*Store)(nil)
	_ pli.Store                   = (*Store)(nil)
	_ checklist.Store             = (*Store)(nil)
	_ plan.Store                  = (*Store)(nil)
	_ agrement.Store              = (*Store)(nil)
	_ programme.Store             = (*Store)(nil)
	_ session.CalendarStore       = (*Store)(nil)
	_ exam.Store                  = (*Store)(nil)
	_ exam.RetentionStore         = (*Store)(nil)
	_ session.Transactor          = (*Store)(nil)
	_ session.ReceiptStore        = (*Store)(nil)
)

// New returns an empty Store.
func New() *Store {
	return &Store{
		sessions: table[tpsession.SessionID, session.Session]{
			key:    func(v session.Session) tpsession.SessionID { return v.ID },
			centre: func(v session.Session) tpsession.CentreID { return v.Centre },
			clone:  session.Session.Clone, notFound: session.ErrSessionNotFound, duplicate: session.ErrDuplicateSession,
		},
		events: map[tpsession.SessionID][]session.Event{},
		candidates: table[tpsession.CandidateID, candidate.Candidate]{
			key:    func(v candidate.Candidate) tpsession.CandidateID { return v.ID },
			centre: func(v candidate.Candidate) tpsession.CentreID { return v.Centre },
			clone:  candidate.Candidate.Clone, notFound: candidate.ErrCandidateNotFound, duplicate: candidate.ErrDuplicateCandidate,
		},
		registrations: table[tpsession.RegistrationID, candidate.Registration]{
			key:    func(v candidate.Registration) tpsession.RegistrationID { return v.ID },
			centre: func(v candidate.Registration) tpsession.CentreID { return v.Centre },
			clone:  candidate.Registration.Clone, notFound: candidate.ErrRegistrationNotFound, duplicate: candidate.ErrDuplicateRegistration,
		},
		members: table[tpsession.MemberID, jury.Member]{
			key:    func(v jury.Member) tpsession.MemberID { return v.ID },
			centre: func(v jury.Member) tpsession.CentreID { return v.Centre },
			clone:  jury.Member.Clone, notFound: jury.ErrMemberNotFound, duplicate: jury.ErrDuplicateMember,
		},
		juries: table[tpsession.SessionID, jury.SessionJury]{
			key:    func(v jury.SessionJury) tpsession.SessionID { return v.Session },
			centre: func(v jury.SessionJury) tpsession.CentreID { return v.Centre },
			clone:  jury.SessionJury.Clone, notFound: jury.ErrSessionJuryNotFound, duplicate: jury.ErrDuplicateSessionJury,
		},
		plis: table[tpsession.SessionID, pli.Pli]{
			key:    func(v pli.Pli) tpsession.SessionID { return v.Session },
			centre: func(v pli.Pli) tpsession.CentreID { return v.Centre },
			clone:  pli.Pli.Clone, notFound: pli.ErrPliNotFound, duplicate: pli.ErrDuplicatePli,
		},
		checklists: table[tpsession.SessionID, checklist.Checklist]{
			key:    func(v checklist.Checklist) tpsession.SessionID { return v.Session },
			centre: func(v checklist.Checklist) tpsession.CentreID { return v.Centre },
			clone:  checklist.Checklist.Clone, notFound: checklist.ErrChecklistNotFound, duplicate: checklist.ErrDuplicateChecklist,
		},
		plans: table[tpsession.SessionID, plan.Record]{
			key:    func(v plan.Record) tpsession.SessionID { return v.Session },
			centre: func(v plan.Record) tpsession.CentreID { return v.Centre },
			clone:  plan.Record.Clone, notFound: plan.ErrPlanNotFound,
		},
		agrements: table[tpsession.AgrementID, agrement.Agrement]{
			key:    func(v agrement.Agrement) tpsession.AgrementID { return v.ID },
			centre: func(v agrement.Agrement) tpsession.CentreID { return v.Centre },
			clone:  agrement.Agrement.Clone, notFound: agrement.ErrAgrementNotFound, duplicate: agrement.ErrDuplicateAgrement,
		},
		programmes: table[programmeKey, programme.Programme]{
			key:    func(v programme.Programme) programmeKey { return programmeKey{v.Centre, v.Year} },
			centre: func(v programme.Programme) tpsession.CentreID { return v.Centre },
			clone:  programme.Programme.Clone, notFound: programme.ErrProgrammeNotFound, duplicate: programme.ErrDuplicateProgramme,
		},
		receipts: map[receiptKey]session.Receipt{},
		calendars: table[calendarKey, session.CalendarRecord]{
			key:    func(v session.CalendarRecord) calendarKey { return calendarKey{v.Session, v.Key} },
			centre: func(v session.CalendarRecord) tpsession.CentreID { return v.Centre },
			clone:  session.CalendarRecord.Clone, notFound: session.ErrCalendarNotFound,
		},
		exams: table[tpsession.SessionID, exam.Record]{
			key:    func(v exam.Record) tpsession.SessionID { return v.Session },
			centre: func(v exam.Record) tpsession.CentreID { return v.Centre },
			clone:  exam.Record.Clone, notFound: exam.ErrRecordNotFound, duplicate: exam.ErrDuplicateRecord,
		},
		retentions: table[tpsession.CentreID, exam.Retention]{
			key:    func(v exam.Retention) tpsession.CentreID { return v.Centre },
			centre: func(v exam.Retention) tpsession.CentreID { return v.Centre },
			clone:  exam.Retention.Clone, notFound: exam.ErrRetentionNotFound, duplicate: exam.ErrDuplicateRetention,
		},
	}
}

// txKey marks the context of a transaction with the Store whose mutex it
// holds.
type txKey struct{}

func (s *Store) inTx(ctx context.Context) bool {
	held, _ := ctx.Value(txKey{}).(*Store)
	return held == s
}

// Atomic runs fn so that the Store calls made with the context fn receives
// happen all or none: when fn returns an error (or panics), every change
// they made is undone. A transaction holds the Store's mutex until it ends,
// so transactions are serialised and a check fn makes still holds when it
// writes. Atomic called with a context already inside a transaction of the
// Store runs fn in that transaction.
func (s *Store) Atomic(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if s.inTx(ctx) {
		return fn(ctx)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	saved := s.snapshot()
	committed := false
	defer func() {
		if !committed {
			s.restore(saved)
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{}, s)); err != nil {
		return err
	}
	committed = true
	return nil
}

// snapshot is the state of every table. Stored values are never changed in
// place (updates store fresh copies, events are only appended), so copying
// the maps is enough to restore them.
type snapshot struct {
	sessions      map[tpsession.SessionID]session.Session
	events        map[tpsession.SessionID][]session.Event
	candidates    map[tpsession.CandidateID]candidate.Candidate
	registrations map[tpsession.RegistrationID]candidate.Registration
	members       map[tpsession.MemberID]jury.Member
	juries        map[tpsession.SessionID]jury.SessionJury
	plis          map[tpsession.SessionID]pli.Pli
	checklists    map[tpsession.SessionID]checklist.Checklist
	plans         map[tpsession.SessionID]plan.Record
	agrements     map[tpsession.AgrementID]agrement.Agrement
	programmes    map[programmeKey]programme.Programme
	receipts      map[receiptKey]session.Receipt
	calendars     map[calendarKey]session.CalendarRecord
	exams         map[tpsession.SessionID]exam.Record
	retentions    map[tpsession.CentreID]exam.Retention
}

func (s *Store) snapshot() snapshot {
	return snapshot{
		sessions: maps.Clone(s.sessions.rows), events: maps.Clone(s.events),
		candidates: maps.Clone(s.candidates.rows), registrations: maps.Clone(s.registrations.rows),
		members: maps.Clone(s.members.rows), juries: maps.Clone(s.juries.rows), plis: maps.Clone(s.plis.rows),
		checklists: maps.Clone(s.checklists.rows), plans: maps.Clone(s.plans.rows),
		agrements: maps.Clone(s.agrements.rows), programmes: maps.Clone(s.programmes.rows), calendars: maps.Clone(s.calendars.rows),
		exams: maps.Clone(s.exams.rows), retentions: maps.Clone(s.retentions.rows),
		receipts: maps.Clone(s.receipts),
	}
}

func (s *Store) restore(v snapshot) {
	s.sessions.rows, s.events = v.sessions, v.events
	s.candidates.rows, s.registrations.rows = v.candidates, v.registrations
	s.members.rows, s.juries.rows, s.plis.rows = v.members, v.juries, v.plis
	s.checklists.rows, s.plans.rows = v.checklists, v.plans
	s.agrements.rows, s.programmes.rows = v.agrements, v.programmes
	s.receipts = v.receipts
	s.calendars.rows = v.calendars
	s.exams.rows, s.retentions.rows = v.exams, v.retentions
}

// read runs f under the mutex (already held inside a transaction), unless
// ctx is done.
func read[T any](s *Store, ctx context.Context, f func() (T, error)) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	if !s.inTx(ctx) {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	return f()
}

// write runs f under the mutex, unless ctx is done.
func write(s *Store, ctx context.Context, f func() error) error {
	_, err := read(s, ctx, func() (struct{}, error) { return struct{}{}, f() })
	return err
}

func sorted[T any](vs []T, by func(a, b T) int) ([]T, error) {
	slices.SortFunc(vs, by)
	return vs, nil
}

// Sessions.

func (s *Store) CreateSession(ctx context.Context, v session.Session) error {
	return write(s, ctx, func() error { return s.sessions.insert(v) })
}

func (s *Store) Session(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) (session.Session, error) {
	return read(s, ctx, func() (session.Session, error) { return s.sessions.get(centre, id) })
}

func (s *Store) UpdateSession(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID, fn func(*session.Session) error) error {
	return write(s, ctx, func() error { return s.sessions.update(centre, id, fn, nil) })
}

func (s *Store) Sessions(ctx context.Context, centre tpsession.CentreID, f session.Filter) ([]session.Session, error) {
	return read(s, ctx, func() ([]session.Session, error) {
		out, _ := sorted(s.sessions.list(centre, func(v session.Session) bool {
			return f.Match(v) && (f.After == nil || f.After.Before(v.Position()))
		}), func(a, b session.Session) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
		})
		return page(out, f.Limit), nil
	})
}

// page returns the first limit values of vs, all of them when limit is not
// positive, and never nil.
func page[T any](vs []T, limit int) []T {
	if limit > 0 && len(vs) > limit {
		vs = vs[:limit]
	}
	if vs == nil {
		return []T{}
	}
	return vs
}

// Event log.

func (s *Store) AppendEvent(ctx context.Context, e session.Event) error {
	return write(s, ctx, func() error {
		s.events[e.Session] = append(s.events[e.Session], e)
		return nil
	})
}

func (s *Store) Events(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID) ([]session.Event, error) {
	return read(s, ctx, func() ([]session.Event, error) {
		var out []session.Event
		for _, e := range s.events[id] {
			if e.Centre == centre {
				out = append(out, e)
			}
		}
		slices.SortStableFunc(out, func(a, b session.Event) int { return a.At.Compare(b.At) })
		return out, nil
	})
}

// RewriteDetails replaces the details of the session's events for which
// fn gives a new one; the rest of each event stays.
func (s *Store) RewriteDetails(ctx context.Context, centre tpsession.CentreID, id tpsession.SessionID, fn func(session.Event) (string, bool)) error {
	return write(s, ctx, func() error {
		evs := slices.Clone(s.events[id])
		for i, e := range evs {
			if e.Centre != centre {
				continue
			}
			if d, ok := fn(e); ok {
				evs[i].Detail = d
			}
		}
		s.events[id] = evs
		return nil
	})
}

// Candidates.

func (s *Store) CreateCandidate(ctx context.Context, c candidate.Candidate) error {
	return write(s, ctx, func() error { return s.candidates.insert(c) })
}

func (s *Store) Candidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID) (candidate.Candidate, error) {
	return read(s, ctx, func() (candidate.Candidate, error) { return s.candidates.get(centre, id) })
}

func (s *Store) UpdateCandidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID, fn func(*candidate.Candidate) error) error {
	return write(s, ctx, func() error { return s.candidates.update(centre, id, fn, nil) })
}

func (s *Store) CandidatesOfCentre(ctx context.Context, centre tpsession.CentreID) ([]candidate.Candidate, error) {
	return read(s, ctx, func() ([]candidate.Candidate, error) {
		return sorted(s.candidates.list(centre, nil), func(a, b candidate.Candidate) int { return cmp.Compare(a.ID, b.ID) })
	})
}

func (s *Store) Candidates(ctx context.Context, centre tpsession.CentreID, q candidate.Query) ([]candidate.Candidate, error) {
	return read(s, ctx, func() ([]candidate.Candidate, error) {
		var registered map[tpsession.CandidateID]bool
		if q.Session != "" {
			registered = map[tpsession.CandidateID]bool{}
			for _, r := range s.registrations.rows {
				if r.Centre == centre && r.Session == q.Session && r.Active() {
					registered[r.Candidate] = true
				}
			}
		}
		out := s.candidates.list(centre, func(c candidate.Candidate) bool {
			return q.Match(c) && (registered == nil || registered[c.ID]) && (q.After == nil || q.After.Before(c.Position()))
		})
		slices.SortFunc(out, func(a, b candidate.Candidate) int {
			return cmp.Or(strings.Compare(a.NameKey(), b.NameKey()), cmp.Compare(a.ID, b.ID))
		})
		return page(out, q.Limit), nil
	})
}

// Registrations.

func byRegistration(a, b candidate.Registration) int {
	return cmp.Or(a.RegisteredAt.Compare(b.RegisteredAt), cmp.Compare(a.ID, b.ID))
}

func (s *Store) CreateRegistration(ctx context.Context, r candidate.Registration) error {
	return write(s, ctx, func() error {
		if _, ok := s.registrationID(r.Centre, r.Session, r.Candidate, true); ok && r.Active() {
			return candidate.ErrDuplicateRegistration
		}
		return s.registrations.insert(r)
	})
}

// registrationID finds the registration of (sid, cid): the active one, or
// (unless activeOnly) the withdrawn one registered last.
func (s *Store) registrationID(centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID, activeOnly bool) (tpsession.RegistrationID, bool) {
	var found *candidate.Registration
	for _, r := range s.registrations.rows {
		if r.Centre != centre || r.Session != sid || r.Candidate != cid || activeOnly && !r.Active() {
			continue
		}
		if found == nil || r.Active() && !found.Active() || r.Active() == found.Active() && byRegistration(r, *found) > 0 {
			found = &r
		}
	}
	if found == nil {
		return "", false
	}
	return found.ID, true
}

func (s *Store) Registration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID) (candidate.Registration, error) {
	return read(s, ctx, func() (candidate.Registration, error) {
		id, ok := s.registrationID(centre, sid, cid, false)
		if !ok {
			return candidate.Registration{}, candidate.ErrRegistrationNotFound
		}
		return s.registrations.get(centre, id)
	})
}

func (s *Store) UpdateRegistration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID, fn func(*candidate.Registration) error) error {
	return write(s, ctx, func() error {
		id, ok := s.registrationID(centre, sid, cid, false)
		if !ok {
			return candidate.ErrRegistrationNotFound
		}
		return s.registrations.update(centre, id, fn, func(old, new candidate.Registration) error {
			if old.Session != new.Session || old.Candidate != new.Candidate || !old.RegisteredAt.Equal(new.RegisteredAt) {
				return errKeyChanged
			}
			return nil
		})
	})
}

func (s *Store) RegistrationsOfSession(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) ([]candidate.Registration, error) {
	return read(s, ctx, func() ([]candidate.Registration, error) {
		return sorted(s.registrations.list(centre, func(r candidate.Registration) bool { return r.Session == sid }), byRegistration)
	})
}

func (s *Store) RegistrationsOfCandidate(ctx context.Context, centre tpsession.CentreID, cid tpsession.CandidateID) ([]candidate.Registration, error) {
	return read(s, ctx, func() ([]candidate.Registration, error) {
		return sorted(s.registrations.list(centre, func(r candidate.Registration) bool { return r.Candidate == cid }), byRegistration)
	})
}

// Jury members.

func byMemberID(a, b jury.Member) int { return cmp.Compare(a.ID, b.ID) }

// emailTaken reports whether another member of the centre has the e-mail.
func (s *Store) emailTaken(m jury.Member) bool {
	for _, o := range s.members.rows {
		if o.Centre == m.Centre && o.ID != m.ID && o.Email == m.Email {
			return true
		}
	}
	return false
}

func (s *Store) CreateMember(ctx context.Context, m jury.Member) error {
	return write(s, ctx, func() error {
		if s.emailTaken(m) {
			return jury.ErrDuplicateMember.Withf("the centre already has a jury member with the e-mail %s", m.Email)
		}
		return s.members.insert(m)
	})
}

func (s *Store) Member(ctx context.Context, centre tpsession.CentreID, id tpsession.MemberID) (jury.Member, error) {
	return read(s, ctx, func() (jury.Member, error) { return s.members.get(centre, id) })
}

func (s *Store) MemberByEmail(ctx context.Context, centre tpsession.CentreID, email string) (jury.Member, error) {
	email, err := jury.NormalizeEmail(email)
	if err != nil {
		return jury.Member{}, jury.ErrMemberNotFound
	}
	return read(s, ctx, func() (jury.Member, error) {
		for _, m := range s.members.rows {
			if m.Centre == centre && m.Email == email {
				return m.Clone(), nil
			}
		}
		return jury.Member{}, jury.ErrMemberNotFound
	})
}

func (s *Store) UpdateMember(ctx context.Context, centre tpsession.CentreID, id tpsession.MemberID, fn func(*jury.Member) error) error {
	return write(s, ctx, func() error {
		return s.members.update(centre, id, fn, func(_, new jury.Member) error {
			if s.emailTaken(new) {
				return jury.ErrDuplicateMember.Withf("the centre already has a jury member with the e-mail %s", new.Email)
			}
			return nil
		})
	})
}

func (s *Store) Members(ctx context.Context, centre tpsession.CentreID) ([]jury.Member, error) {
	return read(s, ctx, func() ([]jury.Member, error) { return sorted(s.members.list(centre, nil), byMemberID) })
}

func (s *Store) HabilitatedMembers(ctx context.Context, centre tpsession.CentreID, title tpsession.TitleCode, period tpsession.DateRange) ([]jury.Member, error) {
	return read(s, ctx, func() ([]jury.Member, error) {
		return sorted(s.members.list(centre, func(m jury.Member) bool { return m.HabilitatedOver(title, period) }), byMemberID)
	})
}

// Session juries.

func (s *Store) CreateSessionJury(ctx context.Context, j jury.SessionJury) error {
	return write(s, ctx, func() error { return s.juries.insert(j) })
}

func (s *Store) SessionJury(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (jury.SessionJury, error) {
	return read(s, ctx, func() (jury.SessionJury, error) { return s.juries.get(centre, sid) })
}

func (s *Store) UpdateSessionJury(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*jury.SessionJury) error) error {
	return write(s, ctx, func() error { return s.juries.update(centre, sid, fn, nil) })
}

func (s *Store) SessionJuriesOfMember(ctx context.Context, centre tpsession.CentreID, mid tpsession.MemberID) ([]jury.SessionJury, error) {
	return read(s, ctx, func() ([]jury.SessionJury, error) {
		invited := func(j jury.SessionJury) bool {
			return slices.ContainsFunc(j.Invitations, func(i jury.Invitation) bool { return i.Member == mid })
		}
		return sorted(s.juries.list(centre, invited), func(a, b jury.SessionJury) int { return cmp.Compare(a.Session, b.Session) })
	})
}

// Plis.

func (s *Store) CreatePli(ctx context.Context, p pli.Pli) error {
	return write(s, ctx, func() error {
		for _, o := range s.plis.rows {
			if o.ID == p.ID {
				return pli.ErrDuplicatePli
			}
		}
		return s.plis.insert(p)
	})
}

func (s *Store) Pli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (pli.Pli, error) {
	return read(s, ctx, func() (pli.Pli, error) { return s.plis.get(centre, sid) })
}

func (s *Store) UpdatePli(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*pli.Pli) error) error {
	return write(s, ctx, func() error {
		return s.plis.update(centre, sid, fn, func(old, new pli.Pli) error {
			if old.ID != new.ID {
				return errKeyChanged
			}
			if !new.Custody.Extends(old.Custody) {
				return pli.ErrCustodyRewritten
			}
			return nil
		})
	})
}

// Checklists.

func (s *Store) CreateChecklist(ctx context.Context, c checklist.Checklist) error {
	return write(s, ctx, func() error { return s.checklists.insert(c) })
}

func (s *Store) Checklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (checklist.Checklist, error) {
	return read(s, ctx, func() (checklist.Checklist, error) { return s.checklists.get(centre, sid) })
}

func (s *Store) UpdateChecklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*checklist.Checklist) error) error {
	return write(s, ctx, func() error { return s.checklists.update(centre, sid, fn, nil) })
}

// Plans.

func (s *Store) PutPlan(ctx context.Context, r plan.Record) error {
	return write(s, ctx, func() error {
		if old, ok := s.plans.rows[r.Session]; ok && old.Centre != r.Centre {
			return plan.ErrPlanNotFound // another centre's session
		}
		if s.plans.rows == nil {
			s.plans.rows = map[tpsession.SessionID]plan.Record{}
		}
		s.plans.rows[r.Session] = r.Clone()
		return nil
	})
}

func (s *Store) Plan(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (plan.Record, error) {
	return read(s, ctx, func() (plan.Record, error) { return s.plans.get(centre, sid) })
}

// Agréments.

func (s *Store) CreateAgrement(ctx context.Context, a agrement.Agrement) error {
	return write(s, ctx, func() error { return s.agrements.insert(a) })
}

func (s *Store) Agrement(ctx context.Context, centre tpsession.CentreID, id tpsession.AgrementID) (agrement.Agrement, error) {
	return read(s, ctx, func() (agrement.Agrement, error) { return s.agrements.get(centre, id) })
}

func (s *Store) UpdateAgrement(ctx context.Context, centre tpsession.CentreID, id tpsession.AgrementID, fn func(*agrement.Agrement) error) error {
	return write(s, ctx, func() error { return s.agrements.update(centre, id, fn, nil) })
}

func (s *Store) Agrements(ctx context.Context, centre tpsession.CentreID) ([]agrement.Agrement, error) {
	return read(s, ctx, func() ([]agrement.Agrement, error) {
		return sorted(s.agrements.list(centre, nil), func(a, b agrement.Agrement) int { return cmp.Compare(a.ID, b.ID) })
	})
}

// Yearly programming.

func (s *Store) CreateProgramme(ctx context.Context, p programme.Programme) error {
	return write(s, ctx, func() error { return s.programmes.insert(p) })
}

func (s *Store) Programme(ctx context.Context, centre tpsession.CentreID, year int) (programme.Programme, error) {
	return read(s, ctx, func() (programme.Programme, error) { return s.programmes.get(centre, programmeKey{centre, year}) })
}

func (s *Store) UpdateProgramme(ctx context.Context, centre tpsession.CentreID, year int, fn func(*programme.Programme) error) error {
	return write(s, ctx, func() error { return s.programmes.update(centre, programmeKey{centre, year}, fn, nil) })
}

func (s *Store) Programmes(ctx context.Context, centre tpsession.CentreID) ([]programme.Programme, error) {
	return read(s, ctx, func() ([]programme.Programme, error) {
		return sorted(s.programmes.list(centre, nil), func(a, b programme.Programme) int { return cmp.Compare(a.Year, b.Year) })
	})
}

// Receipts.

func (s *Store) Receipt(ctx context.Context, centre tpsession.CentreID, key string) (session.Receipt, error) {
	return read(s, ctx, func() (session.Receipt, error) {
		r, ok := s.receipts[receiptKey{centre, key}]
		if !ok {
			return session.Receipt{}, session.ErrReceiptNotFound
		}
		return r.Clone(), nil
	})
}

func (s *Store) PutReceipt(ctx context.Context, r session.Receipt) error {
	return write(s, ctx, func() error {
		s.receipts[receiptKey{r.Centre, r.Key}] = r.Clone()
		return nil
	})
}

func (s *Store) ForgetReceipts(ctx context.Context, centre tpsession.CentreID, before time.Time) error {
	return write(s, ctx, func() error {
		maps.DeleteFunc(s.receipts, func(k receiptKey, r session.Receipt) bool { return k.centre == centre && r.At.Before(before) })
		return nil
	})
}

// Calendars.

// UpdateCalendar applies fn to the calendar's record, a new one when none
// is stored; another centre's record of the same key is not found.
func (s *Store) UpdateCalendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string, fn func(*session.CalendarRecord) error) error {
	return write(s, ctx, func() error {
		k := calendarKey{sid, key}
		if _, ok := s.calendars.rows[k]; !ok {
			r := session.CalendarRecord{Centre: centre, Session: sid, Key: key}
			if err := fn(&r); err != nil {
				return err
			}
			if r.Centre != centre || r.Session != sid || r.Key != key {
				return errKeyChanged
			}
			return s.calendars.insert(r)
		}
		return s.calendars.update(centre, k, fn, nil)
	})
}

func (s *Store) Calendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string) (session.CalendarRecord, error) {
	return read(s, ctx, func() (session.CalendarRecord, error) { return s.calendars.get(centre, calendarKey{sid, key}) })
}

// Exam records.

func (s *Store) CreateRecord(ctx context.Context, r exam.Record) error {
	return write(s, ctx, func() error { return s.exams.insert(r) })
}

func (s *Store) Record(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (exam.Record, error) {
	return read(s, ctx, func() (exam.Record, error) { return s.exams.get(centre, sid) })
}

func (s *Store) UpdateRecord(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*exam.Record) error) error {
	return write(s, ctx, func() error { return s.exams.update(centre, sid, fn, exam.Vet) })
}

// Retention periods.

func (s *Store) CreateRetention(ctx context.Context, r exam.Retention) error {
	return write(s, ctx, func() error { return s.retentions.insert(r) })
}

func (s *Store) Retention(ctx context.Context, centre tpsession.CentreID) (exam.Retention, error) {
	return read(s, ctx, func() (exam.Retention, error) { return s.retentions.get(centre, centre) })
}

func (s *Store) UpdateRetention(ctx context.Context, centre tpsession.CentreID, fn func(*exam.Retention) error) error {
	return write(s, ctx, func() error { return s.retentions.update(centre, centre, fn, nil) })
}
