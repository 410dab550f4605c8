package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// NewMember returns a valid jury member of centre, habilitated on TP-01281
// for 2027, with a unique e-mail.
func NewMember(t testing.TB, centre tpsession.CentreID) jury.Member {
	t.Helper()
	m, err := jury.NewMember(centre, tpsession.NewMemberID(), jury.MemberInput{
		Name:          "Marc Leroy",
		Email:         fmt.Sprintf("marc.leroy+%s@example.fr", tpsession.NewEventID()[4:]),
		EmployerSIRET: "44306184100047",
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2027-01-01", ValidUntil: "2027-12-31"}},
	})
	require.NoError(t, err)
	return m
}

func memberContract() contract[jury.Member] {
	return contract[jury.Member]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) jury.Member { return NewMember(t, centre) },
		create: func(ctx context.Context, s Stores, v jury.Member) error {
			return s.Members.CreateMember(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v jury.Member) (jury.Member, error) {
			return s.Members.Member(ctx, centre, v.ID)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v jury.Member, fn func(*jury.Member) error) error {
			return s.Members.UpdateMember(ctx, centre, v.ID, fn)
		},
		list: func(ctx context.Context, s Stores, centre tpsession.CentreID, _ jury.Member) ([]jury.Member, error) {
			return s.Members.Members(ctx, centre)
		},
		bump: func(v *jury.Member, i int) {
			v.Habilitations = append(v.Habilitations, jury.Habilitation{
				Title: tpsession.TitleCode(fmt.Sprintf("TP-%05d", i%100000)), Valid: tpsession.DateRange{From: Start, Until: End},
			})
		},
		bumps:     func(v jury.Member) int { return len(v.Habilitations) },
		mutate:    func(v *jury.Member) { v.Habilitations[0].Title = "TP-99999" },
		rekey:     func(v *jury.Member) { v.ID = tpsession.NewMemberID() },
		recentre:  func(v *jury.Member, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b jury.Member) bool { return a.ID == b.ID },
		clone:     jury.Member.Clone,
		notFound:  jury.ErrMemberNotFound,
		duplicate: jury.ErrDuplicateMember,
	}
}

func sessionJuryContract() contract[jury.SessionJury] {
	return contract[jury.SessionJury]{
		fresh: func(_ *testing.T, _ Stores, centre tpsession.CentreID) jury.SessionJury {
			j := jury.NewSessionJury(jury.Session{ID: tpsession.NewSessionID(), Centre: centre, Title: "TP-01281", Dates: tpsession.DateRange{From: Start, Until: End}})
			j.Conflicts = []jury.DeclaredConflict{{Member: tpsession.NewMemberID(), Candidate: tpsession.NewCandidateID(), Reason: jury.ReasonTrained, DeclaredOn: Today}}
			return j
		},
		create: func(ctx context.Context, s Stores, v jury.SessionJury) error {
			return s.Juries.CreateSessionJury(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v jury.SessionJury) (jury.SessionJury, error) {
			return s.Juries.SessionJury(ctx, centre, v.Session)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v jury.SessionJury, fn func(*jury.SessionJury) error) error {
			return s.Juries.UpdateSessionJury(ctx, centre, v.Session, fn)
		},
		bump: func(v *jury.SessionJury, _ int) {
			v.Invitations = append(v.Invitations, jury.Invitation{Member: tpsession.NewMemberID(), InvitedOn: Today})
		},
		bumps:     func(v jury.SessionJury) int { return len(v.Invitations) },
		mutate:    func(v *jury.SessionJury) { v.Conflicts[0].Note = "changed" },
		rekey:     func(v *jury.SessionJury) { v.Session = tpsession.NewSessionID() },
		recentre:  func(v *jury.SessionJury, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b jury.SessionJury) bool { return a.Session == b.Session },
		clone:     jury.SessionJury.Clone,
		notFound:  jury.ErrSessionJuryNotFound,
		duplicate: jury.ErrDuplicateSessionJury,
	}
}

func testMemberListing(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	covering := NewMember(t, CentreA)
	endsEarly := NewMember(t, CentreA)
	endsEarly.Habilitations[0].Valid.Until = Start + 1 // ends on day 2 of 3
	otherTitle := NewMember(t, CentreA)
	otherTitle.Habilitations[0].Title = "TP-00467"
	elsewhere := NewMember(t, CentreB)
	for _, m := range []jury.Member{covering, endsEarly, otherTitle, elsewhere} {
		require.NoError(t, s.Members.CreateMember(ctx, m))
	}

	got, err := s.Members.HabilitatedMembers(ctx, CentreA, "TP-01281", tpsession.DateRange{From: Start, Until: End})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, covering.ID, got[0].ID)

	all, err := s.Members.Members(ctx, CentreA)
	require.NoError(t, err)
	require.Len(t, all, 3)
	for i := 1; i < len(all); i++ {
		assert.Less(t, all[i-1].ID, all[i].ID, "by ID")
	}

	byEmail, err := s.Members.MemberByEmail(ctx, CentreA, "  "+covering.Email+" ")
	require.NoError(t, err)
	assert.Equal(t, covering.ID, byEmail.ID)
	_, err = s.Members.MemberByEmail(ctx, CentreB, covering.Email)
	assert.ErrorIs(t, err, jury.ErrMemberNotFound)

	twin := NewMember(t, CentreA)
	twin.Email = covering.Email
	assert.ErrorIs(t, s.Members.CreateMember(ctx, twin), jury.ErrDuplicateMember, "one member per e-mail in a centre")
	twin.Centre = CentreB
	twin.ID = tpsession.NewMemberID()
	assert.NoError(t, s.Members.CreateMember(ctx, twin), "another centre may know the same person")

	err = s.Members.UpdateMember(ctx, CentreA, endsEarly.ID, func(m *jury.Member) error {
		m.Email = covering.Email
		return nil
	})
	assert.ErrorIs(t, err, jury.ErrDuplicateMember)
	kept, err := s.Members.Member(ctx, CentreA, endsEarly.ID)
	require.NoError(t, err)
	assert.Equal(t, endsEarly, kept)
}

func testSessionJuriesOfMember(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	member := tpsession.NewMemberID()
	var want []tpsession.SessionID
	for i := range 3 {
		j := sessionJuryContract().fresh(t, s, CentreA)
		if i != 1 {
			j.Invitations = append(j.Invitations, jury.Invitation{Member: member, InvitedOn: Today, WithdrawnOn: Today})
			want = append(want, j.Session)
		}
		require.NoError(t, s.Juries.CreateSessionJury(ctx, j))
	}
	elsewhere := sessionJuryContract().fresh(t, s, CentreB)
	elsewhere.Invitations = append(elsewhere.Invitations, jury.Invitation{Member: member, InvitedOn: Today})
	require.NoError(t, s.Juries.CreateSessionJury(ctx, elsewhere))

	got, err := s.Juries.SessionJuriesOfMember(ctx, CentreA, member)
	require.NoError(t, err)
	var ids []tpsession.SessionID
	for _, j := range got {
		ids = append(ids, j.Session)
	}
	slices.Sort(want)
	assert.Equal(t, want, ids, "the centre's sessions inviting the member, whatever the status, by session ID")
}

// testPlans checks the plan store, which puts whole records rather than
// updating them.
func testPlans(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	sid := tpsession.NewSessionID()
	_, err := s.Plans.Plan(ctx, CentreA, sid)
	assert.ErrorIs(t, err, plan.ErrPlanNotFound)

	rec := NewPlanRecord(t, CentreA, sid)
	require.NoError(t, s.Plans.PutPlan(ctx, rec))
	stored := rec.Clone()
	rec.Plan.Items[0].Units = append(rec.Plan.Items[0].Units[:0], "changed") // the value put
	rec.Input.Epreuves[0].Resources[0].Type = "changed"
	got, err := s.Plans.Plan(ctx, CentreA, sid)
	require.NoError(t, err)
	assert.Equal(t, stored, got, "values in are copied")
	rec = stored

	_, err = s.Plans.Plan(ctx, CentreB, sid)
	assert.ErrorIs(t, err, plan.ErrPlanNotFound, "another centre's plan does not exist")

	got.Plan.Items[0].Units[0] = "changed"
	got.Input.Epreuves[0].Resources[0].Type = "changed"
	again, err := s.Plans.Plan(ctx, CentreA, sid)
	require.NoError(t, err)
	assert.Equal(t, rec, again, "values out are copies")

	replaced := NewPlanRecord(t, CentreA, sid)
	replaced.ComputedAt = rec.ComputedAt.Add(time.Hour)
	require.NoError(t, s.Plans.PutPlan(ctx, replaced))
	again, err = s.Plans.Plan(ctx, CentreA, sid)
	require.NoError(t, err)
	assert.Equal(t, replaced.ComputedAt, again.ComputedAt, "a new plan replaces the old")
}

// smallPlanInput is a CDA session of 4 candidates: small enough to plan
// instantly, rich enough to exercise every part of a stored plan.
const smallPlanInput = `{
 "title": {"code": "TP-01281", "name": "Concepteur développeur d'applications"},
 "candidates": 4,
 "epreuves": [
  {"id": "QP", "duration_min": 30, "jury": "none", "resources": [{"type": "salle_qp", "units": 1}], "corrected_by_jury": true},
  {"id": "PROJ", "duration_min": 40, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]},
  {"id": "EF", "duration_min": 20, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]}
 ],
 "constraints": [{"type": "precedes", "before": "QP", "after": "PROJ"}, {"type": "last", "epreuve": "EF"}],
 "capacities": {"salle_qp": 4, "salle_entretien": 2},
 "hidden": {"opening_min": 30, "jury_briefing_min": 15, "jury_closure_min": 15, "accueil_min": 5, "reading_min": 10, "correction_min": 10, "deliberation_min": 10},
 "calendar": {"start": "2027-03-01", "blocks": [["08:30", "12:30"], ["13:30", "17:30"]], "max_days": 3, "region": "metropole"},
 "jury": {"members_per_jury": 2, "member_day_min": 420, "max_juries": 4, "member_day_fee": "180.00"},
 "objective": "min_juries"
}`

// NewPlanRecord plans a small session and returns its record.
func NewPlanRecord(t testing.TB, centre tpsession.CentreID, sid tpsession.SessionID) plan.Record {
	t.Helper()
	in, err := plan.DecodeBytes([]byte(smallPlanInput))
	require.NoError(t, err)
	rec, err := plan.NewRecord(context.Background(), centre, sid, in, At)
	require.NoError(t, err)
	require.True(t, rec.Plan.Feasible)
	return rec
}
