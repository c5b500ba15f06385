package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// meanFixture is a board with one period, 2009/10, and indicators added by
// the tests, each with a breakdown by "Social worker" (A, B, C) or none.
type meanFixture struct {
	st      *store.Store
	period  domain.Period
	agency  int64
	worker  int64            // the dimension's id
	options map[string]int64 // by label
}

func newMeanFixture(t *testing.T) *meanFixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.New(t)
	f := &meanFixture{st: st, options: map[string]int64{}}
	p := domain.PeriodForYear(2009)
	id, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
	must(t, err)
	p.ID = id
	f.period = p
	f.agency, err = st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Police", Slug: "police", ShortName: "P", Sector: "Police", Active: true})
	must(t, err)
	f.worker, err = st.CreateDimension(ctx, domain.CommandLine, "Social worker", []string{"A", "B", "C"})
	must(t, err)
	d, err := st.DimensionByID(ctx, f.worker)
	must(t, err)
	for _, o := range d.Options {
		f.options[o.Label] = o.ID
	}
	return f
}

func (f *meanFixture) add(t *testing.T, fields store.IndicatorFields) int64 {
	t.Helper()
	fields.AgencyID, fields.Theme, fields.Name = f.agency, "Police", fields.Code+" name"
	if fields.Polarity == "" {
		fields.Polarity = domain.PolarityNeither
	}
	id, err := f.st.CreateIndicator(context.Background(), domain.CommandLine, fields)
	must(t, err)
	return id
}

func (f *meanFixture) save(t *testing.T, cells []domain.CellValue) {
	t.Helper()
	_, err := f.st.SaveValues(context.Background(), domain.CommandLine, store.ValueScope{}, cells)
	must(t, err)
}

func (f *meanFixture) cell(id int64, on time.Time, v float64, option string) domain.CellValue {
	c := domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: on}, Value: num(v)}
	if option != "" {
		c.Options[0] = f.options[option]
	}
	return c
}

func (f *meanFixture) read(t *testing.T, opts store.PerformanceOptions) map[string]store.IndicatorPerformance {
	t.Helper()
	perf, err := f.st.PerformanceWith(context.Background(), f.period, opts)
	must(t, err)
	out := map[string]store.IndicatorPerformance{}
	for _, ip := range perf.Indicators {
		out[ip.Code] = ip
	}
	return out
}

// A mean indicator broken down by person averages across the people too:
// April's figure is the mean of the officers' days, the year's the mean of
// every figure known, never a sum of the officers' figures or of their means.
func TestPerformanceAveragesAMeanIndicatorAcrossItsBreakdown(t *testing.T) {
	t.Parallel()
	f := newMeanFixture(t)
	id := f.add(t, store.IndicatorFields{Code: "POL-VISIT", Unit: domain.UnitDays, Polarity: domain.PolarityLower,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDMean, DimensionIDs: []int64{f.worker}})
	apr, may := month(2009, time.April), month(2009, time.May)
	f.save(t, []domain.CellValue{
		f.cell(id, apr, 2, "A"), f.cell(id, apr, 4, "B"), f.cell(id, apr, 3, "C"),
		f.cell(id, may, 3, "A"), f.cell(id, may, 5, "B"), // C in May not known
	})
	a, b, c := f.options["A"], f.options["B"], f.options["C"]

	got := f.read(t, store.PerformanceOptions{})["POL-VISIT"]
	if len(got.Figures) != 12 || !near(got.Figures[0].Value, 3) || !near(got.Figures[1].Value, 4) || got.Figures[2].Value != nil {
		t.Errorf("figures by month %v, %v, %v; want 3 (the mean of 2, 4 and 3), 4 (of 3 and 5) and not known",
			show(got.Figures[0].Value), show(got.Figures[1].Value), show(got.Figures[2].Value))
	}
	if !near(got.YTD, 3.4) {
		t.Errorf("average %v, want 3.4: (2+4+3+3+5)/5", show(got.YTD))
	}
	if got.Latest == nil || !got.Latest.On.Equal(may) || !near(got.Latest.Value, 4) {
		t.Errorf("latest %+v, want 4 in May", got.Latest)
	}
	if len(got.Years) != 1 || !near(got.Years[0].YTD, 3.4) || !near(got.Years[0].Figures[0].Value, 3) {
		t.Errorf("years by months %+v, want 2009/10 with April 3 and the average 3.4", got.Years)
	}

	br := got.Breakdown
	if br == nil {
		t.Fatal("no breakdown")
	}
	for _, tc := range []struct {
		option int64
		want   float64
	}{{a, 2.5}, {b, 4.5}, {c, 3}, {0, 3.4}} {
		tot, ok := br.Total(tc.option, 0, 0)
		if !ok || !near(&tot.Value, tc.want) {
			t.Errorf("average of option %d: %+v, want %v", tc.option, tot, tc.want)
		}
		if tot.Share != nil {
			t.Errorf("option %d of a mean has a share %v", tc.option, *tot.Share)
		}
	}
	for _, tc := range []struct {
		on     time.Time
		option int64
		want   *float64
	}{{apr, 0, num(3)}, {may, 0, num(4)}, {apr, b, num(4)}, {may, a, num(3)}, {may, c, nil}} {
		v := br.AtDate(tc.on, tc.option, 0)
		if (tc.want == nil) != (v == nil) || (v != nil && !near(v, *tc.want)) {
			t.Errorf("%s, option %d: %v, want %v", tc.on.Format("Jan"), tc.option, show(v), show(tc.want))
		}
	}

	// The dashboard reads the same figures without the breakdowns.
	dash := f.read(t, store.PerformanceOptions{ByDateYears: 1, NoBreakdowns: true})["POL-VISIT"]
	if !near(dash.YTD, 3.4) || !near(dash.Figures[0].Value, 3) || !near(dash.Latest.Value, 4) {
		t.Errorf("dashboard: average %v, April %v, latest %+v; want 3.4, 3 and 4", show(dash.YTD), show(dash.Figures[0].Value), dash.Latest)
	}

	// Blanking a cell takes it out of every mean: A without April.
	f.save(t, []domain.CellValue{{Cell: domain.Cell{IndicatorID: id, On: apr, Options: [3]int64{a}}}})
	got = f.read(t, store.PerformanceOptions{})["POL-VISIT"]
	if !near(got.Figures[0].Value, 3.5) || !near(got.YTD, 15.0/4) {
		t.Errorf("after blanking A in April: April %v, average %v; want 3.5 and 3.75", show(got.Figures[0].Value), show(got.YTD))
	}
}

// A mean indicator without breakdowns is the mean of its months, as before.
func TestPerformanceMeanWithoutBreakdownsIsTheMeanOfItsMonths(t *testing.T) {
	t.Parallel()
	f := newMeanFixture(t)
	id := f.add(t, store.IndicatorFields{Code: "WAIT", Unit: domain.UnitDays, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDMean})
	f.save(t, []domain.CellValue{f.cell(id, month(2009, time.April), 10, ""), f.cell(id, month(2009, time.June), 20, "")})
	got := f.read(t, store.PerformanceOptions{})["WAIT"]
	if !near(got.YTD, 15) || !near(got.Figures[0].Value, 10) || !near(got.Latest.Value, 20) {
		t.Errorf("average %v, April %v, latest %+v; want 15, 10 and 20", show(got.YTD), show(got.Figures[0].Value), got.Latest)
	}
}

// Shares can be of another indicator's figure for the year: causes for
// concern as a share of the conferences held, where a conference can have
// several causes.
func TestPerformanceSharesOfAnotherIndicatorsTotal(t *testing.T) {
	t.Parallel()
	f := newMeanFixture(t)
	ctx := context.Background()
	conf := f.add(t, store.IndicatorFields{Code: "CONF", Unit: domain.UnitCount, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum})
	fields := store.IndicatorFields{Code: "CAUSE", Unit: domain.UnitCount, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
		DimensionIDs: []int64{f.worker}, ShareBaseID: &conf}
	cause := f.add(t, fields)
	own := f.add(t, store.IndicatorFields{Code: "OWN", Unit: domain.UnitCount, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
		DimensionIDs: []int64{f.worker}})
	apr, may := month(2009, time.April), month(2009, time.May)
	f.save(t, []domain.CellValue{
		f.cell(conf, apr, 6, ""), f.cell(conf, may, 4, ""), // 10 conferences
		f.cell(cause, apr, 3, "A"), f.cell(cause, apr, 4, "B"), f.cell(cause, may, 2, "A"), // A 5, B 4: 9 causes
		f.cell(own, apr, 3, "A"), f.cell(own, apr, 1, "B"),
	})
	got := f.read(t, store.PerformanceOptions{})
	if ip := got["CAUSE"]; ip.ShareBaseID == nil || *ip.ShareBaseID != conf {
		t.Fatalf("CAUSE's share base %v, want CONF", ip.ShareBaseID)
	}
	br := got["CAUSE"].Breakdown
	for _, tc := range []struct {
		option       int64
		value, share float64
	}{{f.options["A"], 5, 50}, {f.options["B"], 4, 40}, {0, 9, 90}} {
		tot, ok := br.Total(tc.option, 0, 0)
		if !ok || tot.Value != tc.value || !near(tot.Share, tc.share) {
			t.Errorf("CAUSE option %d: %v, share %v; want %v, %v%% of 10 conferences", tc.option, tot.Value, show(tot.Share), tc.value, tc.share)
		}
	}
	if a, _ := got["OWN"].Breakdown.Total(f.options["A"], 0, 0); !near(a.Share, 75) {
		t.Errorf("OWN's A: share %v, want 75%% of its own total", show(a.Share))
	}

	// The base must be another indicator counted as often, and stays so.
	yearly := f.add(t, store.IndicatorFields{Code: "YEARLY", Unit: domain.UnitCount, Frequency: domain.FrequencyYearly, YTDRule: domain.YTDSum})
	bad := fields
	bad.Code, bad.ShareBaseID = "BAD", &yearly
	if _, err := f.st.CreateIndicator(ctx, domain.CommandLine, bad); !errors.Is(err, store.ErrShareBase) {
		t.Errorf("a share base counted yearly for a monthly indicator: %v, want ErrShareBase", err)
	}
	self := fields
	self.ShareBaseID = &cause
	if err := f.st.UpdateIndicator(ctx, domain.CommandLine, cause, self); !errors.Is(err, store.ErrShareBase) {
		t.Errorf("an indicator's shares of itself: %v, want ErrShareBase", err)
	}
	base, err := f.st.IndicatorByID(ctx, yearly)
	must(t, err)
	move := store.IndicatorFields{Code: base.Code, Name: base.Name, Theme: base.Theme, Unit: base.Unit, Polarity: base.Polarity,
		Frequency: domain.FrequencyMonthly, YTDRule: base.YTDRule, AgencyID: base.AgencyID}
	must(t, f.st.UpdateIndicator(ctx, domain.CommandLine, yearly, move)) // no one's base yet
	other := fields
	other.Code, other.ShareBaseID = "OTHER", &yearly
	f.add(t, other)
	move.Frequency = domain.FrequencyQuarterly
	if err := f.st.UpdateIndicator(ctx, domain.CommandLine, yearly, move); !errors.Is(err, store.ErrIsShareBase) {
		t.Errorf("a new frequency for a share base: %v, want ErrIsShareBase", err)
	}
}
