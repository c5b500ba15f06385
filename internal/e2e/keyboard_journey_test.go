package e2e_test

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"safeboard/internal/demo"
)

// TestTheManagerSignsInAndAddsAnAgencyWithTheKeyboardAlone uses Tab, Shift+Tab,
// Enter, Space and typing only: no clicks. At every stop focus must be on the
// element that comes next in a logical order, and its focus style must show.
func TestTheManagerSignsInAndAddsAnAgencyWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	tab := newBrowser(t, b.URL).tab(t)

	// Signing in: the header's three links come first, then the form in order.
	tab.visit("/login", "sign-in page")
	tab.tabTo(".govuk-skip-link", "the first Tab")
	tab.tabTo(".govuk-generic-header__homepage-link", "Tab from the skip link")
	tab.tabTo(".govuk-service-navigation__service-name a", "Tab from the Safeboard link")
	tab.tabTo("#email", "Tab from the board's name")
	tab.typeText("manager@demo.test")
	tab.tabTo("#password", "Tab from the email address")
	if f := tab.tabTo("#email", "Shift+Tab from the password", chromedp.ModifierShift); f.Value != "manager@demo.test" {
		t.Errorf("going back to the email address shows %q, want what was typed", f.Value)
	}
	tab.tabTo("#password", "Tab from the email address again")
	tab.typeText(demo.DefaultPassword)
	tab.pressTo(keyEnter, "home after Enter in the password field", http.StatusOK)
	if got := tab.path(); got != "/" {
		t.Fatalf("signed in with the keyboard, landed on %s, want /", got)
	}

	// To the agencies by the service navigation, then Space on the "Add an agency" button link.
	tab.tabUntil(navLink("/admin/agencies"), "the Agencies link in the navigation", 8)
	tab.pressTo(keyEnter, "partner agencies, by Enter on the navigation link", http.StatusOK)
	tab.tabUntil(`[data-testid="add-agency"]`, "the Add an agency button", 16)
	tab.pressTo(keySpace, "add an agency, by Space on the button", http.StatusOK)

	// Enter in the first field submits the empty form; the summary takes focus.
	tab.tabUntil("#name", "the form's first field", 16)
	tab.pressTo(keyEnter, "add an agency with nothing typed, by Enter", http.StatusUnprocessableEntity)
	tab.expectFocus(".govuk-error-summary", "after an invalid submission")
	tab.tabTo(errorSummaryLinks+`[href="#name"]`, "Tab into the error summary")
	tab.press(keyEnter)
	tab.expectFocus("#name", "Enter on the summary's first link")
	tab.step("first error summary link followed by keyboard")

	// Every field in order, typing as we go.
	tab.typeText("Youth Justice Board")
	tab.tabTo("#short_name", "Tab from the name")
	tab.typeText("YJB")
	tab.tabTo("#slug", "Tab from the short name")
	tab.typeText("yjb")
	tab.tabTo("#sector", "Tab from the address name")
	tab.typeText("Y")
	if f := tab.focused(); f.Value != "Youth justice" {
		t.Errorf("typing Y in the sector list chose %q, want Youth justice", f.Value)
	}
	tab.tabTo("#group_name", "Tab from the sector")
	tab.tabTo("#display_order", "Tab from the group")
	tab.typeText("130") // Tab selects the field's text, so typing replaces it
	tab.tabTo(`input[name="active"][value="yes"]`, "Tab from the display order into the radios")
	if f := tab.pressFocused(keySpace); !f.Checked {
		t.Error("Space on the Yes radio did not check it")
	}
	tab.tabTo(`[data-testid="save"]`, "Tab from the radios")
	tab.tabTo(`input[name="active"][value="yes"]`, "Shift+Tab from the save button", chromedp.ModifierShift)
	tab.tabTo(`[data-testid="save"]`, "Tab to the save button again")
	tab.step("add an agency, filled in by keyboard")
	tab.pressTo(keyEnter, "agency added, by Enter on the save button", http.StatusOK)
	if got := tab.path(); got != "/admin/agencies" {
		t.Errorf("after saving, the manager is on %s, want /admin/agencies", got)
	}
	// The success banner takes focus, so a screen reader announces it.
	tab.expectFocus(".govuk-notification-banner", "after saving")
	if got := tab.text(successBanner); got == "" {
		t.Error("no success banner after adding an agency")
	}
	if tab.count(`[data-testid="agency-yjb"]`) != 1 {
		t.Error("the new agency is not in the list")
	}

	// Back up from the banner to Sign out in the navigation, and press Enter.
	tab.tabUntil(signOutButton, "the Sign out button", 3, chromedp.ModifierShift)
	tab.pressTo(keyEnter, "signed out, by Enter on Sign out", http.StatusOK)
	if got := tab.path(); got != "/login" {
		t.Errorf("after signing out the manager is on %s, want /login", got)
	}
}
