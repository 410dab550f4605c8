package session

import (
	"cmp"
	"context"
	"slices"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

// InvitedSession is a session of the centre to which a jury member holds an
// invitation, with that invitation.
type InvitedSession struct {
	Session    Session
	Invitation jury.Invitation
}

// SessionsOfMember returns the sessions of the actor's centre to which the
// member holds an invitation, whatever its status, that match f, by start
// date then ID: what a user of the jury role may be shown. The caller
// decides which invitation statuses give access.
func (s *Service) SessionsOfMember(ctx context.Context, by Actor, mid tpsession.MemberID, f Filter) ([]InvitedSession, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	juries, err := s.st.Juries.SessionJuriesOfMember(ctx, by.Centre, mid)
	if err != nil {
		return nil, err
	}
	out := make([]InvitedSession, 0, len(juries))
	for _, j := range juries {
		i := slices.IndexFunc(j.Invitations, func(inv jury.Invitation) bool { return inv.Member == mid })
		if i < 0 {
			return nil, tpsession.ErrInternal.Withf("the jury record of session %s was listed for member %s, who is not invited to it", j.Session, mid)
		}
		ses, err := s.st.Sessions.Session(ctx, by.Centre, j.Session)
		if err != nil {
			return nil, err
		}
		if f.Match(ses) {
			out = append(out, InvitedSession{Session: ses, Invitation: j.Invitations[i]})
		}
	}
	slices.SortFunc(out, func(a, b InvitedSession) int {
		return cmp.Or(cmp.Compare(a.Session.Start, b.Session.Start), cmp.Compare(a.Session.ID, b.Session.ID))
	})
	return out, nil
}
