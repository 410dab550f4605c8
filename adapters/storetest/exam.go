package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

// NewRecord returns the exam record of a new session of centre with every
// field set, its procès-verbal still open: two sittings, attendance with a
// late arrival, presences, signed sheets, an incident, a constatation, a
// decision half signed.
func NewRecord(t testing.TB, centre tpsession.CentreID) exam.Record {
	t.Helper()
	sid := tpsession.NewSessionID()
	lea, marc := tpsession.NewCandidateID(), tpsession.NewCandidateID()
	jeanne, paul := tpsession.NewMemberID(), tpsession.NewMemberID()
	at := time.Date(2027, time.March, 1, 8, 45, 0, 123456789, time.UTC)
	r := exam.New(centre, sid)
	r.Sittings = []exam.Sitting{
		{Key: "qp", Epreuve: "qp", Label: "Questionnaire professionnel", Day: Start, Start: 540, End: 600, Candidates: []tpsession.CandidateID{lea, marc},
			Surveillants: []exam.Surveillant{{Name: "Anne Vigie", Email: "anne@centre.example", Role: exam.Surveil}, {Name: "Yves Formateur", Role: exam.SafetyOnly}}},
		{Key: "ef", Label: "Entretien final", Day: End, Start: 840, End: 870, Candidates: []tpsession.CandidateID{lea}, Final: true, DangerousEquipment: true},
	}
	r.Attendance = []exam.Attendance{
		{Sitting: "qp", Candidate: lea, Status: exam.LateAdmitted, Identity: &exam.IdentityCheck{By: "Sami Accueil", At: at},
			Arrived: 547, Late: &exam.LateDecision{Admitted: true, DecidedBy: "Claire Martin", At: at.Add(time.Minute), MinutesLate: 7, MinutesLeft: 53},
			SignedAt: at.Add(2 * time.Minute), Note: "arrivée en retard, train", RecordedBy: "Sami Accueil", RecordedAt: at.Add(3 * time.Minute)},
		{Sitting: "qp", Candidate: marc, Status: exam.Absent, RecordedBy: "Sami Accueil", RecordedAt: at},
		{Sitting: "ef", Candidate: lea, Status: exam.Present, Identity: &exam.IdentityCheck{By: "Claire Martin", At: at, Sitting: "qp"}, Arrived: 835, RecordedBy: "x", RecordedAt: at},
	}
	r.Jury = []exam.Presence{
		{Member: jeanne, Name: "Jeanne Roux", Day: Start, Present: true, Arrived: 480, Left: 1050, SignedAt: at, RecordedBy: "x", RecordedAt: at},
		{Member: paul, Name: "Paul Leroy", Day: Start, RecordedBy: "x", RecordedAt: at},
	}
	r.Responsable = []exam.Presence{{Name: "Claire Martin", Day: Start, Present: true, Arrived: 470, RecordedBy: "x", RecordedAt: at}}
	r.Sheets = []exam.SheetSignature{
		{Sheet: "qp", Role: exam.SignJury, Member: jeanne, Name: "Jeanne Roux", At: at, RecordedBy: "x"},
		{Sheet: exam.JurySheet(Start), Role: exam.SignResponsable, Name: "Claire Martin", At: at, RecordedBy: "x"},
	}
	r.Incidents = []exam.Incident{{Number: 1, Kind: exam.FraudSuspicion, At: at, Sitting: "qp", Candidates: []tpsession.CandidateID{lea},
		Description: "Téléphone allumé.\nRangé aussitôt.", Witnesses: []exam.Witness{{Name: "Anne Vigie", SignedAt: at}}, ReportedBy: "Claire Martin", ReportedAt: at}}
	r.Statements = []exam.ModalityStatement{{Candidate: lea, Text: "visioconférence", By: "Claire Martin", At: at}}
	r.Constatations = []exam.Constatation{{Number: 1, Day: Start, Candidates: []tpsession.CandidateID{marc},
		Panels: []exam.Panel{{Deliberators: []tpsession.MemberID{jeanne}, Absent: []tpsession.MemberID{paul}}}, Note: "grève", By: "Claire Martin", At: at}}
	r.Decisions = []exam.Decision{{Candidate: lea, Outcome: exam.PartialSuccess,
		CCPs:  []exam.CCPResult{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}},
		Basis: exam.Basis{Sittings: []string{"qp", "ef"}, EntretienFinal: true, DossierProfessionnel: true, ECF: true}, Reasons: "CCP2 à repasser",
		Day: End, RecordedBy: jeanne, RecordedAt: at, Deliberators: []tpsession.MemberID{jeanne, paul}, Signatures: []exam.Signature{{Member: jeanne, At: at}}}}
	return r
}

// closeRecord completes and closes r, as the jury's last signature does,
// and adds what may follow: an amendment half signed, the sending.
func closeRecord(r exam.Record) exam.Record {
	d := &r.Decisions[0]
	d.Signatures = append(d.Signatures, exam.Signature{Member: d.Deliberators[1], At: d.RecordedAt.Add(time.Hour)})
	r.ClosedAt = d.RecordedAt.Add(time.Hour)
	r.Amendments = []exam.Amendment{{Number: 1, Candidate: d.Candidate, Outcome: exam.PartialSuccess, CCPs: []exam.CCPResult{{Code: "CCP1"}, {Code: "CCP2", Acquired: true}},
		Basis: d.Basis, Reasons: "inversion", Reason: "erreur de saisie", ProposedBy: d.Deliberators[0], At: r.ClosedAt.Add(time.Hour),
		Deliberators: d.Deliberators, Signatures: []exam.Signature{{Member: d.Deliberators[0], At: r.ClosedAt.Add(time.Hour)}}}}
	r.PVSent = &exam.Fact{On: End + 1, By: "Claire Martin", At: r.ClosedAt.Add(2 * time.Hour)}
	return r
}

func examContract() contract[exam.Record] {
	return contract[exam.Record]{
		fresh:  func(t *testing.T, _ Stores, centre tpsession.CentreID) exam.Record { return NewRecord(t, centre) },
		create: func(ctx context.Context, s Stores, v exam.Record) error { return s.Exams.CreateRecord(ctx, v) },
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v exam.Record) (exam.Record, error) {
			return s.Exams.Record(ctx, centre, v.Session)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v exam.Record, fn func(*exam.Record) error) error {
			return s.Exams.UpdateRecord(ctx, centre, v.Session, fn)
		},
		bump: func(v *exam.Record, i int) {
			v.Incidents = append(v.Incidents, exam.Incident{Number: len(v.Incidents) + 1, Kind: exam.OtherIncident, Description: fmt.Sprint(i)})
		},
		bumps:     func(v exam.Record) int { return len(v.Incidents) },
		mutate:    func(v *exam.Record) { v.Sittings[0].Candidates[0] = "changed"; v.Attendance[0].Late.MinutesLeft = 0 },
		rekey:     func(v *exam.Record) { v.Session = tpsession.NewSessionID() },
		recentre:  func(v *exam.Record, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b exam.Record) bool { return a.Session == b.Session },
		clone:     exam.Record.Clone,
		notFound:  exam.ErrRecordNotFound,
		duplicate: exam.ErrDuplicateRecord,
	}
}

func retentionContract() contract[exam.Retention] {
	return contract[exam.Retention]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) exam.Retention {
			r, err := exam.NewRetention(centre, 5, "Claire Martin", At)
			require.NoError(t, err)
			return r
		},
		create: func(ctx context.Context, s Stores, v exam.Retention) error {
			return s.Retentions.CreateRetention(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v exam.Retention) (exam.Retention, error) {
			return s.Retentions.Retention(ctx, centre)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, _ exam.Retention, fn func(*exam.Retention) error) error {
			return s.Retentions.UpdateRetention(ctx, centre, fn)
		},
		bump:     func(v *exam.Retention, i int) { v.Years++ },
		bumps:    func(v exam.Retention) int { return v.Years },
		mutate:   func(v *exam.Retention) { v.SetBy = "changed" },
		rekey:    func(v *exam.Retention) { v.Centre = "centre-other" },
		recentre: func(v *exam.Retention, c tpsession.CentreID) { v.Centre = c },
		same:     func(a, b exam.Retention) bool { return a.Centre == b.Centre },
		clone:    exam.Retention.Clone,
		notFound: exam.ErrRetentionNotFound, duplicate: exam.ErrDuplicateRetention,
	}
}

// testClosedPV checks that a store refuses, whatever the closure does, an
// update that changes what a closed procès-verbal holds, and keeps every
// signature of a decision signed concurrently.
func testClosedPV(t *testing.T, open Open) {
	ctx := context.Background()
	t.Run("a closed record round-trips whole", func(t *testing.T) {
		s := open(t)
		r := closeRecord(NewRecord(t, CentreA))
		r.Validation = &exam.Validation{On: End + 3, Reference: "VAL-1", By: "Inspection DDETS", At: At}
		r.Issuances = []exam.Issuance{{Candidate: r.Decisions[0].Candidate, Document: exam.Livret, IssuedOn: End + 10, DeliveredOn: End + 20, By: "x", At: At}}
		r.Pseudonymised = &exam.Fact{On: End + 2000, By: "x", At: At}
		require.NoError(t, s.Exams.CreateRecord(ctx, r))
		got, err := s.Exams.Record(ctx, CentreA, r.Session)
		require.NoError(t, err)
		assert.Equal(t, r, got)
	})
	t.Run("no update alters a closed procès-verbal", func(t *testing.T) {
		s := open(t)
		r := closeRecord(NewRecord(t, CentreA))
		require.NoError(t, s.Exams.CreateRecord(ctx, r))
		for name, change := range map[string]func(*exam.Record){
			"a signature removed":   func(r *exam.Record) { r.Decisions[0].Signatures = r.Decisions[0].Signatures[:1] },
			"an outcome changed":    func(r *exam.Record) { r.Decisions[0].Outcome = exam.Failed },
			"an attendance changed": func(r *exam.Record) { r.Attendance[1].Status = exam.Present },
			"an amendment removed":  func(r *exam.Record) { r.Amendments = nil },
			"reopened":              func(r *exam.Record) { r.ClosedAt = time.Time{} },
		} {
			err := s.Exams.UpdateRecord(ctx, CentreA, r.Session, func(r *exam.Record) error { change(r); return nil })
			assert.ErrorIs(t, err, exam.ErrPVClosed, name)
		}
		got, err := s.Exams.Record(ctx, CentreA, r.Session)
		require.NoError(t, err)
		assert.Equal(t, r, got, "nothing changed")
		require.NoError(t, s.Exams.UpdateRecord(ctx, CentreA, r.Session, func(r *exam.Record) error {
			a := &r.Amendments[0]
			a.Signatures = append(a.Signatures, exam.Signature{Member: a.Deliberators[1], At: At})
			return nil
		}), "an amendment's signature is added")
	})
	t.Run("concurrent signatures are all kept", func(t *testing.T) {
		s := open(t)
		r := NewRecord(t, CentreA)
		d := &r.Decisions[0]
		d.Signatures = nil
		for range 10 {
			d.Deliberators = append(d.Deliberators, tpsession.NewMemberID())
		}
		require.NoError(t, s.Exams.CreateRecord(ctx, r))
		var wg sync.WaitGroup
		errs := make([]error, len(d.Deliberators))
		for i, m := range d.Deliberators {
			wg.Go(func() {
				errs[i] = retry(func() error {
					return s.Exams.UpdateRecord(ctx, CentreA, r.Session, func(r *exam.Record) error {
						r.Decisions[0].Signatures = append(r.Decisions[0].Signatures, exam.Signature{Member: m, At: At})
						return nil
					})
				})
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		got, err := s.Exams.Record(ctx, CentreA, r.Session)
		require.NoError(t, err)
		assert.ElementsMatch(t, d.Deliberators, signers(got.Decisions[0].Signatures), "no signature lost")
	})
}

// retry runs fn again while it reports a conflict, as a client told to try
// again does.
func retry(fn func() error) error {
	for {
		err := fn()
		if err == nil || !errors.Is(err, tpsession.ErrConflict) {
			return err
		}
	}
}

func signers(sigs []exam.Signature) []tpsession.MemberID {
	out := make([]tpsession.MemberID, len(sigs))
	for i, s := range sigs {
		out[i] = s.Member
	}
	return out
}

// testRewriteDetails checks that rewriting the event log's details changes
// them and nothing else, in the session and centre named only.
func testRewriteDetails(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	sid, other := tpsession.NewSessionID(), tpsession.NewSessionID()
	var mine []session.Event
	for i, d := range []string{"Léa Dubois registered", "pli ordered", "Léa Dubois absent"} {
		e := session.Event{ID: tpsession.NewEventID(), Centre: CentreA, Session: sid, At: At.Add(time.Duration(i) * time.Minute), Actor: "Claire Martin", Action: "a", Detail: d}
		require.NoError(t, s.Events.AppendEvent(ctx, e))
		mine = append(mine, e)
	}
	theirs := session.Event{ID: tpsession.NewEventID(), Centre: CentreB, Session: sid, At: At, Actor: "x", Action: "a", Detail: "Léa Dubois elsewhere"}
	elsewhere := session.Event{ID: tpsession.NewEventID(), Centre: CentreA, Session: other, At: At, Actor: "x", Action: "a", Detail: "Léa Dubois"}
	require.NoError(t, s.Events.AppendEvent(ctx, theirs))
	require.NoError(t, s.Events.AppendEvent(ctx, elsewhere))
	replace := func(e session.Event) (string, bool) {
		if rest, ok := strings.CutPrefix(e.Detail, "Léa Dubois"); ok {
			return "Candidat X" + rest, true
		}
		return "", false
	}
	require.NoError(t, s.Events.RewriteDetails(ctx, CentreA, sid, replace))
	got, err := s.Events.Events(ctx, CentreA, sid)
	require.NoError(t, err)
	mine[0].Detail, mine[2].Detail = "Candidat X registered", "Candidat X absent"
	assert.Equal(t, mine, got)
	b, err := s.Events.Events(ctx, CentreB, sid)
	require.NoError(t, err)
	assert.Equal(t, []session.Event{theirs}, b, "another centre's log is untouched")
	o, err := s.Events.Events(ctx, CentreA, other)
	require.NoError(t, err)
	assert.Equal(t, []session.Event{elsewhere}, o, "another session's log is untouched")
}
