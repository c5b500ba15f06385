package web

import (
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func ruleFigures(p domain.Period, values ...float64) []store.Figure {
	var out []store.Figure
	ind := domain.Indicator{Frequency: domain.FrequencyMonthly}
	for i, on := range ind.Dates(p) {
		f := store.Figure{On: on}
		if i < len(values) && values[i] >= 0 {
			v := values[i]
			f.Value = &v
		}
		out = append(out, f)
	}
	return out
}

// The rules themselves are domain.Indicator.NeedsAttention's, tested in
// internal/domain; these tests are of their words.
func TestWhyAnIndicatorNeedsAttentionIsPutIntoWords(t *testing.T) {
	p := domain.PeriodForYear(2009)
	ytd := 30.0
	for _, tc := range []struct {
		name   string
		pol    domain.Polarity
		rag    domain.RAG
		values []float64
		now    time.Time
		want   string
	}{
		{"a missing figure names its month", domain.PolarityHigher, domain.RAGNone, []float64{5, 5, 5, 5, 5}, time.Date(2009, 10, 15, 0, 0, 0, 0, time.UTC),
			"No figure for September 2009"},
		{"every figure in and on target says nothing", domain.PolarityHigher, domain.RAGNone, []float64{5, 5, 5, 5, 5}, time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC),
			""},
		{"off target gives the year to date and the target", domain.PolarityHigher, domain.RAGRed, []float64{5, 5, 5, 5, 5}, time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC),
			"Off target: 30 against a target of ≥40"},
		{"amber alone says nothing", domain.PolarityHigher, domain.RAGAmber, []float64{5, 5, 5, 5, 5}, time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC),
			""},
		{"worsening gives the four months' figures", domain.PolarityLower, domain.RAGNone, []float64{9, 10, 11, 12, 13}, time.Date(2009, 8, 15, 0, 0, 0, 0, time.UTC),
			"Worse in each of the last three months: 9, 10, 11, 12 (April 2009 to July 2009)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ip := store.IndicatorPerformance{Indicator: domain.Indicator{Code: "X", Polarity: tc.pol, Frequency: domain.FrequencyMonthly, Unit: domain.UnitCount}}
			ip.Figures = ruleFigures(p, tc.values...)
			ip.RAG, ip.YTD, ip.Target = tc.rag, &ytd, &domain.Target{Op: ">=", Value: 40}
			got := attentionReasons(ip, ip.NeedsAttention(p, ip.RAG, ip.Figures, tc.now))
			if strings.Join(got, "; ") != tc.want {
				t.Errorf("reasons %q, want %q", got, tc.want)
			}
		})
	}
}
