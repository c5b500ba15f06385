package e2e_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// chooseOption picks the option of a select whose text starts with text, as a
// person choosing from the list would, and tells the page it changed.
func (tb *tab) chooseOption(sel, text string) {
	tb.t.Helper()
	js := fmt.Sprintf(`(() => {
		const s = document.querySelector(%q);
		const o = s && [...s.options].find(o => o.text.startsWith(%q));
		if (!o) return false;
		s.value = o.value;
		s.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`, sel, text)
	ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](js))
	if err != nil || !ok {
		tb.t.Fatalf("choose %q in %s: found %t, %v", text, sel, ok, err)
	}
}

// TestTheManagerDefinesAnIndicatorBrokenDownByANewList walks the manager through
// the indicator settings with a mouse: a new breakdown, an indicator broken down
// by it, a target for 2009/10 and a comparator's figure, auditing every page.
func TestTheManagerDefinesAnIndicatorBrokenDownByANewList(t *testing.T) {
	b := newBoard(t)
	tab := newBrowser(t, b.URL).tab(t)
	tab.signIn("manager@demo.test")

	tab.clickTo(navLink("/admin/indicators"), "indicators", http.StatusOK)
	tab.clickTo(`nav[aria-label="Indicator settings"] a[href="/admin/dimensions"]`, "breakdowns", http.StatusOK)
	tab.clickTo(`[data-testid="add-dimension"]`, "add a breakdown", http.StatusOK)
	tab.typeInto("#name", "Placement type")
	tab.typeInto("#options", "Foster care\nResidential\nFoster care")
	tab.clickTo(`[data-testid="save"]`, "add a breakdown with an option twice", http.StatusUnprocessableEntity)
	tab.followFirstError(withMouse, "options")
	tab.clearField(withMouse, "#options")
	tab.typeInto("#options", "Foster care\nResidential\nWith parents")
	tab.clickTo(`[data-testid="save"]`, "the new breakdown's page", http.StatusOK)
	if got := tab.text(successBanner); got != "Placement type has been added with 3 options" {
		t.Fatalf("banner %q", got)
	}
	if n := tab.count(`[data-testid="options"] tbody tr`); n != 3 {
		t.Fatalf("the breakdown shows %d options, want 3", n)
	}
	tab.clickTo(`[data-testid="option-Residential"] [data-testid="move-up"]`, "Residential moved up", http.StatusOK)
	if got := tab.value(`[data-testid="options"] tbody tr:first-child input`); got != "Residential" {
		t.Fatalf("the first option is %q after moving Residential up", got)
	}

	tab.clickTo(navLink("/admin/indicators"), "indicators again", http.StatusOK)
	tab.clickTo(`[data-testid="add-indicator"]`, "add an indicator", http.StatusOK)
	tab.typeInto("#code", "LAC-PT")
	tab.typeInto("#name", "Looked-after children by placement type")
	tab.typeInto("#theme", "Looked-after children")
	tab.chooseOption("#agency", "Medway Council")
	tab.do("choose the unit", chromedp.Click(chromedp.CSS("#unit")))
	tab.do("choose which way is better", chromedp.Click(chromedp.CSS("#polarity-3")))
	tab.do("choose the frequency", chromedp.Click(chromedp.CSS("#frequency-4")))
	tab.do("choose the year-to-date rule", chromedp.Click(chromedp.CSS("#ytd_rule-2")))
	tab.chooseOption("#dimension1", "Placement type")
	tab.chooseOption("#dimension2", "Placement type")
	tab.clickTo(`[data-testid="save"]`, "add an indicator with one breakdown twice", http.StatusUnprocessableEntity)
	tab.followFirstError(withMouse, "dimension2")
	if got := tab.value("#code"); got != "LAC-PT" {
		t.Fatalf("the code shows %q after the refusal", got)
	}
	tab.chooseOption("#dimension2", "None")
	tab.clickTo(`[data-testid="save"]`, "the new indicator's page", http.StatusOK)
	if got := tab.text(successBanner); got != "LAC-PT has been added" {
		t.Fatalf("banner %q", got)
	}
	if got := tab.text("h1"); got != "LAC-PT: Looked-after children by placement type" {
		t.Fatalf("heading %q", got)
	}

	section := `[data-testid="period-2009-10"] `
	tab.do("choose at most", chromedp.Click(chromedp.CSS("#op-2009-10-2")))
	tab.typeInto("#target-2009-10", "400")
	tab.typeInto("#source-2009-10", "LAA")
	tab.clickTo(section+`[data-testid="save-target"]`, "the target for 2009/10 saved", http.StatusOK)
	if got := tab.text(section + `[data-testid="target"]`); got != "Target: ≤400 (LAA)" {
		t.Fatalf("target shown as %q", got)
	}

	tab.clickTo(navLink("/admin/indicators"), "indicators with LAC-PT", http.StatusOK)
	if got := tab.text(`[data-testid="indicator-LAC-PT"]`); !strings.Contains(got, "Placement type") {
		t.Fatalf("the list's row %q does not name the breakdown", got)
	}
	tab.clickTo(`nav[aria-label="Indicator settings"] a[href="/admin/comparators"]`, "comparators", http.StatusOK)
	tab.typeInto("#name", "Kent neighbours")
	tab.clickTo(`[data-testid="add-series"]`, "comparator added", http.StatusOK)
	tab.clickTo(navLink("/admin/indicators"), "indicators once more", http.StatusOK)
	tab.clickTo(`[data-testid="indicator-LAC-PT"] th a`, "LAC-PT's page again", http.StatusOK)
	tab.chooseOption("#series", "Kent neighbours")
	tab.typeInto("#year", "2008/09")
	tab.typeInto("#comparator_value", "410")
	tab.clickTo(`[data-testid="save-comparator"]`, "the comparator's figure saved", http.StatusOK)
	if got := tab.text(`[data-testid="comparator-table"] [data-testid="year-2008"] td:last-child`); got != "410" {
		t.Fatalf("the comparator's 2008/09 figure shows %q", got)
	}
}
