package plan

// Sitting patterns. Where the jury's time sets the days and an observed
// épreuve's sittings are long, a sitting needs one jury free for its whole
// length, and for that much of the jury's day cap. Placed one by one at
// their earliest, the candidates give both juries their short work first
// (interviews, readings, corrections), each candidate to the jury where it
// finishes first, and no jury keeps a stretch as long as a sitting: the
// sittings go to the days after, and the juries take turns between a day
// of interviews and a day with a sitting and little else, where a plan by
// hand has one jury watch the day's sitting while the other holds the
// interviews.
//
// The sitting pattern books the sittings first: of the observed épreuves
// whose sitting takes a third of a jury's day or more (longSitting), the
// one whose sittings take the juries the most minutes, ⌈N/b⌉ sittings of b
// candidates (b: the most a sitting holds, with the juries and the units),
// at the earliest starts of the épreuve in each day of the days bound (in
// its day window when it has one, else from the start of each block it
// fits, one sitting and the reset apart), ending by its latest end, the
// sittings spread evenly over those starts from the first, the juries
// watching them in turn. The candidates of a sitting are placed one after
// another: its units are held for each until it is placed, and its jury's
// time is held until its first candidate is placed, which opens the
// sitting on that jury when it is free; everything else is placed around
// the sittings, within the search's horizon (past the days bound when it
// must). Without the jury's time held, the pattern loses most of what it
// gains: the short work fills the sittings' stretches again.
//
// The search makes it one more probe (one placement, no repair), after
// the probe that fills sittings and where that one is tried: for min_days,
// where the jury's time binds, once a plan is found.

// longSitting: a sitting is long when it takes at least 1/longSitting of
// a jury's day. Shorter ones fit beside the short work of a jury's day:
// on sittings of an hour in days of four to eight hours, booking them
// first met the days bound less often than placing them at their
// earliest.
const longSitting = 3

// sittingEpreuve returns the observed épreuve, not splittable, with long
// sittings, whose sittings with k juries take the most jury minutes, and
// how many candidates one of its sittings holds; ok false without one
// that holds more than one candidate.
func (m *model) sittingEpreuve(b *bounds, k int) (o, per int, ok bool) {
	most := 0
	for e, info := range m.eps {
		if info.pres != Observe || info.split {
			continue
		}
		p := b.sitsWith(e, k)
		for _, nd := range info.needs {
			p = min(p, m.types[nd.rt].cap/nd.units)
		}
		if p < 2 || longSitting*info.dur < m.in.Jury.MemberDayMin {
			continue
		}
		if w := (m.n + p - 1) / p * info.dur; w > most {
			most, o, per = w, e, p
		}
	}
	return o, per, most > 0
}

// sittingStarts returns the starts of the sittings of o within days days,
// each day's one after another, a sitting and the reset apart, no earlier
// than o's earliest start and in its day window when it has one, ending by
// its latest end.
func (m *model) sittingStarts(b *bounds, o, days int) []int {
	info := &m.eps[o]
	reset := 0
	for _, nd := range info.needs {
		reset = max(reset, m.types[nd.rt].reset)
	}
	lft := b.latestEnds(days)[o]
	var starts []int
	for d := range days {
		if b.dayWindows()[o] != nil {
			for _, s := range b.dayWindowStarts(o, d, info.dur+reset) {
				if t := dayStart(d) + s; t >= b.est[o] && t+info.dur <= lft {
					starts = append(starts, t)
				}
			}
			continue
		}
		for bi := range m.blocks {
			from := max(m.blockStart(d, bi), b.est[o])
			for t := from; t+info.dur <= m.blockEnd(d, bi) && t+info.dur <= lft; t += info.dur + reset {
				starts = append(starts, t)
			}
		}
	}
	return starts
}

// sittingPattern returns the pins of the sitting pattern within days
// days and with k juries, and the order to place the candidates in; nil
// when no observed épreuve holds more than one candidate, or when its
// sittings do not fit the days.
func (m *model) sittingPattern(b *bounds, k, days int) ([][]pin, []int) {
	if k <= 0 {
		return nil, nil
	}
	o, per, ok := m.sittingEpreuve(b, k)
	if !ok {
		return nil, nil
	}
	info := &m.eps[o]
	rt, units := -1, 0
	if len(info.needs) > 0 {
		rt, units = info.needs[0].rt, info.needs[0].units
	}
	starts := m.sittingStarts(b, o, days)
	count := (m.n + per - 1) / per
	if len(starts) < count {
		return nil, nil
	}
	pins := make([][]pin, m.n)
	for q := range count {
		t := starts[q*len(starts)/count] // spread evenly, from the first
		span := ival{t, t + info.dur}
		for j := range per {
			c := q*per + j
			if c >= m.n {
				break
			}
			p := make([]pin, len(m.eps))
			p[o] = pin{set: true, hold: rt >= 0, rt: max(rt, 0), u: j * units, units: units, start: t,
				jury: -1, watch: true, span: span}
			if j == 0 {
				p[o].jury = q % k
			}
			pins[c] = p
		}
	}
	order := make([]int, m.n)
	for c := range order {
		order[c] = c
	}
	return pins, order
}

// sittingProbe places the candidates once around the sittings of the
// sitting pattern over the days bound, with k juries within horizon days,
// without repair, within half of what is left: nil when a candidate is
// left out, where the jury's time does not bind (s.fills, min_days only),
// before a first plan (best nil), or when best meets the bounds.
func (s *search) sittingProbe(k, horizon int, best *solution) *solution {
	if !s.fills || best == nil || s.goal == nil || s.atBounds(best) || s.steps.spent() {
		return nil
	}
	pins, order := s.m.sittingPattern(s.b, k, s.goal.Days)
	s.steps.used++
	if pins == nil {
		return nil
	}
	// Half of what is left, as the probe that fills sittings has.
	defer s.steps.phase(1, 2)()
	defer s.steps.bounded()()
	// The options the search had before (the filling probe's, which the
	// repairs going on from its plan keep) come back after this probe.
	defer func(opt options) { s.opt = opt }(s.opt)
	s.reset(k, horizon)
	s.reserve(pins)
	for _, c := range order {
		if s.steps.cut() || !s.addCandidate(c) {
			return nil
		}
	}
	if !s.close() {
		return nil
	}
	s.forget()
	return s.snapshot()
}
