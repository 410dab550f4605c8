package tpsession_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// codePattern is the shape of every error code: "<package>.<subject>_<state>"
// in snake_case, the subject omitted for the package's main aggregate
// ("candidate.not_found", "candidate.registration_duplicate").
var codePattern = regexp.MustCompile(`^[a-z_]+\.[a-z_]+$`)

// stateFirst catches codes that put the state before the subject
// ("jury.duplicate_member" for "jury.member_duplicate").
var stateFirst = regexp.MustCompile(`\.(invalid|duplicate|no)_`)

// TestErrorCodesFollowTheConvention reads every NewError call of the module
// (outside tests), and every composite literal of a type named …Error that
// holds a code (an adapter's own error type), and checks its code: the convention's shape, the package's
// name first (the root package names the value it parses instead), and no
// code used twice. Codes are a stable contract: clients and stores match on
// them.
func TestErrorCodesFollowTheConvention(t *testing.T) {
	where := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			code, ok := newErrorCode(n)
			if !ok {
				code, ok = errorLiteralCode(n)
			}
			if !ok {
				return true
			}
			at := path
			assert.Regexp(t, codePattern, code, "%s: the code of an error is <package>.<subject>_<state>", at)
			assert.NotRegexp(t, stateFirst, code, "%s: the subject comes before the state", at)
			if pkg := f.Name.Name; pkg != "tpsession" {
				assert.True(t, strings.HasPrefix(code, pkg+"."), "%s: %q does not start with its package's name %q", at, code, pkg)
			}
			if prev, dup := where[code]; dup {
				t.Errorf("%s: code %q is already used in %s", at, code, prev)
			}
			where[code] = at
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, where, "no NewError call found: the walk is broken")
}

// newErrorCode returns the code of a call NewError(kind, "code", …) or
// tpsession.NewError(…) whose code is a string literal.
func newErrorCode(n ast.Node) (string, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) < 2 {
		return "", false
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		if fn.Name != "NewError" {
			return "", false
		}
	case *ast.SelectorExpr:
		if fn.Sel.Name != "NewError" {
			return "", false
		}
	default:
		return "", false
	}
	lit, ok := call.Args[1].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	code, err := strconv.Unquote(lit.Value)
	return code, err == nil
}

// errorLiteralCode returns the code of a composite literal of a type whose
// name ends in "Error" (httpError{status, "httpapi.body_too_large", …}): its
// first string element shaped like a code.
func errorLiteralCode(n ast.Node) (string, bool) {
	lit, ok := n.(*ast.CompositeLit)
	if !ok {
		return "", false
	}
	typ, ok := lit.Type.(*ast.Ident)
	if !ok || !strings.HasSuffix(typ.Name, "Error") {
		return "", false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		s, ok := elt.(*ast.BasicLit)
		if !ok || s.Kind != token.STRING {
			continue
		}
		if code, err := strconv.Unquote(s.Value); err == nil && strings.Contains(code, ".") && !strings.Contains(code, " ") {
			return code, true
		}
	}
	return "", false
}
