package domain

import (
	"strings"
	"testing"
	"time"
)

func TestEveryReferenceFieldRendersWithTheIndicatorsUnitAndMark(t *testing.T) {
	t.Parallel()
	v := func(f float64) *float64 { return &f }
	num, den := int64(2), int64(3)
	ni65 := Indicator{Code: "NI65", Name: "Re-registrations", Unit: UnitPercentage, Polarity: PolarityLower, Frequency: FrequencyMonthly,
		YTDRule: YTDRatio, NumeratorID: &num, DenominatorID: &den}
	count := Indicator{Code: "NI65N", Unit: UnitCount}
	feb := time.Date(2010, 2, 1, 0, 0, 0, 0, time.UTC)
	figs := map[string]RefFigures{
		"NI65": {Indicator: ni65, YTD: v(17.03), Target: &Target{Op: "<", Value: 14}, Latest: &Figure{On: feb, Value: v(0)},
			Months: map[YearMonth]*float64{{2009, time.April}: v(18.18)}, Num: v(39), Den: v(229), NumInd: count, DenInd: count,
			Change: LikeForLike{Comparison: Comparison{This: v(17), Last: v(12), Change: v(5), Moved: MovedUp}, ThisName: "Apr 2009–Feb 2010", LastName: "Apr 2008–Feb 2009"}},
		"REF": {Indicator: Indicator{Code: "REF", Unit: UnitCount, Frequency: FrequencyMonthly, YTDRule: YTDSum}, YTD: v(2675), Provisional: true},
	}
	for _, tc := range []struct{ text, want string }{
		{"{{NI65.ytd}}", "17%"},
		{"{{ni65.target}}", "<14%"},
		{"{{NI65.latest}}", "0% in February 2010"},
		{"{{NI65.month:2009-04}}", "18.2%"},
		{"{{NI65.month:2009-05}}", RefNotKnown},
		{"{{NI65.num}} of {{NI65.den}}", "39 of 229"},
		{"{{NI65.change}}", "up 5 percentage points on Apr 2008–Feb 2009"},
		{"{{REF.ytd}} children", "2,675 (provisional) children"},
		{"{{NI99.ytd}} stays as written", "{{NI99.ytd}} stays as written"},
	} {
		if got := ExpandRefs(tc.text, figs); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestAReferenceThatNamesNoFigureIsRefusedByName(t *testing.T) {
	t.Parallel()
	inds := map[string]RefIndicator{"NI65": {Code: "NI65", IsRatio: true}, "NI66": {Code: "NI66"}}
	for _, tc := range []struct{ text, want string }{
		{"{{NI65.ytd}} and {{NI65.month:2009-04}}", ""},
		{"{{NI99.ytd}}", "{{NI99.ytd}} names no indicator: there is no NI99"},
		{"{{NI65.average}}", "{{NI65.average}}: average is not a field"},
		{"{{NI66.num}}", "{{NI66.num}}: NI66 is not a ratio, so it has no num"},
		{"{{NI65}}", "{{NI65}} is not a reference"},
		{"{{NI65.month}}", "write the month after a colon"},
		{"{{NI65.month:2009-13}}", "2009-13 is not a month"},
		{"{{NI65.ytd:2009-04}}", "only month takes a month"},
	} {
		got := strings.Join(CheckRefs(tc.text, inds), "; ")
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.text, got, tc.want)
		}
	}
}
