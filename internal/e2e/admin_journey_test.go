package e2e_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Selectors the journeys share.
const (
	errorSummary      = `[data-testid="error-summary"]`
	errorSummaryLinks = `.govuk-error-summary__list a`
	successBanner     = `[data-testid="flash"] .govuk-notification-banner__heading`
	signOutButton     = `[data-testid="sign-out"]`
)

func navLink(href string) string {
	return `.govuk-service-navigation__list a[href="` + href + `"]`
}

// TestTheManagerRunsTheBoardWithAMouse walks the manager through every admin
// page there is today, with a mouse, auditing and screenshotting each.
func TestTheManagerRunsTheBoardWithAMouse(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	tab := newBrowser(t, b.URL).tab(t)

	tab.signIn("manager@demo.test")
	if got := tab.text("h1"); !strings.Contains(got, "Welcome") {
		t.Errorf("home heading %q, want a welcome", got)
	}

	tab.clickTo(navLink("/admin/agencies"), "partner agencies", http.StatusOK)
	tab.clickTo(`[data-testid="add-agency"]`, "add an agency", http.StatusOK)

	// An empty form shows the error summary, whose links lead to the fields.
	tab.clickTo(`[data-testid="save"]`, "add an agency with nothing typed", http.StatusUnprocessableEntity)
	if n := tab.count(errorSummaryLinks); n < 2 {
		t.Fatalf("the error summary lists %d problems, want one per required field", n)
	}
	// GOV.UK Frontend moves focus to the summary so screen readers announce it.
	tab.expectFocus(`.govuk-error-summary`, "after an invalid submission")
	href := tab.attr(errorSummaryLinks, "href")
	tab.do("follow the first link in the error summary", chromedp.Click(chromedp.CSS(errorSummaryLinks)))
	tab.expectFocus(href, "after following "+href+" from the error summary")
	tab.step("first error summary link followed")

	tab.clickTo(navLink("/admin/agencies"), "partner agencies again", http.StatusOK)
	tab.clickTo(`[data-testid="agency-kent-police"] a[href$="/edit"]`, "change Kent Police", http.StatusOK)

	tab.clickTo(navLink("/admin/users"), "users", http.StatusOK)
	tab.clickTo(`[data-testid="add-user"]`, "add a user", http.StatusOK)
	tab.clickTo(navLink("/admin/users"), "users again", http.StatusOK)
	tab.clickTo(`[data-testid="user-chair@demo.test"] a[href$="/edit"]`, "change the chair's account", http.StatusOK)
	tab.clickTo(`a[href$="/password"]`, "set a new password for the chair", http.StatusOK)

	tab.clickTo(navLink("/admin/periods"), "reporting periods", http.StatusOK)
	tab.clickTo(`[data-testid="add-period"]`, "add a period", http.StatusOK)
	tab.clickTo(navLink("/admin/periods"), "reporting periods again", http.StatusOK)
	tab.clickTo(`[data-testid="period-2009-10"] a[href$="/edit"]`, "change the 2009/10 period", http.StatusOK)
	tab.clickTo(`.govuk-footer a[href="/accessibility"]`, "accessibility statement", http.StatusOK)
	tab.visitExpecting("/no-such-page", "page not found", http.StatusNotFound)
	if got := tab.text(`[data-testid="error-title"]`); got != "Page not found" {
		t.Errorf("404 heading %q, want Page not found", got)
	}

	tab.clickTo(signOutButton, "signed out", http.StatusOK)
	if got := tab.path(); got != "/login" {
		t.Errorf("after signing out the manager is on %s, want /login", got)
	}
	if got := tab.text(successBanner); got != "You have signed out" {
		t.Errorf("banner after signing out: %q", got)
	}
}
