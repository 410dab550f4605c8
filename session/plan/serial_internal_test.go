package plan

import (
	"os"
	"testing"
)

// The serial schedule with k juries says whether more juries could change
// its failure: when one stayed fresh where a candidate did not fit, more
// fail the same way, and the search stops adding them.
func TestSerialSaysWhetherMoreJuriesHelp(t *testing.T) {
	data, err := os.ReadFile("testdata/CDA-N12-tight-H420-typical.min_juries.json")
	if err != nil {
		t.Fatal(err)
	}
	in, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	serial := func(in Input, k int) (*solution, bool) {
		m := compile(in)
		s := newSearch(m, newBounds(m), searchParams{budgetMs: 100})
		return s.serial(k, m.maxDays)
	}

	// Within the sample's days one jury is too few, and all of it is used
	// where a candidate does not fit: a second one may help, and does.
	sol, more := serial(in, 1)
	if sol != nil || !more {
		t.Fatalf("one jury: a plan %v, more juries may help %v; want none, and true", sol != nil, more)
	}
	k := 2
	for ; k <= in.Jury.MaxJuries; k++ {
		if sol, _ = serial(in, k); sol != nil {
			break
		}
	}
	if sol == nil {
		t.Fatal("no number of juries fits the sample's days")
	}

	// In one day the rooms hold fewer candidates than there are: with more
	// juries than candidates, one stays fresh where the first candidate
	// that does not fit fails, and more change nothing.
	in.Calendar.MaxDays = 1
	many := in.Candidates + 1
	sol, more = serial(in, many)
	if sol != nil || more {
		t.Fatalf("one day with %d juries: a plan %v, more juries may help %v; want none, and false", many, sol != nil, more)
	}
	if sol, _ = serial(in, 2*many); sol != nil {
		t.Fatalf("one day with %d juries: a plan, where %d juries said more would not help", 2*many, many)
	}
}
