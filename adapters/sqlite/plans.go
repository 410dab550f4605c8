package sqlite

import (
	"context"
	"github.com/tpsession/tpsession/adapters/internal/records"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

func planTable() *table[plan.Record] {
	return newTable(records.Plans, "plans", "session", []string{"computed_at"}, func(r plan.Record) []any { return []any{records.Instant(r.ComputedAt)} })
}

// PutPlan stores r as the plan of its session, replacing the previous one.
// A session of another centre keeps its plan: ErrPlanNotFound.
func (db *DB) PutPlan(ctx context.Context, r plan.Record) error {
	doc, err := db.plans.encode(r)
	if err != nil {
		return err
	}
	return db.writing(ctx, func(ctx context.Context, q querier) error {
		res, err := q.exec(ctx, `INSERT INTO plans (centre, session, computed_at, version, doc) VALUES (?, ?, ?, 1, ?)
			ON CONFLICT (session) DO UPDATE SET computed_at = excluded.computed_at, doc = excluded.doc, version = version + 1
			WHERE centre = excluded.centre`,
			string(r.Centre), string(r.Session), records.Instant(r.ComputedAt), doc)
		if err != nil {
			return failure(err, nil)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return plan.ErrPlanNotFound
		}
		return nil
	})
}

// Plan returns the plan of the centre's session, or ErrPlanNotFound.
func (db *DB) Plan(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (plan.Record, error) {
	return db.plans.get(ctx, db, centre, string(sid))
}
