package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func sessionCookie(res *http.Response) string {
	for _, c := range res.Cookies() {
		if c.Name == "safeboard_session" {
			return c.Value
		}
	}
	return ""
}

func TestSigningInWithTheRightPasswordOpensTheHomePage(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.client()
	// Asking for a page while signed out starts a session (it remembers the page).
	before := sessionCookie(c.get("/"))
	if before == "" {
		t.Fatal("no session cookie before sign-in")
	}
	res := c.post("/login", url.Values{"email": {"LEAD@example.org"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	after := sessionCookie(res)
	if after == "" || after == before {
		t.Fatalf("the session token was not renewed at sign-in: before %q after %q", before, after)
	}
	for _, cookie := range res.Cookies() {
		if cookie.Name == "safeboard_session" && (!cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode) {
			t.Fatalf("cookie flags: %+v", cookie)
		}
	}
	home := doc(t, c.get("/"))
	if got := home.Find(`[data-testid="agency"]`).Text(); !strings.Contains(got, "Kent Police") {
		t.Fatalf("the lead's home does not name their agency: %q", got)
	}
	u, _ := b.st.UserByID(t.Context(), b.users[domain.RoleLead].ID)
	if u.LastSignInAt == nil {
		t.Fatal("last sign-in was not recorded")
	}
}

func TestSignInReturnsToThePageAskedFor(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.client()
	if res := c.get("/admin/periods"); res.Header.Get("Location") != "/login" {
		t.Fatalf("anonymous admin page: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	res := c.post("/login", url.Values{"email": {"manager@example.org"}, "password": {testPassword}})
	if got := res.Header.Get("Location"); got != "/admin/periods" {
		t.Fatalf("after sign-in went to %q, want /admin/periods", got)
	}
}

func TestUnknownEmailAndWrongPasswordGetTheSameMessage(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	cases := []struct{ name, email, password string }{
		{"an unknown email", "nobody@example.org", testPassword},
		{"a wrong password", "chair@example.org", "not the password"},
	}
	var messages []string
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := b.client().post("/login", url.Values{"email": {c.email}, "password": {c.password}})
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", res.StatusCode)
			}
			d := doc(t, res)
			messages = append(messages, strings.TrimSpace(d.Find(`[data-testid="error-summary"] a[href="#email"]`).Text()))
			if v, _ := d.Find("input#email").Attr("value"); v != c.email {
				t.Fatalf("the email typed was not re-shown: %q", v)
			}
		})
	}
	if len(messages) != 2 || messages[0] == "" || messages[0] != messages[1] {
		t.Fatalf("messages differ or are empty: %q", messages)
	}
}

func TestEmptyFieldsGetAMessageEach(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	d := doc(t, b.client().post("/login", url.Values{}))
	if got := d.Find(`.govuk-error-summary a[href="#email"]`).Text(); got != "Enter your email address" {
		t.Errorf("email message %q", got)
	}
	if got := d.Find(`.govuk-error-summary a[href="#password"]`).Text(); got != "Enter your password" {
		t.Errorf("password message %q", got)
	}
	if title := d.Find("title").Text(); !strings.HasPrefix(title, "Error:") {
		t.Errorf("title %q does not start with Error:", title)
	}
}

func TestRepeatedFailuresForOneEmailAreThrottled(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	var statuses []int
	for range 7 {
		res := b.client().post("/login", url.Values{"email": {"chair@example.org"}, "password": {"wrong password"}})
		statuses = append(statuses, res.StatusCode)
		if res.StatusCode == http.StatusTooManyRequests {
			d := doc(t, res)
			if !strings.Contains(d.Find(`[data-testid="try-again"]`).Text(), "try again after") {
				t.Fatal("the 429 page does not say when to try again")
			}
			if res.Header.Get("Retry-After") == "" {
				t.Fatal("no Retry-After header")
			}
		}
	}
	want := []int{401, 401, 401, 401, 401, 429, 429}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses %v, want %v", statuses, want)
		}
	}
	// Even the right password is refused while the email is throttled...
	res := b.client().post("/login", url.Values{"email": {"chair@example.org"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password while throttled: %d", res.StatusCode)
	}
	// ...but other accounts are not affected.
	res = b.client().post("/login", url.Values{"email": {"member@example.org"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("another account: %d", res.StatusCode)
	}
}

func TestManyFailuresFromOneAddressAreThrottled(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	var last int
	for i := range 21 {
		// A different email each time, so only the address limit can apply.
		res := b.client().post("/login", url.Values{"email": {"guess" + strconv.Itoa(i) + "@example.org"}, "password": {"x"}})
		last = res.StatusCode
		if i < 20 && last != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i+1, last)
		}
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("the 21st failure from one address: %d, want 429", last)
	}
}

func TestSigningOutEndsTheSession(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleChair)
	if res := c.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("home: %d", res.StatusCode)
	}
	if res := c.post("/logout", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	if res := c.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("home after sign-out: %d, want a redirect", res.StatusCode)
	}
}

func TestParallelGuessesCannotSlipUnderTheLimit(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	const guesses = 12
	statuses := make(chan int, guesses)
	var wg sync.WaitGroup
	for i := range guesses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := url.Values{"email": {"chair@example.org"}, "password": {"guess " + strconv.Itoa(i)}}
			req, _ := http.NewRequest(http.MethodPost, b.http.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses <- res.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	checked := 0
	for status := range statuses {
		if status == http.StatusUnauthorized {
			checked++
		}
	}
	if checked != maxFailuresByEmailForTest {
		t.Fatalf("%d of %d parallel guesses had their password checked, want exactly %d", checked, guesses, maxFailuresByEmailForTest)
	}
}

// maxFailuresByEmailForTest mirrors the limit the issue sets: 5 failures per email.
const maxFailuresByEmailForTest = 5

func TestASuccessfulSignInDoesNotCountAgainstTheAddress(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	// 25 successful sign-ins from one address, as an office might at the start of a meeting.
	for i := range 25 {
		res := b.client().post("/login", url.Values{"email": {"member@example.org"}, "password": {testPassword}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in %d: status %d, want 303", i+1, res.StatusCode)
		}
	}
}

func TestBehindTrustedProxiesEachClientAddressHasItsOwnLimit(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	srv := web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{TrustedProxies: []string{"127.0.0.1/32", "::1/128"}})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	guess := func(client string, i int) int {
		form := url.Values{"email": {"guess" + strconv.Itoa(i) + "@example.org"}, "password": {"x"}}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", client)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for i := range 20 {
		if status := guess("203.0.113.7", i); status != http.StatusUnauthorized {
			t.Fatalf("guess %d from one client: %d", i+1, status)
		}
	}
	if status := guess("203.0.113.7", 20); status != http.StatusTooManyRequests {
		t.Fatalf("21st guess from one client: %d, want 429", status)
	}
	// Another client behind the same proxy is not locked out by the first one's guesses.
	if status := guess("198.51.100.9", 21); status != http.StatusUnauthorized {
		t.Fatalf("another client behind the proxy: %d, want 401", status)
	}
}

// signInFrom posts a sign-in through a trusted proxy, for the client at address.
func signInFrom(t *testing.T, b *board, address, email, password string) *http.Response {
	t.Helper()
	form := url.Values{"email": {email}, "password": {password}}
	req, _ := http.NewRequest(http.MethodPost, b.http.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", address)
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestOnePersonsTyposElsewhereCannotLockTheManagerOut(t *testing.T) {
	t.Parallel()
	b := newBoardOn(t, testdb.New(t), web.Config{TrustedProxies: []string{"127.0.0.1/32", "::1/128"}})
	const manager = "manager@example.org"
	for i := range 5 {
		if res := signInFrom(t, b, "203.0.113.7", manager, "wrong guess "+strconv.Itoa(i)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d, want 401", i+1, res.StatusCode)
		}
	}
	if res := signInFrom(t, b, "203.0.113.7", manager, testPassword); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the sixth attempt from the guessing address: %d, want 429", res.StatusCode)
	}
	// From the manager's own address the email is only slowed: a second after
	// the last failure, the right password signs in.
	res := signInFrom(t, b, "198.51.100.9", manager, testPassword)
	if res.StatusCode == http.StatusTooManyRequests {
		wait, _ := strconv.Atoi(res.Header.Get("Retry-After"))
		if wait < 1 || wait > 3 {
			t.Fatalf("the manager's own address waits %q seconds, want 1 to 3", res.Header.Get("Retry-After"))
		}
		time.Sleep(time.Duration(wait) * time.Second)
		res = signInFrom(t, b, "198.51.100.9", manager, testPassword)
	}
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the manager from their own address: %d, want 303", res.StatusCode)
	}
}

func TestGuessesSpreadAcrossAddressesAreSlowedDown(t *testing.T) {
	t.Parallel()
	b := newBoardOn(t, testdb.New(t), web.Config{TrustedProxies: []string{"127.0.0.1/32", "::1/128"}})
	const chair = "chair@example.org"
	for i := range 5 {
		address := "203.0.113." + strconv.Itoa(10+i)
		if res := signInFrom(t, b, address, chair, "guess "+strconv.Itoa(i)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d, want 401", i+1, res.StatusCode)
		}
	}
	res := signInFrom(t, b, "203.0.113.99", chair, "guess 6")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("a sixth guess at once from a new address: %d (Retry-After %q), want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
}
