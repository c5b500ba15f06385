package domain

import "testing"

func TestAComparisonWithLastYearFollowsPolarity(t *testing.T) {
	n := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name      string
		polarity  Polarity
		this      *float64
		last      *float64
		change    *float64
		moved     Movement
		direction Direction
	}{
		{"a rise is better when higher is better", PolarityHigher, n(60), n(50), n(10), MovedUp, DirectionBetter},
		{"a rise is worse when lower is better", PolarityLower, n(60), n(50), n(10), MovedUp, DirectionWorse},
		{"a fall is better when lower is better", PolarityLower, n(40), n(50), n(-10), MovedDown, DirectionBetter},
		{"a fall is worse when higher is better", PolarityHigher, n(40), n(50), n(-10), MovedDown, DirectionWorse},
		{"no change is the same", PolarityHigher, n(50), n(50), n(0), MovedLevel, DirectionSame},
		{"when neither is better it only moves", PolarityNeither, n(52), n(50), n(2), MovedUp, DirectionNone},
		{"without last year's figure there is nothing to compare", PolarityHigher, n(50), nil, nil, MovedUnknown, DirectionNone},
		{"without this year's figure there is nothing to compare", PolarityLower, nil, n(50), nil, MovedUnknown, DirectionNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Compare(tc.polarity, tc.this, tc.last)
			if c.This != tc.this || c.Last != tc.last {
				t.Errorf("compared %v with %v, want the figures given", c.This, c.Last)
			}
			if (c.Change == nil) != (tc.change == nil) || (c.Change != nil && *c.Change != *tc.change) {
				t.Errorf("change %v, want %v", c.Change, tc.change)
			}
			if c.Moved != tc.moved || c.Direction != tc.direction {
				t.Errorf("moved %q, %q; want %q, %q", c.Moved, c.Direction, tc.moved, tc.direction)
			}
		})
	}
}
