package exam

import (
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// AttendanceStatus is whether a candidate sat a sitting.
type AttendanceStatus string

// The attendance statuses.
const (
	// Present: arrived on time, identity checked.
	Present AttendanceStatus = "present"
	// Absent: did not come.
	Absent AttendanceStatus = "absent"
	// LateAdmitted: arrived after the start and admitted by the
	// responsable de session, with the time left until the unchanged end.
	LateAdmitted AttendanceStatus = "late_admitted"
	// LateRefused: arrived after the start and refused by the responsable
	// de session; the candidate did not sit.
	LateRefused AttendanceStatus = "late_refused"
)

// Sat reports whether the candidate sat the sitting: present, or late and
// admitted.
func (s AttendanceStatus) Sat() bool { return s == Present || s == LateAdmitted }

// Attendance is a candidate's attendance at one sitting.
type Attendance struct {
	Sitting   string
	Candidate tpsession.CandidateID
	Status    AttendanceStatus
	// Identity says who checked the candidate's identity, and when; nil
	// for a candidate who did not come.
	Identity *IdentityCheck
	// Arrived is the candidate's time of arrival; zero when absent.
	Arrived tpsession.TimeOfDay
	// Late is the responsable de session's decision on a late arrival; nil
	// for a candidate on time or absent.
	Late *LateDecision
	// SignedAt is when the candidate signed the sheet; zero while not.
	SignedAt   time.Time
	Note       string
	RecordedBy string
	RecordedAt time.Time
}

// IdentityCheck is who checked a candidate's identity, and when.
type IdentityCheck struct {
	By string
	At time.Time
	// Sitting names the earlier sitting of the day whose check covers
	// this one, under CheckEachDay; empty when checked at this sitting.
	Sitting string
}

// LateDecision is the responsable de session's decision on a candidate
// arriving after the start of a sitting. The sitting's end does not move:
// an admitted candidate has MinutesLeft to work.
type LateDecision struct {
	Admitted bool
	// DecidedBy is the responsable de session, who decides
	// (docs/rules.md#late-arrival); the attendance's RecordedBy is who
	// recorded it.
	DecidedBy string
	At        time.Time
	// MinutesLate is the arrival minus the scheduled start; MinutesLeft
	// the scheduled end minus the arrival, the working time the candidate
	// had when admitted.
	MinutesLate, MinutesLeft int
}

func (a Attendance) clone() Attendance {
	a.Identity = clonePtr(a.Identity)
	a.Late = clonePtr(a.Late)
	return a
}

// AttendanceInput is the outside form of an attendance: {status,
// identity_checked_by, identity_checked_at, arrived_at, late_decision,
// signed_at, note}; status "present" or "absent", instants in RFC 3339,
// arrived_at HH:MM, late_decision "admitted" or "refused".
type AttendanceInput struct {
	Status            string
	IdentityCheckedBy string
	IdentityCheckedAt string
	ArrivedAt         string
	LateDecision      string
	SignedAt          string
	Note              string
}

// The late decisions of AttendanceInput.LateDecision.
const (
	Admitted = "admitted"
	Refused  = "refused"
)

// RecordAttendance records candidate c's attendance at the sitting key,
// by the centre's staff member by, or replaces it before the procès-verbal
// closes. The rules (docs/rules.md#identity-check,
// docs/rules.md#late-arrival):
//
//   - a sitting is recorded on its day or after, an arrival not after now;
//   - a present candidate's identity was checked on the sitting's day, not
//     after its end, at that sitting or (CheckEachDay) at an earlier one of
//     the day (ErrIdentityNotChecked);
//   - a candidate arriving after the start is admitted or refused by the
//     responsable de session, recorded present that day
//     (ErrResponsableAbsent); the end does not move, so one arriving at the
//     end or later cannot be admitted (ErrNoTimeLeft), and the time left
//     is recorded.
func (r *Record) RecordAttendance(f Facts, by, key string, c tpsession.CandidateID, in AttendanceInput) (Attendance, error) {
	var fe tpsession.FieldErrors
	a := Attendance{Sitting: key, Candidate: c, RecordedBy: by, RecordedAt: f.Now.At, Note: fe.Note("note", in.Note, maxNoteLen)}
	checkedBy := fe.Text("identity_checked_by", in.IdentityCheckedBy, maxNameLen, false)
	checkedAt := instantField(&fe, "identity_checked_at", in.IdentityCheckedAt, false)
	pastInstant(&fe, "identity_checked_at", checkedAt, f.Now)
	a.SignedAt = instantField(&fe, "signed_at", in.SignedAt, false)
	pastInstant(&fe, "signed_at", a.SignedAt, f.Now)
	arrived, hasArrival := clockField(&fe, "arrived_at", in.ArrivedAt, false)
	switch AttendanceStatus(in.Status) {
	case Present:
		a.Status = Present
		if !hasArrival && in.ArrivedAt == "" {
			fe.Add("arrived_at", "is required for a candidate present")
		}
		if checkedBy == "" && !checkedAt.IsZero() {
			fe.Add("identity_checked_by", "is required with identity_checked_at")
		}
		if checkedBy != "" && checkedAt.IsZero() && in.IdentityCheckedAt == "" {
			fe.Add("identity_checked_at", "is required with identity_checked_by")
		}
		switch in.LateDecision {
		case "", Admitted, Refused:
		default:
			fe.Add("late_decision", "must be %q or %q, got %q", Admitted, Refused, tpsession.Truncate(in.LateDecision, 40))
		}
	case Absent:
		a.Status = Absent
		for field, v := range map[string]string{"identity_checked_by": in.IdentityCheckedBy, "identity_checked_at": in.IdentityCheckedAt,
			"arrived_at": in.ArrivedAt, "late_decision": in.LateDecision, "signed_at": in.SignedAt} {
			if strings.TrimSpace(v) != "" {
				fe.Add(field, "is only for a candidate present: this one is absent")
			}
		}
	case "":
		fe.Add("status", "is required")
	default:
		fe.Add("status", "must be %q or %q, got %q", Present, Absent, tpsession.Truncate(in.Status, 40))
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Attendance{}, err
	}
	s, err := r.Sitting(key)
	if err != nil {
		return Attendance{}, err
	}
	if !slices.Contains(s.Candidates, c) {
		return Attendance{}, ErrNotInSitting.Withf("%s does not sit %q", f.candidateName(c), key)
	}
	if err := r.checkOpen("its attendance"); err != nil {
		return Attendance{}, err
	}
	if s.Day > f.Now.Today {
		return Attendance{}, ErrNotYet.Withf("sitting %q is on %s, after today (%s): its attendance is recorded on the day", key, s.Day, f.Now.Today)
	}
	if a.Status == Absent {
		return r.putAttendance(a), nil
	}
	if s.Day == f.Now.Today && arrived > f.Now.clock() {
		return Attendance{}, ErrNotYet.Withf("the arrival at %s is later than now, %s", arrived, f.Now.clock()).
			WithFields(tpsession.FieldError{Field: "arrived_at", Message: "is later than now"})
	}
	a.Arrived = arrived
	if err := r.decideLate(f, s, &a, in.LateDecision); err != nil {
		return Attendance{}, err
	}
	// A candidate refused at the door sits nothing: their identity is
	// recorded when it was checked, not required.
	if a.Status != LateRefused || checkedBy != "" {
		if err := r.checkIdentity(f, s, &a, checkedBy, checkedAt); err != nil {
			return Attendance{}, err
		}
	}
	if !a.SignedAt.IsZero() && a.Status == LateRefused {
		return Attendance{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "signed_at", Message: "a candidate refused did not sit: nothing to sign"}).
			Withf("a candidate refused did not sit: nothing to sign")
	}
	if !a.SignedAt.IsZero() && f.Now.dayOf(a.SignedAt) != s.Day {
		return Attendance{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "signed_at", Message: "is not on the sitting's day, " + s.Day.String()}).
			Withf("the sheet of sitting %q is signed on its day, %s", key, s.Day)
	}
	return r.putAttendance(a), nil
}

func (r *Record) putAttendance(a Attendance) Attendance {
	if i := r.attendanceIndex(a.Sitting, a.Candidate); i >= 0 {
		r.Attendance[i] = a
	} else {
		r.Attendance = append(r.Attendance, a)
	}
	return a.clone()
}

// checkIdentity records who checked the present candidate's identity, or
// refuses a candidate whose identity was not checked.
func (r Record) checkIdentity(f Facts, s Sitting, a *Attendance, by string, at time.Time) error {
	if by != "" {
		end := f.Now.instantOf(s.Day, s.End)
		if f.Now.dayOf(at) != s.Day || at.After(end) {
			return ErrIdentityNotChecked.Withf("the identity of %s is checked before the épreuve: %s is not on %s before the end of %q at %s",
				f.candidateName(a.Candidate), at.In(f.Now.loc()).Format(time.RFC3339), s.Day, s.Key, s.End).
				WithFields(tpsession.FieldError{Field: "identity_checked_at", Message: "is not on the sitting's day before its end"})
		}
		a.Identity = &IdentityCheck{By: by, At: at}
		return nil
	}
	if f.Rules.identityCheck() == CheckEachDay {
		for _, o := range r.SittingsOf(a.Candidate) {
			if o.Day != s.Day || o.Start >= s.Start {
				continue
			}
			if prev, ok := r.AttendanceOf(o.Key, a.Candidate); ok && prev.Identity != nil {
				a.Identity = &IdentityCheck{By: prev.Identity.By, At: prev.Identity.At, Sitting: o.Key}
				return nil
			}
		}
		return ErrIdentityNotChecked.Withf("the identity of %s was not checked earlier on %s: check it before %q", f.candidateName(a.Candidate), s.Day, s.Key).
			WithFields(tpsession.FieldError{Field: "identity_checked_by", Message: "is required: no earlier check that day"})
	}
	return ErrIdentityNotChecked.Withf("the identity of %s is checked before each épreuve: say who checked it before %q, and when", f.candidateName(a.Candidate), s.Key).
		WithFields(tpsession.FieldError{Field: "identity_checked_by", Message: "is required for a candidate present"})
}

// decideLate records the responsable's decision on a late arrival, or
// refuses one on an arrival on time.
func (r Record) decideLate(f Facts, s Sitting, a *Attendance, decision string) error {
	if a.Arrived <= s.Start {
		if decision != "" {
			return ErrInvalidInput.WithFields(tpsession.FieldError{Field: "late_decision", Message: "the candidate arrived on time"}).
				Withf("%s arrived at %s, on time for %s: there is no late arrival to decide", f.candidateName(a.Candidate), a.Arrived, s.Start)
		}
		a.Status = Present
		return nil
	}
	if decision == "" {
		return ErrInvalidInput.WithFields(tpsession.FieldError{Field: "late_decision", Message: "is required: the candidate arrived after the start"}).
			Withf("%s arrived at %s, after the start at %s: the responsable de session admits or refuses them", f.candidateName(a.Candidate), a.Arrived, s.Start)
	}
	p, ok := r.ResponsablePresence(s.Day)
	if !ok || !p.Present {
		return ErrResponsableAbsent.Withf("the responsable de session, %s, decides on a late arrival, and is not recorded present on %s", f.Session.Responsable, s.Day)
	}
	late := &LateDecision{Admitted: decision == Admitted, DecidedBy: f.Session.Responsable, At: f.Now.At, MinutesLate: int(a.Arrived - s.Start)}
	if late.Admitted {
		if a.Arrived >= s.End {
			return ErrNoTimeLeft.Withf("%q ends at %s and its end does not move: %s, arriving at %s, has no time left", s.Key, s.End, f.candidateName(a.Candidate), a.Arrived)
		}
		late.MinutesLeft = int(s.End - a.Arrived)
		a.Status = LateAdmitted
	} else {
		a.Status = LateRefused
	}
	a.Late = late
	return nil
}

// Presence is someone's presence on a day of the session: a jury member's,
// or the responsable de session's.
type Presence struct {
	// Member is the jury member; empty for the responsable de session.
	Member  tpsession.MemberID
	Name    string
	Day     date.Date
	Present bool
	// Arrived and Left are the times of arrival and departure; Left is
	// zero while not recorded.
	Arrived, Left tpsession.TimeOfDay
	// SignedAt is when they signed the day's sheet; zero while not.
	SignedAt   time.Time
	RecordedBy string
	RecordedAt time.Time
}

// PresenceInput is the outside form of a presence: {status, arrived_at,
// left_at, signed_at}; status "present" or "absent".
type PresenceInput struct {
	Status    string
	ArrivedAt string
	LeftAt    string
	SignedAt  string
}

// RecordPresence records the presence of jury member m on day, or with an
// empty m the responsable de session's, or replaces it before the
// procès-verbal closes. The member must have accepted the invitation
// (ErrNotJuryMember); the day is one of the session's, not after today; a
// departure comes after the arrival, neither after now. One whose presence
// a decision of that day relies on — a member who deliberated, the
// responsable who decided on a late arrival — may not be recorded absent
// then (ErrPresenceRelied).
func (r *Record) RecordPresence(f Facts, by string, m tpsession.MemberID, day date.Date, in PresenceInput) (Presence, error) {
	var fe tpsession.FieldErrors
	p := Presence{Member: m, Day: day, RecordedBy: by, RecordedAt: f.Now.At}
	arrived, hasArrival := clockField(&fe, "arrived_at", in.ArrivedAt, false)
	left, hasLeft := clockField(&fe, "left_at", in.LeftAt, false)
	p.SignedAt = instantField(&fe, "signed_at", in.SignedAt, false)
	pastInstant(&fe, "signed_at", p.SignedAt, f.Now)
	switch in.Status {
	case "present":
		p.Present = true
		if !hasArrival && in.ArrivedAt == "" {
			fe.Add("arrived_at", "is required for someone present")
		}
		if hasArrival && hasLeft && left <= arrived {
			fe.Add("left_at", "%s is not after the arrival, %s", left, arrived)
		}
		p.Arrived, p.Left = arrived, left
	case "absent":
		for field, v := range map[string]string{"arrived_at": in.ArrivedAt, "left_at": in.LeftAt, "signed_at": in.SignedAt} {
			if v != "" {
				fe.Add(field, "is only for someone present")
			}
		}
	case "":
		fe.Add("status", "is required")
	default:
		fe.Add("status", "must be %q or %q, got %q", "present", "absent", tpsession.Truncate(in.Status, 40))
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Presence{}, err
	}
	if m != "" {
		member, ok := f.member(m)
		if !ok {
			return Presence{}, ErrNotJuryMember.Withf("member %s did not accept to sit on the session's jury", m)
		}
		p.Name = member.Name
	} else {
		p.Name = f.Session.Responsable
	}
	if err := r.checkOpen("the presence of the jury and of the responsable"); err != nil {
		return Presence{}, err
	}
	if err := f.checkDay("day", day); err != nil {
		return Presence{}, err
	}
	if day == f.Now.Today && (p.Arrived > f.Now.clock() || p.Left > f.Now.clock()) {
		return Presence{}, ErrNotYet.Withf("the times %s–%s are later than now, %s", p.Arrived, p.Left, f.Now.clock())
	}
	if !p.SignedAt.IsZero() && f.Now.dayOf(p.SignedAt) != day {
		return Presence{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "signed_at", Message: "is not on " + day.String()}).
			Withf("the sheet of %s is signed that day", day)
	}
	if !p.Present {
		if err := r.checkNotRelied(f, m, day); err != nil {
			return Presence{}, err
		}
	}
	list := &r.Jury
	if m == "" {
		list = &r.Responsable
	}
	if i := slices.IndexFunc(*list, func(x Presence) bool { return x.Member == m && x.Day == day }); i >= 0 {
		(*list)[i] = p
	} else {
		*list = append(*list, p)
	}
	return p, nil
}

// checkNotRelied refuses to record absent one whose presence on day a
// decision relies on.
func (r Record) checkNotRelied(f Facts, m tpsession.MemberID, day date.Date) error {
	if m == "" {
		for _, a := range r.Attendance {
			if a.Late == nil {
				continue
			}
			if s, err := r.Sitting(a.Sitting); err == nil && s.Day == day {
				return ErrPresenceRelied.Withf("the responsable de session decided on the late arrival of %s at %q on %s: they were present", f.candidateName(a.Candidate), s.Key, day)
			}
		}
		return nil
	}
	for _, d := range r.Decisions {
		if d.Day == day && slices.Contains(d.Deliberators, m) {
			return ErrPresenceRelied.Withf("%s deliberated on %s on %s: record the decision again without them first", f.memberName(m), f.candidateName(d.Candidate), day)
		}
	}
	return nil
}

// present reports whether member m is recorded present on day.
func (r Record) present(m tpsession.MemberID, day date.Date) bool {
	p, ok := r.MemberPresence(m, day)
	return ok && p.Present
}
