package plan_test

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session/plan"
)

// endsAfter is a context that ends after its Err has been asked n times:
// it lets a test end the context in the middle of a computation without
// depending on how fast the machine is.
type endsAfter struct {
	context.Context
	n atomic.Int64
}

func (c *endsAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestComputeStopsWhenItsContextEnds(t *testing.T) {
	// Eight candidates of the CDA sample, as few days as can be: no plan
	// meets the bound of one day, so the search goes on to the end of its
	// budget (a plan at its bounds would end it at once).
	data, err := os.ReadFile("testdata/CDA-N12-tight-H420-typical.min_juries.json")
	require.NoError(t, err)
	in, err := plan.DecodeBytes(data)
	require.NoError(t, err)
	in.Candidates, in.Objective = 8, plan.MinDays

	done, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = plan.ComputeContext(done, in)
	assert.ErrorIs(t, err, plan.ErrCancelled)
	assert.ErrorIs(t, err, context.Canceled)

	// A context that never ends counts the checks of a whole computation.
	whole := &endsAfter{Context: context.Background()}
	const never = 1 << 40
	whole.n.Store(never)
	p, err := plan.ComputeContext(whole, in)
	require.NoError(t, err)
	q, err := plan.Compute(in)
	require.NoError(t, err)
	assert.Equal(t, q, p, "a context that does not end changes nothing")
	checks := never - whole.n.Load()
	require.Greater(t, checks, int64(2), "the computation looks at its context as it goes")

	for _, after := range []int64{0, 1, checks / 2, checks - 1} {
		ctx := &endsAfter{Context: context.Background()}
		ctx.n.Store(after)
		_, err = plan.ComputeContext(ctx, in)
		assert.ErrorIs(t, err, plan.ErrCancelled, "ended after %d of %d checks", after, checks)
	}

	_, err = plan.NewRecord(done, "centre-1", "ses_01JN0000000000000000000001", in, time.Time{})
	assert.ErrorIs(t, err, plan.ErrCancelled)
}
