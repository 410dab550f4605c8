package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// hookedClock ticks a millisecond at every reading, then sleeps a random
// moment before the reader goes on: a command that read it first may then
// reach the stores last. A command stamped before it waits for the
// stores' write lock shows up as a log out of commit order.
type hookedClock struct {
	base  time.Time
	ticks atomic.Int64
}

func (c *hookedClock) Now() time.Time {
	now := c.base.Add(time.Duration(c.ticks.Add(1)) * time.Millisecond)
	time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
	return now
}

// serviceOver returns a session service over the stores under test, with a
// hooked clock on Today.
func serviceOver(t *testing.T, s Stores) *session.Service {
	t.Helper()
	svc, err := session.NewService(session.Stores{
		Sessions: s.Sessions, Events: s.Events, Candidates: s.Candidates, Registrations: s.Registrations,
		Members: s.Members, Juries: s.Juries, Plis: s.Plis, Checklists: s.Checklists, Plans: s.Plans,
		Agrements: s.Agrements, Programmes: s.Programmes, Calendars: s.Calendars, Exams: s.Exams, Retentions: s.Retentions, Receipts: s.Receipts, Tx: s.Tx,
	}, session.Config{Clock: &hookedClock{base: At}, Location: time.UTC})
	require.NoError(t, err)
	return svc
}

// simultaneously runs n commands at once and returns their errors.
func simultaneously(n int, cmd func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	startGun := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-startGun
			errs[i] = cmd(i)
		})
	}
	close(startGun)
	wg.Wait()
	return errs
}

// testServiceConcurrency runs the session service over the stores, many
// commands at once on one session: each must succeed, and the custody log
// and the event log, read by time, must be in the order the commands
// committed. It needs the stores' transactions.
func testServiceConcurrency(t *testing.T, open Open) {
	ctx := context.Background()
	by := session.Actor{Centre: CentreA, Name: "Claire Martin"}
	newSession := func(t *testing.T) (*session.Service, session.Session) {
		s := open(t)
		if s.Tx == nil {
			t.Skip("the stores offer no transactions: a command's writes are not ordered as a whole")
		}
		svc := serviceOver(t, s)
		ses, err := svc.CreateSession(ctx, by, session.Details{
			Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
			Site: "Site 0", Start: Start, End: End, PlannedCandidates: 12,
			Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
		})
		require.NoError(t, err)
		return svc, ses
	}
	const n = 50

	t.Run("simultaneous accesses to the pli all succeed and the chain verifies", func(t *testing.T) {
		svc, ses := newSession(t)
		_, _, err := svc.OrderPli(ctx, by, ses.ID, Today)
		require.NoError(t, err)
		_, err = svc.ReceivePli(ctx, by, ses.ID, Today, nil)
		require.NoError(t, err)
		errs := simultaneously(n, func(i int) error {
			_, err := svc.RecordPliAccess(ctx, by, ses.ID, pli.Access{Reason: fmt.Sprintf("seal check %d", i)})
			return err
		})
		for i, err := range errs {
			assert.NoError(t, err, "access %d", i)
		}
		p, err := svc.Pli(ctx, by, ses.ID)
		require.NoError(t, err)
		require.NoError(t, p.Custody.Verify())
		accessed := 0
		for _, e := range p.Custody {
			if e.Action == pli.ActionAccessed {
				accessed++
			}
		}
		assert.Equal(t, n, accessed)

		// The event log anchors the chain: read by time, its pli entries
		// give the custody heads in the chain's order.
		events, err := svc.Events(ctx, by, ses.ID)
		require.NoError(t, err)
		var heads []string
		for _, e := range events {
			if _, head, ok := strings.Cut(e.Detail, "; custody head "); ok && strings.HasPrefix(e.Action, "pli.") {
				heads = append(heads, head)
			}
		}
		var want []string
		for i := range p.Custody {
			want = append(want, p.Custody[:i+1].Head())
		}
		assert.Equal(t, want, heads, "the event log, read by time, follows the custody chain")
	})

	t.Run("simultaneous changes form one unbroken chain in the event log", func(t *testing.T) {
		svc, ses := newSession(t)
		errs := simultaneously(n, func(i int) error {
			site := fmt.Sprintf("Site %d", i+1)
			_, err := svc.ChangeSession(ctx, by, ses.ID, session.Change{Site: &site})
			return err
		})
		for i, err := range errs {
			assert.NoError(t, err, "change %d", i)
		}
		events, err := svc.Events(ctx, by, ses.ID)
		require.NoError(t, err)
		change := regexp.MustCompile(`^site "(.*)" → "(.*)"$`)
		site, changes := "Site 0", 0
		for i, e := range events {
			if i > 0 {
				assert.False(t, e.At.Before(events[i-1].At), "the log is read by time")
			}
			if e.Action != session.ActionSessionChanged {
				continue
			}
			changes++
			m := change.FindStringSubmatch(e.Detail)
			require.NotNil(t, m, e.Detail)
			assert.Equal(t, site, m[1], "change %d starts from where the one before it ended", changes)
			site = m[2]
		}
		assert.Equal(t, n, changes)
		got, err := svc.Session(ctx, by, ses.ID)
		require.NoError(t, err)
		assert.Equal(t, site, got.Site, "the last change in the log is the session's state")
	})
}
