package web

import (
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// Which indicators need attention, and why, is domain.Indicator.NeedsAttention's
// rule, tested in internal/domain; this test is of its words.
func TestWhyAnIndicatorNeedsAttentionIsPutIntoWords(t *testing.T) {
	t.Parallel()
	month := func(m time.Month, v float64) domain.Figure {
		return domain.Figure{On: time.Date(2009, m, 1, 0, 0, 0, 0, time.UTC), Value: &v}
	}
	september := time.Date(2009, time.September, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		a    domain.Attention
		want string
	}{
		{"no reason says nothing", domain.Attention{}, ""},
		{"a missing figure names its month", domain.Attention{Missing: &september}, "No figure for September 2009"},
		{"off target gives the year to date and the target", domain.Attention{OffTarget: true}, "Off target: 30 against a target of ≥40"},
		{"worsening gives the four months' figures",
			domain.Attention{Worsening: []domain.Figure{month(time.April, 9), month(time.May, 10), month(time.June, 11), month(time.July, 12)}},
			"Worse in each of the last three months: 9, 10, 11, 12 (April 2009 to July 2009)"},
		{"every reason comes in order", domain.Attention{OffTarget: true, Missing: &september},
			"Off target: 30 against a target of ≥40; No figure for September 2009"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ytd := 30.0
			ip := store.IndicatorPerformance{Indicator: domain.Indicator{Code: "X", Frequency: domain.FrequencyMonthly, Unit: domain.UnitCount}}
			ip.YTD, ip.Target = &ytd, &domain.Target{Op: ">=", Value: 40}
			if got := strings.Join(attentionReasons(ip, tc.a), "; "); got != tc.want {
				t.Errorf("reasons %q, want %q", got, tc.want)
			}
		})
	}
}
