package exam_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

// qpDay1 is a world with the questionnaire "qp" on day 1 from 09:00 to
// 10:00 for Léa and Marc, and "msp" from 10:30 to 12:00 for Léa, at
// 09:00 that day.
func qpDay1(t *testing.T) *world {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("qp", day1, "09:00", "10:00", false, lea, marc)
	w.sitting("msp", day1, "10:30", "12:00", false, lea)
	w.on(at(day1, 12, 30))
	return w
}

func checkedAt(hh, mm int) string { return at(day1, hh, mm).Format(time.RFC3339) }

func TestAttendanceIsRecordedOnTheDayNotBefore(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("qp", day2, "09:00", "10:00", false, lea)
	in := exam.AttendanceInput{Status: "absent"}
	_, err := w.rec.RecordAttendance(w.f, "Claire Martin", "qp", lea, in)
	assert.ErrorIs(t, err, exam.ErrNotYet, "the day before")
	w.on(at(day2, 0, 0))
	_, err = w.rec.RecordAttendance(w.f, "Claire Martin", "qp", lea, in)
	assert.NoError(t, err, "on the day")

	present := exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Claire", IdentityCheckedAt: at(day2, 8, 50).Format(time.RFC3339), ArrivedAt: "08:55"}
	w.on(at(day2, 8, 54))
	_, err = w.rec.RecordAttendance(w.f, "Claire Martin", "qp", lea, present)
	assert.ErrorIs(t, err, exam.ErrNotYet, "an arrival a minute after now")
	w.on(at(day2, 8, 55))
	_, err = w.rec.RecordAttendance(w.f, "Claire Martin", "qp", lea, present)
	assert.NoError(t, err, "an arrival at the current minute")
}

func TestAttendanceInputIsCheckedWhole(t *testing.T) {
	w := qpDay1(t)
	_, err := w.rec.RecordAttendance(w.f, "x", "qp", lea, exam.AttendanceInput{Status: "absent", ArrivedAt: "09:00", IdentityCheckedBy: "C", SignedAt: "soon"})
	require.ErrorIs(t, err, exam.ErrInvalidInput)
	assert.ElementsMatch(t, []string{"arrived_at", "identity_checked_by", "signed_at", "signed_at"}, fieldsOf(err))
	_, err = w.rec.RecordAttendance(w.f, "x", "qp", lea, exam.AttendanceInput{Status: "present", IdentityCheckedBy: "C", LateDecision: "maybe", Note: "a\u0007b"})
	assert.ElementsMatch(t, []string{"arrived_at", "identity_checked_at", "late_decision", "note"}, fieldsOf(err))
	_, err = w.rec.RecordAttendance(w.f, "x", "qp", lea, exam.AttendanceInput{})
	assert.Equal(t, []string{"status"}, fieldsOf(err))
	_, err = w.rec.RecordAttendance(w.f, "x", "qp", nora, exam.AttendanceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrNotInSitting)
	_, err = w.rec.RecordAttendance(w.f, "x", "nope", lea, exam.AttendanceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrSittingNotFound)
	assert.Empty(t, w.rec.Attendance)
}

func TestTheIdentityIsCheckedBeforeEachEpreuve(t *testing.T) {
	w := qpDay1(t)
	w.here(day1, "")
	record := func(key, by, when, arrived string) error {
		_, err := w.rec.RecordAttendance(w.f, "Claire Martin", key, lea, exam.AttendanceInput{Status: "present", IdentityCheckedBy: by, IdentityCheckedAt: when, ArrivedAt: arrived})
		return err
	}
	err := record("qp", "", "", "08:50")
	require.ErrorIs(t, err, exam.ErrIdentityNotChecked)
	assert.Equal(t, []string{"identity_checked_by"}, fieldsOf(err))
	assert.ErrorIs(t, record("qp", "Claire", at(day1-1, 17, 0).Format(time.RFC3339), "08:50"), exam.ErrIdentityNotChecked, "the day before")
	assert.ErrorIs(t, record("qp", "Claire", checkedAt(10, 1), "08:50"), exam.ErrIdentityNotChecked, "after the end")
	require.NoError(t, record("qp", "Claire", checkedAt(10, 0), "08:50"), "at the end")

	assert.ErrorIs(t, record("msp", "", "", "10:20"), exam.ErrIdentityNotChecked, "checked at qp, not at msp")
	w.f.Rules.IdentityCheck = exam.CheckEachDay
	require.NoError(t, record("msp", "", "", "10:20"), "once a day: the check at qp covers msp")
	a, ok := w.rec.AttendanceOf("msp", lea)
	require.True(t, ok)
	assert.Equal(t, "qp", a.Identity.Sitting)
	assert.Equal(t, "Claire", a.Identity.By)

	w.sitting("qp2", day1, "13:00", "14:00", false, marc)
	w.on(at(day1, 15, 0))
	_, err = w.rec.RecordAttendance(w.f, "Claire Martin", "qp2", marc, exam.AttendanceInput{Status: "present", ArrivedAt: "12:55"})
	assert.ErrorIs(t, err, exam.ErrIdentityNotChecked, "no check of Marc earlier that day")
}

func TestALateCandidateIsAdmittedOrRefusedAndTheEndDoesNotMove(t *testing.T) {
	record := func(w *world, arrived, decision string) (exam.Attendance, error) {
		return w.rec.RecordAttendance(w.f, "Sami Accueil", "qp", lea, exam.AttendanceInput{Status: "present",
			IdentityCheckedBy: "Sami", IdentityCheckedAt: checkedAt(9, 0), ArrivedAt: arrived, LateDecision: decision})
	}
	w := qpDay1(t)
	w.here(day1, "")
	a, err := record(w, "09:00", "")
	require.NoError(t, err, "at the start: on time")
	assert.Equal(t, exam.Present, a.Status)
	_, err = record(w, "09:00", "admitted")
	assert.Equal(t, []string{"late_decision"}, fieldsOf(err), "no decision on time")

	_, err = record(w, "09:01", "")
	assert.Equal(t, []string{"late_decision"}, fieldsOf(err), "a minute late: the responsable decides")
	a, err = record(w, "09:01", "admitted")
	require.NoError(t, err)
	assert.Equal(t, exam.LateAdmitted, a.Status)
	assert.Equal(t, exam.LateDecision{Admitted: true, DecidedBy: "Claire Martin", At: w.f.Now.At, MinutesLate: 1, MinutesLeft: 59}, *a.Late)
	assert.Equal(t, "Sami Accueil", a.RecordedBy)
	s, _ := w.rec.Sitting("qp")
	assert.Equal(t, tpsession.TimeOfDay(600), s.End, "the end does not move")

	a, err = record(w, "09:59", "admitted")
	require.NoError(t, err)
	assert.Equal(t, 1, a.Late.MinutesLeft, "a minute before the end")
	_, err = record(w, "10:00", "admitted")
	assert.ErrorIs(t, err, exam.ErrNoTimeLeft, "at the end")
	a, err = record(w, "10:00", "refused")
	require.NoError(t, err)
	assert.Equal(t, exam.LateRefused, a.Status)
	assert.False(t, a.Status.Sat())

	_, err = w.rec.RecordAttendance(w.f, "Sami", "qp", marc, exam.AttendanceInput{Status: "present", ArrivedAt: "09:20", LateDecision: "refused"})
	assert.NoError(t, err, "a candidate refused at the door needs no identity check")

	w2 := qpDay1(t)
	_, err = record(w2, "09:10", "admitted")
	assert.ErrorIs(t, err, exam.ErrResponsableAbsent, "the responsable decides, and is not recorded present")
	w2.away(day1, "")
	_, err = record(w2, "09:10", "refused")
	assert.ErrorIs(t, err, exam.ErrResponsableAbsent, "recorded absent")
}

func TestTheResponsableWhoDecidedCannotBeRecordedAbsent(t *testing.T) {
	w := qpDay1(t)
	w.here(day1, "")
	_, err := w.rec.RecordAttendance(w.f, "x", "qp", lea, exam.AttendanceInput{Status: "present", IdentityCheckedBy: "S", IdentityCheckedAt: checkedAt(9, 5), ArrivedAt: "09:05", LateDecision: "admitted"})
	require.NoError(t, err)
	_, err = w.rec.RecordPresence(w.f, "x", "", day1, exam.PresenceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrPresenceRelied)
	_, err = w.rec.RecordPresence(w.f, "x", "", day1, exam.PresenceInput{Status: "present", ArrivedAt: "07:45", LeftAt: "12:30"})
	assert.NoError(t, err, "a correction keeping them present")
}

func TestPresenceIsCheckedWhole(t *testing.T) {
	w := qpDay1(t)
	_, err := w.rec.RecordPresence(w.f, "x", jeanne, day1, exam.PresenceInput{Status: "absent", ArrivedAt: "08:00", SignedAt: checkedAt(8, 0)})
	assert.ElementsMatch(t, []string{"arrived_at", "signed_at"}, fieldsOf(err))
	_, err = w.rec.RecordPresence(w.f, "x", jeanne, day1, exam.PresenceInput{Status: "present", ArrivedAt: "08:00", LeftAt: "08:00"})
	assert.Equal(t, []string{"left_at"}, fieldsOf(err), "leaving when arriving")
	_, err = w.rec.RecordPresence(w.f, "x", jeanne, day1, exam.PresenceInput{Status: "present", ArrivedAt: "08:00", LeftAt: "08:01"})
	assert.NoError(t, err)
	_, err = w.rec.RecordPresence(w.f, "x", "mem_01J0000000000000000000NEW0", day1, exam.PresenceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrNotJuryMember)
	_, err = w.rec.RecordPresence(w.f, "x", jeanne, day1-1, exam.PresenceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrOutsideSession)
	_, err = w.rec.RecordPresence(w.f, "x", jeanne, day2, exam.PresenceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrNotYet, "tomorrow")
	_, err = w.rec.RecordPresence(w.f, "x", jeanne, day1, exam.PresenceInput{Status: "present", ArrivedAt: "12:31"})
	assert.ErrorIs(t, err, exam.ErrNotYet, "an arrival after now (12:30)")
	p, err := w.rec.RecordPresence(w.f, "x", jeanne, day1, exam.PresenceInput{Status: "present", ArrivedAt: "12:30", SignedAt: checkedAt(12, 30)})
	require.NoError(t, err)
	assert.Equal(t, "Jeanne Roux", p.Name)
	assert.Len(t, w.rec.Jury, 1, "recorded again, replaced")
}

func TestTheFootOfASheetIsSignedByThoseWhoSignIt(t *testing.T) {
	w := qpDay1(t)
	_, err := w.rec.SetSurveillants(w.f, "qp", []exam.SurveillantInput{{Name: "Anne Vigie"}})
	require.NoError(t, err)
	sign := func(sheet, role, member, name string, when time.Time) error {
		_, err := w.rec.SignSheet(w.f, "Sami", sheet, exam.SheetSignatureInput{Role: role, MemberID: member, Name: name, SignedAt: when.Format(time.RFC3339)})
		return err
	}
	assert.ErrorIs(t, sign("qp", "responsable", "", "", at(day1, 10, 0)), exam.ErrNotSignatory, "not recorded present")
	w.here(day1, "", jeanne)
	assert.Equal(t, []string{"signed_at"}, fieldsOf(sign("qp", "responsable", "", "", at(day1, 8, 59))), "before the sitting starts")
	assert.NoError(t, sign("qp", "responsable", "", "", at(day1, 9, 0)), "as it starts")
	assert.ErrorIs(t, sign("qp", "responsable", "", "", at(day1, 10, 0)), exam.ErrAlreadyRecorded)
	assert.NoError(t, sign("qp", "jury", string(jeanne), "", at(day1, 10, 0)))
	assert.ErrorIs(t, sign("qp", "jury", string(paul), "", at(day1, 10, 0)), exam.ErrNotSignatory, "not recorded present")
	assert.ErrorIs(t, sign("qp", "surveillant", "", "Bob", at(day1, 10, 0)), exam.ErrNotSignatory)
	assert.NoError(t, sign("qp", "surveillant", "", "anne vigie", at(day1, 10, 0)))
	assert.Equal(t, []string{"signed_at"}, fieldsOf(sign("qp", "jury", string(jeanne), "", at(day1, 12, 31))), "after now")

	jurySheet := exam.JurySheet(day1)
	assert.NoError(t, sign(jurySheet, "responsable", "", "", at(day1, 12, 0)))
	assert.ErrorIs(t, sign(jurySheet, "jury", string(jeanne), "", at(day1, 12, 0)), exam.ErrNotSignatory, "a member signs their own line, not the foot")
	assert.ErrorIs(t, sign(exam.JurySheet(day3+1), "responsable", "", "", at(day1, 12, 0)), exam.ErrSittingNotFound)
	assert.Len(t, w.rec.SheetSignatures("qp"), 3)
	assert.Len(t, w.rec.SheetSignatures(jurySheet), 1)

	err = sign("qp", "jury", "", "Anne", at(day1, 10, 0))
	assert.ElementsMatch(t, []string{"member_id", "name"}, fieldsOf(err))
}
