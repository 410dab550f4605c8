package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// The names of the generated candidates: the same names written with and
// without accents and capitals, ligatures, compound names.
var (
	firstNames = []string{"Léa", "LEA", "lea", "Noé", "Noe", "Hélène", "Helene", "Marc", "Jean-Marc", "Zoé", "Chloé", "Ève"}
	lastNames  = []string{"Dubois", "DUBOIS", "Dubôis", "Œuvray", "Oeuvray", "Le Gall", "Le-Gall", "Martin", "Müller", "Muller", "Ÿ"}
)

// population stores n generated candidates of CentreA, a few of them
// registered (or withdrawn) to sid, and one of CentreB.
func population(t *testing.T, s Stores, rng *rand.Rand, n int, sid tpsession.SessionID) (all []candidate.Candidate, registered map[tpsession.CandidateID]bool) {
	t.Helper()
	ctx := context.Background()
	routes := []candidate.Route{candidate.RouteFormation, candidate.RouteVAE, candidate.RouteApprentissage}
	registered = map[tpsession.CandidateID]bool{}
	for i := range n {
		c := NewCandidate(t, CentreA)
		c.FirstName = firstNames[rng.IntN(len(firstNames))]
		c.LastName = lastNames[rng.IntN(len(lastNames))]
		c.BirthDate = Today - 9000 - date.Date(7*rng.IntN(3))
		c.Route = routes[rng.IntN(len(routes))]
		if c.Route == candidate.RouteVAE {
			c.VAERecevabiliteOn = Today - 30
		}
		require.NoError(t, s.Candidates.CreateCandidate(ctx, c))
		all = append(all, c)
		if i%3 == 0 {
			r, err := candidate.Register(tpsession.NewRegistrationID(), candidateSession(CentreA, sid), c, nil, At, candidate.Request{})
			require.NoError(t, err)
			if i%2 == 0 {
				require.NoError(t, r.Withdraw(At, "Claire Martin"))
			} else {
				registered[c.ID] = true
			}
			require.NoError(t, s.Registrations.CreateRegistration(ctx, r))
		}
	}
	theirs := NewCandidate(t, CentreB)
	require.NoError(t, s.Candidates.CreateCandidate(ctx, theirs))
	return all, registered
}

// expected is what a query must return over all, by the definitions of
// candidate.Query, registered being the candidates actively registered to
// session sid.
func expected(all []candidate.Candidate, sid tpsession.SessionID, registered map[tpsession.CandidateID]bool, q candidate.Query) []tpsession.CandidateID {
	var keep []candidate.Candidate
	for _, c := range all {
		if q.Match(c) && (q.Session == "" || q.Session == sid && registered[c.ID]) && (q.After == nil || q.After.Before(c.Position())) {
			keep = append(keep, c)
		}
	}
	slices.SortFunc(keep, func(a, b candidate.Candidate) int {
		if a.Position().Before(b.Position()) {
			return -1
		}
		return 1
	})
	if q.Limit > 0 && len(keep) > q.Limit {
		keep = keep[:q.Limit]
	}
	return candidateIDs(keep)
}

func candidateIDs(cs []candidate.Candidate) []tpsession.CandidateID {
	out := []tpsession.CandidateID{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func testCandidateListing(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	sid := tpsession.NewSessionID()
	rng := rand.New(rand.NewPCG(4, 20))
	all, registered := population(t, s, rng, 60, sid)
	list := func(q candidate.Query) []tpsession.CandidateID {
		t.Helper()
		got, err := s.Candidates.Candidates(ctx, CentreA, q)
		require.NoError(t, err)
		return candidateIDs(got)
	}

	t.Run("by last name then first name, case and accents aside", func(t *testing.T) {
		got, err := s.Candidates.Candidates(ctx, CentreA, candidate.Query{})
		require.NoError(t, err)
		require.Len(t, got, len(all), "the centre's candidates only")
		for i := 1; i < len(got); i++ {
			assert.True(t, got[i-1].Position().Before(got[i].Position()), "%s before %s", got[i-1].NameKey(), got[i].NameKey())
		}
		assert.Equal(t, expected(all, sid, registered, candidate.Query{}), candidateIDs(got))
	})
	t.Run("a name search ignores case and accents", func(t *testing.T) {
		for _, name := range []string{"lea", "LÉA", "Lea Dubois", "dubois léa", "oeuvray", "ŒUVRAY", "le gall", "LE-GALL", "mull", "müller", "jean marc", "ève", "ÿ", "zzz"} {
			q := candidate.Query{Name: name}
			assert.Equal(t, expected(all, sid, registered, q), list(q), "search %q", name)
		}
		assert.NotEmpty(t, list(candidate.Query{Name: "lea"}))
		for _, c := range all {
			if strings.Contains(candidate.FoldName(c.FirstName), "lea") {
				assert.Contains(t, list(candidate.Query{Name: "LÉA"}), c.ID)
			}
		}
	})
	t.Run("filters by route, session and identity", func(t *testing.T) {
		for _, q := range []candidate.Query{
			{Route: candidate.RouteVAE},
			{Session: sid},
			{Session: sid, Route: candidate.RouteFormation},
			{Session: tpsession.NewSessionID()},
			{Name: "dubois", Session: sid},
		} {
			assert.Equal(t, expected(all, sid, registered, q), list(q), "%+v", q)
		}
		assert.Len(t, list(candidate.Query{Session: sid}), len(registered), "withdrawn registrations do not count")
		twin := all[7].Identity()
		got := list(candidate.Query{Identity: &twin})
		assert.Contains(t, got, all[7].ID)
		assert.Equal(t, expected(all, sid, registered, candidate.Query{Identity: &twin}), got)
	})
	t.Run("pages follow one another", func(t *testing.T) {
		for _, base := range []candidate.Query{{}, {Route: candidate.RouteFormation}, {Name: "le", Session: sid}} {
			whole := list(base)
			for _, size := range []int{1, 2, 7, len(whole) + 1} {
				walked := walkPages(t, len(whole), size, func(after *candidate.Position) ([]candidate.Candidate, error) {
					q := base
					q.Limit, q.After = size, after
					return s.Candidates.Candidates(ctx, CentreA, q)
				}, candidate.Candidate.Position)
				assert.Equal(t, whole, candidateIDs(walked), "pages of %d of %+v", size, base)
			}
		}
	})
	t.Run("generated queries", func(t *testing.T) {
		words := []string{"", "l", "lea", "DU", "oe", "gall", "é", "marc", "noé hélène"}
		routes := []candidate.Route{"", candidate.RouteVAE, candidate.RouteApprentissage}
		for i := range 200 {
			q := candidate.Query{Name: words[rng.IntN(len(words))], Route: routes[rng.IntN(len(routes))], Limit: rng.IntN(6)}
			if rng.IntN(3) == 0 {
				q.Session = sid
			}
			if rng.IntN(2) == 0 {
				p := all[rng.IntN(len(all))].Position()
				q.After = &p
			}
			assert.Equal(t, expected(all, sid, registered, q), list(q), "query %d: %+v", i, q)
		}
	})
	t.Run("another centre sees none of them", func(t *testing.T) {
		got, err := s.Candidates.Candidates(ctx, CentreB, candidate.Query{})
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.NotContains(t, candidateIDs(all), got[0].ID)
	})
	t.Run("a renamed candidate moves in the list", func(t *testing.T) {
		c := all[0]
		require.NoError(t, s.Candidates.UpdateCandidate(ctx, CentreA, c.ID, func(v *candidate.Candidate) error {
			v.LastName, v.FirstName = "Aaronson", "Ada"
			return nil
		}))
		got := list(candidate.Query{Limit: 1})
		assert.Equal(t, []tpsession.CandidateID{c.ID}, got)
		assert.Equal(t, []tpsession.CandidateID{c.ID}, list(candidate.Query{Name: "aaronson"}))
	})
}

func testSessionPaging(t *testing.T, open Open) {
	ctx := context.Background()
	s := open(t)
	rng := rand.New(rand.NewPCG(2, 27))
	for i := range 40 {
		v := NewSession(t, CentreA, Start+date.Date(7*[]int{0, 1, 2, 3, 5, 6, 7}[rng.IntN(7)]))
		if i%4 == 0 {
			require.NoError(t, v.Declare(Today, Today))
		}
		require.NoError(t, s.Sessions.CreateSession(ctx, v))
	}
	for _, base := range []session.Filter{{}, {Status: session.StatusDeclared}, {From: Start + 14}} {
		whole, err := s.Sessions.Sessions(ctx, CentreA, base)
		require.NoError(t, err)
		for _, size := range []int{1, 3, len(whole) + 1} {
			walked := walkPages(t, len(whole), size, func(after *session.Position) ([]session.Session, error) {
				f := base
				f.Limit, f.After = size, after
				return s.Sessions.Sessions(ctx, CentreA, f)
			}, session.Session.Position)
			assert.Equal(t, whole, walked, fmt.Sprintf("pages of %d of %+v", size, base))
		}
	}
}

// walkPages reads a list of n items page by page, size items each, each
// page starting after the position of the last item of the one before,
// and returns the items in the order read.
func walkPages[T, P any](t *testing.T, n, size int, page func(after *P) ([]T, error), position func(T) P) []T {
	t.Helper()
	var walked []T
	var after *P
	for range n + 2 {
		got, err := page(after)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(got), size)
		walked = append(walked, got...)
		if len(got) < size {
			break
		}
		last := position(got[len(got)-1])
		after = &last
	}
	return walked
}
