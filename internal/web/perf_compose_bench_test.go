package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"safeboard/internal/testdb"
)

// composeBigSection4 gives the big board's 2009/10 a composed section 4: per
// agency a sub-heading, text quoting three figures by reference, a table of
// its first indicator by its breakdowns and a table of eight indicators by
// month (its ratio's parts feed the ratio); the chair's overview quotes
// figures too.
func composeBigSection4(tb testing.TB, bb *bigBoard) {
	tb.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO report_perf_blocks (period_id, position, kind, title, body, layout, shows, indicator_ids)
		 SELECT p.id, 4 * (a.rn - 1) + k, (ARRAY['heading', 'text', 'table', 'table'])[k],
		        CASE k WHEN 1 THEN 'Work of ' || a.name WHEN 3 THEN 'Breakdown' WHEN 4 THEN 'By month' ELSE '' END,
		        CASE k WHEN 2 THEN 'This year {{' || a.code || 'I01.ytd}}, {{' || a.code || 'I03.change}}, target {{' || a.code || 'I05.target}}.' ELSE '' END,
		        CASE k WHEN 3 THEN 'indicator' WHEN 4 THEN 'indicators' ELSE '' END,
		        CASE k WHEN 3 THEN 'year' ELSE '' END,
		        CASE k WHEN 3 THEN (SELECT array_agg(i.id) FROM indicators i WHERE i.code = a.code || 'I01')
		               WHEN 4 THEN (SELECT array_agg(i.id ORDER BY i.code) FROM indicators i WHERE i.code LIKE a.code || 'I%' AND i.code NOT IN (a.code || 'I07', a.code || 'I08'))
		               ELSE '{}' END
		 FROM periods p, generate_series(1, 4) k,
		      (SELECT 'A' || lpad(row_number() OVER (ORDER BY id)::text, 2, '0') AS code, name, row_number() OVER (ORDER BY id) AS rn FROM agencies) a
		 WHERE p.slug = '2009-10'`,
		`INSERT INTO report_texts (period_id, kind, body) SELECT id, 'overview', 'Referrals: {{A01I01.ytd}}, {{A01I01.change}}.' FROM periods WHERE slug = '2009-10'
		 ON CONFLICT (period_id, kind) DO UPDATE SET body = excluded.body`,
	} {
		if _, err := bb.st.Pool().Exec(ctx, q); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := testdb.OwnerPool(tb, bb.st.Pool()).Exec(ctx, `ANALYZE`); err != nil { // the server's role may not
		tb.Fatal(err)
	}
}

// BenchmarkComposedReport measures section 4 as the manager composed it,
// after a change and at an unchanged data version, and the whole report as
// HTML (Server.RenderReport, as publishing renders it, reading everything
// afresh rather than the copy kept per data version), at 200 indicators of
// 20 agencies with 10 years of monthly figures:
// go test ./internal/web/ -run '^$' -bench ComposedReport -benchtime 20x
func BenchmarkComposedReport(b *testing.B) {
	bb := newPerfBoard(b, 20, 10, 10)
	composeBigSection4(b, bb)
	ctx := context.Background()
	period, err := bb.st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		b.Fatal(err)
	}
	const path = "/periods/2009-10/report/performance"
	// section4-changed reads the section after each change to the board (a
	// text edited), so nothing kept at the data version before helps: what
	// the first reader after every change waits for.
	// It reports the slowest statement's time too (the page's queries run
	// side by side, so that one sets the pace).
	b.Run("section4-changed", func(b *testing.B) {
		b.ReportAllocs()
		var slowest, n time.Duration
		for b.Loop() {
			b.StopTimer()
			if _, err := bb.st.Pool().Exec(ctx, `UPDATE report_texts SET body = body || ' ' WHERE period_id = $1`, period.ID); err != nil {
				b.Fatal(err)
			}
			bb.queries.Reset()
			b.StartTimer()
			if w := bb.serve(httptest.NewRequest(http.MethodGet, path, nil)); w.status != http.StatusOK {
				b.Fatalf("status %d", w.status)
			}
			slowest += slices.Max(append(bb.queries.Took(), 0))
			n++
		}
		b.ReportMetric(float64(slowest/n)/float64(time.Millisecond), "ms-slowest-query/op")
	})
	// section4 reads it again at the same data version, as every reader
	// after the first does.
	b.Run("section4", func(b *testing.B) {
		if first := bb.get(path); first.Code != http.StatusOK {
			b.Fatalf("status %d", first.Code)
		}
		b.ReportAllocs()
		for b.Loop() {
			if w := bb.serve(httptest.NewRequest(http.MethodGet, path, nil)); w.status != http.StatusOK {
				b.Fatalf("status %d", w.status)
			}
		}
	})
	b.Run("report", func(b *testing.B) {
		var size int
		b.ReportAllocs()
		for b.Loop() {
			page, err := bb.srv.RenderReport(ctx, *period)
			if err != nil {
				b.Fatal(err)
			}
			size = len(page)
		}
		b.ReportMetric(float64(size)/1024, "KiB-html")
	})
}
