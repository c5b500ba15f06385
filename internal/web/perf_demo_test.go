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
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// The demo's section 4 follows the seed: its four sub-headings, tables 1–14
// in its numbering, the captions without figures saying so, no table for a
// ratio's parts, and NI66, not placed, at the end in a table of its own.
func TestTheDemoSection4FollowsTheSeed(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, "a test password"); err != nil {
		t.Fatal(err)
	}
	srv := web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{BoardName: demo.BoardName})
	period, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
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
	for _, words := range []string{"section 47", "Public Law Outline", "looked after children"} {
		if !strings.Contains(d.Find(`[data-testid="perf-text"]`).Text(), words) {
			t.Errorf("no narrative on %s", words)
		}
	}
}
