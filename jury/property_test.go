package jury_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

// instance is a random assignment problem; conflicts[i][j] tells whether
// member i conflicts with candidate j.
type instance struct {
	members    []jury.Member
	candidates []jury.Candidate
	declared   []jury.DeclaredConflict
	layout     jury.Layout
	conflicts  [][]bool
}

// randomInstance draws an instance. Conflicts come from shared
// establishments (member employers, candidate host companies) and from
// declarations, each pair declared with a probability up to maxDeclared,
// so both sources are exercised and members often share a conflict set.
// Most instances have members enough for at least half of maxMembers, and
// a plan of no more juries than they can form; the others exercise the
// refusals for too few members.
func randomInstance(t testing.TB, r *rand.Rand, maxMembers, maxCandidates int, maxDeclared float64) instance {
	nm, nc := r.IntN(maxMembers+1), 1+r.IntN(maxCandidates)
	if r.IntN(8) > 0 {
		nm = maxMembers/2 + r.IntN(maxMembers-maxMembers/2+1)
	}
	companies := 1 + r.IntN(max(4, nc/3))
	var in instance
	for i := range nm {
		m := jury.Member{ID: memberID(i + 1), Centre: centre, Name: fmt.Sprintf("member %d", i+1)}
		if r.IntN(3) > 0 {
			m.Employer = siret(t, 1+r.IntN(companies), 1+r.IntN(2))
		}
		in.members = append(in.members, m)
	}
	for j := range nc {
		c := jury.Candidate{ID: candidateID(j + 1), Name: fmt.Sprintf("candidate %d", j+1)}
		if r.IntN(2) == 0 {
			c.HostCompanies = append(c.HostCompanies, siret(t, 1+r.IntN(companies), 1+r.IntN(2)))
		}
		in.candidates = append(in.candidates, c)
	}
	density := r.Float64() * maxDeclared
	for _, m := range in.members {
		for _, c := range in.candidates {
			if r.Float64() < density {
				in.declared = append(in.declared, jury.DeclaredConflict{Member: m.ID, Candidate: c.ID, Reason: jury.ReasonOther})
			}
		}
	}
	in.conflicts = make([][]bool, nm)
	for i, m := range in.members {
		in.conflicts[i] = make([]bool, nc)
		for j, c := range in.candidates {
			in.conflicts[i][j] = len(jury.FindConflicts(m, c, in.declared, jury.ConflictRules{})) > 0
		}
	}
	if r.IntN(4) == 0 {
		in.layout.MembersPerJury = 3
	}
	if r.IntN(2) == 0 {
		juries := 1 + r.IntN(max(1, nm/max(in.layout.MembersPerJury, jury.MinMembersPerJury)))
		if r.IntN(8) == 0 {
			juries = 1 + r.IntN(4)
		}
		in.layout.Capacities = make([]int, juries)
		for k := range in.layout.Capacities {
			in.layout.Capacities[k] = 1 + r.IntN(nc)
		}
	}
	return in
}

// checkAssignment verifies what any returned assignment must satisfy.
func checkAssignment(t *testing.T, in instance, a jury.Assignment) {
	t.Helper()
	perJury := max(in.layout.MembersPerJury, jury.MinMembersPerJury)
	memberIndex := map[tpsession.MemberID]int{}
	for i, m := range in.members {
		memberIndex[m.ID] = i
	}
	seenMembers := map[tpsession.MemberID]bool{}
	seenCandidates := map[tpsession.CandidateID]bool{}
	for k, p := range a.Panels {
		if in.layout.Capacities != nil {
			require.Len(t, a.Panels, len(in.layout.Capacities))
			require.LessOrEqual(t, len(p.Candidates), in.layout.Capacities[p.Jury-1], "jury %d over capacity", p.Jury)
		} else {
			require.Equal(t, k+1, p.Jury)
			n, juries := len(in.candidates), len(a.Panels)
			require.LessOrEqual(t, len(p.Candidates), (n+juries-1)/juries, "jury %d over balanced capacity", p.Jury)
		}
		require.Len(t, p.Members, perJury)
		require.True(t, slices.IsSorted(p.Members))
		require.True(t, slices.IsSorted(p.Candidates))
		for _, m := range p.Members {
			require.Contains(t, memberIndex, m)
			require.False(t, seenMembers[m], "member %s sits on two panels", m)
			seenMembers[m] = true
		}
		for _, c := range p.Candidates {
			require.False(t, seenCandidates[c], "candidate %s assigned twice", c)
			seenCandidates[c] = true
			j := slices.IndexFunc(in.candidates, func(x jury.Candidate) bool { return x.ID == c })
			require.GreaterOrEqual(t, j, 0)
			for _, m := range p.Members {
				require.False(t, in.conflicts[memberIndex[m]][j], "member %s conflicts with candidate %s", m, c)
			}
		}
	}
	require.Len(t, seenCandidates, len(in.candidates), "every candidate is assigned")
	for _, r := range a.Reserves {
		require.False(t, seenMembers[r], "reserve %s sits on a panel", r)
		seenMembers[r] = true
	}
	require.Len(t, seenMembers, len(in.members), "every member sits on a panel or is a reserve")
}

// bruteBest returns the most candidates len(capacities) panels can
// assign, trying every arrangement of the members: each member in one of
// the panels or in none, every panel holding at least perJury members, of
// any size. It returns -1 when no arrangement has enough members. Panels
// of equal capacity are interchangeable, so it opens them in order, and it
// solves each distinct set of panels' conflicts once.
func bruteBest(conflicts [][]bool, n, perJury int, capacities []int) int {
	k := len(capacities)
	masks := make([]uint64, len(conflicts)) // candidates each member conflicts with
	for i, row := range conflicts {
		for j, x := range row {
			if x {
				masks[i] |= 1 << j
			}
		}
	}
	union := make([]uint64, k) // candidates each panel may not evaluate
	size := make([]int, k)
	solved := map[string]int{}
	best := -1
	var place func(i int)
	place = func(i int) {
		missing := 0
		for _, s := range size {
			missing += max(0, perJury-s)
		}
		if missing > len(masks)-i {
			return
		}
		if i == len(masks) {
			key := fmt.Sprint(union)
			b, ok := solved[key]
			if !ok {
				b = bruteMatching(union, n, capacities)
				solved[key] = b
			}
			best = max(best, b)
			return
		}
		place(i + 1) // member i sits on no panel
		for p := range k {
			if size[p] == 0 && openBefore(size, capacities, p) {
				continue
			}
			saved := union[p]
			union[p] |= masks[i]
			size[p]++
			place(i + 1)
			union[p] = saved
			size[p]--
		}
	}
	place(0)
	return best
}

// openBefore reports whether a panel before p with p's capacity is still
// empty: p opens only after it, so that each arrangement is tried once up
// to swapping panels of equal capacity.
func openBefore(size, capacities []int, p int) bool {
	for q := range p {
		if size[q] == 0 && capacities[q] == capacities[p] {
			return true
		}
	}
	return false
}

// bruteMatching is Kuhn's augmenting-path matching of the n candidates to
// panels with the given capacities, union[p] holding the candidates panel
// p may not evaluate.
func bruteMatching(union []uint64, n int, capacities []int) int {
	panelOf := make([]int, n)
	load := make([]int, len(union))
	var try func(j int, seen []bool) bool
	try = func(j int, seen []bool) bool {
		for p := range union {
			if seen[p] || union[p]>>j&1 == 1 {
				continue
			}
			seen[p] = true
			if load[p] < capacities[p] {
				load[p]++
				panelOf[j] = p
				return true
			}
			for h := range n {
				if panelOf[h] == p && try(h, seen) {
					panelOf[j] = p
					return true
				}
			}
		}
		return false
	}
	for j := range panelOf {
		panelOf[j] = -1
	}
	matched := 0
	for j := range n {
		if try(j, make([]bool, len(union))) {
			matched++
		}
	}
	return matched
}

// exhaustive raises the number of instances TestAssignAgreesWithBruteForce
// draws per seed, for a longer run than the default one:
//
//	go test -run AgreesWithBruteForce ./jury -jury.exhaustive 1000
var exhaustive = flag.Int("jury.exhaustive", 0, "instances per seed of TestAssignAgreesWithBruteForce; 0 for the quick run")

// TestAssignAgreesWithBruteForce compares Assign with an exhaustive search
// on random instances of up to 8 members and 8 candidates, with dense
// conflicts.
func TestAssignAgreesWithBruteForce(t *testing.T) {
	perSeed := 200
	if *exhaustive > 0 {
		perSeed = *exhaustive
	}
	for seed := range uint64(5) {
		r := rand.New(rand.NewPCG(2027, seed))
		for i := range perSeed {
			in := randomInstance(t, r, 8, 8, 0.6)
			t.Run(fmt.Sprintf("seed %d instance %d", seed, i), func(t *testing.T) { agreesWithBruteForce(t, in) })
		}
	}
}

// agreesWithBruteForce checks Assign against bruteBest: Assign succeeds
// exactly when an assignment exists, with as many juries as possible when
// there is no plan, and on failure leaves out exactly as few candidates as
// the best arrangement does.
func agreesWithBruteForce(t *testing.T, in instance) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("layout %+v, conflicts (member × candidate):\n%s", in.layout, in.matrix())
		}
	})
	perJury := max(in.layout.MembersPerJury, jury.MinMembersPerJury)
	n := len(in.candidates)
	layouts := [][]int{in.layout.Capacities}
	if in.layout.Capacities == nil {
		layouts = nil
		for k := min(len(in.members)/perJury, n); k >= 1; k-- {
			layouts = append(layouts, balanced(n, k))
		}
	}
	best, feasibleJuries := -1, 0
	for _, capacities := range layouts {
		b := bruteBest(in.conflicts, n, perJury, capacities)
		if b == n && feasibleJuries == 0 {
			feasibleJuries = len(capacities)
		}
		best = max(best, b)
	}

	a, err := jury.Assign(context.Background(), in.members, in.candidates, in.declared, in.layout, jury.ConflictRules{})
	if best == n {
		require.NoError(t, err)
		checkAssignment(t, in, a)
		assert.Len(t, a.Panels, feasibleJuries, "as many juries as an assignment allows")
		return
	}
	var ae *jury.AssignmentError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, jury.ErrNoAssignment)
	if best < 0 {
		assert.Len(t, ae.Unassigned, n)
		for _, u := range ae.Unassigned {
			assert.Equal(t, jury.TooFewMembers, u.Reason)
		}
		return
	}
	assert.Len(t, ae.Unassigned, n-best, "the best assignment assigns %d of %d", best, n)
}

// matrix draws the conflicts, one row per member: X for a conflict.
func (in instance) matrix() string {
	var b strings.Builder
	for _, row := range in.conflicts {
		for _, x := range row {
			b.WriteByte(".X"[boolIndex(x)])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestAssignProperties checks, on larger random instances with the sparse
// conflicts of real sessions, that any returned assignment is valid and
// that the result does not depend on the order of the input.
func TestAssignProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 150 {
		in := randomInstance(t, r, 30, 60, 0.1)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			a, err := jury.Assign(context.Background(), in.members, in.candidates, in.declared, in.layout, jury.ConflictRules{})
			var ae *jury.AssignmentError
			if errors.As(err, &ae) {
				assert.ErrorIs(t, err, jury.ErrNoAssignment)
				assert.NotEmpty(t, ae.Unassigned)
			} else {
				require.NoError(t, err)
				checkAssignment(t, in, a)
			}

			members, candidates := slices.Clone(in.members), slices.Clone(in.candidates)
			r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
			r.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
			again, errAgain := jury.Assign(context.Background(), members, candidates, in.declared, in.layout, jury.ConflictRules{})
			assert.Equal(t, a, again)
			assert.Equal(t, err, errAgain)
		})
	}
}
