package httpapi_test

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocuments(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	for _, tc := range []struct {
		token, path, contentType, file, contains string
	}{
		{adminToken, w.url("/convocations.pdf?delivery=hand"), "application/pdf", "convocations-", "%PDF-"},
		{adminToken, w.url("/attendance.pdf"), "application/pdf", "emargement-", "%PDF-"},
		{adminToken, w.url("/deroule.pdf"), "application/pdf", "deroule-", "%PDF-"},
		{adminToken, w.url("/candidates.csv"), "text/csv; charset=utf-8", "candidats-", "Petit"},
		{adminToken, w.url("/registrations/" + w.c1 + "/calendar.ics"), "text/calendar; charset=utf-8", "convocation-", "BEGIN:VCALENDAR"},
		{juryToken, w.url("/invitations/" + w.jury + "/calendar.ics"), "text/calendar; charset=utf-8", "jury-", "BEGIN:VEVENT"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.send(request{token: tc.token, method: "GET", path: tc.path})
			require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
			assert.Equal(t, tc.contentType, r.Header.Get("Content-Type"))
			disposition, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
			require.NoError(t, err)
			assert.Equal(t, "attachment", disposition)
			assert.True(t, strings.HasPrefix(params["filename"], tc.file), params["filename"])
			assert.True(t, bytes.Contains(r.Body, []byte(tc.contains)))
		})
	}
	t.Run("the letters say how they go", func(t *testing.T) {
		r := e.send(request{token: adminToken, method: "GET", path: w.url("/convocations.pdf?delivery=pigeon")})
		assert.Equal(t, http.StatusBadRequest, r.Status)
		assert.Equal(t, []string{"delivery"}, r.Fields(t))
	})
	t.Run("a jury member's calendar is its own", func(t *testing.T) {
		r := e.send(request{token: juryToken, method: "GET", path: w.url("/invitations/" + w.m2 + "/calendar.ics")})
		assert.Equal(t, http.StatusForbidden, r.Status)
	})
}

func TestImportCandidates(t *testing.T) {
	e := newEnv(t)
	send := func(body, contentType string) reply {
		return e.send(request{token: adminToken, method: "POST", path: "/v1/candidates/import?default_route=formation", body: strings.NewReader(body),
			headers: []string{"Content-Type: " + contentType}})
	}
	good := "Nom;Prénom;Date de naissance;Couleur préférée\nPetit;Alice;12/04/1995;bleu\nLefèvre;Bruno;03/09/1990;vert\n"
	t.Run("every row", func(t *testing.T) {
		r := send(good, "text/csv; charset=utf-8")
		require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
		m := r.JSON(t)
		assert.Len(t, m["candidates"], 2)
		assert.Equal(t, []any{"Couleur préférée"}, m["ignored"])
	})
	t.Run("none when a row is bad", func(t *testing.T) {
		r := send("Nom;Prénom;Date de naissance\nPetit;Alice;12/04/1995\nLefèvre;;31/02/1990\n", "text/csv")
		require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
		for _, f := range r.Fields(t) {
			assert.True(t, strings.HasPrefix(f, "lines[3]."), f)
		}
	})
	t.Run("a CSV body only", func(t *testing.T) {
		assert.Equal(t, http.StatusUnsupportedMediaType, send(good, "application/json").Status)
		assert.Equal(t, http.StatusBadRequest, send("", "text/csv").Status)
	})
}
