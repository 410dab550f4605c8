package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTheServersLimits states the limits the documentation gives.
func TestTheServersLimits(t *testing.T) {
	assert.Equal(t, limits{
		maxHeaderBytes: 64 << 10,
		readHeader:     10 * time.Second,
		read:           30 * time.Second,
		write:          60 * time.Second,
		idle:           2 * time.Minute,
	}, serverLimits)
	srv := newServer(http.NotFoundHandler(), serverLimits, slog.New(slog.DiscardHandler))
	assert.Equal(t, 64<<10, srv.MaxHeaderBytes)
	assert.Equal(t, 10*time.Second, srv.ReadHeaderTimeout)
	assert.Equal(t, 30*time.Second, srv.ReadTimeout)
	assert.Equal(t, 60*time.Second, srv.WriteTimeout)
	assert.Equal(t, 2*time.Minute, srv.IdleTimeout)
}

// TestHeadersAreBounded sends the demo server headers of 60 KiB, under
// the limit, then of 72 KiB, over it (net/http allows a few KiB of slack
// above MaxHeaderBytes): 431.
func TestHeadersAreBounded(t *testing.T) {
	url, _, stop := server(t, "-db", "memory")
	defer func() { require.NoError(t, stop()) }()
	for _, tc := range []struct {
		size   int
		status int
	}{{60 << 10, http.StatusOK}, {72 << 10, http.StatusRequestHeaderFieldsTooLarge}} {
		req, err := http.NewRequest("GET", url+"/healthz", nil)
		require.NoError(t, err)
		req.Header.Set("X-Padding", strings.Repeat("a", tc.size))
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, "%d bytes of headers", tc.size)
	}
}

// serve runs newServer over h with the limits l on a loopback port.
func serve(t *testing.T, h http.Handler, l limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(h, l, slog.New(slog.DiscardHandler))
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// closedWithin reports whether the server closes conn within d: a read
// returns end of file, or the connection is reset.
func closedWithin(t *testing.T, conn net.Conn, d time.Duration) bool {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(d)))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// TestTimeouts runs the server with its timeouts scaled down: a client
// that is slow to send its headers or its body, or that keeps an idle
// connection, is cut off, and a handler's context ends with the time to
// write its answer.
func TestTimeouts(t *testing.T) {
	short := limits{maxHeaderBytes: 64 << 10, readHeader: 100 * time.Millisecond, read: 300 * time.Millisecond, write: 300 * time.Millisecond, idle: 300 * time.Millisecond}
	ended := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/wait" {
			<-r.Context().Done()
			ended <- r.Context().Err()
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = w.Write([]byte("ok"))
	})
	addr := serve(t, h, short)
	dial := func() net.Conn {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		t.Cleanup(func() { conn.Close() })
		return conn
	}

	t.Run("slow headers", func(t *testing.T) {
		conn := dial()
		_, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n")
		require.NoError(t, err)
		assert.True(t, closedWithin(t, conn, 10*time.Second), "the connection is closed once the headers are late")
	})
	t.Run("slow body", func(t *testing.T) {
		conn := dial()
		_, err := io.WriteString(conn, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
		require.NoError(t, err)
		assert.True(t, closedWithin(t, conn, 10*time.Second), "the connection is closed once the body is late")
	})
	t.Run("idle connection", func(t *testing.T) {
		conn := dial()
		_, err := io.WriteString(conn, "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
		require.NoError(t, err)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.True(t, closedWithin(t, conn, 10*time.Second), "the kept-alive connection is closed once idle")
	})
	t.Run("the handler's context ends with the time to write", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/wait", nil)
		require.NoError(t, err)
		go func() {
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
		select {
		case err := <-ended:
			assert.ErrorIs(t, err, context.DeadlineExceeded)
		case <-ctx.Done():
			t.Fatal("the handler's context did not end")
		}
	})
}
