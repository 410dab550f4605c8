package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"github.com/tpsession/tpsession/adapters/internal/records"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

func memberTable() *table[jury.Member] {
	return newTable(records.Members, "members", "id", []string{"email"}, func(m jury.Member) []any { return []any{m.Email} })
}

// emailTaken refuses m when another member of its centre has its e-mail,
// with a message naming it. The unique index on (centre, email) would
// refuse the write anyway; this check only says why.
func emailTaken(ctx context.Context, q querier, m jury.Member) error {
	var id string
	err := queryRow(ctx, q, "SELECT id FROM members WHERE centre = ? AND email = ? AND id <> ? LIMIT 1",
		[]any{string(m.Centre), m.Email, string(m.ID)}, &id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return failure(err, nil)
	}
	return jury.ErrDuplicateMember.Withf("the centre already has a jury member with the e-mail %s", m.Email)
}

// CreateMember stores a new member; ErrDuplicateMember when its ID is
// taken or the centre has a member with its e-mail.
func (db *DB) CreateMember(ctx context.Context, m jury.Member) error {
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		if err := emailTaken(ctx, q, m); err != nil {
			return err
		}
		return db.members.insert(ctx, db, m)
	})
}

// Member returns the centre's member id, or ErrMemberNotFound.
func (db *DB) Member(ctx context.Context, centre tpsession.CentreID, id tpsession.MemberID) (jury.Member, error) {
	return db.members.get(ctx, db, centre, string(id))
}

// MemberByEmail returns the centre's member with the e-mail, compared
// after jury.NormalizeEmail, or ErrMemberNotFound.
func (db *DB) MemberByEmail(ctx context.Context, centre tpsession.CentreID, email string) (jury.Member, error) {
	email, err := jury.NormalizeEmail(email)
	if err != nil {
		return jury.Member{}, jury.ErrMemberNotFound
	}
	r, err := db.members.one(ctx, db.reader(ctx), centre, "email = ?", "", email)
	return r.v, err
}

// UpdateMember loads the member, applies fn and saves the result in one
// transaction; ErrDuplicateMember when fn gave it another member's e-mail.
func (db *DB) UpdateMember(ctx context.Context, centre tpsession.CentreID, id tpsession.MemberID, fn func(*jury.Member) error) error {
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		return db.members.update(ctx, db, centre, string(id), func(m *jury.Member) error {
			if err := fn(m); err != nil {
				return err
			}
			return emailTaken(ctx, q, *m)
		})
	})
}

// Members returns the centre's members by ID.
func (db *DB) Members(ctx context.Context, centre tpsession.CentreID) ([]jury.Member, error) {
	return db.members.list(ctx, db, "SELECT doc FROM members WHERE centre = ? ORDER BY id", string(centre))
}

// HabilitatedMembers returns the centre's members habilitated on the title
// for every day of the period, by ID; jury.Member.HabilitatedOver decides.
func (db *DB) HabilitatedMembers(ctx context.Context, centre tpsession.CentreID, title tpsession.TitleCode, period tpsession.DateRange) ([]jury.Member, error) {
	all, err := db.Members(ctx, centre)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, m := range all {
		if m.HabilitatedOver(title, period) {
			out = append(out, m)
		}
	}
	return out, nil
}

func sessionJuryTable() *table[jury.SessionJury] {
	t := newTable(records.SessionJuries, "session_juries", "session", nil, nil)
	t.written = writeInvitations
	return t
}

// writeInvitations keeps jury_invitations, the index of the members each
// session invites, in step with the session's jury record: it adds the
// members j invites that old did not, and removes those it no longer
// does. Most updates (an answer, a conflict, an assignment) change neither.
func writeInvitations(ctx context.Context, q querier, old *jury.SessionJury, j jury.SessionJury) error {
	added, removed := records.InvitationChanges(old, j)
	for _, m := range added {
		if _, err := q.exec(ctx, "INSERT INTO jury_invitations (centre, member, session) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			string(j.Centre), string(m), string(j.Session)); err != nil {
			return failure(err, nil)
		}
	}
	for _, m := range removed {
		if _, err := q.exec(ctx, "DELETE FROM jury_invitations WHERE session = ? AND member = ?", string(j.Session), string(m)); err != nil {
			return failure(err, nil)
		}
	}
	return nil
}

// CreateSessionJury stores the jury record of a session;
// ErrDuplicateSessionJury when the session has one.
func (db *DB) CreateSessionJury(ctx context.Context, j jury.SessionJury) error {
	return db.juries.insert(ctx, db, j)
}

// SessionJury returns the jury record of the centre's session, or
// ErrSessionJuryNotFound.
func (db *DB) SessionJury(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (jury.SessionJury, error) {
	return db.juries.get(ctx, db, centre, string(sid))
}

// UpdateSessionJury loads the session's jury record, applies fn and saves
// the result in one transaction.
func (db *DB) UpdateSessionJury(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*jury.SessionJury) error) error {
	return db.juries.update(ctx, db, centre, string(sid), fn)
}

// SessionJuriesOfMember returns the jury records of the centre's sessions
// that invite the member, whatever the invitation's status, by session ID.
func (db *DB) SessionJuriesOfMember(ctx context.Context, centre tpsession.CentreID, mid tpsession.MemberID) ([]jury.SessionJury, error) {
	return db.juries.list(ctx, db, `SELECT j.doc FROM jury_invitations AS i JOIN session_juries AS j ON j.session = i.session
		WHERE i.centre = ? AND i.member = ? ORDER BY i.session`, string(centre), string(mid))
}
