package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/httpapi"
)

func TestStaticTokensAreChecked(t *testing.T) {
	token := func(c byte) string { return strings.Repeat(string(c), 32) }
	_, err := httpapi.NewStaticTokens([]httpapi.TokenEntry{
		{Token: "short", Centre: "centre-lyon", Role: "admin", Name: "Claire Martin"},
		{Token: token('a'), Centre: "Lyon!", Role: "root", Name: "x"},
		{Token: token('a'), Centre: "centre-lyon", Role: "jury"},
		{Token: token('b'), Centre: "centre-lyon", Role: "admin"},
		{Token: token('c'), Centre: "centre-lyon", Role: "controller", Name: "  "},
		{Token: token('d'), Centre: "centre-lyon", Role: "controller", MemberEmail: "x@example.fr", Name: "DREETS"},
	})
	require.Error(t, err)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
	var fields []string
	for _, f := range err.(*tpsession.Error).Fields {
		fields = append(fields, f.Field)
	}
	assert.ElementsMatch(t, []string{
		"[0].token", "[1].centre", "[1].role", "[2].token", "[2].member_email",
		"[3].name", "[4].name", "[5].member_email",
	}, fields)
}

// TestTheEventLogNamesWhoActed: an admin or a controller is recorded
// under the name its token gives; a jury member without one under its
// e-mail.
func TestTheEventLogNamesWhoActed(t *testing.T) {
	e := newEnv(t)
	assert.Equal(t, "Claire Martin", e.must(http.StatusOK, adminToken, "GET", "/v1/me", nil)["name"])
	assert.Equal(t, "DREETS inspector", e.must(http.StatusOK, controllerToken, "GET", "/v1/me", nil)["name"])
	assert.Equal(t, juryEmail, e.must(http.StatusOK, juryToken, "GET", "/v1/me", nil)["name"])
	w := e.newSession()
	e.staff(&w)
	var actors []string
	for _, ev := range e.must(http.StatusOK, controllerToken, "GET", w.url("/events"), nil)["events"].([]any) {
		ev := ev.(map[string]any)
		if ev["action"] == "jury.accepted" {
			actors = append(actors, ev["actor"].(string))
		}
	}
	assert.ElementsMatch(t, []string{juryEmail, "Claire Martin", "Claire Martin"}, actors)
}
