package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/programme"
)

// NewAgrement returns a valid agrément of centre.
func NewAgrement(t testing.TB, centre tpsession.CentreID) agrement.Agrement {
	t.Helper()
	a, err := agrement.New(centre, tpsession.NewAgrementID(), agrement.Input{
		TitleCode: "TP-01281", Sites: []string{"12 rue des Lilas, 69003 Lyon", "Lyon Formation, site de Vaise"},
		ValidFrom: "2024-01-15", ValidUntil: "2028-12-18", Reference: "décision 2024-17", Note: "renouvelé en 2024",
	})
	require.NoError(t, err)
	return a
}

func agrementContract() contract[agrement.Agrement] {
	return contract[agrement.Agrement]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) agrement.Agrement {
			return NewAgrement(t, centre)
		},
		create: func(ctx context.Context, s Stores, v agrement.Agrement) error {
			return s.Agrements.CreateAgrement(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v agrement.Agrement) (agrement.Agrement, error) {
			return s.Agrements.Agrement(ctx, centre, v.ID)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v agrement.Agrement, fn func(*agrement.Agrement) error) error {
			return s.Agrements.UpdateAgrement(ctx, centre, v.ID, fn)
		},
		list: func(ctx context.Context, s Stores, centre tpsession.CentreID, _ agrement.Agrement) ([]agrement.Agrement, error) {
			return s.Agrements.Agrements(ctx, centre)
		},
		bump:      func(v *agrement.Agrement, i int) { v.Sites = append(v.Sites, fmt.Sprintf("Site %d", i)) },
		bumps:     func(v agrement.Agrement) int { return len(v.Sites) },
		mutate:    func(v *agrement.Agrement) { v.Sites[0] = "changed" },
		rekey:     func(v *agrement.Agrement) { v.ID = tpsession.NewAgrementID() },
		recentre:  func(v *agrement.Agrement, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b agrement.Agrement) bool { return a.ID == b.ID },
		clone:     agrement.Agrement.Clone,
		notFound:  agrement.ErrAgrementNotFound,
		duplicate: agrement.ErrDuplicateAgrement,
	}
}

// NewProgramme returns a valid programme of centre for year, submitted
// on Today unless that is too early for the year.
func NewProgramme(t testing.TB, centre tpsession.CentreID, year int) programme.Programme {
	t.Helper()
	p, err := programme.New(centre, year, programme.Input{Note: "prévisionnel", Sessions: []programme.PlannedInput{
		{TitleCode: "TP-01281", Kind: "titre", Site: "12 rue des Lilas, 69003 Lyon", StartDate: fmt.Sprintf("%d-03-01", year), EndDate: fmt.Sprintf("%d-03-03", year), Candidates: 12},
		{TitleCode: "TP-01336", Kind: "ccp", Site: "En ligne", StartDate: fmt.Sprintf("%d-06-07", year), EndDate: fmt.Sprintf("%d-06-07", year), Candidates: 8, Modality: "remote"},
	}})
	require.NoError(t, err)
	if Today.Year() >= year-1 {
		require.NoError(t, p.Submit(Today, Today))
	}
	return p
}

func programmeContract() contract[programme.Programme] {
	return contract[programme.Programme]{
		fresh: func(t *testing.T, _ Stores, centre tpsession.CentreID) programme.Programme {
			return NewProgramme(t, centre, 2027) // each subtest opens its own stores
		},
		create: func(ctx context.Context, s Stores, v programme.Programme) error {
			return s.Programmes.CreateProgramme(ctx, v)
		},
		get: func(ctx context.Context, s Stores, centre tpsession.CentreID, v programme.Programme) (programme.Programme, error) {
			return s.Programmes.Programme(ctx, centre, v.Year)
		},
		update: func(ctx context.Context, s Stores, centre tpsession.CentreID, v programme.Programme, fn func(*programme.Programme) error) error {
			return s.Programmes.UpdateProgramme(ctx, centre, v.Year, fn)
		},
		list: func(ctx context.Context, s Stores, centre tpsession.CentreID, _ programme.Programme) ([]programme.Programme, error) {
			return s.Programmes.Programmes(ctx, centre)
		},
		bump: func(v *programme.Programme, i int) {
			v.Sessions = append(v.Sessions, v.Sessions[0])
		},
		bumps:     func(v programme.Programme) int { return len(v.Sessions) },
		mutate:    func(v *programme.Programme) { v.Sessions[0].Site = "changed" },
		rekey:     func(v *programme.Programme) { v.Year++ },
		recentre:  func(v *programme.Programme, c tpsession.CentreID) { v.Centre = c },
		same:      func(a, b programme.Programme) bool { return a.Year == b.Year },
		clone:     programme.Programme.Clone,
		notFound:  programme.ErrProgrammeNotFound,
		duplicate: programme.ErrDuplicateProgramme,
	}
}

// testProgrammeListing checks that a centre's programmes come by year and
// that another centre's year is its own.
func testProgrammeListing(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	for _, y := range []int{2029, 2027, 2028} {
		require.NoError(t, s.Programmes.CreateProgramme(ctx, NewProgramme(t, CentreA, y)))
	}
	require.NoError(t, s.Programmes.CreateProgramme(ctx, NewProgramme(t, CentreB, 2027)), "another centre has its own 2027")
	ps, err := s.Programmes.Programmes(ctx, CentreA)
	require.NoError(t, err)
	var years []int
	for _, p := range ps {
		years = append(years, p.Year)
	}
	require.Equal(t, []int{2027, 2028, 2029}, years)
	empty, err := s.Programmes.Programmes(ctx, "centre-c")
	require.NoError(t, err)
	require.Empty(t, empty)

	as, err := s.Agrements.Agrements(ctx, "centre-c")
	require.NoError(t, err)
	require.Empty(t, as)
}
