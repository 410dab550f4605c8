-- The first schema: one table per aggregate. Each row holds the aggregate
-- as a JSON document (doc), the columns that address it and that listings
-- filter and sort on, and a version that counts its updates. Dates are
-- YYYY-MM-DD and instants UTC with nine fractional digits, so that both
-- sort as text.

CREATE TABLE sessions (
	id         TEXT PRIMARY KEY,
	centre     TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL,
	version    INTEGER NOT NULL,
	doc        TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_start ON sessions (centre, start_date, id);

-- The event log is append-only; seq is the append order, which breaks
-- ties between events of the same instant.
CREATE TABLE events (
	seq     INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	centre  TEXT NOT NULL,
	session TEXT NOT NULL,
	at      TEXT NOT NULL,
	actor   TEXT NOT NULL,
	action  TEXT NOT NULL,
	detail  TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_session ON events (session, centre, at, seq);

CREATE TABLE candidates (
	id      TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
CREATE INDEX candidates_by_centre ON candidates (centre, id);

CREATE TABLE registrations (
	id            TEXT PRIMARY KEY,
	centre        TEXT NOT NULL,
	session       TEXT NOT NULL,
	candidate     TEXT NOT NULL,
	registered_at TEXT NOT NULL,
	active        INTEGER NOT NULL CHECK (active IN (0, 1)),
	version       INTEGER NOT NULL,
	doc           TEXT NOT NULL
) STRICT;
-- A candidate has at most one active registration to a session.
CREATE UNIQUE INDEX registrations_one_active ON registrations (centre, session, candidate) WHERE active;
CREATE INDEX registrations_by_session ON registrations (centre, session, registered_at, id);
CREATE INDEX registrations_by_candidate ON registrations (centre, candidate, registered_at, id);

CREATE TABLE members (
	id      TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	email   TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
-- One member per e-mail in a centre; the e-mail is stored normalised.
CREATE UNIQUE INDEX members_by_email ON members (centre, email);
CREATE INDEX members_by_centre ON members (centre, id);

CREATE TABLE session_juries (
	session TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;

-- One pli per session, and pli IDs unique too.
CREATE TABLE plis (
	session TEXT PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;

CREATE TABLE checklists (
	session TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
	session     TEXT PRIMARY KEY,
	centre      TEXT NOT NULL,
	computed_at TEXT NOT NULL,
	version     INTEGER NOT NULL,
	doc         TEXT NOT NULL
) STRICT;
