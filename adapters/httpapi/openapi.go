package httpapi

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// The OpenAPI 3.1 document is built from the route table, the
// authorization table and the request and answer types themselves, so
// that it cannot drift from what the handler does: a field's schema comes
// from its Go type and json tag (without omitempty or omitzero it is
// required; a pointer in an answer is nullable), its enum, format and
// description from the enum, format and doc tags.
//
// A request's objects refuse the fields they do not list
// (additionalProperties: false), as the decoder does; an answer's do not
// say so, since docs/http-api.md#conventions lets the API add fields to its answers, which
// clients must ignore. A struct type used on both sides therefore has two
// components: its name for answers, and its name followed by Input for
// requests.

type object = map[string]any

// document returns the OpenAPI document of the routes, as JSON.
func (a *api) document() ([]byte, error) {
	// A first pass finds the types used on both sides, which the second
	// names apart.
	first := newSchemas(nil)
	if _, err := a.build(first); err != nil {
		return nil, err
	}
	doc, err := a.build(newSchemas(first.shared()))
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(doc, "", "  ")
}

// build makes the document with g.
func (a *api) build(g *schemas) (object, error) {
	paths := map[string]object{}
	for _, rt := range a.routes {
		op, err := a.operation(g, rt)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rt.pattern(), err)
		}
		if paths[rt.path] == nil {
			paths[rt.path] = object{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = op
	}
	problem, err := g.ref(reflect.TypeFor[problem](), answerSide)
	if err != nil {
		return nil, err
	}
	return object{
		"openapi": "3.1.0",
		"info": object{
			"title":   "tpsession",
			"version": "1",
			"description": "The HTTP API of tpsession: organise a titre professionnel exam session, from planning to its opening, " +
				"with the Ministry's rules enforced. Every error is an RFC 9457 problem (application/problem+json) carrying " +
				"the library's stable error code. Checks happen in this order: 401, 404, 403, 413, 415, 400, 409, 422.",
		},
		"servers":  []any{object{"url": "/", "description": "the server that serves this document"}},
		"tags":     tagList(),
		"paths":    paths,
		"security": []any{object{"bearer": []any{}}},
		"components": object{
			"schemas":         g.components,
			"securitySchemes": object{"bearer": object{"type": "http", "scheme": "bearer"}},
			"responses": object{
				"Problem": object{
					"description": "An RFC 9457 problem",
					"content":     object{"application/problem+json": object{"schema": problem}},
					"headers": object{replayedHeader: object{
						"description": "true when the answer is the one kept for the request's " + idempotencyHeader + " (a refusal the custody log keeps)",
						"schema":      object{"type": "string", "enum": []string{"true"}},
					}},
				},
			},
		},
	}, nil
}

func tagList() []any {
	var out []any
	for _, t := range []struct{ name, doc string }{
		{tagOperations, "Health, this document, and who the caller is"},
		{tagSessions, "Sessions, their lifecycle, deadlines, plan, readiness and event log"},
		{tagJury, "The directory of jury members, invitations, conflicts of interest and panels"},
		{tagCandidates, "Candidates, registrations and convocations"},
		{tagPli, "The exam envelope and the custody log of its DTEs"},
		{tagChecklist, "The checks before the opening and the state of the equipment"},
		{tagDocuments, "The documents a centre prints, sends and displays, and the import of candidates"},
	} {
		out = append(out, object{"name": t.name, "description": t.doc})
	}
	return out
}

func (a *api) operation(g *schemas, rt route) (object, error) {
	acc, known := a.access[rt.pattern()]
	if !known {
		return nil, fmt.Errorf("no entry in the authorization table")
	}
	op := object{
		"operationId": rt.id,
		"summary":     rt.summary,
		"description": acc.describe(),
		"tags":        []string{rt.tag},
	}
	if acc.public {
		op["security"] = []any{}
	} else {
		op["x-roles"] = strs(acc.roles)
	}
	params := pathParams(rt.path)
	for _, q := range rt.query {
		s := object{"type": "string"}
		switch q.format {
		case "integer":
			s = object{"type": "integer", "minimum": 1, "maximum": MaxPageSize}
		case "":
		default:
			s["format"] = q.format
		}
		if q.enum != nil {
			s["enum"] = q.enum
		}
		params = append(params, object{"name": q.name, "in": "query", "required": false, "description": q.doc, "schema": s})
	}
	if rt.method == http.MethodPost && !acc.public {
		params = append(params, object{
			"name": idempotencyHeader, "in": "header", "required": false,
			"description": "makes the request idempotent: the first answer to a request sent with this key is kept for 24 hours, " +
				"and the same request sent again with it gets that answer (with " + replayedHeader + ": true) without acting again; " +
				"another request with the same key is refused (422). Keys are the centre's. An answer is kept when the request changed something " +
				"(a refusal changes nothing, so the request may be sent again once its cause is fixed).",
			"schema": object{"type": "string", "minLength": 1, "maxLength": session.MaxKeyLen, "pattern": "^[\\x21-\\x7e]+$"},
		})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if rt.req != nil {
		s, err := g.ref(shapeOf(rt.req), requestSide)
		if err != nil {
			return nil, err
		}
		if rt.body == optionalBody {
			s = nullable(s) // an optional body may be sent as null, the same as none
		}
		accepts := rt.accepts
		if accepts == nil {
			accepts = []string{"application/json"}
		}
		content := object{}
		for _, mt := range accepts {
			content[mt] = object{"schema": s}
		}
		op["requestBody"] = object{"required": rt.body == requiredBody, "content": content}
	}
	responses := object{}
	ok := object{"description": http.StatusText(rt.status)}
	switch {
	case rt.produces != "":
		mt, _, err := mime.ParseMediaType(rt.produces)
		if err != nil {
			return nil, err
		}
		ok["content"] = object{mt: object{"schema": object{"type": "string", "contentMediaType": mt}}}
	case rt.resp != nil:
		s, err := g.ref(shapeOf(rt.resp), answerSide)
		if err != nil {
			return nil, err
		}
		content := object{"application/json": object{"schema": s}}
		for _, mt := range rt.alt {
			content[mt] = object{"schema": object{"type": "string", "contentMediaType": mt}}
		}
		ok["content"] = content
	}
	headers := object{}
	if rt.method == http.MethodPost && !acc.public {
		headers[replayedHeader] = object{
			"description": "true when the answer is the one kept for the request's " + idempotencyHeader,
			"schema":      object{"type": "string", "enum": []string{"true"}},
		}
	}
	if c, isCreated := createdResources[rt.id]; isCreated {
		if c.location != "" {
			headers["Location"] = object{"description": "the created resource: " + c.location, "schema": object{"type": "string", "format": "uri-reference"}}
		}
		links := object{}
		for _, l := range c.links {
			links[l.name] = object{"operationId": l.operationID, "parameters": l.parameters, "description": l.doc}
		}
		ok["links"] = links
	}
	for name, h := range documentHeaders(rt) {
		headers[name] = h
	}
	if len(headers) > 0 {
		ok["headers"] = headers
	}
	responses[strconv.Itoa(rt.status)] = ok
	for _, st := range problemStatuses(rt, acc) {
		responses[strconv.Itoa(st)] = object{"$ref": "#/components/responses/Problem"}
	}
	op["responses"] = responses
	return op, nil
}

// created describes what a route creates: where the created resource is
// (its Location header), and the operations that follow from it (OpenAPI
// links, their parameters runtime expressions).
type created struct {
	location string
	links    []link
}

type link struct {
	name, operationID, doc string
	parameters             object
}

// createdResources are the resources the routes that answer 201 create,
// by operationId.
var createdResources = map[string]created{
	"createSession": {location: "/v1/sessions/{sid}", links: []link{
		{"getSession", "getSession", "the session", object{"sid": "$response.body#/id"}},
		{"declareSession", "declareSession", "record its declaration in CERES", object{"sid": "$response.body#/id"}},
		{"planSession", "planSession", "plan it", object{"sid": "$response.body#/id"}},
		{"getTimeline", "getTimeline", "its deadlines", object{"sid": "$response.body#/id"}},
		{"listEvents", "listEvents", "its event log", object{"sid": "$response.body#/id"}},
	}},
	"createCandidate": {location: "/v1/candidates/{cid}", links: []link{
		{"getCandidate", "getCandidate", "the candidate", object{"cid": "$response.body#/id"}},
		{"reviseCandidate", "reviseCandidate", "revise the candidate's details", object{"cid": "$response.body#/id"}},
	}},
	"createMember": {location: "/v1/jury-members/{mid}", links: []link{
		{"getMember", "getMember", "the member", object{"mid": "$response.body#/id"}},
		{"setAvailability", "setAvailability", "record the member's unavailability", object{"mid": "$response.body#/id"}},
	}},
	"invite": {links: []link{
		{"listInvitations", "listInvitations", "the session's invitations", object{"sid": "$request.path.sid"}},
		{"acceptInvitation", "acceptInvitation", "the member accepts", object{"sid": "$request.path.sid", "mid": "$response.body#/member_id"}},
		{"declineInvitation", "declineInvitation", "the member declines", object{"sid": "$request.path.sid", "mid": "$response.body#/member_id"}},
		{"withdrawInvitation", "withdrawInvitation", "the centre withdraws the invitation", object{"sid": "$request.path.sid", "mid": "$response.body#/member_id"}},
	}},
	"declareConflict": {links: []link{
		{"assignJury", "assignJury", "form the panels, which the conflict keeps apart", object{"sid": "$request.path.sid"}},
	}},
	"register": {location: "/v1/sessions/{sid}/registrations/{cid}", links: []link{
		{"getRegistration", "getRegistration", "the registration", object{"sid": "$request.path.sid", "cid": "$response.body#/candidate_id"}},
		{"draftConvocation", "draftConvocation", "draft the candidate's convocation", object{"sid": "$request.path.sid", "cid": "$response.body#/candidate_id"}},
		{"withdrawCandidate", "withdrawCandidate", "withdraw the candidate", object{"sid": "$request.path.sid", "cid": "$response.body#/candidate_id"}},
	}},
	"createAgrement": {location: "/v1/agrements/{aid}", links: []link{
		{"getAgrement", "getAgrement", "the agrément", object{"aid": "$response.body#/id"}},
		{"reviseAgrement", "reviseAgrement", "revise the agrément", object{"aid": "$response.body#/id"}},
	}},
	"signSheet": {links: []link{
		{"getExam", "getExam", "the exam's record, with the sheets' signatures", object{"sid": "$request.path.sid"}},
		{"getAttendanceSheets", "getAttendanceSheets", "the attendance sheets, signed", object{"sid": "$request.path.sid"}},
	}},
	"reportIncident": {location: "/v1/sessions/{sid}/incidents/{n}", links: []link{
		{"signIncident", "signIncident", "a witness signs the report", object{"sid": "$request.path.sid", "n": "$response.body#/number"}},
		{"getExam", "getExam", "the exam's record, with its incidents", object{"sid": "$request.path.sid"}},
	}},
	"constate": {links: []link{
		{"getConstatations", "getConstatations", "the PV de constatation to send", object{"sid": "$request.path.sid"}},
		{"getExam", "getExam", "the exam's record, with its constatations", object{"sid": "$request.path.sid"}},
	}},
	"amend": {links: []link{
		{"signAmendment", "signAmendment", "a member who deliberated signs the amendment", object{"sid": "$request.path.sid", "cid": "$request.path.cid", "n": "$response.body#/number"}},
		{"getExam", "getExam", "the exam's record, with its amendments", object{"sid": "$request.path.sid"}},
	}},
	"importCandidates": {links: []link{
		{"listCandidates", "listCandidates", "the centre's candidates", object{}},
	}},
}

// problemStatuses lists the error statuses a route may answer.
func problemStatuses(rt route, acc access) []int {
	if acc.public {
		return rt.fails // a public route answers no 401 nor 403
	}
	sts := []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusInternalServerError}
	if strings.Contains(rt.path, "{") {
		sts = append(sts, http.StatusNotFound)
	}
	if rt.req != nil || len(rt.query) > 0 || strings.Contains(rt.path, "{year}") {
		sts = append(sts, http.StatusBadRequest)
	}
	if rt.req != nil {
		sts = append(sts, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	if rt.method != http.MethodGet {
		// A write may meet a conflict in the store: another process
		// holding the database's write lock too long (sqlite.ErrBusy).
		sts = append(sts, http.StatusConflict)
	}
	if rt.method == http.MethodPost {
		sts = append(sts, http.StatusUnprocessableEntity) // an idempotency key sent with another request
	}
	sts = append(sts, rt.fails...)
	slices.Sort(sts)
	return slices.Compact(sts)
}

func pathParams(path string) []any {
	docs := map[string]string{
		"sid":  "a session ID",
		"mid":  "a jury member ID",
		"cid":  "a candidate ID",
		"key":  "a checklist item's key",
		"name": "a material's name, as the DTE organisateur lists it",
		"aid":  "an agrément ID",
		"code": "a titre professionnel's code, e.g. TP-01281",
		"year": "a year, e.g. 2027",
	}
	var out []any
	for _, seg := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			name = strings.TrimSuffix(name, "}")
			out = append(out, object{"name": name, "in": "path", "required": true, "description": docs[name], "schema": object{"type": "string"}})
		}
	}
	return out
}

// shaped is a request or answer whose JSON is that of another type.
type shaped interface{ jsonShape() reflect.Type }

// shapeOf returns the type whose JSON t has: its jsonShape when it has
// one, t itself otherwise. The decoder checks a body against it and the
// document describes it.
func shapeOf(t reflect.Type) reflect.Type {
	if t.Implements(reflect.TypeFor[shaped]()) {
		return reflect.Zero(t).Interface().(shaped).jsonShape()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[shaped]()) {
		return reflect.New(t).Interface().(shaped).jsonShape()
	}
	return t
}

// side tells whether a schema describes a request or an answer.
type side uint8

const (
	answerSide side = 1 << iota
	requestSide
)

// schemas builds the components of the document, one per struct type and
// side.
type schemas struct {
	components object
	names      map[sided]string
	// both lists the struct types used on both sides, which need a
	// component for each; nil in the first pass, which finds them.
	both map[reflect.Type]bool
}

type sided struct {
	t reflect.Type
	s side
}

func newSchemas(both map[reflect.Type]bool) *schemas {
	return &schemas{components: object{}, names: map[sided]string{}, both: both}
}

// shared returns the struct types g used on both sides.
func (g *schemas) shared() map[reflect.Type]bool {
	sides := map[reflect.Type]side{}
	for k := range g.names {
		sides[k.t] |= k.s
	}
	out := map[reflect.Type]bool{}
	for t, s := range sides {
		if s == answerSide|requestSide {
			out[t] = true
		}
	}
	return out
}

// scalar returns the schema of the types written in their own way.
func scalar(t reflect.Type) (object, bool) {
	timeOfDaySchema := object{"type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", "description": "HH:MM"}
	switch t {
	case reflect.TypeFor[jsonDate](), reflect.TypeFor[date.Date]():
		return object{"type": "string", "format": "date"}, true
	case reflect.TypeFor[jsonInstant]():
		return object{"type": "string", "format": "date-time"}, true
	case reflect.TypeFor[tpsession.TimeOfDay]():
		return timeOfDaySchema, true
	case reflect.TypeFor[plan.Block]():
		return object{"type": "array", "items": timeOfDaySchema, "minItems": 2, "maxItems": 2, "description": "a block of a day: [start, end]"}, true
	case reflect.TypeFor[decimal.NullDecimal]():
		return object{"type": "string", "pattern": `^[0-9]+(\.[0-9]+)?$`, "description": "an amount in euros, e.g. \"180.00\""}, true
	case reflect.TypeFor[openAPIDocument]():
		return object{"type": "object", "description": "this document"}, true
	case reflect.TypeFor[csvUpload]():
		return object{"type": "string", "description": "a spreadsheet export: ';' or ',' separated, UTF-8 or Windows-1252, a header row"}, true
	}
	return nil, false
}

// enums are the closed sets of the planning input's types, which carry
// no tags.
func enumOf(t reflect.Type) []string {
	switch t {
	case reflect.TypeFor[plan.Presence]():
		return strs([]plan.Presence{plan.NoJury, plan.Exclusive, plan.Observe})
	case reflect.TypeFor[plan.ConstraintType]():
		return strs([]plan.ConstraintType{plan.Precedes, plan.NoWait, plan.Last, plan.SameStation})
	case reflect.TypeFor[plan.Objective]():
		return strs([]plan.Objective{plan.MinJuries, plan.MinDays})
	case reflect.TypeFor[plan.Task]():
		return strs([]plan.Task{plan.TaskBriefing, plan.TaskClosure, plan.TaskAccueil, plan.TaskReading, plan.TaskCorrection, plan.TaskDeliberation})
	case reflect.TypeFor[tpsession.Region]():
		return strs(tpsession.Regions)
	}
	return nil
}

// requiredOverride lists the required fields of the planning input, where
// the session fills what is left out (docs/planning.md#input) and zero hidden
// times mean none.
func requiredOverride(t reflect.Type) ([]string, bool) {
	switch t {
	case reflect.TypeFor[plan.Input]():
		return []string{"candidates", "epreuves", "calendar", "jury", "objective"}, true
	case reflect.TypeFor[plan.Title](), reflect.TypeFor[plan.Hidden]():
		return []string{}, true
	}
	return nil, false
}

// extraProperties lists what a type's MarshalJSON adds to its fields.
func extraProperties(t reflect.Type) object {
	if t == reflect.TypeFor[plan.Plan]() {
		return object{"proved": object{"type": "boolean", "description": "on an infeasible answer: true when the bounds prove that no plan exists within the limits"}}
	}
	return nil
}

// ref returns the schema of t on side s: a $ref to its component for a
// struct.
func (g *schemas) ref(t reflect.Type, s side) (object, error) {
	if s, ok := scalar(t); ok {
		return s, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.ref(t.Elem(), s)
	case reflect.Struct:
		name, err := g.component(t, s)
		if err != nil {
			return nil, err
		}
		return object{"$ref": "#/components/schemas/" + name}, nil
	case reflect.Slice, reflect.Array:
		items, err := g.ref(t.Elem(), s)
		if err != nil {
			return nil, err
		}
		return object{"type": "array", "items": items}, nil
	case reflect.Map:
		values, err := g.ref(t.Elem(), s)
		if err != nil {
			return nil, err
		}
		return object{"type": "object", "additionalProperties": values}, nil
	case reflect.String:
		str := object{"type": "string"}
		if e := enumOf(t); e != nil {
			str["enum"] = e
		}
		if p := patternOf(t); p != "" {
			str["pattern"] = p
		}
		return str, nil
	case reflect.Bool:
		return object{"type": "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return object{"type": "integer"}, nil
	case reflect.Float32, reflect.Float64:
		return object{"type": "number"}, nil
	}
	return nil, fmt.Errorf("no schema for %s", t)
}

// componentName names a struct type's component: the type's name with an
// upper-case initial and without the Resource suffix of answers nor the IO
// suffix of the types of both sides; a type of another package is
// prefixed with its package's name (PlanInput).
func componentName(t reflect.Type) string {
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimSuffix(strings.TrimSuffix(name, "Resource"), "IO")
	pkg := t.PkgPath()[strings.LastIndexByte(t.PkgPath(), '/')+1:]
	if pkg != "httpapi" && !strings.EqualFold(name, pkg) {
		name = pkg + upperFirst(name)
	}
	return upperFirst(name)
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func (g *schemas) component(t reflect.Type, s side) (string, error) {
	key := sided{t, s}
	if name, ok := g.names[key]; ok {
		return name, nil
	}
	name := componentName(t)
	if s == requestSide && (g.both == nil || g.both[t]) {
		// The first pass, which knows of no type used on both sides yet,
		// names every request component apart.
		name += "Input"
	}
	if _, taken := g.components[name]; taken {
		return "", fmt.Errorf("two types are named %s in the document", name)
	}
	g.names[key] = name
	g.components[name] = object{} // a placeholder, for recursive types
	schema, err := g.structSchema(t, s)
	if err != nil {
		return "", err
	}
	g.components[name] = schema
	return name, nil
}

// structSchema describes a struct on side s: each field by its json tag.
// A field without omitempty or omitzero is always present (in an answer)
// or must be given (in a request); a pointer field of an answer may be
// null; a request lists every field it takes.
func (g *schemas) structSchema(t reflect.Type, side side) (object, error) {
	props := object{}
	required := []string{}
	for f := range jsonFields(t) {
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s, err := g.ref(f.Type, side)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		optional := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		s = withTags(s, f)
		if side == answerSide && f.Type.Kind() == reflect.Pointer && !optional {
			s = nullable(s)
		}
		props[name] = s
		if !optional {
			required = append(required, name)
		}
	}
	for k, v := range extraProperties(t) {
		props[k] = v
	}
	if r, ok := requiredOverride(t); ok {
		required = r
	}
	out := object{"type": "object", "properties": props, "required": required}
	if side == requestSide {
		out["additionalProperties"] = false
	}
	return out, nil
}

// withTags returns a copy of s with the field's documentation tags: doc,
// enum, format, the text rule of a text tag, a named pattern, and the
// bounds minimum, maximum, minItems and maxItems. On a list, a string's
// rule (text, pattern, format) describes its elements; on a map, the text
// rule describes its keys.
func withTags(s object, f reflect.StructField) object {
	out := object{}
	for k, v := range s {
		out[k] = v
	}
	if doc := f.Tag.Get("doc"); doc != "" {
		out["description"] = doc
	}
	target := out // where a string's rules go
	if items, ok := out["items"].(object); ok {
		target = object{}
		for k, v := range items {
			target[k] = v
		}
		out["items"] = target
	}
	if rule := textRuleOf(f); rule.max > 0 {
		rs := rule.schema()
		if out["type"] == "object" {
			out["propertyNames"] = rs
		} else {
			for k, v := range rs {
				target[k] = v
			}
		}
	}
	if p := f.Tag.Get("pattern"); p != "" {
		target["pattern"] = patterns[p]
	}
	if ft := f.Tag.Get("format"); ft != "" && target["type"] == "string" {
		target["format"] = ft
	}
	for _, bound := range []string{"minimum", "maximum", "minItems", "maxItems"} {
		if v := f.Tag.Get(bound); v != "" {
			n, _ := strconv.Atoi(v)
			out[bound] = n
		}
	}
	if e := f.Tag.Get("enum"); e != "" {
		enum := strings.Split(e, ",")
		if out["type"] == "array" {
			out["items"] = object{"type": "string", "enum": enum}
		} else {
			out["enum"] = enum
		}
	}
	if strings.Contains(f.Tag.Get("validate"), "date") && out["type"] == "string" {
		out["format"] = "date"
	}
	return out
}

// schema states the rule in JSON Schema: the length, as maxLength (a value
// of at most max characters as sent is never too long; see
// tpsession.TextProblem), and the characters refused, as a pattern.
func (r textRule) schema() object {
	if r.lines {
		return object{"type": "string", "maxLength": r.max, "pattern": noControlsButLineBreaks}
	}
	return object{"type": "string", "maxLength": r.max, "pattern": noControls}
}

// The characters the text rule refuses, as a character class: the C0 and
// C1 controls and DEL, the line and paragraph separators, the
// bidirectional controls and the noncharacters U+FFFE and U+FFFF
// (tpsession.TextProblem; the others, U+FDD0 to U+FDEF and the last two
// of every plane, are refused too). The regular expressions read the same
// in ECMA-262, which the OpenAPI document uses, and in Go's regexp.
const (
	noControls              = "^[^\\x00-\\x1f\\x7f-\\x9f" + refusedAbove + "]*$"
	noControlsButLineBreaks = "^[^\\x00-\\x09\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f" + refusedAbove + "]*$"
	// refusedAbove are the characters refused above U+00FF, written as
	// themselves: the two dialects escape them differently.
	refusedAbove = "\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
)

// patterns are the named patterns of the pattern tag: the forms the
// server's parsers read.
var patterns = map[string]string{
	"siret":           "^[ \u00a0\u202f]*([0-9][ \u00a0\u202f]*){14}$",
	"optional_siret":  "^[ \u00a0\u202f]*(([0-9][ \u00a0\u202f]*){14})?$",
	"title_code":      `^TP-[0-9]{5}$`,
	"appointment":     `^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$`,
	"phone":           `^\+?[0-9 .()-]*$`,
	"time_of_day":     `^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$`,
	"sitting_key":     `^[a-z0-9][a-z0-9_-]{0,39}$`,
	"tracking_number": "^[A-Za-z0-9 \u00a0]{0,60}$",
	"candidate_id":    `^can_[0-7][0-9A-HJKMNP-TV-Z]{25}$`,
	"session_id":      `^ses_[0-7][0-9A-HJKMNP-TV-Z]{25}$`,
	"member_id":       `^mem_[0-7][0-9A-HJKMNP-TV-Z]{25}$`,
}

// patternOf returns the pattern of the named string types that carry
// their form in their type.
func patternOf(t reflect.Type) string {
	if t == reflect.TypeFor[tpsession.TitleCode]() {
		return patterns["title_code"]
	}
	return ""
}

// nullable returns the schema of s or null.
func nullable(s object) object {
	if _, isRef := s["$ref"]; isRef {
		return object{"oneOf": []any{s, object{"type": "null"}}}
	}
	out := object{}
	for k, v := range s {
		out[k] = v
	}
	out["type"] = []any{s["type"], "null"}
	return out
}
