package e2e_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	childrensLead    = "lead@medway-childrens-services.demo.test"
	childrensName    = "Medway Council Children and Adults’ Services"
	ni65Question     = "Repeat child protection plans stayed above the target of under 14%. What did your review of them find, and what will change before a plan ends?"
	ni65Answer       = "The review of 39 repeat plans found none ended too soon. New plans followed a change around the family. Reviewing officers now check for such changes before a plan ends."
	ni65WhatChanged  = "Reviewing officers check for changes around the family before ending a plan; the board will see repeat plans each quarter."
	challengeLines   = `[data-testid="challenge-line"]`
	challengeRows    = `[data-testid="challenge"]`
	challengeSection = `[data-kind="challenge"]`
)

// TestTheChairChallengesNI65WithAMouse and its two siblings are the issue's
// walk through the challenge log on the demo board: the chair finds NI65 off
// target on the dashboard and raises a challenge about it to Medway Council's
// children's services (first with the question left out, following the
// error summary back to it); reads the log, filtered to the open challenges
// past their date; the agency's lead finds the challenge on their home page
// and answers it (first with nothing typed); the chair closes it as partly
// assured (first without saying what changed); and the report's challenge
// and scrutiny section shows it. Every page is audited and, as every step
// does, measured at 320 and 1280 pixels wide.
func TestTheChairChallengesNI65WithAMouse(t *testing.T) { chairChallengesNI65(t, withMouse) }

func TestTheChairChallengesNI65WithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	chairChallengesNI65(t, withKeyboard)
}

func TestTheChairChallengesNI65WithoutJavaScript(t *testing.T) {
	t.Parallel()
	chairChallengesNI65(t, withoutJavaScript)
}

func chairChallengesNI65(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	chair := tabWay(t, br, "chair", w)
	chair.signInWay(w, "chair@demo.test")
	// The demo's open and answered challenges wait on the chair's home page.
	if got := chair.count(challengeLines); got != 6 {
		t.Errorf("the chair's home page lists %d challenges, want the demo's 6 open or answered", got)
	}
	chair.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	chair.activate(w, `[data-testid="dashboard"]`, "the performance dashboard", http.StatusOK)
	chair.activate(w, `[data-testid="attention-item"][data-code="NI65"] a`, "NI65's page", http.StatusOK)
	if got := chair.text(`[data-testid="challenges-beside"] h2`); got != "Challenges about NI65" {
		t.Errorf("NI65's page heads its challenges %q", got)
	}

	chair.activate(w, `[data-testid="raise-beside"]`, "raise a challenge about NI65", http.StatusOK)
	if got := chair.text(`[data-testid="about"]`); !strings.HasPrefix(got, "NI65: ") {
		t.Errorf("the form is about %q", got)
	}
	if got := chair.value(`#agency`); got != "medway-childrens-services" {
		t.Errorf("the form addresses %q, want the indicator's owner", got)
	}
	chair.activate(w, `[data-testid="raise"]`, "a challenge raised without its question", http.StatusUnprocessableEntity)
	chair.followFirstError(w, "question")
	chair.typeText(ni65Question)
	chair.activate(w, `[data-testid="raise"]`, "the challenge raised", http.StatusOK)
	if got := chair.text(successBanner); got != "Your challenge has been sent to "+childrensName {
		t.Errorf("the banner after raising says %q", got)
	}
	challenge := chair.path()

	chair.activate(w, `[data-testid="to-log"]`, "the challenge log", http.StatusOK)
	chair.fitsNarrow(w, "the challenge log")
	if got := chair.count(challengeRows); got != 10 {
		t.Errorf("the log lists %d challenges, want the demo's 9 and the new one", got)
	}
	chair.chooseFromList(w, "#status", "Open")
	chair.tick(w, "#overdue")
	chair.activate(w, `[data-testid="apply-filters"]`, "the open challenges past their date", http.StatusOK)
	if got := chair.path(); got != "/periods/2009-10/challenges?overdue=yes&status=open" {
		t.Errorf("the filtered log's address is %s", got)
	}
	if got := chair.text(challengeRows + ` [data-testid="challenge-agency"]`); chair.count(challengeRows) != 1 || got != childrensName {
		t.Errorf("the filtered log lists %d challenges, the first to %q: want the demo's one overdue, about NI60", chair.count(challengeRows), got)
	}

	lead := tabWay(t, br, "lead", w)
	lead.signInWay(w, childrensLead)
	if got := lead.count(challengeLines); got != 2 {
		t.Errorf("the lead's home page lists %d challenges, want NI60's and NI65's", got)
	}
	lead.activate(w, `a[href="`+challenge+`"]`, "the NI65 challenge, as the lead reads it", http.StatusOK)
	lead.activate(w, `[data-testid="send-answer"]`, "an answer sent with nothing typed", http.StatusUnprocessableEntity)
	lead.followFirstError(w, "answer")
	lead.typeText(ni65Answer)
	lead.activate(w, `[data-testid="send-answer"]`, "the answer sent", http.StatusOK)
	if got := lead.text(successBanner); got != "Your answer has been sent to the board" {
		t.Errorf("the banner after answering says %q", got)
	}
	if got := lead.text(`[data-testid="status"]`); got != "Answered" {
		t.Errorf("the challenge is %q once answered", got)
	}

	chair.activate(w, `[data-testid="clear-filters"]`, "the whole log again", http.StatusOK)
	chair.activate(w, `a[href="`+challenge+`"]`, "the NI65 challenge, answered", http.StatusOK)
	if got := chair.text(`[data-testid="answer"]`); got != ni65Answer {
		t.Errorf("the chair reads the answer %q", got)
	}
	chair.checkRadio(w, "outcome", "#outcome-2")
	chair.activate(w, `[data-testid="close-challenge"]`, "closing without saying what changed", http.StatusUnprocessableEntity)
	chair.followFirstError(w, "what_changed")
	chair.typeText(ni65WhatChanged)
	chair.activate(w, `[data-testid="close-challenge"]`, "the challenge closed", http.StatusOK)
	if got := chair.text(successBanner); got != "The challenge has been closed as partly assured" {
		t.Errorf("the banner after closing says %q", got)
	}

	chair.activate(w, `[data-testid="to-log"]`, "the challenge log with the challenge closed", http.StatusOK)
	chair.activate(w, `[data-testid="to-report"]`, "the whole report", http.StatusOK)
	section := chair.text(challengeSection)
	for _, want := range []string{"Challenge and scrutiny", childrensName + " – NI65", ni65Question, ni65Answer, ni65WhatChanged, "Partly assured"} {
		if !strings.Contains(section, want) {
			t.Errorf("the report's challenge section lacks %q", want)
		}
	}
}

// tick checks a checkbox: a click, or with the keyboard Tab to it and Space.
func (tb *tab) tick(w way, sel string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	} else {
		tb.tabUntil(sel, "the checkbox "+sel, maxTabs)
		tb.press(keySpace)
	}
	if !tb.checked(sel) {
		tb.t.Fatalf("%s is not checked after ticking it", sel)
	}
}
