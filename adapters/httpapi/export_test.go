package httpapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// TextField is a free-text field of a route's request, for the tests of
// package httpapi_test, which send it to a session that holds every
// resource a route's path may name.
type TextField struct {
	// Method and Path are the route's, Roles those that may call it.
	Method, Path string
	Roles        []Role
	// Field names the field as a field error does; Max and Lines are its
	// text rule.
	Field string
	Max   int
	Lines bool
	// Body returns a request body holding value at the field's place (as
	// a key, for a rule on a map's keys).
	Body func(value json.RawMessage) []byte
}

// TextFields walks every request type of every route taking JSON, so that
// a field added later cannot skip the text rule, and returns its free-text
// fields, and the string fields that have no rule at all: neither a text
// tag, nor an enum, a format or a pattern, nor a type that parses itself.
func TextFields(t *testing.T) (texts []TextField, bare []string) {
	a := newAPI(t)
	access := authorization()
	for _, rt := range a.routes {
		if rt.req == nil || rt.accepts != nil && !strings.Contains(strings.Join(rt.accepts, ","), "json") {
			continue
		}
		var fields []textField
		var here []string
		stringRules(rt, shapeOf(rt.req), nil, nil, &fields, &here)
		for _, b := range here {
			bare = append(bare, rt.pattern()+" "+b)
		}
		for _, f := range fields {
			texts = append(texts, TextField{Method: rt.method, Path: rt.path, Roles: access[rt.pattern()].roles,
				Field: f.field(), Max: f.rule.max, Lines: f.rule.lines, Body: f.body})
		}
	}
	return texts, bare
}
