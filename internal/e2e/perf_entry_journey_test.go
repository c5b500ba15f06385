package e2e_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// The indicators the figures journeys enter: the Youth Offending Team's
// disposals by offence group and sex, monthly (entered a month at a time), its
// offences by offence group, monthly (a year in one table), and CAFCASS's days
// to allocate a case, whose submitted return shows it read-only.
const (
	disposals     = "YJ-DISP"
	offences      = "YJ-OFF"
	cafcassLead   = "lead@cafcass.demo.test"
	cafcassReturn = "/periods/2009-10/returns/cafcass"
)

// figuresBoard is the demo board with the two journey indicators added, and
// the ids of the disposals grid's rows: offence group × sex.
type figuresBoard struct {
	*board
	rows     [][2]int64 // option ids of each row, in the grid's order
	offences []int64    // the offence groups' option ids
}

func newFiguresBoard(t *testing.T) *figuresBoard {
	t.Helper()
	ctx := context.Background()
	st := testdb.New(t)
	if _, err := demo.Load(ctx, st, demo.DefaultPassword); err != nil {
		t.Fatalf("load the demo board: %v", err)
	}
	testdb.CheapPasswords(t, st, demo.DefaultPassword)
	offence, err := st.CreateDimension(ctx, domain.CommandLine, "Offence group (journey)", []string{"Violence", "Theft", "Other"})
	if err != nil {
		t.Fatal(err)
	}
	sex, err := st.CreateDimension(ctx, domain.CommandLine, "Sex (journey)", []string{"F", "M"})
	if err != nil {
		t.Fatal(err)
	}
	dims, err := st.Dimensions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	options := map[int64][]domain.DimensionOption{}
	for _, d := range dims {
		options[d.ID] = d.Options
	}
	fb := &figuresBoard{}
	for _, o := range options[offence] {
		fb.offences = append(fb.offences, o.ID)
	}
	for _, o := range options[offence] {
		for _, s := range options[sex] {
			fb.rows = append(fb.rows, [2]int64{o.ID, s.ID})
		}
	}
	agency := func(slug string) int64 {
		a, err := st.AgencyBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	for _, f := range []store.IndicatorFields{
		{Code: disposals, Name: "Disposals by offence group and sex", Theme: "Youth justice (journey)", Unit: domain.UnitCount,
			Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
			AgencyID: agency("medway-yot"), DimensionIDs: []int64{offence, sex}},
		{Code: offences, Name: "Offences by offence group", Theme: "Youth justice (journey)", Unit: domain.UnitCount,
			Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
			AgencyID: agency("medway-yot"), DimensionIDs: []int64{offence}},
		{Code: "CF-DAYS", Name: "Days to allocate a case", Theme: "Family courts (journey)", Unit: domain.UnitDays,
			Polarity: domain.PolarityLower, Frequency: domain.FrequencyQuarterly, YTDRule: domain.YTDMean, AgencyID: agency("cafcass")},
	} {
		if _, err := st.CreateIndicator(ctx, domain.CommandLine, f); err != nil {
			t.Fatal(err)
		}
	}
	days := 18.5
	cafcassDays, err := st.IndicatorByCode(ctx, "CF-DAYS")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: cafcassDays.ID, On: domain.PeriodForYear(2009).StartsOn}, Value: &days},
	}); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	srv := httptest.NewServer(web.New(st, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
		web.Config{BoardName: demo.BoardName}).Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if t.Failed() && logs.Len() > 0 {
			t.Logf("the server's warnings and errors:\n%s", logs)
		}
	})
	fb.board = &board{URL: srv.URL}
	return fb
}

// cellSel is the input of one cell of the disposals grid: a row, and a month
// of 2009/10 counted from April (0).
func (fb *figuresBoard) cellSel(row, month int) string {
	o := fb.rows[row]
	return fmt.Sprintf("#v-%s-%d-%d-0", monthKey(month), o[0], o[1])
}

// offenceSel is the input of one cell of the offences grid: an offence group
// and a month counted from April (0).
func (fb *figuresBoard) offenceSel(group, month int) string {
	return fmt.Sprintf("#v-%s-%d-0-0", monthKey(month), fb.offences[group])
}

// monthKey is a month of 2009/10 counted from April (0), as a date.
func monthKey(month int) string {
	year, m := 2009, 4+month
	if m > 12 {
		year, m = 2010, m-12
	}
	return fmt.Sprintf("%04d-%02d-01", year, m)
}

// TestTheLeadEntersBrokenDownFigures is the figures journey, gone through three
// ways on one board: the Youth Offending Team's lead opens the "Performance
// data" task and the disposals grid, which has two breakdowns and so shows one
// month at a time as a cross-table (offence group by sex). Each way fills its
// own offence group's row of April (Tab moves along the row), one figure a
// fraction, which a count may not be; follows the error summary to that cell,
// corrects it and saves, then moves to May by its link. Then the lead types
// three mistakes far apart into the offences grid, which shows the whole year
// at 1280 pixels, and the error summary leads to each. Then CAFCASS's lead
// reads the figures of their submitted return, which they can no longer change.
func TestTheLeadEntersBrokenDownFigures(t *testing.T) {
	t.Parallel()
	fb := newFiguresBoard(t)
	br := newBrowser(t, fb.URL)
	for i, w := range []struct {
		name string
		way  way
	}{{"with the keyboard alone", withKeyboard}, {"with the mouse", withMouse}, {"without JavaScript", withoutJavaScript}} {
		t.Run(w.name, func(t *testing.T) {
			leadEntersFigures(t, fb, tabWay(t, br, "", w.way), w.way, i)
		})
	}
	t.Run("the error summary leads to every bad cell of a year's grid", func(t *testing.T) {
		leadFollowsEveryError(t, fb, br.tab(t))
	})
	t.Run("a submitted return's figures are read-only", func(t *testing.T) {
		tab := br.tab(t)
		tab.signIn(cafcassLead)
		tab.clickTo(goToReturn, "CAFCASS's submitted return", http.StatusOK)
		tab.clickTo(`[data-testid="performance-link"]`, "CAFCASS's performance data", http.StatusOK)
		tab.clickTo(`[data-testid="indicator-CF-DAYS"] a`, "the read-only grid of CF-DAYS", http.StatusOK)
		if n := tab.count(`[data-testid="grid"] input`); n != 0 {
			t.Errorf("the submitted return's grid has %d inputs", n)
		}
		if got := tab.text(`[data-testid="figure"]`); got != "18.5 days" {
			t.Errorf("April to June shows %q, want 18.5 days", got)
		}
	})
}

// leadEntersFigures fills offence group `group`'s row of April in the
// disposals grid the way w.
func leadEntersFigures(t *testing.T, fb *figuresBoard, tab *tab, w way, group int) {
	tab.signInWay(w, yotLead)
	tab.activate(w, goToReturn, "the lead's task list with performance data", http.StatusOK)
	if got := tab.text(`[data-testid="task-performance"] [data-testid="task-hint"]`); !strings.Contains(got, " figures") {
		t.Errorf("the performance data task's hint is %q", got)
	}
	tab.activate(w, `[data-testid="task-performance"] a`, "performance data: the agency's indicators", http.StatusOK)
	tab.activate(w, `[data-testid="indicator-`+disposals+`"] a`, "the disposals grid, one month at a time", http.StatusOK)
	if got := tab.text(`[data-testid="grid-date"]`); got != "April 2009" {
		t.Errorf("the disposals grid opens on %q, want April 2009, the first month missing figures", got)
	}
	if n := tab.count(`[data-testid="grid"] tbody input.govuk-input`); n != 6 {
		t.Fatalf("April's cross-table has %d inputs, want 3 offence groups × 2 sexes", n)
	}
	if n := tab.count(`[data-testid="grid-dates"] a`); n != 12 {
		t.Errorf("the grid links to %d months, want 12", n)
	}

	// F then M of the way's offence group: Tab moves along the row.
	f, m := fb.cellSel(2*group, 0), fb.cellSel(2*group+1, 0)
	tab.fill(w, f, "3")
	if w == withKeyboard {
		tab.tabTo(m, "Tab from F to M along the row")
		tab.typeText("2.5")
	} else {
		tab.fill(w, m, "2.5")
	}
	tab.activate(w, saveButton, "a fraction in a count", http.StatusUnprocessableEntity)
	if got := tab.value(f); got != "3" {
		t.Errorf("F lost what was typed: %q", got)
	}
	if got := tab.text(errorSummaryLinks); !strings.Contains(got, ", April 2009: Enter a whole number, 0 or more") {
		t.Errorf("the error summary says %q", got)
	}
	tab.followFirstError(w, strings.TrimPrefix(m, "#"))
	tab.clearFocused()
	tab.typeText("2")
	tab.activate(w, saveButton, "April's disposals saved", http.StatusOK)
	if got := tab.text(successBanner); got != "Figures saved for "+disposals+", April 2009" {
		t.Errorf("the success banner says %q", got)
	}
	for sel, want := range map[string]string{f: "3", m: "2"} {
		if got := tab.value(sel); got != want {
			t.Errorf("%s shows %q, want %q", sel, got, want)
		}
	}
	tab.activate(w, `[data-testid="grid-dates"] a[href$="on=2009-05-01"]`, "the disposals grid for May", http.StatusOK)
	if got := tab.text(`[data-testid="grid-date"]`); got != "May 2009" {
		t.Errorf("the May link shows %q", got)
	}
	if got := tab.value(fb.cellSel(2*group, 1)); got != "" {
		t.Errorf("May shows %q for a figure never entered", got)
	}
	tab.activate(w, `.govuk-back-link`, "performance data after April's disposals", http.StatusOK)
	if got, want := tab.text(`[data-testid="indicator-`+disposals+`"] [data-testid="known"]`), fmt.Sprintf("%d of 72 figures", 2*(group+1)); got != want {
		t.Errorf("the disposals row says %q, want %q", got, want)
	}
}

// leadFollowsEveryError types three mistakes into the offences grid, in April,
// September and March, and follows each of the error summary's links: each
// must put focus on its cell, in view, with no sideways scrolling at 1280.
func leadFollowsEveryError(t *testing.T, fb *figuresBoard, tab *tab) {
	tab.signIn(yotLead)
	tab.clickTo(goToReturn, "the lead's task list", http.StatusOK)
	tab.clickTo(`[data-testid="task-performance"] a`, "performance data", http.StatusOK)
	tab.clickTo(`[data-testid="indicator-`+offences+`"] a`, "the offences grid, the whole year", http.StatusOK)
	if n := tab.count(`[data-testid="grid"] tbody input.govuk-input`); n != 36 {
		t.Fatalf("the offences grid has %d inputs, want 3 offence groups × 12 months", n)
	}
	if !tab.inView(fb.offenceSel(2, 11)) {
		t.Errorf("March of the last row is not in view at 1280 pixels: the grid scrolls sideways")
	}
	bad := []struct {
		group, month int
		text         string
	}{{0, 0, "x"}, {1, 5, "-1"}, {2, 11, "2.5"}}
	for _, b := range bad {
		tab.typeInto(fb.offenceSel(b.group, b.month), b.text)
	}
	tab.clickTo(saveButton, "three mistakes in the offences grid", http.StatusUnprocessableEntity)
	if n := tab.count(errorSummaryLinks); n != len(bad) {
		t.Fatalf("the error summary has %d links, want %d", n, len(bad))
	}
	for i, b := range bad {
		sel := fb.offenceSel(b.group, b.month)
		tab.do("scroll back to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
		tab.do("follow the error summary's link to "+sel,
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`.govuk-error-summary__list li:nth-child(%d) a`, i+1))))
		tab.expectFocus(sel, "after following the error summary's link")
		if !tab.inView(sel) {
			t.Errorf("the cell %s has focus but is not in view", sel)
		}
	}
	tab.step("the error summary's links followed to each bad cell")
}
