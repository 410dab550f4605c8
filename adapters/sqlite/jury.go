package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

// memberRecord is the stored form of a jury.Member.
type memberRecord struct {
	ID            string               `json:"id"`
	Centre        string               `json:"centre"`
	Name          string               `json:"name"`
	Email         string               `json:"email"`
	Employer      string               `json:"employer,omitempty"`
	Habilitations []habilitationRecord `json:"habilitations"`
	Unavailable   []rangeRecord        `json:"unavailable"`
}

type habilitationRecord struct {
	Title string      `json:"title"`
	Valid rangeRecord `json:"valid"`
}

func toMemberRecord(m jury.Member) memberRecord {
	return memberRecord{
		ID: string(m.ID), Centre: string(m.Centre), Name: m.Name, Email: m.Email, Employer: string(m.Employer),
		Habilitations: each(m.Habilitations, func(h jury.Habilitation) habilitationRecord {
			return habilitationRecord{Title: string(h.Title), Valid: toRange(h.Valid)}
		}),
		Unavailable: each(m.Unavailable, toRange),
	}
}

func fromMemberRecord(d *decoder, r memberRecord) jury.Member {
	return jury.Member{
		ID: tpsession.MemberID(r.ID), Centre: tpsession.CentreID(r.Centre), Name: r.Name, Email: r.Email,
		Employer: tpsession.SIRET(r.Employer),
		Habilitations: each(r.Habilitations, func(h habilitationRecord) jury.Habilitation {
			return jury.Habilitation{Title: tpsession.TitleCode(h.Title), Valid: d.dateRange(h.Valid)}
		}),
		Unavailable: each(r.Unavailable, d.dateRange),
	}
}

func memberTable() *table[jury.Member] {
	t := &table[jury.Member]{
		name: "members", keyCol: "id",
		key:      func(m jury.Member) string { return string(m.ID) },
		centre:   func(m jury.Member) tpsession.CentreID { return m.Centre },
		cols:     []string{"email"},
		vals:     func(m jury.Member) []any { return []any{m.Email} },
		clone:    jury.Member.Clone,
		notFound: jury.ErrMemberNotFound, duplicate: jury.ErrDuplicateMember,
	}
	t.encode, t.decode = codec(toMemberRecord, fromMemberRecord)
	return t.build()
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

// sessionJuryRecord is the stored form of a jury.SessionJury.
type sessionJuryRecord struct {
	Centre      string             `json:"centre"`
	Session     string             `json:"session"`
	Invitations []invitationRecord `json:"invitations"`
	Conflicts   []conflictRecord   `json:"conflicts"`
	Assignment  assignmentRecord   `json:"assignment"`
}

type invitationRecord struct {
	Member      string `json:"member"`
	InvitedOn   string `json:"invited_on"`
	Answer      string `json:"answer,omitempty"`
	AnsweredOn  string `json:"answered_on,omitempty"`
	WithdrawnOn string `json:"withdrawn_on,omitempty"`
}

type conflictRecord struct {
	Member     string `json:"member"`
	Candidate  string `json:"candidate"`
	Reason     string `json:"reason"`
	Note       string `json:"note,omitempty"`
	DeclaredOn string `json:"declared_on"`
}

type assignmentRecord struct {
	Panels     []panelRecord `json:"panels"`
	Reserves   []string      `json:"reserves"`
	AssignedOn string        `json:"assigned_on,omitempty"`
}

type panelRecord struct {
	Jury       int      `json:"jury"`
	Members    []string `json:"members"`
	Candidates []string `json:"candidates"`
}

func toSessionJuryRecord(j jury.SessionJury) sessionJuryRecord {
	return sessionJuryRecord{
		Centre: string(j.Centre), Session: string(j.Session),
		Invitations: each(j.Invitations, func(i jury.Invitation) invitationRecord {
			return invitationRecord{
				Member: string(i.Member), InvitedOn: day(i.InvitedOn), Answer: string(i.Answer),
				AnsweredOn: day(i.AnsweredOn), WithdrawnOn: day(i.WithdrawnOn),
			}
		}),
		Conflicts: each(j.Conflicts, func(c jury.DeclaredConflict) conflictRecord {
			return conflictRecord{
				Member: string(c.Member), Candidate: string(c.Candidate), Reason: string(c.Reason),
				Note: c.Note, DeclaredOn: day(c.DeclaredOn),
			}
		}),
		Assignment: assignmentRecord{
			Panels: each(j.Assignment.Panels, func(p jury.Panel) panelRecord {
				return panelRecord{Jury: p.Jury, Members: strs(p.Members), Candidates: strs(p.Candidates)}
			}),
			Reserves:   strs(j.Assignment.Reserves),
			AssignedOn: day(j.Assignment.AssignedOn),
		},
	}
}

func fromSessionJuryRecord(d *decoder, r sessionJuryRecord) jury.SessionJury {
	return jury.SessionJury{
		Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session),
		Invitations: each(r.Invitations, func(i invitationRecord) jury.Invitation {
			return jury.Invitation{
				Member: tpsession.MemberID(i.Member), InvitedOn: d.day(i.InvitedOn), Answer: jury.InvitationStatus(i.Answer),
				AnsweredOn: d.day(i.AnsweredOn), WithdrawnOn: d.day(i.WithdrawnOn),
			}
		}),
		Conflicts: each(r.Conflicts, func(c conflictRecord) jury.DeclaredConflict {
			return jury.DeclaredConflict{
				Member: tpsession.MemberID(c.Member), Candidate: tpsession.CandidateID(c.Candidate),
				Reason: jury.ConflictReason(c.Reason), Note: c.Note, DeclaredOn: d.day(c.DeclaredOn),
			}
		}),
		Assignment: jury.Assignment{
			Panels: each(r.Assignment.Panels, func(p panelRecord) jury.Panel {
				return jury.Panel{Jury: p.Jury, Members: typed[tpsession.MemberID](p.Members), Candidates: typed[tpsession.CandidateID](p.Candidates)}
			}),
			Reserves:   typed[tpsession.MemberID](r.Assignment.Reserves),
			AssignedOn: d.day(r.Assignment.AssignedOn),
		},
	}
}

func sessionJuryTable() *table[jury.SessionJury] {
	t := &table[jury.SessionJury]{
		name: "session_juries", keyCol: "session",
		key:      func(j jury.SessionJury) string { return string(j.Session) },
		centre:   func(j jury.SessionJury) tpsession.CentreID { return j.Centre },
		vals:     func(jury.SessionJury) []any { return nil },
		clone:    jury.SessionJury.Clone,
		notFound: jury.ErrSessionJuryNotFound, duplicate: jury.ErrDuplicateSessionJury,
		written: writeInvitations,
	}
	t.encode, t.decode = codec(toSessionJuryRecord, fromSessionJuryRecord)
	return t.build()
}

// writeInvitations keeps jury_invitations, the index of the members each
// session invites, in step with the session's jury record: it adds the
// members j invites that old did not, and removes those it no longer
// does. Most updates (an answer, a conflict, an assignment) change neither.
func writeInvitations(ctx context.Context, q querier, old *jury.SessionJury, j jury.SessionJury) error {
	before := map[tpsession.MemberID]bool{}
	if old != nil {
		for _, i := range old.Invitations {
			before[i.Member] = true
		}
	}
	after := map[tpsession.MemberID]bool{}
	for _, i := range j.Invitations {
		after[i.Member] = true
		if before[i.Member] {
			continue
		}
		_, err := q.exec(ctx, "INSERT INTO jury_invitations (centre, member, session) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			string(j.Centre), string(i.Member), string(j.Session))
		if err != nil {
			return failure(err, nil)
		}
	}
	for m := range before {
		if after[m] {
			continue
		}
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
