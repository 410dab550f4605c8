package session_test

import (
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

var controller = session.Actor{Centre: "centre-lyon", Name: "Inspection DDETS", Role: session.RoleController}

// juror is the actor of jury member m.
func juror(m tpsession.MemberID) session.Actor {
	return session.Actor{Centre: admin.Centre, Name: "Juré " + string(m[len(m)-4:]), Role: session.RoleJury, Member: m}
}

// examined opens the prepared session on its start date and records its
// exam days: the questionnaire "qp" on day 1 from 09:00 to 10:00 and the
// entretien final "ef" on day 3 from 14:00 to 16:00, for every candidate;
// the responsable and every accepted member present on both days; the
// first candidate late at qp and admitted, the last absent from both. The
// clock stands at 17:00 on day 3.
func (f *fixture) examined() (session.Session, []tpsession.CandidateID, jury.SessionJury) {
	t := f.t
	s := f.prepared()
	f.on(start)
	_, err := f.svc.Open(f.ctx, admin, s.ID, nil)
	require.NoError(t, err)
	regs, err := f.svc.Registrations(f.ctx, admin, s.ID)
	require.NoError(t, err)
	var ids []string
	var cands []tpsession.CandidateID
	for _, r := range regs {
		ids = append(ids, string(r.Candidate))
		cands = append(cands, r.Candidate)
	}
	_, err = f.svc.PutSitting(f.ctx, admin, s.ID, "qp", exam.SittingInput{Label: "Questionnaire professionnel", Day: start.String(), Start: "09:00", End: "10:00", Candidates: ids})
	require.NoError(t, err)
	_, err = f.svc.PutSitting(f.ctx, admin, s.ID, "ef", exam.SittingInput{Label: "Entretien final", Day: end.String(), Start: "14:00", End: "16:00", Candidates: ids, Final: true})
	require.NoError(t, err)
	sj, err := f.svc.SessionJury(f.ctx, admin, s.ID)
	require.NoError(t, err)
	for _, day := range []date.Date{start, end} {
		f.clock.Set(at(day).Add(8 * time.Hour)) // 17:00
		_, err := f.svc.RecordPresence(f.ctx, admin, s.ID, "", day, exam.PresenceInput{Status: "present", ArrivedAt: "08:00"})
		require.NoError(t, err)
		for _, m := range sj.AcceptedMembers() {
			_, err := f.svc.RecordPresence(f.ctx, admin, s.ID, m, day, exam.PresenceInput{Status: "present", ArrivedAt: "08:30"})
			require.NoError(t, err)
		}
		key, startAt := "qp", "09:00"
		if day == end {
			key, startAt = "ef", "14:00"
		}
		for i, c := range cands {
			in := exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Sami Accueil", IdentityCheckedAt: at(day).Add(-time.Hour).Format(time.RFC3339), ArrivedAt: startAt}
			switch {
			case i == len(cands)-1:
				in = exam.AttendanceInput{Status: "absent"}
			case i == 0 && key == "qp":
				in.ArrivedAt, in.LateDecision = "09:20", "admitted"
			}
			_, err := f.svc.RecordAttendance(f.ctx, admin, s.ID, key, c, in)
			require.NoError(t, err, "%s %d", key, i)
		}
	}
	return s, cands, sj
}

// decideAll has the first member of each candidate's panel decide
// (partial success for the first, the title for the others present,
// absence for the last) and every member of the panel sign.
func (f *fixture) decideAll(sid tpsession.SessionID, cands []tpsession.CandidateID, sj jury.SessionJury) {
	t := f.t
	for i, c := range cands {
		p, ok := sj.Assignment.PanelOf(c)
		require.True(t, ok)
		in := exam.DecisionInput{Outcome: "obtained", DossierProfessionnel: true, ECF: true, CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}, {Code: "CCP3", Acquired: true}}}
		switch i {
		case 0:
			in.Outcome, in.CCPs[2].Acquired = "partial_success", false
		case len(cands) - 1:
			in = exam.DecisionInput{Outcome: "absent"}
		}
		_, err := f.svc.Decide(f.ctx, juror(p.Members[0]), sid, c, in)
		require.NoError(t, err)
		for _, m := range p.Members {
			_, err := f.svc.SignDecision(f.ctx, juror(m), sid, c)
			require.NoError(t, err)
		}
	}
}

func TestAnExamGoesFromTheOpeningToTheValidatedResults(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, sj := f.examined()

	st, err := f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Len(t, st.Pending, len(cands))
	assert.Equal(t, 2, st.Quorum)
	a, ok := st.Record.AttendanceOf("qp", cands[0])
	require.True(t, ok)
	assert.Equal(t, exam.LateAdmitted, a.Status)
	assert.Equal(t, 40, a.Late.MinutesLeft, "arrived at 09:20, the end at 10:00 does not move")

	_, err = f.svc.Decide(f.ctx, admin, s.ID, cands[1], exam.DecisionInput{Outcome: "failed"})
	assert.ErrorIs(t, err, exam.ErrNotAJuryMember, "the centre's staff does not deliberate")

	f.decideAll(s.ID, cands, sj)
	assert.Equal(t, session.StatusClosed, f.status(s.ID), "the last signature closed the session")
	got, err := f.svc.Session(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, end, got.Milestones().ClosedOn)
	_, err = f.svc.Close(f.ctx, admin, s.ID)
	assert.ErrorIs(t, err, session.ErrNotWritable, "already closed")

	_, err = f.svc.Validate(f.ctx, controller, s.ID, exam.ValidationInput{})
	assert.ErrorIs(t, err, exam.ErrNotValidatable, "the PV is not sent")
	f.on(end + 2)
	sent, err := f.svc.RecordPVSent(f.ctx, admin, s.ID, end+1)
	require.NoError(t, err)
	assert.Equal(t, end+1, sent.On)
	f.on(end + 20)
	v, err := f.svc.Validate(f.ctx, controller, s.ID, exam.ValidationInput{On: (end + 15).String(), Reference: "DDETS-69-2027-031"})
	require.NoError(t, err)
	assert.Equal(t, session.StatusValidated, v.Status())
	assert.Equal(t, end+15, v.Milestones().ValidatedOn)

	c0, err := f.svc.Candidate(f.ctx, admin, cands[0])
	require.NoError(t, err)
	require.Len(t, c0.History, 1, "the validated outcome feeds the history")
	assert.Equal(t, candidate.PartialSuccess, c0.History[0].Outcome)
	assert.Equal(t, []string{"CCP1", "CCP2"}, c0.History[0].Acquired)
	assert.Equal(t, end, c0.History[0].On, "the day of the deliberation")
	c1, err := f.svc.Candidate(f.ctx, admin, cands[1])
	require.NoError(t, err)
	assert.True(t, c1.HoldsTitle("TP-01281"), "the title obtained is held")
	last, err := f.svc.Candidate(f.ctx, admin, cands[len(cands)-1])
	require.NoError(t, err)
	assert.Equal(t, candidate.Absent, last.History[0].Outcome)
	_, err = f.svc.RecordOutcome(f.ctx, admin, s.ID, cands[1], session.Outcome{Outcome: candidate.Failed})
	assert.ErrorIs(t, err, session.ErrOutcomeDeliberated)

	is, err := f.svc.Issue(f.ctx, admin, s.ID, cands[1], exam.Parchemin, exam.IssuanceInput{IssuedOn: (end + 18).String()})
	require.NoError(t, err)
	assert.Equal(t, end+18, is.IssuedOn)
	_, err = f.svc.Issue(f.ctx, admin, s.ID, cands[0], exam.Parchemin, exam.IssuanceInput{})
	assert.ErrorIs(t, err, exam.ErrNotIssuable, "a partial success gives a livret")
	_, err = f.svc.Issue(f.ctx, admin, s.ID, cands[0], exam.Livret, exam.IssuanceInput{})
	require.NoError(t, err)

	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	for _, want := range []string{session.ActionExamSitting, session.ActionExamPresence, session.ActionExamAttendance, session.ActionDecisionRecorded,
		session.ActionDecisionSigned, session.ActionSessionClosed, session.ActionPVSent, session.ActionSessionValidated, session.ActionOutcomeRecorded, session.ActionDocumentIssued} {
		assert.Contains(t, actions, want)
	}
}

func TestAnAdmissionAfterTheEndIsRefusedAndNothingChanges(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, _ := f.examined()
	before, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	_, err = f.svc.RecordAttendance(f.ctx, admin, s.ID, "qp", cands[0], exam.AttendanceInput{Status: "present", ArrivedAt: "10:00", LateDecision: "admitted",
		IdentityCheckedBy: "x", IdentityCheckedAt: at(start).Format(time.RFC3339)})
	assert.ErrorIs(t, err, exam.ErrNoTimeLeft)
	after, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, before, after, "nothing recorded")
	st, err := f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	a, _ := st.Record.AttendanceOf("qp", cands[0])
	assert.Equal(t, tpsession.TimeOfDay(9*60+20), a.Arrived, "the attendance recorded before stays")
}

func TestBadExamInputIsReportedBeforeTheSessionsState(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	c := f.candidate("Léa", "Dubois", "")
	_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
	require.NoError(t, err)
	_, err = f.svc.PutSitting(f.ctx, admin, s.ID, "qp", exam.SittingInput{Label: "QP", Day: start.String(), Start: "09:00", End: "10:00", Candidates: []string{string(c.ID)}})
	require.NoError(t, err, "the sittings are prepared before the opening")
	_, err = f.svc.RecordAttendance(f.ctx, admin, s.ID, "qp", c.ID, exam.AttendanceInput{Status: "late"})
	assert.ErrorIs(t, err, exam.ErrInvalidInput, "bad input first")
	_, err = f.svc.RecordAttendance(f.ctx, admin, s.ID, "qp", c.ID, exam.AttendanceInput{Status: "absent"})
	assert.ErrorIs(t, err, session.ErrNotOpened, "then the session's state")
	_, err = f.svc.RecordPVSent(f.ctx, admin, s.ID, date.Zero)
	assert.ErrorIs(t, err, session.ErrNotClosed)
}

func TestASessionWithoutCandidatesClosesByHand(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.prepared()
	regs, err := f.svc.Registrations(f.ctx, admin, s.ID)
	require.NoError(t, err)
	for _, r := range regs {
		require.NoError(t, f.svc.Withdraw(f.ctx, admin, s.ID, r.Candidate))
	}
	f.on(start)
	_, err = f.svc.Open(f.ctx, admin, s.ID, nil)
	require.NoError(t, err)
	closed, err := f.svc.Close(f.ctx, admin, s.ID)
	require.NoError(t, err, "nothing to sign")
	assert.Equal(t, session.StatusClosed, closed.Status())
	st, err := f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.True(t, st.Record.Closed())
}

func TestAJuryWithoutQuorumGivesAPVDeConstatationThatMayCloseTheSession(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, sj := f.examined()
	// Every member of the first candidate's panel but one is absent on day 3.
	p, _ := sj.Assignment.PanelOf(cands[0])
	_, err := f.svc.RecordPresence(f.ctx, admin, s.ID, p.Members[1], end, exam.PresenceInput{Status: "absent"})
	require.NoError(t, err)
	_, err = f.svc.Decide(f.ctx, juror(p.Members[0]), s.ID, cands[0], exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}, {Code: "CCP3"}}})
	assert.ErrorIs(t, err, exam.ErrNoQuorum)
	k, err := f.svc.Constate(f.ctx, admin, s.ID, exam.ConstatationInput{Note: "absence imprévue"})
	require.NoError(t, err)
	assert.ElementsMatch(t, p.Candidates, k.Candidates, "the candidates of that panel")
	st, err := f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	for _, c := range p.Candidates {
		_, to := st.Record.ToReconvene(c)
		assert.True(t, to)
	}
	var rest []tpsession.CandidateID
	for _, c := range cands {
		if !contains2(p.Candidates, c) {
			rest = append(rest, c)
		}
	}
	f.decideAll(s.ID, rest, sj)
	assert.Equal(t, session.StatusClosed, f.status(s.ID))
}

func contains2(cs []tpsession.CandidateID, c tpsession.CandidateID) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// TestNoSignatureIsLostNorAlteredConcurrently signs every decision from
// every member at once, with attempts to record a decision again mixed
// in; then, the PV closed, tries at once to change it every way.
func TestNoSignatureIsLostNorAlteredConcurrently(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, sj := f.examined()
	for i, c := range cands {
		p, _ := sj.Assignment.PanelOf(c)
		in := exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}, {Code: "CCP3"}}}
		if i == len(cands)-1 {
			in = exam.DecisionInput{Outcome: "absent"}
		}
		_, err := f.svc.Decide(f.ctx, juror(p.Members[0]), s.ID, c, in)
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	signed := map[string]bool{}
	for _, c := range cands {
		p, _ := sj.Assignment.PanelOf(c)
		for _, m := range p.Members {
			wg.Go(func() {
				_, err := f.svc.SignDecision(f.ctx, juror(m), s.ID, c)
				mu.Lock()
				defer mu.Unlock()
				if assert.NoError(t, err) {
					signed[string(c)+"/"+string(m)] = true
				}
			})
		}
	}
	wg.Wait()
	assert.Equal(t, session.StatusClosed, f.status(s.ID))
	st, err := f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	for _, d := range st.Record.Decisions {
		for _, m := range d.Deliberators {
			assert.True(t, signed[string(d.Candidate)+"/"+string(m)])
		}
		assert.True(t, d.Signed(), "every acknowledged signature is kept")
	}
	closed := st.Record

	for _, c := range cands {
		p, _ := sj.Assignment.PanelOf(c)
		for _, m := range p.Members {
			wg.Go(func() {
				_, err := f.svc.Decide(f.ctx, juror(m), s.ID, c, exam.DecisionInput{Outcome: "absent"})
				assert.ErrorIs(t, err, exam.ErrPVClosed)
			})
			wg.Go(func() {
				_, err := f.svc.SignDecision(f.ctx, juror(m), s.ID, c)
				assert.ErrorIs(t, err, exam.ErrPVClosed)
			})
		}
		wg.Go(func() {
			_, err := f.svc.RecordAttendance(f.ctx, admin, s.ID, "ef", c, exam.AttendanceInput{Status: "absent"})
			assert.ErrorIs(t, err, exam.ErrPVClosed)
		})
	}
	wg.Wait()
	st, err = f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, closed, st.Record, "the closed procès-verbal is as it was")
}

func TestAnAmendmentCorrectsAClosedDecision(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, sj := f.examined()
	f.decideAll(s.ID, cands, sj)
	p, _ := sj.Assignment.PanelOf(cands[1])
	in := exam.AmendmentInput{Reason: "le CCP3 n'était pas acquis : erreur de report", DecisionInput: exam.DecisionInput{Outcome: "partial_success",
		DossierProfessionnel: true, ECF: true, CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}, {Code: "CCP3"}}}}
	a, err := f.svc.Amend(f.ctx, juror(p.Members[0]), s.ID, cands[1], in)
	require.NoError(t, err)
	for _, m := range p.Members {
		a, err = f.svc.SignAmendment(f.ctx, juror(m), s.ID, cands[1], a.Number)
		require.NoError(t, err)
	}
	assert.True(t, a.Effective())
	_, err = f.svc.RecordPVSent(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	_, err = f.svc.Validate(f.ctx, controller, s.ID, exam.ValidationInput{})
	require.NoError(t, err)
	c, err := f.svc.Candidate(f.ctx, admin, cands[1])
	require.NoError(t, err)
	assert.Equal(t, candidate.PartialSuccess, c.History[0].Outcome, "the amended decision feeds the history")
	assert.False(t, c.HoldsTitle("TP-01281"))
}

func TestPseudonymisationWaitsForTheRetentionPeriod(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, sj := f.examined()
	first, err := f.svc.Candidate(f.ctx, admin, cands[0])
	require.NoError(t, err)
	name := first.FirstName + " " + first.LastName
	_, err = f.svc.ReportIncident(f.ctx, admin, s.ID, exam.IncidentInput{Kind: "disturbance", At: at(end).Format(time.RFC3339), Candidates: []string{string(cands[0])},
		Description: name + " a quitté la salle dix minutes."})
	require.NoError(t, err)
	f.decideAll(s.ID, cands, sj)
	_, err = f.svc.Pseudonymise(f.ctx, admin, s.ID, true)
	assert.ErrorIs(t, err, exam.ErrRetentionRunning, "not validated")
	_, err = f.svc.RecordPVSent(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	_, err = f.svc.Validate(f.ctx, controller, s.ID, exam.ValidationInput{})
	require.NoError(t, err)

	ret, err := f.svc.Retention(f.ctx, admin)
	require.NoError(t, err)
	assert.Equal(t, 5, ret.Years, "the default")
	_, err = f.svc.SetRetention(f.ctx, admin, 0)
	assert.ErrorIs(t, err, exam.ErrInvalidInput)
	ret, err = f.svc.SetRetention(f.ctx, admin, 3)
	require.NoError(t, err)
	assert.Equal(t, "Claire Martin", ret.SetBy)
	until := exam.RetainedUntil(end, 3)

	f.on(until)
	dry, err := f.svc.Pseudonymise(f.ctx, admin, s.ID, true)
	require.NoError(t, err, "a dry run any time after the validation")
	assert.Equal(t, until, dry.RetainedUntil)
	assert.NotEmpty(t, dry.Changes)
	wheres := map[string]bool{}
	for _, c := range dry.Changes {
		wheres[c.Where] = true
	}
	assert.True(t, wheres["candidates["+string(cands[0])+"].last_name"], "%v", wheres)
	assert.True(t, wheres["exam.incidents[0].description"], "%v", wheres)
	events, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	_, err = f.svc.Pseudonymise(f.ctx, admin, s.ID, false)
	assert.ErrorIs(t, err, exam.ErrRetentionRunning, "on the last day kept")
	again, err := f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Equal(t, events, again, "a dry run and a refusal write nothing")
	c, err := f.svc.Candidate(f.ctx, admin, cands[0])
	require.NoError(t, err)
	assert.Equal(t, first.PostalAddress, c.PostalAddress, "not yet")
	assert.Equal(t, first.LastName, c.LastName)

	f.on(until + 1)
	done, err := f.svc.Pseudonymise(f.ctx, admin, s.ID, false)
	require.NoError(t, err, "the day after")
	assert.Equal(t, len(dry.Changes), len(done.Changes), "the run does what the dry run said")
	c, err = f.svc.Candidate(f.ctx, admin, cands[0])
	require.NoError(t, err)
	assert.Equal(t, candidate.PseudonymFirstName, c.FirstName)
	assert.Equal(t, exam.Pseudonym(c.ID), c.FirstName+" "+c.LastName)
	assert.Empty(t, c.PostalAddress.Lines)
	assert.Len(t, c.History, 1, "the history stays")
	st, err := f.svc.Exam(f.ctx, admin, s.ID)
	require.NoError(t, err)
	assert.Contains(t, st.Record.Incidents[0].Description, exam.Pseudonym(cands[0]))
	assert.NotNil(t, st.Record.Pseudonymised)
	events, err = f.svc.Events(f.ctx, admin, s.ID)
	require.NoError(t, err)
	for _, e := range events {
		assert.NotContains(t, e.Detail, name, "%s: %s", e.Action, e.Detail)
	}
	assert.Equal(t, session.ActionSessionPseudonymised, events[len(events)-1].Action)
}

func TestACandidateInAnotherSessionKeepsTheirRecord(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s, cands, sj := f.examined()
	f.decideAll(s.ID, cands, sj)
	_, err := f.svc.RecordPVSent(f.ctx, admin, s.ID, date.Zero)
	require.NoError(t, err)
	_, err = f.svc.Validate(f.ctx, controller, s.ID, exam.ValidationInput{})
	require.NoError(t, err)
	f.on(date.New(2027, time.March, 20))
	d := details()
	d.Kind, d.Start, d.End = "ccp", date.New(2027, time.June, 7), date.New(2027, time.June, 8)
	d.CCPs = []string{"CCP3"}
	ccp, err := f.svc.CreateSession(f.ctx, admin, d)
	require.NoError(t, err)
	_, err = f.svc.Register(f.ctx, admin, ccp.ID, cands[0])
	require.NoError(t, err)

	before, err := f.svc.Candidate(f.ctx, admin, cands[0])
	require.NoError(t, err)

	f.on(exam.RetainedUntil(end, 5) + 1)
	out, err := f.svc.Pseudonymise(f.ctx, admin, s.ID, false)
	require.NoError(t, err)
	require.Len(t, out.Kept, 1)
	assert.Equal(t, cands[0], out.Kept[0].Candidate)
	assert.Contains(t, out.Kept[0].Reason, string(ccp.ID))
	c, err := f.svc.Candidate(f.ctx, admin, cands[0])
	require.NoError(t, err)
	assert.Equal(t, before, c, "kept for the CCP session")
	other, err := f.svc.Candidate(f.ctx, admin, cands[1])
	require.NoError(t, err)
	assert.Equal(t, exam.Pseudonym(cands[1]), other.FirstName+" "+other.LastName)
}
