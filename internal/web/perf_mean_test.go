package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// A mean indicator broken down by officer (April: A 2, B 4, C 3 days; May:
// A 3, B 5, C not known) is averaged across the officers too: April is 3
// days, not 9; the year's average and the breakdown's "All" are the mean of
// the five figures, 3.4 days; and a mean has no share column.
func TestPerformanceSectionAveragesAMeanIndicatorAcrossOfficers(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	st := b.st
	worker, err := st.CreateDimension(ctx, domain.CommandLine, "Social worker", []string{"A", "B", "C"})
	perfMust(t, err)
	dim, err := st.DimensionByID(ctx, worker)
	perfMust(t, err)
	opt := map[string]int64{}
	for _, o := range dim.Options {
		opt[o.Label] = o.ID
	}
	id, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "POL-VISIT",
		Name: "Days from referral to joint visit, per officer", Theme: "Police", Unit: domain.UnitDays, Polarity: domain.PolarityLower,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDMean, AgencyID: b.agencyID, DimensionIDs: []int64{worker}})
	perfMust(t, err)
	april, may := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 5, 1, 0, 0, 0, 0, time.UTC)
	var figs []domain.CellValue
	for _, c := range []struct {
		on     time.Time
		worker string
		days   float64
	}{{april, "A", 2}, {april, "B", 4}, {april, "C", 3}, {may, "A", 3}, {may, "B", 5}} {
		figs = append(figs, domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: c.on, Options: [3]int64{opt[c.worker]}}, Value: perfPtr(c.days)})
	}
	_, err = st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, figs)
	perfMust(t, err)

	res := b.as(domain.RoleChair).get("/periods/2009-10/report/performance")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	d := doc(t, res)
	days := func(v string) string { return domain.FormatValue(domain.UnitDays, mustFloat(t, v)) }

	figures := d.Find(`[data-testid="figures-POL-VISIT"]`)
	row := rowNamed(t, figures, "2009/10")
	if row[1] != days("3") || row[2] != days("4") || row[3] != "–not known" {
		t.Errorf("April, May, June %v, want %s, %s and not known", row[1:4], days("3"), days("4"))
	}
	head := cells(figures.Find("thead tr"))
	if n := len(row); head[n-3] != "Average" || row[n-3] != days("3.4") {
		t.Errorf("%s %s, want Average %s", head[n-3], row[n-3], days("3.4"))
	}

	byDate := d.Find(`[data-testid="by-date-POL-VISIT-2009"]`)
	if byDate.Length() != 1 {
		t.Fatal("no table by officer and month")
	}
	head = cells(byDate.Find("thead tr"))
	if last := head[len(head)-1]; last != "Average" || strings.Contains(strings.Join(head, "|"), "Share") {
		t.Errorf("by-month header %v: want it to end with Average and have no Share", head)
	}
	for _, tc := range []struct {
		row          string
		april, may   string
		period       string
		isTotalOfAll bool
	}{
		{"A", "2", "3", "2.5", false},
		{"B", "4", "5", "4.5", false},
		{"C", "3", "", "3", false},
		{"All", "3", "4", "3.4", true},
	} {
		got := rowNamed(t, byDate, tc.row)
		may := "–not known"
		if tc.may != "" {
			may = days(tc.may)
		}
		if got[1] != days(tc.april) || got[2] != may || got[len(got)-1] != days(tc.period) {
			t.Errorf("%s: April %s, May %s, average %s; want %s, %s, %s", tc.row, got[1], got[2], got[len(got)-1], days(tc.april), may, days(tc.period))
		}
	}
	byDate.Find("tbody th").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Text()) == "Total" {
			t.Error("a mean's by-month table has a Total row")
		}
	})

	years := d.Find(`[data-testid="years-POL-VISIT"]`)
	if years.Length() != 0 {
		if row := rowNamed(t, years, "2009/10"); row[1] != days("3") || row[len(row)-1] != days("3.4") {
			t.Errorf("years by months %v", row)
		}
	}
}

// The indicator form offers "Show shares as a percentage of" another
// indicator counted as often, its own total by default, and says what is
// wrong with one counted otherwise; the section's share column is then of
// that indicator's total.
func TestAnIndicatorsSharesCanBeOfAnotherIndicator(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	dimID, err := b.st.CreateDimension(ctx, domain.CommandLine, "Cause", []string{"Alcohol misuse", "Drug misuse"})
	perfMust(t, err)
	conf := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "CONF", "ytd_rule": "sum"}))
	yearly := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "YEARLY", "ytd_rule": "sum", "frequency": "yearly"}))

	form := b.as(domain.RoleManager).get("/admin/indicators/new")
	d := doc(t, form)
	sel := d.Find(`select[name="share_base"]`)
	if sel.Length() != 1 || strings.TrimSpace(sel.Find("option").First().Text()) != "Its own total" {
		t.Fatalf("no select of what shares are of, with its own total first: %q", sel.Text())
	}
	if label := d.Find(`label[for="share_base"], legend`).Text(); !strings.Contains(label, "Show shares as a percentage of") {
		t.Errorf("the select is not labelled: %q", label)
	}

	cause := withValues(cpForm(b, dimID), map[string]string{"code": "CAUSE", "ytd_rule": "sum", "suppress_small": "", "share_base": itoa(yearly.ID)})
	wantFormError(t, c.post("/admin/indicators", cause), "share_base", "Shares can only be of an indicator counted as often: YEARLY is counted yearly")
	cause.Set("share_base", itoa(conf.ID))
	ind := addIndicator(t, b, c, cause)
	if ind.ShareBaseID == nil || *ind.ShareBaseID != conf.ID {
		t.Fatalf("CAUSE's share base %v, want CONF", ind.ShareBaseID)
	}
	page := doc(t, c.get("/admin/indicators/"+itoa(ind.ID)))
	if !strings.Contains(page.Find(".govuk-summary-list").Text(), "A percentage of CONF") {
		t.Error("the indicator's page does not say what its shares are of")
	}
	// Its own shares cannot be of itself, and CONF's frequency stays while CAUSE's shares are of it.
	wantFormError(t, c.post("/admin/indicators/"+itoa(ind.ID), withValues(cause, map[string]string{"share_base": itoa(ind.ID)})),
		"share_base", "Select the indicator the shares are a percentage of")
	wantFormError(t, c.post("/admin/indicators/"+itoa(conf.ID), withValues(cpForm(b, 0), map[string]string{"code": "CONF", "ytd_rule": "sum", "frequency": "quarterly"})),
		"frequency", "The frequency must stay monthly: the shares of CAUSE are a percentage of CONF")

	// 8 conferences; causes recorded 6 and 4 times: 75% and 50% of the conferences.
	dim, err := b.st.DimensionByID(ctx, dimID)
	perfMust(t, err)
	april := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC)
	_, err = b.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: conf.ID, On: april}, Value: perfPtr(8.0)},
		{Cell: domain.Cell{IndicatorID: ind.ID, On: april, Options: [3]int64{dim.Options[0].ID}}, Value: perfPtr(6.0)},
		{Cell: domain.Cell{IndicatorID: ind.ID, On: april, Options: [3]int64{dim.Options[1].ID}}, Value: perfPtr(4.0)},
	})
	perfMust(t, err)
	section := doc(t, b.as(domain.RoleChair).get("/periods/2009-10/report/performance"))
	table := section.Find(`[data-testid="by-date-CAUSE-2009"]`)
	head := cells(table.Find("thead tr"))
	if last := head[len(head)-1]; last != "Share of CONF" {
		t.Errorf("share column %q, want Share of CONF", last)
	}
	for name, want := range map[string]string{"Alcohol misuse": "75%", "Drug misuse": "50%"} {
		if row := rowNamed(t, table, name); row[len(row)-1] != want {
			t.Errorf("%s: share %s, want %s of the 8 conferences", name, row[len(row)-1], want)
		}
	}
	// The causes overlap (10 causes at 8 conferences): their total has no share of CONF.
	if row := rowNamed(t, table, "Total"); row[len(row)-1] != "" {
		t.Errorf("the total's share of CONF is %q, want it left blank", row[len(row)-1])
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
