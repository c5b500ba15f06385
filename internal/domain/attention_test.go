package domain

import (
	"testing"
	"time"
)

// monthlyFigures are a monthly indicator's figures in p, from April; a
// negative value is not known, and months past the values have none.
func monthlyFigures(p Period, values ...float64) []Figure {
	var out []Figure
	for i, on := range (Indicator{Frequency: FrequencyMonthly}).Dates(p) {
		f := Figure{On: on}
		if i < len(values) && values[i] >= 0 {
			v := values[i]
			f.Value = &v
		}
		out = append(out, f)
	}
	return out
}

func TestTheFigureDueIsTheLatestMonthEndedByToday(t *testing.T) {
	p := PeriodForYear(2009)
	monthly := Indicator{Frequency: FrequencyMonthly}
	quarterly := Indicator{Frequency: FrequencyQuarterly}
	yearly := Indicator{Frequency: FrequencyYearly}
	snapshot := Indicator{Frequency: FrequencySnapshot}
	london := London()
	for _, tc := range []struct {
		name string
		ind  Indicator
		now  time.Time
		want string // YYYY-MM-DD, or "" for none due yet
	}{
		{"during April nothing is due", monthly, time.Date(2009, 4, 20, 12, 0, 0, 0, london), ""},
		{"on 1 May April is due", monthly, time.Date(2009, 5, 1, 0, 30, 0, 0, london), "2009-04-01"},
		{"in mid-November October is due", monthly, time.Date(2009, 11, 15, 9, 0, 0, 0, london), "2009-10-01"},
		// 23:30 UTC on 31 July is 00:30 on 1 August in London (summer time): July has ended.
		{"London's midnight counts, not UTC's", monthly, time.Date(2009, 7, 31, 23, 30, 0, 0, time.UTC), "2009-07-01"},
		{"after the period the last month is due", monthly, time.Date(2011, 6, 1, 0, 0, 0, 0, london), "2010-03-01"},
		{"a quarter is due once it has ended", quarterly, time.Date(2009, 11, 15, 0, 0, 0, 0, london), "2009-07-01"},
		{"a yearly figure is not due on the year's last day", yearly, time.Date(2010, 3, 31, 0, 0, 0, 0, london), ""},
		{"a yearly figure is due after the year", yearly, time.Date(2010, 4, 1, 0, 0, 0, 0, london), "2009-04-01"},
		{"a snapshot is due the day after its date", snapshot, time.Date(2010, 4, 1, 0, 0, 0, 0, london), "2010-03-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, ok := tc.ind.DueDate(p, tc.now)
			got := ""
			if ok {
				got = due.Format(time.DateOnly)
			}
			if got != tc.want {
				t.Errorf("due %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTheDashboardsMonthIsTheLastOneEnded(t *testing.T) {
	p := PeriodForYear(2009)
	for _, tc := range []struct {
		name string
		now  time.Time
		want string
	}{
		{"before the first month has ended there is none", time.Date(2009, 4, 30, 12, 0, 0, 0, London()), ""},
		{"in May it is April", time.Date(2009, 5, 2, 0, 0, 0, 0, London()), "2009-04"},
		{"after the period it is the last month", time.Date(2012, 1, 1, 0, 0, 0, 0, London()), "2010-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			due, ok := DueMonth(p, tc.now)
			got := ""
			if ok {
				got = due.Format("2006-01")
			}
			if got != tc.want {
				t.Errorf("due month %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWorseningThreeMonthsRunningFollowsPolarity(t *testing.T) {
	p := PeriodForYear(2009)
	after := time.Date(2010, 6, 1, 0, 0, 0, 0, time.UTC)
	const none = -1
	for _, tc := range []struct {
		name   string
		pol    Polarity
		freq   Frequency
		values []float64
		now    time.Time
		want   string // the first and last month of the run, or ""
	}{
		{"rising is worse when lower is better", PolarityLower, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13}, after, "2009-12 2010-03"},
		{"rising is not worse when higher is better", PolarityHigher, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13}, after, ""},
		{"falling is worse when higher is better", PolarityHigher, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 13, 12, 11, 10}, after, "2009-12 2010-03"},
		{"two changes for the worse are not a run", PolarityLower, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 13, 11, 12, 13}, after, ""},
		{"a flat month breaks the run", PolarityLower, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 11, 13}, after, ""},
		{"a missing month breaks the run", PolarityLower, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 10, 11, none, 12, 13}, after, ""},
		{"the latest known run counts when this month is missing", PolarityLower, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13, none}, after, "2009-11 2010-02"},
		{"neither polarity is never worse", PolarityNeither, FrequencyMonthly, []float64{9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 13}, after, ""},
		{"quarterly figures are not judged", PolarityLower, FrequencyQuarterly, []float64{9, 10, 11, 12}, after, ""},
		// In mid-August only April to July have ended.
		{"months not yet ended do not count", PolarityLower, FrequencyMonthly, []float64{9, 10, 11, 12, 13}, time.Date(2009, 8, 15, 0, 0, 0, 0, time.UTC), "2009-04 2009-07"},
		{"three changes need four months", PolarityLower, FrequencyMonthly, []float64{10, 11, 12}, time.Date(2009, 7, 15, 0, 0, 0, 0, time.UTC), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ind := Indicator{Code: "X", Polarity: tc.pol, Frequency: tc.freq, Unit: UnitCount}
			a := ind.NeedsAttention(p, RAGNone, monthlyFigures(p, tc.values...), tc.now)
			got := ""
			if run := a.Worsening; run != nil {
				got = run[0].On.Format("2006-01") + " " + run[len(run)-1].On.Format("2006-01")
				if len(run) != 4 {
					t.Errorf("a run of %d figures, want 4", len(run))
				}
			}
			if got != tc.want {
				t.Errorf("worsening %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNeedsAttentionRanksOffTargetThenWorseningThenMissing(t *testing.T) {
	p := PeriodForYear(2009)
	higher := Indicator{Code: "X", Polarity: PolarityHigher, Frequency: FrequencyMonthly, Unit: UnitCount}
	midOctober := time.Date(2009, 10, 15, 0, 0, 0, 0, time.UTC)
	midSeptember := time.Date(2009, 9, 15, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		rag     RAG
		values  []float64
		now     time.Time
		needed  bool
		rank    int
		missing string
	}{
		{"a missing figure due by now needs attention", RAGNone, []float64{5, 5, 5, 5, 5}, midOctober, true, 2, "2009-09"},
		{"every figure due being in needs none", RAGNone, []float64{5, 5, 5, 5, 5}, midSeptember, false, 2, ""},
		{"amber alone needs none", RAGAmber, []float64{5, 5, 5, 5, 5}, midSeptember, false, 2, ""},
		{"off target comes first", RAGRed, []float64{5, 5, 5, 5, 5}, midOctober, true, 0, "2009-09"},
		{"worsening comes before missing", RAGGreen, []float64{9, 8, 7, 6, 5}, midOctober, true, 1, "2009-09"},
		{"nothing is due before the first month ends", RAGNone, nil, time.Date(2009, 4, 10, 0, 0, 0, 0, time.UTC), false, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := higher.NeedsAttention(p, tc.rag, monthlyFigures(p, tc.values...), tc.now)
			if a.Needed() != tc.needed || a.Rank() != tc.rank {
				t.Errorf("needed %t rank %d, want %t and %d (%+v)", a.Needed(), a.Rank(), tc.needed, tc.rank, a)
			}
			missing := ""
			if a.Missing != nil {
				missing = a.Missing.Format("2006-01")
			}
			if missing != tc.missing {
				t.Errorf("missing %q, want %q", missing, tc.missing)
			}
		})
	}
}
