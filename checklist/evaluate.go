package checklist

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Severity tells whether a finding stops the session from opening.
type Severity string

// The severities.
const (
	// SeverityBlocking: the session may not open until it is fixed.
	SeverityBlocking Severity = "blocking"
	// SeverityWarning: worth fixing, but the session may open.
	SeverityWarning Severity = "warning"
)

// String returns the severity's name.
func (s Severity) String() string { return string(s) }

// FindingCode identifies the kind of a finding, stably, so that a client can
// act on it or word it in its own language.
type FindingCode string

// The findings [Evaluate] reports, with their severity. The Item of a
// finding is a checklist item key or one of the Area names.
const (
	// CodeSessionDates (blocking, area session): the session's dates are
	// unknown, so nothing can be checked against them.
	CodeSessionDates FindingCode = "checklist.session_dates_unknown"
	// CodeNoPlan (warning, area plan): no déroulé de session was planned; the
	// leaflet asks for one to size the jury, but a centre may have made it
	// by other means.
	CodeNoPlan FindingCode = "checklist.no_plan"
	// CodePlanTooSmall (warning, area plan): more candidates are registered
	// than the plan was made for.
	CodePlanTooSmall FindingCode = "checklist.plan_too_small"
	// CodeJuryTooSmall (blocking, area jury): fewer than MinJuryMembers
	// accepted (arrêté du 22 décembre 2015, art. 6).
	CodeJuryTooSmall FindingCode = "checklist.jury_too_small"
	// CodeJuryBelowPlan (blocking, area jury): fewer members accepted than
	// the plan needs, so the session cannot keep to its plan
	// (docs/rules.md#readiness).
	CodeJuryBelowPlan FindingCode = "checklist.jury_below_plan"
	// CodeJuryNotAssigned (blocking, area jury): candidates are registered
	// but not assigned to panels.
	CodeJuryNotAssigned FindingCode = "checklist.jury_not_assigned"
	// CodeCandidatesWithoutPanel (blocking, area jury): candidates
	// registered after the assignment have no panel.
	CodeCandidatesWithoutPanel FindingCode = "checklist.candidates_without_panel"
	// CodeJuryConflicts (blocking, area jury): a member of a candidate's
	// panel has a conflict of interest with the candidate
	// (docs/rules.md#conflicts-of-interest).
	CodeJuryConflicts FindingCode = "checklist.jury_conflicts"
	// CodeJuryMemberAbsent: a member who accepted can no longer sit; it
	// blocks when the member sits on a panel.
	CodeJuryMemberAbsent FindingCode = "checklist.jury_member_absent"
	// CodePliNotReceived (blocking, area pli): the pli has not arrived; the
	// session has no DTE.
	CodePliNotReceived FindingCode = "checklist.pli_not_received"
	// CodePliOrganisateurNotRead (blocking, area pli): the DTE organisateur
	// was not read, so the required materials are unknown
	// (docs/rules.md#pli-custody).
	CodePliOrganisateurNotRead FindingCode = "checklist.pli_organisateur_not_read"
	// CodePliNotSecured (blocking, area pli): the DTE jury and candidat are
	// not recorded as locked away until the opening
	// (docs/rules.md#pli-custody).
	CodePliNotSecured FindingCode = "checklist.pli_not_secured"
	// CodeNoCandidates (warning, area candidates): nobody is registered.
	CodeNoCandidates FindingCode = "checklist.no_candidates"
	// CodeConvocationsNotValidated (blocking, area convocations): a
	// registered candidate's convocation is not validated in CERES
	// (docs/rules.md#convocation-lead-time).
	CodeConvocationsNotValidated FindingCode = "checklist.convocations_not_validated"
	// CodeConvocationsNotDelivered (blocking, area convocations): a validated
	// convocation was neither sent by registered mail nor handed over
	// (docs/rules.md#convocation-delivery).
	CodeConvocationsNotDelivered FindingCode = "checklist.convocations_not_delivered"
	// CodeConvocationsUnmet (blocking, area convocations): a validated
	// convocation no longer gives a day or time the plan needs the
	// candidate, since the plan or the jury assignment changed; it blocks
	// until a corrected convocation is validated and delivered
	// (docs/rules.md#convocation-corrections).
	CodeConvocationsUnmet FindingCode = "checklist.convocations_unmet"
	// CodeDeliveryProofMissing (warning, area convocations): a convocation
	// was sent by registered mail and its proof of delivery is not back; it
	// was sent as the leaflet requires, the receipt is for the record.
	CodeDeliveryProofMissing FindingCode = "checklist.delivery_proof_missing"
	// CodeItemPending (blocking): an item is not checked yet.
	CodeItemPending FindingCode = "checklist.item_pending"
	// CodeItemNotOK (blocking): an item is marked not ok; the centre itself
	// found a problem.
	CodeItemNotOK FindingCode = "checklist.item_not_ok"
	// CodeItemNotApplicable (blocking): an item is marked not applicable
	// although the session needs it: computers_secured when the épreuves use
	// computers, interview_rooms_confidential unless the session is a CCP or
	// a CCS (a session titre always ends with an interview with the jury,
	// entretien final, docs/rules.md#interview-rooms), or a standard item every session needs (one
	// stored so by an older version or by hand: SetItem refuses it).
	CodeItemNotApplicable FindingCode = "checklist.item_not_applicable"
	// CodeMaterialMissing (blocking, item equipment_operational): a required
	// material has no equipment recorded under its name
	// (docs/rules.md#equipment-operational).
	CodeMaterialMissing FindingCode = "checklist.material_missing"
	// CodeMaterialShort (blocking, item equipment_operational): fewer units
	// are available than the DTE organisateur requires
	// (docs/rules.md#equipment-operational).
	CodeMaterialShort FindingCode = "checklist.material_short"
	// CodeMaterialNotOperational (blocking, item equipment_operational): a
	// required material is not operational on every working day of the
	// session ("pour toute la durée de l'examen",
	// docs/rules.md#equipment-operational); the weekends and
	// public holidays inside the session are not exam days.
	CodeMaterialNotOperational FindingCode = "checklist.material_not_operational"
	// CodeResponsableMissing (blocking, item responsable_designated): no
	// responsable de session is designated (engagement 3 of the centre).
	CodeResponsableMissing FindingCode = "checklist.responsable_missing"
	// CodeAgrementNotRecorded (warning, area compliance): the centre has
	// recorded no agrément, so nothing checks that one covers the session;
	// recording them turns the check on.
	CodeAgrementNotRecorded FindingCode = "checklist.agrement_not_recorded"
	// CodeAgrementNotCovering (blocking, area compliance): no agrément of
	// the centre covers the session's title, site or days (arrêté du
	// 21 juillet 2016 relatif aux modalités d'agrément).
	CodeAgrementNotCovering FindingCode = "checklist.agrement_not_covering"
	// CodeTitleNotInRegister (warning, area compliance): the title register
	// does not know the session's title, or its revision on the session's
	// dates, so its validity and requirements are not checked.
	CodeTitleNotInRegister FindingCode = "checklist.title_not_in_register"
	// CodeTitleNotValid (blocking, area compliance): the title's validity
	// does not allow the session, or its remote modality.
	CodeTitleNotValid FindingCode = "checklist.title_not_valid"
	// CodeProgrammeLate (warning, area compliance): the yearly programming
	// of the session's year was submitted after 31 January, or is due and
	// not submitted: a non-compliance the DDETS may note.
	CodeProgrammeLate FindingCode = "checklist.programme_late"
)

// The areas findings are about, besides checklist items.
const (
	AreaSession      = "session"
	AreaPlan         = "plan"
	AreaJury         = "jury"
	AreaPli          = "pli"
	AreaCandidates   = "candidates"
	AreaConvocations = "convocations"
	AreaCompliance   = "compliance"
)

// Finding is one thing that stands between the session and its opening, or
// deserves attention before it. Item is the key of the checklist item it is
// about, or an area (AreaJury, AreaPli…); Message says what to do, with the
// names and dates that decided it.
type Finding struct {
	Item     string
	Code     FindingCode
	Severity Severity
	Message  string
}

// Readiness is the verdict of [Evaluate]: the findings, blocking ones first,
// each group in the order of the leaflet (plan, jury, pli, candidates and
// convocations, then the checklist's items).
type Readiness struct {
	Findings []Finding
}

// Ready reports whether the session may open: no finding is blocking.
func (r Readiness) Ready() bool { return len(r.Blocking()) == 0 }

// Blocking returns the blocking findings.
func (r Readiness) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == SeverityBlocking {
			out = append(out, f)
		}
	}
	return out
}

// Err returns nil when the session may open, and otherwise a
// [*NotReadyError] listing the blocking findings.
func (r Readiness) Err() error {
	blocking := r.Blocking()
	if len(blocking) == 0 {
		return nil
	}
	msgs := make([]string, len(blocking))
	for i, f := range blocking {
		msgs[i] = f.Message
	}
	return &NotReadyError{
		Findings: blocking,
		err:      ErrNotReady.Withf("The session is not ready to open (%s). %s", count(len(blocking), "blocking finding"), strings.Join(msgs, " ")),
	}
}

// NotReadyError is the refusal to open a session that is not ready. It
// matches [ErrNotReady] under errors.Is and unwraps to a [*tpsession.Error]
// of kind Rule, whose message lists the findings; Findings gives them to a
// caller that shows them one by one.
type NotReadyError struct {
	Findings []Finding
	err      *tpsession.Error
}

// Error returns the code and the message.
func (e *NotReadyError) Error() string { return e.cause().Error() }

// Unwrap returns the [*tpsession.Error].
func (e *NotReadyError) Unwrap() error { return e.cause() }

// cause is the error built by Readiness.Err, or the bare sentinel for a
// NotReadyError made elsewhere.
func (e *NotReadyError) cause() *tpsession.Error {
	if e.err == nil {
		return ErrNotReady
	}
	return e.err
}

// Evaluate judges whether a session is ready to open from the facts the
// session service assembled. It is pure: it reads no clock and no store.
// Each finding's code, in [FindingCode]'s list, documents its severity and
// source.
func Evaluate(f Facts) Readiness {
	// Findings list candidates by name, whatever the order of the facts;
	// byName sorts a copy, so the caller's facts stay as they are.
	f.Registrations = byName(f.Registrations)
	var r report
	r.session(f)
	r.plan(f)
	r.jury(f)
	r.pli(f)
	r.candidates(f)
	r.items(f)
	r.compliance(f.Compliance)
	slices.SortStableFunc(r.findings, func(a, b Finding) int {
		return rank(a.Severity) - rank(b.Severity)
	})
	return Readiness{Findings: r.findings}
}

func rank(s Severity) int {
	if s == SeverityBlocking {
		return 0
	}
	return 1
}

type report struct {
	findings []Finding
}

func (r *report) add(item string, code FindingCode, sev Severity, format string, args ...any) {
	r.findings = append(r.findings, Finding{Item: item, Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (r *report) session(f Facts) {
	if f.Period.From == date.Zero || f.Period.Until < f.Period.From {
		r.add(AreaSession, CodeSessionDates, SeverityBlocking,
			"The session's first and last days are not set: set them before checking its readiness.")
	}
}

// sentence returns s with its first letter in upper case: the facts come
// from other packages' messages, which start in lower case.
func sentence(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func (r *report) compliance(c ComplianceFacts) {
	switch {
	case c.NoAgrement:
		r.add(AreaCompliance, CodeAgrementNotRecorded, SeverityWarning,
			"The centre has recorded no agrément, so nothing checks that one covers this session: record the centre's agréments (title, sites, dates); from then on, sessions are checked against them.")
	case c.AgrementProblem != "":
		r.add(AreaCompliance, CodeAgrementNotCovering, SeverityBlocking, "%s.", sentence(c.AgrementProblem))
	}
	if c.TitleGap != "" {
		r.add(AreaCompliance, CodeTitleNotInRegister, SeverityWarning, "%s.", sentence(c.TitleGap))
	}
	if c.TitleProblem != "" {
		r.add(AreaCompliance, CodeTitleNotValid, SeverityBlocking, "%s.", sentence(c.TitleProblem))
	}
	if c.ProgrammeProblem != "" {
		r.add(AreaCompliance, CodeProgrammeLate, SeverityWarning, "%s.", sentence(c.ProgrammeProblem))
	}
}

func (r *report) plan(f Facts) {
	switch {
	case !f.PlanMade:
		r.add(AreaPlan, CodeNoPlan, SeverityWarning,
			"No déroulé de session is planned: plan the session to know how many jury members it needs and to print the schedule to display in the exam rooms.")
	case f.PlanCandidates > 0 && f.PlanCandidates < len(f.Registrations):
		r.add(AreaPlan, CodePlanTooSmall, SeverityWarning,
			"The déroulé de session was planned for %s and %d are registered: plan the session again, so that the schedule displayed, the attendance sheets and the size of the jury cover every candidate.",
			count(f.PlanCandidates, "candidate"), len(f.Registrations))
	}
}

func (r *report) jury(f Facts) {
	j := f.Jury
	switch {
	case j.Accepted < MinJuryMembers:
		r.add(AreaJury, CodeJuryTooSmall, SeverityBlocking,
			"%s accepted their invitation, and a candidate is evaluated by at least %d habilitated members (arrêté du 22 décembre 2015, art. 6): invite more members habilitated on the title.",
			count(j.Accepted, "jury member"), MinJuryMembers)
	case j.Accepted < j.Needed:
		r.add(AreaJury, CodeJuryBelowPlan, SeverityBlocking,
			"The plan needs %s and %d accepted their invitation: invite %s habilitated on the title, or plan again with fewer juries.",
			count(j.Needed, "jury member"), j.Accepted, count(j.Needed-j.Accepted, "more member"))
	}
	for _, a := range j.Absent {
		if a.OnPanel {
			r.add(AreaJury, CodeJuryMemberAbsent, SeverityBlocking,
				"%s sits on a panel but can no longer sit on the jury: %s. Withdraw their invitation, invite another habilitated member and make the jury assignment again.", a.Name, a.Reason)
		} else {
			r.add(AreaJury, CodeJuryMemberAbsent, SeverityWarning,
				"%s accepted the invitation but can no longer sit on the jury: %s. Withdraw their invitation.", a.Name, a.Reason)
		}
	}
	if len(f.Registrations) == 0 {
		return
	}
	if !j.Assigned {
		r.add(AreaJury, CodeJuryNotAssigned, SeverityBlocking,
			"No jury assignment for the %s: make the jury assignment, which gives each candidate a panel.", count(len(f.Registrations), "registered candidate"))
		return
	}
	var unassigned, conflicted []string
	for _, reg := range f.Registrations {
		if !reg.InPanel {
			unassigned = append(unassigned, reg.name())
		}
		if len(reg.ConflictingMembers) > 0 {
			conflicted = append(conflicted, fmt.Sprintf("%s (member %s)", reg.name(), strings.Join(reg.ConflictingMembers, ", ")))
		}
	}
	if len(unassigned) > 0 {
		r.add(AreaJury, CodeCandidatesWithoutPanel, SeverityBlocking,
			"No jury panel for %s: %s. Make the jury assignment again.", count(len(unassigned), "candidate"), strings.Join(unassigned, ", "))
	}
	if len(conflicted) > 0 {
		r.add(AreaJury, CodeJuryConflicts, SeverityBlocking,
			"A conflict of interest in the panel of %s: %s. A member may not evaluate a candidate they have a link with, such as one they hosted in their company: make the jury assignment again.",
			count(len(conflicted), "candidate"), strings.Join(conflicted, "; "))
	}
}

func (r *report) pli(f Facts) {
	switch p := f.Pli; {
	case !p.Received:
		r.add(AreaPli, CodePliNotReceived, SeverityBlocking,
			"The pli has not been received: record its receipt when it arrives, and if it has not arrived 2 weeks before the session, contact the Afpa's unit for the Gestion des Épreuves de Validation.")
	case !p.OrganisateurRead:
		r.add(AreaPli, CodePliOrganisateurNotRead, SeverityBlocking,
			"The DTE organisateur has not been read: read it and record its list of required materials, so that the equipment can be checked.")
	case !p.Secured:
		r.add(AreaPli, CodePliNotSecured, SeverityBlocking,
			"The DTE jury and candidat are not recorded as secured: lock them away until the session opens, and record where and in whose custody.")
	}
}

func (r *report) candidates(f Facts) {
	if len(f.Registrations) == 0 {
		r.add(AreaCandidates, CodeNoCandidates, SeverityWarning,
			"No candidate is registered for the session: register the candidates, or cancel the session.")
		return
	}
	var notValidated, notDelivered, noProof, unmet []string
	for _, reg := range f.Registrations {
		switch reg.Convocation {
		case ConvocationDelivered:
		case ConvocationSent:
			noProof = append(noProof, reg.name())
		case ConvocationValidated:
			notDelivered = append(notDelivered, reg.name())
		case ConvocationDrafted:
			what := " (drafted)"
			if reg.Correction {
				what = " (correction drafted)"
			}
			notValidated = append(notValidated, reg.name()+what)
		default:
			notValidated = append(notValidated, reg.name()+" (not drafted)")
		}
		if len(reg.Unmet) > 0 {
			unmet = append(unmet, fmt.Sprintf("%s (%s)", reg.name(), strings.Join(reg.Unmet, ", ")))
		}
	}
	if len(unmet) > 0 {
		r.add(AreaConvocations, CodeConvocationsUnmet, SeverityBlocking,
			"The plan needs %s at a day or time their validated convocation does not give: %s. Correct each convocation, validate the correction at least as many days ahead as the first and deliver it, or plan again so that the convocations hold.",
			count(len(unmet), "candidate"), strings.Join(unmet, "; "))
	}
	if len(notValidated) > 0 {
		r.add(AreaConvocations, CodeConvocationsNotValidated, SeverityBlocking,
			"Convocation not validated in CERES for %s: %s. Validate and deliver each one, or withdraw the registration.",
			count(len(notValidated), "candidate"), strings.Join(notValidated, ", "))
	}
	if len(notDelivered) > 0 {
		r.add(AreaConvocations, CodeConvocationsNotDelivered, SeverityBlocking,
			"Convocation validated but not delivered for %s: %s. Send each one by registered mail or hand it over, and record the delivery.",
			count(len(notDelivered), "candidate"), strings.Join(notDelivered, ", "))
	}
	if len(noProof) > 0 {
		r.add(AreaConvocations, CodeDeliveryProofMissing, SeverityWarning,
			"Convocation sent by registered mail without a proof of delivery for %s: %s. Record the delivery date when the receipt comes back.",
			count(len(noProof), "candidate"), strings.Join(noProof, ", "))
	}
}

// items judges the checklist's items in their order, each with the facts
// that bear on it.
func (r *report) items(f Facts) {
	recorded := Checklist{Items: f.Items}
	var items []Item
	for _, s := range standardItems {
		it, _ := recorded.Item(s.key) // a standard item missing from the facts reads as pending
		items = append(items, it)
	}
	for _, it := range f.Items {
		if !it.Key.Standard() {
			items = append(items, it)
		}
	}
	for _, it := range items {
		r.item(f, it)
		switch it.Key {
		case ItemEquipmentOperational:
			r.equipment(f)
		case ItemResponsableDesignated:
			if strings.TrimSpace(f.Responsable) == "" {
				r.add(string(it.Key), CodeResponsableMissing, SeverityBlocking,
					"No responsable de session is designated for the session: designate one, present on site throughout the session.")
			}
		}
	}
}

func (r *report) item(f Facts, it Item) {
	key := string(it.Key)
	switch {
	case it.Key == ItemComputersSecured && !f.UsesComputers && it.Status != StatusNotOK:
		// Without computers the item has no object, whatever its status.
	case it.Status == StatusOK:
	case it.Status == StatusNotOK:
		note := ""
		if it.Note != "" {
			note = " (" + it.Note + ")"
		}
		r.add(key, CodeItemNotOK, SeverityBlocking, "Marked not ok: %q%s. Fix it, then mark it ok.", it.Label, note)
	case it.Status == StatusNotApplicable && notApplicable(f, it.Key):
	case it.Status == StatusNotApplicable && it.Key == ItemComputersSecured:
		r.add(key, CodeItemNotApplicable, SeverityBlocking,
			"The épreuves use computers, but %q is marked not applicable: configure the computers against fraud, then mark it ok.", it.Label)
	case it.Status == StatusNotApplicable && it.Key == ItemInterviewRoomsConfidential && f.Kind == tpsession.KindTitre:
		r.add(key, CodeItemNotApplicable, SeverityBlocking,
			"A session titre always ends with an interview with the jury (entretien final), but %q is marked not applicable: check the interview rooms, then mark it ok.", it.Label)
	case it.Status == StatusNotApplicable && it.Key == ItemInterviewRoomsConfidential:
		r.add(key, CodeItemNotApplicable, SeverityBlocking,
			"The kind of the session is unknown, so it may end with an interview with the jury, and %q is marked not applicable: check the interview rooms, then mark it ok.", it.Label)
	case it.Status == StatusNotApplicable:
		r.add(key, CodeItemNotApplicable, SeverityBlocking,
			"%q cannot be marked not applicable for this session: check it and mark it ok.", it.Label)
	default:
		orNA := ""
		if notApplicable(f, it.Key) {
			orNA = ", or not applicable"
		}
		r.add(key, CodeItemPending, SeverityBlocking, "Not checked yet: %q. Check it and mark it ok%s.", it.Label, orNA)
	}
}

// notApplicable tells whether the item with key may be not applicable to
// the session the facts describe: computers_secured when the épreuves use no
// computer, interview_rooms_confidential in a CCP or CCS session only (a
// session titre always ends with an interview with the jury
// (docs/rules.md#interview-rooms),
// entretien final, and an unknown kind may be a titre); otherwise as
// [ItemKey.MayBeNotApplicable] says.
func notApplicable(f Facts, key ItemKey) bool {
	switch key {
	case ItemComputersSecured:
		return !f.UsesComputers
	case ItemInterviewRoomsConfidential:
		return f.Kind == tpsession.KindCCP || f.Kind == tpsession.KindCCS
	}
	return key.MayBeNotApplicable()
}

// equipment compares the DTE organisateur's required materials with the
// equipment recorded.
func (r *report) equipment(f Facts) {
	const item = string(ItemEquipmentOperational)
	days := sessionDays(f.Period, f.Calendar)
	recorded := make(map[string]Equipment, len(f.Equipment))
	for _, e := range f.Equipment {
		recorded[e.Key()] = e
	}
	for _, m := range required(f.Materials) {
		e, ok := recorded[MaterialKey(m.Name)]
		if !ok {
			r.add(item, CodeMaterialMissing, SeverityBlocking,
				"The DTE organisateur requires %d × %q, and no such equipment is recorded: record how many are available and the days they are operational.",
				m.Quantity, m.Name)
			continue
		}
		if e.Available < m.Quantity {
			r.add(item, CodeMaterialShort, SeverityBlocking,
				"The DTE organisateur requires %d × %q; available: %d. Provide %d more.",
				m.Quantity, m.Name, e.Available, m.Quantity-e.Available)
		}
		var off []string
		for _, d := range days {
			if !e.Operational.Contains(d) {
				off = append(off, d.String())
			}
		}
		if len(off) > 0 {
			r.add(item, CodeMaterialNotOperational, SeverityBlocking,
				"%q is operational from %s until %s, and the session runs from %s until %s: it is not operational on %s. Make it operational on every working day of the session, then record its dates.",
				m.Name, e.Operational.From, e.Operational.Until, f.Period.From, f.Period.Until, strings.Join(off, ", "))
		}
	}
}

// required merges the materials listed more than once under one
// [MaterialKey] (once per épreuve, say): the épreuves of a session share the
// plateau, so the largest quantity is needed, not the sum. A quantity below
// 1 counts as 1: a listed material is needed. The materials keep the order
// of their first listing.
func required(materials []Material) []Material {
	var out []Material
	at := make(map[string]int, len(materials))
	for _, m := range materials {
		m.Quantity = max(m.Quantity, 1)
		key := MaterialKey(m.Name)
		if i, ok := at[key]; ok {
			out[i].Quantity = max(out[i].Quantity, m.Quantity)
			continue
		}
		at[key] = len(out)
		out = append(out, m)
	}
	return out
}

// sessionDays returns the days equipment must be operational: the working
// days of the period (a weekend or a public holiday inside the session is
// no exam day), or every day of it when it holds none.
func sessionDays(p tpsession.DateRange, cal tpsession.Calendar) []date.Date {
	if p.From == date.Zero || p.Until < p.From {
		return nil
	}
	if days := cal.WorkingDays(p.From, p.Until); len(days) > 0 {
		return days
	}
	var days []date.Date
	for d := p.From; d <= p.Until; d++ {
		days = append(days, d)
	}
	return days
}

// byName returns the registrations sorted by name then candidate ID, so that
// the names a finding lists do not depend on the order of the facts.
func byName(regs []Registration) []Registration {
	return slices.SortedStableFunc(slices.Values(regs), func(a, b Registration) int {
		if c := strings.Compare(a.name(), b.name()); c != 0 {
			return c
		}
		return strings.Compare(string(a.Candidate), string(b.Candidate))
	})
}

// count writes n and the noun, in the plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
