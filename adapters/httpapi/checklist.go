package httpapi

import (
	"github.com/tpsession/tpsession/checklist"
)

type checklistResource struct {
	Items     []itemResource      `json:"items"`
	Equipment []equipmentResource `json:"equipment"`
}

type itemResource struct {
	Key       string   `json:"key" doc:"equipment_operational, interview_rooms_confidential, rules_displayed, schedule_displayed, responsable_designated, computers_secured, or a custom item"`
	Label     string   `json:"label"`
	Status    string   `json:"status" enum:"pending,ok,not_ok,not_applicable"`
	Note      string   `json:"note,omitempty"`
	CheckedBy string   `json:"checked_by,omitempty"`
	CheckedOn jsonDate `json:"checked_on,omitzero"`
}

type equipmentResource struct {
	Name             string   `json:"name"`
	Available        int      `json:"available"`
	OperationalFrom  jsonDate `json:"operational_from"`
	OperationalUntil jsonDate `json:"operational_until"`
	UpdatedBy        string   `json:"updated_by"`
	UpdatedOn        jsonDate `json:"updated_on"`
}

func itemOf(it checklist.Item) itemResource {
	status := it.Status
	if status == "" {
		status = checklist.StatusPending
	}
	return itemResource{Key: string(it.Key), Label: it.Label, Status: string(status), Note: it.Note, CheckedBy: it.CheckedBy, CheckedOn: jsonDate(it.CheckedOn)}
}

func equipmentOf(e checklist.Equipment) equipmentResource {
	return equipmentResource{
		Name: e.Name, Available: e.Available, OperationalFrom: jsonDate(e.Operational.From), OperationalUntil: jsonDate(e.Operational.Until),
		UpdatedBy: e.UpdatedBy, UpdatedOn: jsonDate(e.UpdatedOn),
	}
}

func (a *api) getChecklist(c *call) (checklistResource, error) {
	cl, err := a.svc.Checklist(c.ctx, c.actor, c.ses.ID)
	if err != nil {
		return checklistResource{}, err
	}
	out := checklistResource{Items: make([]itemResource, len(cl.Items)), Equipment: make([]equipmentResource, len(cl.Equipment))}
	for i, it := range cl.Items {
		out.Items[i] = itemOf(it)
	}
	for i, e := range cl.Equipment {
		out.Equipment[i] = equipmentOf(e)
	}
	return out, nil
}

type itemRequest struct {
	Status string `json:"status" enum:"pending,ok,not_ok,not_applicable"`
	Note   string `json:"note,omitempty" text:"lines,2000"`
}

func (a *api) setChecklistItem(c *call, req *itemRequest) (itemResource, error) {
	it, err := a.svc.SetChecklistItem(c.ctx, c.actor, c.ses.ID, c.item.Key,
		checklist.ItemUpdate{Status: checklist.Status(req.Status), Note: req.Note})
	return itemOf(it), err
}

type equipmentRequest struct {
	Available        *int   `json:"available" validate:"required" minimum:"0" doc:"units available"`
	OperationalFrom  string `json:"operational_from" validate:"required,date" format:"date" doc:"included"`
	OperationalUntil string `json:"operational_until" validate:"required,date" format:"date" doc:"included, not before operational_from"`
}

func (a *api) setEquipment(c *call, req *equipmentRequest) (equipmentResource, error) {
	e, err := a.svc.SetEquipment(c.ctx, c.actor, c.ses.ID, c.r.PathValue("name"), checklist.EquipmentUpdate{
		Available: *req.Available, OperationalFrom: parseDate(req.OperationalFrom), OperationalUntil: parseDate(req.OperationalUntil),
	})
	return equipmentOf(e), err
}
