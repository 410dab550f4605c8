package plan

import (
	"time"
)

// The search's budget and seed. The planner counts its work in steps, not
// in time, so that the same input, seed and budget give the same plan on
// any machine; a budget in milliseconds is turned into steps at the rate
// measured on a small machine (stepsPerMillisecond), so that the default
// budget keeps a plan of up to 150 candidates within about a second on
// one core. Steps have become three to four times cheaper since the rate was
// measured, so the default budget now takes a quarter to a third of a
// second there (docs/planning.md#how-the-planner-works): the budget bounds
// the time rather than predicts it. A slower machine takes longer for the
// same plan.
const (
	// DefaultBudget is the search's budget when the input and the options
	// set none.
	DefaultBudget = time.Second
	// MaxBudget is the largest budget an input may ask for
	// (search.budget_ms): an HTTP client is not trusted with more.
	MaxBudget = 10 * time.Second
	// stepsPerMillisecond is the scheduler's steps in a millisecond of one
	// core of the reference machine, on the slowest steps measured by the
	// population report (docs/planner-measurements.md) when it was set;
	// kept, so that a budget gives the same plans as before.
	stepsPerMillisecond = 2500
)

// SearchSettings tune the planner's search: how long it may look for a
// better plan, and the seed of its random choices. Both are optional.
type SearchSettings struct {
	// BudgetMs is the search's budget in milliseconds of the reference
	// machine (1 to 10000; DefaultBudget when 0).
	BudgetMs int `json:"budget_ms,omitempty"`
	// Seed seeds the search's random choices (0 or more): another seed
	// may find another plan.
	Seed int64 `json:"seed,omitempty"`
}

// Option tunes Compute beyond its input; an option overrides the input's
// search settings.
type Option func(*searchParams)

// WithBudget sets the search's budget: the search stops improving its
// plan once it has done the work the reference machine does in d (at
// least one step). The budget is counted in steps, so the result does not
// depend on the machine.
func WithBudget(d time.Duration) Option {
	return func(p *searchParams) { p.budgetMs = max(0, int(d/time.Millisecond)) }
}

// WithSeed sets the seed of the search's random choices.
func WithSeed(seed uint64) Option {
	return func(p *searchParams) { p.seed = seed }
}

// searchParams are the search's budget and seed, from the input then the
// options.
type searchParams struct {
	budgetMs int
	seed     uint64
}

func paramsOf(in Input, opts []Option) searchParams {
	p := searchParams{budgetMs: int(DefaultBudget / time.Millisecond)}
	if in.Search != nil {
		if in.Search.BudgetMs > 0 {
			p.budgetMs = in.Search.BudgetMs
		}
		p.seed = uint64(in.Search.Seed)
	}
	for _, o := range opts {
		o(&p)
	}
	return p
}

// steps is the budget in scheduler steps.
func (p searchParams) steps() int { return max(1, p.budgetMs*stepsPerMillisecond) }
