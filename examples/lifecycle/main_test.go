package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunWalksTheSessionToItsValidatedResults(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), nil, &out))
	text := out.String()

	statuses := []string{"preparation", "declared", "pli_ordered", "convocations_sent", "ready", "opened", "closed", "validated"}
	last := -1
	for _, st := range statuses {
		i := strings.Index(text, "status: "+st+"\n")
		require.GreaterOrEqual(t, i, 0, "the walk reaches %s", st)
		assert.Greater(t, i, last, "%s comes after the previous status", st)
		last = i
	}
	assert.Contains(t, text, "ready to open: false")
	assert.Contains(t, text, "ready to open: true")
	assert.Contains(t, text, "[blocking]")
	assert.Contains(t, text, "plan: 6 candidates over")
	assert.Regexp(t, `open\s+due 2027-03-01  done`, text)
	assert.NotContains(t, text, "overdue", "a centre following the steps misses no deadline")
	assert.Contains(t, text, "late arrival at 09:10: admitted by Claire Martin, 20 minutes left until the unchanged end")
	assert.Contains(t, text, "decision: partial_success, CCPs acquired [CCP1 CCP3]")
	assert.Contains(t, text, "decision: absent")
	assert.Contains(t, text, "procès-verbal: 0 candidate(s) awaiting")
	assert.Contains(t, text, "issued: parchemin")
	assert.Contains(t, text, "issued: livret")
}

func TestRunRefusesArguments(t *testing.T) {
	assert.Error(t, run(context.Background(), []string{"extra"}, &bytes.Buffer{}))
}

// TestHelp: -h and -help print the usage on stdout and succeed, so the
// program exits 0.
func TestHelp(t *testing.T) {
	for _, flag := range []string{"-h", "-help", "--help"} {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), []string{flag}, &out), flag)
		assert.Contains(t, out.String(), "usage: lifecycle", flag)
	}
}
