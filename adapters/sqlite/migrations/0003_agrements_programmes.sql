-- The rules around the session: the centre's agréments and its yearly
-- programming, one row each, like every aggregate. From this version on,
-- documents also carry fields older versions did not know (a session's
-- revision, CCPs and modality; a candidate's trainings and history; a
-- registration's modality and CCPs; a convocation's draft day; the
-- protective equipment of a pli's DTE organisateur): they are optional, so
-- the documents of earlier versions read as they are.

CREATE TABLE agrements (
	id      TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
CREATE INDEX agrements_by_centre ON agrements (centre, id);

-- One programme per centre and year; id is "centre/year".
CREATE TABLE programmes (
	id      TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	year    INTEGER NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL,
	UNIQUE (centre, year)
) STRICT;
