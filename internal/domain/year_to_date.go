package domain

// YearSums are an indicator's figures in a year as the database keeps them
// (table indicator_years): what its year to date is formed from, by rule.
type YearSums struct {
	Total float64 // the sum of its figures; for a ratio, its numerator's sum
	Cells int     // how many figures the sum holds (for a mean, its count)
	// Last is the figure of its last date (for breakdowns, their total);
	// nil when it has none.
	Last *float64
	// Denominator is a ratio's denominator summed over the dates its
	// numerator has; nil for other rules.
	Denominator *float64
}

// YearToDate forms a year-to-date figure by the rule: the sum of the year;
// the mean of every figure (of each date's breakdown options too); the
// latest figure; or a ratio's numerator sum over its denominator sum, as a
// percentage (never a mean of percentages). nil when it cannot be formed: no
// figures to average, a ratio over nothing, an unknown rule.
//
// The queries form it with the SQL function year_to_date (migration 0008),
// in exact numeric; TestYearToDateAgreesWithItsSQLFunction keeps the two one
// rule.
func (r YTDRule) YearToDate(s YearSums) *float64 {
	var v float64
	switch r {
	case YTDSum:
		v = s.Total
	case YTDMean:
		if s.Cells == 0 {
			return nil
		}
		v = s.Total / float64(s.Cells)
	case YTDLatest:
		return s.Last
	case YTDRatio:
		if s.Denominator == nil || *s.Denominator == 0 {
			return nil
		}
		v = s.Total / *s.Denominator * 100
	default:
		return nil
	}
	return &v
}
