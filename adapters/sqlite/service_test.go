package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

func service(t *testing.T, db *sqlite.DB, clock tpsession.Clock) *session.Service {
	t.Helper()
	svc, err := session.NewService(session.Stores{
		Sessions: db, Events: db, Candidates: db, Registrations: db, Members: db,
		Juries: db, Plis: db, Checklists: db, Plans: db, Agrements: db, Programmes: db, Calendars: db, Exams: db, Retentions: db, Receipts: db, Tx: db,
	}, session.Config{Clock: clock})
	require.NoError(t, err)
	return svc
}

// TestService runs the session service on a database file, its commands
// in transactions, some nested (validating the last convocation records
// the session's milestone in the same transaction), and finds the session
// as it left it after the file is reopened.
func TestService(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	db, err := sqlite.Open(ctx, path)
	require.NoError(t, err)
	clock := tpsession.NewFixedClock(time.Date(2026, time.November, 27, 8, 0, 0, 0, time.UTC))
	svc := service(t, db, clock)
	by := session.Actor{Centre: storetest.CentreA, Name: "Claire Martin"}

	s, err := svc.CreateSession(ctx, by, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre",
		Site: "12 rue des Lilas, 69003 Lyon", Start: storetest.Start, End: storetest.End, PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
	})
	require.NoError(t, err)
	c, err := svc.CreateCandidate(ctx, by, candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", Route: "formation"})
	require.NoError(t, err)
	_, err = svc.Register(ctx, by, s.ID, c.ID)
	require.NoError(t, err)
	_, err = svc.Register(ctx, by, s.ID, c.ID)
	assert.ErrorIs(t, err, candidate.ErrDuplicateRegistration)
	_, err = svc.DraftConvocation(ctx, by, s.ID, c.ID, candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30", Place: "Salle 2", Documents: []string{"pièce d'identité"},
	})
	require.NoError(t, err)
	_, err = svc.ValidateConvocation(ctx, by, s.ID, c.ID, date.Zero)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db, err = sqlite.Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	svc = service(t, db, clock)
	got, err := svc.Session(ctx, by, s.ID)
	require.NoError(t, err)
	assert.Equal(t, session.StatusConvocationsSent, got.Status())
	events, err := svc.Events(ctx, by, s.ID)
	require.NoError(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	assert.Equal(t, []string{
		session.ActionSessionCreated, session.ActionCandidateRegistered, session.ActionConvocationDrafted,
		session.ActionConvocationValid, session.ActionSessionConvocationsSent,
	}, actions)
	conv, err := svc.Convocation(ctx, by, s.ID, c.ID)
	require.NoError(t, err)
	assert.Equal(t, candidate.ConvocationValidated, conv.State())
}
