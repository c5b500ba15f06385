package domain

import (
	"testing"
	"time"
)

func period0910() Period {
	return Period{Label: "2009/10", StartsOn: time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(2010, 3, 31, 0, 0, 0, 0, time.UTC)}
}

func TestAnIndicatorsDatesFollowItsFrequency(t *testing.T) {
	p := period0910()
	cases := []struct {
		freq  Frequency
		n     int
		first string
		last  string
	}{
		{FrequencyMonthly, 12, "2009-04-01", "2010-03-01"},
		{FrequencyQuarterly, 4, "2009-04-01", "2010-01-01"},
		{FrequencyYearly, 1, "2009-04-01", "2009-04-01"},
		{FrequencySnapshot, 1, "2010-03-31", "2010-03-31"},
	}
	for _, c := range cases {
		got := Indicator{Frequency: c.freq}.Dates(p)
		if len(got) != c.n || got[0].Format(time.DateOnly) != c.first || got[len(got)-1].Format(time.DateOnly) != c.last {
			t.Errorf("%s: %d dates from %v, want %d from %s to %s", c.freq, len(got), got, c.n, c.first, c.last)
		}
	}
}

func TestDatesAreReadAsTheyAreWrittenAndMustFallInThePeriod(t *testing.T) {
	p := period0910()
	monthly := Indicator{Frequency: FrequencyMonthly}
	if d, msg := monthly.ParseDate(p, "2010-03"); msg != "" || monthly.DateLabel(d) != "2010-03" {
		t.Fatalf("2010-03: %v %q", d, msg)
	}
	for _, bad := range []string{"2010-04", "March 2010", "2009-13", ""} {
		if _, msg := monthly.ParseDate(p, bad); msg == "" {
			t.Errorf("monthly %q was accepted", bad)
		}
	}
	quarterly := Indicator{Frequency: FrequencyQuarterly}
	if _, msg := quarterly.ParseDate(p, "2009-05"); msg == "" {
		t.Error("a quarterly figure in May was accepted")
	}
	snap := Indicator{Frequency: FrequencySnapshot}
	if d, msg := snap.ParseDate(p, "2009-09-30"); msg != "" || snap.DateLabel(d) != "2009-09-30" {
		t.Fatalf("snapshot 2009-09-30: %v %q", d, msg)
	}
	if _, msg := snap.ParseDate(p, "2009-03-31"); msg == "" {
		t.Error("a snapshot before the period was accepted")
	}
}

func TestValuesAreCheckedAgainstTheUnit(t *testing.T) {
	count := Indicator{Unit: UnitCount}
	pct := Indicator{Unit: UnitPercentage}
	days := Indicator{Unit: UnitDays}
	ok := []struct {
		ind  Indicator
		in   string
		want float64
	}{
		{count, "0", 0}, {count, "1,842", 1842}, {pct, "17%", 17}, {pct, "94.7", 94.7}, {days, " 12.5 ", 12.5},
	}
	for _, c := range ok {
		v, msg := c.ind.ParseValue(c.in)
		if msg != "" || v == nil || *v != c.want {
			t.Errorf("%s %q: %v %q, want %v", c.ind.Unit, c.in, v, msg, c.want)
		}
	}
	if v, msg := count.ParseValue("  "); v != nil || msg != "" {
		t.Errorf("blank is not known: got %v %q", v, msg)
	}
	bad := []struct {
		ind Indicator
		in  string
	}{
		{count, "2.5"}, {count, "-1"}, {pct, "101"}, {pct, "-0.1"}, {days, "-3"}, {count, "ten"}, {count, "NaN"}, {count, "Inf"},
	}
	for _, c := range bad {
		if v, msg := c.ind.ParseValue(c.in); msg == "" {
			t.Errorf("%s %q was accepted as %v", c.ind.Unit, c.in, *v)
		}
	}
}

func TestFiguresAreWrittenInTheirUnit(t *testing.T) {
	cases := []struct {
		u    Unit
		v    float64
		want string
	}{
		{UnitCount, 1842, "1,842"}, {UnitCount, 1234567, "1,234,567"}, {UnitPercentage, 16.96, "17%"},
		{UnitPercentage, 94.74, "94.7%"}, {UnitDays, 12.5, "12.5 days"}, {UnitRate, 0, "0"}, {UnitCount, -1500, "-1,500"},
	}
	for _, c := range cases {
		if got := FormatValue(c.u, c.v); got != c.want {
			t.Errorf("FormatValue(%s, %v) = %q, want %q", c.u, c.v, got, c.want)
		}
	}
	if got := (Target{Op: "<=", Value: 14}).String(UnitPercentage); got != "≤14%" {
		t.Errorf("target: %q", got)
	}
}

func TestLowerFirstKeepsAcronyms(t *testing.T) {
	for in, want := range map[string]string{"Comparators for 2009/10": "comparators for 2009/10", "NI65 by month": "NI65 by month", "CP plans": "CP plans", "": "", "A": "a"} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
