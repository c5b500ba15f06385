package e2e_test

import (
	"net/http"
	"strings"
	"testing"
)

const (
	boardSave        = `[data-testid="save"]`
	reportHeadingSel = `[data-testid="report-section-heading"]`
	changedOverview  = "Our first year of judging safeguarding by its outcomes."
	changedObjective = "Improving safeguarding practice and procedures"
)

// TestTheManagerWritesTheReportWithAMouse and its two siblings are the
// manager compiling the annual report: from the whole report to the board's
// sections, the chair's overview changed, a key objective of the business plan
// changed after leaving its title out and following the error summary back to
// it, the strategic aims moved above the performance section in the outline,
// and the whole report read again in its new order. Every page is audited.
func TestTheManagerWritesTheReportWithAMouse(t *testing.T) {
	t.Parallel()
	managerWritesTheReport(t, withMouse)
}

func TestTheManagerWritesTheReportWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	managerWritesTheReport(t, withKeyboard)
}

func TestTheManagerWritesTheReportWithoutJavaScript(t *testing.T) {
	t.Parallel()
	managerWritesTheReport(t, withoutJavaScript)
}

func managerWritesTheReport(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	m := tabWay(t, br, "", w)
	m.signInWay(w, "manager@demo.test")
	// The period's page will link to the whole report; until then, its address.
	m.visit("/periods/2009-10/report", "the whole 2009/10 report")
	if got := m.count(reportHeadingSel); got != 8 {
		t.Fatalf("the demo report has %d sections, want 8", got)
	}
	if got := m.text(`[data-testid="report-contents"] li:nth-child(4) a`); got != "4. Safeguarding activity and performance information" {
		t.Errorf("the contents' fourth entry is %q", got)
	}
	for _, figure := range []string{"617", "375", "21", "26,969"} {
		if !strings.Contains(m.text(`[data-kind="plan"]`), figure) {
			t.Errorf("the business plan review lacks the seed's figure %s", figure)
		}
	}

	m.activate(w, `[data-testid="edit-board"]`, "the board’s sections", http.StatusOK)
	m.activate(w, `[data-testid="board-parts"] a[href$="/board/text/overview"]`, "the chair’s overview", http.StatusOK)
	m.clearField(w, "#body")
	m.typeText(changedOverview + " {{NI99.ytd}}")
	// Preview names a reference that Save would refuse, and still saves nothing.
	m.activate(w, `[data-testid="preview-button"]`, "the overview previewed quoting an indicator the board lacks", http.StatusUnprocessableEntity)
	if got := m.text(`[data-testid="error-summary"]`); !strings.Contains(got, "{{NI99.ytd}} names no indicator") {
		t.Errorf("the error summary after previewing an unknown reference says %q", got)
	}
	if got := m.text(`[data-testid="markdown-preview"] [data-testid="preview-text"]`); !strings.Contains(got, "{{NI99.ytd}}") {
		t.Errorf("the preview of an unknown reference shows %q", got)
	}
	m.followFirstError(w, "body")
	m.clearFocused()
	m.typeText(changedOverview)
	// Preview shows the text rendered above the field, keeps it, and saves nothing (issue 15).
	m.activate(w, `[data-testid="preview-button"]`, "the overview previewed", http.StatusOK)
	if got := m.text(`#body-preview [data-testid="preview-text"]`); got != changedOverview {
		t.Errorf("the preview shows %q, want %q", got, changedOverview)
	}
	if got := m.value("#body"); got != changedOverview {
		t.Errorf("the field holds %q after the preview", got)
	}
	m.activate(w, boardSave, "the overview saved", http.StatusOK)
	if got := m.text(successBanner); !strings.HasSuffix(got, "has been saved") {
		t.Errorf("the banner after saving the overview says %q", got)
	}

	m.activate(w, `[data-testid="board-parts"] a[href$="/board/plan"]`, "the business plan review", http.StatusOK)
	m.activate(w, `[data-testid="change-objective"]`, "change the first key objective", http.StatusOK)
	m.clearField(w, "#title")
	m.activate(w, boardSave, "the key objective with its title left out", http.StatusUnprocessableEntity)
	m.followFirstError(w, "title")
	m.typeText(changedObjective)
	m.activate(w, boardSave, "the key objective saved", http.StatusOK)
	if got := m.text(`[data-testid="objective-title"]`); got != "Key objective 1: "+changedObjective {
		t.Errorf("the first key objective is %q after changing it", got)
	}

	m.activate(w, `[data-testid="to-board"]`, "back to the board’s sections", http.StatusOK)
	m.activate(w, `[data-testid="board-parts"] a[href$="/outline"]`, "the report’s outline", http.StatusOK)
	aims := `[data-testid="outline-section"]:nth-child(5)`
	if got := m.text(aims + ` [data-testid="outline-title"]`); got != "Strategic aims and specific objectives" {
		t.Fatalf("the fifth section is %q", got)
	}
	m.activate(w, aims+` [data-testid="move-up"]`, "the aims moved up", http.StatusOK)
	if got := m.text(`[data-testid="outline-section"]:nth-child(4) [data-testid="outline-title"]`); got != "Strategic aims and specific objectives" {
		t.Errorf("after moving the aims up, the fourth section is %q", got)
	}
	m.activate(w, `.govuk-button-group [data-testid="open-report"]`, "the whole report in its new order", http.StatusOK)
	if got := m.text(`[data-testid="report-contents"] li:nth-child(4) a`); got != "4. Strategic aims and specific objectives" {
		t.Errorf("the contents' fourth entry is %q after the move", got)
	}
	if got := m.text(`[data-kind="overview"]`); !strings.Contains(got, changedOverview) {
		t.Errorf("the report's overview reads %q", got)
	}
	if got := m.text(`[data-kind="plan"]`); !strings.Contains(got, "Key objective 1: "+changedObjective) {
		t.Error("the report does not show the changed key objective")
	}
}
