package exam_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

func TestAClosedPVIsFinal(t *testing.T) {
	w := closedPV(t)
	before := w.rec.Clone()
	for name, change := range map[string]func() error{
		"decide": func() error {
			_, err := w.rec.Decide(w.f, jeanne, lea, exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}})
			return err
		},
		"sign": func() error { _, err := w.rec.Sign(w.f, jeanne, lea); return err },
		"attend": func() error {
			_, err := w.rec.RecordAttendance(w.f, "x", "ef", lea, exam.AttendanceInput{Status: "absent"})
			return err
		},
		"presence": func() error {
			_, err := w.rec.RecordPresence(w.f, "x", rose, day3, exam.PresenceInput{Status: "absent"})
			return err
		},
		"sitting": func() error {
			_, err := w.rec.PutSitting(w.f, "new", exam.SittingInput{Label: "x", Day: day3.String(), Start: "18:00", End: "19:00", Candidates: []string{string(lea)}})
			return err
		},
		"surveillants": func() error { _, err := w.rec.SetSurveillants(w.f, "ef", nil); return err },
		"incident": func() error {
			_, err := w.rec.ReportIncident(w.f, "x", exam.IncidentInput{Kind: "other", At: at(day3, 15, 0).Format(time.RFC3339), Description: "x"})
			return err
		},
		"sheet": func() error {
			_, err := w.rec.SignSheet(w.f, "x", "ef", exam.SheetSignatureInput{Role: "responsable", SignedAt: at(day3, 16, 0).Format(time.RFC3339)})
			return err
		},
		"constatation": func() error { _, err := w.rec.Constate(w.f, "x", exam.ConstatationInput{}); return err },
	} {
		err := change()
		assert.ErrorIs(t, err, exam.ErrPVClosed, name)
	}
	assert.Equal(t, before, w.rec, "nothing changed")
}

func TestTheStoresVetRefusesAnyChangeOfAClosedPV(t *testing.T) {
	w := closedPV(t)
	prev := w.rec.Clone()
	for name, change := range map[string]func(*exam.Record){
		"a signature lost": func(r *exam.Record) { r.Decisions[0].Signatures = r.Decisions[0].Signatures[:1] },
		"a signature moved": func(r *exam.Record) {
			r.Decisions[0].Signatures[0].At = r.Decisions[0].Signatures[0].At.Add(time.Second)
		},
		"an outcome changed":      func(r *exam.Record) { r.Decisions[1].Outcome = exam.Failed },
		"a CCP changed":           func(r *exam.Record) { r.Decisions[1].CCPs[0].Acquired = false },
		"a decision dropped":      func(r *exam.Record) { r.Decisions = r.Decisions[:2] },
		"a decision added":        func(r *exam.Record) { r.Decisions = append(r.Decisions, r.Decisions[0]) },
		"reopened":                func(r *exam.Record) { r.ClosedAt = time.Time{} },
		"an attendance changed":   func(r *exam.Record) { r.Attendance[0].Status = exam.Absent },
		"a presence changed":      func(r *exam.Record) { r.Jury[0].Present = false },
		"an incident added":       func(r *exam.Record) { r.Incidents = append(r.Incidents, exam.Incident{Number: 1}) },
		"a reason rewritten":      func(r *exam.Record) { r.Decisions[0].Reasons = "autre" },
		"a constatation inserted": func(r *exam.Record) { r.Constatations = []exam.Constatation{{Number: 1}} },
	} {
		next := prev.Clone()
		change(&next)
		assert.ErrorIs(t, exam.Vet(prev, next), exam.ErrPVClosed, name)
	}
	assert.NoError(t, exam.Vet(prev, prev.Clone()), "no change")

	open := held(t).rec
	changed := open.Clone()
	changed.Attendance = nil
	assert.NoError(t, exam.Vet(open, changed), "an open PV changes freely")
}

func TestADecisionIsCorrectedByAnAmendmentSignedByItsJury(t *testing.T) {
	w := held(t)
	w.decide(lea, obtained())
	correction := exam.AmendmentInput{Reason: "erreur de saisie: le CCP2 n'est pas acquis", DecisionInput: exam.DecisionInput{Outcome: "partial_success",
		DossierProfessionnel: true, ECF: true, CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}}}}
	_, err := w.rec.Amend(w.f, jeanne, lea, correction)
	assert.ErrorIs(t, err, exam.ErrPVNotClosed, "before the close the decision is recorded again")

	w = closedPV(t)
	_, err = w.rec.Amend(w.f, jeanne, lea, exam.AmendmentInput{DecisionInput: correction.DecisionInput})
	assert.Equal(t, []string{"reason"}, fieldsOf(err))
	_, err = w.rec.Amend(w.f, rose, lea, correction)
	assert.ErrorIs(t, err, exam.ErrNotDeliberating)
	_, err = w.rec.Amend(w.f, jeanne, lea, exam.AmendmentInput{Reason: "rien", DecisionInput: obtained()})
	assert.ErrorIs(t, err, exam.ErrInvalidInput, "the same decision")
	noDP := correction
	noDP.DossierProfessionnel = false
	_, err = w.rec.Amend(w.f, jeanne, lea, noDP)
	assert.ErrorIs(t, err, exam.ErrBasisMissing, "an amendment is checked as a decision is")

	before, _ := w.rec.Decision(lea)
	w.on(w.f.Now.At.Add(24 * time.Hour))
	a, err := w.rec.Amend(w.f, jeanne, lea, correction)
	require.NoError(t, err)
	assert.Equal(t, 1, a.Number)
	assert.Equal(t, []tpsession.MemberID{jeanne, paul}, a.Deliberators)
	assert.Equal(t, exam.Obtained, w.rec.Current(lea).Outcome, "in force once signed by all")
	_, err = w.rec.Amend(w.f, paul, lea, correction)
	assert.ErrorIs(t, err, exam.ErrAmendmentPending)

	_, err = w.rec.SignAmendment(w.f, jeanne, lea, 1)
	require.NoError(t, err)
	_, err = w.rec.SignAmendment(w.f, jeanne, lea, 1)
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)
	_, err = w.rec.SignAmendment(w.f, rose, lea, 1)
	assert.ErrorIs(t, err, exam.ErrNotDeliberating)
	_, err = w.rec.SignAmendment(w.f, jeanne, lea, 2)
	assert.ErrorIs(t, err, exam.ErrAmendmentNotFound)
	_, err = w.rec.SignAmendment(w.f, paul, lea, 1)
	require.NoError(t, err)
	cur := w.rec.Current(lea)
	assert.Equal(t, exam.PartialSuccess, cur.Outcome)
	assert.Equal(t, []string{"CCP1"}, cur.Acquired())
	assert.Equal(t, 1, cur.Amendment)
	after, _ := w.rec.Decision(lea)
	assert.Equal(t, before, after, "the decision corrected stays as it was")

	prev := w.rec.Clone()
	next := prev.Clone()
	next.Amendments[0].Signatures = next.Amendments[0].Signatures[:1]
	assert.ErrorIs(t, exam.Vet(prev, next), exam.ErrPVClosed, "an amendment's signature lost")
}

func TestAfterThePVItIsSentThenValidated(t *testing.T) {
	w := held(t)
	_, err := w.rec.RecordPVSent(w.f, "x", day3)
	assert.ErrorIs(t, err, exam.ErrPVNotClosed)
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	assert.ErrorIs(t, err, exam.ErrPVNotClosed)

	w = closedPV(t)
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	assert.ErrorIs(t, err, exam.ErrNotValidatable, "not sent")
	_, err = w.rec.RecordPVSent(w.f, "x", day2)
	assert.Equal(t, []string{"sent_on"}, fieldsOf(err), "before the close")
	_, err = w.rec.RecordPVSent(w.f, "x", day3+1)
	assert.Equal(t, []string{"sent_on"}, fieldsOf(err), "tomorrow")
	w.on(at(day3+7, 10, 0))
	sent, err := w.rec.RecordPVSent(w.f, "Claire Martin", day3)
	require.NoError(t, err, "the day it closed")
	assert.Equal(t, "Claire Martin", sent.By)
	_, err = w.rec.RecordPVSent(w.f, "x", day3)
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)

	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{On: (day3 - 1).String()})
	assert.Equal(t, []string{"validated_on"}, fieldsOf(err), "before it was sent")
	v, err := w.rec.Validate(w.f, "Inspection DDETS", exam.ValidationInput{On: day3.String(), Reference: "VAL-2027-0042"})
	require.NoError(t, err, "the day it was sent")
	assert.Equal(t, exam.Validation{On: day3, Reference: "VAL-2027-0042", By: "Inspection DDETS", At: w.f.Now.At}, v)
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)
	_, err = w.rec.Amend(w.f, jeanne, lea, exam.AmendmentInput{Reason: "r", DecisionInput: exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}}})
	assert.ErrorIs(t, err, exam.ErrValidated)
}

func TestAPendingAmendmentHoldsTheValidation(t *testing.T) {
	w := closedPV(t)
	_, err := w.rec.RecordPVSent(w.f, "x", day3)
	require.NoError(t, err)
	_, err = w.rec.Amend(w.f, jeanne, lea, exam.AmendmentInput{Reason: "r", DecisionInput: exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}}})
	require.NoError(t, err)
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	assert.ErrorIs(t, err, exam.ErrAmendmentPending)
	for _, m := range []tpsession.MemberID{jeanne, paul} {
		_, err = w.rec.SignAmendment(w.f, m, lea, 1)
		require.NoError(t, err)
	}
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	assert.NoError(t, err)
}

func TestARemoteSessionIsValidatedWithEveryRemoteModalityStated(t *testing.T) {
	w := closedPV(t)
	w.f.Session.Remote = true
	w.f.Candidates[0].Remote = true
	w.f.Candidates[2].Remote = true
	_, err := w.rec.RecordPVSent(w.f, "x", day3)
	require.NoError(t, err)
	_, err = w.rec.StateModality(w.f, "x", marc, "sur site")
	assert.Equal(t, []string{"statement"}, fieldsOf(err), "Marc sits on site")
	_, err = w.rec.StateModality(w.f, "x", lea, "visioconférence depuis son domicile, caméra et partage d'écran")
	require.NoError(t, err, "stated after the close: an addition")
	_, err = w.rec.StateModality(w.f, "x", lea, "autre chose")
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded, "final once the PV is closed")

	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	require.ErrorIs(t, err, exam.ErrNotValidatable)
	assert.Contains(t, tpsession.MessageOf(err), "Nora Haddad")
	assert.NotContains(t, tpsession.MessageOf(err), "Léa Dubois")
	_, err = w.rec.StateModality(w.f, "x", nora, "visioconférence depuis un tiers-lieu")
	require.NoError(t, err)
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{})
	require.NoError(t, err)
	_, err = w.rec.StateModality(w.f, "x", marc, "x")
	assert.Error(t, err)

	w2 := newWorld(t, at(day1, 8, 0))
	_, err = w2.rec.StateModality(w2.f, "x", lea, "visio")
	assert.Equal(t, []string{"statement"}, fieldsOf(err), "an on-site session")
}

func TestTheAdministrationIssuesWhatTheDecisionGives(t *testing.T) {
	w := closedPV(t)
	w.on(at(day3+20, 9, 0))
	_, err := w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{IssuedOn: (day3 + 20).String()})
	assert.ErrorIs(t, err, exam.ErrNotIssuable, "not validated")
	_, err = w.rec.RecordPVSent(w.f, "x", day3+1)
	require.NoError(t, err)
	_, err = w.rec.Validate(w.f, "DDETS", exam.ValidationInput{On: (day3 + 10).String()})
	require.NoError(t, err)

	_, err = w.rec.Issue(w.f, "x", lea, exam.Livret, exam.IssuanceInput{})
	assert.ErrorIs(t, err, exam.ErrNotIssuable, "the title obtained gives a parchemin")
	_, err = w.rec.Issue(w.f, "x", lea, "diplome", exam.IssuanceInput{})
	assert.Equal(t, []string{"document"}, fieldsOf(err))
	_, err = w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{IssuedOn: (day3 + 9).String()})
	assert.Equal(t, []string{"issued_on"}, fieldsOf(err), "before the validation")
	_, err = w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{IssuedOn: (day3 + 12).String(), DeliveredOn: (day3 + 11).String()})
	assert.Equal(t, []string{"delivered_on"}, fieldsOf(err), "delivered before issued")
	is, err := w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{IssuedOn: (day3 + 10).String()})
	require.NoError(t, err, "the day of the validation")
	assert.Equal(t, day3+10, is.IssuedOn)
	is, err = w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{DeliveredOn: (day3 + 20).String()})
	require.NoError(t, err, "the delivery added")
	assert.Equal(t, day3+20, is.DeliveredOn)
	_, err = w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{DeliveredOn: (day3 + 20).String()})
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)
	_, err = w.rec.Issue(w.f, "x", lea, exam.Parchemin, exam.IssuanceInput{DeliveredOn: (day3 + 21).String()})
	assert.Equal(t, []string{"delivered_on"}, fieldsOf(err), "tomorrow")

	for _, c := range []struct {
		kind    tpsession.SessionKind
		outcome exam.Outcome
		doc     exam.Document
		ok      bool
	}{
		{tpsession.KindTitre, exam.Obtained, exam.Parchemin, true},
		{tpsession.KindTitre, exam.PartialSuccess, exam.Livret, true},
		{tpsession.KindTitre, exam.Failed, "", false},
		{tpsession.KindTitre, exam.AbsentOutcome, "", false},
		{tpsession.KindCCP, exam.Obtained, exam.Livret, true},
		{tpsession.KindCCP, exam.Failed, "", false},
		{tpsession.KindCCS, exam.Obtained, exam.CCSCertificate, true},
	} {
		doc, ok := exam.Gives(c.kind, exam.Final{Outcome: c.outcome})
		assert.Equal(t, c.doc, doc, "%s %s", c.kind, c.outcome)
		assert.Equal(t, c.ok, ok)
	}
}

func TestIncidentsAreReportedWithTheirWitnesses(t *testing.T) {
	w := held(t)
	report := func(in exam.IncidentInput) (exam.Incident, error) {
		return w.rec.ReportIncident(w.f, "Claire Martin", in)
	}
	fraud := exam.IncidentInput{Kind: "fraud_suspicion", At: at(day1, 10, 12).Format(time.RFC3339), Sitting: "msp", Candidates: []string{string(marc)},
		Description: "Téléphone allumé sous la table pendant la mise en situation."}
	_, err := report(fraud)
	assert.Equal(t, []string{"witnesses"}, fieldsOf(err), "a suspected fraud is signed by a witness")
	fraud.Witnesses = []exam.WitnessInput{{Name: "Anne Vigie", SignedAt: at(day1, 10, 11).Format(time.RFC3339)}}
	_, err = report(fraud)
	assert.Equal(t, []string{"witnesses[0].signed_at"}, fieldsOf(err), "signed before the incident")
	fraud.Witnesses[0].SignedAt = at(day1, 10, 12).Format(time.RFC3339)
	inc, err := report(fraud)
	require.NoError(t, err, "signed as it happened")
	assert.Equal(t, 1, inc.Number)

	w.f.Rules.FraudWitnesses = 2
	_, err = report(fraud)
	assert.Equal(t, []string{"witnesses"}, fieldsOf(err), "a centre that asks two")
	w.f.Rules.FraudWitnesses = -1
	fraud.Witnesses = nil
	_, err = report(fraud)
	assert.NoError(t, err, "a centre that asks none")

	for name, c := range map[string]struct {
		in     exam.IncidentInput
		fields []string
	}{
		"nothing":          {exam.IncidentInput{}, []string{"kind", "at", "description"}},
		"unknown kind":     {exam.IncidentInput{Kind: "riot", At: at(day1, 9, 0).Format(time.RFC3339), Description: "x"}, []string{"kind"}},
		"before":           {exam.IncidentInput{Kind: "other", At: at(day1-1, 23, 59).Format(time.RFC3339), Description: "x"}, []string{"at"}},
		"in the future":    {exam.IncidentInput{Kind: "other", At: at(day3, 17, 1).Format(time.RFC3339), Description: "x"}, []string{"at"}},
		"unknown sitting":  {exam.IncidentInput{Kind: "other", At: at(day1, 9, 0).Format(time.RFC3339), Description: "x", Sitting: "qp"}, []string{"sitting"}},
		"fraud, nobody":    {exam.IncidentInput{Kind: "fraud_suspicion", At: at(day1, 9, 0).Format(time.RFC3339), Description: "x"}, []string{"candidates"}},
		"candidate twice":  {exam.IncidentInput{Kind: "other", At: at(day1, 9, 0).Format(time.RFC3339), Description: "x", Candidates: []string{string(lea), string(lea)}}, []string{"candidates[1]"}},
		"witness unsigned": {exam.IncidentInput{Kind: "disturbance", At: at(day1, 9, 0).Format(time.RFC3339), Description: "x", Witnesses: []exam.WitnessInput{{Name: "A"}}}, []string{"witnesses[0].signed_at"}},
	} {
		_, err := report(c.in)
		assert.Equal(t, c.fields, fieldsOf(err), name)
	}
	inc, err = report(exam.IncidentInput{Kind: "technical_failure", At: at(day3, 17, 0).Format(time.RFC3339), Description: "Coupure de courant, 12 minutes."})
	require.NoError(t, err, "now")
	inc, err = w.rec.SignIncident(w.f, inc.Number, exam.WitnessInput{Name: "Paul Leroy", SignedAt: at(day3, 17, 0).Format(time.RFC3339)})
	require.NoError(t, err)
	assert.Len(t, inc.Witnesses, 1)
	_, err = w.rec.SignIncident(w.f, inc.Number, exam.WitnessInput{Name: "paul leroy", SignedAt: at(day3, 17, 0).Format(time.RFC3339)})
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)
	_, err = w.rec.SignIncident(w.f, 9, exam.WitnessInput{Name: "x", SignedAt: at(day3, 17, 0).Format(time.RFC3339)})
	assert.ErrorIs(t, err, exam.ErrIncidentNotFound)
}
