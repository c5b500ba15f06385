package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTheChairReadsTheDashboard is the chair preparing for a scrutiny
// committee: from the period's page to the dashboard (the demo board's NI65
// is off target, NI64 on it), filtered to the indicators off target, then an
// indicator's page with its trend, months and commentary, the chart's figures
// opened under "Show data".
func TestTheChairReadsTheDashboard(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	// The manager has reopened the children's services' return (as the
	// reopen action leaves it: submitted), so its figures are provisional.
	if _, err := b.Store.Pool().Exec(context.Background(), `UPDATE returns SET status = 'submitted'
		WHERE agency_id = (SELECT id FROM agencies WHERE slug = 'medway-childrens-services')`); err != nil {
		t.Fatal(err)
	}
	br := newBrowser(t, b.URL)
	chair := br.tab(t)
	chair.signIn("chair@demo.test")
	chair.clickTo(`[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	chair.clickTo(`[data-testid="dashboard"]`, "the performance dashboard", http.StatusOK)
	if chair.count(`[data-testid="card"][data-code="NI65"] [data-testid="provisional"]`) == 0 {
		t.Error("NI65's figures are not marked provisional while its return is not accepted")
	}
	if got := chair.text(`[data-testid="provisional-summary"]`); !strings.Contains(got, "Medway Council Children and Adults’ Services’ return") {
		t.Errorf("the dashboard does not say whose figures are provisional: %q", got)
	}

	for code, want := range map[string]string{"NI65": "red", "NI64": "green"} {
		if got := chair.attr(`[data-testid="card"][data-code="`+code+`"]`, "data-rag"); got != want {
			t.Errorf("%s is rated %q on the dashboard, want %q", code, got, want)
		}
	}
	// 39 of 229 children: 17%, as in the seed.
	if got := chair.text(`[data-testid="card"][data-code="NI65"] [data-testid="ytd"]`); got != "17%" {
		t.Errorf("NI65's year to date is %q, want 17%%", got)
	}
	if got := chair.text(`[data-testid="card"][data-code="NI65"] .govuk-tag`); got != "Off target" {
		t.Errorf("NI65's tag says %q, want Off target", got)
	}
	if chair.count(`[data-testid="attention-item"][data-code="NI65"]`) != 1 {
		t.Error("NI65 is not among the indicators that need attention")
	}

	// Filter by rating: the choice goes into the address, so the view can be shared.
	chair.do("choose Off target", chromedp.SetValue(chromedp.CSS(`#rag`), "red"))
	chair.clickTo(`[data-testid="apply-filters"]`, "the dashboard filtered to indicators off target", http.StatusOK)
	u, err := url.Parse(chair.path())
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/periods/2009-10/dashboard" || u.RawQuery != "rag=red" {
		t.Errorf("the filtered dashboard's address is %s, want ?rag=red alone (the empty filters left out)", chair.path())
	}
	cards, red := chair.count(`[data-testid="card"]`), chair.count(`[data-testid="card"][data-rag="red"]`)
	if cards == 0 || cards != red {
		t.Errorf("%d cards shown, %d of them red: the filter should leave only red ones", cards, red)
	}
	if got := chair.value(`#rag`); got != "red" {
		t.Errorf("the rating filter shows %q after filtering, want red", got)
	}

	chair.clickTo(`[data-testid="card"][data-code="NI65"] h4 a`, "NI65's page", http.StatusOK)
	if got := chair.path(); got != "/periods/2009-10/indicators/NI65" {
		t.Errorf("the card led to %s", got)
	}
	if chair.count(`[data-chart="trend-ni65"] svg[role="img"]`) != 1 {
		t.Error("NI65's page has no trend chart")
	}
	if got := chair.text(`[data-testid="commentary"]`); !strings.Contains(got, "229") {
		t.Errorf("NI65's commentary is %q", got)
	}
	chair.do("open the trend's figures", chromedp.Click(chromedp.CSS(`[data-chart="trend-ni65"] summary`)))
	chair.step("NI65's trend with its figures shown")
	if chair.count(`[data-chart="trend-ni65"] details[open] table`) == 0 {
		t.Error("Show data did not open the trend's table")
	}
}
