package e2e_test

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeVersion is the vendored axe-core; scripts/fetch-axe.sh refreshes testdata/axe.min.js.
const axeVersion = "4.14.1"

// axeSource is axe-core's browser build, committed so the tests need no network.
//
//go:embed testdata/axe.min.js
var axeSource string

// auditTimeout bounds one page's audit; axe takes well under a second here.
const auditTimeout = 30 * time.Second

// wcagTags are the axe rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// violation is one axe rule that failed, with every element that failed it.
type violation struct {
	ID      string          `json:"id"`
	Impact  string          `json:"impact"`
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []violationNode `json:"nodes"`
}

// violationNode is one element that failed a rule.
type violationNode struct {
	Target  string `json:"target"`
	HTML    string `json:"html"`
	Summary string `json:"failureSummary"`
}

// auditResult is what one axe run found on one page.
type auditResult struct {
	URL        string      `json:"url"`
	Violations []violation `json:"violations"`
	Passes     int         `json:"passes"`
	Incomplete []string    `json:"incomplete"`
	AxeVersion string      `json:"version"`
}

// axeRun runs the WCAG A and AA rules on the whole document and keeps what a
// failing test needs to print: the rule, its impact, each element's selector and
// HTML, and the help text and address.
var axeRun = fmt.Sprintf(`axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
	.then(r => ({
		url: location.href,
		version: axe.version,
		passes: r.passes.length,
		incomplete: r.incomplete.map(v => v.id),
		violations: r.violations.map(v => ({
			id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({
				target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(', '),
				html: n.html,
				failureSummary: n.failureSummary || '',
			})),
		})),
	}))`, jsArray(wcagTags))

func jsArray(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + s + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// audit injects axe-core into the page, unless it is there already, and runs it.
// Runtime.evaluate is not subject to the page's Content-Security-Policy, so the
// strict policy the server sends does not stop it.
func audit(ctx context.Context) (auditResult, error) {
	ctx, cancel := context.WithTimeout(ctx, auditTimeout)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object'`))
	if err != nil {
		return auditResult{}, fmt.Errorf("look for axe: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			return auditResult{}, fmt.Errorf("inject axe: %w", err)
		}
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[auditResult](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return auditResult{}, fmt.Errorf("run axe: %w", err)
	}
	if res.AxeVersion != axeVersion {
		return res, fmt.Errorf("axe reports version %q, want %s: run scripts/fetch-axe.sh", res.AxeVersion, axeVersion)
	}
	return res, nil
}

// checkAccessibility audits the page and fails the test, without stopping it,
// for every violation, so one run lists every problem on every page.
func checkAccessibility(t testing.TB, ctx context.Context, step string) auditResult {
	t.Helper()
	res, err := audit(ctx)
	if err != nil {
		t.Fatalf("accessibility audit of %q: %v", step, err)
	}
	if len(res.Violations) > 0 {
		t.Errorf("axe-core %s found %d WCAG A/AA violation(s) at step %q (%s):\n%s",
			axeVersion, len(res.Violations), step, res.URL, formatViolations(res.Violations))
	}
	return res
}

// formatViolations prints violations the way a developer needs to fix them.
func formatViolations(vs []violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  - rule %s (impact: %s): %s\n", v.ID, v.Impact, v.Help)
		fmt.Fprintf(&b, "    help: %s\n", v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "    element %s\n      %s\n", n.Target, n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(n.Summary, "\n", "\n      "))
			}
		}
	}
	return b.String()
}
