package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// TestTheHomePageShowsWhereTheOpenPeriodStands: the chair, members and the
// manager see the open period's returns by status, its indicators by rating
// and what needs attention on their home page, with the dashboard's own
// figures and a way into it; a lead does not.
func TestTheHomePageShowsWhereTheOpenPeriodStands(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	ctx := context.Background()
	periods, err := d.st.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := periods[0]
	deadline := time.Date(2010, 4, 30, 0, 0, 0, 0, time.UTC)
	open := func(open bool) {
		if err := d.st.UpdatePeriod(ctx, domain.CommandLine, p.ID, store.PeriodFields{
			Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: open,
		}); err != nil {
			t.Fatal(err)
		}
	}
	open(false)
	if home := d.page(t, d.as(domain.RoleChair), "/"); home.Find(`[data-testid="glance"]`).Length() != 0 {
		t.Fatal("a closed period is shown at a glance")
	}
	open(true)
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleMember, domain.RoleManager} {
		t.Run(string(role), func(t *testing.T) {
			c := d.as(role)
			home, dash := d.page(t, c, "/"), d.page(t, c, "/periods/2009-10/dashboard")
			g := home.Find(`[data-testid="glance"][data-period="2009-10"]`)
			if g.Length() != 1 {
				t.Fatalf("%d glances at 2009/10 on the home page", g.Length())
			}
			for _, status := range domain.ReturnStatuses {
				if got, want := squash(g.Find(`[data-testid="glance-count-`+string(status)+`"]`).Text()), squash(dash.Find(`[data-testid="count-`+string(status)+`"]`).Text()); got != want {
					t.Errorf("%s returns: %q at a glance, %q on the dashboard", status, got, want)
				}
			}
			if got := squash(g.Find(`[data-testid="glance-overdue"]`).Text()); got != "2 returns are overdue: Medway Council, Kent Police" {
				t.Errorf("overdue at a glance: %q", got)
			}
			for _, rag := range []string{"red", "amber", "green", "none"} {
				link := g.Find(`[data-testid="glance-rag-` + rag + `"]`)
				count := squash(link.Find(".app-glance__count").Text())
				if want := squash(dash.Find(`[data-testid="rag-count-` + rag + `"]`).Text()); count == "" || count != want {
					t.Errorf("%s indicators: %q at a glance, %q on the dashboard", rag, count, want)
				}
				if href := link.AttrOr("href", ""); href != "/periods/2009-10/dashboard?rag="+rag+"#indicators" {
					t.Errorf("the %s count leads to %q", rag, href)
				}
			}
			var codes []string
			g.Find(`[data-testid="glance-attention-item"]`).Each(func(_ int, s *goquery.Selection) { codes = append(codes, s.AttrOr("data-code", "")) })
			var want []string
			dash.Find(`[data-testid="attention-item"]`).Each(func(_ int, s *goquery.Selection) { want = append(want, s.AttrOr("data-code", "")) })
			if len(codes) == 0 || strings.Join(codes, " ") != strings.Join(want, " ") {
				t.Errorf("needing attention at a glance %v, on the dashboard %v", codes, want)
			}
			if got := squash(g.Find(`[data-testid="glance-missing"]`).Text()); !strings.HasSuffix(got, "no figure yet for March 2010.") {
				t.Errorf("missing figures at a glance: %q", got)
			}
			if href := g.Find(`[data-testid="open-dashboard"]`).AttrOr("href", ""); href != "/periods/2009-10/dashboard" {
				t.Errorf("the way into the dashboard is %q", href)
			}
			wantOverview := 0
			if role != domain.RoleMember {
				wantOverview = 1
			}
			if n := g.Find(`a[href="/periods/2009-10/returns"]`).Length(); n != wantOverview {
				t.Errorf("%d links to the returns overview, want %d", n, wantOverview)
			}
		})
	}
	lead := d.page(t, d.as(domain.RoleLead), "/")
	if lead.Find(`[data-testid="glance"]`).Length() != 0 {
		t.Error("an agency lead is shown the board's dashboard at a glance")
	}
}
