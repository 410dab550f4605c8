package documents

import (
	"fmt"
	"slices"
	"strings"
	"time"

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

// sequenceEpoch is where an event's SEQUENCE counts from.
var sequenceEpoch = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// revision is the version of a dossier's events: the instant the session
// last changed (LAST-MODIFIED), and the SEQUENCE that tells a calendar the
// events are newer than those it holds: the seconds from 2024 to that
// instant. It grows with every change, which a count kept by hand would
// need a store for, and fits the signed 32-bit integer in which calendar
// software keeps it until 2092.
type revision struct {
	at  time.Time
	seq int
}

// revision returns the dossier's revision: from Changed, else At, which
// the caller then sets to the instant the calendar is made.
func (b *book) revision() (revision, error) {
	at := b.Changed
	if at.IsZero() {
		at = b.At
	}
	if at.IsZero() {
		return revision{}, ErrInvalidDossier.Withf("a calendar needs the instant of the session's last change (Dossier.Changed, which Gather sets) or the instant it is made (Dossier.At)").
			WithFields(tpsession.FieldError{Field: "changed", Message: "is required for a calendar, as at is when changed is not known"})
	}
	return revision{at: at, seq: max(0, int(at.Sub(sequenceEpoch)/time.Second))}, nil
}

// icsDoc is an iCalendar object being made for the session's site.
type icsDoc struct {
	b   *book
	cal *ics.Calendar
	z   zone
	rev revision
}

// calendar starts an iCalendar object for the session's site.
func (b *book) calendar(name string) (*icsDoc, error) {
	rev, err := b.revision()
	if err != nil {
		return nil, err
	}
	z := zoneOf(b.Session.Region)
	cal := ics.NewCalendar()
	cal.SetProductId("-//tpsession//documents//FR")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(z.id)
	cal.AddVTimezone(z.vtimezone())
	return &icsDoc{b: b, cal: cal, z: z, rev: rev}, nil
}

// event adds an event whose UID is stable: the same sitting or appointment
// keeps its UID when the documents are made again, and its SEQUENCE grows
// with the session's changes, so that a calendar updates it rather than
// adding a copy or keeping the old one.
func (c *icsDoc) event(uid, summary, description string) *ics.VEvent {
	e := c.cal.AddEvent(uid)
	e.SetDtStampTime(c.b.stamp())
	e.SetLastModifiedAt(c.rev.at)
	e.SetSequence(c.rev.seq)
	e.SetSummary(summary)
	e.SetLocation(c.b.Session.Site)
	if description != "" {
		e.SetDescription(description)
	}
	return e
}

// at sets the event's times, local to the zone.
func (c *icsDoc) at(e *ics.VEvent, day date.Date, from, to tpsession.TimeOfDay) {
	stamp := func(t tpsession.TimeOfDay) string {
		day := day
		if t == tpsession.EndOfDay {
			day, t = day+1, 0
		}
		y, m, d := day.Date()
		return fmt.Sprintf("%04d%02d%02dT%02d%02d00", y, int(m), d, int(t)/60, int(t)%60)
	}
	e.SetProperty(ics.ComponentPropertyDtStart, stamp(from), ics.WithTZID(c.z.id))
	e.SetProperty(ics.ComponentPropertyDtEnd, stamp(to), ics.WithTZID(c.z.id))
}

func allDay(e *ics.VEvent, day date.Date) {
	e.SetAllDayStartAt(day.Midnight())
	e.SetAllDayEndAt((day + 1).Midnight())
}

func (c *icsDoc) document(words ...string) (Document, error) {
	if err := c.b.alive(); err != nil {
		return Document{}, err
	}
	var buf strings.Builder
	// RFC 5545 ends lines with CRLF; the library's default is LF.
	if err := c.cal.SerializeTo(&buf, ics.WithNewLine("\r\n")); err != nil {
		return Document{}, ErrRender.Wrap(err)
	}
	return Document{Name: fileName("ics", words...), ContentType: ContentTypeICS, Body: []byte(buf.String())}, nil
}

// MemberCalendar returns a jury member's sittings in the session
// (iCalendar). With a plan and the member on a panel, there is one event
// per block of a day in which the panel's jury works, from its first task
// to its last, the tasks listed in the description; otherwise one all-day
// event per day of the plan, or of the session without a plan. Times are
// local to the session's site, with its VTIMEZONE.
//
// The UIDs are the member's days: the day's first sitting has the UID the
// day's all-day event has before the plan exists, the next ones the same
// with "-2", "-3"…, so that a calendar that imported the file before the
// plan updates its events rather than keeping them beside the sittings.
// Every other UID the member's calendar may have held — a day of the
// session or of the plan on which the member no longer sits, a second
// sitting that is gone — is published CANCELLED, which retires the event
// from a calendar that has it.
//
// Errors: jury.ErrMemberNotFound when the member is not among the dossier's
// members; ErrInvalidDossier when the dossier has neither Changed nor At.
func MemberCalendar(d Dossier, id tpsession.MemberID) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	m, ok := b.members[id]
	if !ok {
		return Document{}, jury.ErrMemberNotFound.Withf("jury member %s is not on session %s", id, b.Session.ID)
	}
	c, err := b.calendar("Jury — " + b.Session.TitleName)
	if err != nil {
		return Document{}, err
	}
	panel, onPanel := b.panelOf(id)
	summary := fmt.Sprintf("Jury %s — %s", b.Session.Title, b.Session.TitleName)
	if b.Assignment.Assigned() && !onPanel {
		summary += " (réserve)"
	}
	uid := func(day date.Date, slot int) string {
		y, mo, dd := day.Date()
		u := fmt.Sprintf("%s-%s-%04d%02d%02d", b.Session.ID, id, y, int(mo), dd)
		if slot > 1 {
			u += fmt.Sprintf("-%d", slot)
		}
		return u
	}
	// Every UID the calendar may have held: each slot of each day of the
	// session and of the plan.
	days := b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End)
	slots := 1
	if b.Plan != nil {
		days = append(days, b.Plan.Plan.Days...)
		slots = max(slots, len(b.Plan.Input.Calendar.Blocks))
	}
	slices.Sort(days)
	days = slices.Compact(days)
	held := map[date.Date]int{} // the slots the member holds each day

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
			held[s.date]++
			e := c.event(uid(s.date, held[s.date]), summary, strings.Join(lines, "\n"))
			c.at(e, s.date, s.from, s.to)
		}
	} else {
		sitting := days
		if b.plan != nil {
			sitting = b.plan.Plan.Days
		}
		for _, day := range sitting {
			held[day] = 1
			e := c.event(uid(day, 1), summary, "Session d'examen du "+titleFR(b.Session)+", "+periodFR(b.Session.Start, b.Session.End)+".")
			allDay(e, day)
		}
	}
	for _, day := range days {
		for slot := held[day] + 1; slot <= slots; slot++ {
			e := c.event(uid(day, slot), summary, "Séance retirée : le jury ne siège plus à ce moment.")
			e.SetStatus(ics.ObjectStatusCancelled)
			allDay(e, day)
		}
	}
	return c.document("jury", m.Name, string(b.Session.Title), b.Session.Start.String())
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
// lists their day; otherwise it ends with the day's last block of the
// plan, or at 17:30 without a plan (see dayEnd). A convocation not
// validated yet is TENTATIVE. The event's UID is the registration's, so
// that a moved appointment replaces the one a calendar holds.
//
// Errors: those of ConvocationLetter; ErrInvalidDossier when the dossier
// has neither Changed nor At.
func CandidateCalendar(d Dossier, id tpsession.CandidateID) (Document, error) {
	b, l, err := d.letter(id)
	if err != nil {
		return Document{}, err
	}
	conv := l.conv
	c, err := b.calendar("Convocation — " + b.Session.TitleName)
	if err != nil {
		return Document{}, err
	}
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
	if end <= conv.Appointment.Time {
		end = b.dayEnd(conv.Appointment.Time)
	}
	e := c.event(string(l.reg.ID), "Convocation — examen du "+titleFR(b.Session), strings.Join(desc, "\n"))
	e.SetLocation(conv.Place)
	if conv.Validated() {
		e.SetStatus(ics.ObjectStatusConfirmed)
	} else {
		e.SetStatus(ics.ObjectStatusTentative)
	}
	c.at(e, conv.Appointment.Day, conv.Appointment.Time, end)
	return c.document("convocation", l.cand.LastName, l.cand.FirstName)
}

// usualDayEnd ends the day of a session without a plan: the end of the
// afternoon block of the usual calendar (08:30–12:30, 13:30–17:30,
// docs/planning.md#input).
const usualDayEnd tpsession.TimeOfDay = 17*60 + 30

// dayEnd returns when a candidate convoked at from may be done, when the
// plan does not say: the end of the day's last block of the plan, else the
// end of the usual day, and at least an hour after from. It errs on the
// long side, which keeps the candidate's day free.
func (b *book) dayEnd(from tpsession.TimeOfDay) tpsession.TimeOfDay {
	end := usualDayEnd
	if b.Plan != nil {
		if bl := b.Plan.Input.Calendar.Blocks; len(bl) > 0 {
			end = bl[len(bl)-1].End
		}
	}
	return min(max(end, from+60), tpsession.EndOfDay)
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
