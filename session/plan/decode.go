package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tpsession/tpsession"
)

// wireInput mirrors Input with the calendar's dates and times kept as text,
// so that every malformed one is reported at once rather than the first.
// The outer Calendar field shadows the embedded one for encoding/json.
type wireInput struct {
	Input
	Calendar wireCalendar `json:"calendar"`
}

type wireCalendar struct {
	Start   string           `json:"start"`
	Blocks  [][]string       `json:"blocks"`
	MaxDays int              `json:"max_days"`
	Region  tpsession.Region `json:"region"`
}

// Decode reads a planning input (docs/planning.md#input) from r. It refuses unknown
// fields (the top-level note is known and ignored), trailing data, values of
// the wrong JSON type, and malformed dates and times, reporting the latter
// all at once as field errors of ErrInvalidInput. It does not check the
// rules of the input: call [Input.WithSession] to fill what the session
// provides, then [Input.Validate] (Compute validates too).
func Decode(r io.Reader) (Input, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var w wireInput
	if err := dec.Decode(&w); err != nil {
		return Input{}, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Input{}, tpsession.FieldErrors{{Field: "", Message: "unexpected data after the JSON object"}}.Err(ErrInvalidInput)
	}
	in := w.Input
	var fe tpsession.FieldErrors
	in.Calendar = Calendar{MaxDays: w.Calendar.MaxDays, Region: w.Calendar.Region}
	if w.Calendar.Start != "" {
		start, err := tpsession.ParseDate(w.Calendar.Start)
		fe.AddErr("calendar.start", err)
		in.Calendar.Start = start
	}
	for i, pair := range w.Calendar.Blocks {
		field := fmt.Sprintf("calendar.blocks[%d]", i)
		if len(pair) != 2 {
			fe.Add(field, "a block is a pair of times [\"HH:MM\", \"HH:MM\"], got %d values", len(pair))
			continue
		}
		var b Block
		var err error
		if b.Start, err = tpsession.ParseTimeOfDay(pair[0]); err != nil {
			fe.AddErr(field+"[0]", err)
		}
		if b.End, err = tpsession.ParseTimeOfDay(pair[1]); err != nil {
			fe.AddErr(field+"[1]", err)
		}
		in.Calendar.Blocks = append(in.Calendar.Blocks, b)
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Input{}, err
	}
	return in, nil
}

// DecodeBytes is Decode over a byte slice.
func DecodeBytes(data []byte) (Input, error) { return Decode(bytes.NewReader(data)) }

// decodeError turns an encoding/json error into a field error where the
// error names the field.
func decodeError(err error) error {
	var fe tpsession.FieldErrors
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		// The embedded Input of wireInput shows in the path: drop it.
		fe.Add(strings.TrimPrefix(typeErr.Field, "Input."), "must be a JSON %s, got %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr):
		fe.Add("", "malformed JSON at byte %d: %s", syntaxErr.Offset, syntaxErr.Error())
	case errors.Is(err, io.EOF):
		fe.Add("", "the body is empty: a JSON object is expected")
	default:
		// encoding/json reports unknown fields and other shape problems
		// only as text; it names the field, which is what the user needs.
		fe.Add("", "%s", err.Error())
	}
	return fe.Err(ErrInvalidInput)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "int32", "uint", "uint64", "float64":
		return "number"
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	}
	return goKind
}
