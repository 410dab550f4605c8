package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// BenchmarkStores measures the main operations of the session service on
// SQLite (a file in WAL mode, each write a durable transaction), on an
// in-memory SQLite database (the same work without the disk) and on the
// memstore, side by side:
//
//	go test ./adapters/sqlite -run '^$' -bench BenchmarkStores -benchmem
func BenchmarkStores(b *testing.B) {
	impls := []struct {
		name string
		open func(b *testing.B) storetest.Stores
	}{
		{"memstore", func(*testing.B) storetest.Stores {
			s := memstore.New()
			return storetest.Stores{Sessions: s, Events: s, Registrations: s}
		}},
		{"sqlite", func(b *testing.B) storetest.Stores { return stores(open(b, tempPath(b))) }},
		{"sqlite-memory", func(b *testing.B) storetest.Stores { return stores(open(b, sqlite.Memory)) }},
	}
	for _, impl := range impls {
		b.Run(impl.name, func(b *testing.B) { benchmarkStores(b, impl.open) })
	}
}

func benchmarkStores(b *testing.B, open func(b *testing.B) storetest.Stores) {
	ctx := context.Background()
	centre := storetest.CentreA
	// setup returns new stores holding one session with n registrations
	// and n events.
	setup := func(b *testing.B, n int) (storetest.Stores, session.Session, candidate.Registration) {
		st := open(b)
		s := storetest.NewSession(b, centre, storetest.Start)
		require.NoError(b, st.Sessions.CreateSession(ctx, s))
		var r candidate.Registration
		for i := range n {
			r = storetest.NewRegistration(b, centre, s.ID)
			r.RegisteredAt = r.RegisteredAt.Add(time.Duration(i) * time.Second)
			require.NoError(b, st.Registrations.CreateRegistration(ctx, r))
			require.NoError(b, st.Events.AppendEvent(ctx, benchEvent(s.ID, i)))
		}
		return st, s, r
	}

	b.Run("session/create", func(b *testing.B) {
		st, s, _ := setup(b, 0)
		for b.Loop() {
			s.ID = tpsession.NewSessionID()
			require.NoError(b, st.Sessions.CreateSession(ctx, s))
		}
	})
	b.Run("session/get", func(b *testing.B) {
		st, s, _ := setup(b, 0)
		for b.Loop() {
			_, err := st.Sessions.Session(ctx, centre, s.ID)
			require.NoError(b, err)
		}
	})
	b.Run("session/get-parallel", func(b *testing.B) {
		st, s, _ := setup(b, 0)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := st.Sessions.Session(ctx, centre, s.ID); err != nil {
					b.Error(err)
				}
			}
		})
	})
	b.Run("session/update", func(b *testing.B) {
		st, s, _ := setup(b, 0)
		i := 0
		for b.Loop() {
			i++
			require.NoError(b, st.Sessions.UpdateSession(ctx, centre, s.ID, func(s *session.Session) error {
				s.PlannedCandidates = 1 + i%session.MaxPlannedCandidates
				return nil
			}))
		}
	})
	b.Run("registration/create", func(b *testing.B) {
		st, _, r := setup(b, 1)
		for b.Loop() {
			r.ID, r.Candidate = tpsession.NewRegistrationID(), tpsession.NewCandidateID()
			require.NoError(b, st.Registrations.CreateRegistration(ctx, r))
		}
	})
	b.Run("registration/get", func(b *testing.B) {
		st, s, r := setup(b, 30)
		for b.Loop() {
			_, err := st.Registrations.Registration(ctx, centre, s.ID, r.Candidate)
			require.NoError(b, err)
		}
	})
	b.Run("registration/update", func(b *testing.B) {
		st, s, r := setup(b, 30)
		i := 0
		for b.Loop() {
			i++
			require.NoError(b, st.Registrations.UpdateRegistration(ctx, centre, s.ID, r.Candidate, func(r *candidate.Registration) error {
				r.Convocation = &candidate.Convocation{ConvocationDetails: candidate.ConvocationDetails{Place: "Salle 2", Documents: []string{"pièce d'identité"}}}
				r.Convocation.Appointments = []candidate.Appointment{{Day: s.Start, Time: tpsession.TimeOfDay(i % 1440)}}
				return nil
			}))
		}
	})
	b.Run("registrations/list-30", func(b *testing.B) {
		st, s, _ := setup(b, 30)
		for b.Loop() {
			regs, err := st.Registrations.RegistrationsOfSession(ctx, centre, s.ID)
			require.NoError(b, err)
			require.Len(b, regs, 30)
		}
	})
	b.Run("events/append", func(b *testing.B) {
		st, s, _ := setup(b, 0)
		i := 0
		for b.Loop() {
			i++
			require.NoError(b, st.Events.AppendEvent(ctx, benchEvent(s.ID, i)))
		}
	})
	b.Run("events/read-50", func(b *testing.B) {
		st, s, _ := setup(b, 50)
		for b.Loop() {
			events, err := st.Events.Events(ctx, centre, s.ID)
			require.NoError(b, err)
			require.Len(b, events, 50)
		}
	})
}

func benchEvent(sid tpsession.SessionID, i int) session.Event {
	return session.Event{
		ID: tpsession.NewEventID(), Centre: storetest.CentreA, Session: sid, At: storetest.At.Add(time.Duration(i) * time.Millisecond),
		Actor: "Claire Martin", Action: session.ActionCandidateRegistered, Detail: "candidate registered",
	}
}
