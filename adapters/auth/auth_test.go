package auth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/auth"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
)

func token(c byte) string { return strings.Repeat(string(c), auth.MinTokenLen) }

func TestLookupFindsEachTokenAndNoOther(t *testing.T) {
	ts, err := auth.NewTokens([]auth.TokenEntry{
		{Token: token('a'), Centre: "centre-lyon", Role: "admin", Name: "Claire Martin"},
		{Token: token('b'), Centre: "centre-lyon", Role: "jury", MemberEmail: "Jeanne.Martin@Jury.example"},
		{Token: token('c'), Centre: "centre-nantes", Role: "controller", Name: "DREETS"},
	})
	require.NoError(t, err)
	p, err := ts.Lookup(token('a'))
	require.NoError(t, err)
	assert.Equal(t, auth.Principal{Centre: "centre-lyon", Role: session.RoleAdmin, Name: "Claire Martin"}, p)
	p, err = ts.Lookup(token('b'))
	require.NoError(t, err)
	assert.Equal(t, auth.Principal{Centre: "centre-lyon", Role: session.RoleJury, MemberEmail: "jeanne.martin@jury.example", Name: "jeanne.martin@jury.example"}, p)
	require.NoError(t, p.Check())
	for _, unknown := range []string{"", token('d'), token('a')[1:], token('a') + "a", strings.ToUpper(token('a'))} {
		_, err := ts.Lookup(unknown)
		assert.ErrorIs(t, err, auth.ErrUnknownToken, unknown)
	}
}

func TestTokensAreChecked(t *testing.T) {
	_, err := auth.NewTokens([]auth.TokenEntry{
		{Token: token('a')[1:], Centre: "centre-lyon", Role: "admin", Name: "Claire Martin"},
		{Token: token('a'), Centre: "Lyon!", Role: "root", Name: "x"},
		{Token: token('a'), Centre: "centre-lyon", Role: "jury"},
		{Token: token('b'), Centre: "centre-lyon", Role: "admin"},
		{Token: token('c'), Centre: "centre-lyon", Role: "controller", MemberEmail: "x@example.fr", Name: "DREETS"},
	})
	require.Error(t, err)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
	var fields []string
	for _, f := range err.(*tpsession.Error).Fields {
		fields = append(fields, f.Field)
	}
	assert.ElementsMatch(t, []string{"[0].token", "[1].centre", "[1].role", "[2].token", "[2].member_email", "[3].name", "[4].member_email"}, fields)

	_, err = auth.LoadTokens(strings.NewReader(`[{"token": "` + token('a') + `", "centre": "centre-lyon", "role": "admin", "name": "x", "extra": 1}]`))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), token('a'), "the message never quotes the file")
}

func TestPrincipalCheck(t *testing.T) {
	ok := auth.Principal{Centre: "centre-lyon", Role: session.RoleAdmin, Name: "Claire"}
	require.NoError(t, ok.Check())
	for name, p := range map[string]auth.Principal{
		"no centre":       {Role: session.RoleAdmin, Name: "Claire"},
		"unknown role":    {Centre: "centre-lyon", Role: "root", Name: "Claire"},
		"jury, no e-mail": {Centre: "centre-lyon", Role: session.RoleJury, Name: "Jeanne"},
		"no name":         {Centre: "centre-lyon", Role: session.RoleController, Name: " "},
	} {
		assert.Error(t, p.Check(), name)
	}
}

// TestActorOfAJuryPrincipal: a jury principal is its member of the
// directory, found by e-mail when the actor is made; none before the
// member is added.
func TestActorOfAJuryPrincipal(t *testing.T) {
	ctx, store := context.Background(), memstore.New()
	svc, err := session.NewService(session.Stores{Sessions: store, Events: store, Candidates: store,
		Registrations: store, Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: store}, session.Config{})
	require.NoError(t, err)
	p := auth.Principal{Centre: "centre-lyon", Role: session.RoleJury, MemberEmail: "jeanne.martin@jury.example", Name: "Jeanne"}
	by, err := p.Actor(ctx, svc)
	require.NoError(t, err)
	assert.Equal(t, session.Actor{Centre: "centre-lyon", Name: "Jeanne", Role: session.RoleJury}, by)

	admin := session.Actor{Centre: "centre-lyon", Name: "Claire", Role: session.RoleAdmin}
	m, err := svc.CreateMember(ctx, admin, jury.MemberInput{Name: "Jeanne Martin", Email: "jeanne.martin@jury.example",
		Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2025-01-01", ValidUntil: "2030-12-31"}}})
	require.NoError(t, err)
	by, err = p.Actor(ctx, svc)
	require.NoError(t, err)
	assert.Equal(t, m.ID, by.Member)

	admin2, err := auth.Principal{Centre: "centre-lyon", Role: session.RoleAdmin, Name: "Claire"}.Actor(ctx, svc)
	require.NoError(t, err)
	assert.Equal(t, admin, admin2)
}
