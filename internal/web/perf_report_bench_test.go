package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// newPerfBoard is a big board with performance data: every agency owns
// perAgency indicators with monthly figures for years years up to 2009/10.
// Of each agency's ten: two are broken down by 5 categories × 4 age bands ×
// 2 genders (40 cells), one by 10 options, one is a snapshot by 5 × 4, one is
// the ratio of two others; every indicator has a target, commentary and two
// comparator series over five years. The figures are written with SQL
// (generate_series) so that the fixture builds in seconds.
func newPerfBoard(tb testing.TB, agencies, perAgency, years int) *bigBoard {
	tb.Helper()
	ctx := context.Background()
	bb := newBigBoard(tb, agencies, 1)
	st := bb.st
	period, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		tb.Fatal(err)
	}
	list, err := st.Agencies(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	dim := func(name string, n int) int64 {
		var labels []string
		for k := range n {
			labels = append(labels, fmt.Sprintf("%s %d", name, k+1))
		}
		id, err := st.CreateDimension(ctx, domain.CommandLine, name, labels)
		if err != nil {
			tb.Fatal(err)
		}
		return id
	}
	category, age, gender, source := dim("Category", 5), dim("Age band", 4), dim("Gender", 2), dim("Source", 10)
	themes := []string{"Child protection", "Referrals", "Looked-after children", "Private fostering", "Training", "Allegations", "Health", "Youth justice"}
	rules := []domain.YTDRule{domain.YTDSum, domain.YTDLatest, domain.YTDMean}
	for a, ag := range list {
		var ids []int64
		for k := range perAgency {
			f := store.IndicatorFields{
				Code: fmt.Sprintf("A%02dI%02d", a+1, k+1), Name: fmt.Sprintf("Indicator %d of %s", k+1, ag.Name),
				Theme: themes[(a*perAgency+k)%len(themes)], Unit: domain.UnitCount, Polarity: domain.PolarityHigher,
				Frequency: domain.FrequencyMonthly, YTDRule: rules[k%len(rules)], AgencyID: ag.ID, Position: a*perAgency + k,
				SuppressSmall: k%2 == 0,
			}
			switch k {
			case 0, 1:
				f.DimensionIDs, f.YTDRule = []int64{category, age, gender}, domain.YTDSum
			case 2:
				f.DimensionIDs = []int64{source}
			case 3:
				f.DimensionIDs, f.Frequency, f.YTDRule = []int64{category, age}, domain.FrequencySnapshot, domain.YTDLatest
			case 9:
				f.Unit, f.YTDRule, f.Polarity = domain.UnitPercentage, domain.YTDRatio, domain.PolarityLower
				f.NumeratorID, f.DenominatorID = &ids[7], &ids[8]
			}
			id, err := st.CreateIndicator(ctx, domain.CommandLine, f)
			if err != nil {
				tb.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	first := 2009 - years + 1
	pool := st.Pool()
	for _, q := range []struct {
		sql  string
		args []any
	}{{
		// Monthly figures, the options of up to three breakdowns crossed; a
		// numerator (position % 10 = 7) stays below its denominator.
		`INSERT INTO indicator_values (indicator_id, on_date, option1_id, option2_id, option3_id, value)
		 SELECT i.id, d::date, o1.id, o2.id, o3.id,
		        (i.id * 7 + extract(month FROM d)::int + coalesce(o1.position, 0) * 3 + coalesce(o2.position, 0)) % 40
		        + CASE WHEN i.position % 10 = 8 THEN 100 ELSE 1 END
		 FROM indicators i
		 LEFT JOIN indicator_dimensions x1 ON x1.indicator_id = i.id AND x1.position = 1
		 LEFT JOIN dimension_options o1 ON o1.dimension_id = x1.dimension_id
		 LEFT JOIN indicator_dimensions x2 ON x2.indicator_id = i.id AND x2.position = 2
		 LEFT JOIN dimension_options o2 ON o2.dimension_id = x2.dimension_id
		 LEFT JOIN indicator_dimensions x3 ON x3.indicator_id = i.id AND x3.position = 3
		 LEFT JOIN dimension_options o3 ON o3.dimension_id = x3.dimension_id
		 CROSS JOIN LATERAL generate_series(
		     CASE WHEN i.frequency = 'snapshot' THEN make_date($1 + 1, 3, 31) ELSE make_date($1, 4, 1) END,
		     make_date(2010, 3, 31), CASE WHEN i.frequency = 'snapshot' THEN interval '1 year' ELSE interval '1 month' END) d
		 WHERE i.ytd_rule <> 'ratio'`, []any{first}},
		{`INSERT INTO targets (indicator_id, period_id, op, value, amber, source)
		 SELECT id, $1, CASE WHEN polarity = 'lower' THEN '<' ELSE '>=' END, 20 + id % 200, 10, 'LAA' FROM indicators`, []any{period.ID}},
		{`INSERT INTO comparator_series (name) VALUES ('Statistical neighbours'), ('England')`, nil},
		{`INSERT INTO comparator_values (indicator_id, series_id, year, value)
		 SELECT i.id, s.id, y, 50 + (i.id + y) % 100 FROM indicators i, comparator_series s, generate_series(2005, 2009) y`, nil},
		{`INSERT INTO indicator_commentary (indicator_id, period_id, body)
		 SELECT id, $1, 'The figures rose in the autumn and fell back by March.' || chr(10) || chr(10) || '- more referrals from schools'
		 FROM indicators`, []any{period.ID}},
	} {
		if _, err := pool.Exec(ctx, q.sql, q.args...); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := testdb.OwnerPool(tb, pool).Exec(ctx, `ANALYZE`); err != nil { // the server's role may not
		tb.Fatal(err)
	}
	return bb
}

func TestPerformanceSectionIsBuiltFromAFewQueriesAtAnySize(t *testing.T) {
	t.Parallel()
	bb := newPerfBoard(t, 4, 10, 6)
	var cells int
	if err := bb.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM indicator_values`).Scan(&cells); err != nil {
		t.Fatal(err)
	}
	bb.queries.Reset()
	rec := bb.get("/periods/2009-10/report/performance")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	all := bb.queries.Queries()
	page := pageQueries(all)
	for i, q := range all {
		t.Logf("query %d: %.120s", i+1, strings.Join(strings.Fields(q), " "))
	}
	// The period (read by the middleware), the three of store.Performance and
	// the section's layout (store.PerfLayout).
	if len(page) > 6 {
		t.Errorf("the page ran %d queries besides the session's and the user's, want at most 6", len(page))
	}
	body := rec.Body.String()
	// The 40 less the 8 numerators and denominators, which feed their ratios.
	if got := strings.Count(body, `data-testid="indicator-`); got != 32 {
		t.Errorf("%d indicators shown, want 32", got)
	}
	for _, want := range []string{`data-testid="breakdown-A01I01-2009"`, `data-testid="breakdown-A01I01-2008"`, `data-testid="by-date-A01I03-2009"`,
		`data-testid="breakdown-A01I04-2009"`, `data-testid="years-A01I05"`, `data-testid="comparators-A01I10"`} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in the page", want)
		}
	}
	t.Logf("%d figures, %d bytes of HTML", cells, len(body))
}

// BenchmarkPerformanceSection measures the server time of the performance
// section with 200 indicators of 20 agencies (10 each), 10 years of monthly
// figures and breakdowns of up to 40 cells:
// go test ./internal/web/ -run '^$' -bench PerformanceSection -benchtime 50x
func BenchmarkPerformanceSection(b *testing.B) {
	start := time.Now()
	bb := newPerfBoard(b, 20, 10, 10)
	var cells int
	if err := bb.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM indicator_values`).Scan(&cells); err != nil {
		b.Fatal(err)
	}
	const path = "/periods/2009-10/report/performance"
	first := bb.get(path)
	if first.Code != http.StatusOK {
		b.Fatalf("status %d", first.Code)
	}
	size := first.Body.Len()
	b.Logf("fixture: %d figures in %v; the page is %d bytes", cells, time.Since(start).Round(time.Millisecond), size)
	b.SetBytes(int64(size))
	bb.queries.Reset()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := bb.serve(httptest.NewRequest(http.MethodGet, path, nil))
		if w.status != http.StatusOK || w.bytes != size {
			b.Fatalf("status %d, %d bytes; want 200 and %d bytes", w.status, w.bytes, size)
		}
	}
	b.ReportMetric(float64(len(pageQueries(bb.queries.Queries())))/float64(b.N), "page-queries/op")
}
