package webui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/auth"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// assets names the version of the static files: pages link them with it
// (style.css?v=…), so that a browser holding the files of an older build
// fetches the new ones at once instead of when its copy expires.
var assets = func() string {
	h := sha256.New()
	_ = fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}()

// Option configures the dashboard New returns.
type Option func(*UI)

// WithTokens sets the tokens a user may sign in with: the same list the
// HTTP API authenticates (httpapi.BearerTokens), so that a token stands for
// the same principal on both. Without it nobody can sign in.
func WithTokens(ts *auth.Tokens) Option { return func(u *UI) { u.tokens = ts } }

// WithLogger sets the logger of the failures answered 500; the default is
// slog.Default().
func WithLogger(l *slog.Logger) Option { return func(u *UI) { u.log = l } }

// WithLetterhead tells the letterhead of a centre, printed on the letters
// the dashboard links to. Without it a letter is headed with the centre's
// ID only.
func WithLetterhead(f func(ctx context.Context, centre tpsession.CentreID) (documents.Centre, error)) Option {
	return func(u *UI) { u.letterhead = f }
}

// WithSamples offers planning inputs (docs/planning.md#input) to plan a
// session with, beside uploading one: the déroulés-types a centre keeps.
func WithSamples(samples ...Sample) Option {
	return func(u *UI) { u.samples = append(u.samples, samples...) }
}

// WithSecureCookies marks the sign-in cookie Secure even when a request
// arrives without TLS: for a dashboard behind a proxy that ends TLS. A
// request that arrives over TLS always gets a Secure cookie.
func WithSecureCookies() Option { return func(u *UI) { u.secure = true } }

// WithBase mounts the dashboard under another path than /ui (no trailing
// slash).
func WithBase(path string) Option {
	return func(u *UI) { u.base = strings.TrimSuffix(path, "/") }
}

// Sample is a planning input offered on the plan page.
type Sample struct {
	// Name identifies the sample in the form: letters, digits, '-', '_'
	// and '.'.
	Name string
	// Label is what the form shows: "CDA — 12 candidats".
	Label string
	// Input is the planning input's JSON.
	Input []byte
}

// UI is the dashboard: server-rendered pages over one session.Service.
type UI struct {
	svc        *session.Service
	tokens     *auth.Tokens
	log        *slog.Logger
	letterhead func(context.Context, tpsession.CentreID) (documents.Centre, error)
	samples    []Sample
	secure     bool
	base       string
	policy     session.Policy
	signins    *signins
	pages      map[string]*template.Template
	mux        *http.ServeMux
	loc        *time.Location
}

// New returns the dashboard over svc, which must not be nil: an
// http.Handler serving the pages under /ui/ (see WithBase), in French.
func New(svc *session.Service, opts ...Option) http.Handler {
	u := &UI{svc: svc, base: "/ui", signins: newSignins(), mux: http.NewServeMux()}
	for _, o := range opts {
		o(u)
	}
	if u.log == nil {
		u.log = slog.Default()
	}
	if u.letterhead == nil {
		u.letterhead = func(_ context.Context, centre tpsession.CentreID) (documents.Centre, error) {
			return documents.Centre{Name: string(centre)}, nil
		}
	}
	if u.tokens == nil {
		u.tokens, _ = auth.NewTokens(nil)
	}
	u.loc, _ = tpsession.LoadParis()
	if u.loc == nil {
		u.loc = time.UTC
	}
	u.pages = parseTemplates(u.funcs())
	u.routes()
	return u
}

// ServeHTTP sets the headers every answer carries and routes the request.
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	u.mux.ServeHTTP(w, r)
}

func (u *UI) routes() {
	b := u.base
	static, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix(b+"/static/", http.FileServerFS(static))
	u.mux.Handle("GET "+b+"/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	}))
	u.mux.HandleFunc("GET "+b+"/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b+"/sessions", http.StatusSeeOther)
	})
	u.mux.HandleFunc("GET "+b, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, b+"/sessions", http.StatusSeeOther)
	})
	u.mux.HandleFunc("GET "+b+"/connexion", u.signInPage)
	u.mux.HandleFunc("POST "+b+"/connexion", u.signIn)
	u.mux.Handle("POST "+b+"/deconnexion", u.handle(u.signOut))

	u.mux.Handle("GET "+b+"/sessions", u.handle(u.sessionsPage))
	u.mux.Handle("GET "+b+"/sessions/nouvelle", u.handle(u.newSessionPage))
	u.mux.Handle("POST "+b+"/sessions", u.handle(u.createSession))
	u.mux.Handle("GET "+b+"/sessions/{sid}", u.handle(u.sessionPage))
	u.mux.Handle("GET "+b+"/sessions/{sid}/plan", u.handle(u.planPage))
	u.mux.Handle("POST "+b+"/sessions/{sid}/plan", u.handle(u.planSession))
	u.mux.Handle("POST "+b+"/sessions/{sid}/declaration", u.handle(u.declare))
	u.mux.Handle("POST "+b+"/sessions/{sid}/ouverture", u.handle(u.open))
	u.mux.Handle("POST "+b+"/sessions/{sid}/invitations", u.handle(u.invite))
	u.mux.Handle("POST "+b+"/sessions/{sid}/invitations/{mid}/reponse", u.handle(u.answer))
	u.mux.Handle("POST "+b+"/sessions/{sid}/repartition", u.handle(u.assign))
	u.mux.Handle("POST "+b+"/sessions/{sid}/candidats", u.handle(u.register))
	u.mux.Handle("POST "+b+"/sessions/{sid}/candidats/{cid}/convocation", u.handle(u.draft))
	u.mux.Handle("POST "+b+"/sessions/{sid}/candidats/{cid}/validation", u.handle(u.validate))
	u.mux.Handle("POST "+b+"/sessions/{sid}/candidats/{cid}/remise", u.handle(u.deliver))
	u.mux.Handle("POST "+b+"/sessions/{sid}/controles/{key}", u.handle(u.check))
	u.mux.Handle("POST "+b+"/sessions/{sid}/pli/commande", u.handle(u.orderPli))

	u.mux.Handle("GET "+b+"/sessions/{sid}/documents/{doc}", u.handle(u.sessionDocument))
	u.mux.Handle("GET "+b+"/sessions/{sid}/candidats/{cid}/{doc}", u.handle(u.candidateDocument))
	u.mux.Handle("GET "+b+"/sessions/{sid}/jury/{mid}/calendrier.ics", u.handle(u.memberCalendar))
	u.mux.Handle(b+"/", u.handle(func(*req) error { return errNoPage }))
}

// handle serves a page or an action of a signed-in user: without a valid
// sign-in cookie a page redirects to the sign-in form, an action is
// refused; every POST must carry the sign-in's CSRF token. An error is
// answered with the error page.
func (u *UI) handle(fn func(*req) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &req{ui: u, w: w, r: r, ctx: r.Context()}
		in, ok := u.signedIn(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, u.base+"/connexion?suite="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			u.fail(rq, errSignedOut)
			return
		}
		rq.in = in
		w.Header().Set("Cache-Control", "no-store")
		if r.Method == http.MethodPost {
			if err := u.checkPost(r, in.csrf); err != nil {
				u.fail(rq, err)
				return
			}
		}
		actor, err := in.principal.Actor(rq.ctx, u.svc)
		if err != nil {
			u.fail(rq, err)
			return
		}
		rq.actor = actor
		if err := fn(rq); err != nil {
			u.fail(rq, err)
		}
	})
}

// The dashboard's own refusals.
var (
	errSignedOut = tpsession.NewError(tpsession.Forbidden, "webui.signed_out", "sign in first")
	errCSRF      = tpsession.NewError(tpsession.Forbidden, "webui.csrf_mismatch", "the form is not one of this sign-in")
	errNoPage    = tpsession.NewError(tpsession.NotFound, "webui.page_not_found", "no such page")
)

// fail answers the error page: 404 for what does not exist for the user,
// 403 for a refusal, 400, 409 or 422 for a request the library refused,
// 500 for anything else, whose cause is logged and never shown.
func (u *UI) fail(rq *req, err error) {
	status, title, detail := http.StatusInternalServerError, "Erreur interne", "Une erreur interne est survenue ; elle est consignée dans le journal du serveur."
	switch tpsession.KindOf(err) {
	case tpsession.NotFound:
		status, title, detail = http.StatusNotFound, "Page introuvable", "Cette page n'existe pas, ou vous n'y avez pas accès."
	case tpsession.Forbidden:
		status, title, detail = http.StatusForbidden, "Accès refusé", "Votre rôle ne permet pas cette action."
		switch {
		case errors.Is(err, errSignedOut):
			detail = "Votre connexion a expiré : connectez-vous à nouveau."
		case errors.Is(err, errCSRF):
			detail = "Le formulaire a expiré ou ne vient pas de ce site : rechargez la page et recommencez."
		case errors.Is(err, session.ErrPliSealed):
			detail = "Un membre de jury ne voit le pli qu'une fois ouvert."
		}
	case tpsession.Invalid, tpsession.Conflict, tpsession.Rule:
		status, title, detail = statusOf(err), "Action refusée", tpsession.MessageOf(err)
	default:
		u.log.ErrorContext(rq.ctx, "webui", slog.String("method", rq.r.Method), slog.String("path", rq.r.URL.Path), slog.String("error", err.Error()))
	}
	u.render(rq, status, "error", errorPage{frame: rq.frame(), Title: title, Detail: detail, English: status != http.StatusInternalServerError && tpsession.KindOf(err) != tpsession.NotFound && tpsession.KindOf(err) != tpsession.Forbidden})
}

// statusOf maps the library's kinds to HTTP statuses, as the HTTP API
// does (docs/http-api.md#errors).
func statusOf(err error) int {
	switch tpsession.KindOf(err) {
	case tpsession.Invalid:
		return http.StatusBadRequest
	case tpsession.NotFound:
		return http.StatusNotFound
	case tpsession.Conflict:
		return http.StatusConflict
	case tpsession.Rule:
		return http.StatusUnprocessableEntity
	case tpsession.Forbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

type errorPage struct {
	frame
	Title, Detail string
	// English marks a detail that is the library's message.
	English bool
}

// render writes a page in its layout; the page is rendered into a buffer
// first, so that a template failure answers 500 rather than half a page.
func (u *UI) render(rq *req, status int, name string, data any) {
	var buf bytes.Buffer
	p := layout{Base: u.base, Assets: assets, Page: data, Title: pageTitle(name, data)}
	if rq.in != nil {
		p.User = &userView{Name: rq.in.principal.Name, Role: word(roleFR, rq.in.principal.Role), Centre: string(rq.in.principal.Centre), CSRF: rq.in.csrf}
		p.Flash = u.signins.takeFlash(rq.in)
	}
	if err := u.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		u.log.ErrorContext(rq.ctx, "webui: rendering "+name, slog.String("error", err.Error()))
		http.Error(rq.w, "Erreur interne", http.StatusInternalServerError)
		return
	}
	rq.w.Header().Set("Content-Type", "text/html; charset=utf-8")
	rq.w.WriteHeader(status)
	_, _ = buf.WriteTo(rq.w)
}

// layout is what every page's frame shows.
type layout struct {
	Base string
	// Assets is the version of the static files (assets).
	Assets string
	Title  string
	User   *userView
	Flash  string
	Page   any
}

type userView struct{ Name, Role, Centre, CSRF string }

// titled is a page that names itself in the window's title.
type titled interface{ PageTitle() string }

func pageTitle(name string, data any) string {
	if t, ok := data.(titled); ok {
		return t.PageTitle() + " — tpsession"
	}
	if e, ok := data.(errorPage); ok {
		return e.Title + " — tpsession"
	}
	return "tpsession"
}

// req is one request of a signed-in user on its way through a page.
type req struct {
	ui    *UI
	w     http.ResponseWriter
	r     *http.Request
	ctx   context.Context
	in    *signin
	actor session.Actor
}

// can reports whether the user's role may perform the action
// (session.Policy).
func (rq *req) can(a session.Action) bool { return rq.ui.policy.Authorize(rq.actor, a) == nil }

// must refuses the action to a role that may not perform it.
func (rq *req) must(a session.Action) error { return rq.ui.policy.Authorize(rq.actor, a) }

// done ends a successful action: the message is shown once on the page
// the user is sent back to (post, redirect, get).
func (rq *req) done(message, to string) error {
	rq.ui.signins.setFlash(rq.in, message)
	http.Redirect(rq.w, rq.r, to, http.StatusSeeOther)
	return nil
}

// frame is what every page's content reads besides its own data: where
// the dashboard is mounted, and the token its forms carry.
type frame struct {
	Base string
	CSRF string
}

func (rq *req) frame() frame {
	f := frame{Base: rq.ui.base}
	if rq.in != nil {
		f.CSRF = rq.in.csrf
	}
	return f
}
