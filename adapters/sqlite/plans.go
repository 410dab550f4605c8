package sqlite

import (
	"context"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// planRecord is the stored form of a plan.Record. The input and the plan
// are stored in their wire formats (docs/planning.md#input and #output), a contract of
// their own; the fields after them keep what those formats leave out
// (the explanation, whether an infeasible answer is proved) or round (the
// decimals, which keep their exact scale here: "180.00" stays 180.00).
type planRecord struct {
	Centre       string     `json:"centre"`
	Session      string     `json:"session"`
	ComputedAt   string     `json:"computed_at"`
	Input        plan.Input `json:"input"`
	Plan         plan.Plan  `json:"plan"`
	MemberDayFee string     `json:"member_day_fee,omitempty"`
	JuryCost     string     `json:"jury_cost,omitempty"`
	Proved       bool       `json:"proved"`
	Explanation  []string   `json:"explanation"`
}

func toPlanRecord(r plan.Record) planRecord {
	return planRecord{
		Centre: string(r.Centre), Session: string(r.Session), ComputedAt: instant(r.ComputedAt),
		Input: r.Input, Plan: r.Plan,
		MemberDayFee: exactDecimal(r.Input.Jury.MemberDayFee), JuryCost: exactDecimal(r.Plan.JuryCost),
		Proved: r.Plan.Proved, Explanation: r.Plan.Explanation,
	}
}

func fromPlanRecord(d *decoder, r planRecord) plan.Record {
	out := plan.Record{
		Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session), ComputedAt: d.instant(r.ComputedAt),
		Input: r.Input, Plan: r.Plan,
	}
	out.Input.Jury.MemberDayFee = d.decimal(r.MemberDayFee)
	out.Plan.JuryCost = d.decimal(r.JuryCost)
	out.Plan.Proved = r.Proved
	out.Plan.Explanation = r.Explanation
	return out
}

// exactDecimal writes d so that decimal.NewFromString reads back the same
// coefficient and exponent, "" when d is not set.
func exactDecimal(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	if e := d.Decimal.Exponent(); e > 0 {
		return d.Decimal.Coefficient().String() + "e" + strconv.Itoa(int(e))
	}
	return d.Decimal.StringFixed(-d.Decimal.Exponent())
}

func (d *decoder) decimal(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	v, err := decimal.NewFromString(s)
	d.fail(err)
	return decimal.NullDecimal{Decimal: v, Valid: err == nil}
}

func planTable() *table[plan.Record] {
	t := &table[plan.Record]{
		name: "plans", keyCol: "session",
		key:      func(r plan.Record) string { return string(r.Session) },
		centre:   func(r plan.Record) tpsession.CentreID { return r.Centre },
		cols:     []string{"computed_at"},
		vals:     func(r plan.Record) []any { return []any{instant(r.ComputedAt)} },
		clone:    plan.Record.Clone,
		notFound: plan.ErrPlanNotFound,
	}
	t.encode, t.decode = codec(toPlanRecord, fromPlanRecord)
	return t.build()
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
			string(r.Centre), string(r.Session), instant(r.ComputedAt), doc)
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
