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

func TestTheFigureDueIsTheLatestMonthEndedByToday(t *testing.T) {
	t.Parallel()
	p := domain.PeriodForYear(2009)
	monthly := domain.Indicator{Frequency: domain.FrequencyMonthly}
	quarterly := domain.Indicator{Frequency: domain.FrequencyQuarterly}
	yearly := domain.Indicator{Frequency: domain.FrequencyYearly}
	london := domain.London()
	for _, tc := range []struct {
		name string
		ind  domain.Indicator
		now  time.Time
		want string // YYYY-MM, or "" for none due yet
	}{
		{"during April nothing is due", monthly, time.Date(2009, 4, 20, 12, 0, 0, 0, london), ""},
		{"on 1 May April is due", monthly, time.Date(2009, 5, 1, 0, 30, 0, 0, london), "2009-04"},
		{"in mid-November October is due", monthly, time.Date(2009, 11, 15, 9, 0, 0, 0, london), "2009-10"},
		// 23:30 UTC on 31 July is 00:30 on 1 August in London (summer time): July has ended.
		{"London's midnight, not UTC's", monthly, time.Date(2009, 7, 31, 23, 30, 0, 0, time.UTC), "2009-07"},
		{"after the period the last month", monthly, time.Date(2011, 6, 1, 0, 0, 0, 0, london), "2010-03"},
		{"a quarter once it has ended", quarterly, time.Date(2009, 11, 15, 0, 0, 0, 0, london), "2009-07"},
		{"a yearly figure only after the year", yearly, time.Date(2010, 3, 31, 0, 0, 0, 0, london), ""},
		{"a yearly figure after the year", yearly, time.Date(2010, 4, 1, 0, 0, 0, 0, london), "2009-04"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, ok := dueDate(tc.ind, p, tc.now)
			got := ""
			if ok {
				got = due.Format("2006-01")
			}
			if got != tc.want {
				t.Errorf("due %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWorseningThreeMonthsRunningFollowsPolarity(t *testing.T) {
	t.Parallel()
	p := domain.PeriodForYear(2009)
	after := time.Date(2010, 6, 1, 0, 0, 0, 0, time.UTC)
	const none = -1
	for _, tc := range []struct {
		name   string
		pol    domain.Polarity
		freq   domain.Frequency
		values []float64
		now    time.Time
		want   bool
	}{
		{"lower is better, rising", domain.PolarityLower, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13}, after, true},
		{"higher is better, rising", domain.PolarityHigher, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13}, after, false},
		{"higher is better, falling", domain.PolarityHigher, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 13, 12, 11, 10}, after, true},
		{"only two changes", domain.PolarityLower, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 13, 11, 12, 13}, after, false},
		{"a flat month breaks the run", domain.PolarityLower, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 11, 13}, after, false},
		{"a missing month breaks the run", domain.PolarityLower, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 10, 11, none, 12, 13}, after, false},
		{"the latest known run counts when this month is missing", domain.PolarityLower, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13, none}, after, true},
		{"neither polarity is never worse", domain.PolarityNeither, domain.FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13}, after, false},
		// In mid-August only April to July have ended: May–July rising is a run of two.
		{"months not yet ended do not count", domain.PolarityLower, domain.FrequencyMonthly, []float64{9, 10, 11, 12, 13}, time.Date(2009, 8, 15, 0, 0, 0, 0, time.UTC), true},
		{"three changes need four months", domain.PolarityLower, domain.FrequencyMonthly, []float64{10, 11, 12}, time.Date(2009, 7, 15, 0, 0, 0, 0, time.UTC), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ip := store.IndicatorPerformance{Indicator: domain.Indicator{Code: "X", Polarity: tc.pol, Frequency: tc.freq, Unit: domain.UnitCount}}
			ip.Figures = ruleFigures(p, tc.values...)
			run := worseningRun(ip, p, tc.now)
			if got := run != nil; got != tc.want {
				t.Errorf("worsening %t, want %t (run %v)", got, tc.want, run)
			}
			reasons := attentionReasons(p, ip, tc.now)
			joined := strings.Join(reasons, "; ")
			if strings.Contains(joined, "Worse in each of the last three months") != tc.want {
				t.Errorf("reasons %q", joined)
			}
		})
	}
}

func TestMissingThisMonthsFigureAndRedNeedAttention(t *testing.T) {
	t.Parallel()
	p := domain.PeriodForYear(2009)
	ip := store.IndicatorPerformance{Indicator: domain.Indicator{Code: "X", Polarity: domain.PolarityHigher, Frequency: domain.FrequencyMonthly, Unit: domain.UnitCount}}
	ip.Figures = ruleFigures(p, 5, 5, 5, 5, 5) // April to August
	// In mid-October September's figure is due: it is missing.
	got := attentionReasons(p, ip, time.Date(2009, 10, 15, 0, 0, 0, 0, time.UTC))
	if strings.Join(got, "; ") != "No figure for September 2009" {
		t.Errorf("reasons %q", got)
	}
	// In mid-September August's is due, and there.
	if got := attentionReasons(p, ip, time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("reasons %q, want none", got)
	}
	ip.RAG = domain.RAGRed
	ytd := 30.0
	ip.YTD = &ytd
	ip.Target = &domain.Target{Op: ">=", Value: 40}
	got = attentionReasons(p, ip, time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC))
	if strings.Join(got, "; ") != "Off target: 30 against a target of ≥40" {
		t.Errorf("reasons %q", got)
	}
	ip.RAG = domain.RAGAmber
	if got := attentionReasons(p, ip, time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("amber needs no attention by itself, got %q", got)
	}
}
