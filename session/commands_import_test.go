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
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store,
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
	imported, err := svc.ImportCandidates(ctx, admin, []candidate.CandidateInput{
		importInput("Élise", "Martin", "1996-05-14"),
		importInput("Noé", "Lefèvre", "1990-01-31"),
	}, session.ImportOptions{})
	require.NoError(t, err)
	got := imported.Created
	require.Len(t, got, 2)
	assert.Empty(t, imported.Known)
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
	}, session.ImportOptions{})
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
	_, err := svc.ImportCandidates(context.Background(), admin, nil, session.ImportOptions{})
	assert.ErrorIs(t, err, tpsession.ErrInvalidInput)
	many := make([]candidate.CandidateInput, session.MaxImportCandidates+1)
	_, err = svc.ImportCandidates(context.Background(), admin, many, session.ImportOptions{})
	assert.ErrorIs(t, err, tpsession.ErrInvalidInput)
	_, err = svc.ImportCandidates(context.Background(), session.Actor{Centre: admin.Centre}, []candidate.CandidateInput{importInput("A", "B", "1990-01-01")}, session.ImportOptions{})
	assert.ErrorIs(t, err, tpsession.ErrForbidden)
}

func TestImportCandidatesReturnsTheStoreError(t *testing.T) {
	store := memstore.New()
	svc, _ := importService(t, &failingCandidates{CandidateStore: store, n: 2})
	_, err := svc.ImportCandidates(context.Background(), admin, []candidate.CandidateInput{
		importInput("Élise", "Martin", "1996-05-14"),
		importInput("Noé", "Lefèvre", "1990-01-31"),
	}, session.ImportOptions{})
	assert.ErrorIs(t, err, errDiskFull)
}

// TestImportCandidatesKnowsWhoIsThere imports candidates some of whom the
// centre has already, their names written otherwise: they are reported,
// not created, and importing the same file twice creates each once.
func TestImportCandidatesKnowsWhoIsThere(t *testing.T) {
	svc, store := importService(t, nil)
	ctx := context.Background()
	first, err := svc.ImportCandidates(ctx, admin, []candidate.CandidateInput{
		importInput("Élise", "Martin", "1996-05-14"),
		importInput("Noé", "Le Gall", "1990-01-31"),
	}, session.ImportOptions{})
	require.NoError(t, err)
	require.Len(t, first.Created, 2)

	withContacts := importInput("ELISE", "MARTÍN", "1996-05-14")
	withContacts.Email, withContacts.Phone = "elise@example.fr", "06 12 34 56 78"
	second, err := svc.ImportCandidates(ctx, admin, []candidate.CandidateInput{
		importInput("Inès", "Durand", "1988-07-01"),
		withContacts,
		importInput("noe", "LE-GALL", "1990-01-31"),
		importInput("Noé", "Le Gall", "1990-02-01"), // another birth date: another person
		importInput("Élise", "Martin", "1996-05-14"),
	}, session.ImportOptions{})
	require.NoError(t, err)
	var created []string
	for _, c := range second.Created {
		created = append(created, c.FirstName+" "+c.LastName+" "+c.BirthDate.String())
	}
	assert.Equal(t, []string{"Inès Durand 1988-07-01", "Noé Le Gall 1990-02-01"}, created)
	require.Len(t, second.Known, 3)
	assert.Equal(t, 1, second.Known[0].Index)
	assert.Equal(t, first.Created[0].ID, second.Known[0].Candidate.ID)
	assert.False(t, second.Known[0].Updated)
	assert.Empty(t, second.Known[0].Candidate.Email, "a reported candidate is left as it was")
	assert.Equal(t, 2, second.Known[1].Index)
	assert.Equal(t, first.Created[1].ID, second.Known[1].Candidate.ID)
	assert.Equal(t, 4, second.Known[2].Index)

	again, err := svc.ImportCandidates(ctx, admin, []candidate.CandidateInput{withContacts, importInput("Inès", "Durand", "1988-07-01")}, session.ImportOptions{UpdateContacts: true})
	require.NoError(t, err)
	assert.Empty(t, again.Created, "the same file again creates nobody")
	require.Len(t, again.Known, 2)
	assert.True(t, again.Known[0].Updated)
	assert.Equal(t, "elise@example.fr", again.Known[0].Candidate.Email)
	stored, err := svc.Candidate(ctx, admin, first.Created[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "elise@example.fr", stored.Email)
	assert.Equal(t, "06 12 34 56 78", stored.Phone)
	assert.Equal(t, "Élise", stored.FirstName, "the names stay as they were")
	all, err := store.CandidatesOfCentre(ctx, admin.Centre)
	require.NoError(t, err)
	assert.Len(t, all, 4)

	// Another centre's candidates are not known here.
	theirs, err := svc.ImportCandidates(ctx, other, []candidate.CandidateInput{importInput("Élise", "Martin", "1996-05-14")}, session.ImportOptions{})
	require.NoError(t, err)
	assert.Len(t, theirs.Created, 1)
}

func TestCreateAndReviseRefuseAKnownPerson(t *testing.T) {
	svc, store := importService(t, nil)
	ctx := context.Background()
	elise, err := svc.CreateCandidate(ctx, admin, importInput("Élise", "Martin", "1996-05-14"))
	require.NoError(t, err)

	// The same person, case, accents and punctuation aside: refused,
	// naming the candidate already there, and nothing stored.
	_, err = svc.CreateCandidate(ctx, admin, importInput("ELISE", "MARTÍN", "1996-05-14"))
	require.ErrorIs(t, err, candidate.ErrKnownCandidate)
	assert.Equal(t, tpsession.Conflict, tpsession.KindOf(err))
	var known *candidate.KnownError
	require.ErrorAs(t, err, &known)
	assert.Equal(t, elise.ID, known.Known.ID)
	assert.Contains(t, err.Error(), string(elise.ID))
	all, err := store.CandidatesOfCentre(ctx, admin.Centre)
	require.NoError(t, err)
	assert.Len(t, all, 1)

	// One day apart, or another first name, or another centre: another
	// person.
	twin, err := svc.CreateCandidate(ctx, admin, importInput("Élise", "Martin", "1996-05-15"))
	require.NoError(t, err)
	_, err = svc.CreateCandidate(ctx, admin, importInput("Élisa", "Martin", "1996-05-14"))
	require.NoError(t, err)
	_, err = svc.CreateCandidate(ctx, other, importInput("Élise", "Martin", "1996-05-14"))
	require.NoError(t, err)

	// A revision that keeps one's own identity is no conflict; one that
	// takes another's is refused and changes nothing.
	_, err = svc.ReviseCandidate(ctx, admin, elise.ID, importInput("Élise", "MARTIN", "1996-05-14"))
	require.NoError(t, err)
	_, err = svc.ReviseCandidate(ctx, admin, twin.ID, importInput("Élise", "Martin", "1996-05-14"))
	require.ErrorAs(t, err, &known)
	assert.Equal(t, elise.ID, known.Known.ID)
	stored, err := svc.Candidate(ctx, admin, twin.ID)
	require.NoError(t, err)
	assert.Equal(t, "1996-05-15", stored.BirthDate.String())
}
