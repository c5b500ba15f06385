package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// testPassword is every test user's password.
const testPassword = "correct horse battery"

// testHash is every test user's password hash, made cheaply (testdb.PasswordHash).
var testHash = testdb.PasswordHash(testPassword)

// board is a running server on a fresh database with one user of each role.
type board struct {
	t        *testing.T
	st       *store.Store
	srv      *web.Server
	http     *httptest.Server
	agencyID int64
	users    map[domain.Role]*domain.User
}

func newBoard(t *testing.T) *board {
	t.Helper()
	return newBoardOn(t, testdb.New(t), web.Config{BoardName: "Test board"})
}

// newBoardOn is newBoard on a store of the test's own, such as one counting its queries.
func newBoardOn(t *testing.T, st *store.Store, cfg web.Config) *board {
	t.Helper()
	ctx := context.Background()
	agencyID, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{
		Name: "Kent Police", Slug: "kent-police", ShortName: "Police", Sector: "Police", DisplayOrder: 10, Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	b := &board{t: t, st: st, agencyID: agencyID, users: map[domain.Role]*domain.User{}}
	for _, role := range domain.Roles {
		nu := store.NewUser{Email: string(role) + "@example.org", Name: "Test " + role.Title(), Role: role, PasswordHash: testHash}
		if role == domain.RoleLead {
			nu.AgencyID = &agencyID
		}
		id, err := st.CreateUser(ctx, domain.CommandLine, nu)
		if err != nil {
			t.Fatal(err)
		}
		if b.users[role], err = st.UserByID(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{
		Label: "2009/10", StartsOn: domain.PeriodForYear(2009).StartsOn, EndsOn: domain.PeriodForYear(2009).EndsOn, IsOpen: true,
	}); err != nil {
		t.Fatal(err)
	}
	b.srv = web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), cfg)
	b.http = httptest.NewServer(b.srv.Handler())
	t.Cleanup(b.http.Close)
	return b
}

// client is one browser: it keeps cookies and does not follow redirects.
type client struct {
	b    *board
	http *http.Client
	// token, when set, is sent as a bearer token (for /metrics).
	token string
}

func (b *board) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{b: b, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// as returns a client signed in as the test user with that role.
func (b *board) as(role domain.Role) *client {
	b.t.Helper()
	c := b.client()
	res := c.post("/login", url.Values{"email": {b.users[role].Email}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in as %s: status %d", role, res.StatusCode)
	}
	return c
}

func (c *client) do(req *http.Request) *http.Response {
	c.b.t.Helper()
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	c.b.t.Cleanup(func() { res.Body.Close() })
	return res
}

func (c *client) get(path string) *http.Response {
	c.b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.b.http.URL+path, nil)
	if err != nil {
		c.b.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form as a same-origin browser would.
func (c *client) post(path string, form url.Values) *http.Response {
	c.b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.b.http.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// doc parses an HTML response.
func doc(t *testing.T, res *http.Response) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// followFlash follows a 303 and returns the success banner's text on the page it lands on.
func (c *client) followFlash(res *http.Response) string {
	c.b.t.Helper()
	if res.StatusCode != http.StatusSeeOther {
		c.b.t.Fatalf("want a redirect after a successful post, got %d", res.StatusCode)
	}
	page := c.get(res.Header.Get("Location"))
	return strings.TrimSpace(doc(c.b.t, page).Find(`[data-testid="flash"] .govuk-notification-banner__heading`).Text())
}
