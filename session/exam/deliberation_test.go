package exam_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

func TestTheJuryDeliberatesWithTwoMembersPresentWithoutConflict(t *testing.T) {
	w := held(t)
	d := w.decide(lea, obtained())
	assert.Equal(t, []tpsession.MemberID{jeanne, paul}, d.Deliberators)
	assert.Equal(t, exam.Basis{Sittings: []string{"msp", "ef"}, EntretienFinal: true, DossierProfessionnel: true, ECF: true}, d.Basis)
	assert.Equal(t, day3, d.Day)

	w = held(t)
	w.away(day3, paul)
	_, err := w.rec.Decide(w.f, jeanne, lea, obtained())
	require.ErrorIs(t, err, exam.ErrNoQuorum, "one member present")
	assert.Contains(t, tpsession.MessageOf(err), "Paul Leroy")
	assert.Contains(t, tpsession.MessageOf(err), "PV de constatation")

	w = held(t)
	w.f.Candidates[0].Conflicted = []tpsession.MemberID{paul}
	_, err = w.rec.Decide(w.f, jeanne, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrNoQuorum, "two present, one in conflict")
	_, err = w.rec.Decide(w.f, paul, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrNotDeliberating, "the member in conflict records nothing")
	w.decide(marc, exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}})

	w = held(t)
	w.f.Rules.Quorum = 3
	_, err = w.rec.Decide(w.f, jeanne, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrNoQuorum, "a centre's quorum of three")
	for i := range w.f.Candidates {
		w.f.Candidates[i].Panel = append(w.f.Candidates[i].Panel, rose)
	}
	w.here(day3, rose)
	d = w.decide(lea, obtained())
	assert.Len(t, d.Deliberators, 3)

	w = held(t)
	_, err = w.rec.Decide(w.f, rose, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrNotDeliberating, "not on the panel")
	_, err = w.rec.Decide(w.f, "", lea, obtained())
	assert.ErrorIs(t, err, exam.ErrNotAJuryMember)
}

func TestTheJuryDeliberatesDuringTheSession(t *testing.T) {
	w := held(t)
	w.on(at(day3+1, 9, 0))
	_, err := w.rec.Decide(w.f, jeanne, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrOutsideSession, "the day after the last")
}

func TestTheJuryDecidesOnCompleteAttendance(t *testing.T) {
	w := newWorld(t, at(day1, 7, 0))
	w.on(at(day1, 17, 0))
	w.here(day1, "", jeanne, paul)
	_, err := w.rec.Decide(w.f, jeanne, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrAttendanceIncomplete, "no sitting")
	w.sitting("msp", day1, "09:00", "12:00", false, lea)
	w.sitting("ef", day1, "14:00", "15:00", true, lea)
	w.present("msp", lea)
	_, err = w.rec.Decide(w.f, jeanne, lea, obtained())
	require.ErrorIs(t, err, exam.ErrAttendanceIncomplete)
	assert.Contains(t, tpsession.MessageOf(err), "ef")
	w.absent("ef", lea)

	_, err = w.rec.Decide(w.f, jeanne, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrBasisMissing, "the title without the entretien final")
	_, err = w.rec.Decide(w.f, jeanne, lea, exam.DecisionInput{Outcome: "absent"})
	assert.ErrorIs(t, err, exam.ErrOutcomeMismatch, "she sat the msp")
	partial := exam.DecisionInput{Outcome: "partial_success", DossierProfessionnel: true, ECF: true,
		CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}}}
	d := w.decide(lea, partial)
	assert.Equal(t, []string{"msp"}, d.Basis.Sittings)
	assert.False(t, d.Basis.EntretienFinal)

	w.sitting("qp", day1, "12:00", "13:00", false, marc)
	w.absent("qp", marc)
	_, err = w.rec.Decide(w.f, jeanne, marc, exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}})
	assert.ErrorIs(t, err, exam.ErrOutcomeMismatch, "he sat nothing: absent")
	d = w.decide(marc, exam.DecisionInput{Outcome: "absent"})
	assert.Empty(t, d.Basis.Sittings)
}

func TestTheJuryAcquiresOnlyWhatItHasGroundsFor(t *testing.T) {
	for _, c := range []struct {
		name string
		cand tpsession.CandidateID
		in   exam.DecisionInput
		err  error
	}{
		{"obtained on the full basis", lea, obtained(), nil},
		{"no dossier professionnel", lea, exam.DecisionInput{Outcome: "obtained", ECF: true, CCPs: obtained().CCPs}, exam.ErrBasisMissing},
		{"no ECF for a training route", lea, exam.DecisionInput{Outcome: "obtained", DossierProfessionnel: true, CCPs: obtained().CCPs}, exam.ErrBasisMissing},
		{"a VAE candidate needs no ECF", marc, exam.DecisionInput{Outcome: "obtained", DossierProfessionnel: true, CCPs: obtained().CCPs}, nil},
		{"a VAE candidate has no ECF", marc, obtained(), exam.ErrInvalidInput},
		{"a failure needs no ground", lea, exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}}, nil},
		{"a partial success acquires", lea, exam.DecisionInput{Outcome: "partial_success", ECF: true, CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}}}, exam.ErrBasisMissing},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := held(t)
			_, err := w.rec.Decide(w.f, jeanne, c.cand, c.in)
			if c.err == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, c.err)
				assert.Empty(t, w.rec.Decisions, "nothing recorded")
			}
		})
	}
}

func TestTheOutcomeFollowsFromTheCCPs(t *testing.T) {
	res := func(acq ...bool) []exam.CCPResultInput {
		out := []exam.CCPResultInput{}
		for i, a := range acq {
			out = append(out, exam.CCPResultInput{Code: []string{"CCP1", "CCP2"}[i], Acquired: a})
		}
		return out
	}
	dec := func(outcome string, ccps []exam.CCPResultInput, reasons string) exam.DecisionInput {
		return exam.DecisionInput{Outcome: outcome, CCPs: ccps, DossierProfessionnel: true, ECF: true, Reasons: reasons}
	}
	for _, c := range []struct {
		name   string
		kind   tpsession.SessionKind
		in     exam.DecisionInput
		fields []string
	}{
		{"titre obtained, all", tpsession.KindTitre, dec("obtained", res(true, true), ""), nil},
		{"titre obtained, one missing", tpsession.KindTitre, dec("obtained", res(true, false), ""), []string{"outcome"}},
		{"titre partial, one", tpsession.KindTitre, dec("partial_success", res(true, false), ""), nil},
		{"titre partial, none", tpsession.KindTitre, dec("partial_success", res(false, false), ""), []string{"outcome"}},
		{"titre partial, all, no reasons", tpsession.KindTitre, dec("partial_success", res(true, true), ""), []string{"reasons"}},
		{"titre partial, all, with reasons", tpsession.KindTitre, dec("partial_success", res(true, true), "entretien final insuffisant"), nil},
		{"titre failed, none", tpsession.KindTitre, dec("failed", res(false, false), ""), nil},
		{"titre failed, one", tpsession.KindTitre, dec("failed", res(true, false), ""), []string{"outcome"}},
		{"titre, a CCP missing", tpsession.KindTitre, dec("failed", res(false), ""), []string{"ccps"}},
		{"titre, an unknown CCP", tpsession.KindTitre, dec("failed", append(res(false, false), exam.CCPResultInput{Code: "CCP9"}), ""), []string{"ccps[2].code"}},
		{"titre, a CCP twice", tpsession.KindTitre, dec("failed", append(res(false, false), exam.CCPResultInput{Code: "CCP1"}), ""), []string{"ccps[2].code"}},
		{"CCP obtained, one of two", tpsession.KindCCP, dec("obtained", res(true, false), ""), nil},
		{"CCP obtained, none", tpsession.KindCCP, dec("obtained", res(false, false), ""), []string{"outcome"}},
		{"CCP partial", tpsession.KindCCP, dec("partial_success", res(true, false), ""), []string{"outcome"}},
		{"CCP failed, one", tpsession.KindCCP, dec("failed", res(true, false), ""), []string{"outcome"}},
		{"CCS obtained", tpsession.KindCCS, dec("obtained", nil, ""), nil},
		{"CCS with CCPs", tpsession.KindCCS, dec("obtained", res(true, true), ""), []string{"ccps"}},
		{"unknown outcome", tpsession.KindTitre, dec("maybe", res(true, true), ""), []string{"outcome"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := held(t)
			w.f.Session.Kind = c.kind
			if c.kind == tpsession.KindCCS {
				w.f.Candidates[0].CCPs = nil
			}
			_, err := w.rec.Decide(w.f, jeanne, lea, c.in)
			if c.fields == nil {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, exam.ErrInvalidInput)
			assert.Equal(t, c.fields, fieldsOf(err))
		})
	}
}

func TestATitleTheRegisterDoesNotKnowNamesItsCCPs(t *testing.T) {
	w := held(t)
	w.f.Candidates[0].CCPs = nil
	_, err := w.rec.Decide(w.f, jeanne, lea, exam.DecisionInput{Outcome: "failed"})
	assert.Equal(t, []string{"ccps"}, fieldsOf(err))
	d := w.decide(lea, exam.DecisionInput{Outcome: "partial_success", DossierProfessionnel: true, ECF: true, CCPs: []exam.CCPResultInput{{Code: "Bloc A", Acquired: true}, {Code: "Bloc B"}}})
	assert.Equal(t, []string{"Bloc A"}, d.Acquired())
}

func TestEachDeliberatingMemberSignsOnce(t *testing.T) {
	w := held(t)
	w.decide(lea, obtained())
	_, err := w.rec.Sign(w.f, rose, lea)
	assert.ErrorIs(t, err, exam.ErrNotDeliberating, "not on the panel")
	w.sign(lea, jeanne)
	_, err = w.rec.Sign(w.f, jeanne, lea)
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)
	d, _ := w.rec.Decision(lea)
	assert.Equal(t, []tpsession.MemberID{paul}, d.Unsigned())

	w.f.Candidates[0].Conflicted = []tpsession.MemberID{paul}
	_, err = w.rec.Sign(w.f, paul, lea)
	assert.ErrorIs(t, err, exam.ErrNotDeliberating, "a conflict found since the deliberation")
	w.f.Candidates[0].Conflicted = nil
	w.sign(lea, paul)
	d, _ = w.rec.Decision(lea)
	assert.True(t, d.Signed())

	w.decide(lea, exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}})
	d, _ = w.rec.Decision(lea)
	assert.Empty(t, d.Signatures, "a decision recorded again is signed again")
	_, err = w.rec.Sign(w.f, jeanne, marc)
	assert.ErrorIs(t, err, exam.ErrDecisionNotFound)
}

func TestAMemberWhoDeliberatedCannotBeRecordedAbsentThatDay(t *testing.T) {
	w := held(t)
	w.decide(lea, obtained())
	_, err := w.rec.RecordPresence(w.f, "x", paul, day3, exam.PresenceInput{Status: "absent"})
	assert.ErrorIs(t, err, exam.ErrPresenceRelied)
	_, err = w.rec.RecordPresence(w.f, "x", paul, day1, exam.PresenceInput{Status: "absent"})
	assert.NoError(t, err, "another day")
}

func TestThePVClosesWhenEveryMemberHasSigned(t *testing.T) {
	w := held(t)
	err := w.rec.Close(w.f)
	require.ErrorIs(t, err, exam.ErrPVIncomplete)
	assert.Len(t, w.rec.Pending(w.f), 3)
	for _, c := range []tpsession.CandidateID{lea, marc, nora} {
		in := obtained()
		if c == marc {
			in.ECF = false
		}
		w.decide(c, in)
		w.sign(c, jeanne)
	}
	err = w.rec.Close(w.f)
	require.ErrorIs(t, err, exam.ErrPVIncomplete)
	assert.Contains(t, tpsession.MessageOf(err), "awaits the signature of Paul Leroy")
	w.sign(lea, paul)
	w.sign(marc, paul)
	ps := w.rec.Pending(w.f)
	require.Len(t, ps, 1)
	assert.Equal(t, exam.Pending{Candidate: nora, Unsigned: []tpsession.MemberID{paul}}, ps[0])
	w.sign(nora, paul)
	require.NoError(t, w.rec.Close(w.f))
	assert.True(t, w.rec.Closed())
	assert.ErrorIs(t, w.rec.Close(w.f), exam.ErrPVClosed)
}

func TestAJuryWithoutQuorumGivesAPVDeConstatation(t *testing.T) {
	w := held(t)
	_, err := w.rec.Constate(w.f, "Claire Martin", exam.ConstatationInput{})
	assert.ErrorIs(t, err, exam.ErrQuorumHolds, "both present")

	w = held(t)
	w.away(day3, paul)
	_, err = w.rec.Constate(w.f, "Claire Martin", exam.ConstatationInput{Candidates: []string{string(lea)}, Day: day2.String()})
	require.ErrorIs(t, err, exam.ErrPresenceUnknown, "day 2: nobody's presence recorded")
	assert.Equal(t, []string{"candidates[0]"}, fieldsOf(err))

	k, err := w.rec.Constate(w.f, "Claire Martin", exam.ConstatationInput{Note: "M. Leroy retenu par une grève"})
	require.NoError(t, err)
	assert.Equal(t, []tpsession.CandidateID{lea, marc, nora}, k.Candidates)
	assert.Equal(t, exam.Panel{Deliberators: []tpsession.MemberID{jeanne}, Absent: []tpsession.MemberID{paul}}, k.Panels[0])
	assert.Equal(t, 1, k.Number)

	_, err = w.rec.Decide(w.f, jeanne, lea, obtained())
	assert.ErrorIs(t, err, exam.ErrToReconvene)
	_, err = w.rec.Constate(w.f, "x", exam.ConstatationInput{Candidates: []string{string(lea)}})
	assert.ErrorIs(t, err, exam.ErrAlreadyRecorded)
	assert.Empty(t, w.rec.Pending(w.f), "nothing pending: everyone is to be convened again")
	require.NoError(t, w.rec.Close(w.f))
}

func TestAConstatationSparesTheCandidatesDecided(t *testing.T) {
	w := held(t)
	w.decide(lea, obtained())
	w.sign(lea, jeanne, paul)
	_, err := w.rec.RecordPresence(w.f, "x", paul, day3, exam.PresenceInput{Status: "absent"})
	require.ErrorIs(t, err, exam.ErrPresenceRelied)
	w.on(at(day3, 18, 0))
	w.f.Candidates[1].Conflicted = []tpsession.MemberID{paul}
	_, err = w.rec.Constate(w.f, "x", exam.ConstatationInput{Candidates: []string{string(lea)}})
	assert.ErrorIs(t, err, exam.ErrHasDecision)
	k, err := w.rec.Constate(w.f, "x", exam.ConstatationInput{})
	require.NoError(t, err)
	assert.Equal(t, []tpsession.CandidateID{marc}, k.Candidates, "Marc's panel has one member without conflict")
	assert.Equal(t, exam.Panel{Deliberators: []tpsession.MemberID{jeanne}, Conflicted: []tpsession.MemberID{paul}}, k.Panels[0])
}
