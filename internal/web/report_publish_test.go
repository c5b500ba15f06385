package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// needPDFTools finds Chromium and pdftotext: in CI their absence fails the
// test, elsewhere it skips it, as the browser tests do.
func needPDFTools(t testing.TB) {
	t.Helper()
	_, chromium := web.FindChromium()
	_, err := exec.LookPath("pdftotext")
	if chromium && err == nil {
		return
	}
	msg := "PDF tests need Chromium and pdftotext: apt-get install chromium fonts-liberation poppler-utils (scripts/install-deps.sh does)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPublishingPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		role              domain.Role
		publish, readPubl bool
	}{
		{domain.RoleManager, true, true},
		{domain.RoleChair, false, true},
		{domain.RoleMember, false, true},
		{domain.RoleLead, false, true},
	} {
		u := &domain.User{Role: tc.role}
		if web.Can(u, web.ActionPublishReport) != tc.publish || web.Can(u, web.ActionReadPublished) != tc.readPubl {
			t.Errorf("%s: publish %v, read published %v", tc.role, web.Can(u, web.ActionPublishReport), web.Can(u, web.ActionReadPublished))
		}
	}
	if web.Can(&domain.User{Role: domain.RoleLead, Disabled: true}, web.ActionReadPublished) {
		t.Error("a disabled lead may read published reports")
	}
}

// The readiness page names the missing return and the empty sections; the
// checklist saves; the manager alone reaches it.
func TestReadinessPageAndChecklist(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	m := b.as(domain.RoleManager)
	res := m.get(reportPath + "/readiness")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("readiness: %d", res.StatusCode)
	}
	d := doc(t, res)
	if got := strings.TrimSpace(d.Find(`[data-testid="missing-return"] th`).Text()); got != "Kent Police" {
		t.Errorf("missing return %q", got)
	}
	var empty []string
	d.Find(`[data-testid="empty-section-entry"]`).Each(func(_ int, s *goquery.Selection) { empty = append(empty, s.Text()) })
	if len(empty) == 0 || !strings.HasPrefix(empty[0], "Section 1: Overview") {
		t.Errorf("empty sections %v", empty)
	}
	if d.Find(`[data-testid="checklist-item"]`).Length() != len(domain.Checklist) {
		t.Errorf("checklist items: %d", d.Find(`[data-testid="checklist-item"]`).Length())
	}
	overview, _ := d.Find(`#checklist-effectiveness option`).Eq(1).Attr("value")
	form := url.Values{}
	for _, c := range domain.Checklist {
		form.Set("checklist-"+c.Key, "0")
	}
	form.Set("checklist-effectiveness", overview)
	form.Set("checklist-voice", "not a number")
	res = m.post(reportPath+"/readiness/checklist", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad choice: %d", res.StatusCode)
	}
	d = doc(t, res)
	if href, _ := d.Find(`[data-testid="error-summary"] a`).Attr("href"); href != "#checklist-voice" {
		t.Errorf("error summary links to %q", href)
	}
	if v, _ := d.Find(`#checklist-effectiveness option[selected]`).Attr("value"); v != overview {
		t.Errorf("the choice made was not kept: %q", v)
	}
	form.Set("checklist-voice", "0")
	if msg := m.followFlash(m.post(reportPath+"/readiness/checklist", form)); msg != "The checklist has been saved" {
		t.Errorf("flash %q", msg)
	}
	d = doc(t, m.get(reportPath+"/readiness"))
	if got := d.Find(`[data-key="effectiveness"] .govuk-tag`).Text(); got != "Covered" {
		t.Errorf("effectiveness: %q", got)
	}
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleMember, domain.RoleLead} {
		if res := b.as(role).get(reportPath + "/readiness"); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s opening the readiness check: %d", role, res.StatusCode)
		}
	}
}

// Publishing stores version 1 exactly; a change to a return afterwards
// leaves it byte for byte as it was and its SHA-256 verifies; version 2
// says what changed. Leads list and download the versions but not the draft.
func TestPublishingIsImmutableAndLeadsReadPublishedVersions(t *testing.T) {
	t.Parallel()
	needPDFTools(t)
	b := newBoard(t)
	ctx := context.Background()
	m := b.as(domain.RoleManager)
	lead := b.as(domain.RoleLead)
	// The lead writes a return; the manager accepts it.
	if _, err := store.ReviewItemList.Add(ctx, b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(mustPeriod(t, b).ID, b.agencyID), domain.ReviewItem{Title: "Officers trained in risk assessment", HowMuch: "1,842 officers"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.ObjectiveList.Add(ctx, b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(mustPeriod(t, b).ID, b.agencyID), domain.Objective{Intend: "Train every officer"}); err != nil {
		t.Fatal(err)
	}
	accept(t, b)

	// Not ready: the publish form asks to confirm.
	res := m.post(reportPath+"/publish", url.Values{})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("publishing unconfirmed: %d", res.StatusCode)
	}
	refused := doc(t, res)
	if href, _ := refused.Find(`[data-testid="error-summary"] a`).Attr("href"); href != "#confirm" {
		t.Errorf("error summary links to %q", href)
	}
	// The box it leads to sits beside the publish button, at the top of the
	// page after the check's summary, not below the check's details.
	if refused.Find(`[data-testid="publish-form"]:has(#confirm):has([data-testid="publish"])`).Length() != 1 {
		t.Error("the confirmation box is not in the publish button's form")
	}
	if first := refused.Find(`#confirm, h2#returns, #checklist`).First(); first.AttrOr("id", "") != "confirm" {
		t.Errorf("the confirmation box comes after #%s, below the check's details", first.AttrOr("id", ""))
	}
	if msg := m.followFlash(m.post(reportPath+"/publish", url.Values{"confirm": {"yes"}})); msg != "Version 1 of the 2009/10 report has been published" {
		t.Fatalf("flash %q", msg)
	}
	d := doc(t, lead.get("/periods/2009-10/published"))
	if d.Find(`[data-testid="published-version"]`).Length() != 1 {
		t.Fatal("the lead does not see version 1")
	}
	sha := strings.TrimSpace(d.Find(`[data-testid="html-sha256"]`).Text())
	pdfSHA := strings.TrimSpace(d.Find(`[data-testid="pdf-sha256"]`).Text())
	res = lead.get("/periods/2009-10/published/1.html")
	html1 := body(t, res)
	sum := sha256.Sum256(html1)
	if res.StatusCode != http.StatusOK || hex.EncodeToString(sum[:]) != sha || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("version 1's HTML: %d, %s, sha %x, want %s", res.StatusCode, res.Header.Get("Content-Type"), sum, sha)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'unsafe-inline'") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP of the published page: %q", csp)
	}
	if !bytes.Contains(html1, []byte("Officers trained in risk assessment")) || bytes.Contains(html1, []byte(`<link rel="stylesheet"`)) ||
		bytes.Contains(html1, []byte("<script")) || !bytes.Contains(html1, []byte("<style>")) {
		t.Error("the published HTML is not the self-contained report")
	}
	res = lead.get("/periods/2009-10/published/1.pdf")
	pdf1 := body(t, res)
	sum = sha256.Sum256(pdf1)
	if res.Header.Get("Content-Type") != "application/pdf" || hex.EncodeToString(sum[:]) != pdfSHA || !bytes.HasPrefix(pdf1, []byte("%PDF")) {
		t.Fatalf("version 1's PDF: %s, sha %x, want %s", res.Header.Get("Content-Type"), sum, pdfSHA)
	}
	// The lead cannot read the draft report, nor its PDF.
	for _, path := range []string{reportPath, "/periods/2009-10/report.pdf", reportPath + "/pdf"} {
		if res := lead.get(path); res.StatusCode != http.StatusForbidden {
			t.Errorf("lead opening %s: %d", path, res.StatusCode)
		}
	}

	// Reopen the return, change it, accept it again: version 1 is unchanged.
	reopenAndChange(t, b, "Officers trained in DASH")
	html1Again := body(t, lead.get("/periods/2009-10/published/1.html"))
	if !bytes.Equal(html1, html1Again) {
		t.Fatal("version 1 changed after the return did")
	}
	if draft := body(t, m.get(reportPath)); !bytes.Contains(draft, []byte("Officers trained in DASH")) {
		t.Fatal("the draft does not show the change")
	}
	if msg := m.followFlash(m.post(reportPath+"/publish", url.Values{"confirm": {"yes"}})); msg != "Version 2 of the 2009/10 report has been published" {
		t.Fatalf("flash %q", msg)
	}
	d = doc(t, m.get("/periods/2009-10/published"))
	changes := d.Find(`[data-version="2"] [data-testid="change"]`).Text()
	if !strings.Contains(changes, "Changed: 3. Review of safeguarding 2009/10: partner agencies") {
		t.Errorf("version 2's changes: %q", changes)
	}
	if !bytes.Equal(html1, body(t, lead.get("/periods/2009-10/published/1.html"))) {
		t.Error("publishing version 2 changed version 1")
	}
	if res := lead.get("/periods/2009-10/published/3.html"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished version: %d", res.StatusCode)
	}
}

func mustPeriod(t *testing.T, b *board) *domain.Period {
	t.Helper()
	p, err := b.st.PeriodBySlug(context.Background(), "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func transition(t *testing.T, b *board, role domain.Role, action domain.ReturnAction) {
	t.Helper()
	ctx := context.Background()
	ret, err := b.st.ReturnFor(ctx, mustPeriod(t, b).ID, b.agencyID)
	if err != nil {
		t.Fatal(err)
	}
	comment := ""
	if action == domain.ActionSendBack {
		comment = "Please name the assessment."
	}
	if _, err := b.st.Transition(ctx, domain.UserActor(b.users[role]), ret.ID, ret.Version, action, comment); err != nil {
		t.Fatal(err)
	}
}

func accept(t *testing.T, b *board) {
	t.Helper()
	transition(t, b, domain.RoleLead, domain.ActionSubmit)
	transition(t, b, domain.RoleManager, domain.ActionAccept)
}

func reopenAndChange(t *testing.T, b *board, title string) {
	t.Helper()
	ctx := context.Background()
	transition(t, b, domain.RoleManager, domain.ActionReopen)
	transition(t, b, domain.RoleManager, domain.ActionSendBack)
	p := mustPeriod(t, b)
	ret, err := b.st.ReturnFor(ctx, p.ID, b.agencyID)
	if err != nil {
		t.Fatal(err)
	}
	items, err := b.st.ReviewItems(ctx, ret.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.ReviewItemList.Update(ctx, b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(p.ID, b.agencyID), items[0].ID, items[0].Version, domain.ReviewItem{Title: title, HowMuch: items[0].HowMuch}); err != nil {
		t.Fatal(err)
	}
	accept(t, b)
}

// The PDF of the demo report reads its sections in order, with page numbers.
func TestDemoPDFHasEverySectionInOrder(t *testing.T) {
	t.Parallel()
	needPDFTools(t)
	srv, period := demoReportServer(t)
	ctx := context.Background()
	page, err := srv.RenderReport(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := web.SelfContained(page)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	pdf, err := web.MakePDF(ctx, doc, demo.BoardName, "Annual review 2009/10")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the demo PDF: %d pages, %d KB, made in %v", pdf.Pages, len(pdf.Data)/1024, time.Since(start))
	if pdf.Pages < 15 {
		t.Errorf("%d pages, want at least 15", pdf.Pages)
	}
	text := pdfText(t, pdf.Data)
	at := 0
	for _, want := range []string{
		"Contents",
		"1. Overview by the independent chair",
		"2. Review of safeguarding 2009/10: the board’s business plan",
		"3. Review of safeguarding 2009/10: partner agencies",
		"4. Safeguarding activity and performance information",
		"5. Strategic aims and specific objectives",
		"6. Single agency safeguarding objectives 2010/11",
		"7. Challenge and scrutiny",
		"Appendix A: Board membership and attendance",
	} {
		// The contents page names every section first; find each heading after it.
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Fatalf("%q not found after position %d of the PDF's text", want, at)
		}
		at += i + len(want)
	}
	for _, want := range []string{"617", "page 1 of " + strconv.Itoa(pdf.Pages), demo.BoardName + " — Annual review 2009/10"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	if out := os.Getenv("SAFEBOARD_PDF_OUT"); out != "" {
		if err := os.WriteFile(out, pdf.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The data appendix holds every table of the performance section, a sheet each.
func TestDataAppendixHasASheetPerTable(t *testing.T) {
	t.Parallel()
	srv, period := demoReportServer(t)
	ctx := context.Background()
	b, err := srv.DataAppendix(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	page, _ := srv.RenderReport(ctx, *period)
	t.Logf("%d sheets, %d tables in the report", len(sheets), bytes.Count(page, []byte("<table")))
	if len(sheets) < 10 || sheets[0] != "Contents" {
		t.Fatalf("sheets: %v", sheets)
	}
	rows, err := f.GetRows(sheets[1])
	if err != nil || len(rows) < 6 || !strings.HasPrefix(rows[0][0], "4.1.1 ") {
		t.Fatalf("first table's sheet %q: %v %v", sheets[1], rows, err)
	}
}

// A lead tags a review item with a strategic aim on its form; once the
// manager shows the work by aim section, the report lists it under its aim.
func TestTheWorkByAimSectionListsItemsByAim(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	p := mustPeriod(t, b)
	manager := domain.UserActor(b.users[domain.RoleManager])
	if _, err := store.AimList.Add(ctx, b.st, manager, store.Under(p.ID), domain.StrategicAim{Title: "Effectiveness of local work"}); err != nil {
		t.Fatal(err)
	}
	learning, err := store.AimList.Add(ctx, b.st, manager, store.Under(p.ID), domain.StrategicAim{Title: "Continuous learning"})
	if err != nil {
		t.Fatal(err)
	}
	lead := b.as(domain.RoleLead)
	returnPath := "/periods/2009-10/returns/kent-police"
	d := doc(t, lead.get(returnPath+"/review/new"))
	if got := d.Find(`#aim option`).Length(); got != 3 {
		t.Fatalf("the aim select has %d options, want none and two aims", got)
	}
	res := lead.post(returnPath+"/review", url.Values{"title": {"Officers trained in DASH"}, "how_much": {"1,842 officers"},
		"better_off": {"Victims are safer"}, "aim": {strconv.FormatInt(learning, 10)}, "return_version": {"0"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding the item: %d", res.StatusCode)
	}
	if _, err := store.ObjectiveList.Add(ctx, b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(p.ID, b.agencyID), domain.Objective{Intend: "Train every officer"}); err != nil {
		t.Fatal(err)
	}
	accept(t, b)
	outline, err := b.st.Outline(ctx, *p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range outline {
		if s.Kind == domain.SectionWorkByAim {
			if !s.Hidden {
				t.Error("the work by aim section is shown by default")
			}
			if err := store.SectionList.Update(ctx, b.st, manager, store.Under(p.ID), s.ID, s.Version, domain.ReportSection{Title: s.Title}); err != nil {
				t.Fatal(err)
			}
		}
	}
	d = doc(t, b.as(domain.RoleMember).get(reportPath))
	var titles []string
	d.Find(`[data-testid="aim-work-title"]`).Each(func(_ int, s *goquery.Selection) { titles = append(titles, s.Text()) })
	if strings.Join(titles, "|") != "6.1 Aim 1: Effectiveness of local work|6.2 Aim 2: Continuous learning" {
		t.Fatalf("aims in the section: %q", titles)
	}
	second := d.Find(`[data-testid="aim-work"]`).Eq(1)
	if got := second.Find(`[data-testid="aim-items"] [data-testid="aim-entry"]`).Text(); !strings.Contains(got, "Kent Police") ||
		!strings.Contains(got, "Officers trained in DASH") || !strings.Contains(got, "Victims are safer") {
		t.Errorf("the second aim's items: %q", got)
	}
	if d.Find(`[data-testid="aim-work"]`).Eq(0).Find(`[data-testid="aim-entry"]`).Length() != 0 {
		t.Error("the first aim lists work not tagged with it")
	}
}

// BenchmarkDemoReportPDF measures the demo's whole 2009/10 report as PDF:
// rendering the HTML, making it self-contained, and printing it with a
// fresh headless Chromium, as /periods/2009-10/report.pdf and publishing do.
//
//	go test ./internal/web/ -run '^$' -bench BenchmarkDemoReportPDF -benchtime 5x
func BenchmarkDemoReportPDF(b *testing.B) {
	needPDFTools(b)
	st := testdb.New(b)
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, "a benchmark password"); err != nil {
		b.Fatal(err)
	}
	srv := web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{BoardName: demo.BoardName})
	period, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		b.Fatal(err)
	}
	var pages, size int
	for b.Loop() {
		page, err := srv.RenderReport(ctx, *period)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := web.SelfContained(page)
		if err != nil {
			b.Fatal(err)
		}
		pdf, err := web.MakePDF(ctx, doc, demo.BoardName, "Annual review 2009/10")
		if err != nil {
			b.Fatal(err)
		}
		pages, size = pdf.Pages, len(pdf.Data)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1024, "KiB/op-pdf")
}
