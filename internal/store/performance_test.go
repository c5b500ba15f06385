package store_test

import (
	"context"
	"math"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// perfFixture is one agency, the periods 2008/09 and 2009/10, and indicators
// of every rule, with figures in both periods and a little older history.
type perfFixture struct {
	st      *store.Store
	queries *store.QueryCounter
	period  domain.Period
	agency  int64
	ids     map[string]int64
	options map[string]int64 // by label
}

func month(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

func newPerfFixture(t *testing.T) *perfFixture {
	t.Helper()
	ctx := context.Background()
	st, queries, err := store.OpenCounting(ctx, testdb.URL(t))
	must(t, err)
	t.Cleanup(st.Close)
	f := &perfFixture{st: st, queries: queries, ids: map[string]int64{}, options: map[string]int64{}}
	for _, y := range []int{2008, 2009} {
		p := domain.PeriodForYear(y)
		id, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
		must(t, err)
		p.ID = id
		f.period = p
	}
	f.agency, err = st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Council", Slug: "council", ShortName: "C", Sector: "Local authority", Active: true})
	must(t, err)
	for _, d := range []struct {
		name    string
		options []string
	}{{"Category", []string{"Neglect", "Emotional"}}, {"Age band", []string{"0-5", "6-10"}}, {"Gender", []string{"F", "M"}}} {
		_, err := st.CreateDimension(ctx, domain.CommandLine, d.name, d.options)
		must(t, err)
	}
	dims, err := st.Dimensions(ctx)
	must(t, err)
	dimID := map[string]int64{}
	for _, d := range dims {
		dimID[d.Name] = d.ID
		for _, o := range d.Options {
			f.options[o.Label] = o.ID
		}
	}
	add := func(code string, unit domain.Unit, pol domain.Polarity, freq domain.Frequency, rule domain.YTDRule, dims ...string) {
		fields := store.IndicatorFields{Code: code, Name: code + " name", Theme: "Theme of " + code[:1], Unit: unit, Polarity: pol,
			Frequency: freq, YTDRule: rule, AgencyID: f.agency, Position: len(f.ids)}
		for _, d := range dims {
			fields.DimensionIDs = append(fields.DimensionIDs, dimID[d])
		}
		if rule == domain.YTDRatio {
			n, d := f.ids["NUM"], f.ids["DEN"]
			fields.NumeratorID, fields.DenominatorID = &n, &d
		}
		id, err := st.CreateIndicator(ctx, domain.CommandLine, fields)
		must(t, err)
		f.ids[code] = id
	}
	add("SUM", domain.UnitCount, domain.PolarityHigher, domain.FrequencyMonthly, domain.YTDSum)
	add("LATEST", domain.UnitCount, domain.PolarityNeither, domain.FrequencyMonthly, domain.YTDLatest)
	add("MEAN", domain.UnitDays, domain.PolarityLower, domain.FrequencyMonthly, domain.YTDMean)
	add("NUM", domain.UnitCount, domain.PolarityNeither, domain.FrequencyMonthly, domain.YTDSum)
	add("DEN", domain.UnitCount, domain.PolarityNeither, domain.FrequencyMonthly, domain.YTDSum)
	add("RATIO", domain.UnitPercentage, domain.PolarityLower, domain.FrequencyMonthly, domain.YTDRatio)
	add("CP", domain.UnitCount, domain.PolarityNeither, domain.FrequencySnapshot, domain.YTDLatest, "Category", "Age band", "Gender")
	add("CAUSE", domain.UnitCount, domain.PolarityNeither, domain.FrequencyMonthly, domain.YTDSum, "Category")
	add("LEN", domain.UnitCount, domain.PolarityNeither, domain.FrequencyMonthly, domain.YTDLatest, "Category", "Age band")
	add("EMPTY", domain.UnitCount, domain.PolarityHigher, domain.FrequencyMonthly, domain.YTDSum)

	var cells []domain.CellValue
	set := func(code string, on time.Time, v float64, options ...string) {
		c := domain.CellValue{Cell: domain.Cell{IndicatorID: f.ids[code], On: on}, Value: num(v)}
		for k, o := range options {
			c.Options[k] = f.options[o]
		}
		cells = append(cells, c)
	}
	// SUM: 10 + 20 + 30 this year, 50 last year, 7 six years ago (outside the years read).
	set("SUM", month(2009, time.April), 10)
	set("SUM", month(2009, time.May), 20)
	set("SUM", month(2009, time.June), 30)
	set("SUM", month(2008, time.April), 50)
	set("SUM", month(2003, time.April), 7)
	// LATEST: 5 in April, 9 in May, June not known.
	set("LATEST", month(2009, time.April), 5)
	set("LATEST", month(2009, time.May), 9)
	// MEAN: 10 and 20 days, May not known: the mean of the known months is 15.
	set("MEAN", month(2009, time.April), 10)
	set("MEAN", month(2009, time.June), 20)
	// RATIO: 1/2 in April (50%), 9/90 in May (10%): the mean of the months is
	// 30%, the ratio of the sums 10/92.
	set("NUM", month(2009, time.April), 1)
	set("DEN", month(2009, time.April), 2)
	set("NUM", month(2009, time.May), 9)
	set("DEN", month(2009, time.May), 90)
	set("DEN", month(2009, time.June), 40) // a month with no numerator does not count
	// CP: snapshots by category × age × gender. The earlier snapshot of the
	// year is not the one shown; last year's is the previous breakdown.
	n := 1.0
	for _, cat := range []string{"Neglect", "Emotional"} {
		for _, age := range []string{"0-5", "6-10"} {
			for _, g := range []string{"F", "M"} {
				set("CP", time.Date(2010, 3, 17, 0, 0, 0, 0, time.UTC), n, cat, age, g)
				set("CP", time.Date(2009, 9, 30, 0, 0, 0, 0, time.UTC), 100, cat, age, g)
				set("CP", time.Date(2009, 3, 31, 0, 0, 0, 0, time.UTC), 2*n, cat, age, g)
				n++
			}
		}
	}
	// CAUSE: by category by month.
	set("CAUSE", month(2009, time.April), 3, "Neglect")
	set("CAUSE", month(2009, time.April), 1, "Emotional")
	set("CAUSE", month(2009, time.May), 4, "Neglect")
	set("CAUSE", month(2008, time.May), 6, "Emotional")
	// LEN: children on plans by category and length of plan at each month's end (seed table 4).
	set("LEN", month(2009, time.April), 5, "Neglect", "0-5")
	set("LEN", month(2009, time.April), 2, "Neglect", "6-10")
	set("LEN", month(2009, time.April), 1, "Emotional", "0-5")
	set("LEN", month(2009, time.May), 6, "Neglect", "0-5")
	set("LEN", month(2009, time.May), 3, "Emotional", "6-10")
	_, err = st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, cells)
	must(t, err)

	for code, target := range map[string]domain.Target{
		"SUM":   {Op: ">=", Value: 55},
		"MEAN":  {Op: "<", Value: 12, Amber: num(2)}, // 15 is 3 past: red
		"RATIO": {Op: "<", Value: 10, Amber: num(1)}, // 10.87 is within 1: amber
		// LATEST has no target; its polarity is neither anyway.
	} {
		target.IndicatorID, target.PeriodID = f.ids[code], f.period.ID
		must(t, st.SetTarget(ctx, domain.CommandLine, target))
	}
	england, err := st.CreateComparatorSeries(ctx, domain.CommandLine, "England")
	must(t, err)
	sn, err := st.CreateComparatorSeries(ctx, domain.CommandLine, "Statistical neighbours")
	must(t, err)
	must(t, st.SetComparatorValue(ctx, domain.CommandLine, f.ids["SUM"], england, 2008, num(45)))
	must(t, st.SetComparatorValue(ctx, domain.CommandLine, f.ids["SUM"], england, 2009, num(58)))
	must(t, st.SetComparatorValue(ctx, domain.CommandLine, f.ids["SUM"], sn, 2009, num(61)))
	must(t, st.SetComparatorValue(ctx, domain.CommandLine, f.ids["SUM"], sn, 1999, num(1))) // too old to read
	must(t, st.SetCommentary(ctx, domain.CommandLine, f.ids["SUM"], f.period.ID, "Referrals rose."))
	return f
}

func (f *perfFixture) read(t *testing.T) map[string]store.IndicatorPerformance {
	t.Helper()
	f.queries.Reset()
	perf, err := f.st.Performance(context.Background(), f.period)
	must(t, err)
	if n := f.queries.Count(); n > 3 {
		t.Errorf("Performance ran %d queries, want at most 3", n)
	}
	out := map[string]store.IndicatorPerformance{}
	for _, ip := range perf.Indicators {
		out[ip.Code] = ip
	}
	if len(out) != len(f.ids) {
		t.Fatalf("read %d indicators, want %d", len(out), len(f.ids))
	}
	return out
}

func near(got *float64, want float64) bool { return got != nil && math.Abs(*got-want) < 1e-9 }

func show(v *float64) any {
	if v == nil {
		return "not known"
	}
	return *v
}

func TestPerformanceFormsTheYearToDateByRule(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	got := f.read(t)
	for _, tc := range []struct {
		code string
		want float64
	}{
		{"SUM", 60},
		{"LATEST", 9},
		{"MEAN", 15},
		{"RATIO", 10.0 / 92 * 100},
		{"CAUSE", 8},
		{"CP", 36}, // the latest snapshot's total: 1 + 2 + … + 8
	} {
		if ip := got[tc.code]; !near(ip.YTD, tc.want) {
			t.Errorf("%s: year to date %v, want %v", tc.code, show(ip.YTD), tc.want)
		}
	}
	if ip := got["EMPTY"]; ip.YTD != nil || ip.Latest != nil || ip.RAG != domain.RAGNone || len(ip.Figures) != 12 {
		t.Errorf("an indicator without figures: %+v", ip)
	}
	// The ratio is not the mean of the monthly percentages (30%).
	ratio := got["RATIO"]
	if near(ratio.YTD, 30) {
		t.Error("the ratio's year to date is the mean of its monthly percentages")
	}
	if !near(ratio.Figures[0].Value, 50) || !near(ratio.Figures[1].Value, 10) || ratio.Figures[2].Value != nil {
		t.Errorf("the ratio's monthly figures: %v, %v, %v; want 50, 10 and not known", show(ratio.Figures[0].Value), show(ratio.Figures[1].Value), show(ratio.Figures[2].Value))
	}
	latest := got["LATEST"]
	if latest.Latest == nil || !latest.Latest.On.Equal(month(2009, time.May)) || !near(latest.Latest.Value, 9) {
		t.Errorf("latest figure %+v, want 9 in May 2009", latest.Latest)
	}
	if len(latest.Figures) != 12 || !near(latest.Figures[0].Value, 5) || latest.Figures[2].Value != nil {
		t.Errorf("figures by month: %+v", latest.Figures)
	}
	// The change against last year, like for like (the months both years
	// have), judged by polarity: SUM's April, 10 against 50, not its three
	// months against last year's one.
	sum := got["SUM"]
	if c := sum.Comparison; !near(sum.PreviousYTD, 50) || !near(c.Change, -40) || c.Direction != domain.DirectionWorse || sum.PreviousLabel != "2008/09" {
		t.Errorf("SUM: previous %v, change %v, %q, %q; want 50, -40, worse, 2008/09", show(sum.PreviousYTD), show(c.Change), c.Direction, sum.PreviousLabel)
	}
	if got, want := sum.LikeForLike.Sentence(sum.Indicator, false, false), "Apr 2009: 10, against 50 in Apr 2008: down 40 (80%)"; got != want {
		t.Errorf("SUM: %q, want %q", got, want)
	}
	// CAUSE has May in both years: 4 against 6.
	if c := got["CAUSE"].Comparison; !near(c.Change, -2) || c.Direction != domain.DirectionNone {
		t.Errorf("CAUSE (neither is better): change %v, %q; want -2 and no direction", show(c.Change), c.Direction)
	}
	// A snapshot against the nearest snapshot a year before.
	if cp := got["CP"]; cp.LikeForLike.Sentence(cp.Indicator, false, false) != "17 Mar 2010: 36, against 72 at 31 Mar 2009: down 36 (50%)" {
		t.Errorf("CP: %q", cp.LikeForLike.Sentence(cp.Indicator, false, false))
	}
	// The rolling 12 months: SUM's April to June 2009 (April 2008 is more
	// than a year before June 2009); none for a snapshot.
	if r := sum.Rolling12; r == nil || r.Value != 60 || !r.From.Equal(month(2009, time.April)) {
		t.Errorf("SUM rolling 12 months: %+v, want 60 from April 2009", r)
	}
	if got["CP"].Rolling12 != nil {
		t.Error("a snapshot has a rolling 12 months")
	}
	if got["MEAN"].Comparison.Change != nil {
		t.Error("MEAN has no figures last year but has a change")
	}
	// Years by months: this year and last year, not the figure six years ago.
	if len(sum.Years) != 2 || sum.Years[0].Label != "2008/09" || !near(sum.Years[0].Figures[0].Value, 50) || !near(sum.Years[1].YTD, 60) {
		t.Errorf("SUM years by months: %+v", sum.Years)
	}
	if cp := got["CP"]; len(cp.Figures) != 2 || !cp.Figures[0].On.Equal(time.Date(2009, 9, 30, 0, 0, 0, 0, time.UTC)) || !near(cp.Figures[1].Value, 36) {
		t.Errorf("a snapshot's figures are its known dates: %+v", cp.Figures)
	}
	if len(got["CP"].Years) != 0 {
		t.Error("a snapshot indicator has a years-by-months table")
	}
	// Comparators: England and statistical neighbours by year with ours.
	if len(sum.Series) != 2 || sum.Series[0].Name != "England" || len(sum.Comparators) != 2 {
		t.Fatalf("SUM comparators: %+v %+v", sum.Series, sum.Comparators)
	}
	c08, c09 := sum.Comparators[0], sum.Comparators[1]
	if c08.Year != 2008 || !near(c08.Ours, 50) || !near(c08.Values[0], 45) || c08.Values[1] != nil ||
		c09.Label != "2009/10" || !near(c09.Ours, 60) || !near(c09.Values[0], 58) || !near(c09.Values[1], 61) {
		t.Errorf("comparators by year: %+v %+v", c08, c09)
	}
	if sum.Commentary != "Referrals rose." || got["MEAN"].Commentary != "" {
		t.Errorf("commentary %q", sum.Commentary)
	}
}

func TestPerformanceRatesAgainstTheTargetWithPolarityAndAmber(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	got := f.read(t)
	for code, want := range map[string]domain.RAG{"SUM": domain.RAGGreen, "MEAN": domain.RAGRed, "RATIO": domain.RAGAmber, "LATEST": domain.RAGNone} {
		if ip := got[code]; ip.RAG != want {
			t.Errorf("%s: RAG %q, want %q (year to date %v, target %+v)", code, ip.RAG, want, show(ip.YTD), ip.Target)
		}
	}
	if tg := got["RATIO"].Target; tg == nil || tg.Op != "<" || tg.Value != 10 || tg.Amber == nil || *tg.Amber != 1 {
		t.Errorf("RATIO target %+v", tg)
	}
	// The SQL function itself, for each polarity and operator.
	for _, tc := range []struct {
		v       float64
		op      string
		target  float64
		amber   *float64
		pol     string
		want    string
		comment string
	}{
		{13, "<", 14, nil, "lower", "green", "below a < target"},
		{14, "<", 14, nil, "lower", "red", "on a < threshold is not below it"},
		{14, "<=", 14, nil, "lower", "green", "on a <= threshold"},
		{15, "<", 14, num(1), "lower", "amber", "within the amber margin"},
		{15.5, "<", 14, num(1), "lower", "red", "past the amber margin"},
		{80, ">", 74, nil, "higher", "green", "above a > target"},
		{74, ">=", 74, nil, "higher", "green", "on a >= threshold"},
		{72, ">", 74, num(2), "higher", "amber", "at the edge of the amber margin"},
		{71, ">", 74, num(2), "higher", "red", "past the amber margin"},
		{71, ">", 74, num(2), "neither", "", "neither direction is better"},
	} {
		var rag string
		err := f.st.Pool().QueryRow(context.Background(), `SELECT rag($1::numeric, $2, $3::numeric, $4::numeric, $5)`,
			tc.v, tc.op, tc.target, tc.amber, tc.pol).Scan(&rag)
		must(t, err)
		if rag != tc.want {
			t.Errorf("rag(%v %s %v, amber %v, %s) = %q, want %q: %s", tc.v, tc.op, tc.target, show(tc.amber), tc.pol, rag, tc.want, tc.comment)
		}
	}
}

func TestPerformanceBreakdownTotalsAreTheSumsOfTheirParts(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	got := f.read(t)
	cp := got["CP"]
	b := cp.Breakdown
	if b == nil || b.On == nil || !b.On.Equal(time.Date(2010, 3, 17, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("CP breakdown %+v: want the snapshot of 17 March 2010", b)
	}
	cats := []int64{f.options["Neglect"], f.options["Emotional"]}
	ages := []int64{f.options["0-5"], f.options["6-10"]}
	genders := []int64{f.options["F"], f.options["M"]}
	total := func(b *store.Breakdown, o1, o2, o3 int64) float64 {
		t.Helper()
		tot, ok := b.Total(o1, o2, o3)
		if !ok {
			t.Fatalf("no total for %d, %d, %d", o1, o2, o3)
		}
		return tot.Value
	}
	// Every cell is known: 1 … 8 in order.
	n := 1.0
	for _, c := range cats {
		for _, a := range ages {
			for _, g := range genders {
				if v := total(b, c, a, g); v != n {
					t.Errorf("cell %d/%d/%d = %v, want %v", c, a, g, v, n)
				}
				n++
			}
		}
	}
	// Every sub-total is the sum of the cells under it, in every combination.
	with := func(o int64) []int64 {
		if o == 0 {
			return nil
		}
		return []int64{o}
	}
	for _, o1 := range append([]int64{0}, cats...) {
		for _, o2 := range append([]int64{0}, ages...) {
			for _, o3 := range append([]int64{0}, genders...) {
				want := 0.0
				for _, c := range orAll(with(o1), cats) {
					for _, a := range orAll(with(o2), ages) {
						for _, g := range orAll(with(o3), genders) {
							want += total(b, c, a, g)
						}
					}
				}
				if got := total(b, o1, o2, o3); got != want {
					t.Errorf("total(%d, %d, %d) = %v, want the sum of its parts %v", o1, o2, o3, got, want)
				}
			}
		}
	}
	grand, _ := b.Total(0, 0, 0)
	if grand.Value != 36 || grand.Share == nil || *grand.Share != 100 {
		t.Errorf("grand total %+v, want 36 and 100%%", grand)
	}
	neglect, _ := b.Total(cats[0], 0, 0)
	if !near(neglect.Share, 10.0/36*100) {
		t.Errorf("neglect's share %v, want %v", show(neglect.Share), 10.0/36*100)
	}
	// Last year's snapshot is the previous breakdown.
	prev := cp.PreviousBreakdown
	if prev == nil || prev.Label != "2008/09" || prev.On == nil || !prev.On.Equal(time.Date(2009, 3, 31, 0, 0, 0, 0, time.UTC)) || total(prev, 0, 0, 0) != 72 {
		t.Errorf("previous breakdown %+v", prev)
	}

	// A monthly indicator by one dimension: by month and option, with totals and shares.
	cause := got["CAUSE"].Breakdown
	if v := cause.AtDate(month(2009, time.April), cats[0], 0); !near(v, 3) {
		t.Errorf("neglect in April %v, want 3", show(v))
	}
	if v := cause.AtDate(month(2009, time.April), 0, 0); !near(v, 4) {
		t.Errorf("all causes in April %v, want 4", show(v))
	}
	if v := cause.AtDate(month(2009, time.June), 0, 0); v != nil {
		t.Errorf("June %v, want not known", show(v))
	}
	neg, _ := cause.Total(cats[0], 0, 0)
	emo, _ := cause.Total(cats[1], 0, 0)
	all, _ := cause.Total(0, 0, 0)
	if neg.Value != 7 || emo.Value != 1 || all.Value != 8 || !near(neg.Share, 87.5) || !near(emo.Share, 12.5) {
		t.Errorf("cause totals %+v %+v %+v", neg, emo, all)
	}
	if cause.On != nil {
		t.Error("a summed breakdown has a snapshot date")
	}
	if p := got["CAUSE"].PreviousBreakdown; p == nil || !near(p.AtDate(month(2008, time.May), cats[1], 0), 6) {
		t.Errorf("CAUSE previous breakdown %+v", p)
	}
	// Two dimensions by month (seed table 4), latest rule: the period's cells are May's.
	ln := got["LEN"].Breakdown
	if v := ln.AtDate(month(2009, time.April), cats[0], ages[1]); !near(v, 2) {
		t.Errorf("LEN neglect 6-10 in April %v, want 2", show(v))
	}
	if v := ln.AtDate(month(2009, time.April), cats[0], 0); !near(v, 7) {
		t.Errorf("LEN neglect in April %v, want 7", show(v))
	}
	if v := ln.AtDate(month(2009, time.May), 0, 0); !near(v, 9) {
		t.Errorf("LEN all in May %v, want 9", show(v))
	}
	if ln.On == nil || !ln.On.Equal(month(2009, time.May)) || total(ln, 0, 0, 0) != 9 || total(ln, cats[0], 0, 0) != 6 || total(ln, 0, ages[1], 0) != 3 {
		t.Errorf("LEN totals at %v: %+v", ln.On, ln)
	}
	if _, ok := ln.Total(cats[0], ages[1], 0); ok {
		t.Error("LEN neglect 6-10 has a total in May, where it is not known")
	}
	if got["SUM"].Breakdown != nil {
		t.Error("an indicator without dimensions has a breakdown")
	}
}

func orAll(one, all []int64) []int64 {
	if one != nil {
		return one
	}
	return all
}

func TestPerformanceOfABoardWithoutIndicators(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	p := domain.PeriodForYear(2009)
	perf, err := st.Performance(context.Background(), p)
	must(t, err)
	if len(perf.Indicators) != 0 || len(perf.Themes()) != 0 {
		t.Errorf("%+v", perf)
	}
}
