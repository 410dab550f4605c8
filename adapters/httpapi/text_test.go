package httpapi_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/adapters/httpapi"
)

// TestEveryStringFieldHasARule walks every request type of every route, so
// that a field added later cannot skip the text rule: each string is free
// text with a text tag, or an enum, a format, a pattern or a type that
// parses itself. Then, for each free-text field, it sends a control
// character, a lone surrogate and one character too many, each refused
// with 400 naming the field, and a value of the maximum length, which is
// not refused for its length or its text. The requests go to a session
// held up to its last exam day, where every resource a path names exists,
// with the token of a role the route allows.
func TestEveryStringFieldHasARule(t *testing.T) {
	texts, bare := httpapi.TextFields(t)
	assert.Empty(t, bare, "string fields without a rule: give each a text tag (text:\"line,N\" or text:\"lines,N\"), an enum, a format or a pattern")
	require.NotEmpty(t, texts)

	e := newEnv(t)
	w := e.prepare()
	e.hold(w)
	// The sitting whose key fillPath gives.
	e.must(http.StatusOK, adminToken, "PUT", w.url("/sittings/rules_displayed"), map[string]any{"label": "Mise en situation", "day": "2027-03-02",
		"start": "09:00", "end": "12:00", "candidates": []string{w.c1, w.c2}})
	token := func(roles []httpapi.Role) string {
		switch {
		case len(roles) == 0 || slices.Contains(roles, httpapi.RoleAdmin):
			return adminToken
		case slices.Contains(roles, httpapi.RoleJury):
			return juryToken
		}
		return controllerToken
	}
	send := func(f httpapi.TextField, value json.RawMessage) (int, map[string][]string) {
		r := e.send(request{token: token(f.Roles), method: f.Method, path: fillPath(f.Path, w), body: f.Body(value)})
		var p struct {
			Errors []struct{ Field, Message string } `json:"errors"`
		}
		_ = json.Unmarshal(r.Body, &p)
		fields := map[string][]string{}
		for _, fe := range p.Errors {
			fields[fe.Field] = append(fields[fe.Field], fe.Message)
		}
		return r.Status, fields
	}
	quote := func(s string) json.RawMessage { data, _ := json.Marshal(s); return data }
	for _, f := range texts {
		t.Run(f.Method+" "+f.Path+" "+f.Field, func(t *testing.T) {
			control := "a\u0007b"
			if !f.Lines {
				control = "a\nb"
			}
			for name, value := range map[string]json.RawMessage{
				"control character": quote(control),
				"lone surrogate":    json.RawMessage(`"a\ud800b"`),
				"one too many":      quote(strings.Repeat("é", f.Max+1)),
			} {
				status, fields := send(f, value)
				assert.Equal(t, http.StatusBadRequest, status, name)
				assert.Contains(t, fields, f.Field, name)
			}
			// The field may be refused for what it means (a resource type
			// without capacity), not for its length nor its text.
			_, fields := send(f, quote(strings.Repeat("é", f.Max)))
			for _, msg := range fields[f.Field] {
				assert.NotRegexp(t, `characters|UTF-8|surrogate`, msg, "%d characters are allowed", f.Max)
			}
		})
	}
}
