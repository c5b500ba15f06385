package web

import (
	"net/url"
	"strings"
	"time"

	"safeboard/internal/domain"
)

// How an indicator's dates and figures are named on its pages, the
// dashboard's cards and their charts.

// indicatorPath is the address of an indicator's page in a period.
func indicatorPath(period domain.Period, code string) string {
	return "/periods/" + period.Slug + "/indicators/" + url.PathEscape(code)
}

// chartID makes an indicator's code safe as part of an element id.
func chartID(code string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(code) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// dateName is a figure's date as people say it: April 2009, Q1 (April 2009), 31 March 2010.
func dateName(ind domain.Indicator, d time.Time) string {
	switch ind.Frequency {
	case domain.FrequencySnapshot:
		return d.Format("2 January 2006")
	case domain.FrequencyYearly:
		return domain.PeriodForYear(d.Year()).Label
	}
	return d.Format("January 2006")
}

// dateShort is a figure's date on a chart's axis: Apr, or Apr 09 for yearly.
func dateShort(ind domain.Indicator, d time.Time) string {
	switch ind.Frequency {
	case domain.FrequencySnapshot:
		return d.Format("2 Jan")
	case domain.FrequencyYearly:
		return domain.PeriodForYear(d.Year()).Label
	}
	return d.Format("Jan")
}

func dateHeading(ind domain.Indicator) string {
	switch ind.Frequency {
	case domain.FrequencyQuarterly:
		return "Quarter"
	case domain.FrequencySnapshot, domain.FrequencyYearly:
		return "Date"
	}
	return "Month"
}

// formatPtr writes one of the indicator's figures to its decimal places, or
// "" when not known.
func formatPtr(ind domain.Indicator, v *float64) string {
	if v == nil {
		return ""
	}
	return ind.Format(*v)
}

// places is the indicator's decimal places, for a chart.
func places(ind domain.Indicator) *int {
	n := ind.Places()
	return &n
}
