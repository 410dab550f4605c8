-- What happens from a session's opening on: its exam record (sittings,
-- attendance, incidents, the jury's decisions and signatures, the
-- procès-verbal and what follows it), one row per session, like every
-- aggregate; and each centre's retention period, one row per centre, whose
-- id is the centre; both under the same row-level security. From this
-- version on, a session's milestones may also hold the day its results
-- were validated: the field is optional, so the documents of earlier
-- versions read as they are.

CREATE TABLE exams (
	centre  text COLLATE "C" NOT NULL,
	session text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, session)
);

CREATE TABLE retentions (
	centre  text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);

ALTER TABLE exams ENABLE ROW LEVEL SECURITY;
CREATE POLICY centre_isolation ON exams
	USING (centre = current_setting('tpsession.centre', true)) WITH CHECK (centre = current_setting('tpsession.centre', true));
ALTER TABLE retentions ENABLE ROW LEVEL SECURITY;
CREATE POLICY centre_isolation ON retentions
	USING (centre = current_setting('tpsession.centre', true)) WITH CHECK (centre = current_setting('tpsession.centre', true));
