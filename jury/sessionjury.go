package jury

import (
	"context"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// SessionJury is the jury side of one session: the members invited, the
// conflicts of interest the centre declared, and the stored assignment of
// candidates to panels. It is the aggregate the session service loads and
// updates through SessionJuryStore.
type SessionJury struct {
	Centre  tpsession.CentreID
	Session tpsession.SessionID
	// Invitations holds one invitation per member ever invited, in the
	// order members were first invited. Inviting again a member who
	// declined or whose invitation was withdrawn replaces their invitation:
	// the earlier one stays in the session's event log.
	Invitations []Invitation
	// Conflicts are the declared conflicts, in the order declared.
	Conflicts []DeclaredConflict
	// Assignment is the last assignment of candidates to panels; its zero
	// value means none. A change that breaks it (withdrawing a member who
	// sits on a panel, declaring a conflict inside a panel) clears it, so a
	// stored assignment is never one the rules refuse.
	Assignment Assignment
}

// NewSessionJury returns the empty jury record of session s.
func NewSessionJury(s Session) SessionJury {
	return SessionJury{Centre: s.Centre, Session: s.ID}
}

// Invite invites member m to the session on today. It refuses, in this
// order: a member of another centre (ErrMemberNotFound), a member whose
// invitation is still active (ErrAlreadyInvited), an invitation after the
// session's last day (ErrSessionEnded; on the last day a member may still
// be invited to replace another), a member not habilitated on the
// session's title for every day of the session (ErrNotHabilitated) and a
// member unavailable on a day of the session (ErrMemberUnavailable). A
// member who declined or whose invitation was withdrawn may be invited
// again: the new invitation replaces the old one.
//
// It warns (WarnEmployerNotice), without refusing, when an employed member
// is invited fewer than the policy's employer notice days before the
// session: 15 days before is in time, 14 is not.
func (j *SessionJury) Invite(s Session, m Member, today date.Date, p Policy) (Invitation, []Warning, error) {
	if err := j.checkSession(s); err != nil {
		return Invitation{}, nil, err
	}
	if m.Centre != j.Centre {
		return Invitation{}, nil, ErrMemberNotFound.Withf("jury member %s does not exist", m.ID)
	}
	i := j.indexOf(m.ID)
	if i >= 0 && j.Invitations[i].Active() {
		inv := j.Invitations[i]
		return Invitation{}, nil, ErrAlreadyInvited.Withf("%s was invited on %s and the invitation is %s", m.Name, inv.InvitedOn, inv.Status())
	}
	if today > s.Dates.Until {
		return Invitation{}, nil, ErrSessionEnded.Withf("%s cannot be invited on %s: the session ran from %s until %s",
			m.Name, today, s.Dates.From, s.Dates.Until)
	}
	if err := m.checkHabilitation(s); err != nil {
		return Invitation{}, nil, err
	}
	if err := m.checkAvailability(s); err != nil {
		return Invitation{}, nil, err
	}
	inv := Invitation{Member: m.ID, InvitedOn: today}
	if i >= 0 {
		j.Invitations[i] = inv
	} else {
		j.Invitations = append(j.Invitations, inv)
	}
	return inv, employerNoticeWarning(s, m, today, p), nil
}

// Accept records the member's acceptance on today. An invitation is
// answered once: answering again is ErrAlreadyAnswered, answering a
// withdrawn one ErrInvitationWithdrawn.
func (j *SessionJury) Accept(member tpsession.MemberID, today date.Date) (Invitation, error) {
	return j.answer(member, Accepted, today)
}

// Decline records that the member declined on today, under the same rules
// as Accept.
func (j *SessionJury) Decline(member tpsession.MemberID, today date.Date) (Invitation, error) {
	return j.answer(member, Declined, today)
}

func (j *SessionJury) answer(member tpsession.MemberID, answer InvitationStatus, today date.Date) (Invitation, error) {
	inv, err := j.invitation(member, today)
	if err != nil {
		return Invitation{}, err
	}
	switch inv.Status() {
	case Withdrawn:
		return Invitation{}, ErrInvitationWithdrawn.Withf("the invitation of member %s was withdrawn on %s", member, inv.WithdrawnOn)
	case Accepted, Declined:
		return Invitation{}, ErrAlreadyAnswered.Withf("member %s already %s the invitation on %s", member, inv.Answer, inv.AnsweredOn)
	}
	inv.Answer, inv.AnsweredOn = answer, today
	return *inv, nil
}

// Withdraw records that the centre withdrew the member's invitation on
// today, whether or not the member had accepted it. Withdrawing a declined
// invitation is ErrAlreadyAnswered (there is nothing to withdraw), a
// withdrawn one ErrInvitationWithdrawn. Withdrawing a member who sits on a
// panel of the stored assignment clears the assignment; a reserve simply
// leaves the reserves.
func (j *SessionJury) Withdraw(member tpsession.MemberID, today date.Date) (Invitation, error) {
	inv, err := j.invitation(member, today)
	if err != nil {
		return Invitation{}, err
	}
	switch inv.Status() {
	case Withdrawn:
		return Invitation{}, ErrInvitationWithdrawn.Withf("the invitation of member %s was already withdrawn on %s", member, inv.WithdrawnOn)
	case Declined:
		return Invitation{}, ErrAlreadyAnswered.Withf("member %s declined the invitation on %s: there is nothing to withdraw", member, inv.AnsweredOn)
	}
	inv.WithdrawnOn = today
	j.Assignment.dropMember(member)
	return *inv, nil
}

// invitation returns the member's stored invitation, to be changed in
// place, and refuses a change dated before it.
func (j *SessionJury) invitation(member tpsession.MemberID, today date.Date) (*Invitation, error) {
	i := j.indexOf(member)
	if i < 0 {
		return nil, ErrInvitationNotFound.Withf("member %s is not invited to the session", member)
	}
	inv := &j.Invitations[i]
	if today < inv.InvitedOn {
		return nil, ErrInvalidAnswerDate.Withf("%s is before the invitation of member %s on %s", today, member, inv.InvitedOn)
	}
	return inv, nil
}

// AcceptedMembers returns the members who accepted and whose invitation
// was not withdrawn, in invitation order: the only members panels are
// formed from.
func (j SessionJury) AcceptedMembers() []tpsession.MemberID {
	var ids []tpsession.MemberID
	for _, inv := range j.Invitations {
		if inv.Status() == Accepted {
			ids = append(ids, inv.Member)
		}
	}
	return ids
}

func (j SessionJury) indexOf(member tpsession.MemberID) int {
	return slices.IndexFunc(j.Invitations, func(i Invitation) bool { return i.Member == member })
}

// DeclareConflict records a conflict of interest between a member and a
// candidate. A pair is declared once: declaring it again, whatever the
// reason, is ErrDuplicateConflict (the pair is already excluded; the note
// of the first declaration can say more). A conflict between a member and
// a candidate of the same panel clears the stored assignment.
//
// The session service checks that the member and the candidate exist; a
// conflict may be declared before the member is invited.
func (j *SessionJury) DeclareConflict(c DeclaredConflict) error {
	for _, d := range j.Conflicts {
		if d.Member == c.Member && d.Candidate == c.Candidate {
			return ErrDuplicateConflict.Withf("a conflict (%s) between member %s and candidate %s was already declared on %s",
				d.Reason, c.Member, c.Candidate, d.DeclaredOn)
		}
	}
	j.Conflicts = append(j.Conflicts, c)
	if p, ok := j.Assignment.PanelOf(c.Candidate); ok && slices.Contains(p.Members, c.Member) {
		j.Assignment = Assignment{}
	}
	return nil
}

// Assign forms the session's panels and assigns every candidate to one,
// as the package function Assign does, from the accepted members who are
// habilitated over the whole session and available on every day of it;
// the others are left out (Review tells the centre why), conflicts read
// under rules. members must hold
// the record of every accepted member; other members are ignored. On
// success the assignment is stored, dated today, replacing any earlier
// one; on failure the stored assignment is left as it was.
func (j *SessionJury) Assign(ctx context.Context, s Session, members []Member, candidates []Candidate, layout Layout, rules ConflictRules, today date.Date) (Assignment, error) {
	if err := j.checkSession(s); err != nil {
		return Assignment{}, err
	}
	byID := make(map[tpsession.MemberID]Member, len(members))
	for _, m := range members {
		byID[m.ID] = m
	}
	var sitting []Member
	for _, id := range j.AcceptedMembers() {
		m, ok := byID[id]
		if !ok {
			return Assignment{}, tpsession.ErrInternal.Withf("the record of accepted member %s was not provided", id)
		}
		if m.HabilitatedOver(s.Title, s.Dates) && len(m.UnavailableDays(s.Dates)) == 0 {
			sitting = append(sitting, m)
		}
	}
	a, err := Assign(ctx, sitting, candidates, j.Conflicts, layout, rules)
	if err != nil {
		return Assignment{}, err
	}
	a.AssignedOn = today
	j.Assignment = a
	return a.Clone(), nil
}

// Review tells the centre what changed since its members were invited: an
// invited or accepted member who has since recorded being unavailable on a
// day of the session, or whose habilitations no longer cover it (the
// session's dates moved). members are looked up by ID; an invited member
// missing from it is skipped.
func (j SessionJury) Review(s Session, members []Member) []Warning {
	var out []Warning
	for _, inv := range j.Invitations {
		i := slices.IndexFunc(members, func(m Member) bool { return m.ID == inv.Member })
		if !inv.Active() || i < 0 {
			continue
		}
		m := members[i]
		if err := m.checkHabilitation(s); err != nil {
			out = append(out, Warning{Code: WarnHabilitationNotCovering, Member: m.ID, Message: tpsession.MessageOf(err)})
		}
		if err := m.checkAvailability(s); err != nil {
			out = append(out, Warning{Code: WarnMemberUnavailable, Member: m.ID, Message: tpsession.MessageOf(err)})
		}
	}
	return out
}

func (j SessionJury) checkSession(s Session) error {
	if s.ID != j.Session || s.Centre != j.Centre {
		return tpsession.ErrInternal.Withf("session %s of centre %s was given for the jury of session %s of centre %s", s.ID, s.Centre, j.Session, j.Centre)
	}
	return nil
}

// Clone returns a deep copy of the session's jury record.
func (j SessionJury) Clone() SessionJury {
	j.Invitations = slices.Clone(j.Invitations)
	j.Conflicts = slices.Clone(j.Conflicts)
	j.Assignment = j.Assignment.Clone()
	return j
}
