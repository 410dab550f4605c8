package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

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

//go:embed deroule-cda.json
var derouleCDA []byte

// demo seeds the demo centre through the Service, as its staff would have
// worked, on the days they would have: the seeding's own service reads a
// clock the demo moves, so that every step is in the event logs at its day
// and the rules that compare days (a convocation validated after the
// registration) hold. Its dates follow today: a session held four months
// ago whose results the administration validated, a session prepared from
// scratch four months ahead, one whose convocations are going out six weeks
// ahead, one two weeks ahead that is nearly ready to open, and a cancelled
// one; and the centre's agréments and yearly programming.
type demo struct {
	ctx     context.Context
	svc     *session.Service
	clock   *tpsession.FixedClock
	paris   *time.Location
	by      session.Actor
	today   date.Date
	cal     tpsession.Calendar
	members []jury.Member
}

// on moves the seeding's clock to 09:00 on the day n days from today.
func (d *demo) on(n int) { d.clock.Set((d.today + date.Date(n)).Time(0, d.paris).Add(9 * time.Hour)) }

// seedDemo seeds the demo centre when it holds nothing (no session and no
// jury member), and reports whether it did, through a service over stores
// configured as cfg says but for its clock, which starts on the day of
// cfg.Clock (the server's clock when nil). It seeds in one transaction of
// stores.Tx, which the Service's commands join: when ctx ends part-way (the
// server is asked to stop) or a step fails, nothing of the demo is left,
// and a later run seeds it whole. A centre that holds the whole demo is
// left as it is; one that holds some of it, or data of its own, is an
// error rather than a demo mixed into it.
func seedDemo(ctx context.Context, stores session.Stores, cfg session.Config) (bool, error) {
	paris := cfg.Location
	var now tpsession.Clock = clock
	if cfg.Clock != nil {
		now = cfg.Clock
	}
	today := tpsession.Today(now, paris)
	clock := tpsession.NewFixedClock(today.Time(0, paris).Add(9 * time.Hour))
	cfg.Clock = clock
	svc, err := session.NewService(stores, cfg)
	if err != nil {
		return false, err
	}
	seeded := false
	err = stores.Tx.Atomic(ctx, func(ctx context.Context) error {
		seeded = false // the transaction may run again (postgres.DB.Atomic)
		d := &demo{ctx: ctx, svc: svc, clock: clock, paris: paris, by: session.Actor{Centre: demoCentre, Name: "Claire Martin (demo)"},
			today: today}
		d.on(0)
		empty, err := d.empty()
		if err != nil || !empty {
			return err
		}
		for _, step := range d.steps() {
			// The Service's commands need not notice that ctx ended: the
			// transaction is rolled back once a step has.
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := step(); err != nil {
				return err
			}
		}
		seeded = true
		return ctx.Err()
	})
	if err != nil {
		return false, err
	}
	return seeded, nil
}

// steps are the steps of the seeding: the directory, the agréments and
// the programming, then each session.
func (d *demo) steps() []func() error {
	return append([]func() error{d.directory, d.agrements}, d.sessions()...)
}

// site is the place of the demo centre's plateau technique, as its
// agréments name it.
const site = "Lyon Formation, 12 rue des Lilas, 69003 Lyon"

// agrements records the centre's agréments, one per title, for three years
// from today, or until the end of validity of the title's revision in force
// today when the register knows an earlier one (an agrément cannot outlast
// its title).
func (d *demo) agrements() error {
	d.on(-400)
	for _, a := range []agrement.Input{
		{TitleCode: "TP-01281", Sites: []string{site}, ValidFrom: d.iso(-1500), Reference: "arrêté préfectoral n° 2024-17"},
		{TitleCode: "TP-00467", Sites: []string{site}, ValidFrom: d.iso(-1500), Reference: "arrêté préfectoral n° 2023-52"},
	} {
		until := d.today + 3*365
		if t, err := d.svc.Titles().Title(tpsession.TitleCode(a.TitleCode)); err == nil {
			if rev, err := t.For("", d.today); err == nil && rev.End() != date.Zero {
				until = min(until, rev.End())
			}
		}
		a.ValidUntil = until.String()
		if _, err := d.svc.CreateAgrement(d.ctx, d.by, a); err != nil {
			return err
		}
	}
	return nil
}

// programme records the yearly programming of the sessions of the year of
// day n, and submits it on 15 January of that year, or today when that day
// has not come.
func (d *demo) programme(n int, sessions ...programme.PlannedInput) error {
	year := (d.today + date.Date(n)).Year()
	p, err := d.svc.Programme(d.ctx, d.by, year)
	if err != nil && !errors.Is(err, programme.ErrProgrammeNotFound) {
		return err
	}
	var in programme.Input
	for _, s := range p.Sessions {
		in.Sessions = append(in.Sessions, programme.PlannedInput{TitleCode: string(s.Title), Kind: string(s.Kind), Site: s.Site,
			StartDate: s.Start.String(), EndDate: s.End.String(), Candidates: s.Candidates, Modality: string(s.Modality)})
	}
	if _, err := d.svc.PutProgramme(d.ctx, d.by, year, programme.Input{Sessions: append(in.Sessions, sessions...)}); err != nil || p.SubmittedOn != date.Zero {
		return err
	}
	_, err = d.svc.SubmitProgramme(d.ctx, d.by, year, min(date.New(year, time.January, 15), d.clockDay()))
	return err
}

// clockDay is the day of the seeding's clock.
func (d *demo) clockDay() date.Date { return date.NewAt(d.clock.Now().In(d.paris)) }

// sessions are the steps that each make one session of the demo.
func (d *demo) sessions() []func() error {
	return []func() error{d.sessionValidated, d.sessionFromScratch, d.sessionSendingConvocations, d.sessionNearlyReady, d.cancelledSession}
}

// empty reports whether the demo centre holds nothing, so that it may be
// seeded; false, nil when it holds the whole demo (every demo member, and
// as many sessions), and an error when it holds something else.
func (d *demo) empty() (bool, error) {
	sessions, err := d.svc.Sessions(d.ctx, d.by, session.Filter{})
	if err != nil {
		return false, err
	}
	members, err := d.svc.Members(d.ctx, d.by, "", tpsession.DateRange{})
	if err != nil {
		return false, err
	}
	if len(sessions) == 0 && len(members) == 0 {
		return true, nil
	}
	found := 0
	for _, in := range d.directoryInput() {
		if slices.ContainsFunc(members, func(m jury.Member) bool { return strings.EqualFold(m.Email, in.Email) }) {
			found++
		}
	}
	if found == len(d.directoryInput()) && len(sessions) >= len(d.sessions()) {
		return false, nil
	}
	return false, fmt.Errorf("the demo centre %s is not empty, nor does it hold the whole demo: it has %d sessions and %d jury members, %d of the %d of the demo; "+
		"run -demo on an empty store (-db another file, or -db memory)", demoCentre, len(sessions), len(members), found, len(d.directoryInput()))
}

// workingDay is the first working day n calendar days from today.
func (d *demo) workingDay(n int) date.Date { return d.cal.OnOrAfter(d.today + date.Date(n)) }

func (d *demo) iso(n int) string { return (d.today + date.Date(n)).String() }

// newSession creates a session on the clock's day, and adds it to the
// programming of its year.
func (d *demo) newSession(title, name string, startIn, workingDays, candidates int) (session.Session, error) {
	start := d.workingDay(startIn)
	s, err := d.svc.CreateSession(d.ctx, d.by, session.Details{
		Title: title, TitleName: name, Kind: "titre", Site: site,
		Start: start, End: d.cal.AddWorkingDays(start, workingDays-1), PlannedCandidates: candidates,
		Responsable:   session.Person{Name: "Claire Martin", Email: "claire.martin@lyon-formation.example"},
		UsesComputers: title == "TP-01281",
	})
	if err != nil {
		return session.Session{}, err
	}
	return s, d.programme(startIn, programme.PlannedInput{TitleCode: title, Kind: "titre", Site: site,
		StartDate: s.Start.String(), EndDate: s.End.String(), Candidates: candidates})
}

// directoryInput is the demo's jury members: professionals habilitated by
// the DDETS, three of them employed by establishments that host the
// centre's trainees.
func (d *demo) directoryInput() []jury.MemberInput {
	habilitated := func(titles ...string) []jury.HabilitationInput {
		var hs []jury.HabilitationInput
		for _, t := range titles {
			hs = append(hs, jury.HabilitationInput{TitleCode: t, ValidFrom: d.iso(-400), ValidUntil: d.iso(3 * 365)})
		}
		return hs
	}
	return []jury.MemberInput{
		{Name: "Jeanne Martin", Email: "jeanne.martin@jury.example", Habilitations: habilitated("TP-01281")},
		{Name: "Karim Benali", Email: "karim.benali@jury.example", EmployerSIRET: "73282932000074", Habilitations: habilitated("TP-01281")},
		{Name: "Sophie Durand", Email: "sophie.durand@jury.example", EmployerSIRET: "55203253400646", Habilitations: habilitated("TP-01281", "TP-00467")},
		{Name: "Luc Moreau", Email: "luc.moreau@jury.example", Habilitations: habilitated("TP-01281")},
		{Name: "Nadia Chevalier", Email: "nadia.chevalier@jury.example", Habilitations: habilitated("TP-00467")},
		{Name: "Paul Girard", Email: "paul.girard@jury.example", EmployerSIRET: "44306184100047", Habilitations: habilitated("TP-00467")},
	}
}

// directory adds the demo's jury members.
func (d *demo) directory() error {
	d.on(-400)
	for _, in := range d.directoryInput() {
		m, err := d.svc.CreateMember(d.ctx, d.by, in)
		if err != nil {
			return err
		}
		d.members = append(d.members, m)
	}
	return nil
}

// invite invites the members; the first accepted of them accept.
func (d *demo) invite(s session.Session, accepted int, members ...jury.Member) error {
	for i, m := range members {
		if _, _, err := d.svc.Invite(d.ctx, d.by, s.ID, m.ID); err != nil {
			return err
		}
		if i < accepted {
			if _, err := d.svc.AnswerInvitation(d.ctx, d.by, s.ID, m.ID, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// person is a candidate of the demo: a name and, if any, the SIRET of the
// company that hosted them, which decides conflicts with the jury's
// employers.
type person struct{ first, last, host string }

func (d *demo) register(s session.Session, people ...person) ([]candidate.Candidate, error) {
	var out []candidate.Candidate
	for i, p := range people {
		in := candidate.CandidateInput{
			FirstName: p.first, LastName: p.last, BirthDate: fmt.Sprintf("%d-%02d-%02d", 1990+i, 1+i%12, 3+i),
			Email: fmt.Sprintf("candidat%d@mail.example", i+1), Route: "formation",
			PostalAddress: &candidate.PostalAddressInput{Lines: []string{fmt.Sprintf("%d rue de la République", 10+i)}, Postcode: "69002", City: "Lyon"},
		}
		if p.host != "" {
			in.HostCompanies = []candidate.HostCompanyInput{{SIRET: p.host, Name: "Entreprise d'accueil", From: d.iso(-200), Until: d.iso(-60)}}
		}
		c, err := d.svc.CreateCandidate(d.ctx, d.by, in)
		if err != nil {
			return nil, err
		}
		if _, err := d.svc.Register(d.ctx, d.by, s.ID, c.ID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// plan plans the session from the CDA déroulé-type, whose rooms have the
// centre's labels.
func (d *demo) plan(s session.Session, candidates int) error {
	in, err := plan.DecodeBytes(derouleCDA)
	if err != nil {
		return err
	}
	in.Candidates = candidates
	_, err = d.svc.PlanSession(d.ctx, d.by, s.ID, in)
	return err
}

// convocations drafts every candidate's convocation on the clock's day,
// with the plan's appointments when the session has a plan and the
// protective equipment the DTE organisateur lists, validates the
// first validated on the day n days from today, and records that the first
// delivered came back from the post three days later (or today).
func (d *demo) convocations(s session.Session, cs []candidate.Candidate, validated, delivered int, n int) error {
	p, err := d.svc.Pli(d.ctx, d.by, s.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		// The plan's appointments when the session has one.
		appointment := s.Start.String() + "T08:30"
		if _, known, err := d.svc.PlanAppointments(d.ctx, d.by, s.ID, c.ID); err != nil {
			return err
		} else if known {
			appointment = ""
		}
		_, err := d.svc.DraftConvocation(d.ctx, d.by, s.ID, c.ID, candidate.ConvocationInput{
			Appointment: appointment, Place: site,
			Documents: candidate.UsualDocuments(), PPE: p.PPE,
		})
		if err != nil {
			return err
		}
	}
	d.on(n)
	for i, c := range cs[:validated] {
		if _, err := d.svc.ValidateConvocation(d.ctx, d.by, s.ID, c.ID, date.Zero); err != nil {
			return err
		}
		if i >= delivered {
			continue
		}
		if _, err := d.svc.RecordDelivery(d.ctx, d.by, s.ID, c.ID, candidate.DeliveryInput{
			Method: "registered_mail", SentOn: d.iso(n), TrackingNumber: fmt.Sprintf("1A%011d", 47203150+i),
		}); err != nil {
			return err
		}
	}
	d.on(min(n+3, 0))
	for _, c := range cs[:min(validated, delivered)] {
		if _, err := d.svc.RecordDelivery(d.ctx, d.by, s.ID, c.ID, candidate.DeliveryInput{
			Method: "registered_mail", SentOn: d.iso(n), DeliveredOn: d.iso(min(n+3, 0)),
		}); err != nil {
			return err
		}
	}
	return nil
}

// sessionFromScratch: four months ahead, declared and planned; the jury is
// being invited.
func (d *demo) sessionFromScratch() error {
	d.on(0)
	s, err := d.newSession("TP-01281", "Concepteur développeur d'applications", 120, 3, 8)
	if err != nil {
		return err
	}
	if _, err := d.svc.Declare(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	if err := d.plan(s, 8); err != nil {
		return err
	}
	return d.invite(s, 2, d.members[:4]...)
}

// sessionSendingConvocations: six weeks ahead, the pli ordered late and
// received, the jury staffed, convocations being validated and sent.
func (d *demo) sessionSendingConvocations() error {
	d.on(-25)
	s, err := d.newSession("TP-00467", "Électricien d'équipement du bâtiment", 45, 2, 6)
	if err != nil {
		return err
	}
	d.on(-20)
	if _, err := d.svc.Declare(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	d.on(-15)
	if _, _, err := d.svc.OrderPli(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	d.on(-10)
	if err := d.invite(s, 3, d.members[2], d.members[4], d.members[5]); err != nil {
		return err
	}
	d.on(-5)
	cs, err := d.register(s,
		person{"Léa", "Dubois", "55203253400646"}, person{"Hugo", "Petit", ""}, person{"Inès", "Garnier", "44306184100047"},
		person{"Thomas", "Roux", ""}, person{"Chloé", "Fournier", ""}, person{"Mathis", "Lambert", ""})
	if err != nil {
		return err
	}
	d.on(-2)
	if _, err := d.svc.ReceivePli(d.ctx, d.by, s.ID, date.Zero, []pli.Material{
		{Name: "Tableau électrique de formation", Quantity: 3, Epreuve: "MSP"},
		{Name: "Multimètre", Quantity: 6},
	}); err != nil {
		return err
	}
	if _, err := d.svc.RecordDTEPPE(d.ctx, d.by, s.ID, []string{"Chaussures de sécurité", "Gants isolants"}); err != nil {
		return err
	}
	if err := d.convocations(s, cs, 4, 2, 0); err != nil {
		return err
	}
	_, err = d.svc.SetChecklistItem(d.ctx, d.by, s.ID, checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK})
	return err
}

// sessionNearlyReady: two weeks ahead, everything done but the schedule to
// display and the workstations to check. Its plan has candidates sitting
// on two days: their convocations give both.
func (d *demo) sessionNearlyReady() error {
	d.on(-100)
	s, err := d.newSession("TP-01281", "Concepteur développeur d'applications", 14, 3, 4)
	if err != nil {
		return err
	}
	if _, err := d.svc.Declare(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	d.on(-95)
	if _, _, err := d.svc.OrderPli(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	if err := d.plan(s, 4); err != nil {
		return err
	}
	d.on(-90)
	if err := d.invite(s, 4, d.members[:4]...); err != nil {
		return err
	}
	d.on(-40)
	cs, err := d.register(s,
		person{"Camille", "Bernard", "73282932000074"}, person{"Yanis", "Mercier", ""},
		person{"Emma", "Faure", ""}, person{"Lucas", "Blanc", "55203253400646"})
	if err != nil {
		return err
	}
	// The panels first: the plan's times follow them.
	if _, err := d.svc.AssignJury(d.ctx, d.by, s.ID); err != nil {
		return err
	}
	if err := d.convocations(s, cs, len(cs), len(cs), -30); err != nil {
		return err
	}
	d.on(-20)
	if err := d.securePli(s); err != nil {
		return err
	}
	d.on(-1)
	for _, key := range []checklist.ItemKey{checklist.ItemInterviewRoomsConfidential, checklist.ItemRulesDisplayed,
		checklist.ItemResponsableDesignated, checklist.ItemComputersSecured} {
		if _, err := d.svc.SetChecklistItem(d.ctx, d.by, s.ID, key, checklist.ItemUpdate{Status: checklist.StatusOK}); err != nil {
			return err
		}
	}
	_, err = d.svc.SetEquipment(d.ctx, d.by, s.ID, "Vidéoprojecteur", checklist.EquipmentUpdate{
		Available: 2, OperationalFrom: s.Start - 7, OperationalUntil: s.End + 7,
	})
	return err
}

// securePli receives the pli of a CDA session and locks it away.
func (d *demo) securePli(s session.Session) error {
	if _, err := d.svc.ReceivePli(d.ctx, d.by, s.ID, date.Zero, []pli.Material{
		{Name: "Poste informatique sans accès à internet", Quantity: 4, Epreuve: "QP"},
		{Name: "Vidéoprojecteur", Quantity: 2, Epreuve: "PROJ"},
	}); err != nil {
		return err
	}
	_, err := d.svc.SecurePli(d.ctx, d.by, s.ID, "Coffre du bureau de direction", "Claire Martin")
	return err
}

// cancelledSession: a session the centre cancelled for lack of candidates.
func (d *demo) cancelledSession() error {
	d.on(0)
	s, err := d.newSession("TP-01281", "Concepteur développeur d'applications", 60, 3, 8)
	if err != nil {
		return err
	}
	_, err = d.svc.Cancel(d.ctx, d.by, s.ID)
	return err
}

// onDay moves the seeding's clock to hh:mm on day.
func (d *demo) onDay(day date.Date, hh, mm int) {
	d.clock.Set(day.Time(0, d.paris).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute))
}

// sessionValidated: held four months ago — prepared, opened, its exam days
// recorded (a late arrival, an absence, an incident), the juries'
// decisions signed, the procès-verbal sent and the results validated by the
// administration, the parchemins and the livret issued.
func (d *demo) sessionValidated() error {
	d.on(-250)
	s, err := d.newSession("TP-01281", "Concepteur développeur d'applications", -120, 2, 4)
	if err != nil {
		return err
	}
	if _, err := d.svc.Declare(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	if _, _, err := d.svc.OrderPli(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	if err := d.plan(s, 4); err != nil {
		return err
	}
	d.on(-240)
	if err := d.invite(s, 4, d.members[:4]...); err != nil {
		return err
	}
	d.on(-200)
	cs, err := d.register(s,
		person{"Manon", "Rousseau", "73282932000074"}, person{"Nathan", "Morel", ""},
		person{"Sarah", "Lemoine", ""}, person{"Adam", "Perrin", "55203253400646"})
	if err != nil {
		return err
	}
	if err := d.convocations(s, cs, len(cs), len(cs), -190); err != nil {
		return err
	}
	d.on(-140)
	if err := d.securePli(s); err != nil {
		return err
	}
	d.on(-130)
	if _, err := d.svc.AssignJury(d.ctx, d.by, s.ID); err != nil {
		return err
	}
	for _, key := range []checklist.ItemKey{checklist.ItemEquipmentOperational, checklist.ItemInterviewRoomsConfidential, checklist.ItemRulesDisplayed,
		checklist.ItemScheduleDisplayed, checklist.ItemResponsableDesignated, checklist.ItemComputersSecured} {
		if _, err := d.svc.SetChecklistItem(d.ctx, d.by, s.ID, key, checklist.ItemUpdate{Status: checklist.StatusOK}); err != nil {
			return err
		}
	}
	for name, units := range map[string]int{"Poste informatique sans accès à internet": 5, "Vidéoprojecteur": 2} {
		if _, err := d.svc.SetEquipment(d.ctx, d.by, s.ID, name, checklist.EquipmentUpdate{Available: units, OperationalFrom: s.Start - 7, OperationalUntil: s.End + 7}); err != nil {
			return err
		}
	}
	d.onDay(s.Start, 8, 0)
	if _, err := d.svc.Open(d.ctx, d.by, s.ID, nil); err != nil {
		return err
	}
	return d.hold(s, cs)
}

// hold records the exam days of the opened session s and what follows
// them, up to the validated results.
func (d *demo) hold(s session.Session, cs []candidate.Candidate) error {
	var all []string
	for _, c := range cs {
		all = append(all, string(c.ID))
	}
	if _, err := d.svc.PutSitting(d.ctx, d.by, s.ID, "qp", exam.SittingInput{Epreuve: "QP", Label: "Questionnaire professionnel",
		Day: s.Start.String(), Start: "09:00", End: "09:30", Candidates: all}); err != nil {
		return err
	}
	for i, c := range cs {
		start := tpsession.TimeOfDay(14*60 + 30*i)
		if _, err := d.svc.PutSitting(d.ctx, d.by, s.ID, fmt.Sprintf("ef-%d", i+1), exam.SittingInput{Epreuve: "EF", Label: "Entretien final",
			Day: s.End.String(), Start: start.String(), End: (start + 20).String(), Candidates: []string{string(c.ID)}, Final: true}); err != nil {
			return err
		}
	}
	sj, err := d.svc.SessionJury(d.ctx, d.by, s.ID)
	if err != nil {
		return err
	}
	for _, day := range []date.Date{s.Start, s.End} {
		d.onDay(day, 18, 0)
		if _, err := d.svc.RecordPresence(d.ctx, d.by, s.ID, "", day, exam.PresenceInput{Status: "present", ArrivedAt: "07:45"}); err != nil {
			return err
		}
		for _, m := range sj.AcceptedMembers() {
			if _, err := d.svc.RecordPresence(d.ctx, d.by, s.ID, m, day, exam.PresenceInput{Status: "present", ArrivedAt: "08:30", LeftAt: "17:45"}); err != nil {
				return err
			}
		}
		for i, c := range cs {
			key, sitting := "qp", "09:00"
			if day == s.End {
				key, sitting = fmt.Sprintf("ef-%d", i+1), (tpsession.TimeOfDay(14*60 + 30*i)).String()
			}
			checked := day.Time(0, d.paris).Add(8*time.Hour + 45*time.Minute)
			if day == s.End {
				checked = day.Time(0, d.paris).Add(13*time.Hour + 50*time.Minute)
			}
			in := exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Claire Martin", IdentityCheckedAt: checked.Format(time.RFC3339), ArrivedAt: sitting}
			switch {
			case i == len(cs)-1:
				in = exam.AttendanceInput{Status: "absent"}
			case i == 1 && key == "qp":
				in.ArrivedAt, in.LateDecision = "09:12", exam.Admitted
			}
			if _, err := d.svc.RecordAttendance(d.ctx, d.by, s.ID, key, c.ID, in); err != nil {
				return err
			}
		}
	}
	if _, err := d.svc.ReportIncident(d.ctx, d.by, s.ID, exam.IncidentInput{Kind: "technical_failure",
		At: s.Start.Time(0, d.paris).Add(9*time.Hour + 10*time.Minute).Format(time.RFC3339), Sitting: "qp",
		Description: "Le réseau de la salle 2 a été coupé quatre minutes ; le temps perdu a été signalé au jury."}); err != nil {
		return err
	}
	facts, err := d.svc.ExamFacts(d.ctx, d.by, s.ID)
	if err != nil {
		return err
	}
	for i, c := range cs {
		// The CCPs of the title's revision in force, as the register the
		// server reads lists them.
		var ccps []exam.CCPResultInput
		for _, code := range facts.Candidates[slices.IndexFunc(facts.Candidates, func(x exam.Candidate) bool { return x.ID == c.ID })].CCPs {
			ccps = append(ccps, exam.CCPResultInput{Code: code, Acquired: true})
		}
		in := exam.DecisionInput{Outcome: "obtained", CCPs: ccps, DossierProfessionnel: true, ECF: true}
		switch {
		case i == 2 && len(ccps) > 1:
			ccps[len(ccps)-1].Acquired = false
			in.Outcome, in.Reasons = "partial_success", "Le "+ccps[len(ccps)-1].Code+" reste à acquérir."
		case i == len(cs)-1:
			in = exam.DecisionInput{Outcome: "absent"}
		}
		p, _ := sj.Assignment.PanelOf(c.ID)
		if _, err := d.svc.Decide(d.ctx, d.juror(p.Members[0]), s.ID, c.ID, in); err != nil {
			return err
		}
		for _, m := range p.Members {
			if _, err := d.svc.SignDecision(d.ctx, d.juror(m), s.ID, c.ID); err != nil {
				return err
			}
		}
	}
	d.onDay(s.End+1, 10, 0)
	if _, err := d.svc.RecordPVSent(d.ctx, d.by, s.ID, date.Zero); err != nil {
		return err
	}
	d.onDay(s.End+21, 10, 0)
	inspector := session.Actor{Centre: demoCentre, Name: "Inspection DDETS du Rhône (demo)", Role: session.RoleController}
	if _, err := d.svc.Validate(d.ctx, inspector, s.ID, exam.ValidationInput{Reference: "DDETS-69-031"}); err != nil {
		return err
	}
	d.onDay(s.End+35, 10, 0)
	st, err := d.svc.Exam(d.ctx, d.by, s.ID)
	if err != nil {
		return err
	}
	for _, f := range st.Record.Finals() {
		if doc, ok := exam.Gives(s.Kind, f); ok {
			if _, err := d.svc.Issue(d.ctx, d.by, s.ID, f.Candidate, doc, exam.IssuanceInput{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// juror is the actor of the demo's member m.
func (d *demo) juror(m tpsession.MemberID) session.Actor {
	name := string(m)
	for _, x := range d.members {
		if x.ID == m {
			name = x.Name
		}
	}
	return session.Actor{Centre: demoCentre, Name: name, Role: session.RoleJury, Member: m}
}
