package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
)

func TestATargetMustSuitWhichWayIsBetter(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ind := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "NI65", "unit": "percentage", "polarity": "lower", "ytd_rule": "mean"}))
	path := "/admin/indicators/" + itoa(ind.ID)
	target := func(op, value, amber string) url.Values {
		return url.Values{"op-2009-10": {op}, "target-2009-10": {value}, "amber-2009-10": {amber}, "source-2009-10": {"LAA"}}
	}
	d := wantFormError(t, c.post(path+"/targets/2009-10", target(">=", "14", "")), "op-2009-10",
		"Lower is better for NI65, so the target must be “Less than” or “At most”")
	wantValues(t, d, map[string]string{"#target-2009-10": "14", "#source-2009-10": "LAA"})
	wantFormError(t, c.post(path+"/targets/2009-10", target("", "14", "")), "op-2009-10", "Select whether figures should be less than")
	wantFormError(t, c.post(path+"/targets/2009-10", target("<", "", "")), "target-2009-10", "Enter the target value, like 14")
	wantFormError(t, c.post(path+"/targets/2009-10", target("<", "140", "")), "target-2009-10", "Enter a percentage from 0 to 100")
	wantFormError(t, c.post(path+"/targets/2009-10", target("<", "14", "-1")), "amber-2009-10", "The amber margin must be a number, 0 or more")
	if n := len(auditTrail(b, "indicator")); n != 1 {
		t.Fatalf("refused targets wrote events: %d indicator events", n)
	}

	if flash := c.followFlash(c.post(path+"/targets/2009-10", target("<", "14%", "2"))); flash != "The target for 2009/10 has been saved: <14%" {
		t.Fatalf("flash %q", flash)
	}
	if got := doc(t, c.get(path)).Find(`[data-testid="period-2009-10"] [data-testid="target"]`).Text(); got != "Target: <14%, amber within 2% (LAA)" {
		t.Fatalf("target shown as %q", got)
	}
	wantAudit(t, b, "indicator", "target.set", ind.ID, b.users[domain.RoleManager])
	if flash := c.followFlash(c.post(path+"/targets/2009-10/remove", nil)); flash != "The target for 2009/10 has been removed" {
		t.Fatalf("flash %q", flash)
	}
	if got := doc(t, c.get(path)).Find(`[data-testid="period-2009-10"] [data-testid="target"]`).Text(); got != "No target set" {
		t.Fatalf("after removing: %q", got)
	}
	wantAudit(t, b, "indicator", "target.remove", ind.ID, b.users[domain.RoleManager])

	// Higher is better allows only more than or at least.
	higher := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "NI59", "unit": "percentage", "polarity": "higher", "ytd_rule": "mean"}))
	wantFormError(t, c.post("/admin/indicators/"+itoa(higher.ID)+"/targets/2009-10", target("<=", "74", "")), "op-2009-10",
		"Higher is better for NI59, so the target must be “More than” or “At least”")
	c.followFlash(c.post("/admin/indicators/"+itoa(higher.ID)+"/targets/2009-10", target(">", "74", "")))
}

func TestComparatorsAndCommentary(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ind := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "NI65", "unit": "percentage", "polarity": "lower", "ytd_rule": "mean"}))
	path := "/admin/indicators/" + itoa(ind.ID)

	if flash := c.followFlash(c.post("/admin/comparators", url.Values{"name": {"England"}})); flash != "England has been added" {
		t.Fatalf("flash %q", flash)
	}
	wantFormError(t, c.post("/admin/comparators", url.Values{"name": {"england"}}), "name", "A comparator with this name already exists")
	wantFormError(t, c.post("/admin/comparators", url.Values{"name": {""}}), "name", "Enter the comparator’s name, like England")
	series, err := b.st.ComparatorSeries(context.Background())
	if err != nil || len(series) != 1 {
		t.Fatalf("series %v, %v", series, err)
	}
	england := itoa(series[0].ID)

	wantFormError(t, c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2009/11"}, "comparator_value": {"13"}}), "year", "Enter the year like 2009/10")
	wantFormError(t, c.post(path+"/comparators", url.Values{"series": {""}, "year": {"2009/10"}, "comparator_value": {"13"}}), "series", "Select the comparator")
	d := wantFormError(t, c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2008/09"}, "comparator_value": {"130"}}), "comparator_value", "Enter a percentage from 0 to 100")
	wantValues(t, d, map[string]string{"#year": "2008/09", "#comparator_value": "130"})

	if flash := c.followFlash(c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2008/09"}, "comparator_value": {"13.4"}})); flash != "The England figure for 2008/09 has been saved: 13.4%" {
		t.Fatalf("flash %q", flash)
	}
	wantAudit(t, b, "indicator", "comparator.set", ind.ID, b.users[domain.RoleManager])
	table := doc(t, c.get(path)).Find(`[data-testid="comparator-table"]`)
	row := func(year string) string {
		var cells []string
		table.Find(`[data-testid="year-` + year + `"]`).Children().Each(func(_ int, s *goquery.Selection) {
			cells = append(cells, strings.TrimSpace(s.Text()))
		})
		return strings.Join(cells, " | ")
	}
	if got := row("2008"); got != "2008/09 | 13.4%" {
		t.Fatalf("2008/09 row %q", got)
	}
	if got := row("2009"); got != "2009/10 | Not known" {
		t.Fatalf("2009/10 row %q", got)
	}
	if flash := c.followFlash(c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2008"}, "comparator_value": {""}})); flash != "The England figure for 2008/09 has been removed" {
		t.Fatalf("flash %q", flash)
	}
	if vals, _ := b.st.ComparatorValues(context.Background(), ind.ID); len(vals) != 0 {
		t.Fatalf("values after clearing: %v", vals)
	}

	if flash := c.followFlash(c.post(path+"/commentary/2009-10", url.Values{"commentary-2009-10": {"Fewer plans lasted two years."}})); flash != "The commentary for 2009/10 has been saved" {
		t.Fatalf("flash %q", flash)
	}
	if got := doc(t, c.get(path)).Find("#commentary-2009-10").Text(); got != "Fewer plans lasted two years." {
		t.Fatalf("commentary shown %q", got)
	}
	wantAudit(t, b, "indicator", "commentary.set", ind.ID, b.users[domain.RoleManager])
	long := strings.Repeat("a", 10001)
	d = wantFormError(t, c.post(path+"/commentary/2009-10", url.Values{"commentary-2009-10": {long}}), "commentary-2009-10", "The commentary must be 10,000 characters or fewer")
	if d.Find("#commentary-2009-10").Text() != long {
		t.Error("the refused commentary is not shown again")
	}
	c.followFlash(c.post(path+"/commentary/2009-10", url.Values{"commentary-2009-10": {"  "}}))
	if body, _ := b.st.Commentary(context.Background(), ind.ID, 1); body != "" {
		t.Fatalf("commentary after blanking: %q", body)
	}
	if res := c.post(path+"/commentary/2031-32", url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Fatalf("commentary for a period that does not exist: %d", res.StatusCode)
	}
}
