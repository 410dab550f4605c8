package httpapi_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/httpapi"
)

type hostCompany struct {
	SIRET string `json:"siret" validate:"required,siret"`
	From  string `json:"from" validate:"required,date"`
}

type newCandidate struct {
	LastName  string        `json:"last_name" validate:"required,max=100"`
	Route     string        `json:"route" validate:"required,oneof=formation vae apprentissage"`
	Email     string        `json:"email,omitempty" validate:"omitempty,email"`
	Title     string        `json:"title_code" validate:"omitempty,title_code"`
	Centre    string        `json:"centre" validate:"omitempty,centre_id"`
	Companies []hostCompany `json:"host_companies" validate:"max=2,dive"`
	Count     int           `json:"count" validate:"gte=0,lte=500"`
}

func TestValidatorReportsJSONFieldPaths(t *testing.T) {
	v := httpapi.NewValidator()
	require.NoError(t, v.Struct(newCandidate{LastName: "Martin", Route: "vae", Companies: []hostCompany{{SIRET: "73282932000074", From: "2026-01-05"}}}))

	err := v.Struct(&newCandidate{
		Route:     "alternance",
		Email:     "not-an-address",
		Title:     "TP-1281",
		Centre:    "a b",
		Companies: []hostCompany{{SIRET: "73282932000074", From: "2026-01-05"}, {SIRET: "7328293200007", From: "05/01/2026"}},
		Count:     501,
	})
	require.ErrorIs(t, err, tpsession.ErrInvalidInput)
	e, _ := errors.AsType[*tpsession.Error](err)
	got := map[string]string{}
	for _, f := range e.Fields {
		got[f.Field] = f.Message
	}
	assert.Equal(t, map[string]string{
		"last_name":               "is required",
		"route":                   "must be one of: formation, vae, apprentissage",
		"email":                   "must be an e-mail address",
		"title_code":              `a titre professionnel code is "TP-" followed by 5 digits (e.g. TP-01281), got "TP-1281"`,
		"centre":                  `a centre ID may only contain letters, digits, '-', '_' and '.' (found ' ' at position 2)`,
		"host_companies[1].siret": "a SIRET has 14 digits, got 13",
		"host_companies[1].from":  `a date is written YYYY-MM-DD, got "05/01/2026"`,
		"count":                   "must be at most 500",
	}, got)
}

func TestValidatorLimitsOnCollectionsAndStrings(t *testing.T) {
	v := httpapi.NewValidator()
	long := make([]byte, 101)
	for i := range long {
		long[i] = 'a'
	}
	err := v.Struct(newCandidate{LastName: string(long), Route: "formation", Companies: make([]hostCompany, 3)})
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok)
	got := map[string]string{}
	for _, f := range e.Fields {
		got[f.Field] = f.Message
	}
	assert.Equal(t, "must have at most 100 characters", got["last_name"])
	assert.Equal(t, "must have at most 2 elements", got["host_companies"])
}
