package jury

import (
	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// InvitationStatus is where an invitation stands. It is derived from the
// invitation's recorded facts.
type InvitationStatus string

// The statuses of an invitation: invited, then accepted or declined by the
// member, or withdrawn by the centre.
const (
	Invited   InvitationStatus = "invited"
	Accepted  InvitationStatus = "accepted"
	Declined  InvitationStatus = "declined"
	Withdrawn InvitationStatus = "withdrawn"
)

// Invitation is a centre's invitation of a member to sit on a session's
// jury. Dates not yet recorded are date.Zero.
type Invitation struct {
	Member    tpsession.MemberID
	InvitedOn date.Date
	// Answer is Accepted or Declined once the member answered, empty before.
	Answer     InvitationStatus
	AnsweredOn date.Date
	// WithdrawnOn is the day the centre withdrew the invitation, before or
	// after the member's answer.
	WithdrawnOn date.Date
}

// Status derives the invitation's status: withdrawn once withdrawn,
// otherwise the member's answer, otherwise invited.
func (i Invitation) Status() InvitationStatus {
	switch {
	case i.WithdrawnOn != date.Zero:
		return Withdrawn
	case i.Answer != "":
		return i.Answer
	default:
		return Invited
	}
}

// Active reports whether the invitation still stands: invited or accepted.
// An inactive one (declined, withdrawn) may be replaced by a new invitation.
func (i Invitation) Active() bool {
	s := i.Status()
	return s == Invited || s == Accepted
}
