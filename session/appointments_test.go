package session_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// planned is a session planned for n candidates of the CDA déroulé, its
// jury accepted (2 members a jury) and n candidates registered in order.
type planned struct {
	*fixture
	ses   session.Session
	rec   plan.Record
	cands []candidate.Candidate
	mems  []jury.Member
}

func newPlanned(t *testing.T, n int, adjust func(*plan.Input)) *planned {
	t.Helper()
	f := newFixture(t, date.New(2026, time.November, 16))
	p := &planned{fixture: f, ses: f.session()}
	in := planInput(t)
	in.Candidates = n
	in.Resources = map[string]plan.ResourceType{"salle_entretien": {Label: "Salle d'entretien"}}
	if adjust != nil {
		adjust(&in)
	}
	var err error
	p.rec, err = f.svc.PlanSession(f.ctx, admin, p.ses.ID, in)
	require.NoError(t, err)
	require.True(t, p.rec.Plan.Feasible, p.rec.Plan.Reason)
	for i := range p.rec.Plan.Members {
		m := f.member("Juré "+spelled(i+1), fmt.Sprintf("jure%d@example.fr", i+1), "")
		_, _, err := f.svc.Invite(f.ctx, admin, p.ses.ID, m.ID)
		require.NoError(t, err)
		_, err = f.svc.AnswerInvitation(f.ctx, admin, p.ses.ID, m.ID, true)
		require.NoError(t, err)
		p.mems = append(p.mems, m)
	}
	for i := range n {
		c := f.candidate("Candidat", "Numéro "+spelled(i+1), "")
		f.clock.Advance(time.Minute)
		_, err := f.svc.Register(f.ctx, admin, p.ses.ID, c.ID)
		require.NoError(t, err)
		p.cands = append(p.cands, c)
	}
	return p
}

func (p *planned) draft(c candidate.Candidate, in candidate.ConvocationInput) (candidate.Convocation, error) {
	in.Place, in.Documents = "Centre de Lyon", candidate.UsualDocuments()
	return p.svc.DraftConvocation(p.ctx, admin, p.ses.ID, c.ID, in)
}

// convokeAll drafts every convocation from the plan, validates and hands
// it over today.
func (p *planned) convokeAll() {
	p.t.Helper()
	for _, c := range p.cands {
		_, err := p.draft(c, candidate.ConvocationInput{})
		require.NoError(p.t, err)
		p.validateAndDeliver(c)
	}
}

func (p *planned) validateAndDeliver(c candidate.Candidate) {
	p.t.Helper()
	_, err := p.svc.ValidateConvocation(p.ctx, admin, p.ses.ID, c.ID, date.Zero)
	require.NoError(p.t, err)
	today := p.svc.Today().String()
	_, err = p.svc.RecordDelivery(p.ctx, admin, p.ses.ID, c.ID, candidate.DeliveryInput{Method: "hand", DeliveredOn: today, ReceivedBy: "le candidat"})
	require.NoError(p.t, err)
}

func (p *planned) finding(code checklist.FindingCode) (checklist.Finding, bool) {
	p.t.Helper()
	r, err := p.svc.Readiness(p.ctx, admin, p.ses.ID)
	require.NoError(p.t, err)
	i := slices.IndexFunc(r.Findings, func(f checklist.Finding) bool { return f.Code == code })
	if i < 0 {
		return checklist.Finding{}, false
	}
	return r.Findings[i], true
}

func hm(h, m int) tpsession.TimeOfDay { return tpsession.TimeOfDay(h*60 + m) }

// TestAConvocationGivesEveryDayThePlanNeeds: in the CDA déroulé for 4
// candidates over the session's days, candidates 3 and 4 sit the written
// part on the first day, at the opening, and come back on the second for
// their interviews; their convocations say so.
func TestAConvocationGivesEveryDayThePlanNeeds(t *testing.T) {
	p := newPlanned(t, 4, nil)
	for i, c := range p.cands {
		conv, err := p.draft(c, candidate.ConvocationInput{})
		require.NoError(t, err)
		want := session.PlanAppointments(p.rec, i+1)
		assert.Equal(t, want, conv.Appointments, "candidate %d", i+1)
		require.NotEmpty(t, conv.Appointments)
		first := conv.Appointments[0]
		assert.Equal(t, start, first.Day)
		assert.True(t, first.Opening, "the first day's candidates come to the opening")
		assert.Equal(t, p.rec.Plan.Opening.Start, first.Time)
		assert.NotEmpty(t, first.Epreuve)
	}
	conv, err := p.svc.Convocation(p.ctx, admin, p.ses.ID, p.cands[3].ID)
	require.NoError(t, err)
	require.Len(t, conv.Appointments, 2, "candidate 4 comes on two days")
	second := conv.Appointments[1]
	assert.Equal(t, start+1, second.Day)
	assert.False(t, second.Opening)
	assert.Equal(t, "Salle d'entretien n° "+strings.TrimPrefix(second.Room, "Salle d'entretien n° "), second.Room, "rooms by the centre's label")

	got, known, err := p.svc.PlanAppointments(p.ctx, admin, p.ses.ID, p.cands[3].ID)
	require.NoError(t, err)
	assert.True(t, known)
	assert.Equal(t, conv.Appointments, got)
}

func TestAppointmentsGivenMustMeetThePlan(t *testing.T) {
	p := newPlanned(t, 4, nil)
	needed := session.PlanAppointments(p.rec, 4)
	require.Len(t, needed, 2)

	_, err := p.draft(p.cands[3], candidate.ConvocationInput{Appointment: needed[0].String()})
	require.ErrorIs(t, err, candidate.ErrAppointmentsUnmet, "a day missing")
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	assert.Contains(t, tpsession.MessageOf(err), needed[1].String())

	late := candidate.AppointmentInput{At: (candidate.Appointment{Day: needed[1].Day, Time: needed[1].Time + 1}).String()}
	_, err = p.draft(p.cands[3], candidate.ConvocationInput{Appointments: []candidate.AppointmentInput{{At: needed[0].String()}, late}})
	assert.ErrorIs(t, err, candidate.ErrAppointmentsUnmet, "a minute late")

	early := candidate.AppointmentInput{At: (candidate.Appointment{Day: needed[1].Day, Time: needed[1].Time - 30}).String(), Room: "Accueil"}
	conv, err := p.draft(p.cands[3], candidate.ConvocationInput{Appointments: []candidate.AppointmentInput{{At: needed[0].String()}, early}})
	require.NoError(t, err, "earlier than needed is in time")
	assert.Equal(t, "Accueil", conv.Appointments[1].Room, "kept as given")

	same := []candidate.AppointmentInput{{At: needed[0].String()}, {At: needed[1].String()}}
	conv, err = p.draft(p.cands[3], candidate.ConvocationInput{Appointments: same})
	require.NoError(t, err)
	assert.Equal(t, needed, conv.Appointments, "the plan's times given: the plan's rooms taken")
}

// TestAPlanChangeBlocksUntilACorrectionIsDelivered: validated and handed
// over, the convocations no longer hold once the plan starts the day
// earlier; readiness names the candidates until each has a correction
// validated in time and delivered (docs/rules.md#convocation-corrections).
func TestAPlanChangeBlocksUntilACorrectionIsDelivered(t *testing.T) {
	p := newPlanned(t, 4, nil)
	p.convokeAll()
	_, blocked := p.finding(checklist.CodeConvocationsUnmet)
	assert.False(t, blocked)

	in := p.rec.Input
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}, {Start: hm(13, 0), End: hm(17, 0)}}
	_, err := p.svc.PlanSession(p.ctx, admin, p.ses.ID, in)
	require.NoError(t, err)

	f, blocked := p.finding(checklist.CodeConvocationsUnmet)
	require.True(t, blocked)
	assert.Equal(t, checklist.SeverityBlocking, f.Severity)
	for _, c := range p.cands {
		assert.Contains(t, f.Message, c.FirstName+" "+c.LastName)
	}
	assert.Contains(t, f.Message, "2027-03-01 at 08:00")

	// Validation refuses a convocation that misses the plan, and a
	// validated one may only be corrected.
	_, err = p.svc.DraftConvocation(p.ctx, admin, p.ses.ID, p.cands[0].ID, candidate.ConvocationInput{})
	assert.ErrorIs(t, err, candidate.ErrConvocationValidated)
	conv, err := p.svc.CorrectConvocation(p.ctx, admin, p.ses.ID, p.cands[0].ID, candidate.ConvocationInput{Place: "Centre de Lyon", Documents: candidate.UsualDocuments()})
	require.NoError(t, err)
	assert.True(t, conv.Correction())
	assert.Equal(t, hm(8, 0), conv.Appointments[0].Time, "the correction takes the new plan's times")
	notValidated, ok := p.finding(checklist.CodeConvocationsNotValidated)
	require.True(t, ok)
	assert.Contains(t, notValidated.Message, "Candidat Numéro A (correction drafted)")

	p.validateAndDeliver(p.cands[0])
	f, blocked = p.finding(checklist.CodeConvocationsUnmet)
	require.True(t, blocked)
	assert.NotContains(t, f.Message, "Numéro A (", "corrected and delivered")
	assert.Contains(t, f.Message, "3 candidates")

	events, err := p.svc.Events(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(events, func(e session.Event) bool { return e.Action == session.ActionConvocationCorrected }))
}

// TestACorrectionAfterTheLeadDayIsRefused: the 31 days apply to the
// corrected convocation as to the first (docs/rules.md#convocation-corrections).
func TestACorrectionAfterTheLeadDayIsRefused(t *testing.T) {
	for _, tt := range []struct {
		on   date.Date
		want error
	}{{start - 31, nil}, {start - 30, candidate.ErrConvocationTooLate}} {
		t.Run(tt.on.String(), func(t *testing.T) {
			p := newPlanned(t, 4, nil)
			p.convokeAll()
			in := p.rec.Input
			in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}, {Start: hm(13, 0), End: hm(17, 0)}}
			_, err := p.svc.PlanSession(p.ctx, admin, p.ses.ID, in)
			require.NoError(t, err)
			_, err = p.svc.CorrectConvocation(p.ctx, admin, p.ses.ID, p.cands[0].ID, candidate.ConvocationInput{Place: "Centre de Lyon", Documents: candidate.UsualDocuments()})
			require.NoError(t, err)
			p.on(tt.on)
			_, err = p.svc.ValidateConvocation(p.ctx, admin, p.ses.ID, p.cands[0].ID, date.Zero)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// TestValidationRefusesADraftThePlanNoLongerMeets: a draft made before
// the plan changed is drafted again before it is validated.
func TestValidationRefusesADraftThePlanNoLongerMeets(t *testing.T) {
	p := newPlanned(t, 4, nil)
	_, err := p.draft(p.cands[0], candidate.ConvocationInput{})
	require.NoError(t, err)
	in := p.rec.Input
	in.Calendar.Blocks = []plan.Block{{Start: hm(8, 0), End: hm(12, 0)}, {Start: hm(13, 0), End: hm(17, 0)}}
	_, err = p.svc.PlanSession(p.ctx, admin, p.ses.ID, in)
	require.NoError(t, err)
	_, err = p.svc.ValidateConvocation(p.ctx, admin, p.ses.ID, p.cands[0].ID, date.Zero)
	assert.ErrorIs(t, err, candidate.ErrAppointmentsUnmet)
}

// TestAssigningTheJuryKeepsTheConvocationsTimes: convocations drafted and
// validated before the jury assignment, from the numbering in order of
// registration; the assignment then arranges the panels so that every
// candidate keeps the times convoked.
func TestAssigningTheJuryKeepsTheConvocationsTimes(t *testing.T) {
	p := newPlanned(t, 8, nil)
	require.Equal(t, 2, p.rec.Plan.Juries)
	p.convokeAll()
	_, err := p.svc.AssignJury(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	_, blocked := p.finding(checklist.CodeConvocationsUnmet)
	assert.False(t, blocked, "every convocation keeps its times")

	numbers, err := p.svc.PlanCandidates(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	as, err := p.svc.Assignment(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	juries := session.PlanJuries(p.rec)
	for k, id := range numbers {
		conv, err := p.svc.Convocation(p.ctx, admin, p.ses.ID, id)
		require.NoError(t, err)
		assert.Empty(t, conv.Unmet(session.PlanAppointments(p.rec, k+1)), "number %d", k+1)
		panel, ok := as.PanelOf(id)
		require.True(t, ok)
		assert.Equal(t, juries[k+1], panel.Jury, "the number's jury is the candidate's panel")
	}
}

// TestAConflictMovesACandidateToTheJuryOfTheSameTimes: the candidate
// convoked as number 7 (jury 1) was hosted by the employer of jury 1's
// members: it takes number 8, jury 2's, at the same times.
func TestAConflictMovesACandidateToTheJuryOfTheSameTimes(t *testing.T) {
	p := newPlanned(t, 8, nil)
	p.convokeAll()
	numbers, err := p.svc.PlanCandidates(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	seventh := numbers[6]
	require.Equal(t, session.PlanAppointments(p.rec, 7)[1].Time, session.PlanAppointments(p.rec, 8)[1].Time)
	as, err := p.svc.AssignJury(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	panel, _ := as.PanelOf(seventh)
	for _, m := range panel.Members {
		_, err := p.svc.DeclareConflict(p.ctx, admin, p.ses.ID, jury.DeclaredConflictInput{MemberID: string(m), CandidateID: string(seventh), Reason: "trained"})
		require.NoError(t, err)
	}
	as, err = p.svc.AssignJury(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	moved, _ := as.PanelOf(seventh)
	assert.NotEqual(t, panel.Members, moved.Members, "away from the members in conflict")
	_, blocked := p.finding(checklist.CodeConvocationsUnmet)
	assert.False(t, blocked, "and at the times convoked")
}

func TestNumberPlanCandidates(t *testing.T) {
	p := newPlanned(t, 4, nil)
	reg := func(id string, withdrawn bool, conv *candidate.Convocation) candidate.Registration {
		r := candidate.Registration{Candidate: tpsession.CandidateID(id), Convocation: conv}
		if withdrawn {
			r.Withdrawal = &candidate.Withdrawal{}
		}
		return r
	}
	ids := func(s ...string) []tpsession.CandidateID {
		out := make([]tpsession.CandidateID, len(s))
		for i, v := range s {
			out[i] = tpsession.CandidateID(v)
		}
		return out
	}
	convokedAs := func(k int) *candidate.Convocation {
		return &candidate.Convocation{ConvocationDetails: candidate.ConvocationDetails{Appointments: session.PlanAppointments(p.rec, k)}, ValidatedOn: start - 40}
	}
	tests := []struct {
		name string
		regs []candidate.Registration
		want []tpsession.CandidateID
	}{
		{"in order of registration", []candidate.Registration{reg("a", false, nil), reg("b", false, nil), reg("c", false, nil)}, ids("a", "b", "c")},
		{"a withdrawal moves nobody", []candidate.Registration{reg("a", false, nil), reg("b", true, nil), reg("c", false, nil)}, ids("a", "", "c")},
		{"a candidate beyond the count takes a withdrawn one's number",
			[]candidate.Registration{reg("a", false, nil), reg("b", true, nil), reg("c", false, nil), reg("d", false, nil), reg("e", false, nil), reg("f", false, nil)},
			ids("a", "e", "c", "d")},
		{"registered again, at the first registration's place", []candidate.Registration{reg("a", true, nil), reg("b", false, nil), reg("a", false, nil)}, ids("a", "b")},
		{"a convocation keeps its number", []candidate.Registration{reg("a", false, nil), reg("b", false, nil), reg("c", false, nil), reg("d", false, convokedAs(4))}, ids("a", "b", "c", "d")},
		{"a convocation of number 4 registered first", []candidate.Registration{reg("d", false, convokedAs(4)), reg("a", false, nil)}, ids("a", "", "", "d")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, session.NumberPlanCandidates(p.rec, tt.regs, jury.Assignment{}))
		})
	}
	assert.Nil(t, session.NumberPlanCandidates(plan.Record{}, tests[0].regs, jury.Assignment{}), "no feasible plan")
}

// TestPublishingACalendar: the first publication has SEQUENCE 0 and
// nothing cancelled; a change raises an event's SEQUENCE by one; an event
// gone is cancelled once; all of it kept by the store, so that another
// Service over the same store goes on from there.
func TestPublishingACalendar(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	s := f.session()
	const key = "member:mem_x"
	publish := func(svc *session.Service, events ...session.EventDigest) []session.PublishedEvent {
		out, err := svc.PublishCalendar(f.ctx, admin, s.ID, key, events)
		require.NoError(t, err)
		return out
	}
	seq := func(evs []session.PublishedEvent) string {
		var parts []string
		for _, e := range evs {
			p := fmt.Sprintf("%s:%d", e.UID, e.Sequence)
			if e.Cancelled {
				p += "x"
			}
			parts = append(parts, p)
		}
		return strings.Join(parts, " ")
	}
	a, b := session.EventDigest{UID: "a", Digest: "1"}, session.EventDigest{UID: "b", Digest: "1"}
	assert.Equal(t, "a:0 b:0", seq(publish(f.svc, a, b)), "first publication")
	assert.Equal(t, "a:0 b:0", seq(publish(f.svc, a, b)), "unchanged")
	a.Digest = "2"
	f.clock.Advance(time.Hour)
	out := publish(f.svc, a, b)
	assert.Equal(t, "a:1 b:0", seq(out), "a changed")
	assert.True(t, out[0].Modified.After(out[1].Modified), "LAST-MODIFIED is the change's")

	again, err := session.NewService(f.stores, session.Config{Clock: f.clock, Location: paris})
	require.NoError(t, err)
	assert.Equal(t, "a:1 b:1x", seq(publish(again, a)), "b gone: cancelled, by a Service started again")
	assert.Equal(t, "a:1 b:1x", seq(publish(again, a)), "cancelled once")
	assert.Equal(t, "a:1 b:2", seq(publish(again, a, b)), "b back")

	_, err = f.svc.PublishCalendar(f.ctx, other, s.ID, key, []session.EventDigest{a})
	assert.ErrorIs(t, err, session.ErrSessionNotFound, "another centre's session")
	_, err = f.svc.PublishCalendar(f.ctx, admin, s.ID, key, make([]session.EventDigest, session.MaxCalendarEvents+1))
	assert.Error(t, err)
}
