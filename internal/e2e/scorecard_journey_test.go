package e2e_test

import (
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTheChairsFirstScreenWithAMouse and its two siblings are the chair's
// first screen on the demo board: the home page says where 2009/10 stands
// (returns by status, indicators by rating, what needs attention) and leads
// to the dashboard, which opens with the scorecard: 19 rows under 800 pixels
// at 1280 wide, with the same figures as the cards, printed on a landscape
// A4 page; then NI65 from its row. Each page is looked at at 320 and 1280
// pixels wide (screenshots of both) and fits at 320. With the mouse, the
// manager follows "Set the target" from an indicator not rated for want of one.
func TestTheChairsFirstScreenWithAMouse(t *testing.T) { chairsFirstScreen(t, withMouse) }

func TestTheChairsFirstScreenWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	chairsFirstScreen(t, withKeyboard)
}

func TestTheChairsFirstScreenWithoutJavaScript(t *testing.T) {
	t.Parallel()
	chairsFirstScreen(t, withoutJavaScript)
}

func chairsFirstScreen(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	chair := tabWay(t, br, "chair", w)
	chair.signInWay(w, "chair@demo.test")
	if chair.count(`[data-testid="glance"][data-period="2009-10"]`) != 1 {
		t.Fatal("the chair's home page does not say where 2009/10 stands")
	}
	if got := chair.text(`[data-testid="glance-rag-red"] .app-glance__count`); got != "2" {
		t.Errorf("the home page counts %q indicators off target, want the demo's 2", got)
	}
	if chair.count(`[data-testid="glance-attention-item"][data-code="NI65"]`) != 1 {
		t.Error("NI65 is not among what needs attention on the home page")
	}
	chair.bothWidths(w, "the chair's home page")

	chair.activate(w, `[data-testid="open-dashboard"]`, "the dashboard, opening with the scorecard", http.StatusOK)
	if got := chair.count(`[data-testid="scorecard"] [data-testid="score"]`); got != 19 {
		t.Errorf("the scorecard has %d rows, want the demo's 19 indicators", got)
	}
	if got := chair.count(`[data-testid="card"]`); got != 19 {
		t.Errorf("%d cards follow the scorecard, want 19", got)
	}
	for _, code := range []string{"NI65", "NI60", "CPC"} {
		row, card := `[data-testid="score"][data-code="`+code+`"] `, `[data-testid="card"][data-code="`+code+`"] `
		if a, b := chair.text(row+`[data-testid="ytd"]`), chair.text(card+`[data-testid="ytd"]`); a != b {
			t.Errorf("%s's year to date: %q on the scorecard, %q on its card", code, a, b)
		}
	}
	if got := chair.text(`[data-testid="score"][data-code="NI59"] [data-testid="not-rated-why"]`); got != "no target set" {
		t.Errorf("NI59 is not rated because %q, want no target set", got)
	}
	if chair.count(`[data-testid="set-target"]`) != 0 {
		t.Error("the chair is offered to set a target")
	}
	if w == withMouse {
		height, err := chromedp.Run(chair.ctx, chromedp.Evaluate[float64](`document.querySelector('[data-testid="scorecard"]').getBoundingClientRect().height`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("the scorecard's 19 rows are %.0f pixels tall at 1280 wide", height)
		if height >= 800 {
			t.Errorf("the scorecard is %.0f pixels tall at 1280 wide, want under 800", height)
		}
		chair.printsScorecardLandscape()
	}
	chair.bothWidths(w, "the dashboard")

	chair.activate(w, `[data-testid="score"][data-code="NI65"] th a`, "NI65's page from its scorecard row", http.StatusOK)
	if got := chair.path(); got != "/periods/2009-10/indicators/NI65" {
		t.Errorf("NI65's row led to %s", got)
	}

	if w != withMouse {
		return
	}
	manager := tabWay(t, br, "manager", w)
	manager.signInWay(w, "manager@demo.test")
	manager.activate(w, `[data-testid="open-dashboard"]`, "the manager's dashboard", http.StatusOK)
	manager.activate(w, `[data-testid="score"][data-code="NI59"] [data-testid="set-target"]`, "NI59's targets, from its scorecard row", http.StatusOK)
	if got := manager.path(); !regexp.MustCompile(`^/admin/indicators/\d+#period-2009-10$`).MatchString(got) {
		t.Errorf("Set the target led to %s", got)
	}
}

// bothWidths looks at the page at 320 and 1280 pixels wide, with a
// screenshot of each, and checks it needs no sideways scrolling at 320.
func (tb *tab) bothWidths(w way, name string) {
	tb.t.Helper()
	tb.do("narrow the window to 320 pixels", chromedp.EmulateViewport(320, 900))
	width, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		tb.t.Fatalf("measure %s: %v", name, err)
	}
	if width > 320 {
		tb.t.Errorf("%s is %d pixels wide at 320: it scrolls sideways", name, width)
	}
	if w == withMouse {
		tb.screenshot(name + " at 320 pixels")
	}
	tb.do("widen the window again", chromedp.EmulateViewport(1280, 900))
	if w == withMouse {
		tb.screenshot(name + " at 1280 pixels")
	}
}

var pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)

// printsScorecardLandscape prints the dashboard as the browser would (the
// page sizes its CSS asks for) and wants the first page, the scorecard's,
// A4 landscape.
func (tb *tab) printsScorecardLandscape() {
	tb.t.Helper()
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		tb.t.Fatalf("print the dashboard: %v", err)
	}
	m := pdfMediaBox.FindSubmatch(pdf)
	if m == nil {
		tb.t.Fatal("the printed dashboard has no page size")
	}
	wide, _ := strconv.ParseFloat(string(m[1]), 64)
	high, _ := strconv.ParseFloat(string(m[2]), 64)
	// A4 is 595 by 842 points.
	if wide < 835 || wide > 850 || high < 590 || high > 600 {
		tb.t.Errorf("the scorecard prints on a page %.0f by %.0f points, want A4 landscape (842 by 595)", wide, high)
	}
}
