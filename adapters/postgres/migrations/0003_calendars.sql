-- What each calendar of a session published (session.CalendarRecord): the
-- events it held, each with the SEQUENCE it last went out with, so that a
-- change raises it by one and an event gone is published cancelled, across
-- restarts. id is the session and the calendar's key.

CREATE TABLE calendars (
	centre  text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);
CREATE INDEX calendars_by_session ON calendars (centre, session);

ALTER TABLE calendars ENABLE ROW LEVEL SECURITY;
CREATE POLICY centre_isolation ON calendars USING (centre = current_setting('tpsession.centre', true)) WITH CHECK (centre = current_setting('tpsession.centre', true));
