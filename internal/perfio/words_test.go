package perfio_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
	"safeboard/internal/store"
)

// A misspelled option is answered with every option the breakdown has, not
// the first dozen "and 4 more", so that it can be put right from the message.
func TestAMisspelledOptionListsEveryValidOption(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	var labels []string
	for k := 1; k <= 16; k++ {
		labels = append(labels, fmt.Sprintf("Team %d", k))
	}
	dim, err := b.st.CreateDimension(ctx, domain.CommandLine, "Team", labels)
	must(t, err)
	_, err = b.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "TEAM", Name: "By team", Theme: "Teams",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
		AgencyID: b.council.ID, DimensionIDs: []int64{dim}, Position: 99})
	must(t, err)
	plan := b.check(t, []byte("indicator,agency,period,month,team,value\nTEAM,medway-council,2009/10,2009-04,Team 61,3\n"), perfio.Options{})
	if len(plan.Problems) != 1 {
		t.Fatalf("problems: %v", plan.Problems)
	}
	msg := plan.Problems[0].Message
	want := "use one of " + strings.Join(labels[:15], ", ") + " or Team 16"
	if !strings.Contains(msg, want) || strings.Contains(msg, "more") {
		t.Errorf("the problem reads %q, want every option: %q", msg, want)
	}
}
