package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"safeboard/internal/demo"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// journeyTimeout bounds one tab's whole journey. It is generous: make test runs
// these tests with the race detector, beside every other package, on two
// cores, and every step is measured at two widths.
const journeyTimeout = 300 * time.Second

// installHint says how to get the browser the tests drive.
const installHint = "the browser tests need Chromium: install it with `apt-get install chromium fonts-liberation` " +
	"(as root, scripts/install-deps.sh does this, and make test runs it)"

// board is the real server, on a random local port, over a fresh database holding the demo board.
type board struct {
	URL string
	// Store is the board's database, for what a journey cannot reach
	// through pages, such as the secret that signs an email's unsubscribe link.
	Store *store.Store
}

// newBoard starts the server on a fresh database holding the demo board; both
// go away when the test ends.
func newBoard(t *testing.T) *board {
	t.Helper()
	st := testdb.New(t)
	if _, err := demo.Load(context.Background(), st, demo.DefaultPassword); err != nil {
		t.Fatalf("load the demo board: %v", err)
	}
	testdb.CheapPasswords(t, st, demo.DefaultPassword)
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := httptest.NewServer(web.New(st, log, web.Config{BoardName: demo.BoardName}).Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if t.Failed() && logs.Len() > 0 {
			t.Logf("the server's warnings and errors:\n%s", logs)
		}
	})
	return &board{URL: srv.URL, Store: st}
}

// syncBuffer collects the server's log lines from its many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// chromiumPath finds Debian's chromium. In CI a missing browser fails the test;
// elsewhere the test is skipped with the same advice.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is missing in CI: " + installHint)
	}
	t.Skip("Chromium is not installed: " + installHint)
	return ""
}

// browser is one test's view of the package's Chromium: each user gets a tab
// in a browser context of their own, so their cookies never mix.
type browser struct {
	ctx  context.Context
	base string

	mu    sync.Mutex
	shots map[string]*shotDir // by test name: a test's tabs share one folder
}

// shotDir is one test's screenshot folder; steps are numbered across its tabs,
// so the files sort in the order the users saw them.
type shotDir struct {
	path string
	n    int
}

// chromium is one headless Chromium for the whole run, started by the first
// test that needs it and stopped by TestMain: tests side by side open their
// tabs in it rather than each waiting for a browser of its own to start.
var chromium struct {
	once sync.Once
	ctx  context.Context
	err  error
	stop func()
}

// TestMain stops the shared Chromium once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.stop != nil {
		chromium.stop()
	}
	os.Exit(code)
}

// startChromium starts the shared Chromium from path, once.
func startChromium(path string) (context.Context, error) {
	chromium.once.Do(func() {
		profile, err := os.MkdirTemp("", "safeboard-e2e-chromium-")
		if err != nil {
			chromium.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.NoFirstRun,
			chromedp.UserDataDir(profile),
			chromedp.WindowSize(1280, 900),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		chromium.ctx = ctx
		chromium.stop = func() {
			cancel()
			cancelAlloc() // waits for Chromium to exit, before its profile is removed
			_ = os.RemoveAll(profile)
		}
		// The first Do starts the browser and ties its life to ctx, so ctx has no timeout.
		if err := chromedp.Do(ctx); err != nil {
			chromium.err = fmt.Errorf("start Chromium: %w", err)
		}
	})
	return chromium.ctx, chromium.err
}

// journeys bounds the tests driving the browser at once, one per core unless
// SAFEBOARD_E2E_JOURNEYS says otherwise: Chromium, the server and PostgreSQL
// share the cores, and a journey starved of them times out or types too
// slowly for a list's type-ahead.
var journeys = make(chan struct{}, journeysAtOnce())

func journeysAtOnce() int {
	if n, err := strconv.Atoi(os.Getenv("SAFEBOARD_E2E_JOURNEYS")); err == nil && n > 0 {
		return n
	}
	return runtime.NumCPU()
}

// newBrowser gives the test the shared Chromium, started if need be, once
// fewer than journeysAtOnce tests are using it.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath(t)
	journeys <- struct{}{}
	t.Cleanup(func() { <-journeys })
	ctx, err := startChromium(path)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{ctx: ctx, base: base, shots: map[string]*shotDir{}}
}

// shotDir is the test's screenshot folder, made (and emptied) on first use.
func (b *browser) shotDir(t testing.TB) *shotDir {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if d, ok := b.shots[t.Name()]; ok {
		return d
	}
	d := &shotDir{path: screenshotDir(t)}
	b.shots[t.Name()] = d
	return d
}

// tab is one user's browser tab. Every page it shows must pass through step,
// which screenshots and audits it; the tab fails the test if a page was shown
// and never audited.
type tab struct {
	t       testing.TB
	ctx     context.Context
	base    string
	who     string // whose tab, in screenshot names when a test has several
	browser *browser
	// scriptsOff is set when the page's JavaScript is switched off.
	scriptsOff bool

	mu      sync.Mutex
	pages   []string // every document the tab loaded, in order
	audited int      // how many of pages were audited
}

// tab opens a new tab for the (sub)test t.
func (b *browser) tab(t testing.TB) *tab {
	t.Helper()
	return b.tabFor(t, "")
}

// tabFor opens a tab for one of several users in a test; who names them in the
// screenshots' file names.
func (b *browser) tabFor(t testing.TB, who string) *tab {
	t.Helper()
	tb := &tab{t: t, base: b.base, who: who, browser: b}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	ctx, cancelJourney := context.WithTimeout(ctx, journeyTimeout)
	t.Cleanup(cancelJourney)
	tb.ctx = ctx
	t.Cleanup(tb.checkEveryPageWasAudited)
	return tb
}

// listen records each document the tab loads; it runs in chromedp's event loop.
func (tb *tab) listen(ev any) {
	e, ok := ev.(*page.EventFrameNavigated)
	if !ok || e.Frame == nil || e.Frame.ParentID != "" || e.Frame.URL == "about:blank" {
		return
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.pages = append(tb.pages, e.Frame.URL)
}

func (tb *tab) checkEveryPageWasAudited() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if missed := tb.pages[tb.audited:]; len(missed) > 0 {
		tb.t.Errorf("pages shown but never audited (call step after each page): %v", missed)
	}
}

// step is one thing the user sees: it saves a full-page screenshot, runs the
// accessibility audit and checks the page fits 320 and 1280 pixel wide
// viewports, failing the test for any violation.
func (tb *tab) step(name string) auditResult {
	tb.t.Helper()
	tb.mu.Lock()
	if missed := tb.pages[tb.audited:]; len(missed) > 1 {
		tb.t.Errorf("pages shown but never audited before step %q: %v", name, missed[:len(missed)-1])
	}
	tb.audited = len(tb.pages)
	tb.mu.Unlock()

	n := tb.screenshot(name)
	if tb.scriptsOff {
		// axe needs timers, which do not run while scripts are off. The page's own
		// scripts were skipped when it loaded and are not run again, so the audit
		// still sees the page as a browser without JavaScript shows it.
		tb.setScriptsDisabled(false)
		defer tb.setScriptsDisabled(true)
	}
	res := checkAccessibility(tb.t, tb.ctx, name)
	tb.checkWidths(n, name)
	tb.t.Logf("step %02d %s%s: %s — axe: %d violations, %d rules passed, needs review: %v",
		n, tb.whoPrefix(": "), name, strings.TrimPrefix(res.URL, tb.base), len(res.Violations), res.Passes, res.Incomplete)
	return res
}

// screenshot saves the whole page as NN-[who-]step.png and returns NN.
func (tb *tab) screenshot(name string) int {
	tb.t.Helper()
	d := tb.browser.shotDir(tb.t)
	tb.browser.mu.Lock()
	d.n++
	n := d.n
	tb.browser.mu.Unlock()
	file := fmt.Sprintf("%02d-%s%s.png", n, tb.whoPrefix("-"), fileName(name))
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", file, err)
	}
	if err := os.WriteFile(filepath.Join(d.path, file), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return n
}

func (tb *tab) whoPrefix(sep string) string {
	if tb.who == "" {
		return ""
	}
	return tb.who + sep
}

// screenshotDir is testdata/screenshots/<test name> (or under $SAFEBOARD_SCREENSHOTS),
// emptied first so it holds this run's steps only.
func screenshotDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("SAFEBOARD_SCREENSHOTS")
	if root == "" {
		root = filepath.Join("testdata", "screenshots")
	}
	dir, err := filepath.Abs(filepath.Join(root, testDirName(t.Name())))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s", dir)
	return dir
}

var unsafeInFileName = regexp.MustCompile(`[^a-z0-9.@]+`)

// fileName makes a step or a test's name safe as a file name: "(b) the manager's
// 2009/10 return" becomes "b-the-manager-s-2009-10-return".
func fileName(s string) string {
	return strings.Trim(unsafeInFileName.ReplaceAllString(strings.ToLower(s), "-"), "-.")
}

// testDirName keeps a subtest in a folder of its parent test's.
func testDirName(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = fileName(p)
	}
	return filepath.Join(parts...)
}
