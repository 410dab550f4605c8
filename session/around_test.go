package session_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
	"github.com/tpsession/tpsession/session/titles"
)

// testRegister is a title register for the rules around the session: a
// title whose validity ends on 2027-06-30 (délai de prolongation to
// 2028-06-30), with protective equipment, a default hidden-time profile and
// a CCP open to remote sessions; and the CDA as shipped.
const testRegister = `{"titles": [
 {"code": "TP-09999", "name": "Technicien d'essai", "revisions": [
  {"id": "2019", "valid_from": "2019-01-01", "ccps": [{"code": "CCP1", "name": "Ancien A"}, {"code": "CCP2", "name": "Ancien B"}, {"code": "CCP3", "name": "Ancien C"}]},
  {"id": "2022", "valid_from": "2022-07-01", "valid_until": "2027-06-30",
   "ccps": [{"code": "CCP1", "name": "Monter"}, {"code": "CCP2", "name": "Mettre en service"}, {"code": "CCP3", "name": "Dépanner"}],
   "correspondence": [{"from": ["CCP1"], "to": "CCP1"}, {"from": ["CCP2", "CCP3"], "to": "CCP2"}],
   "hidden": {"opening_min": 30, "jury_briefing_min": 30, "jury_closure_min": 30, "accueil_min": 5, "reading_min": 20, "correction_min": 10, "deliberation_min": 10, "source": "test"},
   "epreuves": [{"id": "MSP", "label": "Mise en situation", "in": ["titre", "CCP1"], "ppe": ["Chaussures de sécurité", "Gants isolants"]}],
   "remote": {"ccps": ["CCP3"], "source": "test"}}
 ]}
]}`

func fixtureWith(t *testing.T, today date.Date, config func(*session.Config)) *fixture {
	t.Helper()
	store := memstore.New()
	clock := tpsession.NewFixedClock(at(today))
	cfg := session.Config{Clock: clock, Location: paris}
	reg, err := titles.DecodeBytes([]byte(testRegister))
	require.NoError(t, err)
	cda, err := titles.Default()
	require.NoError(t, err)
	both, err := titles.New(append(reg.Titles(), cda.Titles()...))
	require.NoError(t, err)
	cfg.Titles = &both
	if config != nil {
		config(&cfg)
	}
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store,
	}, cfg)
	require.NoError(t, err)
	return &fixture{t: t, ctx: context.Background(), clock: clock, svc: svc}
}

func (f *fixture) create(change func(*session.Details)) (session.Session, error) {
	d := details()
	if change != nil {
		change(&d)
	}
	return f.svc.CreateSession(f.ctx, admin, d)
}

func findingCodes(t *testing.T, f *fixture, sid tpsession.SessionID) map[checklist.FindingCode]checklist.Severity {
	t.Helper()
	r, err := f.svc.Readiness(f.ctx, admin, sid)
	require.NoError(t, err)
	out := map[checklist.FindingCode]checklist.Severity{}
	for _, x := range r.Findings {
		out[x.Code] = x.Severity
	}
	return out
}

func TestAgrementCoversTheSessionOnceRecorded(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	before, err := f.create(nil)
	require.NoError(t, err, "no agrément recorded: not refused")
	assert.Equal(t, checklist.SeverityWarning, findingCodes(t, f, before.ID)[checklist.CodeAgrementNotRecorded])

	a, err := f.svc.CreateAgrement(f.ctx, admin, agrement.Input{TitleCode: "TP-01281", Sites: []string{details().Site},
		ValidFrom: "2024-01-01", ValidUntil: "2027-03-02", Reference: "décision 2024-17"})
	require.NoError(t, err)
	assert.Equal(t, checklist.SeverityBlocking, findingCodes(t, f, before.ID)[checklist.CodeAgrementNotCovering],
		"the session created before ends after the agrément: it may not open")

	_, err = f.create(nil) // 2027-03-01 to 2027-03-03
	require.ErrorIs(t, err, agrement.ErrNotCovered)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	msg := tpsession.MessageOf(err)
	for _, s := range []string{string(a.ID), "décision 2024-17", "2024-01-01", "2027-03-02", "2027-03-03"} {
		assert.Contains(t, msg, s)
	}
	inside, err := f.create(func(d *session.Details) { d.End = date.New(2027, time.March, 2) })
	require.NoError(t, err, "the agrément's last day")
	assert.NotContains(t, findingCodes(t, f, inside.ID), checklist.CodeAgrementNotCovering)
	assert.NotContains(t, findingCodes(t, f, inside.ID), checklist.CodeAgrementNotRecorded)

	_, err = f.create(func(d *session.Details) { d.End = date.New(2027, time.March, 2); d.Site = "Villeurbanne" })
	assert.ErrorIs(t, err, agrement.ErrNotCovered, "another site")
	_, err = f.create(func(d *session.Details) {
		d.End = date.New(2027, time.March, 2)
		d.Title = "TP-09999"
		d.TitleName = "x"
	})
	assert.ErrorIs(t, err, agrement.ErrNotCovered, "another title")

	// Moving the session: dates and site are checked again.
	later, end3 := date.New(2027, time.March, 3), date.New(2027, time.March, 3)
	_, err = f.svc.ChangeSession(f.ctx, admin, inside.ID, session.Change{End: &later})
	assert.ErrorIs(t, err, agrement.ErrNotCovered)
	site := "Villeurbanne"
	_, err = f.svc.ChangeSession(f.ctx, admin, inside.ID, session.Change{Site: &site})
	assert.ErrorIs(t, err, agrement.ErrNotCovered)
	planned := 10
	_, err = f.svc.ChangeSession(f.ctx, admin, inside.ID, session.Change{PlannedCandidates: &planned})
	assert.NoError(t, err, "a change that moves nothing is not checked again")

	// A renewal with no gap covers the rest.
	_, err = f.svc.CreateAgrement(f.ctx, admin, agrement.Input{TitleCode: "TP-01281", Sites: []string{details().Site},
		ValidFrom: "2027-03-03", ValidUntil: "2028-12-18"})
	require.NoError(t, err)
	_, err = f.svc.ChangeSession(f.ctx, admin, inside.ID, session.Change{End: &end3})
	assert.NoError(t, err)
	assert.NotContains(t, findingCodes(t, f, before.ID), checklist.CodeAgrementNotCovering)

	as, err := f.svc.Agrements(f.ctx, admin)
	require.NoError(t, err)
	assert.Len(t, as, 2)
	theirs, err := f.svc.Agrements(f.ctx, other)
	require.NoError(t, err)
	assert.Empty(t, theirs, "another centre's agréments are its own")
}

func TestAnAgrementCannotOutlastItsTitle(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	in := agrement.Input{TitleCode: "TP-01281", Sites: []string{"Lyon"}, ValidFrom: "2024-01-01", ValidUntil: "2028-12-18"}
	a, err := f.svc.CreateAgrement(f.ctx, admin, in)
	require.NoError(t, err, "the title's last day")
	in.ValidUntil = "2028-12-19"
	_, err = f.svc.CreateAgrement(f.ctx, admin, in)
	require.ErrorIs(t, err, agrement.ErrOutlastsTitle)
	assert.Contains(t, tpsession.MessageOf(err), "2028-12-18")
	_, err = f.svc.ReviseAgrement(f.ctx, admin, a.ID, in)
	assert.ErrorIs(t, err, agrement.ErrOutlastsTitle)
	got, err := f.svc.Agrement(f.ctx, admin, a.ID)
	require.NoError(t, err)
	assert.Equal(t, date.New(2028, time.December, 18), got.Valid.Until, "a refused revision changes nothing")
	in.TitleCode = "TP-00123"
	_, err = f.svc.CreateAgrement(f.ctx, admin, in)
	assert.NoError(t, err, "a title the register does not know is not checked")
	_, err = f.svc.Agrement(f.ctx, other, a.ID)
	assert.ErrorIs(t, err, agrement.ErrAgrementNotFound)
}

func sessionOf(title string, start, end date.Date) func(*session.Details) {
	return func(d *session.Details) { d.Title, d.TitleName, d.Start, d.End = title, "", start, end }
}

func TestTheTitleValidityAndItsProlongation(t *testing.T) {
	end := date.New(2027, time.June, 30) // TP-09999 revision 2022
	tests := []struct {
		name       string
		today      date.Date
		start, fin date.Date
		want       error
	}{
		{"the last day of validity", date.New(2027, time.January, 4), date.New(2027, time.June, 28), end, nil},
		{"in the prolongation, created before the end", end, date.New(2027, time.July, 5), date.New(2027, time.July, 6), nil},
		{"in the prolongation, created after", end + 1, date.New(2027, time.July, 5), date.New(2027, time.July, 6), titles.ErrProlongationNotDeclared},
		{"the last day of the prolongation", end, date.New(2028, time.June, 30), date.New(2028, time.June, 30), nil},
		{"after the prolongation", end, date.New(2028, time.July, 3), date.New(2028, time.July, 3), titles.ErrTitleExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtureWith(t, tt.today, nil)
			s, err := f.create(sessionOf("TP-09999", tt.start, tt.fin))
			if tt.want != nil {
				require.ErrorIs(t, err, tt.want)
				assert.Contains(t, tpsession.MessageOf(err), end.String(), "names the end of validity")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "Technicien d'essai", s.TitleName, "named from the register")
		})
	}

	f := fixtureWith(t, date.New(2027, time.January, 4), nil)
	s, err := f.create(sessionOf("TP-09999", date.New(2027, time.June, 28), end))
	require.NoError(t, err)
	late := date.New(2027, time.July, 7)
	f.on(end + 1)
	_, err = f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{End: &late})
	assert.NoError(t, err, "moved into the prolongation: it was created before the end")
	later, laterEnd := date.New(2028, time.July, 3), date.New(2028, time.July, 4)
	_, err = f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{Start: &later, End: &laterEnd})
	assert.ErrorIs(t, err, titles.ErrTitleExpired)

	unknown, err := f.create(sessionOf("TP-00123", start, date.New(2027, time.March, 3)))
	require.ErrorIs(t, err, session.ErrInvalidSession, "no title name, and the register cannot give one")
	assert.Empty(t, unknown.ID)
	unknown, err = f.create(func(d *session.Details) { d.Title, d.TitleName = "TP-00123", "Titre hors registre" })
	require.NoError(t, err, "a title the register does not know is not refused")
	assert.Equal(t, checklist.SeverityWarning, findingCodes(t, f, unknown.ID)[checklist.CodeTitleNotInRegister])

	_, err = f.create(func(d *session.Details) { d.Revision = "1999" })
	require.ErrorIs(t, err, session.ErrInvalidSession)
	assert.Contains(t, tpsession.MessageOf(err), `"2018", "2023"`)
}

func TestRemoteSessionsOnlyWhereTheRegisterOpensThem(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	remote := func(title, kind string, ccps ...string) func(*session.Details) {
		return func(d *session.Details) {
			d.Title, d.TitleName, d.Kind, d.CCPs, d.Modality = title, "", kind, ccps, "remote"
		}
	}
	s, err := f.create(remote("TP-09999", "ccp", "CCP3"))
	require.NoError(t, err)
	assert.Equal(t, tpsession.Remote, s.Modality)

	for name, change := range map[string]func(*session.Details){
		"a session titre":          remote("TP-09999", "titre"),
		"a CCP not open":           remote("TP-09999", "ccp", "CCP1"),
		"the CDA":                  remote("TP-01281", "ccp", "CCP1"),
		"a title not in register":  func(d *session.Details) { remote("TP-00123", "ccp", "CCP1")(d); d.TitleName = "x" },
		"a CCP session of nothing": remote("TP-09999", "ccp"),
	} {
		_, err := f.create(change)
		require.ErrorIs(t, err, titles.ErrRemoteNotOpen, name)
		assert.Regexp(t, "TP-0(9999|1281|0123)", tpsession.MessageOf(err), name)
	}
	_, err = f.create(func(d *session.Details) { d.Kind, d.CCPs = "ccp", []string{"CCP9"} })
	require.ErrorIs(t, err, session.ErrInvalidSession, "a CCP the revision does not have")

	onSite, err := f.create(func(d *session.Details) {
		d.Title, d.TitleName, d.Kind, d.CCPs = "TP-09999", "", "ccp", []string{"CCP1"}
	})
	require.NoError(t, err)
	toRemote := "remote"
	_, err = f.svc.ChangeSession(f.ctx, admin, onSite.ID, session.Change{Modality: &toRemote})
	assert.ErrorIs(t, err, titles.ErrRemoteNotOpen, "changing the modality is checked")

	c := f.candidate("Léa", "Dubois", "")
	_, err = f.svc.RegisterWith(f.ctx, admin, onSite.ID, c.ID, session.RegistrationRequest{Modality: "remote"})
	assert.ErrorIs(t, err, candidate.ErrRemoteInOnSiteSession)
	r, err := f.svc.RegisterWith(f.ctx, admin, s.ID, c.ID, session.RegistrationRequest{})
	require.NoError(t, err)
	assert.Equal(t, tpsession.Remote, r.Modality, "a remote session's candidates sit remotely by default")
}

func TestTheYearlyProgrammingOnTheTimelineAndTheReadiness(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(nil)
	require.NoError(t, err)
	programmeOf := func(today date.Date) (session.Deadline, checklist.Severity, bool) {
		f.on(today)
		ds, err := f.svc.Timeline(f.ctx, admin, s.ID)
		require.NoError(t, err)
		require.Equal(t, session.DeadlineProgramme, ds[0].Key)
		sev, ok := findingCodes(t, f, s.ID)[checklist.CodeProgrammeLate]
		return ds[0], sev, ok
	}
	d, _, late := programmeOf(date.New(2027, time.January, 31))
	assert.Equal(t, date.New(2027, time.January, 31), d.Due)
	assert.Equal(t, session.DeadlineDueSoon, d.Status)
	assert.False(t, late, "due that day, not late yet")
	d, sev, late := programmeOf(date.New(2027, time.February, 1))
	assert.Equal(t, session.DeadlineOverdue, d.Status)
	assert.True(t, late)
	assert.Equal(t, checklist.SeverityWarning, sev)

	_, err = f.svc.SubmitProgramme(f.ctx, admin, 2027, date.Zero)
	assert.ErrorIs(t, err, programme.ErrProgrammeNotFound, "nothing recorded to submit")
	_, err = f.svc.PutProgramme(f.ctx, admin, 2027, programme.Input{Sessions: []programme.PlannedInput{
		{TitleCode: "TP-01281", Kind: "titre", Site: "Lyon", StartDate: "2027-03-01", EndDate: "2027-03-03", Candidates: 12}}})
	require.NoError(t, err)
	p, err := f.svc.SubmitProgramme(f.ctx, admin, 2027, date.New(2027, time.February, 1))
	require.NoError(t, err)
	assert.True(t, p.Late())
	d, _, late = programmeOf(date.New(2027, time.February, 2))
	assert.Equal(t, session.DeadlineDone, d.Status)
	assert.Contains(t, d.Note, "non-compliance")
	assert.True(t, late, "submitted late stays a finding")

	onTime := fixtureWith(t, date.New(2027, time.January, 31), nil)
	s2, err := onTime.create(nil)
	require.NoError(t, err)
	_, err = onTime.svc.PutProgramme(onTime.ctx, admin, 2027, programme.Input{})
	require.NoError(t, err)
	_, err = onTime.svc.SubmitProgramme(onTime.ctx, admin, 2027, date.Zero)
	require.NoError(t, err)
	onTime.on(date.New(2027, time.February, 2))
	assert.NotContains(t, findingCodes(t, onTime, s2.ID), checklist.CodeProgrammeLate, "submitted on the 31st")
	ps, err := onTime.svc.Programmes(onTime.ctx, admin)
	require.NoError(t, err)
	require.Len(t, ps, 1)
	_, err = onTime.svc.Programme(onTime.ctx, other, 2027)
	assert.ErrorIs(t, err, programme.ErrProgrammeNotFound)
}

func TestThePliReceiptAlertAgreesWithTheTimeline(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(nil)
	require.NoError(t, err)
	_, _, err = f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	alert := pli.ReceiptAlertOn(start)
	require.Equal(t, date.New(2027, time.February, 15), alert)
	for _, tt := range []struct {
		today date.Date
		want  session.DeadlineStatus
	}{
		{alert - 1, session.DeadlineDueSoon},
		{alert, session.DeadlineOverdue},
		{alert + 1, session.DeadlineOverdue},
	} {
		f.on(tt.today)
		ds, err := f.svc.Timeline(f.ctx, admin, s.ID)
		require.NoError(t, err)
		i := slices.IndexFunc(ds, func(d session.Deadline) bool { return d.Key == session.DeadlineReceivePli })
		assert.Equal(t, tt.want, ds[i].Status, "%s", tt.today)
		p, err := f.svc.Pli(f.ctx, admin, s.ID)
		require.NoError(t, err)
		warned := slices.ContainsFunc(pli.Advise(start, tt.today, p), func(w pli.Warning) bool { return w.Code == pli.WarningNotReceived })
		assert.Equal(t, tt.want == session.DeadlineOverdue, warned, "pli.Advise agrees on %s", tt.today)
	}
}

func TestRegistrationReadsTheCandidatesHistory(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(nil) // a CDA session titre, 2027-03-01
	require.NoError(t, err)
	c := f.candidate("Léa", "Dubois", "")
	_, err = f.svc.RecordAttempt(f.ctx, admin, c.ID, candidate.AttemptInput{TitleCode: "TP-01281", Kind: "titre", On: "2026-02-26", Outcome: "failed"})
	require.NoError(t, err)
	_, err = f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.ErrorIs(t, err, candidate.ErrResitNeedsTraining)
	assert.Contains(t, tpsession.MessageOf(err), "2026-02-26")
	assert.Contains(t, tpsession.MessageOf(err), "2027-03-01")

	in := candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1996-05-14", Route: "formation",
		Trainings: []candidate.TrainingInput{{Organisation: "Lyon Formation", From: "2026-09-01", Until: "2026-12-18"}}}
	_, err = f.svc.ReviseCandidate(f.ctx, admin, c.ID, in)
	require.NoError(t, err)
	_, err = f.svc.Register(f.ctx, admin, s.ID, c.ID)
	assert.NoError(t, err, "a training since the failure")
	in.Trainings = nil
	_, err = f.svc.ReviseCandidate(f.ctx, admin, c.ID, in)
	assert.ErrorIs(t, err, session.ErrRevisionBreaksEligibility, "removing the training breaks the registration")
}

func TestACCPSessionIsLimitedToTheCCPsTheCandidateLacks(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(func(d *session.Details) { d.Kind, d.CCPs = "ccp", []string{"CCP1", "CCP2", "CCP3"} }) // CDA 2023
	require.NoError(t, err)
	c := f.candidate("Léa", "Dubois", "")
	_, err = f.svc.RecordAttempt(f.ctx, admin, c.ID, candidate.AttemptInput{TitleCode: "TP-01281", Revision: "2018", Kind: "titre",
		On: "2023-06-20", Outcome: "partial_success", Acquired: []string{"CCP2", "CCP3"}})
	require.NoError(t, err)
	r, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"CCP1", "CCP3"}, r.CCPs, "the 2018 CCP2 and CCP3 give the 2023 CCP2 (annexe 2 of the RE)")

	d := f.candidate("Marc", "Petit", "")
	_, err = f.svc.RecordAttempt(f.ctx, admin, d.ID, candidate.AttemptInput{TitleCode: "TP-01281", Kind: "ccp", CCPs: []string{"CCP1", "CCP2", "CCP3"},
		On: "2026-06-20", Outcome: "obtained"})
	require.NoError(t, err)
	_, err = f.svc.Register(f.ctx, admin, s.ID, d.ID)
	assert.ErrorIs(t, err, candidate.ErrNoCCPLeft)
	_, err = f.svc.RegisterWith(f.ctx, admin, s.ID, d.ID, session.RegistrationRequest{CCPs: []string{"CCP2"}})
	assert.ErrorIs(t, err, candidate.ErrCCPAlreadyHeld)
}

func TestOutcomesFeedTheHistory(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	regs, err := f.svc.Registrations(f.ctx, admin, s.ID)
	require.NoError(t, err)
	cid := regs[0].Candidate
	_, err = f.svc.RecordOutcome(f.ctx, admin, s.ID, cid, session.Outcome{Outcome: candidate.PartialSuccess, Acquired: []string{"CCP1"}})
	assert.ErrorIs(t, err, session.ErrNotSat, "before the session is opened")

	f.on(start)
	_, err = f.svc.Open(f.ctx, admin, s.ID, nil)
	require.NoError(t, err)
	c, err := f.svc.RecordOutcome(f.ctx, admin, s.ID, cid, session.Outcome{Outcome: candidate.PartialSuccess, Acquired: []string{"CCP1"}})
	require.NoError(t, err)
	require.Len(t, c.History, 1)
	a := c.History[0]
	assert.Equal(t, s.ID, a.Session)
	assert.Equal(t, "2023", a.Revision, "the register's revision on the session's dates")
	assert.Equal(t, start, a.On, "recorded on the first day: the day it is decided")
	f.on(end)
	c, err = f.svc.RecordOutcome(f.ctx, admin, s.ID, cid, session.Outcome{Outcome: candidate.Obtained})
	require.NoError(t, err)
	require.Len(t, c.History, 1, "recorded again, it is corrected")
	assert.Equal(t, end, c.History[0].On)
	assert.True(t, c.HoldsTitle("TP-01281"))
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	var recorded []string
	for _, e := range events {
		if e.Action == session.ActionOutcomeRecorded {
			recorded = append(recorded, e.Detail)
		}
	}
	require.Len(t, recorded, 2, "each outcome recorded is in the session's event log")
	assert.Contains(t, recorded[1], "obtained the titre session of TP-01281")

	_, err = f.svc.RecordOutcome(f.ctx, admin, s.ID, cid, session.Outcome{Outcome: candidate.PartialSuccess})
	assert.ErrorIs(t, err, candidate.ErrInvalidAttempt, "a partial success lists its CCPs")
	stranger := f.candidate("Paul", "Inconnu", "")
	_, err = f.svc.RecordOutcome(f.ctx, admin, s.ID, stranger.ID, session.Outcome{Outcome: candidate.Failed})
	assert.ErrorIs(t, err, candidate.ErrRegistrationNotFound)
}

func TestConvocationsListTheProtectiveEquipment(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(sessionOf("TP-09999", start, end))
	require.NoError(t, err)
	c := f.candidate("Léa", "Dubois", "")
	_, err = f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	draft := candidate.ConvocationInput{Appointment: "2027-03-01T08:30", Place: "Salle 2", Documents: candidate.UsualDocuments(),
		PPE: []string{"Chaussures de sécurité"}}
	_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, draft)
	require.NoError(t, err)
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
	require.ErrorIs(t, err, candidate.ErrConvocationPPEMissing)
	assert.Contains(t, tpsession.MessageOf(err), "Gants isolants")
	assert.Contains(t, tpsession.MessageOf(err), "Mise en situation")

	// The DTE organisateur adds its own.
	_, _, err = f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	_, err = f.svc.ReceivePli(f.ctx, admin, s.ID, date.Zero, []pli.Material{{Name: "Établi", Quantity: 2}})
	require.NoError(t, err)
	_, err = f.svc.RecordDTEPPE(f.ctx, admin, s.ID, []string{"Lunettes de protection"})
	require.NoError(t, err)
	draft.PPE = []string{"Chaussures de sécurité", "Gants isolants"}
	_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, draft)
	require.NoError(t, err)
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
	require.ErrorIs(t, err, candidate.ErrConvocationPPEMissing)
	assert.Contains(t, tpsession.MessageOf(err), "« Lunettes de protection » (DTE organisateur)")
	draft.PPE = append(draft.PPE, "Lunettes de protection")
	_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, draft)
	require.NoError(t, err)
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
	assert.NoError(t, err)
}

func TestAValidationBeforeTheRegistrationIsRefused(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(nil)
	require.NoError(t, err)
	c := f.candidate("Léa", "Dubois", "")
	f.on(date.New(2026, time.November, 20))
	_, err = f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, candidate.ConvocationInput{Appointment: "2027-03-01T08:30", Place: "Salle 2", Documents: candidate.UsualDocuments()})
	require.NoError(t, err)
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.New(2026, time.November, 19))
	require.ErrorIs(t, err, candidate.ErrValidatedBeforeDraft)
	assert.Contains(t, tpsession.MessageOf(err), "2026-11-19")
	assert.Contains(t, tpsession.MessageOf(err), "2026-11-20")
	_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.New(2026, time.November, 20))
	assert.NoError(t, err)
}

func TestPlanningASessionTitre(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(nil)
	require.NoError(t, err)

	in := planInput(t)
	in.Epreuves[3].Final = false
	_, err = f.svc.PlanSession(f.ctx, admin, s.ID, in)
	require.ErrorIs(t, err, plan.ErrNoEntretienFinal)
	assert.Contains(t, tpsession.MessageOf(err), "QP")

	ccp, err := f.create(func(d *session.Details) { d.Kind, d.CCPs = "ccp", []string{"CCP1"} })
	require.NoError(t, err)
	_, err = f.svc.PlanSession(f.ctx, admin, ccp.ID, in)
	assert.NoError(t, err, "a CCP session needs no entretien final")

	noHidden := planInput(t)
	noHidden.Hidden = nil
	rec, err := f.svc.PlanSession(f.ctx, admin, s.ID, noHidden)
	require.NoError(t, err)
	require.NotNil(t, rec.Input.Hidden)
	assert.Equal(t, 20, rec.Input.Hidden.ReadingMin, "the register's profile")
	require.NotEmpty(t, rec.Plan.Notes)
	assert.Equal(t, plan.NoteHiddenFromRegister, rec.Plan.Notes[0].Code)
	assert.Contains(t, rec.Plan.Notes[0].Message, "TP-01281")

	unknown, err := f.create(func(d *session.Details) { d.Title, d.TitleName = "TP-00123", "Titre hors registre" })
	require.NoError(t, err)
	_, err = f.svc.PlanSession(f.ctx, admin, unknown.ID, noHidden)
	require.ErrorIs(t, err, session.ErrHiddenTimesMissing)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))

	zeros := planInput(t)
	zeros.Hidden = &plan.Hidden{}
	rec, err = f.svc.PlanSession(f.ctx, admin, unknown.ID, zeros)
	require.NoError(t, err)
	require.Len(t, rec.Plan.Notes, 1)
	assert.Equal(t, plan.NoteHiddenZero, rec.Plan.Notes[0].Code)
}

// TestHiddenTimesSizeTheJury is the situation of the leaflet's warning: 10
// CDA candidates over two days need two juries once the hidden times are
// counted, and would be planned on three days with one jury without them.
func TestHiddenTimesSizeTheJury(t *testing.T) {
	f := fixtureWith(t, date.New(2026, time.November, 16), nil)
	s, err := f.create(func(d *session.Details) { d.End = date.New(2027, time.March, 2); d.PlannedCandidates = 10 })
	require.NoError(t, err)
	in := planInput(t)
	in.Candidates = 10
	in.Hidden = nil
	rec, err := f.svc.PlanSession(f.ctx, admin, s.ID, in)
	require.NoError(t, err)
	require.True(t, rec.Plan.Feasible, rec.Plan.Reason)
	assert.Equal(t, 2, rec.Plan.Juries)
	assert.Len(t, rec.Plan.Days, 2)

	long, err := f.create(func(d *session.Details) { d.End = date.New(2027, time.March, 5); d.PlannedCandidates = 10 })
	require.NoError(t, err)
	in.Hidden = &plan.Hidden{}
	naive, err := f.svc.PlanSession(f.ctx, admin, long.ID, in)
	require.NoError(t, err)
	assert.Equal(t, 1, naive.Plan.Juries, "without hidden times one jury seems enough")
	assert.Equal(t, plan.NoteHiddenZero, naive.Plan.Notes[0].Code, "and the plan says the count ignores them")
}

func TestConflictsByCompanyAndTraining(t *testing.T) {
	const host, sibling = "73282932000074", "73282932000017" // two establishments of one company
	setup := func(t *testing.T, rules jury.ConflictRules) (*fixture, session.Session, candidate.Candidate, jury.Member, jury.Member) {
		f := fixtureWith(t, date.New(2026, time.November, 16), func(c *session.Config) { c.Jury.Conflicts = rules })
		s, err := f.create(nil)
		require.NoError(t, err)
		c, err := f.svc.CreateCandidate(f.ctx, admin, candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1996-05-14", Route: "formation",
			HostCompanies: []candidate.HostCompanyInput{{SIRET: host, Name: "Atelier", From: "2026-04-01", Until: "2026-06-30"}},
			Trainings: []candidate.TrainingInput{{Organisation: "Lyon Formation", From: "2025-09-01", Until: "2026-06-30",
				Trainers: []candidate.TrainerInput{{Name: "Paul Girard", Email: "paul.girard@example.fr"}}}}})
		require.NoError(t, err)
		_, err = f.svc.Register(f.ctx, admin, s.ID, c.ID)
		require.NoError(t, err)
		branch := f.member("Anne Leroy", "anne@example.fr", sibling)
		trainer := f.member("Paul Girard", "paul.girard@example.fr", "")
		return f, s, c, branch, trainer
	}
	// Only the two members who may conflict are invited: the assignment
	// exists exactly when neither conflicts with the candidate.
	assign := func(t *testing.T, f *fixture, s session.Session, members ...jury.Member) error {
		for _, m := range members {
			_, _, err := f.svc.Invite(f.ctx, admin, s.ID, m.ID)
			require.NoError(t, err)
			_, err = f.svc.AnswerInvitation(f.ctx, admin, s.ID, m.ID, true)
			require.NoError(t, err)
		}
		_, err := f.svc.AssignJury(f.ctx, admin, s.ID)
		return err
	}
	t.Run("by default the company and the trainer", func(t *testing.T) {
		f, s, _, branch, trainer := setup(t, jury.ConflictRules{})
		err := assign(t, f, s, branch, trainer)
		require.ErrorIs(t, err, jury.ErrNoAssignment)
		var e *jury.AssignmentError
		require.ErrorAs(t, err, &e)
		require.Len(t, e.Unassigned, 1)
		assert.Equal(t, jury.ConflictsWithAll, e.Unassigned[0].Reason)
	})
	t.Run("looser: the establishment only, declared training links only", func(t *testing.T) {
		f, s, _, branch, trainer := setup(t, jury.ConflictRules{Company: jury.SameEstablishment, Training: jury.TrainingDeclaredOnly})
		assert.NoError(t, assign(t, f, s, branch, trainer))
	})
	t.Run("the company alone", func(t *testing.T) {
		f, s, _, branch, trainer := setup(t, jury.ConflictRules{Training: jury.TrainingDeclaredOnly})
		assert.ErrorIs(t, assign(t, f, s, branch, trainer), jury.ErrNoAssignment)
	})
	t.Run("the trainer alone", func(t *testing.T) {
		f, s, _, branch, trainer := setup(t, jury.ConflictRules{Company: jury.SameEstablishment})
		assert.ErrorIs(t, assign(t, f, s, branch, trainer), jury.ErrNoAssignment)
	})
	_, err := session.NewService(session.Stores{}, session.Config{Jury: jury.Policy{Conflicts: jury.ConflictRules{Company: "siren"}}})
	assert.Error(t, err)
}
