package exam

import (
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// The package does not know sessions, candidates nor juries: the session
// service describes them to it with the plain values below, built from the
// aggregates that own them, once per command.

// Session is what the exam's rules need of the session.
type Session struct {
	ID   tpsession.SessionID
	Kind tpsession.SessionKind
	// Days are the session's days, first and last included.
	Days tpsession.DateRange
	// Remote is set for a session held remotely under the Ministry's
	// experiment, whose procès-verbal states each candidate's modality.
	Remote bool
	// Responsable names the responsable de session.
	Responsable string
}

// Candidate is what the exam's rules need of a candidate registered to the
// session (an active registration).
type Candidate struct {
	ID                  tpsession.CandidateID
	FirstName, LastName string
	// Training is set for a candidate of a training route (a training
	// course or an apprenticeship), whose ECF results the jury has before
	// it; unset for a VAE candidate.
	Training bool
	// Trainers are the e-mail addresses, in lower case, of those who
	// trained or coached the candidate.
	Trainers []string
	// Remote is set for a candidate sitting remotely.
	Remote bool
	// CCPs are the CCPs the jury decides on: those of the title's revision
	// for a session titre, those the candidate sits in a CCP session, none
	// for a CCS session; nil when the title register does not know the
	// title, and the jury then names them.
	CCPs []string
	// Panel holds the members of the candidate's panel, nil before the
	// jury assignment.
	Panel []tpsession.MemberID
	// Conflicted holds the members who may not evaluate the candidate
	// (found or declared conflicts of interest).
	Conflicted []tpsession.MemberID
}

// Name returns "First Last".
func (c Candidate) Name() string { return strings.TrimSpace(c.FirstName + " " + c.LastName) }

// Member is a member of the session's jury: one who accepted the
// invitation.
type Member struct {
	ID   tpsession.MemberID
	Name string
}

// Now is one command's time: the instant it runs at, the day it is in the
// centre's time zone, and that zone.
type Now struct {
	At    time.Time
	Today date.Date
	Loc   *time.Location
}

// clock returns the time of day of At in the centre's zone.
func (n Now) clock() tpsession.TimeOfDay {
	t := n.At.In(n.loc())
	return tpsession.TimeOfDay(t.Hour()*60 + t.Minute())
}

func (n Now) loc() *time.Location {
	if n.Loc == nil {
		return time.UTC
	}
	return n.Loc
}

// dayOf returns the day of t in the centre's zone.
func (n Now) dayOf(t time.Time) date.Date { return date.NewAt(t.In(n.loc())) }

// instantOf returns the instant of the time of day t on day in the
// centre's zone.
func (n Now) instantOf(day date.Date, t tpsession.TimeOfDay) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, int(t)/60, int(t)%60, 0, 0, n.loc())
}

// Facts are what a command of the exam reads besides the record: the
// session, its registered candidates, the members of its jury, the time
// and the centre's rules.
type Facts struct {
	Session    Session
	Candidates []Candidate
	Members    []Member
	Now        Now
	Rules      Rules
}

// candidate returns the registered candidate c.
func (f Facts) candidate(c tpsession.CandidateID) (Candidate, bool) {
	i := slices.IndexFunc(f.Candidates, func(x Candidate) bool { return x.ID == c })
	if i < 0 {
		return Candidate{}, false
	}
	return f.Candidates[i], true
}

// member returns the jury member m.
func (f Facts) member(m tpsession.MemberID) (Member, bool) {
	i := slices.IndexFunc(f.Members, func(x Member) bool { return x.ID == m })
	if i < 0 {
		return Member{}, false
	}
	return f.Members[i], true
}

// memberName names m for a message: by name when known.
func (f Facts) memberName(m tpsession.MemberID) string {
	if x, ok := f.member(m); ok && x.Name != "" {
		return x.Name
	}
	return string(m)
}

// candidateName names c for a message: by name when known.
func (f Facts) candidateName(c tpsession.CandidateID) string {
	if x, ok := f.candidate(c); ok && x.Name() != "" {
		return x.Name()
	}
	return string(c)
}

// checkDay refuses a day outside the session's, or after today.
func (f Facts) checkDay(field string, day date.Date) error {
	if !f.Session.Days.Contains(day) {
		return ErrOutsideSession.Withf("%s is not a day of the session, which runs from %s to %s", day, f.Session.Days.From, f.Session.Days.Until).
			WithFields(tpsession.FieldError{Field: field, Message: "is not a day of the session"})
	}
	if day > f.Now.Today {
		return ErrNotYet.Withf("%s is after today, %s: it is recorded on the day or after", day, f.Now.Today).
			WithFields(tpsession.FieldError{Field: field, Message: "is after today"})
	}
	return nil
}
