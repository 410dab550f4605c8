package records

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
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

func TestInvitationChanges(t *testing.T) {
	inv := func(ms ...tpsession.MemberID) jury.SessionJury {
		j := jury.SessionJury{}
		for _, m := range ms {
			j.Invitations = append(j.Invitations, jury.Invitation{Member: m})
		}
		return j
	}
	for _, c := range []struct {
		name           string
		old            *jury.SessionJury
		new            jury.SessionJury
		added, removed []tpsession.MemberID
	}{
		{"a new record adds each member once", nil, inv("a", "b", "a"), []tpsession.MemberID{"a", "b"}, nil},
		{"an answer changes nothing", &jury.SessionJury{Invitations: []jury.Invitation{{Member: "a"}}}, inv("a"), nil, nil},
		{"a member replaced", ptr(inv("a", "b")), inv("c", "b"), []tpsession.MemberID{"c"}, []tpsession.MemberID{"a"}},
		{"every member dropped, one listed twice", ptr(inv("a", "a")), inv(), nil, []tpsession.MemberID{"a"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			added, removed := InvitationChanges(c.old, c.new)
			assert.Equal(t, c.added, added)
			assert.Equal(t, c.removed, removed)
		})
	}
}

func ptr[T any](v T) *T { return &v }
