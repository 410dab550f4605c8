package jury_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

// panelMember is a member with a fixed ID, for assignment tests.
func panelMember(i int, name string) jury.Member {
	return jury.Member{ID: memberID(i), Centre: centre, Name: name}
}

func employedBy(m jury.Member, employer tpsession.SIRET) jury.Member {
	m.Employer = employer
	return m
}

func candidate(i int, name string, hosts ...tpsession.SIRET) jury.Candidate {
	return jury.Candidate{ID: candidateID(i), Name: name, HostCompanies: hosts}
}

func declared(m jury.Member, c jury.Candidate, reason jury.ConflictReason) jury.DeclaredConflict {
	return jury.DeclaredConflict{Member: m.ID, Candidate: c.ID, Reason: reason, DeclaredOn: day(2027, 1, 10)}
}

func TestFindConflictsByCompany(t *testing.T) {
	headOffice, branch, other := siret(t, 1, 1), siret(t, 1, 2), siret(t, 2, 1)
	company, establishment := jury.ConflictRules{}, jury.ConflictRules{Company: jury.SameEstablishment}
	tests := []struct {
		name     string
		rules    jury.ConflictRules
		employer tpsession.SIRET
		hosts    []tpsession.SIRET
		want     []tpsession.SIRET
	}{
		{"same establishment", company, headOffice, []tpsession.SIRET{headOffice}, []tpsession.SIRET{headOffice}},
		{"another establishment of the same company", company, headOffice, []tpsession.SIRET{branch}, []tpsession.SIRET{branch}},
		{"another company", company, headOffice, []tpsession.SIRET{other}, nil},
		{"several establishments of the company", company, branch, []tpsession.SIRET{other, headOffice, branch}, []tpsession.SIRET{headOffice, branch}},
		{"listed twice", company, branch, []tpsession.SIRET{branch, branch}, []tpsession.SIRET{branch}},
		{"a member without an employer", company, "", []tpsession.SIRET{headOffice}, nil},
		{"a candidate without host company", company, headOffice, nil, nil},
		{"looser: same establishment", establishment, headOffice, []tpsession.SIRET{headOffice}, []tpsession.SIRET{headOffice}},
		{"looser: another establishment", establishment, headOffice, []tpsession.SIRET{branch}, nil},
		{"looser: one of several", establishment, branch, []tpsession.SIRET{other, headOffice, branch}, []tpsession.SIRET{branch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := employedBy(panelMember(1, "Anne"), tt.employer)
			c := candidate(1, "Léa", tt.hosts...)
			got := jury.FindConflicts(m, c, nil, tt.rules)
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Equal(t, jury.Conflict{Member: m.ID, Candidate: c.ID, Reason: jury.ReasonHosted, HostCompanies: tt.want}, got[0])
			assert.Contains(t, got[0].String(), tt.want[0].Format())
		})
	}
}

func TestFindConflictsWithTheCandidatesTrainers(t *testing.T) {
	trainerOrg, otherOrg := siret(t, 3, 1), siret(t, 3, 2) // two establishments of one organisation
	anne := employedBy(panelMember(1, "Anne"), otherOrg)
	anne.Email = "anne.leroy@jury.example"
	bruno := employedBy(panelMember(2, "Bruno"), siret(t, 4, 1))
	bruno.Email = "bruno@jury.example"
	lea := jury.Candidate{ID: candidateID(1), Name: "Léa", Trainers: []string{"anne.leroy@jury.example"}, TrainingOrganisations: []tpsession.SIRET{trainerOrg}}
	tests := []struct {
		name    string
		rules   jury.ConflictRules
		m       jury.Member
		reasons []jury.ConflictReason
	}{
		{"the trainer, by default", jury.ConflictRules{}, anne, []jury.ConflictReason{jury.ReasonTrained}},
		{"stricter: and the organisation", jury.ConflictRules{Training: jury.TrainingOrganisation}, anne, []jury.ConflictReason{jury.ReasonTrained, jury.ReasonEmployer}},
		{"stricter, one establishment only", jury.ConflictRules{Training: jury.TrainingOrganisation, Company: jury.SameEstablishment}, anne, []jury.ConflictReason{jury.ReasonTrained}},
		{"looser: declared only", jury.ConflictRules{Training: jury.TrainingDeclaredOnly}, anne, nil},
		{"someone else", jury.ConflictRules{Training: jury.TrainingOrganisation}, bruno, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reasons []jury.ConflictReason
			for _, c := range jury.FindConflicts(tt.m, lea, nil, tt.rules) {
				reasons = append(reasons, c.Reason)
				assert.False(t, c.Declared)
				assert.NotEmpty(t, c.String())
			}
			assert.Equal(t, tt.reasons, reasons)
		})
	}
	got := jury.FindConflicts(anne, lea, nil, jury.ConflictRules{})
	require.Len(t, got, 1)
	assert.Contains(t, got[0].String(), "trained candidate")
	assert.Contains(t, got[0].String(), "anne.leroy@jury.example")
}

func TestConflictRulesCheck(t *testing.T) {
	assert.NoError(t, jury.ConflictRules{}.Check())
	assert.NoError(t, jury.ConflictRules{Company: jury.SameEstablishment, Training: jury.TrainingDeclaredOnly}.Check())
	err := jury.ConflictRules{Company: "siren", Training: "all"}.Check()
	require.ErrorIs(t, err, jury.ErrInvalidConflictRules)
	_, err = jury.Assign(context.Background(), nil, []jury.Candidate{candidate(1, "Léa")}, nil, jury.Layout{}, jury.ConflictRules{Company: "x"})
	assert.ErrorIs(t, err, jury.ErrInvalidConflictRules)
}

func TestFindConflictsDeclared(t *testing.T) {
	anne := employedBy(panelMember(1, "Anne"), siret(t, 1, 1))
	lea, marc := candidate(1, "Léa", siret(t, 1, 1)), candidate(2, "Marc")
	decl := []jury.DeclaredConflict{
		declared(anne, marc, jury.ReasonPersonal),
		declared(anne, lea, jury.ReasonTrained),
		declared(panelMember(2, "Bruno"), marc, jury.ReasonOther),
	}
	decl[0].Note = "neighbours"

	got := jury.FindConflicts(anne, marc, decl, jury.ConflictRules{})
	require.Len(t, got, 1)
	assert.Equal(t, jury.Conflict{Member: anne.ID, Candidate: marc.ID, Reason: jury.ReasonPersonal, Note: "neighbours", Declared: true}, got[0])
	assert.Contains(t, got[0].String(), "neighbours")

	got = jury.FindConflicts(anne, lea, decl, jury.ConflictRules{})
	require.Len(t, got, 2, "found and declared conflicts add up")
	assert.Equal(t, jury.ReasonHosted, got[0].Reason)
	assert.False(t, got[0].Declared)
	assert.Equal(t, jury.ReasonTrained, got[1].Reason)
	assert.True(t, got[1].Declared)
}

// TestAnotherEstablishmentIsDeclared: Anne works at the head office of the
// company whose branch hosted Nina. Under the looser reading the SIRETs
// differ, so no conflict is found; the centre, knowing the link matters,
// declares it with reason "employer", and it then counts like any other.
func TestAnotherEstablishmentIsDeclared(t *testing.T) {
	looser := jury.ConflictRules{Company: jury.SameEstablishment}
	anne := employedBy(panelMember(1, "Anne"), siret(t, 1, 1))
	bruno, chloe, david := panelMember(2, "Bruno"), panelMember(3, "Chloé"), panelMember(4, "David")
	nina, omar := candidate(1, "Nina", siret(t, 1, 2)), candidate(2, "Omar")
	assert.Empty(t, jury.FindConflicts(anne, nina, nil, looser), "same company (SIREN), another establishment")
	assert.NotEmpty(t, jury.FindConflicts(anne, nina, nil, jury.ConflictRules{}), "found by default")

	employer := declared(anne, nina, jury.ReasonEmployer)
	got := jury.FindConflicts(anne, nina, []jury.DeclaredConflict{employer}, looser)
	require.Len(t, got, 1)
	assert.Equal(t, jury.Conflict{Member: anne.ID, Candidate: nina.ID, Reason: jury.ReasonEmployer, Declared: true}, got[0])

	// Two juries of one candidate each, and Anne knows Omar: her panel
	// can only evaluate Nina.
	members, candidates := []jury.Member{anne, bruno, chloe, david}, []jury.Candidate{nina, omar}
	personal := declared(anne, omar, jury.ReasonPersonal)
	layout := jury.Layout{Capacities: []int{1, 1}}
	a, err := jury.Assign(context.Background(), members, candidates, []jury.DeclaredConflict{personal}, layout, looser)
	require.NoError(t, err)
	p, _ := a.PanelOf(nina.ID)
	assert.Contains(t, p.Members, anne.ID, "without the declaration Anne evaluates Nina")

	_, err = jury.Assign(context.Background(), members, candidates, []jury.DeclaredConflict{personal, employer}, layout, jury.ConflictRules{})
	assert.ErrorIs(t, err, jury.ErrNoAssignment, "declared, Anne's panel can evaluate nobody")
}

func TestParseConflictReason(t *testing.T) {
	for _, r := range jury.ConflictReasons {
		got, err := jury.ParseConflictReason(string(r))
		assert.NoError(t, err)
		assert.Equal(t, r, got)
	}
	for _, s := range []string{"", "Hosted", "friend"} {
		_, err := jury.ParseConflictReason(s)
		assert.ErrorIs(t, err, jury.ErrInvalidConflict, s)
	}
}

func TestNewDeclaredConflict(t *testing.T) {
	c, err := jury.NewDeclaredConflict(jury.DeclaredConflictInput{
		MemberID: string(memberID(1)), CandidateID: string(candidateID(2)), Reason: "trained", Note: " trainer in 2025 ",
	}, day(2027, 1, 10))
	require.NoError(t, err)
	assert.Equal(t, jury.DeclaredConflict{Member: memberID(1), Candidate: candidateID(2), Reason: jury.ReasonTrained,
		Note: "trainer in 2025", DeclaredOn: day(2027, 1, 10)}, c)

	_, err = jury.NewDeclaredConflict(jury.DeclaredConflictInput{
		MemberID: string(candidateID(1)), CandidateID: "", Reason: "friend", Note: string(make([]rune, 1001)),
	}, day(2027, 1, 10))
	assert.ErrorIs(t, err, jury.ErrInvalidConflict)
	assert.Equal(t, []string{"member_id", "candidate_id", "reason", "note"}, fieldNames(err))
}

func TestDeclaredConflictNote(t *testing.T) {
	tests := []struct {
		name string
		note string
		want string // "" when refused
	}{
		{"lines kept", "met at a club\r\nsince 2020 ", "met at a club\nsince 2020"},
		{"1000 characters", strings.Repeat("é", 1000), strings.Repeat("é", 1000)},
		{"1001 characters", strings.Repeat("é", 1001), ""},
		{"control character", "met\x07", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := jury.NewDeclaredConflict(jury.DeclaredConflictInput{
				MemberID: string(memberID(1)), CandidateID: string(candidateID(2)), Reason: "personal", Note: tt.note,
			}, day(2027, 1, 10))
			if tt.want == "" {
				assert.ErrorIs(t, err, jury.ErrInvalidConflict)
				assert.Equal(t, []string{"note"}, fieldNames(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Note)
		})
	}
}

func TestDeclareConflict(t *testing.T) {
	s := session()
	anne, bruno := panelMember(1, "Anne"), panelMember(2, "Bruno")
	lea := candidate(1, "Léa")
	j := jury.NewSessionJury(s)
	require.NoError(t, j.DeclareConflict(declared(anne, lea, jury.ReasonHosted)))
	require.NoError(t, j.DeclareConflict(declared(bruno, lea, jury.ReasonHosted)), "another pair")

	err := j.DeclareConflict(declared(anne, lea, jury.ReasonPersonal))
	assert.ErrorIs(t, err, jury.ErrDuplicateConflict)
	assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
	assert.Len(t, j.Conflicts, 2)
	assert.Len(t, jury.FindConflicts(anne, lea, j.Conflicts, jury.ConflictRules{}), 1, "the first declaration stays")
	assert.Equal(t, jury.ReasonHosted, jury.FindConflicts(anne, lea, j.Conflicts, jury.ConflictRules{})[0].Reason)
	assert.Len(t, jury.FindConflicts(bruno, lea, j.Conflicts, jury.ConflictRules{}), 1)
}

func TestDeclaringAConflictInsideAPanelClearsTheAssignment(t *testing.T) {
	s := session()
	members := []jury.Member{member(t, "anne"), member(t, "bruno"), member(t, "chloe"), member(t, "david")}
	candidates := []jury.Candidate{candidate(1, "Léa"), candidate(2, "Marc")}
	j := accepted(t, s, members...)
	a, err := j.Assign(context.Background(), s, members, candidates, jury.Layout{}, jury.ConflictRules{}, day(2027, 2, 1))
	require.NoError(t, err)
	require.Len(t, a.Panels, 2)
	lea, _ := a.PanelOf(candidateID(1))
	marc, _ := a.PanelOf(candidateID(2))

	require.NoError(t, j.DeclareConflict(jury.DeclaredConflict{Member: marc.Members[0], Candidate: candidateID(1), Reason: jury.ReasonOther}))
	assert.True(t, j.Assignment.Assigned(), "a conflict with a member of another panel keeps the assignment")
	require.NoError(t, j.DeclareConflict(jury.DeclaredConflict{Member: lea.Members[1], Candidate: candidateID(1), Reason: jury.ReasonOther}))
	assert.False(t, j.Assignment.Assigned())
}

// TestEveryReasonCountsTheSame checks that a declared conflict, whatever
// its reason, keeps the member from evaluating that candidate, and only
// that one.
func TestEveryReasonCountsTheSame(t *testing.T) {
	for _, reason := range jury.ConflictReasons {
		t.Run(string(reason), func(t *testing.T) {
			anne, bruno, chloe, david := panelMember(1, "Anne"), panelMember(2, "Bruno"), panelMember(3, "Chloé"), panelMember(4, "David")
			lea, marc := candidate(1, "Léa"), candidate(2, "Marc")
			a, err := jury.Assign(context.Background(), []jury.Member{anne, bruno, chloe, david}, []jury.Candidate{lea, marc},
				[]jury.DeclaredConflict{declared(anne, lea, reason)}, jury.Layout{Capacities: []int{1, 1}}, jury.ConflictRules{})
			require.NoError(t, err)
			p, ok := a.PanelOf(lea.ID)
			require.True(t, ok)
			assert.NotContains(t, p.Members, anne.ID)
			p, ok = a.PanelOf(marc.ID)
			require.True(t, ok)
			assert.Contains(t, p.Members, anne.ID, "Anne evaluates the other candidate")
		})
	}
}
