package session_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

// TestSittingsFromThePlan: the plan's épreuves become the session's
// sittings, each registered candidate in one sitting per épreuve the plan
// gives them, the entretien final marked; recorded at once, all or none.
func TestSittingsFromThePlan(t *testing.T) {
	p := newPlanned(t, 4, nil)
	ins, err := p.svc.PlanSittings(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	require.NotEmpty(t, ins)

	// Each candidate sits each épreuve the plan gives them once.
	numbers, err := p.svc.PlanCandidates(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	want := map[string]int{} // candidate → épreuve entries in the plan
	for _, day := range p.rec.Schedule().Days {
		for _, a := range day.Candidates {
			for _, e := range a.Entries {
				if e.Task == "" {
					want[string(numbers[a.Number-1])]++
				}
			}
		}
	}
	got, finals := map[string]int{}, 0
	for key, st := range ins {
		assert.Regexp(t, `^[a-z0-9][a-z0-9-]*-\d{8}-\d{4}(-p\d+)?$`, key)
		assert.Equal(t, st.Final, st.Epreuve == p.rec.Input.Epreuves[p.rec.Input.Final()].ID, key)
		if st.Final {
			finals++
			assert.Len(t, st.Candidates, 1, "one candidate's entretien final")
		}
		for _, c := range st.Candidates {
			got[c]++
		}
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 4, finals)

	// Recorded at once, and again: the same sittings, replaced.
	for range 2 {
		out, err := p.svc.SittingsFromPlan(p.ctx, admin, p.ses.ID)
		require.NoError(t, err)
		assert.Len(t, out, len(ins))
		st, err := p.svc.Exam(p.ctx, admin, p.ses.ID)
		require.NoError(t, err)
		assert.Len(t, st.Record.Sittings, len(ins))
	}
}

func TestSittingsFromThePlanAllOrNone(t *testing.T) {
	// No plan: refused.
	f := newFixture(t, date.New(2026, time.November, 16))
	ses := f.session()
	_, err := f.svc.SittingsFromPlan(f.ctx, admin, ses.ID)
	require.ErrorIs(t, err, session.ErrNotPlanned)
	ins, err := f.svc.PlanSittings(f.ctx, admin, ses.ID)
	require.NoError(t, err)
	assert.Nil(t, ins)

	// A sitting recorded by hand that clashes with the plan's: refused,
	// naming the plan's sitting, and nothing recorded.
	p := newPlanned(t, 2, nil)
	ins, err = p.svc.PlanSittings(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	var first exam.SittingInput
	for _, st := range ins {
		first = st
		break
	}
	clash := first
	clash.Label = "Épreuve déplacée"
	_, err = p.svc.PutSitting(p.ctx, admin, p.ses.ID, "a-la-main", clash)
	require.NoError(t, err)
	_, err = p.svc.SittingsFromPlan(p.ctx, admin, p.ses.ID)
	require.ErrorIs(t, err, exam.ErrSittingClash)
	assert.Contains(t, tpsession.MessageOf(err), "the plan's sitting")
	assert.True(t, strings.Contains(tpsession.MessageOf(err), first.Day))
	st, err := p.svc.Exam(p.ctx, admin, p.ses.ID)
	require.NoError(t, err)
	require.Len(t, st.Record.Sittings, 1, "none of the plan's sittings is recorded")
	assert.Equal(t, "a-la-main", st.Record.Sittings[0].Key)
}
