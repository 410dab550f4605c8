package httpapi

import (
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

type habilitationIO struct {
	TitleCode  string `json:"title_code" pattern:"title_code"`
	ValidFrom  string `json:"valid_from" format:"date" doc:"included"`
	ValidUntil string `json:"valid_until" format:"date" doc:"included, not before valid_from"`
}

type memberRequest struct {
	Name          string           `json:"name" text:"line,200"`
	Email         string           `json:"email" format:"email" doc:"how a user of the jury role is matched to this record"`
	EmployerSIRET string           `json:"employer_siret,omitempty" pattern:"optional_siret" doc:"the establishment employing the member; conflicts with the candidates its company hosted follow from it"`
	Habilitations []habilitationIO `json:"habilitations" minItems:"1"`
}

type memberResource struct {
	ID            string           `json:"id"`
	Name          string           `json:"name"`
	Email         string           `json:"email"`
	EmployerSIRET string           `json:"employer_siret,omitempty"`
	Habilitations []habilitationIO `json:"habilitations"`
	Unavailable   []periodResource `json:"unavailable" doc:"the periods the member cannot sit on a jury"`
}

type periodResource struct {
	From  jsonDate `json:"from"`
	Until jsonDate `json:"until"`
}

func memberOf(m jury.Member) memberResource {
	out := memberResource{
		ID: string(m.ID), Name: m.Name, Email: m.Email, EmployerSIRET: string(m.Employer),
		Habilitations: make([]habilitationIO, len(m.Habilitations)),
		Unavailable:   make([]periodResource, len(m.Unavailable)),
	}
	for i, h := range m.Habilitations {
		out.Habilitations[i] = habilitationIO{TitleCode: string(h.Title), ValidFrom: h.Valid.From.String(), ValidUntil: h.Valid.Until.String()}
	}
	for i, r := range m.Unavailable {
		out.Unavailable[i] = periodResource{From: jsonDate(r.From), Until: jsonDate(r.Until)}
	}
	return out
}

func (a *api) createMember(c *call, req *memberRequest) (memberResource, error) {
	in := jury.MemberInput{Name: req.Name, Email: req.Email, EmployerSIRET: req.EmployerSIRET}
	for _, h := range req.Habilitations {
		in.Habilitations = append(in.Habilitations, jury.HabilitationInput{TitleCode: h.TitleCode, ValidFrom: h.ValidFrom, ValidUntil: h.ValidUntil})
	}
	m, err := a.svc.CreateMember(c.ctx, c.actor, in)
	if err != nil {
		return memberResource{}, err
	}
	c.w.Header().Set("Location", "/v1/jury-members/"+string(m.ID))
	return memberOf(m), nil
}

type memberList struct {
	Members    []memberResource `json:"members"`
	NextCursor string           `json:"next_cursor,omitempty" doc:"when more members follow: the cursor of the next page"`
}

func (a *api) listMembers(c *call) (memberList, error) {
	var fe tpsession.FieldErrors
	title := query(c, &fe, "title_code", tpsession.ParseTitleCode)
	from, to := c.queryDates(&fe)
	switch {
	case title != "":
		if from == date.Zero {
			fe.Add("from", "is required with title_code")
		}
		if to == date.Zero {
			fe.Add("to", "is required with title_code")
		}
		if from != date.Zero && to != date.Zero && to < from {
			fe.Add("to", "%s is before from, %s", to, from)
		}
	case from != date.Zero || to != date.Zero:
		fe.Add("title_code", "is required with from and to")
	}
	p := c.page(&fe, 1)
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return memberList{}, err
	}
	period := tpsession.DateRange{From: from, Until: to}
	ms, err := a.svc.Members(c.ctx, c.actor, title, period)
	if err != nil {
		return memberList{}, err
	}
	// Members are listed by ID: the page starts after the cursor's.
	if p.after != nil {
		ms = slices.DeleteFunc(ms, func(m jury.Member) bool { return string(m.ID) <= p.after[0] })
	}
	ms, next := paged(ms, p.limit, func(m jury.Member) []string { return []string{string(m.ID)} })
	out := memberList{Members: make([]memberResource, len(ms)), NextCursor: next}
	for i, m := range ms {
		out.Members[i] = memberOf(m)
	}
	return out, nil
}

func (a *api) getMember(c *call) (memberResource, error) { return memberOf(c.member), nil }

type availabilityRequest struct {
	From      string `json:"from" validate:"required,date" format:"date" doc:"first day, included"`
	Until     string `json:"until" validate:"required,date" format:"date" doc:"last day, included, not before from"`
	Available *bool  `json:"available" validate:"required" doc:"false records the member unavailable over the days; true withdraws that"`
}

func (a *api) setAvailability(c *call, req *availabilityRequest) (memberResource, error) {
	days, err := parseDateRange(req.From, req.Until, "until")
	if err != nil {
		return memberResource{}, err
	}
	m, err := a.svc.SetMemberAvailability(c.ctx, c.actor, c.member.ID, days, *req.Available)
	return memberOf(m), err
}

type inviteRequest struct {
	MemberID string `json:"member_id" pattern:"member_id"`
}

type invitationResource struct {
	MemberID    string            `json:"member_id"`
	Status      string            `json:"status" enum:"invited,accepted,declined,withdrawn"`
	InvitedOn   jsonDate          `json:"invited_on"`
	AnsweredOn  jsonDate          `json:"answered_on,omitzero"`
	WithdrawnOn jsonDate          `json:"withdrawn_on,omitzero"`
	Warnings    []warningResource `json:"warnings,omitempty" doc:"what the centre should know but may accept, e.g. an employed member invited fewer than 15 days ahead"`
}

type warningResource struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func invitationOf(inv jury.Invitation) invitationResource {
	return invitationResource{
		MemberID: string(inv.Member), Status: string(inv.Status()), InvitedOn: jsonDate(inv.InvitedOn),
		AnsweredOn: jsonDate(inv.AnsweredOn), WithdrawnOn: jsonDate(inv.WithdrawnOn),
	}
}

// bodyID parses an ID a body names, as a field error of field.
func bodyID[T ~string](field, s string, parse func(string) (T, error)) (T, error) {
	id, err := parse(s)
	if err != nil {
		var fe tpsession.FieldErrors
		if s == "" {
			fe.Add(field, "is required")
		} else {
			fe.AddErr(field, err)
		}
		return "", fe.Err(tpsession.ErrInvalidInput)
	}
	return id, nil
}

func (a *api) invite(c *call, req *inviteRequest) (invitationResource, error) {
	mid, err := bodyID("member_id", req.MemberID, tpsession.ParseMemberID)
	if err != nil {
		return invitationResource{}, err
	}
	inv, warnings, err := a.svc.Invite(c.ctx, c.actor, c.ses.ID, mid)
	if err != nil {
		return invitationResource{}, err
	}
	out := invitationOf(inv)
	for _, w := range warnings {
		out.Warnings = append(out.Warnings, warningResource{Code: w.Code, Message: w.Message})
	}
	return out, nil
}

type invitationList struct {
	Invitations []invitationResource `json:"invitations"`
}

func (a *api) listInvitations(c *call) (invitationList, error) {
	sj, err := c.sessionJury()
	if err != nil {
		return invitationList{}, err
	}
	out := invitationList{Invitations: []invitationResource{}}
	for _, inv := range a.policy.VisibleInvitations(c.actor, sj.Invitations) {
		out.Invitations = append(out.Invitations, invitationOf(inv))
	}
	return out, nil
}

func (a *api) acceptInvitation(c *call) (invitationResource, error) {
	return a.answerInvitation(c, true)
}

func (a *api) declineInvitation(c *call) (invitationResource, error) {
	return a.answerInvitation(c, false)
}

func (a *api) answerInvitation(c *call, accept bool) (invitationResource, error) {
	inv, err := a.svc.AnswerInvitation(c.ctx, c.actor, c.ses.ID, c.inv.Member, accept)
	return invitationOf(inv), err
}

func (a *api) withdrawInvitation(c *call) (invitationResource, error) {
	inv, err := a.svc.WithdrawInvitation(c.ctx, c.actor, c.ses.ID, c.inv.Member)
	return invitationOf(inv), err
}

type conflictRequest struct {
	MemberID    string `json:"member_id" pattern:"member_id"`
	CandidateID string `json:"candidate_id" pattern:"candidate_id"`
	Reason      string `json:"reason" enum:"hosted,trained,employer,personal,other"`
	Note        string `json:"note,omitempty" text:"lines,1000"`
}

type conflictResource struct {
	MemberID    string   `json:"member_id"`
	CandidateID string   `json:"candidate_id"`
	Reason      string   `json:"reason" enum:"hosted,trained,employer,personal,other"`
	Note        string   `json:"note,omitempty"`
	DeclaredOn  jsonDate `json:"declared_on"`
}

func (a *api) declareConflict(c *call, req *conflictRequest) (conflictResource, error) {
	d, err := a.svc.DeclareConflict(c.ctx, c.actor, c.ses.ID, jury.DeclaredConflictInput{
		MemberID: req.MemberID, CandidateID: req.CandidateID, Reason: req.Reason, Note: req.Note,
	})
	if err != nil {
		return conflictResource{}, err
	}
	return conflictResource{
		MemberID: string(d.Member), CandidateID: string(d.Candidate), Reason: string(d.Reason),
		Note: d.Note, DeclaredOn: jsonDate(d.DeclaredOn),
	}, nil
}

type assignmentResource struct {
	Panels     []panelResource `json:"panels"`
	Reserves   []string        `json:"reserves" doc:"accepted members on no panel, who can replace one who drops out; empty for the jury role"`
	AssignedOn jsonDate        `json:"assigned_on"`
}

type panelResource struct {
	Jury       int              `json:"jury" doc:"the panel's number, from 1; with a plan, the plan's jury"`
	Members    []string         `json:"members"`
	Candidates []string         `json:"candidates"`
	Roster     []rosterResource `json:"roster" doc:"the panel's candidates with their names, in the order of candidates"`
}

type rosterResource struct {
	CandidateID string `json:"candidate_id"`
	Name        string `json:"name"`
}

// assignmentOf writes the assignment with the names of its candidates;
// for the jury role, only the member's own panel.
func (a *api) assignmentOf(c *call, as jury.Assignment) (assignmentResource, error) {
	as = a.policy.VisibleAssignment(c.actor, as)
	out := assignmentResource{Panels: []panelResource{}, Reserves: strs(as.Reserves), AssignedOn: jsonDate(as.AssignedOn)}
	for _, p := range as.Panels {
		pr := panelResource{Jury: p.Jury, Members: strs(p.Members), Candidates: strs(p.Candidates), Roster: make([]rosterResource, len(p.Candidates))}
		for i, cid := range p.Candidates {
			cand, err := a.svc.Candidate(c.ctx, c.actor, cid)
			if err != nil {
				return assignmentResource{}, err
			}
			pr.Roster[i] = rosterResource{CandidateID: string(cid), Name: cand.FirstName + " " + cand.LastName}
		}
		out.Panels = append(out.Panels, pr)
	}
	return out, nil
}

func (a *api) assignJury(c *call) (assignmentResource, error) {
	as, err := a.svc.AssignJury(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return assignmentResource{}, err
	}
	return a.assignmentOf(c, as)
}

func (a *api) getAssignment(c *call) (assignmentResource, error) {
	as, err := a.svc.Assignment(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return assignmentResource{}, err
	}
	return a.assignmentOf(c, as)
}
