package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/postgres"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// steppingClock tells a later instant at each reading, to all its readers.
type steppingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *steppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Microsecond)
	return c.now
}

// TestCommitOrder runs units of work that read the clock inside the
// transaction, as a command stamps what it writes, on two pools at once:
// accesses appended to one pli's custody log, each with its event, and
// events alone. A unit run again after a conflict reads the clock again, so
// the custody log's instants follow its order, and the event log read by
// time is the log in commit order: the order of the numbers its rows were
// given, which the head row hands out one commit after the other.
func TestCommitOrder(t *testing.T) {
	ctx := context.Background()
	u := postgrestest.Schema(t)
	dbs := []*postgres.DB{open(t, u, postgres.WithMaxConns(4)), open(t, u, postgres.WithMaxConns(4))}
	clock := &steppingClock{now: storetest.At.Add(time.Hour)}
	p := storetest.NewPli(t, storetest.CentreA)
	require.NoError(t, dbs[0].CreatePli(ctx, p))
	sid := p.Session

	const n = 60
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			db := dbs[i%2]
			errs[i] = db.Atomic(ctx, func(ctx context.Context) error {
				now := clock.Now()
				detail := fmt.Sprintf("unit %d", i)
				if i%3 != 0 {
					err := db.UpdatePli(ctx, storetest.CentreA, sid, func(p *pli.Pli) error {
						if err := p.RecordAccess(pli.Access{Reason: detail}, now, "Claire Martin"); err != nil {
							return err
						}
						detail += "; custody head " + p.Custody.Head()
						return nil
					})
					if err != nil {
						return err
					}
				}
				return db.AppendEvent(ctx, session.Event{ID: tpsession.NewEventID(), Centre: storetest.CentreA, Session: sid, At: now, Actor: "Claire Martin", Action: "test.unit", Detail: detail})
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "unit %d", i)
	}

	got, err := dbs[1].Pli(ctx, storetest.CentreA, sid)
	require.NoError(t, err)
	require.NoError(t, got.Custody.Verify(), "the instants follow the log's order")
	assert.Len(t, got.Custody, len(p.Custody)+n*2/3)

	events, err := dbs[0].Events(ctx, storetest.CentreA, sid)
	require.NoError(t, err)
	require.Len(t, events, n)
	var byTime []string
	for _, e := range events {
		byTime = append(byTime, e.Detail)
	}
	rows, err := postgrestest.Conn(t, u).Query(ctx, "SELECT detail FROM events WHERE centre = $1 AND session = $2 ORDER BY seq", string(storetest.CentreA), string(sid))
	require.NoError(t, err)
	var byCommit []string
	for rows.Next() {
		var d string
		require.NoError(t, rows.Scan(&d))
		byCommit = append(byCommit, d)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, byCommit, byTime, "by time is by commit")
}
