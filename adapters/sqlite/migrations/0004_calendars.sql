-- What each calendar of a session published (session.CalendarRecord): the
-- events it held, each with the SEQUENCE it last went out with, so that a
-- change raises it by one and an event gone is published cancelled, across
-- restarts. id is the session and the calendar's key.

CREATE TABLE calendars (
	id      TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	session TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
CREATE INDEX calendars_by_session ON calendars (session);
