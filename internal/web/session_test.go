package web_test

import (
	"context"
	"crypto/sha256"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// countingBoard is newBoard on a store that records every statement it runs.
func countingBoard(t *testing.T) (*board, *store.QueryCounter) {
	t.Helper()
	st, queries, err := store.OpenCounting(context.Background(), testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return newBoardOn(t, st, web.Config{BoardName: "Test board"}), queries
}

// sessionStatements are the statements that read or write sessions or users.
func sessionStatements(qs []string) []string {
	var out []string
	for _, q := range qs {
		if strings.Contains(q, "sessions") || strings.Contains(q, "FROM users") {
			out = append(out, strings.Join(strings.Fields(q), " "))
		}
	}
	return out
}

func TestASignedInPageReadsItsSessionAndUserInOneQueryAndWritesNothing(t *testing.T) {
	t.Parallel()
	b, queries := countingBoard(t)
	c := b.as(domain.RoleManager)
	for _, path := range []string{"/admin/agencies", "/", "/periods/2009-10/returns"} {
		queries.Reset()
		res := c.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		got := sessionStatements(queries.Queries())
		if len(got) != 1 || !strings.HasPrefix(got[0], "SELECT (SELECT version FROM data_version)") || !strings.Contains(got[0], "FROM sessions s LEFT JOIN users u") {
			t.Errorf("%s: the session's and the user's statements were %q, want the one read of both", path, got)
		}
		if len(res.Header.Values("Set-Cookie")) > 0 {
			t.Errorf("%s: an unchanged session set its cookie again: %q", path, res.Header.Values("Set-Cookie"))
		}
	}
}

func TestAnUnchangedSessionIsWrittenOnlyWhenItsExpiryMovesByMoreThanAMinute(t *testing.T) {
	t.Parallel()
	b, queries := countingBoard(t)
	c := b.as(domain.RoleChair)
	ctx := context.Background()
	// As if the last write were two minutes ago.
	if _, err := b.st.Pool().Exec(ctx, `UPDATE sessions SET expiry = expiry - interval '2 minutes'`); err != nil {
		t.Fatal(err)
	}
	before := sessionExpiry(t, b)
	queries.Reset()
	res := c.get("/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("home: status %d", res.StatusCode)
	}
	writes := 0
	for _, q := range sessionStatements(queries.Queries()) {
		if strings.HasPrefix(q, "UPDATE sessions SET expiry") {
			writes++
		}
	}
	if writes != 1 {
		t.Errorf("%d writes of the expiry, want 1: %q", writes, sessionStatements(queries.Queries()))
	}
	if after := sessionExpiry(t, b); after.Sub(before) < 90*time.Second {
		t.Errorf("the expiry moved from %s to %s, want about 2 minutes on", before, after)
	}
	if !strings.Contains(strings.Join(res.Header.Values("Set-Cookie"), ";"), "safeboard_session=") {
		t.Errorf("the cookie was not sent again with its new expiry: %q", res.Header.Values("Set-Cookie"))
	}

	// A change to the session's data is saved at once: the flash of a sign-out.
	queries.Reset()
	res = c.post("/logout", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: status %d", res.StatusCode)
	}
	saved := false
	for _, q := range sessionStatements(queries.Queries()) {
		saved = saved || strings.HasPrefix(q, "INSERT INTO sessions")
	}
	if !saved {
		t.Errorf("the sign-out's banner was not saved: %q", sessionStatements(queries.Queries()))
	}
	if got := c.followFlash(res); got != "You have signed out" {
		t.Errorf("banner after signing out %q", got)
	}
}

func TestASessionEndsAfterThirtyMinutesIdleOrTwelveHoursInAll(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	c := b.as(domain.RoleMember)
	var idleSeconds, lifetimeSeconds float64
	if err := b.st.Pool().QueryRow(ctx, `SELECT extract(epoch FROM expiry - now())::float8, extract(epoch FROM deadline - now())::float8 FROM sessions`).
		Scan(&idleSeconds, &lifetimeSeconds); err != nil {
		t.Fatal(err)
	}
	idle, lifetime := time.Duration(idleSeconds*float64(time.Second)), time.Duration(lifetimeSeconds*float64(time.Second))
	if idle < 29*time.Minute || idle > 31*time.Minute || lifetime < 11*time.Hour+59*time.Minute || lifetime > 12*time.Hour+time.Minute {
		t.Fatalf("a new session expires in %s and ends in %s, want 30 minutes and 12 hours", idle, lifetime)
	}

	// Near its deadline, a busy session's expiry moves on only as far as the deadline.
	if _, err := b.st.Pool().Exec(ctx, `UPDATE sessions SET deadline = now() + interval '5 minutes', expiry = now() + interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
	if res := c.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("home near the deadline: status %d", res.StatusCode)
	}
	var atDeadline bool
	if err := b.st.Pool().QueryRow(ctx, `SELECT expiry = deadline FROM sessions`).Scan(&atDeadline); err != nil || !atDeadline {
		t.Errorf("the expiry did not stop at the deadline (%v)", err)
	}

	for _, tc := range []struct{ name, set string }{
		{"idle for 30 minutes", `expiry = now() - interval '1 second'`},
		{"past its deadline", `deadline = now() - interval '1 second', expiry = now() - interval '1 second'`},
	} {
		c := b.as(domain.RoleMember)
		if _, err := b.st.Pool().Exec(ctx, `UPDATE sessions SET `+tc.set); err != nil {
			t.Fatal(err)
		}
		if res := c.get("/"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
			t.Errorf("a session %s: status %d to %q, want 303 to /login", tc.name, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

func TestTheStoreKeepsOnlyTheTokensHashAndTheCookieIsSecure(t *testing.T) {
	t.Parallel()
	b := newBoardOn(t, testdb.New(t), web.Config{BoardName: "Test board", SecureCookies: true})
	res := b.client().post("/login", url.Values{"email": {b.users[domain.RoleChair].Email}, "password": {testPassword}})
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "safeboard_session" {
			cookie = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == nil {
		t.Fatalf("sign in: status %d, cookie %v", res.StatusCode, cookie)
	}
	if !cookie.Secure || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || len(cookie.Value) < 40 {
		t.Errorf("cookie %+v: want Secure, HttpOnly, SameSite=Lax, path / and a long token", cookie)
	}
	hash := sha256.Sum256([]byte(cookie.Value))
	var byHash, byToken int
	if err := b.st.Pool().QueryRow(context.Background(),
		`SELECT count(*) FILTER (WHERE token_hash = $1), count(*) FILTER (WHERE position($2::bytea IN token_hash) > 0) FROM sessions`,
		hash[:], []byte(cookie.Value)).Scan(&byHash, &byToken); err != nil {
		t.Fatal(err)
	}
	if byHash != 1 || byToken != 0 {
		t.Errorf("%d sessions under the token's hash and %d holding the token itself, want 1 and 0", byHash, byToken)
	}
}

func sessionExpiry(t *testing.T, b *board) time.Time {
	t.Helper()
	var at time.Time
	if err := b.st.Pool().QueryRow(context.Background(), `SELECT expiry FROM sessions`).Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}
