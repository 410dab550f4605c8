-- What happens from a session's opening on: its exam record (sittings,
-- attendance, incidents, the jury's decisions and signatures, the
-- procès-verbal and what follows it), one row per session, like every
-- aggregate; and each centre's retention period, one row per centre, whose
-- id is the centre. From this version on, a session's milestones may also
-- hold the day its results were validated: the field is optional, so the
-- documents of earlier versions read as they are.

CREATE TABLE exams (
	session TEXT PRIMARY KEY,
	centre  TEXT NOT NULL,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;

CREATE TABLE retentions (
	id      TEXT PRIMARY KEY,
	centre  TEXT NOT NULL UNIQUE,
	version INTEGER NOT NULL,
	doc     TEXT NOT NULL
) STRICT;
