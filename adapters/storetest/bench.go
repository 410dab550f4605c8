package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// Benchmark measures the main operations of the session service on the
// stores open returns (Sessions, Events and Registrations are used), one
// sub-benchmark each: sessions created, read (alone and in parallel) and
// updated, registrations created, read, updated and listed, events
// appended and read. Each store adapter runs it from a Benchmark function
// of its own tests, so that their figures compare.
func Benchmark(b *testing.B, open func(b *testing.B) Stores) {
	ctx := context.Background()
	centre := CentreA
	// setup returns new stores holding one session with n registrations
	// and n events.
	setup := func(b *testing.B, n int) (Stores, session.Session, candidate.Registration) {
		st := open(b)
		s := NewSession(b, centre, Start)
		require.NoError(b, st.Sessions.CreateSession(ctx, s))
		var r candidate.Registration
		for i := range n {
			r = NewRegistration(b, centre, s.ID)
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

// benchEvent is the i-th event of the benchmark's session.
func benchEvent(sid tpsession.SessionID, i int) session.Event {
	return session.Event{
		ID: tpsession.NewEventID(), Centre: CentreA, Session: sid, At: At.Add(time.Duration(i) * time.Millisecond),
		Actor: "Claire Martin", Action: session.ActionCandidateRegistered, Detail: "candidate registered",
	}
}
