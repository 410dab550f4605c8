package jury_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

var ctx = context.Background()

func ids[T any, ID any](values []T, id func(T) ID) []ID {
	out := make([]ID, len(values))
	for i, v := range values {
		out[i] = id(v)
	}
	return out
}

func memberIDs(ms ...jury.Member) []tpsession.MemberID {
	return ids(ms, func(m jury.Member) tpsession.MemberID { return m.ID })
}

func candidateIDs(cs ...jury.Candidate) []tpsession.CandidateID {
	return ids(cs, func(c jury.Candidate) tpsession.CandidateID { return c.ID })
}

func TestAssignWithoutConflictsBalancesThePanels(t *testing.T) {
	var members []jury.Member
	for i := range 7 {
		members = append(members, panelMember(i+1, fmt.Sprint("member ", i+1)))
	}
	var candidates []jury.Candidate
	for i := range 7 {
		candidates = append(candidates, candidate(i+1, fmt.Sprint("candidate ", i+1)))
	}
	a, err := jury.Assign(ctx, members, candidates, nil, jury.Layout{}, jury.ConflictRules{})
	require.NoError(t, err)
	require.Len(t, a.Panels, 3, "as many juries of 2 as 7 members allow")
	var loads []int
	for i, p := range a.Panels {
		assert.Equal(t, i+1, p.Jury)
		loads = append(loads, len(p.Candidates))
	}
	assert.ElementsMatch(t, []int{3, 2, 2}, loads, "⌈7/3⌉ = 3 at most, and as even as possible")
	assert.Len(t, a.Reserves, 1)
}

func TestAssignFormsNoMoreJuriesThanCandidates(t *testing.T) {
	members := []jury.Member{panelMember(1, "Anne"), panelMember(2, "Bruno"), panelMember(3, "Chloé"), panelMember(4, "David")}
	a, err := jury.Assign(ctx, members, []jury.Candidate{candidate(1, "Léa")}, nil, jury.Layout{}, jury.ConflictRules{})
	require.NoError(t, err)
	require.Len(t, a.Panels, 1)
	assert.Len(t, a.Reserves, 2)
}

// TestAssignFallsBackToFewerJuries: three juries would have to seat Anne
// and Bruno, who conflict with everyone; two juries leave them reserves.
func TestAssignFallsBackToFewerJuries(t *testing.T) {
	anne, bruno := panelMember(1, "Anne"), panelMember(2, "Bruno")
	others := []jury.Member{panelMember(3, "Chloé"), panelMember(4, "David"), panelMember(5, "Émile"), panelMember(6, "Fanny")}
	candidates := []jury.Candidate{candidate(1, "Léa"), candidate(2, "Marc"), candidate(3, "Nina")}
	var decl []jury.DeclaredConflict
	for _, c := range candidates {
		decl = append(decl, declared(anne, c, jury.ReasonPersonal), declared(bruno, c, jury.ReasonPersonal))
	}
	a, err := jury.Assign(ctx, append([]jury.Member{anne, bruno}, others...), candidates, decl, jury.Layout{}, jury.ConflictRules{})
	require.NoError(t, err)
	assert.Len(t, a.Panels, 2)
	assert.Equal(t, memberIDs(anne, bruno), a.Reserves)
}

// TestAssignWhenPairingInOrderFails: pairing the members as they come
// (Anne with Bruno) gives one panel that may evaluate nobody; crossing the
// pairs works.
func TestAssignWhenPairingInOrderFails(t *testing.T) {
	anne, bruno, chloe, david := panelMember(1, "Anne"), panelMember(2, "Bruno"), panelMember(3, "Chloé"), panelMember(4, "David")
	lea, marc := candidate(1, "Léa"), candidate(2, "Marc")
	decl := []jury.DeclaredConflict{declared(anne, lea, jury.ReasonHosted), declared(bruno, marc, jury.ReasonHosted)}

	a, err := jury.Assign(ctx, []jury.Member{anne, bruno, chloe, david}, []jury.Candidate{lea, marc}, decl, jury.Layout{Capacities: []int{1, 1}}, jury.ConflictRules{})
	require.NoError(t, err)
	for _, p := range a.Panels {
		assert.False(t, assert.ObjectsAreEqual(memberIDs(anne, bruno), p.Members), "Anne and Bruno cannot sit together")
	}
	pl, _ := a.PanelOf(lea.ID)
	pm, _ := a.PanelOf(marc.ID)
	assert.NotContains(t, pl.Members, anne.ID)
	assert.NotContains(t, pm.Members, bruno.ID)
}

// TestAssignWhenGreedyMatchingFails: giving Léa, first in line, the free
// panel would leave Marc, whom the other panel may not evaluate, without
// one.
func TestAssignWhenGreedyMatchingFails(t *testing.T) {
	hostOfMarc := siret(t, 7, 1)
	anne, bruno := panelMember(1, "Anne"), panelMember(2, "Bruno")
	chloe, david := employedBy(panelMember(3, "Chloé"), hostOfMarc), employedBy(panelMember(4, "David"), hostOfMarc)
	lea, marc := candidate(1, "Léa"), candidate(2, "Marc", hostOfMarc)

	a, err := jury.Assign(ctx, []jury.Member{anne, bruno, chloe, david}, []jury.Candidate{lea, marc}, nil, jury.Layout{Capacities: []int{1, 1}}, jury.ConflictRules{})
	require.NoError(t, err)
	p, _ := a.PanelOf(marc.ID)
	assert.Equal(t, memberIDs(anne, bruno), p.Members)
	p, _ = a.PanelOf(lea.ID)
	assert.Equal(t, memberIDs(chloe, david), p.Members)
}

// TestAssignWhenSparingTheMostConflictedMemberFails: with five members for
// two juries of two, sparing Anne (in conflict with Léa) and pairing the
// three colleagues of Marc's host company together leaves a third
// colleague in the other panel, which then may evaluate neither Marc nor
// Nina's… The only answer spares one of Marc's hosts and pairs Anne with
// Émile.
func TestAssignWhenSparingTheMostConflictedMemberFails(t *testing.T) {
	host := siret(t, 3, 1)
	anne, emile := panelMember(1, "Anne"), panelMember(5, "Émile")
	hosts := []jury.Member{employedBy(panelMember(2, "Bruno"), host), employedBy(panelMember(3, "Chloé"), host), employedBy(panelMember(4, "David"), host)}
	lea, marc, nina := candidate(1, "Léa"), candidate(2, "Marc", host), candidate(3, "Nina")
	decl := []jury.DeclaredConflict{declared(anne, lea, jury.ReasonTrained), declared(emile, nina, jury.ReasonPersonal)}

	a, err := jury.Assign(ctx, append([]jury.Member{anne, emile}, hosts...), []jury.Candidate{lea, marc, nina}, decl, jury.Layout{Capacities: []int{2, 2}}, jury.ConflictRules{})
	require.NoError(t, err)
	p, _ := a.PanelOf(marc.ID)
	assert.Equal(t, memberIDs(anne, emile), p.Members)
	require.Len(t, a.Reserves, 1)
	assert.Contains(t, memberIDs(hosts...), a.Reserves[0])
}

func TestAssignWithThreeMembersPerJury(t *testing.T) {
	var members []jury.Member
	for i := range 7 {
		members = append(members, panelMember(i+1, fmt.Sprint("member ", i+1)))
	}
	candidates := []jury.Candidate{candidate(1, "Léa"), candidate(2, "Marc"), candidate(3, "Nina")}
	a, err := jury.Assign(ctx, members, candidates, nil, jury.Layout{MembersPerJury: 3}, jury.ConflictRules{})
	require.NoError(t, err)
	require.Len(t, a.Panels, 2)
	for _, p := range a.Panels {
		assert.Len(t, p.Members, 3)
	}
	assert.Len(t, a.Reserves, 1)
}

// TestAssignFollowsThePlan: the plan's jury 1 evaluates one candidate, jury
// 2 three; Anne conflicts with three candidates, so her panel must be
// jury 1.
func TestAssignFollowsThePlan(t *testing.T) {
	anne, bruno, chloe, david := panelMember(1, "Anne"), panelMember(2, "Bruno"), panelMember(3, "Chloé"), panelMember(4, "David")
	candidates := []jury.Candidate{candidate(1, "Léa"), candidate(2, "Marc"), candidate(3, "Nina"), candidate(4, "Omar")}
	decl := []jury.DeclaredConflict{
		declared(anne, candidates[0], jury.ReasonOther), declared(anne, candidates[1], jury.ReasonOther), declared(anne, candidates[2], jury.ReasonOther),
	}
	a, err := jury.Assign(ctx, []jury.Member{anne, bruno, chloe, david}, candidates, decl, jury.Layout{Capacities: []int{1, 3}}, jury.ConflictRules{})
	require.NoError(t, err)
	require.Len(t, a.Panels, 2)
	assert.Equal(t, 1, a.Panels[0].Jury)
	assert.Contains(t, a.Panels[0].Members, anne.ID)
	assert.Equal(t, candidateIDs(candidates[3]), a.Panels[0].Candidates)
	assert.Len(t, a.Panels[1].Candidates, 3)
}

func TestAssignResultDoesNotDependOnOrder(t *testing.T) {
	members := []jury.Member{panelMember(1, "Anne"), panelMember(2, "Bruno"), panelMember(3, "Chloé"), panelMember(4, "David"), panelMember(5, "Émile")}
	candidates := []jury.Candidate{candidate(1, "Léa"), candidate(2, "Marc"), candidate(3, "Nina")}
	decl := []jury.DeclaredConflict{declared(members[2], candidates[1], jury.ReasonOther)}
	a, err := jury.Assign(ctx, members, candidates, decl, jury.Layout{}, jury.ConflictRules{})
	require.NoError(t, err)
	reversed := []jury.Member{members[4], members[3], members[2], members[1], members[0]}
	b, err := jury.Assign(ctx, reversed, []jury.Candidate{candidates[2], candidates[0], candidates[1]}, decl, jury.Layout{}, jury.ConflictRules{})
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// TestAssignFindsTheOnlyCrossing is a case the search once refused: a
// bound of the search shared one scratch slice between two sets of edges,
// came out too low and cut the branch holding the only answer ({m5,m6}
// evaluate c3 and c4, {m1,m3} c5 and c6, {m2,m4} c1 and c2). X marks a
// conflict, one row per member.
func TestAssignFindsTheOnlyCrossing(t *testing.T) {
	rows := []string{
		"XXXX..",
		"...XX.",
		".X.X..",
		"...XXX",
		"XX..XX",
		"XX....",
	}
	var in instance
	for i := range 6 {
		in.members = append(in.members, panelMember(i+1, fmt.Sprint("m", i+1)))
		in.candidates = append(in.candidates, candidate(i+1, fmt.Sprint("c", i+1)))
	}
	for i, row := range rows {
		in.conflicts = append(in.conflicts, make([]bool, len(row)))
		for j, x := range row {
			if x == 'X' {
				in.conflicts[i][j] = true
				in.declared = append(in.declared, declared(in.members[i], in.candidates[j], jury.ReasonOther))
			}
		}
	}
	for name, layout := range map[string]jury.Layout{"without a plan": {}, "a plan of 3 juries of 2": {Capacities: []int{2, 2, 2}}} {
		t.Run(name, func(t *testing.T) {
			in.layout = layout
			a, err := jury.Assign(ctx, in.members, in.candidates, in.declared, layout, jury.ConflictRules{})
			require.NoError(t, err)
			checkAssignment(t, in, a)
			assert.Len(t, a.Panels, 3)
		})
	}
}

func TestAssignFailures(t *testing.T) {
	anne, bruno, chloe := panelMember(1, "Anne"), panelMember(2, "Bruno"), panelMember(3, "Chloé")
	lea, marc := candidate(1, "Léa"), candidate(2, "Marc")
	tests := []struct {
		name       string
		members    []jury.Member
		candidates []jury.Candidate
		declared   []jury.DeclaredConflict
		layout     jury.Layout
		want       map[tpsession.CandidateID]jury.UnassignedReason
		summary    string   // in the error's message
		facts      []string // in the messages of the unassigned candidates
		conflicted []jury.Member
	}{
		{
			name:    "a single member",
			members: []jury.Member{anne}, candidates: []jury.Candidate{lea, marc},
			want:    map[tpsession.CandidateID]jury.UnassignedReason{lea.ID: jury.TooFewMembers, marc.ID: jury.TooFewMembers},
			summary: "a jury needs 2 members; only 1 accepted member is available; 2 candidates are left without a jury",
			facts:   []string{"Léa has no jury: a jury needs 2 members", "Marc has no jury"},
		},
		{
			name:    "fewer members than the plan's juries need",
			members: []jury.Member{anne, bruno, chloe}, candidates: []jury.Candidate{lea, marc}, layout: jury.Layout{Capacities: []int{1, 1}},
			want:    map[tpsession.CandidateID]jury.UnassignedReason{lea.ID: jury.TooFewMembers, marc.ID: jury.TooFewMembers},
			summary: "2 juries of 2 members need 4 accepted members; only 3 are available",
			facts:   []string{"Léa has no jury: 2 juries of 2 members need 4 accepted members"},
		},
		{
			name:    "a candidate in conflict with every member",
			members: []jury.Member{anne, bruno, chloe}, candidates: []jury.Candidate{lea, marc},
			declared:   []jury.DeclaredConflict{declared(anne, lea, jury.ReasonOther), declared(bruno, lea, jury.ReasonOther), declared(chloe, lea, jury.ReasonOther)},
			want:       map[tpsession.CandidateID]jury.UnassignedReason{lea.ID: jury.ConflictsWithAll},
			summary:    "at most 1 of the 2 candidates can be evaluated by a jury without a conflict of interest (1 jury of 2 members); 1 candidate is left without a jury",
			facts:      []string{"Léa conflicts with every accepted member (3); in conflict with Léa: Anne (declared: other), Bruno (declared: other), Chloé (declared: other)"},
			conflicted: []jury.Member{anne, bruno, chloe},
		},
		{
			name:    "a single member without conflict",
			members: []jury.Member{anne, bruno, chloe}, candidates: []jury.Candidate{lea, marc},
			declared:   []jury.DeclaredConflict{declared(anne, lea, jury.ReasonOther), declared(bruno, lea, jury.ReasonOther)},
			want:       map[tpsession.CandidateID]jury.UnassignedReason{lea.ID: jury.TooFewFreeMembers},
			summary:    "at most 1 of the 2 candidates",
			facts:      []string{"only 1 of the 3 accepted members has no conflict with Léa, and a jury needs 2; in conflict with Léa: Anne (declared: other), Bruno (declared: other)"},
			conflicted: []jury.Member{anne, bruno},
		},
		{
			name:    "the plan's juries are full",
			members: []jury.Member{anne, bruno}, candidates: []jury.Candidate{lea, marc}, layout: jury.Layout{Capacities: []int{1}},
			want:    map[tpsession.CandidateID]jury.UnassignedReason{marc.ID: jury.JuriesFull},
			summary: "at most 1 of the 2 candidates",
			facts:   []string{"every jury without a conflict with Marc is full: jury 1 (1 of 1)", "the juries take 1 candidate in all, for 2 candidates"},
		},
		{
			// One jury of two among Anne (conflicts with Léa), Bruno (with
			// Marc) and Chloé: whichever pair sits, one candidate is left.
			name:    "no jury free for both",
			members: []jury.Member{anne, bruno, chloe}, candidates: []jury.Candidate{lea, marc}, layout: jury.Layout{Capacities: []int{2}},
			declared:   []jury.DeclaredConflict{declared(anne, lea, jury.ReasonOther), declared(bruno, marc, jury.ReasonOther)},
			want:       map[tpsession.CandidateID]jury.UnassignedReason{marc.ID: jury.NoFreeJury},
			summary:    "at most 1 of the 2 candidates",
			facts:      []string{"2 accepted members have no conflict with Marc, but no way of forming the juries gives Marc a jury", "in conflict with Marc: Bruno (declared: other)"},
			conflicted: []jury.Member{bruno},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jury.Assign(ctx, tt.members, tt.candidates, tt.declared, tt.layout, jury.ConflictRules{})
			assert.ErrorIs(t, err, jury.ErrNoAssignment)
			assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
			assert.Equal(t, "jury.assignment_infeasible", tpsession.CodeOf(err))
			var ae *jury.AssignmentError
			require.ErrorAs(t, err, &ae)
			got := map[tpsession.CandidateID]jury.UnassignedReason{}
			for _, u := range ae.Unassigned {
				got[u.Candidate] = u.Reason
			}
			assert.Equal(t, tt.want, got)
			assert.Contains(t, err.Error(), tt.summary)

			var e *tpsession.Error
			require.ErrorAs(t, err, &e)
			require.Len(t, e.Fields, len(tt.want), "one field error per unassigned candidate")
			var messages []string
			for i, f := range e.Fields {
				assert.Equal(t, fmt.Sprintf("candidates[%d]", i), f.Field, "named after the error's list of candidates")
				assert.Equal(t, ae.Unassigned[i].Message, f.Message)
				assert.Equal(t, ae.Unassigned[i].Candidate, ae.Candidates()[i])
				assert.NotContains(t, e.Message, f.Message, "the error's message sums up, the fields explain")
				messages = append(messages, f.Message)
			}
			for _, fact := range tt.facts {
				assert.Contains(t, strings.Join(messages, "\n"), fact)
			}
			if len(tt.conflicted) > 0 {
				assert.Equal(t, memberIDs(tt.conflicted...), ae.Members(), "the members whose conflicts leave candidates out")
			} else {
				assert.Empty(t, ae.Members())
			}
			for _, m := range tt.conflicted {
				assert.Contains(t, e.Message, m.Name, "the summary names the members in conflict")
			}
			if len(tt.conflicted) == 0 {
				assert.NotContains(t, e.Message, "in conflict with", "no member is blamed when conflicts play no part")
			}
			for _, c := range ae.Candidates() {
				i := slices.IndexFunc(tt.candidates, func(x jury.Candidate) bool { return x.ID == c })
				assert.Contains(t, e.Message, tt.candidates[i].Name, "the summary names the candidates left out")
			}
		})
	}
}

// A centre reading the refusal learns whom to replace: each member in
// conflict with a candidate left out, with every reason, found or declared.
func TestAssignmentErrorNamesTheMembersInConflict(t *testing.T) {
	employer := siret(t, 1, 1)
	anne := employedBy(panelMember(1, "Anne Petit"), siret(t, 1, 2)) // same company, another establishment
	bruno := panelMember(2, "Bruno Roy")
	bruno.Email = "bruno.roy@example.fr"
	chloe := panelMember(3, "Chloé Lenoir")
	lea := candidate(1, "Léa Dubois", employer)
	lea.Trainers = []string{"bruno.roy@example.fr"}
	_, err := jury.Assign(ctx, []jury.Member{anne, bruno, chloe}, []jury.Candidate{lea}, []jury.DeclaredConflict{declared(bruno, lea, jury.ReasonPersonal)}, jury.Layout{}, jury.ConflictRules{})
	var ae *jury.AssignmentError
	require.ErrorAs(t, err, &ae)
	require.Len(t, ae.Unassigned, 1)
	u := ae.Unassigned[0]
	assert.Equal(t, jury.TooFewFreeMembers, u.Reason)
	assert.Equal(t, memberIDs(anne, bruno), u.Members())
	assert.Equal(t, memberIDs(anne, bruno), ae.Members())
	var reasons []jury.ConflictReason
	for _, c := range u.Conflicts {
		assert.Equal(t, lea.ID, c.Candidate)
		reasons = append(reasons, c.Reason)
	}
	assert.Equal(t, []jury.ConflictReason{jury.ReasonHosted, jury.ReasonTrained, jury.ReasonPersonal}, reasons)
	assert.Contains(t, u.Message, "in conflict with Léa Dubois: Anne Petit (employed in the company that hosted the candidate, SIRET "+employer.Format()+
		"), Bruno Roy (trained the candidate; declared: personal)")
	assert.Contains(t, err.Error(), "1 candidate is left without a jury: Léa Dubois; members in conflict with that candidate: Anne Petit, Bruno Roy")
	assert.NotContains(t, err.Error(), "Chloé")

	// Under the establishment reading Anne's establishment is not the host:
	// only Bruno is named.
	_, err = jury.Assign(ctx, []jury.Member{anne, bruno, chloe}, []jury.Candidate{lea}, nil, jury.Layout{}, jury.ConflictRules{Company: jury.SameEstablishment})
	assert.NoError(t, err, "Anne and Chloé are free")

	// A long list is cut in the messages, never in the structured members.
	var many []jury.Member
	var decl []jury.DeclaredConflict
	for i := range 12 {
		m := panelMember(10+i, fmt.Sprintf("Membre %02d", i))
		many = append(many, m)
		decl = append(decl, declared(m, lea, jury.ReasonOther))
	}
	_, err = jury.Assign(ctx, many, []jury.Candidate{lea}, decl, jury.Layout{}, jury.ConflictRules{})
	require.ErrorAs(t, err, &ae)
	assert.Len(t, ae.Members(), 12)
	assert.Contains(t, err.Error(), "Membre 07 and 4 more")
	assert.NotContains(t, err.Error(), "Membre 08")
	assert.Contains(t, ae.Unassigned[0].Message, "Membre 07 (declared: other) and 4 more")
}

func TestAssignmentErrorBuiltElsewhere(t *testing.T) {
	err := &jury.AssignmentError{Unassigned: []jury.Unassigned{{Candidate: candidateID(1), Reason: jury.ConflictsWithAll}}}
	assert.ErrorIs(t, err, jury.ErrNoAssignment)
	assert.Equal(t, "jury.assignment_infeasible", tpsession.CodeOf(err))
	assert.NotEmpty(t, err.Error())
}

func TestAssignRefusesBadInput(t *testing.T) {
	anne, bruno := panelMember(1, "Anne"), panelMember(2, "Bruno")
	lea := candidate(1, "Léa")
	tests := []struct {
		name       string
		members    []jury.Member
		candidates []jury.Candidate
		layout     jury.Layout
		fields     []string
	}{
		{"one member per jury", []jury.Member{anne, bruno}, []jury.Candidate{lea}, jury.Layout{MembersPerJury: 1}, []string{"members_per_jury"}},
		{"a jury without capacity", []jury.Member{anne, bruno}, []jury.Candidate{lea}, jury.Layout{Capacities: []int{2, 0}}, []string{"capacities[1]"}},
		{"a plan without juries", []jury.Member{anne, bruno}, []jury.Candidate{lea}, jury.Layout{Capacities: []int{}}, []string{"capacities"}},
		{"a member twice", []jury.Member{anne, bruno, anne}, []jury.Candidate{lea}, jury.Layout{}, []string{"members"}},
		{"a candidate twice", []jury.Member{anne, bruno}, []jury.Candidate{lea, lea}, jury.Layout{}, []string{"candidates"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jury.Assign(ctx, tt.members, tt.candidates, nil, tt.layout, jury.ConflictRules{})
			assert.ErrorIs(t, err, jury.ErrInvalidAssignment)
			assert.Equal(t, tt.fields, fieldNames(err))
		})
	}
}

func TestAssignNeedsCandidates(t *testing.T) {
	_, err := jury.Assign(ctx, []jury.Member{panelMember(1, "Anne"), panelMember(2, "Bruno")}, nil, nil, jury.Layout{}, jury.ConflictRules{})
	assert.ErrorIs(t, err, jury.ErrNoCandidates)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
}

func TestAssignStopsWhenTheContextEnds(t *testing.T) {
	done, cancel := context.WithCancel(ctx)
	cancel()
	_, err := jury.Assign(done, []jury.Member{panelMember(1, "Anne"), panelMember(2, "Bruno")}, []jury.Candidate{candidate(1, "Léa")}, nil, jury.Layout{}, jury.ConflictRules{})
	assert.True(t, errors.Is(err, context.Canceled))
}

func TestAssignmentHelpers(t *testing.T) {
	a := jury.Assignment{
		Panels:   []jury.Panel{{Jury: 1, Members: []tpsession.MemberID{memberID(1), memberID(2)}, Candidates: []tpsession.CandidateID{candidateID(1)}}},
		Reserves: []tpsession.MemberID{memberID(3)},
	}
	assert.True(t, a.Assigned())
	assert.False(t, jury.Assignment{}.Assigned())
	p, ok := a.PanelOf(candidateID(1))
	assert.True(t, ok)
	assert.Equal(t, 1, p.Jury)
	_, ok = a.PanelOf(candidateID(2))
	assert.False(t, ok)

	c := a.Clone()
	c.Panels[0].Members[0], c.Panels[0].Candidates[0], c.Reserves[0] = "x", "y", "z"
	assert.Equal(t, memberID(1), a.Panels[0].Members[0])
	assert.Equal(t, candidateID(1), a.Panels[0].Candidates[0])
	assert.Equal(t, memberID(3), a.Reserves[0])
}
