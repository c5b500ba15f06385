package domain

import (
	"testing"
	"time"
)

func TestFiguresAreRoundedOnceHalfAwayFromZero(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      float64
		places int
		want   string
	}{
		{"a half at two places rounds up, as in SQL, not down as the binary float would", 22.085, 2, "22.09"},
		{"a half at one place rounds up", 4.25, 1, "4.3"},
		{"a half at no places rounds up", 2.5, 0, "3"},
		{"a negative half rounds away from zero", -4.25, 1, "-4.3"},
		{"a mean of 22.083 shows 22.08 at two places", 265.0 / 12, 2, "22.08"},
		{"a mean of 22.083 shows 22.1 at one place", 265.0 / 12, 1, "22.1"},
		{"a mean of 22.083 shows 22 at no places", 265.0 / 12, 0, "22"},
		{"a carry runs through the nines", 9.995, 2, "10"},
		{"a carry adds a digit and a separator", 999.96, 1, "1,000"},
		{"trailing zeros of the fraction are left off", 22.1, 2, "22.1"},
		{"a whole number has no fraction", 1842, 2, "1,842"},
		{"thousands are separated", 1234567.891, 1, "1,234,567.9"},
		{"a small negative that rounds to zero has no sign", -0.04, 1, "0"},
		{"fewer digits than places are kept as they are", 0.5, 2, "0.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Round(tc.v, tc.places); got != tc.want {
				t.Errorf("Round(%v, %d) = %q, want %q", tc.v, tc.places, got, tc.want)
			}
		})
	}
}

func TestAnIndicatorShowsItsOwnDecimalPlaces(t *testing.T) {
	two, none := 2, 0
	for _, tc := range []struct {
		name string
		ind  Indicator
		v    float64
		want string
	}{
		{"a count shows no decimal places by default", Indicator{Unit: UnitCount}, 333, "333"},
		{"a percentage shows one by default", Indicator{Unit: UnitPercentage}, 94.74, "94.7%"},
		{"days show one by default", Indicator{Unit: UnitDays}, 265.0 / 12, "22.1 days"},
		{"days at two places", Indicator{Unit: UnitDays, Decimals: &two}, 265.0 / 12, "22.08 days"},
		{"a percentage at none", Indicator{Unit: UnitPercentage, Decimals: &none}, 94.5, "95%"},
		{"one day is singular", Indicator{Unit: UnitDays}, 1, "1 day"},
		{"a day and a bit is plural", Indicator{Unit: UnitDays, Decimals: &two}, 1.01, "1.01 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ind.Format(tc.v); got != tc.want {
				t.Errorf("Format(%v) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
	if got := (Indicator{Unit: UnitCount}).FormatMarked(12, true); got != "12 (provisional)" {
		t.Errorf("a provisional figure is written %q, want it marked in words", got)
	}
}

// Figures are added, subtracted and divided as the decimals they are, not as
// binary floats, so a half computed from them is still a half when it is
// rounded: 22 + 22.17 + 22.085 over 3 is 22.085 (22.09 at two places), where
// float64 gives 22.084999… (22.08).
func TestFiguresAreComputedAsDecimalsBeforeTheyAreRounded(t *testing.T) {
	mean := Indicator{Unit: UnitDays, YTDRule: YTDMean, Frequency: FrequencyMonthly}
	a, b, c := 22.0, 22.17, 22.085
	if got := Round((a+b+c)/3, 2); got != "22.08" {
		t.Fatalf("the float64 mean rounds to %s: the case no longer shows the problem", got)
	}
	on := func(m int) time.Time { return time.Date(2009, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	v := mean.over([]DateSums{{On: on(4), Total: a, Cells: 1}, {On: on(5), Total: b, Cells: 1}, {On: on(6), Total: c, Cells: 1}})
	if v == nil || Round(*v, 2) != "22.09" {
		t.Errorf("the mean of 22, 22.17 and 22.085 is %v, want 22.085 shown as 22.09", v)
	}
	sum := Indicator{Unit: UnitCount, YTDRule: YTDSum, Frequency: FrequencyMonthly}
	if v := sum.over([]DateSums{{On: on(4), Total: 0.7}, {On: on(5), Total: 0.1}}); v == nil || *v != 0.8 {
		t.Errorf("0.7 + 0.1 is %v, want 0.8", v)
	}
	x, y := 4.35, 0.1
	if ch := Compare(PolarityHigher, &x, &y).Change; ch == nil || *ch != 4.25 || Round(*ch, 1) != "4.3" {
		t.Errorf("4.35 − 0.1 is %v, want 4.25, shown as 4.3", ch)
	}
	ratio := Indicator{Unit: UnitPercentage, YTDRule: YTDRatio, Frequency: FrequencyMonthly}
	den := 8.0
	if v := ratio.over([]DateSums{{On: on(4), Total: 0.17, Denominator: &den}}); v == nil || Round(*v, 2) != "2.13" {
		t.Errorf("0.17 of 8 is %v, want 2.125%% shown as 2.13%%", v)
	}
	big := 1e15 + 1
	if v := sum.over([]DateSums{{On: on(4), Total: big}, {On: on(5), Total: 0.5}}); v == nil || *v != 1e15+1.5 {
		t.Errorf("a large sum is %v", v)
	}
}
