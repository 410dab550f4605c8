-- The sessions a jury member is invited to, found through an index rather
-- than by reading every jury record of the centre: a user of the jury role
-- lists them on each visit. The table is a projection of the invitations
-- held in session_juries.doc, written with it in the same transaction.

CREATE TABLE jury_invitations (
	centre  TEXT NOT NULL,
	member  TEXT NOT NULL,
	session TEXT NOT NULL REFERENCES session_juries (session) ON DELETE CASCADE,
	PRIMARY KEY (centre, member, session)
) STRICT, WITHOUT ROWID;
CREATE INDEX jury_invitations_by_session ON jury_invitations (session);

-- Fill it from the jury records already stored. A record without
-- invitations holds null, which json_each yields as one row of type null.
INSERT INTO jury_invitations (centre, member, session)
SELECT DISTINCT j.centre, i.value ->> '$.member', j.session
FROM session_juries AS j, json_each(j.doc, '$.invitations') AS i
WHERE i.type = 'object';
