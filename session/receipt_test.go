package session_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/session"
)

func TestIdempotentKeepsTheAnswerADay(t *testing.T) {
	f := newFixture(t, date.New(2026, time.November, 16))
	runs := 0
	act := func(context.Context) ([]byte, error) { runs++; return []byte{byte(runs)}, nil }
	answer, replayed, err := f.svc.Idempotent(f.ctx, admin, "k", "fp", act)
	require.NoError(t, err)
	assert.False(t, replayed)
	assert.Equal(t, []byte{1}, answer)

	f.clock.Set(f.clock.Now().Add(session.ReceiptLifetime - time.Millisecond))
	answer, replayed, err = f.svc.Idempotent(f.ctx, admin, "k", "fp", act)
	require.NoError(t, err)
	assert.True(t, replayed)
	assert.Equal(t, []byte{1}, answer)
	_, _, err = f.svc.Idempotent(f.ctx, admin, "k", "another", act)
	assert.ErrorIs(t, err, session.ErrKeyReused)
	_, replayed, err = f.svc.Idempotent(f.ctx, other, "k", "another", act)
	require.NoError(t, err)
	assert.False(t, replayed, "another centre's key")

	f.clock.Set(f.clock.Now().Add(time.Millisecond))
	answer, replayed, err = f.svc.Idempotent(f.ctx, admin, "k", "another", act)
	require.NoError(t, err)
	assert.False(t, replayed, "after a day the key is free")
	assert.Equal(t, []byte{3}, answer)
	assert.Equal(t, 3, runs)

	for _, key := range []string{"", strings.Repeat("k", session.MaxKeyLen+1)} {
		_, _, err := f.svc.Idempotent(f.ctx, admin, key, "fp", act)
		assert.ErrorIs(t, err, session.ErrInvalidKey)
	}
	_, _, err = f.svc.Idempotent(f.ctx, admin, strings.Repeat("k", session.MaxKeyLen), "fp", act)
	assert.NoError(t, err)
}
