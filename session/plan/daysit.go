package plan

import (
	"fmt"
	"strings"
)

// Sittings in a jury's day (docs/planning.md#sittings-in-a-jurys-day).
// The jury-day integrality bound counts how many candidates' chunks a
// jury's days hold; the energy bound counts the sittings' minutes. Apart,
// each misses that a sitting and chunks share one jury's day: a 240-minute
// sitting in a 300-minute day leaves no room for a 135-minute chunk, so
// that day costs the jury two chunks, not the 240/135 of one the minutes
// say.

// sittingDayJuries is the fewest juries that hold every candidate's chunk
// (bounds.chunk) and every sitting in days days; 0 when it says nothing
// more than integralityJuries.
//
// Proof. Let B be the chunk and P = chunksPerJury(days) the most chunks one
// jury's days hold: Σ_d ⌊c_d / B⌋ ≤ P, c_d being its cap on day d (its day
// budget within the blocks, less the opening on day 1, its briefing on its
// first working day and its closure on its last). On day d the jury also
// watches sittings of σ_d minutes: a sitting of an épreuve that is not
// splittable lies in one block, so on one day, all of it the minutes of
// the one jury that watches it. Chunks and sittings are busy minutes of
// that day, so the day holds at most ⌊(c_d − σ_d) / B⌋ = ⌊c_d / B⌋ −
// g(c_d, σ_d) chunks, g(c, σ) = ⌊c / B⌋ − ⌊(c − σ) / B⌋. Let ρ be the least
// g(c, σ) / σ over the caps c a day can have and the σ in (0, c] that sums
// of sitting lengths make: every day loses g ≥ ρ·σ_d chunks, so the juries
// lose at least ⌈ρ·S⌉, S being the sittings' minutes, at least
// Σ_o ⌈N / per_o⌉·dur(o) (energyJuries' count, per_o the most a sitting of
// o holds with k juries). Every candidate has its chunk with its jury, so
// k juries are too few when k·P − ⌈ρ·S⌉ < N.
func (b *bounds) sittingDayJuries(days int) int {
	m := b.m
	if b.chunk == 0 || !m.hasExclusive {
		return 0
	}
	var durs []int
	for _, info := range m.eps {
		if info.pres != Observe {
			continue
		}
		if info.split {
			return 0 // a sitting's minutes may fall on two days: σ is any
		}
		durs = append(durs, info.dur)
	}
	if len(durs) == 0 {
		return 0
	}
	num, den := b.sittingLossRate(durs)
	if num == 0 {
		return 0
	}
	per := b.chunksPerJury(days)
	for k := 1; k <= MaxJuries; k++ {
		s := 0
		for e, info := range m.eps {
			if info.pres == Observe {
				n := b.sitsWith(e, k)
				s += (m.n + n - 1) / n * info.dur
			}
		}
		if k*per-(s*num+den-1)/den >= m.n {
			return k
		}
	}
	return never
}

// sittingLossRate is ρ of sittingDayJuries as num/den: the least chunks a
// day loses per minute of sittings, over the caps a jury's day can have
// and the sums of sitting lengths durs that fit in it.
func (b *bounds) sittingLossRate(durs []int) (num, den int) {
	m := b.m
	br, cl := m.h.JuryBriefingMin, m.h.JuryClosureMin
	num, den = 1, 0 // none yet: ρ = ∞
	for _, first := range []bool{true, false} {
		for _, less := range []int{0, br, cl, br + cl} {
			c := m.juryDayCap(first) - less
			if c <= 0 {
				continue
			}
			// The sums of sitting lengths up to c.
			sums := make([]bool, c+1)
			sums[0] = true
			for x := 1; x <= c; x++ {
				for _, d := range durs {
					if d <= x && sums[x-d] {
						sums[x] = true
						break
					}
				}
			}
			for sg := 1; sg <= c; sg++ {
				if !sums[sg] {
					continue
				}
				g := c/b.chunk - (c-sg)/b.chunk
				if den == 0 || g*den < num*sg {
					num, den = g, sg
				}
			}
		}
	}
	if den == 0 {
		return 0, 1 // no sitting fits in a day: other bounds say so
	}
	return num, den
}

// sittingDayWords says why k juries are needed in days days when
// sittingDayJuries binds.
func (b *bounds) sittingDayWords(k, days int) string {
	m := b.m
	var ids []string
	for _, info := range m.eps {
		if info.pres == Observe {
			ids = append(ids, info.id)
		}
	}
	return fmt.Sprintf("a jury's day of %d minutes holds at most %d candidates' %d minutes on one day (%s), and a sitting of %s takes a share of such a day that costs it more candidates than its minutes: in %s, %d candidates and their sittings need at least %s",
		m.juryDayCap(false), m.juryDayCap(false)/b.chunk, b.chunk, b.chunkWhat, strings.Join(ids, ", "), plural(days, "day"), m.n, plural(k, "jury"))
}
