package exam

import (
	"reflect"
	"slices"

	"github.com/rickb777/date/v2"
)

// Vet returns ErrPVClosed when next changes what the closed procès-verbal
// of prev holds: its closing instant, decisions and their signatures,
// sittings, attendance, presences, sheets, incidents, constatations, an
// amendment or a signature of one, a modality stated, the sending, the
// validation or an issuance once recorded. What may still be added is
// added: an amendment and its signatures, a modality not stated yet, the
// sending, the validation, an issuance and its delivery, the
// pseudonymisation (which rewrites the free text only). Stores call it on
// every update, so that no closure, whatever it does, can alter a closed
// procès-verbal.
func Vet(prev, next Record) error {
	if !prev.Closed() {
		return nil
	}
	// The update that pseudonymises rewrites names in free text: compare
	// everything else.
	a, b := prev.Clone(), next.Clone()
	if prev.Pseudonymised == nil && next.Pseudonymised != nil {
		blankText(&a)
		blankText(&b)
	}
	fail := func(what string) error {
		return ErrPVClosed.Withf("the procès-verbal closed at %s: its %s can no longer change", prev.ClosedAt.Format("2006-01-02 15:04"), what)
	}
	switch {
	case !a.ClosedAt.Equal(b.ClosedAt):
		return fail("closing")
	case !reflect.DeepEqual(a.Decisions, b.Decisions):
		return fail("decisions and signatures")
	case !reflect.DeepEqual(a.Sittings, b.Sittings), !reflect.DeepEqual(a.Attendance, b.Attendance),
		!reflect.DeepEqual(a.Jury, b.Jury), !reflect.DeepEqual(a.Responsable, b.Responsable), !reflect.DeepEqual(a.Sheets, b.Sheets):
		return fail("attendance")
	case !reflect.DeepEqual(a.Incidents, b.Incidents):
		return fail("incident reports")
	case !reflect.DeepEqual(a.Constatations, b.Constatations):
		return fail("PV de constatation")
	case !extends(a.Amendments, b.Amendments, func(x, y Amendment) bool {
		if len(y.Signatures) < len(x.Signatures) || !slices.Equal(x.Signatures, y.Signatures[:len(x.Signatures)]) {
			return false
		}
		x.Signatures, y.Signatures = nil, nil
		return reflect.DeepEqual(x, y)
	}):
		return fail("amendments")
	case !extends(a.Statements, b.Statements, func(x, y ModalityStatement) bool { return reflect.DeepEqual(x, y) }):
		return fail("modality statements")
	case a.PVSent != nil && !reflect.DeepEqual(a.PVSent, b.PVSent):
		return fail("sending")
	case a.Validation != nil && !reflect.DeepEqual(a.Validation, b.Validation):
		return fail("validation")
	case !extends(a.Issuances, b.Issuances, func(x, y Issuance) bool {
		if x.DeliveredOn == date.Zero {
			y.DeliveredOn = x.DeliveredOn
		}
		return x == y
	}):
		return fail("issuances")
	case a.Pseudonymised != nil && !reflect.DeepEqual(a.Pseudonymised, b.Pseudonymised):
		return fail("pseudonymisation")
	}
	return nil
}

// extends reports whether next keeps every element of prev, in order, each
// one same as before (an element may have grown as same allows), and adds
// any after.
func extends[T any](prev, next []T, same func(prev, next T) bool) bool {
	if len(next) < len(prev) {
		return false
	}
	for i := range prev {
		if !same(prev[i], next[i]) {
			return false
		}
	}
	return true
}

// blankText empties the free text a pseudonymisation may rewrite.
func blankText(r *Record) {
	for i := range r.Attendance {
		r.Attendance[i].Note = ""
	}
	for i := range r.Incidents {
		r.Incidents[i].Description = ""
		for j := range r.Incidents[i].Witnesses {
			r.Incidents[i].Witnesses[j].Name = ""
		}
	}
	for i := range r.Statements {
		r.Statements[i].Text = ""
	}
	for i := range r.Constatations {
		r.Constatations[i].Note = ""
	}
	for i := range r.Decisions {
		r.Decisions[i].Reasons = ""
	}
	for i := range r.Amendments {
		r.Amendments[i].Reasons, r.Amendments[i].Reason = "", ""
	}
}
