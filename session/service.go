package session

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
	"github.com/tpsession/tpsession/session/titles"
)

// Stores are the stores the Service works with. Every field is required
// but Tx: when the stores can make several writes all or nothing, Tx runs
// each command — its checks and its writes — in one transaction. Without
// it, each store call is atomic on its own, and two commands racing on one
// session may interleave between a check and a write.
type Stores struct {
	Sessions      Store
	Events        EventLog
	Candidates    candidate.CandidateStore
	Registrations candidate.RegistrationStore
	Members       jury.MemberStore
	Juries        jury.SessionJuryStore
	Plis          pli.Store
	Checklists    checklist.Store
	Plans         plan.Store
	Agrements     agrement.Store
	Programmes    programme.Store
	Calendars     CalendarStore
	// Exams keeps what happens from the opening on; Retentions the
	// centres' retention periods.
	Exams      exam.Store
	Retentions exam.RetentionStore
	// Receipts keeps the answers of the commands run by Idempotent.
	Receipts ReceiptStore
	Tx       Transactor
}

// Backend is a store that keeps every aggregate and runs units of work, as
// the adapters memstore, sqlite and postgres do: StoresOf wires it into
// every field of Stores.
type Backend interface {
	Store
	EventLog
	candidate.CandidateStore
	candidate.RegistrationStore
	jury.MemberStore
	jury.SessionJuryStore
	pli.Store
	checklist.Store
	plan.Store
	agrement.Store
	programme.Store
	CalendarStore
	exam.Store
	exam.RetentionStore
	ReceiptStore
	Transactor
}

// StoresOf returns Stores that keep everything in b.
func StoresOf(b Backend) Stores {
	return Stores{
		Sessions: b, Events: b, Candidates: b, Registrations: b, Members: b, Juries: b, Plis: b,
		Checklists: b, Plans: b, Agrements: b, Programmes: b, Calendars: b, Exams: b, Retentions: b,
		Receipts: b, Tx: b,
	}
}

// Config tunes a Service. The zero value is usable: the system clock, the
// Europe/Paris day, and the leaflet's 31-day convocation lead time for every
// kind of session.
type Config struct {
	// Clock tells the time; nil is the system clock.
	Clock tpsession.Clock
	// Location is the time zone of "today"; nil is Europe/Paris, which
	// needs the system's zoneinfo or the host program to import
	// time/tzdata.
	Location *time.Location
	// Convocations sets the convocation lead time per kind of session
	// (docs/rules.md#where-sources-disagree: they disagree for CCP and CCS
	// sessions).
	Convocations candidate.ConvocationPolicy
	// Jury sets the notice an employed member's leave request needs, when
	// a collective agreement asks for more than the 15 days of the Code
	// du travail, and how conflicts of interest are read (jury.ConflictRules:
	// the company or the establishment, the trainer, the training
	// organisation or declared links only).
	Jury jury.Policy
	// Titles is the title register the sessions are checked against; nil
	// is the register shipped with the library (titles.Default). A centre
	// loads its own file with titles.Decode.
	Titles *titles.Register
	// MaxSessionDays is the longest a session may last, in calendar days;
	// zero is DefaultMaxSessionDays.
	MaxSessionDays int
	// Exam sets the readings of the rules of the exam days that come from
	// the abrogated 2008 règlement général or from no text: the jury's
	// quorum, how often identities are checked, whether trainers may
	// watch their candidates, the witnesses of a fraud report, the default
	// retention period (docs/rules.md#where-sources-disagree).
	Exam exam.Rules
}

// Actor is who performs an action: the centre they act for, which bounds
// everything they can reach, and their name as the logs record it.
//
// Role and Member are what the role rules (Policy) read: an adapter that
// serves users of several roles sets them and applies the Policy before it
// calls the Service. The Service's methods themselves act for whoever calls
// them, so the centre's own software, acting as its staff, may leave them
// empty.
type Actor struct {
	Centre tpsession.CentreID
	Name   string
	// Role is the actor's role; empty is allowed only where no Policy is
	// applied (the Policy refuses every action to an actor without one).
	Role Role
	// Member is, for the jury role, the member record of the centre's
	// directory the actor is; empty when none matches it, and then the
	// actor sees no session.
	Member tpsession.MemberID
}

// Service is the one orchestrator of a session's lifecycle: one method per
// user action. Each method reads the clock once to fix "today" in the
// centre's time zone, loads what it needs, calls the rule of the package
// that owns it, and writes the aggregate the action changes, with the
// session's milestones and an entry in the session's event log (in one
// transaction when the stores provide one). It is the only type that holds
// the stores and the clock, and it is safe for concurrent use.
type Service struct {
	st     Stores
	clock  tpsession.Clock
	loc    *time.Location
	conv   candidate.ConvocationPolicy
	jury   jury.Policy
	titles titles.Register
	// maxDays is the longest a session may last, in calendar days.
	maxDays int
	exam    exam.Rules
}

// ConflictRules returns how the service reads conflicts of interest
// (Config.Jury.Conflicts), for a caller that lists them with
// jury.FindConflicts.
func (s *Service) ConflictRules() jury.ConflictRules { return s.jury.Conflicts }

// NewService returns a Service over the stores.
func NewService(st Stores, cfg Config) (*Service, error) {
	var missing []string
	for name, s := range map[string]any{
		"Sessions": st.Sessions, "Events": st.Events, "Candidates": st.Candidates, "Registrations": st.Registrations,
		"Members": st.Members, "Juries": st.Juries, "Plis": st.Plis, "Checklists": st.Checklists, "Plans": st.Plans,
		"Agrements": st.Agrements, "Programmes": st.Programmes,
		"Calendars": st.Calendars, "Exams": st.Exams, "Retentions": st.Retentions, "Receipts": st.Receipts,
	} {
		if s == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, tpsession.ErrInternal.Withf("session.NewService: no store for %s", strings.Join(missing, ", "))
	}
	if err := cfg.Jury.Conflicts.Check(); err != nil {
		return nil, tpsession.ErrInternal.Withf("session.NewService: %s", tpsession.MessageOf(err)).Wrap(err)
	}
	if cfg.MaxSessionDays < 0 {
		return nil, tpsession.ErrInternal.Withf("session.NewService: MaxSessionDays is %d: give a positive number of days, or zero for the default", cfg.MaxSessionDays)
	}
	if err := cfg.Exam.Check(); err != nil {
		return nil, tpsession.ErrInternal.Withf("session.NewService: %s", tpsession.MessageOf(err)).Wrap(err)
	}
	s := &Service{st: st, clock: cfg.Clock, loc: cfg.Location, conv: cfg.Convocations, jury: cfg.Jury, maxDays: cfg.MaxSessionDays, exam: cfg.Exam}
	if s.maxDays == 0 {
		s.maxDays = DefaultMaxSessionDays
	}
	if cfg.Titles != nil {
		s.titles = *cfg.Titles
	} else {
		reg, err := titles.Default()
		if err != nil {
			return nil, tpsession.ErrInternal.Withf("session.NewService: the shipped title register does not read").Wrap(err)
		}
		s.titles = reg
	}
	if s.clock == nil {
		s.clock = tpsession.SystemClock{}
	}
	if s.loc == nil {
		loc, err := tpsession.LoadParis()
		if err != nil {
			return nil, err
		}
		s.loc = loc
	}
	return s, nil
}

// op is one command's view of time: the clock is read once per command,
// once the command's transaction has begun (see atomic).
type op struct {
	now   time.Time
	today date.Date
}

func (s *Service) begin() op {
	now := s.clock.Now()
	return op{now: now, today: date.NewAt(now.In(s.loc))}
}

// opKey marks the context of a command's transaction with the command's
// time, so that a step which is itself atomic joins the transaction and
// shares the time instead of opening another.
type opKey struct{}

// atomic runs fn in one transaction when the stores provide one; called
// within a transaction, it runs fn in it. Without a Transactor each store
// call is atomic on its own only.
//
// fn receives the command's time, read from the clock once the
// transaction has begun, which is once it holds the stores' write lock
// (Transactor): commands that wait for one another read the clock in the
// order they commit, so the event log and the custody log, read by time,
// are in commit order. A time read before waiting would stamp a command
// that waited earlier than the one it waited for.
func (s *Service) atomic(ctx context.Context, fn func(ctx context.Context, o op) error) error {
	if o, ok := ctx.Value(opKey{}).(op); ok {
		return fn(ctx, o)
	}
	run := func(ctx context.Context) error {
		o := s.begin()
		return fn(context.WithValue(ctx, opKey{}, o), o)
	}
	if s.st.Tx == nil {
		return run(ctx)
	}
	return s.st.Tx.Atomic(ctx, run)
}

// record appends an event to the session's log.
func (s *Service) record(ctx context.Context, by Actor, sid tpsession.SessionID, o op, action, format string, args ...any) error {
	return s.recordAt(ctx, by, sid, o.now, action, format, args...)
}

// recordAt appends an event at the instant at to the session's log.
func (s *Service) recordAt(ctx context.Context, by Actor, sid tpsession.SessionID, at time.Time, action, format string, args ...any) error {
	return s.st.Events.AppendEvent(ctx, Event{
		ID: tpsession.NewEventID(), Centre: by.Centre, Session: sid, At: at,
		Actor: by.Name, Action: action, Detail: fmt.Sprintf(format, args...),
	})
}

// checkActor refuses an actor without a centre or a name: every action is
// recorded with who made it, for the centre it was made in.
func checkActor(by Actor) error {
	if _, err := tpsession.ParseCentreID(string(by.Centre)); err != nil {
		return tpsession.ErrForbidden.Withf("the actor belongs to no valid centre").Wrap(err)
	}
	if strings.TrimSpace(by.Name) == "" {
		return tpsession.ErrForbidden.Withf("the actor has no name: every action is recorded with who made it")
	}
	if by.Role != "" {
		if _, err := ParseRole(string(by.Role)); err != nil {
			return tpsession.ErrForbidden.Withf("the actor's role %q is unknown", tpsession.Truncate(string(by.Role), 40))
		}
	}
	return nil
}

// writable loads a session that may still change.
func (s *Service) writable(ctx context.Context, by Actor, sid tpsession.SessionID) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
	if err != nil {
		return Session{}, err
	}
	return ses, ses.CheckWritable()
}

// orToday is the day a past fact was recorded: the given day, or today when
// none was given.
func orToday(on, today date.Date) date.Date {
	if on == date.Zero {
		return today
	}
	return on
}
