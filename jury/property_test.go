package jury_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
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

// randomInstance draws an instance. Conflicts come from shared companies
// (member employers, candidate host companies) and from declarations, each
// pair declared with a probability up to maxDeclared, so both sources are
// exercised and members often share a conflict set.
func randomInstance(t testing.TB, r *rand.Rand, maxMembers, maxCandidates int, maxDeclared float64) instance {
	nm, nc := r.IntN(maxMembers+1), 1+r.IntN(maxCandidates)
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
			in.conflicts[i][j] = len(jury.FindConflicts(m, c, in.declared)) > 0
		}
	}
	if r.IntN(4) == 0 {
		in.layout.MembersPerJury = 3
	}
	if r.IntN(2) == 0 {
		in.layout.Capacities = make([]int, 1+r.IntN(3))
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

// bruteBest returns the most candidates an arrangement of members into
// len(capacities) panels of at least perJury members (any size, any
// subset of members) can assign, trying every arrangement: every member in
// one of the panels or in none.
func bruteBest(conflicts [][]bool, n, perJury int, capacities []int) int {
	k := len(capacities)
	label := make([]int, len(conflicts)) // 0: none, 1…k: a panel
	best := -1
	for {
		sizes := make([]int, k+1)
		for _, l := range label {
			sizes[l]++
		}
		if slices.IndexFunc(sizes[1:], func(s int) bool { return s < perJury }) < 0 {
			best = max(best, bruteMatching(conflicts, label, n, capacities))
		}
		i := 0
		for i < len(label) && label[i] == k {
			label[i] = 0
			i++
		}
		if i == len(label) {
			return best
		}
		label[i]++
	}
}

// bruteMatching is Kuhn's augmenting-path matching of candidates to panel
// seats.
func bruteMatching(conflicts [][]bool, label []int, n int, capacities []int) int {
	var seats []int // the panel of each seat
	for p, c := range capacities {
		for range c {
			seats = append(seats, p+1)
		}
	}
	eligible := func(j, panel int) bool {
		for i, l := range label {
			if l == panel && conflicts[i][j] {
				return false
			}
		}
		return true
	}
	holder := make([]int, len(seats))
	for s := range holder {
		holder[s] = -1
	}
	var try func(j int, seen []bool) bool
	try = func(j int, seen []bool) bool {
		for s, panel := range seats {
			if seen[s] || !eligible(j, panel) {
				continue
			}
			seen[s] = true
			if holder[s] < 0 || try(holder[s], seen) {
				holder[s] = j
				return true
			}
		}
		return false
	}
	matched := 0
	for j := range n {
		if try(j, make([]bool, len(seats))) {
			matched++
		}
	}
	return matched
}

// TestAssignAgreesWithBruteForce compares Assign with an exhaustive search
// on small random instances: it succeeds exactly when an assignment exists,
// with as many juries as possible when there is no plan, and on failure
// leaves out exactly as few candidates as the best arrangement does.
func TestAssignAgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 3))
	for i := range 400 {
		in := randomInstance(t, r, 6, 5, 0.4)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
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

			a, err := jury.Assign(context.Background(), in.members, in.candidates, in.declared, in.layout)
			if best == n {
				require.NoError(t, err)
				checkAssignment(t, in, a)
				assert.Len(t, a.Panels, feasibleJuries)
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
			assert.Len(t, ae.Unassigned, n-best)
		})
	}
}

// TestAssignProperties checks, on larger random instances with the sparse
// conflicts of real sessions, that any returned assignment is valid and
// that the result does not depend on the order of the input.
func TestAssignProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 150 {
		in := randomInstance(t, r, 30, 60, 0.1)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			a, err := jury.Assign(context.Background(), in.members, in.candidates, in.declared, in.layout)
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
			again, errAgain := jury.Assign(context.Background(), members, candidates, in.declared, in.layout)
			assert.Equal(t, a, again)
			assert.Equal(t, err, errAgain)
		})
	}
}
