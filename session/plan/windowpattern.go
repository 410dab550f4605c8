package plan

// Window patterns. When maximum gaps reaching over a break leave an
// épreuve few times of the day to start at (its day windows,
// daywindows.go), those times are the session's bottleneck: an interview
// that must end when the morning does, one a day on each room. The serial
// placement gives the room's earlier minutes to other uses (a later
// interview of a candidate placed before, at its earliest), and one of
// them overlapping the window's time loses the day's slot: a plan by hand
// books the slots first and fits the rest around them.
//
// The window pattern does that: on each day and each lane of the room
// (its units taken as many at a time as a use holds), the épreuve's starts
// the day window allows, the day bound's greedy choice (the earliest, then
// each next one its duration and the reset after the last), no earlier
// than its earliest start and ending by its latest end in the days; the
// candidates given those slots in time order, spread evenly, an exclusive
// épreuve's juries taking them in turn. Each pinned use holds its units
// until its candidate is placed (a pin with hold), and the list scheduler
// places everything else around the slots; the search tries the pattern
// where it tries the station template and the chain pattern.

// windowEpreuve returns the épreuve whose day windows bound the days the
// most (the binding day-window bound), with its resource type; ok false
// when no type's day-window bound exceeds the plain energy of its units.
func (m *model) windowEpreuve(b *bounds) (x, rt int, ok bool) {
	best := 0
	for t := range m.types {
		for e, info := range m.eps {
			if b.dayWindows()[e] == nil || info.pres == Observe {
				continue // a sitting's candidates share their start: no slots of their own
			}
			for _, nd := range info.needs {
				if nd.rt != t {
					continue
				}
				d, _ := b.dayWindowUseDaysOf(e, t)
				if d > best {
					best, x, rt = d, e, t
				}
			}
		}
	}
	return x, rt, best > 0 && best >= max(b.resDays, b.slotDays)
}

// windowPattern returns the pins of the window pattern within days days
// and with k juries, and the order to place the candidates in; nil for
// min_juries, when no épreuve has day windows, or when its slots are
// fewer than the candidates or more than twice as many (placing at will
// then wastes none).
func (m *model) windowPattern(b *bounds, k, days int) ([][]pin, []int) {
	if m.in.Objective != MinDays {
		// The slots set the days; with min_juries the days are a limit,
		// and an attempt at each number of juries would cost the juries
		// search its steps.
		return nil, nil
	}
	x, rt, ok := m.windowEpreuve(b)
	if !ok {
		return nil, nil
	}
	info := m.eps[x]
	units := 0
	for _, nd := range info.needs {
		if nd.rt == rt {
			units = nd.units
		}
	}
	t := m.types[rt]
	lanes := t.cap / units
	lft := b.latestEnds(days)
	lead := 0
	if x == b.everyFirstExcl {
		lead = m.h.AccueilMin
	}
	var slots []slot
	for d := range days {
		for _, s := range b.dayWindowStarts(x, d, info.dur+t.reset) {
			if dayStart(d)+s+info.dur > lft[x] {
				continue
			}
			for lane := range lanes {
				slots = append(slots, slot{dayStart(d) + s, lane})
			}
		}
	}
	if len(slots) < m.n || len(slots) > 2*m.n {
		return nil, nil
	}
	if need, _ := b.juriesFor(days); 2*need < k {
		k = 2 * need
	}
	pins := make([][]pin, 0, m.n)
	for i, s := range slots {
		if (i+1)*m.n/len(slots) == i*m.n/len(slots) {
			continue
		}
		c := len(pins)
		jury := -1
		if info.pres == Exclusive && k > 0 {
			jury = c % k
		}
		p := make([]pin, len(m.eps))
		p[x] = pin{set: true, hold: true, rt: rt, u: s.lane * units, units: units, start: s.at, jury: jury,
			span: ival{s.at - lead, s.at + info.dur}}
		pins = append(pins, p)
	}
	order := make([]int, m.n)
	for c := range order {
		order[c] = c
	}
	return pins, order
}
