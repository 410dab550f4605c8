package sqlite

import (
	"context"

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

func checklistTable() *table[checklist.Checklist] {
	t := &table[checklist.Checklist]{
		name: "checklists", keyCol: "session",
		key:      func(c checklist.Checklist) string { return string(c.Session) },
		centre:   func(c checklist.Checklist) tpsession.CentreID { return c.Centre },
		vals:     func(checklist.Checklist) []any { return nil },
		clone:    checklist.Checklist.Clone,
		notFound: checklist.ErrChecklistNotFound, duplicate: checklist.ErrDuplicateChecklist,
	}
	t.encode, t.decode = codec(toChecklistRecord, fromChecklistRecord)
	return t.build()
}

// CreateChecklist stores a new checklist; ErrDuplicateChecklist when the
// session has one.
func (db *DB) CreateChecklist(ctx context.Context, c checklist.Checklist) error {
	return db.checklists.insert(ctx, db, c)
}

// Checklist returns the checklist of the centre's session, or
// ErrChecklistNotFound.
func (db *DB) Checklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (checklist.Checklist, error) {
	return db.checklists.get(ctx, db, centre, string(sid))
}

// UpdateChecklist loads the checklist, applies fn and saves the result in
// one transaction.
func (db *DB) UpdateChecklist(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, fn func(*checklist.Checklist) error) error {
	return db.checklists.update(ctx, db, centre, string(sid), fn)
}
