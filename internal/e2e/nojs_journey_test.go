package e2e_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTheManagerSignsInAndAddsAnAgencyWithoutJavaScript proves the forms are
// plain HTML forms: with JavaScript switched off in the browser, signing in and
// adding an agency (with a validation error on the way) work as with it on.
func TestTheManagerSignsInAndAddsAnAgencyWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	tab := newBrowser(t, b.URL).tab(t)
	tab.disableScripts()

	tab.signIn("manager@demo.test")
	if classes := tab.attr("body", "class"); strings.Contains(classes, "js-enabled") {
		t.Fatalf("JavaScript ran: the body's classes are %q", classes)
	}

	tab.visit("/admin/agencies/new", "add an agency, without JavaScript")
	tab.typeInto("#name", "Youth Justice Board")
	tab.clickTo(`[data-testid="save"]`, "add an agency with only a name, without JavaScript", http.StatusUnprocessableEntity)
	if n := tab.count(errorSummaryLinks); n == 0 {
		t.Fatal("no error summary after an invalid submission")
	}
	if got := tab.value("#name"); got != "Youth Justice Board" {
		t.Errorf("the name typed was not kept: %q", got)
	}

	// Without JavaScript the summary's link is a plain link to the field's id.
	href := tab.attr(errorSummaryLinks, "href")
	tab.do("follow the first link in the error summary", chromedp.Click(chromedp.CSS(errorSummaryLinks)))
	if got := tab.path(); !strings.HasSuffix(got, href) {
		t.Errorf("after following the summary's link the address is %s, want it to end %s", got, href)
	}
	tab.step("first error summary link followed, without JavaScript")
	tab.expectFocus(href, "after following "+href+" without JavaScript")

	tab.typeInto("#short_name", "YJB")
	tab.typeInto("#slug", "yjb")
	tab.typeInto("#sector", "Youth justice") // typing into a list picks the matching option
	if got := tab.value("#sector"); got != "Youth justice" {
		t.Fatalf("sector %q, want Youth justice", got)
	}
	tab.clickTo(`[data-testid="save"]`, "agency added, without JavaScript", http.StatusOK)
	if got := tab.path(); got != "/admin/agencies" {
		t.Errorf("after saving, the manager is on %s, want /admin/agencies", got)
	}
	if tab.count(`[data-testid="agency-yjb"]`) != 1 {
		t.Error("the new agency is not in the list")
	}
	if got := tab.text(successBanner); got == "" {
		t.Error("no success banner after adding an agency")
	}
	if classes := tab.attr("body", "class"); strings.Contains(classes, "js-enabled") {
		t.Errorf("JavaScript ran during the journey: the body's classes are %q", classes)
	}
}
