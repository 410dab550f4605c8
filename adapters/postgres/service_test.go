package postgres_test

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/postgres"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

func service(t *testing.T, db *postgres.DB, clock tpsession.Clock) *session.Service {
	t.Helper()
	svc, err := session.NewService(session.Stores{
		Sessions: db, Events: db, Candidates: db, Registrations: db, Members: db,
		Juries: db, Plis: db, Checklists: db, Plans: db, Agrements: db, Programmes: db, Calendars: db, Exams: db, Retentions: db, Receipts: db, Tx: db,
	}, session.Config{Clock: clock})
	require.NoError(t, err)
	return svc
}

// TestServicesShareTheDatabase runs two services, each on a pool of its
// own as two instances of a program would, on one database: 50 commands
// at once on one session — registrations, changes of its site and
// accesses to its pli, half through each — lose nothing and break no
// rule; the custody chain verifies, and the event log tells the changes
// and the accesses in the order they were made.
//
// The clock ticks at every reading, as two instances' clocks move on
// between commands: the service reads it inside its transaction, so a
// command run again after a conflict reads it again, and the instants of
// the custody log and the event log rise in their commit order.
func TestServicesShareTheDatabase(t *testing.T) {
	ctx := context.Background()
	u := postgrestest.Schema(t)
	clock := &tickingClock{base: time.Date(2026, time.November, 27, 8, 0, 0, 0, time.UTC)}
	dbs := []*postgres.DB{open(t, u, postgres.WithMaxConns(4)), open(t, u, postgres.WithMaxConns(4))}
	svcs := []*session.Service{service(t, dbs[0], clock), service(t, dbs[1], clock)}
	by := session.Actor{Centre: storetest.CentreA, Name: "Claire Martin"}

	s, err := svcs[0].CreateSession(ctx, by, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: "Site initial", Start: storetest.Start, End: storetest.End, PlannedCandidates: 30,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
	})
	require.NoError(t, err)
	_, _, err = svcs[1].OrderPli(ctx, by, s.ID, 0)
	require.NoError(t, err)
	_, err = svcs[0].ReceivePli(ctx, by, s.ID, 0, nil)
	require.NoError(t, err)
	before, err := svcs[1].Pli(ctx, by, s.ID)
	require.NoError(t, err)

	const n = 50
	candidates := make([]candidate.Candidate, n)
	for i := 0; i < n; i += 3 {
		candidates[i], err = svcs[i%2].CreateCandidate(ctx, by, candidate.CandidateInput{
			FirstName: "Léa", LastName: "Dubois " + string(rune('A'+i%26)) + string(rune('a'+i/26)), BirthDate: "1998-04-12", Route: "formation",
		})
		require.NoError(t, err)
	}

	var (
		start = make(chan struct{})
		wg    sync.WaitGroup
		errs  = make([]error, n)
	)
	for i := range n {
		wg.Go(func() {
			svc := svcs[i%2]
			<-start
			switch i % 3 {
			case 0:
				_, errs[i] = svc.Register(ctx, by, s.ID, candidates[i].ID)
			case 1:
				site := fmt.Sprintf("Site %d", i)
				_, errs[i] = svc.ChangeSession(ctx, by, s.ID, session.Change{Site: &site})
			case 2:
				_, errs[i] = svc.RecordPliAccess(ctx, by, s.ID, pli.Access{Reason: fmt.Sprintf("seal check %d", i)})
			}
		})
	}
	close(start)
	wg.Wait()
	done := map[int]int{} // acknowledged commands of each kind
	for i, err := range errs {
		if err != nil {
			assert.ErrorIs(t, err, tpsession.ErrConflict, "command %d: a command either succeeds or reports a conflict to retry", i)
			continue
		}
		done[i%3]++
	}
	t.Logf("acknowledged: %d registrations, %d changes, %d accesses; %d transactions run again", done[0], done[1], done[2], dbs[0].Reruns()+dbs[1].Reruns())
	assert.Equal(t, map[int]int{0: 17, 1: 17, 2: 16}, done, "no command failed for running beside the others")

	// Every acknowledged registration is there, once.
	regs, err := svcs[0].Registrations(ctx, by, s.ID)
	require.NoError(t, err)
	assert.Len(t, regs, done[0])
	for i := 0; i < n; i += 3 {
		if errs[i] != nil {
			continue
		}
		_, err := svcs[1].Registration(ctx, by, s.ID, candidates[i].ID)
		assert.NoError(t, err, "the registration of candidate %d", i)
	}

	// The custody log holds every acknowledged access once, and verifies.
	p, err := svcs[1].Pli(ctx, by, s.ID)
	require.NoError(t, err)
	require.NoError(t, p.Custody.Verify())
	require.Len(t, p.Custody, len(before.Custody)+done[2])
	accessed := map[string]int{}
	for _, e := range p.Custody[len(before.Custody):] {
		assert.Equal(t, pli.ActionAccessed, e.Action)
		accessed[e.Detail]++
	}
	for i := 2; i < n; i += 3 {
		if errs[i] == nil {
			assert.Equal(t, 1, accessed[fmt.Sprintf("DTEs accessed: %q", fmt.Sprintf("seal check %d", i))], "access %d", i)
		}
	}

	// The event log, read in its order, tells the accesses in the custody
	// log's order (each names the custody head it made) and the changes
	// one after the other (each starts from the site the one before left).
	events, err := svcs[0].Events(ctx, by, s.ID)
	require.NoError(t, err)
	heads := []string{}
	for i := range p.Custody[len(before.Custody):] {
		heads = append(heads, p.Custody[:len(before.Custody)+i+1].Head())
	}
	headOf := regexp.MustCompile(`custody head (\S+)$`)
	siteChange := regexp.MustCompile(`^site "(.*)" → "(.*)"$`)
	var loggedHeads []string
	site, changes, registered := "Site initial", 0, 0
	for _, e := range events {
		switch e.Action {
		case string(pli.ActionAccessed):
			m := headOf.FindStringSubmatch(e.Detail)
			require.NotNil(t, m, e.Detail)
			loggedHeads = append(loggedHeads, m[1])
		case session.ActionSessionChanged:
			m := siteChange.FindStringSubmatch(e.Detail)
			require.NotNil(t, m, e.Detail)
			assert.Equal(t, site, m[1], "change %d starts from the site the change before left", changes)
			site = m[2]
			changes++
		case session.ActionCandidateRegistered:
			registered++
		}
	}
	assert.Equal(t, heads, loggedHeads, "the accesses are logged in the custody log's order")
	for i := 1; i < len(p.Custody); i++ {
		assert.False(t, p.Custody[i].At.Before(p.Custody[i-1].At), "custody entry %d is stamped before the one it follows", i)
	}
	for i := 1; i < len(events); i++ {
		assert.False(t, events[i].At.Before(events[i-1].At), "event %d (%s) is stamped before the one it follows", i, events[i].Action)
	}
	assert.Equal(t, done[1], changes)
	assert.Equal(t, done[0], registered)
	got, err := svcs[1].Session(ctx, by, s.ID)
	require.NoError(t, err)
	assert.Equal(t, site, got.Site, "the session has the site of the last change logged")
}

// tickingClock moves a millisecond at every reading, whichever instance
// reads it.
type tickingClock struct {
	base  time.Time
	ticks atomic.Int64
}

func (c *tickingClock) Now() time.Time {
	return c.base.Add(time.Duration(c.ticks.Add(1)) * time.Millisecond)
}
