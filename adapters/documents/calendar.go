package documents

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	ics "github.com/arran4/golang-ical"
	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
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

// CalendarLog records a publication of a calendar of the dossier's
// session and returns what it publishes: each event given with its
// SEQUENCE and last change, then each event the calendar published before
// and no longer holds, cancelled (session.Service.PublishCalendar, which
// Gather sets). key names the calendar: "member:<id>",
// "registration:<id>".
type CalendarLog func(key string, events []session.EventDigest) ([]session.PublishedEvent, error)

// calEvent is an event of a calendar being made.
type calEvent struct {
	uid, summary, description, location string
	day                                 date.Date
	// allDay events take the whole day; the others run from to.
	allDay   bool
	from, to tpsession.TimeOfDay
	status   ics.ObjectStatus
}

// digest identifies what the event says, to tell a change.
func (e calEvent) digest() string {
	h := sha256.Sum256(fmt.Appendf(nil, "%q|%q|%q|%q|%s|%t|%d|%d|%s", e.uid, e.summary, e.description, e.location, e.day, e.allDay, e.from, e.to, e.status))
	return hex.EncodeToString(h[:16])
}

// icsDoc is an iCalendar object being made for the session's site.
type icsDoc struct {
	b      *book
	cal    *ics.Calendar
	z      zone
	key    string
	events []calEvent
}

// calendar starts the iCalendar object of calendar key for the session's
// site.
func (b *book) calendar(key, name string) *icsDoc {
	z := zoneOf(b.Session.Region)
	cal := ics.NewCalendar()
	cal.SetProductId("-//tpsession//documents//FR")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(z.id)
	cal.AddVTimezone(z.vtimezone())
	return &icsDoc{b: b, cal: cal, z: z, key: key}
}

// add adds an event to the calendar.
func (c *icsDoc) add(e calEvent) { c.events = append(c.events, e) }

// publish records the calendar's publication in the dossier's log and
// writes its events: each with its SEQUENCE (0 at its first publication,
// one more at each change) and LAST-MODIFIED, then the events the
// calendar published before and no longer holds, CANCELLED. Without a
// log, the calendar is a first publication. A UID stays the same from one
// publication to the next, so that a calendar that imported an earlier
// one updates its events rather than adding copies.
func (c *icsDoc) publish() error {
	digests := make([]session.EventDigest, len(c.events))
	byUID := map[string]calEvent{}
	for i, e := range c.events {
		digests[i] = session.EventDigest{UID: e.uid, Digest: e.digest(), Day: e.day}
		byUID[e.uid] = e
	}
	var published []session.PublishedEvent
	if c.b.Calendars != nil {
		var err error
		if published, err = c.b.Calendars(c.key, digests); err != nil {
			return err
		}
	} else {
		for _, d := range digests {
			published = append(published, session.PublishedEvent{UID: d.UID, Digest: d.Digest, Modified: c.b.stamp(), Day: d.Day})
		}
	}
	for _, p := range published {
		v := c.cal.AddEvent(p.UID)
		v.SetDtStampTime(c.b.stamp())
		v.SetLastModifiedAt(p.Modified)
		v.SetSequence(p.Sequence)
		e, ok := byUID[p.UID]
		if p.Cancelled || !ok {
			v.SetSummary("Annulé — " + c.b.Session.TitleName)
			v.SetDescription("Ce rendez-vous n'a plus lieu.")
			v.SetStatus(ics.ObjectStatusCancelled)
			allDay(v, p.Day)
			continue
		}
		v.SetSummary(e.summary)
		v.SetLocation(e.location)
		if e.description != "" {
			v.SetDescription(e.description)
		}
		if e.status != "" {
			v.SetStatus(e.status)
		}
		if e.allDay {
			allDay(v, e.day)
		} else {
			c.at(v, e.day, e.from, e.to)
		}
	}
	return nil
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

// document publishes the calendar and returns it.
func (c *icsDoc) document(words ...string) (Document, error) {
	if err := c.b.alive(); err != nil {
		return Document{}, err
	}
	if err := c.publish(); err != nil {
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
// to its last, the tasks listed in the description, rooms by their labels;
// otherwise one all-day event per day of the plan, or of the session
// without a plan. Times are local to the session's site, with its
// VTIMEZONE.
//
// The UIDs are the member's days: the day's first sitting has the UID the
// day's all-day event has before the plan exists, the next ones the same
// with "-2", "-3"…, so that a calendar that imported the file before the
// plan updates its events. With the dossier's CalendarLog, a sitting that
// no longer takes place is published CANCELLED, which retires the event
// from a calendar that has it, and every change raises the event's
// SEQUENCE by one.
//
// Errors: jury.ErrMemberNotFound when the member is not among the dossier's
// members; the CalendarLog's.
func MemberCalendar(d Dossier, id tpsession.MemberID) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	m, ok := b.members[id]
	if !ok {
		return Document{}, jury.ErrMemberNotFound.Withf("jury member %s is not on session %s", id, b.Session.ID)
	}
	c := b.calendar("member:"+string(id), "Jury — "+b.Session.TitleName)
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
	if b.plan != nil && onPanel {
		r, err := b.deroule()
		if err != nil {
			return Document{}, err
		}
		summary = fmt.Sprintf("Jury %d — %s %s", panel.Jury, b.Session.Title, b.Session.TitleName)
		held := map[date.Date]int{}
		for _, s := range b.sittings(r, panel.Jury) {
			var lines []string
			for _, l := range s.lines {
				lines = append(lines, span(l.seg.Start, l.seg.End)+"  "+l.text)
			}
			held[s.date]++
			c.add(calEvent{uid: uid(s.date, held[s.date]), summary: summary, description: strings.Join(lines, "\n"),
				location: b.Session.Site, day: s.date, from: s.from, to: s.to})
		}
	} else {
		days := b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End)
		if b.plan != nil {
			days = b.plan.Plan.Days
		}
		for _, day := range days {
			c.add(calEvent{uid: uid(day, 1), summary: summary, location: b.Session.Site, day: day, allDay: true,
				description: "Session d'examen du " + titleFR(b.Session) + ", " + periodFR(b.Session.Start, b.Session.End) + "."})
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

// CandidateCalendar returns a registered candidate's appointments
// (iCalendar): one event for each day and time the convocation gives, at
// the place and in the room, with what comes first, the documents and
// equipment to bring and the reminders in its description. When the plan
// says who the candidate is, the event ends with the candidate's last
// épreuve that day and the description lists their day; otherwise it ends
// with the day's last block of the plan, or at 17:30 without a plan (see
// dayEnd). A convocation not validated yet is TENTATIVE. The first event's
// UID is the registration's, the next ones the same with "-2", "-3"…, so
// that a moved appointment replaces the one a calendar holds; with the
// dossier's CalendarLog, one that no longer takes place is CANCELLED.
//
// Errors: those of ConvocationLetter; the CalendarLog's.
func CandidateCalendar(d Dossier, id tpsession.CandidateID) (Document, error) {
	b, l, err := d.letter(id)
	if err != nil {
		return Document{}, err
	}
	conv := l.conv
	c := b.calendar("registration:"+string(l.reg.ID), "Convocation — "+b.Session.TitleName)
	var bring []string
	bring = append(bring, "", "Documents à apporter :")
	for _, s := range conv.Documents {
		bring = append(bring, "- "+s)
	}
	if len(conv.PPE) > 0 {
		bring = append(bring, "Équipements de protection individuelle (EPI) à apporter :")
		for _, s := range conv.PPE {
			bring = append(bring, "- "+s)
		}
	}
	bring = append(bring, "", "Rappels :")
	for _, s := range reminders {
		bring = append(bring, "- "+s)
	}
	status := ics.ObjectStatusTentative
	if conv.Validated() {
		status = ics.ObjectStatusConfirmed
	}
	n := len(conv.Appointments)
	for i, a := range conv.Appointments {
		desc := []string{"Convocation à la session d'examen du " + titleFR(b.Session) + "."}
		if what := appointmentFR(a); what != "" {
			desc = append(desc, what+".")
		}
		desc = append(desc, bring...)
		day, end := b.candidateDay(id, a.Day)
		if len(day) > 0 {
			desc = append(desc, "", "Votre journée :")
			for _, l := range day {
				desc = append(desc, span(l.seg.Start, l.seg.End)+"  "+l.text)
			}
		}
		if end <= a.Time {
			end = b.dayEnd(a.Time)
		}
		summary := "Convocation — examen du " + titleFR(b.Session)
		uid := string(l.reg.ID)
		if n > 1 {
			summary += fmt.Sprintf(" — jour %d sur %d", i+1, n)
		}
		if i > 0 {
			uid += fmt.Sprintf("-%d", i+1)
		}
		location := conv.Place
		if a.Room != "" {
			location += " — " + a.Room
		}
		c.add(calEvent{uid: uid, summary: summary, description: strings.Join(desc, "\n"), location: location,
			day: a.Day, from: a.Time, to: end, status: status})
	}
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
