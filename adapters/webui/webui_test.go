package webui_test

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// user is a browser without a browser: a cookie jar, and the CSRF token
// of the last page read.
type user struct {
	t    *testing.T
	srv  *httptest.Server
	c    *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

func newUser(t *testing.T, srv *httptest.Server) *user {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := *srv.Client() // each user its own cookies
	c.Jar = jar
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &user{t: t, srv: srv, c: &c}
}

func (u *user) get(path string) (int, string) {
	u.t.Helper()
	res, err := u.c.Get(u.srv.URL + path)
	require.NoError(u.t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfField.FindStringSubmatch(string(body)); m != nil {
		u.csrf = m[1]
	}
	return res.StatusCode, string(body)
}

func (u *user) post(path string, v url.Values, header ...string) (int, string) {
	u.t.Helper()
	req, err := http.NewRequest(http.MethodPost, u.srv.URL+path, strings.NewReader(v.Encode()))
	require.NoError(u.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := u.c.Do(req)
	require.NoError(u.t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// signIn signs in with the token and returns the user.
func signIn(t *testing.T, srv *httptest.Server, token string) *user {
	u := newUser(t, srv)
	u.get("/ui/connexion")
	status, _ := u.post("/ui/connexion", url.Values{"csrf": {u.csrf}, "jeton": {token}})
	require.Equal(t, http.StatusSeeOther, status)
	u.get("/ui/sessions")
	return u
}

func TestSignInCookie(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	u := newUser(t, srv)

	// Signed out, a page leads to the sign-in form and back.
	res, err := u.c.Get(srv.URL + "/ui/sessions/" + string(e.seeded.ID))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusSeeOther, res.StatusCode)
	assert.Equal(t, "/ui/connexion?suite=%2Fui%2Fsessions%2F"+string(e.seeded.ID), res.Header.Get("Location"))

	u.get("/ui/connexion")
	for _, bad := range []string{"", "x", strings.Repeat("z", 32)} {
		status, body := u.post("/ui/connexion", url.Values{"csrf": {u.csrf}, "jeton": {bad}})
		assert.Contains(t, []int{http.StatusBadRequest, http.StatusUnauthorized}, status, bad)
		assert.Contains(t, body, `aria-invalid="true"`)
		u.csrf = csrfField.FindStringSubmatch(body)[1]
	}
	wrong := "0" + u.csrf[1:] // a token that differs from the right one in its first character
	if wrong == u.csrf {
		wrong = "1" + u.csrf[1:]
	}
	status, _ := u.post("/ui/connexion", url.Values{"csrf": {wrong}, "jeton": {adminToken}})
	assert.Equal(t, http.StatusForbidden, status, "the sign-in form carries its CSRF token")

	// Never sent elsewhere after signing in.
	u.get("/ui/connexion")
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/ui/connexion", strings.NewReader(url.Values{"csrf": {u.csrf}, "jeton": {adminToken}, "suite": {"//evil.example/ui/x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = u.c.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "/ui/sessions", res.Header.Get("Location"))
	var signin *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "tpsession_ui" {
			signin = c
		}
	}
	require.NotNil(t, signin)
	assert.True(t, signin.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, signin.SameSite)
	assert.False(t, signin.Secure, "served without TLS")
	assert.Equal(t, "/ui/", signin.Path)
	assert.NotContains(t, signin.Value, adminToken)

	// Over TLS the cookie is Secure.
	r := httptest.NewRequest(http.MethodGet, "/ui/connexion", nil)
	r.TLS = &tls.ConnectionState{}
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		assert.True(t, c.Secure, c.Name)
	}

	// Signing out ends the sign-in.
	u.get("/ui/sessions")
	status, _ = u.post("/ui/deconnexion", url.Values{"csrf": {u.csrf}})
	assert.Equal(t, http.StatusSeeOther, status)
	status, _ = u.get("/ui/sessions")
	assert.Equal(t, http.StatusSeeOther, status)
}

// TestEveryFormNeedsItsCSRFToken: a POST without the sign-in's token, with
// another, or that the browser says comes from another site, is refused
// and changes nothing.
func TestEveryFormNeedsItsCSRFToken(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	u := signIn(t, srv, adminToken)
	other := signIn(t, srv, adminToken)
	form := url.Values{"title_code": {"TP-01281"}, "title_name": {"CDA"}, "kind": {"titre"}, "site": {"Lyon"},
		"start_date": {"2027-06-07"}, "end_date": {"2027-06-09"}, "planned_candidates": {"8"},
		"responsable.name": {"Claire"}, "responsable.email": {"claire@example.fr"}}
	count := func() int {
		ss, err := e.svc.Sessions(t.Context(), e.admin, session.Filter{})
		require.NoError(t, err)
		return len(ss)
	}
	before := count()
	for name, c := range map[string]struct {
		csrf   string
		header []string
	}{
		"none":       {"", nil},
		"another's":  {other.csrf, nil},
		"cross-site": {u.csrf, []string{"Sec-Fetch-Site", "cross-site"}},
	} {
		v := url.Values{}
		for k, vs := range form {
			v[k] = vs
		}
		if c.csrf != "" {
			v.Set("csrf", c.csrf)
		}
		status, _ := u.post("/ui/sessions", v, c.header...)
		assert.Equal(t, http.StatusForbidden, status, name)
	}
	assert.Equal(t, before, count())
	form.Set("csrf", u.csrf)
	status, _ := u.post("/ui/sessions", form)
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, before+1, count())
}

// TestFieldErrorsNextToTheirFields: a refused form comes back with the
// library's field errors beside each field, and nothing is stored.
func TestFieldErrorsNextToTheirFields(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	u := signIn(t, srv, adminToken)
	status, body := u.post("/ui/sessions", url.Values{"csrf": {u.csrf}, "title_code": {"TP-1"}, "kind": {"titre"},
		"start_date": {"2027-06-05"}, "end_date": {"2027-06-04"}, "planned_candidates": {"huit"}})
	assert.Equal(t, http.StatusBadRequest, status)
	for _, id := range []string{"create-title_code", "create-title_name", "create-site", "create-start_date", "create-end_date",
		"create-planned_candidates", "create-responsable-name", "create-responsable-email"} {
		assert.Regexp(t, `id="`+id+`-erreur"`, body, id)
		assert.Regexp(t, `id="`+id+`"[^>]*aria-describedby="[^"]*`+id+`-erreur"[^>]*aria-invalid="true"`, body, id)
	}
	assert.Contains(t, body, `value="TP-1"`, "the values typed stay")
	ss, err := e.svc.Sessions(t.Context(), e.admin, session.Filter{})
	require.NoError(t, err)
	assert.Len(t, ss, 1)

	// A rule's refusal on the session's page: a member invited twice.
	path := "/ui/sessions/" + string(e.seeded.ID)
	u.get(path)
	status, body = u.post(path+"/invitations", url.Values{"csrf": {u.csrf}, "member_id": {string(e.member.ID)}})
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, body, "Le formulaire n'a pas été accepté")
}

// TestRolesAndCentres: the same role rules and centre isolation as the
// JSON API, from session.Policy.
func TestRolesAndCentres(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	seeded := "/ui/sessions/" + string(e.seeded.ID)
	other := "/ui/sessions/" + string(e.other.ID)

	admin := signIn(t, srv, adminToken)
	status, body := admin.get(seeded)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `id="candidats"`)
	status, _ = admin.get(other)
	assert.Equal(t, http.StatusNotFound, status, "another centre's session does not exist")
	status, _ = admin.get(other + "/documents/convocations.pdf")
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = admin.get(seeded + "/documents/candidats.csv")
	assert.Equal(t, http.StatusOK, status)

	jury := signIn(t, srv, juryToken)
	status, body = jury.get("/ui/sessions")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, seeded)
	status, body = jury.get(seeded)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "Accepter l'invitation")
	assert.NotContains(t, body, `id="candidats"`, "a jury member reads no candidate list")
	assert.NotContains(t, body, `id="echeances"`)
	assert.NotContains(t, body, `id="pli"`, "the pli stays sealed for the jury")
	status, _ = jury.get(seeded + "/documents/convocations.pdf")
	assert.Equal(t, http.StatusForbidden, status)
	status, _ = jury.post("/ui/sessions", url.Values{"csrf": {jury.csrf}})
	assert.Equal(t, http.StatusForbidden, status)
	status, _ = jury.post(seeded+"/invitations/"+string(e.member.ID)+"/reponse", url.Values{"csrf": {jury.csrf}, "reponse": {"accepter"}})
	assert.Equal(t, http.StatusSeeOther, status, "a jury member answers its own invitation")

	stranger := signIn(t, srv, strangerToken)
	_, body = stranger.get("/ui/sessions")
	assert.NotContains(t, body, seeded)
	status, _ = stranger.get(seeded)
	assert.Equal(t, http.StatusNotFound, status, "a session a jury member is not invited to does not exist")

	ctrl := signIn(t, srv, controllerToken)
	status, body = ctrl.get(seeded)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `id="echeances"`)
	assert.Contains(t, body, "Chaîne vérifiée")
	assert.NotContains(t, body, `action="`+seeded, "an inspector gets no form")
	status, _ = ctrl.post(seeded+"/invitations", url.Values{"csrf": {ctrl.csrf}, "member_id": {string(e.member.ID)}})
	assert.Equal(t, http.StatusForbidden, status)
	status, _ = ctrl.get(seeded + "/plan")
	assert.Equal(t, http.StatusForbidden, status)
	status, body = ctrl.get("/ui/nulle-part")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, "Page introuvable")
}

// TestRegisteringAKnownPerson: the register form, sent for a person the
// centre already has (a second session, a re-sit), registers the record
// already there instead of entering the person twice.
func TestRegisteringAKnownPerson(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	s := e.seeded
	second := session.Details{Title: string(s.Title), TitleName: s.TitleName, Kind: string(s.Kind), Site: s.Site,
		Start: s.Start + 14, End: s.End + 14, PlannedCandidates: s.PlannedCandidates, Responsable: s.Responsable}
	later, err := e.svc.CreateSession(t.Context(), e.admin, second)
	require.NoError(t, err)

	u := signIn(t, srv, adminToken)
	register := func(ses session.Session, first, last string) (int, string) {
		path := "/ui/sessions/" + string(ses.ID)
		u.get(path)
		status, _ := u.post(path+"/candidats", url.Values{"csrf": {u.csrf}, "first_name": {first}, "last_name": {last},
			"birth_date": {"1998-04-12"}, "route": {"formation"}, "email": {"lea.dubois@example.fr"}})
		_, body := u.get(path)
		return status, body
	}
	status, body := register(e.seeded, "Léa", "Dubois")
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Contains(t, body, "DUBOIS est inscrit(e) à la session.")
	status, body = register(later, "LEA", "DUBOIS")
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Contains(t, body, "déjà connu(e) du centre")

	all, err := e.svc.Candidates(t.Context(), e.admin, candidate.Query{})
	require.NoError(t, err)
	require.Len(t, all, 1, "one person, one record")
	for _, ses := range []session.Session{e.seeded, later} {
		regs, err := e.svc.Registrations(t.Context(), e.admin, ses.ID)
		require.NoError(t, err)
		require.Len(t, regs, 1)
		assert.Equal(t, all[0].ID, regs[0].Candidate)
	}
}

// TestThePlanNamesRoomsAsThePapersDo: the chart's rows and the tables name
// a room by the label the planning input gives its type, as the déroulé
// and the convocations print it, not by the type's ID; the plan's counts
// are words with their plural.
func TestThePlanNamesRoomsAsThePapersDo(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	sample, err := os.ReadFile("../../examples/server/deroule-cda.json")
	require.NoError(t, err)
	in, err := plan.DecodeBytes(sample)
	require.NoError(t, err)
	_, err = e.svc.PlanSession(context.Background(), e.admin, e.seeded.ID, in)
	require.NoError(t, err)

	status, body := signIn(t, srv, adminToken).get("/ui/sessions/" + string(e.seeded.ID) + "/plan")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "Salle informatique n° 1")
	assert.Contains(t, body, "Salle d&#39;entretien n° 1")
	assert.NotContains(t, body, "salle qp")
	assert.NotContains(t, body, "salle entretien")

	// The counts are written as French writes them, not "jury(s)".
	assert.NotContains(t, body, "(s)")
	_, body = signIn(t, srv, adminToken).get("/ui/sessions/" + string(e.seeded.ID))
	assert.NotContains(t, body, "(s)")
	assert.Regexp(t, `8 candidats sur \d jours, du .* avec \d jurys?, soit \d+ membres\.`, body)
}

// TestStaticFilesAreVersioned: pages link the stylesheet and the script
// under the version of the build's files, so that a browser never keeps
// an older build's after an upgrade; the files are served under it.
func TestStaticFilesAreVersioned(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	u := newUser(t, srv)
	status, body := u.get("/ui/connexion")
	require.Equal(t, http.StatusOK, status)
	m := regexp.MustCompile(`href="/ui/static/style\.css\?v=([0-9a-f]{12})"`).FindStringSubmatch(body)
	require.NotNil(t, m, "the stylesheet is linked with its version")
	assert.Contains(t, body, `src="/ui/static/dashboard.js?v=`+m[1]+`"`)
	status, css := u.get("/ui/static/style.css?v=" + m[1])
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, css, "{")
	_, again := newUser(t, srv).get("/ui/connexion")
	assert.Contains(t, again, "style.css?v="+m[1], "the same build, the same version")
}

// TestRegisteringFromTheKnownList: the register form lists the centre's
// candidates not registered to the session; choosing one registers that
// record, and sending the form without a choice is refused beside the
// list, registering nobody.
func TestRegisteringFromTheKnownList(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	ctx := t.Context()
	lea, err := e.svc.CreateCandidate(ctx, e.admin, candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", Route: "formation"})
	require.NoError(t, err)
	noe, err := e.svc.CreateCandidate(ctx, e.admin, candidate.CandidateInput{FirstName: "Noé", LastName: "Martin", BirthDate: "1990-01-31", Route: "formation"})
	require.NoError(t, err)
	_, err = e.svc.Register(ctx, e.admin, e.seeded.ID, noe.ID)
	require.NoError(t, err)

	u := signIn(t, srv, adminToken)
	path := "/ui/sessions/" + string(e.seeded.ID)
	_, body := u.get(path)
	assert.Contains(t, body, `<option value="`+string(lea.ID)+`">Léa DUBOIS, né(e) le 12/04/1998</option>`)
	assert.NotContains(t, body, `<option value="`+string(noe.ID)+`"`, "a registered candidate is not offered again")

	status, body := u.post(path+"/candidats", url.Values{"csrf": {u.csrf}, "known": {""}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `id="known-known-erreur"`)
	regs, err := e.svc.Registrations(ctx, e.admin, e.seeded.ID)
	require.NoError(t, err)
	assert.Len(t, regs, 1)

	u.get(path)
	status, _ = u.post(path+"/candidats", url.Values{"csrf": {u.csrf}, "known": {string(lea.ID)}})
	assert.Equal(t, http.StatusSeeOther, status)
	_, body = u.get(path)
	assert.Contains(t, body, "Léa DUBOIS est inscrit(e) à la session.")
	regs, err = e.svc.Registrations(ctx, e.admin, e.seeded.ID)
	require.NoError(t, err)
	assert.Len(t, regs, 2)
	assert.NotContains(t, body, "Candidat déjà connu du centre", "nobody left to offer")
}
