package domain

import (
	"fmt"
	"slices"
	"strings"
)

// IndicatorFields is what a manager sets on an indicator.
type IndicatorFields struct {
	Code          string
	Name          string
	Description   string
	Theme         string
	Unit          Unit
	Polarity      Polarity
	Frequency     Frequency
	YTDRule       YTDRule
	NumeratorID   *int64
	DenominatorID *int64
	AgencyID      int64
	SuppressSmall bool
	ShareBaseID   *int64 // shares of this indicator's figure; nil: of the breakdown's total
	Position      int
	DimensionIDs  []int64 // up to three, in order
}

// CheckIndicatorLinks checks how an indicator's settings f fit the board's
// other indicators (all, the indicator itself included when it exists):
//   - a ratio counts two other, different indicators, both counts, and is a
//     percentage; an indicator that is not a ratio has no parts;
//   - its shares are of another indicator counted as often;
//   - once current (nil when adding) holds figures, its breakdowns and
//     frequency stay, and it cannot become a ratio (a ratio holds none);
//   - while another indicator's shares are of it, its frequency stays, and
//     while a ratio counts it, it stays a count.
//
// errs are the messages found so far, in the form's fields: a field that
// already has one gets no second. It returns them with its own added.
func CheckIndicatorLinks(errs FieldErrors, f IndicatorFields, current *Indicator, figures int, all []Indicator) FieldErrors {
	others := make(map[int64]Indicator, len(all))
	for _, ind := range all {
		if current == nil || ind.ID != current.ID {
			others[ind.ID] = ind
		}
	}
	errs = checkRatio(errs, f, others)
	errs = checkShareBase(errs, f, others)
	if current != nil {
		errs = checkStoredIndicator(errs, f, *current, figures, all)
	}
	return errs
}

// checkRatio checks a ratio's parts among the other indicators: see CheckIndicatorLinks.
func checkRatio(errs FieldErrors, f IndicatorFields, others map[int64]Indicator) FieldErrors {
	ratio := f.YTDRule == YTDRatio
	// part checks a numerator or denominator; it gives the indicator's id
	// when it is one of the others, for a ratio.
	part := func(name string, id *int64, what, where string) *int64 {
		if id == nil {
			if ratio {
				errs.Add(name, "Select the "+what+", the count "+where+" the line, for a ratio")
			}
			return nil
		}
		ind, ok := others[*id]
		switch {
		case !ratio:
			errs.Add(name, "Choose None for the "+what+": only a ratio of two indicators has one")
			return nil
		case !ok:
			errs.Add(name, "Select the "+what+" from the list of other indicators")
			return nil
		case ind.Unit != UnitCount:
			errs.Add(name, fmt.Sprintf("The %s must be a count: %s is measured in %s", what, ind.Code, strings.ToLower(ind.Unit.Title())))
		}
		return id
	}
	num := part("numerator", f.NumeratorID, "numerator", "above")
	den := part("denominator", f.DenominatorID, "denominator", "below")
	if num != nil && den != nil && *num == *den {
		errs.Add("denominator", "The denominator must be a different indicator from the numerator")
	}
	if ratio && errs.For("unit") == "" && f.Unit != UnitPercentage {
		errs.Add("unit", "A ratio of two indicators is a percentage: select Percentage")
	}
	if f.Frequency == FrequencySnapshot && f.YTDRule == YTDSum && errs.For("ytd_rule") == "" {
		// snapshots of the same children on several dates do not add up
		errs.Add("ytd_rule", "A snapshot's figure for the year is its latest, never a sum of snapshots: select Latest figure or Mean of the period")
	}
	return errs
}

// checkShareBase checks the indicator a breakdown's shares are of: another
// indicator counted as often, such as the conferences held.
func checkShareBase(errs FieldErrors, f IndicatorFields, others map[int64]Indicator) FieldErrors {
	if f.ShareBaseID == nil {
		return errs
	}
	base, ok := others[*f.ShareBaseID]
	switch {
	case !ok:
		errs.Add("share_base", "Select the indicator the shares are a percentage of from the list, or its own total")
	case errs.For("frequency") == "" && base.Frequency != f.Frequency:
		errs.Add("share_base", fmt.Sprintf("Shares can only be of an indicator counted as often: %s is counted %s, this indicator %s",
			base.Code, strings.ToLower(base.Frequency.Title()), strings.ToLower(f.Frequency.Title())))
	}
	return errs
}

// checkStoredIndicator is what may no longer change about an existing
// indicator: see CheckIndicatorLinks.
func checkStoredIndicator(errs FieldErrors, f IndicatorFields, current Indicator, figures int, all []Indicator) FieldErrors {
	var before []int64
	for _, d := range current.Dimensions {
		before = append(before, d.ID)
	}
	stored := fmt.Sprintf("%s already has %s", current.Code, CountOf(figures, "figure"))
	if figures > 0 && errs.For("dimension1") == "" && !slices.Equal(before, f.DimensionIDs) {
		errs.Add("dimension1", "The breakdowns cannot change: "+stored+" stored against them. Keep them as they were, or add a new indicator")
	}
	if figures > 0 && errs.For("frequency") == "" && f.Frequency != current.Frequency {
		errs.Add("frequency", "The frequency cannot change: "+stored+" counted "+strings.ToLower(current.Frequency.Title())+". Keep it as it was, or add a new indicator")
	}
	if figures > 0 && errs.For("ytd_rule") == "" && f.YTDRule == YTDRatio && !current.IsRatio() {
		errs.Add("ytd_rule", "This cannot become a ratio: "+stored+" of its own, and a ratio holds none")
	}
	if errs.For("frequency") == "" && f.Frequency != current.Frequency {
		for _, ind := range all {
			if ind.ShareBaseID != nil && *ind.ShareBaseID == current.ID {
				errs.Add("frequency", fmt.Sprintf("The frequency must stay %s: the shares of %s are a percentage of %s",
					strings.ToLower(current.Frequency.Title()), ind.Code, current.Code))
				break
			}
		}
	}
	if errs.For("unit") == "" && current.Unit == UnitCount && f.Unit != UnitCount {
		for _, ind := range all {
			if (ind.NumeratorID != nil && *ind.NumeratorID == current.ID) || (ind.DenominatorID != nil && *ind.DenominatorID == current.ID) {
				errs.Add("unit", fmt.Sprintf("The unit must stay Count: the ratio %s counts %s", ind.Code, current.Code))
				break
			}
		}
	}
	return errs
}

// CountOf writes a number of things: 1 figure, 24 figures, 1,200 figures.
func CountOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return formatNumber(float64(n)) + " " + word + "s"
}
