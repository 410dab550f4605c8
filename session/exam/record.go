package exam

import (
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Record is what happens to a session from its opening on: the sittings of
// its épreuves with who watched them, each candidate's attendance, the
// jury's and the responsable's presence per day, the sheets signed, the
// incidents, the PV de constatation of a jury without quorum, the jury's
// decisions and their signatures, the amendments after the procès-verbal
// closed, and what followed it: sent to the administration, validated,
// the parchemins and livrets issued. It is one aggregate per session,
// which the session service loads and updates through Store.
//
// Nothing is ever erased from it. Before the procès-verbal closes, a fact
// recorded again replaces the one before (the session's event log keeps
// both); once it closes, its decisions, signatures, attendance and
// incidents are final, and a correction of a decision is an Amendment.
type Record struct {
	Centre  tpsession.CentreID
	Session tpsession.SessionID

	Sittings   []Sitting
	Attendance []Attendance
	// Jury is the jury members' presence, one entry per member and day.
	Jury []Presence
	// Responsable is the responsable de session's presence, one entry per
	// day.
	Responsable []Presence
	// Sheets are the signatures at the foot of the attendance sheets.
	Sheets        []SheetSignature
	Incidents     []Incident
	Statements    []ModalityStatement
	Constatations []Constatation
	Decisions     []Decision
	Amendments    []Amendment

	// ClosedAt is when the last signature completed the procès-verbal;
	// zero while it is open.
	ClosedAt time.Time
	// PVSent records the day the procès-verbal was sent to the
	// administration; nil until then.
	PVSent     *Fact
	Validation *Validation
	Issuances  []Issuance
	// Pseudonymised records when the candidates' personal data were
	// replaced by pseudonyms; nil until then.
	Pseudonymised *Fact
}

// Fact is something recorded on a day, by someone, at an instant.
type Fact struct {
	On date.Date
	By string
	At time.Time
}

// New returns the empty record of a session.
func New(centre tpsession.CentreID, sid tpsession.SessionID) Record {
	return Record{Centre: centre, Session: sid}
}

// Closed reports whether the procès-verbal is closed.
func (r Record) Closed() bool { return !r.ClosedAt.IsZero() }

// Validated reports whether the administration validated the results.
func (r Record) Validated() bool { return r.Validation != nil }

// checkOpen refuses a change of what the closed procès-verbal holds.
func (r Record) checkOpen(what string) error {
	if r.Closed() {
		return ErrPVClosed.Withf("the procès-verbal closed at %s: %s can no longer change", r.ClosedAt.Format(time.RFC3339), what)
	}
	return nil
}

// Sitting returns the sitting of key.
func (r Record) Sitting(key string) (Sitting, error) {
	if i := r.sittingIndex(key); i >= 0 {
		return r.Sittings[i].clone(), nil
	}
	return Sitting{}, ErrSittingNotFound.Withf("the exam has no sitting %q", tpsession.Truncate(key, 40))
}

func (r Record) sittingIndex(key string) int {
	return slices.IndexFunc(r.Sittings, func(s Sitting) bool { return s.Key == key })
}

// AttendanceOf returns the attendance recorded for the candidate at the
// sitting, and whether there is one.
func (r Record) AttendanceOf(sitting string, c tpsession.CandidateID) (Attendance, bool) {
	if i := r.attendanceIndex(sitting, c); i >= 0 {
		return r.Attendance[i].clone(), true
	}
	return Attendance{}, false
}

func (r Record) attendanceIndex(sitting string, c tpsession.CandidateID) int {
	return slices.IndexFunc(r.Attendance, func(a Attendance) bool { return a.Sitting == sitting && a.Candidate == c })
}

// SittingsOf returns the sittings the candidate is in, by day and start.
func (r Record) SittingsOf(c tpsession.CandidateID) []Sitting {
	var out []Sitting
	for _, s := range r.Sittings {
		if slices.Contains(s.Candidates, c) {
			out = append(out, s.clone())
		}
	}
	slices.SortStableFunc(out, compareSittings)
	return out
}

// MemberPresence returns the member's presence on day, and whether it is
// recorded.
func (r Record) MemberPresence(m tpsession.MemberID, day date.Date) (Presence, bool) {
	i := slices.IndexFunc(r.Jury, func(p Presence) bool { return p.Member == m && p.Day == day })
	if i < 0 {
		return Presence{}, false
	}
	return r.Jury[i], true
}

// ResponsablePresence returns the responsable's presence on day, and
// whether it is recorded.
func (r Record) ResponsablePresence(day date.Date) (Presence, bool) {
	i := slices.IndexFunc(r.Responsable, func(p Presence) bool { return p.Day == day })
	if i < 0 {
		return Presence{}, false
	}
	return r.Responsable[i], true
}

// Decision returns the candidate's decision as the jury first signed it,
// before any amendment, and whether there is one.
func (r Record) Decision(c tpsession.CandidateID) (Decision, bool) {
	if i := r.decisionIndex(c); i >= 0 {
		return r.Decisions[i].clone(), true
	}
	return Decision{}, false
}

func (r Record) decisionIndex(c tpsession.CandidateID) int {
	return slices.IndexFunc(r.Decisions, func(d Decision) bool { return d.Candidate == c })
}

// ToReconvene reports whether a PV de constatation marked the candidate
// to be convened again, and returns it.
func (r Record) ToReconvene(c tpsession.CandidateID) (Constatation, bool) {
	for _, k := range r.Constatations {
		if slices.Contains(k.Candidates, c) {
			return k.clone(), true
		}
	}
	return Constatation{}, false
}

// Clone returns a deep copy.
func (r Record) Clone() Record {
	r.Sittings = cloneEach(r.Sittings, Sitting.clone)
	r.Attendance = cloneEach(r.Attendance, Attendance.clone)
	r.Jury = slices.Clone(r.Jury)
	r.Responsable = slices.Clone(r.Responsable)
	r.Sheets = slices.Clone(r.Sheets)
	r.Incidents = cloneEach(r.Incidents, Incident.clone)
	r.Statements = slices.Clone(r.Statements)
	r.Constatations = cloneEach(r.Constatations, Constatation.clone)
	r.Decisions = cloneEach(r.Decisions, Decision.clone)
	r.Amendments = cloneEach(r.Amendments, Amendment.clone)
	r.PVSent = clonePtr(r.PVSent)
	r.Validation = clonePtr(r.Validation)
	r.Issuances = slices.Clone(r.Issuances)
	r.Pseudonymised = clonePtr(r.Pseudonymised)
	return r
}

func cloneEach[T any](in []T, clone func(T) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = clone(v)
	}
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
