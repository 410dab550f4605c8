-- The first schema: one table per aggregate, every one keyed by the centre
-- first. A row holds the aggregate as a JSON document (doc, in the records
-- of adapters/internal/records), the columns that address it and that
-- listings filter and sort on, and a version that counts its updates.
-- Keys and instants are text in the "C" collation, so that they sort byte
-- by byte as the other stores sort them, whatever the database's locale;
-- instants are UTC with nine fractional digits (timestamptz keeps six).

CREATE TABLE sessions (
	centre     text COLLATE "C" NOT NULL,
	id         text COLLATE "C" NOT NULL,
	start_date date NOT NULL,
	end_date   date NOT NULL,
	version    bigint NOT NULL,
	doc        jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);
CREATE INDEX sessions_by_start ON sessions (centre, start_date, id);

-- The event log is append-only. Each session's events are numbered in
-- commit order: event_heads holds the last number given, and appending
-- takes the next one by updating that row, which makes the transactions
-- appending to one session's log commit one after the other.
CREATE TABLE event_heads (
	centre  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	seq     bigint NOT NULL,
	PRIMARY KEY (centre, session)
);

CREATE TABLE events (
	centre  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	seq     bigint NOT NULL,
	id      text COLLATE "C" NOT NULL,
	at      text COLLATE "C" NOT NULL,
	actor   text NOT NULL,
	action  text NOT NULL,
	detail  text NOT NULL,
	PRIMARY KEY (centre, session, seq),
	UNIQUE (centre, id)
);
CREATE INDEX events_by_time ON events (centre, session, at, seq);

CREATE TABLE candidates (
	centre  text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);

CREATE TABLE registrations (
	centre        text COLLATE "C" NOT NULL,
	id            text COLLATE "C" NOT NULL,
	session       text COLLATE "C" NOT NULL,
	candidate     text COLLATE "C" NOT NULL,
	registered_at text COLLATE "C" NOT NULL,
	active        boolean NOT NULL,
	version       bigint NOT NULL,
	doc           jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);
-- A candidate has at most one active registration to a session.
CREATE UNIQUE INDEX registrations_one_active ON registrations (centre, session, candidate) WHERE active;
CREATE INDEX registrations_by_session ON registrations (centre, session, registered_at, id);
CREATE INDEX registrations_by_candidate ON registrations (centre, candidate, registered_at, id);

CREATE TABLE members (
	centre  text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	email   text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);
-- One member per e-mail in a centre; the e-mail is stored normalised.
CREATE UNIQUE INDEX members_by_email ON members (centre, email);

CREATE TABLE session_juries (
	centre  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, session)
);

-- The sessions a jury member is invited to, found through an index rather
-- than by reading every jury record of the centre. The table is a
-- projection of the invitations held in session_juries.doc, written with it
-- in the same transaction.
CREATE TABLE jury_invitations (
	centre  text COLLATE "C" NOT NULL,
	member  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	PRIMARY KEY (centre, member, session),
	FOREIGN KEY (centre, session) REFERENCES session_juries (centre, session) ON DELETE CASCADE
);
CREATE INDEX jury_invitations_by_session ON jury_invitations (centre, session);

-- One pli per session, and pli IDs unique too.
CREATE TABLE plis (
	centre  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, session),
	UNIQUE (centre, id)
);

CREATE TABLE checklists (
	centre  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, session)
);

CREATE TABLE plans (
	centre      text COLLATE "C" NOT NULL,
	session     text COLLATE "C" NOT NULL,
	computed_at text COLLATE "C" NOT NULL,
	version     bigint NOT NULL,
	doc         jsonb NOT NULL,
	PRIMARY KEY (centre, session)
);

-- Row-level security: a role that neither owns the tables nor bypasses
-- row-level security sees and writes only the rows of the centre its
-- transaction named with set_config('tpsession.centre', …, true), which
-- the adapter does before every statement; with no centre named, none.
-- The owner of the tables (the role that ran this migration) is not
-- subject to the policies: the adapter filters every query by centre
-- itself. Connecting as another role makes the database enforce it too.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['sessions', 'event_heads', 'events', 'candidates', 'registrations', 'members',
		'session_juries', 'jury_invitations', 'plis', 'checklists', 'plans']
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY centre_isolation ON %I USING (centre = current_setting(''tpsession.centre'', true)) WITH CHECK (centre = current_setting(''tpsession.centre'', true))', t);
	END LOOP;
END
$$;
