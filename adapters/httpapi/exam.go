package httpapi

import (
	"strconv"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

// The exam days and what follows them (docs/http-api.md#the-exam-days):
// the request types carry strings the exam package parses, so that its
// field errors name the JSON fields.

// optClock is a time of day, null when not recorded.
func optClock(t tpsession.TimeOfDay, set bool) *tpsession.TimeOfDay {
	if !set {
		return nil
	}
	return &t
}

func optInstant(t time.Time) *jsonInstant {
	if t.IsZero() {
		return nil
	}
	j := jsonInstant(t)
	return &j
}

type surveillantResource struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Role  string `json:"role" enum:"surveillance,safety"`
}

type sittingResource struct {
	Key                string                `json:"key"`
	Epreuve            string                `json:"epreuve,omitempty"`
	Label              string                `json:"label"`
	Day                jsonDate              `json:"day"`
	Start              tpsession.TimeOfDay   `json:"start"`
	End                tpsession.TimeOfDay   `json:"end" doc:"it never moves once attendance is recorded"`
	Candidates         []string              `json:"candidates"`
	Final              bool                  `json:"final" doc:"the entretien final"`
	DangerousEquipment bool                  `json:"dangerous_equipment"`
	Surveillants       []surveillantResource `json:"surveillants"`
}

func sittingOf(s exam.Sitting) sittingResource {
	out := sittingResource{Key: s.Key, Epreuve: s.Epreuve, Label: s.Label, Day: jsonDate(s.Day), Start: s.Start, End: s.End,
		Candidates: strs(s.Candidates), Final: s.Final, DangerousEquipment: s.DangerousEquipment, Surveillants: []surveillantResource{}}
	for _, v := range s.Surveillants {
		out.Surveillants = append(out.Surveillants, surveillantResource{Name: v.Name, Email: v.Email, Role: string(v.Role)})
	}
	return out
}

type sittingRequest struct {
	Epreuve            string   `json:"epreuve,omitempty" text:"line,40" doc:"the épreuve's ID in the plan or the title register"`
	Label              string   `json:"label" text:"line,200"`
	Day                string   `json:"day" format:"date" doc:"YYYY-MM-DD, a day of the session"`
	Start              string   `json:"start" pattern:"time_of_day" doc:"HH:MM"`
	End                string   `json:"end" pattern:"time_of_day" doc:"HH:MM, after the start"`
	Candidates         []string `json:"candidates" pattern:"candidate_id" maxItems:"500" doc:"IDs of registered candidates"`
	Final              bool     `json:"final,omitempty" doc:"the entretien final with which a session titre ends"`
	DangerousEquipment bool     `json:"dangerous_equipment,omitempty" doc:"the épreuve uses dangerous products or machines"`
}

func (a *api) putSitting(c *call, req *sittingRequest) (sittingResource, error) {
	s, err := a.svc.PutSitting(c.ctx, c.actor, c.ses.ID, c.r.PathValue("key"), exam.SittingInput{Epreuve: req.Epreuve, Label: req.Label, Day: req.Day,
		Start: req.Start, End: req.End, Candidates: req.Candidates, Final: req.Final, DangerousEquipment: req.DangerousEquipment})
	return sittingOf(s), err
}

type sittingsResource struct {
	Sittings []sittingResource `json:"sittings" doc:"the sittings recorded, by day and start"`
}

// sittingsFromPlan records the sittings of the session's plan
// (session.Service.SittingsFromPlan).
func (a *api) sittingsFromPlan(c *call) (sittingsResource, error) {
	ss, err := a.svc.SittingsFromPlan(c.ctx, c.actor, c.ses.ID)
	out := sittingsResource{Sittings: make([]sittingResource, len(ss))}
	for i, s := range ss {
		out.Sittings[i] = sittingOf(s)
	}
	return out, err
}

type surveillantRequest struct {
	Name  string `json:"name" text:"line,200"`
	Email string `json:"email,omitempty" format:"email" doc:"how a trainer of a candidate is recognised"`
	Role  string `json:"role,omitempty" enum:"surveillance,safety" doc:"surveillance when left out; safety: stands by to intervene in case of danger only"`
}

type surveillantsRequest struct {
	Surveillants []surveillantRequest `json:"surveillants,omitempty" maxItems:"20" doc:"the sitting's surveillants, replacing those named before; none when left out or empty"`
}

func (a *api) setSurveillants(c *call, req *surveillantsRequest) (sittingResource, error) {
	in := make([]exam.SurveillantInput, len(req.Surveillants))
	for i, s := range req.Surveillants {
		in[i] = exam.SurveillantInput{Name: s.Name, Email: s.Email, Role: s.Role}
	}
	s, err := a.svc.SetSurveillants(c.ctx, c.actor, c.ses.ID, c.sitting.Key, in)
	return sittingOf(s), err
}

type identityResource struct {
	By      string      `json:"by"`
	At      jsonInstant `json:"at"`
	Sitting string      `json:"sitting,omitempty" doc:"the earlier sitting of the day whose check covers this one"`
}

type lateResource struct {
	Admitted    bool        `json:"admitted"`
	DecidedBy   string      `json:"decided_by" doc:"the responsable de session"`
	At          jsonInstant `json:"at"`
	MinutesLate int         `json:"minutes_late"`
	MinutesLeft int         `json:"minutes_left" doc:"the working time left until the unchanged end"`
}

type attendanceResource struct {
	Sitting     string               `json:"sitting"`
	CandidateID string               `json:"candidate_id"`
	Status      string               `json:"status" enum:"present,absent,late_admitted,late_refused"`
	Identity    *identityResource    `json:"identity" doc:"who checked the identity, and when; null when absent"`
	ArrivedAt   *tpsession.TimeOfDay `json:"arrived_at"`
	Late        *lateResource        `json:"late" doc:"the responsable's decision on a late arrival; null otherwise"`
	SignedAt    *jsonInstant         `json:"signed_at" doc:"when the candidate signed the sheet; null while not"`
	Note        string               `json:"note,omitempty"`
	RecordedBy  string               `json:"recorded_by"`
	RecordedAt  jsonInstant          `json:"recorded_at"`
}

func attendanceOf(at exam.Attendance) attendanceResource {
	out := attendanceResource{Sitting: at.Sitting, CandidateID: string(at.Candidate), Status: string(at.Status), ArrivedAt: optClock(at.Arrived, at.Status != exam.Absent),
		SignedAt: optInstant(at.SignedAt), Note: at.Note, RecordedBy: at.RecordedBy, RecordedAt: jsonInstant(at.RecordedAt)}
	if i := at.Identity; i != nil {
		out.Identity = &identityResource{By: i.By, At: jsonInstant(i.At), Sitting: i.Sitting}
	}
	if l := at.Late; l != nil {
		out.Late = &lateResource{Admitted: l.Admitted, DecidedBy: l.DecidedBy, At: jsonInstant(l.At), MinutesLate: l.MinutesLate, MinutesLeft: l.MinutesLeft}
	}
	return out
}

type attendanceRequest struct {
	Status            string `json:"status" enum:"present,absent"`
	IdentityCheckedBy string `json:"identity_checked_by,omitempty" text:"line,200" doc:"who checked the identity; under the default reading, before each épreuve"`
	IdentityCheckedAt string `json:"identity_checked_at,omitempty" format:"date-time"`
	ArrivedAt         string `json:"arrived_at,omitempty" pattern:"time_of_day" doc:"HH:MM, required for a candidate present"`
	LateDecision      string `json:"late_decision,omitempty" enum:"admitted,refused" doc:"the responsable de session's decision on an arrival after the start"`
	SignedAt          string `json:"signed_at,omitempty" format:"date-time" doc:"when the candidate signed the sheet"`
	Note              string `json:"note,omitempty" text:"lines,2000"`
}

func (a *api) recordAttendance(c *call, req *attendanceRequest) (attendanceResource, error) {
	at, err := a.svc.RecordAttendance(c.ctx, c.actor, c.ses.ID, c.sitting.Key, c.reg.Candidate, exam.AttendanceInput{Status: req.Status,
		IdentityCheckedBy: req.IdentityCheckedBy, IdentityCheckedAt: req.IdentityCheckedAt, ArrivedAt: req.ArrivedAt,
		LateDecision: req.LateDecision, SignedAt: req.SignedAt, Note: req.Note})
	return attendanceOf(at), err
}

type presenceResource struct {
	MemberID   string               `json:"member_id,omitempty" doc:"the jury member; left out for the responsable de session"`
	Name       string               `json:"name"`
	Day        jsonDate             `json:"day"`
	Status     string               `json:"status" enum:"present,absent"`
	ArrivedAt  *tpsession.TimeOfDay `json:"arrived_at"`
	LeftAt     *tpsession.TimeOfDay `json:"left_at"`
	SignedAt   *jsonInstant         `json:"signed_at"`
	RecordedBy string               `json:"recorded_by"`
	RecordedAt jsonInstant          `json:"recorded_at"`
}

func presenceOf(p exam.Presence) presenceResource {
	status := "absent"
	if p.Present {
		status = "present"
	}
	return presenceResource{MemberID: string(p.Member), Name: p.Name, Day: jsonDate(p.Day), Status: status,
		ArrivedAt: optClock(p.Arrived, p.Present), LeftAt: optClock(p.Left, p.Present && p.Left != 0), SignedAt: optInstant(p.SignedAt),
		RecordedBy: p.RecordedBy, RecordedAt: jsonInstant(p.RecordedAt)}
}

type presenceRequest struct {
	Status    string `json:"status" enum:"present,absent"`
	ArrivedAt string `json:"arrived_at,omitempty" pattern:"time_of_day" doc:"HH:MM, required for someone present"`
	LeftAt    string `json:"left_at,omitempty" pattern:"time_of_day" doc:"HH:MM"`
	SignedAt  string `json:"signed_at,omitempty" format:"date-time" doc:"when they signed the day's sheet"`
}

// pathDay reads the {day} of the path.
func (c *call) pathDay() (date.Date, error) {
	d, err := tpsession.ParseDate(c.r.PathValue("day"))
	if err != nil {
		return date.Zero, exam.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "day", Message: tpsession.MessageOf(err)}).Withf("the day of the path: %s", tpsession.MessageOf(err))
	}
	return d, nil
}

func (a *api) recordMemberPresence(c *call, req *presenceRequest) (presenceResource, error) {
	return a.recordPresence(c, c.inv.Member, req)
}

func (a *api) recordResponsablePresence(c *call, req *presenceRequest) (presenceResource, error) {
	return a.recordPresence(c, "", req)
}

func (a *api) recordPresence(c *call, m tpsession.MemberID, req *presenceRequest) (presenceResource, error) {
	day, err := c.pathDay()
	if err != nil {
		return presenceResource{}, err
	}
	p, err := a.svc.RecordPresence(c.ctx, c.actor, c.ses.ID, m, day, exam.PresenceInput{Status: req.Status, ArrivedAt: req.ArrivedAt, LeftAt: req.LeftAt, SignedAt: req.SignedAt})
	return presenceOf(p), err
}

type sheetSignatureResource struct {
	Sheet      string      `json:"sheet" doc:"a sitting's key, or jury-YYYY-MM-DD for the jury's sheet of a day"`
	Role       string      `json:"role" enum:"responsable,jury,surveillant"`
	MemberID   string      `json:"member_id,omitempty"`
	Name       string      `json:"name"`
	SignedAt   jsonInstant `json:"signed_at"`
	RecordedBy string      `json:"recorded_by"`
}

func sheetSignatureOf(s exam.SheetSignature) sheetSignatureResource {
	return sheetSignatureResource{Sheet: s.Sheet, Role: string(s.Role), MemberID: string(s.Member), Name: s.Name, SignedAt: jsonInstant(s.At), RecordedBy: s.RecordedBy}
}

type sheetSignatureRequest struct {
	Role     string `json:"role" enum:"responsable,jury,surveillant"`
	MemberID string `json:"member_id,omitempty" pattern:"member_id" doc:"a jury member present that day"`
	Name     string `json:"name,omitempty" text:"line,200" doc:"a surveillant of the sitting"`
	SignedAt string `json:"signed_at" format:"date-time"`
}

func (a *api) signSheet(c *call, req *sheetSignatureRequest) (sheetSignatureResource, error) {
	s, err := a.svc.SignSheet(c.ctx, c.actor, c.ses.ID, c.r.PathValue("sheet"), exam.SheetSignatureInput{Role: req.Role, MemberID: req.MemberID, Name: req.Name, SignedAt: req.SignedAt})
	return sheetSignatureOf(s), err
}

type witnessResource struct {
	Name     string      `json:"name"`
	SignedAt jsonInstant `json:"signed_at"`
}

type incidentResource struct {
	Number      int               `json:"number"`
	Kind        string            `json:"kind" enum:"fraud_suspicion,disturbance,technical_failure,other"`
	At          jsonInstant       `json:"at"`
	Sitting     string            `json:"sitting,omitempty"`
	Candidates  []string          `json:"candidates"`
	Description string            `json:"description"`
	Witnesses   []witnessResource `json:"witnesses"`
	ReportedBy  string            `json:"reported_by"`
	ReportedAt  jsonInstant       `json:"reported_at"`
}

func incidentOf(i exam.Incident) incidentResource {
	out := incidentResource{Number: i.Number, Kind: string(i.Kind), At: jsonInstant(i.At), Sitting: i.Sitting, Candidates: strs(i.Candidates),
		Description: i.Description, Witnesses: []witnessResource{}, ReportedBy: i.ReportedBy, ReportedAt: jsonInstant(i.ReportedAt)}
	for _, w := range i.Witnesses {
		out.Witnesses = append(out.Witnesses, witnessResource{Name: w.Name, SignedAt: jsonInstant(w.SignedAt)})
	}
	return out
}

type witnessRequest struct {
	Name     string `json:"name" text:"line,200"`
	SignedAt string `json:"signed_at" format:"date-time"`
}

type incidentRequest struct {
	Kind        string           `json:"kind" enum:"fraud_suspicion,disturbance,technical_failure,other"`
	At          string           `json:"at" format:"date-time" doc:"when it happened, on a day of the session"`
	Sitting     string           `json:"sitting,omitempty" pattern:"sitting_key" doc:"the key of the sitting it happened in"`
	Candidates  []string         `json:"candidates,omitempty" pattern:"candidate_id" maxItems:"500" doc:"the candidates concerned; required for a suspected fraud"`
	Description string           `json:"description" text:"lines,8000"`
	Witnesses   []witnessRequest `json:"witnesses,omitempty" maxItems:"20" doc:"the witnesses who signed; a suspected fraud needs one by default"`
}

func (a *api) reportIncident(c *call, req *incidentRequest) (incidentResource, error) {
	in := exam.IncidentInput{Kind: req.Kind, At: req.At, Sitting: req.Sitting, Candidates: req.Candidates, Description: req.Description}
	for _, w := range req.Witnesses {
		in.Witnesses = append(in.Witnesses, exam.WitnessInput{Name: w.Name, SignedAt: w.SignedAt})
	}
	i, err := a.svc.ReportIncident(c.ctx, c.actor, c.ses.ID, in)
	if err == nil {
		c.w.Header().Set("Location", "/v1/sessions/"+string(c.ses.ID)+"/incidents/"+strconv.Itoa(i.Number))
	}
	return incidentOf(i), err
}

// pathNumber reads the number {n} of the path: an incident's or an
// amendment's; a malformed one names nothing.
func (c *call) pathNumber(notFound *tpsession.Error) (int, error) {
	n, err := strconv.Atoi(c.r.PathValue("n"))
	if err != nil || n < 1 {
		return 0, notFound.Withf("there is no number %q", tpsession.Truncate(c.r.PathValue("n"), 10))
	}
	return n, nil
}

func (a *api) signIncident(c *call, req *witnessRequest) (incidentResource, error) {
	n, err := c.pathNumber(exam.ErrIncidentNotFound)
	if err != nil {
		return incidentResource{}, err
	}
	i, err := a.svc.SignIncident(c.ctx, c.actor, c.ses.ID, n, exam.WitnessInput{Name: req.Name, SignedAt: req.SignedAt})
	return incidentOf(i), err
}

type modalityResource struct {
	CandidateID string      `json:"candidate_id"`
	Statement   string      `json:"statement"`
	By          string      `json:"by"`
	At          jsonInstant `json:"at"`
}

type modalityRequest struct {
	Statement string `json:"statement" text:"line,2000" doc:"how the candidate sat remotely, as the procès-verbal states it"`
}

func (a *api) stateModality(c *call, req *modalityRequest) (modalityResource, error) {
	s, err := a.svc.StateModality(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, req.Statement)
	return modalityResource{CandidateID: string(s.Candidate), Statement: s.Text, By: s.By, At: jsonInstant(s.At)}, err
}

type panelSplitResource struct {
	CandidateID  string   `json:"candidate_id"`
	Deliberators []string `json:"deliberators" doc:"the members present without conflict"`
	Absent       []string `json:"absent" doc:"the members absent, or whose presence was not recorded"`
	Conflicted   []string `json:"conflicted" doc:"the members in conflict with the candidate"`
}

type constatationResource struct {
	Number     int                  `json:"number"`
	Day        jsonDate             `json:"day"`
	Candidates []string             `json:"candidates" doc:"the candidates to be convened again"`
	Panels     []panelSplitResource `json:"panels"`
	Note       string               `json:"note,omitempty"`
	By         string               `json:"by"`
	At         jsonInstant          `json:"at"`
}

func constatationOf(k exam.Constatation) constatationResource {
	out := constatationResource{Number: k.Number, Day: jsonDate(k.Day), Candidates: strs(k.Candidates), Panels: []panelSplitResource{}, Note: k.Note, By: k.By, At: jsonInstant(k.At)}
	for i, p := range k.Panels {
		out.Panels = append(out.Panels, panelSplitResource{CandidateID: string(k.Candidates[i]), Deliberators: strs(p.Deliberators), Absent: strs(p.Absent), Conflicted: strs(p.Conflicted)})
	}
	return out
}

type constatationRequest struct {
	Day        string   `json:"day,omitempty" format:"date" doc:"YYYY-MM-DD, today when left out"`
	Candidates []string `json:"candidates,omitempty" pattern:"candidate_id" maxItems:"500" doc:"every candidate the jury cannot deliberate on that day when left out"`
	Note       string   `json:"note,omitempty" text:"lines,2000"`
}

func (a *api) constate(c *call, req *constatationRequest) (constatationResource, error) {
	k, err := a.svc.Constate(c.ctx, c.actor, c.ses.ID, exam.ConstatationInput{Day: req.Day, Candidates: req.Candidates, Note: req.Note})
	return constatationOf(k), err
}

type ccpResultResource struct {
	Code     string `json:"code"`
	Acquired bool   `json:"acquired"`
}

func ccpResultsOf(in []exam.CCPResult) []ccpResultResource {
	out := []ccpResultResource{}
	for _, r := range in {
		out = append(out, ccpResultResource{Code: r.Code, Acquired: r.Acquired})
	}
	return out
}

type basisResource struct {
	Sittings             []string `json:"sittings" doc:"the sittings the candidate sat"`
	EntretienFinal       bool     `json:"entretien_final"`
	DossierProfessionnel bool     `json:"dossier_professionnel"`
	ECF                  bool     `json:"ecf"`
}

func basisOf(b exam.Basis) basisResource {
	return basisResource{Sittings: list(b.Sittings), EntretienFinal: b.EntretienFinal, DossierProfessionnel: b.DossierProfessionnel, ECF: b.ECF}
}

type signatureResource struct {
	MemberID string      `json:"member_id"`
	SignedAt jsonInstant `json:"signed_at"`
}

func signaturesOf(in []exam.Signature) []signatureResource {
	out := []signatureResource{}
	for _, s := range in {
		out = append(out, signatureResource{MemberID: string(s.Member), SignedAt: jsonInstant(s.At)})
	}
	return out
}

type decisionResource struct {
	CandidateID  string              `json:"candidate_id"`
	Outcome      string              `json:"outcome" enum:"obtained,partial_success,failed,absent"`
	CCPs         []ccpResultResource `json:"ccps"`
	Basis        basisResource       `json:"basis"`
	Reasons      string              `json:"reasons,omitempty"`
	Day          jsonDate            `json:"day"`
	RecordedBy   string              `json:"recorded_by" doc:"the member who recorded it"`
	RecordedAt   jsonInstant         `json:"recorded_at"`
	Deliberators []string            `json:"deliberators" doc:"the members of the panel present without conflict"`
	Signatures   []signatureResource `json:"signatures"`
	Signed       bool                `json:"signed" doc:"every deliberating member signed"`
}

func decisionOf(d exam.Decision) decisionResource {
	return decisionResource{CandidateID: string(d.Candidate), Outcome: string(d.Outcome), CCPs: ccpResultsOf(d.CCPs), Basis: basisOf(d.Basis),
		Reasons: d.Reasons, Day: jsonDate(d.Day), RecordedBy: string(d.RecordedBy), RecordedAt: jsonInstant(d.RecordedAt),
		Deliberators: strs(d.Deliberators), Signatures: signaturesOf(d.Signatures), Signed: d.Signed()}
}

type ccpResultRequest struct {
	Code     string `json:"code" text:"line,40"`
	Acquired bool   `json:"acquired,omitempty" doc:"false when left out"`
}

type decisionRequest struct {
	Outcome              string             `json:"outcome" enum:"obtained,partial_success,failed,absent"`
	CCPs                 []ccpResultRequest `json:"ccps,omitempty" maxItems:"20" doc:"each CCP the candidate is evaluated on, acquired or not; none in a CCS session"`
	DossierProfessionnel bool               `json:"dossier_professionnel,omitempty" doc:"the jury had the candidate's dossier professionnel"`
	ECF                  bool               `json:"ecf,omitempty" doc:"the jury had the ECF results (training route only)"`
	Reasons              string             `json:"reasons,omitempty" text:"lines,2000" doc:"the jury's reasons; required to refuse the title with every CCP acquired"`
}

func (r decisionRequest) input() exam.DecisionInput {
	in := exam.DecisionInput{Outcome: r.Outcome, DossierProfessionnel: r.DossierProfessionnel, ECF: r.ECF, Reasons: r.Reasons}
	for _, x := range r.CCPs {
		in.CCPs = append(in.CCPs, exam.CCPResultInput{Code: x.Code, Acquired: x.Acquired})
	}
	return in
}

func (a *api) decide(c *call, req *decisionRequest) (decisionResource, error) {
	d, err := a.svc.Decide(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, req.input())
	return decisionOf(d), err
}

func (a *api) signDecision(c *call) (decisionResource, error) {
	d, err := a.svc.SignDecision(c.ctx, c.actor, c.ses.ID, c.reg.Candidate)
	return decisionOf(d), err
}

type amendmentResource struct {
	Number       int                 `json:"number"`
	CandidateID  string              `json:"candidate_id"`
	Outcome      string              `json:"outcome" enum:"obtained,partial_success,failed,absent"`
	CCPs         []ccpResultResource `json:"ccps"`
	Basis        basisResource       `json:"basis"`
	Reasons      string              `json:"reasons,omitempty"`
	Reason       string              `json:"reason" doc:"why the decision is corrected"`
	ProposedBy   string              `json:"proposed_by"`
	At           jsonInstant         `json:"at"`
	Deliberators []string            `json:"deliberators"`
	Signatures   []signatureResource `json:"signatures"`
	Effective    bool                `json:"effective" doc:"every member who deliberated signed: the amendment is in force"`
}

func amendmentOf(x exam.Amendment) amendmentResource {
	return amendmentResource{Number: x.Number, CandidateID: string(x.Candidate), Outcome: string(x.Outcome), CCPs: ccpResultsOf(x.CCPs), Basis: basisOf(x.Basis),
		Reasons: x.Reasons, Reason: x.Reason, ProposedBy: string(x.ProposedBy), At: jsonInstant(x.At), Deliberators: strs(x.Deliberators),
		Signatures: signaturesOf(x.Signatures), Effective: x.Effective()}
}

type amendmentRequest struct {
	decisionRequest
	Reason string `json:"reason" text:"lines,2000" doc:"why the decision is corrected"`
}

func (a *api) amend(c *call, req *amendmentRequest) (amendmentResource, error) {
	x, err := a.svc.Amend(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, exam.AmendmentInput{DecisionInput: req.decisionRequest.input(), Reason: req.Reason})
	return amendmentOf(x), err
}

func (a *api) signAmendment(c *call) (amendmentResource, error) {
	n, err := c.pathNumber(exam.ErrAmendmentNotFound)
	if err != nil {
		return amendmentResource{}, err
	}
	x, err := a.svc.SignAmendment(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, n)
	return amendmentOf(x), err
}

type factResource struct {
	On jsonDate    `json:"on"`
	By string      `json:"by"`
	At jsonInstant `json:"at"`
}

func factOf(f *exam.Fact) *factResource {
	if f == nil {
		return nil
	}
	return &factResource{On: jsonDate(f.On), By: f.By, At: jsonInstant(f.At)}
}

type pvSentRequest struct {
	SentOn string `json:"sent_on,omitempty" validate:"date" format:"date" doc:"today when left out; from the day the procès-verbal closed"`
}

func (a *api) recordPVSent(c *call, req *pvSentRequest) (factResource, error) {
	f, err := a.svc.RecordPVSent(c.ctx, c.actor, c.ses.ID, parseDate(req.SentOn))
	return *factOf(&f), err
}

type validationResource struct {
	On        jsonDate    `json:"validated_on"`
	Reference string      `json:"reference,omitempty"`
	By        string      `json:"by" doc:"the controller who recorded it"`
	At        jsonInstant `json:"at"`
}

type validationRequest struct {
	ValidatedOn string `json:"validated_on,omitempty" format:"date" doc:"YYYY-MM-DD, today when left out; from the day the procès-verbal was sent"`
	Reference   string `json:"reference,omitempty" text:"line,200" doc:"the reference of the administration's decision"`
}

func (a *api) validateResults(c *call, req *validationRequest) (sessionResource, error) {
	s, err := a.svc.Validate(c.ctx, c.actor, c.ses.ID, exam.ValidationInput{On: req.ValidatedOn, Reference: req.Reference})
	return sessionOf(s), err
}

type issuanceResource struct {
	CandidateID string      `json:"candidate_id"`
	Document    string      `json:"document" enum:"parchemin,livret,ccs"`
	IssuedOn    jsonDate    `json:"issued_on"`
	DeliveredOn *jsonDate   `json:"delivered_on" doc:"the day the candidate received it; null until then"`
	By          string      `json:"by"`
	At          jsonInstant `json:"at"`
}

func issuanceOf(i exam.Issuance) issuanceResource {
	return issuanceResource{CandidateID: string(i.Candidate), Document: string(i.Document), IssuedOn: jsonDate(i.IssuedOn), DeliveredOn: optDate(i.DeliveredOn), By: i.By, At: jsonInstant(i.At)}
}

type issuanceRequest struct {
	IssuedOn    string `json:"issued_on,omitempty" validate:"date" format:"date" doc:"today when left out, or the day recorded when only the delivery is added"`
	DeliveredOn string `json:"delivered_on,omitempty" validate:"date" format:"date"`
}

func (a *api) issue(c *call, req *issuanceRequest) (issuanceResource, error) {
	i, err := a.svc.Issue(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, exam.Document(c.r.PathValue("document")), exam.IssuanceInput{IssuedOn: req.IssuedOn, DeliveredOn: req.DeliveredOn})
	return issuanceOf(i), err
}

type pendingResource struct {
	CandidateID string   `json:"candidate_id"`
	Unsigned    []string `json:"unsigned" doc:"the members whose signature the decision awaits; empty when the decision itself is missing"`
}

type examResource struct {
	SessionID         string                   `json:"session_id"`
	Quorum            int                      `json:"quorum" doc:"the fewest members present without conflict that may deliberate on a candidate"`
	ClosedAt          *jsonInstant             `json:"closed_at" doc:"when the last signature closed the procès-verbal; null while open"`
	Pending           []pendingResource        `json:"pending" doc:"what the procès-verbal still lacks"`
	MissingStatements []string                 `json:"missing_statements" doc:"remote candidates whose modality the procès-verbal does not state yet"`
	Sittings          []sittingResource        `json:"sittings"`
	Attendance        []attendanceResource     `json:"attendance"`
	JuryAttendance    []presenceResource       `json:"jury_attendance"`
	Responsable       []presenceResource       `json:"responsable_attendance"`
	SheetSignatures   []sheetSignatureResource `json:"sheet_signatures"`
	Incidents         []incidentResource       `json:"incidents"`
	Modalities        []modalityResource       `json:"modalities"`
	Constatations     []constatationResource   `json:"constatations"`
	Decisions         []decisionResource       `json:"decisions"`
	Amendments        []amendmentResource      `json:"amendments"`
	PVSent            *factResource            `json:"pv_sent"`
	Validation        *validationResource      `json:"validation"`
	Issuances         []issuanceResource       `json:"issuances"`
	Pseudonymised     *factResource            `json:"pseudonymised"`
}

func examOf(st session.ExamState, rec exam.Record) examResource {
	out := examResource{SessionID: string(rec.Session), Quorum: st.Quorum, ClosedAt: optInstant(rec.ClosedAt), Pending: []pendingResource{},
		MissingStatements: strs(st.MissingStatements), Sittings: []sittingResource{}, Attendance: []attendanceResource{},
		JuryAttendance: []presenceResource{}, Responsable: []presenceResource{}, SheetSignatures: []sheetSignatureResource{},
		Incidents: []incidentResource{}, Modalities: []modalityResource{}, Constatations: []constatationResource{},
		Decisions: []decisionResource{}, Amendments: []amendmentResource{}, Issuances: []issuanceResource{},
		PVSent: factOf(rec.PVSent), Pseudonymised: factOf(rec.Pseudonymised)}
	for _, p := range st.Pending {
		out.Pending = append(out.Pending, pendingResource{CandidateID: string(p.Candidate), Unsigned: strs(p.Unsigned)})
	}
	for _, st := range rec.Sittings {
		out.Sittings = append(out.Sittings, sittingOf(st))
	}
	for _, a := range rec.Attendance {
		out.Attendance = append(out.Attendance, attendanceOf(a))
	}
	for _, p := range rec.Jury {
		out.JuryAttendance = append(out.JuryAttendance, presenceOf(p))
	}
	for _, p := range rec.Responsable {
		out.Responsable = append(out.Responsable, presenceOf(p))
	}
	for _, s := range rec.Sheets {
		out.SheetSignatures = append(out.SheetSignatures, sheetSignatureOf(s))
	}
	for _, i := range rec.Incidents {
		out.Incidents = append(out.Incidents, incidentOf(i))
	}
	for _, s := range rec.Statements {
		out.Modalities = append(out.Modalities, modalityResource{CandidateID: string(s.Candidate), Statement: s.Text, By: s.By, At: jsonInstant(s.At)})
	}
	for _, k := range rec.Constatations {
		out.Constatations = append(out.Constatations, constatationOf(k))
	}
	for _, d := range rec.Decisions {
		out.Decisions = append(out.Decisions, decisionOf(d))
	}
	for _, x := range rec.Amendments {
		out.Amendments = append(out.Amendments, amendmentOf(x))
	}
	if v := rec.Validation; v != nil {
		out.Validation = &validationResource{On: jsonDate(v.On), Reference: v.Reference, By: v.By, At: jsonInstant(v.At)}
	}
	for _, i := range rec.Issuances {
		out.Issuances = append(out.Issuances, issuanceOf(i))
	}
	return out
}

func (a *api) getExam(c *call) (examResource, error) {
	st, err := a.svc.Exam(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return examResource{}, err
	}
	rec := st.Record
	if c.actor.Role == RoleJury {
		sj, err := c.sessionJury()
		if err != nil {
			return examResource{}, err
		}
		rec = a.policy.VisibleExam(c.actor, rec, sj.Assignment)
		var mine []exam.Pending
		for _, p := range st.Pending {
			if panel, ok := sj.Assignment.PanelOf(p.Candidate); ok && containsMember(panel.Members, c.actor.Member) {
				mine = append(mine, p)
			}
		}
		st.Pending, st.MissingStatements = mine, nil
	}
	return examOf(st, rec), nil
}

func containsMember(ms []tpsession.MemberID, m tpsession.MemberID) bool {
	for _, x := range ms {
		if x == m && m != "" {
			return true
		}
	}
	return false
}

type retentionResource struct {
	Years int          `json:"years" doc:"years after the validation of a session's results"`
	SetBy string       `json:"set_by,omitempty" doc:"left out while the centre keeps the default"`
	SetAt *jsonInstant `json:"set_at"`
}

func retentionOf(r exam.Retention) retentionResource {
	return retentionResource{Years: r.Years, SetBy: r.SetBy, SetAt: optInstant(r.SetAt)}
}

func (a *api) getRetention(c *call) (retentionResource, error) {
	r, err := a.svc.Retention(c.ctx, c.actor)
	return retentionOf(r), err
}

type retentionRequest struct {
	Years int `json:"years" minimum:"1" maximum:"50" doc:"1 to 50"`
}

func (a *api) putRetention(c *call, req *retentionRequest) (retentionResource, error) {
	r, err := a.svc.SetRetention(c.ctx, c.actor, req.Years)
	return retentionOf(r), err
}

type changeResource struct {
	Where  string `json:"where" doc:"the record and field, as a dotted path"`
	Before string `json:"before"`
	After  string `json:"after"`
}

type keptResource struct {
	CandidateID string `json:"candidate_id"`
	Reason      string `json:"reason"`
}

type pseudonymisationResource struct {
	DryRun        bool             `json:"dry_run"`
	Years         int              `json:"years"`
	RetainedUntil jsonDate         `json:"retained_until" doc:"the last day the personal data are kept"`
	Changes       []changeResource `json:"changes"`
	Kept          []keptResource   `json:"kept" doc:"candidates whose own record another session keeps"`
}

type pseudonymiseRequest struct {
	DryRun bool `json:"dry_run,omitempty" doc:"list what would change, change nothing"`
}

func (a *api) pseudonymise(c *call, req *pseudonymiseRequest) (pseudonymisationResource, error) {
	p, err := a.svc.Pseudonymise(c.ctx, c.actor, c.ses.ID, req.DryRun)
	if err != nil {
		return pseudonymisationResource{}, err
	}
	out := pseudonymisationResource{DryRun: p.DryRun, Years: p.Years, RetainedUntil: jsonDate(p.RetainedUntil), Changes: []changeResource{}, Kept: []keptResource{}}
	for _, ch := range p.Changes {
		out.Changes = append(out.Changes, changeResource{Where: ch.Where, Before: ch.Before, After: ch.After})
	}
	for _, k := range p.Kept {
		out.Kept = append(out.Kept, keptResource{CandidateID: string(k.Candidate), Reason: k.Reason})
	}
	return out, nil
}
