package e2e_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestTheManagerPlacesNI66InTable5WithAMouse and its two siblings are the
// issue's walk through section 4 on the demo board: the manager reads the
// seed's tables 1–14 under its four sub-headings, with NI66 not yet placed at
// the end in a table of its own (Table 15); opens the section's outline,
// which says where NI66 appears; changes table 5 to add NI66 (first with the
// caption left out, following the error summary back to it); and reads the
// section again: NI66 is a row of table 5 and no table follows table 14.
// Every page is audited, and the new pages are checked at 320 pixels wide.
func TestTheManagerPlacesNI66InTable5WithAMouse(t *testing.T) {
	t.Parallel()
	managerPlacesNI66(t, withMouse)
}

func TestTheManagerPlacesNI66InTable5WithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	managerPlacesNI66(t, withKeyboard)
}

func TestTheManagerPlacesNI66InTable5WithoutJavaScript(t *testing.T) {
	t.Parallel()
	managerPlacesNI66(t, withoutJavaScript)
}

func managerPlacesNI66(t *testing.T, w way) {
	b := newBoard(t)
	ni66, err := b.Store.IndicatorByCode(context.Background(), "NI66")
	if err != nil {
		t.Fatal(err)
	}
	br := newBrowser(t, b.URL)
	m := tabWay(t, br, "", w)
	m.signInWay(w, "manager@demo.test")
	m.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	m.activate(w, `[data-testid="report-performance"]`, "the report's section 4", http.StatusOK)
	if got := m.count(`[data-testid="perf-theme"]`); got != 4 {
		t.Errorf("section 4 has %d sub-headings, want the seed's 4", got)
	}
	if got := m.text(`[data-testid="indicator-NI66"] caption`); !strings.HasPrefix(got, "Table 15:") {
		t.Errorf("NI66, not placed, is in %q", got)
	}
	m.fitsNarrow(w, "section 4")

	m.activate(w, `[data-testid="compose-section"]`, "section 4's outline", http.StatusOK)
	if got := m.text(`[data-testid="placed-NI66"] [data-testid="where"]`); !strings.HasPrefix(got, "Not placed") {
		t.Errorf("the outline says NI66 appears %q", got)
	}
	table5 := `[data-testid="perf-block"]:nth-child(7)`
	if got := m.text(table5 + ` [data-testid="block-number"]`); got != "Table 5" {
		t.Fatalf("the seventh block is %q, want Table 5", got)
	}
	m.fitsNarrow(w, "section 4's outline")
	m.activate(w, table5+` [data-testid="change-block"]`, "change table 5", http.StatusOK)
	caption := m.attr("#title", "value")
	m.clearField(w, "#title")
	m.tick(w, `input[name="indicators"][value="`+strconv.FormatInt(ni66.ID, 10)+`"]`)
	m.activate(w, boardSave, "table 5 without its caption", http.StatusUnprocessableEntity)
	m.followFirstError(w, "title")
	m.typeText(caption)
	m.activate(w, boardSave, "table 5 saved with NI66", http.StatusOK)
	if got := m.text(`[data-testid="placed-NI66"] [data-testid="where"]`); got != "Table 5" {
		t.Errorf("after placing it, the outline says NI66 appears %q", got)
	}

	m.activate(w, `[data-testid="open-section"]`, "section 4 again", http.StatusOK)
	if got := m.count(`[data-testid="indicator-NI66"]`); got != 0 {
		t.Error("NI66 still has a table of its own at the end")
	}
	if got := m.count(`[data-testid="by-month-NI64"] tbody tr`); got != 4 {
		t.Errorf("table 5 has %d rows, want NI64, NI65, NI67 and NI66", got)
	}
	if got := m.text(`[data-testid="perf-theme"]:last-of-type caption`); strings.Contains(got, "Table 15") {
		t.Errorf("a 15th table is left: %q", got)
	}
}
