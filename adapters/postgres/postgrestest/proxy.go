package postgrestest

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Proxy forwards the TCP connections made to a port of 127.0.0.1 to a
// database server. Closing it takes the server out of reach of those who
// reach it through the proxy, as a crash of the server or a cut of the
// network would; opening it again brings the server back.
type Proxy struct {
	t      testing.TB
	addr   string // where the proxy listens
	target string // host:port of the server

	mu    sync.Mutex
	l     net.Listener
	conns map[net.Conn]bool
}

// NewProxy returns a proxy to the server of the URL u, closed: it listens
// once Open is called. It is closed at the end of the test.
func NewProxy(t testing.TB, u string) *Proxy {
	t.Helper()
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &Proxy{t: t, addr: l.Addr().String(), target: parsed.Host, conns: map[net.Conn]bool{}}
	require.NoError(t, l.Close())
	t.Cleanup(p.Close)
	return p
}

// URL returns u with the proxy's address as its host.
func (p *Proxy) URL(u string) string {
	parsed, err := url.Parse(u)
	require.NoError(p.t, err)
	parsed.Host = p.addr
	return parsed.String()
}

// Open makes the proxy listen and forward the connections it accepts.
func (p *Proxy) Open() {
	l, err := net.Listen("tcp", p.addr)
	require.NoError(p.t, err)
	p.mu.Lock()
	p.l = l
	p.mu.Unlock()
	go p.accept(l)
}

func (p *Proxy) accept(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[s] = true, true
		p.mu.Unlock()
		go func() { _, _ = io.Copy(s, c); s.Close() }()
		go func() { _, _ = io.Copy(c, s); c.Close() }()
	}
}

// Close stops listening and cuts every connection made through the proxy.
func (p *Proxy) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.l != nil {
		p.l.Close()
		p.l = nil
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}
