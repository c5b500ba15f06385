package web_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

const dashPath = "/periods/2009-10/dashboard"

// While Kent Police's return is not accepted, its figures are marked
// provisional on the dashboard, the indicator page, section 4 and the draft
// report, and the dashboard says how many and whose. The manager alone can
// switch each page to accepted figures only, which leaves the figures out of
// the years to date and ratings; once the return is accepted, nothing is
// provisional or left out.
func TestProvisionalFiguresAreMarkedAndTheManagerCanLeaveThemOut(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedPerformance(t, b)
	m, chair := b.as(domain.RoleManager), b.as(domain.RoleChair)
	addObjective(t, b) // a draft return for Kent Police
	if _, err := store.ReviewItemList.Add(context.Background(), b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(mustPeriod(t, b).ID, b.agencyID), domain.ReviewItem{Title: "Plans", HowMuch: "Some"}); err != nil {
		t.Fatal(err)
	}
	transition(t, b, domain.RoleLead, domain.ActionSubmit)

	ytdOf := func(d *goquery.Document, code string) *goquery.Selection {
		return d.Find(`[data-testid="card"][data-code="` + code + `"] [data-testid="ytd"]`).Parent()
	}
	d := doc(t, chair.get(dashPath))
	if ref := ytdOf(d, "REF"); !strings.Contains(textOf(ref), "509") || ref.Find(`[data-testid="provisional"]`).Length() != 1 {
		t.Errorf("the chair's REF card reads %q, without the provisional mark", textOf(ref))
	}
	if got := textOf(d.Find(`[data-testid="provisional-summary"]`)); !strings.Contains(got, "7 figures of 4 indicators are provisional") || !strings.Contains(got, "Kent Police’s return (submitted)") {
		t.Errorf("the dashboard's summary reads %q", got)
	}
	if href, _ := d.Find(`[data-testid="provisional-source"] a`).Attr("href"); href != kent {
		t.Errorf("the summary leads the chair to %q, want the submitted return", href)
	}
	if d.Find(`[data-testid="figures-switch"]`).Length() != 0 {
		t.Error("the chair is offered the switch to accepted figures only")
	}
	// The chair's address asking for accepted figures only shows every figure.
	if res := chair.get(dashPath + "?figures=accepted"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the chair's accepted-only address: %d, want a redirect to the plain dashboard", res.StatusCode)
	}

	d = doc(t, m.get(dashPath))
	link, _ := d.Find(`[data-testid="show-accepted-figures"]`).Attr("href")
	if link != dashPath+"?figures=accepted" {
		t.Fatalf("the manager's switch leads to %q", link)
	}
	d = doc(t, m.get(link))
	if ref := ytdOf(d, "REF"); strings.Contains(textOf(ref), "509") || ref.Find(`[data-testid="withheld"]`).Length() != 1 {
		t.Errorf("accepted only, the REF card reads %q", textOf(ref))
	}
	if d.Find(`main [data-testid="provisional"]`).Length() != 0 {
		t.Error("accepted only, the dashboard still marks figures provisional")
	}
	if got := d.Find(`[data-testid="score"][data-code="NI65"]`).AttrOr("data-rag", ""); got != "none" {
		t.Errorf("accepted only, NI65 is rated %q, want not rated", got)
	}
	if got := textOf(d.Find(`[data-testid="figures-switch"]`)); !strings.Contains(got, "the provisional figures of 4 indicators are left out.") {
		t.Errorf("the switch reads %q", got)
	}
	if v, _ := d.Find(`form[data-testid="filters"] input[name="figures"]`).Attr("value"); v != "accepted" {
		t.Error("filtering would lose the switch")
	}

	page := doc(t, m.get("/periods/2009-10/indicators/REF"))
	if page.Find(`[data-testid="months"] [data-testid="provisional"]`).Length() == 0 || !strings.Contains(textOf(page.Find(`[data-testid="like-for-like-words"]`)), "(provisional)") {
		t.Error("the indicator page does not mark its figures of the year")
	}
	page = doc(t, m.get("/periods/2009-10/indicators/REF?figures=accepted"))
	if got := textOf(ytdOf(page, "REF")); strings.Contains(got, "509") {
		t.Errorf("accepted only, the indicator page reads %q", got)
	}
	if page.Find(`main [data-testid="provisional"]`).Length() != 0 {
		t.Error("accepted only, the indicator page marks figures provisional")
	}

	for _, path := range []string{perfPath, reportPath} {
		sec := doc(t, m.get(path))
		table := sec.Find(`[data-testid="figures-REF"]`)
		if table.Find(`[data-testid="provisional"]`).Length() == 0 || !strings.Contains(textOf(table), "509") {
			t.Errorf("%s: REF's figures are not marked provisional: %q", path, textOf(table))
		}
		if got := textOf(sec.Find(`[data-testid="indicator-REF"] [data-testid="provisional-note"]`)); got != "P: provisional. Kent Police’s return for 2009/10 is not yet accepted." {
			t.Errorf("%s: the key reads %q", path, got)
		}
		// The same data version, the other switch: a report kept for one is not shown for the other.
		sec = doc(t, m.get(path+"?figures=accepted"))
		table = sec.Find(`[data-testid="figures-REF"]`)
		if table.Find(`[data-testid="provisional"]`).Length() != 0 || strings.Contains(textOf(table), "509") {
			t.Errorf("%s, accepted only: REF's figures read %q", path, textOf(table))
		}
		if sec.Find(`[data-testid="accepted-only"]`).Length() != 1 {
			t.Errorf("%s, accepted only: the page does not say so", path)
		}
	}
	// The chair's report is every figure, marked, whatever the address asks.
	if sec := doc(t, chair.get(reportPath+"?figures=accepted")); !strings.Contains(textOf(sec.Find(`[data-testid="figures-REF"]`)), "509") {
		t.Error("the chair's report leaves out the provisional figures")
	}

	transition(t, b, domain.RoleManager, domain.ActionAccept)
	for _, path := range []string{dashPath, dashPath + "?figures=accepted", perfPath, reportPath} {
		d := doc(t, m.get(path))
		if n := d.Find(`main [data-testid="provisional"], [data-testid="provisional-summary"], [data-testid="withheld"]`).Length(); n != 0 {
			t.Errorf("%s: accepted, %d provisional marks remain", path, n)
		}
	}
	if ref := ytdOf(doc(t, m.get(dashPath+"?figures=accepted")), "REF"); !strings.Contains(textOf(ref), "509") {
		t.Errorf("accepted, the accepted-only REF card reads %q", textOf(ref))
	}
}

// TestTheDataAppendixMarksProvisionalFigures: the draft report's workbook
// shows a provisional figure in italics on a yellow ground, says so and whose
// return is awaited above the table, and lists the table as holding
// provisional figures on its contents sheet; once the return is accepted,
// nothing is marked.
func TestTheDataAppendixMarksProvisionalFigures(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedPerformance(t, b)
	ctx := context.Background()
	addObjective(t, b) // a draft return for Kent Police
	period := mustPeriod(t, b)
	if _, err := store.ReviewItemList.Add(ctx, b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(period.ID, b.agencyID), domain.ReviewItem{Title: "Plans", HowMuch: "Some"}); err != nil {
		t.Fatal(err)
	}
	transition(t, b, domain.RoleLead, domain.ActionSubmit)

	type marks struct {
		note     string   // the line above REF's figures table
		cells    []string // REF's figures in the provisional style
		contents string   // the contents sheet's column for that table
	}
	read := func() marks {
		t.Helper()
		data, err := b.srv.DataAppendix(ctx, *period)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var m marks
		contents, err := f.GetRows("Contents")
		if err != nil {
			t.Fatal(err)
		}
		sheet := ""
		for _, row := range contents[4:] {
			if len(row) >= 3 && strings.Contains(row[1], "REF") && strings.Contains(row[2], "by month") && sheet == "" {
				sheet = row[0]
				if len(row) > 3 {
					m.contents = row[3]
				}
			}
		}
		if sheet == "" {
			t.Fatalf("no sheet of REF's figures by month in %v", contents)
		}
		m.note, _ = f.GetCellValue(sheet, "A4")
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r := 4; r < len(rows); r++ {
			for c := range rows[r] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				id, _ := f.GetCellStyle(sheet, ref)
				style, err := f.GetStyle(id)
				if err == nil && style.Font != nil && style.Font.Italic && len(style.Fill.Color) > 0 && style.Fill.Color[0] == "FFF2CC" {
					m.cells = append(m.cells, rows[r][c])
				}
			}
		}
		return m
	}
	got := read()
	if got.note != "Figures in italics on a yellow ground are provisional. Kent Police’s return for 2009/10 is not yet accepted." {
		t.Errorf("the line above REF's table reads %q", got.note)
	}
	if len(got.cells) == 0 || !slices.Contains(got.cells, "509") {
		t.Errorf("REF's provisional cells %q, want its year's figures, 509 among them", got.cells)
	}
	if got.contents != "Yes" {
		t.Errorf("the contents sheet says %q of REF's table's provisional figures", got.contents)
	}

	transition(t, b, domain.RoleManager, domain.ActionAccept)
	if got := read(); got.note != "" || len(got.cells) != 0 || got.contents != "" {
		t.Errorf("accepted, the workbook still marks REF: %+v", got)
	}
}
