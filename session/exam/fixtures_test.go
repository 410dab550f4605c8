package exam_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

// The session of the tests: a session titre from Monday 1 to Wednesday 3
// March 2027, its responsable Claire Martin; three candidates on one
// panel of two members, and a third member on no panel.
var (
	paris, _ = time.LoadLocation("Europe/Paris")
	day1     = date.New(2027, time.March, 1)
	day2     = day1 + 1
	day3     = day1 + 2

	lea  = tpsession.CandidateID("can_01J00000000000000000001EA0")
	marc = tpsession.CandidateID("can_01J0000000000000000000MARC")
	nora = tpsession.CandidateID("can_01J0000000000000000000N0RA")

	jeanne = tpsession.MemberID("mem_01J00000000000000000JEANNE")
	paul   = tpsession.MemberID("mem_01J00000000000000000000PA1")
	rose   = tpsession.MemberID("mem_01J0000000000000000000R0SE")
)

// at returns the instant of hh:mm on day in Paris.
func at(day date.Date, hh, mm int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, hh, mm, 0, 0, paris)
}

// facts returns the facts of the test session at the instant now.
func facts(now time.Time) exam.Facts {
	panel := []tpsession.MemberID{jeanne, paul}
	return exam.Facts{
		Session: exam.Session{ID: "ses_01J000000000000000000005E5", Kind: tpsession.KindTitre,
			Days: tpsession.DateRange{From: day1, Until: day3}, Responsable: "Claire Martin"},
		Candidates: []exam.Candidate{
			{ID: lea, FirstName: "Léa", LastName: "Dubois", Training: true, Trainers: []string{"formateur@of.example"}, CCPs: []string{"CCP1", "CCP2"}, Panel: panel},
			{ID: marc, FirstName: "Marc", LastName: "Petit", CCPs: []string{"CCP1", "CCP2"}, Panel: panel},
			{ID: nora, FirstName: "Nora", LastName: "Haddad", Training: true, CCPs: []string{"CCP1", "CCP2"}, Panel: panel},
		},
		Members: []exam.Member{{ID: jeanne, Name: "Jeanne Roux"}, {ID: paul, Name: "Paul Leroy"}, {ID: rose, Name: "Rose Blanc"}},
		Now:     exam.Now{At: now, Today: date.NewAt(now.In(paris)), Loc: paris},
	}
}

// world is a record and the facts it is checked against, at a moving
// instant.
type world struct {
	t   *testing.T
	rec exam.Record
	f   exam.Facts
}

func newWorld(t *testing.T, now time.Time) *world {
	return &world{t: t, rec: exam.New("centre-lyon", "ses_01J000000000000000000005E5"), f: facts(now)}
}

// on moves the clock.
func (w *world) on(now time.Time) *world {
	w.f.Now = exam.Now{At: now, Today: date.NewAt(now.In(paris)), Loc: paris}
	return w
}

// sitting records a sitting or fails the test.
func (w *world) sitting(key string, day date.Date, start, end string, final bool, cands ...tpsession.CandidateID) exam.Sitting {
	w.t.Helper()
	in := exam.SittingInput{Label: key, Day: day.String(), Start: start, End: end, Final: final}
	for _, c := range cands {
		in.Candidates = append(in.Candidates, string(c))
	}
	s, err := w.rec.PutSitting(w.f, key, in)
	require.NoError(w.t, err)
	return s
}

// present records a candidate present on time at a sitting, identity
// checked at its start.
func (w *world) present(key string, c tpsession.CandidateID) {
	w.t.Helper()
	s, err := w.rec.Sitting(key)
	require.NoError(w.t, err)
	_, err = w.rec.RecordAttendance(w.f, "Claire Martin", key, c, exam.AttendanceInput{Status: "present",
		IdentityCheckedBy: "Claire Martin", IdentityCheckedAt: at(s.Day, int(s.Start)/60, int(s.Start)%60).Format(time.RFC3339), ArrivedAt: s.Start.String()})
	require.NoError(w.t, err)
}

func (w *world) absent(key string, c tpsession.CandidateID) {
	w.t.Helper()
	_, err := w.rec.RecordAttendance(w.f, "Claire Martin", key, c, exam.AttendanceInput{Status: "absent"})
	require.NoError(w.t, err)
}

// here records members present on day from 08:00 (the responsable when m
// is empty).
func (w *world) here(day date.Date, ms ...tpsession.MemberID) {
	w.t.Helper()
	for _, m := range ms {
		_, err := w.rec.RecordPresence(w.f, "Claire Martin", m, day, exam.PresenceInput{Status: "present", ArrivedAt: "08:00"})
		require.NoError(w.t, err)
	}
}

func (w *world) away(day date.Date, ms ...tpsession.MemberID) {
	w.t.Helper()
	for _, m := range ms {
		_, err := w.rec.RecordPresence(w.f, "Claire Martin", m, day, exam.PresenceInput{Status: "absent"})
		require.NoError(w.t, err)
	}
}

// decide records a decision by jeanne and fails the test on error.
func (w *world) decide(c tpsession.CandidateID, in exam.DecisionInput) exam.Decision {
	w.t.Helper()
	d, err := w.rec.Decide(w.f, jeanne, c, in)
	require.NoError(w.t, err)
	return d
}

func (w *world) sign(c tpsession.CandidateID, ms ...tpsession.MemberID) {
	w.t.Helper()
	for _, m := range ms {
		_, err := w.rec.Sign(w.f, m, c)
		require.NoError(w.t, err)
	}
}

// obtained is a decision awarding the title on the full basis.
func obtained() exam.DecisionInput {
	return exam.DecisionInput{Outcome: "obtained", DossierProfessionnel: true, ECF: true,
		CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}}}
}

// held is a world on day 3 at 17:00 where every candidate sat "msp" on day
// 1 and the entretien final "ef" on day 3, the responsable and both panel
// members present on every day: ready to deliberate.
func held(t *testing.T) *world {
	w := newWorld(t, at(day1, 7, 0))
	w.sitting("msp", day1, "09:00", "12:00", false, lea, marc, nora)
	w.sitting("ef", day3, "14:00", "16:00", true, lea, marc, nora)
	w.on(at(day1, 12, 30))
	w.here(day1, "", jeanne, paul)
	for _, c := range []tpsession.CandidateID{lea, marc, nora} {
		w.present("msp", c)
	}
	w.on(at(day3, 17, 0))
	w.here(day3, "", jeanne, paul)
	for _, c := range []tpsession.CandidateID{lea, marc, nora} {
		w.present("ef", c)
	}
	return w
}

// closedPV is held, with every candidate's decision signed: the PV closed.
func closedPV(t *testing.T) *world {
	w := held(t)
	for _, c := range []tpsession.CandidateID{lea, marc, nora} {
		in := obtained()
		if c == marc {
			in.ECF = false
		}
		w.decide(c, in)
		w.sign(c, jeanne, paul)
	}
	require.NoError(t, w.rec.Close(w.f))
	return w
}
