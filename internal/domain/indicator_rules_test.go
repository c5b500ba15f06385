package domain

import (
	"strings"
	"testing"
)

func TestAnIndicatorsLinksToOtherIndicatorsAreChecked(t *testing.T) {
	id := func(v int64) *int64 { return &v }
	referrals := Indicator{ID: 1, Code: "REF", Unit: UnitCount, Frequency: FrequencyMonthly}
	repeats := Indicator{ID: 2, Code: "REP", Unit: UnitCount, Frequency: FrequencyMonthly}
	rate := Indicator{ID: 3, Code: "PCT", Unit: UnitPercentage, Frequency: FrequencyMonthly}
	held := Indicator{ID: 4, Code: "HELD", Unit: UnitCount, Frequency: FrequencyQuarterly}
	ratio := Indicator{ID: 5, Code: "NI65", Unit: UnitPercentage, Frequency: FrequencyMonthly, YTDRule: YTDRatio, NumeratorID: id(2), DenominatorID: id(1)}
	causes := Indicator{ID: 6, Code: "CAUSE", Unit: UnitCount, Frequency: FrequencyQuarterly, ShareBaseID: id(4), Dimensions: []Dimension{{ID: 9}}}
	all := []Indicator{referrals, repeats, rate, held, ratio, causes}
	aRatio := IndicatorFields{Unit: UnitPercentage, Frequency: FrequencyMonthly, YTDRule: YTDRatio, NumeratorID: id(2), DenominatorID: id(1)}
	aSum := IndicatorFields{Unit: UnitCount, Frequency: FrequencyMonthly, YTDRule: YTDSum}
	with := func(f IndicatorFields, change func(*IndicatorFields)) IndicatorFields {
		change(&f)
		return f
	}
	for _, tc := range []struct {
		name    string
		f       IndicatorFields
		current *Indicator
		figures int
		before  FieldErrors // found by the form's own checks
		want    string      // field: message; …
	}{
		{"a ratio of two counts as a percentage is right", aRatio, nil, 0, nil, ""},
		{"a ratio needs both its parts", with(aRatio, func(f *IndicatorFields) { f.NumeratorID, f.DenominatorID = nil, nil }), nil, 0, nil,
			"numerator: Select the numerator, the count above the line, for a ratio; denominator: Select the denominator, the count below the line, for a ratio"},
		{"only a ratio has parts", with(aSum, func(f *IndicatorFields) { f.NumeratorID = id(1) }), nil, 0, nil,
			"numerator: Choose None for the numerator: only a ratio of two indicators has one"},
		{"a part must be another indicator", with(aRatio, func(f *IndicatorFields) { f.NumeratorID = id(0) }), nil, 0, nil,
			"numerator: Select the numerator from the list of other indicators"},
		{"a ratio cannot count itself", with(aRatio, func(f *IndicatorFields) { f.DenominatorID = id(5) }), &ratio, 0, nil,
			"denominator: Select the denominator from the list of other indicators"},
		{"a part must be a count", with(aRatio, func(f *IndicatorFields) { f.NumeratorID = id(3) }), nil, 0, nil,
			"numerator: The numerator must be a count: PCT is measured in percentage"},
		{"the parts must differ", with(aRatio, func(f *IndicatorFields) { f.DenominatorID = id(2) }), nil, 0, nil,
			"denominator: The denominator must be a different indicator from the numerator"},
		{"a ratio is a percentage", with(aRatio, func(f *IndicatorFields) { f.Unit = UnitCount }), nil, 0, nil,
			"unit: A ratio of two indicators is a percentage: select Percentage"},
		{"a snapshot is never summed", with(aSum, func(f *IndicatorFields) { f.Frequency = FrequencySnapshot }), nil, 0, nil,
			"ytd_rule: A snapshot's figure for the year is its latest, never a sum of snapshots: select Latest figure or Mean of the period"},
		{"a unit already refused gets no second message", with(aRatio, func(f *IndicatorFields) { f.Unit = "furlongs" }), nil, 0,
			FieldErrors{{Field: "unit", Message: "Select the unit"}}, "unit: Select the unit"},
		{"an indicator with figures cannot become a ratio", aRatio, &rate, 12, nil,
			"ytd_rule: This cannot become a ratio: PCT already has 12 figures of its own, and a ratio holds none"},
		{"an indicator without figures may become a ratio", aRatio, &rate, 0, nil, ""},
		{"a count a ratio counts stays a count", with(aSum, func(f *IndicatorFields) { f.Unit = UnitDays }), &referrals, 0, nil,
			"unit: The unit must stay Count: the ratio NI65 counts REF"},
		{"shares are of an indicator counted as often", with(aSum, func(f *IndicatorFields) { f.ShareBaseID = id(4) }), nil, 0, nil,
			"share_base: Shares can only be of an indicator counted as often: HELD is counted quarterly, this indicator monthly"},
		{"shares are of another indicator", with(aSum, func(f *IndicatorFields) { f.ShareBaseID = id(1) }), &referrals, 0, nil,
			"share_base: Select the indicator the shares are a percentage of from the list, or its own total"},
		{"a share base keeps its frequency", with(aSum, func(f *IndicatorFields) {}), &held, 0, nil,
			"frequency: The frequency must stay quarterly: the shares of CAUSE are a percentage of HELD"},
		{"figures hold the breakdowns and frequency in place",
			with(aSum, func(f *IndicatorFields) { f.ShareBaseID = id(4); f.Frequency = FrequencyQuarterly }), &causes, 1, nil,
			"dimension1: The breakdowns cannot change: CAUSE already has 1 figure stored against them. Keep them as they were, or add a new indicator"},
		{"figures hold the frequency in place", with(aSum, func(f *IndicatorFields) {
			f.ShareBaseID = id(4)
			f.Frequency = FrequencyQuarterly
			f.DimensionIDs = []int64{9}
		}),
			&Indicator{ID: 6, Code: "CAUSE", Frequency: FrequencyMonthly, Dimensions: []Dimension{{ID: 9}}}, 1200, nil,
			"frequency: The frequency cannot change: CAUSE already has 1,200 figures counted monthly. Keep it as it was, or add a new indicator"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := CheckIndicatorLinks(tc.before, tc.f, tc.current, tc.figures, all)
			var got []string
			for _, e := range errs {
				got = append(got, e.Field+": "+e.Message)
			}
			if strings.Join(got, "; ") != tc.want {
				t.Errorf("got  %q\nwant %q", strings.Join(got, "; "), tc.want)
			}
		})
	}
}
