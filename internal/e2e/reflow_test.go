package e2e_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// widths are the viewport widths every step checks, in CSS pixels: the
// narrowest WCAG 1.4.10 (Reflow) asks for, and a common desktop. The journeys
// run at the second, so the check leaves the tab at it.
var widths = []int64{320, 1280}

// stepHeight is the viewport's height while a step is measured.
const stepHeight = 900

// fit is what the width check found on a page at one viewport width.
type fit struct {
	Viewport int `json:"viewport"`
	Document int `json:"document"`
	// TooWide names the outermost elements that reach past the viewport
	// outside any scroll container, so a failure says what to fix.
	TooWide []string `json:"tooWide"`
	// Unlabelled names the scroll containers that scroll but cannot be
	// reached with the keyboard or have no accessible name.
	Unlabelled []string `json:"unlabelled"`
}

// fitJS measures the page: the document's width against the viewport's, every
// element that sticks out past the right edge (unless a scrolling or clipping
// ancestor holds it), and every element that scrolls sideways without being
// a labelled, focusable region (a keyboard user must be able to scroll it, and
// a screen reader user must hear what it is). Form fields scroll on their own
// and are left out.
const fitJS = `(() => {
	const de = document.documentElement, vw = de.clientWidth;
	const name = el => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += '#' + el.id;
		else if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
		const tid = el.getAttribute('data-testid');
		if (tid) s += '[data-testid=' + tid + ']';
		return s;
	};
	const path = el => {
		const parts = [];
		for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
		return parts.join(' > ');
	};
	const scrolls = o => o === 'auto' || o === 'scroll';
	const fields = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION']);
	// Only what is wider than its box can scroll: look at those alone, as
	// styling every element of a long page twice a step is slow.
	const unlabelled = [];
	for (const el of document.body.querySelectorAll('*')) {
		if (el.scrollWidth <= el.clientWidth + 1 || fields.has(el.tagName) || !scrolls(getComputedStyle(el).overflowX)) continue;
		const labelled = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
		if (!labelled || el.tabIndex < 0 || el.getAttribute('role') !== 'region') unlabelled.push(path(el));
	}
	const tooWide = [];
	const walk = el => {
		for (const c of el.children) {
			const st = getComputedStyle(c);
			if (st.display === 'none' || st.position === 'fixed') continue;
			const r = c.getBoundingClientRect();
			if (r.width > 0 && r.right > vw + 1) {
				// Report the outermost element only: its children stick out because it does.
				tooWide.push(path(c) + ' (' + Math.round(r.right) + ' px)');
				continue;
			}
			const o = st.overflowX;
			if (!scrolls(o) && o !== 'hidden' && o !== 'clip') walk(c); // what a clipping box holds stays inside it
		}
	};
	if (de.scrollWidth > vw) walk(document.body);
	return {viewport: vw, document: de.scrollWidth, tooWide: tooWide.slice(0, 8), unlabelled};
})()`

// settleJS resolves after the browser has drawn two frames.
const settleJS = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`

// checkWidths fails the test, without stopping it, for a page that is wider
// than the viewport at any of widths, or that scrolls sideways in a container
// a keyboard or screen reader user cannot reach. At a narrower width it saves
// a screenshot beside the step's, named NN-…-320px.png, when the page fails or
// when SAFEBOARD_NARROW_SCREENSHOTS is set (for looking at every page).
func (tb *tab) checkWidths(n int, name string) {
	tb.t.Helper()
	for _, w := range widths {
		tb.do(fmt.Sprintf("set the viewport to %d pixels", w), chromedp.EmulateViewport(w, stepHeight))
		f, err := chromedp.Run(tb.ctx, chromedp.Evaluate[fit](fitJS))
		if err != nil {
			tb.t.Fatalf("measure %q at %d pixels: %v", name, w, err)
		}
		fails := f.Document > f.Viewport || len(f.TooWide) > 0 || len(f.Unlabelled) > 0
		if w < widths[len(widths)-1] && (fails || os.Getenv("SAFEBOARD_NARROW_SCREENSHOTS") != "") {
			tb.screenshotAs(fmt.Sprintf("%02d-%s%s-%dpx.png", n, tb.whoPrefix("-"), fileName(name), w))
		}
		if f.Document > f.Viewport || len(f.TooWide) > 0 {
			tb.t.Errorf("step %q is %d pixels wide at %d (WCAG 1.4.10 Reflow): only a data table may be wider, inside a labelled, focusable scroll container; too wide:\n  %s",
				name, f.Document, f.Viewport, strings.Join(f.TooWide, "\n  "))
		}
		if len(f.Unlabelled) > 0 {
			tb.t.Errorf("step %q at %d pixels scrolls sideways in containers that are not a focusable region with a label (role=\"region\", tabindex=\"0\", aria-label): %s",
				name, f.Viewport, strings.Join(f.Unlabelled, "; "))
		}
	}
	// Let the page finish laying itself out at the last width before the
	// journey clicks or tabs on: a click placed mid-reflow lands elsewhere.
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](settleJS, chromedp.EvalAwaitPromise)); err != nil {
		tb.t.Fatalf("let %q settle: %v", name, err)
	}
}

// screenshotAs saves the whole page under file in the test's folder.
func (tb *tab) screenshotAs(file string) {
	tb.t.Helper()
	d := tb.browser.shotDir(tb.t)
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", file, err)
	}
	if err := os.WriteFile(filepath.Join(d.path, file), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// inView reports whether the element is wholly inside the viewport.
func (tb *tab) inView(sel string) bool {
	tb.t.Helper()
	ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
		const r = document.querySelector(%q).getBoundingClientRect();
		const de = document.documentElement;
		return r.left >= 0 && r.top >= 0 && r.right <= de.clientWidth && r.bottom <= de.clientHeight;
	})()`, sel)))
	if err != nil {
		tb.t.Fatalf("is %s in view: %v", sel, err)
	}
	return ok
}

// TestTheWidthCheckFailsAPageWiderThanTheScreen proves, in every run, that the
// width check every step runs can fail: a table wider than 320 pixels fails
// it in the page, and in a scroll container without a name or a tab stop;
// in a labelled, focusable one it passes. The pages use no stylesheet but a
// fixed width, so that only what is measured differs.
func TestTheWidthCheckFailsAPageWiderThanTheScreen(t *testing.T) {
	t.Parallel()
	table := `<table style="width: 600px"><caption>Figures</caption><tr><th scope="col">Month</th><th scope="col">Figure</th></tr><tr><td>April</td><td>3</td></tr></table>`
	pages := map[string]string{
		"/in-the-page":  table,
		"/unlabelled":   `<div style="overflow-x: auto">` + table + `</div>`,
		"/in-a-region":  `<div style="overflow-x: auto" tabindex="0" role="region" aria-label="Figures">` + table + `</div>`,
		"/narrow-table": `<table><caption>Figures</caption><tr><th scope="col">Month</th></tr><tr><td>April</td></tr></table>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>Figures</title>`+
			`<meta name="viewport" content="width=device-width, initial-scale=1"></head>`+
			`<body style="margin: 8px"><main><h1>Figures</h1>%s</main></body></html>`, body)
	}))
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	for _, c := range []struct {
		path, want string
	}{
		{"/in-the-page", "WCAG 1.4.10 Reflow"},
		{"/unlabelled", "not a focusable region with a label"},
		{"/in-a-region", ""},
		{"/narrow-table", ""},
	} {
		t.Run(c.path, func(t *testing.T) {
			rec := &reportRecorder{TB: t}
			b.tab(rec).visit(c.path, "a table "+c.path)
			report := strings.Join(rec.errors, "\n")
			switch {
			case c.want == "" && report != "":
				t.Errorf("the check failed a page that fits: %s", report)
			case c.want != "" && !strings.Contains(report, c.want):
				t.Errorf("the check's report %q lacks %q", report, c.want)
			case c.want != "":
				t.Logf("the check's report, which would fail a journey:\n%s", report)
			}
		})
	}
}

// fitsNarrow was a journey's own check that a page fits 320 pixels; every
// step now measures every page at 320 and 1280 pixels, so it has nothing left
// to check. It stays for the journeys that still call it.
func (tb *tab) fitsNarrow(way, string) {}
