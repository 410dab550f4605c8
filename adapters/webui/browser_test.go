package webui_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium returns the path of Debian's chromium, skipping the test when
// it is not installed, or failing it under CI (.ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed: apt-get install chromium to run the browser tests")
	return ""
}

// screenshots is where the browser tests write their screenshots: the
// directory WEBUI_SCREENSHOTS names, or the test's temporary directory.
func screenshots(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("WEBUI_SCREENSHOTS"); dir != "" {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		return dir
	}
	return t.TempDir()
}

// browser starts a headless Chromium of its own (a fresh profile, nothing
// fetched from the network) and collects what its pages write to the
// console: an error there fails the test.
type browser struct {
	t       *testing.T
	ctx     context.Context
	dir     string
	mu      sync.Mutex
	console []string
}

func newBrowser(t *testing.T) *browser {
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("no-sandbox", true), // Chromium refuses to run as root otherwise
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, dir: screenshots(t)}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.console = append(b.console, m.String()+" at "+m.URL)
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		assert.Empty(t, b.console, "the pages wrote errors to the console")
	})
	b.do(chromedp.Navigate("about:blank"))
	return b
}

// refused accounts for the console's report of a page the server answered
// with an error status on purpose (a refused form is answered 400, 401 or
// 422, as the HTTP API would): the browser logs "Failed to load
// resource" for it. Every other console error fails the test.
func (b *browser) refused(status, path string) {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	want := "Failed to load resource: the server responded with a status of " + status
	for i, m := range b.console {
		if strings.Contains(m, want) && strings.Contains(m, path) {
			b.console = append(b.console[:i], b.console[i+1:]...)
			return
		}
	}
	b.t.Errorf("the console holds no refusal %s of %s: %v", status, path, b.console)
}

// do runs the steps, with a bound on how long they may wait.
func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	require.NoError(b.t, chromedp.Do(ctx, steps...))
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	return run(b, chromedp.Text(chromedp.CSS(sel)))
}

func (b *browser) eval(js string) string {
	b.t.Helper()
	return run(b, chromedp.Evaluate[string](js))
}

// run runs one step that answers, with the same bound as do: a browser
// that stops answering fails the test instead of hanging it.
func run[T any](b *browser, step chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, step)
	require.NoError(b.t, err)
	return v
}

// shot writes a screenshot of the whole page as name.png.
func (b *browser) shot(name string) {
	b.t.Helper()
	png := run(b, chromedp.FullScreenshot(100))
	require.NoError(b.t, os.WriteFile(filepath.Join(b.dir, name+".png"), png, 0o644))
}

// fill sets the controls of a form by CSS selector.
func fill(values map[string]string) chromedp.Action[chromedp.Void] {
	var steps []chromedp.Action[chromedp.Void]
	for sel, v := range values {
		steps = append(steps, chromedp.SetValue(chromedp.CSS(sel), v))
	}
	return chromedp.Steps(steps...)
}

// TestInABrowser walks the dashboard as the centre's staff would: sign in,
// create a session, plan it, see the chart, register a candidate and
// validate their convocation, and see the timeline change; then the pages
// of the other roles. Each page is screenshotted.
func TestInABrowser(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	b := newBrowser(t)
	ui := srv.URL + "/ui"

	// Sign in: the first Tab reaches the skip link.
	b.do(chromedp.Navigate(ui+"/"), chromedp.WaitVisible(chromedp.CSS("#jeton")))
	assert.Equal(t, "fr", b.eval(`document.documentElement.lang`))
	b.do(chromedp.KeyEvent(kb.Tab))
	assert.Equal(t, "evitement", b.eval(`document.activeElement.className`))
	b.shot("01-connexion")
	b.do(chromedp.SendKeys(chromedp.CSS("#jeton"), "not-a-token-of-this-server-at-all-xx"), chromedp.Submit(chromedp.CSS("#jeton")),
		chromedp.WaitVisible(chromedp.CSS(".resume-erreurs")))
	b.refused("401", "/ui/connexion")
	b.do(chromedp.SendKeys(chromedp.CSS("#jeton"), adminToken), chromedp.Submit(chromedp.CSS("#jeton")),
		chromedp.WaitVisible(chromedp.CSS("table.tableau")))
	assert.Contains(t, b.text("main"), "Sessions")
	assert.Contains(t, b.text("main"), "En retard", "the overdue deadline of the seeded session stands out")
	b.shot("02-sessions")

	// Create a session: a refused form shows the errors next to their fields.
	b.do(chromedp.Click(chromedp.CSS(`a[href$="/sessions/nouvelle"]`)), chromedp.WaitVisible(chromedp.CSS("#create-title_code")))
	b.do(fill(map[string]string{"#create-title_code": "TP-01281", "#create-title_name": "Concepteur développeur d'applications",
		"#create-site": "12 rue des Lilas, 69003 Lyon", "#create-start_date": "2027-06-05", "#create-end_date": "2027-06-09",
		"#create-planned_candidates": "12", "#create-responsable-name": "Claire Martin", "#create-responsable-email": "pas-une-adresse"}),
		chromedp.Submit(chromedp.CSS("#create-title_code")), chromedp.WaitVisible(chromedp.CSS(".resume-erreurs")))
	b.refused("400", "/ui/sessions")
	assert.Contains(t, b.text(`#create-start_date-erreur`), "not a working day")
	assert.NotEmpty(t, b.text(`#create-responsable-email-erreur`))
	assert.Equal(t, "true", b.eval(`document.getElementById("create-start_date").getAttribute("aria-invalid")`))
	assert.Equal(t, "resume-erreurs", b.eval(`document.activeElement.className`), "the script moves the focus to the errors")
	b.shot("03-nouvelle-session-erreurs")
	b.do(fill(map[string]string{"#create-start_date": "2027-06-07", "#create-responsable-email": "claire.martin@example.fr"}),
		chromedp.Submit(chromedp.CSS("#create-title_code")), chromedp.WaitVisible(chromedp.CSS("#echeances")))
	before := b.text("#echeances + ol")
	assert.Contains(t, b.text(".message-succes"), "Session créée")

	// Plan it from the sample, and see the chart.
	b.do(chromedp.Click(chromedp.CSS(`#plan ~ p a`)), chromedp.WaitVisible(chromedp.CSS("#plan-modele")))
	b.do(chromedp.SetValue(chromedp.CSS("#plan-modele"), "cda"), chromedp.Submit(chromedp.CSS("#plan-modele")),
		chromedp.WaitVisible(chromedp.CSS("svg.gantt")))
	assert.Contains(t, b.text(".message-succes"), "Plan calculé")
	bars := b.eval(`String(document.querySelectorAll("svg.gantt g.barre-epreuve").length) + "/" + String(document.querySelectorAll("svg.gantt g.barre-tache").length)`)
	assert.NotEqual(t, "0/0", bars)
	assert.NotContains(t, bars, "0/", "épreuves are drawn")
	assert.Contains(t, b.text(".bornes"), "borne inférieure")
	b.shot("04-plan")
	_, err := chromedp.Run(b.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	require.NoError(t, err)
	b.shot("05-plan-impression")
	_, err = chromedp.Run(b.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))
	require.NoError(t, err)

	// Register a candidate, then draft and validate the convocation: the
	// readiness and the timeline change.
	b.do(chromedp.Click(chromedp.CSS(`.fil a[href*="/sessions/ses_"]`)), chromedp.WaitVisible(chromedp.CSS("#candidats")))
	b.do(chromedp.Click(chromedp.CSS(`#candidats ~ details summary, #candidats + p + details summary`)))
	b.do(fill(map[string]string{"#register-first_name": "Léa", "#register-last_name": "Dubois", "#register-birth_date": "1998-04-12",
		"#register-email": "lea.dubois@example.fr"}),
		chromedp.Submit(chromedp.CSS("#register-first_name")), chromedp.WaitVisible(chromedp.CSS(`tr[id^="candidat-"]`)))
	assert.Contains(t, b.text(".message-succes"), "Léa DUBOIS")
	// The appointment left blank: the plan's, every day the candidate sits.
	b.do(chromedp.Click(chromedp.CSS(`details.actions-candidat summary`)),
		chromedp.Submit(chromedp.CSS(`input[name="appointment"]`)), chromedp.WaitVisible(chromedp.CSS(`input[name="validated_on"]`)))
	b.do(chromedp.Submit(chromedp.CSS(`input[name="validated_on"]`)), chromedp.WaitVisible(chromedp.CSS(".message-succes")))
	assert.Contains(t, b.text(".message-succes"), "validée")
	after := b.text("#echeances + ol")
	assert.NotEqual(t, before, after, "the timeline changed")
	assert.Contains(t, b.eval(`document.querySelector('#echeances + ol li[data-echeance="validate_convocations"]').className`), "echeance-done")
	b.shot("06-session")

	// The other roles: a jury member sees its invitation, an inspector
	// reads and writes nothing.
	b.do(chromedp.Submit(chromedp.CSS(`form[action$="/deconnexion"] button`)), chromedp.WaitVisible(chromedp.CSS("#jeton")))
	// The sign-in page has a heading too: wait for the sessions' table,
	// or the screenshot may be taken while the page changes.
	b.do(chromedp.SendKeys(chromedp.CSS("#jeton"), juryToken), chromedp.Submit(chromedp.CSS("#jeton")), chromedp.WaitVisible(chromedp.CSS("table.tableau")))
	b.shot("07-jury-sessions")
	b.do(chromedp.Click(chromedp.CSS(`tbody a`)), chromedp.WaitVisible(chromedp.CSS("#jury")))
	assert.Contains(t, b.text("#jury ~ form, #jury + form"), "Accepter")
	b.shot("08-jury-session")
	b.do(chromedp.Submit(chromedp.CSS(`form[action$="/deconnexion"] button`)), chromedp.WaitVisible(chromedp.CSS("#jeton")))
	b.do(chromedp.SendKeys(chromedp.CSS("#jeton"), controllerToken), chromedp.Submit(chromedp.CSS("#jeton")), chromedp.WaitVisible(chromedp.CSS("table.tableau")))
	b.do(chromedp.Click(chromedp.CSS(`tbody a`)), chromedp.WaitVisible(chromedp.CSS("#pli")))
	assert.Equal(t, "0", b.eval(`String(document.querySelectorAll("main form").length)`), "an inspector gets no form")
	assert.Contains(t, b.text("#pli ~ p.verification"), "Chaîne vérifiée")
	b.shot("09-controle-session")
	t.Logf("screenshots in %s", b.dir)
}
