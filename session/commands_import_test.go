package session_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// failingCandidates fails the n-th candidate it is asked to create.
type failingCandidates struct {
	candidate.CandidateStore
	n, calls int
}

var errDiskFull = errors.New("disk full")

func (f *failingCandidates) CreateCandidate(ctx context.Context, c candidate.Candidate) error {
	f.calls++
	if f.calls == f.n {
		return errDiskFull
	}
	return f.CandidateStore.CreateCandidate(ctx, c)
}

func importService(t *testing.T, candidates candidate.CandidateStore) (*session.Service, *memstore.Store) {
	t.Helper()
	store := memstore.New()
	if candidates == nil {
		candidates = store
	}
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: candidates, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Receipts: store,
	}, session.Config{Clock: tpsession.NewFixedClock(at(start)), Location: paris})
	require.NoError(t, err)
	return svc, store
}

func importInput(first, last, born string) candidate.CandidateInput {
	return candidate.CandidateInput{FirstName: first, LastName: last, BirthDate: born, Route: "formation"}
}

func TestImportCandidatesCreatesAllInOrder(t *testing.T) {
	svc, store := importService(t, nil)
	ctx := context.Background()
	got, err := svc.ImportCandidates(ctx, admin, []candidate.CandidateInput{
		importInput("Élise", "Martin", "1996-05-14"),
		importInput("Noé", "Lefèvre", "1990-01-31"),
	})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "Élise", got[0].FirstName)
	assert.Equal(t, "Noé", got[1].FirstName)
	stored, err := store.CandidatesOfCentre(ctx, admin.Centre)
	require.NoError(t, err)
	assert.Len(t, stored, 2)
	again, err := svc.Candidate(ctx, admin, got[1].ID)
	require.NoError(t, err)
	assert.Equal(t, "Lefèvre", again.LastName)
}

func TestImportCandidatesRefusesAllWhenOneIsBad(t *testing.T) {
	svc, store := importService(t, nil)
	ctx := context.Background()
	_, err := svc.ImportCandidates(ctx, admin, []candidate.CandidateInput{
		importInput("Élise", "Martin", "1996-05-14"),
		importInput("Noé", "", "1990-02-30"),
		importInput("Inès", "Durand", "1988-07-01"),
	})
	require.ErrorIs(t, err, candidate.ErrInvalidCandidate)
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok)
	var fields []string
	for _, f := range e.Fields {
		fields = append(fields, f.Field)
	}
	assert.ElementsMatch(t, []string{"[1].last_name", "[1].birth_date"}, fields)
	stored, err := store.CandidatesOfCentre(ctx, admin.Centre)
	require.NoError(t, err)
	assert.Empty(t, stored, "nothing is created when one input is bad")
}

func TestImportCandidatesBounds(t *testing.T) {
	svc, _ := importService(t, nil)
	_, err := svc.ImportCandidates(context.Background(), admin, nil)
	assert.ErrorIs(t, err, tpsession.ErrInvalidInput)
	many := make([]candidate.CandidateInput, session.MaxImportCandidates+1)
	_, err = svc.ImportCandidates(context.Background(), admin, many)
	assert.ErrorIs(t, err, tpsession.ErrInvalidInput)
	_, err = svc.ImportCandidates(context.Background(), session.Actor{Centre: admin.Centre}, []candidate.CandidateInput{importInput("A", "B", "1990-01-01")})
	assert.ErrorIs(t, err, tpsession.ErrForbidden)
}

func TestImportCandidatesReturnsTheStoreError(t *testing.T) {
	store := memstore.New()
	svc, _ := importService(t, &failingCandidates{CandidateStore: store, n: 2})
	_, err := svc.ImportCandidates(context.Background(), admin, []candidate.CandidateInput{
		importInput("Élise", "Martin", "1996-05-14"),
		importInput("Noé", "Lefèvre", "1990-01-31"),
	})
	assert.ErrorIs(t, err, errDiskFull)
}
