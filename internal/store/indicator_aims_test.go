package store_test

import (
	"context"
	"errors"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func TestAnIndicatorMeasuresSomeOfItsPeriodsAimsOnly(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	p09, err := f.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: "2009/10", StartsOn: domain.PeriodForYear(2009).StartsOn, EndsOn: domain.PeriodForYear(2009).EndsOn})
	must(t, err)
	p10, err := f.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: "2010/11", StartsOn: domain.PeriodForYear(2010).StartsOn, EndsOn: domain.PeriodForYear(2010).EndsOn})
	must(t, err)
	a1, err := store.AimList.Add(ctx, f.st, domain.CommandLine, store.Under(p09), domain.StrategicAim{Title: "Effective", LaterYears: "x"})
	must(t, err)
	a2, err := store.AimList.Add(ctx, f.st, domain.CommandLine, store.Under(p09), domain.StrategicAim{Title: "Learning", LaterYears: "y"})
	must(t, err)
	later, err := store.AimList.Add(ctx, f.st, domain.CommandLine, store.Under(p10), domain.StrategicAim{Title: "Later", LaterYears: "z"})
	must(t, err)
	must(t, f.st.SetIndicatorAims(ctx, domain.CommandLine, f.plain, p09, []int64{a1, a2}))
	must(t, f.st.SetIndicatorAims(ctx, domain.CommandLine, f.plain, p10, []int64{later}))
	// Setting 2009/10's aims again replaces them, leaving 2010/11's.
	must(t, f.st.SetIndicatorAims(ctx, domain.CommandLine, f.plain, p09, []int64{a2}))
	got, err := f.st.AimsWithIndicators(ctx, p09)
	must(t, err)
	if len(got) != 2 || len(got[0].Indicators) != 0 || len(got[1].Indicators) != 1 || got[1].Indicators[0] != f.plain {
		t.Fatalf("2009/10's aims %+v, want only Learning with the indicator", got)
	}
	if m, err := f.st.IndicatorAims(ctx, p10); err != nil || len(m[f.plain]) != 1 || m[f.plain][0] != later {
		t.Fatalf("2010/11's aims %v %v, want Later", m, err)
	}
	if err := f.st.SetIndicatorAims(ctx, domain.CommandLine, f.plain, p10, []int64{a1}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("setting a 2009/10 aim for 2010/11: %v, want ErrConflict", err)
	}
	if m, _ := f.st.IndicatorAims(ctx, p10); len(m[f.plain]) != 1 {
		t.Fatalf("a refused change changed 2010/11's aims: %v", m)
	}
}
