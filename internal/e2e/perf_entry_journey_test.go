package e2e_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// The indicators the figures journeys enter: the Youth Offending Team's
// disposals by offence group and sex, monthly, and CAFCASS's days to allocate
// a case, whose submitted return shows it read-only.
const (
	disposals     = "YJ-DISP"
	cafcassLead   = "lead@cafcass.demo.test"
	cafcassReturn = "/periods/2009-10/returns/cafcass"
)

// figuresBoard is the demo board with the two journey indicators added, and
// the ids of the disposals grid's rows: offence group × sex.
type figuresBoard struct {
	*board
	rows [][2]int64 // option ids of each row, in the grid's order
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
	year, m := 2009, 4+month
	if m > 12 {
		year, m = 2010, m-12
	}
	o := fb.rows[row]
	return fmt.Sprintf("#v-%04d-%02d-01-%d-%d-0", year, m, o[0], o[1])
}

// TestTheLeadEntersBrokenDownFigures is the figures journey, gone through three
// ways on one board: the Youth Offending Team's lead opens the "Performance
// data" task, types figures into a row of the disposals grid (one of them a
// fraction, which a count may not be), follows the error summary to that cell,
// corrects it and saves. Each way fills its own row. Then CAFCASS's lead reads
// the figures of their submitted return, which they can no longer change.
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

// leadEntersFigures fills row `row` of the disposals grid the way w.
func leadEntersFigures(t *testing.T, fb *figuresBoard, tab *tab, w way, row int) {
	tab.signInWay(w, yotLead)
	tab.activate(w, goToReturn, "the lead's task list with performance data", http.StatusOK)
	if got := tab.text(`[data-testid="task-performance"] [data-testid="task-hint"]`); !strings.Contains(got, " figures") {
		t.Errorf("the performance data task's hint is %q", got)
	}
	tab.activate(w, `[data-testid="task-performance"] a`, "performance data: the agency's indicators", http.StatusOK)
	tab.activate(w, `[data-testid="indicator-`+disposals+`"] a`, "the disposals grid", http.StatusOK)
	if n := tab.count(`[data-testid="grid"] tbody input.govuk-input`); n != 72 {
		t.Fatalf("the grid has %d inputs, want 6 rows × 12 months", n)
	}

	// April, May and June of the way's row, in reading order: Tab moves along the row.
	tab.fill(w, fb.cellSel(row, 0), "3")
	if w == withKeyboard {
		tab.tabTo(fb.cellSel(row, 1), "Tab from April to May")
		tab.typeText("0")
		tab.tabTo(fb.cellSel(row, 2), "Tab from May to June")
		tab.typeText("2.5")
	} else {
		tab.fill(w, fb.cellSel(row, 1), "0")
		tab.fill(w, fb.cellSel(row, 2), "2.5")
	}
	tab.activate(w, saveButton, "a fraction in a count", http.StatusUnprocessableEntity)
	if got := tab.value(fb.cellSel(row, 0)); got != "3" {
		t.Errorf("April lost what was typed: %q", got)
	}
	if got := tab.text(errorSummaryLinks); !strings.Contains(got, ", June 2009: Enter a whole number, 0 or more") {
		t.Errorf("the error summary says %q", got)
	}
	tab.followFirstError(w, strings.TrimPrefix(fb.cellSel(row, 2), "#"))
	tab.clearFocused()
	tab.typeText("2")
	tab.activate(w, saveButton, "performance data after saving the disposals", http.StatusOK)
	if got := tab.text(successBanner); got != "Figures saved for "+disposals {
		t.Errorf("the success banner says %q", got)
	}
	if got, want := tab.text(`[data-testid="indicator-`+disposals+`"] [data-testid="known"]`), fmt.Sprintf("%d of 72 figures", 3*(row+1)); got != want {
		t.Errorf("the disposals row says %q, want %q", got, want)
	}
	tab.activate(w, `[data-testid="indicator-`+disposals+`"] a`, "the disposals grid with the saved figures", http.StatusOK)
	for month, want := range []string{"3", "0", "2", ""} {
		if got := tab.value(fb.cellSel(row, month)); got != want {
			t.Errorf("month %d of row %d shows %q, want %q", month, row, got, want)
		}
	}
}
