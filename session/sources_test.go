package session_test

// Rule cases written from the sources (the Ministry's leaflet, the arrêtés,
// the guidance sites), black-box, through the Service only: every rule the
// library claims in docs/rules.md, on both sides of its boundary, with the
// kind of each refusal, the field or dates it names, and nothing stored
// changed by a refused command.

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
	_ "github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
	"github.com/tpsession/tpsession/session/titles"
)

// srcDay is a calendar day written as the sources write them.
func srcDay(s string) date.Date {
	d, err := tpsession.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// srcWorld is one centre's library: a service over the in-memory store, with
// a clock the test moves from day to day.
type srcWorld struct {
	t     *testing.T
	ctx   context.Context
	svc   *session.Service
	clock *tpsession.FixedClock
	paris *time.Location
	by    session.Actor
}

const (
	srcSite        = "Centre Lumière, 12 rue des Lilas, 69003 Lyon"
	srcCDA         = "TP-01281"
	srcREMN        = "TP-01336"
	srcResponsable = "Claire Martin"
)

func newSrcWorld(t *testing.T, cfg session.Config) *srcWorld {
	t.Helper()
	paris, err := tpsession.LoadParis()
	if err != nil {
		t.Fatal(err)
	}
	clock := tpsession.NewFixedClock(time.Date(2026, 11, 16, 9, 0, 0, 0, paris))
	cfg.Clock, cfg.Location = clock, paris
	svc, err := session.NewService(session.StoresOf(memstore.New()), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &srcWorld{t: t, ctx: context.Background(), svc: svc, clock: clock, paris: paris,
		by: session.Actor{Centre: "centre-lumiere", Name: srcResponsable, Role: session.RoleAdmin}}
}

// on moves the clock to 10:00 of day d.
func (w *srcWorld) on(d date.Date) { w.at(d, 10, 0) }

func (w *srcWorld) at(d date.Date, hh, mm int) {
	w.clock.Set(d.Time(0, w.paris).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute))
}

// details are a session titre of the CDA at the centre's site.
func srcDetails(start, end string) session.Details {
	return session.Details{Title: srcCDA, Kind: "titre", Site: srcSite,
		Start: srcDay(start), End: srcDay(end), PlannedCandidates: 4,
		Responsable: session.Person{Name: srcResponsable, Email: "claire.martin@lumiere.fr"}}
}

func (w *srcWorld) create(d session.Details) session.Session {
	w.t.Helper()
	s, err := w.svc.CreateSession(w.ctx, w.by, d)
	if err != nil {
		w.t.Fatalf("create session %s to %s: %v", d.Start, d.End, err)
	}
	return s
}

func (w *srcWorld) member(name, employer string, habs ...jury.HabilitationInput) jury.Member {
	w.t.Helper()
	if habs == nil {
		habs = []jury.HabilitationInput{{TitleCode: srcCDA, ValidFrom: "2024-01-01", ValidUntil: "2028-12-18"}}
	}
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.fr"
	m, err := w.svc.CreateMember(w.ctx, w.by, jury.MemberInput{Name: name, Email: email, EmployerSIRET: employer, Habilitations: habs})
	if err != nil {
		w.t.Fatalf("member %s: %v", name, err)
	}
	return m
}

func (w *srcWorld) candidate(in candidate.CandidateInput) candidate.Candidate {
	w.t.Helper()
	if in.LastName == "" {
		in.LastName = "Dubois"
	}
	if in.FirstName == "" {
		in.FirstName = fmt.Sprintf("Léa %c", 'A'+len(w.mustCandidates()))
	}
	if in.BirthDate == "" {
		in.BirthDate = "1998-04-12"
	}
	if in.Route == "" {
		in.Route = "formation"
	}
	c, err := w.svc.CreateCandidate(w.ctx, w.by, in)
	if err != nil {
		w.t.Fatalf("candidate %s %s: %v", in.FirstName, in.LastName, err)
	}
	return c
}

func (w *srcWorld) mustCandidates() []candidate.Candidate {
	cs, err := w.svc.Candidates(w.ctx, w.by, candidate.Query{})
	if err != nil {
		w.t.Fatal(err)
	}
	return cs
}

func (w *srcWorld) accept(sid tpsession.SessionID, ms ...jury.Member) {
	w.t.Helper()
	for _, m := range ms {
		if _, _, err := w.svc.Invite(w.ctx, w.by, sid, m.ID); err != nil {
			w.t.Fatalf("invite %s: %v", m.Name, err)
		}
		if _, err := w.svc.AnswerInvitation(w.ctx, w.by, sid, m.ID, true); err != nil {
			w.t.Fatalf("accept %s: %v", m.Name, err)
		}
	}
}

func (w *srcWorld) convocation(appointment string) candidate.ConvocationInput {
	return candidate.ConvocationInput{Appointment: appointment, Place: srcSite, Documents: candidate.UsualDocuments()}
}

// convoke registers c, drafts and validates the convocation today, and
// records its delivery by hand.
func (w *srcWorld) convoke(sid tpsession.SessionID, c candidate.Candidate, appointment string, req session.RegistrationRequest) {
	w.t.Helper()
	if _, err := w.svc.RegisterWith(w.ctx, w.by, sid, c.ID, req); err != nil {
		w.t.Fatalf("register %s: %v", c.FirstName, err)
	}
	if _, err := w.svc.DraftConvocation(w.ctx, w.by, sid, c.ID, w.convocation(appointment)); err != nil {
		w.t.Fatalf("draft %s: %v", c.FirstName, err)
	}
	if _, err := w.svc.ValidateConvocation(w.ctx, w.by, sid, c.ID, date.Zero); err != nil {
		w.t.Fatalf("validate %s: %v", c.FirstName, err)
	}
	if _, err := w.svc.RecordDelivery(w.ctx, w.by, sid, c.ID, candidate.DeliveryInput{
		Method: "hand", DeliveredOn: w.svc.Today().String(), ReceivedBy: c.FirstName + " " + c.LastName}); err != nil {
		w.t.Fatalf("deliver %s: %v", c.FirstName, err)
	}
}

// srcState is everything the stores hold that a command may change.
type srcState struct {
	Session       session.Session
	Milestones    session.Milestones
	Registrations []candidate.Registration
	Jury          jury.SessionJury
	Pli           pli.Pli
	Checklist     checklist.Checklist
	Exam          session.ExamState
	Events        []session.Event
	Candidates    []candidate.Candidate
	Members       []jury.Member
	Agrements     []agrement.Agrement
	Programmes    []programme.Programme
	Retention     exam.Retention
	Sessions      []session.Session
	Errors        []string
}

func (w *srcWorld) state(sid tpsession.SessionID) srcState {
	var st srcState
	keep := func(err error) {
		if err != nil {
			st.Errors = append(st.Errors, err.Error())
		}
	}
	var err error
	st.Sessions, err = w.svc.Sessions(w.ctx, w.by, session.Filter{})
	keep(err)
	st.Candidates, err = w.svc.Candidates(w.ctx, w.by, candidate.Query{})
	keep(err)
	st.Members, err = w.svc.Members(w.ctx, w.by, "", tpsession.DateRange{})
	keep(err)
	st.Agrements, err = w.svc.Agrements(w.ctx, w.by)
	keep(err)
	st.Programmes, err = w.svc.Programmes(w.ctx, w.by)
	keep(err)
	st.Retention, err = w.svc.Retention(w.ctx, w.by)
	keep(err)
	if sid == "" {
		return st
	}
	st.Session, err = w.svc.Session(w.ctx, w.by, sid)
	keep(err)
	st.Milestones = st.Session.Milestones()
	st.Registrations, err = w.svc.Registrations(w.ctx, w.by, sid)
	keep(err)
	st.Jury, err = w.svc.SessionJury(w.ctx, w.by, sid)
	keep(err)
	st.Pli, err = w.svc.Pli(w.ctx, w.by, sid)
	keep(err)
	st.Checklist, err = w.svc.Checklist(w.ctx, w.by, sid)
	keep(err)
	st.Exam, err = w.svc.Exam(w.ctx, w.by, sid)
	keep(err)
	st.Events, err = w.svc.Events(w.ctx, w.by, sid)
	keep(err)
	return st
}

// refused runs a command that the rules refuse, and checks the refusal:
// its kind, its code (the sentinel), the facts it names, and that nothing
// stored changed.
func (w *srcWorld) refused(sid tpsession.SessionID, kind tpsession.Kind, sentinel error, mentions []string, cmd func() error) *tpsession.Error {
	w.t.Helper()
	before := w.state(sid)
	err := cmd()
	if err == nil {
		w.t.Errorf("accepted; want a refusal %v", sentinel)
		return nil
	}
	var te *tpsession.Error
	if !errors.As(err, &te) {
		w.t.Errorf("refusal %v (%T) is not a *tpsession.Error", err, err)
		return nil
	}
	if te.Kind != kind {
		w.t.Errorf("refusal %v has kind %v, want %v", err, te.Kind, kind)
	}
	if sentinel != nil && !errors.Is(err, sentinel) {
		w.t.Errorf("refusal %v is not %v", err, sentinel)
	}
	text := err.Error()
	for _, f := range te.Fields {
		text += " " + f.String()
	}
	for _, m := range mentions {
		if !strings.Contains(text, m) {
			w.t.Errorf("refusal %q does not name %q", text, m)
		}
	}
	if after := w.state(sid); !reflect.DeepEqual(before, after) {
		w.t.Errorf("a refused command changed what is stored:\nbefore %+v\nafter  %+v", before, after)
	}
	return te
}

func (w *srcWorld) ok(what string, err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatalf("%s: %v", what, err)
	}
}

func srcFindings(r checklist.Readiness) map[checklist.FindingCode]checklist.Severity {
	out := map[checklist.FindingCode]checklist.Severity{}
	for _, f := range r.Findings {
		out[f.Code] = f.Severity
	}
	return out
}

func srcDeadline(t *testing.T, ds []session.Deadline, key string) session.Deadline {
	t.Helper()
	for _, d := range ds {
		if d.Key == key {
			return d
		}
	}
	t.Fatalf("no deadline %q in %v", key, ds)
	return session.Deadline{}
}

// Leaflet: « créez la session d'examen en indiquant les dates exactes de
// début et de fin »; the library reads them as working days of the site's
// region (Code du travail L. 3133-1, the local law of Alsace-Moselle, the
// overseas abolition days).
func TestSourcesSessionDatesAreWorkingDays(t *testing.T) {
	for _, tc := range []struct {
		name, region, start, end string
		field                    string // "" when accepted
	}{
		{"a Monday", "", "2027-03-01", "2027-03-01", ""},
		{"a Saturday start", "", "2027-03-06", "2027-03-08", "start_date"},
		{"a Sunday end", "", "2027-03-05", "2027-03-07", "end_date"},
		{"over a weekend", "", "2027-03-05", "2027-03-08", ""},
		{"Good Friday in metropolitan France", "metropole", "2027-03-26", "2027-03-26", ""},
		{"Good Friday in Alsace-Moselle", "alsace-moselle", "2027-03-26", "2027-03-26", "start_date"},
		{"Easter Monday 2027", "", "2027-03-29", "2027-03-30", "start_date"},
		{"the day after Easter Monday", "", "2027-03-30", "2027-03-30", ""},
		{"Easter Monday of leap year 2028 as the end", "", "2028-04-14", "2028-04-17", "end_date"},
		{"Ascension 2027", "", "2027-05-06", "2027-05-06", "start_date"},
		{"the Friday after Ascension", "", "2027-05-07", "2027-05-07", ""},
		{"Ascension 2028", "", "2028-05-25", "2028-05-25", "start_date"},
		{"Whit Monday 2027", "", "2027-05-17", "2027-05-17", "start_date"},
		{"Whit Monday 2028", "", "2028-06-05", "2028-06-05", "start_date"},
		{"14 July", "", "2027-07-12", "2027-07-14", "end_date"},
		{"over 14 July", "", "2027-07-13", "2027-07-15", ""},
		{"15 August", "", "2028-08-15", "2028-08-15", "start_date"},
		{"1 November", "", "2027-11-01", "2027-11-01", "start_date"},
		{"11 November", "", "2027-11-11", "2027-11-11", "start_date"},
		{"1 May", "", "2028-05-01", "2028-05-01", "start_date"},
		{"8 May", "", "2028-05-08", "2028-05-08", "start_date"},
		{"Christmas", "", "2028-12-25", "2028-12-25", "start_date"},
		{"26 December in metropolitan France", "", "2028-12-26", "2028-12-26", ""},
		{"26 December in Alsace-Moselle", "alsace-moselle", "2028-12-26", "2028-12-26", "start_date"},
		{"27 May in Guadeloupe", "guadeloupe", "2027-05-27", "2027-05-27", "start_date"},
		{"27 May in metropolitan France", "", "2027-05-27", "2027-05-27", ""},
		{"22 May in Martinique", "martinique", "2028-05-22", "2028-05-22", "start_date"},
		{"10 June in Guyane", "guyane", "2027-06-10", "2027-06-10", "start_date"},
		{"20 December in La Réunion", "reunion", "2027-12-20", "2027-12-20", "start_date"},
		{"20 December in Mayotte", "mayotte", "2027-12-20", "2027-12-20", ""},
		{"27 April in Mayotte", "mayotte", "2027-04-27", "2027-04-27", "start_date"},
		{"the end before the start", "", "2027-03-02", "2027-03-01", "end_date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			d := srcDetails(tc.start, tc.end)
			d.Region = tc.region
			if tc.field == "" {
				w.create(d)
				return
			}
			te := w.refused("", tpsession.Invalid, session.ErrInvalidSession, []string{tc.field}, func() error {
				_, err := w.svc.CreateSession(w.ctx, w.by, d)
				return err
			})
			if te != nil && (len(te.Fields) == 0 || te.Fields[0].Field != tc.field) {
				t.Errorf("fields %v, want %s first", te.Fields, tc.field)
			}
		})
	}
}

// Leaflet: « Commandez le pli d'examen de préférence 3 mois avant la date de
// début de la session »: advice, clamped to the month's end; FAQ: a pli not
// received 2 weeks before the session is chased.
func TestSourcesPliOrderAndReceipt(t *testing.T) {
	for _, tc := range []struct {
		name, start, end, orderedOn string
		due                         string
		late                        bool
	}{
		{"31 May gives 28 February", "2027-05-31", "2027-05-31", "2027-02-28", "2027-02-28", false},
		{"a day after 28 February", "2027-05-31", "2027-05-31", "2027-03-01", "2027-02-28", true},
		{"31 May of a leap year gives 29 February", "2028-05-31", "2028-05-31", "2028-02-29", "2028-02-29", false},
		{"1 March of a leap year is late", "2028-05-31", "2028-05-31", "2028-03-01", "2028-02-29", true},
		{"30 November gives 30 August", "2027-11-30", "2027-11-30", "2027-08-30", "2027-08-30", false},
		{"31 August for 30 November is late", "2027-11-30", "2027-11-30", "2027-08-31", "2027-08-30", true},
		{"1 March gives 1 December", "2027-03-01", "2027-03-03", "2026-12-01", "2026-12-01", false},
		{"2 December for 1 March is late", "2027-03-01", "2027-03-03", "2026-12-02", "2026-12-01", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails(tc.start, tc.end))
			w.on(srcDay(tc.orderedOn))
			_, warnings, err := w.svc.OrderPli(w.ctx, w.by, s.ID, date.Zero)
			w.ok("order", err)
			if got := len(warnings) > 0; got != tc.late {
				t.Errorf("ordered %s for a start on %s: warnings %v, want late %t", tc.orderedOn, tc.start, warnings, tc.late)
			}
			for _, wn := range warnings {
				if wn.Due != srcDay(tc.due) || !strings.Contains(wn.Message, tc.due) {
					t.Errorf("warning %+v does not name the due day %s", wn, tc.due)
				}
			}
			ds, err := w.svc.Timeline(w.ctx, w.by, s.ID)
			w.ok("timeline", err)
			d := srcDeadline(t, ds, session.DeadlineOrderPli)
			if d.Due != srcDay(tc.due) || !d.Advisory || d.Status != session.DeadlineDone {
				t.Errorf("order_pli %+v, want due %s, advisory, done", d, tc.due)
			}
			if s, _ := w.svc.Session(w.ctx, w.by, s.ID); s.Status() != session.StatusPliOrdered {
				t.Errorf("status %s after a late order: advice never refuses", s.Status())
			}
		})
	}

	// The receipt alert: 14 calendar days before a start on 1 March 2027 is
	// 15 February; on 14 February the pli is not late yet, on the 15th it is.
	for _, tc := range []struct {
		name, today, received string
		status                session.DeadlineStatus
	}{
		{"the day before the alert", "2027-02-14", "", session.DeadlineDueSoon},
		{"the day of the alert", "2027-02-15", "", session.DeadlineOverdue},
		{"received on the day of the alert", "2027-02-15", "2027-02-15", session.DeadlineDone},
		{"received the day after the alert", "2027-02-17", "2027-02-16", session.DeadlineDone},
	} {
		t.Run("receipt "+tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails("2027-03-01", "2027-03-03"))
			_, _, err := w.svc.OrderPli(w.ctx, w.by, s.ID, date.Zero)
			w.ok("order", err)
			w.on(srcDay(tc.today))
			if tc.received != "" {
				_, err := w.svc.ReceivePli(w.ctx, w.by, s.ID, srcDay(tc.received), nil)
				w.ok("receive", err)
			}
			ds, err := w.svc.Timeline(w.ctx, w.by, s.ID)
			w.ok("timeline", err)
			d := srcDeadline(t, ds, session.DeadlineReceivePli)
			if d.Due != srcDay("2027-02-15") || d.Status != tc.status {
				t.Errorf("receive_pli on %s: %+v, want due 2027-02-15 and %s", tc.today, d, tc.status)
			}
		})
	}
}

// Leaflet: « La convocation doit être obligatoirement validée dans CERES au
// moins 31 jours avant le début des épreuves. Elle doit être remise au
// candidat par courrier recommandé ou en main propre. »
func TestSourcesConvocationLeadTimeAndDelivery(t *testing.T) {
	for _, tc := range []struct {
		name, start, validatedOn string
		last                     string // the last day accepted
		ok                       bool
	}{
		{"31 days before 1 March", "2027-03-01", "2027-01-29", "2027-01-29", true},
		{"30 days before 1 March", "2027-03-01", "2027-01-30", "2027-01-29", false},
		{"31 days before 1 March of a leap year", "2028-03-01", "2028-01-30", "2028-01-30", true},
		{"30 days before 1 March of a leap year", "2028-03-01", "2028-01-31", "2028-01-30", false},
		{"long before", "2027-03-01", "2026-12-01", "2027-01-29", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails(tc.start, tc.start))
			c := w.candidate(candidate.CandidateInput{})
			_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
			w.ok("register", err)
			_, err = w.svc.DraftConvocation(w.ctx, w.by, s.ID, c.ID, w.convocation(tc.start+"T08:30"))
			w.ok("draft", err)
			w.on(srcDay(tc.validatedOn))
			if tc.ok {
				_, err := w.svc.ValidateConvocation(w.ctx, w.by, s.ID, c.ID, date.Zero)
				w.ok("validate", err)
				return
			}
			w.refused(s.ID, tpsession.Rule, candidate.ErrConvocationTooLate, []string{tc.last, tc.validatedOn}, func() error {
				_, err := w.svc.ValidateConvocation(w.ctx, w.by, s.ID, c.ID, date.Zero)
				return err
			})
		})
	}

	t.Run("a validation day after today", func(t *testing.T) {
		w := newSrcWorld(t, session.Config{})
		s := w.create(srcDetails("2027-03-01", "2027-03-01"))
		c := w.candidate(candidate.CandidateInput{})
		_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
		w.ok("register", err)
		_, err = w.svc.DraftConvocation(w.ctx, w.by, s.ID, c.ID, w.convocation("2027-03-01T08:30"))
		w.ok("draft", err)
		w.refused(s.ID, tpsession.Invalid, nil, []string{"2026-11-17"}, func() error {
			_, err := w.svc.ValidateConvocation(w.ctx, w.by, s.ID, c.ID, srcDay("2026-11-17"))
			return err
		})
	})

	for _, tc := range []struct {
		name  string
		in    candidate.DeliveryInput
		field string // "" when accepted
	}{
		{"registered mail with its tracking number", candidate.DeliveryInput{Method: "registered_mail", SentOn: "2026-11-16", TrackingNumber: "1A00472031501"}, ""},
		{"registered mail without a tracking number", candidate.DeliveryInput{Method: "registered_mail", SentOn: "2026-11-16"}, "tracking_number"},
		{"registered mail without its sending day", candidate.DeliveryInput{Method: "registered_mail", TrackingNumber: "1A00472031501"}, "sent_on"},
		{"by hand to the candidate", candidate.DeliveryInput{Method: "hand", DeliveredOn: "2026-11-16", ReceivedBy: "Léa Dubois"}, ""},
		{"by hand without who received it", candidate.DeliveryInput{Method: "hand", DeliveredOn: "2026-11-16"}, "received_by"},
		{"by hand without the day", candidate.DeliveryInput{Method: "hand", ReceivedBy: "Léa Dubois"}, "delivered_on"},
		{"by e-mail", candidate.DeliveryInput{Method: "email", SentOn: "2026-11-16"}, "method"},
		{"by ordinary mail", candidate.DeliveryInput{Method: "mail", SentOn: "2026-11-16"}, "method"},
	} {
		t.Run("delivery "+tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails("2027-03-01", "2027-03-01"))
			c := w.candidate(candidate.CandidateInput{})
			_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
			w.ok("register", err)
			_, err = w.svc.DraftConvocation(w.ctx, w.by, s.ID, c.ID, w.convocation("2027-03-01T08:30"))
			w.ok("draft", err)
			_, err = w.svc.ValidateConvocation(w.ctx, w.by, s.ID, c.ID, date.Zero)
			w.ok("validate", err)
			r, err := w.svc.Readiness(w.ctx, w.by, s.ID)
			w.ok("readiness", err)
			if srcFindings(r)[checklist.CodeConvocationsNotDelivered] != checklist.SeverityBlocking {
				t.Errorf("a validated convocation neither sent nor handed over does not block: %v", r.Findings)
			}
			if tc.field == "" {
				_, err := w.svc.RecordDelivery(w.ctx, w.by, s.ID, c.ID, tc.in)
				w.ok("deliver", err)
				r, err := w.svc.Readiness(w.ctx, w.by, s.ID)
				w.ok("readiness", err)
				if _, ok := srcFindings(r)[checklist.CodeConvocationsNotDelivered]; ok {
					t.Errorf("delivered, still %v", r.Findings)
				}
				return
			}
			w.refused(s.ID, tpsession.Invalid, candidate.ErrInvalidDelivery, []string{tc.field}, func() error {
				_, err := w.svc.RecordDelivery(w.ctx, w.by, s.ID, c.ID, tc.in)
				return err
			})
		})
	}
}

// Arrêté du 22 décembre 2015, art. 5, and the leaflet: members habilitated on
// the title, the habilitation active for the whole exam period.
func TestSourcesHabilitationCoversEveryDay(t *testing.T) {
	hab := func(from, until string) jury.HabilitationInput {
		return jury.HabilitationInput{TitleCode: srcCDA, ValidFrom: from, ValidUntil: until}
	}
	for _, tc := range []struct {
		name    string
		habs    []jury.HabilitationInput
		missing string // the first day not covered; "" when accepted
	}{
		{"ending on the last day", []jury.HabilitationInput{hab("2024-01-01", "2027-03-03")}, ""},
		{"ending the day before the last day", []jury.HabilitationInput{hab("2024-01-01", "2027-03-02")}, "2027-03-03"},
		{"starting on the first day", []jury.HabilitationInput{hab("2027-03-01", "2030-01-01")}, ""},
		{"starting the day after the first day", []jury.HabilitationInput{hab("2027-03-02", "2030-01-01")}, "2027-03-01"},
		{"back to back", []jury.HabilitationInput{hab("2024-01-01", "2027-03-01"), hab("2027-03-02", "2030-01-01")}, ""},
		{"back to back, listed in reverse", []jury.HabilitationInput{hab("2027-03-02", "2030-01-01"), hab("2024-01-01", "2027-03-01")}, ""},
		{"with a day's gap", []jury.HabilitationInput{hab("2024-01-01", "2027-03-01"), hab("2027-03-03", "2030-01-01")}, "2027-03-02"},
		{"on another title", []jury.HabilitationInput{{TitleCode: srcREMN, ValidFrom: "2024-01-01", ValidUntil: "2030-01-01"}}, "2027-03-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails("2027-03-01", "2027-03-03"))
			m := w.member("Marc Leroy", "", tc.habs...)
			if tc.missing == "" {
				_, _, err := w.svc.Invite(w.ctx, w.by, s.ID, m.ID)
				w.ok("invite", err)
				return
			}
			w.refused(s.ID, tpsession.Rule, jury.ErrNotHabilitated, []string{tc.missing}, func() error {
				_, _, err := w.svc.Invite(w.ctx, w.by, s.ID, m.ID)
				return err
			})
		})
	}
}

// Code du travail L. 3142-42 to 45: an employee asks the employer at least
// 15 calendar days before the session.
func TestSourcesEmployerNotice(t *testing.T) {
	for _, tc := range []struct {
		name, invitedOn, employer string
		warned                    bool
	}{
		{"employed, 15 days before", "2027-02-14", "73282932000074", false},
		{"employed, 14 days before", "2027-02-15", "73282932000074", true},
		{"not employed, 14 days before", "2027-02-15", "", false},
		{"employed, on the first day", "2027-03-01", "73282932000074", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails("2027-03-01", "2027-03-03"))
			m := w.member("Marc Leroy", tc.employer)
			w.on(srcDay(tc.invitedOn))
			_, warnings, err := w.svc.Invite(w.ctx, w.by, s.ID, m.ID)
			w.ok("invite", err)
			warned := false
			for _, wn := range warnings {
				if wn.Code == jury.WarnEmployerNotice {
					warned = true
				}
			}
			if warned != tc.warned {
				t.Errorf("invited on %s: warnings %v, want the employer notice %t", tc.invitedOn, warnings, tc.warned)
			}
			ds, err := w.svc.Timeline(w.ctx, w.by, s.ID)
			w.ok("timeline", err)
			if d := srcDeadline(t, ds, session.DeadlineInviteJury); d.Due != srcDay("2027-02-14") {
				t.Errorf("invite_jury due %s, want 2027-02-14", d.Due)
			}
		})
	}
}

// Arrêté du 22 décembre 2015, art. 6: a jury of at least two members.
func TestSourcesJuryOfAtLeastTwo(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3} {
		t.Run(fmt.Sprintf("%d accepted", n), func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails("2027-03-01", "2027-03-03"))
			for i := range n {
				w.accept(s.ID, w.member(fmt.Sprintf("Membre %c", 'A'+i), ""))
			}
			r, err := w.svc.Readiness(w.ctx, w.by, s.ID)
			w.ok("readiness", err)
			_, small := srcFindings(r)[checklist.CodeJuryTooSmall]
			if small != (n < 2) {
				t.Errorf("%d accepted members: jury_too_small %t, findings %v", n, small, r.Findings)
			}
		})
	}
}

// Leaflet: « Un membre de jury ayant accueilli un candidat au sein de son
// entreprise ne peut pas l'évaluer »; conflicts per (member, candidate).
func TestSourcesConflictsOfInterest(t *testing.T) {
	const employer = "73282932000074"    // SIREN 732829320
	const sameCompany = "73282932000108" // another establishment of the same SIREN
	const otherCompany = "55208131766522"
	host := func(siret string) []candidate.HostCompanyInput {
		return []candidate.HostCompanyInput{{SIRET: siret, Name: "Atelier", From: "2025-04-06", Until: "2025-06-26"}}
	}
	for _, tc := range []struct {
		name     string
		rules    jury.ConflictRules
		in       candidate.CandidateInput
		declare  string // a reason declared between the employed member and the candidate
		members  int
		conflict bool
	}{
		{"hosted by the member's establishment", jury.ConflictRules{}, candidate.CandidateInput{HostCompanies: host(employer)}, "", 2, true},
		{"hosted by another establishment of the member's company", jury.ConflictRules{}, candidate.CandidateInput{HostCompanies: host(sameCompany)}, "", 2, true},
		{"another establishment, read by establishment", jury.ConflictRules{Company: jury.SameEstablishment}, candidate.CandidateInput{HostCompanies: host(sameCompany)}, "", 2, false},
		{"hosted by another company", jury.ConflictRules{}, candidate.CandidateInput{HostCompanies: host(otherCompany)}, "", 2, false},
		{"trained by the member", jury.ConflictRules{}, candidate.CandidateInput{Trainings: []candidate.TrainingInput{{
			Organisation: "Lumière Formation", From: "2025-09-01", Until: "2026-06-30",
			Trainers: []candidate.TrainerInput{{Name: "Marc Leroy", Email: "marc.leroy@example.fr"}}}}}, "", 2, true},
		{"trained by the member, declared links only", jury.ConflictRules{Training: jury.TrainingDeclaredOnly}, candidate.CandidateInput{Trainings: []candidate.TrainingInput{{
			Organisation: "Lumière Formation", From: "2025-09-01", Until: "2026-06-30",
			Trainers: []candidate.TrainerInput{{Name: "Marc Leroy", Email: "marc.leroy@example.fr"}}}}}, "", 2, false},
		{"declared: hosted", jury.ConflictRules{}, candidate.CandidateInput{}, "hosted", 2, true},
		{"declared: personal", jury.ConflictRules{}, candidate.CandidateInput{}, "personal", 2, true},
		{"hosted, with another panel free of the member", jury.ConflictRules{}, candidate.CandidateInput{HostCompanies: host(employer)}, "", 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{Jury: jury.Policy{Conflicts: tc.rules}})
			s := w.create(srcDetails("2027-03-01", "2027-03-03"))
			marc := w.member("Marc Leroy", employer)
			w.accept(s.ID, marc)
			for i := 1; i < tc.members; i++ {
				w.accept(s.ID, w.member(fmt.Sprintf("Membre %c", 'A'+i), ""))
			}
			c := w.candidate(tc.in)
			_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
			w.ok("register", err)
			if tc.declare != "" {
				_, err := w.svc.DeclareConflict(w.ctx, w.by, s.ID, jury.DeclaredConflictInput{MemberID: string(marc.ID), CandidateID: string(c.ID), Reason: tc.declare})
				w.ok("declare", err)
			}
			if tc.conflict {
				var ae *jury.AssignmentError
				before := w.state(s.ID)
				_, err := w.svc.AssignJury(w.ctx, w.by, s.ID)
				if !errors.As(err, &ae) || !errors.Is(err, jury.ErrNoAssignment) || !errors.Is(err, tpsession.ErrRule) {
					t.Fatalf("assignment: %v, want an AssignmentError of kind Rule", err)
				}
				if got := ae.Candidates(); len(got) != 1 || got[0] != c.ID || !strings.Contains(err.Error(), "Leroy") {
					t.Errorf("the refusal names %v (%v), want %s and the member", got, err, c.ID)
				}
				if after := w.state(s.ID); !reflect.DeepEqual(before, after) {
					t.Errorf("a refused assignment changed what is stored")
				}
				return
			}
			a, err := w.svc.AssignJury(w.ctx, w.by, s.ID)
			w.ok("assign", err)
			p, ok := a.PanelOf(c.ID)
			if !ok || len(p.Members) < 2 {
				t.Fatalf("panel %+v", p)
			}
			for _, m := range p.Members {
				if m == marc.ID && tc.members > 2 {
					t.Errorf("the conflicted member sits on the candidate's panel %+v", p)
				}
			}
		})
	}
}

// Agrément 2016, art. 1: an agrément for a title and a site, for a period
// that cannot last beyond the title's end of validity; a session is created
// only when the agréments cover its title, its site and every day.
func TestSourcesAgrementCoversEveryDay(t *testing.T) {
	ag := func(from, until string) agrement.Input {
		return agrement.Input{TitleCode: srcCDA, Sites: []string{srcSite}, ValidFrom: from, ValidUntil: until, Reference: "décision 2024-17"}
	}
	for _, tc := range []struct {
		name     string
		agrement []agrement.Input
		site     string
		missing  string // what the refusal names; "" when accepted
	}{
		{"ending on the last day", []agrement.Input{ag("2024-01-01", "2027-03-03")}, "", ""},
		{"ending the day before the last day", []agrement.Input{ag("2024-01-01", "2027-03-02")}, "", "2027-03-03"},
		{"starting on the first day", []agrement.Input{ag("2027-03-01", "2028-12-18")}, "", ""},
		{"starting the day after the first day", []agrement.Input{ag("2027-03-02", "2028-12-18")}, "", "2027-03-01"},
		{"renewed back to back", []agrement.Input{ag("2024-01-01", "2027-03-01"), ag("2027-03-02", "2028-12-18")}, "", ""},
		{"renewed with a day's gap", []agrement.Input{ag("2024-01-01", "2027-03-01"), ag("2027-03-03", "2028-12-18")}, "", "2027-03-02"},
		{"another site", []agrement.Input{ag("2024-01-01", "2028-12-18")}, "Centre Lumière, 4 quai Perrache, 69002 Lyon", "4 quai Perrache"},
		{"another title", []agrement.Input{{TitleCode: srcREMN, Sites: []string{srcSite}, ValidFrom: "2024-01-01", ValidUntil: "2027-12-31"}}, "", srcREMN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			for _, in := range tc.agrement {
				_, err := w.svc.CreateAgrement(w.ctx, w.by, in)
				w.ok("agrément", err)
			}
			d := srcDetails("2027-03-01", "2027-03-03")
			if tc.site != "" {
				d.Site = tc.site
			}
			if tc.missing == "" {
				w.create(d)
				return
			}
			w.refused("", tpsession.Rule, agrement.ErrNotCovered, []string{tc.missing}, func() error {
				_, err := w.svc.CreateSession(w.ctx, w.by, d)
				return err
			})
		})
	}

	// The CDA of 2023 is registered until 18 December 2028.
	for _, tc := range []struct {
		name, until string
		ok          bool
	}{
		{"ending with the title", "2028-12-18", true},
		{"a day beyond the title", "2028-12-19", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			if tc.ok {
				_, err := w.svc.CreateAgrement(w.ctx, w.by, ag("2024-01-01", tc.until))
				w.ok("agrément", err)
				return
			}
			w.refused("", tpsession.Rule, agrement.ErrOutlastsTitle, []string{"valid_until", "2028-12-18"}, func() error {
				_, err := w.svc.CreateAgrement(w.ctx, w.by, ag("2024-01-01", tc.until))
				return err
			})
		})
	}
}

// La demande d'agrément (responsabledesession.fr): after the title's end of
// validity (18 December 2028 for the CDA of 2023), sessions may start for one
// more year, provided they were entered before that end.
func TestSourcesDelaiDeProlongation(t *testing.T) {
	for _, tc := range []struct {
		name, createdOn, start string
		agrement               bool // the centre recorded its agrément, ending with the title
		sentinel               error
		mentions               []string
	}{
		{"the last day of validity", "2028-11-16", "2028-12-18", false, nil, nil},
		{"the first day of the délai, created before the end", "2028-11-16", "2028-12-19", false, nil, nil},
		{"the first day of the délai, created on the end", "2028-12-18", "2028-12-19", false, nil, nil},
		{"the first day of the délai, created the day after the end", "2028-12-19", "2029-01-15", false, titles.ErrProlongationNotDeclared, []string{"2028-12-18", "2028-12-19"}},
		{"the last day of the délai", "2028-11-16", "2029-12-18", false, nil, nil},
		{"the day after the délai", "2028-11-16", "2029-12-19", false, titles.ErrTitleExpired, []string{"2028-12-18", "2029-12-18", "2029-12-19"}},
		{"in the délai, under an agrément ending with the title", "2028-11-16", "2029-01-15", true, nil, nil},
		{"after the délai, under an agrément ending with the title", "2028-11-16", "2029-12-19", true, titles.ErrTitleExpired, []string{"2029-12-18"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			w.on(srcDay(tc.createdOn))
			if tc.agrement {
				_, err := w.svc.CreateAgrement(w.ctx, w.by, agrement.Input{TitleCode: srcCDA, Sites: []string{srcSite}, ValidFrom: "2024-01-01", ValidUntil: "2028-12-18"})
				w.ok("agrément", err)
			}
			d := srcDetails(tc.start, tc.start)
			if tc.sentinel == nil {
				w.create(d)
				return
			}
			w.refused("", tpsession.Rule, tc.sentinel, tc.mentions, func() error {
				_, err := w.svc.CreateSession(w.ctx, w.by, d)
				return err
			})
		})
	}
}

// Session kinds (responsabledesession.fr): a candidate of a training route
// who failed, or was absent, may sit again without a new training for one
// year after that session; VAE candidates are bound by their recevabilité.
func TestSourcesResit(t *testing.T) {
	after := []candidate.TrainingInput{{Organisation: "Lumière Formation", From: "2026-04-01", Until: "2026-06-30"}}
	onTheDay := []candidate.TrainingInput{{Organisation: "Lumière Formation", From: "2025-09-01", Until: "2026-03-02"}}
	for _, tc := range []struct {
		name, route, outcome, start string
		trainings                   []candidate.TrainingInput
		ok                          bool
	}{
		{"failed, a year later to the day", "formation", "failed", "2027-03-02", nil, true},
		{"failed, a year and a day later", "formation", "failed", "2027-03-03", nil, false},
		{"absent, a year later to the day", "apprentissage", "absent", "2027-03-02", nil, true},
		{"absent, a year and a day later", "apprentissage", "absent", "2027-03-03", nil, false},
		{"failed, with a training since", "formation", "failed", "2027-03-03", after, true},
		{"failed, with a training ending on the failure", "formation", "failed", "2027-03-03", onTheDay, false},
		{"partial success is not a failure", "formation", "partial_success", "2027-03-03", nil, true},
		{"a VAE candidate is bound by the recevabilité", "vae", "failed", "2027-03-03", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			s := w.create(srcDetails(tc.start, tc.start))
			in := candidate.CandidateInput{Route: tc.route, Trainings: tc.trainings}
			if tc.route == "vae" {
				in.VAERecevabiliteOn = "2026-06-01"
			}
			c := w.candidate(in)
			att := candidate.AttemptInput{TitleCode: srcCDA, Revision: "2023", Kind: "titre", On: "2026-03-02", Outcome: tc.outcome}
			if tc.outcome == "partial_success" {
				att.Acquired = []string{"CCP1"}
			}
			_, err := w.svc.RecordAttempt(w.ctx, w.by, c.ID, att)
			w.ok("history", err)
			if tc.ok {
				_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
				w.ok("register", err)
				return
			}
			w.refused(s.ID, tpsession.Rule, candidate.ErrResitNeedsTraining, []string{"2026-03-02", "2027-03-02", tc.start}, func() error {
				_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
				return err
			})
		})
	}
}

// Arrêté du 22 décembre 2015, VAE article: the recevabilité is valid one
// year from its notification, and the session's first day lies within it.
func TestSourcesVAERecevabilite(t *testing.T) {
	for _, tc := range []struct {
		name, notified, start string
		sentinel              error
		mentions              []string
	}{
		{"a year after the notification to the day", "2026-03-01", "2027-03-01", nil, nil},
		{"a year and a day after", "2026-03-01", "2027-03-02", candidate.ErrRecevabiliteExpired, []string{"2026-03-01", "2027-03-01", "2027-03-02"}},
		{"notified on 29 February, valid until 28 February", "2024-02-29", "2025-02-28", nil, nil},
		{"notified on 29 February, the next working day after 28 February", "2024-02-29", "2025-03-03", candidate.ErrRecevabiliteExpired, []string{"2025-02-28"}},
		{"no notification recorded", "", "2027-03-01", candidate.ErrRecevabiliteMissing, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			if tc.start < "2026-11-16" {
				w.on(srcDay("2024-11-18"))
			}
			s := w.create(srcDetails(tc.start, tc.start))
			c := w.candidate(candidate.CandidateInput{Route: "vae", VAERecevabiliteOn: tc.notified})
			if tc.sentinel == nil {
				_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
				w.ok("register", err)
				return
			}
			w.refused(s.ID, tpsession.Rule, tc.sentinel, tc.mentions, func() error {
				_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
				return err
			})
		})
	}
}

// Agrément 2016, art. 2 (CCP sessions for candidates in partial success)
// and the RE's correspondence of CCPs: a candidate registers only for the
// CCPs they lack, those acquired under the 2018 revision counted.
func TestSourcesCCPSessionLimits(t *testing.T) {
	partial := func(rev string, acquired ...string) candidate.AttemptInput {
		on := "2026-06-15"
		if rev == "2018" {
			on = "2023-06-15"
		}
		return candidate.AttemptInput{TitleCode: srcCDA, Revision: rev, Kind: "titre", On: on, Outcome: "partial_success", Acquired: acquired}
	}
	for _, tc := range []struct {
		name     string
		history  candidate.AttemptInput
		ccps     []string // asked; nil: the session's
		sentinel error
		mentions []string
		got      []string // the CCPs registered when accepted
	}{
		{"the CCP lacking", partial("2023", "CCP1"), []string{"CCP2"}, nil, nil, []string{"CCP2"}},
		{"a CCP held", partial("2023", "CCP1"), []string{"CCP1", "CCP2"}, candidate.ErrCCPAlreadyHeld, []string{"CCP1"}, nil},
		{"the session's CCPs, less the one held", partial("2023", "CCP1"), nil, nil, nil, []string{"CCP2"}},
		{"every CCP of the session held", partial("2023", "CCP1", "CCP2"), nil, candidate.ErrNoCCPLeft, []string{"CCP1", "CCP2"}, nil},
		{"2018's CCP2 and CCP3 give 2023's CCP2", partial("2018", "CCP2", "CCP3"), []string{"CCP2"}, candidate.ErrCCPAlreadyHeld, []string{"CCP2"}, nil},
		{"2018's CCP2 alone gives nothing", partial("2018", "CCP2"), []string{"CCP2"}, nil, nil, []string{"CCP2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			d := srcDetails("2027-03-01", "2027-03-01")
			d.Kind, d.CCPs = "ccp", []string{"CCP1", "CCP2"}
			s := w.create(d)
			c := w.candidate(candidate.CandidateInput{})
			_, err := w.svc.RecordAttempt(w.ctx, w.by, c.ID, tc.history)
			w.ok("history", err)
			req := session.RegistrationRequest{CCPs: tc.ccps}
			if tc.sentinel == nil {
				r, err := w.svc.RegisterWith(w.ctx, w.by, s.ID, c.ID, req)
				w.ok("register", err)
				if !reflect.DeepEqual(r.CCPs, tc.got) {
					t.Errorf("registered for %v, want %v", r.CCPs, tc.got)
				}
				return
			}
			w.refused(s.ID, tpsession.Rule, tc.sentinel, tc.mentions, func() error {
				_, err := w.svc.RegisterWith(w.ctx, w.by, s.ID, c.ID, req)
				return err
			})
		})
	}
}

// Arrêté du 14 novembre 2024: remote sessions, an experiment open to one
// CCP of the REMN only; a candidate sits remotely only in a remote session.
func TestSourcesRemoteSessions(t *testing.T) {
	for _, tc := range []struct {
		name, title, kind string
		ccps              []string
		ok                bool
	}{
		{"the REMN's CCP1", srcREMN, "ccp", []string{"CCP1"}, true},
		{"the REMN's CCP2", srcREMN, "ccp", []string{"CCP2"}, false},
		{"the REMN's CCP1 with its CCP2", srcREMN, "ccp", []string{"CCP1", "CCP2"}, false},
		{"a session titre of the REMN", srcREMN, "titre", nil, false},
		{"the CDA's CCP1", srcCDA, "ccp", []string{"CCP1"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			d := srcDetails("2027-03-01", "2027-03-01")
			d.Title, d.Kind, d.CCPs, d.Modality = tc.title, tc.kind, tc.ccps, "remote"
			if tc.ok {
				s := w.create(d)
				c := w.candidate(candidate.CandidateInput{})
				_, err := w.svc.RegisterWith(w.ctx, w.by, s.ID, c.ID, session.RegistrationRequest{Modality: "remote"})
				w.ok("register remotely", err)
				return
			}
			w.refused("", tpsession.Rule, titles.ErrRemoteNotOpen, []string{tc.title}, func() error {
				_, err := w.svc.CreateSession(w.ctx, w.by, d)
				return err
			})
		})
	}
	t.Run("a remote candidate in a session on site", func(t *testing.T) {
		w := newSrcWorld(t, session.Config{})
		s := w.create(srcDetails("2027-03-01", "2027-03-01"))
		c := w.candidate(candidate.CandidateInput{})
		w.refused(s.ID, tpsession.Rule, candidate.ErrRemoteInOnSiteSession, nil, func() error {
			_, err := w.svc.RegisterWith(w.ctx, w.by, s.ID, c.ID, session.RegistrationRequest{Modality: "remote"})
			return err
		})
	})
}

// Règlement général 2008, §1.2, and arrêté du 22 décembre 2015, art. 6: the
// jury deliberates on a candidate only with at least two members of the
// candidate's panel present; otherwise a PV de constatation.
func TestSourcesDeliberationQuorum(t *testing.T) {
	failed := exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}, {Code: "CCP3"}}}
	for _, absent := range []int{0, 1} {
		t.Run(fmt.Sprintf("%d of the panel absent", absent), func(t *testing.T) {
			f := newFixture(t, date.New(2026, time.November, 16))
			s, cands, sj := f.examined()
			p, _ := sj.Assignment.PanelOf(cands[0])
			if len(p.Members) != 2 {
				t.Fatalf("panel %+v", p)
			}
			for _, m := range p.Members[len(p.Members)-absent:] {
				_, err := f.svc.RecordPresence(f.ctx, admin, s.ID, m, end, exam.PresenceInput{Status: "absent"})
				require.NoError(t, err)
			}
			decide := func() error {
				_, err := f.svc.Decide(f.ctx, juror(p.Members[0]), s.ID, cands[0], failed)
				return err
			}
			w := &srcWorld{t: t, ctx: f.ctx, svc: f.svc, by: admin}
			if absent == 0 {
				require.NoError(t, decide())
				_, err := f.svc.Constate(f.ctx, admin, s.ID, exam.ConstatationInput{Candidates: []string{string(cands[0])}, Note: "?"})
				if !errors.Is(err, exam.ErrHasDecision) && !errors.Is(err, exam.ErrQuorumHolds) {
					t.Errorf("a constatation of a candidate the jury decided on: %v", err)
				}
				return
			}
			w.refused(s.ID, tpsession.Rule, exam.ErrNoQuorum, []string{"2027-03-03", "fewer than 2", "absent Juré"}, decide)
			_, err := f.svc.Constate(f.ctx, admin, s.ID, exam.ConstatationInput{Candidates: []string{string(cands[0])}, Note: "absence imprévue"})
			require.NoError(t, err)
		})
	}
}

// The délai de prolongation's candidates (La demande d'agrément; arrêté du
// 22 décembre 2015, art. 3): a session titre after the end of validity (18
// December 2028) is open to those who sat the title by then without
// obtaining it, or whose training started, or recevabilité was notified,
// by then; its registrations close with the end.
func TestSourcesDelaiDeProlongationCandidates(t *testing.T) {
	training := func(from string) []candidate.TrainingInput {
		return []candidate.TrainingInput{{Organisation: "Lumière Formation", From: from, Until: "2029-06-30"}}
	}
	for _, tc := range []struct {
		name, registeredOn string
		in                 candidate.CandidateInput
		failedOn           string
		sentinel           error
	}{
		{"a training started on the end", "2028-12-18", candidate.CandidateInput{Trainings: training("2028-12-18")}, "", nil},
		{"a training starting the day after the end", "2028-12-18", candidate.CandidateInput{Trainings: training("2028-12-19")}, "", candidate.ErrNotEligibleInProlongation},
		{"no training, no history", "2028-12-18", candidate.CandidateInput{}, "", candidate.ErrNotEligibleInProlongation},
		{"failed by the end", "2028-12-18", candidate.CandidateInput{}, "2028-06-15", nil},
		{"a VAE recevabilité notified by the end", "2028-12-18", candidate.CandidateInput{Route: "vae", VAERecevabiliteOn: "2028-12-18"}, "", nil},
		{"registered the day after the end", "2028-12-19", candidate.CandidateInput{}, "2028-06-15", candidate.ErrRegisteredAfterValidity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newSrcWorld(t, session.Config{})
			w.on(srcDay("2028-11-16"))
			s := w.create(srcDetails("2029-01-15", "2029-01-16"))
			w.on(srcDay(tc.registeredOn))
			c := w.candidate(tc.in)
			if tc.failedOn != "" {
				_, err := w.svc.RecordAttempt(w.ctx, w.by, c.ID, candidate.AttemptInput{TitleCode: srcCDA, Kind: "titre", On: tc.failedOn, Outcome: "failed"})
				w.ok("history", err)
			}
			if tc.sentinel == nil {
				_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
				w.ok("register", err)
				return
			}
			w.refused(s.ID, tpsession.Rule, tc.sentinel, []string{"2028-12-18"}, func() error {
				_, err := w.svc.Register(w.ctx, w.by, s.ID, c.ID)
				return err
			})
		})
	}
}
