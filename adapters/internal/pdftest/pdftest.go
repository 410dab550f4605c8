// Package pdftest reads back, for the adapters' tests, the PDFs they make:
// the text of each page, and where each word stands on it, by poppler's
// pdftotext (Debian's poppler-utils), which .ci/run installs. Without
// pdftotext a test is skipped, saying how to install it, or fails under
// CI=true, where a missing tool is a broken run rather than a choice.
//
// It imports the standard library only.
package pdftest

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tool returns the path of pdftotext, skipping or failing the test
// without it.
func tool(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("pdftotext is not installed: .ci/run installs it (apt-get install poppler-utils)")
	}
	t.Skip("pdftotext is not installed: apt-get install poppler-utils to read the PDFs back")
	return ""
}

// run runs pdftotext on body with args, and returns what it writes.
func run(t testing.TB, body []byte, args ...string) []byte {
	t.Helper()
	bin := tool(t)
	in := filepath.Join(t.TempDir(), "document.pdf")
	if err := os.WriteFile(in, body, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	cmd := exec.Command(bin, append(append([]string{"-q", "-enc", "UTF-8"}, args...), in, "-")...)
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext cannot read the PDF: %v: %s", err, errs.String())
	}
	return out.Bytes()
}

// Pages returns the text of each page, in the order it was written (a
// table row by row), every run of white space made one space, so that a
// sentence wrapped over lines is found whole.
func Pages(t testing.TB, body []byte) []string {
	t.Helper()
	pages := strings.Split(string(run(t, body, "-raw")), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

// Text returns the text of the whole PDF, as Pages folds it.
func Text(t testing.TB, body []byte) string {
	t.Helper()
	return strings.Join(Pages(t, body), " ")
}

// Page is a page's size and words, in millimetres from its top left
// corner.
type Page struct {
	Width, Height float64
	Words         []Word
}

// Word is a word and its box.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Layout returns each page's words with their boxes, by pdftotext -bbox.
func Layout(t testing.TB, body []byte) []Page {
	t.Helper()
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(bytes.NewReader(run(t, body, "-bbox")))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("the output of pdftotext -bbox cannot be read: %v", err)
	}
	const mm = 25.4 / 72 // points to millimetres
	out := make([]Page, len(doc.Pages))
	for i, p := range doc.Pages {
		out[i] = Page{Width: p.Width * mm, Height: p.Height * mm}
		for _, w := range p.Words {
			out[i].Words = append(out[i].Words, Word{Text: w.Text, XMin: w.XMin * mm, YMin: w.YMin * mm, XMax: w.XMax * mm, YMax: w.YMax * mm})
		}
	}
	return out
}

// Overlap reports whether the boxes of two words overlap by more than a
// tenth of a millimetre each way.
func (w Word) Overlap(o Word) bool {
	const e = 0.1
	return w.XMin < o.XMax-e && o.XMin < w.XMax-e && w.YMin < o.YMax-e && o.YMin < w.YMax-e
}

// Find returns the words of the page whose text is s, in order.
func (p Page) Find(s string) []Word {
	var out []Word
	for _, w := range p.Words {
		if w.Text == s {
			out = append(out, w)
		}
	}
	return out
}

// Text returns the page's words joined by spaces.
func (p Page) Text() string {
	words := make([]string, len(p.Words))
	for i, w := range p.Words {
		words[i] = w.Text
	}
	return strings.Join(words, " ")
}
