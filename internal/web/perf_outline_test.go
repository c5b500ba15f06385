package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
)

const perfPath = "/periods/2009-10/report/performance"

// indicatorIDs are the test board's indicators by code.
func indicatorIDs(t *testing.T, b *board) map[string]string {
	t.Helper()
	inds, err := b.st.Indicators(context.Background())
	perfMust(t, err)
	out := map[string]string{}
	for _, ind := range inds {
		out[ind.Code] = strconv.FormatInt(ind.ID, 10)
	}
	return out
}

// captions are the section's table captions in order, squashed.
func captions(d *goquery.Document) []string {
	var out []string
	d.Find(`main caption, [data-testid="unavailable"]`).Each(func(_ int, s *goquery.Selection) {
		if s.Is("caption") {
			out = append(out, strings.Join(strings.Fields(s.Text()), " "))
		} else {
			out = append(out, "unavailable")
		}
	})
	return out
}

func addBlock(t *testing.T, m *client, form url.Values) {
	t.Helper()
	form.Set("version", "0")
	if msg := m.followFlash(m.post(perfPath+"/blocks", form)); !strings.Contains(msg, "has been added") {
		t.Fatalf("adding %v: flash %q", form, msg)
	}
}

// The manager composes section 4: sub-headings, text and tables of both
// layouts, numbered Table 1…N in order; an indicator not placed lands at the
// end in a table of its own; hidden ratio parts still feed their ratio;
// moving a block renumbers the tables.
func TestTheManagerComposesSection4(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedPerformance(t, b)
	m := b.as(domain.RoleManager)
	ids := indicatorIDs(t, b)

	// Before anything is arranged: by theme, without the ratio's parts.
	d := doc(t, m.get(perfPath))
	if d.Find(`[data-testid="indicator-BECAME"], [data-testid="indicator-AGAIN"]`).Length() != 0 {
		t.Error("a ratio's part has a table of its own")
	}

	addBlock(t, m, url.Values{"kind": {"heading"}, "title": {"Children subject to child protection conferences"}})
	addBlock(t, m, url.Values{"kind": {"text"}, "body": {"Most children on a plan are **young**."}})
	addBlock(t, m, url.Values{"kind": {"table"}, "title": {"Children on a plan at 17 March 2010"}, "layout": {"indicator"}, "shows": {"year"}, "indicators": {ids["CPP"]}})
	addBlock(t, m, url.Values{"kind": {"table"}, "title": {"Performance against the national indicators"}, "layout": {"indicators"}, "indicators": {ids["NI65"], ids["REF"]}})
	addBlock(t, m, url.Values{"kind": {"heading"}, "title": {"Care proceedings"}})
	addBlock(t, m, url.Values{"kind": {"table"}, "title": {"Children in care proceedings"}, "layout": {"indicators"}})

	d = doc(t, m.get(perfPath))
	if got := strings.Join(texts(d.Find(`[data-testid="perf-theme"] h2`)), "|"); got != "4.1 Children subject to child protection conferences|4.2 Care proceedings" {
		t.Errorf("sub-headings %q", got)
	}
	if got := d.Find(`[data-testid="perf-text"] strong`).Text(); got != "young" {
		t.Errorf("text %q", got)
	}
	want := []string{
		"Table 1: Children on a plan at 17 March 2010 (CPP)",
		"Table 2: Performance against the national indicators (NI65, REF)",
		"unavailable",
	}
	got := captions(d)
	// CAUSE is not placed: it lands at the end, in tables of its own, numbered on.
	if len(got) < 4 || strings.Join(got[:3], "|") != strings.Join(want, "|") || !strings.HasPrefix(got[3], "Table 4: Primary cause for concern") {
		t.Fatalf("captions %q, want %q then CAUSE's", got, want)
	}
	if n := d.Find(`[data-testid="indicator-CAUSE"]`).Length(); n != 1 {
		t.Errorf("CAUSE at the end %d times", n)
	}
	if n := d.Find(`[data-testid="indicator-NI65"], [data-testid="indicator-CPP"], [data-testid="indicator-BECAME"]`).Length(); n != 0 {
		t.Errorf("%d placed indicators or ratio parts also at the end", n)
	}
	if got := d.Find(`[data-testid="unavailable"]`).Text(); got != "The figures are not available for 2009/10." {
		t.Errorf("a table without figures says %q", got)
	}
	// Several indicators by month: a row each, with target, months, year to date and rating.
	byMonth := d.Find(`[data-testid="by-month-NI65"]`)
	row := rowNamed(t, byMonth, "CP re-registrations")
	if row[1] != "<5%" || row[2] != "20%" || row[3] != "2.5%" || row[len(row)-2] != "6%" || !strings.Contains(row[len(row)-1], "Near target") {
		t.Errorf("NI65 row %v", row)
	}
	if row := rowNamed(t, byMonth, "Referrals to children's care"); row[2] != "298" || row[len(row)-2] != "509" {
		t.Errorf("REF row %v", row)
	}
	// The CP table is the breakdown with its grand total.
	if got := rowNamed(t, d.Find(`[data-testid="breakdown-CPP-2009"]`), "Grand total"); got[len(got)-1] != "232" {
		t.Errorf("CPP grand total %v", got)
	}

	// The outline says where each indicator appears.
	out := doc(t, m.get(perfPath+"/outline"))
	for code, where := range map[string]string{
		"CPP": "Table 1", "NI65": "Table 2", "REF": "Table 2", "CAUSE": "Not placed: at the end of the section, in a table of its own",
		"BECAME": "Not shown: feeds CP re-registrations", "AGAIN": "Not shown: feeds CP re-registrations",
	} {
		if got := strings.TrimSpace(out.Find(`[data-testid="placed-` + code + `"] [data-testid="where"]`).Text()); got != where {
			t.Errorf("%s appears %q, want %q", code, got, where)
		}
	}

	// Hide CAUSE and REF: they leave the section, NI65 is unchanged.
	for _, code := range []string{"CAUSE", "REF"} {
		if msg := m.followFlash(m.post(perfPath+"/indicators/"+ids[code]+"/hidden", url.Values{"hidden": {"yes"}})); !strings.Contains(msg, "hidden from the report") {
			t.Errorf("hide %s: flash %q", code, msg)
		}
	}
	d = doc(t, m.get(perfPath))
	if d.Find(`[data-testid="indicator-CAUSE"]`).Length() != 0 || len(captions(d)) != 3 {
		t.Errorf("hidden CAUSE still shown: %q", captions(d))
	}
	byMonth = d.Find(`[data-testid="by-month-NI65"]`)
	if byMonth.Find("tbody tr").Length() != 1 || rowNamed(t, byMonth, "CP re-registrations")[14] != "6%" {
		t.Errorf("with REF hidden the table has %d rows", byMonth.Find("tbody tr").Length())
	}

	// Move the empty table above the CP one: the numbering follows.
	blocks, err := b.st.PerfBlocks(context.Background(), 1)
	perfMust(t, err)
	last := strconv.FormatInt(blocks[len(blocks)-1].ID, 10)
	for range 4 {
		if res := m.post(perfPath+"/blocks/"+last+"/move", url.Values{"direction": {"up"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("move: %d", res.StatusCode)
		}
	}
	d = doc(t, m.get(perfPath))
	if got := captions(d); len(got) != 3 || got[0] != "unavailable" || !strings.HasPrefix(got[1], "Table 2: Children on a plan") {
		t.Errorf("after the move: %q", got)
	}
	if got := d.Find(`[data-testid="report-table-` + last + `"] p`).First().Text(); !strings.HasPrefix(got, "Table 1: Children in care proceedings") {
		t.Errorf("the moved table reads %q", got)
	}
}

func TestSection4BlocksAreCheckedByKind(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedPerformance(t, b)
	m := b.as(domain.RoleManager)
	ids := indicatorIDs(t, b)
	wantFormError(t, m.post(perfPath+"/blocks", url.Values{"version": {"0"}, "kind": {"heading"}}), "title", "Enter the sub-heading")
	wantFormError(t, m.post(perfPath+"/blocks", url.Values{"version": {"0"}, "kind": {"text"}}), "body", "Enter the text")
	wantFormError(t, m.post(perfPath+"/blocks", url.Values{"version": {"0"}, "kind": {"table"}, "title": {"T"}}), "layout", "Select the table’s layout")
	d := wantFormError(t, m.post(perfPath+"/blocks", url.Values{"version": {"0"}, "kind": {"table"}, "title": {"Two"}, "layout": {"indicator"}, "shows": {"year"},
		"indicators": {ids["CPP"], ids["REF"]}}), "indicators", "Select one indicator")
	// What was typed is kept.
	if v, _ := d.Find(`input[name="title"]`).Attr("value"); v != "Two" || d.Find(`input[name="indicators"][checked]`).Length() != 2 {
		t.Errorf("the form kept %q and %d boxes", v, d.Find(`input[name="indicators"][checked]`).Length())
	}
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleMember, domain.RoleLead} {
		for _, page := range []string{"/outline", "/blocks/new?kind=table"} {
			if res := b.as(role).get(perfPath + page); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s reads %s: %d", role, page, res.StatusCode)
			}
		}
		if res := b.as(role).post(perfPath+"/indicators/"+ids["CPP"]+"/hidden", url.Values{"hidden": {"yes"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s hides an indicator: %d", role, res.StatusCode)
		}
	}
	for _, page := range []string{"/outline", "/blocks/new?kind=table", "/blocks/new?kind=heading", "/blocks/new?kind=text"} {
		if res := m.get(perfPath + page); res.StatusCode != http.StatusOK {
			t.Errorf("the manager reads %s: %d", page, res.StatusCode)
		}
	}
}
