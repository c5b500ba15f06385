package e2e_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTheManagerPublishesTheReportWithAMouse and its two siblings are the
// manager publishing the demo's 2009/10 report: from the period's page to the
// published versions (none yet) and the readiness check, which names the
// returns not accepted and the indicators missing months; one indicator's
// missing months marked not available; a checklist item linked to a section;
// publishing refused until the manager confirms the report is to go out
// although not ready (the error summary leads to the box); version 1 listed.
// A lead then finds version 1 from their home page and reads it. Every page
// is audited, the published version included.
func TestTheManagerPublishesTheReportWithAMouse(t *testing.T) {
	t.Parallel()
	managerPublishes(t, withMouse)
}

func TestTheManagerPublishesTheReportWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	managerPublishes(t, withKeyboard)
}

func TestTheManagerPublishesTheReportWithoutJavaScript(t *testing.T) {
	t.Parallel()
	managerPublishes(t, withoutJavaScript)
}

func managerPublishes(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	m := tabWay(t, br, "manager", w)
	m.signInWay(w, "manager@demo.test")
	m.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	m.activate(w, `[data-testid="published-reports"]`, "published versions: none yet", http.StatusOK)
	if m.count(`[data-testid="nothing-published"]`) != 1 {
		t.Fatal("the list of published versions is not empty")
	}
	m.activate(w, `[data-testid="readiness-link"]`, "the readiness check", http.StatusOK)
	missing := m.text(`[data-testid="missing-returns"]`)
	for _, agency := range []string{"CAFCASS", "CVS Medway", "Medway Youth Offending Team", "HMYOI Cookham Wood"} {
		if !strings.Contains(missing, agency) {
			t.Errorf("the readiness check does not name %s's return: %q", agency, missing)
		}
	}
	if m.count(`[data-testid="missing-figure"]`) == 0 {
		t.Error("the readiness check lists no indicator with missing months")
	}

	// March's figures will not come for the first indicator listed.
	before := m.count(`[data-testid="figures-complete"]`)
	m.activate(w, `[data-testid="figures-complete"]`, "an indicator's missing months marked not available", http.StatusOK)
	if got := m.text(successBanner); !strings.HasSuffix(got, "are marked as not available") {
		t.Errorf("the banner after marking figures says %q", got)
	}
	if got := m.count(`[data-testid="figures-complete"]`); got != before-1 {
		t.Errorf("%d indicators left to mark, want %d", got, before-1)
	}

	// Link the voice of children and families to the chair's overview.
	if w == withKeyboard {
		m.tabUntil("#checklist-voice", "the voice of children and families", maxTabs)
	}
	m.chooseOption("#checklist-voice", "Section 1:")
	m.activate(w, `[data-testid="save-checklist"]`, "the checklist saved", http.StatusOK)
	if got := m.text(successBanner); got != "The checklist has been saved" {
		t.Errorf("the banner after saving the checklist says %q", got)
	}
	if got := m.text(`[data-key="voice"] .govuk-tag`); got != "Covered" {
		t.Errorf("the voice of children and families is %q", got)
	}

	// Publishing without saying it should go out although not ready is
	// refused. The publish button sits above the checklist, beside the
	// check's summary: back up the page to it.
	m.activateAbove(w, `[data-testid="publish"]`, "publishing refused: not confirmed", http.StatusUnprocessableEntity)
	m.followFirstError(w, "confirm")
	if w == withKeyboard {
		m.press(keySpace)
	} else {
		m.do("tick publish anyway", chromedp.Click(chromedp.CSS("#confirm")))
	}
	if !m.checked("#confirm") {
		t.Fatal("publish anyway is not ticked")
	}
	m.activate(w, `[data-testid="publish"]`, "version 1 published", http.StatusOK)
	if got := m.text(successBanner); got != "Version 1 of the 2009/10 report has been published" {
		t.Errorf("the banner after publishing says %q", got)
	}
	if got := m.count(`[data-testid="published-version"]`); got != 1 {
		t.Fatalf("%d published versions listed, want 1", got)
	}
	if sha := m.text(`[data-testid="html-sha256"]`); len(sha) != 64 {
		t.Errorf("the web page's SHA-256 is %q", sha)
	}

	// The draft's PDF page; with JavaScript the page says the PDF is being made, then ready.
	m.activate(w, `[data-testid="draft-pdf-link"]`, "the PDF page", http.StatusOK)
	if w == withMouse {
		m.do("make the PDF", chromedp.Click(chromedp.CSS(`[data-testid="make-pdf"]`)))
		deadline := time.Now().Add(60 * time.Second)
		for !strings.Contains(m.text(`[data-testid="pdf-status"]`), "ready") {
			if time.Now().After(deadline) {
				t.Fatalf("the PDF status says %q after a minute", m.text(`[data-testid="pdf-status"]`))
			}
			time.Sleep(200 * time.Millisecond)
		}
		m.step("the PDF made and downloaded")
	}

	// A lead finds version 1 from their home page and reads it.
	lead := tabWay(t, br, "lead", w)
	lead.signInWay(w, "lead@kent-police.demo.test")
	lead.activate(w, `[data-testid="published-2009-10"]`, "published versions, as a lead", http.StatusOK)
	if got := lead.count(`[data-testid="published-version"]`); got != 1 {
		t.Fatalf("the lead sees %d published versions, want 1", got)
	}
	if lead.count(`[data-testid="readiness-link"]`)+lead.count(`[data-testid="draft-pdf-link"]`) != 0 {
		t.Error("the lead is offered the draft or publishing")
	}
	lead.activate(w, `[data-testid="published-html"]`, "version 1 as published", http.StatusOK)
	if got := lead.text(`h1#report-title`); got != "Annual review 2009/10 and business plan 2010/11" {
		t.Errorf("the published version's title is %q", got)
	}
	if !strings.Contains(lead.text(`[data-kind="plan"]`), "617") {
		t.Error("the published version lacks the seed's 617 staff trained")
	}
}
