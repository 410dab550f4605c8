package pli_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

// The fixture's session starts on Monday 31 May 2027; its pli goes through
// each step on a fixed day.
var (
	centre      = tpsession.CentreID("centre-lyon")
	start       = date.New(2027, 5, 31)
	orderDay    = date.New(2027, 2, 1)
	receiptDay  = date.New(2027, 3, 1)
	orderedAt   = time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
	receivedAt  = time.Date(2027, 3, 1, 14, 30, 0, 0, time.UTC)
	securedAt   = time.Date(2027, 3, 1, 15, 0, 0, 0, time.UTC)
	openedAt    = time.Date(2027, 5, 31, 6, 45, 0, 0, time.UTC)
	materials   = []pli.Material{{Name: "Poste informatique", Quantity: 12, Epreuve: "MSP"}, {Name: "Vidéoprojecteur", Quantity: 1}}
	witnesses   = []string{"Jeanne Martin", "Paul Durand"}
	responsable = "Marie Dupont"
)

// newPli returns a pli not ordered yet.
func newPli(t testing.TB) pli.Pli {
	t.Helper()
	p, err := pli.New(centre, tpsession.NewPliID(), tpsession.NewSessionID())
	require.NoError(t, err)
	return p
}

// pliAt returns a pli taken through the lifecycle up to status s.
func pliAt(t testing.TB, s pli.Status) pli.Pli {
	t.Helper()
	p := newPli(t)
	steps := []struct {
		reached pli.Status
		do      func() error
	}{
		{pli.StatusOrdered, func() error { return p.Order(orderDay, orderDay, orderedAt, responsable) }},
		{pli.StatusReceived, func() error { return p.Receive(receiptDay, receiptDay, receivedAt, responsable) }},
		{pli.StatusOrganisateurRead, func() error { return p.ReadOrganisateur(materials, receivedAt, responsable) }},
		{pli.StatusSecured, func() error { return p.Secure("Coffre-fort, bureau 12", responsable, securedAt, responsable) }},
		{pli.StatusOpened, func() error { return p.Open(true, witnesses, openedAt, responsable) }},
	}
	for _, step := range steps {
		if p.Status() == s {
			break
		}
		require.NoError(t, step.do())
		require.Equal(t, step.reached, p.Status())
	}
	require.Equal(t, s, p.Status())
	return p
}

// actions lists the actions of a custody log.
func actions(l pli.Log) []pli.Action {
	out := make([]pli.Action, len(l))
	for i, e := range l {
		out[i] = e.Action
	}
	return out
}
