package records

import (
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
