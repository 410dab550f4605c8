package sqlite

// InvitationIndexDrift counts the invitations the jury records hold that
// jury_invitations lacks, and the rows of jury_invitations that no record
// holds: both are 0 when the index is in step with the records.
const InvitationIndexDrift = `WITH recorded AS (
		SELECT DISTINCT j.centre, i.value ->> '$.member' AS member, j.session
		FROM session_juries AS j, json_each(j.doc, '$.invitations') AS i WHERE i.type = 'object'
	)
	SELECT
		(SELECT count(*) FROM (SELECT * FROM recorded EXCEPT SELECT centre, member, session FROM jury_invitations)),
		(SELECT count(*) FROM (SELECT centre, member, session FROM jury_invitations EXCEPT SELECT * FROM recorded))`
