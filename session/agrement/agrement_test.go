package agrement_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/agrement"
)

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

const site = "Lyon Formation, 12 rue des Lilas, 69003 Lyon"

func mk(t *testing.T, title, from, until string, sites ...string) agrement.Agrement {
	t.Helper()
	if len(sites) == 0 {
		sites = []string{site}
	}
	a, err := agrement.New("centre-a", tpsession.NewAgrementID(), agrement.Input{TitleCode: title, Sites: sites, ValidFrom: from, ValidUntil: until, Reference: "décision 2024-17"})
	require.NoError(t, err)
	return a
}

func subject(title tpsession.TitleCode, s string, from, until date.Date) agrement.Subject {
	return agrement.Subject{Title: title, Site: s, Days: tpsession.DateRange{From: from, Until: until}}
}

func TestNewNamesEveryBadField(t *testing.T) {
	_, err := agrement.New("centre-a", tpsession.NewAgrementID(), agrement.Input{
		TitleCode: "TP-1", Sites: []string{"A", "  a ", ""}, ValidFrom: "2027-02-30", ValidUntil: "", Note: "x\x00",
	})
	require.ErrorIs(t, err, agrement.ErrInvalidAgrement)
	fields := map[string]bool{}
	for _, f := range err.(*tpsession.Error).Fields {
		fields[f.Field] = true
	}
	for _, f := range []string{"title_code", "sites[1]", "sites[2]", "valid_from", "valid_until", "note"} {
		assert.True(t, fields[f], f)
	}
	_, err = agrement.New("centre-a", tpsession.NewAgrementID(), agrement.Input{TitleCode: "TP-01281", Sites: []string{"x"}, ValidFrom: "2027-01-02", ValidUntil: "2027-01-01"})
	assert.ErrorIs(t, err, agrement.ErrInvalidAgrement)
	_, err = agrement.New("centre-a", tpsession.NewAgrementID(), agrement.Input{TitleCode: "TP-01281", ValidFrom: "2027-01-01", ValidUntil: "2027-01-01"})
	assert.ErrorIs(t, err, agrement.ErrInvalidAgrement, "no site")
	a := mk(t, "TP-01281", "2027-01-01", "2027-01-01")
	assert.Equal(t, 1, a.Valid.Days(), "a one-day agrément is valid")
}

func TestReviseKeepsTheIdentity(t *testing.T) {
	a := mk(t, "TP-01281", "2024-01-01", "2028-12-18")
	id := a.ID
	require.NoError(t, a.Revise(agrement.Input{TitleCode: "TP-01336", Sites: []string{"Autre site"}, ValidFrom: "2025-01-01", ValidUntil: "2026-01-01"}))
	assert.Equal(t, id, a.ID)
	assert.Equal(t, tpsession.TitleCode("TP-01336"), a.Title)
	before := a.Clone()
	assert.Error(t, a.Revise(agrement.Input{TitleCode: "bad"}))
	assert.Equal(t, before, a, "a refused revision changes nothing")
}

func TestCheckOnBothSidesOfEveryBoundary(t *testing.T) {
	as := []agrement.Agrement{
		mk(t, "TP-01281", "2025-01-01", "2027-06-30"),
		mk(t, "TP-01281", "2027-07-01", "2028-12-18"), // a renewal with no gap
		mk(t, "TP-01281", "2029-02-01", "2030-12-31", "Autre site"),
		mk(t, "TP-01336", "2025-01-01", "2030-12-31"),
	}
	tests := []struct {
		name string
		s    agrement.Subject
		ok   bool
		says []string
	}{
		{"inside", subject("TP-01281", site, day(2027, 3, 1), day(2027, 3, 3)), true, nil},
		{"first day of the agrément", subject("TP-01281", site, day(2025, 1, 1), day(2025, 1, 2)), true, nil},
		{"the day before it", subject("TP-01281", site, day(2024, 12, 31), day(2025, 1, 2)), false, []string{"2024-12-31"}},
		{"across the renewal", subject("TP-01281", site, day(2027, 6, 29), day(2027, 7, 2)), true, nil},
		{"last day of the renewal", subject("TP-01281", site, day(2028, 12, 15), day(2028, 12, 18)), true, nil},
		{"one day after", subject("TP-01281", site, day(2028, 12, 15), day(2028, 12, 19)), false, []string{"2028-12-19", "2028-12-18", "décision 2024-17"}},
		{"site written otherwise", subject("TP-01281", "  lyon formation,  12 RUE des Lilas, 69003 Lyon ", day(2027, 3, 1), day(2027, 3, 3)), true, nil},
		{"another site", subject("TP-01281", "Villeurbanne", day(2027, 3, 1), day(2027, 3, 3)), false, []string{"« Villeurbanne »", site}},
		{"the other site's agrément, not this one's dates", subject("TP-01281", "Autre site", day(2027, 3, 1), day(2027, 3, 3)), false, []string{"2027-03-01"}},
		{"a title without agrément", subject("TP-00467", site, day(2027, 3, 1), day(2027, 3, 3)), false, []string{"TP-00467", "TP-01281, TP-01336"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := agrement.Check(as, tt.s)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, agrement.ErrNotCovered)
			assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
			for _, s := range tt.says {
				assert.Contains(t, tpsession.MessageOf(err), s)
			}
		})
	}
	err := agrement.Check(nil, subject("TP-01281", site, day(2027, 3, 1), day(2027, 3, 3)))
	assert.ErrorIs(t, err, agrement.ErrNotCovered, "no agrément at all: the service decides to warn instead")
}

// TestCheckAgreesWithADayByDayCount checks Check on generated agréments
// against the plainest reading of the rule: every day of the session lies
// in one agrément of the title and site.
// The délai de prolongation: an agrément cannot outlast its title (18
// December 2028 for the CDA), yet the sessions created before that end may
// start in the year after it; an agrément running to the end covers them.
func TestCheckStretchesOverTheDelaiDeProlongation(t *testing.T) {
	delai := tpsession.DateRange{From: day(2028, 12, 19), Until: day(2029, 12, 18)}
	in := func(from, until date.Date) agrement.Subject {
		s := subject("TP-01281", site, from, until)
		s.Prolongation = delai
		return s
	}
	tests := []struct {
		name string
		as   []agrement.Agrement
		s    agrement.Subject
		says string // the first day not covered; "" when covered
	}{
		{"running to the end, the délai's first day", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-18")}, in(day(2028, 12, 19), day(2028, 12, 19)), ""},
		{"running to the end, across it", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-18")}, in(day(2028, 12, 18), day(2028, 12, 20)), ""},
		{"running to the end, the délai's last day", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-18")}, in(day(2029, 12, 18), day(2029, 12, 18)), ""},
		{"running to the end, the day after the délai", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-18")}, in(day(2029, 12, 18), day(2029, 12, 19)), "2029-12-19"},
		{"ending the day before the end", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-17")}, in(day(2028, 12, 19), day(2028, 12, 19)), "2028-12-19"},
		{"a renewal running to the end", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2027-06-30"), mk(t, "TP-01281", "2027-07-01", "2028-12-18")}, in(day(2029, 3, 1), day(2029, 3, 2)), ""},
		{"another site's agrément", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-18", "Autre site")}, in(day(2029, 3, 1), day(2029, 3, 2)), "Autre site"},
		{"without a known end", []agrement.Agrement{mk(t, "TP-01281", "2025-01-01", "2028-12-18")}, subject("TP-01281", site, day(2029, 3, 1), day(2029, 3, 2)), "2029-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := agrement.Check(tt.as, tt.s)
			if tt.says == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, agrement.ErrNotCovered)
			assert.Contains(t, tpsession.MessageOf(err), tt.says)
		})
	}
}

func TestCheckAgreesWithADayByDayCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2027))
	base := day(2027, 1, 1)
	sites := []string{site, "Villeurbanne"}
	titles := []tpsession.TitleCode{"TP-01281", "TP-01336"}
	for range 3000 {
		var as []agrement.Agrement
		for range rng.IntN(5) {
			from := base + date.Date(rng.IntN(60))
			as = append(as, agrement.Agrement{
				ID: tpsession.NewAgrementID(), Centre: "c", Title: titles[rng.IntN(2)], Sites: []string{sites[rng.IntN(2)]},
				Valid: tpsession.DateRange{From: from, Until: from + date.Date(rng.IntN(20))},
			})
		}
		start := base + date.Date(rng.IntN(70))
		s := agrement.Subject{Title: titles[rng.IntN(2)], Site: sites[rng.IntN(2)], Days: tpsession.DateRange{From: start, Until: start + date.Date(rng.IntN(6))}}
		if rng.IntN(2) == 0 {
			end := base + date.Date(rng.IntN(80))
			s.Prolongation = tpsession.DateRange{From: end + 1, Until: end + date.Date(rng.IntN(10))}
		}
		want := true
		for d := s.Days.From; d <= s.Days.Until; d++ {
			in := false
			for _, a := range as {
				// An agrément running to the title's end covers the délai too.
				stretched := s.Prolongation.From != 0 && a.Valid.Until >= s.Prolongation.From-1 && a.Valid.From <= d && s.Prolongation.Contains(d)
				in = in || a.Title == s.Title && a.Covers(s.Site) && (a.Valid.Contains(d) || stretched)
			}
			want = want && in
		}
		err := agrement.Check(as, s)
		require.Equal(t, want, err == nil, "%v on %v: %v", s, as, err)
	}
}
