package httpapi

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"sync"

	"github.com/tpsession/tpsession"
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
		a.write(w, x, http.StatusOK, v.doc.ContentType, v.doc.Body)
	case noContent:
		w.WriteHeader(http.StatusNoContent)
	default:
		a.writeJSON(w, x, rt.status, "application/json", v)
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
