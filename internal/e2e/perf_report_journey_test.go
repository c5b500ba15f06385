package e2e_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestTheManagerAndTheChairReadThePerformanceSection: each goes from the
// period's page to the report's section 4 on the demo board and finds the
// seed's child protection tables with their grand totals (table 1: 171 at 31
// March 2009, table 2: 232 at 17 March 2010), ratings in words with a shape,
// and the commentary. The manager follows the link on the period's page, the
// chair the one under the returns overview.
func TestTheManagerAndTheChairReadThePerformanceSection(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	for _, who := range []string{"manager@demo.test", "chair@demo.test"} {
		t.Run(strings.TrimSuffix(who, "@demo.test"), func(t *testing.T) {
			tb := br.tabFor(t, strings.TrimSuffix(who, "@demo.test"))
			tb.signIn(who)
			tb.clickTo(`[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
			if who == "chair@demo.test" {
				tb.clickTo(`[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
				tb.clickTo(`main a[href="/periods/2009-10/report/performance"]`, "the report's performance section", http.StatusOK)
			} else {
				tb.clickTo(`[data-testid="report-performance"]`, "the report's performance section", http.StatusOK)
			}
			if h := tb.text("h1"); !strings.Contains(h, "Section 4") {
				t.Errorf("the heading is %q", h)
			}
			if n := tb.count(`[data-testid="perf-theme"]`); n == 0 {
				t.Fatal("the section shows no themes")
			}
			for table, want := range map[string]string{"breakdown-CPP-2008": "171", "breakdown-CPP-2009": "232"} {
				sel := `[data-testid="` + table + `"] tbody tr:last-child td:last-child`
				if tb.count(sel) != 1 {
					t.Errorf("no table %s", table)
					continue
				}
				if got := tb.text(sel); got != want {
					t.Errorf("%s's grand total is %q, want %s", table, got, want)
				}
			}
			tags := tb.text(`[data-testid="by-month-NI64"] tr:nth-child(2) [data-rag]`)
			if !strings.Contains(tags, "target") || !strings.ContainsAny(tags, "●▲■") {
				t.Errorf("NI65's rating reads %q: want words and a shape", tags)
			}
			if tb.count(`[data-testid="commentary"]`) == 0 {
				t.Error("no commentary under any indicator")
			}
			if got := tb.attr(`[data-testid="perf-contents"] li:first-child a`, "href"); got != "#theme-1" {
				t.Errorf("the contents list's first link goes to %q, want #theme-1", got)
			}
		})
	}
}
