package httpapi

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/tpsession/tpsession"
)

// Validator checks the shape of command and request structs with
// go-playground/validator tags, and reports problems as field errors named
// after the structs' JSON field names. Regulatory rules are not tags: they
// are Go code in the domain packages.
//
// Besides the validator's own tags it knows "siret", "title_code", "date"
// (YYYY-MM-DD) and "centre_id", on string fields, checked by this package's
// parsers. Create one with NewValidator and share it: it caches struct
// metadata and is safe for concurrent use.
type Validator struct {
	v *validator.Validate
}

// NewValidator returns a Validator.
func NewValidator() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	for _, tag := range []string{"siret", "title_code", "date", "centre_id"} {
		parse := parserOf(tag)
		// Registration fails only for an empty tag or a nil function.
		_ = v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			return s == "" || parse(s) == nil // emptiness is "required"'s business
		})
	}
	return &Validator{v: v}
}

// parserOf returns the parser checking one of the tags this package adds,
// nil for another tag.
func parserOf(tag string) func(string) error {
	switch tag {
	case "siret":
		return func(s string) error { _, err := tpsession.ParseSIRET(s); return err }
	case "title_code":
		return func(s string) error { _, err := tpsession.ParseTitleCode(s); return err }
	case "date":
		return func(s string) error { _, err := tpsession.ParseDate(s); return err }
	case "centre_id":
		return func(s string) error { _, err := tpsession.ParseCentreID(s); return err }
	}
	return nil
}

// Struct checks s (a struct or a pointer to one). It returns nil, or an
// Invalid *tpsession.Error whose Fields name every offending field by its JSON path
// ("host_companies[0].siret").
func (v *Validator) Struct(s any) error {
	err := v.v.Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return tpsession.ErrInternal.Withf("input could not be checked").Wrap(err)
	}
	var fe tpsession.FieldErrors
	for _, e := range verrs {
		fe = append(fe, tpsession.FieldError{Field: fieldPath(e.Namespace()), Message: tagMessage(e)})
	}
	return fe.Err(tpsession.ErrInvalidInput)
}

// fieldPath drops the struct type name the validator puts first.
func fieldPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}

func tagMessage(e validator.FieldError) string {
	if parse := parserOf(e.Tag()); parse != nil {
		if msg := tpsession.MessageOf(parse(fmt.Sprint(e.Value()))); msg != "" {
			return msg
		}
		return "is invalid"
	}
	p := e.Param()
	switch e.Tag() {
	case "required", "required_if", "required_unless", "required_with", "required_without":
		return "is required"
	case "excluded_if", "excluded_unless", "excluded_with", "excluded_without":
		return "must not be given here"
	case "oneof":
		return "must be one of: " + strings.Join(strings.Fields(p), ", ")
	case "email":
		return "must be an e-mail address"
	case "min", "gte":
		if e.Kind() == reflect.String {
			return "must have at least " + p + " characters"
		}
		if e.Kind() == reflect.Slice || e.Kind() == reflect.Map {
			return "must have at least " + p + " elements"
		}
		return "must be at least " + p
	case "max", "lte":
		if e.Kind() == reflect.String {
			return "must have at most " + p + " characters"
		}
		if e.Kind() == reflect.Slice || e.Kind() == reflect.Map {
			return "must have at most " + p + " elements"
		}
		return "must be at most " + p
	case "gt":
		return "must be greater than " + p
	case "lt":
		return "must be less than " + p
	case "len":
		return "must have length " + p
	case "dive":
		return "has an invalid element"
	default:
		return "fails the " + e.Tag() + " check"
	}
}
