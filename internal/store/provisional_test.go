package store_test

import (
	"context"
	"testing"
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
