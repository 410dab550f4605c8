package jury_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

func ExampleSessionJury_Invite() {
	s := jury.Session{
		ID:     "ses_01JQ0000000000000000000001",
		Centre: "centre-a",
		Title:  "TP-01281",
		Dates:  tpsession.DateRange{From: date.New(2027, 3, 1), Until: date.New(2027, 3, 3)},
	}
	anne, _ := jury.NewMember("centre-a", "mem_01JQ0000000000000000000001", jury.MemberInput{
		Name: "Anne Leroy", Email: "Anne.Leroy@example.fr", EmployerSIRET: "732 829 320 00074",
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2025-06-01", ValidUntil: "2029-05-31"}},
	})
	bruno, _ := jury.NewMember("centre-a", "mem_01JQ0000000000000000000002", jury.MemberInput{
		Name: "Bruno Petit", Email: "bruno.petit@example.fr",
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2022-03-03", ValidUntil: "2027-03-02"}},
	})

	j := jury.NewSessionJury(s)
	inv, warnings, err := j.Invite(s, anne, date.New(2027, 2, 20), jury.Policy{})
	fmt.Println(inv.Status(), err)
	for _, w := range warnings {
		fmt.Println(w.Code)
		fmt.Println(w.Message)
	}

	_, _, err = j.Invite(s, bruno, date.New(2027, 2, 20), jury.Policy{})
	fmt.Println(errors.Is(err, jury.ErrNotHabilitated))
	fmt.Println(err)

	inv, _ = j.Accept(anne.ID, date.New(2027, 2, 21))
	fmt.Println(inv.Status(), inv.AnsweredOn)
	_, err = j.Decline(anne.ID, date.New(2027, 2, 22))
	fmt.Println(tpsession.KindOf(err), tpsession.CodeOf(err))
	// Output:
	// invited <nil>
	// jury.employer_notice_short
	// Anne Leroy is employed (SIRET 732 829 320 00074) and invited on 2027-02-20, 9 days before the session starting 2027-03-01: the leave request to the employer must be made at least 15 calendar days before the session, so the employer may refuse
	// true
	// jury.member_not_habilitated: Bruno Petit is habilitated on TP-01281 from 2022-03-03 until 2027-03-02, which does not cover 2027-03-03: the session runs from 2027-03-01 until 2027-03-03
	// accepted 2027-02-21
	// conflict jury.invitation_already_answered
}

// Anne works at the establishment that hosted Léa. Nina was hosted by
// another establishment of the same company: no conflict is found from the
// SIRETs, and the centre declares one as it knows Anne worked there.
func ExampleFindConflicts() {
	anne := jury.Member{ID: "mem_01JQ0000000000000000000001", Name: "Anne Leroy", Email: "anne.leroy@jury.example", Employer: "73282932000074"}
	lea := jury.Candidate{ID: "can_01JQ0000000000000000000001", Name: "Léa Martin",
		HostCompanies: []tpsession.SIRET{"55210055400013", "73282932000074"}}
	nina := jury.Candidate{ID: "can_01JQ0000000000000000000002", Name: "Nina Roux",
		HostCompanies: []tpsession.SIRET{"73282932000017"}}
	marc := jury.Candidate{ID: "can_01JQ0000000000000000000003", Name: "Marc Durand", Trainers: []string{"anne.leroy@jury.example"}}
	paul := jury.Candidate{ID: "can_01JQ0000000000000000000004", Name: "Paul Petit"}
	declared := []jury.DeclaredConflict{
		{Member: anne.ID, Candidate: paul.ID, Reason: jury.ReasonPersonal, Note: "neighbours"},
	}

	// By default another establishment of the same company (Nina's host,
	// SIREN 732829320) conflicts, and so does a trainer (Marc's); with the
	// looser reading of the company, only the establishment does.
	for _, rules := range []jury.ConflictRules{{}, {Company: jury.SameEstablishment}} {
		fmt.Println("reading:", cmp.Or(rules.Company, jury.SameCompany))
		for _, c := range []jury.Candidate{lea, nina, marc, paul} {
			for _, conflict := range jury.FindConflicts(anne, c, declared, rules) {
				fmt.Println(" ", c.Name, conflict.Reason, conflict.HostCompanies, conflict.Declared)
			}
		}
	}
	// Output:
	// reading: company
	//   Léa Martin hosted [73282932000074] false
	//   Nina Roux hosted [73282932000017] false
	//   Marc Durand trained [] false
	//   Paul Petit personal [] true
	// reading: establishment
	//   Léa Martin hosted [73282932000074] false
	//   Marc Durand trained [] false
	//   Paul Petit personal [] true
}

// Anne and Bruno work at the establishment that hosted Léa; Chloé knows
// Marc. Two juries of two are planned.
func ExampleAssign() {
	host := tpsession.SIRET("73282932000074")
	members := []jury.Member{
		{ID: "mem_01JQ0000000000000000000001", Name: "Anne", Employer: host},
		{ID: "mem_01JQ0000000000000000000002", Name: "Bruno", Employer: host},
		{ID: "mem_01JQ0000000000000000000003", Name: "Chloé"},
		{ID: "mem_01JQ0000000000000000000004", Name: "David"},
		{ID: "mem_01JQ0000000000000000000005", Name: "Émile"},
	}
	candidates := []jury.Candidate{
		{ID: "can_01JQ0000000000000000000001", Name: "Léa", HostCompanies: []tpsession.SIRET{host}},
		{ID: "can_01JQ0000000000000000000002", Name: "Marc"},
		{ID: "can_01JQ0000000000000000000003", Name: "Nina"},
	}
	declared := []jury.DeclaredConflict{{Member: members[2].ID, Candidate: candidates[1].ID, Reason: jury.ReasonPersonal}}

	a, err := jury.Assign(context.Background(), members, candidates, declared, jury.Layout{Capacities: []int{2, 2}}, jury.ConflictRules{})
	if err != nil {
		fmt.Println(err)
		return
	}
	name := map[string]string{}
	for _, m := range members {
		name[string(m.ID)] = m.Name
	}
	for _, c := range candidates {
		name[string(c.ID)] = c.Name
	}
	for _, p := range a.Panels {
		fmt.Print("jury ", p.Jury, ":")
		for _, m := range p.Members {
			fmt.Print(" ", name[string(m)])
		}
		fmt.Print(" →")
		for _, c := range p.Candidates {
			fmt.Print(" ", name[string(c)])
		}
		fmt.Println()
	}
	for _, r := range a.Reserves {
		fmt.Println("reserve:", name[string(r)])
	}
	// Output:
	// jury 1: Anne David → Marc Nina
	// jury 2: Chloé Émile → Léa
	// reserve: Bruno
}

func ExampleAssignmentError() {
	members := []jury.Member{
		{ID: "mem_01JQ0000000000000000000001", Name: "Anne", Employer: "73282932000074"},
		{ID: "mem_01JQ0000000000000000000002", Name: "Bruno", Employer: "73282932000074"},
		{ID: "mem_01JQ0000000000000000000003", Name: "Chloé"},
	}
	candidates := []jury.Candidate{
		{ID: "can_01JQ0000000000000000000001", Name: "Léa", HostCompanies: []tpsession.SIRET{"73282932000074"}},
		{ID: "can_01JQ0000000000000000000002", Name: "Marc"},
	}

	_, err := jury.Assign(context.Background(), members, candidates, nil, jury.Layout{}, jury.ConflictRules{})
	if ae, ok := errors.AsType[*jury.AssignmentError](err); ok {
		fmt.Println(tpsession.KindOf(err), errors.Is(err, jury.ErrNoAssignment))
		fmt.Println(err)
		fmt.Println(ae.Candidates(), ae.Members())
		for _, u := range ae.Unassigned {
			fmt.Println(u.Reason)
		}
	}
	// The field errors explain each candidate of ae.Candidates(), by index.
	if e, ok := errors.AsType[*tpsession.Error](err); ok {
		for _, f := range e.Fields {
			fmt.Println(f)
		}
	}
	// Output:
	// rule true
	// jury.assignment_infeasible: no jury assignment exists: at most 1 of the 2 candidates can be evaluated by a jury without a conflict of interest (1 jury of 2 members); 1 candidate is left without a jury: Léa; members in conflict with that candidate: Anne, Bruno
	// [can_01JQ0000000000000000000001] [mem_01JQ0000000000000000000001 mem_01JQ0000000000000000000002]
	// too_few_members_without_conflict
	// candidates[0]: only 1 of the 3 accepted members has no conflict with Léa, and a jury needs 2; in conflict with Léa: Anne (employed in the company that hosted the candidate, SIRET 732 829 320 00074), Bruno (employed in the company that hosted the candidate, SIRET 732 829 320 00074)
}
