package plan

import (
	"testing"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// TestLatestStartsLeaveTheDeliberationItsRoom: every order's last
// exclusive épreuve ends, at the latest, the deliberation before its
// block's end (docs/planning.md#the-deliberations-tail), and the épreuves
// before it start that much earlier; without a deliberation, or with a
// later block of the day that holds it, the block's end is the limit.
func TestLatestStartsLeaveTheDeliberationItsRoom(t *testing.T) {
	at := func(h, m int) int { return h*60 + m }
	tests := []struct {
		name       string
		delib      int
		extraBlock bool // a 15-minute block at 17:30
		lastF      int  // F's latest start on day 1
		endF       int  // F's latest end on day 1
	}{
		{name: "a deliberation of 10 minutes", delib: 10, lastF: at(16, 20), endF: at(16, 50)},
		{name: "no deliberation", delib: 0, lastF: at(16, 30), endF: at(17, 0)},
		{name: "a later block holds the deliberation", delib: 10, extraBlock: true, lastF: at(16, 30), endF: at(17, 0)},
		{name: "a later block too short for it", delib: 20, extraBlock: true, lastF: at(16, 10), endF: at(16, 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBounds(compile(latestTailInput(tt.delib, tt.extraBlock)))
			a, f := 0, 1
			if b.everyLastExcl != f {
				t.Fatalf("every order's last exclusive épreuve is %d, want F", b.everyLastExcl)
			}
			lst, lft := b.latestStarts(1), b.latestEnds(1)
			if lst == nil || lst[f] != tt.lastF || lst[a] != tt.lastF-60 {
				t.Fatalf("latest starts %v, want F at %s and A an hour before", lst, clockOf(tt.lastF))
			}
			if lft[f] != tt.endF || lft[a] != tt.endF-30 {
				t.Fatalf("latest ends %v, want F by %s and A by F's latest start", lft, clockOf(tt.endF))
			}
		})
	}
}

// latestTailInput is 2 candidates doing A (60 minutes, no jury) then F
// (30 minutes, with the jury, last), blocks 08:00–12:00 and 13:00–17:00
// (and 17:30–17:45 with extraBlock), a deliberation of delib minutes.
func latestTailInput(delib int, extraBlock bool) Input {
	tod := func(h, m int) tpsession.TimeOfDay { return tpsession.TimeOfDay(h*60 + m) }
	blocks := []Block{{Start: tod(8, 0), End: tod(12, 0)}, {Start: tod(13, 0), End: tod(17, 0)}}
	if extraBlock {
		blocks = append(blocks, Block{Start: tod(17, 30), End: tod(17, 45)})
	}
	return Input{
		Title:       Title{Name: "Essai"},
		Candidates:  2,
		Epreuves:    []Epreuve{{ID: "A", DurationMin: 60, Jury: NoJury}, {ID: "F", DurationMin: 30, Jury: Exclusive}},
		Constraints: []Constraint{{Type: Precedes, Before: "A", After: "F"}, {Type: Last, Epreuve: "F"}},
		Hidden:      &Hidden{DeliberationMin: delib},
		Calendar:    Calendar{Start: date.New(2027, 3, 1), MaxDays: 3, Blocks: blocks},
		Jury:        Jury{MembersPerJury: 2, MemberDayMin: 480, MaxJuries: 2},
		Objective:   MinDays,
	}
}
