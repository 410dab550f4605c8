package tpsession_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

var errTooLate = tpsession.NewError(tpsession.Rule, "candidate.convocation_too_late", "the convocation is validated too late")

func TestErrorMatchesItsSentinelThroughWrapping(t *testing.T) {
	err := errTooLate.Withf("validated on %s, must be on or before %s", "2027-01-30", "2027-01-29")
	wrapped := fmt.Errorf("registering: %w", err)

	assert.ErrorIs(t, wrapped, errTooLate)
	assert.ErrorIs(t, wrapped, tpsession.ErrRule, "a code-less sentinel matches its kind")
	assert.NotErrorIs(t, wrapped, tpsession.ErrConflict)
	assert.NotErrorIs(t, wrapped, tpsession.NewError(tpsession.Rule, "candidate.other", "x"))

	e, ok := errors.AsType[*tpsession.Error](wrapped)
	require.True(t, ok)
	assert.Equal(t, "validated on 2027-01-30, must be on or before 2027-01-29", e.Message)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(wrapped))
	assert.Equal(t, "candidate.convocation_too_late", tpsession.CodeOf(wrapped))
}

func TestWithMethodsNeverChangeTheSentinel(t *testing.T) {
	_ = errTooLate.Withf("changed").WithFields(tpsession.FieldError{Field: "a", Message: "b"}).Wrap(errors.New("cause"))
	assert.Equal(t, "the convocation is validated too late", errTooLate.Message)
	assert.Empty(t, errTooLate.Fields)
	assert.NoError(t, errTooLate.Err)

	withOne := tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "a", Message: "x"})
	withTwo := withOne.WithFields(tpsession.FieldError{Field: "b", Message: "y"})
	assert.Len(t, withOne.Fields, 1, "adding to a copy does not change the original")
	assert.Len(t, withTwo.Fields, 2)
}

func TestErrorUnwrapsToItsCause(t *testing.T) {
	cause := errors.New("disk full")
	err := tpsession.ErrInternal.Withf("saving failed").Wrap(cause)
	assert.ErrorIs(t, err, cause)
	assert.Equal(t, "internal: saving failed: disk full", err.Error())
}

func TestKindOfAnUnknownErrorIsInternal(t *testing.T) {
	assert.Equal(t, tpsession.Internal, tpsession.KindOf(errors.New("boom")))
	assert.Equal(t, "", tpsession.CodeOf(errors.New("boom")))
	assert.Equal(t, tpsession.NotFound, tpsession.KindOf(fmt.Errorf("x: %w", tpsession.ErrNotFound)))
}

func TestKindNames(t *testing.T) {
	for k, want := range map[tpsession.Kind]string{
		tpsession.Internal: "internal", tpsession.Invalid: "invalid", tpsession.NotFound: "not_found",
		tpsession.Conflict: "conflict", tpsession.Rule: "rule", tpsession.Forbidden: "forbidden",
		tpsession.Kind(42): "kind(42)",
	} {
		assert.Equal(t, want, k.String())
	}
}

func TestFieldErrorsCollectAndPrefix(t *testing.T) {
	var fe tpsession.FieldErrors
	require.NoError(t, fe.Err(tpsession.ErrInvalidInput), "no problem, no error")

	fe.Add("last_name", "is required")
	_, sirErr := tpsession.ParseSIRET("123")
	fe.AddErr("employer_siret", sirErr)
	fe.AddErr("ignored", nil)
	inner := tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "siret", Message: "bad"}, tpsession.FieldError{Field: "[2]", Message: "worse"})
	fe.Merge("host_companies[0]", inner)
	fe.Merge("from", errors.New("plain"))

	err := fe.Err(tpsession.ErrInvalidInput)
	require.ErrorIs(t, err, tpsession.ErrInvalidInput)
	e, _ := errors.AsType[*tpsession.Error](err)
	assert.Equal(t, []tpsession.FieldError{
		{Field: "last_name", Message: "is required"},
		{Field: "employer_siret", Message: "a SIRET has 14 digits, got 3"},
		{Field: "host_companies[0].siret", Message: "bad"},
		{Field: "host_companies[0][2]", Message: "worse"},
		{Field: "from", Message: "plain"},
	}, e.Fields)
	assert.Contains(t, e.Message, "last_name: is required; employer_siret:")
}
