package candidate_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// movedTo returns the fixture session with new first and last days.
func movedTo(from, until date.Date) candidate.Session {
	s := titreSession()
	s.Start, s.End = from, until
	return s
}

// The convocation is validated on 2027-01-28, 32 days ahead, and convokes
// on 2027-03-01 at 08:30, for the session from 2027-03-01 to 2027-03-03.
func TestBrokenConvocations(t *testing.T) {
	validatedDay := date.New(2027, 1, 28)
	tests := []struct {
		name           string
		moved          candidate.Session
		tooLate        bool
		outsideSession bool
	}{
		{"same dates", titreSession(), false, false},
		{"longer session", movedTo(start, start+4), false, false},
		{"a day earlier, still 31 days after the validation", movedTo(start-1, start+2), false, false},
		{"two days earlier, 30 days after the validation", movedTo(start-2, start+2), true, false},
		{"one day later, the appointment before the first day", movedTo(start+1, start+3), false, true},
		{"shortened to before the appointment", movedTo(start-3, start-1), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validatedOn(t, validatedDay)
			broken := candidate.BrokenConvocations([]candidate.Registration{r}, tt.moved, candidate.ConvocationPolicy{})
			if !tt.tooLate && !tt.outsideSession {
				assert.Empty(t, broken)
				assert.NoError(t, candidate.CheckSessionChange([]candidate.Registration{r}, tt.moved, candidate.ConvocationPolicy{}))
				return
			}
			require.Len(t, broken, 1)
			assert.Equal(t, candidate.BrokenConvocation{
				Registration:      regID,
				Candidate:         candidateID,
				ValidatedOn:       validatedDay,
				Appointment:       completeDetails().First(),
				LastValidationDay: tt.moved.Start - candidate.ConvocationLeadDays,
				TooLate:           tt.tooLate,
				OutsideSession:    tt.outsideSession,
			}, broken[0])
			err := candidate.CheckSessionChange([]candidate.Registration{r}, tt.moved, candidate.ConvocationPolicy{})
			assert.ErrorIs(t, err, candidate.ErrSessionChangeBreaksConvocations)
			assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
		})
	}
}

func TestBrokenConvocationsIgnoresDraftsAndWithdrawals(t *testing.T) {
	draft := drafted(t)
	withdrawn := validatedOn(t, today)
	require.NoError(t, withdrawn.Withdraw(registeredAt.Add(time.Hour), ""))
	none := register(t)
	ofAnotherSession := validatedOn(t, today)
	ofAnotherSession.Session = "ses_01JN0000000000000000000002"

	moved := movedTo(start+7, start+9) // every appointment now falls outside
	regs := []candidate.Registration{draft, withdrawn, none, ofAnotherSession}
	assert.Empty(t, candidate.BrokenConvocations(regs, moved, candidate.ConvocationPolicy{}))
}

func TestBrokenConvocationsKeepsTheOrderOfTheRegistrations(t *testing.T) {
	first := validatedOn(t, date.New(2027, 1, 23))
	first.ID, first.Candidate = "reg_01JN0000000000000000000002", "can_01JN0000000000000000000002"
	kept := validatedOn(t, date.New(2027, 1, 5))
	second := validatedOn(t, date.New(2027, 1, 25))

	moved := movedTo(start-7, start+2) // last validation day 2027-01-22
	broken := candidate.BrokenConvocations([]candidate.Registration{first, kept, second}, moved, candidate.ConvocationPolicy{})
	require.Len(t, broken, 2)
	assert.Equal(t, first.ID, broken[0].Registration)
	assert.Equal(t, second.ID, broken[1].Registration)
}

func TestCheckSessionChangeStatesTheFacts(t *testing.T) {
	r := validatedOn(t, date.New(2027, 1, 29))
	moved := movedTo(date.New(2027, 2, 15), date.New(2027, 2, 17))

	err := candidate.CheckSessionChange([]candidate.Registration{r}, moved, candidate.ConvocationPolicy{})
	assert.Contains(t, tpsession.MessageOf(err), "for a session from 2027-02-15 to 2027-02-17")
	assert.Contains(t, tpsession.MessageOf(err), "candidate "+string(candidateID)+": validated on 2027-01-29, must be on or before 2027-01-15; convoked on 2027-03-01 at 08:30")
}

func TestCheckSessionChangeAppliesThePolicy(t *testing.T) {
	ccp := titreSession()
	ccp.Kind = tpsession.KindCCP
	r := drafted(t)
	policy := candidate.ConvocationPolicy{CCPLeadDays: 15}
	require.NoError(t, r.ValidateConvocation(start-15, ccp, policy, start-15))

	moved := ccp
	moved.Start = start - 1 // the appointment stays within the session
	assert.ErrorIs(t, candidate.CheckSessionChange([]candidate.Registration{r}, moved, policy), candidate.ErrSessionChangeBreaksConvocations)
	assert.NoError(t, candidate.CheckSessionChange([]candidate.Registration{r}, ccp, policy))
}

func TestCheckSessionChangeRefusesBrokenSessionFacts(t *testing.T) {
	err := candidate.CheckSessionChange(nil, movedTo(start, start-1), candidate.ConvocationPolicy{})
	assert.ErrorIs(t, err, candidate.ErrSessionFacts)
}
