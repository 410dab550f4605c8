package httpapi_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// generator makes request bodies from the OpenAPI document's schemas: the
// requests a client generated from the document sends.
type generator struct {
	d   *openAPIDoc
	rng *rand.Rand
	// samples are valid values of the patterns the document names, and of
	// the IDs, which only the server's data makes valid.
	samples map[string][]string
}

var textRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éèàçÉœŒ'-.,ÿ\u00a0")

func (g *generator) value(s map[string]any) any {
	if ref, ok := s["$ref"].(string); ok {
		return g.value(g.d.resolve(ref))
	}
	if alts, ok := s["oneOf"].([]any); ok {
		for {
			alt := alts[g.rng.IntN(len(alts))].(map[string]any)
			if alt["type"] != "null" || g.rng.IntN(8) == 0 {
				return g.value(alt)
			}
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		return enum[g.rng.IntN(len(enum))]
	}
	typ := s["type"]
	if types, ok := typ.([]any); ok {
		typ = types[0]
	}
	switch typ {
	case "object":
		return g.object(s)
	case "array":
		lo, hi := intOf(s["minItems"], 0), intOf(s["maxItems"], 4)
		hi = min(hi, lo+4)
		out := []any{}
		for range lo + g.rng.IntN(hi-lo+1) {
			out = append(out, g.value(s["items"].(map[string]any)))
		}
		return out
	case "integer":
		lo, hi := intOf(s["minimum"], 0), intOf(s["maximum"], 60)
		hi = min(hi, lo+600)
		return lo + g.rng.IntN(hi-lo+1)
	case "number":
		return float64(g.rng.IntN(100))
	case "boolean":
		return g.rng.IntN(2) == 0
	case "string":
		return g.str(s)
	}
	return nil
}

func intOf(v any, dflt int) int {
	if f, ok := v.(float64); ok {
		return int(f)
	}
	return dflt
}

func (g *generator) str(s map[string]any) string {
	if p, ok := s["pattern"].(string); ok {
		if vs := g.samples[p]; len(vs) > 0 {
			return vs[g.rng.IntN(len(vs))]
		}
	}
	switch s["format"] {
	case "date":
		return fmt.Sprintf("2026-%02d-%02d", 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	case "email":
		return fmt.Sprintf("person%d@example.fr", g.rng.IntN(1000))
	}
	if _, ok := s["maxLength"]; ok {
		n := 1 + g.rng.IntN(min(intOf(s["maxLength"], 20), 40))
		r := make([]rune, n)
		for i := range r {
			r[i] = textRunes[g.rng.IntN(len(textRunes))]
		}
		return string(r)
	}
	return "x"
}

func (g *generator) object(s map[string]any) map[string]any {
	out := map[string]any{}
	required := map[string]bool{}
	for _, r := range asList(s["required"]) {
		required[r] = true
	}
	props, _ := s["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names) // the same bodies from one seed
	for _, k := range names {
		if required[k] || g.rng.IntN(2) == 0 {
			out[k] = g.value(props[k].(map[string]any))
		}
	}
	if ap, ok := s["additionalProperties"].(map[string]any); ok {
		key := "salle"
		if pn, ok := s["propertyNames"].(map[string]any); ok {
			key = g.str(pn)
		}
		out[key] = g.value(ap)
	}
	return out
}

// TestRequestsGeneratedFromTheDocument sends every route that reads a JSON
// body bodies made from its schema, over a prepared session: the server
// never fails (5xx), and every answer, status and body, is one the
// document lists (env.send checks it), as is every body it takes.
func TestRequestsGeneratedFromTheDocument(t *testing.T) {
	type operation struct{ method, template string }
	var ops []operation
	{
		e := newEnv(t)
		for _, p := range e.doc.paths {
			for method, op := range p.ops {
				if rb, _ := op.(map[string]any)["requestBody"].(map[string]any); rb != nil {
					if _, ok := rb["content"].(map[string]any)["application/json"]; ok {
						ops = append(ops, operation{strings.ToUpper(method), p.template})
					}
				}
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].template+ops[i].method < ops[j].template+ops[j].method })
	statuses := map[string]int{}
	for n, op := range ops {
		// Each operation on a session of its own, prepared up to the day
		// before its opening, so that one route's writes (a cancellation)
		// do not decide another's answers.
		e := newEnv(t)
		w := e.prepare()
		spare := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", candidateBody("Zoé", "Martin", siretOther))["id"].(string)
		g := &generator{d: e.doc, rng: rand.New(rand.NewPCG(15, uint64(n)))}
		g.samples = samples(e.doc, w, spare)
		cid := spare
		if strings.Contains(op.template, "/registrations/{cid}") {
			cid = w.c2
		}
		path := strings.NewReplacer("{sid}", w.sid, "{mid}", w.m2, "{cid}", cid, "{key}", "rules_displayed", "{name}", "Poste%20informatique").Replace(op.template)
		schema := e.doc.operation(op.method, path)["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
		for i := range 25 {
			body, err := json.Marshal(g.value(schema))
			if err != nil {
				t.Fatal(err)
			}
			r := e.send(request{token: adminToken, method: op.method, path: path, body: body})
			statuses[fmt.Sprint(op.method, " ", op.template, " ", r.Status)]++
			if r.Status >= 500 {
				t.Errorf("%s %s, body %d %s: %d %s", op.method, op.template, i, body, r.Status, r.Body)
			}
		}
	}
	t.Log(statuses)
}

// samples are valid values of the document's patterns, the IDs among them
// those of the world's data.
func samples(d *openAPIDoc, w world, spare string) map[string][]string {
	out := map[string][]string{}
	for _, p := range d.patterns() {
		switch {
		case strings.Contains(p, "TP-"):
			out[p] = []string{"TP-01281", "TP-00001"}
		case strings.HasPrefix(p, "^can_"):
			out[p] = []string{w.c1, w.c2, spare}
		case strings.HasPrefix(p, "^mem_"):
			out[p] = []string{w.jury, w.m2, w.m3, w.m4}
		case strings.Contains(p, "{14}"):
			out[p] = []string{siretEmployer, siretOther, "732 829 320 00074"}
		case strings.Contains(p, "T([01]"):
			out[p] = []string{"2027-03-01T08:30", "2027-03-02T13:30", "2027-04-01T09:00"}
		case strings.Contains(p, "24:00"):
			out[p] = []string{"08:00", "08:30", "12:30", "13:30", "17:30", "24:00"}
		case strings.Contains(p, `\+?`):
			out[p] = []string{"06 12 34 56 78", "+33 6 12 34 56 78"}
		case strings.Contains(p, "A-Za-z0-9 "):
			out[p] = []string{"1A 123 456 789 01", "RR123456789FR"}
		case strings.Contains(p, `\.`):
			out[p] = []string{"180.00", "95"}
		}
	}
	return out
}

// patterns lists the patterns of the document's schemas.
func (d *openAPIDoc) patterns() []string {
	seen := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if p, ok := v["pattern"].(string); ok {
				seen[p] = true
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(d.raw)
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
