-- A database as version 1 of the schema (migrations/0001_initial.sql) left
-- it, with rows that version of the package wrote: the schema and the
-- documents are literal, so that TestUpgradeFromVersion1 upgrades what an
-- old program stored, not what today's encoders produce. Frozen: never
-- regenerate it.
PRAGMA user_version = 1;
CREATE TABLE sessions (
	id         TEXT PRIMARY KEY,
	centre     TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL,
	version    INTEGER NOT NULL,
	doc        TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_start ON sessions (centre, start_date, id);
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
CREATE UNIQUE INDEX members_by_email ON members (centre, email);
CREATE INDEX members_by_centre ON members (centre, id);
CREATE TABLE session_juries (
	session TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
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
INSERT INTO sessions VALUES ('ses_01JDQ2V7X8K9M0N1P2R3S4T5V6', 'centre-lyon', '2027-03-01', '2027-03-03', 1, '{"id":"ses_01JDQ2V7X8K9M0N1P2R3S4T5V6","centre":"centre-lyon","title":"TP-01281","title_name":"Concepteur développeur d''applications","kind":"titre","site":"12 rue des Lilas, 69003 Lyon","uses_computers":false,"start":"2027-03-01","end":"2027-03-03","planned_candidates":12,"responsable":{"name":"Claire Martin","email":"claire.martin@example.fr"},"created_at":"2026-11-27T08:30:15.123456789Z","milestones":{"declared_on":"2026-11-27"}}');
INSERT INTO session_juries VALUES ('ses_01JDQ2V7X8K9M0N1P2R3S4T5V6', 'centre-lyon', 1, '{"centre":"centre-lyon","session":"ses_01JDQ2V7X8K9M0N1P2R3S4T5V6","invitations":[{"member":"mem_01JDQ2V7X8K9M0N1P2R3S4T5V8","invited_on":"2026-11-27","answer":"accepted","answered_on":"2026-11-28"},{"member":"mem_01JDQ2V7X8K9M0N1P2R3S4T5V9","invited_on":"2026-11-27","withdrawn_on":"2026-11-29"}],"conflicts":null,"assignment":{"panels":null,"reserves":null}}');
INSERT INTO session_juries VALUES ('ses_01JDQ2V7X8K9M0N1P2R3S4T5VC', 'centre-lyon', 1, '{"centre":"centre-lyon","session":"ses_01JDQ2V7X8K9M0N1P2R3S4T5VC","invitations":null,"conflicts":null,"assignment":{"panels":null,"reserves":null}}');
INSERT INTO events VALUES (1, 'evt_01JDQ2V7X8K9M0N1P2R3S4T5VD', 'centre-lyon', 'ses_01JDQ2V7X8K9M0N1P2R3S4T5V6', '2026-11-27T08:30:15.123456789Z', 'Claire Martin', 'session.created', '');
