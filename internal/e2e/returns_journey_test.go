package e2e_test

import (
	"net/http"
	"strings"
	"testing"
)

// The Youth Offending Team's demo return is a draft its lead has not submitted.
const (
	yotLead   = "lead@medway-yot.demo.test"
	yotReturn = "/periods/2009-10/returns/medway-yot"
)

// What the lead adds in journey (a). Plain ASCII, typed key by key.
const (
	newItemTitle    = "Out of hours advice line for youth justice staff"
	newItemHowMuch  = "An out of hours advice line was set up, taking 212 calls from October to March."
	newItemHowWell  = "92 percent of calls were answered within five minutes."
	newObjIntend    = "Train every case manager in the new assessment framework"
	newObjQuantity  = "All 34 case managers trained by September 2010"
	sendBackComment = "Please say how many of the 212 calls led to a referral to children's social care."
)

// Selectors on the return's pages.
const (
	goToReturn = `[data-testid="go-to-return"]`
	taskList   = `[data-testid="task-list"]`
	saveButton = `[data-testid="save"]`
)

// TestAReturnGoesFromDraftToAccepted is journeys (a) to (c) of the returns, in
// order, on one board: the lead completes and submits their return, the manager
// sends it back, the lead submits it again and the manager accepts it, and the
// chair reads the overview and the report's sections with the new item and
// objective in them (and is refused an admin page).
func TestAReturnGoesFromDraftToAccepted(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	br := newBrowser(t, b.URL)

	if !t.Run("(a) the lead adds an item and an objective, fixes what they left out, and submits", func(t *testing.T) {
		leadCompletesTheirReturn(t, br.tab(t), withMouse)
	}) {
		t.FailNow()
	}
	if !t.Run("(b) the manager sends it back with a comment, the lead resubmits and the manager accepts", func(t *testing.T) {
		managerSendsBackThenAccepts(t, br, withMouse)
	}) {
		t.FailNow()
	}
	t.Run("(c) the chair reads the returns overview and the report, and may not use the admin pages", func(t *testing.T) {
		chair := br.tab(t)
		chair.signIn("chair@demo.test")
		chair.clickTo(`[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
		chair.clickTo(`[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
		if got := chair.text(`[data-testid="return-medway-yot"] .govuk-tag`); got != "Accepted" {
			t.Errorf("the overview shows the Youth Offending Team's return as %q, want Accepted", got)
		}
		chair.clickTo(`main a[href="/periods/2009-10/report/partner-reviews"]`, "review by each partner agency", http.StatusOK)
		if body := chair.text("main"); !strings.Contains(body, newItemTitle) {
			t.Errorf("the partner reviews do not show the item the lead added, %q", newItemTitle)
		}
		chair.visit("/periods/2009-10/report/objectives", "single agency objectives")
		if body := chair.text("main"); !strings.Contains(body, newObjIntend) {
			t.Errorf("the objectives section does not show the objective the lead added, %q", newObjIntend)
		}
		chair.visitExpecting("/admin/users", "the users page, which is the manager's alone", http.StatusForbidden)
	})
}

// TestTheLeadCompletesTheirReturnWithTheKeyboardAlone is journey (d): journey (a)
// with Tab, Shift+Tab, Enter and Space only; focus must always be visible. The
// manager's review of journey (b) follows, with the keyboard alone too.
func TestTheLeadCompletesTheirReturnWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	if !t.Run("(d) the lead completes their return", func(t *testing.T) {
		leadCompletesTheirReturn(t, br.tab(t), withKeyboard)
	}) {
		t.FailNow()
	}
	t.Run("(b) the manager sends it back, the lead resubmits and the manager accepts", func(t *testing.T) {
		managerSendsBackThenAccepts(t, br, withKeyboard)
	})
}

// TestTheLeadCompletesTheirReturnWithoutJavaScript is journey (e): journey (a)
// in a browser with JavaScript switched off. The manager's review of journey
// (b) follows, without JavaScript too.
func TestTheLeadCompletesTheirReturnWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	if !t.Run("(e) the lead completes their return", func(t *testing.T) {
		leadCompletesTheirReturn(t, tabWay(t, br, "", withoutJavaScript), withoutJavaScript)
	}) {
		t.FailNow()
	}
	t.Run("(b) the manager sends it back, the lead resubmits and the manager accepts", func(t *testing.T) {
		managerSendsBackThenAccepts(t, br, withoutJavaScript)
	})
}

// tabWay opens a tab for who to go through a journey the way w: with the
// page's JavaScript off for withoutJavaScript, and checked to have stayed off
// when the journey ends.
func tabWay(t *testing.T, br *browser, who string, w way) *tab {
	t.Helper()
	tb := br.tabFor(t, who)
	if w == withoutJavaScript {
		tb.disableScripts()
		t.Cleanup(func() {
			if classes := tb.attr("body", "class"); strings.Contains(classes, "js-enabled") {
				t.Errorf("JavaScript ran during the journey: the body's classes are %q", classes)
			}
		})
	}
	return tb
}

// leadCompletesTheirReturn is journey (a): the Youth Offending Team's lead adds a
// review item and an objective to their draft, leaves a required field empty
// each time, follows the error summary to it, fixes it, checks and submits.
func leadCompletesTheirReturn(t *testing.T, tab *tab, w way) {
	tab.signInWay(w, yotLead)
	tab.activate(w, goToReturn, "the lead's return: its task list", http.StatusOK)
	if tab.count(taskList) != 1 {
		t.Fatal("the lead's draft return shows no task list")
	}

	tab.activate(w, `[data-testid="task-review"] a`, "review items", http.StatusOK)
	items := tab.count(`[data-testid="review-item"]`)
	tab.activate(w, `[data-testid="add-item"]`, "add a review item", http.StatusOK)
	tab.fill(w, "#how_much", newItemHowMuch)
	tab.fill(w, "#how_well", newItemHowWell)
	tab.activate(w, saveButton, "a review item without a title", http.StatusUnprocessableEntity)
	if got := tab.value("#how_much"); got != newItemHowMuch {
		t.Errorf("what was typed was lost: how much did we do? shows %q", got)
	}
	tab.followFirstError(w, "title")
	tab.typeText(newItemTitle)
	tab.activate(w, saveButton, "review item added", http.StatusOK)
	if got := tab.count(`[data-testid="review-item"]`); got != items+1 {
		t.Errorf("%d review items after adding one to %d", got, items)
	}
	if body := tab.text("main"); !strings.Contains(body, newItemTitle) {
		t.Errorf("the list of review items lacks %q", newItemTitle)
	}
	// The pages to change and to remove the new item, each left without a change.
	change := `a[href="` + tab.lastAttr(`[data-testid="review-item"] [data-testid="change"]`, "href") + `"]`
	remove := `a[href="` + tab.lastAttr(`[data-testid="review-item"] [data-testid="remove"]`, "href") + `"]`
	tab.activate(w, change, "change the new review item", http.StatusOK)
	if got := tab.value("#title"); got != newItemTitle {
		t.Errorf("the change page shows the title %q, want %q", got, newItemTitle)
	}
	tab.activate(w, `.govuk-button-group a.govuk-link`, "review items, after cancelling the change", http.StatusOK)
	tab.activate(w, remove, "remove the new review item?", http.StatusOK)
	tab.activate(w, `[data-testid="keep"]`, "review items, after keeping the item", http.StatusOK)
	if got := tab.count(`[data-testid="review-item"]`); got != items+1 {
		t.Errorf("%d review items after keeping the new one, want %d", got, items+1)
	}
	// "Have you completed this section?" at the foot of the page (issue 15).
	tab.choose(w, "completed", "#completed")
	tab.activate(w, `[data-testid="save-completed"]`, "task list, the review marked as completed", http.StatusOK)
	if got := tab.text(`[data-testid="task-review"] [data-testid="task-status"]`); got != "Completed" {
		t.Errorf("the review's status is %q after marking it as completed", got)
	}

	tab.activate(w, `[data-testid="task-objectives"] a`, "objectives", http.StatusOK)
	tab.activate(w, `[data-testid="add-objective"]`, "add an objective", http.StatusOK)
	tab.fill(w, "#quantity", newObjQuantity)
	tab.activate(w, saveButton, "an objective without what you intend to do", http.StatusUnprocessableEntity)
	tab.followFirstError(w, "intend")
	tab.typeText(newObjIntend)
	tab.activate(w, saveButton, "objective added", http.StatusOK)
	if body := tab.text("main"); !strings.Contains(body, newObjIntend) {
		t.Errorf("the list of objectives lacks %q", newObjIntend)
	}
	tab.choose(w, "completed", "#completed")
	tab.activate(w, `[data-testid="save-completed"]`, "task list, the objectives marked as completed", http.StatusOK)

	tab.activate(w, `[data-testid="task-check"] a`, "check your return", http.StatusOK)
	if body := tab.text("main"); !strings.Contains(body, newItemTitle) || !strings.Contains(body, newObjIntend) {
		t.Error("the check page does not show the item and the objective just added")
	}
	tab.activate(w, `[data-testid="submit"]`, "return submitted", http.StatusOK)
	if tab.count(`[data-testid="confirmation"]`) != 1 {
		t.Error("no confirmation after submitting the return")
	}
}

// managerSendsBackThenAccepts is journey (b), on the return the lead just
// submitted, gone through the way w: the manager sends it back, first without
// the comment it needs, following the error summary to the field; the lead
// submits it again; the manager accepts it.
func managerSendsBackThenAccepts(t *testing.T, br *browser, w way) {
	manager := tabWay(t, br, "manager", w)
	manager.signInWay(w, "manager@demo.test")
	manager.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	manager.activate(w, `[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
	manager.activate(w, `[data-testid="return-medway-yot"] a`, "the submitted return", http.StatusOK)
	manager.activate(w, `a[data-testid="send-back"]`, "send the return back", http.StatusOK)
	manager.activate(w, `button[data-testid="send-back"]`, "send back without a comment", http.StatusUnprocessableEntity)
	manager.followFirstError(w, "comment")
	manager.typeText(sendBackComment)
	manager.activate(w, `button[data-testid="send-back"]`, "returns overview after sending back", http.StatusOK)
	if got := manager.text(`[data-testid="return-medway-yot"] .govuk-tag`); got == "Submitted" {
		t.Errorf("the return still shows as %q after sending it back", got)
	}

	lead := tabWay(t, br, "lead", w)
	lead.signInWay(w, yotLead)
	lead.activate(w, goToReturn, "the return, sent back with the manager's comment", http.StatusOK)
	if got := lead.text(`[data-testid="sent-back-comment"]`); !strings.Contains(got, "how many of the 212 calls") {
		t.Errorf("the lead sees the comment %q, want the manager's", got)
	}
	lead.activate(w, `[data-testid="task-check"] a`, "check the return again", http.StatusOK)
	lead.activate(w, `[data-testid="submit"]`, "return submitted again", http.StatusOK)

	manager.visit(yotReturn, "the resubmitted return")
	manager.activate(w, `[data-testid="accept"]`, "return accepted", http.StatusOK)
	manager.activate(w, `[data-testid="return-medway-yot"] a`, "the accepted return", http.StatusOK)
	if got := manager.text(`[data-testid="return-status"]`); got != "Accepted" {
		t.Errorf("the return's status is %q after accepting it", got)
	}
}

// TestMovingAnItemWithTheKeyboardKeepsTheLeadBesideIt is the move buttons with
// the keyboard alone: after Move up the page opens at the item just moved, the
// success banner leaves focus alone, and the next Tab reaches that item's own
// first link rather than the top of the page.
func TestMovingAnItemWithTheKeyboardKeepsTheLeadBesideIt(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	tab := newBrowser(t, b.URL).tab(t)
	tab.signInWay(withKeyboard, yotLead)
	tab.visit(yotReturn+"/review", "the draft's review items")
	card := "#" + tab.lastAttr(`[data-testid="review-item"]`, "id")
	tab.tabUntil(card+` [data-testid="move-up"]`, "the last item's Move up button", maxTabs)
	tab.pressTo(keySpace, "review items, by Space on Move up", http.StatusOK)
	if got, want := tab.path(), yotReturn+"/review"+card; got != want {
		t.Errorf("after moving, the address is %s, want %s", got, want)
	}
	if tab.count(card+` + [data-testid="review-item"]`) != 1 {
		t.Errorf("the item %s was not moved up one place", card)
	}
	if got := tab.text(successBanner); !strings.HasSuffix(got, "has been moved up") {
		t.Errorf("the success banner says %q", got)
	}
	tab.tabTo(card+` [data-testid="change"]`, "Tab after moving the item up")
}
