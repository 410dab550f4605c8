package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

func testReceipts(t *testing.T, open Open) {
	ctx := context.Background()
	receipt := func(key string, at time.Time) session.Receipt {
		return session.Receipt{Centre: CentreA, Key: key, Fingerprint: "fp-" + key, Answer: []byte(`{"status":201}` + "\x00\xff"), At: at}
	}

	t.Run("put then get returns what was stored, in a copy", func(t *testing.T) {
		s := open(t).Receipts
		r := receipt("k1", At)
		require.NoError(t, s.PutReceipt(ctx, r))
		r.Answer[0] = 'X' // the value passed in
		got, err := s.Receipt(ctx, CentreA, "k1")
		require.NoError(t, err)
		assert.Equal(t, receipt("k1", At), got)
		got.Answer[0] = 'Y' // a value returned
		again, err := s.Receipt(ctx, CentreA, "k1")
		require.NoError(t, err)
		assert.Equal(t, receipt("k1", At), again)
	})
	t.Run("an unknown key, or another centre's, is not found", func(t *testing.T) {
		s := open(t).Receipts
		require.NoError(t, s.PutReceipt(ctx, receipt("k1", At)))
		_, err := s.Receipt(ctx, CentreA, "k2")
		assert.ErrorIs(t, err, session.ErrReceiptNotFound)
		_, err = s.Receipt(ctx, CentreB, "k1")
		assert.ErrorIs(t, err, session.ErrReceiptNotFound)
		other := receipt("k1", At)
		other.Centre, other.Fingerprint = CentreB, "theirs"
		require.NoError(t, s.PutReceipt(ctx, other), "keys are per centre")
		mine, err := s.Receipt(ctx, CentreA, "k1")
		require.NoError(t, err)
		assert.Equal(t, "fp-k1", mine.Fingerprint)
	})
	t.Run("a put replaces the receipt of its key", func(t *testing.T) {
		s := open(t).Receipts
		require.NoError(t, s.PutReceipt(ctx, receipt("k1", At)))
		later := receipt("k1", At.Add(25*time.Hour))
		later.Fingerprint, later.Answer = "another", []byte{}
		require.NoError(t, s.PutReceipt(ctx, later))
		got, err := s.Receipt(ctx, CentreA, "k1")
		require.NoError(t, err)
		assert.Equal(t, later, got)
	})
	t.Run("a centre's receipts made before an instant are forgotten", func(t *testing.T) {
		s := open(t).Receipts
		old, edge, recent := receipt("old", At), receipt("edge", At.Add(time.Hour)), receipt("recent", At.Add(2*time.Hour))
		theirs := receipt("theirs", At)
		theirs.Centre = CentreB
		for _, r := range []session.Receipt{old, edge, recent, theirs} {
			require.NoError(t, s.PutReceipt(ctx, r))
		}
		require.NoError(t, s.ForgetReceipts(ctx, CentreA, At.Add(time.Hour)))
		_, err := s.Receipt(ctx, CentreA, "old")
		assert.ErrorIs(t, err, session.ErrReceiptNotFound)
		_, err = s.Receipt(ctx, CentreB, "theirs")
		assert.NoError(t, err, "another centre's receipts are its own")
		require.NoError(t, s.ForgetReceipts(ctx, CentreB, At.Add(time.Hour)))
		_, err = s.Receipt(ctx, CentreB, "theirs")
		assert.ErrorIs(t, err, session.ErrReceiptNotFound)
		for _, k := range []string{"edge", "recent"} {
			_, err := s.Receipt(ctx, CentreA, k)
			assert.NoError(t, err, "%s is kept: it is not before the instant", k)
		}
	})
	t.Run("a cancelled context writes nothing", func(t *testing.T) {
		s := open(t).Receipts
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		assert.Error(t, s.PutReceipt(cancelled, receipt("k1", At)))
		_, err := s.Receipt(ctx, CentreA, "k1")
		assert.ErrorIs(t, err, session.ErrReceiptNotFound)
	})
	t.Run("a receipt is written with the transaction it belongs to", func(t *testing.T) {
		st := open(t)
		if st.Tx == nil {
			t.Skip("the stores offer no transactions")
		}
		err := st.Tx.Atomic(ctx, func(ctx context.Context) error {
			require.NoError(t, st.Receipts.PutReceipt(ctx, receipt("k1", At)))
			return errBoom
		})
		assert.ErrorIs(t, err, errBoom)
		_, err = st.Receipts.Receipt(ctx, CentreA, "k1")
		assert.ErrorIs(t, err, session.ErrReceiptNotFound, "rolled back with its transaction")
	})
}

// testIdempotency runs commands with one idempotency key at once through
// the service over the stores: the command acts once (a store that runs a
// conflicting transaction again undoes the runs it does not keep), and
// every caller gets its answer.
func testIdempotency(t *testing.T, open Open) {
	ctx := context.Background()
	by := session.Actor{Centre: CentreA, Name: "Claire Martin"}
	s := open(t)
	if s.Tx == nil {
		t.Skip("the stores offer no transactions: retries sent at once may run a command more than once")
	}
	svc := serviceOver(t, s)
	var ran atomic.Int64
	const n = 20
	answers := make([][]byte, n)
	errs := simultaneously(n, func(i int) error {
		var err error
		answers[i], _, err = svc.Idempotent(ctx, by, "one-key", "one-request", func(ctx context.Context) ([]byte, error) {
			ran.Add(1)
			c, err := svc.CreateCandidate(ctx, by, candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", Route: "formation"})
			if err != nil {
				return nil, err
			}
			return []byte(c.ID), nil
		})
		return err
	})
	for i, err := range errs {
		require.NoError(t, err, "caller %d", i)
		assert.Equal(t, answers[0], answers[i], "caller %d has the first answer", i)
	}
	assert.Positive(t, ran.Load(), "the command ran (more than once only on a store that runs transactions again)")
	all, err := s.Candidates.CandidatesOfCentre(ctx, CentreA)
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, string(answers[0]), string(all[0].ID))

	_, _, err = svc.Idempotent(ctx, by, "one-key", "another request", func(context.Context) ([]byte, error) {
		t.Fatal("a reused key runs nothing")
		return nil, nil
	})
	assert.ErrorIs(t, err, session.ErrKeyReused)

	// A failed command keeps nothing: the key may be sent again.
	_, _, err = svc.Idempotent(ctx, by, "failing", "fp", func(ctx context.Context) ([]byte, error) {
		if _, err := svc.CreateCandidate(ctx, by, candidate.CandidateInput{FirstName: "Noé", LastName: "Martin", BirthDate: "1990-01-02", Route: "formation"}); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("the answer could not be made")
	})
	require.Error(t, err)
	all, err = s.Candidates.CandidatesOfCentre(ctx, CentreA)
	require.NoError(t, err)
	assert.Len(t, all, 1, "the failed command's candidate was undone")
	got, replayed, err := svc.Idempotent(ctx, by, "failing", "fp", func(context.Context) ([]byte, error) { return []byte("done"), nil })
	require.NoError(t, err)
	assert.False(t, replayed)
	assert.Equal(t, "done", string(got))
}
