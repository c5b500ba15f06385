package e2e_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// The forms beyond journeys (a) to (e): changing and removing a review item and
// an objective, the manager's user, password and period forms, comments and
// reopening. Each is submitted three ways, on returns and accounts the other
// journeys leave alone: CVS Medway's return (sent back in the demo), CAFCASS's
// (submitted) and Kent Police's (accepted), and a user and a period added here.

// CVS Medway's demo return was sent back to its lead, who may change it again.
const (
	cvsLead   = "lead@cvs-medway.demo.test"
	cvsReturn = "/periods/2009-10/returns/cvs-medway"
)

// What the journeys type. Plain ASCII, typed key by key.
const (
	changedItemTitle = "CWDC core induction standards training for volunteers"
	changedObjIntend = "Evaluate the impact of the CWDC workforce programme on voluntary groups in Medway."
	newUserName      = "Deputy safeguarding lead, Cookham Wood"
	newUserEmail     = "deputy.lead@hmyoi-cookham-wood.demo.test"
	newUserPassword  = "a long first password"
	newUserReset     = "another long password"
	newPeriodSlug    = "2011-12"
	managerComment   = "Reopened: the figures for 2009/10 need checking against the police national computer."
	chairComment     = "Thank you. Please can the board hear how many Family Court cases involved domestic abuse."
)

// Selectors the journeys below share.
const (
	reviewItem    = `[data-testid="review-item"]`
	objectiveCard = `[data-testid="objective"]`
	newUserRow    = `[data-testid="user-` + newUserEmail + `"]`
	newPeriodRow  = `[data-testid="period-` + newPeriodSlug + `"]`
	addComment    = `[data-testid="add-comment"]`
)

// TestEveryOtherFormWithAMouse runs journeys (f) to (h) with a mouse.
func TestEveryOtherFormWithAMouse(t *testing.T) {
	t.Parallel()
	everyOtherForm(t, withMouse)
}

// TestEveryOtherFormWithTheKeyboardAlone runs journeys (f) to (h) with Tab,
// Shift+Tab, Enter, Space, the arrow keys in radios and typing only; focus must
// always be visible and move through each page in order.
func TestEveryOtherFormWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	everyOtherForm(t, withKeyboard)
}

// TestEveryOtherFormWithoutJavaScript runs journeys (f) to (h) with the
// page's JavaScript switched off.
func TestEveryOtherFormWithoutJavaScript(t *testing.T) {
	t.Parallel()
	everyOtherForm(t, withoutJavaScript)
}

// everyOtherForm runs journeys (f) to (h) the way w on one board, in one
// browser, side by side: each has tabs of its own, and they touch different
// returns, users and periods, so they neither wait for nor disturb each other,
// and one failing does not stop the others. (t.Parallel would let only
// GOMAXPROCS of them run at once; the browser, not Go, does most of the work.)
func everyOtherForm(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	journeys := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"(f) the lead changes a review item and an objective, and removes one of each", func(t *testing.T) {
			leadChangesAndRemoves(t, tabWay(t, br, "", w), w)
		}},
		{"(g) the manager adds a user, sets a new password for them, disables and enables them; then adds a period, opens it and closes it", func(t *testing.T) {
			manager := tabWay(t, br, "", w)
			manager.signInWay(w, "manager@demo.test")
			managerLooksAfterAUser(t, manager, w)
			managerAddsAPeriod(t, manager, w)
		}},
		{"(h) the manager reopens an accepted return and comments on it, and the chair comments on a submitted one", func(t *testing.T) {
			boardCommentsAndReopens(t, br, w)
		}},
	}
	var wg sync.WaitGroup
	for _, j := range journeys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Run(j.name, j.run)
		}()
	}
	wg.Wait()
}

// leadChangesAndRemoves is journey (f): CVS Medway's lead changes their first
// review item, taking its title out first and following the error summary back
// to it, and removes their last item after the confirmation page; then the
// same for an objective.
func leadChangesAndRemoves(t *testing.T, lead *tab, w way) {
	lead.signInWay(w, cvsLead)
	// While journey (g) has 2011/12 open, the lead's home offers that year's return too.
	lead.activate(w, goToReturn+`[href="`+cvsReturn+`"]`, "the sent back return: its task list", http.StatusOK)
	lead.activate(w, `[data-testid="task-review"] a`, "review items", http.StatusOK)
	items := lead.count(reviewItem)
	if items < 2 {
		t.Fatalf("CVS Medway's return has %d review items, want at least 2", items)
	}
	lead.activate(w, reviewItem+` [data-testid="change"]`, "change the first review item", http.StatusOK)
	lead.clearField(w, "#title")
	lead.activate(w, saveButton, "the review item with its title taken out", http.StatusUnprocessableEntity)
	lead.followFirstError(w, "title")
	lead.typeText(changedItemTitle)
	lead.activate(w, saveButton, "review item changed", http.StatusOK)
	if got := lead.text(successBanner); !strings.Contains(got, changedItemTitle) || !strings.HasSuffix(got, "has been saved") {
		t.Errorf("the success banner after changing the item says %q", got)
	}
	if got := lead.text(reviewItem + ` [data-testid="item-title"]`); got != "1. "+changedItemTitle {
		t.Errorf("the first item's title is %q after changing it, want %q", got, "1. "+changedItemTitle)
	}
	lead.removeLast(w, reviewItem, "review item", items)
	lead.activate(w, `.govuk-button-group a[href="`+cvsReturn+`"]`, "task list after the review items", http.StatusOK)

	lead.activate(w, `[data-testid="task-objectives"] a`, "objectives", http.StatusOK)
	objectives := lead.count(objectiveCard)
	if objectives < 2 {
		t.Fatalf("CVS Medway's return has %d objectives, want at least 2", objectives)
	}
	lead.activate(w, objectiveCard+` [data-testid="change"]`, "change the first objective", http.StatusOK)
	lead.clearField(w, "#intend")
	lead.activate(w, saveButton, "the objective with what they intend to do taken out", http.StatusUnprocessableEntity)
	lead.followFirstError(w, "intend")
	lead.typeText(changedObjIntend)
	lead.activate(w, saveButton, "objective changed", http.StatusOK)
	if got := lead.text(successBanner); !strings.HasSuffix(got, "has been saved") {
		t.Errorf("the success banner after changing the objective says %q", got)
	}
	if got := lead.text(objectiveCard); !strings.Contains(got, changedObjIntend) {
		t.Errorf("the first objective does not show the change: %q", got)
	}
	lead.removeLast(w, objectiveCard, "objective", objectives)
}

// removeLast removes the last card on a list of review items or objectives,
// by its Remove link and the confirmation page, and checks it went.
func (tb *tab) removeLast(w way, card, kind string, had int) {
	tb.t.Helper()
	remove := `a[href="` + tb.lastAttr(card+` [data-testid="remove"]`, "href") + `"]`
	tb.activate(w, remove, "remove the last "+kind+"?", http.StatusOK)
	if got := tb.text(`[data-testid="remove-question"]`); !strings.HasPrefix(got, "Are you sure you want to remove the "+kind) {
		tb.t.Errorf("the confirmation page asks %q", got)
	}
	tb.activate(w, `[data-testid="confirm-remove"]`, kind+" removed", http.StatusOK)
	if got := tb.count(card); got != had-1 {
		tb.t.Errorf("%d %ss after removing one of %d", got, kind, had)
	}
	if got := tb.text(successBanner); !strings.HasSuffix(got, "has been removed") {
		tb.t.Errorf("the success banner after removing the %s says %q", kind, got)
	}
}

// managerLooksAfterAUser is the first half of journey (g), the manager signed
// in: they add a lead for HMYOI Cookham Wood, leaving out the name first; set a
// new password for them, first with none typed; then disable and enable their
// account.
func managerLooksAfterAUser(t *testing.T, manager *tab, w way) {
	manager.activate(w, navLink("/admin/users"), "users", http.StatusOK)
	manager.activate(w, `[data-testid="add-user"]`, "add a user", http.StatusOK)
	manager.fill(w, "#email", newUserEmail)
	manager.choose(w, "role", "#role-3") // Agency lead, the third choice
	manager.fill(w, "#agency", "HMYOI")  // typing into a list picks the matching option
	if got := manager.value("#agency"); got != "hmyoi-cookham-wood" {
		t.Fatalf("typing HMYOI into the agency list chose %q, want hmyoi-cookham-wood", got)
	}
	manager.fill(w, "#password", newUserPassword)
	manager.activate(w, saveButton, "a user without a name", http.StatusUnprocessableEntity)
	if got := manager.value("#email"); got != newUserEmail {
		t.Errorf("the email address typed was not kept: %q", got)
	}
	if !manager.checked("#role-3") || manager.value("#agency") != "hmyoi-cookham-wood" {
		t.Errorf("the role and agency chosen were not kept")
	}
	manager.followFirstError(w, "name")
	manager.typeText(newUserName)
	// The password is never sent back to the browser, so it is typed again.
	if got := manager.value("#password"); got != "" {
		t.Errorf("the password came back in the page: %q", got)
	}
	manager.fill(w, "#password", newUserPassword)
	manager.activate(w, saveButton, "user added", http.StatusOK)
	if got := manager.text(successBanner); got != newUserName+" has been added" {
		t.Errorf("the success banner after adding the user says %q", got)
	}
	if got := manager.text(newUserRow); !strings.Contains(got, "HMYOI Cookham Wood") || !strings.Contains(got, "Active") {
		t.Errorf("the new user's row reads %q, want their agency and Active", got)
	}

	manager.activate(w, newUserRow+` a[href$="/edit"]`, "change the new user", http.StatusOK)
	manager.activate(w, `main a[href$="/password"]`, "set a new password for the new user", http.StatusOK)
	manager.activate(w, saveButton, "set a new password with none typed", http.StatusUnprocessableEntity)
	manager.followFirstError(w, "password")
	manager.typeText(newUserReset)
	manager.activate(w, saveButton, "new password set", http.StatusOK)
	if got := manager.text(successBanner); !strings.HasPrefix(got, "A new password has been set for "+newUserName) {
		t.Errorf("the success banner after setting the password says %q", got)
	}

	manager.activate(w, newUserRow+` a[href$="/edit"]`, "change the new user again", http.StatusOK)
	manager.activate(w, `[data-testid="disable"]`, "user disabled", http.StatusOK)
	if got := manager.text(newUserRow + ` .govuk-tag`); got != "Disabled" {
		t.Errorf("the new user shows as %q after disabling them", got)
	}
	manager.activate(w, newUserRow+` a[href$="/edit"]`, "the disabled user", http.StatusOK)
	manager.activate(w, `[data-testid="enable"]`, "user enabled", http.StatusOK)
	if got := manager.text(newUserRow + ` .govuk-tag`); got != "Active" {
		t.Errorf("the new user shows as %q after enabling them", got)
	}
	if got := manager.text(successBanner); got != newUserName+" has been enabled" {
		t.Errorf("the success banner after enabling the user says %q", got)
	}
}

// managerAddsAPeriod is the second half of journey (g), from the users page:
// the manager adds 2011/12 with a deadline of 31 April first, follows the error
// to the day and corrects it; then opens the period and closes it again, so it
// ends closed, as it began.
func managerAddsAPeriod(t *testing.T, manager *tab, w way) {
	manager.activateAbove(w, navLink("/admin/periods"), "reporting periods", http.StatusOK)
	manager.activate(w, `[data-testid="add-period"]`, "add a period", http.StatusOK)
	manager.fill(w, "#label", "2011/12")
	manager.fill(w, "#deadline", "31")
	manager.fill(w, "#deadline-month", "4")
	manager.fill(w, "#deadline-year", "2012")
	manager.activate(w, saveButton, "a period due on 31 April", http.StatusUnprocessableEntity)
	if got := manager.text(errorSummaryLinks); !strings.Contains(got, "real date") {
		t.Errorf("the error for 31 April says %q", got)
	}
	manager.followFirstError(w, "deadline")
	manager.clearFocused()
	manager.typeText("30")
	manager.activate(w, saveButton, "period added", http.StatusOK)
	if got := manager.text(successBanner); got != "2011/12 has been added" {
		t.Errorf("the success banner after adding the period says %q", got)
	}
	if got := manager.text(newPeriodRow); !strings.Contains(got, "30 April 2012") || !strings.Contains(got, "Closed") {
		t.Errorf("the new period's row reads %q, want its deadline and Closed", got)
	}
	manager.activate(w, `[data-testid="open-`+newPeriodSlug+`"]`, "period opened", http.StatusOK)
	if got := manager.text(newPeriodRow + ` .govuk-tag`); got != "Open" {
		t.Errorf("the new period shows as %q after opening it", got)
	}
	manager.activate(w, `[data-testid="close-`+newPeriodSlug+`"]`, "period closed", http.StatusOK)
	if got := manager.text(newPeriodRow + ` .govuk-tag`); got != "Closed" {
		t.Errorf("the new period shows as %q after closing it", got)
	}
}

// boardCommentsAndReopens is journey (h): the manager reopens Kent Police's
// accepted return and comments on it, now it is submitted again; the chair
// comments on CAFCASS's submitted return. Each first adds a comment with
// nothing typed and follows the error summary to the field.
func boardCommentsAndReopens(t *testing.T, br *browser, w way) {
	manager := tabWay(t, br, "manager", w)
	manager.signInWay(w, "manager@demo.test")
	manager.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	manager.activate(w, `[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
	manager.activate(w, `[data-testid="return-kent-police"] a`, "Kent Police's accepted return", http.StatusOK)
	if got := manager.text(`[data-testid="return-status"]`); got != "Accepted" {
		t.Fatalf("Kent Police's return is %q, want Accepted", got)
	}
	manager.activate(w, `[data-testid="reopen"]`, "return reopened", http.StatusOK)
	if got := manager.text(`[data-testid="return-status"]`); got != "Submitted" {
		t.Errorf("Kent Police's return is %q after reopening it, want Submitted", got)
	}
	if got := manager.text(successBanner); got != "The return has been reopened for review" {
		t.Errorf("the success banner after reopening says %q", got)
	}
	manager.commentOnTheReturn(w, managerComment)

	chair := tabWay(t, br, "chair", w)
	chair.signInWay(w, "chair@demo.test")
	chair.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	chair.activate(w, `[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
	chair.activate(w, `[data-testid="return-cafcass"] a`, "CAFCASS's submitted return", http.StatusOK)
	if got := chair.text(`[data-testid="return-status"]`); got != "Submitted" {
		t.Fatalf("CAFCASS's return is %q, want Submitted", got)
	}
	chair.commentOnTheReturn(w, chairComment)
}

// commentOnTheReturn adds a comment from the return page's review panel: first
// with nothing typed, which shows the comment form with the error, then with
// the comment, which is shown on the return.
func (tb *tab) commentOnTheReturn(w way, comment string) {
	tb.t.Helper()
	comments := tb.count(`[data-testid="comment"]`)
	tb.activate(w, addComment, "add a comment with nothing typed", http.StatusUnprocessableEntity)
	tb.followFirstError(w, "comment")
	tb.typeText(comment)
	tb.activate(w, addComment, "comment added", http.StatusOK)
	if got := tb.text(successBanner); got != "Your comment has been added" {
		tb.t.Errorf("the success banner after commenting says %q", got)
	}
	if got := tb.count(`[data-testid="comment"]`); got != comments+1 {
		tb.t.Errorf("%d comments after adding one to %d", got, comments)
	}
	if got := tb.text(`[data-testid="review-panel"]`); !strings.Contains(got, comment) {
		tb.t.Errorf("the review panel does not show the comment %q", comment)
	}
}

// activateAbove is activate for a link or button above the one with focus,
// such as the service navigation's after a success banner took focus: with
// the keyboard, Shift+Tab back up to it.
func (tb *tab) activateAbove(w way, sel, name string, status int) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.activate(w, sel, name, status)
		return
	}
	f := tb.tabUntil(sel, name, maxTabs, chromedp.ModifierShift)
	k := keyEnter
	if f.Tag == "button" || f.Role == "button" {
		k = keySpace
	}
	tb.pressTo(k, name, status)
}

// clearField empties a field: after clicking it, or after tabbing to it.
func (tb *tab) clearField(w way, sel string) {
	tb.t.Helper()
	if w == withKeyboard {
		tb.tabUntil(sel, "the field "+sel, maxTabs)
	} else {
		tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	}
	tb.clearFocused()
}

// choose checks a radio: a click, or with the keyboard Tab into its group and
// the down arrow to it, as the arrow keys move through a radio group (or
// Space, for the first radio of a group with none checked).
func (tb *tab) choose(w way, name, sel string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	} else {
		tb.tabUntil(`input[type="radio"][name="`+name+`"]`, "the "+name+" radios", maxTabs)
		for i := 0; !tb.focusMatches(sel); i++ {
			if i == 6 {
				tb.t.Fatalf("the down arrow never reached %s; focus is on %s", sel, tb.focused())
			}
			tb.press(keyArrowDown)
		}
		tb.expectFocus(sel, "the down arrow in the "+name+" radios")
		if !tb.checked(sel) {
			// Tab lands on the first radio of a group with none checked
			// without checking it; Space does.
			tb.press(keySpace)
		}
	}
	if !tb.checked(sel) {
		tb.t.Fatalf("%s is not checked after choosing it", sel)
	}
}

// checked reports whether a radio or checkbox is checked.
func (tb *tab) checked(sel string) bool {
	tb.t.Helper()
	ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.querySelector(%q)?.checked`, sel)))
	if err != nil {
		tb.t.Fatalf("read whether %s is checked: %v", sel, err)
	}
	return ok
}
