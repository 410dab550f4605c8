package documents

import (
	"fmt"
	"slices"
	"strings"

	ics "github.com/arran4/golang-ical"
	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// zone is the time zone of a region's sites, written as a VTIMEZONE so
// that a calendar shows the local times of the site without the reader's
// software, or this library, needing a time zone database.
type zone struct {
	id, std string
	offset  int // minutes east of UTC, outside summer time
	// summer is the summer-time abbreviation; empty where there is none.
	summer string
}

// zoneOf returns the time zone of the region's sites: Europe/Paris for
// metropolitan France (Alsace-Moselle included), which keeps the EU
// summer-time rule (last Sundays of March and October), and the fixed
// zones of the overseas departments.
func zoneOf(r tpsession.Region) zone {
	switch r {
	case tpsession.Guadeloupe:
		return zone{id: "America/Guadeloupe", std: "AST", offset: -4 * 60}
	case tpsession.Martinique:
		return zone{id: "America/Martinique", std: "AST", offset: -4 * 60}
	case tpsession.Guyane:
		return zone{id: "America/Cayenne", std: "-03", offset: -3 * 60}
	case tpsession.Reunion:
		return zone{id: "Indian/Reunion", std: "+04", offset: 4 * 60}
	case tpsession.Mayotte:
		return zone{id: "Indian/Mayotte", std: "EAT", offset: 3 * 60}
	}
	return zone{id: tpsession.ParisTimeZone, std: "CET", offset: 60, summer: "CEST"}
}

func utcOffset(minutes int) string {
	sign := "+"
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("%s%02d%02d", sign, minutes/60, minutes%60)
}

// vtimezone describes z, from 1970 on.
func (z zone) vtimezone() *ics.VTimezone {
	tz := ics.NewTimezone(z.id)
	rule := func(c *ics.ComponentBase, from, to int, name, start, rrule string) {
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		c.SetProperty(ics.ComponentPropertyDtStart, start)
		if rrule != "" {
			c.SetProperty(ics.ComponentPropertyRrule, rrule)
		}
	}
	if z.summer == "" {
		std := tz.AddStandard()
		rule(&std.ComponentBase, z.offset, z.offset, z.std, "19700101T000000", "")
		return tz
	}
	summer := &ics.Daylight{}
	rule(&summer.ComponentBase, z.offset, z.offset+60, z.summer, "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, summer)
	std := tz.AddStandard()
	rule(&std.ComponentBase, z.offset+60, z.offset, z.std, "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	return tz
}

// calendar starts an iCalendar object for the session's site.
func (b *book) calendar(name string) (*ics.Calendar, zone) {
	z := zoneOf(b.Session.Region)
	cal := ics.NewCalendar()
	cal.SetProductId("-//tpsession//documents//FR")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(z.id)
	cal.AddVTimezone(z.vtimezone())
	return cal, z
}

// event adds an event whose UID is stable: the same sitting or appointment
// keeps its UID when the documents are made again, so that a calendar
// updates it rather than adding a copy.
func (b *book) event(cal *ics.Calendar, uid, summary, description string) *ics.VEvent {
	e := cal.AddEvent(uid)
	e.SetDtStampTime(b.stamp())
	e.SetSummary(summary)
	e.SetLocation(b.Session.Site)
	if description != "" {
		e.SetDescription(description)
	}
	return e
}

// at sets the event's times, local to the zone.
func at(e *ics.VEvent, z zone, day date.Date, from, to tpsession.TimeOfDay) {
	stamp := func(t tpsession.TimeOfDay) string {
		if t == tpsession.EndOfDay {
			day, t = day+1, 0
		}
		y, m, d := day.Date()
		return fmt.Sprintf("%04d%02d%02dT%02d%02d00", y, int(m), d, int(t)/60, int(t)%60)
	}
	e.SetProperty(ics.ComponentPropertyDtStart, stamp(from), ics.WithTZID(z.id))
	if to > from {
		e.SetProperty(ics.ComponentPropertyDtEnd, stamp(to), ics.WithTZID(z.id))
	}
}

func allDay(e *ics.VEvent, day date.Date) {
	e.SetAllDayStartAt(day.Midnight())
	e.SetAllDayEndAt((day + 1).Midnight())
}

func (b *book) calendarDocument(cal *ics.Calendar, words ...string) (Document, error) {
	var buf strings.Builder
	// RFC 5545 ends lines with CRLF; the library's default is LF.
	if err := cal.SerializeTo(&buf, ics.WithNewLine("\r\n")); err != nil {
		return Document{}, ErrRender.Wrap(err)
	}
	return Document{Name: fileName("ics", words...), ContentType: ContentTypeICS, Body: []byte(buf.String())}, nil
}

// MemberCalendar returns a jury member's sittings in the session
// (iCalendar). With a plan and the member on a panel, there is one event
// per half-day block in which the panel's jury works, from its first task
// to its last, the tasks listed in the description; otherwise one all-day
// event per day of the plan, or of the session without a plan. Times are
// local to the session's site, with its VTIMEZONE.
//
// Error: jury.ErrMemberNotFound when the member is not among the dossier's
// members.
func MemberCalendar(d Dossier, id tpsession.MemberID) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	m, ok := b.members[id]
	if !ok {
		return Document{}, jury.ErrMemberNotFound.Withf("jury member %s is not on session %s", id, b.Session.ID)
	}
	cal, z := b.calendar("Jury — " + b.Session.TitleName)
	panel, onPanel := b.panelOf(id)
	summary := fmt.Sprintf("Jury %s — %s", b.Session.Title, b.Session.TitleName)
	if b.Assignment.Assigned() && !onPanel {
		summary += " (réserve)"
	}
	if b.plan != nil && onPanel {
		r, err := b.deroule()
		if err != nil {
			return Document{}, err
		}
		summary = fmt.Sprintf("Jury %d — %s %s", panel.Jury, b.Session.Title, b.Session.TitleName)
		for _, s := range b.sittings(r, panel.Jury) {
			var lines []string
			for _, l := range s.lines {
				lines = append(lines, span(l.seg.Start, l.seg.End)+"  "+l.text)
			}
			e := b.event(cal, fmt.Sprintf("%s-%s-d%d-b%d", b.Session.ID, id, s.day, s.block+1), summary, strings.Join(lines, "\n"))
			at(e, z, s.date, s.from, s.to)
		}
		return b.calendarDocument(cal, "jury", m.Name, string(b.Session.Title), b.Session.Start.String())
	}
	days := b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End)
	if b.plan != nil {
		days = b.plan.Plan.Days
	}
	for _, day := range days {
		y, mo, dd := day.Date()
		e := b.event(cal, fmt.Sprintf("%s-%s-%04d%02d%02d", b.Session.ID, id, y, int(mo), dd), summary,
			"Session d'examen du "+titleFR(b.Session)+", "+periodFR(b.Session.Start, b.Session.End)+".")
		allDay(e, day)
	}
	return b.calendarDocument(cal, "jury", m.Name, string(b.Session.Title), b.Session.Start.String())
}

// sitting is a jury's work in one block of a day.
type sitting struct {
	day      int
	date     date.Date
	block    int
	from, to tpsession.TimeOfDay
	lines    []derouleLine
}

// sittings groups jury j's lines of the déroulé by day and block, the
// opening with the first block of its day when the jury works that day.
func (b *book) sittings(r deroule, j int) []sitting {
	blocks := b.plan.Input.Calendar.Blocks
	blockOf := func(t tpsession.TimeOfDay) int {
		return slices.IndexFunc(blocks, func(bl plan.Block) bool { return bl.Start <= t && t < bl.End })
	}
	var out []sitting
	for _, d := range r.days {
		i := slices.IndexFunc(d.juries, func(g derouleGroup) bool { return g.key == j })
		if i < 0 {
			continue
		}
		lines := d.juries[i].lines
		if o := d.opening; o != nil {
			lines = append([]derouleLine{{*o, openingText}}, lines...)
		}
		for _, l := range lines {
			bl := blockOf(l.seg.Start)
			if n := len(out); n > 0 && out[n-1].day == d.n && out[n-1].block == bl {
				s := &out[n-1]
				s.from, s.to = min(s.from, l.seg.Start), max(s.to, l.seg.End)
				s.lines = append(s.lines, l)
				continue
			}
			out = append(out, sitting{day: d.n, date: d.date, block: bl, from: l.seg.Start, to: l.seg.End, lines: []derouleLine{l}})
		}
	}
	return out
}

// CandidateCalendar returns a registered candidate's appointment
// (iCalendar): one event at the convocation's date, time and place, with
// the documents and equipment to bring and the reminders in its
// description. When PlanCandidates identifies the candidate, the event
// ends with the candidate's last épreuve that day and the description
// lists their day. A convocation not validated yet is TENTATIVE.
//
// Errors: those of ConvocationLetter.
func CandidateCalendar(d Dossier, id tpsession.CandidateID) (Document, error) {
	b, l, err := d.letter(id)
	if err != nil {
		return Document{}, err
	}
	conv := l.conv
	cal, z := b.calendar("Convocation — " + b.Session.TitleName)
	var desc []string
	desc = append(desc, "Convocation à la session d'examen du "+titleFR(b.Session)+".", "", "Documents à apporter :")
	for _, s := range conv.Documents {
		desc = append(desc, "- "+s)
	}
	if len(conv.PPE) > 0 {
		desc = append(desc, "Équipements de protection individuelle (EPI) à apporter :")
		for _, s := range conv.PPE {
			desc = append(desc, "- "+s)
		}
	}
	desc = append(desc, "", "Rappels :")
	for _, s := range reminders {
		desc = append(desc, "- "+s)
	}
	day, end := b.candidateDay(id, conv.Appointment.Day)
	if len(day) > 0 {
		desc = append(desc, "", "Votre journée :")
		for _, l := range day {
			desc = append(desc, span(l.seg.Start, l.seg.End)+"  "+l.text)
		}
	}
	e := b.event(cal, string(l.reg.ID), "Convocation — examen du "+titleFR(b.Session), strings.Join(desc, "\n"))
	e.SetLocation(conv.Place)
	if conv.Validated() {
		e.SetProperty(ics.ComponentPropertyStatus, string(ics.ObjectStatusConfirmed))
	} else {
		e.SetProperty(ics.ComponentPropertyStatus, string(ics.ObjectStatusTentative))
	}
	at(e, z, conv.Appointment.Day, conv.Appointment.Time, end)
	return b.calendarDocument(cal, "convocation", l.cand.LastName, l.cand.FirstName)
}

// candidateDay returns the candidate's lines of the déroulé on the day and
// the end of the last one; nothing when the plan does not say who the
// candidate is.
func (b *book) candidateDay(id tpsession.CandidateID, day date.Date) ([]derouleLine, tpsession.TimeOfDay) {
	k, ok := b.number[id]
	if !ok || b.plan == nil {
		return nil, 0
	}
	r, err := b.deroule()
	if err != nil {
		return nil, 0
	}
	for _, d := range r.days {
		if d.date != day {
			continue
		}
		for _, g := range d.candidates {
			if g.key == k {
				end := tpsession.TimeOfDay(0)
				for _, l := range g.lines {
					end = max(end, l.seg.End)
				}
				return g.lines, end
			}
		}
	}
	return nil, 0
}
