package store_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// TestBreakdownTotalsAgreeWithTheDatabasesCubeOverEveryFigure holds the
// breakdowns' totals worked out in Go (from the cells' sums by year and the
// sums by date and option that the triggers keep) to a plain CUBE and ROLLUP
// over every figure stored, for random figures under each rule: summed and
// averaged by month with three and two breakdowns, the latest rule on a
// snapshot, and shares of a share base. Every total, share and figure by
// date must agree, and none may be given where the database has none.
func TestBreakdownTotalsAgreeWithTheDatabasesCubeOverEveryFigure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testdb.New(t)
	var period domain.Period
	for _, y := range []int{2008, 2009} {
		p := domain.PeriodForYear(y)
		id, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
		must(t, err)
		p.ID = id
		period = p
	}
	agency, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Council", Slug: "council", ShortName: "C", Sector: "Local authority", Active: true})
	must(t, err)
	var dims []int64
	options := map[int64][]int64{} // by dimension
	for _, d := range []struct {
		name string
		n    int
	}{{"Category", 3}, {"Age band", 2}, {"Gender", 2}} {
		var labels []string
		for k := range d.n {
			labels = append(labels, fmt.Sprintf("%s %d", d.name, k+1))
		}
		id, err := st.CreateDimension(ctx, domain.CommandLine, d.name, labels)
		must(t, err)
		dim, err := st.DimensionByID(ctx, id)
		must(t, err)
		for _, o := range dim.Options {
			options[id] = append(options[id], o.ID)
		}
		dims = append(dims, id)
	}
	base, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "BASE", Name: "Base", Theme: "T", Unit: domain.UnitCount,
		Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, AgencyID: agency})
	must(t, err)
	type spec struct {
		code  string
		freq  domain.Frequency
		rule  domain.YTDRule
		dims  []int64
		share bool
	}
	specs := []spec{
		{"SUM3", domain.FrequencyMonthly, domain.YTDSum, dims, false},
		{"SUM1", domain.FrequencyMonthly, domain.YTDSum, dims[:1], false},
		{"MEAN2", domain.FrequencyMonthly, domain.YTDMean, dims[:2], false},
		{"MEAN1", domain.FrequencyMonthly, domain.YTDMean, dims[1:2], false},
		{"LATEST2", domain.FrequencyMonthly, domain.YTDLatest, dims[:2], false},
		{"SNAP3", domain.FrequencySnapshot, domain.YTDLatest, dims, false},
		{"SHARE", domain.FrequencyMonthly, domain.YTDSum, dims[:1], true},
	}
	rng := rand.New(rand.NewPCG(13, 2009))
	var cells []domain.CellValue
	ids := map[string]int64{}
	for k, s := range specs {
		f := store.IndicatorFields{Code: s.code, Name: s.code, Theme: "T", Unit: domain.UnitCount, Polarity: domain.PolarityNeither,
			Frequency: s.freq, YTDRule: s.rule, AgencyID: agency, DimensionIDs: s.dims, Position: k + 1}
		if s.share {
			f.ShareBaseID = &base
		}
		id, err := st.CreateIndicator(ctx, domain.CommandLine, f)
		must(t, err)
		ids[s.code] = id
		var dates []time.Time
		for d := time.Date(2008, time.April, 1, 0, 0, 0, 0, time.UTC); d.Before(period.EndsOn); d = d.AddDate(0, 1, 0) {
			if s.freq == domain.FrequencySnapshot {
				dates = append(dates, d.AddDate(0, 0, rng.IntN(27))) // snapshots on any day
			} else {
				dates = append(dates, d)
			}
		}
		for _, on := range dates {
			// every combination of options, some of them unknown
			combos := [][domain.MaxDimensions]int64{{}}
			for k, d := range s.dims {
				var next [][domain.MaxDimensions]int64
				for _, c := range combos {
					for _, o := range options[d] {
						c[k] = o
						next = append(next, c)
					}
				}
				combos = next
			}
			for _, c := range combos {
				if rng.IntN(4) == 0 {
					continue
				}
				v := float64(rng.IntN(40))
				if s.rule == domain.YTDMean {
					v += float64(rng.IntN(100)) / 100
				}
				cells = append(cells, domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: on, Options: c}, Value: &v})
			}
			if s.share {
				v := float64(200 + rng.IntN(100))
				cells = append(cells, domain.CellValue{Cell: domain.Cell{IndicatorID: base, On: on}, Value: &v})
			}
		}
	}
	_, err = st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, cells)
	must(t, err)

	perf, err := st.Performance(ctx, period)
	must(t, err)
	got := map[int64]store.IndicatorPerformance{}
	for _, ip := range perf.Indicators {
		got[ip.ID] = ip
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

	// The totals by year: a CUBE over every figure (for the latest rule,
	// those of the year's last date), a mean being the sum over the count.
	rows, err := st.Pool().Query(ctx, `
WITH v AS (
    SELECT v.indicator_id, financial_year(v.on_date) AS yr, v.on_date,
           coalesce(v.option1_id, 0) AS o1, coalesce(v.option2_id, 0) AS o2, coalesce(v.option3_id, 0) AS o3, v.value
    FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
    WHERE financial_year(v.on_date) IN (2008, 2009) AND i.code <> 'BASE'
), counted AS (
    SELECT v.* FROM v JOIN indicators i ON i.id = v.indicator_id
    WHERE i.ytd_rule <> 'latest' OR v.on_date = (SELECT max(on_date) FROM v w WHERE w.indicator_id = v.indicator_id AND w.yr = v.yr)
)
SELECT c.indicator_id, c.yr, GROUPING(o1, o2, o3), coalesce(o1, 0), coalesce(o2, 0), coalesce(o3, 0),
       (CASE WHEN i.ytd_rule = 'mean' THEN sum(c.value) / count(*) ELSE sum(c.value) END)::float8
FROM counted c JOIN indicators i ON i.id = c.indicator_id
GROUP BY c.indicator_id, i.ytd_rule, c.yr, CUBE (o1, o2, o3)`)
	must(t, err)
	type key struct {
		id   int64
		yr   int
		opts [domain.MaxDimensions]int64
	}
	want := map[key]float64{}
	for rows.Next() {
		var k key
		var g int
		var v float64
		must(t, rows.Scan(&k.id, &k.yr, &g, &k.opts[0], &k.opts[1], &k.opts[2], &v))
		skip := false
		for d := range domain.MaxDimensions {
			if g&(4>>d) == 0 && k.opts[d] == 0 {
				skip = true // a breakdown the indicator lacks: only its total over every option
			}
		}
		if !skip {
			want[key{k.id, k.yr, k.opts}] = v
		}
	}
	must(t, rows.Err())
	var base2008, base2009 float64
	must(t, st.Pool().QueryRow(ctx, `SELECT coalesce(sum(value) FILTER (WHERE financial_year(on_date) = 2008), 0)::float8,
	    coalesce(sum(value) FILTER (WHERE financial_year(on_date) = 2009), 0)::float8 FROM indicator_values WHERE indicator_id = $1`, base).Scan(&base2008, &base2009))
	baseYear := map[int]float64{2008: base2008, 2009: base2009}

	checked := 0
	for _, s := range specs {
		ip := got[ids[s.code]]
		for yr, br := range map[int]*store.Breakdown{2008: ip.PreviousBreakdown, 2009: ip.Breakdown} {
			if br == nil || br.Year != yr {
				t.Fatalf("%s %d: breakdown %+v", s.code, yr, br)
			}
			if s.rule == domain.YTDLatest && br.On == nil {
				t.Errorf("%s %d: no date for the latest rule", s.code, yr)
			}
			all := func(k int) []int64 {
				if k >= len(s.dims) {
					return []int64{0}
				}
				return append([]int64{0}, options[s.dims[k]]...)
			}
			for _, o1 := range all(0) {
				for _, o2 := range all(1) {
					for _, o3 := range all(2) {
						k := key{ip.ID, yr, [domain.MaxDimensions]int64{o1, o2, o3}}
						w, known := want[k]
						tot, ok := br.Total(o1, o2, o3)
						if ok != known || (ok && !close(tot.Value, w)) {
							t.Errorf("%s %d total(%d, %d, %d) = %v (%v), want %v (%v)", s.code, yr, o1, o2, o3, tot.Value, ok, w, known)
							continue
						}
						checked++
						if !ok {
							continue
						}
						of := want[key{ip.ID, yr, [domain.MaxDimensions]int64{}}]
						if s.share {
							of = baseYear[yr]
						}
						switch {
						case s.rule == domain.YTDMean:
							if tot.Share != nil {
								t.Errorf("%s: a mean has a share %v", s.code, *tot.Share)
							}
						case tot.Share == nil || !close(*tot.Share, w/of*100):
							t.Errorf("%s %d total(%d, %d, %d): share %v, want %v", s.code, yr, o1, o2, o3, show(tot.Share), w/of*100)
						}
					}
				}
			}
		}
	}

	// The figures by date: a ROLLUP over the first option (and the second,
	// for two breakdowns) on every date.
	rows, err = st.Pool().Query(ctx, `
SELECT v.indicator_id, v.on_date, GROUPING(o1, o2), coalesce(o1, 0), coalesce(o2, 0),
       (CASE WHEN i.ytd_rule = 'mean' THEN sum(v.value) / count(*) ELSE sum(v.value) END)::float8
FROM (SELECT indicator_id, on_date, option1_id AS o1, CASE WHEN option3_id IS NULL THEN option2_id END AS o2, value
      FROM indicator_values WHERE on_date >= '2008-04-01') v
JOIN indicators i ON i.id = v.indicator_id
WHERE i.code <> 'BASE' AND i.frequency = 'monthly'
GROUP BY v.indicator_id, i.ytd_rule, v.on_date, ROLLUP (o1, o2)`)
	must(t, err)
	byDate := 0
	for rows.Next() {
		var id int64
		var on time.Time
		var g int
		var o1, o2 int64
		var w float64
		must(t, rows.Scan(&id, &on, &g, &o1, &o2, &w))
		if g == 0 && o2 == 0 {
			continue // one breakdown by date: its first option is the pair
		}
		ip := got[id]
		br := ip.Breakdown
		if on.Before(period.StartsOn) {
			br = ip.PreviousBreakdown
		}
		if v := br.AtDate(on, o1, o2); v == nil || !close(*v, w) {
			t.Errorf("%s on %s (%d, %d) = %v, want %v", ip.Code, on.Format(time.DateOnly), o1, o2, show(v), w)
		}
		byDate++
	}
	must(t, rows.Err())
	t.Logf("checked %d totals and %d figures by date", checked, byDate)
	if checked < 150 || byDate < 500 {
		t.Fatalf("checked %d totals and %d figures by date: the fixture holds too few", checked, byDate)
	}
}
