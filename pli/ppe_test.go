package pli_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/pli"
)

func TestRecordPPE(t *testing.T) {
	at := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
	p, err := pli.New("centre-a", "pli_01JN0000000000000000000001", "ses_01JN0000000000000000000001")
	require.NoError(t, err)
	assert.ErrorIs(t, p.RecordPPE([]string{"Gants"}, at, "Claire"), pli.ErrOutOfOrder, "before the pli is even ordered")
	require.NoError(t, p.Order(date.New(2026, 12, 1), date.New(2027, 1, 1), at, "Claire"))
	require.NoError(t, p.ReceiveAndRead(date.New(2027, 1, 20), date.New(2027, 2, 1), []pli.Material{{Name: "Établi", Quantity: 4}}, at.Add(time.Minute), "Claire"))

	err = p.RecordPPE([]string{"Gants", " gants ", ""}, at.Add(2*time.Minute), "Claire")
	require.ErrorIs(t, err, pli.ErrInvalid)
	assert.Empty(t, p.PPE, "a refused list records nothing")

	require.NoError(t, p.RecordPPE([]string{"Chaussures de sécurité", "Gants"}, at.Add(2*time.Minute), "Claire"))
	assert.Equal(t, []string{"Chaussures de sécurité", "Gants"}, p.PPE)
	require.NoError(t, p.RecordPPE([]string{"Lunettes"}, at.Add(3*time.Minute), "Claire"))
	assert.Equal(t, []string{"Lunettes"}, p.PPE, "a correction replaces the list")
	last := p.Custody[len(p.Custody)-1]
	assert.Equal(t, pli.ActionPPERecorded, last.Action)
	assert.Contains(t, last.Detail, "Lunettes")
	require.NoError(t, p.Custody.Verify())

	clone := p.Clone()
	clone.PPE[0] = "changed"
	assert.Equal(t, "Lunettes", p.PPE[0])
}
