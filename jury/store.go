package jury

import (
	"context"

	"github.com/tpsession/tpsession"
)

// MemberStore persists a centre's directory of jury members. Values go in,
// copies come out (Member.Clone): a caller never changes stored state
// through a returned value. A member of another centre is not found,
// exactly as if it did not exist.
type MemberStore interface {
	// CreateMember stores a new member. It returns ErrDuplicateMember when
	// the centre already has a member with that ID or that e-mail.
	CreateMember(ctx context.Context, m Member) error
	// Member returns the centre's member id, or ErrMemberNotFound.
	Member(ctx context.Context, centre tpsession.CentreID, id tpsession.MemberID) (Member, error)
	// MemberByEmail returns the centre's member whose e-mail is email
	// (compared after NormalizeEmail), or ErrMemberNotFound: it matches a
	// user of the jury role to their member record.
	MemberByEmail(ctx context.Context, centre tpsession.CentreID, email string) (Member, error)
	// UpdateMember loads the member, applies fn and saves the result
	// atomically; concurrent updates of one member never lose a write. fn's
	// error aborts the save and is returned unchanged. fn must not change
	// the ID or the centre. It returns ErrMemberNotFound, or
	// ErrDuplicateMember when fn gives the member the e-mail of another.
	UpdateMember(ctx context.Context, centre tpsession.CentreID, id tpsession.MemberID, fn func(*Member) error) error
	// Members returns the centre's members ordered by ID, which is creation
	// order.
	Members(ctx context.Context, centre tpsession.CentreID) ([]Member, error)
	// HabilitatedMembers returns the centre's members habilitated on title
	// for every day of period (Member.HabilitatedOver), ordered by ID: the
	// members a session on that title may invite.
	HabilitatedMembers(ctx context.Context, centre tpsession.CentreID, title tpsession.TitleCode, period tpsession.DateRange) ([]Member, error)
}

// SessionJuryStore persists the jury record of each session: its
// invitations, declared conflicts and assignment. Values go in, copies come
// out (SessionJury.Clone). A record of another centre is not found.
type SessionJuryStore interface {
	// CreateSessionJury stores the jury record of a session. It returns
	// ErrDuplicateSessionJury when the session already has one.
	CreateSessionJury(ctx context.Context, j SessionJury) error
	// SessionJury returns the jury record of the centre's session, or
	// ErrSessionJuryNotFound.
	SessionJury(ctx context.Context, centre tpsession.CentreID, session tpsession.SessionID) (SessionJury, error)
	// UpdateSessionJury loads the session's jury record, applies fn and
	// saves the result atomically; concurrent updates of one record never
	// lose a write. fn's error aborts the save and is returned unchanged.
	// fn must not change the centre or the session. It returns
	// ErrSessionJuryNotFound.
	UpdateSessionJury(ctx context.Context, centre tpsession.CentreID, session tpsession.SessionID, fn func(*SessionJury) error) error
	// SessionJuriesOfMember returns the jury records of the centre's
	// sessions that hold an invitation of the member, whatever its status,
	// ordered by session ID: the sessions a user of the jury role may read.
	SessionJuriesOfMember(ctx context.Context, centre tpsession.CentreID, member tpsession.MemberID) ([]SessionJury, error)
}
