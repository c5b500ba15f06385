package domain

import (
	"testing"
	"time"
)

// monthly builds a year of monthly sums from April of year: nil is a month
// without a figure.
func monthly(year int, values ...*float64) []DateSums {
	var out []DateSums
	for k, v := range values {
		if v == nil {
			continue
		}
		out = append(out, DateSums{On: time.Date(year, time.April, 1, 0, 0, 0, 0, time.UTC).AddDate(0, k, 0), Total: *v, Cells: 1})
	}
	return out
}

func nums(vs ...float64) []*float64 {
	out := make([]*float64, len(vs))
	for k := range vs {
		out[k] = &vs[k]
	}
	return out
}

func TestAYearIsComparedLikeForLikeWithTheOneBefore(t *testing.T) {
	p09, p08 := PeriodForYear(2009), PeriodForYear(2008)
	count := Indicator{Code: "CPC", Unit: UnitCount, Polarity: PolarityNeither, Frequency: FrequencyMonthly, YTDRule: YTDSum}
	// CPC: April to December 2009 hold 333; the same months of 2008 held
	// 288, and the whole of 2008/09 held 380.
	this := monthly(2009, nums(37, 37, 37, 37, 37, 37, 37, 37, 37)...)
	last := monthly(2008, nums(32, 32, 32, 32, 32, 32, 32, 32, 32, 30, 31, 31)...)
	full09 := monthly(2009, nums(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)...)
	gap := monthly(2008, append(nums(32, 32, 32), append([]*float64{nil}, nums(32, 32, 32, 32, 32)...)...)...)

	for _, tc := range []struct {
		name       string
		ind        Indicator
		this, last []DateSums
		sentence   string
		short      string
		moved      Movement
	}{
		{"a part year is compared with the same months of the year before, named", count, this, last,
			"Apr–Dec 2009: 333, against 288 in Apr–Dec 2008: up 45 (15.6%)", "up 45 (15.6%) on Apr–Dec 2008", MovedUp},
		{"complete years need no names", count, full09, last,
			"2009/10: 120, against 380 in 2008/09: down 260 (68.4%)", "down 260 (68.4%) on 2008/09", MovedDown},
		{"a month missing last year is left out of both", count, this, gap,
			"Apr–Jun, Aug–Dec 2009: 296, against 256 in Apr–Jun, Aug–Dec 2008: up 40 (15.6%)", "up 40 (15.6%) on Apr–Jun, Aug–Dec 2008", MovedUp},
		{"no month in both years is no comparison", count, this, nil,
			"No like-for-like comparison with 2008/09", "no like-for-like comparison with 2008/09", MovedUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.ind.CompareLikeForLike(p09, p08, tc.this, tc.last)
			if got := l.Sentence(tc.ind, false, false); got != tc.sentence {
				t.Errorf("sentence %q\n want %q", got, tc.sentence)
			}
			if got := l.Short(tc.ind); got != tc.short {
				t.Errorf("short %q, want %q", got, tc.short)
			}
			if l.Moved != tc.moved {
				t.Errorf("moved %q, want %q", l.Moved, tc.moved)
			}
		})
	}
}

func TestAMissingMonthThisYearIsLeftOutOfBoth(t *testing.T) {
	ind := Indicator{Unit: UnitCount, Polarity: PolarityLower, Frequency: FrequencyMonthly, YTDRule: YTDSum}
	this := monthly(2009, nums(10, 10)...)
	this = append(this, monthly(2009, nil, nil, nil, ptr(10))...)
	last := monthly(2008, nums(5, 5, 5, 5, 5)...)
	l := ind.CompareLikeForLike(PeriodForYear(2009), PeriodForYear(2008), this, last)
	want := "Apr–May, Jul 2009: 30, against 15 in Apr–May, Jul 2008: up 15 (100%) (worse)"
	if got := l.Sentence(ind, false, false) + " (" + string(l.Direction) + ")"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func ptr(v float64) *float64 { return &v }

func TestRatioMeanAndSnapshotIndicatorsAreComparedByTheirRule(t *testing.T) {
	p09, p08 := PeriodForYear(2009), PeriodForYear(2008)
	on := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	two := 2
	t.Run("a ratio compares its summed parts over the same months, not a mean of percentages", func(t *testing.T) {
		ind := Indicator{Unit: UnitPercentage, Polarity: PolarityHigher, Frequency: FrequencyMonthly, YTDRule: YTDRatio}
		// 2009: 9/10 and 1/90 → 10/100 = 10%; 2008: 1/10 and 9/90 → 10/100
		this := []DateSums{{On: on(2009, 4, 1), Total: 9, Denominator: ptr(10)}, {On: on(2009, 5, 1), Total: 1, Denominator: ptr(90)}, {On: on(2009, 6, 1), Total: 5, Denominator: ptr(5)}}
		last := []DateSums{{On: on(2008, 4, 1), Total: 1, Denominator: ptr(10)}, {On: on(2008, 5, 1), Total: 9, Denominator: ptr(90)}, {On: on(2008, 6, 1), Total: 5, Denominator: ptr(0)}}
		l := ind.CompareLikeForLike(p09, p08, this, last)
		if got, want := l.Sentence(ind, false, false), "Apr–May 2009: 10%, against 10% in Apr–May 2008: no change"; got != want {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
	t.Run("a mean compares the mean of the same months' figures", func(t *testing.T) {
		ind := Indicator{Unit: UnitDays, Polarity: PolarityLower, Frequency: FrequencyMonthly, YTDRule: YTDMean, Decimals: &two}
		// 2009: two staff members in April (20 and 24), one in May (22.25);
		// June has none last year.
		this := []DateSums{{On: on(2009, 4, 1), Total: 44, Cells: 2}, {On: on(2009, 5, 1), Total: 22.25, Cells: 1}, {On: on(2009, 6, 1), Total: 100, Cells: 1}}
		last := []DateSums{{On: on(2008, 4, 1), Total: 30, Cells: 1}, {On: on(2008, 5, 1), Total: 30, Cells: 2}}
		l := ind.CompareLikeForLike(p09, p08, this, last)
		if got, want := l.Sentence(ind, false, false), "Apr–May 2009: 22.08 days, against 20 days in Apr–May 2008: up 2.08 days (10.4%)"; got != want {
			t.Errorf("got %q\nwant %q", got, want)
		}
		if l.Direction != DirectionWorse {
			t.Errorf("more days when fewer is better is %q", l.Direction)
		}
	})
	t.Run("a percentage's change is in points", func(t *testing.T) {
		ind := Indicator{Unit: UnitPercentage, Polarity: PolarityHigher, Frequency: FrequencyYearly, YTDRule: YTDMean}
		l := ind.CompareLikeForLike(p09, p08, []DateSums{{On: on(2009, 4, 1), Total: 81, Cells: 1}}, []DateSums{{On: on(2008, 4, 1), Total: 80, Cells: 1}})
		if got, want := l.Sentence(ind, false, false), "2009/10: 81%, against 80% in 2008/09: up 1 percentage point"; got != want {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
	t.Run("a snapshot compares with the nearest snapshot a year earlier", func(t *testing.T) {
		ind := Indicator{Unit: UnitCount, Polarity: PolarityNeither, Frequency: FrequencySnapshot, YTDRule: YTDLatest}
		this := []DateSums{{On: on(2009, 9, 30), Total: 200, Cells: 4}, {On: on(2010, 3, 31), Total: 250, Cells: 4}}
		last := []DateSums{{On: on(2008, 9, 30), Total: 150, Cells: 4}, {On: on(2009, 2, 28), Total: 240, Cells: 4}, {On: on(2008, 12, 31), Total: 1, Cells: 1}}
		l := ind.CompareLikeForLike(p09, p08, this, last)
		if got, want := l.Sentence(ind, false, false), "31 Mar 2010: 250, against 240 at 28 Feb 2009: up 10 (4.2%)"; got != want {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
	t.Run("provisional figures are marked in the sentence", func(t *testing.T) {
		ind := Indicator{Unit: UnitCount, Polarity: PolarityNeither, Frequency: FrequencyYearly, YTDRule: YTDSum}
		l := ind.CompareLikeForLike(p09, p08, []DateSums{{On: on(2009, 4, 1), Total: 3, Cells: 1}}, []DateSums{{On: on(2008, 4, 1), Total: 1, Cells: 1}})
		if got, want := l.Sentence(ind, true, false), "2009/10: 3 (provisional), against 1 in 2008/09: up 2 (200%)"; got != want {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
}

func TestTheRolling12MonthsCrossThePeriodsBoundary(t *testing.T) {
	sums := append(monthly(2008, nums(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)...), monthly(2009, nums(2, 2, 2)...)...)
	for _, tc := range []struct {
		name string
		ind  Indicator
		sums []DateSums
		want float64
		ok   bool
	}{
		{"a sum adds the last twelve months", Indicator{Frequency: FrequencyMonthly, YTDRule: YTDSum}, sums, 9*1 + 3*2, true},
		{"a mean averages their figures", Indicator{Frequency: FrequencyMonthly, YTDRule: YTDMean}, sums, 15.0 / 12, true},
		{"a ratio divides their summed parts", Indicator{Frequency: FrequencyMonthly, YTDRule: YTDRatio}, []DateSums{
			{On: time.Date(2008, 6, 1, 0, 0, 0, 0, time.UTC), Total: 100, Denominator: ptr(100)}, // more than a year before the last
			{On: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC), Total: 1, Denominator: ptr(4)},
			{On: time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC), Total: 3, Denominator: ptr(4)},
		}, 50, true},
		{"a snapshot has none", Indicator{Frequency: FrequencySnapshot, YTDRule: YTDLatest}, sums, 0, false},
		{"no figures, none", Indicator{Frequency: FrequencyMonthly, YTDRule: YTDSum}, nil, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, from, to, ok := tc.ind.Rolling12(tc.sums)
			if ok != tc.ok || v != tc.want {
				t.Errorf("got %v (%v), want %v (%v)", v, ok, tc.want, tc.ok)
			}
			if ok && !to.AddDate(0, -12, 0).Before(from) {
				t.Errorf("from %v to %v is more than twelve months", from, to)
			}
		})
	}
}
