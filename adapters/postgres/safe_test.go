package postgres

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

// assertSafe checks that err is a *tpsession.Error of the kind whose
// message, the part a user may see, says nothing of SQL or of the driver.
func assertSafe(t *testing.T, err error, kind tpsession.Kind) {
	t.Helper()
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok, "a *tpsession.Error, got %T: %v", err, err)
	assert.Equal(t, kind, e.Kind)
	assert.NotEmpty(t, e.Message)
	for _, leak := range []string{"SQL", "pgx", "SELECT", "UPDATE", "INSERT", "constraint", "SQLSTATE", "syntax", "relation"} {
		assert.NotContains(t, e.Message, leak, "the message shown to a user")
	}
}
