package documents_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/documents"
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

func TestCandidateCalendarHoldsTheAppointment(t *testing.T) {
	w := newWorld(t, 3)
	w.convoke()
	d := w.dossier()
	numbers, err := documents.PlanNumbering(d)
	require.NoError(t, err)
	d.PlanCandidates = numbers
	c := w.cands[0]
	doc, err := documents.CandidateCalendar(d, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "convocation-martin-lefevre-elise.ics", doc.Name)
	cal := parseICS(t, doc)

	tz := cal.Timezones()
	require.Len(t, tz, 1)
	assert.Equal(t, "Europe/Paris", tz[0].GetProperty(ics.ComponentPropertyTzid).Value)
	events := cal.Events()
	require.Len(t, events, 1)
	e := events[0]
	r := slices.IndexFunc(d.Registrations, func(r candidate.Registration) bool { return r.Candidate == c.ID })
	assert.Equal(t, string(d.Registrations[r].ID), e.Id(), "the UID is the registration's, stable over regenerations")
	begin, err := e.GetStartAt()
	require.NoError(t, err)
	assert.True(t, begin.Equal(time.Date(2027, time.March, 1, 8, 30, 0, 0, paris)), begin)
	finish, err := e.GetEndAt()
	require.NoError(t, err)
	assert.True(t, finish.After(begin), "with the plan the appointment ends with the candidate's last épreuve")
	assert.Equal(t, place, prop(e, ics.ComponentPropertyLocation))
	assert.Equal(t, "CONFIRMED", prop(e, ics.ComponentPropertyStatus))
	assert.Contains(t, prop(e, ics.ComponentPropertySummary), "Concepteur développeur d'applications (TP-01281)")
	desc := prop(e, ics.ComponentPropertyDescription)
	for _, want := range []string{"Pièce d'identité en cours de validité", "Dossier professionnel (DP)", "Chaussures de sécurité",
		"un retard ne prolonge pas les épreuves", "Les téléphones portables", "arrêté du 21 juillet 2016", "Votre journée", "EF Entretien final"} {
		assert.Contains(t, desc, want)
	}

	again, err := documents.CandidateCalendar(d, c.ID)
	require.NoError(t, err)
	assert.Equal(t, doc.Body, again.Body)
}

func TestCandidateCalendarWithoutPlanIsTheAppointmentAlone(t *testing.T) {
	w := newWorld(t, 0)
	w.convoke()
	cal := parseICS(t, must(documents.CandidateCalendar(w.dossier(), w.cands[1].ID)))
	e := cal.Events()[0]
	_, err := e.GetEndAt()
	assert.Error(t, err, "the end is not known without a plan")
	assert.NotContains(t, prop(e, ics.ComponentPropertyDescription), "Votre journée")
}

func TestMemberCalendarHasOneEventPerSitting(t *testing.T) {
	w := newWorld(t, 3)
	d := w.dossier()
	member := d.Assignment.Panels[0].Members[0]
	doc, err := documents.MemberCalendar(d, member)
	require.NoError(t, err)
	cal := parseICS(t, doc)
	events := cal.Events()
	require.NotEmpty(t, events)

	blocks := d.Plan.Input.Calendar.Blocks
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
	events := cal.Events()
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
