package records

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The golden records, which pin every aggregate's stored form, are in
// adapters/sqlite's tests (TestRecords): they were written there first.

func TestDecimalsKeepTheirScale(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.New(18000, -2), decimal.New(180, 0), decimal.New(18, 1), decimal.New(-5, -3), decimal.New(18, 2)} {
		var dec decoder
		got := dec.decimal(exactDecimal(decimal.NewNullDecimal(d)))
		require.NoError(t, dec.err)
		assert.Equal(t, d, got.Decimal, "%s", d)
	}
}
