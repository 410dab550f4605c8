package plan

import (
	"context"
	"time"

	"github.com/tpsession/tpsession"
)

// Record is a session's plan as the centre last computed it: its input and
// the planner's answer, kept so that the session's plan can be served again
// as JSON or as the printable déroulé (docs/http-api.md#routes: PUT and GET
// /v1/sessions/{sid}/plan).
type Record struct {
	Centre  tpsession.CentreID
	Session tpsession.SessionID
	Input   Input
	Plan    Plan
	// ComputedAt is when the plan was computed.
	ComputedAt time.Time
}

// NewRecord validates in, plans it and returns the record of session sid of
// centre, computed at at. Its errors are ErrInvalidInput (an infeasible
// answer is a plan too: the centre sees which limit binds) and
// ErrCancelled, when ctx ends before the plan is found.
func NewRecord(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, in Input, at time.Time) (Record, error) {
	var fe tpsession.FieldErrors
	if _, err := tpsession.ParseCentreID(string(centre)); err != nil {
		fe.AddErr("centre", err)
	}
	if _, err := tpsession.ParseSessionID(string(sid)); err != nil {
		fe.AddErr("session", err)
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Record{}, err
	}
	p, err := ComputeContext(ctx, in)
	if err != nil {
		return Record{}, err
	}
	return Record{Centre: centre, Session: sid, Input: in.Clone(), Plan: p, ComputedAt: at}, nil
}

// Clone returns a deep copy of r.
func (r Record) Clone() Record {
	r.Input = r.Input.Clone()
	r.Plan = r.Plan.Clone()
	return r
}

// Store keeps one plan per session. A plan is replaced as a whole when the
// centre plans again, so the store puts rather than updates. A record of
// another centre is not found, exactly as if it did not exist.
type Store interface {
	// PutPlan stores r as the plan of its session, replacing the previous
	// one. It returns no domain error.
	PutPlan(ctx context.Context, r Record) error
	// Plan returns the plan of session sid of centre, or ErrPlanNotFound.
	Plan(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (Record, error)
}
