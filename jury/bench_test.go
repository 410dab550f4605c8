package jury_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tpsession/tpsession/jury"
)

// realisticSession draws a session like a real one: candidates hosted by
// one or two of 15 companies, two members in three employed by one of
// them, and a few declared conflicts.
func realisticSession(b testing.TB, r *rand.Rand, members, candidates int) ([]jury.Member, []jury.Candidate, []jury.DeclaredConflict) {
	const companies = 15
	var ms []jury.Member
	for i := range members {
		m := panelMember(i+1, fmt.Sprint("member ", i+1))
		if r.IntN(3) > 0 {
			m.Employer = siret(b, 1+r.IntN(companies), 1+r.IntN(3))
		}
		ms = append(ms, m)
	}
	var cs []jury.Candidate
	for j := range candidates {
		c := candidate(j+1, fmt.Sprint("candidate ", j+1))
		for range 1 + r.IntN(2) {
			c.HostCompanies = append(c.HostCompanies, siret(b, 1+r.IntN(companies), 1+r.IntN(3)))
		}
		cs = append(cs, c)
	}
	var decl []jury.DeclaredConflict
	for range candidates / 10 {
		decl = append(decl, declared(ms[r.IntN(members)], cs[r.IntN(candidates)], jury.ReasonTrained))
	}
	return ms, cs, decl
}

// BenchmarkAssign measures realistic sessions of 100 candidates:
//
//	go test -run '^$' -bench Assign ./jury
func BenchmarkAssign(b *testing.B) {
	cases := []struct {
		name    string
		members int
		layout  jury.Layout
	}{
		{"30 members, as many juries as possible", 30, jury.Layout{}},
		{"14 members, a plan of 7 juries", 14, jury.Layout{Capacities: []int{15, 15, 15, 15, 14, 13, 13}}},
		{"30 members, a plan of 6 juries of 3", 30, jury.Layout{MembersPerJury: 3, Capacities: []int{17, 17, 17, 17, 16, 16}}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(2027, 1))
			sessions := make([][3]any, 20)
			for i := range sessions {
				ms, cs, decl := realisticSession(b, r, tc.members, 100)
				sessions[i] = [3]any{ms, cs, decl}
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				s := sessions[i%len(sessions)]
				_, _ = jury.Assign(context.Background(), s[0].([]jury.Member), s[1].([]jury.Candidate), s[2].([]jury.DeclaredConflict), tc.layout, jury.ConflictRules{})
			}
		})
	}
}

// BenchmarkAssignDenseConflicts measures sessions whose conflicts are far
// denser than real ones, some of which have no assignment: there the
// search backtracks and the bounds decide the time.
func BenchmarkAssignDenseConflicts(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 7))
	instances := make([]instance, 50)
	for i := range instances {
		instances[i] = randomInstance(b, r, 20, 40, 0.3)
	}
	for i := 0; b.Loop(); i++ {
		in := instances[i%len(instances)]
		_, _ = jury.Assign(context.Background(), in.members, in.candidates, in.declared, in.layout, jury.ConflictRules{})
	}
}
