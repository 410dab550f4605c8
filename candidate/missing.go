package candidate

// Missing returns the JSON names of what validating the convocation needs
// and d lacks — "appointment", "place", "documents", in that order — and
// nothing when d is complete. A document printed from a draft asks it, so
// that it refuses what validation would refuse, for the same reasons.
func (d ConvocationDetails) Missing() []string { return d.missing() }
