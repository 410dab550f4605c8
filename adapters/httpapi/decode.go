package httpapi

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tpsession/tpsession"
)

// errInvalidBody is the error of a body that is not the JSON the route
// reads; its field errors say where.
var errInvalidBody = tpsession.NewError(tpsession.Invalid, "httpapi.body_invalid", "the body is not the JSON object this route reads")

// bodyRule says whether a route's body may be left out.
type bodyRule uint8

const (
	// optionalBody: no body, or {}, means every field is left out.
	optionalBody bodyRule = iota + 1
	// requiredBody: the body is a JSON object.
	requiredBody
)

// readBody reads the request's body in the order docs/http-api.md#order-of-checks sets: 413 for a
// body over MaxBodyBytes, then 415 for a non-empty body of a media type
// the route does not read (application/json unless it says otherwise). It
// returns nil for an empty body. The server closes the connection after
// answering a body too large.
func readBody(w http.ResponseWriter, r *http.Request, accepted []string) ([]byte, error) {
	if r.ContentLength > MaxBodyBytes {
		return nil, errBodyTooLarge
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		return nil, errBodyTooLarge
	}
	if err != nil {
		return nil, errInvalidBody.Withf("the body could not be read").Wrap(err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	if len(accepted) == 0 {
		accepted = []string{"application/json"}
	}
	if err := checkMediaType(r.Header.Get("Content-Type"), accepted); err != nil {
		return nil, err
	}
	return data, nil
}

// checkMediaType accepts the route's media types, with parameters; a JSON
// body given a charset must say UTF-8, the only encoding JSON has (RFC 8259
// §8.1).
func checkMediaType(header string, accepted []string) error {
	want := strings.Join(accepted, " or ")
	if header == "" {
		return errMediaType.withf("the body has no Content-Type: send Content-Type: %s", want)
	}
	mt, params, err := mime.ParseMediaType(header)
	if err != nil {
		return errMediaType.withf("the Content-Type %q is malformed", tpsession.Truncate(header, 80))
	}
	if !slices.Contains(accepted, mt) {
		return errMediaType.withf("the body is %s, not %s", tpsession.Truncate(mt, 80), want)
	}
	if cs, ok := params["charset"]; ok && strings.HasSuffix(mt, "json") && !strings.EqualFold(cs, "utf-8") {
		return errMediaType.withf("JSON is UTF-8, not %s", tpsession.Truncate(cs, 40))
	}
	return nil
}

// decodeJSON decodes data into dst, a pointer to a struct. Before decoding
// it walks the JSON against dst's type, so that every problem is reported
// at once with its path (host_companies[0].siret): an unknown field, a key
// given twice, a value of the wrong type, a free-text value that breaks
// the text rule of its field's text tag (tpsession.TextProblem), a string
// holding a lone surrogate. Only then does encoding/json decode, which
// the walk has made sure will succeed.
func (a *api) decodeJSON(data []byte, dst any) error {
	if !utf8.Valid(data) {
		return errInvalidBody.WithFields(tpsession.FieldError{Message: "the body is not valid UTF-8"}).Withf("the body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := walker{dec: dec, fields: a.fieldsOf, surrogates: loneSurrogates(data)}
	if err := w.value(shapeOf(reflect.TypeOf(dst).Elem()), textRule{}, ""); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		w.fe.Add("", "unexpected data after the JSON object")
	}
	if err := w.fe.Err(errInvalidBody); err != nil {
		return err
	}
	if err := json.Unmarshal(data, dst); err != nil {
		if _, own := errors.AsType[*tpsession.Error](err); own {
			return err // a type that reads its own JSON said what is wrong
		}
		return errInvalidBody.WithFields(tpsession.FieldError{Message: "the body could not be decoded"}).Withf("the body could not be decoded").Wrap(err)
	}
	return nil
}

// walker checks a JSON value token by token against a Go type.
type walker struct {
	dec    *json.Decoder
	fields func(reflect.Type) map[string]field
	fe     tpsession.FieldErrors
	// surrogates are the offsets of the lone surrogate escapes of the
	// body, in increasing order.
	surrogates []int64
}

// field is a JSON field of a struct: its type and the text rule of its
// text tag, which applies to the elements of a list and the keys of a
// map.
type field struct {
	t    reflect.Type
	text textRule
}

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

// value checks the next value against t and the text rule, recording
// problems at path. It returns an error only for malformed JSON, after
// which nothing more can be read.
func (w *walker) value(t reflect.Type, rule textRule, path string) error {
	from := w.dec.InputOffset()
	tok, err := w.dec.Token()
	if err != nil {
		return malformed(err, w.dec.InputOffset())
	}
	if s, ok := tok.(string); ok {
		if w.surrogate(from, w.dec.InputOffset()) {
			w.fe.Add(path, "holds a lone surrogate (an escape from \\ud800 to \\udfff without its pair): it is not text")
			return nil
		}
		if p := rule.problem(s); p != "" {
			w.fe.Add(path, "%s", p)
			return nil
		}
	}
	for t.Kind() == reflect.Pointer {
		if tok == nil {
			return nil
		}
		t = t.Elem()
	}
	if tok == nil {
		// null leaves a field as it is: the same as leaving it out.
		return nil
	}
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(jsonUnmarshaler):
		// The type reads its own JSON (a planning block, a date).
		return w.skip(tok)
	case pt.Implements(textUnmarshaler):
		if _, ok := tok.(string); !ok {
			w.fe.Add(path, "must be a JSON string")
			return w.skip(tok)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return w.object(tok, path, func(key string) (field, bool) {
			f, ok := w.fields(t)[key]
			return f, ok
		})
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			break
		}
		return w.object(tok, path, func(key string) (field, bool) {
			if p := rule.problem(key); p != "" {
				w.fe.Add(path, "key %q %s", tpsession.Truncate(key, 40), p)
			}
			return field{t: t.Elem()}, true
		})
	case reflect.Slice, reflect.Array:
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			w.fe.Add(path, "must be a JSON array")
			return w.skip(tok)
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(t.Elem(), rule, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err := w.dec.Token()
		return malformed(err, w.dec.InputOffset())
	case reflect.String:
		if _, ok := tok.(string); !ok {
			w.fe.Add(path, "must be a JSON string")
		}
		return w.skip(tok)
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			w.fe.Add(path, "must be true or false")
		}
		return w.skip(tok)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.integer(tok, path, t.Bits())
		return w.skip(tok)
	case reflect.Float32, reflect.Float64:
		if n, ok := tok.(json.Number); !ok {
			w.fe.Add(path, "must be a JSON number")
		} else if f, err := n.Float64(); err != nil || math.IsInf(f, 0) {
			w.fe.Add(path, "is out of range")
		}
		return w.skip(tok)
	}
	return w.skip(tok)
}

// object checks an object whose keys fieldOf resolves.
func (w *walker) object(tok json.Token, path string, fieldOf func(string) (field, bool)) error {
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		w.fe.Add(path, "must be a JSON object")
		return w.skip(tok)
	}
	seen := map[string]bool{}
	for w.dec.More() {
		from := w.dec.InputOffset()
		kt, err := w.dec.Token()
		if err != nil {
			return malformed(err, w.dec.InputOffset())
		}
		key, _ := kt.(string) // object keys are strings
		at := join(path, key)
		if w.surrogate(from, w.dec.InputOffset()) {
			w.fe.Add(path, "has a key holding a lone surrogate (an escape from \\ud800 to \\udfff without its pair)")
			if err := w.skipNext(); err != nil {
				return err
			}
			continue
		}
		f, known := fieldOf(key)
		switch {
		case seen[key]:
			w.fe.Add(at, "is given more than once")
		case !known:
			w.fe.Add(at, "is not a field of this object")
		}
		seen[key] = true
		if !known {
			if err := w.skipNext(); err != nil {
				return err
			}
			continue
		}
		if err := w.value(f.t, f.text, at); err != nil {
			return err
		}
	}
	_, err := w.dec.Token()
	return malformed(err, w.dec.InputOffset())
}

func (w *walker) integer(tok json.Token, path string, bits int) {
	n, ok := tok.(json.Number)
	if !ok {
		w.fe.Add(path, "must be an integer")
		return
	}
	v, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		if ne, ok := errors.AsType[*strconv.NumError](err); ok && errors.Is(ne.Err, strconv.ErrRange) {
			w.fe.Add(path, "is out of range")
		} else {
			w.fe.Add(path, "must be an integer")
		}
		return
	}
	if bits < 64 && (v < -(1<<(bits-1)) || v >= 1<<(bits-1)) {
		w.fe.Add(path, "is out of range")
	}
}

// skip passes over the rest of the value that tok starts.
func (w *walker) skip(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := w.dec.Token()
		if err != nil {
			return malformed(err, w.dec.InputOffset())
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// skipNext passes over the next value.
func (w *walker) skipNext() error {
	tok, err := w.dec.Token()
	if err != nil {
		return malformed(err, w.dec.InputOffset())
	}
	return w.skip(tok)
}

// malformed reports JSON that cannot be read further.
func malformed(err error, offset int64) error {
	if err == nil {
		return nil
	}
	msg := fmt.Sprintf("malformed JSON near byte %d", offset)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "the JSON ends too early"
	}
	return errInvalidBody.WithFields(tpsession.FieldError{Message: msg}).Withf("%s", msg)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fieldsOf returns the JSON fields of a struct type by name: exported
// fields with their json tag name (or Go name), those tagged "-" left out.
// Names match exactly: encoding/json would also take "Title_Code" for
// title_code, the walk does not.
func (a *api) fieldsOf(t reflect.Type) map[string]field {
	if s, ok := a.fields.Load(t); ok {
		return s.(map[string]field)
	}
	fields := map[string]field{}
	addFields(fields, t)
	a.fields.Store(t, fields)
	return fields
}

func addFields(fields map[string]field, t reflect.Type) {
	for f := range jsonFields(t) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = field{t: f.Type, text: textRuleOf(f)}
	}
}

// jsonFields yields the fields of the struct type t as encoding/json
// reads them: the fields of an embedded struct without a JSON name are
// promoted in its place.
func jsonFields(t reflect.Type) iter.Seq[reflect.StructField] {
	return func(yield func(reflect.StructField) bool) {
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				for g := range jsonFields(f.Type) {
					if !yield(g) {
						return
					}
				}
				continue
			}
			if !yield(f) {
				return
			}
		}
	}
}
