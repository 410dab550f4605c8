package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

const sample = "../../session/plan/testdata/CDA-N12-tight-H420-typical.min_juries.json"

func TestRunWritesTheJSONPlan(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{sample}, strings.NewReader(""), &out))
	var p plan.Plan
	require.NoError(t, json.Unmarshal(out.Bytes(), &p))
	assert.True(t, p.Feasible)
	assert.Equal(t, 2, p.Juries)
	assert.Equal(t, 4, p.Members)
	assert.Equal(t, plan.LowerBounds{Days: 3, Juries: 2}, p.LowerBounds)
}

func TestRunReadsStdinAndPrintsTheDeroule(t *testing.T) {
	data, err := os.ReadFile(sample)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-text"}, bytes.NewReader(data), &out))
	assert.True(t, strings.HasPrefix(out.String(), "Déroulé de session — Concepteur développeur d'applications (TP-01281)\n"))
	assert.Contains(t, out.String(), "Jour 3 — mercredi 3 mars 2027")
}

func TestRunRefusesBadInput(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), nil, strings.NewReader(`{"candidates": 0}`), &out)
	assert.ErrorIs(t, err, plan.ErrInvalidInput)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
	assert.Error(t, run(context.Background(), []string{"-nope"}, strings.NewReader(""), &out))
	assert.Error(t, run(context.Background(), []string{"a.json", "b.json"}, strings.NewReader(""), &out))
	assert.Error(t, run(context.Background(), []string{"missing.json"}, strings.NewReader(""), &out))
}

// TestHelp: -h and -help print the usage and the flags on stdout and
// succeed, so the program exits 0, without reading stdin.
func TestHelp(t *testing.T) {
	for _, flag := range []string{"-h", "-help", "--help"} {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), []string{flag}, strings.NewReader("not json"), &out), flag)
		assert.Contains(t, out.String(), "usage: plan", flag)
		assert.Contains(t, out.String(), "-text", flag)
	}
}
