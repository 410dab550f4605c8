package httpapi

import (
	"bytes"
	"context"
	"reflect"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

type healthResource struct {
	Status string `json:"status" enum:"ok"`
}

func (a *api) health(c *call) (healthResource, error) {
	if a.healthCheck != nil {
		ctx, cancel := context.WithTimeout(c.ctx, HealthTimeout)
		defer cancel()
		if err := a.healthCheck(ctx); err != nil {
			c.x.cause = err
			return healthResource{}, errUnavailable
		}
	}
	return healthResource{Status: "ok"}, nil
}

// openAPIDocument is the answer of GET /openapi.json, built once by New.
type openAPIDocument struct{ doc raw }

func (d openAPIDocument) form() any { return d.doc }

func (a *api) openAPI(*call) (openAPIDocument, error) {
	if a.docErr != nil {
		return openAPIDocument{}, tpsession.ErrInternal.Withf("the OpenAPI document could not be built").Wrap(a.docErr)
	}
	return openAPIDocument{raw{contentType: "application/json", body: a.openapi}}, nil
}

type meResource struct {
	Centre      string `json:"centre"`
	Role        string `json:"role" enum:"admin,jury,controller"`
	Name        string `json:"name" doc:"how the event log records the caller's actions"`
	MemberEmail string `json:"member_email,omitempty" doc:"the jury role's e-mail"`
	MemberID    string `json:"member_id,omitempty" doc:"the jury role's record in the directory, when one has its e-mail"`
}

func (a *api) me(c *call) (meResource, error) {
	out := meResource{Centre: string(c.p.Centre), Role: string(c.p.Role), Name: c.p.Name, MemberEmail: c.p.MemberEmail}
	out.MemberID = string(c.actor.Member)
	return out, nil
}

type personResource struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type sessionResource struct {
	ID                string         `json:"id"`
	TitleCode         string         `json:"title_code"`
	TitleName         string         `json:"title_name"`
	Kind              string         `json:"kind" enum:"titre,ccp,ccs"`
	Site              string         `json:"site"`
	Region            string         `json:"region" enum:"metropole,alsace-moselle,guadeloupe,martinique,guyane,reunion,mayotte" doc:"selects the public holidays of the site"`
	UsesComputers     bool           `json:"uses_computers"`
	StartDate         jsonDate       `json:"start_date"`
	EndDate           jsonDate       `json:"end_date"`
	PlannedCandidates int            `json:"planned_candidates"`
	Responsable       personResource `json:"responsable"`
	Status            string         `json:"status" enum:"preparation,declared,pli_ordered,convocations_sent,ready,opened,closed,validated,cancelled"`
	CreatedAt         jsonInstant    `json:"created_at"`
	DeclaredOn        *jsonDate      `json:"declared_on" doc:"the day the session was declared in CERES; null until then"`
	Milestones        milestones     `json:"milestones"`
	Revision          string         `json:"revision,omitempty" doc:"the revision of the title the centre pinned; the title register's revision in force otherwise"`
	CCPs              []string       `json:"ccps" doc:"the CCPs a CCP session evaluates"`
	Modality          string         `json:"modality" enum:"on_site,remote"`
}

// milestones are the dated facts the status derives from.
type milestones struct {
	DeclaredOn         jsonDate    `json:"declared_on,omitzero"`
	PliOrderedOn       jsonDate    `json:"pli_ordered_on,omitzero"`
	ConvocationsSentOn jsonDate    `json:"convocations_sent_on,omitzero"`
	ReadyOn            jsonDate    `json:"ready_on,omitzero"`
	OpenedAt           jsonInstant `json:"opened_at,omitzero"`
	ClosedOn           jsonDate    `json:"closed_on,omitzero" doc:"the day every jury member had signed the procès-verbal"`
	ValidatedOn        jsonDate    `json:"validated_on,omitzero" doc:"the day the administration validated the results"`
	CancelledOn        jsonDate    `json:"cancelled_on,omitzero"`
}

func optDate(d date.Date) *jsonDate {
	if d == date.Zero {
		return nil
	}
	j := jsonDate(d)
	return &j
}

func sessionOf(s session.Session) sessionResource {
	m := s.Milestones()
	return sessionResource{
		ID: string(s.ID), TitleCode: string(s.Title), TitleName: s.TitleName, Kind: string(s.Kind),
		Site: s.Site, Region: string(s.Region), UsesComputers: s.UsesComputers,
		StartDate: jsonDate(s.Start), EndDate: jsonDate(s.End), PlannedCandidates: s.PlannedCandidates,
		Responsable: personResource{Name: s.Responsable.Name, Email: s.Responsable.Email},
		Status:      string(s.Status()), CreatedAt: jsonInstant(s.CreatedAt), DeclaredOn: optDate(m.DeclaredOn),
		Revision: s.Revision, CCPs: list(s.CCPs), Modality: s.Modality.String(),
		Milestones: milestones{
			DeclaredOn: jsonDate(m.DeclaredOn), PliOrderedOn: jsonDate(m.PliOrderedOn),
			ConvocationsSentOn: jsonDate(m.ConvocationsSentOn), ReadyOn: jsonDate(m.ReadyOn),
			OpenedAt: jsonInstant(m.OpenedAt), ClosedOn: jsonDate(m.ClosedOn), ValidatedOn: jsonDate(m.ValidatedOn), CancelledOn: jsonDate(m.CancelledOn),
		},
	}
}

func sessionStatuses() []string { return strs(session.Statuses) }

type personRequest struct {
	Name  string `json:"name" text:"line,200"`
	Email string `json:"email" format:"email"`
}

type createSessionRequest struct {
	TitleCode         string        `json:"title_code" pattern:"title_code" doc:"the titre professionnel's code, e.g. TP-01281"`
	TitleName         string        `json:"title_name,omitempty" text:"line,200" doc:"the title register's name when left out"`
	Kind              string        `json:"kind" enum:"titre,ccp,ccs"`
	Site              string        `json:"site" text:"line,300" doc:"the place the centre's agrément names; once the centre has recorded its agréments, one must cover the title, this site and every day"`
	Region            string        `json:"region,omitempty" enum:"metropole,alsace-moselle,guadeloupe,martinique,guyane,reunion,mayotte" doc:"selects the public holidays; metropole when left out"`
	StartDate         string        `json:"start_date" validate:"date" format:"date" doc:"a working day"`
	EndDate           string        `json:"end_date" validate:"date" format:"date" doc:"a working day, not before the start; the session lasts at most the server's maximum (42 days by default)"`
	PlannedCandidates int           `json:"planned_candidates" minimum:"1" maximum:"500"`
	Responsable       personRequest `json:"responsable" doc:"the responsable de session"`
	UsesComputers     bool          `json:"uses_computers,omitempty" doc:"whether the épreuves use computers, which must then be secured against fraud"`
	Revision          string        `json:"revision,omitempty" text:"line,40" doc:"a revision of the title register's entry, for a session of an old revision in its délai de prolongation"`
	CCPs              []string      `json:"ccps,omitempty" text:"line,40" maxItems:"20" doc:"a CCP session: the codes of the CCPs it evaluates (CCP1…), as the title register lists them"`
	Modality          string        `json:"modality,omitempty" enum:"on_site,remote" doc:"on_site when left out; remote only for the titles and CCPs the title register opens to the experiment"`
}

func (a *api) createSession(c *call, req *createSessionRequest) (sessionResource, error) {
	s, err := a.svc.CreateSession(c.ctx, c.actor, session.Details{
		Title: req.TitleCode, TitleName: req.TitleName, Kind: req.Kind, Site: req.Site, Region: req.Region,
		Start: parseDate(req.StartDate), End: parseDate(req.EndDate), PlannedCandidates: req.PlannedCandidates,
		Responsable:   session.Person{Name: req.Responsable.Name, Email: req.Responsable.Email},
		UsesComputers: req.UsesComputers, Revision: req.Revision, CCPs: req.CCPs, Modality: req.Modality,
	})
	if err != nil {
		return sessionResource{}, err
	}
	c.w.Header().Set("Location", "/v1/sessions/"+string(s.ID))
	return sessionOf(s), nil
}

type sessionList struct {
	Sessions   []sessionResource `json:"sessions"`
	NextCursor string            `json:"next_cursor,omitempty" doc:"when more sessions follow: the cursor of the next page"`
}

func (a *api) listSessions(c *call) (sessionList, error) {
	var fe tpsession.FieldErrors
	f := session.Filter{Status: query(c, &fe, "status", session.ParseStatus)}
	f.From, f.To = c.queryDates(&fe)
	p := c.page(&fe, 2)
	if p.after != nil {
		start, err := tpsession.ParseDate(p.after[0])
		id, idErr := tpsession.ParseSessionID(p.after[1])
		if err != nil || idErr != nil {
			fe.Add("cursor", "is not a cursor of this list: send back the next_cursor of the page before")
		}
		f.After = &session.Position{Start: start, ID: id}
	}
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return sessionList{}, err
	}
	var ss []session.Session
	if c.actor.Role == RoleJury {
		if c.actor.Member == "" {
			return sessionList{Sessions: []sessionResource{}}, nil
		}
		invited, err := a.svc.SessionsOfMember(c.ctx, c.actor, c.actor.Member, f)
		if err != nil {
			return sessionList{}, err
		}
		for _, s := range a.policy.VisibleSessions(c.actor, invited) {
			if f.After == nil || f.After.Before(s.Position()) {
				ss = append(ss, s)
			}
		}
		if len(ss) > p.limit+1 {
			ss = ss[:p.limit+1]
		}
	} else {
		f.Limit = p.limit + 1
		var err error
		if ss, err = a.svc.Sessions(c.ctx, c.actor, f); err != nil {
			return sessionList{}, err
		}
	}
	ss, next := paged(ss, p.limit, func(s session.Session) []string { return []string{s.Start.String(), string(s.ID)} })
	out := sessionList{Sessions: make([]sessionResource, len(ss)), NextCursor: next}
	for i, s := range ss {
		out.Sessions[i] = sessionOf(s)
	}
	return out, nil
}

func (a *api) getSession(c *call) (sessionResource, error) { return sessionOf(c.ses), nil }

type changeSessionRequest struct {
	StartDate         *string `json:"start_date,omitempty" validate:"omitempty,date" format:"date" doc:"a working day"`
	EndDate           *string `json:"end_date,omitempty" validate:"omitempty,date" format:"date" doc:"a working day, not before the start; the session lasts at most the server's maximum (42 days by default)"`
	PlannedCandidates *int    `json:"planned_candidates,omitempty" minimum:"1" maximum:"500"`
	Site              *string `json:"site,omitempty" text:"line,300"`
	UsesComputers     *bool   `json:"uses_computers,omitempty"`
	Modality          *string `json:"modality,omitempty" enum:"on_site,remote"`
}

func (a *api) changeSession(c *call, req *changeSessionRequest) (sessionResource, error) {
	ch := session.Change{PlannedCandidates: req.PlannedCandidates, Site: req.Site, UsesComputers: req.UsesComputers, Modality: req.Modality}
	if req.StartDate != nil {
		d := parseDate(*req.StartDate)
		ch.Start = &d
	}
	if req.EndDate != nil {
		d := parseDate(*req.EndDate)
		ch.End = &d
	}
	s, err := a.svc.ChangeSession(c.ctx, c.actor, c.ses.ID, ch)
	return sessionOf(s), err
}

type declareRequest struct {
	DeclaredOn string `json:"declared_on,omitempty" validate:"date" format:"date" doc:"today when left out; not in the future"`
}

func (a *api) declareSession(c *call, req *declareRequest) (sessionResource, error) {
	s, err := a.svc.Declare(c.ctx, c.actor, c.ses.ID, parseDate(req.DeclaredOn))
	return sessionOf(s), err
}

func (a *api) cancelSession(c *call) (sessionResource, error) {
	s, err := a.svc.Cancel(c.ctx, c.actor, c.ses.ID)
	return sessionOf(s), err
}

func (a *api) closeSession(c *call) (sessionResource, error) {
	s, err := a.svc.Close(c.ctx, c.actor, c.ses.ID)
	return sessionOf(s), err
}

type timelineResource struct {
	Deadlines []deadlineResource `json:"deadlines"`
}

type deadlineResource struct {
	Key      string   `json:"key" doc:"programme, declare, invite_jury, order_pli, receive_pli, validate_convocations, readiness, open"`
	Label    string   `json:"label"`
	Due      jsonDate `json:"due" doc:"a calendar date, not shifted to a working day"`
	Status   string   `json:"status" enum:"done,pending,due_soon,overdue" doc:"due_soon: due within the next 7 days"`
	DoneOn   jsonDate `json:"done_on,omitzero"`
	Advisory bool     `json:"advisory" doc:"a recommendation: missing it is a warning, never a refusal"`
	Note     string   `json:"note,omitempty"`
}

func (a *api) timeline(c *call) (timelineResource, error) {
	ds, err := a.svc.Timeline(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return timelineResource{}, err
	}
	out := timelineResource{Deadlines: make([]deadlineResource, len(ds))}
	for i, d := range ds {
		out.Deadlines[i] = deadlineResource{
			Key: d.Key, Label: d.Label, Due: jsonDate(d.Due), Status: string(d.Status),
			DoneOn: jsonDate(d.DoneOn), Advisory: d.Advisory, Note: d.Note,
		}
	}
	return out, nil
}

// planRequest is the planning input of docs/planning.md#input, which plan.Decode
// reads: its dates and times are reported all at once.
type planRequest struct{ in plan.Input }

func (p *planRequest) UnmarshalJSON(data []byte) error {
	in, err := plan.Decode(bytes.NewReader(data))
	p.in = in
	return err
}

// jsonShape is the type whose JSON the request has, which the decoder
// checks field by field and the OpenAPI document describes.
func (*planRequest) jsonShape() reflect.Type { return reflect.TypeFor[plan.Input]() }

func (a *api) planSession(c *call, req *planRequest) (plan.Plan, error) {
	rec, err := a.svc.PlanSession(c.ctx, c.actor, c.ses.ID, req.in)
	return rec.Plan, err
}

// negotiated is an answer whose JSON form is T, or another form the Accept
// header asked for: a raw body or a file.
type negotiated[T any] struct {
	v     T
	other any
}

func (n negotiated[T]) form() any {
	if n.other != nil {
		return n.other
	}
	return n.v
}

func (negotiated[T]) jsonShape() reflect.Type { return reflect.TypeFor[T]() }

func (a *api) getPlan(c *call) (negotiated[plan.Plan], error) {
	rec, err := a.svc.Plan(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return negotiated[plan.Plan]{}, err
	}
	if !c.prefers("text/plain") {
		return negotiated[plan.Plan]{v: rec.Plan}, nil
	}
	var buf bytes.Buffer
	if err := documents.WriteDeroule(&buf, rec.Schedule()); err != nil {
		return negotiated[plan.Plan]{}, err
	}
	return negotiated[plan.Plan]{other: raw{contentType: "text/plain; charset=utf-8", body: buf.Bytes()}}, nil
}

type readinessResource struct {
	Ready    bool              `json:"ready"`
	Findings []findingResource `json:"findings"`
}

type findingResource struct {
	Item     string `json:"item" doc:"a checklist item's key, or an area: session, plan, jury, pli, candidates, convocations, compliance"`
	Code     string `json:"code" doc:"a stable code of the finding, e.g. checklist.pli_not_secured"`
	Severity string `json:"severity" enum:"blocking,warning"`
	Message  string `json:"message"`
}

func findingsOf(fs []checklist.Finding) []findingResource {
	out := make([]findingResource, len(fs))
	for i, f := range fs {
		out[i] = findingResource{Item: f.Item, Code: string(f.Code), Severity: string(f.Severity), Message: f.Message}
	}
	return out
}

func (a *api) readiness(c *call) (readinessResource, error) {
	r, err := a.svc.Readiness(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return readinessResource{}, err
	}
	return readinessResource{Ready: r.Ready(), Findings: findingsOf(r.Findings)}, nil
}

type openRequest struct {
	Witnesses []string `json:"witnesses,omitempty" text:"line,500" doc:"in front of whom the DTE jury and candidat are opened; the responsable de session and the accepted jury members when left out"`
}

func (a *api) openSession(c *call, req *openRequest) (sessionResource, error) {
	s, err := a.svc.Open(c.ctx, c.actor, c.ses.ID, req.Witnesses)
	return sessionOf(s), err
}

type eventList struct {
	Events     []eventResource `json:"events"`
	NextCursor string          `json:"next_cursor,omitempty" doc:"when more events follow: the cursor of the next page"`
}

type eventResource struct {
	ID     string      `json:"id"`
	At     jsonInstant `json:"at"`
	Actor  string      `json:"actor"`
	Action string      `json:"action" doc:"a stable dotted code such as session.declared or pli.opened"`
	Detail string      `json:"detail"`
}

func (a *api) events(c *call) (eventList, error) {
	var fe tpsession.FieldErrors
	p := c.page(&fe, 1)
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return eventList{}, err
	}
	es, err := a.svc.Events(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return eventList{}, err
	}
	// The log is append-only: the event a cursor names stays where it is.
	es, ok := after(es, p, func(e session.Event) string { return string(e.ID) })
	if !ok {
		fe.Add("cursor", "is not a cursor of this session's events: send back the next_cursor of the page before")
		return eventList{}, fe.Err(tpsession.ErrInvalidInput)
	}
	es, next := paged(es, p.limit, func(e session.Event) []string { return []string{string(e.ID)} })
	out := eventList{Events: make([]eventResource, len(es)), NextCursor: next}
	for i, e := range es {
		out.Events[i] = eventResource{ID: string(e.ID), At: jsonInstant(e.At), Actor: e.Actor, Action: e.Action, Detail: e.Detail}
	}
	return out, nil
}
