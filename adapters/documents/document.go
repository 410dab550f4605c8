package documents

import (
	"bytes"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tpsession/tpsession"
)

// Content types of the documents, as an HTTP response declares them.
const (
	ContentTypePDF  = "application/pdf"
	ContentTypeICS  = "text/calendar; charset=utf-8"
	ContentTypeCSV  = "text/csv; charset=utf-8"
	ContentTypeText = "text/plain; charset=utf-8"
)

// Document is a finished document: its bytes, what they are, and the file
// name to offer when it is downloaded. An HTTP handler serves it in three
// lines:
//
//	w.Header().Set("Content-Type", doc.ContentType)
//	w.Header().Set("Content-Disposition", `attachment; filename="`+doc.Name+`"`)
//	_, err := doc.WriteTo(w)
type Document struct {
	// Name is a file name made of ASCII letters, digits, '-' and '.', safe
	// in a Content-Disposition header: "convocation-martin-elise.pdf".
	Name        string
	ContentType string
	Body        []byte
	// Unprintable lists the characters of the document's text that its
	// font lacks, in the order met: each is printed as its letters without
	// their diacritics, or as U+FFFD, never silently; empty when the
	// document prints everything as typed.
	Unprintable []rune
	// Omitted lists what a batch leaves out and why: the registrations
	// without a convocation to print, in a file of every letter. The file
	// says so too (ConvocationLetters).
	Omitted []Omission
}

// Omission is a registered candidate a batch of documents leaves out.
type Omission struct {
	Candidate tpsession.CandidateID
	// Name is the candidate's name as printed.
	Name string
	// Reason says why, in French, as the file prints it.
	Reason string
}

// WriteTo writes the document's bytes to w.
func (d Document) WriteTo(w io.Writer) (int64, error) {
	return bytes.NewReader(d.Body).WriteTo(w)
}

// fileName builds a file name from words and an extension: accents
// dropped, lower case, runs of anything but letters and digits turned into
// one '-'.
func fileName(ext string, words ...string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(asciiLigatures.Replace(strings.Join(words, " "))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		b.WriteString("document")
	}
	return b.String() + "." + ext
}

// asciiLigatures spells the letters that do not decompose into a base
// letter and accents.
var asciiLigatures = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE", "ß", "ss",
	"ł", "l", "Ł", "L", "đ", "d", "Đ", "D", "ø", "o", "Ø", "O", "ı", "i", "ħ", "h", "Ħ", "H", "þ", "th", "Þ", "TH", "ð", "d", "Ð", "D")
