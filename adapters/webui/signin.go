package webui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tpsession/tpsession/adapters/auth"
)

// A sign-in is kept on the server, under a random ID that the browser
// holds in an HttpOnly, SameSite=Strict cookie (Secure over TLS): the
// token typed on the form never leaves the sign-in request, and signing
// out ends the sign-in at once. Sign-ins live in the process: a restart
// signs everyone out.
const (
	cookieName = "tpsession_ui"
	// csrfCookie carries the token of the sign-in form itself, before any
	// sign-in exists (double submit).
	csrfCookie = "tpsession_ui_form"
	// signinLife bounds a sign-in: a working day.
	signinLife = 10 * time.Hour
	// maxSignins bounds the sign-ins kept; the oldest goes first.
	maxSignins = 10000
)

type signin struct {
	id        string
	principal auth.Principal
	// csrf is the token every form of the sign-in carries.
	csrf    string
	expires time.Time
	// flash is the message of the last action, shown once.
	flash string
}

type signins struct {
	mu sync.Mutex
	m  map[string]*signin
	// now is the clock of the expiries; tests may replace it.
	now func() time.Time
}

func newSignins() *signins { return &signins{m: map[string]*signin{}, now: time.Now} }

// randomToken returns 32 random bytes in hex.
func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

func (s *signins) add(p auth.Principal) *signin {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, in := range s.m {
		if now.After(in.expires) {
			delete(s.m, id)
		}
	}
	if len(s.m) >= maxSignins {
		var oldest *signin
		for _, in := range s.m {
			if oldest == nil || in.expires.Before(oldest.expires) {
				oldest = in
			}
		}
		delete(s.m, oldest.id)
	}
	in := &signin{id: randomToken(), principal: p, csrf: randomToken(), expires: now.Add(signinLife)}
	s.m[in.id] = in
	return in
}

func (s *signins) get(id string) (*signin, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.m[id]
	if !ok || s.now().After(in.expires) {
		delete(s.m, id)
		return nil, false
	}
	return in, true
}

func (s *signins) remove(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

func (s *signins) setFlash(in *signin, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in.flash = msg
}

func (s *signins) takeFlash(in *signin) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := in.flash
	in.flash = ""
	return msg
}

// signedIn returns the request's sign-in.
func (u *UI) signedIn(r *http.Request) (*signin, bool) {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil, false
	}
	return u.signins.get(c.Value)
}

// cookie returns a cookie of the dashboard: HttpOnly, SameSite=Strict,
// limited to the dashboard's path, Secure over TLS or when told so.
func (u *UI) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: name, Value: value, Path: u.base + "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: u.secure || r.TLS != nil,
	}
}

// checkPost refuses a form that does not carry the expected CSRF token,
// or that a browser says comes from another site.
func (u *UI) checkPost(r *http.Request, want string) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return errCSRF
	}
	if err := r.ParseMultipartForm(maxUpload); err != nil && err != http.ErrNotMultipart {
		return tooLarge(err)
	}
	got := r.PostFormValue("csrf")
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errCSRF
	}
	return nil
}

type signInPage struct {
	frame
	Next  string
	Error string
}

func (signInPage) PageTitle() string { return "Connexion" }

func (u *UI) signInPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := u.signedIn(r); ok {
		http.Redirect(w, r, u.next(r.URL.Query().Get("suite")), http.StatusSeeOther)
		return
	}
	u.showSignIn(w, r, http.StatusOK, "")
}

func (u *UI) showSignIn(w http.ResponseWriter, r *http.Request, status int, msg string) {
	token := randomToken()
	http.SetCookie(w, u.cookie(r, csrfCookie, token, 3600))
	w.Header().Set("Cache-Control", "no-store")
	next := r.URL.Query().Get("suite")
	if r.Method == http.MethodPost {
		next = r.PostFormValue("suite")
	}
	u.render(&req{ui: u, w: w, r: r, ctx: r.Context()}, status, "signin", signInPage{frame: frame{Base: u.base, CSRF: token}, Next: next, Error: msg})
}

// signIn checks the token typed on the form and opens a sign-in.
func (u *UI) signIn(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(csrfCookie)
	want := ""
	if err == nil {
		want = c.Value
	}
	if err := u.checkPost(r, want); err != nil {
		u.showSignIn(w, r, http.StatusForbidden, "Le formulaire a expiré : recommencez.")
		return
	}
	token := strings.TrimSpace(r.PostFormValue("jeton"))
	if token == "" {
		u.showSignIn(w, r, http.StatusBadRequest, "Saisissez votre jeton d'accès.")
		return
	}
	p, err := u.tokens.Lookup(token)
	if err != nil {
		u.showSignIn(w, r, http.StatusUnauthorized, "Ce jeton d'accès n'est pas reconnu.")
		return
	}
	if err := p.Check(); err != nil {
		u.fail(&req{ui: u, w: w, r: r, ctx: r.Context()}, err)
		return
	}
	in := u.signins.add(p)
	http.SetCookie(w, u.cookie(r, cookieName, in.id, int(signinLife/time.Second)))
	http.SetCookie(w, u.cookie(r, csrfCookie, "", -1))
	http.Redirect(w, r, u.next(r.PostFormValue("suite")), http.StatusSeeOther)
}

// next is where to go after signing in: a page of the dashboard, never
// another site.
func (u *UI) next(s string) string {
	if s == "" || !strings.HasPrefix(s, u.base+"/") || strings.HasPrefix(s, "//") || strings.Contains(s, "\\") {
		return u.base + "/sessions"
	}
	if p, err := url.Parse(s); err != nil || p.Host != "" || p.Scheme != "" {
		return u.base + "/sessions"
	}
	return s
}

func (u *UI) signOut(rq *req) error {
	u.signins.remove(rq.in.id)
	http.SetCookie(rq.w, u.cookie(rq.r, cookieName, "", -1))
	http.Redirect(rq.w, rq.r, u.base+"/connexion", http.StatusSeeOther)
	return nil
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
