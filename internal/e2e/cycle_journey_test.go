package e2e_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// The board's year-round cycle (issue 16), on the demo board: the manager
// starts 2010/11 from 2009/10 and opens it with a deadline; Kent Police's
// lead says what became of its three 2009/10 objectives and submits its
// 2010/11 return; the manager says what became of the board's own objectives
// and adds one for the coming year; and the manager sends CAFCASS's submitted
// 2009/10 return back with a comment on one item, which its lead sees beside
// the item, changes and submits again, and the manager sees what changed;
// and the chair raises a challenge from beside one of Kent Police's 2009/10
// review items, which its lead reads beside the item and answers.

// CAFCASS's lead and return (cafcassLead, cafcassReturn) are the figures journeys'.
const (
	kentLead       = "lead@kent-police.demo.test"
	kentReturn2010 = "/periods/2010-11/returns/kent-police"
)

// What the journeys type. Plain ASCII, typed key by key.
const (
	whatHappened     = "Every referral in Kent and Medway went through the matrix from June 2010."
	kentItemTitle    = "Domestic abuse risk matrix in use"
	kentItemHowMuch  = "The matrix was used for 1,204 referrals."
	kentNextObjetive = "Keep compliance with the ACPO standards above 90 percent"
	sendBackWhole    = "Nearly ready: please see the comment on the Parenting Information Programme."
	sendBackOnItem   = "Please say how many parents finished the programme, out of how many who started."
	cafcassHowMuch   = "38 parents finished the programme, out of 45 who started it."
	boardHappened    = "Two partners adopted the framework; the others will by June 2011."
	boardNextYear    = "Evaluate the quality assurance framework with every partner"
	itemQuestion     = "How many of the officers trained in DASH have used it on a case since?"
	itemAnswer       = "Audits of 200 cases found the DASH form used in 186 of them."
)

// TestTheYearRoundCycleWithAMouse and its two siblings run the cycle's
// journeys (i) to (m) the way each says.
func TestTheYearRoundCycleWithAMouse(t *testing.T) { yearRoundCycle(t, withMouse) }

func TestTheYearRoundCycleWithTheKeyboardAlone(t *testing.T) { yearRoundCycle(t, withKeyboard) }

func TestTheYearRoundCycleWithoutJavaScript(t *testing.T) { yearRoundCycle(t, withoutJavaScript) }

// yearRoundCycle runs the journeys on one board: (k) and (m), on 2009/10,
// beside (i); then (j) and (l), which need 2010/11 started, side by side.
func yearRoundCycle(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	var wg sync.WaitGroup
	wg.Go(func() {
		t.Run("(k) the manager sends CAFCASS's return back with a comment on an item, which its lead sees beside it", func(t *testing.T) {
			commentOnAnItem(t, br, w)
		})
	})
	wg.Go(func() {
		t.Run("(m) the chair challenges one of Kent Police's review items from beside it, and its lead answers it there", func(t *testing.T) {
			challengeAnItem(t, br, w)
		})
	})
	wg.Go(func() {
		if !t.Run("(i) the manager starts the next year from this one and opens it with a deadline", func(t *testing.T) {
			managerStartsTheYear(t, tabWay(t, br, "manager", w), w)
		}) {
			return
		}
		var after sync.WaitGroup
		after.Go(func() {
			t.Run("(j) Kent Police's lead says what became of last year's objectives and submits", func(t *testing.T) {
				leadLooksBack(t, tabWay(t, br, "lead", w), w)
			})
		})
		after.Go(func() {
			t.Run("(l) the manager says what became of the board's objectives and adds one for the coming year", func(t *testing.T) {
				boardLooksBack(t, tabWay(t, br, "board", w), w)
			})
		})
		after.Wait()
	})
	wg.Wait()
}

// managerStartsTheYear is journey (i): from the periods page to 2010/11's
// page, the page that says what starting it carries over, and back; the
// warning there of the targets still to be confirmed, and the readiness
// check that lists them; then opening it with the deadline's day taken out
// first, following the error to it and putting it back.
func managerStartsTheYear(t *testing.T, m *tab, w way) {
	m.signInWay(w, "manager@demo.test")
	m.activate(w, navLink("/admin/periods"), "reporting periods", http.StatusOK)
	m.activate(w, `[data-testid="period-2010-11"] a[href$="/edit"]`, "change 2010/11", http.StatusOK)
	m.activate(w, `[data-testid="start-from"]`, "start 2010/11 from 2009/10?", http.StatusOK)
	m.fitsNarrow(w, "the page that starts a year from the one before")
	m.activate(w, `[data-testid="confirm-start"]`, "2010/11 started from 2009/10", http.StatusOK)
	if got := m.text(successBanner); !strings.HasPrefix(got, "2010/11 has been started from 2009/10") {
		t.Errorf("the banner after starting the year says %q", got)
	}
	if m.count(`[data-testid="carried"]`) != 1 {
		t.Error("the period's page does not say it was started from 2009/10")
	}
	// Before opening it, the page warns of the targets still to be confirmed, listed by the readiness check.
	if got := m.text(`[data-testid="unconfirmed-warning"]`); !strings.Contains(got, "targets for 2010/11 are still to be confirmed") {
		t.Errorf("the period's page warns %q", got)
	}
	m.fitsNarrow(w, "a period's page warning of targets to confirm")
	m.activate(w, `[data-testid="unconfirmed-link"]`, "2010/11's readiness check: the targets to confirm", http.StatusOK)
	if m.count(`[data-testid="unconfirmed-target"]`) == 0 {
		t.Error("the readiness check lists no target to confirm")
	}
	m.activateAbove(w, navLink("/admin/periods"), "reporting periods, again", http.StatusOK)
	m.activate(w, `[data-testid="period-2010-11"] a[href$="/edit"]`, "change 2010/11, to open it", http.StatusOK)
	m.clearField(w, "#deadline")
	m.choose(w, "open", "#open")
	m.activate(w, saveButton, "2010/11 to open with no day in its deadline", http.StatusUnprocessableEntity)
	m.followFirstError(w, "deadline")
	m.typeText("15")
	m.activate(w, saveButton, "2010/11 open", http.StatusOK)
	if got := m.text(`[data-testid="period-2010-11"] .govuk-tag`); got != "Open" {
		t.Errorf("2010/11 shows as %q after opening it", got)
	}
}

// leadLooksBack is journey (j): Kent Police's lead finds last year's three
// objectives waiting for a status, answers two, adds this year's review item
// and next year's objective, is led from the check page to the third, answers
// it and submits.
func leadLooksBack(t *testing.T, l *tab, w way) {
	l.signInWay(w, kentLead)
	l.activate(w, goToReturn+`[href="`+kentReturn2010+`"]`, "Kent Police's 2010/11 return", http.StatusOK)
	if got := l.text(`[data-testid="task-last-year"] [data-testid="task-hint"]`); got != "0 of 3 objectives answered" {
		t.Errorf("last year's objectives show %q on the task list", got)
	}
	l.activate(w, `[data-testid="task-last-year"] a`, "what we said we would do", http.StatusOK)
	if got := l.count(`[data-testid="last-year-objective"]`); got != 3 {
		t.Fatalf("%d of last year's objectives, want 3", got)
	}
	l.fitsNarrow(w, "what we said we would do")
	for i, status := range []string{"#status", "#status-2"} { // achieved, partly achieved
		card := `[data-testid="last-year-objective"]:nth-child(` + string(rune('1'+i)) + `)`
		l.activate(w, card+` [data-testid="answer"]`, "say what happened to objective "+string(rune('1'+i)), http.StatusOK)
		l.fitsNarrow(w, "the form that says what happened to an objective of last year")
		l.choose(w, "status", status)
		l.fill(w, "#how_much", whatHappened)
		l.activate(w, saveButton, "objective "+string(rune('1'+i))+" answered", http.StatusOK)
	}
	if got := l.text(`[data-testid="last-year-objective"]:nth-child(2) [data-testid="objective-status"]`); got != "Partly achieved" {
		t.Errorf("the second objective's status reads %q", got)
	}
	l.activate(w, `main a[href="`+kentReturn2010+`"]`, "the task list", http.StatusOK)

	l.activate(w, `[data-testid="task-review"] a`, "review items", http.StatusOK)
	l.activate(w, `[data-testid="add-item"]`, "add a review item", http.StatusOK)
	l.fill(w, "#title", kentItemTitle)
	l.fill(w, "#how_much", kentItemHowMuch)
	l.activate(w, saveButton, "review item added", http.StatusOK)
	l.choose(w, "completed", "#completed")
	l.activate(w, `[data-testid="save-completed"]`, "the task list, the review marked as completed", http.StatusOK)
	l.activate(w, `[data-testid="task-objectives"] a`, "objectives for 2011/12", http.StatusOK)
	l.activate(w, `[data-testid="add-objective"]`, "add an objective", http.StatusOK)
	l.fill(w, "#intend", kentNextObjetive)
	l.activate(w, saveButton, "objective added", http.StatusOK)
	l.choose(w, "completed", "#completed")
	l.activate(w, `[data-testid="save-completed"]`, "the task list with one status to give", http.StatusOK)

	l.activate(w, `[data-testid="task-check"] a`, "check: one status still to give", http.StatusOK)
	if got := l.count(`[data-testid="unanswered-link"]`); got != 1 {
		t.Fatalf("the check page leads to %d answers to give, want 1", got)
	}
	l.fitsNarrow(w, "the check page with a status still to give")
	if l.count(`[data-testid="submit"]`) != 0 {
		t.Error("the check page offers to submit with a status missing")
	}
	l.activate(w, `[data-testid="unanswered-link"]`, "say what happened to objective 3", http.StatusOK)
	l.choose(w, "status", "#status-3") // not achieved
	l.activate(w, saveButton, "objective 3 answered, back to the check page", http.StatusOK)
	// Every status given, the section is still to be marked as completed.
	l.activate(w, `[data-testid="incomplete-link"]`, "what we said we would do, to mark it as completed", http.StatusOK)
	l.choose(w, "completed", "#completed")
	l.activate(w, `[data-testid="save-completed"]`, "the task list, every section completed", http.StatusOK)
	l.activate(w, `[data-testid="task-check"] a`, "check the 2010/11 return", http.StatusOK)
	l.activate(w, `[data-testid="submit"]`, "2010/11 return submitted", http.StatusOK)
	if l.count(`[data-testid="confirmation"]`) != 1 {
		t.Error("no confirmation after submitting")
	}
}

// boardLooksBack is journey (l): the manager says what became of the first
// objective the board set last year, on the business plan review, then adds
// an objective for the coming year to the first strategic aim, leaving it
// empty first and following the error summary to it.
func boardLooksBack(t *testing.T, m *tab, w way) {
	m.signInWay(w, "manager@demo.test")
	m.activate(w, `[data-testid="period-2010-11"]`, "the 2010/11 period", http.StatusOK)
	m.activate(w, `[data-testid="board-sections"]`, "the board's sections for 2010/11", http.StatusOK)
	m.activate(w, `[data-testid="board-parts"] a[href$="/board/plan"]`, "the 2010/11 business plan review", http.StatusOK)
	if got := m.count(`[data-testid="plan-last-year-objective"]`); got != 10 {
		t.Errorf("%d of the board's 2009/10 objectives for the coming year, want 10", got)
	}
	m.fitsNarrow(w, "the business plan review with the board's objectives of last year")
	m.activate(w, `[data-testid="plan-last-year-objective"] [data-testid="answer"]`, "say what happened to the board's first objective", http.StatusOK)
	m.fitsNarrow(w, "the form that says what happened to the board's objective")
	m.choose(w, "status", "#status-2") // partly achieved
	m.fill(w, "#how_much", boardHappened)
	m.activate(w, boardSave, "the board's objective answered", http.StatusOK)
	if got := m.text(`[data-testid="plan-last-year-objective"] [data-testid="objective-status"]`); got != "Partly achieved" {
		t.Errorf("the first objective's status reads %q", got)
	}
	m.activate(w, `[data-testid="to-board"]`, "back to the board's sections", http.StatusOK)
	m.activate(w, `[data-testid="board-parts"] a[href$="/board/aims"]`, "the 2010/11 strategic aims", http.StatusOK)
	m.fitsNarrow(w, "the strategic aims with their objectives for the coming year")
	m.activate(w, `[data-testid="add-aim-objective"]`, "add an objective for 2011/12 to the first aim", http.StatusOK)
	m.fitsNarrow(w, "the form that adds an aim's objective")
	m.activate(w, boardSave, "an objective with nothing typed", http.StatusUnprocessableEntity)
	m.followFirstError(w, "body")
	m.typeText(boardNextYear)
	m.activate(w, boardSave, "the aim's objective added", http.StatusOK)
	if got := m.text(`[data-testid="aim-objective-text"]`); got != boardNextYear {
		t.Errorf("the first aim's objective reads %q", got)
	}
}

// commentOnAnItem is journey (k).
func commentOnAnItem(t *testing.T, br *browser, w way) {
	m := tabWay(t, br, "reviewer", w)
	m.signInWay(w, "manager@demo.test")
	m.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	m.activate(w, `[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
	m.activate(w, `[data-testid="return-cafcass"] a`, "CAFCASS's submitted return", http.StatusOK)
	m.activate(w, `[data-testid="send-back"]`, "send CAFCASS's return back", http.StatusOK)
	m.fitsNarrow(w, "the send-back form with comments on entries")
	// The fifth review item, the Parenting Information Programme.
	item := `details[data-testid="entry-comment"]:nth-of-type(5)`
	if got := m.text(item + ` summary`); !strings.Contains(got, "Parenting Information Programme") {
		t.Fatalf("the fifth entry to comment on is %q", got)
	}
	m.openDetails(w, item+` summary`)
	m.fill(w, item+` textarea`, sendBackOnItem)
	m.activate(w, `main [data-testid="send-back"]`, "sent back with no comment on the whole return", http.StatusUnprocessableEntity)
	if got := m.value(item + ` textarea`); got != sendBackOnItem {
		t.Errorf("the comment on the item was lost: %q", got)
	}
	m.followFirstError(w, "comment")
	m.typeText(sendBackWhole)
	m.activate(w, `main [data-testid="send-back"]`, "CAFCASS's return sent back", http.StatusOK)

	l := tabWay(t, br, "cafcass", w)
	l.signInWay(w, cafcassLead)
	l.activate(w, goToReturn+`[href="`+cafcassReturn+`"]`, "CAFCASS's return, sent back", http.StatusOK)
	about := `[data-testid="sent-back-entries"] a`
	if got := l.text(about); got != "Review item: Parenting Information Programme" {
		t.Errorf("the banner leads to %q", got)
	}
	href := l.attr(about, "href")
	anchor := href[strings.Index(href, "#"):]
	l.activate(w, about, "the item the manager commented on", http.StatusOK)
	if got := l.text(anchor + ` [data-testid="remark-comment"]`); !strings.Contains(got, sendBackOnItem) {
		t.Errorf("beside the item on the list: %q", got)
	}
	l.fitsNarrow(w, "the review items with a comment beside one")
	l.activate(w, anchor+` [data-testid="change"]`, "change the item commented on", http.StatusOK)
	if got := l.text(`main [data-testid="remark-comment"]`); !strings.Contains(got, sendBackOnItem) {
		t.Errorf("beside the item's form: %q", got)
	}
	l.clearField(w, "#how_much")
	l.typeText(cafcassHowMuch)
	l.activate(w, saveButton, "the item changed", http.StatusOK)
	l.activate(w, `.govuk-button-group a[href="`+cafcassReturn+`"]`, "the task list", http.StatusOK)
	l.activate(w, `[data-testid="task-check"] a`, "check before submitting again", http.StatusOK)
	l.activate(w, `[data-testid="submit"]`, "CAFCASS's return submitted again", http.StatusOK)

	m.activate(w, `[data-testid="return-cafcass"] a`, "CAFCASS's return, submitted again", http.StatusOK)
	m.fitsNarrow(w, "a return with what changed since it was last submitted")
	if got := m.text(`[data-testid="changes"] [data-testid="change"] h3`); got != "Review item changed: Parenting Information Programme" {
		t.Errorf("what changed reads %q", got)
	}
	if got := m.text(`[data-testid="changes"] [data-testid="after"]`); got != cafcassHowMuch {
		t.Errorf("after the change reads %q", got)
	}
}

// challengeAnItem is journey (m): the chair raises a challenge from beside
// the first item of Kent Police's accepted 2009/10 return (first without its
// question, following the error back to it) and reads it beside the item;
// Kent Police's lead finds it beside the item on their return, follows it to
// answer it, and sees it answered beside the item.
func challengeAnItem(t *testing.T, br *browser, w way) {
	c := tabWay(t, br, "chair", w)
	c.signInWay(w, "chair@demo.test")
	c.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	c.activate(w, `[data-testid="returns-overview"]`, "every agency's return, for the chair", http.StatusOK)
	c.activate(w, `[data-testid="return-kent-police"] a`, "Kent Police's accepted return", http.StatusOK)
	raise := `[data-testid="item"] [data-testid="raise-about-entry"]`
	href := c.attr(raise, "href")
	item := "#item-" + href[strings.LastIndex(href, "%3A")+3:]
	if got := c.text(item + ` h3`); !strings.Contains(got, "DASH") {
		t.Fatalf("the first item is %q", got)
	}
	c.activate(w, raise, "raise a challenge about Kent Police's first review item", http.StatusOK)
	if got := c.value(`input[name="about"]:checked`); !strings.HasPrefix(got, "review_item:") {
		t.Errorf("the form is about %q, want the item", got)
	}
	c.activate(w, `[data-testid="raise"]`, "a challenge about the item raised without its question", http.StatusUnprocessableEntity)
	c.followFirstError(w, "question")
	c.typeText(itemQuestion)
	c.activate(w, `[data-testid="raise"]`, "the challenge about the item raised", http.StatusOK)
	c.activate(w, `[data-testid="about"] a`, "the item challenged, on Kent Police's return", http.StatusOK)
	c.fitsNarrow(w, "a return with a challenge beside an item")
	if got := c.text(item + ` [data-testid="remark-challenge"]`); !strings.Contains(got, itemQuestion) || !strings.Contains(got, "Open") {
		t.Errorf("beside the item the chair reads %q", got)
	}

	l := tabWay(t, br, "kent-challenged", w)
	l.signInWay(w, kentLead)
	l.activate(w, goToReturn+`[href="/periods/2009-10/returns/kent-police"]`, "Kent Police's 2009/10 return, for its lead", http.StatusOK)
	link := item + ` [data-testid="remark-challenge"] [data-testid="remark-link"]`
	if got := l.text(link); got != "Answer this challenge" {
		t.Errorf("beside the item the lead is led by %q", got)
	}
	l.activate(w, link, "the challenge about the item, as its lead reads it", http.StatusOK)
	l.fill(w, "#answer", itemAnswer)
	l.activate(w, `[data-testid="send-answer"]`, "the answer about the item sent", http.StatusOK)
	l.activate(w, `[data-testid="about"] a`, "the item answered, on the lead's return", http.StatusOK)
	if got := l.text(item + ` [data-testid="remark-status"]`); !strings.Contains(got, "Answered") {
		t.Errorf("once answered, beside the item the lead reads %q", got)
	}
}

// openDetails opens a GOV.UK details component: a click on its summary, or
// with the keyboard Tab to it and Enter.
func (tb *tab) openDetails(w way, summary string) {
	tb.t.Helper()
	if w == withKeyboard {
		tb.tabUntil(summary, "the summary "+summary, maxTabs)
		tb.press(keyEnter)
	} else {
		tb.do("open "+summary, chromedp.Click(chromedp.CSS(summary)))
	}
	ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.querySelector(%q)?.parentElement?.open`, summary)))
	if err != nil || !ok {
		tb.t.Fatalf("%s did not open: %v", summary, err)
	}
}
