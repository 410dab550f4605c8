package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walk lists path page by page (limit items each), following next_cursor,
// and returns the IDs of the items of key in order.
func (e *env) walk(t *testing.T, token, path, key string, limit int) []string {
	t.Helper()
	var ids []string
	cursor := ""
	for range 1000 {
		q := url.Values{"limit": {fmt.Sprint(limit)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		sep := "?"
		if u, _ := url.Parse(path); u.RawQuery != "" {
			sep = "&"
		}
		page := e.must(http.StatusOK, token, "GET", path+sep+q.Encode(), nil)
		items := page[key].([]any)
		assert.LessOrEqual(t, len(items), limit)
		for _, it := range items {
			ids = append(ids, it.(map[string]any)["id"].(string))
		}
		next, _ := page["next_cursor"].(string)
		if next == "" {
			return ids
		}
		require.Len(t, items, limit, "a page followed by another is full")
		cursor = next
	}
	t.Fatal("the pages never end")
	return nil
}

func ids(page map[string]any, key string) []string {
	var out []string
	for _, it := range page[key].([]any) {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

func TestListingCandidates(t *testing.T) {
	e := newEnv(t)
	w := e.newSession()
	names := [][2]string{{"Léa", "Dubois"}, {"LEA", "DUBÔIS"}, {"Noé", "Œuvray"}, {"Hélène", "Le Gall"}, {"Marc", "Müller"}, {"Zoé", "Abadie"}, {"Ève", "Martin"}}
	var all []string
	for i, n := range names {
		body := candidateBody(n[0], n[1], siretOther)
		body["email"] = fmt.Sprintf("c%d@example.fr", i)
		body["birth_date"] = fmt.Sprintf("1995-04-%02d", 10+i) // two Léa Dubois, two people
		if i%3 == 1 {
			body["route"] = "apprentissage"
		}
		all = append(all, e.must(http.StatusCreated, adminToken, "POST", "/v1/candidates", body)["id"].(string))
	}
	e.must(http.StatusCreated, adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": all[2]})
	e.must(http.StatusCreated, adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": all[4]})
	e.must(http.StatusCreated, otherToken, "POST", "/v1/candidates", candidateBody("Léa", "Dubois", siretOther))

	list := func(query string) []string {
		return ids(e.must(http.StatusOK, adminToken, "GET", "/v1/candidates"+query, nil), "candidates")
	}
	byName := []string{all[5], all[0], all[1], all[3], all[6], all[4], all[2]} // Abadie, Dubois ×2, Le Gall, Martin, Müller, Œuvray
	got := list("")
	require.Len(t, got, len(all), "the centre's own only")
	assert.Equal(t, byName[0], got[0])
	assert.ElementsMatch(t, byName[1:3], got[1:3], "the two Dubois, whichever ID first")
	assert.Equal(t, byName[3:], got[3:])

	assert.ElementsMatch(t, []string{all[0], all[1]}, list("?name=lea"), "case and accents aside")
	assert.ElementsMatch(t, []string{all[0], all[1]}, list("?name="+url.QueryEscape("DUBOIS léa")))
	assert.Equal(t, []string{all[2]}, list("?name=oeuvray"))
	assert.Equal(t, []string{all[3]}, list("?name=le-gall"))
	assert.Equal(t, []string{all[4]}, list("?name=mull"))
	assert.Empty(t, list("?name=zzz"))
	assert.ElementsMatch(t, []string{all[1], all[4]}, list("?route=apprentissage"))
	assert.Equal(t, []string{all[4], all[2]}, list("?session="+w.sid), "the registered candidates, by name")
	assert.Equal(t, []string{all[4]}, list("?session="+w.sid+"&route=apprentissage"))

	for _, size := range []int{1, 2, 3, 7, 8} {
		assert.Equal(t, got, e.walk(t, adminToken, "/v1/candidates", "candidates", size), "pages of %d", size)
	}

	for _, bad := range []struct{ query, field string }{
		{"?limit=0", "limit"}, {"?limit=1001", "limit"}, {"?limit=x", "limit"},
		{"?cursor=nope", "cursor"}, {"?route=walk", "route"}, {"?session=ses_x", "session"},
		{"?name=" + url.QueryEscape("a\x07b"), "name"},
	} {
		r := e.do(adminToken, "GET", "/v1/candidates"+bad.query, nil)
		assert.Equal(t, http.StatusBadRequest, r.Status, bad.query)
		assert.Contains(t, r.Fields(t), bad.field, bad.query)
	}
	assert.Equal(t, http.StatusForbidden, e.do(controllerToken, "GET", "/v1/candidates", nil).Status)
}

func TestPagingSessionsMembersAndEvents(t *testing.T) {
	e := newEnv(t)
	var sessions []string
	for range 5 {
		sessions = append(sessions, e.newSession().sid)
	}
	whole := ids(e.must(http.StatusOK, adminToken, "GET", "/v1/sessions", nil), "sessions")
	require.Len(t, whole, 5)
	assert.ElementsMatch(t, sessions, whole)
	for _, size := range []int{1, 2, 5, 6} {
		assert.Equal(t, whole, e.walk(t, adminToken, "/v1/sessions", "sessions", size), "sessions, pages of %d", size)
	}
	assert.Equal(t, whole[:2], e.walk(t, adminToken, "/v1/sessions?status=preparation&to=2027-03-01", "sessions", 10)[:2])

	for i := range 4 {
		e.must(http.StatusCreated, adminToken, "POST", "/v1/jury-members", memberBody(fmt.Sprint("Juré ", i), fmt.Sprintf("jure%d@example.fr", i), ""))
	}
	members := ids(e.must(http.StatusOK, adminToken, "GET", "/v1/jury-members", nil), "members")
	require.Len(t, members, 4)
	for _, size := range []int{1, 3, 4} {
		assert.Equal(t, members, e.walk(t, adminToken, "/v1/jury-members", "members", size), "members, pages of %d", size)
		assert.Equal(t, members, e.walk(t, adminToken, "/v1/jury-members?title_code=TP-01281&from=2027-03-01&to=2027-03-03", "members", size))
	}

	w := world{sid: sessions[0], sessionURL: "/v1/sessions/" + sessions[0]}
	for i := range 3 {
		e.must(http.StatusOK, adminToken, "PATCH", w.url(""), map[string]any{"site": fmt.Sprint("Site ", i)})
	}
	events := ids(e.must(http.StatusOK, adminToken, "GET", w.url("/events"), nil), "events")
	require.Len(t, events, 4)
	for _, size := range []int{1, 3, 4} {
		assert.Equal(t, events, e.walk(t, controllerToken, w.url("/events"), "events", size), "events, pages of %d", size)
	}
	r := e.do(adminToken, "GET", w.url("/events?cursor=WyJldnRfMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAiXQ"), nil)
	assert.Equal(t, http.StatusBadRequest, r.Status, "a cursor naming no event of the session")
	assert.Contains(t, r.Fields(t), "cursor")
}
