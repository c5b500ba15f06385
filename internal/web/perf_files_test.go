package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// figuresBoard adds to the test board an indicator of the lead's agency (Kent
// Police) broken down by gender, with April's figure for girls known, and
// another agency's indicator.
type figuresBoard struct {
	*board
	missing, other int64 // indicators
	female         int64 // option
}

var figuresApril = time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC)

func newFiguresBoard(t *testing.T) *figuresBoard {
	t.Helper()
	ctx := context.Background()
	b := &figuresBoard{board: newBoard(t)}
	otherAgency, err := b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{
		Name: "Medway Council", Slug: "medway-council", ShortName: "Council", Sector: "Local authority", DisplayOrder: 20, Active: true})
	figuresMust(t, err)
	gender, err := b.st.CreateDimension(ctx, domain.CommandLine, "Gender", []string{"F", "M"})
	figuresMust(t, err)
	base := store.IndicatorFields{Theme: "Missing", Unit: domain.UnitCount, Polarity: domain.PolarityLower,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum}
	f := base
	f.Code, f.Name, f.AgencyID, f.DimensionIDs = "MISS", "Children missing from home", b.agencyID, []int64{gender}
	b.missing, err = b.st.CreateIndicator(ctx, domain.CommandLine, f)
	figuresMust(t, err)
	f = base
	f.Code, f.Name, f.AgencyID = "REF", "Referrals", otherAgency
	b.other, err = b.st.CreateIndicator(ctx, domain.CommandLine, f)
	figuresMust(t, err)
	dims, err := b.st.Dimensions(ctx)
	figuresMust(t, err)
	b.female = dims[0].Options[0].ID
	v := 4.0
	_, err = b.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: b.missing, On: figuresApril, Options: [3]int64{b.female}}, Value: &v}})
	figuresMust(t, err)
	return b
}

func figuresMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// figures lists every figure saved for 2009/10 as "indicator month option=value".
func (b *figuresBoard) figures(t *testing.T) string {
	t.Helper()
	list, err := b.st.Values(context.Background(), []int64{b.missing, b.other}, figuresApril, figuresApril.AddDate(1, 0, -1))
	figuresMust(t, err)
	var out []string
	for _, c := range list {
		code, option := "REF", ""
		if c.IndicatorID == b.missing {
			code, option = "MISS", " M"
			if c.Options[0] == b.female {
				option = " F"
			}
		}
		out = append(out, code+" "+c.On.Format("2006-01")+option+"="+strconv.FormatFloat(*c.Value, 'f', -1, 64))
	}
	return strings.Join(out, ", ")
}

// upload posts a file to the upload form as a browser would.
func (c *client) uploadFile(path, filename string, content []byte) *http.Response {
	c.b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", filename)
	figuresMust(c.b.t, err)
	_, _ = fw.Write(content)
	figuresMust(c.b.t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, c.b.http.URL+path, &body)
	figuresMust(c.b.t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func figuresBody(t *testing.T, res *http.Response) []byte {
	t.Helper()
	body, err := io.ReadAll(res.Body)
	figuresMust(t, err)
	return body
}

const figuresImportPage = "/periods/2009-10/figures/import"

// uploadAndPreview uploads a file and follows the redirect to its preview.
func (c *client) uploadFigures(filename string, content []byte) (previewPath string, res *http.Response) {
	c.b.t.Helper()
	up := c.uploadFile(figuresImportPage, filename, content)
	if up.StatusCode != http.StatusSeeOther || !strings.HasPrefix(up.Header.Get("Location"), figuresImportPage+"/") {
		c.b.t.Fatalf("upload of %s: status %d, location %q\n%s", filename, up.StatusCode, up.Header.Get("Location"), figuresBody(c.b.t, up))
	}
	previewPath = up.Header.Get("Location")
	return previewPath, c.get(previewPath)
}

func TestWhoMayDownloadFigures(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	cases := []struct {
		role   domain.Role
		query  string
		status int
	}{
		{domain.RoleLead, "?agency=kent-police&format=csv", http.StatusOK},
		{domain.RoleLead, "?agency=medway-council&format=csv", http.StatusForbidden},
		{domain.RoleLead, "?format=csv", http.StatusForbidden},
		{domain.RoleMember, "?agency=kent-police&format=csv", http.StatusForbidden},
		{domain.RoleChair, "?format=xlsx", http.StatusOK},
		{domain.RoleManager, "?agency=medway-council&format=xlsx", http.StatusOK},
		{domain.RoleManager, "?format=pdf", http.StatusBadRequest},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s %s", tc.role, tc.query), func(t *testing.T) {
			res := b.as(tc.role).within(t).get("/periods/2009-10/figures/export" + tc.query)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
		})
	}
	res := b.as(domain.RoleLead).get("/periods/2009-10/figures/export?agency=kent-police&format=csv")
	body := string(figuresBody(t, res))
	if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != "text/csv; charset=utf-8" ||
		cd != `attachment; filename="figures-2009-10-kent-police.csv"` {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
	if !strings.HasPrefix(body, "indicator,agency,period,month,Gender,value\nMISS,kent-police,2009/10,2009-04,F,4\n") || strings.Contains(body, "REF") {
		t.Errorf("the lead's CSV:\n%s", body)
	}
	res = b.as(domain.RoleManager).get("/periods/2009-10/figures/export?format=xlsx")
	if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		cd != `attachment; filename="figures-2009-10-all-agencies.xlsx"` || !bytes.HasPrefix(figuresBody(t, res), []byte("PK")) {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
}

func TestTheLeadUploadsFiguresSeesThePreviewAndAppliesThem(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	page := doc(t, lead.get(figuresImportPage))
	if page.Find(`[data-testid="upload-form"] input[type="file"]#file`).Length() != 1 ||
		page.Find(`a[data-testid="export-csv"][href="/periods/2009-10/figures/export?agency=kent-police&format=csv"]`).Length() != 1 {
		t.Fatal("the upload page lacks its file input or its download link")
	}
	csv := "indicator,agency,period,month,gender,value\n" +
		"MISS,kent-police,2009/10,2009-04,F,5\n" + // changed from 4
		"MISS,kent-police,2009/10,2009-04,M,0\n" + // new: zero is a figure
		"MISS,kent-police,2009/10,2009-05,F,\n" // blank and not known: unchanged
	preview, res := lead.uploadFigures("missing.csv", []byte(csv))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: status %d", res.StatusCode)
	}
	d := doc(t, res)
	for sel, want := range map[string]string{`[data-testid="count-new"]`: "1", `[data-testid="count-changed"]`: "1",
		`[data-testid="count-cleared"]`: "0", `[data-testid="count-unchanged"]`: "1"} {
		if got := strings.TrimSpace(d.Find(sel).Text()); got != want {
			t.Errorf("%s shows %q, want %q", sel, got, want)
		}
	}
	if row := d.Find(`[data-testid="changed-figures"] tbody tr`).Text(); !strings.Contains(row, "MISS") || !strings.Contains(row, "4") ||
		!strings.Contains(row, "5") || !strings.Contains(row, "Row 2, column value") {
		t.Errorf("the changed figure's row: %q", row)
	}
	if b.figures(t) != "MISS 2009-04 F=4" {
		t.Fatalf("the preview saved figures: %s", b.figures(t))
	}
	// Only the uploader sees or applies their file.
	manager := b.as(domain.RoleManager)
	if res := manager.get(preview); res.StatusCode != http.StatusNotFound {
		t.Errorf("the manager opened the lead's preview: status %d", res.StatusCode)
	}
	if res := manager.post(preview+"/apply", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("the manager applied the lead's import: status %d", res.StatusCode)
	}
	if flash := lead.followFlash(lead.post(preview+"/apply", nil)); flash != "2 figures changed from missing.csv" {
		t.Fatalf("flash %q", flash)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=5, MISS 2009-04 M=0" {
		t.Fatalf("after applying: %s", got)
	}
	if res := lead.post(preview+"/apply", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("an applied import was applied again: status %d", res.StatusCode)
	}
}

func TestExportedFilesImportThroughTheWebChangingNothing(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	manager := b.as(domain.RoleManager)
	before := b.figures(t)
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			m := manager.within(t)
			file := figuresBody(t, m.get("/periods/2009-10/figures/export?format="+format))
			_, res := m.uploadFigures("figures."+format, file)
			d := doc(t, res)
			if res.StatusCode != http.StatusOK || d.Find(`[data-testid="apply"]`).Length() != 0 ||
				d.Find(`[data-testid="nothing-to-apply"]`).Length() != 1 || strings.TrimSpace(d.Find(`[data-testid="count-unchanged"]`).Text()) != "36" {
				t.Fatalf("status %d; the preview of an unchanged export: %s", res.StatusCode, d.Find("main").Text())
			}
		})
	}
	if after := b.figures(t); after != before {
		t.Fatalf("figures changed: %s → %s", before, after)
	}
}

func TestOneBadCellIsNamedAndChangesNothing(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	csv := "indicator,agency,period,month,gender,value\n" +
		"MISS,kent-police,2009/10,2009-04,F,6\n" +
		"MISS,kent-police,2009/10,2009-05,M,2.5\n"
	preview, res := lead.uploadFigures("bad.csv", []byte(csv))
	d := doc(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(d.Find("title").Text(), "Error:") {
		t.Fatalf("status %d, title %q", res.StatusCode, d.Find("title").Text())
	}
	problems := d.Find(`[data-testid="problem"]`)
	if problems.Length() != 1 || !strings.Contains(problems.Text(), "Row 3, column value") || !strings.Contains(problems.Text(), "Enter a whole number, 0 or more") {
		t.Fatalf("problems: %q", problems.Text())
	}
	if d.Find(`[data-testid="error-summary"] a[href="#problems"]`).Length() != 1 || d.Find(`[data-testid="apply"]`).Length() != 0 {
		t.Error("the error summary does not lead to the problems, or Apply is offered")
	}
	if res := lead.post(preview+"/apply", nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("applying a bad file: status %d, want 422", res.StatusCode)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4" {
		t.Fatalf("a bad file changed figures: %s", got)
	}
}

func TestALeadsFileCannotWriteAnotherAgencysFigures(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	csv := "indicator,agency,period,month,gender,value\n" +
		"MISS,kent-police,2009/10,2009-05,F,1\n" +
		"REF,medway-council,2009/10,2009-05,,40\n"
	preview, res := lead.uploadFigures("both.csv", []byte(csv))
	d := doc(t, res)
	if text := d.Find(`[data-testid="problem"]`).Text(); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(text, "Row 3, column agency") || !strings.Contains(text, "These are Medway Council’s figures: you can import only your own agency's figures.") {
		t.Fatalf("status %d, problems %q", res.StatusCode, text)
	}
	if res := lead.post(preview+"/apply", nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("apply: status %d, want 422", res.StatusCode)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4" {
		t.Fatalf("figures changed: %s", got)
	}
	// The manager may import the same file.
	manager := b.as(domain.RoleManager)
	preview, res = manager.uploadFigures("both.csv", []byte(csv))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the manager's preview: status %d", res.StatusCode)
	}
	if flash := manager.followFlash(manager.post(preview+"/apply", nil)); flash != "2 figures changed from both.csv" {
		t.Fatalf("flash %q", flash)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4, MISS 2009-05 F=1, REF 2009-05=40" {
		t.Fatalf("after the manager's import: %s", got)
	}
}

func TestAFileOfTheWrongTypeOrTooBigIsRefusedOnTheUploadPage(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	cases := []struct {
		name, filename string
		content        []byte
		status         int
		message        string
	}{
		{"a picture named .csv", "figures.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), http.StatusUnprocessableEntity,
			"The selected file must be a CSV file or an Excel workbook (.xlsx)"},
		{"an old Excel file", "figures.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), http.StatusUnprocessableEntity,
			"The selected file must be a CSV file or an Excel workbook (.xlsx)"},
		{"no file", "", nil, http.StatusUnprocessableEntity, "Select a CSV file or an Excel workbook (.xlsx) to upload"},
		{"over 10 MB", "big.csv", bytes.Repeat([]byte("MISS,kent-police,2009/10,2009-04,F,1\n"), 300000), http.StatusRequestEntityTooLarge,
			"The selected file must be smaller than 10 MB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := lead.within(t)
			var res *http.Response
			if tc.filename == "" {
				res = c.uploadFile(figuresImportPage, "", nil)
			} else {
				res = c.uploadFile(figuresImportPage, tc.filename, tc.content)
			}
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			d := doc(t, res)
			if link := d.Find(`[data-testid="error-summary"] a[href="#file"]`).Text(); !strings.Contains(link, tc.message) {
				t.Errorf("error summary %q, want %q", link, tc.message)
			}
			if inline := d.Find("#file-error").Text(); !strings.Contains(inline, tc.message) {
				t.Errorf("message beside the field %q", inline)
			}
		})
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4" {
		t.Fatalf("figures changed: %s", got)
	}
}

func TestALeadCannotImportOnceThePeriodHasClosed(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	preview, res := lead.uploadFigures("f.csv", []byte("indicator,agency,period,month,gender,value\nMISS,kent-police,2009/10,2009-05,F,1\n"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d", res.StatusCode)
	}
	p, err := b.st.PeriodBySlug(context.Background(), "2009-10")
	figuresMust(t, err)
	figuresMust(t, b.st.SetPeriodOpen(context.Background(), domain.CommandLine, p.ID, false))
	d := doc(t, lead.get(figuresImportPage))
	if reason := d.Find(`[data-testid="cannot-import"]`).Text(); !strings.Contains(reason, "2009/10 is closed") || d.Find(`[data-testid="upload-form"]`).Length() != 0 {
		t.Errorf("the upload page after closing: %q", reason)
	}
	if res := lead.uploadFile(figuresImportPage, "f.csv", []byte("x")); res.StatusCode != http.StatusForbidden {
		t.Errorf("upload after closing: status %d", res.StatusCode)
	}
	res = lead.post(preview+"/apply", nil)
	if text := doc(t, res).Find(`[data-testid="problem"]`).Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, "2009/10 is closed") {
		t.Errorf("apply after closing: status %d, %q", res.StatusCode, text)
	}
	if got := b.figures(t); got != "MISS 2009-04 F=4" {
		t.Fatalf("figures changed: %s", got)
	}
}

// upload-progress.js posts the file itself and is told where the preview is,
// rather than redirected, so it can show that the file is being checked.
func TestTheProgressScriptIsToldWhereThePreviewIs(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "f.csv")
	figuresMust(t, err)
	_, _ = fw.Write([]byte("indicator,agency,period,month,gender,value\nMISS,kent-police,2009/10,2009-05,F,1\n"))
	figuresMust(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, b.http.URL+figuresImportPage, &body)
	figuresMust(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("X-Upload-Progress", "1")
	res := lead.do(req)
	next := res.Header.Get("X-Preview-Location")
	if res.StatusCode != http.StatusCreated || !strings.HasPrefix(next, figuresImportPage+"/") {
		t.Fatalf("status %d, X-Preview-Location %q", res.StatusCode, next)
	}
	if res := lead.get(next); res.StatusCode != http.StatusOK {
		t.Fatalf("the preview: status %d", res.StatusCode)
	}
	if page := string(figuresBody(t, lead.get(figuresImportPage))); !strings.Contains(page, `src="/static/js/upload-progress.js?v=`) {
		t.Error("the upload page does not load upload-progress.js")
	}
}

// The upload alone may be larger than the 1 MB every other form is held to.
func TestAFileOverOneMegabyteMayBeUploaded(t *testing.T) {
	t.Parallel()
	b := newFiguresBoard(t)
	lead := b.as(domain.RoleLead)
	big := append([]byte("indicator,agency,period,month,gender,value\n"), bytes.Repeat([]byte("\n"), 3<<20)...)
	if res := lead.uploadFile(figuresImportPage, "blank-lines.csv", big); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a 3 MB file: status %d, want 303", res.StatusCode)
	}
}
