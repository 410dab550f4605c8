package httpapi

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

type materialIO struct {
	Name     string `json:"name" text:"line,500"`
	Quantity int    `json:"quantity" minimum:"1"`
	Epreuve  string `json:"epreuve,omitempty" text:"line,500" doc:"the épreuve needing it, when the DTE says"`
}

func materialsIn(ms []materialIO) []pli.Material {
	out := make([]pli.Material, len(ms))
	for i, m := range ms {
		out[i] = pli.Material{Name: m.Name, Quantity: m.Quantity, Epreuve: m.Epreuve}
	}
	return out
}

type pliResource struct {
	ID         string            `json:"id"`
	Status     string            `json:"status" enum:"not_ordered,ordered,received,organisateur_read,secured,opened"`
	OrderedOn  *jsonDate         `json:"ordered_on" doc:"null until ordered"`
	ReceivedOn *jsonDate         `json:"received_on" doc:"null until received"`
	Materials  []materialIO      `json:"materials" doc:"the DTE organisateur's list of required materials"`
	PPE        *[]string         `json:"ppe" doc:"the protective equipment the DTE organisateur tells the candidates to bring, which their convocations must list; null until recorded"`
	Location   string            `json:"location,omitempty" doc:"where the DTE jury and candidat are locked away"`
	Custodian  string            `json:"custodian,omitempty"`
	SecuredAt  jsonInstant       `json:"secured_at,omitzero"`
	Witnesses  []string          `json:"witnesses,omitempty" doc:"in front of whom the DTE jury and candidat were opened"`
	OpenedAt   jsonInstant       `json:"opened_at,omitzero"`
	Custody    []custodyResource `json:"custody" doc:"append-only; each step adds one entry"`
	Warnings   []warningResource `json:"warnings,omitempty" doc:"on ordering: a pli ordered later than 3 months before the start"`
}

type custodyResource struct {
	At     string `json:"at" format:"date-time" doc:"RFC 3339 in UTC with milliseconds, as the hash covers it"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Detail string `json:"detail"`
	Hash   string `json:"hash" doc:"hex SHA-256 of the previous entry's hash followed by the canonical JSON of {at, actor, action, detail}"`
}

func pliOf(p pli.Pli) pliResource {
	out := pliResource{
		ID: string(p.ID), Status: string(p.Status()), OrderedOn: optDate(p.OrderedOn), ReceivedOn: optDate(p.ReceivedOn),
		Materials: make([]materialIO, len(p.Materials)), Location: p.Location, Custodian: p.Custodian,
		SecuredAt: jsonInstant(p.SecuredAt), Witnesses: p.Witnesses, OpenedAt: jsonInstant(p.OpenedAt),
		Custody: make([]custodyResource, len(p.Custody)),
	}
	if p.PPE != nil {
		ppe := list(p.PPE)
		out.PPE = &ppe
	}
	for i, m := range p.Materials {
		out.Materials[i] = materialIO{Name: m.Name, Quantity: m.Quantity, Epreuve: m.Epreuve}
	}
	for i, e := range p.Custody {
		out.Custody[i] = custodyResource{
			At: e.At.UTC().Format(pli.TimeLayout), Actor: e.Actor, Action: string(e.Action), Detail: e.Detail, Hash: e.Hash,
		}
	}
	return out
}

type orderRequest struct {
	OrderedOn string `json:"ordered_on,omitempty" validate:"date" format:"date" doc:"today when left out; not in the future"`
}

func (a *api) orderPli(c *call, req *orderRequest) (pliResource, error) {
	p, warnings, err := a.svc.OrderPli(c.ctx, c.actor, c.ses.ID, parseDate(req.OrderedOn))
	if err != nil {
		return pliResource{}, err
	}
	out := pliOf(p)
	for _, w := range warnings {
		out.Warnings = append(out.Warnings, warningResource{Code: string(w.Code), Message: w.Message})
	}
	return out, nil
}

type receiveRequest struct {
	ReceivedOn string       `json:"received_on,omitempty" validate:"date" format:"date" doc:"today when left out; not in the future"`
	Materials  []materialIO `json:"materials,omitempty" doc:"the DTE organisateur's list of required materials, when read on receipt"`
}

func (a *api) receivePli(c *call, req *receiveRequest) (pliResource, error) {
	var ms []pli.Material
	if len(req.Materials) > 0 {
		ms = materialsIn(req.Materials)
	}
	p, err := a.svc.ReceivePli(c.ctx, c.actor, c.ses.ID, parseDate(req.ReceivedOn), ms)
	return pliOf(p), err
}

type readRequest struct {
	Materials []materialIO `json:"materials" minItems:"1"`
}

func (a *api) readOrganisateur(c *call, req *readRequest) (pliResource, error) {
	p, err := a.svc.ReadOrganisateur(c.ctx, c.actor, c.ses.ID, materialsIn(req.Materials))
	return pliOf(p), err
}

type secureRequest struct {
	Location  string `json:"location" text:"line,500"`
	Custodian string `json:"custodian" text:"line,500"`
}

func (a *api) securePli(c *call, req *secureRequest) (pliResource, error) {
	p, err := a.svc.SecurePli(c.ctx, c.actor, c.ses.ID, req.Location, req.Custodian)
	return pliOf(p), err
}

type accessRequest struct {
	Reason  string `json:"reason" text:"line,500" doc:"why, e.g. seal check before the jury briefing"`
	Unseals bool   `json:"unseals,omitempty" doc:"the access opens the DTE jury or candidat: refused, and logged, before the opening"`
}

func (a *api) recordPliAccess(c *call, req *accessRequest) (pliResource, error) {
	p, err := a.svc.RecordPliAccess(c.ctx, c.actor, c.ses.ID, pli.Access{Reason: req.Reason, Unseals: req.Unseals})
	return pliOf(p), err
}

type openPliRequest struct {
	Witnesses []string `json:"witnesses" text:"line,500" minItems:"2" doc:"at least 2 distinct people"`
}

func (a *api) openPli(c *call, req *openPliRequest) (pliResource, error) {
	p, err := a.svc.OpenPli(c.ctx, c.actor, c.ses.ID, req.Witnesses)
	return pliOf(p), err
}

// errPliSealed is how the API answers session.ErrPliSealed, the role rule
// that a jury member never sees a DTE before the pli is opened.
var errPliSealed = tpsession.NewError(tpsession.Forbidden, "httpapi.pli_sealed", "a jury member sees the pli only once it is opened")

func (a *api) getPli(c *call) (pliResource, error) {
	p, err := a.svc.Pli(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return pliResource{}, err
	}
	if err := a.policy.PliVisible(c.actor, p); err != nil {
		return pliResource{}, errPliSealed.Wrap(err)
	}
	return pliOf(p), nil
}

type ppeRequest struct {
	PPE []string `json:"ppe,omitempty" text:"line,500" maxItems:"30" doc:"the DTE organisateur's list of protective equipment each candidate brings; empty or left out when it asks for none"`
}

func (a *api) recordDTEPPE(c *call, req *ppeRequest) (pliResource, error) {
	ppe := req.PPE
	if ppe == nil {
		ppe = []string{}
	}
	p, err := a.svc.RecordDTEPPE(c.ctx, c.actor, c.ses.ID, ppe)
	return pliOf(p), err
}
