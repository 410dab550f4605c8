package tpsession

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error by what the caller can do about it. The set is
// closed: adapters map each kind to one response (an HTTP status, an exit
// code) in a single table.
type Kind uint8

// The kinds of error. The zero value is Internal, so an Error built without a
// kind is never mistaken for the caller's fault.
const (
	// Internal is a failure the caller cannot fix: a broken store, a bug.
	Internal Kind = iota
	// Invalid is malformed input: a missing field, a bad SIRET, a date in the
	// future where a past fact is recorded.
	Invalid
	// NotFound is an unknown ID, or one that belongs to another centre.
	NotFound
	// Conflict is a state or concurrency conflict: a duplicate, a one-shot
	// action repeated, a write to a closed session, a concurrent update.
	Conflict
	// Rule is a regulatory rule refusing the action in the current
	// situation: a convocation validated fewer than 31 days ahead.
	Rule
	// Forbidden is an action the caller's role does not allow.
	Forbidden
)

var kindNames = [...]string{
	Internal:  "internal",
	Invalid:   "invalid",
	NotFound:  "not_found",
	Conflict:  "conflict",
	Rule:      "rule",
	Forbidden: "forbidden",
}

// String returns the kind's stable snake_case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Error is the one error type of the library.
//
// Code is stable and namespaced by package ("candidate.convocation_too_late");
// Message is safe to show to an end user and, for rule violations, states the
// facts that decided them; Fields lists input problems by JSON field name; Err
// is the underlying cause, for logs only.
//
// Packages declare sentinels with [NewError] and return copies made with
// [Error.Withf], [Error.WithFields] or [Error.Wrap]. A copy matches its
// sentinel under [errors.Is] because Is compares codes. A sentinel with an
// empty Code, such as [ErrNotFound], matches every error of its kind.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Fields  []FieldError
	Err     error
}

// NewError returns a sentinel error. Callers never modify it: the With
// methods return copies.
func NewError(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Kind-wide sentinels: errors.Is(err, ErrNotFound) holds for every NotFound
// error of every package.
var (
	ErrInternal  = &Error{Kind: Internal}
	ErrInvalid   = &Error{Kind: Invalid}
	ErrNotFound  = &Error{Kind: NotFound}
	ErrConflict  = &Error{Kind: Conflict}
	ErrRule      = &Error{Kind: Rule}
	ErrForbidden = &Error{Kind: Forbidden}
)

// ErrInvalidInput is the generic invalid-input error that carries field
// errors; packages may declare more specific ones.
var ErrInvalidInput = NewError(Invalid, "input.invalid", "the input is invalid")

// Error returns the code, the message and the cause, for logs.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		b.WriteString(e.Kind.String())
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether e matches target: same code, or, when target has no
// code, same kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	if t.Code == "" {
		return t.Kind == e.Kind
	}
	return t.Code == e.Code
}

// Withf returns a copy of e whose message is formatted from format and args:
// the facts of this occurrence.
func (e *Error) Withf(format string, args ...any) *Error {
	c := e.clone()
	c.Message = fmt.Sprintf(format, args...)
	return c
}

// WithFields returns a copy of e carrying the given field errors in addition
// to those it already has.
func (e *Error) WithFields(fields ...FieldError) *Error {
	c := e.clone()
	c.Fields = append(c.Fields, fields...)
	return c
}

// Wrap returns a copy of e with cause as its underlying error.
func (e *Error) Wrap(cause error) *Error {
	c := e.clone()
	c.Err = cause
	return c
}

func (e *Error) clone() *Error {
	c := *e
	c.Fields = append([]FieldError(nil), e.Fields...)
	return &c
}

// KindOf returns the kind of the first *Error in err's chain, Internal when
// there is none, so that an unexpected error is never shown as the caller's
// fault. KindOf(nil) is Internal as well; callers test err != nil first.
func KindOf(err error) Kind {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Kind
	}
	return Internal
}

// CodeOf returns the code of the first *Error in err's chain that has one,
// or "" when there is none.
func CodeOf(err error) string {
	for err != nil {
		if e, ok := err.(*Error); ok && e.Code != "" {
			return e.Code
		}
		err = errors.Unwrap(err)
	}
	return ""
}

// FieldError is one problem with one input field. Field is the JSON path of
// the field with dots and indexes ("host_companies[0].siret").
type FieldError struct {
	Field   string
	Message string
}

func (f FieldError) String() string { return f.Field + ": " + f.Message }

// FieldErrors collects the problems found while checking an input, so that
// all of them are reported at once.
type FieldErrors []FieldError

// Add records a problem with field.
func (fe *FieldErrors) Add(field, format string, args ...any) {
	*fe = append(*fe, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// AddErr records err as a problem with field, with its user-safe message
// (see MessageOf). A nil err records nothing.
func (fe *FieldErrors) AddErr(field string, err error) {
	if err == nil {
		return
	}
	*fe = append(*fe, FieldError{Field: field, Message: MessageOf(err)})
}

// Merge records the problems of other under the field prefix: "siret" in
// other becomes "host_companies[0].siret" with prefix "host_companies[0]".
// Field errors carried by err (an *Error) are merged the same way; another
// non-nil err is recorded against prefix itself.
func (fe *FieldErrors) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	e, ok := errors.AsType[*Error](err)
	if !ok || len(e.Fields) == 0 {
		fe.AddErr(prefix, err)
		return
	}
	for _, f := range e.Fields {
		*fe = append(*fe, FieldError{Field: joinField(prefix, f.Field), Message: f.Message})
	}
}

func joinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	case strings.HasPrefix(field, "["):
		return prefix + field
	default:
		return prefix + "." + field
	}
}

// Err returns nil when no problem was recorded, and otherwise a copy of base
// carrying the field errors, its message listing them.
func (fe FieldErrors) Err(base *Error) error {
	if len(fe) == 0 {
		return nil
	}
	return base.WithFields(fe...).Withf("%s: %s", base.Message, fe)
}

// String lists the problems as "field: message", separated by "; ".
func (fe FieldErrors) String() string {
	parts := make([]string, len(fe))
	for i, f := range fe {
		parts[i] = f.String()
	}
	return strings.Join(parts, "; ")
}
