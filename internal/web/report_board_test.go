package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

const reportPath = "/periods/2009-10/report"

func TestReportPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		role                 domain.Role
		edit, overview, read bool
	}{
		{domain.RoleManager, true, true, true},
		{domain.RoleChair, false, true, true},
		{domain.RoleMember, false, false, true},
		{domain.RoleLead, false, false, false},
	} {
		u := &domain.User{Role: tc.role}
		if web.Can(u, web.ActionEditReport) != tc.edit || web.Can(u, web.ActionEditOverview) != tc.overview || web.Can(u, web.ActionReadReport) != tc.read {
			t.Errorf("%s: edit %v, overview %v, read %v", tc.role, web.Can(u, web.ActionEditReport), web.Can(u, web.ActionEditOverview), web.Can(u, web.ActionReadReport))
		}
	}
	if web.Can(&domain.User{Role: domain.RoleManager, Disabled: true}, web.ActionEditOverview) {
		t.Error("a disabled manager may edit the overview")
	}
}

// Leads are refused the report and its editors; members read it; the chair
// may draft only the overview; the manager reaches everything.
func TestReportBoardPermissions(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	pages := []string{"/board/cover", "/board/plan", "/board/aims", "/board/membership", "/outline",
		"/board/text/plan-intro", "/board/plan/objectives/new", "/board/aims/new", "/board/members/new", "/board/meetings/new", "/outline/new"}
	for _, tc := range []struct {
		role                domain.Role
		report, hub, others int
	}{
		{domain.RoleManager, 200, 200, 200},
		{domain.RoleChair, 200, 200, 403},
		{domain.RoleMember, 200, 403, 403},
		{domain.RoleLead, 403, 403, 403},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			c := b.as(tc.role).within(t)
			if got := c.get(reportPath).StatusCode; got != tc.report {
				t.Errorf("report: %d, want %d", got, tc.report)
			}
			for _, p := range []string{"/board", "/board/text/overview"} {
				if got := c.get(reportPath + p).StatusCode; got != tc.hub {
					t.Errorf("%s: %d, want %d", p, got, tc.hub)
				}
			}
			for _, p := range pages {
				if got := c.get(reportPath + p).StatusCode; got != tc.others {
					t.Errorf("%s: %d, want %d", p, got, tc.others)
				}
			}
			res := c.post(reportPath+"/board/plan/objectives", url.Values{"version": {"0"}, "title": {"Objective"}})
			if want := map[int]int{200: 303, 403: 403}[tc.others]; res.StatusCode != want {
				t.Errorf("add a key objective: %d, want %d", res.StatusCode, want)
			}
		})
	}
	// The chair saves the overview, and cannot save another text.
	chair := b.as(domain.RoleChair)
	if msg := chair.followFlash(chair.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"The chair’s words."}})); !strings.Contains(msg, "has been saved") {
		t.Errorf("chair's overview: flash %q", msg)
	}
	if res := chair.post(reportPath+"/board/text/aims-intro", url.Values{"version": {"0"}, "body": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("chair saving the aims introduction: %d", res.StatusCode)
	}
	lead := b.as(domain.RoleLead)
	if res := lead.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("lead saving the overview: %d", res.StatusCode)
	}
}

func headings(d *goquery.Document) []string {
	var out []string
	d.Find(`[data-testid="report-section-heading"]`).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

func contents(d *goquery.Document) []string {
	var out []string
	d.Find(`[data-testid="contents-entry"] a`).Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		out = append(out, strings.TrimSpace(s.Text())+" "+href)
	})
	return out
}

// The compiled report shows every visible section in the outline's order,
// numbered, each with its contents entry; hiding, renaming, moving and adding
// sections change both.
func TestCompiledReportFollowsTheOutline(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	m := b.as(domain.RoleManager)
	d := doc(t, m.get(reportPath))
	want := []string{
		"1. Overview by the independent chair",
		"2. Review of safeguarding 2009/10: the board’s business plan",
		"3. Review of safeguarding 2009/10: partner agencies",
		"4. Safeguarding activity and performance information",
		"5. Strategic aims and specific objectives",
		"6. Single agency safeguarding objectives 2010/11",
		"Appendix A: Board membership and attendance",
	}
	if got := headings(d); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("headings:\n%v\nwant\n%v", got, want)
	}
	if got := contents(d); len(got) != 7 || got[0] != want[0]+" #section-1" || got[6] != want[6]+" #appendix-a" {
		t.Errorf("contents: %v", got)
	}
	if d.Find(`h1#report-title`).Text() != "Annual review 2009/10 and business plan 2010/11" {
		t.Errorf("cover title %q", d.Find(`h1#report-title`).Text())
	}

	ctx := context.Background()
	p, _ := b.st.PeriodBySlug(ctx, "2009-10")
	outline, err := b.st.Outline(ctx, *p)
	if err != nil {
		t.Fatal(err)
	}
	id := func(k domain.SectionKind) string {
		for _, s := range outline {
			if s.Kind == k {
				return "/outline/" + strconv.FormatInt(s.ID, 10)
			}
		}
		t.Fatalf("no %s section", k)
		return ""
	}
	// Hide the plan, rename the overview, move the aims up above performance, add a free section.
	if res := m.post(reportPath+id(domain.SectionPlan), url.Values{"version": {"1"}, "title": {"Plan"}, "visible": {"no"}, "numbering": {"section"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("hide: %d", res.StatusCode)
	}
	if res := m.post(reportPath+id(domain.SectionOverview), url.Values{"version": {"1"}, "title": {"Foreword by the chair"}, "visible": {"yes"}, "numbering": {"section"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", res.StatusCode)
	}
	if msg := m.followFlash(m.post(reportPath+id(domain.SectionAims)+"/move", url.Values{"direction": {"up"}})); !strings.Contains(msg, "moved up") {
		t.Errorf("move: flash %q", msg)
	}
	if msg := m.followFlash(m.post(reportPath+"/outline", url.Values{"version": {"0"}, "title": {"The voice of the child"}, "visible": {"yes"},
		"numbering": {"section"}, "body": {"What **children** told us.\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1)) and [good](https://example.org)"}})); !strings.Contains(msg, "has been added") {
		t.Errorf("add: flash %q", msg)
	}
	if res := m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"Hello <script>alert(1)</script> <img src=x onerror=alert(2)>"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("overview: %d", res.StatusCode)
	}
	res := m.get(reportPath)
	d = doc(t, res)
	want = []string{
		"1. Foreword by the chair",
		"2. Review of safeguarding 2009/10: partner agencies",
		"3. Strategic aims and specific objectives",
		"4. Safeguarding activity and performance information",
		"5. Single agency safeguarding objectives 2010/11",
		"Appendix A: Board membership and attendance",
		"6. The voice of the child",
	}
	if got := headings(d); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("headings after changes:\n%v\nwant\n%v", got, want)
	}
	got := contents(d)
	for i, h := range want {
		anchor := "#section-" + strings.SplitN(h, ".", 2)[0]
		if strings.HasPrefix(h, "Appendix") {
			anchor = "#appendix-a"
		}
		if i >= len(got) || got[i] != h+" "+anchor {
			t.Errorf("contents entry %d = %q, want %q", i, got, h+" "+anchor)
		}
		if d.Find(anchor).Length() != 1 {
			t.Errorf("no heading with id %s", anchor)
		}
	}
	html, _ := d.Find("article").Html()
	for _, bad := range []string{"<script", "javascript:", "onerror", "<img"} {
		if strings.Contains(html, bad) {
			t.Errorf("the report contains %q", bad)
		}
	}
	if d.Find(`[data-kind="free"] strong`).Text() != "children" || d.Find(`[data-kind="free"] a[href="https://example.org"][rel="noopener"]`).Length() != 1 {
		t.Error("the free section's Markdown is not rendered")
	}
	// The published copy is the same document without the editors' links.
	period, _ := b.st.PeriodBySlug(ctx, "2009-10")
	out, err := b.srv.RenderReport(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "6. The voice of the child") || strings.Contains(string(out), "edit-board") {
		t.Error("RenderReport lacks a section or shows the editors' links")
	}
}

// The editors refuse what is missing or wrong with GOV.UK messages and keep what was typed.
func TestBoardEditorsValidate(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	m := b.as(domain.RoleManager)
	d := wantFormError(t, m.post(reportPath+"/board/plan/objectives", url.Values{"version": {"0"}, "title": {""}, "intro": {"Kept intro"}}),
		"title", "Enter the key objective")
	if d.Find("#intro").Text() != "Kept intro" {
		t.Error("the introduction was not shown again")
	}
	res := m.post(reportPath+"/board/plan/objectives", url.Values{"version": {"0"}, "title": {"Key one"}})
	if msg := m.followFlash(res); !strings.Contains(msg, "‘Key one’ has been added") {
		t.Errorf("flash %q", msg)
	}
	objs, _ := b.st.PlanObjectives(context.Background(), 1)
	if len(objs) != 1 {
		t.Fatalf("%d objectives", len(objs))
	}
	items := reportPath + "/board/plan/objectives/" + strconv.FormatInt(objs[0].ID, 10) + "/items"
	d = wantFormError(t, m.post(items, url.Values{"version": {"0"}, "title": {"Child deaths"}, "desired_outcome": {"Fewer deaths"}}),
		"what_we_did", "Enter what the board did and how well, or what difference it made")
	wantValues(t, d, map[string]string{"#title": "Child deaths"})
	if m.followFlash(m.post(items, url.Values{"version": {"0"}, "title": {"Child deaths"}, "what_we_did": {"Reviewed 21 deaths"}})) == "" {
		t.Error("no flash after adding an item")
	}
	// An item under another period's objective, or a made-up one, is not found.
	if res := m.get(reportPath + "/board/plan/objectives/999999/items/new"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown objective: %d", res.StatusCode)
	}
	wantFormError(t, m.post(reportPath+"/board/aims", url.Values{"version": {"0"}, "outcomes": {"Safer"}}),
		"title", "Enter the strategic aim, like To promote continuous learning and development")
	if m.followFlash(m.post(reportPath+"/board/aims", url.Values{"version": {"0"}, "title": {"Aim"}})) == "" {
		t.Error("no flash after adding an aim")
	}
	aims, _ := b.st.Aims(context.Background(), 1)
	aimObjectives := reportPath + "/board/aims/" + strconv.FormatInt(aims[0].ID, 10) + "/objectives"
	wantFormError(t, m.post(aimObjectives, url.Values{"version": {"0"}, "body": {""}}),
		"body", "Enter the objective, like Review how well information is shared")
	if msg := m.followFlash(m.post(aimObjectives, url.Values{"version": {"0"}, "body": {"Review how well information is shared"}})); !strings.Contains(msg, "has been added") {
		t.Errorf("flash %q after adding an aim's objective", msg)
	}
	if res := m.get(reportPath + "/board/aims/999999/objectives/new"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an objective of an unknown aim: %d", res.StatusCode)
	}
	wantFormError(t, m.post(reportPath+"/board/members", url.Values{"version": {"0"}, "role": {"Director"}}),
		"organisation", "Enter the agency or organisation they represent")
	wantFormError(t, m.post(reportPath+"/board/meetings", url.Values{"version": {"0"}}), "held_on", "Enter the date of the meeting")
	wantFormError(t, m.post(reportPath+"/board/meetings", url.Values{"version": {"0"}, "held_on-day": {"31"}, "held_on-month": {"2"}, "held_on-year": {"2010"}}),
		"held_on", "The date of the meeting must be a real date")
	d = wantFormError(t, m.post(reportPath+"/board/cover", url.Values{"version": {"0"}, "title": {""}, "subtitle": {"Sub"}}),
		"title", "Enter the report’s title")
	wantValues(t, d, map[string]string{"#subtitle": "Sub"})
	wantFormError(t, m.post(reportPath+"/outline", url.Values{"version": {"0"}, "title": {"Extra"}, "numbering": {"section"}}),
		"visible", "Select whether the report shows this section")
	long := strings.Repeat("x", 50001)
	wantFormError(t, m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {long}}), "body", "The text must be 50,000 characters or fewer")
	// A stale save keeps the text and says why.
	if res := m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"First"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("overview: %d", res.StatusCode)
	}
	res = m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"Mine"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale overview: %d", res.StatusCode)
	}
	if d := doc(t, res); d.Find("#body").Text() != "Mine" || d.Find(`[data-testid="conflict"]`).Length() != 1 {
		t.Error("the refused text or the reason is missing")
	}
}

// BenchmarkDemoReportHTML is the server time of the whole demo report as HTML
// (the compiled report's page as the manager reads it, without the network):
//
//	go test ./internal/web/ -run '^$' -bench BenchmarkDemoReportHTML -benchtime 50x
func BenchmarkDemoReportHTML(b *testing.B) {
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
	var size int
	b.ResetTimer()
	for b.Loop() {
		out, err := srv.RenderReport(ctx, *period)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1024, "KiB/op-html")
}
