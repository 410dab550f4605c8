package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/httpapi"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/session"
)

// keyed sends a request with an Idempotency-Key.
func (e *env) keyed(token, method, path, key string, body any) reply {
	e.t.Helper()
	return e.send(request{token: token, method: method, path: path, body: body, headers: []string{"Idempotency-Key: " + key}})
}

func (e *env) count(path, listKey string) int {
	e.t.Helper()
	return len(e.must(http.StatusOK, adminToken, "GET", path, nil)[listKey].([]any))
}

func TestAnIdempotencyKeyMakesARetryHarmless(t *testing.T) {
	e := newEnv(t)
	body := candidateBody("Léa", "Dubois", siretOther)
	first := e.keyed(adminToken, "POST", "/v1/candidates", "create-lea-1", body)
	require.Equal(t, http.StatusCreated, first.Status, "%s", first.Body)
	assert.Empty(t, first.Header.Get("Idempotent-Replayed"))

	again := e.keyed(adminToken, "POST", "/v1/candidates", "create-lea-1", body)
	assert.Equal(t, http.StatusCreated, again.Status)
	assert.Equal(t, string(first.Body), string(again.Body), "the first answer, body and all")
	assert.Equal(t, first.Header.Get("Location"), again.Header.Get("Location"))
	assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
	assert.Equal(t, 1, e.count("/v1/candidates", "candidates"), "one candidate")

	// The same request encoded otherwise is the same request.
	data, err := json.Marshal(body)
	require.NoError(t, err)
	var v map[string]any
	require.NoError(t, json.Unmarshal(data, &v))
	spaced, err := json.MarshalIndent(v, "", "    ")
	require.NoError(t, err)
	assert.Equal(t, string(first.Body), string(e.keyed(adminToken, "POST", "/v1/candidates", "create-lea-1", spaced).Body))

	t.Run("the same key with another request is refused", func(t *testing.T) {
		other := candidateBody("Noé", "Martin", siretOther)
		r := e.keyed(adminToken, "POST", "/v1/candidates", "create-lea-1", other)
		assert.Equal(t, http.StatusUnprocessableEntity, r.Status)
		assert.Equal(t, "session.idempotency_key_reused", r.Code(t))
		w := e.newSession()
		r = e.keyed(adminToken, "POST", w.url("/declare"), "create-lea-1", nil)
		assert.Equal(t, http.StatusUnprocessableEntity, r.Status, "on another route too")
		assert.Equal(t, 1, e.count("/v1/candidates", "candidates"))
	})
	t.Run("keys are per centre", func(t *testing.T) {
		r := e.keyed(otherToken, "POST", "/v1/candidates", "create-lea-1", body)
		assert.Equal(t, http.StatusCreated, r.Status)
		assert.NotEqual(t, string(first.Body), string(r.Body))
	})
	t.Run("a key is kept 24 hours", func(t *testing.T) {
		e.clock.Set(e.clock.Now().Add(24*time.Hour - time.Second))
		assert.Equal(t, "true", e.keyed(adminToken, "POST", "/v1/candidates", "create-lea-1", body).Header.Get("Idempotent-Replayed"))
		e.clock.Set(e.clock.Now().Add(2 * time.Second))
		r := e.keyed(adminToken, "POST", "/v1/candidates", "create-lea-1", body)
		assert.Empty(t, r.Header.Get("Idempotent-Replayed"), "after a day the key is free")
		// Sent again, the request is a new one, which the centre's own
		// records still refuse: the person is known.
		assert.Equal(t, http.StatusConflict, r.Status)
		assert.Equal(t, "candidate.known", r.Code(t))
		assert.Equal(t, first.JSON(t)["id"], r.JSON(t)["candidate"])
		assert.Equal(t, 1, e.count("/v1/candidates", "candidates"))
		e.on(today)
	})
	t.Run("a malformed key is refused", func(t *testing.T) {
		for _, key := range []string{strings.Repeat("k", 256), "two words", "clé"} {
			r := e.keyed(adminToken, "POST", "/v1/candidates", key, candidateBody("Zoé", "Martin", siretOther))
			assert.Equal(t, http.StatusBadRequest, r.Status, key)
			assert.Equal(t, []string{"Idempotency-Key"}, r.Fields(t))
		}
		r := e.keyed(adminToken, "POST", "/v1/candidates", strings.Repeat("k", 255), candidateBody("Zoé", "Martin", siretOther))
		assert.Equal(t, http.StatusCreated, r.Status, "255 characters")
	})
	t.Run("a key on a read is ignored", func(t *testing.T) {
		r := e.keyed(adminToken, "GET", "/v1/candidates", "create-lea-1", nil)
		assert.Equal(t, http.StatusOK, r.Status)
		assert.Empty(t, r.Header.Get("Idempotent-Replayed"))
	})
}

func TestARefusalIsNotKeptUnlessItWasRecorded(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	c := e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", candidateBody("Léa", "Dubois", siretOther))["id"].(string)
	e.must(http.StatusCreated, adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": c})

	// A refusal changes nothing: the same key goes through once its cause
	// is gone.
	register := map[string]any{"candidate_id": c}
	assert.Equal(t, http.StatusConflict, e.keyed(adminToken, "POST", w.url("/registrations"), "reg-lea", register).Status)
	e.must(http.StatusNoContent, adminToken, "DELETE", w.url("/registrations/"+c), nil)
	r := e.keyed(adminToken, "POST", w.url("/registrations"), "reg-lea", register)
	assert.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	assert.Empty(t, r.Header.Get("Idempotent-Replayed"))

	// Opening the pli before the session is refused and the refusal kept in
	// the custody log: that answer is kept too, and a retry adds nothing.
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/order"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/receive"), map[string]any{
		"materials": []any{map[string]any{"name": "Poste informatique", "quantity": 2}},
	})
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/secure"), map[string]any{"location": "Coffre", "custodian": "Claire Martin"})
	custody := func() int {
		return len(e.must(http.StatusOK, adminToken, "GET", w.url("/pli"), nil)["custody"].([]any))
	}
	before := custody()
	open := map[string]any{"witnesses": []string{"Claire Martin", "Jeanne Martin"}}
	first := e.keyed(adminToken, "POST", w.url("/pli/open"), "open-pli", open)
	require.Equal(t, http.StatusUnprocessableEntity, first.Status)
	assert.Equal(t, before+1, custody(), "the refused attempt is logged")
	again := e.keyed(adminToken, "POST", w.url("/pli/open"), "open-pli", open)
	assert.Equal(t, http.StatusUnprocessableEntity, again.Status)
	assert.Equal(t, string(first.Body), string(again.Body))
	assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
	assert.Equal(t, before+1, custody(), "the retry logs nothing more")
}

func TestRetriesSentAtOnceActOnce(t *testing.T) {
	e := newEnv(t)
	const n = 20
	replies := make([]reply, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			replies[i] = e.keyed(adminToken, "POST", "/v1/candidates", "one-key", candidateBody("Léa", "Dubois", siretOther))
		})
	}
	wg.Wait()
	for i, r := range replies {
		assert.Equal(t, http.StatusCreated, r.Status, "reply %d", i)
		assert.Equal(t, string(replies[0].Body), string(r.Body), "reply %d", i)
	}
	assert.Equal(t, 1, e.count("/v1/candidates", "candidates"))
}

func TestAnImportIsKeptByItsKey(t *testing.T) {
	e := newEnv(t)
	file := "Nom;Prénom;Date de naissance\nPetit;Alice;12/04/1995\nLefèvre;Bruno;30/01/1990\n"
	send := func() reply {
		return e.send(request{token: adminToken, method: "POST", path: "/v1/candidates/import?default_route=formation", body: bytes.NewBufferString(file).Bytes(),
			headers: []string{"Content-Type: text/csv; charset=utf-8", "Idempotency-Key: import-1"}})
	}
	first := send()
	require.Equal(t, http.StatusCreated, first.Status, "%s", first.Body)
	again := send()
	assert.Equal(t, string(first.Body), string(again.Body))
	assert.Equal(t, 2, e.count("/v1/candidates", "candidates"))
}

// TestAnImportKnowsWhoIsThere imports a file, then a file holding the same
// candidates written otherwise and a new one: the known rows are reported
// with their lines and the candidates' IDs, not created again; with
// update_contacts=true their contact details are recorded.
func TestAnImportKnowsWhoIsThere(t *testing.T) {
	e := newEnv(t)
	send := func(query, file string) map[string]any {
		r := e.send(request{token: adminToken, method: "POST", path: "/v1/candidates/import?default_route=formation" + query, body: []byte(file),
			headers: []string{"Content-Type: text/csv; charset=utf-8"}})
		require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
		return r.JSON(t)
	}
	first := send("", "Nom;Prénom;Date de naissance\nPetit;Alice;12/04/1995\nLe Gall;Noé;30/01/1990\n")
	created := ids(first, "candidates")
	require.Len(t, created, 2)
	assert.Empty(t, first["duplicates"])

	second := send("", "Nom;Prénom;Date de naissance;Courriel\nDurand;Inès;01/07/1988;\nPETIT;alice;12/04/1995;alice@example.fr\nLE-GALL;Noe;30/01/1990;\n")
	assert.Len(t, ids(second, "candidates"), 1, "only Inès is new")
	assert.Equal(t, []any{
		map[string]any{"line": float64(3), "candidate_id": created[0], "updated": false},
		map[string]any{"line": float64(4), "candidate_id": created[1], "updated": false},
	}, second["duplicates"])
	assert.Equal(t, 3, e.count("/v1/candidates", "candidates"))
	assert.Empty(t, e.must(http.StatusOK, adminToken, "GET", "/v1/candidates/"+created[0], nil)["email"])

	third := send("&update_contacts=true", "Nom;Prénom;Date de naissance;Courriel\nPetit;Alice;12/04/1995;alice@example.fr\n")
	assert.Empty(t, ids(third, "candidates"))
	assert.Equal(t, []any{map[string]any{"line": float64(2), "candidate_id": created[0], "updated": true}}, third["duplicates"])
	assert.Equal(t, "alice@example.fr", e.must(http.StatusOK, adminToken, "GET", "/v1/candidates/"+created[0], nil)["email"])
	assert.Equal(t, 3, e.count("/v1/candidates", "candidates"))

	r := e.send(request{token: adminToken, method: "POST", path: "/v1/candidates/import?update_contacts=yes", body: []byte("Nom;Prénom;Date de naissance\n"),
		headers: []string{"Content-Type: text/csv"}})
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, r.Fields(t), "update_contacts")
}

// rerunTx is the memstore with transactions that run their function twice,
// the first run undone, as a store running transactions side by side does
// with one that conflicted.
type rerunTx struct{ *memstore.Store }

func (r rerunTx) Atomic(ctx context.Context, fn func(ctx context.Context) error) error {
	undone := errors.New("undone, to run again")
	err := r.Store.Atomic(ctx, func(ctx context.Context) error {
		if err := fn(ctx); err != nil {
			return err
		}
		return undone
	})
	if !errors.Is(err, undone) {
		return err
	}
	return r.Store.Atomic(ctx, fn)
}

// TestAKeyedRequestRunAgainByTheStoreActsOnce serves keyed requests over a
// store that runs every transaction twice: the route reads its body again,
// and the request acts once with the answer of the run kept.
func TestAKeyedRequestRunAgainByTheStoreActsOnce(t *testing.T) {
	store := memstore.New()
	svc, err := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store, Members: store,
		Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store, Tx: rerunTx{store},
	}, session.Config{Clock: tpsession.NewFixedClock(at(today)), Location: paris})
	require.NoError(t, err)
	e := &env{t: t, h: httpapi.New(svc, httpapi.WithAuthenticator(tokens(t)), httpapi.WithLogger(slog.New(slog.DiscardHandler))), svc: svc}
	e.doc = loadDoc(t, e.h)
	first := e.keyed(adminToken, "POST", "/v1/candidates", "k", candidateBody("Léa", "Dubois", siretOther))
	require.Equal(t, http.StatusCreated, first.Status, "%s", first.Body)
	again := e.keyed(adminToken, "POST", "/v1/candidates", "k", candidateBody("Léa", "Dubois", siretOther))
	assert.Equal(t, string(first.Body), string(again.Body))
	assert.Equal(t, 1, e.count("/v1/candidates", "candidates"))
}

// TestACorrectionIsKeptByItsKey: a correction sent again with its key gets
// the first answer, and the convocation is corrected once; sent again
// without one, it is refused, the convocation being no longer validated.
func TestACorrectionIsKeptByItsKey(t *testing.T) {
	e := newEnv(t)
	w := e.prepare()
	e.moveThePlan(w)

	path := w.url("/registrations/" + w.c1 + "/convocation/correction")
	body := correctionBody()
	first := e.keyed(adminToken, "POST", path, "correct-alice", body)
	require.Equal(t, http.StatusOK, first.Status, "%s", first.Body)
	again := e.keyed(adminToken, "POST", path, "correct-alice", body)
	assert.Equal(t, http.StatusOK, again.Status)
	assert.Equal(t, string(first.Body), string(again.Body))
	assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))

	corrected := 0
	for _, ev := range e.must(http.StatusOK, adminToken, "GET", w.url("/events"), nil)["events"].([]any) {
		if ev.(map[string]any)["action"] == "convocation.corrected" {
			corrected++
		}
	}
	assert.Equal(t, 1, corrected, "corrected once")
	conv := e.must(http.StatusOK, adminToken, "GET", w.url("/registrations/"+w.c1+"/convocation"), nil)
	assert.Len(t, conv["replaces"], 1)

	r := e.do(adminToken, "POST", path, body)
	assert.Equal(t, http.StatusConflict, r.Status, "without the key, a second correction of a draft: %s", r.Body)
}
