package plan

// sittingStartSlots is the size of the filter of sitting starts, a power
// of two.
const sittingStartSlots = 1024

// sittingStarts is a filter over the starts of an épreuve's sittings:
// slot t mod sittingStartSlots counts the sittings that start at a time
// in that slot. A slot at zero proves that no sitting starts at t, so
// that sittingFor, which looks for a sitting starting at exactly the
// start it tries, skips its scan of the sittings on most tries (an
// épreuve of a hundred candidates has dozens of sittings, and the scan
// came on every start tried); a slot above zero only sends it to the
// scan, which decides as before. The filter changes with the sittings
// (sittingNew, sittingLeave and their undo), so it never changes a plan.
type sittingStarts [][sittingStartSlots]uint16

// add counts delta more sittings of épreuve e starting at t.
func (f sittingStarts) add(e, t, delta int) {
	f[e][t&(sittingStartSlots-1)] += uint16(delta)
}

// maybe reports whether a sitting of épreuve e may start at t: false
// proves that none does.
func (f sittingStarts) maybe(e, t int) bool {
	return f[e][t&(sittingStartSlots-1)] != 0
}
