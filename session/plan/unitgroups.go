package plan

import "fmt"

// usableUnits is how many units of type rt can be busy at the same time:
// when every épreuve that needs the type takes a multiple of g of its
// units (g the greatest common divisor of their counts), g·⌊c/g⌋ of its c
// units (docs/planning.md#units-taken-together). Five benches taken two at
// a time hold two candidates at once, never two and a half.
//
// Proof: a unit serves one candidate at a time, so the units busy at an
// instant are shared out among the uses running then, each holding a
// multiple of g of them: their number is a multiple of g and at most c.
func (m *model) usableUnits(rt int) int {
	g := 0
	for _, info := range m.eps {
		for _, nd := range info.needs {
			if nd.rt == rt {
				g = gcd(g, nd.units)
			}
		}
	}
	c := m.types[rt].cap
	if g <= 1 {
		return c
	}
	return c / g * g
}

// unitsUsable names c units of which only usable can be busy at once.
func unitsUsable(c, usable int) string {
	if usable == c {
		return plural(c, "unit")
	}
	return fmt.Sprintf("%s (%d of them busy at once at most)", plural(c, "unit"), usable)
}
