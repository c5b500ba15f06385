package e2e_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// reportRecorder stands in for the test in the audit helper, so a test can see
// what the helper reports without failing.
type reportRecorder struct {
	testing.TB
	errors []string
}

func (r *reportRecorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *reportRecorder) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }

// TestTheAuditFailsAPageWithAnUnlabelledInput proves, in every run, that the
// audit the journeys rely on can fail: the same step helper, on a page whose
// only field has no label, reports axe's "label" rule.
func TestTheAuditFailsAPageWithAnUnlabelledInput(t *testing.T) {
	t.Parallel()
	pages := map[string]string{
		"/unlabelled": `<input type="text" name="q">`,
		"/labelled":   `<label for="q">Search the board’s returns</label> <input type="text" id="q" name="q">`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		field, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>Search</title></head>`+
			`<body><main><h1>Search</h1><form method="get" action="/labelled">%s <button>Search</button></form></main></body></html>`, field)
	}))
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)

	t.Run("an unlabelled input is a label violation", func(t *testing.T) {
		rec := &reportRecorder{TB: t}
		res := b.tab(rec).visit("/unlabelled", "unlabelled input")
		if len(rec.errors) != 1 {
			t.Fatalf("the audit reported %d failures, want 1: %q", len(rec.errors), rec.errors)
		}
		report := rec.errors[0]
		t.Logf("the audit's report, which would fail a journey:\n%s", report)
		ids := []string{}
		for _, v := range res.Violations {
			ids = append(ids, v.ID)
		}
		for _, want := range []string{"rule label (impact: critical)", `<input type="text" name="q">`, "https://dequeuniversity.com/rules/axe/4.14/label"} {
			if !strings.Contains(report, want) {
				t.Errorf("the report lacks %q (violations: %v)", want, ids)
			}
		}
	})

	t.Run("the same input with a label passes", func(t *testing.T) {
		rec := &reportRecorder{TB: t}
		b.tab(rec).visit("/labelled", "labelled input")
		if len(rec.errors) != 0 {
			t.Fatalf("the audit failed a page with a labelled input: %q", rec.errors)
		}
	})
}

// TestTheKeyboardChecksFailOnHiddenFocusAndAJumpingTabOrder proves the keyboard
// journeys' own checks can fail: a link whose focus style is removed, and a
// positive tabindex that makes Tab jump back up the page.
func TestTheKeyboardChecksFailOnHiddenFocusAndAJumpingTabOrder(t *testing.T) {
	t.Parallel()
	pages := map[string]string{
		"/hidden-focus": `<a href="#a" id="first">First</a> <a href="#b" id="second" style="outline: none">Second</a>`,
		"/jumping":      `<a href="#a" id="one">One</a> <a href="#b" id="two" tabindex="1">Two</a>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		links, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>Links</title></head><body><main><h1>Links</h1><p>%s</p></main></body></html>`, links)
	}))
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)

	t.Run("focus that cannot be seen is reported", func(t *testing.T) {
		rec := &reportRecorder{TB: t}
		tab := b.tab(rec)
		tab.visit("/hidden-focus", "a link without a focus style")
		tab.tabTo("#first", "the first Tab")
		if len(rec.errors) != 0 {
			t.Fatalf("the browser's own focus ring was reported: %q", rec.errors)
		}
		tab.tabTo("#second", "the second Tab")
		if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "is not visible") {
			t.Fatalf("want one report of invisible focus, got %q", rec.errors)
		}
		t.Logf("reported: %s", rec.errors[0])
	})

	t.Run("Tab jumping back up the page is reported", func(t *testing.T) {
		rec := &reportRecorder{TB: t}
		tab := b.tab(rec)
		tab.visit("/jumping", "a positive tabindex")
		tab.tabTo("#two", "the first Tab, to the link with tabindex 1")
		tab.tabTo("#one", "the second Tab, back up to the first link")
		if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "wrong way") {
			t.Fatalf("want one report of focus going the wrong way, got %q", rec.errors)
		}
		t.Logf("reported: %s", rec.errors[0])
	})
}
