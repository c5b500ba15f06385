package domain

import "testing"

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
