package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
)

// raw is an answer that is not JSON: the printable déroulé.
type raw struct {
	contentType string
	body        []byte
}

// answer writes a route's successful answer.
func (a *api) answer(w http.ResponseWriter, x *exchange, rt *route, v any) {
	if f, ok := v.(formed); ok {
		v = f.form()
	}
	switch v := v.(type) {
	case raw:
		a.write(w, x, http.StatusOK, v.contentType, v.body)
	case file:
		w.Header().Set("Content-Disposition", attachment(v.doc.Name))
		fileHeaders(w.Header(), v.doc)
		a.write(w, x, http.StatusOK, v.doc.ContentType, v.doc.Body)
	case noContent:
		w.WriteHeader(http.StatusNoContent)
	default:
		a.writeJSON(w, x, rt.status, "application/json", v)
	}
}

// The headers that say what a document leaves out or could not print as
// typed (docs/http-api.md#documents): the candidates a batch of letters
// has none for, by ID, and the characters the PDF's font lacks, as U+XXXX.
const (
	headerMissing     = "Convocations-Missing"
	headerUnprintable = "Unprintable-Characters"
)

// documentHeaders returns, by name, the headers of fileHeaders the route
// may answer, as the OpenAPI document states them: Unprintable-Characters
// on a PDF, Convocations-Missing on a file that may leave letters out.
func documentHeaders(rt route) object {
	out := object{}
	if rt.produces == documents.ContentTypePDF || slices.Contains(rt.alt, documents.ContentTypePDF) {
		out[headerUnprintable] = object{
			"description": "the characters the PDF's font lacks, which it prints as U+FFFD, space-separated (on a PDF answer only)",
			"schema":      object{"type": "string", "pattern": `^U\+[0-9A-F]{4,6}( U\+[0-9A-F]{4,6})*$`},
		}
	}
	if rt.omits {
		id := strings.TrimSuffix(strings.TrimPrefix(patterns["candidate_id"], "^"), "$")
		out[headerMissing] = object{
			"description": "the registered candidates the file has no letter for (no convocation drafted), by ID, comma-separated; the cover page names them too",
			"schema":      object{"type": "string", "pattern": "^" + id + "(, " + id + ")*$"},
		}
	}
	return out
}

func fileHeaders(h http.Header, doc documents.Document) {
	if len(doc.Omitted) > 0 {
		ids := make([]string, len(doc.Omitted))
		for i, o := range doc.Omitted {
			ids[i] = string(o.Candidate)
		}
		h.Set(headerMissing, strings.Join(ids, ", "))
	}
	if len(doc.Unprintable) > 0 {
		codes := make([]string, len(doc.Unprintable))
		for i, r := range doc.Unprintable {
			codes[i] = fmt.Sprintf("U+%04X", r)
		}
		h.Set(headerUnprintable, strings.Join(codes, " "))
	}
}

// attachment is the Content-Disposition of a download named name: the name
// quoted where it must be, and encoded (RFC 2231) when it is not ASCII, so
// that no name can break the header.
func attachment(name string) string {
	if cd := mime.FormatMediaType("attachment", map[string]string{"filename": name}); cd != "" {
		return cd
	}
	return "attachment" // FormatMediaType refuses only a malformed type or parameter name
}

// formed is an answer whose form is chosen when it is written: the JSON
// of a value, or a raw body.
type formed interface{ form() any }

// buffers hold the answers being encoded, reused from one to the next;
// one that grew past maxPooledBuffer (a big list) is left to the
// collector.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 64 << 10

// noContent is the answer of a route that answers 204.
type noContent struct{}

// writeJSON encodes v into a buffer before writing the header, so that an
// encoding failure is still answered with a proper 500.
func (a *api) writeJSON(w http.ResponseWriter, x *exchange, status int, contentType string, v any) {
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			buffers.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		if _, isProblem := v.(problem); isProblem {
			// A problem is plain strings and numbers: this cannot happen.
			a.write(w, x, http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("internal error\n"))
			return
		}
		a.writeProblem(w, x, problemOf(tpsession.ErrInternal.Withf("the answer could not be encoded").Wrap(err), x))
		return
	}
	a.write(w, x, status, contentType, buf.Bytes())
}

func (a *api) write(w http.ResponseWriter, x *exchange, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	// Answers hold personal data and change with every write.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
