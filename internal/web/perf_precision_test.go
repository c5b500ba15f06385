package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// A mean indicator of days by staff member, shown to two decimal places: a
// year of figures whose mean is 22.083 days shows 22.08, on its page and in
// section 4, and nothing is summed: no Total anywhere.
func TestAMeanIndicatorShowsItsOwnDecimalPlacesAndNeverSums(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedDaysByStaff(t, b)

	c := b.as(domain.RoleChair)
	for _, path := range []string{"/periods/2009-10/indicators/DAYS", "/periods/2009-10/report/performance"} {
		res := c.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		text := doc(t, res).Find("main").Text()
		if !strings.Contains(text, "22.08 days") {
			t.Errorf("%s does not show the mean, 22.08 days", path)
		}
		if strings.Contains(text, "22.1 days") {
			t.Errorf("%s shows the mean to one decimal place", path)
		}
		if strings.Contains(text, "Total") || strings.Contains(text, "530") {
			t.Errorf("%s sums a mean indicator", path)
		}
	}
}

// seedDaysByStaff defines DAYS, a mean indicator of days by staff member at
// two decimal places, with a year of figures: 22 and 22 days each month, but
// 24 and 22 in March, so 530 days over 24 figures, a mean of 22.083.
func seedDaysByStaff(t *testing.T, b *board) {
	t.Helper()
	ctx := context.Background()
	st := b.st
	staff, err := st.CreateDimension(ctx, domain.CommandLine, "Staff member", []string{"Social worker 1", "Social worker 2"})
	perfMust(t, err)
	dim, err := st.DimensionByID(ctx, staff)
	perfMust(t, err)
	two := 2
	id, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "DAYS",
		Name: "Days from referral to assessment", Theme: "Assessment", Unit: domain.UnitDays, Polarity: domain.PolarityLower,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDMean, AgencyID: b.agencyID, DimensionIDs: []int64{staff}, Decimals: &two})
	perfMust(t, err)
	var figs []domain.CellValue
	for m := range 12 {
		on := time.Date(2009, time.April, 1, 0, 0, 0, 0, time.UTC).AddDate(0, m, 0)
		first := 22.0
		if m == 11 {
			first = 24
		}
		figs = append(figs,
			domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: on, Options: [3]int64{dim.Options[0].ID}}, Value: perfPtr(first)},
			domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: on, Options: [3]int64{dim.Options[1].ID}}, Value: perfPtr(22.0)})
	}
	_, err = st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, figs)
	perfMust(t, err)
}
