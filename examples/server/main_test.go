package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/postgres/postgrestest"
)

// output is the server's standard output, written by its goroutines and
// read by the test.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// find waits for a line matching re and returns its first group.
func (o *output) find(t *testing.T, re *regexp.Regexp) string {
	t.Helper()
	var m []string
	require.Eventually(t, func() bool {
		m = re.FindStringSubmatch(o.String())
		return m != nil
	}, 20*time.Second, 10*time.Millisecond, "no %s in:\n%s", re, o)
	return m[1]
}

// server runs the server on a free port and returns its URL and output;
// stop cancels it and waits for run to return.
func server(t *testing.T, args ...string) (url string, out *output, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &output{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), out) }()
	url = out.find(t, regexp.MustCompile(`listening on (http://\S+)`))
	return url, out, func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("the server did not stop")
			return nil
		}
	}
}

func call(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func TestDemoServer(t *testing.T) {
	url, out, stop := server(t, "-db", "memory", "-demo")
	token := out.find(t, regexp.MustCompile(`admin token of centre-demo: ([0-9a-f]{32})`))
	assert.Contains(t, out.String(), "seeded the demo centre")

	status, body := call(t, "GET", url+"/healthz", "", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "ok", body["status"])
	status, _ = call(t, "GET", url+"/v1/sessions", "", "")
	assert.Equal(t, http.StatusUnauthorized, status)

	status, body = call(t, "GET", url+"/v1/sessions", token, "")
	require.Equal(t, http.StatusOK, status)
	statuses := map[string]string{}
	for _, s := range body["sessions"].([]any) {
		s := s.(map[string]any)
		statuses[s["status"].(string)] = s["id"].(string)
	}
	for _, st := range []string{"declared", "pli_ordered", "convocations_sent", "cancelled"} {
		assert.Contains(t, statuses, st, "the demo centre has sessions at different stages")
	}
	nearlyReady := statuses["convocations_sent"]
	status, body = call(t, "GET", url+"/v1/sessions/"+nearlyReady+"/readiness", token, "")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, false, body["ready"])
	assert.NotEmpty(t, body["findings"])
	status, body = call(t, "GET", url+"/v1/sessions/"+nearlyReady+"/jury-assignment", token, "")
	assert.Equal(t, http.StatusOK, status)
	assert.NotEmpty(t, body["panels"])
	status, body = call(t, "GET", url+"/v1/sessions/"+statuses["declared"]+"/plan", token, "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, true, body["feasible"])

	status, body = call(t, "GET", url+"/v1/sessions/"+nearlyReady+"/registrations", token, "")
	require.Equal(t, http.StatusOK, status)
	cid := body["registrations"].([]any)[0].(map[string]any)["candidate_id"].(string)
	req, err := http.NewRequest("GET", url+"/v1/sessions/"+nearlyReady+"/registrations/"+cid+"/convocation", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/pdf")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))

	status, body = call(t, "POST", url+"/v1/sessions/"+statuses["declared"]+"/pli/order", token, "")
	assert.Equal(t, http.StatusOK, status, "%v", body)

	require.NoError(t, stop())
	assert.Contains(t, out.String(), "stopped")
	_, err = http.Get(url + "/healthz")
	assert.Error(t, err, "the server no longer listens")
}

// TestShutdownFinishesRequestsInFlight stops the server while a request
// is half sent: the server waits for the rest, answers it, then stops; the
// write it acknowledged is in the SQLite file when the server starts again.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	db := filepath.Join(t.TempDir(), "tpsession.db")
	tokens := tokensFile(t)
	url, out, stop := server(t, "-db", db, "-tokens", tokens)
	conn, body := halfSent(t, url)

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "shutting down") }, 10*time.Second, 10*time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("the server stopped with a request in flight: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	_, err := conn.Write([]byte(body[20:]))
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode, "the write is acknowledged")
	require.NoError(t, <-stopped)

	url, _, stop = server(t, "-db", db, "-tokens", tokens)
	status, members := call(t, "GET", url+"/v1/jury-members", adminToken, "")
	assert.Equal(t, http.StatusOK, status)
	assert.Len(t, members["members"], 1, "the acknowledged write survived the restart")
	require.NoError(t, stop())
}

// halfSent sends the server the header of a request and the start of its
// body, and returns the connection and the whole body.
func halfSent(t *testing.T, url string) (net.Conn, string) {
	t.Helper()
	body := `{"name": "Jeanne Martin", "email": "jeanne.martin@example.fr",
		"habilitations": [{"title_code": "TP-01281", "valid_from": "2026-01-01", "valid_until": "2028-12-31"}]}`
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = fmt.Fprintf(conn, "POST /v1/jury-members HTTP/1.1\r\nHost: demo\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", adminToken, len(body), body[:20])
	require.NoError(t, err)
	time.Sleep(200 * time.Millisecond) // the server reads the header: the connection is active
	return conn, body
}

// TestASecondInterruptStopsAtOnce interrupts the process during the grace
// period: the server stops without waiting for the request in flight.
func TestASecondInterruptStopsAtOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	// Catch SIGINT in the test too, so that a server that does not would
	// fail the test, not kill it.
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, os.Interrupt)
	defer signal.Stop(caught)

	url, out, stop := server(t, "-db", "memory", "-tokens", tokensFile(t))
	conn, _ := halfSent(t, url)
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	out.find(t, regexp.MustCompile(`(shutting down)`))
	self, err := os.FindProcess(os.Getpid())
	require.NoError(t, err)
	require.NoError(t, self.Signal(os.Interrupt))
	select {
	case err := <-stopped:
		require.Error(t, err)
		assert.Contains(t, err.Error(), "interrupted again")
	case <-time.After(shutdownGrace / 2):
		t.Fatal("the server still waits for the request in flight")
	}
	_, err = http.ReadResponse(bufio.NewReader(conn), nil)
	assert.Error(t, err, "the request in flight is cut off, never acknowledged")
}

// TestSQLiteByDefault runs the demo on the default store, a SQLite file in
// the working directory, twice: the demo centre is seeded once.
func TestSQLiteByDefault(t *testing.T) {
	t.Chdir(t.TempDir())
	_, out, stop := server(t, "-demo")
	assert.Contains(t, out.String(), "store: tpsession.db")
	assert.Contains(t, out.String(), "seeded the demo centre")
	require.NoError(t, stop())
	_, err := os.Stat("tpsession.db")
	require.NoError(t, err)

	url, out, stop := server(t, "-demo", "-tokens", tokensFile(t))
	assert.NotContains(t, out.String(), "seeded", "the centre has sessions: it is not seeded again")
	status, body := call(t, "GET", url+"/v1/sessions", adminToken, "")
	assert.Equal(t, http.StatusOK, status)
	assert.Len(t, body["sessions"], 5)
	require.NoError(t, stop())
}

const adminToken = "admin-token-0123456789abcdef0123456"

func tokensFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tokens.json")
	require.NoError(t, os.WriteFile(path, []byte(`[{"token": "`+adminToken+`", "centre": "centre-demo", "role": "admin", "name": "Claire Martin"}]`), 0o600))
	return path
}

func TestTokensFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.json")
	require.NoError(t, os.WriteFile(path, []byte(`[
		{"token": "controller-token-0123456789abcdef01", "centre": "centre-demo", "role": "controller", "name": "Inspection DREETS"}
	]`), 0o600))
	url, out, stop := server(t, "-db", "memory", "-demo", "-tokens", path)
	assert.NotContains(t, out.String(), "admin token")
	status, body := call(t, "GET", url+"/v1/sessions", "controller-token-0123456789abcdef01", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Len(t, body["sessions"], 5)
	status, _ = call(t, "POST", url+"/v1/sessions", "controller-token-0123456789abcdef01", "{}")
	assert.Equal(t, http.StatusForbidden, status)
	require.NoError(t, stop())
}

func TestATitleRegisterFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "titles.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"titles": [{"code": "TP-09999", "name": "Technicien d'essai",
		"revisions": [{"id": "2025", "valid_from": "2025-01-01", "ccps": [{"code": "CCP1", "name": "Monter"}]}]}]}`), 0o600))
	url, _, stop := server(t, "-db", "memory", "-titles", path, "-tokens", tokensFile(t))
	status, body := call(t, "GET", url+"/v1/titles", adminToken, "")
	require.Equal(t, http.StatusOK, status)
	titles, ok := body["titles"].([]any)
	require.True(t, ok)
	require.Len(t, titles, 1, "the centre's file replaces the shipped register")
	assert.Equal(t, "TP-09999", titles[0].(map[string]any)["code"])
	require.NoError(t, stop())
}

func TestBadStart(t *testing.T) {
	anonymous := filepath.Join(t.TempDir(), "tokens.json")
	require.NoError(t, os.WriteFile(anonymous, []byte(`[{"token": "`+adminToken+`", "centre": "centre-demo", "role": "admin"}]`), 0o600))
	badTitles := filepath.Join(t.TempDir(), "titles.json")
	require.NoError(t, os.WriteFile(badTitles, []byte(`{"titles": [{"code": "TP-1"}]}`), 0o600))
	for name, args := range map[string][]string{
		"a missing title register":       {"-db", "memory", "-titles", filepath.Join(t.TempDir(), "none.json")},
		"an invalid title register":      {"-db", "memory", "-titles", badTitles},
		"an admin token without a name":  {"-db", "memory", "-tokens", anonymous},
		"an unknown flag":                {"-port", "8080"},
		"an argument":                    {"extra"},
		"a missing token file":           {"-db", "memory", "-tokens", filepath.Join(t.TempDir(), "none.json")},
		"an address it cannot listen on": {"-db", "memory", "-addr", "256.0.0.1:80"},
	} {
		t.Run(name, func(t *testing.T) {
			// Already cancelled: a start that wrongly succeeds stops at
			// once instead of serving for ever.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			assert.Error(t, run(ctx, args, &output{}))
		})
	}
}

// TestPostgresServer runs the server on a PostgreSQL database reached
// through a proxy: the demo is seeded, /healthz answers 503 while the
// database is out of reach and 200 once it is back, and the start-up line
// keeps the URL's password to itself.
func TestPostgresServer(t *testing.T) {
	p := postgrestest.NewProxy(t, postgrestest.ServerURL(t))
	p.Open()
	db := p.URL(postgrestest.WithParams(t, postgrestest.Schema(t), map[string]string{"connect_retry": "5s"}))
	url, out, stop := server(t, "-db", db, "-db-max-conns", "3", "-db-statement-timeout", "10s", "-demo")
	token := out.find(t, regexp.MustCompile(`admin token of centre-demo: ([0-9a-f]{32})`))
	assert.Contains(t, out.String(), "seeded the demo centre")
	assert.Contains(t, out.String(), "(store: postgres://")
	if u, err := neturl.Parse(db); assert.NoError(t, err) && u.User != nil {
		if pass, ok := u.User.Password(); ok {
			assert.NotContains(t, out.String(), pass, "the password is not printed")
		}
	}

	status, body := call(t, "GET", url+"/healthz", "", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, map[string]any{"status": "ok"}, body)
	status, body = call(t, "GET", url+"/v1/sessions", token, "")
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, body["sessions"], 5)

	p.Close()
	status, body = call(t, "GET", url+"/healthz", "", "")
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.Equal(t, "httpapi.unavailable", body["code"])
	p.Open()
	assert.Eventually(t, func() bool {
		status, _ := call(t, "GET", url+"/healthz", "", "")
		return status == http.StatusOK
	}, 10*time.Second, 20*time.Millisecond)
	require.NoError(t, stop())
}

func TestPostgresFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-db", "x.db", "-db-max-conns", "2"},
		{"-db", "postgres://u@h/d", "-db-max-conns", "0"},
		{"-db", "postgres://u@h/d", "-db-statement-timeout", "0s"},
		{"-db", "postgres://u@h/d", "-db-connect-retry", "-1s"},
	} {
		_, err := parseFlags(args, io.Discard)
		assert.Error(t, err, "%v", args)
	}
	c, err := parseFlags([]string{"-db", "postgres://u@h/d", "-db-max-conns", "7", "-db-connect-retry", "0s"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 7, *c.db.maxConns)
	assert.Equal(t, time.Duration(0), *c.db.connectRetry)
	assert.Nil(t, c.db.statementTimeout, "not given: the URL's or the adapter's")
	assert.Equal(t, "postgres://u:xxxxx@h/d", describe("postgres://u:pw@h/d?sslmode=disable"))
}

// TestHelp: -h and -help print the usage and every flag on stdout and
// succeed, so the program exits 0, without opening a store or listening.
func TestHelp(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, flag := range []string{"-h", "-help", "--help"} {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), []string{flag}, &out), flag)
		for _, name := range []string{"usage: server", "-addr", "-db", "-tokens", "-demo"} {
			assert.Contains(t, out.String(), name, flag)
		}
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "-h created files")
}

// TestADemoPastTheRegisterSaysWhatToDo: on a day after the shipped
// register's end of validity of TP-01281, the demo's sessions of that
// title cannot be created; the server says which file to give it, and
// with a register that knows a later revision the demo seeds.
func TestADemoPastTheRegisterSaysWhatToDo(t *testing.T) {
	pinned := clock
	t.Cleanup(func() { clock = pinned })
	clock = tpsession.NewFixedClock(time.Date(2029, time.March, 5, 9, 0, 0, 0, time.UTC))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := run(ctx, []string{"-db", "memory", "-demo", "-addr", "127.0.0.1:0"}, &output{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-titles FILE")
	assert.Contains(t, err.Error(), "2028-12-18")

	path := filepath.Join(t.TempDir(), "titles.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"titles": [{"code": "TP-01281", "name": "Concepteur développeur d'applications",
		"revisions": [{"id": "2023", "valid_from": "2023-12-18", "valid_until": "2033-12-18",
			"ccps": [{"code": "CCP1", "name": "Développer une application sécurisée"}]}]}]}`), 0o600))
	url, out, stop := server(t, "-db", "memory", "-demo", "-titles", path)
	assert.Contains(t, out.String(), "seeded the demo centre")
	status, _ := call(t, "GET", url+"/healthz", "", "")
	assert.Equal(t, http.StatusOK, status)
	require.NoError(t, stop())
}

// TestDashboard: the server serves the dashboard under /ui/, and the token
// it printed signs in to it.
func TestDashboard(t *testing.T) {
	url, out, stop := server(t, "-db", "memory", "-demo")
	defer func() { require.NoError(t, stop()) }()
	token := out.find(t, regexp.MustCompile(`admin token of centre-demo: ([0-9a-f]{32})`))
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	client := &http.Client{Jar: jar}
	resp, err := client.Get(url + "/ui/")
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "/ui/connexion", resp.Request.URL.Path, "signed out, the dashboard asks to sign in")
	csrf := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindSubmatch(page)
	require.NotNil(t, csrf)
	resp, err = client.PostForm(url+"/ui/connexion", neturl.Values{"csrf": {string(csrf[1])}, "jeton": {token}})
	require.NoError(t, err)
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "/ui/sessions", resp.Request.URL.Path)
	assert.Contains(t, string(page), "Électricien d&#39;équipement du bâtiment", "the demo centre's sessions")
	assert.Contains(t, string(page), "Résultats validés", "the session carried to its validated results")

	// The validated session's page links its procès-verbal, which serves.
	_, body := call(t, "GET", url+"/v1/sessions?status=validated", token, "")
	require.Len(t, body["sessions"], 1)
	sid := body["sessions"].([]any)[0].(map[string]any)["id"].(string)
	resp, err = client.Get(url + "/ui/sessions/" + sid)
	require.NoError(t, err)
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	pv := regexp.MustCompile(`href="([^"]+/proces-verbal\.pdf)"`).FindSubmatch(page)
	require.NotNil(t, pv, "the page links the procès-verbal")
	resp, err = client.Get(url + string(pv[1]))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))
}
