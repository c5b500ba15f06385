// Package mailtest runs a real SMTP server in the process, for tests: an
// emersion/go-smtp server on a loopback port that keeps every message it
// receives, so a test reads the recipients, subject, plain text and links.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one email the server received.
type Message struct {
	From    string
	To      []string
	Header  netmail.Header
	Subject string
	Text    string // the plain text, decoded
}

// Server is an SMTP server on 127.0.0.1 that keeps what it receives.
type Server struct {
	t    testing.TB
	addr string
	mu   sync.Mutex
	msgs []Message
	down bool
}

// Start starts a server on a free loopback port, stopped when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s := &Server{t: t, addr: ln.Addr().String()}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	go func() { _ = srv.Serve(&gate{Listener: ln, s: s}) }()
	// The listener is closed too: Close before Serve has begun would leave it open.
	t.Cleanup(func() { _ = srv.Close(); _ = ln.Close() })
	return s
}

// URL is the server's address for SAFEBOARD_SMTP_URL.
func (s *Server) URL() string { return "smtp://" + s.addr }

// Stop makes the server act as one that is down: it hangs up on every
// connection at once, before its greeting, until Restart. The port stays
// held, so no other test's server can take it meanwhile.
func (s *Server) Stop() { s.setDown(true) }

// Restart brings the server back.
func (s *Server) Restart() { s.setDown(false) }

func (s *Server) setDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

func (s *Server) isDown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}

// gate is the server's listener, which hangs up on connections while the server is down.
type gate struct {
	net.Listener
	s *Server
}

func (g *gate) Accept() (net.Conn, error) {
	for {
		c, err := g.Listener.Accept()
		if err != nil || !g.s.isDown() {
			return c, err
		}
		_ = c.Close()
	}
}

// Messages is every message received so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// WaitFor waits up to timeout for n messages and returns them.
func (s *Server) WaitFor(n int, timeout time.Duration) []Message {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msgs := s.Messages()
		if len(msgs) >= n || time.Now().After(deadline) {
			if len(msgs) < n {
				s.t.Fatalf("mailtest: %d messages after %s, want %d", len(msgs), timeout, n)
			}
			return msgs
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (c *session) Mail(from string, _ *smtp.MailOptions) error { c.from = from; return nil }
func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error   { c.to = append(c.to, to); return nil }
func (c *session) Reset()                                      { c.from, c.to = "", nil }
func (c *session) Logout() error                               { return nil }

func (c *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	m := Message{From: c.from, To: c.to, Header: msg.Header}
	dec := new(mime.WordDecoder)
	if m.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return err
	}
	if m.Text, err = plainText(msg); err != nil {
		return err
	}
	c.s.mu.Lock()
	c.s.msgs = append(c.s.msgs, m)
	c.s.mu.Unlock()
	return nil
}

// plainText is a single-part text/plain message's text, decoded.
func plainText(msg *netmail.Message) (string, error) {
	media, _, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return "", err
	}
	if media != "text/plain" {
		return "", errors.New("mailtest: the message is " + media + ", not text/plain")
	}
	var body io.Reader = msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		return "", errors.New("mailtest: base64 bodies are not read")
	}
	b, err := io.ReadAll(body)
	return strings.ReplaceAll(string(b), "\r\n", "\n"), err
}
