package store_test

import (
	"context"
	"testing"

	"safeboard/internal/store"
)

// An indicator's figures are provisional while its owning agency's return
// for the period exists and is not accepted (the ratio RATIO's too, through
// its parts); a period without returns counts as accepted.
func TestFiguresAreProvisionalUntilTheReturnIsAccepted(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	ctx := context.Background()
	list, err := f.st.ProvisionalIndicators(ctx, f.period)
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("without a return, %d indicators are provisional", len(list))
	}
	_, err = f.st.Pool().Exec(ctx, `INSERT INTO returns (period_id, agency_id, status) VALUES ($1, $2, 'submitted')`, f.period.ID, f.agency)
	must(t, err)
	list, err = f.st.ProvisionalIndicators(ctx, f.period)
	must(t, err)
	codes := map[string]bool{}
	for _, p := range list {
		codes[p.Code] = true
		if p.AgencySlug != "council" || p.Status != "submitted" {
			t.Errorf("%s: provisional from %q, %q", p.Code, p.AgencySlug, p.Status)
		}
	}
	// EMPTY holds no figures for the period, so nothing of it is provisional.
	if !codes["SUM"] || !codes["RATIO"] || !codes["CP"] || codes["EMPTY"] {
		t.Errorf("provisional: %v", codes)
	}
	_, err = f.st.Pool().Exec(ctx, `UPDATE returns SET status = 'accepted' WHERE agency_id = $1`, f.agency)
	must(t, err)
	list, err = f.st.ProvisionalIndicators(ctx, f.period)
	must(t, err)
	if len(list) != 0 {
		t.Errorf("once accepted, %d indicators are still provisional", len(list))
	}
}

// Performance marks each indicator's figures of a year provisional while its
// owner's return for that year is not accepted, and with AcceptedOnly leaves
// them out of its figures, year to date, latest, rating, change and
// breakdowns; the years with accepted figures (or without returns) stay.
func TestPerformanceMarksAndWithholdsProvisionalFigures(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	ctx := context.Background()
	read := func(acceptedOnly bool) map[string]store.IndicatorPerformance {
		t.Helper()
		perf, err := f.st.PerformanceWith(ctx, f.period, store.PerformanceOptions{AcceptedOnly: acceptedOnly})
		must(t, err)
		out := map[string]store.IndicatorPerformance{}
		for _, ip := range perf.Indicators {
			out[ip.Code] = ip
		}
		return out
	}
	before := read(true)
	if sum := before["SUM"]; sum.YTD == nil || *sum.YTD != 60 || len(sum.ProvisionalBy) != 0 || sum.Withheld {
		t.Fatalf("without returns, SUM reads %v, provisional by %v, withheld %v", sum.YTD, sum.ProvisionalBy, sum.Withheld)
	}
	_, err := f.st.Pool().Exec(ctx, `INSERT INTO returns (period_id, agency_id, status) VALUES ($1, $2, 'submitted')`, f.period.ID, f.agency)
	must(t, err)

	marked := read(false)
	sum := marked["SUM"]
	if sum.YTD == nil || *sum.YTD != 60 || len(sum.ProvisionalBy) != 1 || sum.ProvisionalBy[0].AgencySlug != "council" || sum.ProvisionalBy[0].Status != "submitted" || sum.ProvisionalFigures != 3 || sum.Withheld {
		t.Errorf("marked: SUM reads %v, provisional by %v (%d figures), withheld %v", sum.YTD, sum.ProvisionalBy, sum.ProvisionalFigures, sum.Withheld)
	}
	if sum.PreviousProvisional {
		t.Error("2008/09 has no returns, yet its figures are provisional")
	}
	if n := len(sum.Years); n != 2 || sum.Years[0].Provisional || !sum.Years[1].Provisional {
		t.Errorf("years: %+v", sum.Years)
	}
	if len(marked["RATIO"].ProvisionalBy) == 0 {
		t.Error("a ratio of provisional parts is not provisional")
	}

	withheld := read(true)
	sum = withheld["SUM"]
	if sum.YTD != nil || sum.Latest != nil || sum.RAG != "" || !sum.Withheld || sum.Comparison.Change != nil {
		t.Errorf("accepted only: SUM reads %v, latest %v, rated %q, withheld %v, change %v", sum.YTD, sum.Latest, sum.RAG, sum.Withheld, sum.Comparison.Change)
	}
	if sum.PreviousYTD == nil || *sum.PreviousYTD != 50 {
		t.Errorf("accepted only: the accepted 2008/09 reads %v, want 50", sum.PreviousYTD)
	}
	for _, fig := range sum.Figures {
		if fig.Value != nil {
			t.Errorf("accepted only: SUM shows %v on %s", *fig.Value, fig.On.Format("2006-01"))
		}
	}
	if cp := withheld["CP"]; cp.Breakdown != nil || cp.PreviousBreakdown == nil {
		t.Errorf("accepted only: CP's breakdown %v, the previous one %v", cp.Breakdown, cp.PreviousBreakdown)
	}
	if marked["CP"].Breakdown == nil {
		t.Error("marked: CP has no breakdown")
	}

	_, err = f.st.Pool().Exec(ctx, `UPDATE returns SET status = 'accepted' WHERE agency_id = $1`, f.agency)
	must(t, err)
	if sum := read(true)["SUM"]; sum.YTD == nil || *sum.YTD != 60 || sum.Withheld {
		t.Errorf("once accepted, SUM reads %v, withheld %v", sum.YTD, sum.Withheld)
	}
}
