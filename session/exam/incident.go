package exam

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tpsession/tpsession"
)

// IncidentKind is what an incident report is about.
type IncidentKind string

// The kinds of incident.
const (
	FraudSuspicion   IncidentKind = "fraud_suspicion"
	Disturbance      IncidentKind = "disturbance"
	TechnicalFailure IncidentKind = "technical_failure"
	OtherIncident    IncidentKind = "other"
)

// IncidentKinds lists the kinds, in a stable order.
var IncidentKinds = []IncidentKind{FraudSuspicion, Disturbance, TechnicalFailure, OtherIncident}

// Incident is the report of an incident during the session: when it
// happened, at which sitting, the candidates concerned, what happened, and
// the witnesses who signed it. The procès-verbal mentions every report.
// The library records and reports; it does not sanction: a sanction is the
// administration's (docs/rules.md#incidents).
type Incident struct {
	// Number numbers the session's reports from 1.
	Number      int
	Kind        IncidentKind
	At          time.Time
	Sitting     string // optional
	Candidates  []tpsession.CandidateID
	Description string
	Witnesses   []Witness
	ReportedBy  string
	ReportedAt  time.Time
}

// Witness is a witness who signed an incident report.
type Witness struct {
	Name     string
	SignedAt time.Time
}

func (i Incident) clone() Incident {
	i.Candidates = slices.Clone(i.Candidates)
	i.Witnesses = slices.Clone(i.Witnesses)
	return i
}

// IncidentInput is the outside form of a report: {kind, at, sitting,
// candidates, description, witnesses: [{name, signed_at}]}.
type IncidentInput struct {
	Kind        string
	At          string
	Sitting     string
	Candidates  []string
	Description string
	Witnesses   []WitnessInput
}

// WitnessInput is a witness's signature: {name, signed_at}.
type WitnessInput struct {
	Name     string
	SignedAt string
}

// ReportIncident records an incident report by the centre's staff member
// by. The incident happened on a day of the session, not after now, at a
// sitting of the record when one is named; its candidates are registered
// to the session; a witness signs after the incident, not after now. A
// suspected fraud names the candidates concerned and is signed by the
// rules' number of witnesses (one by default).
func (r *Record) ReportIncident(f Facts, by string, in IncidentInput) (Incident, error) {
	var fe tpsession.FieldErrors
	inc := Incident{ReportedBy: by, ReportedAt: f.Now.At}
	if in.Kind == "" {
		fe.Add("kind", "is required")
	} else if k := IncidentKind(in.Kind); slices.Contains(IncidentKinds, k) {
		inc.Kind = k
	} else {
		fe.Add("kind", "must be one of fraud_suspicion, disturbance, technical_failure, other, got %q", tpsession.Truncate(in.Kind, 40))
	}
	inc.At = instantField(&fe, "at", in.At, true)
	pastInstant(&fe, "at", inc.At, f.Now)
	if !inc.At.IsZero() && !f.Session.Days.Contains(f.Now.dayOf(inc.At)) {
		fe.Add("at", "%s is not on a day of the session (%s to %s)", f.Now.dayOf(inc.At), f.Session.Days.From, f.Session.Days.Until)
	}
	if in.Sitting != "" {
		if _, err := r.Sitting(in.Sitting); err != nil {
			fe.AddErr("sitting", err)
		}
		inc.Sitting = in.Sitting
	}
	inc.Candidates = candidateList(&fe, "candidates", in.Candidates, f, MaxSittingCandidates)
	inc.Description = fe.Note("description", in.Description, maxDescriptionLen)
	if inc.Description == "" && !slices.ContainsFunc(fe, func(e tpsession.FieldError) bool { return e.Field == "description" }) {
		fe.Add("description", "is required: say what happened")
	}
	if len(in.Witnesses) > MaxWitnesses {
		fe.Add("witnesses", "must list at most %d witnesses, got %d", MaxWitnesses, len(in.Witnesses))
	} else {
		for n, w := range in.Witnesses {
			var wfe tpsession.FieldErrors
			wit := parseWitness(&wfe, w, inc, f)
			if slices.ContainsFunc(inc.Witnesses, func(o Witness) bool { return strings.EqualFold(o.Name, wit.Name) && wit.Name != "" }) {
				wfe.Add("name", "repeats a witness of the report")
			}
			fe.Merge(fmt.Sprintf("witnesses[%d]", n), wfe.Err(ErrInvalidInput))
			inc.Witnesses = append(inc.Witnesses, wit)
		}
	}
	if inc.Kind == FraudSuspicion {
		if len(inc.Candidates) == 0 && len(in.Candidates) == 0 {
			fe.Add("candidates", "a suspected fraud names the candidates concerned")
		}
		if need := f.Rules.fraudWitnesses(); len(in.Witnesses) < need {
			fe.Add("witnesses", "a report of suspected fraud is signed by its witnesses: at least %d, got %d", need, len(in.Witnesses))
		}
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Incident{}, err
	}
	if err := r.checkOpen("its incident reports"); err != nil {
		return Incident{}, err
	}
	if len(r.Incidents) >= MaxIncidents {
		return Incident{}, ErrInvalidInput.Withf("the exam already has %d incident reports, the most kept", MaxIncidents)
	}
	inc.Number = len(r.Incidents) + 1
	r.Incidents = append(r.Incidents, inc)
	return inc.clone(), nil
}

func parseWitness(fe *tpsession.FieldErrors, w WitnessInput, inc Incident, f Facts) Witness {
	wit := Witness{Name: fe.Text("name", w.Name, maxNameLen, true), SignedAt: instantField(fe, "signed_at", w.SignedAt, true)}
	pastInstant(fe, "signed_at", wit.SignedAt, f.Now)
	if !wit.SignedAt.IsZero() && !inc.At.IsZero() && wit.SignedAt.Before(inc.At) {
		fe.Add("signed_at", "is before the incident, at %s", inc.At.In(f.Now.loc()).Format(time.RFC3339))
	}
	return wit
}

// SignIncident adds a witness's signature to the report number, until the
// procès-verbal closes.
func (r *Record) SignIncident(f Facts, number int, in WitnessInput) (Incident, error) {
	if number < 1 || number > len(r.Incidents) {
		return Incident{}, ErrIncidentNotFound.Withf("the exam has no incident report %d", number)
	}
	inc := &r.Incidents[number-1]
	var fe tpsession.FieldErrors
	wit := parseWitness(&fe, in, *inc, f)
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Incident{}, err
	}
	if err := r.checkOpen("its incident reports"); err != nil {
		return Incident{}, err
	}
	if slices.ContainsFunc(inc.Witnesses, func(o Witness) bool { return strings.EqualFold(o.Name, wit.Name) }) {
		return Incident{}, ErrAlreadyRecorded.Withf("%s already signed report %d", wit.Name, number)
	}
	if len(inc.Witnesses) >= MaxWitnesses {
		return Incident{}, ErrInvalidInput.Withf("report %d already has %d witnesses, the most kept", number, MaxWitnesses)
	}
	inc.Witnesses = append(inc.Witnesses, wit)
	return inc.clone(), nil
}

// ModalityStatement is the responsable de session's statement, for the
// procès-verbal of a remote session, of how a candidate sat remotely
// (arrêté du 14 novembre 2024; docs/rules.md#remote-sessions).
type ModalityStatement struct {
	Candidate tpsession.CandidateID
	Text      string
	By        string
	At        time.Time
}

// StateModality records how candidate c sat, for the procès-verbal of a
// remote session: only a candidate sitting remotely in a remote session
// has one (ErrInvalidInput otherwise). It may be stated until the
// administration validates the results; once stated, it is final
// (ErrAlreadyRecorded): the procès-verbal states it.
func (r *Record) StateModality(f Facts, by string, c tpsession.CandidateID, text string) (ModalityStatement, error) {
	var fe tpsession.FieldErrors
	st := ModalityStatement{Candidate: c, By: by, At: f.Now.At, Text: fe.Text("statement", text, maxNoteLen, true)}
	cand, ok := f.candidate(c)
	switch {
	case !ok:
		fe.Add("candidate_id", "candidate %s is not registered to the session", c)
	case !f.Session.Remote:
		fe.Add("statement", "only the procès-verbal of a remote session states the candidates' remote modality")
	case !cand.Remote:
		fe.Add("statement", "%s sits on site: the procès-verbal says so", cand.Name())
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return ModalityStatement{}, err
	}
	if r.Validated() {
		return ModalityStatement{}, ErrValidated.Withf("the results were validated on %s: the procès-verbal no longer changes", r.Validation.On)
	}
	if i := slices.IndexFunc(r.Statements, func(s ModalityStatement) bool { return s.Candidate == c }); i >= 0 {
		if r.Closed() || r.Statements[i].Text == st.Text {
			return ModalityStatement{}, ErrAlreadyRecorded.Withf("the modality of %s is stated: %q", cand.Name(), r.Statements[i].Text)
		}
		r.Statements[i] = st
		return st, nil
	}
	r.Statements = append(r.Statements, st)
	return st, nil
}

// Statement returns the modality stated for candidate c, and whether one
// is.
func (r Record) Statement(c tpsession.CandidateID) (ModalityStatement, bool) {
	i := slices.IndexFunc(r.Statements, func(s ModalityStatement) bool { return s.Candidate == c })
	if i < 0 {
		return ModalityStatement{}, false
	}
	return r.Statements[i], true
}
