package plan

import "github.com/tpsession/tpsession"

// The package's errors. Match them with errors.Is.
var (
	// ErrInvalidInput is bad planning input; its Fields name every
	// offending field by its JSON path (epreuves[2].duration_min).
	ErrInvalidInput = tpsession.NewError(tpsession.Invalid, "plan.input_invalid", "the planning input is invalid")

	// ErrPlanNotFound is returned by a Store when a session has no stored
	// plan, or belongs to another centre.
	ErrPlanNotFound = tpsession.NewError(tpsession.NotFound, "plan.not_found", "the session has no plan")

	// ErrNoPlan is what a caller that needs a plan (rather than the
	// infeasible answer, which Compute returns as a Plan) may return from
	// [Plan.Err]: no plan exists within the limits, or none was found.
	ErrNoPlan = tpsession.NewError(tpsession.Rule, "plan.infeasible", "no plan fits the session's limits")

	// ErrCancelled is returned by ComputeContext and NewRecord when their
	// context ended before the plan was found: the request that asked for
	// it is gone.
	ErrCancelled = tpsession.NewError(tpsession.Internal, "plan.cancelled", "the planning stopped before its end: its request was cancelled")
	// ErrNoEntretienFinal refuses the déroulé of a session titre in which
	// no épreuve is marked as the entretien final.
	ErrNoEntretienFinal = tpsession.NewError(tpsession.Rule, "plan.entretien_final_missing", "a session titre ends with the entretien final")
)
