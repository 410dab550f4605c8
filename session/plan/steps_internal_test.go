package plan

import "context"

// ComputeSteps is Compute, also returning the steps the search took
// (computeCounted), for the population report of the external tests.
func ComputeSteps(in Input, opts ...Option) (Plan, int, error) {
	return computeCounted(context.Background(), in, opts)
}
