package e2e_test

import (
	"net/http"

	"github.com/chromedp/chromedp"

	"safeboard/internal/demo"
)

// way is how a journey is driven, so one journey can be run three ways.
type way int

const (
	withMouse         way = iota // clicks, and typing into fields
	withKeyboard                 // Tab, Shift+Tab, Enter, Space and typing only
	withoutJavaScript            // clicks and typing, with the page's JavaScript off
)

// maxTabs bounds the Tab presses from one element to the next a journey wants.
const maxTabs = 120

// signInWay signs in and lands on the user's home page.
func (tb *tab) signInWay(w way, email string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.signIn(email)
		return
	}
	tb.visit("/login", "sign-in page")
	tb.tabUntil("#email", "the email address", 6)
	tb.typeText(email)
	tb.tabTo("#password", "Tab from the email address")
	tb.typeText(demo.DefaultPassword)
	tb.pressTo(keyEnter, "home after Enter in the password field", http.StatusOK)
	if got := tb.path(); got != "/" {
		tb.t.Fatalf("signed in as %s, landed on %s, want /", email, got)
	}
}

// activate follows a link or presses a button that loads a page: a click, or
// with the keyboard Tab to it, then Enter on a link or Space on a button
// (GOV.UK's button-styled links answer Space too).
func (tb *tab) activate(w way, sel, name string, status int) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.clickTo(sel, name, status)
		return
	}
	f := tb.tabUntil(sel, name, maxTabs)
	k := keyEnter
	if f.Tag == "button" || f.Role == "button" {
		k = keySpace
	}
	tb.pressTo(k, name, status)
}

// fill types into a field: after clicking it, or after tabbing to it.
func (tb *tab) fill(w way, sel, text string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.typeInto(sel, text)
		return
	}
	tb.tabUntil(sel, "the field "+sel, maxTabs)
	tb.typeText(text)
}

// followFirstError checks the error summary leads to the field: with JavaScript
// the summary has focus when the page loads; its first link must name the field,
// and following it must put focus on the field.
func (tb *tab) followFirstError(w way, field string) {
	tb.t.Helper()
	first := errorSummaryLinks + `[href="#` + field + `"]`
	if got := tb.attr(errorSummaryLinks, "href"); got != "#"+field {
		tb.t.Fatalf("the error summary's first link goes to %s, want #%s", got, field)
	}
	switch w {
	case withKeyboard:
		tb.expectFocus(".govuk-error-summary", "after an invalid submission")
		tb.tabTo(first, "Tab into the error summary")
		tb.press(keyEnter)
	case withMouse:
		tb.expectFocus(".govuk-error-summary", "after an invalid submission")
		tb.do("follow the error summary's first link", chromedp.Click(chromedp.CSS(first)))
	case withoutJavaScript:
		tb.do("follow the error summary's first link", chromedp.Click(chromedp.CSS(first)))
	}
	tb.expectFocus("#"+field, "after following the error summary's link to "+field)
	tb.step("error summary link followed to " + field)
}
