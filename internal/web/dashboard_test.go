package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// dashBoard is the test board with indicators of two agencies and themes,
// figures for 2008/09 and 2009/10 (a past period, so the figure due is
// March 2010's), targets, comparators and commentary.
type dashBoard struct {
	*board
	ids     map[string]int64
	options map[string]int64
	council int64
}

func mon(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

func fp(v float64) *float64 { return &v }

// months are the twelve months of the year starting in April of y.
func months(y int) []time.Time {
	var out []time.Time
	for m := mon(y, time.April); m.Before(mon(y+1, time.April)); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

func newDashBoard(t *testing.T) *dashBoard {
	t.Helper()
	b := newBoard(t)
	ctx := context.Background()
	d := &dashBoard{board: b, ids: map[string]int64{}, options: map[string]int64{}}
	var err error
	d.council, err = b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{
		Name: "Medway Council", Slug: "medway-council", ShortName: "Council", Sector: "Local authority", DisplayOrder: 5, Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.CreateDimension(ctx, domain.CommandLine, "Category of abuse", []string{"Neglect", "Physical", "Emotional"}); err != nil {
		t.Fatal(err)
	}
	dims, err := b.st.Dimensions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range dims[0].Options {
		d.options[o.Label] = o.ID
	}
	add := func(code, theme string, agency int64, unit domain.Unit, pol domain.Polarity, rule domain.YTDRule, dims ...int64) {
		id, err := b.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
			Code: code, Name: "Name of " + code, Theme: theme, Unit: unit, Polarity: pol,
			Frequency: domain.FrequencyMonthly, YTDRule: rule, AgencyID: agency, Position: len(d.ids), DimensionIDs: dims,
		})
		if err != nil {
			t.Fatal(err)
		}
		d.ids[code] = id
	}
	cp := "Child protection"
	add("NI65", cp, d.council, domain.UnitPercentage, domain.PolarityLower, domain.YTDLatest)
	add("NI64", cp, d.council, domain.UnitPercentage, domain.PolarityLower, domain.YTDLatest)
	add("AMBER", cp, d.council, domain.UnitCount, domain.PolarityHigher, domain.YTDSum)
	add("FLAT", "Policing", b.agencyID, domain.UnitCount, domain.PolarityNeither, domain.YTDSum)
	add("WORSE", "Policing", b.agencyID, domain.UnitDays, domain.PolarityLower, domain.YTDMean)
	add("WOBBLE", "Policing", b.agencyID, domain.UnitDays, domain.PolarityLower, domain.YTDMean)
	add("GAP", "Policing", b.agencyID, domain.UnitCount, domain.PolarityHigher, domain.YTDSum)
	add("CAUSE", cp, d.council, domain.UnitCount, domain.PolarityNeither, domain.YTDSum, dims[0].ID)

	var cells []domain.CellValue
	set := func(code string, on time.Time, v float64, opt ...string) {
		c := domain.CellValue{Cell: domain.Cell{IndicatorID: d.ids[code], On: on}, Value: fp(v)}
		for k, o := range opt {
			c.Options[k] = d.options[o]
		}
		cells = append(cells, c)
	}
	for i, m := range months(2009) {
		set("NI65", m, 15+float64(i%3), nil...) // ends at 17% in March: the latest
		set("NI64", m, 4, nil...)
		set("AMBER", m, 8) // 96 against ≥100, amber within 10
		set("FLAT", m, 5)  // 60; neither polarity
		set("CAUSE", m, 2, "Neglect")
		set("CAUSE", m, 1, "Physical")
		if i < 8 {
			set("WORSE", m, 20)
			set("WOBBLE", m, 20)
		}
		if i < 11 {
			set("GAP", m, 3) // no March
		}
	}
	// WORSE: 10, 11, 12, 13 days December to March: worse three months running.
	// WOBBLE: 10, 11, 11, 13: not worse every month.
	for k, v := range []float64{10, 11, 12, 13} {
		set("WORSE", mon(2009, time.December).AddDate(0, k, 0), v)
	}
	for k, v := range []float64{10, 11, 11, 13} {
		set("WOBBLE", mon(2009, time.December).AddDate(0, k, 0), v)
	}
	for _, m := range months(2008) {
		set("NI65", m, 14.2) // 2008/09 ended at 14.2%: 2009/10 is worse
		set("NI64", m, 6)    // 6%: 2009/10 is better
		set("FLAT", m, 4)    // 48: higher, and neither is better
		set("AMBER", m, 8)
	}
	if _, err := b.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, cells); err != nil {
		t.Fatal(err)
	}
	periods, err := b.st.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pid := periods[0].ID
	for code, tg := range map[string]domain.Target{
		"NI65":  {Op: "<", Value: 14, Source: "LAA"},
		"NI64":  {Op: "<", Value: 10},
		"AMBER": {Op: ">=", Value: 100, Amber: fp(10)},
		"WORSE": {Op: "<", Value: 30},
		"GAP":   {Op: ">=", Value: 10},
	} {
		tg.IndicatorID, tg.PeriodID = d.ids[code], pid
		if err := b.st.SetTarget(ctx, domain.CommandLine, tg); err != nil {
			t.Fatal(err)
		}
	}
	sn, err := b.st.CreateComparatorSeries(ctx, domain.CommandLine, "Statistical neighbours")
	if err != nil {
		t.Fatal(err)
	}
	england, err := b.st.CreateComparatorSeries(ctx, domain.CommandLine, "England")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		series int64
		year   int
		v      float64
	}{{sn, 2008, 13.1}, {sn, 2009, 13.9}, {england, 2008, 13.4}, {england, 2009, 13.2}} {
		if err := b.st.SetComparatorValue(ctx, domain.CommandLine, d.ids["NI65"], c.series, c.year, fp(c.v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.st.SetCommentary(ctx, domain.CommandLine, d.ids["NI65"], pid, "Repeat plans rose after two large sibling groups returned."); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *dashBoard) page(t *testing.T, c *client, path string) *goquery.Document {
	t.Helper()
	res := c.get(path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, res.StatusCode)
	}
	return doc(t, res)
}

func card(d *goquery.Document, code string) *goquery.Selection {
	return d.Find(`[data-testid="card"][data-code="` + code + `"]`)
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// rowText is a table row's cells, each squashed, joined by spaces.
func rowText(row *goquery.Selection) string {
	var cells []string
	row.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, squash(c.Text())) })
	return strings.Join(cells, " ")
}

func TestDashboardRatesEachIndicatorAndSaysWhichWayItMoved(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	page := d.page(t, d.as(domain.RoleChair), "/periods/2009-10/dashboard")
	for _, tc := range []struct {
		code, rag, tag, latest, ytd, target, direction, words string
	}{
		// NI65 at 17% against under 14% is red, and worse than 14.2% last year.
		{"NI65", "red", "Off target", "17%", "17%", "<14%", "worse", "↑ Worse than 2008/09 Up 2.8 percentage points from 14.2%"},
		{"NI64", "green", "On target", "4%", "4%", "<10%", "better", "↓ Better than 2008/09 Down 2 percentage points from 6%"},
		{"AMBER", "amber", "Near target", "8", "96", "≥100", "same", "→ The same as 2008/09 Also 96"},
		// Neither direction is better: not rated, and the words say only which way it moved.
		{"FLAT", "none", "Not rated", "5", "60", "No target", "", "↑ Higher than 2008/09 Up 12 (25%) from 48"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			c := card(page, tc.code)
			if c.Length() != 1 {
				t.Fatalf("%d cards for %s", c.Length(), tc.code)
			}
			if got, _ := c.Attr("data-rag"); got != tc.rag {
				t.Errorf("rating %q, want %q", got, tc.rag)
			}
			tag := c.Find(".govuk-tag").First()
			if got := squash(tag.Text()); got != tc.tag {
				t.Errorf("tag %q, want %q", got, tc.tag)
			}
			if tag.Find("svg[aria-hidden=true]").Length() != 1 {
				t.Error("the rating has no shape beside its words")
			}
			for _, f := range []struct{ sel, want string }{
				{`[data-testid="latest"]`, tc.latest}, {`[data-testid="ytd"]`, tc.ytd},
				{`[data-testid="target"]`, tc.target}, {`[data-testid="direction"]`, tc.words},
			} {
				if got := squash(c.Find(f.sel).Text()); got != f.want {
					t.Errorf("%s: %q, want %q", f.sel, got, f.want)
				}
			}
			if got, _ := c.Find(`[data-testid="direction"]`).Attr("data-direction"); got != tc.direction {
				t.Errorf("direction %q, want %q", got, tc.direction)
			}
		})
	}
	if got := squash(page.Find(`[data-testid="rag-count-red"]`).Text()); got != "1" {
		t.Errorf("%s indicators off target, want 1", got)
	}
}

func TestNeedsAttentionListsRedWorseningAndMissing(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	page := d.page(t, d.as(domain.RoleChair), "/periods/2009-10/dashboard")
	got := map[string][]string{}
	page.Find(`[data-testid="attention-item"]`).Each(func(_ int, row *goquery.Selection) {
		code, _ := row.Attr("data-code")
		row.Find(`[data-testid="reason"]`).Each(func(_ int, r *goquery.Selection) {
			got[code] = append(got[code], squash(r.Text()))
		})
	})
	want := map[string][]string{
		"NI65":  {"Off target: 17% against a target of <14%"},
		"WORSE": {"Worse in each of the last three months: 10 days, 11 days, 12 days, 13 days (December 2009 to March 2010)"},
	}
	keys := func(m map[string][]string) string {
		var ks []string
		for k, v := range m {
			ks = append(ks, k+"="+strings.Join(v, "; "))
		}
		sort.Strings(ks)
		return strings.Join(ks, "\n")
	}
	if keys(got) != keys(want) {
		t.Errorf("needs attention:\n%s\nwant:\n%s", keys(got), keys(want))
	}
	var order []string
	page.Find(`[data-testid="attention-item"]`).Each(func(_ int, row *goquery.Selection) {
		code, _ := row.Attr("data-code")
		order = append(order, code)
	})
	if strings.Join(order, " ") != "NI65 WORSE" {
		t.Errorf("needs attention in the order %v, want off target, then worsening", order)
	}
	// GAP: 11 × 3 = 33 against ≥10 is on target; only its figure for March is
	// missing, so it is listed with its agency's figures not yet in.
	missing := page.Find(`[data-testid="missing"]`)
	if got := squash(missing.Find("caption").Text()); got != "Figures not yet in for March 2010" {
		t.Errorf("missing figures' caption %q", got)
	}
	var gaps []string
	missing.Find(`[data-testid="missing-item"]`).Each(func(_ int, a *goquery.Selection) {
		code, _ := a.Attr("data-code")
		gaps = append(gaps, code)
	})
	if strings.Join(gaps, " ") != "GAP" || missing.Find(`[data-testid="missing-agency"]`).Length() != 1 {
		t.Errorf("figures not yet in: %v in %d agencies' rows, want GAP in one", gaps, missing.Find(`[data-testid="missing-agency"]`).Length())
	}
	// The indicator's page says the same.
	ip := d.page(t, d.as(domain.RoleChair), "/periods/2009-10/indicators/WORSE")
	if r := squash(ip.Find(`[data-testid="attention"] [data-testid="reason"]`).Text()); !strings.HasPrefix(r, "Worse in each of the last three months") {
		t.Errorf("the indicator's page says %q", r)
	}
}

func TestDashboardFiltersNarrowTheCardsAndLiveInTheAddress(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	c := d.as(domain.RoleMember)
	codes := func(page *goquery.Document) string {
		var out []string
		page.Find(`[data-testid="card"]`).Each(func(_ int, s *goquery.Selection) {
			code, _ := s.Attr("data-code")
			out = append(out, code)
		})
		return strings.Join(out, " ")
	}
	all := d.page(t, c, "/periods/2009-10/dashboard")
	// Grouped by theme, in report order within each.
	if got := codes(all); got != "NI65 NI64 AMBER CAUSE FLAT WORSE WOBBLE GAP" {
		t.Fatalf("unfiltered cards %q", got)
	}
	for _, tc := range []struct {
		query url.Values
		want  string
	}{
		{url.Values{"theme": {"Policing"}}, "FLAT WORSE WOBBLE GAP"},
		{url.Values{"agency": {"medway-council"}}, "NI65 NI64 AMBER CAUSE"},
		{url.Values{"rag": {"red"}}, "NI65"},
		{url.Values{"rag": {"none"}}, "FLAT WOBBLE CAUSE"},
		{url.Values{"theme": {"Child protection"}, "agency": {"medway-council"}, "rag": {"green"}}, "NI64"},
		{url.Values{"theme": {"Policing"}, "agency": {"medway-council"}}, ""},
		{url.Values{"theme": {"No such theme"}}, ""},
	} {
		t.Run(tc.query.Encode(), func(t *testing.T) {
			page := d.page(t, c, "/periods/2009-10/dashboard?"+tc.query.Encode())
			if got := codes(page); got != tc.want {
				t.Errorf("cards %q, want %q", got, tc.want)
			}
			if tc.want == "" && page.Find(`[data-testid="no-indicators"]`).Length() != 1 {
				t.Error("no message says that nothing matches")
			}
			// The form shows the filters chosen, so submitting it (a GET) gives the same address.
			form := page.Find(`form[data-testid="filters"]`)
			if m, _ := form.Attr("method"); m != "get" {
				t.Errorf("the filters' form uses %q, want get", m)
			}
			again := url.Values{}
			form.Find("select").Each(func(_ int, s *goquery.Selection) {
				name, _ := s.Attr("name")
				v, _ := s.Find("option[selected]").Attr("value")
				if v != "" {
					again.Set(name, v)
				}
			})
			if tc.query.Get("theme") != "No such theme" && again.Encode() != tc.query.Encode() {
				t.Errorf("the form would submit %q, want %q", again.Encode(), tc.query.Encode())
			}
		})
	}
	// The form sends the filters left empty too: the address drops them.
	res := c.get("/periods/2009-10/dashboard?theme=&agency=&rag=red")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/periods/2009-10/dashboard?rag=red#indicators" {
		t.Errorf("empty filters: %d to %q, want 303 to the address with rag=red alone", res.StatusCode, loc)
	}
	// Filters narrow "needs attention" and "how we compare" too.
	page := d.page(t, c, "/periods/2009-10/dashboard?theme=Policing")
	if n := page.Find(`[data-testid="attention-item"][data-code="NI65"]`).Length(); n != 0 {
		t.Error("NI65 is in another theme but still needs attention")
	}
	if n := page.Find(`[data-testid="comparison"]`).Length(); n != 0 {
		t.Errorf("%d comparisons shown for a theme without comparators", n)
	}
}

func TestDashboardShowsReturnsProgressWithOverdueAgencies(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	ctx := context.Background()
	periods, err := d.st.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := periods[0]
	deadline := time.Date(2010, 4, 30, 0, 0, 0, 0, time.UTC)
	if err := d.st.UpdatePeriod(ctx, domain.CommandLine, p.ID, store.PeriodFields{
		Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true,
	}); err != nil {
		t.Fatal(err)
	}
	page := d.page(t, d.as(domain.RoleChair), "/periods/2009-10/dashboard")
	if got := page.Find(`[data-testid="count-not_started"]`).Text(); got != "2" {
		t.Errorf("not started: %q, want 2", got)
	}
	var overdue []string
	page.Find(`[data-testid="overdue-agency"]`).Each(func(_ int, s *goquery.Selection) { overdue = append(overdue, s.Text()) })
	if strings.Join(overdue, ", ") != "Medway Council, Kent Police" {
		t.Errorf("overdue %v", overdue)
	}
	if page.Find(`a[href="/periods/2009-10/returns"]`).Length() != 1 {
		t.Error("the chair has no link to the returns overview")
	}
	member := d.page(t, d.as(domain.RoleMember), "/periods/2009-10/dashboard")
	if member.Find(`a[href="/periods/2009-10/returns"]`).Length() != 0 {
		t.Error("a member, who may not open the returns overview, is offered a link to it")
	}
}

func TestOnlyTheBoardAndMembersSeeTheDashboard(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	for _, path := range []string{"/periods/2009-10/dashboard", "/periods/2009-10/indicators/NI65"} {
		for role, want := range map[domain.Role]int{
			domain.RoleManager: http.StatusOK, domain.RoleChair: http.StatusOK,
			domain.RoleMember: http.StatusOK, domain.RoleLead: http.StatusForbidden,
		} {
			if got := d.as(role).get(path).StatusCode; got != want {
				t.Errorf("%s as %s: %d, want %d", path, role, got, want)
			}
		}
		if got := d.client().get(path).StatusCode; got != http.StatusSeeOther {
			t.Errorf("%s signed out: %d, want a redirect to sign in", path, got)
		}
	}
	if got := d.as(domain.RoleChair).get("/periods/2009-10/indicators/NOPE").StatusCode; got != http.StatusNotFound {
		t.Errorf("an unknown indicator: %d, want 404", got)
	}
	// The period's page links to the dashboard for those who may see it.
	for role, want := range map[domain.Role]int{domain.RoleChair: 1, domain.RoleMember: 1, domain.RoleManager: 1} {
		page := d.page(t, d.as(role), "/periods/2009-10")
		if n := page.Find(`a[href="/periods/2009-10/dashboard"]`).Length(); n != want {
			t.Errorf("%s sees %d links to the dashboard on the period's page, want %d", role, n, want)
		}
	}
}

func TestAFigureSavedShowsAtTheNextLoad(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	c := d.as(domain.RoleChair)
	before := d.page(t, c, "/periods/2009-10/dashboard")
	if got := squash(card(before, "NI64").Find(`[data-testid="latest"]`).Text()); got != "4%" {
		t.Fatalf("NI64 latest %q", got)
	}
	if _, err := d.st.SaveValues(context.Background(), domain.CommandLine, store.ValueScope{},
		[]domain.CellValue{{Cell: domain.Cell{IndicatorID: d.ids["NI64"], On: mon(2010, time.March)}, Value: fp(12)}}); err != nil {
		t.Fatal(err)
	}
	after := d.page(t, c, "/periods/2009-10/dashboard")
	nc := card(after, "NI64")
	if got := squash(nc.Find(`[data-testid="latest"]`).Text()); got != "12%" {
		t.Errorf("NI64 latest after the save %q, want 12%%", got)
	}
	if got, _ := nc.Attr("data-rag"); got != "red" {
		t.Errorf("NI64 at 12%% against <10%% is %q, want red", got)
	}
}

func TestTheDashboardFiltersByStrategicAim(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	ctx := context.Background()
	period, err := d.st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	effective, err := store.AimList.Add(ctx, d.st, domain.CommandLine, store.Under(period.ID), domain.StrategicAim{Title: "Effective safeguarding", LaterYears: "Audit"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AimList.Add(ctx, d.st, domain.CommandLine, store.Under(period.ID), domain.StrategicAim{Title: "Learning", LaterYears: "Train"}); err != nil {
		t.Fatal(err)
	}
	// The manager says which aims NI65 and NI64 measure, on the indicator's page.
	m := d.as(domain.RoleManager)
	for _, code := range []string{"NI65", "NI64"} {
		res := m.post(fmt.Sprintf("/admin/indicators/%d/aims/2009-10", d.ids[code]), url.Values{"aim": {strconv.FormatInt(effective, 10)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("setting %s's aims: status %d", code, res.StatusCode)
		}
	}
	page := d.page(t, m, fmt.Sprintf("/admin/indicators/%d", d.ids["NI65"]))
	if checked := page.Find(`[data-testid="aims-form"] input[name="aim"][checked]`); checked.Length() != 1 || checked.AttrOr("value", "") != strconv.FormatInt(effective, 10) {
		t.Fatalf("NI65's page does not show its aim chosen")
	}
	c := d.as(domain.RoleChair)
	filtered := d.page(t, c, "/periods/2009-10/dashboard?aim="+strconv.FormatInt(effective, 10))
	var got []string
	filtered.Find(`[data-testid="card"]`).Each(func(_ int, s *goquery.Selection) {
		got = append(got, s.AttrOr("data-code", ""))
	})
	if strings.Join(got, " ") != "NI65 NI64" {
		t.Errorf("cards for the aim: %v, want NI65 NI64", got)
	}
	if sel := filtered.Find(`select[name="aim"] option[selected]`); sel.Text() != "Effective safeguarding" {
		t.Errorf("the aim filter shows %q chosen", sel.Text())
	}
	// An aim of no indicator, or of another period, shows none.
	for _, aim := range []string{"999999", "not-a-number"} {
		if n := d.page(t, c, "/periods/2009-10/dashboard?aim="+aim).Find(`[data-testid="card"]`).Length(); n != 0 {
			t.Errorf("aim %s: %d cards, want none", aim, n)
		}
	}
	// An aim of another period is refused when set on an indicator.
	if _, err := d.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{
		Label: "2010/11", StartsOn: domain.PeriodForYear(2010).StartsOn, EndsOn: domain.PeriodForYear(2010).EndsOn,
	}); err != nil {
		t.Fatal(err)
	}
	if res := m.post(fmt.Sprintf("/admin/indicators/%d/aims/2010-11", d.ids["NI65"]), url.Values{"aim": {strconv.FormatInt(effective, 10)}}); res.StatusCode == http.StatusSeeOther {
		t.Error("an aim of 2009/10 was set for 2010/11")
	}
}
