package documents_test

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// parseICS parses a calendar back, checking the lines end with CRLF as RFC
// 5545 asks.
func parseICS(t *testing.T, doc documents.Document) *ics.Calendar {
	t.Helper()
	assert.Equal(t, documents.ContentTypeICS, doc.ContentType)
	assert.True(t, strings.HasSuffix(doc.Name, ".ics"))
	body := string(doc.Body)
	assert.Equal(t, strings.Count(body, "\n"), strings.Count(body, "\r\n"), "every line ends with CRLF")
	cal, err := ics.ParseCalendar(bytes.NewReader(doc.Body))
	require.NoError(t, err)
	return cal
}

func prop(c *ics.VEvent, p ics.ComponentProperty) string {
	if v := c.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestCandidateCalendarHoldsEveryAppointment(t *testing.T) {
	w := newWorld(t, 3)
	w.convoke()
	d := w.dossier()
	require.NotEmpty(t, d.PlanCandidates, "Gather says who is who")
	severalDays := 0
	for _, c := range w.cands {
		r := slices.IndexFunc(d.Registrations, func(r candidate.Registration) bool { return r.Candidate == c.ID })
		reg := d.Registrations[r]
		conv := reg.Convocation
		doc, err := documents.CandidateCalendar(d, c.ID)
		require.NoError(t, err)
		cal := parseICS(t, doc)
		tz := cal.Timezones()
		require.Len(t, tz, 1)
		assert.Equal(t, "Europe/Paris", tz[0].GetProperty(ics.ComponentPropertyTzid).Value)
		events := cal.Events()
		require.Len(t, events, len(conv.Appointments), "one event per appointment")
		if len(events) > 1 {
			severalDays++
		}
		for i, e := range events {
			a := conv.Appointments[i]
			uid := string(reg.ID)
			if i > 0 {
				uid += fmt.Sprintf("-%d", i+1)
			}
			assert.Equal(t, uid, e.Id(), "the UIDs are the registration's, stable over regenerations")
			begin, err := e.GetStartAt()
			require.NoError(t, err)
			y, m, day := a.Day.Date()
			assert.True(t, begin.Equal(time.Date(y, m, day, int(a.Time)/60, int(a.Time)%60, 0, 0, paris)), begin)
			finish, err := e.GetEndAt()
			require.NoError(t, err)
			assert.True(t, finish.After(begin), "with the plan the appointment ends with the candidate's last épreuve")
			assert.Equal(t, place+" — "+a.Room, prop(e, ics.ComponentPropertyLocation), "the place and the room")
			assert.Equal(t, "CONFIRMED", prop(e, ics.ComponentPropertyStatus))
			assert.Equal(t, "0", prop(e, ics.ComponentPropertySequence), "a first publication")
			assert.Contains(t, prop(e, ics.ComponentPropertySummary), "Concepteur développeur d'applications (TP-01281)")
			desc := prop(e, ics.ComponentPropertyDescription)
			for _, want := range []string{"Pièce d'identité en cours de validité", "Dossier professionnel (DP)", "Chaussures de sécurité",
				"un retard ne prolonge pas les épreuves", "Les téléphones portables", "arrêté du 21 juillet 2016", "Votre journée", a.Epreuve} {
				assert.Contains(t, desc, want)
			}
		}
		again, err := documents.CandidateCalendar(d, c.ID)
		require.NoError(t, err)
		assert.Equal(t, doc.Body, again.Body, "published again unchanged: the same bytes")
	}
	assert.Positive(t, severalDays, "some candidates come on two days")
	assert.Equal(t, "convocation-martin-lefevre-elise.ics", must(documents.CandidateCalendar(d, w.cands[0].ID)).Name)
}

func TestCandidateCalendarWithoutNumberingEndsWithTheDay(t *testing.T) {
	tests := []struct {
		name  string
		world func(t *testing.T) *world
		end   tpsession.TimeOfDay
	}{
		{"without a plan, the usual day", func(t *testing.T) *world { return newWorld(t, 0) }, 17*60 + 30},
		{"with a plan, its last block", func(t *testing.T) *world {
			return newWorldWith(t, 3, func(in *plan.Input) {
				in.Calendar.Blocks = []plan.Block{{Start: 8*60 + 30, End: 12*60 + 30}, {Start: 13*60 + 30, End: 16 * 60}}
			})
		}, 16 * 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.world(t)
			w.convoke()
			d := w.dossier()
			d.PlanCandidates = nil
			cal := parseICS(t, must(documents.CandidateCalendar(d, w.cands[1].ID)))
			e := cal.Events()[0]
			begin, err := e.GetStartAt()
			require.NoError(t, err)
			finish, err := e.GetEndAt()
			require.NoError(t, err, "an appointment has an end, even when the plan does not say who the candidate is")
			assert.True(t, begin.Equal(time.Date(2027, time.March, 1, 8, 30, 0, 0, paris)), begin)
			assert.True(t, finish.Equal(time.Date(2027, time.March, 1, int(tt.end)/60, int(tt.end)%60, 0, 0, paris)), finish)
			assert.NotContains(t, prop(e, ics.ComponentPropertyDescription), "Votre journée")
		})
	}
}

// revisionOf returns an event's SEQUENCE and LAST-MODIFIED.
func revisionOf(t *testing.T, e *ics.VEvent) (int, time.Time) {
	t.Helper()
	seq, err := strconv.Atoi(prop(e, ics.ComponentPropertySequence))
	require.NoError(t, err, "every event has a SEQUENCE")
	modified, err := time.Parse("20060102T150405Z", prop(e, ics.ComponentPropertyLastModified))
	require.NoError(t, err, "every event has a LAST-MODIFIED in UTC")
	return seq, modified
}

// TestCandidateCalendarOfAMovedAppointmentIsNewer: the calendar published,
// the appointment moved, the calendar published again: the same UID, its
// SEQUENCE one more, a later LAST-MODIFIED; published once more unchanged,
// nothing changes.
func TestCandidateCalendarOfAMovedAppointmentIsNewer(t *testing.T) {
	w := newWorld(t, 0)
	c := w.cands[0]
	draft := func(appointment string) *ics.VEvent {
		_, err := w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
			Appointment: appointment, Place: place, Documents: candidate.UsualDocuments(),
		})
		require.NoError(t, err)
		d := w.dossier()
		d.At = time.Date(2027, time.February, 1, 10, 0, 0, 0, paris) // the instant of making the file does not decide
		return parseICS(t, must(documents.CandidateCalendar(d, c.ID))).Events()[0]
	}
	first := draft("2027-03-01T08:30")
	w.clock.Advance(time.Hour)
	moved := draft("2027-03-02T13:30")
	w.clock.Advance(time.Hour)
	same := draft("2027-03-02T13:30")

	assert.Equal(t, first.Id(), moved.Id(), "the same appointment, moved")
	seq1, mod1 := revisionOf(t, first)
	seq2, mod2 := revisionOf(t, moved)
	seq3, mod3 := revisionOf(t, same)
	assert.Equal(t, 0, seq1, "a first publication")
	assert.Equal(t, 1, seq2, "one change")
	assert.True(t, mod2.After(mod1), "%s then %s", mod1, mod2)
	assert.Equal(t, seq2, seq3, "no change, no new SEQUENCE")
	assert.True(t, mod3.Equal(mod2))
	begin, err := moved.GetStartAt()
	require.NoError(t, err)
	assert.True(t, begin.Equal(time.Date(2027, time.March, 2, 13, 30, 0, 0, paris)), begin)
}

// TestACalendarWithoutLogIsAFirstPublication: without the service's log,
// a calendar is made as a first publication, dated by the dossier.
func TestACalendarWithoutLogIsAFirstPublication(t *testing.T) {
	w := newWorld(t, 3)
	w.convoke()
	d := w.dossier()
	d.Calendars = nil
	d.At = time.Date(2027, time.February, 1, 10, 0, 0, 0, time.UTC)
	for _, doc := range []documents.Document{must(documents.CandidateCalendar(d, w.cands[0].ID)), must(documents.MemberCalendar(d, w.mems[0].ID))} {
		for _, e := range parseICS(t, doc).Events() {
			seq, modified := revisionOf(t, e)
			assert.Zero(t, seq)
			assert.True(t, modified.Equal(d.At))
			assert.Equal(t, "20270201T100000Z", prop(e, ics.ComponentPropertyDtstamp))
			assert.NotEqual(t, "CANCELLED", prop(e, ics.ComponentPropertyStatus))
		}
	}
}

// active returns the events that are not cancelled.
func active(events []*ics.VEvent) []*ics.VEvent {
	var out []*ics.VEvent
	for _, e := range events {
		if prop(e, ics.ComponentPropertyStatus) != "CANCELLED" {
			out = append(out, e)
		}
	}
	return out
}

func TestMemberCalendarKeepsItsUIDsWhenThePlanComes(t *testing.T) {
	w := newWorld(t, 0)
	before := map[tpsession.MemberID][]*ics.VEvent{}
	for _, m := range w.mems {
		before[m.ID] = parseICS(t, must(documents.MemberCalendar(w.dossier(), m.ID))).Events()
	}
	w.clock.Advance(time.Hour)
	w.plan(3, nil)
	d := w.dossier()
	for _, m := range w.mems {
		after := map[string]*ics.VEvent{}
		for _, e := range parseICS(t, must(documents.MemberCalendar(d, m.ID))).Events() {
			after[e.Id()] = e
		}
		require.Len(t, before[m.ID], 3, "one all-day event per working day before the plan")
		for _, old := range before[m.ID] {
			e, ok := after[old.Id()]
			if !assert.True(t, ok, "%s: the event %s is updated or cancelled, not left beside the sittings", m.Name, old.Id()) {
				continue
			}
			seq1, mod1 := revisionOf(t, old)
			seq2, mod2 := revisionOf(t, e)
			assert.Equal(t, 0, seq1, "a first publication")
			assert.Equal(t, 1, seq2, "changed once")
			assert.True(t, mod2.After(mod1))
		}
	}
	// A member of a panel: the third day, on which the plan has nothing,
	// is cancelled; the first day's event is now the first sitting.
	member := d.Assignment.Panels[0].Members[0]
	events := parseICS(t, must(documents.MemberCalendar(d, member))).Events()
	byUID := map[string]*ics.VEvent{}
	for _, e := range events {
		byUID[e.Id()] = e
	}
	first := byUID[fmt.Sprintf("%s-%s-20270301", d.Session.ID, member)]
	require.NotNil(t, first)
	assert.Contains(t, prop(first, ics.ComponentPropertyDescription), "Ouverture de la session")
	last := byUID[fmt.Sprintf("%s-%s-20270303", d.Session.ID, member)]
	require.NotNil(t, last)
	assert.Equal(t, "CANCELLED", prop(last, ics.ComponentPropertyStatus))
}

func TestMemberCalendarHasOneEventPerSitting(t *testing.T) {
	w := newWorld(t, 3)
	d := w.dossier()
	member := d.Assignment.Panels[0].Members[0]
	doc, err := documents.MemberCalendar(d, member)
	require.NoError(t, err)
	cal := parseICS(t, doc)
	all := cal.Events()
	events := active(all)
	require.NotEmpty(t, events)
	blocks := d.Plan.Input.Calendar.Blocks
	assert.Equal(t, all, events, "a first publication cancels nothing")
	for _, e := range all {
		assert.Equal(t, "0", prop(e, ics.ComponentPropertySequence), "a first publication")
	}

	seen := map[string]bool{}
	for _, e := range events {
		assert.False(t, seen[e.Id()], "UIDs are unique")
		seen[e.Id()] = true
		assert.Contains(t, e.Id(), string(d.Session.ID))
		assert.Contains(t, e.Id(), string(member))
		assert.Contains(t, prop(e, ics.ComponentPropertySummary), "Jury 1 — TP-01281")
		begin, err := e.GetStartAt()
		require.NoError(t, err)
		finish, err := e.GetEndAt()
		require.NoError(t, err)
		assert.Equal(t, "Europe/Paris", begin.Location().String())
		day := tpsession.TimeOfDay(begin.Hour()*60 + begin.Minute())
		end := tpsession.TimeOfDay(finish.Hour()*60 + finish.Minute())
		inBlock := slices.ContainsFunc(blocks, func(b plan.Block) bool { return b.Start <= day && end <= b.End })
		assert.True(t, inBlock, "a sitting lies in one block: %s–%s", day, end)
		assert.NotEmpty(t, prop(e, ics.ComponentPropertyDescription))
	}
	first := events[0]
	assert.Contains(t, prop(first, ics.ComponentPropertyDescription), "Ouverture de la session")
	assert.Contains(t, prop(first, ics.ComponentPropertyDescription), "Briefing du jury")

	again, err := documents.MemberCalendar(d, member)
	require.NoError(t, err)
	assert.Equal(t, doc.Body, again.Body, "the same plan gives the same events and UIDs")
}

func TestMemberCalendarWithoutPlanHasTheSessionDays(t *testing.T) {
	w := newWorld(t, 0)
	cal := parseICS(t, must(documents.MemberCalendar(w.dossier(), w.mems[0].ID)))
	events := cal.Events()
	require.Len(t, events, 3, "one all-day event per working day")
	for i, e := range events {
		day, err := e.GetAllDayStartAt()
		require.NoError(t, err)
		assert.Equal(t, 1+i, day.Day())
		assert.Equal(t, "DATE", e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["VALUE"][0])
	}
}

func TestMemberCalendarOfAReserve(t *testing.T) {
	w := newWorld(t, 3)
	d := w.dossier()
	require.NotEmpty(t, d.Assignment.Reserves)
	cal := parseICS(t, must(documents.MemberCalendar(d, d.Assignment.Reserves[0])))
	events := active(cal.Events())
	require.Len(t, events, len(d.Plan.Plan.Days))
	assert.Contains(t, prop(events[0], ics.ComponentPropertySummary), "(réserve)")
}

func TestMemberCalendarOfAStranger(t *testing.T) {
	w := newWorld(t, 0)
	_, err := documents.MemberCalendar(w.dossier(), "mem_01JN0000000000000000000009")
	assert.ErrorIs(t, err, jury.ErrMemberNotFound)
}

func TestCalendarsUseTheSitesTimeZone(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	d := w.dossier()
	d.Session.Region = tpsession.Reunion
	cal := parseICS(t, must(documents.CandidateCalendar(d, w.cands[0].ID)))
	require.Equal(t, "Indian/Reunion", cal.Timezones()[0].GetProperty(ics.ComponentPropertyTzid).Value)
	begin, err := cal.Events()[0].GetStartAt()
	require.NoError(t, err)
	assert.Equal(t, time.Date(2027, time.March, 1, 4, 30, 0, 0, time.UTC), begin.UTC(), "08:30 in Réunion is 04:30 UTC")
}

func must(doc documents.Document, err error) documents.Document {
	if err != nil {
		panic(err)
	}
	return doc
}
