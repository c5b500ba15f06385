package e2e_test

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"safeboard/internal/demo"
)

// do runs actions that do not load a new page, failing the test on error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// visit opens path as if typed into the address bar, wants 200 and takes a step.
func (tb *tab) visit(path, name string) auditResult {
	tb.t.Helper()
	return tb.visitExpecting(path, name, http.StatusOK)
}

// visitExpecting opens path, wants the given status and takes a step.
func (tb *tab) visitExpecting(path, name string, status int) auditResult {
	tb.t.Helper()
	res, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	if res == nil || res.Status != int64(status) {
		tb.t.Fatalf("open %s: status %v, want %d", path, statusOf(res), status)
	}
	return tb.step(name)
}

// follow runs an action that loads a new page (a click on a link or a button,
// Enter in a form), wants the status of the page it lands on (after redirects)
// and takes a step there.
func (tb *tab) follow(trigger chromedp.Action[chromedp.Void], name string, status int) auditResult {
	tb.t.Helper()
	res, err := chromedp.RunResponse(tb.ctx, trigger)
	if err != nil {
		tb.t.Fatalf("%s: %v", name, err)
	}
	if res == nil || res.Status != int64(status) {
		tb.t.Fatalf("%s: status %v, want %d", name, statusOf(res), status)
	}
	return tb.step(name)
}

func statusOf(res *network.Response) any {
	if res == nil {
		return "(no response)"
	}
	return res.Status
}

// clickTo clicks the element and follows the page it loads.
func (tb *tab) clickTo(sel, name string, status int) auditResult {
	tb.t.Helper()
	return tb.follow(chromedp.Click(chromedp.CSS(sel)), name, status)
}

// typeInto focuses the field and types text into it, key by key.
func (tb *tab) typeInto(sel, text string) {
	tb.t.Helper()
	tb.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// signIn signs in with the mouse and lands on the user's home page.
func (tb *tab) signIn(email string) {
	tb.t.Helper()
	tb.visit("/login", "sign-in page")
	tb.typeInto("#email", email)
	tb.typeInto("#password", demo.DefaultPassword)
	tb.clickTo(`[data-testid="sign-in"]`, "home after signing in as "+email, http.StatusOK)
	if got := tb.path(); got != "/" {
		tb.t.Fatalf("signed in as %s, landed on %s, want /", email, got)
	}
}

// path is the current page's path, with its fragment if any.
func (tb *tab) path() string {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, tb.base)
}

// text is the trimmed text of the first element matching sel.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeReady))
	if err != nil {
		tb.t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// value is the current value of a form field.
func (tb *tab) value(sel string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Value(chromedp.CSS(sel), chromedp.NodeReady))
	if err != nil {
		tb.t.Fatalf("read the value of %s: %v", sel, err)
	}
	return v
}

// attr is an attribute of the first element matching sel.
func (tb *tab) attr(sel, name string) string {
	tb.t.Helper()
	res, err := chromedp.Run(tb.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name, chromedp.NodeReady))
	if err != nil || !res.Exists {
		tb.t.Fatalf("read %s of %s: exists %t, %v", name, sel, res.Exists, err)
	}
	return res.Value
}

// lastAttr is an attribute of the last element matching sel.
func (tb *tab) lastAttr(sel, name string) string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[*string](fmt.Sprintf(
		`(() => { const all = document.querySelectorAll(%q); return all.length ? all[all.length-1].getAttribute(%q) : null })()`, sel, name)))
	if err != nil || v == nil {
		tb.t.Fatalf("read %s of the last %s: %v", name, sel, err)
	}
	return *v
}

// count is how many elements match sel; it does not wait.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	if err != nil {
		tb.t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

// disableScripts turns the page's JavaScript off in this tab from now on.
func (tb *tab) disableScripts() {
	tb.t.Helper()
	tb.setScriptsDisabled(true)
	tb.scriptsOff = true
}

func (tb *tab) setScriptsDisabled(off bool) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off}); err != nil {
		tb.t.Fatalf("switch JavaScript off (%t): %v", off, err)
	}
}
