package httpapi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOneLogLinePerRequest(t *testing.T) {
	e := newEnv(t)
	before := len(logLines(t, e))
	w := e.prepare()
	e.do(adminToken, "GET", w.url("/nothing"), nil)
	e.do("", "GET", w.sessionURL, nil)
	lines := logLines(t, e)[before:]
	require.NotEmpty(t, lines)
	routes := map[string]bool{}
	for _, l := range lines {
		for _, k := range []string{"request_id", "method", "route", "status", "duration", "bytes"} {
			assert.Contains(t, l, k)
		}
		routes[l["route"].(string)] = true
	}
	assert.True(t, routes["POST /v1/sessions/{sid}/registrations"], "the route's pattern, not its path")
	assert.True(t, routes[w.url("/nothing")], "the path of a request no route matches")
	last := lines[len(lines)-1]
	assert.EqualValues(t, http.StatusUnauthorized, last["status"])
	admin := lines[0]
	assert.Equal(t, "admin", admin["role"])
	assert.Equal(t, "centre-lyon", admin["centre"])
}

// TestLogsHoldNoSecretNorPersonalData runs a whole preparation and looks
// for the tokens and the candidates' personal data in the log.
func TestLogsHoldNoSecretNorPersonalData(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	e.on(start)
	e.must(http.StatusOK, adminToken, "POST", w.url("/open"), nil)
	e.do(adminToken, "POST", "/v1/candidates", `{"first_name": "Zoé", "last_name": 3}`)
	e.do(adminToken, "GET", "/v1/sessions?from=1995-04-12", nil)
	logs := e.logs.String()
	for _, secret := range []string{adminToken, juryToken, "Bearer", "Alice", "Petit", "Bruno", "Lefèvre", "Zoé", "1995-04-12", "rue des Pins", "69003", "Alice@example.fr"} {
		assert.NotContains(t, logs, secret)
	}
}

func TestRequestID(t *testing.T) {
	e := newEnv(t)
	r := e.do(adminToken, "GET", "/v1/sessions", nil)
	id := r.Header.Get("X-Request-Id")
	assert.Len(t, id, 24)
	assert.Contains(t, e.logs.String(), id)

	r = e.send(request{token: adminToken, method: "GET", path: "/v1/sessions", headers: []string{"X-Request-Id: proxy-42.a_b"}})
	assert.Equal(t, "proxy-42.a_b", r.Header.Get("X-Request-Id"), "a proxy's ID is kept")
	r = e.send(request{token: adminToken, method: "GET", path: "/v1/nothing", headers: []string{"X-Request-Id: <script>"}})
	assert.NotEqual(t, "<script>", r.Header.Get("X-Request-Id"))
	assert.Equal(t, r.Header.Get("X-Request-Id"), r.JSON(t)["request_id"])
}

func logLines(t *testing.T, e *env) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(e.logs.String()) {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		out = append(out, m)
	}
	return out
}
