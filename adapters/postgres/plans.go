package postgres

import (
	"context"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/session/plan"
)

func planTable() *table[plan.Record] {
	return newTable(records.Plans, "plans", "session", []string{"computed_at"}, func(r plan.Record) []any { return []any{records.Instant(r.ComputedAt)} })
}

// PutPlan stores r as the plan of its session, replacing the previous one.
func (db *DB) PutPlan(ctx context.Context, r plan.Record) error {
	doc, err := db.plans.encode(r)
	if err != nil {
		return err
	}
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		_, err := st.exec(ctx, r.Centre, `INSERT INTO plans (centre, session, computed_at, doc, version) VALUES ($1, $2, $3, $4, 1)
			ON CONFLICT (centre, session) DO UPDATE SET computed_at = excluded.computed_at, doc = excluded.doc, version = plans.version + 1`,
			string(r.Centre), string(r.Session), records.Instant(r.ComputedAt), doc)
		if err != nil {
			return failure(err, nil)
		}
		return nil
	})
}

// Plan returns the plan of the centre's session, or ErrPlanNotFound.
func (db *DB) Plan(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (plan.Record, error) {
	return db.plans.get(ctx, db, centre, string(sid))
}
