package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// The demo's section 4 follows the seed: its four sub-headings, tables 1–14
// in its numbering, the captions without figures saying so, no table for a
// ratio's parts, and NI66, not placed, at the end in a table of its own.
func TestTheDemoSection4FollowsTheSeed(t *testing.T) {
	t.Parallel()
	srv, period := demoReportServer(t)
	ctx := context.Background()
	page, err := srv.RenderReport(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	headings := texts(d.Find(`[data-testid="perf-theme"] > h3`))
	want := []string{"4.1 Children subject to child protection conferences", "4.2 Referrals made to children’s social care",
		"4.3 Children subject to child protection investigations", "4.4 Children subject to care proceedings, the Public Law Outline and private fostering arrangements"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("sub-headings %q", headings)
	}
	got := captions(d)
	var numbers []string
	d.Find(`[data-testid="perf-theme"] caption, [data-testid="perf-theme"] .app-table-unavailable > p:first-child`).Each(func(_ int, s *goquery.Selection) {
		numbers = append(numbers, strings.SplitN(strings.TrimSpace(s.Text()), ":", 2)[0])
	})
	for i := range 15 {
		if i >= len(numbers) || numbers[i] != fmt.Sprintf("Table %d", i+1) {
			t.Fatalf("tables %q", numbers)
		}
	}
	var unavailable []string
	d.Find(`.app-table-unavailable > p:first-child`).Each(func(_ int, s *goquery.Selection) {
		unavailable = append(unavailable, strings.SplitN(s.Text(), ":", 2)[0])
	})
	if strings.Join(unavailable, "|") != "Table 6|Table 9|Table 10|Table 11|Table 12" {
		t.Errorf("tables without figures %q (%q)", unavailable, got)
	}
	for _, part := range []string{"NI64N", "NI64D", "NI65N", "NI65D", "NI59", "CPC"} {
		if strings.Contains(strings.Join(got, "|"), part+")") || strings.Contains(strings.Join(got, "|"), part+",") || d.Find(`[data-testid="indicator-`+part+`"]`).Length() > 0 {
			t.Errorf("%s has a table", part)
		}
	}
	if d.Find(`[data-testid="indicator-NI66"]`).Length() != 1 || !strings.Contains(d.Find(`[data-testid="indicator-NI66"] caption`).Text(), "Table 15") {
		t.Error("NI66 is not at the end in a table of its own")
	}
	// NI65 quoted by reference reads as table 5 does, in section 4 and in
	// children's services' review alike; no reference is left unexpanded.
	ni65 := rowNamed(t, d.Find(`[data-testid="by-month-NI64"]`), "Children becoming the subject of a child protection plan for a second or later time")
	if ytd := ni65[len(ni65)-2]; ytd != "17%" {
		t.Errorf("table 5's NI65 year to date is %q", ytd)
	}
	text := textOf(d.Find("main"))
	for _, quoted := range []string{"39 of the 229 children who became subject to a plan from April 2009 to February 2010 had been on a plan before (17%)",
		"Of the 229 children and young people who became subject to a plan, 39 (17%) had been on a plan before (NI65)",
		"94.7% of LAC reviews held on time (NI66)", "2,675 children have been referred to children's care, up 299 (12.6%) on Apr 2008–Jan 2009"} {
		if !strings.Contains(text, quoted) {
			t.Errorf("the report does not say %q", quoted)
		}
	}
	if strings.Contains(text, "{{") {
		t.Error("a reference is left as written")
	}
	for _, words := range []string{"section 47", "Public Law Outline", "looked after children"} {
		if !strings.Contains(d.Find(`[data-testid="perf-text"]`).Text(), words) {
			t.Errorf("no narrative on %s", words)
		}
	}
}

// demoReportServer is a server on a fresh database holding the demo board,
// and the demo's 2009/10 period.
func demoReportServer(t *testing.T) (*web.Server, *domain.Period) {
	t.Helper()
	st := testdb.New(t)
	if _, err := demo.Load(context.Background(), st, "a test password"); err != nil {
		t.Fatal(err)
	}
	srv := web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{BoardName: demo.BoardName})
	period, err := st.PeriodBySlug(context.Background(), "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	return srv, period
}
