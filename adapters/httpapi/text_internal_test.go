package httpapi

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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
		for sf := range jsonFields(t) {
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
