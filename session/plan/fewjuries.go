package plan

// The search for the fewest juries (min_juries) looks at many jury
// counts, and several of its steps probe the same ones: the helpers here
// keep it from paying twice for what it already knows.

// probeKey names one probe: its juries, its days and its run, and
// whether the deliberations float (search.shortening), which changes the
// placement.
type probeKey struct {
	k, horizon, run int
	shortening      bool
}

// probeFailed reports whether the same probe has already failed. A probe
// draws nothing at random and starts from an empty plan, so the same
// probe fails the same way: trying it again would only spend steps.
func (s *search) probeFailed(k, horizon, run int) bool {
	return s.failedProbes[probeKey{k, horizon, run, s.shortening}]
}

// noteProbeFailure records that a probe failed, unless the budget stopped
// it (with more steps it might not fail).
func (s *search) noteProbeFailure(k, horizon, run int) {
	if s.steps.cut() {
		return
	}
	if s.failedProbes == nil {
		s.failedProbes = map[probeKey]bool{}
	}
	s.failedProbes[probeKey{k, horizon, run, s.shortening}] = true
}
