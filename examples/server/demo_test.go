package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// interrupting is a session store that cancels the seeding's context once
// it has stored n sessions: the server asked to stop part-way.
type interrupting struct {
	session.Store
	n      int
	cancel context.CancelFunc
}

func (s *interrupting) CreateSession(ctx context.Context, ses session.Session) error {
	err := s.Store.CreateSession(ctx, ses)
	if s.n--; s.n == 0 {
		s.cancel()
	}
	return err
}

// demoStores opens the stores of each kind the server offers.
func demoStores(t *testing.T) map[string]session.Stores {
	t.Helper()
	out := map[string]session.Stores{}
	dbs := map[string]string{"memory": "memory", "sqlite": filepath.Join(t.TempDir(), "demo.db")}
	if os.Getenv(postgrestest.URLEnv) != "" {
		dbs["postgres"] = postgrestest.Schema(t)
	}
	for name, db := range dbs {
		st, err := openStores(context.Background(), dbConfig{db: db})
		require.NoError(t, err)
		t.Cleanup(func() { assert.NoError(t, st.close()) })
		out[name] = st.stores
	}
	return out
}

func newService(t *testing.T, stores session.Stores) *session.Service {
	t.Helper()
	svc, err := session.NewService(stores, session.Config{Location: paris(t)})
	require.NoError(t, err)
	return svc
}

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := tpsession.LoadParis()
	require.NoError(t, err)
	return loc
}

// contents counts the demo centre's sessions and members.
func contents(t *testing.T, svc *session.Service) (sessions, members int) {
	t.Helper()
	by := session.Actor{Centre: demoCentre, Name: "test"}
	ss, err := svc.Sessions(context.Background(), by, session.Filter{})
	require.NoError(t, err)
	ms, err := svc.Members(context.Background(), by, "", tpsession.DateRange{})
	require.NoError(t, err)
	return len(ss), len(ms)
}

func TestAnInterruptedSeedLeavesNothing(t *testing.T) {
	for name, stores := range demoStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			interrupted := stores
			interrupted.Sessions = &interrupting{Store: stores.Sessions, n: 2, cancel: cancel}
			seeded, err := seedDemo(ctx, interrupted, session.Config{Location: paris(t)})
			assert.ErrorIs(t, err, context.Canceled)
			assert.False(t, seeded)

			svc := newService(t, stores)
			sessions, members := contents(t, svc)
			assert.Zero(t, sessions, "the sessions stored before the interruption are rolled back")
			assert.Zero(t, members, "and so are the members")

			seeded, err = seedDemo(context.Background(), stores, session.Config{Location: paris(t)})
			require.NoError(t, err)
			assert.True(t, seeded, "a later run seeds the demo whole")
			sessions, members = contents(t, svc)
			assert.Equal(t, 5, sessions)
			assert.Equal(t, 6, members)

			seeded, err = seedDemo(context.Background(), stores, session.Config{Location: paris(t)})
			require.NoError(t, err)
			assert.False(t, seeded, "the whole demo is there: it is not seeded again")
		})
	}
}

func TestASeedOverOtherDataFails(t *testing.T) {
	for name, stores := range demoStores(t) {
		t.Run(name, func(t *testing.T) {
			svc := newService(t, stores)
			// Members and no session: what an interrupted seed of an
			// earlier version left.
			_, err := svc.CreateMember(context.Background(), session.Actor{Centre: demoCentre, Name: "test"}, jury.MemberInput{
				Name: "Jeanne Martin", Email: "jeanne.martin@jury.example",
				Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2026-01-01", ValidUntil: "2030-12-31"}},
			})
			require.NoError(t, err)
			seeded, err := seedDemo(context.Background(), stores, session.Config{Location: paris(t)})
			require.Error(t, err)
			assert.False(t, seeded)
			assert.Contains(t, err.Error(), "is not empty, nor does it hold the whole demo")
			assert.Contains(t, err.Error(), "1 of the 6 of the demo")
			sessions, members := contents(t, svc)
			assert.Zero(t, sessions)
			assert.Equal(t, 1, members, "left as it was")
		})
	}
}

// TestTheDemosDatesAgree: every step of the demo is dated the day it
// claims: the custody log with the pli's milestones, the event log with the
// convocations' validation, and the convocations of candidates sitting on
// two days give both.
func TestTheDemosDatesAgree(t *testing.T) {
	stores := demoStores(t)["memory"]
	seeded, err := seedDemo(context.Background(), stores, session.Config{Location: paris(t)})
	require.NoError(t, err)
	require.True(t, seeded)
	svc := newService(t, stores)
	ctx, by := context.Background(), session.Actor{Centre: demoCentre, Name: "test"}
	day := func(at time.Time) date.Date { return date.NewAt(at.In(paris(t))) }
	sessions, err := svc.Sessions(ctx, by, session.Filter{})
	require.NoError(t, err)
	twoDays := 0
	for _, s := range sessions {
		p, err := svc.Pli(ctx, by, s.ID)
		require.NoError(t, err)
		for _, e := range p.Custody {
			switch e.Action {
			case pli.ActionOrdered:
				assert.Equal(t, p.OrderedOn, day(e.At), "%s: the pli was ordered the day the log says", s.TitleName)
			case pli.ActionReceived:
				assert.Equal(t, p.ReceivedOn, day(e.At), "%s: received the day the log says", s.TitleName)
			}
		}
		assert.Equal(t, s.Milestones().DeclaredOn, func() date.Date {
			events, err := svc.Events(ctx, by, s.ID)
			require.NoError(t, err)
			for _, e := range events {
				if e.Action == session.ActionSessionDeclared {
					return day(e.At)
				}
			}
			return date.Zero
		}(), "%s: declared the day the event log says", s.TitleName)
		regs, err := svc.Registrations(ctx, by, s.ID)
		require.NoError(t, err)
		for _, r := range regs {
			if r.Convocation == nil || !r.Convocation.Validated() {
				continue
			}
			assert.True(t, r.RegisteredAt.Before(r.Convocation.ValidatedOn.Time(0, paris(t))), "registered before the convocation was validated")
			if len(r.Convocation.Appointments) > 1 {
				twoDays++
			}
		}
		readiness, err := svc.Readiness(ctx, by, s.ID)
		require.NoError(t, err)
		for _, f := range readiness.Findings {
			assert.NotEqual(t, checklist.CodeConvocationsUnmet, f.Code, "%s: %s", s.TitleName, f.Message)
		}
	}
	assert.Positive(t, twoDays, "the plan has candidates on two days, and their convocations say so")
}
