package candidate_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func attempt(t *testing.T, in candidate.AttemptInput) candidate.Attempt {
	t.Helper()
	a, err := candidate.ParseAttempt(in, today)
	require.NoError(t, err)
	return a
}

func withAttempts(t *testing.T, c candidate.Candidate, as ...candidate.Attempt) candidate.Candidate {
	t.Helper()
	for _, a := range as {
		require.NoError(t, c.RecordAttempt(a))
	}
	return c
}

func failedTitre(on date.Date) candidate.AttemptInput {
	return candidate.AttemptInput{TitleCode: string(titleCDA), Kind: "titre", On: on.String(), Outcome: "failed"}
}

func TestParseAttemptSuitsTheOutcomeToTheKind(t *testing.T) {
	tests := []struct {
		name   string
		in     candidate.AttemptInput
		fields []string
	}{
		{"partial success lists its CCPs", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "titre", On: "2026-06-12", Outcome: "partial_success"}, []string{"acquired"}},
		{"partial success is a titre's", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "ccp", CCPs: []string{"CCP1"}, On: "2026-06-12", Outcome: "partial_success", Acquired: []string{"CCP1"}}, []string{"outcome"}},
		{"a CCP session names its CCPs", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "ccp", On: "2026-06-12", Outcome: "failed"}, []string{"ccps"}},
		{"a titre names none", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "titre", CCPs: []string{"CCP1"}, On: "2026-06-12", Outcome: "failed"}, []string{"ccps"}},
		{"a failure acquires nothing", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "titre", On: "2026-06-12", Outcome: "failed", Acquired: []string{"CCP1"}}, []string{"acquired"}},
		{"obtained among the CCPs sat", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "ccp", CCPs: []string{"CCP1"}, On: "2026-06-12", Outcome: "obtained", Acquired: []string{"CCP2"}}, []string{"acquired[0]"}},
		{"in the future", candidate.AttemptInput{TitleCode: "TP-01281", Kind: "titre", On: (today + 1).String(), Outcome: "failed"}, []string{"on"}},
		{"everything wrong", candidate.AttemptInput{SessionID: "x", TitleCode: "x", Kind: "x", On: "x", Outcome: "x", CCPs: []string{"A", "A"}}, []string{"session_id", "title_code", "kind", "on", "outcome", "ccps[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := candidate.ParseAttempt(tt.in, today)
			require.ErrorIs(t, err, candidate.ErrInvalidAttempt)
			for _, f := range tt.fields {
				assert.Contains(t, fields(err), f)
			}
		})
	}
	a := attempt(t, candidate.AttemptInput{TitleCode: "TP-01281", Kind: "ccp", CCPs: []string{"CCP1", "CCP3"}, On: today.String(), Outcome: "obtained"})
	assert.Equal(t, []string{"CCP1", "CCP3"}, a.Acquired, "an obtained CCP session acquires its CCPs")
}

func TestRecordAttemptKeepsTheHistoryInOrderAndReplacesCorrections(t *testing.T) {
	c := newCandidate(t, nil)
	sid := "ses_01JN0000000000000000000007"
	c = withAttempts(t, c,
		attempt(t, candidate.AttemptInput{SessionID: sid, TitleCode: "TP-01281", Kind: "titre", On: "2026-06-12", Outcome: "failed"}),
		attempt(t, candidate.AttemptInput{TitleCode: "TP-01281", Revision: "2018", Kind: "titre", On: "2025-03-01", Outcome: "partial_success", Acquired: []string{"CCP2", "CCP3"}}),
	)
	require.Len(t, c.History, 2)
	assert.Equal(t, "2025-03-01", c.History[0].On.String(), "ordered by day")
	c = withAttempts(t, c, attempt(t, candidate.AttemptInput{SessionID: sid, TitleCode: "TP-01281", Kind: "titre", On: "2026-06-12", Outcome: "partial_success", Acquired: []string{"CCP1"}}))
	require.Len(t, c.History, 2, "the same session is corrected, not added")
	assert.Equal(t, candidate.PartialSuccess, c.History[1].Outcome)
	assert.Equal(t, []candidate.AcquiredCCP{
		{Revision: "2018", Code: "CCP2", On: mustDate(t, "2025-03-01")},
		{Revision: "2018", Code: "CCP3", On: mustDate(t, "2025-03-01")},
		{Revision: "", Code: "CCP1", On: mustDate(t, "2026-06-12")},
	}, c.AcquiredCCPs(titleCDA), "acquired CCPs are kept")
	assert.Empty(t, c.AcquiredCCPs("TP-01336"))

	assert.False(t, c.HoldsTitle(titleCDA))
	c = withAttempts(t, c, attempt(t, candidate.AttemptInput{TitleCode: "TP-01281", Kind: "titre", On: "2026-12-01", Outcome: "obtained"}))
	assert.True(t, c.HoldsTitle(titleCDA), "a title obtained is held")

	before := c.Clone()
	revised := c
	require.NoError(t, revised.Revise(validInput(), today))
	assert.Equal(t, before.History, revised.History, "revising the details keeps the history")

	full := newCandidate(t, nil)
	for i := range candidate.MaxAttempts {
		require.NoError(t, full.RecordAttempt(attempt(t, failedTitre(date.New(2020, 1, 1)+date.Date(i)))))
	}
	assert.ErrorIs(t, full.RecordAttempt(attempt(t, failedTitre(today))), candidate.ErrInvalidAttempt)
}

func TestResitRuleOnBothSidesOfTheYear(t *testing.T) {
	failedOn := date.New(2026, 2, 27) // ResitUntil: 2027-02-27; the session starts 2027-03-01
	require.Equal(t, date.New(2027, 2, 27), candidate.ResitUntil(failedOn))
	sessionOn := func(start date.Date) candidate.Session {
		s := titreSession()
		s.Start, s.End = start, start+2
		return s
	}
	training := func(from, until string) func(*candidate.CandidateInput) {
		return func(in *candidate.CandidateInput) {
			in.Trainings = []candidate.TrainingInput{{Organisation: "Lyon Formation", From: from, Until: until}}
		}
	}
	tests := []struct {
		name    string
		route   string
		change  func(*candidate.CandidateInput)
		outcome string
		start   date.Date
		want    error
	}{
		{"within the year", "formation", nil, "failed", date.New(2027, 2, 26), nil},
		{"on the last day of the year", "formation", nil, "failed", date.New(2027, 2, 27), nil},
		{"the day after", "formation", nil, "failed", date.New(2027, 2, 28), candidate.ErrResitNeedsTraining},
		{"absent counts as failed", "formation", nil, "absent", date.New(2027, 3, 1), candidate.ErrResitNeedsTraining},
		{"apprenticeship is a training route", "apprentissage", nil, "failed", date.New(2027, 3, 1), candidate.ErrResitNeedsTraining},
		{"a training ending after the failure", "formation", training("2026-01-05", "2026-02-28"), "failed", date.New(2027, 3, 1), nil},
		{"a training ending on the failure day is not since", "formation", training("2025-09-01", "2026-02-27"), "failed", date.New(2027, 3, 1), candidate.ErrResitNeedsTraining},
		{"partial success is not a failure", "formation", nil, "partial_success", date.New(2027, 3, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCandidate(t, func(in *candidate.CandidateInput) {
				in.Route = tt.route
				if tt.change != nil {
					tt.change(in)
				}
			})
			in := candidate.AttemptInput{TitleCode: string(titleCDA), Kind: "titre", On: failedOn.String(), Outcome: tt.outcome}
			if tt.outcome == "partial_success" {
				in.Acquired = []string{"CCP1"}
			}
			c = withAttempts(t, c, attempt(t, in))
			err := candidate.CheckEligibility(c, sessionOn(tt.start))
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			msg := tpsession.MessageOf(err)
			assert.Contains(t, msg, failedOn.String(), "names the failure")
			assert.Contains(t, msg, tt.start.String(), "names the session")
			assert.Contains(t, msg, "2027-02-27", "names the end of the re-sit window")
		})
	}

	vae := newCandidate(t, func(in *candidate.CandidateInput) { in.Route = "vae"; in.VAERecevabiliteOn = "2026-12-01" })
	vae = withAttempts(t, vae, attempt(t, failedTitre(failedOn)))
	assert.NoError(t, candidate.CheckEligibility(vae, sessionOn(date.New(2027, 3, 1))), "the rule is a training route's")

	later := withAttempts(t, newCandidate(t, nil), attempt(t, failedTitre(failedOn)),
		attempt(t, candidate.AttemptInput{TitleCode: string(titleCDA), Kind: "ccp", CCPs: []string{"CCP1"}, On: "2026-06-01", Outcome: "obtained"}))
	assert.NoError(t, candidate.CheckEligibility(later, sessionOn(date.New(2027, 3, 1))), "a later success is the last session")

	other := withAttempts(t, newCandidate(t, nil), attempt(t, candidate.AttemptInput{TitleCode: "TP-01336", Kind: "titre", On: failedOn.String(), Outcome: "failed"}))
	assert.NoError(t, candidate.CheckEligibility(other, sessionOn(date.New(2027, 3, 1))), "another title's failure")
}

// TestResitRuleOnGeneratedHistories checks the rule on random histories
// against its plainest reading.
func TestResitRuleOnGeneratedHistories(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	outcomes := []string{"failed", "absent", "obtained", "partial_success"}
	for range 2000 {
		c := newCandidate(t, func(in *candidate.CandidateInput) {
			if rng.IntN(2) == 0 {
				until := date.New(2025, 1, 1) + date.Date(rng.IntN(800))
				in.Trainings = []candidate.TrainingInput{{Organisation: "OF", From: (until - 100).String(), Until: until.String()}}
			}
		})
		var last *candidate.Attempt
		for range rng.IntN(4) {
			on := date.New(2025, 1, 1) + date.Date(rng.IntN(700))
			in := candidate.AttemptInput{TitleCode: string(titleCDA), Kind: "titre", On: on.String(), Outcome: outcomes[rng.IntN(4)]}
			if in.Outcome == "partial_success" {
				in.Acquired = []string{"CCP1"}
			}
			a := attempt(t, in)
			require.NoError(t, c.RecordAttempt(a))
		}
		s := titreSession()
		s.Start = date.New(2026, 1, 1) + date.Date(rng.IntN(500))
		s.End = s.Start
		for i := range c.History {
			if c.History[i].On < s.Start {
				last = &c.History[i]
			}
		}
		refused := last != nil && (last.Outcome == candidate.Failed || last.Outcome == candidate.Absent) &&
			s.Start > tpsession.AddMonths(last.On, 12) && c.TrainingEndedOn() <= last.On
		err := candidate.CheckEligibility(c, s)
		require.Equal(t, refused, err != nil, "history %v, training until %s, session %s: %v", c.History, c.TrainingEndedOn(), s.Start, err)
	}
}

func TestTrainingsAreParsedWithTheirTrainers(t *testing.T) {
	c := newCandidate(t, func(in *candidate.CandidateInput) {
		in.Trainings = []candidate.TrainingInput{
			{Organisation: "Lyon Formation", SIRET: siretA, From: "2026-01-05", Until: "2026-12-18",
				Trainers: []candidate.TrainerInput{{Name: "Paul Girard", Email: "Paul.Girard@Example.fr"}, {Name: "Ana Ruiz", Email: "ana@example.fr"}}},
			{Organisation: "Autre", From: "2024-01-05", Until: "2024-06-30", Trainers: []candidate.TrainerInput{{Name: "Paul", Email: "paul.girard@example.fr"}}},
		}
	})
	assert.Equal(t, []string{"ana@example.fr", "paul.girard@example.fr"}, c.TrainerEmails(), "lower case, each once")
	assert.Equal(t, []tpsession.SIRET{siretA}, c.TrainingSIRETs())
	assert.Equal(t, date.New(2026, 12, 18), c.TrainingEndedOn())
	assert.True(t, c.TrainingStartedBy(date.New(2024, 1, 5)))
	assert.False(t, c.TrainingStartedBy(date.New(2024, 1, 4)))

	_, err := candidate.NewCandidate(centre, candidateID, func() candidate.CandidateInput {
		in := validInput()
		in.Trainings = []candidate.TrainingInput{{SIRET: "123", From: "2026-02-01", Until: "2026-01-01",
			Trainers: []candidate.TrainerInput{{Name: "", Email: "nope"}, {Name: "A", Email: "a@b.fr"}, {Name: "B", Email: "A@B.fr"}}}}
		return in
	}(), today)
	require.ErrorIs(t, err, candidate.ErrInvalidCandidate)
	for _, f := range []string{"trainings[0].organisation", "trainings[0].siret", "trainings[0].until", "trainings[0].trainers[0].name",
		"trainings[0].trainers[0].email", "trainings[0].trainers[2].email"} {
		assert.Contains(t, fields(err), f)
	}
}

func TestProlongationOpensTheSessionTitreToSomeCandidatesOnly(t *testing.T) {
	end := date.New(2027, 2, 15) // the session starts 2027-03-01, in the délai
	s := titreSession()
	s.ValidUntil = end
	require.True(t, s.InProlongation())

	untrained := newCandidate(t, nil)
	err := candidate.CheckEligibility(untrained, s)
	require.ErrorIs(t, err, candidate.ErrNotEligibleInProlongation)
	assert.Contains(t, tpsession.MessageOf(err), end.String())

	startedBy := func(from string) candidate.Candidate {
		return newCandidate(t, func(in *candidate.CandidateInput) {
			in.Trainings = []candidate.TrainingInput{{Organisation: "OF", From: from, Until: "2027-02-26"}}
		})
	}
	assert.NoError(t, candidate.CheckEligibility(startedBy("2027-02-15"), s), "training started on the last valid day")
	assert.ErrorIs(t, candidate.CheckEligibility(startedBy("2027-02-16"), s), candidate.ErrNotEligibleInProlongation, "the day after")

	failed := withAttempts(t, newCandidate(t, nil), attempt(t, failedTitre(date.New(2026, 12, 1))))
	assert.NoError(t, candidate.CheckEligibility(failed, s), "a candidate who failed before the end")

	vae := func(on string) candidate.Candidate {
		return newCandidate(t, func(in *candidate.CandidateInput) { in.Route = "vae"; in.VAERecevabiliteOn = on })
	}
	assert.NoError(t, candidate.CheckEligibility(vae("2027-01-10"), s))

	s.ValidUntil = start // the session starts on the last valid day: not in the délai
	assert.False(t, s.InProlongation())
	assert.NoError(t, candidate.CheckEligibility(untrained, s))
}

func TestRegistrationToASessionTitreOfTheProlongationClosesWithTheValidity(t *testing.T) {
	s := titreSession()
	s.ValidUntil = date.New(2027, 1, 10) // registeredAt is on 2027-01-10
	c := newCandidate(t, func(in *candidate.CandidateInput) {
		in.Trainings = []candidate.TrainingInput{{Organisation: "OF", From: "2026-09-01", Until: "2027-02-20"}}
	})
	_, err := candidate.Register(regID, s, c, nil, registeredAt, candidate.Request{})
	assert.NoError(t, err, "registered on the last valid day")
	_, err = candidate.Register(regID, s, c, nil, registeredAt.Add(24*time.Hour), candidate.Request{})
	require.ErrorIs(t, err, candidate.ErrRegisteredAfterValidity)
	assert.Contains(t, tpsession.MessageOf(err), "2027-01-11")

	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	s.Location = paris
	lateEvening := time.Date(2027, 1, 10, 23, 30, 0, 0, time.UTC) // already the 11th in Paris
	_, err = candidate.Register(regID, s, c, nil, lateEvening, candidate.Request{})
	assert.ErrorIs(t, err, candidate.ErrRegisteredAfterValidity, "the day is read in the session's time zone")
}

func ccpSession(ccps ...string) candidate.Session {
	s := titreSession()
	s.Kind = tpsession.KindCCP
	s.CCPs = ccps
	return s
}

func TestCCPSessionsAreLimitedToTheCCPsTheCandidateLacks(t *testing.T) {
	c := newCandidate(t, nil)
	s := ccpSession("CCP1", "CCP2", "CCP3")
	tests := []struct {
		name string
		req  candidate.Request
		want []string
		err  error
	}{
		{"nothing held: every CCP", candidate.Request{}, []string{"CCP1", "CCP2", "CCP3"}, nil},
		{"the missing ones", candidate.Request{Held: []string{"CCP2"}}, []string{"CCP1", "CCP3"}, nil},
		{"those asked", candidate.Request{CCPs: []string{"CCP3"}, Held: []string{"CCP2"}}, []string{"CCP3"}, nil},
		{"one asked is held", candidate.Request{CCPs: []string{"CCP2"}, Held: []string{"CCP2"}}, nil, candidate.ErrCCPAlreadyHeld},
		{"every one held", candidate.Request{Held: []string{"CCP1", "CCP2", "CCP3"}}, nil, candidate.ErrNoCCPLeft},
		{"one the session does not evaluate", candidate.Request{CCPs: []string{"CCP4"}}, nil, candidate.ErrInvalidRegistration},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := candidate.Register(regID, s, c, nil, registeredAt, tt.req)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, r.CCPs)
		})
	}
	_, err := candidate.Register(regID, titreSession(), c, nil, registeredAt, candidate.Request{CCPs: []string{"CCP1"}})
	assert.ErrorIs(t, err, candidate.ErrInvalidRegistration, "a session titre names no CCP")
	r, err := candidate.Register(regID, ccpSession(), c, nil, registeredAt, candidate.Request{CCPs: []string{"CCP9"}})
	require.NoError(t, err, "a session that does not list its CCPs accepts those asked")
	assert.Equal(t, []string{"CCP9"}, r.CCPs)
}

func TestCCPSessionsOfTheProlongationAreForCandidatesInPartialSuccess(t *testing.T) {
	s := ccpSession("CCP1", "CCP2")
	s.ValidUntil = start - 1
	c := newCandidate(t, nil)
	_, err := candidate.Register(regID, s, c, nil, registeredAt, candidate.Request{})
	require.ErrorIs(t, err, candidate.ErrNotEligibleInProlongation)
	r, err := candidate.Register(regID, s, c, nil, registeredAt, candidate.Request{Held: []string{"CCP1"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"CCP2"}, r.CCPs)
}

func TestModalityPerCandidate(t *testing.T) {
	c := newCandidate(t, nil)
	onSite := titreSession()
	r, err := candidate.Register(regID, onSite, c, nil, registeredAt, candidate.Request{})
	require.NoError(t, err)
	assert.Equal(t, tpsession.OnSite, r.Modality)
	_, err = candidate.Register(regID, onSite, c, nil, registeredAt, candidate.Request{Modality: tpsession.Remote})
	assert.ErrorIs(t, err, candidate.ErrRemoteInOnSiteSession)
	_, err = candidate.Register(regID, onSite, c, nil, registeredAt, candidate.Request{Modality: "visio"})
	assert.ErrorIs(t, err, candidate.ErrInvalidRegistration)

	remote := titreSession()
	remote.Modality = tpsession.Remote
	r, err = candidate.Register(regID, remote, c, nil, registeredAt, candidate.Request{})
	require.NoError(t, err)
	assert.Equal(t, tpsession.Remote, r.Modality, "the session's by default")
	r, err = candidate.Register(regID, remote, c, nil, registeredAt, candidate.Request{Modality: tpsession.OnSite})
	require.NoError(t, err)
	assert.Equal(t, tpsession.OnSite, r.Modality, "a candidate may sit on site in a remote session")
}
