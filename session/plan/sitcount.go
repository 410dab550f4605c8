package plan

import "fmt"

// How many candidates a sitting holds, and how many sittings a jury
// watches (docs/planning.md#sittings-and-units,
// docs/planning.md#sittings-per-jury-day).

// sittingPerUnit is the most candidates one sitting of observed épreuve o
// can hold because of the units of an épreuve x joined to it by a maximum
// gap, 0 when no such constraint limits it.
//
// Proof. The candidates of a sitting end o at one instant T and start it
// at one instant S. With o → x within g minutes (on the same day), each
// starts x in [T + lead, T + g], lead being the larger of the minimum gap
// and x's accueil when x is every order's first exclusive épreuve (the
// accueil ends when x starts and the candidate does one thing at a time).
// x, not splittable, holds its units for its d minutes, and a unit's next
// use on the same day starts at least reset minutes after; so one unit
// starts x for j of them at instants (d + reset) apart: j ≤ (g − lead) /
// (d + reset) + 1. With x → o within g, each ends x in [S − g, S], and one
// unit's ends are (d + reset) apart likewise: j ≤ g / (d + reset) + 1. A
// candidate holds n units of a type of c for x, so the sitting holds at
// most ⌊c·j / n⌋ candidates; the least over x's needs and such
// constraints.
func (b *bounds) sittingPerUnit(o int) int {
	m := b.m
	most := 0
	keep := func(x, lead, window int) {
		info := &m.eps[x]
		if info.split || window < lead {
			return
		}
		for _, nd := range info.needs {
			t := &m.types[nd.rt]
			j := (window-lead)/(info.dur+t.reset) + 1
			if n := t.cap * j / nd.units; most == 0 || n < most {
				most = max(1, n)
			}
		}
	}
	for a, es := range m.preds {
		for _, ed := range es {
			if ed.maxGap < 0 || ed.nextDay {
				continue
			}
			switch {
			case ed.from == o && a != o:
				lead := ed.minGap
				if a == b.everyFirstExcl {
					lead = max(lead, m.h.AccueilMin)
				}
				keep(a, lead, ed.maxGap)
			case a == o && ed.from != o:
				keep(ed.from, 0, ed.maxGap)
			}
		}
	}
	return most
}

// sittingsPerJury is the most sittings of observed épreuve o, not
// splittable, that one jury watches in days days.
//
// Proof. A sitting lies in one block and takes its jury dur(o) minutes,
// one at a time: a day holds at most ⌊c / dur(o)⌋ of them, c its cap
// (juryDayCap: the opening out of day 1), and at most Σ ⌊ℓ / dur(o)⌋ over
// its blocks of ℓ minutes (day 1's first block after the opening).
func (b *bounds) sittingsPerJury(o, days int) int {
	m := b.m
	dur := m.eps[o].dur
	day := func(d int) int {
		n := 0
		for bi := range m.blocks {
			n += max(0, m.blockEnd(d, bi)-m.blockStart(d, bi)) / dur
		}
		return min(n, m.juryDayCap(d == 0)/dur)
	}
	return day(0) + (days-1)*day(1)
}

// sittingCountJuries is the fewest juries that watch every sitting in
// days days: N candidates need ⌈N / per⌉ sittings of each observed épreuve
// not splittable (per: the most a sitting holds with k juries, sitsWith),
// and k juries watch at most k·sittingsPerJury of them; 0 without such an
// épreuve, the épreuve that binds in o.
func (b *bounds) sittingCountJuries(days int) (k, o int) {
	m := b.m
	o = -1
	for e, info := range m.eps {
		if info.pres != Observe || info.split {
			continue
		}
		per := b.sittingsPerJury(e, days)
		if per == 0 {
			return never, e
		}
		kk := 1
		for ; kk <= MaxJuries; kk++ {
			if need := (m.n + b.sitsWith(e, kk) - 1) / b.sitsWith(e, kk); need <= kk*per {
				break
			}
		}
		if kk > MaxJuries {
			kk = never
		}
		if kk > k {
			k, o = kk, e
		}
	}
	return k, o
}

// sittingCountWords says why k juries are needed when sittingCountJuries
// binds.
func (b *bounds) sittingCountWords(k, o, days int) string {
	m := b.m
	info := m.eps[o]
	per := b.sitsWith(o, max(1, k-1))
	return fmt.Sprintf("a sitting of %s holds at most %d candidates, so %d candidates need %d sittings of %d minutes, and a jury watches at most %d of them in %s: at least %s",
		info.id, per, m.n, (m.n+per-1)/per, info.dur, b.sittingsPerJury(o, days), plural(days, "day"), plural(k, "jury"))
}
