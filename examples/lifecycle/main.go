// Command lifecycle walks a titre professionnel exam session through its
// whole life, from its creation in November to its opening on 1 March
// 2027, its exam days, the jury's deliberation and the procès-verbal, to
// the administration's validation of its results, with the in-memory store
// and a clock that jumps from one step to the next. After each step it
// prints the session's status, its timeline (what a centre looks at every
// morning) and the readiness findings that remain, then what the
// procès-verbal still lacks.
//
//	go run ./examples/lifecycle
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // the session's days are counted in Europe/Paris

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
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

//go:embed deroule-type.json
var derouleType []byte

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lifecycle:", err)
		os.Exit(1)
	}
}

// walk is the state of the walk-through: the service, its clock and the
// session being prepared.
type walk struct {
	ctx   context.Context
	out   io.Writer
	svc   *session.Service
	clock *tpsession.FixedClock
	paris *time.Location
	by    session.Actor
	sid   tpsession.SessionID
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("lifecycle", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "usage: lifecycle   (no flag, no argument: it walks one session from creation to opening)")
		return nil
	} else if err != nil {
		return fmt.Errorf("%w (usage: lifecycle)", err)
	}
	if fs.NArg() > 0 {
		return errors.New("lifecycle takes no argument")
	}
	paris, err := tpsession.LoadParis()
	if err != nil {
		return err
	}
	store := memstore.New()
	clock := tpsession.NewFixedClock(time.Time{})
	svc, err := session.NewService(session.StoresOf(store), session.Config{Clock: clock, Location: paris})
	if err != nil {
		return err
	}
	w := &walk{ctx: ctx, out: stdout, svc: svc, clock: clock, paris: paris,
		by: session.Actor{Centre: "centre-lyon-formation", Name: "Claire Martin"}}

	for _, step := range []struct {
		day   date.Date
		title string
		do    func() error
	}{
		{date.New(2026, time.November, 16), "Record the centre's agrément and its programming of 2027; create the session", w.create},
		{date.New(2026, time.November, 16), "Declare it in CERES", w.declare},
		{date.New(2026, time.November, 17), "Plan it from the déroulé-type", w.plan},
		{date.New(2026, time.November, 18), "Invite the jury; the members accept", w.staffJury},
		{date.New(2026, time.November, 20), "Order the pli", w.orderPli},
		{date.New(2026, time.December, 7), "Register the candidates; draft and validate their convocations", w.register},
		{date.New(2026, time.December, 14), "Convocations handed over or back from the post", w.deliver},
		{date.New(2027, time.February, 8), "Receive the pli, read the DTE organisateur, secure the DTE jury and candidat", w.receivePli},
		{date.New(2027, time.February, 10), "Assign the candidates to juries without conflict of interest", w.assign},
		{date.New(2027, time.February, 26), "Check the plateau technique and the rooms", w.check},
		{date.New(2027, time.March, 1), "Open the session", w.open},
		{date.New(2027, time.March, 1), "Record the sittings, the presences and the questionnaire's attendance", w.firstDay},
		{date.New(2027, time.March, 3), "Hold the entretiens finals", w.lastDay},
		{date.New(2027, time.March, 3), "The juries deliberate and sign: the last signature closes the session", w.deliberate},
		{date.New(2027, time.March, 4), "Send the procès-verbal to the DDETS", w.sendPV},
		{date.New(2027, time.March, 25), "The DDETS validates the results", w.validate},
		{date.New(2027, time.April, 2), "The parchemins and livrets are issued", w.issue},
	} {
		clock.Set(step.day.Time(0, paris).Add(9 * time.Hour))
		fmt.Fprintf(stdout, "\n== %s — %s\n", step.day.Format("Monday 2 January 2006"), step.title)
		if err := step.do(); err != nil {
			return fmt.Errorf("%s: %w", step.title, err)
		}
		if err := w.report(); err != nil {
			return err
		}
	}
	return nil
}

// site is the place of the plateau technique, as the agrément names it.
const site = "Lyon Formation, 12 rue des Lilas, 69003 Lyon"

// comply records the agrément that covers the session, and the yearly
// programming sent to the DDETS before 31 January.
func (w *walk) comply() error {
	if _, err := w.svc.CreateAgrement(w.ctx, w.by, agrement.Input{TitleCode: "TP-01281", Sites: []string{site},
		ValidFrom: "2024-01-15", ValidUntil: "2028-12-18", Reference: "arrêté préfectoral n° 2024-17"}); err != nil {
		return err
	}
	if _, err := w.svc.PutProgramme(w.ctx, w.by, 2027, programme.Input{Sessions: []programme.PlannedInput{
		{TitleCode: "TP-01281", Kind: "titre", Site: site, StartDate: "2027-03-01", EndDate: "2027-03-03", Candidates: 6},
	}}); err != nil {
		return err
	}
	_, err := w.svc.SubmitProgramme(w.ctx, w.by, 2027, date.Zero)
	return err
}

func (w *walk) create() error {
	if err := w.comply(); err != nil {
		return err
	}
	s, err := w.svc.CreateSession(w.ctx, w.by, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: site, Start: date.New(2027, time.March, 1),
		End: date.New(2027, time.March, 3), PlannedCandidates: 6, UsesComputers: true,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@lyon-formation.fr"},
	})
	w.sid = s.ID
	return err
}

func (w *walk) declare() error {
	_, err := w.svc.Declare(w.ctx, w.by, w.sid, date.Zero)
	return err
}

func (w *walk) plan() error {
	in, err := plan.DecodeBytes(derouleType)
	if err != nil {
		return err
	}
	rec, err := w.svc.PlanSession(w.ctx, w.by, w.sid, in)
	if err != nil {
		return err
	}
	p := rec.Plan
	fmt.Fprintf(w.out, "plan: %d candidates over %d days with %d juries (%d members); lower bounds %d days, %d juries\n",
		rec.Input.Candidates, len(p.Days), p.Juries, p.Members, p.LowerBounds.Days, p.LowerBounds.Juries)
	return nil
}

// The jury members: two work for companies that host trainees.
var members = []jury.MemberInput{
	{Name: "Marc Leroy", Email: "marc.leroy@example.fr", EmployerSIRET: "73282932000074"},
	{Name: "Sophie Bernard", Email: "sophie.bernard@example.fr"},
	{Name: "Karim Haddad", Email: "karim.haddad@example.fr", EmployerSIRET: "55208131766522"},
	{Name: "Julie Moreau", Email: "julie.moreau@example.fr"},
}

func (w *walk) staffJury() error {
	for _, in := range members {
		in.Habilitations = []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2025-06-01", ValidUntil: "2028-05-31"}}
		m, err := w.svc.CreateMember(w.ctx, w.by, in)
		if err != nil {
			return err
		}
		if _, _, err := w.svc.Invite(w.ctx, w.by, w.sid, m.ID); err != nil {
			return err
		}
		if _, err := w.svc.AnswerInvitation(w.ctx, w.by, w.sid, m.ID, true); err != nil {
			return err
		}
	}
	return nil
}

func (w *walk) orderPli() error {
	_, warnings, err := w.svc.OrderPli(w.ctx, w.by, w.sid, date.Zero)
	for _, warning := range warnings {
		fmt.Fprintln(w.out, "warning:", warning.Message)
	}
	return err
}

// The candidates; two were hosted by the companies of jury members.
var candidates = []candidate.CandidateInput{
	{FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", HostCompanies: []candidate.HostCompanyInput{{SIRET: "73282932000074", Name: "Atelier Numérique", From: "2026-04-06", Until: "2026-06-26"}}},
	{FirstName: "Hugo", LastName: "Petit", BirthDate: "1995-11-02", HostCompanies: []candidate.HostCompanyInput{{SIRET: "55208131766522", Name: "Logiciels du Rhône", From: "2026-04-06", Until: "2026-06-26"}}},
	{FirstName: "Inès", LastName: "Garnier", BirthDate: "2000-01-23"},
	{FirstName: "Thomas", LastName: "Roux", BirthDate: "1991-07-30"},
	{FirstName: "Chloé", LastName: "Fournier", BirthDate: "1997-03-05"},
	{FirstName: "Mathis", LastName: "Girard", BirthDate: "1999-09-18"},
}

func (w *walk) register() error {
	for i, in := range candidates {
		in.Route = "formation"
		in.PostalAddress = &candidate.PostalAddressInput{Lines: []string{"8 place Bellecour"}, Postcode: "69002", City: "Lyon"}
		c, err := w.svc.CreateCandidate(w.ctx, w.by, in)
		if err != nil {
			return err
		}
		if _, err := w.svc.Register(w.ctx, w.by, w.sid, c.ID); err != nil {
			return err
		}
		// The appointments are the plan's: every day the candidate sits.
		if _, err := w.svc.DraftConvocation(w.ctx, w.by, w.sid, c.ID, candidate.ConvocationInput{
			Place: "Lyon Formation, 12 rue des Lilas, 69003 Lyon", Documents: candidate.UsualDocuments(),
		}); err != nil {
			return err
		}
		if _, err := w.svc.ValidateConvocation(w.ctx, w.by, w.sid, c.ID, date.Zero); err != nil {
			return err
		}
		if _, err := w.svc.RecordDelivery(w.ctx, w.by, w.sid, c.ID, candidate.DeliveryInput{
			Method: "registered_mail", SentOn: "2026-12-07", TrackingNumber: fmt.Sprintf("1A%09d", 4720315+i),
		}); err != nil {
			return err
		}
	}
	return nil
}

func (w *walk) deliver() error {
	regs, err := w.svc.Registrations(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	for _, r := range regs {
		if _, err := w.svc.RecordDelivery(w.ctx, w.by, w.sid, r.Candidate, candidate.DeliveryInput{Method: "registered_mail", DeliveredOn: "2026-12-10"}); err != nil {
			return err
		}
	}
	return nil
}

func (w *walk) receivePli() error {
	if _, err := w.svc.ReceivePli(w.ctx, w.by, w.sid, date.Zero, []pli.Material{
		{Name: "Poste informatique sans accès à internet", Quantity: 6, Epreuve: "QP"},
		{Name: "Vidéoprojecteur", Quantity: 2, Epreuve: "PROJ"},
	}); err != nil {
		return err
	}
	_, err := w.svc.SecurePli(w.ctx, w.by, w.sid, "Coffre du bureau de direction", "Claire Martin")
	return err
}

func (w *walk) assign() error {
	a, err := w.svc.AssignJury(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	for _, p := range a.Panels {
		fmt.Fprintf(w.out, "jury %d: %d members, %d candidates\n", p.Jury, len(p.Members), len(p.Candidates))
	}
	return nil
}

func (w *walk) check() error {
	for _, key := range []checklist.ItemKey{checklist.ItemEquipmentOperational, checklist.ItemInterviewRoomsConfidential,
		checklist.ItemRulesDisplayed, checklist.ItemScheduleDisplayed, checklist.ItemResponsableDesignated, checklist.ItemComputersSecured} {
		if _, err := w.svc.SetChecklistItem(w.ctx, w.by, w.sid, key, checklist.ItemUpdate{Status: checklist.StatusOK}); err != nil {
			return err
		}
	}
	for name, units := range map[string]int{"Poste informatique sans accès à internet": 7, "Vidéoprojecteur": 2} {
		if _, err := w.svc.SetEquipment(w.ctx, w.by, w.sid, name, checklist.EquipmentUpdate{
			Available: units, OperationalFrom: date.New(2027, time.February, 22), OperationalUntil: date.New(2027, time.March, 5),
		}); err != nil {
			return err
		}
	}
	return nil
}

func (w *walk) open() error {
	_, err := w.svc.Open(w.ctx, w.by, w.sid, nil)
	return err
}

// report prints the session's status, its timeline and, until it opens,
// its readiness.
func (w *walk) report() error {
	s, err := w.svc.Session(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	fmt.Fprintf(w.out, "status: %s\n", s.Status())
	if st := s.Status(); st == session.StatusClosed || st == session.StatusValidated {
		return w.reportExam() // the timeline's steps are all done
	}
	deadlines, err := w.svc.Timeline(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	for _, d := range deadlines {
		line := fmt.Sprintf("  %-22s due %s  %-8s", d.Key, d.Due, d.Status)
		if d.DoneOn != date.Zero {
			line += " (done " + d.DoneOn.String() + ")"
		}
		fmt.Fprintln(w.out, strings.TrimRight(line, " "))
	}
	if s.Status() == session.StatusOpened {
		return w.reportExam()
	}
	r, err := w.svc.Readiness(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	fmt.Fprintf(w.out, "ready to open: %t\n", r.Ready())
	for _, f := range r.Findings {
		fmt.Fprintf(w.out, "  [%s] %s\n", f.Severity, f.Message)
	}
	return nil
}

// reportExam prints what the procès-verbal still lacks.
func (w *walk) reportExam() error {
	st, err := w.svc.Exam(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	fmt.Fprintf(w.out, "procès-verbal: %d candidate(s) awaiting a decision or signatures\n", len(st.Pending))
	return nil
}

// at sets the clock to hh:mm of the current day.
func (w *walk) at(hh, mm int) {
	day := date.NewAt(w.clock.Now().In(w.paris))
	w.clock.Set(day.Time(0, w.paris).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute))
}

// candidatesOf returns the registered candidates, in registration order.
func (w *walk) candidatesOf() ([]tpsession.CandidateID, error) {
	regs, err := w.svc.Registrations(w.ctx, w.by, w.sid)
	var out []tpsession.CandidateID
	for _, r := range regs {
		out = append(out, r.Candidate)
	}
	return out, err
}

// present records the responsable and the jury present on the day.
func (w *walk) present(day date.Date) error {
	if _, err := w.svc.RecordPresence(w.ctx, w.by, w.sid, "", day, exam.PresenceInput{Status: "present", ArrivedAt: "07:45"}); err != nil {
		return err
	}
	sj, err := w.svc.SessionJury(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	for _, m := range sj.AcceptedMembers() {
		if _, err := w.svc.RecordPresence(w.ctx, w.by, w.sid, m, day, exam.PresenceInput{Status: "present", ArrivedAt: "08:30"}); err != nil {
			return err
		}
	}
	return nil
}

// firstDay records the questionnaire professionnel of every candidate at
// 09:00 and each one's entretien final on Wednesday afternoon; on Monday,
// the responsable and the jury present, Hugo Petit late and admitted,
// Mathis Girard absent.
func (w *walk) firstDay() error {
	cands, err := w.candidatesOf()
	if err != nil {
		return err
	}
	var all []string
	for _, c := range cands {
		all = append(all, string(c))
	}
	if _, err := w.svc.PutSitting(w.ctx, w.by, w.sid, "qp", exam.SittingInput{Epreuve: "QP", Label: "Questionnaire professionnel",
		Day: "2027-03-01", Start: "09:00", End: "09:30", Candidates: all}); err != nil {
		return err
	}
	for i, c := range cands {
		start := tpsession.TimeOfDay(14*60 + 25*i)
		if _, err := w.svc.PutSitting(w.ctx, w.by, w.sid, fmt.Sprintf("ef-%d", i+1), exam.SittingInput{Epreuve: "EF", Label: "Entretien final",
			Day: "2027-03-03", Start: start.String(), End: (start + 20).String(), Candidates: []string{string(c)}, Final: true}); err != nil {
			return err
		}
	}
	w.at(12, 0)
	if err := w.present(date.New(2027, time.March, 1)); err != nil {
		return err
	}
	for i, c := range cands {
		in := exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Claire Martin", IdentityCheckedAt: "2027-03-01T08:45:00+01:00", ArrivedAt: "08:50"}
		switch i {
		case 1:
			in.ArrivedAt, in.LateDecision = "09:10", exam.Admitted
		case len(cands) - 1:
			in = exam.AttendanceInput{Status: "absent"}
		}
		a, err := w.svc.RecordAttendance(w.ctx, w.by, w.sid, "qp", c, in)
		if err != nil {
			return err
		}
		if a.Late != nil {
			fmt.Fprintf(w.out, "late arrival at %s: admitted by %s, %d minutes left until the unchanged end\n", a.Arrived, a.Late.DecidedBy, a.Late.MinutesLeft)
		}
	}
	return nil
}

// lastDay records Wednesday's presences and each entretien final.
func (w *walk) lastDay() error {
	cands, err := w.candidatesOf()
	if err != nil {
		return err
	}
	w.at(17, 0)
	if err := w.present(date.New(2027, time.March, 3)); err != nil {
		return err
	}
	for i, c := range cands {
		key := fmt.Sprintf("ef-%d", i+1)
		s, err := w.svc.Exam(w.ctx, w.by, w.sid)
		if err != nil {
			return err
		}
		sitting, err := s.Record.Sitting(key)
		if err != nil {
			return err
		}
		in := exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Claire Martin", IdentityCheckedAt: "2027-03-03T13:55:00+01:00", ArrivedAt: sitting.Start.String()}
		if i == len(cands)-1 {
			in = exam.AttendanceInput{Status: "absent"}
		}
		if _, err := w.svc.RecordAttendance(w.ctx, w.by, w.sid, key, c, in); err != nil {
			return err
		}
	}
	return nil
}

// deliberate has the first member of each candidate's panel record the
// decision, and every member of the panel sign it.
func (w *walk) deliberate() error {
	cands, err := w.candidatesOf()
	if err != nil {
		return err
	}
	sj, err := w.svc.SessionJury(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	juror := func(m tpsession.MemberID) session.Actor {
		return session.Actor{Centre: w.by.Centre, Name: string(m), Role: session.RoleJury, Member: m}
	}
	all := []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}, {Code: "CCP3", Acquired: true}}
	for i, c := range cands {
		in := exam.DecisionInput{Outcome: "obtained", CCPs: all, DossierProfessionnel: true, ECF: true}
		switch i {
		case 2:
			in.Outcome = "partial_success"
			in.CCPs = []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}, {Code: "CCP3", Acquired: true}}
		case len(cands) - 1:
			in = exam.DecisionInput{Outcome: "absent"}
		}
		p, _ := sj.Assignment.PanelOf(c)
		d, err := w.svc.Decide(w.ctx, juror(p.Members[0]), w.sid, c, in)
		if err != nil {
			return err
		}
		for _, m := range p.Members {
			if _, err := w.svc.SignDecision(w.ctx, juror(m), w.sid, c); err != nil {
				return err
			}
		}
		fmt.Fprintf(w.out, "decision: %s, CCPs acquired %v, signed by %d members\n", d.Outcome, d.Acquired(), len(p.Members))
	}
	return nil
}

func (w *walk) sendPV() error {
	_, err := w.svc.RecordPVSent(w.ctx, w.by, w.sid, date.Zero)
	return err
}

// validate records the validation, as the DDETS's inspector does.
func (w *walk) validate() error {
	inspector := session.Actor{Centre: w.by.Centre, Name: "DDETS du Rhône", Role: session.RoleController}
	_, err := w.svc.Validate(w.ctx, inspector, w.sid, exam.ValidationInput{On: "2027-03-24", Reference: "DDETS-69-2027-031"})
	return err
}

// issue records the parchemins and the livret the decisions give.
func (w *walk) issue() error {
	st, err := w.svc.Exam(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	s, err := w.svc.Session(w.ctx, w.by, w.sid)
	if err != nil {
		return err
	}
	for _, d := range st.Record.Finals() {
		doc, ok := exam.Gives(s.Kind, d)
		if !ok {
			continue
		}
		if _, err := w.svc.Issue(w.ctx, w.by, w.sid, d.Candidate, doc, exam.IssuanceInput{IssuedOn: "2027-03-31"}); err != nil {
			return err
		}
		fmt.Fprintf(w.out, "issued: %s\n", doc)
	}
	return nil
}
