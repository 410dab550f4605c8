package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadRunsEveryRoute(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-duration", "200ms", "-rounds", "2", "-warmup", "0", "-concurrency", "2", "-routes", "baseline,health,session,timeline,checklist-item"}, &out)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 9, out.String())
	for _, l := range lines[4:] {
		cells := strings.Split(strings.Trim(l, "| "), " | ")
		require.Len(t, cells, 6, l)
		assert.Equal(t, "0", cells[5], "no request failed: %s", l)
		assert.NotEqual(t, "0", cells[1], "requests were sent: %s", l)
	}
}

func TestLoadOverSQLite(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-store", "sqlite", "-duration", "200ms", "-rounds", "1", "-warmup", "0", "-concurrency", "2", "-routes", "session,checklist-item"}, &out)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "checklist")
}

func TestLoadStaysOnThisMachine(t *testing.T) {
	for _, target := range []string{"http://10.0.0.1:8080", "http://192.168.1.10", "http://8.8.8.8", "http://127.0.0.1:8080,http://10.0.0.2:8080"} {
		err := run(context.Background(), []string{"-target", target, "-token", "t", "-session", "s"}, &bytes.Buffer{})
		assert.ErrorContains(t, err, "only loopback", target)
	}
}

func TestLoadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-duration", "10m"}, {"-concurrency", "0"}, {"-requests", "0"}, {"-rounds", "0"}, {"-store", "postgres"}, {"-target", "http://127.0.0.1:1"},
		{"-routes", "nothing", "-duration", "10ms", "-warmup", "0"},
	} {
		assert.Error(t, run(context.Background(), args, &bytes.Buffer{}), "%v", args)
	}
}

func TestLoadSpreadsOverTheTargetsAndSessions(t *testing.T) {
	var (
		mu   sync.Mutex
		hits = map[string]int{} // server and path
	)
	var urls []string
	for i := range 2 {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			hits[fmt.Sprintf("%d %s", i, r.URL.Path)]++
			mu.Unlock()
			_, _ = w.Write([]byte(`{"status":"ok"}`))
		}))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"-target", strings.Join(urls, ","), "-token", "t", "-session", "s1,s2,s3,s4",
		"-routes", "session", "-duration", "100ms", "-rounds", "1", "-warmup", "0", "-concurrency", "4"}, &out)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "4 connections to 2 server(s)")
	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"0 /v1/sessions/s1", "1 /v1/sessions/s2", "0 /v1/sessions/s3", "1 /v1/sessions/s4"} {
		assert.Positive(t, hits[want], want)
	}
}

// TestHelp: -h and -help print every flag on stdout and succeed, so the
// program exits 0, without loading anything.
func TestHelp(t *testing.T) {
	for _, flag := range []string{"-h", "-help", "--help"} {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), []string{flag}, &out), flag)
		for _, name := range []string{"-duration", "-warmup", "-rounds", "-concurrency", "-requests", "-target", "-token", "-session", "-store", "-routes", "-serve"} {
			assert.Contains(t, out.String(), name, flag)
		}
	}
}

// syncBuffer is an output written by run's goroutine and read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServeOnly starts the servers only: the wrk commands it prints load a
// baseline and an API that answer, until the program is interrupted.
func TestServeOnly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-serve", "-store", "sqlite"}, out) }()
	var cmds []string
	require.Eventually(t, func() bool {
		cmds = regexp.MustCompile(`(?m)^wrk .*$`).FindAllString(out.String(), -1)
		return len(cmds) == 3
	}, 20*time.Second, 10*time.Millisecond, out.String())
	for _, cmd := range cmds {
		url := cmd[strings.LastIndex(cmd, " ")+1:]
		req, err := http.NewRequest("GET", url, nil)
		require.NoError(t, err)
		if _, token, ok := strings.Cut(cmd, "Bearer "); ok {
			req.Header.Set("Authorization", "Bearer "+token[:strings.Index(token, "'")])
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, cmd)
	}
	cancel()
	require.NoError(t, <-done)
}
