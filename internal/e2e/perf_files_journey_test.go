package e2e_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// The Youth Offending Team's indicator the file journeys import figures for:
// first-time entrants to the youth justice system, by outcome.
const (
	filesIndicator = "YOTFTE"
	filesCSV       = "indicator,agency,period,month,Journey outcome,value\n" +
		"YOTFTE,medway-yot,2009/10,2009-04,Reprimand,7\n" +
		"YOTFTE,medway-yot,2009/10,2009-04,Final warning,3\n" +
		"YOTFTE,medway-yot,2009/10,2009-05,Reprimand,0\n"
)

// newFilesBoard is the demo board with an indicator of the Youth Offending
// Team's broken down by a list of options, and the CSV the lead uploads.
func newFilesBoard(t *testing.T) (b *board, st *store.Store, csvPath, badPath string) {
	t.Helper()
	ctx := context.Background()
	st = testdb.New(t)
	if _, err := demo.Load(ctx, st, demo.DefaultPassword); err != nil {
		t.Fatalf("load the demo board: %v", err)
	}
	testdb.CheapPasswords(t, st, demo.DefaultPassword)
	yot, err := st.AgencyBySlug(ctx, "medway-yot")
	if err != nil {
		t.Fatal(err)
	}
	outcome, err := st.CreateDimension(ctx, domain.CommandLine, "Journey outcome", []string{"Reprimand", "Final warning", "Conviction"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
		Code: filesIndicator, Name: "First-time entrants to the youth justice system", Theme: "Youth justice",
		Unit: domain.UnitCount, Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
		AgencyID: yot.ID, DimensionIDs: []int64{outcome}, Position: 900,
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
	csvPath = filepath.Join(t.TempDir(), "first-time-entrants.csv")
	if err := os.WriteFile(csvPath, []byte(filesCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	badPath = filepath.Join(t.TempDir(), "with-a-mistake.csv")
	if err := os.WriteFile(badPath, []byte(strings.Replace(filesCSV, ",3\n", ",3.5\n", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	return &board{URL: srv.URL}, st, csvPath, badPath
}

// managerSaves saves YOTFTE's April figure for reprimands as the demo's
// manager, as the entry grid would, behind the journey's back.
func managerSaves(t *testing.T, st *store.Store, v float64) {
	t.Helper()
	ctx := context.Background()
	manager, err := st.UserByEmail(ctx, "manager@demo.test")
	if err != nil {
		t.Fatal(err)
	}
	ind, err := st.IndicatorByCode(ctx, filesIndicator)
	if err != nil {
		t.Fatal(err)
	}
	reprimand := ind.Dimensions[0].Option("Reprimand")
	_, err = st.SaveValues(ctx, domain.UserActor(manager), store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: ind.ID, On: time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), Options: [3]int64{reprimand.ID}}, Value: &v}})
	if err != nil {
		t.Fatal(err)
	}
}

// chooseAndCheck chooses a file in the upload form and presses "Check the
// file": with the keyboard, Tab to the file field (unless focus is there
// already), choose, then Tab to the button and Space. Choosing is the
// browser's own dialog, which the test cannot drive, so it hands the field the file.
func (tb *tab) chooseAndCheck(w way, path, name string, status int) {
	tb.t.Helper()
	if w == withKeyboard && !tb.focusMatches("#file") {
		tb.tabUntil("#file", "the file field", maxTabs)
	}
	tb.do("choose "+filepath.Base(path), chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}))
	if w == withKeyboard {
		tb.tabTo(`[data-testid="check-file"]`, "Tab from the file field to Check the file")
		tb.pressTo(keySpace, name, status)
		return
	}
	tb.clickTo(`[data-testid="check-file"]`, name, status)
}

func TestTheLeadImportsFiguresFromACSVWithAMouse(t *testing.T) {
	t.Parallel()
	leadImportsFigures(t, withMouse)
}

func TestTheLeadImportsFiguresFromACSVWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	leadImportsFigures(t, withKeyboard)
}

func TestTheLeadImportsFiguresFromACSVWithoutJavaScript(t *testing.T) {
	t.Parallel()
	leadImportsFigures(t, withoutJavaScript)
}

// leadImportsFigures is the Youth Offending Team's lead reaching the import
// from their return's performance data, asking to check no file at all and
// following the error to the file field, uploading a CSV with a mistake and
// reading the problem, then uploading the corrected CSV and reading its
// preview. The manager saves one of its figures meanwhile, so applying it is
// refused, naming that figure; the lead uploads it again and applies it.
// Then, from the performance data, the lead finds the import among the files
// imported and undoes it.
func leadImportsFigures(t *testing.T, w way) {
	b, st, csvPath, badPath := newFilesBoard(t)
	br := newBrowser(t, b.URL)
	lead := tabWay(t, br, "", w)
	lead.signInWay(w, yotLead)
	lead.activate(w, goToReturn, "the lead's return", http.StatusOK)
	lead.activate(w, `[data-testid="task-performance"] a`, "performance data", http.StatusOK)
	lead.activate(w, `a[data-testid="import-figures"]`, "import and export figures", http.StatusOK)
	if got := lead.attr(`a[data-testid="export-csv"]`, "href"); got != "/periods/2009-10/figures/export?agency=medway-yot&format=csv" {
		t.Errorf("the CSV download goes to %s", got)
	}

	lead.activate(w, `[data-testid="check-file"]`, "checking without choosing a file", http.StatusUnprocessableEntity)
	if got := lead.text("#file-error"); !strings.Contains(got, "Select a CSV file or an Excel workbook (.xlsx) to upload") {
		t.Errorf("the message beside the file field says %q", got)
	}
	lead.followFirstError(w, "file")
	lead.chooseAndCheck(w, badPath, "the preview of a file with a bad figure", http.StatusUnprocessableEntity)
	if got := lead.text(`[data-testid="problem"]`); !strings.Contains(got, "Row 3, column value") || !strings.Contains(got, "Enter a whole number, 0 or more") {
		t.Errorf("the problem listed is %q", got)
	}
	if lead.count(`[data-testid="apply"]`) != 0 {
		t.Error("a file with a problem may be applied")
	}
	lead.activate(w, `[data-testid="upload-again"]`, "import and export figures, to upload a corrected file", http.StatusOK)
	lead.chooseAndCheck(w, csvPath, "the preview of the CSV", http.StatusOK)
	if !strings.HasPrefix(lead.path(), "/periods/2009-10/figures/import/") {
		t.Fatalf("the upload led to %s, not its preview", lead.path())
	}
	if got := lead.text(`[data-testid="count-new"]`); got != "3" {
		t.Errorf("the preview counts %s new figures, want 3", got)
	}
	if row := lead.text(`[data-testid="new-figures"] tbody tr`); !strings.Contains(row, filesIndicator) || !strings.Contains(row, "Row 2, column value") {
		t.Errorf("the first new figure's row says %q", row)
	}
	managerSaves(t, st, 5)
	lead.activate(w, `[data-testid="apply"]`, "figures saved since the file was checked", http.StatusConflict)
	if got := lead.text(`[data-testid="changed-figure"]`); !strings.Contains(got, filesIndicator) || !strings.Contains(got, "Reprimand") || !strings.Contains(got, "Board manager") {
		t.Errorf("the figure saved since reads %q", got)
	}
	lead.activate(w, `[data-testid="upload-again"]`, "import and export figures, to upload the file again", http.StatusOK)
	lead.chooseAndCheck(w, csvPath, "the preview of the CSV checked again", http.StatusOK)
	if got := lead.text(`[data-testid="count-changed"]`); got != "1" {
		t.Errorf("the preview counts %s changed figures, want 1 (the manager's 5)", got)
	}
	lead.activate(w, `[data-testid="apply"]`, "figures applied", http.StatusOK)
	if got := lead.text(`[data-testid="flash"] .govuk-notification-banner__heading`); got != "3 figures changed from first-time-entrants.csv" {
		t.Errorf("the banner says %q", got)
	}
	lead.activateAbove(w, `.govuk-back-link`, "performance data after the import", http.StatusOK)
	if got := lead.text(`[data-testid="indicator-` + filesIndicator + `"] [data-testid="known"]`); !strings.Contains(got, "3") {
		t.Errorf("the performance data shows %q known for %s after the import", got, filesIndicator)
	}

	lead.activate(w, `a[data-testid="figure-imports"]`, "imports of figures", http.StatusOK)
	if got := lead.text(`[data-testid="import"] th`); got != "first-time-entrants.csv" {
		t.Errorf("the import listed is %q", got)
	}
	lead.activate(w, `[data-testid="undo"]`, "import undone", http.StatusOK)
	if got := lead.text(`[data-testid="flash"] .govuk-notification-banner__heading`); got != "Import undone: 3 figures from first-time-entrants.csv are back as they were before" {
		t.Errorf("the banner says %q", got)
	}
	if got := lead.text(`[data-testid="import-status"]`); !strings.Contains(got, "Undone by") || lead.count(`[data-testid="undo"]`) != 0 {
		t.Errorf("the import's status after undoing: %q", got)
	}
}
