package web_test

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// okBody reads a response whole, failing the test unless it is 200 OK.
func okBody(t *testing.T, res *http.Response) []byte {
	t.Helper()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", res.Request.URL.Path, res.StatusCode)
	}
	return body(t, res)
}

// workbookCells are every cell of every sheet of a workbook, as text.
func workbookCells(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	for _, row := range workbookRows(t, data) {
		out = append(out, row...)
	}
	return out
}

// workbookRows are every row of every sheet of a workbook, as text.
func workbookRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var out [][]string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rows...)
	}
	return out
}

// Causes for concern overlap (one conference records several), so their
// figures are never added up: April's 106 alcohol and 207 drugs make no 313,
// May's 108 and 209 no 317, the year no 630, and no row or column is headed
// Total, in the indicator's page, the dashboard, section 4, the data
// appendix, or the figures' CSV and XLSX. Each cause's share stays of the
// conferences held (CONF). Crossed with an exclusive age band, the causes
// keep each age band's sum (sub-totals over the age bands), never one over
// the causes.
func TestOverlappingOptionsGetNoTotalInAnyPageOrFile(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	st := b.st
	causeID, err := st.AddDimension(ctx, domain.CommandLine, store.NewDimension{Name: "Cause", Options: []string{"Alcohol misuse", "Drug misuse"}, Overlapping: true})
	perfMust(t, err)
	ageID, err := st.CreateDimension(ctx, domain.CommandLine, "Age", []string{"Under 10", "10 and over"})
	perfMust(t, err)
	cause, err := st.DimensionByID(ctx, causeID)
	perfMust(t, err)
	age, err := st.DimensionByID(ctx, ageID)
	perfMust(t, err)
	fields := func(code string, dims ...int64) store.IndicatorFields {
		return store.IndicatorFields{Code: code, Name: code + " at conferences", Theme: "Conferences", Unit: domain.UnitCount,
			Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, AgencyID: b.agencyID, DimensionIDs: dims}
	}
	conf, err := st.CreateIndicator(ctx, domain.CommandLine, fields("CONF"))
	perfMust(t, err)
	f := fields("CAUSE", causeID)
	f.ShareBaseID = &conf
	one, err := st.CreateIndicator(ctx, domain.CommandLine, f)
	perfMust(t, err)
	two, err := st.CreateIndicator(ctx, domain.CommandLine, fields("CAUSE-AGE", causeID, ageID))
	perfMust(t, err)
	april, may := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 5, 1, 0, 0, 0, 0, time.UTC)
	alcohol, drugs := cause.Options[0].ID, cause.Options[1].ID
	young, old := age.Options[0].ID, age.Options[1].ID
	cell := func(id int64, on time.Time, v float64, options ...int64) domain.CellValue {
		c := domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: on}, Value: perfPtr(v)}
		copy(c.Options[:], options)
		return c
	}
	_, err = st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		cell(conf, april, 400), cell(conf, may, 400),
		cell(one, april, 106, alcohol), cell(one, april, 207, drugs),
		cell(one, may, 108, alcohol), cell(one, may, 209, drugs),
		// CAUSE-AGE: alcohol 50 + 56 = 106 by age band; drugs 100 + 107 = 207.
		cell(two, april, 50, alcohol, young), cell(two, april, 56, alcohol, old),
		cell(two, april, 100, drugs, young), cell(two, april, 107, drugs, old),
	})
	perfMust(t, err)
	sums := []string{"313", "317", "630", "150", "163"} // over the causes: April, May, the year; under 10, 10 and over

	noSum := func(where, text string) {
		t.Helper()
		for _, word := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == ',' || r == '"' }) {
			for _, s := range sums {
				if word == s {
					t.Errorf("%s shows %s, a sum over overlapping causes", where, s)
				}
			}
		}
	}
	manager := b.as(domain.RoleManager)
	for _, path := range []string{"/periods/2009-10/indicators/CAUSE", "/periods/2009-10/indicators/CAUSE-AGE"} {
		d := doc(t, manager.get(path))
		main := d.Find("main")
		main.Find("svg").Remove() // the axes' ticks (0, 50, 100, 150) are no figures; each chart's table follows it
		noSum(path, main.Text())
		if main.Find(`[data-testid="no-total"]`).Length() != 1 {
			t.Errorf("%s does not say its options overlap, so there is no total", path)
		}
		if main.Find(`[data-testid="months"], [data-testid="like-for-like"]`).Length() != 0 {
			t.Errorf("%s shows a total by month or a comparison with last year", path)
		}
		main.Find("th").Each(func(_ int, th *goquery.Selection) {
			if strings.TrimSpace(th.Text()) == "Total" {
				t.Errorf("%s has a Total heading", path)
			}
		})
	}
	dash := doc(t, manager.get("/periods/2009-10/dashboard")).Find("main")
	noSum("the dashboard", dash.Text())
	if got := strings.TrimSpace(dash.Find(`[data-testid="card"][data-code="CAUSE"] [data-testid="ytd"]`).Text()); got != domain.NoTotal {
		t.Errorf("CAUSE's card: year to date %q, want %q", got, domain.NoTotal)
	}

	section := doc(t, b.as(domain.RoleChair).get("/periods/2009-10/report/performance")).Find("main")
	for _, code := range []string{"CAUSE", "CAUSE-AGE"} {
		ind := section.Find(`[data-testid="by-date-` + code + `-2009"]`)
		if ind.Length() != 1 {
			t.Fatalf("section 4 has no table of %s by month", code)
		}
		ind.Find("th").Each(func(_ int, th *goquery.Selection) {
			// (CAUSE-AGE's "Alcohol misuse total" is over the age bands: it stays)
			if h := strings.TrimSpace(th.Text()); (h == "Total" || h == "Grand total") && th.AttrOr("scope", "") == "row" {
				t.Errorf("section 4's table of %s has a total row %q", code, h)
			}
		})
	}
	noSum("section 4", section.Text())
	if row := rowNamed(t, section.Find(`[data-testid="by-date-CAUSE-2009"]`), "Alcohol misuse"); row[len(row)-1] != "26.8%" {
		t.Errorf("alcohol's share %q, want 26.8%% of the 800 conferences", row[len(row)-1])
	}
	// CAUSE-AGE crossed: each age band by cause, no total over the causes.
	cross := section.Find(`[data-testid="breakdown-CAUSE-AGE-2009"]`)
	if cross.Length() != 1 {
		t.Fatal("section 4 has no cross-table of CAUSE-AGE")
	}
	if row := rowNamed(t, cross, "Drug misuse"); strings.Join(row, "|") != "Drug misuse|100|107|207" {
		t.Errorf("drugs by age band %v, want 100, 107 and their total 207", row)
	}

	period, err := st.PeriodBySlug(ctx, "2009-10")
	perfMust(t, err)
	appendix, err := b.srv.DataAppendix(ctx, *period)
	perfMust(t, err)
	noSum("the data appendix", strings.Join(workbookCells(t, appendix), " "))
	for _, row := range workbookRows(t, appendix) {
		if len(row) > 0 && (row[0] == "Total" || row[0] == "Grand total") {
			t.Errorf("the data appendix has a total row: %v", row)
		}
		for _, c := range row {
			if c == "Grand total" {
				t.Errorf("the data appendix has a grand total column: %v", row)
			}
		}
	}
	csv := string(okBody(t, manager.get("/periods/2009-10/figures/export?format=csv")))
	noSum("the CSV", csv)
	if strings.Contains(strings.ToLower(csv), "total") {
		t.Error("the CSV has a total")
	}
	xlsx := workbookCells(t, okBody(t, manager.get("/periods/2009-10/figures/export?format=xlsx")))
	noSum("the XLSX", strings.Join(xlsx, " "))
	for _, c := range xlsx {
		if strings.EqualFold(c, "Total") {
			t.Error("the XLSX has a total")
		}
	}
}

// A mean indicator of days by staff member at two decimal places (the test
// above it: 530 days over 24 figures) carries the mean unrounded in the data
// appendix, 22.0833…, not 22.08 nor a sum; the figures' CSV holds each
// figure as entered and no sum.
func TestAMeanIndicatorsFilesCarryTheExactMeanAndNeverASum(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	st := b.st
	seedDaysByStaff(t, b)

	period, err := st.PeriodBySlug(ctx, "2009-10")
	perfMust(t, err)
	appendix, err := b.srv.DataAppendix(ctx, *period)
	perfMust(t, err)
	cells := workbookCells(t, appendix)
	exact := false
	for _, c := range cells {
		if v, err := strconv.ParseFloat(c, 64); err == nil && v > 22.0833 && v < 22.0834 {
			exact = true
		}
		switch c {
		case "530", "Total", "Grand total", "22.08":
			t.Errorf("the data appendix holds %q: a sum, or the mean rounded", c)
		}
	}
	if !exact {
		t.Errorf("the data appendix does not hold the mean 22.0833… unrounded: %v", cells)
	}
	csv := string(okBody(t, b.as(domain.RoleManager).get("/periods/2009-10/figures/export?format=csv")))
	if strings.Contains(csv, "530") || strings.Contains(strings.ToLower(csv), "total") || strings.Count(csv, "DAYS") != 24 {
		t.Errorf("the CSV sums the mean indicator, or lacks its 24 figures:\n%s", csv)
	}
}
