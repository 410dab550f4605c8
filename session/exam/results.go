package exam

import (
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Validation is the administration's validation of the session's results,
// as the controller who recorded it says: the day, the reference of the
// decision when it has one, who recorded it and when.
type Validation struct {
	On        date.Date
	Reference string
	By        string
	At        time.Time
}

// RecordPVSent records the day the procès-verbal was sent to the
// administration (the DDETS), by the centre's staff member by: once
// (ErrAlreadyRecorded), after it closed (ErrPVNotClosed), on a day from
// its closing to today.
func (r *Record) RecordPVSent(f Facts, by string, on date.Date) (Fact, error) {
	var fe tpsession.FieldErrors
	fe.PastDate("sent_on", on, f.Now.Today, true)
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Fact{}, err
	}
	if !r.Closed() {
		return Fact{}, ErrPVNotClosed.Withf("the procès-verbal is sent once every member has signed it")
	}
	if r.PVSent != nil {
		return Fact{}, ErrAlreadyRecorded.Withf("the procès-verbal was sent on %s", r.PVSent.On)
	}
	if closed := f.Now.dayOf(r.ClosedAt); on < closed {
		return Fact{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "sent_on", Message: "is before the procès-verbal closed, on " + closed.String()}).
			Withf("the procès-verbal closed on %s: it was not sent on %s", closed, on)
	}
	r.PVSent = &Fact{On: on, By: by, At: f.Now.At}
	return *r.PVSent, nil
}

// ValidationInput is the outside form of a validation: {validated_on,
// reference}; validated_on YYYY-MM-DD, today when left out.
type ValidationInput struct {
	On        string
	Reference string
}

// Validate records the administration's validation of the results, by the
// controller by (docs/rules.md#validation): once (ErrAlreadyRecorded), on
// a day from the sending of the procès-verbal to today. The results cannot
// be validated (ErrNotValidatable) before the procès-verbal is sent, while
// an amendment awaits its signatures (ErrAmendmentPending), nor, for a
// remote session, while a candidate sitting remotely has no modality
// stated on the procès-verbal (arrêté du 14 novembre 2024).
func (r *Record) Validate(f Facts, by string, in ValidationInput) (Validation, error) {
	var fe tpsession.FieldErrors
	v := Validation{By: by, At: f.Now.At, Reference: fe.Text("reference", in.Reference, maxNameLen, false)}
	v.On = dayField(&fe, "validated_on", in.On, f.Now.Today, true)
	fe.PastDate("validated_on", v.On, f.Now.Today, false)
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Validation{}, err
	}
	if r.Validated() {
		return Validation{}, ErrAlreadyRecorded.Withf("the results were validated on %s by %s", r.Validation.On, r.Validation.By)
	}
	if !r.Closed() {
		return Validation{}, ErrPVNotClosed.Withf("the procès-verbal is not closed: there is nothing to validate yet")
	}
	if r.PVSent == nil {
		return Validation{}, ErrNotValidatable.Withf("the procès-verbal has not been sent to the administration: record the day it was sent first")
	}
	if v.On < r.PVSent.On {
		return Validation{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "validated_on", Message: "is before the procès-verbal was sent, on " + r.PVSent.On.String()}).
			Withf("the procès-verbal was sent on %s: the results were not validated on %s", r.PVSent.On, v.On)
	}
	for _, a := range r.Amendments {
		if !a.Effective() {
			return Validation{}, ErrAmendmentPending.Withf("amendment %d of the decision on %s awaits its signatures: the results are validated once it is signed", a.Number, f.candidateName(a.Candidate))
		}
	}
	if missing := r.MissingStatements(f); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, c := range missing {
			names[i] = f.candidateName(c)
		}
		return Validation{}, ErrNotValidatable.Withf("the session is remote: its results are validated once the procès-verbal states how each candidate sat remotely, and it does not for %s", strings.Join(names, ", "))
	}
	r.Validation = &v
	return v, nil
}

// MissingStatements lists the candidates of a remote session who sit
// remotely and whose modality the procès-verbal does not state.
func (r Record) MissingStatements(f Facts) []tpsession.CandidateID {
	if !f.Session.Remote {
		return nil
	}
	var out []tpsession.CandidateID
	for _, c := range f.Candidates {
		if _, ok := r.Statement(c.ID); c.Remote && !ok {
			out = append(out, c.ID)
		}
	}
	return out
}

// Document is a certificate the administration issues on the validated
// results.
type Document string

// The documents issued.
const (
	// Parchemin: the title's, for a title obtained.
	Parchemin Document = "parchemin"
	// Livret: the livret de certification, listing the CCPs acquired, for
	// a partial success or a CCP obtained.
	Livret Document = "livret"
	// CCSCertificate: the certificate of a CCS obtained.
	CCSCertificate Document = "ccs"
)

// Documents lists the documents, in a stable order.
var Documents = []Document{Parchemin, Livret, CCSCertificate}

// Issuance is a document issued for a candidate: the day the
// administration issued it and, once known, the day the candidate
// received it.
type Issuance struct {
	Candidate   tpsession.CandidateID
	Document    Document
	IssuedOn    date.Date
	DeliveredOn date.Date
	By          string
	At          time.Time
}

// IssuanceInput is the outside form of an issuance: {issued_on,
// delivered_on}, YYYY-MM-DD; issued_on left out is today, or the day
// recorded when only the delivery is added.
type IssuanceInput struct {
	IssuedOn    string
	DeliveredOn string
}

// Gives returns the document the decision gives, and whether it gives one:
// the parchemin for a title obtained, the livret de certification for a
// partial success or a CCP session obtained, the CCS certificate for a
// CCS obtained.
func Gives(kind tpsession.SessionKind, d Final) (Document, bool) {
	switch {
	case d.Outcome == Obtained && kind == tpsession.KindTitre:
		return Parchemin, true
	case d.Outcome == PartialSuccess, d.Outcome == Obtained && kind == tpsession.KindCCP:
		return Livret, true
	case d.Outcome == Obtained && kind == tpsession.KindCCS:
		return CCSCertificate, true
	}
	return "", false
}

// Issue records that the document was issued to candidate c, by the
// centre's staff member by, once the results are validated
// (ErrNotIssuable), for the document the decision gives (ErrNotIssuable):
// issued on a day from the validation to today, delivered on a day from
// the issue to today. Recorded again, it may only add the delivery
// (ErrAlreadyRecorded).
func (r *Record) Issue(f Facts, by string, c tpsession.CandidateID, doc Document, in IssuanceInput) (Issuance, error) {
	var fe tpsession.FieldErrors
	if !slices.Contains(Documents, doc) {
		fe.Add("document", "must be parchemin, livret or ccs, got %q", tpsession.Truncate(string(doc), 40))
	}
	is := Issuance{Candidate: c, Document: doc, By: by, At: f.Now.At}
	i := slices.IndexFunc(r.Issuances, func(x Issuance) bool { return x.Candidate == c && x.Document == doc })
	if in.IssuedOn == "" && i >= 0 {
		is.IssuedOn = r.Issuances[i].IssuedOn
	} else {
		is.IssuedOn = dayField(&fe, "issued_on", in.IssuedOn, f.Now.Today, true)
	}
	fe.PastDate("issued_on", is.IssuedOn, f.Now.Today, false)
	if in.DeliveredOn != "" {
		is.DeliveredOn = dayField(&fe, "delivered_on", in.DeliveredOn, f.Now.Today, false)
		fe.PastDate("delivered_on", is.DeliveredOn, f.Now.Today, false)
		if is.IssuedOn != date.Zero && is.DeliveredOn != date.Zero && is.DeliveredOn < is.IssuedOn {
			fe.Add("delivered_on", "%s is before the issue, on %s", is.DeliveredOn, is.IssuedOn)
		}
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Issuance{}, err
	}
	if !r.Validated() {
		return Issuance{}, ErrNotIssuable.Withf("the administration issues its documents on validated results: the results are not validated")
	}
	d := r.Current(c)
	if d.Outcome == "" {
		return Issuance{}, ErrNotIssuable.Withf("the jury decided nothing for %s", f.candidateName(c))
	}
	if gives, ok := Gives(f.Session.Kind, d); !ok || gives != doc {
		what := "nothing"
		if ok {
			what = "a " + string(gives)
		}
		return Issuance{}, ErrNotIssuable.Withf("the decision on %s (%s) gives %s, not a %s", f.candidateName(c), d.Outcome, what, doc)
	}
	if is.IssuedOn < r.Validation.On {
		return Issuance{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "issued_on", Message: "is before the validation, on " + r.Validation.On.String()}).
			Withf("the results were validated on %s: the %s was not issued on %s", r.Validation.On, doc, is.IssuedOn)
	}
	if i < 0 {
		r.Issuances = append(r.Issuances, is)
		return is, nil
	}
	old := &r.Issuances[i]
	if old.IssuedOn != is.IssuedOn || old.DeliveredOn != date.Zero || is.DeliveredOn == date.Zero {
		return Issuance{}, ErrAlreadyRecorded.Withf("the %s of %s was issued on %s: only its delivery may be added", doc, f.candidateName(c), old.IssuedOn)
	}
	old.DeliveredOn = is.DeliveredOn
	return *old, nil
}
