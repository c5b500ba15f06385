package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	}
	for _, path := range []string{"/login", "/healthz", "/no-such-page", "/static/css/safeboard.css"} {
		t.Run(path, func(t *testing.T) {
			res := b.client().get(path)
			for name, value := range want {
				if got := res.Header.Get(name); got != value {
					t.Errorf("%s: got %q, want %q", name, got, value)
				}
			}
			if strings.Contains(res.Header.Get("Content-Security-Policy"), "unsafe-inline") {
				t.Error("the policy allows unsafe-inline")
			}
		})
	}
}

func TestACrossSitePostIsRefused(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	cases := []struct {
		name   string
		header string
		value  string
		want   int
	}{
		{"a cross-site browser post gets 403", "Sec-Fetch-Site", "cross-site", http.StatusForbidden},
		{"a post from another origin gets 403", "Origin", "https://evil.example", http.StatusForbidden},
		{"a same-origin post goes through", "Sec-Fetch-Site", "same-origin", http.StatusUnauthorized},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := url.Values{"email": {"manager@example.org"}, "password": {"wrong password"}}
			req, _ := http.NewRequest(http.MethodPost, b.http.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set(c.header, c.value)
			res := b.client().do(req)
			if res.StatusCode != c.want {
				t.Fatalf("status %d, want %d", res.StatusCode, c.want)
			}
		})
	}
}

func TestLargeRequestBodiesAreRefused(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	res := b.client().post("/login", url.Values{"email": {strings.Repeat("a", 2<<20)}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", res.StatusCode)
	}
}

func TestHealthReadinessAndMetricsAnswer(t *testing.T) {
	t.Parallel()
	b := newBoardOn(t, testdb.New(t), web.Config{MetricsToken: "metrics-secret"})
	c := b.client()
	c.token = "metrics-secret"
	for _, path := range []string{"/healthz", "/readyz"} {
		if res := c.get(path); res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
	}
	c.get("/login")
	// The request is counted once its handler returns, which may be just after the client has the response.
	var body string
	for range 50 {
		if body = readAll(t, c.get("/metrics")); strings.Contains(body, `route="/login",status="200"} 1`) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, series := range []string{
		`safeboard_http_requests_total{method="GET",route="/login",status="200"} 1`,
		"safeboard_http_request_duration_seconds_bucket",
		"safeboard_db_pool_connections",
	} {
		if !strings.Contains(body, series) {
			t.Errorf("/metrics lacks %s", series)
		}
	}
}

func TestMetricsNeedTheBearerToken(t *testing.T) {
	t.Parallel()
	b := newBoardOn(t, testdb.New(t), web.Config{MetricsToken: "metrics-secret"})
	for token, want := range map[string]int{"": http.StatusUnauthorized, "wrong": http.StatusUnauthorized, "metrics-secret": http.StatusOK} {
		c := b.client()
		c.token = token
		if res := c.get("/metrics"); res.StatusCode != want {
			t.Errorf("token %q: status %d, want %d", token, res.StatusCode, want)
		}
	}
	// Without a token configured, nobody reads them.
	if res := newBoard(t).client().get("/metrics"); res.StatusCode != http.StatusNotFound {
		t.Errorf("no token configured: status %d, want 404", res.StatusCode)
	}
}

func TestHSTSIsSentWithSecureCookies(t *testing.T) {
	t.Parallel()
	secure := newBoardOn(t, testdb.New(t), web.Config{SecureCookies: true})
	if got := secure.client().get("/login").Header.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=31536000") {
		t.Errorf("with secure cookies: Strict-Transport-Security %q", got)
	}
	if got := newBoard(t).client().get("/login").Header.Get("Strict-Transport-Security"); got != "" {
		t.Errorf("without secure cookies (plain http): Strict-Transport-Security %q, want none", got)
	}
}

// concretePath fills a route pattern's parameters with ids that exist.
func concretePath(b *board, pattern string) string {
	replacer := strings.NewReplacer(
		"{agencyID}", itoa(b.agencyID),
		"{userID}", itoa(b.users[domain.RoleMember].ID),
		"{periodID}", "1",
		"{challenge}", "1",
		"{period}", "2009-10",
		"{import}", "1",
		"{message}", "1",
		"*", "css/safeboard.css",
	)
	return replacer.Replace(pattern)
}

func routes(t *testing.T, b *board) []string {
	var all []string
	err := chi.Walk(b.srv.Router(), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		all = append(all, method+" "+route)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 20 {
		t.Fatalf("walked only %d routes", len(all))
	}
	return all
}

func TestEveryRouteIsPublicOrRefusesAnonymousUsers(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	for _, route := range routes(t, b) {
		method, pattern, _ := strings.Cut(route, " ")
		if web.PublicRoutes[route] {
			continue
		}
		t.Run(route, func(t *testing.T) {
			req, _ := http.NewRequest(method, b.http.URL+concretePath(b, pattern), strings.NewReader(""))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res := b.client().do(req)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
				t.Fatalf("anonymous %s: status %d location %q, want a redirect to /login", route, res.StatusCode, res.Header.Get("Location"))
			}
		})
	}
}

func TestOnlyTheManagerMayUseAdminRoutes(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	clients := map[domain.Role]*client{}
	for _, role := range domain.Roles {
		clients[role] = b.as(role)
	}
	var admin []string
	for _, route := range routes(t, b) {
		if strings.Contains(route, " /admin/") {
			admin = append(admin, route)
		}
	}
	if len(admin) < 15 {
		t.Fatalf("only %d admin routes walked", len(admin))
	}
	request := func(role domain.Role, route string) *http.Response {
		method, pattern, _ := strings.Cut(route, " ")
		req, _ := http.NewRequest(method, b.http.URL+concretePath(b, pattern), strings.NewReader(""))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return clients[role].do(req)
	}
	// The other roles first: the manager's posts below change the fixture (they disable the member).
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleLead, domain.RoleMember} {
		for _, route := range admin {
			t.Run(string(role)+" is refused "+route, func(t *testing.T) {
				if res := request(role, route); res.StatusCode != http.StatusForbidden {
					t.Fatalf("status %d, want 403", res.StatusCode)
				}
			})
		}
	}
	for _, route := range admin {
		t.Run("the manager may use "+route, func(t *testing.T) {
			res := request(domain.RoleManager, route)
			// An empty form may be refused as invalid (422), but never as forbidden or unsigned.
			if res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized ||
				res.Header.Get("Location") == "/login" || res.StatusCode >= 500 {
				t.Fatalf("status %d location %q", res.StatusCode, res.Header.Get("Location"))
			}
		})
	}
}

// TestTheBoardsReadingRoutesAreRefusedToRolesThatMayNotReadThem walks every
// period route that reads across agencies (the returns overview and the report
// sections) and asks it as each role: a lead sees no other agency's unpublished
// return, so is refused both; a member reads the report but not the overview.
func TestTheBoardsReadingRoutesAreRefusedToRolesThatMayNotReadThem(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	may := map[string]map[domain.Role]bool{
		"/returns": {domain.RoleManager: true, domain.RoleChair: true},
		"/report/": {domain.RoleManager: true, domain.RoleChair: true, domain.RoleMember: true},
		// Imports applied: leads see their agency's, the manager every one.
		"/figures/imports": {domain.RoleManager: true, domain.RoleLead: true},
	}
	var walked int
	for _, route := range routes(t, b) {
		method, pattern, _ := strings.Cut(route, " ")
		rest, ok := strings.CutPrefix(pattern, "/periods/{period}")
		if !ok || method != http.MethodGet {
			continue
		}
		var allowed map[domain.Role]bool
		switch {
		case rest == "/returns":
			allowed = may["/returns"]
		case rest == "/figures/imports":
			allowed = may["/figures/imports"]
		case strings.HasPrefix(rest, "/report/board") || strings.HasPrefix(rest, "/report/outline") || strings.HasPrefix(rest, "/report/performance/"):
			// The report's editors, for the manager (and the chair's overview):
			// report_board_test.go and perf_outline_test.go.
			continue
		case strings.HasPrefix(rest, "/report/readiness"):
			// The manager's readiness check before publishing: report_publish_test.go.
			continue
		case strings.HasPrefix(rest, "/report/"):
			allowed = may["/report/"]
		default:
			continue
		}
		walked++
		for _, role := range domain.Roles {
			t.Run(string(role)+" "+route, func(t *testing.T) {
				res := b.as(role).get(concretePath(b, pattern))
				if want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[allowed[role]]; res.StatusCode != want {
					t.Fatalf("status %d, want %d", res.StatusCode, want)
				}
			})
		}
	}
	if walked < 4 {
		t.Fatalf("only %d reading routes walked", walked)
	}
}

func TestThePolicyGivesEachRoleWhatTheRolesTableSays(t *testing.T) {
	t.Parallel()
	cases := []struct {
		action web.Action
		roles  []domain.Role
	}{
		{web.ActionViewHome, domain.Roles},
		{web.ActionAdminister, []domain.Role{domain.RoleManager}},
		{web.ActionPreviewReport, []domain.Role{domain.RoleManager}},
		{web.ActionViewReturnsOverview, []domain.Role{domain.RoleManager, domain.RoleChair}},
		{web.ActionReadReport, []domain.Role{domain.RoleManager, domain.RoleChair, domain.RoleMember}},
		{web.ActionImportFigures, []domain.Role{domain.RoleManager, domain.RoleLead}},
		{web.ActionReadChallenges, domain.Roles},
		{web.ActionRaiseChallenge, []domain.Role{domain.RoleManager, domain.RoleChair}},
		{web.ActionChaseReturns, []domain.Role{domain.RoleManager}},
		{web.ActionChooseEmails, domain.Roles},
	}
	for _, c := range cases {
		for _, role := range domain.Roles {
			want := slices.Contains(c.roles, role)
			t.Run(fmt.Sprintf("a %s may %s: %t", role, c.action, want), func(t *testing.T) {
				if got := web.Can(&domain.User{Role: role}, c.action); got != want {
					t.Fatalf("got %t", got)
				}
				if web.Can(&domain.User{Role: role, Disabled: true}, c.action) {
					t.Fatal("a disabled user may")
				}
			})
		}
	}
}

func TestThePolicyGivesAdministrationToTheManagerAlone(t *testing.T) {
	t.Parallel()
	for _, role := range domain.Roles {
		u := &domain.User{Role: role}
		if got, want := web.Can(u, web.ActionAdminister), role == domain.RoleManager; got != want {
			t.Errorf("%s may administer: %t, want %t", role, got, want)
		}
		if !web.Can(u, web.ActionViewHome) {
			t.Errorf("%s may not see their home", role)
		}
		if web.Can(&domain.User{Role: role, Disabled: true}, web.ActionViewHome) {
			t.Errorf("a disabled %s may still see their home", role)
		}
	}
	if web.Can(nil, web.ActionViewHome) {
		t.Error("an anonymous user may see a home page")
	}
}

func TestInternalErrorsShowAPlainPageWithoutTheErrorText(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	b.st.Close() // every query now fails with "closed pool"
	res := c.get("/admin/agencies")
	body := readAll(t, res)
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", res.StatusCode)
	}
	if strings.Contains(strings.ToLower(body), "closed pool") || !strings.Contains(body, "Sorry, there is a problem with the service") {
		t.Fatalf("the page shows the error text or lacks the plain message:\n%s", body)
	}
	_ = context.Background()
}
