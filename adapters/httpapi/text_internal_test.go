package httpapi

import (
	"context"
	"encoding"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
)

// textField is a free-text field of a request: the route, the JSON path of
// one value (the first element of a list), whether the rule applies to a
// map's keys, and the rule.
type textField struct {
	route route
	path  []string // field names and "[0]"
	key   bool
	rule  textRule
}

func (f textField) String() string {
	return f.route.pattern() + " " + f.field()
}

// field is the path as a field error names it.
func (f textField) field() string {
	var b strings.Builder
	for _, p := range f.path {
		if !strings.HasPrefix(p, "[") && b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// body is a request body holding value at the field's place (as a key of
// the map when the rule is on its keys).
func (f textField) body(value json.RawMessage) []byte {
	var v any = value
	if f.key {
		v = rawObject{key: value}
	}
	for i := len(f.path) - 1; i >= 0; i-- {
		if f.path[i] == "[0]" {
			v = []any{v}
		} else {
			v = map[string]any{f.path[i]: v}
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return data
}

// rawObject is an object with one key written as raw JSON, so that the key
// may hold any escape.
type rawObject struct{ key json.RawMessage }

func (o rawObject) MarshalJSON() ([]byte, error) {
	return []byte("{" + string(o.key) + ": 1}"), nil
}

// stringRules walks t, the shape of a request, and returns its free-text
// fields, and the string fields that have no rule at all: neither a text
// tag, nor an enum, a format or a pattern, nor a type that parses itself.
func stringRules(rt route, t reflect.Type, path []string, f *reflect.StructField, texts *[]textField, bare *[]string) {
	here := func() string { return textField{path: path}.field() }
	parsesItself := func(t reflect.Type) bool {
		pt := reflect.PointerTo(t)
		return pt.Implements(reflect.TypeFor[json.Unmarshaler]()) || pt.Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
	}
	classified := func(t reflect.Type) bool {
		if f != nil && (f.Tag.Get("enum") != "" || f.Tag.Get("format") != "" || f.Tag.Get("pattern") != "") {
			return true
		}
		return enumOf(t) != nil || patternOf(t) != "" || parsesItself(t)
	}
	rule := textRule{}
	if f != nil {
		rule = textRuleOf(*f)
		if f.Tag.Get("text") != "" && rule.max == 0 {
			*bare = append(*bare, here()+" (malformed text tag)")
		}
	}
	if _, ok := scalar(t); ok {
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		stringRules(rt, t.Elem(), path, f, texts, bare)
	case reflect.Slice, reflect.Array:
		stringRules(rt, t.Elem(), append(path[:len(path):len(path)], "[0]"), f, texts, bare)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			if rule.max > 0 {
				*texts = append(*texts, textField{route: rt, path: path, key: true, rule: rule})
			} else if !classified(t.Key()) {
				*bare = append(*bare, here()+" (keys)")
			}
		}
		stringRules(rt, t.Elem(), path, nil, texts, bare)
	case reflect.Struct:
		if parsesItself(t) {
			return
		}
		for sf := range t.Fields() {
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if !sf.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			stringRules(rt, sf.Type, append(path[:len(path):len(path)], name), &sf, texts, bare)
		}
	case reflect.String:
		switch {
		case rule.max > 0:
			*texts = append(*texts, textField{route: rt, path: path, rule: rule})
		case !classified(t):
			*bare = append(*bare, here())
		}
	}
}

// textEnv is a handler over a service with one of everything a route's
// path may name.
type textEnv struct {
	h     http.Handler
	paths *strings.Replacer
}

const textToken = "admin-lyon-0123456789abcdef0123456789"

func newTextEnv(t *testing.T) textEnv {
	t.Helper()
	ctx := context.Background()
	store := memstore.New()
	paris, err := tpsession.LoadParis()
	require.NoError(t, err)
	today := date.New(2026, time.November, 2)
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store, Members: store,
		Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Receipts: store, Tx: store,
	}, session.Config{Clock: tpsession.NewFixedClock(today.Time(0, paris).Add(9 * time.Hour)), Location: paris})
	require.NoError(t, err)
	tokens, err := NewStaticTokens([]TokenEntry{{Token: textToken, Centre: "centre-lyon", Role: "admin", Name: "Claire Martin"}})
	require.NoError(t, err)
	by := session.Actor{Centre: "centre-lyon", Name: "Claire Martin"}
	s, err := svc.CreateSession(ctx, by, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre", Site: "Lyon",
		Start: date.New(2027, time.March, 1), End: date.New(2027, time.March, 3), PlannedCandidates: 4,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire@example.fr"},
	})
	require.NoError(t, err)
	m, err := svc.CreateMember(ctx, by, jury.MemberInput{Name: "Jeanne Martin", Email: "jeanne@example.fr",
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2026-01-01", ValidUntil: "2028-12-31"}}})
	require.NoError(t, err)
	_, _, err = svc.Invite(ctx, by, s.ID, m.ID)
	require.NoError(t, err)
	c, err := svc.CreateCandidate(ctx, by, candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", Route: "formation"})
	require.NoError(t, err)
	_, err = svc.Register(ctx, by, s.ID, c.ID)
	require.NoError(t, err)
	ag, err := svc.CreateAgrement(ctx, by, agrement.Input{TitleCode: "TP-01281", Sites: []string{"Lyon"}, ValidFrom: "2026-01-01", ValidUntil: "2027-12-31"})
	require.NoError(t, err)
	return textEnv{
		h: New(svc, WithAuthenticator(tokens), WithLogger(slog.New(slog.DiscardHandler))),
		paths: strings.NewReplacer("{sid}", string(s.ID), "{mid}", string(m.ID), "{cid}", string(c.ID), "{key}", "rules_displayed", "{name}", "Poste",
			"{aid}", string(ag.ID), "{year}", "2027"),
	}
}

// send posts body to the field's route and returns the status and the
// problems it names, by field.
func (e textEnv) send(t *testing.T, f textField, body []byte) (int, map[string][]string) {
	t.Helper()
	r := httptest.NewRequest(f.route.method, e.paths.Replace(f.route.path), strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+textToken)
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	var p struct {
		Errors []struct{ Field, Message string } `json:"errors"`
	}
	_ = json.Unmarshal(w.Body.Bytes(), &p)
	fields := map[string][]string{}
	for _, fe := range p.Errors {
		fields[fe.Field] = append(fields[fe.Field], fe.Message)
	}
	return w.Code, fields
}

// TestEveryStringFieldHasARule walks every request type of every route, so
// that a field added later cannot skip the text rule: each string is free
// text with a text tag, or an enum, a format, a pattern or a type that
// parses itself. Then, for each free-text field, it sends a control
// character, a lone surrogate and one character too many, each refused
// with 400 naming the field, and a value of the maximum length, which is
// not refused for its length or its text.
func TestEveryStringFieldHasARule(t *testing.T) {
	a := newAPI(t)
	var texts []textField
	var bare []string
	for _, rt := range a.routes {
		if rt.req == nil || rt.accepts != nil && !strings.Contains(strings.Join(rt.accepts, ","), "json") {
			continue
		}
		var here []string
		stringRules(rt, shapeOf(rt.req), nil, nil, &texts, &here)
		for _, b := range here {
			bare = append(bare, rt.pattern()+" "+b)
		}
	}
	assert.Empty(t, bare, "string fields without a rule: give each a text tag (text:\"line,N\" or text:\"lines,N\"), an enum, a format or a pattern")
	require.NotEmpty(t, texts)

	e := newTextEnv(t)
	quote := func(s string) json.RawMessage { data, _ := json.Marshal(s); return data }
	for _, f := range texts {
		t.Run(f.String(), func(t *testing.T) {
			control := "a\u0007b"
			if !f.rule.lines {
				control = "a\nb"
			}
			for name, value := range map[string]json.RawMessage{
				"control character": quote(control),
				"lone surrogate":    json.RawMessage(`"a\ud800b"`),
				"one too many":      quote(strings.Repeat("é", f.rule.max+1)),
			} {
				status, fields := e.send(t, f, f.body(value))
				assert.Equal(t, http.StatusBadRequest, status, name)
				assert.Contains(t, fields, f.field(), name)
			}
			// The field may be refused for what it means (a resource type
			// without capacity), not for its length nor its text.
			_, fields := e.send(t, f, f.body(quote(strings.Repeat("é", f.rule.max))))
			for _, msg := range fields[f.field()] {
				assert.NotRegexp(t, `characters|UTF-8|surrogate`, msg, "%d characters are allowed", f.rule.max)
			}
		})
	}
}

// TestLoneSurrogates finds the escapes of a surrogate that is not half of
// a pair, wherever they are in a string.
func TestLoneSurrogates(t *testing.T) {
	for _, tc := range []struct {
		json string
		at   []int64
	}{
		{`{"a":"\ud800"}`, []int64{6}},
		{`{"a":"\udc00x"}`, []int64{6}},
		{`{"a":"\ud83d\ude00"}`, nil},
		{`{"a":"\ud83d\u0041"}`, []int64{6}},
		{`{"a":"\\ud800"}`, nil},
		{`{"a":"\\\ud800"}`, []int64{8}},
		{`{"a":"x\"\ud800"}`, []int64{9}},
		{`{"\ud800":1}`, []int64{2}},
		{`{"a":"\ud800\ud800\udc00"}`, []int64{6}},
		{`{"a":"\uD800"}`, []int64{6}},
		{`{"a":"\ud8"}`, nil},
	} {
		assert.Equal(t, tc.at, loneSurrogates([]byte(tc.json)), tc.json)
	}
}
