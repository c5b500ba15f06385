package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/web"
)

const figuresImportsPage = "/periods/2009-10/figures/imports"

// missingCSV changes MISS's April figure for girls from 4 to 5 and gives boys' (blank) as 0.
const missingCSV = "indicator,agency,period,month,gender,value\n" +
	"MISS,kent-police,2009/10,2009-04,F,5\n" +
	"MISS,kent-police,2009/10,2009-04,M,0\n"

// saveAs saves one of MISS's April figures as a user, as the entry grid does.
func (b *figuresBoard) saveAs(t *testing.T, role domain.Role, option int64, v float64) {
	t.Helper()
	_, err := b.st.SaveValues(context.Background(), domain.UserActor(b.users[role]), store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: b.missing, On: figuresApril, Options: [3]int64{option}}, Value: &v}})
	figuresMust(t, err)
}

func TestApplyingAFileIsRefusedNamingTheFiguresSavedSinceItWasChecked(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	preview, res := lead.uploadFigures("missing.csv", []byte(missingCSV))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: status %d", res.StatusCode)
	}
	// The manager saves 6 for girls in April after the file was checked.
	before := time.Now()
	b.saveAs(t, domain.RoleManager, b.female, 6)
	res = lead.post(preview+"/apply", nil)
	d := doc(t, res)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("applying a file checked before a colleague's save: status %d, want 409", res.StatusCode)
	}
	if link := d.Find(`[data-testid="error-summary"] a[href="#changed-since"]`).Text(); !strings.Contains(link, "1 figure has been saved since you checked missing.csv: nothing has been saved") {
		t.Errorf("the error summary says %q", link)
	}
	rows := d.Find(`[data-testid="changed-figure"]`)
	cell := func(i int) string { return strings.TrimSpace(rows.Find("td").Eq(i).Text()) }
	if rows.Length() != 1 || rows.Find("th").Text() != "MISS" || cell(0) != "2009-04" || cell(1) != "F" ||
		cell(2) != "Test Board manager" || !strings.HasPrefix(cell(3), before.In(domain.London()).Format("2 January 2006 at")) {
		t.Fatalf("the figures saved since: %q", rows.Text())
	}
	if d.Find(`[data-testid="apply"]`).Length() != 0 {
		t.Error("the refused file may still be applied")
	}
	if got := b.figures(t); got != "MISS 2009-04 F=6" {
		t.Fatalf("a refused file changed figures: %s", got)
	}
	// Uploaded again, it is checked against the figures saved now, and applies.
	preview, _ = lead.uploadFigures("missing.csv", []byte(missingCSV))
	if flash := lead.followFlash(lead.post(preview+"/apply", nil)); flash != "2 figures changed from missing.csv" {
		t.Fatalf("flash %q", flash)
	}
}

func TestTheImportsPageListsWhatWasAppliedAndUndoesIt(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	// The page is reached from the import page and from the performance data task.
	if href, _ := doc(t, lead.get(figuresImportPage)).Find(`a[data-testid="imports-link"]`).Attr("href"); href != figuresImportsPage {
		t.Errorf("the import page links to %q", href)
	}
	if href, _ := doc(t, lead.get("/periods/2009-10/returns/kent-police/performance")).Find(`a[data-testid="figure-imports"]`).Attr("href"); href != figuresImportsPage {
		t.Errorf("the performance data task links to %q", href)
	}
	if n := doc(t, lead.get(figuresImportsPage)).Find(`[data-testid="no-imports"]`).Length(); n != 1 {
		t.Error("the page does not say nothing has been imported yet")
	}
	preview, _ := lead.uploadFigures("missing.csv", []byte(missingCSV))
	lead.followFlash(lead.post(preview+"/apply", nil))

	d := doc(t, lead.get(figuresImportsPage))
	row := d.Find(`[data-testid="import"]`)
	if row.Length() != 1 || !strings.Contains(row.Text(), "missing.csv") || !strings.Contains(row.Text(), "Test Agency lead") ||
		strings.TrimSpace(row.Find(`[data-testid="import-figures"]`).Text()) != "2" || row.Find(`[data-testid="undo"]`).Length() != 1 {
		t.Fatalf("the lead's list: %q", row.Text())
	}
	undo, _ := row.Find("form").Attr("action")
	// The manager sees every agency's imports, with whose figures; the chair and members do not see the page.
	if text := doc(t, b.as(domain.RoleManager).get(figuresImportsPage)).Find(`[data-testid="import"]`).Text(); !strings.Contains(text, "missing.csv") || !strings.Contains(text, "Kent Police") {
		t.Errorf("the manager's list: %q", text)
	}
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleMember} {
		if res := b.as(role).get(figuresImportsPage); res.StatusCode != http.StatusForbidden {
			t.Errorf("the %s gets status %d, want 403", role, res.StatusCode)
		}
	}

	if flash := lead.followFlash(lead.post(undo, nil)); flash != "Import undone: 2 figures from missing.csv are back as they were before" {
		t.Fatalf("flash %q", flash)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4" {
		t.Fatalf("after undoing: %s, want girls' 4 back and boys' blank again", got)
	}
	status := doc(t, lead.get(figuresImportsPage)).Find(`[data-testid="import-status"]`).Text()
	if !strings.Contains(status, "Undone by Test Agency lead") {
		t.Errorf("the import's status: %q", status)
	}
	if res := lead.post(undo, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("undoing twice: status %d, want 409", res.StatusCode)
	}
	events, err := b.st.AuditEvents(context.Background(), "value_imports", 5)
	figuresMust(t, err)
	if len(events) != 2 || events[0].Action != "values.import.undo" || events[0].ActorLabel != b.users[domain.RoleLead].Email {
		t.Fatalf("audit: %+v", events)
	}
}

func TestOnlyWhoeverAppliedAnImportOrTheManagerMayUndoIt(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	manager, lead := b.as(domain.RoleManager), b.as(domain.RoleLead)
	preview, _ := manager.uploadFigures("by-the-manager.csv", []byte(missingCSV))
	manager.followFlash(manager.post(preview+"/apply", nil))
	// The lead sees the manager's import of their agency's figures, but may not undo it.
	row := doc(t, lead.get(figuresImportsPage)).Find(`[data-testid="import"]`)
	if row.Find(`[data-testid="undo"]`).Length() != 0 || !strings.Contains(row.Text(), "Only Test Board manager, who applied it, or the board manager can undo it") {
		t.Fatalf("the lead's view of the manager's import: %q", row.Text())
	}
	undo, _ := doc(t, manager.get(figuresImportsPage)).Find(`[data-testid="import"] form`).Attr("action")
	if res := lead.post(undo, nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("the lead undoing the manager's import: status %d, want 403", res.StatusCode)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=5, MISS 2009-04 M=0" {
		t.Fatalf("figures: %s", got)
	}
	// A lead's import is undone by the manager.
	b.saveAs(t, domain.RoleManager, b.female, 4)
	preview, _ = lead.uploadFigures("by-the-lead.csv", []byte(strings.Replace(missingCSV, "F,5", "F,9", 1)))
	lead.followFlash(lead.post(preview+"/apply", nil))
	undo, _ = doc(t, manager.get(figuresImportsPage)).Find(`[data-testid="import"] form`).First().Attr("action")
	if flash := manager.followFlash(manager.post(undo, nil)); flash != "Import undone: 1 figure from by-the-lead.csv is back as it was before" {
		t.Fatalf("flash %q", flash)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4, MISS 2009-04 M=0" {
		t.Fatalf("figures: %s", got)
	}
}

func TestAnImportIsNotUndoneOnceAFigureItChangedIsSavedAgain(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	preview, _ := lead.uploadFigures("missing.csv", []byte(missingCSV))
	lead.followFlash(lead.post(preview+"/apply", nil))
	undo, _ := doc(t, lead.get(figuresImportsPage)).Find(`[data-testid="import"] form`).Attr("action")
	b.saveAs(t, domain.RoleManager, b.female, 7)
	res := lead.post(undo, nil)
	d := doc(t, res)
	if res.StatusCode != http.StatusConflict ||
		!strings.Contains(d.Find(`[data-testid="error-summary"] a[href="#changed-since"]`).Text(), "The import of missing.csv cannot be undone: 1 of its figures has been saved again since it was applied") ||
		!strings.Contains(d.Find(`[data-testid="changed-figure"]`).Text(), "Test Board manager") {
		t.Fatalf("status %d, page %q", res.StatusCode, d.Find("main").Text())
	}
	if got := b.figures(t); got != "MISS 2009-04 F=7, MISS 2009-04 M=0" {
		t.Fatalf("a refused undo changed figures: %s", got)
	}
}

// workbookWithPart is a workbook the manager downloads, with a part added
// that unpacks to n bytes.
func workbookWithPart(t *testing.T, b *figuresBoard, n int) []byte {
	t.Helper()
	src := figuresBody(t, b.as(domain.RoleManager).get("/periods/2009-10/figures/export?format=xlsx"))
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	figuresMust(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		figuresMust(t, zw.Copy(f))
	}
	w, err := zw.Create("xl/media/image1.png")
	figuresMust(t, err)
	_, err = io.Copy(w, io.LimitReader(zeros{}, int64(n)))
	figuresMust(t, err)
	figuresMust(t, zw.Close())
	return buf.Bytes()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestAFileOverALimitIsRefusedInThePreviewSayingWhichLimit(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	cases := []struct {
		name    string
		content []byte
		problem string
	}{
		{"a workbook part unpacking to 17 MB", workbookWithPart(t, b, 17<<20),
			"The workbook's part xl/media/image1.png unpacks to more than 16 MB, the most one part (such as a sheet) may"},
		{"a CSV of 100,001 rows", append([]byte("indicator,agency,period,month,gender,value\n"), bytes.Repeat([]byte("MISS,kent-police,2009/10,2009-04,F,1\n"), 100_000)...),
			"Row 100001: The file has more than 100,000 rows, the most one file may have"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := lead.within(t)
			t.Logf("%d KB", len(tc.content)>>10)
			_, res := c.uploadFigures("big", tc.content)
			d := doc(t, res)
			problem := strings.Join(strings.Fields(d.Find(`[data-testid="problem"]`).Text()), " ")
			if res.StatusCode != http.StatusUnprocessableEntity || d.Find(`[data-testid="problem"]`).Length() != 1 ||
				!strings.Contains(problem, strings.TrimPrefix(tc.problem, "Row 100001: ")) {
				t.Fatalf("status %d, problems %q", res.StatusCode, problem)
			}
			// The error summary says which limit.
			if summary := d.Find(`[data-testid="error-summary"] a[href="#problems"]`).Text(); !strings.Contains(summary, tc.problem) {
				t.Errorf("the error summary says %q, want %q", summary, tc.problem)
			}
		})
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4" {
		t.Fatalf("figures: %s", got)
	}
}

func TestWhileTheServerChecksAsManyFilesAsItMayAnotherUploadGets503(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	slots := make(chan struct{}, 1)
	srv := web.New(b.st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{BoardName: "Test board",
		FileChecks: slots, FileCheckWait: 20 * time.Millisecond})
	b.http = httptest.NewServer(srv.Handler())
	t.Cleanup(b.http.Close)
	lead := b.as(domain.RoleLead)
	slots <- struct{}{} // another upload is being checked
	res := lead.uploadFile(figuresImportPage, "missing.csv", []byte(missingCSV))
	d := doc(t, res)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "30" {
		t.Fatalf("status %d, Retry-After %q; want 503 and 30", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if msg := d.Find("#file-error").Text(); !strings.Contains(msg, "Too many files are being checked just now: wait a minute, then upload missing.csv again") {
		t.Errorf("the message: %q", msg)
	}
	<-slots // it is done
	if _, res := lead.uploadFigures("missing.csv", []byte(missingCSV)); res.StatusCode != http.StatusOK {
		t.Fatalf("the preview once a check is free: status %d", res.StatusCode)
	}
	if len(slots) != 0 {
		t.Fatal("the upload kept its slot")
	}
}

func TestAnExportedFormulaIsText(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	ctx := context.Background()
	dim, err := b.st.CreateDimension(ctx, domain.CommandLine, "Outcome", []string{"=1+1", "-12 months", "@SUM(A1:A2)"})
	figuresMust(t, err)
	_, err = b.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "OUT", Name: "Outcomes", Theme: "Missing",
		Unit: domain.UnitCount, Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
		AgencyID: b.agencyID, DimensionIDs: []int64{dim}})
	figuresMust(t, err)
	lead := b.as(domain.RoleLead)
	csv := string(figuresBody(t, lead.get("/periods/2009-10/figures/export?agency=kent-police&format=csv")))
	for _, want := range []string{"OUT,kent-police,2009/10,2009-04,,'=1+1,\n", "OUT,kent-police,2009/10,2009-04,,'-12 months,\n", "OUT,kent-police,2009/10,2009-04,,'@SUM(A1:A2),\n"} {
		if !strings.Contains(csv, want) {
			t.Errorf("the export has no line %q:\n%s", want, csv[:min(len(csv), 600)])
		}
	}
	// And it imports back as the same options, changing nothing.
	_, res := lead.uploadFigures("export.csv", []byte(csv))
	d := doc(t, res)
	if res.StatusCode != http.StatusOK || d.Find(`[data-testid="nothing-to-apply"]`).Length() != 1 {
		t.Fatalf("status %d: %q", res.StatusCode, d.Find("main").Text())
	}
}
