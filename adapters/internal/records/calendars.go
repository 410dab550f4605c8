package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

// calendarRecord is the stored form of a session.CalendarRecord.
type calendarRecord struct {
	Centre  string                 `json:"centre"`
	Session string                 `json:"session"`
	Key     string                 `json:"key"`
	Events  []publishedEventRecord `json:"events"`
}

type publishedEventRecord struct {
	UID       string `json:"uid"`
	Digest    string `json:"digest"`
	Sequence  int    `json:"sequence"`
	Modified  string `json:"modified"`
	Cancelled bool   `json:"cancelled,omitempty"`
	Day       string `json:"day,omitempty"`
}

func toCalendarRecord(r session.CalendarRecord) calendarRecord {
	return calendarRecord{
		Centre: string(r.Centre), Session: string(r.Session), Key: r.Key,
		Events: each(r.Events, func(e session.PublishedEvent) publishedEventRecord {
			return publishedEventRecord{UID: e.UID, Digest: e.Digest, Sequence: e.Sequence, Modified: instant(e.Modified), Cancelled: e.Cancelled, Day: day(e.Day)}
		}),
	}
}

func fromCalendarRecord(d *decoder, r calendarRecord) session.CalendarRecord {
	return session.CalendarRecord{
		Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session), Key: r.Key,
		Events: each(r.Events, func(e publishedEventRecord) session.PublishedEvent {
			return session.PublishedEvent{UID: e.UID, Digest: e.Digest, Sequence: e.Sequence, Modified: d.instant(e.Modified), Cancelled: e.Cancelled, Day: d.day(e.Day)}
		}),
	}
}

// CalendarID is the row of a calendar record: its session and its key,
// which identify it.
func CalendarID(sid tpsession.SessionID, key string) string { return string(sid) + "/" + key }

// Calendars is what a calendar published (session.CalendarStore).
var Calendars = Aggregate[session.CalendarRecord]{
	Codec:  newCodec(toCalendarRecord, fromCalendarRecord),
	Key:    func(r session.CalendarRecord) string { return CalendarID(r.Session, r.Key) },
	Centre: func(r session.CalendarRecord) tpsession.CentreID { return r.Centre },
	Clone:  session.CalendarRecord.Clone,
	// A row of another centre holds the key: that calendar does not exist
	// for this centre.
	NotFound: session.ErrCalendarNotFound, Duplicate: session.ErrCalendarNotFound,
}
