-- The rules around the session: the centre's agréments and its yearly
-- programming, one row each, like every aggregate, under the same
-- row-level security. From this version on, documents also carry fields
-- older versions did not know (a session's revision, CCPs and modality; a
-- candidate's trainings and history; a registration's modality and CCPs; a
-- convocation's draft day; the protective equipment of a pli's DTE
-- organisateur): they are optional, so the documents of earlier versions
-- read as they are.

CREATE TABLE agrements (
	centre  text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, id)
);

-- One programme per centre and year; id is "centre/year", the key the
-- stores share.
CREATE TABLE programmes (
	centre  text COLLATE "C" NOT NULL,
	id      text COLLATE "C" NOT NULL,
	year    integer NOT NULL,
	version bigint NOT NULL,
	doc     jsonb NOT NULL,
	PRIMARY KEY (centre, id),
	UNIQUE (centre, year)
);

ALTER TABLE agrements ENABLE ROW LEVEL SECURITY;
CREATE POLICY centre_isolation ON agrements
	USING (centre = current_setting('tpsession.centre', true)) WITH CHECK (centre = current_setting('tpsession.centre', true));
ALTER TABLE programmes ENABLE ROW LEVEL SECURITY;
CREATE POLICY centre_isolation ON programmes
	USING (centre = current_setting('tpsession.centre', true)) WITH CHECK (centre = current_setting('tpsession.centre', true));
