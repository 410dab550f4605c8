package tpsession_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goCitation is a citation of the documentation in Go code:
// "docs/rules.md#convocation-lead-time", or a file alone.
var goCitation = regexp.MustCompile(`\bdocs/([A-Za-z0-9_-]+\.md)(#[\p{L}\p{N}_-]+)?`)

// mdLink is a Markdown link's target: "planning.md#lower-bounds",
// "#the-model", "../README.md".
var mdLink = regexp.MustCompile(`\]\(([^)\s]*)\)`)

// unshipped are citations of documents that are not in the repository, or
// confidence tags that belong to them: a reader of the code could not
// follow them.
// In Markdown, planning.md is docs/planning.md seen from docs/, which the
// link check follows.
var (
	unshippedGo = regexp.MustCompile(`(^|[^/\w-])(api|domain|design|planning|after-opening)\.md\b|\[(SEED|MIN|OFF|OFF-HIST|SEC|UNVERIFIED)(\s[^\]]*)?\]`)
	unshippedMD = regexp.MustCompile(`(^|[^/\w-])(api|domain|design|after-opening)\.md\b|\[(SEED|MIN|OFF|OFF-HIST|SEC|UNVERIFIED)(\s[^\]]*)?\]`)
)

// TestDocumentationCitationsResolve reads every Go file and every Markdown
// file of the module and checks that each citation of a document of docs/
// (in Go) and each relative link (in Markdown) names a file of the
// repository and, with a fragment, a heading of it, with the anchors
// GitHub makes (see anchors). It also fails on a citation of a document
// that is not in the repository.
func TestDocumentationCitationsResolve(t *testing.T) {
	cache := map[string]map[string]bool{}
	anchorsOf := func(file string) (map[string]bool, bool) {
		if a, ok := cache[file]; ok {
			return a, a != nil
		}
		data, err := os.ReadFile(file)
		if err != nil {
			cache[file] = nil
			return nil, false
		}
		a := map[string]bool{}
		for _, h := range anchors(string(data)) {
			a[h] = true
		}
		cache[file] = a
		return a, true
	}
	check := func(where, file, fragment string) {
		a, ok := anchorsOf(file)
		if !assert.True(t, ok, "%s cites %s, which does not exist", where, file) || fragment == "" {
			return
		}
		assert.True(t, a[fragment], "%s cites %s#%s, which has no such heading", where, file, fragment)
	}
	cited := 0
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		isGo, isMD := strings.HasSuffix(p, ".go"), strings.HasSuffix(p, ".md")
		if !isGo && !isMD {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		fenced := false
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			where := fmt.Sprintf("%s:%d", p, n)
			unshipped := unshippedGo
			if isMD {
				unshipped = unshippedMD
			}
			if p != "docs_test.go" {
				assert.False(t, unshipped.MatchString(line), "%s cites a document that is not in the repository: %q", where, strings.TrimSpace(line))
			}
			if isGo {
				for _, m := range goCitation.FindAllStringSubmatch(line, -1) {
					cited++
					check(where, filepath.Join("docs", m[1]), strings.TrimPrefix(m[2], "#"))
				}
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(line), "```") {
				fenced = !fenced
			}
			if fenced {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				file, fragment, _ := strings.Cut(target, "#")
				if file == "" {
					file = p
				} else {
					file = path.Join(path.Dir(filepath.ToSlash(p)), file)
				}
				cited++
				check(where, filepath.FromSlash(file), fragment)
			}
		}
		return sc.Err()
	})
	require.NoError(t, err)
	assert.Greater(t, cited, 50, "the walk found almost no citation: is it reading the module?")
}

// anchors returns the anchors GitHub gives the headings of a Markdown
// document, in order: the heading's text without its inline markup (code
// spans keep their text, links their label), in lower case, every
// character dropped but letters, digits, marks, spaces, hyphens and
// underscores, then each space a hyphen; a heading whose anchor was
// already taken gets "-1", "-2"… Headings inside fenced code blocks are
// not headings.
func anchors(doc string) []string {
	var out []string
	seen := map[string]int{}
	fenced := false
	for line := range strings.Lines(doc) {
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		hashes := len(line) - len(strings.TrimLeft(line, "#"))
		if hashes == 0 || hashes > 6 || len(line) == hashes || line[hashes] != ' ' {
			continue
		}
		a := slug(strings.TrimRight(strings.TrimSpace(line[hashes:]), "# "))
		if n, dup := seen[a]; dup {
			seen[a] = n + 1
			a = fmt.Sprintf("%s-%d", a, n+1)
		} else {
			seen[a] = 0
		}
		out = append(out, a)
	}
	return out
}

var linkMarkup = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// slug is GitHub's anchor of one heading's text.
func slug(text string) string {
	text = linkMarkup.ReplaceAllString(text, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestAnchors(t *testing.T) {
	doc := "# Title\n\n## Convocation lead time\n\n```sh\n# not a heading\n```\n\n" +
		"## Documents (`adapters/documents`)\n## Convocation lead time\n### L'accueil, [the link](docs/rules.md) & co.\n#no space\n## Épreuves_2 ##\n"
	assert.Equal(t, []string{"title", "convocation-lead-time", "documents-adaptersdocuments", "convocation-lead-time-1", "laccueil-the-link--co", "épreuves_2"}, anchors(doc))
}
