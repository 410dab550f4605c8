package webui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// maxUpload bounds a form's body: a planning input is a few kilobytes.
const maxUpload = 1 << 20

func tooLarge(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || strings.Contains(err.Error(), "too large") {
		return tpsession.ErrInvalidInput.Withf("the form is larger than %d bytes", maxUpload)
	}
	return tpsession.ErrInvalidInput.Withf("the form could not be read")
}

// form is what a refused form shows again: the values typed and, next to
// each field, the library's field errors (named by the JSON name of the
// field, as the HTTP API names them); the errors of fields the form does
// not show are listed at its top with the library's message.
type form struct {
	// Name tells which form of the page was sent.
	Name    string
	Values  url.Values
	Errors  map[string][]string
	Message string
	// Others are the errors of fields the form has no control for.
	Others []fieldMessage
	shown  map[string]bool
}

type fieldMessage struct{ Field, Message, ID string }

// newForm returns the form state of a refusal of the form name: err's
// field errors, by field.
func newForm(name string, values url.Values, err error) *form {
	f := &form{Name: name, Values: values, Errors: map[string][]string{}, Message: tpsession.MessageOf(err)}
	var e *tpsession.Error
	if errors.As(err, &e) {
		for _, fe := range e.Fields {
			f.Errors[fe.Field] = append(f.Errors[fe.Field], fe.Message)
		}
	}
	return f
}

// fieldView is one control of a form: its label, its value as sent, its
// errors, and the IDs that tie them together for assistive technologies.
type fieldView struct {
	ID, Name, Label, Type, Value, Hint string
	Required                           bool
	Errors                             []string
	Options                            []option
}

type option struct {
	Value, Label string
	Selected     bool
}

// ErrorID is the ID of the element listing the field's errors.
func (f fieldView) ErrorID() string { return f.ID + "-erreur" }

// HintID is the ID of the field's hint.
func (f fieldView) HintID() string { return f.ID + "-aide" }

// Described lists the IDs that describe the control.
func (f fieldView) Described() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.HintID())
	}
	if len(f.Errors) > 0 {
		ids = append(ids, f.ErrorID())
	}
	return strings.Join(ids, " ")
}

// fieldID makes an HTML ID of a form's field: "register-host_companies-0-siret".
func fieldID(formName, name string) string {
	r := strings.NewReplacer(".", "-", "[", "-", "]", "")
	return formName + "-" + r.Replace(name)
}

// field returns the view of a field of form formName; f is the page's
// refused form, nil when none.
func (f *form) field(formName, name, label, typ string, required bool, hint string, def string) fieldView {
	v := fieldView{ID: fieldID(formName, name), Name: name, Label: label, Type: typ, Required: required, Hint: hint, Value: def}
	if f != nil && f.Name == formName {
		v.Value = f.Values.Get(name)
		v.Errors = f.Errors[name]
		if f.shown == nil {
			f.shown = map[string]bool{}
		}
		f.shown[name] = true
	}
	return v
}

// summaryView is the box at the top of a refused form: the library's
// message, then each field's error.
type summaryView struct {
	Message string
	Items   []fieldMessage
}

// Summary lists every error of the form: those of its fields first, in
// the form's order, linked to their control; then the others. It is nil
// when the form was not refused.
func (f *form) Summary(formName string, fields []string) *summaryView {
	if f == nil || f.Name != formName {
		return nil
	}
	return &summaryView{Message: f.Message, Items: f.items(formName, fields)}
}

func (f *form) items(formName string, fields []string) []fieldMessage {
	var out []fieldMessage
	done := map[string]bool{}
	for _, name := range fields {
		for _, m := range f.Errors[name] {
			out = append(out, fieldMessage{Field: name, Message: m, ID: fieldID(formName, name)})
		}
		done[name] = true
	}
	for name, ms := range f.Errors {
		if done[name] {
			continue
		}
		for _, m := range ms {
			out = append(out, fieldMessage{Field: name, Message: m})
		}
	}
	return out
}

// Is reports whether the refused form is the form formName.
func (f *form) Is(formName string) bool { return f != nil && f.Name == formName }

// Value returns a value the refused form formName was sent with, or def.
func (f *form) Value(formName, name, def string) string {
	if f != nil && f.Name == formName {
		return f.Values.Get(name)
	}
	return def
}

// formValues reads what the parsing of the form (checkPost) kept.
func formValues(r *http.Request) url.Values {
	if r.MultipartForm != nil {
		return url.Values(r.MultipartForm.Value)
	}
	return r.PostForm
}

// parseDateField reads an optional date typed as YYYY-MM-DD (an input of
// type date sends that form), recording its problem under field.
func parseDateField(fe *tpsession.FieldErrors, field, s string, required bool) date.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			fe.Add(field, "is required")
		}
		return date.Zero
	}
	d, err := tpsession.ParseDate(s)
	fe.AddErr(field, err)
	return d
}

// parseIntField reads a whole number, recording its problem under field.
func parseIntField(fe *tpsession.FieldErrors, field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		fe.Add(field, "is required")
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fe.Add(field, "must be a whole number, got %q", tpsession.Truncate(s, 20))
	}
	return n
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// withParseErrors joins the problems found reading a form's values (a
// number or a date that is not one) to the library's refusal of the input
// they were read into, which stood zero values in for them: a field the
// form could not read keeps its reading's error rather than the library's
// word on the zero.
func withParseErrors(parse tpsession.FieldErrors, err error) error {
	if len(parse) == 0 {
		return err
	}
	bad := map[string]bool{}
	for _, f := range parse {
		bad[f.Field] = true
	}
	e, ok := errors.AsType[*tpsession.Error](err)
	if !ok {
		return parse.Err(tpsession.ErrInvalidInput)
	}
	out := slices.Clone(parse)
	for _, f := range e.Fields {
		if !bad[f.Field] {
			out = append(out, f)
		}
	}
	return out.Err(e)
}

// refusable reports whether err is a refusal the user can act on, shown
// next to the form, rather than a page of its own.
func refusable(err error) bool {
	switch tpsession.KindOf(err) {
	case tpsession.Invalid, tpsession.Conflict, tpsession.Rule:
		return true
	}
	return false
}

func countFR(n int) string { return fmt.Sprint(n) }
