package session

import (
	"context"
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// A calendar the centre publishes (a jury member's sittings, a candidate's
// appointments) is imported by calendar software, which keeps each event
// by its UID and takes a new version of it only when its SEQUENCE grows
// (RFC 5545, 3.8.7.4). So the library remembers what each calendar
// published: at its first publication every event has SEQUENCE 0 and
// none is cancelled; each later change to an event raises its SEQUENCE by
// one; an event published before and gone since is published CANCELLED,
// once raised, so that the software removes it.

// EventDigest is one event of a calendar being published: its UID and a
// digest of everything it says (times, place, summary, description,
// status), which tells whether it changed since it was last published.
type EventDigest struct {
	UID    string
	Digest string
	// Day is the day the event falls on, which its cancellation names if
	// it is ever withdrawn.
	Day date.Date
}

// PublishedEvent is an event as a calendar last published it.
type PublishedEvent struct {
	UID    string
	Digest string
	// Sequence counts the changes to the event since its first
	// publication (its SEQUENCE).
	Sequence int
	// Modified is when the event last changed (its LAST-MODIFIED).
	Modified time.Time
	// Cancelled tells that the event is no longer part of the calendar:
	// it is published CANCELLED.
	Cancelled bool
	// Day is the day the event fell on when last published.
	Day date.Date
}

// CalendarRecord is what one calendar of a session has published: every
// event it ever held, in the order they first appeared.
type CalendarRecord struct {
	Centre  tpsession.CentreID
	Session tpsession.SessionID
	// Key names the calendar within the session: "member:mem_…" for a jury
	// member's, "registration:reg_…" for a candidate's.
	Key    string
	Events []PublishedEvent
}

// MaxCalendarEvents bounds the events one calendar publishes, a
// candidate's days or a member's sittings, with room to spare.
const MaxCalendarEvents = 500

// Publish records a publication at the instant at of events, each once,
// and returns what the calendar publishes: each of events with its
// sequence and last change, the SEQUENCE raised when its digest differs
// from the one last published, then each event published before and
// absent now, cancelled. The first publication of an event has SEQUENCE 0.
func (r *CalendarRecord) Publish(events []EventDigest, at time.Time) []PublishedEvent {
	at = at.Round(0)
	var out []PublishedEvent
	seen := map[string]bool{}
	for _, e := range events {
		seen[e.UID] = true
		i := slices.IndexFunc(r.Events, func(p PublishedEvent) bool { return p.UID == e.UID })
		if i < 0 {
			r.Events = append(r.Events, PublishedEvent{UID: e.UID, Digest: e.Digest, Modified: at, Day: e.Day})
			out = append(out, r.Events[len(r.Events)-1])
			continue
		}
		p := &r.Events[i]
		if p.Digest != e.Digest || p.Cancelled {
			p.Digest, p.Cancelled, p.Modified, p.Day = e.Digest, false, at, e.Day
			p.Sequence++
		}
		out = append(out, *p)
	}
	for i := range r.Events {
		p := &r.Events[i]
		if seen[p.UID] {
			continue
		}
		if !p.Cancelled {
			p.Cancelled, p.Modified = true, at
			p.Sequence++
		}
		out = append(out, *p)
	}
	return out
}

// Clone returns a deep copy of r.
func (r CalendarRecord) Clone() CalendarRecord {
	r.Events = slices.Clone(r.Events)
	return r
}

// CalendarStore keeps what each calendar of a session published. A record
// of another centre does not exist.
type CalendarStore interface {
	// UpdateCalendar loads the record of calendar key of session sid of
	// centre — a record without events when none is stored yet — applies
	// fn to it and saves the result, atomically: concurrent updates of one
	// record never lose a write. fn must leave Centre, Session and Key
	// unchanged. fn's error is returned unchanged, and nothing is saved.
	UpdateCalendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string, fn func(*CalendarRecord) error) error
	// Calendar returns the record of calendar key of session sid of
	// centre, or ErrCalendarNotFound when nothing was published.
	Calendar(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, key string) (CalendarRecord, error)
}

// ErrCalendarNotFound is returned for a calendar never published.
var ErrCalendarNotFound = tpsession.NewError(tpsession.NotFound, "session.calendar_not_found", "the calendar was never published")

// errCalendarTooLarge refuses a publication of more events than a
// calendar holds: a bug of the caller.
var errCalendarTooLarge = tpsession.NewError(tpsession.Internal, "session.calendar_too_large", "the calendar holds too many events")

// PublishCalendar records a publication of calendar key of the session
// (see CalendarRecord.Publish) and returns what it publishes. It changes
// no state of the session and writes nothing to its event log: it only
// remembers what the calendar said. The caller — the HTTP API serving a
// calendar, say — applies the Policy first.
func (s *Service) PublishCalendar(ctx context.Context, by Actor, sid tpsession.SessionID, key string, events []EventDigest) ([]PublishedEvent, error) {
	if _, err := s.Session(ctx, by, sid); err != nil {
		return nil, err
	}
	if key == "" || len(key) > 200 {
		return nil, tpsession.ErrInternal.Withf("a calendar needs a key of 1 to 200 bytes")
	}
	if len(events) > MaxCalendarEvents {
		return nil, errCalendarTooLarge.Withf("a calendar publishes at most %d events, got %d", MaxCalendarEvents, len(events))
	}
	var out []PublishedEvent
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		return s.st.Calendars.UpdateCalendar(ctx, by.Centre, sid, key, func(r *CalendarRecord) error {
			out = r.Publish(events, o.now)
			if len(r.Events) > 2*MaxCalendarEvents {
				return errCalendarTooLarge.Withf("calendar %s of session %s has published %d events", key, sid, len(r.Events))
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
