package main_test

import (
	"context"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// TestTwoServersOnOneDatabaseBehaveAsOne builds the binary, starts two real
// `safeboard serve` processes on one database and proves that a session
// signed in on one serves on the other, and that the sign-in limits count
// attempts made on either server together.
func TestTwoServersOnOneDatabaseBehaveAsOne(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "safeboard")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbURL := testdb.URL(t)
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const password = "kettle-marsh-orbit"
	if _, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "chair@example.org", Name: "Chair", Role: domain.RoleChair, PasswordHash: testdb.PasswordHash(password)}); err != nil {
		t.Fatal(err)
	}

	one, two := startServer(t, bin, dbURL), startServer(t, bin, dbURL)

	// A session signed in on one server is good on the other.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if status := post(t, browser, one+"/login", url.Values{"email": {"chair@example.org"}, "password": {password}}); status != http.StatusSeeOther {
		t.Fatalf("sign in on server one: %d", status)
	}
	jar.SetCookies(mustURL(t, two), jar.Cookies(mustURL(t, one)))
	res, err := browser.Get(two + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("home on server two with server one's session: %d, want 200", res.StatusCode)
	}

	// Failures from one address, spread over both servers, count together:
	// 20 of them lock the address on both.
	guesser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range 20 {
		server := []string{one, two}[i%2]
		if status := post(t, guesser, server+"/login", url.Values{"email": {"guess" + strconv.Itoa(i) + "@example.org"}, "password": {"wrong"}}); status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d, want 401", i+1, status)
		}
	}
	for _, server := range []string{one, two} {
		if status := post(t, guesser, server+"/login", url.Values{"email": {"guess99@example.org"}, "password": {"wrong"}}); status != http.StatusTooManyRequests {
			t.Errorf("the 21st guess from one address on %s: %d, want 429", server, status)
		}
	}
}

func post(t *testing.T, c *http.Client, to string, form url.Values) int {
	t.Helper()
	res, err := c.PostForm(to, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// startServer runs `safeboard serve` on a free port until the test ends and
// returns its base URL once it is ready.
func startServer(t *testing.T, bin, dbURL string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "SAFEBOARD_ADDR="+addr, "SAFEBOARD_SECURE_COOKIES=false", "SAFEBOARD_BOARD_NAME=Test board")
	var logs strings.Builder
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
	}
	t.Fatalf("server on %s did not become ready; its log:\n%s", addr, logs.String())
	return ""
}
