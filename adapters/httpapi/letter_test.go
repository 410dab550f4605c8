package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/httpapi"
	"github.com/tpsession/tpsession/adapters/internal/pdftest"
)

func TestConvocationLetterWithTheCentresLetterhead(t *testing.T) {
	e := newEnv(t, httpapi.WithLetterhead(func(_ context.Context, centre tpsession.CentreID) (documents.Centre, error) {
		if centre != "centre-lyon" {
			return documents.Centre{}, errors.New("unknown centre")
		}
		return documents.Centre{Name: "Lyon Formation", Address: []string{"12 rue des Lilas", "69003 Lyon"}, City: "Lyon"}, nil
	}))
	w := e.prepare()
	r := e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + w.c1 + "/convocation"), headers: []string{"Accept: application/pdf"}})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	text := pdfText(t, r.Body)
	for _, want := range []string{"Lyon Formation", "Alice PETIT", "Concepteur développeur d'applications", "Fait à Lyon, le 2 novembre 2026"} {
		assert.Contains(t, text, want)
	}
}

func TestALetterheadThatFailsIsAnInternalError(t *testing.T) {
	e := newEnv(t, httpapi.WithLetterhead(func(context.Context, tpsession.CentreID) (documents.Centre, error) {
		return documents.Centre{}, errors.New("the centre's directory is down")
	}))
	w := e.prepare()
	r := e.send(request{token: adminToken, method: "GET", path: w.url("/registrations/" + w.c1 + "/convocation"), headers: []string{"Accept: application/pdf"}})
	assert.Equal(t, http.StatusInternalServerError, r.Status)
	assert.Contains(t, e.logs.String(), "the centre's directory is down")
}

func pdfText(t *testing.T, body []byte) string { return pdftest.Text(t, body) }
