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

// selectedIndexes says which option of a select is chosen and which one's
// text starts with text (-1 when none does).
type selectedIndexes struct {
	Selected int `json:"selected"`
	Wanted   int `json:"wanted"`
}

func (tb *tab) selectIndexes(sel, text string) selectedIndexes {
	tb.t.Helper()
	js := fmt.Sprintf(`(() => {
		const s = document.querySelector(%q);
		if (!s) return {selected: -1, wanted: -1};
		return {selected: s.selectedIndex, wanted: [...s.options].findIndex(o => o.text.startsWith(%q))};
	})()`, sel, text)
	ix, err := chromedp.Run(tb.ctx, chromedp.Evaluate[selectedIndexes](js))
	if err != nil {
		tb.t.Fatalf("read the options of %s: %v", sel, err)
	}
	return ix
}

// chooseFromList picks the option of a select whose text starts with text: as
// chooseOption does with a mouse (a test cannot drive the browser's own list),
// or with the keyboard Tab to the select (unless focus is there already) and
// the arrow keys to the option, as a closed select answers them.
func (tb *tab) chooseFromList(w way, sel, text string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.chooseOption(sel, text)
		return
	}
	if !tb.focusMatches(sel) {
		tb.tabUntil(sel, "the list "+sel, maxTabs)
	}
	ix := tb.selectIndexes(sel, text)
	if ix.Wanted < 0 {
		tb.t.Fatalf("%s has no option starting %q", sel, text)
	}
	arrow, presses := keyArrowDown, ix.Wanted-ix.Selected
	if presses < 0 {
		arrow, presses = key{name: "ArrowUp", code: "ArrowUp", keyCode: 38}, -presses
	}
	for range presses {
		tb.press(arrow)
	}
	if got := tb.selectIndexes(sel, text); got.Selected != got.Wanted {
		tb.t.Fatalf("%d presses of %s in %s chose option %d, want %d (%q)", presses, arrow.code, sel, got.Selected, got.Wanted, text)
	}
	tb.expectFocus(sel, "after choosing "+text+" in "+sel)
}

// checkRadio checks a radio: a click, or with the keyboard Tab into its group,
// then Space if focus landed on it unchecked, else the down arrow to it.
func (tb *tab) checkRadio(w way, name, sel string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	} else {
		tb.tabUntil(`input[type="radio"][name="`+name+`"]`, "the "+name+" radios", maxTabs)
		if tb.focusMatches(sel) && !tb.checked(sel) {
			tb.press(keySpace)
		}
		for i := 0; !tb.focusMatches(sel); i++ {
			if i == 6 {
				tb.t.Fatalf("the down arrow never reached %s; focus is on %s", sel, tb.focused())
			}
			tb.press(keyArrowDown)
		}
		tb.expectFocus(sel, "choosing "+sel+" in the "+name+" radios")
	}
	if !tb.checked(sel) {
		tb.t.Fatalf("%s is not checked after choosing it", sel)
	}
}

// TestTheManagerDefinesAnIndicatorBrokenDownByANewListWithAMouse and its two
// siblings walk the manager through the indicator settings: a new breakdown
// (first with an option given twice, following the error summary back to the
// options), an option moved, an indicator broken down by it (first with one
// breakdown chosen twice), a target for 2009/10 and a comparator's figure,
// auditing every page.
func TestTheManagerDefinesAnIndicatorBrokenDownByANewListWithAMouse(t *testing.T) {
	t.Parallel()
	managerDefinesAnIndicator(t, withMouse)
}

func TestTheManagerDefinesAnIndicatorBrokenDownByANewListWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	managerDefinesAnIndicator(t, withKeyboard)
}

func TestTheManagerDefinesAnIndicatorBrokenDownByANewListWithoutJavaScript(t *testing.T) {
	t.Parallel()
	managerDefinesAnIndicator(t, withoutJavaScript)
}

func managerDefinesAnIndicator(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	m := tabWay(t, br, "", w)
	m.signInWay(w, "manager@demo.test")

	// A new breakdown, first with an option given twice.
	m.activate(w, navLink("/admin/indicators"), "indicators", http.StatusOK)
	m.activate(w, `nav[aria-label="Indicator settings"] a[href="/admin/dimensions"]`, "breakdowns", http.StatusOK)
	m.activate(w, `[data-testid="add-dimension"]`, "add a breakdown", http.StatusOK)
	m.fill(w, "#name", "Placement type")
	m.fill(w, "#options", "Foster care\nResidential\nFoster care")
	m.activate(w, `[data-testid="save"]`, "add a breakdown with an option twice", http.StatusUnprocessableEntity)
	if got := m.text("#options-error"); !strings.Contains(got, "Foster care") {
		t.Errorf("the message beside the options says %q", got)
	}
	m.followFirstError(w, "options")
	if got := m.value("#options"); got != "Foster care\nResidential\nFoster care" {
		t.Errorf("the options show %q after the refusal", got)
	}
	m.clearFocused()
	m.typeText("Foster care\nResidential\nWith parents")
	// A child is in one placement: the options add up (the radios start there).
	m.checkRadio(w, "kind", "#kind")
	m.activate(w, `[data-testid="save"]`, "the new breakdown's page", http.StatusOK)
	if got := m.text(successBanner); got != "Placement type has been added with 3 options" {
		t.Fatalf("banner %q", got)
	}
	if n := m.count(`[data-testid="options"] tbody tr`); n != 3 {
		t.Fatalf("the breakdown shows %d options, want 3", n)
	}
	m.activate(w, `[data-testid="option-Residential"] [data-testid="move-up"]`, "Residential moved up", http.StatusOK)
	if got := m.value(`[data-testid="options"] tbody tr:first-child input`); got != "Residential" {
		t.Fatalf("the first option is %q after moving Residential up", got)
	}

	// An indicator broken down by it, first with the breakdown chosen twice.
	m.activateAbove(w, navLink("/admin/indicators"), "indicators again", http.StatusOK)
	m.activate(w, `[data-testid="add-indicator"]`, "add an indicator", http.StatusOK)
	m.fill(w, "#code", "LAC-PT")
	m.fill(w, "#name", "Looked-after children by placement type")
	m.fill(w, "#theme", "Looked-after children")
	m.chooseFromList(w, "#agency", "Medway Council")
	m.checkRadio(w, "unit", "#unit")
	m.checkRadio(w, "polarity", "#polarity-3")
	m.checkRadio(w, "frequency", "#frequency-4")
	m.checkRadio(w, "ytd_rule", "#ytd_rule-2")
	m.chooseFromList(w, "#dimension1", "Placement type")
	m.chooseFromList(w, "#dimension2", "Placement type")
	m.activate(w, `[data-testid="save"]`, "add an indicator with one breakdown twice", http.StatusUnprocessableEntity)
	m.followFirstError(w, "dimension2")
	if got := m.value("#code"); got != "LAC-PT" {
		t.Fatalf("the code shows %q after the refusal", got)
	}
	m.chooseFromList(w, "#dimension2", "None")
	m.activate(w, `[data-testid="save"]`, "the new indicator's page", http.StatusOK)
	if got := m.text(successBanner); got != "LAC-PT has been added" {
		t.Fatalf("banner %q", got)
	}
	if got := m.text("h1"); got != "LAC-PT: Looked-after children by placement type" {
		t.Fatalf("heading %q", got)
	}

	// A target for 2009/10.
	section := `[data-testid="period-2009-10"] `
	m.checkRadio(w, "op-2009-10", "#op-2009-10-2")
	m.fill(w, "#target-2009-10", "400")
	m.fill(w, "#source-2009-10", "LAA")
	m.activate(w, section+`[data-testid="save-target"]`, "the target for 2009/10 saved", http.StatusOK)
	if got := m.text(section + `[data-testid="target"]`); got != "Target: ≤400 (LAA)" {
		t.Fatalf("target shown as %q", got)
	}

	// A comparator, and its figure for 2008/09.
	m.activateAbove(w, navLink("/admin/indicators"), "indicators with LAC-PT", http.StatusOK)
	if got := m.text(`[data-testid="indicator-LAC-PT"]`); !strings.Contains(got, "Placement type") {
		t.Fatalf("the list's row %q does not name the breakdown", got)
	}
	m.activate(w, `nav[aria-label="Indicator settings"] a[href="/admin/comparators"]`, "comparators", http.StatusOK)
	m.fill(w, "#name", "Kent neighbours")
	m.activate(w, `[data-testid="add-series"]`, "comparator added", http.StatusOK)
	if got := m.text(successBanner); got != "Kent neighbours has been added" {
		t.Errorf("the banner after adding the comparator says %q", got)
	}
	m.activateAbove(w, navLink("/admin/indicators"), "indicators once more", http.StatusOK)
	m.activate(w, `[data-testid="indicator-LAC-PT"] th a`, "LAC-PT's page again", http.StatusOK)
	m.chooseFromList(w, "#series", "Kent neighbours")
	m.fill(w, "#year", "2008/09")
	m.fill(w, "#comparator_value", "410")
	m.activate(w, `[data-testid="save-comparator"]`, "the comparator's figure saved", http.StatusOK)
	if got := m.text(`[data-testid="comparator-table"] [data-testid="year-2008"] td:last-child`); got != "410" {
		t.Fatalf("the comparator's 2008/09 figure shows %q", got)
	}
}
