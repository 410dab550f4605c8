package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

// checklistRecord is the stored form of a checklist.Checklist.
type checklistRecord struct {
	Centre    string            `json:"centre"`
	Session   string            `json:"session"`
	Items     []itemRecord      `json:"items"`
	Equipment []equipmentRecord `json:"equipment"`
}

type itemRecord struct {
	Key       string `json:"key"`
	Label     string `json:"label"`
	Status    string `json:"status"`
	Note      string `json:"note,omitempty"`
	CheckedBy string `json:"checked_by,omitempty"`
	CheckedOn string `json:"checked_on,omitempty"`
}

type equipmentRecord struct {
	Name        string      `json:"name"`
	Available   int         `json:"available"`
	Operational rangeRecord `json:"operational"`
	UpdatedBy   string      `json:"updated_by,omitempty"`
	UpdatedOn   string      `json:"updated_on,omitempty"`
}

func toChecklistRecord(c checklist.Checklist) checklistRecord {
	return checklistRecord{
		Centre: string(c.Centre), Session: string(c.Session),
		Items: each(c.Items, func(i checklist.Item) itemRecord {
			return itemRecord{
				Key: string(i.Key), Label: i.Label, Status: string(i.Status), Note: i.Note,
				CheckedBy: i.CheckedBy, CheckedOn: day(i.CheckedOn),
			}
		}),
		Equipment: each(c.Equipment, func(e checklist.Equipment) equipmentRecord {
			return equipmentRecord{
				Name: e.Name, Available: e.Available, Operational: toRange(e.Operational),
				UpdatedBy: e.UpdatedBy, UpdatedOn: day(e.UpdatedOn),
			}
		}),
	}
}

func fromChecklistRecord(d *decoder, r checklistRecord) checklist.Checklist {
	return checklist.Checklist{
		Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session),
		Items: each(r.Items, func(i itemRecord) checklist.Item {
			return checklist.Item{
				Key: checklist.ItemKey(i.Key), Label: i.Label, Status: checklist.Status(i.Status), Note: i.Note,
				CheckedBy: i.CheckedBy, CheckedOn: d.day(i.CheckedOn),
			}
		}),
		Equipment: each(r.Equipment, func(e equipmentRecord) checklist.Equipment {
			return checklist.Equipment{
				Name: e.Name, Available: e.Available, Operational: d.dateRange(e.Operational),
				UpdatedBy: e.UpdatedBy, UpdatedOn: d.day(e.UpdatedOn),
			}
		}),
	}
}
