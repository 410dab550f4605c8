package exam_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

// checkError fails unless err is nil or one of the library's errors of a
// kind a caller can act on: never a panic, never an internal error.
func checkError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *tpsession.Error
	if !errors.As(err, &e) {
		t.Fatalf("not a library error: %T %v", err, err)
	}
	if e.Kind == tpsession.Internal {
		t.Fatalf("an internal error for outside input: %v", err)
	}
}

// FuzzAttendance feeds arbitrary text to every field of an attendance.
func FuzzAttendance(f *testing.F) {
	f.Add("present", "Sami", "2027-03-01T08:45:00+01:00", "09:12", "admitted", "2027-03-01T09:30:00+01:00", "note")
	f.Add("absent", "", "", "", "", "", "")
	f.Add("present", "x", "2027-13-01T08:45:00Z", "24:00", "refused", "soon", "\x00")
	f.Fuzz(func(t *testing.T, status, by, at, arrived, late, signed, note string) {
		w := held(t)
		_, err := w.rec.RecordAttendance(w.f, "x", "msp", lea, exam.AttendanceInput{Status: status, IdentityCheckedBy: by, IdentityCheckedAt: at,
			ArrivedAt: arrived, LateDecision: late, SignedAt: signed, Note: note})
		checkError(t, err)
	})
}

// FuzzDecision feeds arbitrary text to a decision.
func FuzzDecision(f *testing.F) {
	f.Add("obtained", "CCP1", true, "CCP2", true, true, true, "reasons")
	f.Add("partial_success", "CCP1", false, "CCP9", true, false, true, "")
	f.Add("", "", false, "", false, false, false, "\u202e")
	f.Fuzz(func(t *testing.T, outcome, c1 string, a1 bool, c2 string, a2, dp, ecf bool, reasons string) {
		w := held(t)
		_, err := w.rec.Decide(w.f, jeanne, lea, exam.DecisionInput{Outcome: outcome, CCPs: []exam.CCPResultInput{{Code: c1, Acquired: a1}, {Code: c2, Acquired: a2}},
			DossierProfessionnel: dp, ECF: ecf, Reasons: reasons})
		checkError(t, err)
	})
}

// FuzzSittingAndIncident feeds arbitrary text to a sitting and to an
// incident report.
func FuzzSittingAndIncident(f *testing.F) {
	f.Add("qp", "QP", "2027-03-01", "09:00", "10:00", "fraud_suspicion", "2027-03-01T09:10:00+01:00", "description", "Anne", "2027-03-01T09:11:00+01:00")
	f.Add("", "", "", "", "", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, key, label, day, start, end, kind, at, description, witness, signed string) {
		w := newWorld(t, time.Date(2027, time.March, 3, 17, 0, 0, 0, paris))
		_, err := w.rec.PutSitting(w.f, key, exam.SittingInput{Label: label, Day: day, Start: start, End: end, Candidates: []string{string(lea)}})
		checkError(t, err)
		_, err = w.rec.ReportIncident(w.f, "x", exam.IncidentInput{Kind: kind, At: at, Sitting: key, Description: description,
			Candidates: []string{string(lea)}, Witnesses: []exam.WitnessInput{{Name: witness, SignedAt: signed}}})
		checkError(t, err)
	})
}
