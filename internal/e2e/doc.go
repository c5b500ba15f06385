// Package e2e holds Safeboard's browser tests: journeys that real users take,
// driven in Debian's headless Chromium with chromedp against the real server
// on a fresh database holding the demo board. Every page a journey shows is
// audited with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) and saved as a
// full-page screenshot. The tests live in the _test.go files; see harness_test.go.
package e2e
