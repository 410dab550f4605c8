package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// idempotencyHeader carries the key that makes a POST idempotent; an
// answer given again carries replayedHeader.
const (
	idempotencyHeader = "Idempotency-Key"
	replayedHeader    = "Idempotent-Replayed"
)

// serveOnce serves a POST sent with an Idempotency-Key: the route runs
// once per key of the caller's centre within session.ReceiptLifetime, its
// answer kept with its writes, in one transaction; a retry with the same
// key and the same request gets that answer again (with
// Idempotent-Replayed: true) without the route running; the same key with
// another request is refused (422). An answer is kept when the route's
// writes are: a success, or a refusal the custody log keeps (opening the
// pli too early); any other refusal undoes everything and keeps nothing,
// so that the request can be sent again, with the same key, once its
// cause is fixed.
func (c *call) serveOnce(acc access, known bool, key string) {
	a, w := c.a, c.w
	fail := func(err error) { a.writeProblem(w, c.x, problemOf(err, c.x)) }
	if err := c.admit(acc, known); err != nil {
		fail(err)
		return
	}
	if err := checkKey(key); err != nil {
		fail(err)
		return
	}
	data, err := readBody(w, c.r, c.rt.accepts)
	if err != nil {
		fail(err)
		return
	}
	c.r.ContentLength = int64(len(data))
	stored, replayed, err := a.svc.Idempotent(c.ctx, c.actor, key, fingerprint(c.r, data), func(ctx context.Context) ([]byte, error) {
		// The route reads the body on each run: a store may run the
		// transaction again (session.Transactor).
		c.r.Body = io.NopCloser(bytes.NewReader(data))
		buf := &bufferedAnswer{header: http.Header{}}
		c.w, c.ctx = buf, ctx
		defer func() { c.w = w }()
		v, err := c.rt.serve(c)
		switch {
		case err == nil:
			a.answer(buf, c.x, c.rt, v)
		case pli.RefusalLogged(err):
			a.writeProblem(buf, c.x, problemOf(err, c.x))
		default:
			return nil, err
		}
		if buf.status >= http.StatusInternalServerError {
			// The answer could not be made: keep nothing.
			return nil, tpsession.ErrInternal.Withf("the answer could not be made").Wrap(c.x.cause)
		}
		return json.Marshal(buf.kept())
	})
	if err != nil {
		fail(err)
		return
	}
	var ans keptAnswer
	if err := json.Unmarshal(stored, &ans); err != nil {
		fail(tpsession.ErrInternal.Withf("a kept answer could not be read").Wrap(err))
		return
	}
	for name, value := range ans.Header {
		w.Header().Set(name, value)
	}
	if replayed {
		w.Header().Set(replayedHeader, "true")
	}
	if ans.Status == http.StatusNoContent {
		w.WriteHeader(ans.Status)
		return
	}
	a.write(w, c.x, ans.Status, ans.Header["Content-Type"], ans.Body)
}

// checkKey refuses a key that is empty, longer than session.MaxKeyLen or
// made of anything but visible ASCII characters.
func checkKey(key string) error {
	ok := key != "" && len(key) <= session.MaxKeyLen
	for i := 0; ok && i < len(key); i++ {
		ok = key[i] > ' ' && key[i] < 0x7f
	}
	if ok {
		return nil
	}
	return session.ErrInvalidKey.WithFields(tpsession.FieldError{Field: idempotencyHeader, Message: "must have 1 to 255 visible ASCII characters"}).
		Withf("the %s header must have 1 to %d visible ASCII characters", idempotencyHeader, session.MaxKeyLen)
}

// fingerprint identifies a request: its method, path and query, and its
// body, a JSON body in a canonical form (keys sorted, no white space, an
// empty body written {}), so that a client that encodes the same request
// again gets the same fingerprint.
func fingerprint(r *http.Request, body []byte) string {
	h := sha256.New()
	io.WriteString(h, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery+"\n")
	h.Write(canonical(body))
	return hex.EncodeToString(h.Sum(nil))
}

// canonical returns a JSON body in a canonical form, and any other body as
// it is.
func canonical(body []byte) []byte {
	if len(bytes.TrimSpace(body)) == 0 {
		return []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return body
	}
	out, err := json.Marshal(v)
	if err != nil {
		return body
	}
	return out
}

// keptAnswer is an answer as a receipt keeps it: its status, the headers
// that belong to it, and its body.
type keptAnswer struct {
	Status int               `json:"status"`
	Header map[string]string `json:"header,omitempty"`
	Body   []byte            `json:"body,omitempty"`
}

// bufferedAnswer is a ResponseWriter that keeps the answer in memory.
type bufferedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedAnswer) Header() http.Header { return b.header }

func (b *bufferedAnswer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedAnswer) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// kept returns the answer to keep: the headers that describe it (the
// others are the server's, set on every answer).
func (b *bufferedAnswer) kept() keptAnswer {
	out := keptAnswer{Status: b.status, Header: map[string]string{}, Body: b.body.Bytes()}
	for _, name := range []string{"Content-Type", "Location", "Content-Disposition", "WWW-Authenticate"} {
		if v := b.header.Get(name); v != "" {
			out.Header[name] = v
		}
	}
	return out
}
