package tpsession_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/tpsession/tpsession"

// layers is the dependency direction of the module: a package may import
// packages of the module of a strictly lower layer only, so siblings of one
// layer (jury and candidate, two adapters, two examples) never import each
// other. Every package of the module must be listed here, so that a new
// package is placed on purpose.
var layers = map[string]int{
	"":                               0, // the shared vocabulary
	"candidate":                      1,
	"checklist":                      1,
	"jury":                           1,
	"pli":                            1,
	"session/plan":                   1,
	"session/titles":                 1, // the title register: reference data and the rules read from it
	"session/agrement":               1,
	"session/programme":              1,
	"session/exam":                   1, // the exam days, the deliberation, the procès-verbal and what follows
	"session":                        2,
	"adapters/documents":             3, // renders the session's data for the transports above it; no rule
	"adapters/auth":                  3, // who a request acts for, shared by the transports above it
	"adapters/internal/records":      3, // the stored forms the SQL stores share
	"adapters/internal/pdftest":      3, // reads the PDFs back, for the adapters' tests
	"adapters/archive":               4, // a session's archive: the stores' records and the documents
	"adapters/httpapi":               5,
	"adapters/webui":                 5,
	"adapters/memstore":              4,
	"adapters/postgres":              4,
	"adapters/postgres/postgrestest": 4, // a server for the tests
	"adapters/sqlite":                4,
	"adapters/storetest":             4,
	"examples/*":                     6,
}

// domainLayer is the highest layer of the domain: packages up to it hold the
// rules and must stay free of transport and storage.
const domainLayer = 2

// domainThirdParty are the only modules outside the standard library that
// domain packages may import.
var domainThirdParty = []string{
	"github.com/rickb777/date/v2",
	"github.com/shopspring/decimal",
	"golang.org/x/text", // Unicode normalisation of names typed with combining accents
}

// domainForbiddenStd are standard packages that belong in adapters.
var domainForbiddenStd = []string{"net/http", "database/sql", "os/exec", "log", "log/slog"}

func layerOf(pkg string) (int, bool) {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	if l, ok := layers[rel]; ok {
		return l, true
	}
	if strings.HasPrefix(rel, "examples/") {
		return layers["examples/*"], true
	}
	return 0, false
}

func inModule(pkg string) bool { return pkg == module || strings.HasPrefix(pkg, module+"/") }

// importViolations returns one message per import against the direction.
func importViolations(imports map[string][]string) []string {
	var out []string
	for pkg, deps := range imports {
		l, ok := layerOf(pkg)
		if !ok {
			out = append(out, pkg+" has no layer: add it to the layers table of deps_test.go")
			continue
		}
		for _, dep := range deps {
			switch {
			case inModule(dep):
				dl, ok := layerOf(dep)
				if ok && dl >= l {
					out = append(out, pkg+" imports "+dep+": a package may only import lower layers")
				}
			case l <= domainLayer && slices.Contains(domainForbiddenStd, dep):
				out = append(out, pkg+" imports "+dep+": domain packages hold no transport, storage or logging")
			case l <= domainLayer && strings.Contains(strings.Split(dep, "/")[0], "."):
				if !slices.ContainsFunc(domainThirdParty, func(m string) bool { return dep == m || strings.HasPrefix(dep, m+"/") }) {
					out = append(out, pkg+" imports "+dep+": not a dependency the domain may use")
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", module+"/...").Output()
	require.NoError(t, err)
	imports := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		if len(fields) > 0 {
			imports[fields[0]] = fields[1:]
		}
	}
	require.Contains(t, imports, module)
	assert.Empty(t, importViolations(imports))
}

func TestImportViolationsCatchesEachBreach(t *testing.T) {
	tests := []struct {
		name    string
		imports map[string][]string
	}{
		{"sibling domain packages", map[string][]string{module + "/jury": {module + "/candidate"}}},
		{"domain importing session", map[string][]string{module + "/pli": {module + "/session"}}},
		{"root importing a domain package", map[string][]string{module: {module + "/jury"}}},
		{"session importing an adapter", map[string][]string{module + "/session": {module + "/adapters/memstore"}}},
		{"adapter importing an example", map[string][]string{module + "/adapters/httpapi": {module + "/examples/server"}}},
		{"adapters importing each other", map[string][]string{module + "/adapters/sqlite": {module + "/adapters/memstore"}}},
		{"domain importing net/http", map[string][]string{module + "/checklist": {"net/http"}}},
		{"domain importing a SQL driver", map[string][]string{module + "/session": {"modernc.org/sqlite"}}},
		{"domain importing the request validator", map[string][]string{module + "/candidate": {"github.com/go-playground/validator/v10"}}},
		{"package without a layer", map[string][]string{module + "/util": {}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Len(t, importViolations(tt.imports), 1)
		})
	}
}

func TestImportViolationsAllowsTheDirection(t *testing.T) {
	imports := map[string][]string{
		module:                         {"time", "github.com/rickb777/date/v2"},
		module + "/jury":               {module, "github.com/shopspring/decimal"},
		module + "/session":            {module, module + "/jury", module + "/session/plan"},
		module + "/adapters/httpapi":   {module, module + "/session", "net/http", "log/slog"},
		module + "/adapters/sqlite":    {module + "/session", "modernc.org/sqlite", "database/sql"},
		module + "/examples/server":    {module + "/adapters/httpapi", module + "/adapters/sqlite"},
		module + "/examples/lifecycle": {module + "/adapters/memstore"},
		module + "/adapters/storetest": {module + "/session", "github.com/stretchr/testify/require"},
		module + "/adapters/memstore":  {module + "/candidate", "sync"},
		module + "/session/plan":       {module, "github.com/shopspring/decimal"},
		module + "/checklist":          {module, "github.com/rickb777/date/v2"},
		module + "/candidate":          {module, "golang.org/x/text/unicode/norm"},
		module + "/pli":                {module, "crypto/sha256"},
		module + "/examples/plan":      {module + "/session/plan", "flag"},
	}
	assert.Empty(t, importViolations(imports))
}

// TestDomainPullsNoRequestValidator checks the whole import graph, not only
// direct imports: the request validator belongs to the HTTP adapter, and a
// program importing any domain package must not compile it in.
func TestDomainPullsNoRequestValidator(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for _, pkg := range []string{module, module + "/candidate", module + "/jury", module + "/pli", module + "/checklist", module + "/session", module + "/session/plan"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		require.NoError(t, err, pkg)
		for dep := range strings.Lines(string(out)) {
			assert.False(t, strings.HasPrefix(dep, "github.com/go-playground/"), "%s depends on %s", pkg, strings.TrimSpace(dep))
		}
	}
}
