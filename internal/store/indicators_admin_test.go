package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// indicatorFields reads an indicator back as the fields a form would send.
func indicatorFields(t *testing.T, st *store.Store, id int64) store.IndicatorFields {
	t.Helper()
	ind, err := st.IndicatorByID(context.Background(), id)
	must(t, err)
	f := store.IndicatorFields{
		Code: ind.Code, Name: ind.Name, Description: ind.Description, Theme: ind.Theme, Unit: ind.Unit,
		Polarity: ind.Polarity, Frequency: ind.Frequency, YTDRule: ind.YTDRule, NumeratorID: ind.NumeratorID,
		DenominatorID: ind.DenominatorID, AgencyID: ind.AgencyID, SuppressSmall: ind.SuppressSmall, Position: ind.Position,
	}
	for _, d := range ind.Dimensions {
		f.DimensionIDs = append(f.DimensionIDs, d.ID)
	}
	return f
}

func latestAudit(t *testing.T, st *store.Store, entity string) domain.AuditEvent {
	t.Helper()
	events, err := st.AuditEvents(context.Background(), entity, 1)
	must(t, err)
	if len(events) == 0 {
		t.Fatalf("no %s audit event", entity)
	}
	return events[0]
}

func TestUpdatingAnIndicatorAuditsWhatChanged(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	before := indicatorFields(t, f.st, f.plain)
	after := before
	after.Name, after.SuppressSmall = "Referrals to children's social care", true
	must(t, f.st.UpdateIndicator(ctx, domain.CommandLine, f.plain, after))
	if got := indicatorFields(t, f.st, f.plain); got.Name != after.Name || !got.SuppressSmall {
		t.Fatalf("after the update: %+v", got)
	}
	e := latestAudit(t, f.st, "indicator")
	var details struct {
		Changes map[string]struct{ From, To any } `json:"changes"`
	}
	raw, err := json.Marshal(e.Details)
	must(t, err)
	must(t, json.Unmarshal(raw, &details))
	if e.Action != "indicator.update" || len(details.Changes) != 2 ||
		details.Changes["name"].From != "Referrals" || details.Changes["suppress_small"].To != true {
		t.Fatalf("audit event %s %s", e.Action, e.Details)
	}
}

func TestAnIndicatorWithFiguresKeepsItsBreakdownsAndFrequency(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	age, err := f.st.CreateDimension(ctx, domain.CommandLine, "Age band", []string{"0-5", "6-10"})
	must(t, err)
	// Without figures the breakdowns may change.
	plain := indicatorFields(t, f.st, f.plain)
	plain.DimensionIDs = []int64{age}
	must(t, f.st.UpdateIndicator(ctx, domain.CommandLine, f.plain, plain))
	if got := indicatorFields(t, f.st, f.plain); !slices.Equal(got.DimensionIDs, []int64{age}) {
		t.Fatalf("breakdowns %v, want age band", got.DimensionIDs)
	}

	_, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.female}}, Value: num(3)}})
	must(t, err)
	byGender := indicatorFields(t, f.st, f.byGender)
	events, err := f.st.AuditEvents(ctx, "indicator", 100)
	must(t, err)
	for name, change := range map[string]func(*store.IndicatorFields){
		"another breakdown":  func(x *store.IndicatorFields) { x.DimensionIDs = []int64{age} },
		"a second breakdown": func(x *store.IndicatorFields) { x.DimensionIDs = append(x.DimensionIDs, age) },
		"no breakdown":       func(x *store.IndicatorFields) { x.DimensionIDs = nil },
		"another frequency":  func(x *store.IndicatorFields) { x.Frequency = domain.FrequencyQuarterly },
	} {
		t.Run(name, func(t *testing.T) {
			changed := byGender
			changed.DimensionIDs = slices.Clone(byGender.DimensionIDs)
			changed.Name = "Changed"
			change(&changed)
			if err := f.st.UpdateIndicator(ctx, domain.CommandLine, f.byGender, changed); !errors.Is(err, store.ErrHasFigures) {
				t.Fatalf("got %v, want ErrHasFigures", err)
			}
			if got := indicatorFields(t, f.st, f.byGender); fmt.Sprint(got) != fmt.Sprint(byGender) {
				t.Fatalf("the indicator changed: %+v", got)
			}
		})
	}
	after, err := f.st.AuditEvents(ctx, "indicator", 100)
	must(t, err)
	if len(after) != len(events) {
		t.Fatalf("refused updates wrote %d audit events", len(after)-len(events))
	}
	four := byGender
	four.DimensionIDs = []int64{1, 2, 3, 4}
	if err := f.st.UpdateIndicator(ctx, domain.CommandLine, f.byGender, four); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("four breakdowns: got %v, want a conflict", err)
	}
}

func TestAPartOfARatioStaysACount(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	ratio := store.IndicatorFields{Code: "SHARE", Name: "Share", Theme: "Referrals", Unit: domain.UnitPercentage,
		Polarity: domain.PolarityHigher, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDRatio,
		NumeratorID: &f.plain, DenominatorID: &f.byGender, AgencyID: f.ours}
	_, err := f.st.CreateIndicator(ctx, domain.CommandLine, ratio)
	must(t, err)
	plain := indicatorFields(t, f.st, f.plain)
	plain.Unit = domain.UnitDays
	if err := f.st.UpdateIndicator(ctx, domain.CommandLine, f.plain, plain); !errors.Is(err, store.ErrIsRatioPart) {
		t.Fatalf("got %v, want ErrIsRatioPart", err)
	}
}

func TestDimensionOptionsAreRenamedMovedAddedAndRemoved(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	dims, err := f.st.Dimensions(ctx)
	must(t, err)
	gender := dims[0].ID
	labels := func() []string {
		d, err := f.st.DimensionByID(ctx, gender)
		must(t, err)
		var out []string
		for _, o := range d.Options {
			out = append(out, o.Label)
		}
		return out
	}

	must(t, f.st.AddDimensionOptions(ctx, domain.CommandLine, gender, []string{"Unknown", "Not stated"}))
	var dup *domain.DuplicateError
	if err := f.st.AddDimensionOptions(ctx, domain.CommandLine, gender, []string{"unknown"}); !errors.As(err, &dup) {
		t.Fatalf("a label twice: got %v, want a duplicate", err)
	}
	// Two options may swap labels in one go.
	must(t, f.st.RenameDimensionOptions(ctx, domain.CommandLine, gender, map[int64]string{f.female: "M", f.male: "F"}))
	if got := labels(); !slices.Equal(got, []string{"M", "F", "Unknown", "Not stated"}) {
		t.Fatalf("after the swap: %v", got)
	}
	must(t, f.st.RenameDimensionOptions(ctx, domain.CommandLine, gender, map[int64]string{f.female: "Female", f.male: "Male"}))
	must(t, f.st.MoveDimensionOption(ctx, domain.CommandLine, gender, f.male, true))
	must(t, f.st.MoveDimensionOption(ctx, domain.CommandLine, gender, f.male, true)) // already first: nothing happens
	if got := labels(); !slices.Equal(got, []string{"Male", "Female", "Unknown", "Not stated"}) {
		t.Fatalf("after moving Male up: %v", got)
	}
	if e := latestAudit(t, f.st, "dimension"); e.Action != "dimension.option_move" {
		t.Fatalf("latest dimension event %s, want the move", e.Action)
	}

	_, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.female}}, Value: num(3)}})
	must(t, err)
	if err := f.st.RemoveDimensionOption(ctx, domain.CommandLine, gender, f.female); !errors.Is(err, store.ErrOptionInUse) {
		t.Fatalf("removing an option in use: got %v", err)
	}
	d, err := f.st.DimensionByID(ctx, gender)
	must(t, err)
	must(t, f.st.RemoveDimensionOption(ctx, domain.CommandLine, gender, d.Options[2].ID))
	if got := labels(); !slices.Equal(got, []string{"Male", "Female", "Not stated"}) {
		t.Fatalf("after removing Unknown: %v", got)
	}
	// Positions close up, so a move after a removal still finds its neighbour.
	d, err = f.st.DimensionByID(ctx, gender)
	must(t, err)
	for i, o := range d.Options {
		if o.Position != i+1 {
			t.Fatalf("option %s at position %d, want %d", o.Label, o.Position, i+1)
		}
	}
	uses, err := f.st.DimensionUses(ctx)
	must(t, err)
	if u := uses[gender]; !slices.Equal(u.Indicators, []string{"REFG"}) || u.Figures[f.female] != 1 || len(u.Figures) != 1 {
		t.Fatalf("uses of gender: %+v", u)
	}

	many := make([]string, store.MaxDimensionOptions)
	for i := range many {
		many[i] = fmt.Sprintf("Option %d", i)
	}
	if err := f.st.AddDimensionOptions(ctx, domain.CommandLine, gender, many); !errors.Is(err, store.ErrTooManyOptions) {
		t.Fatalf("past %d options: got %v", store.MaxDimensionOptions, err)
	}
}

func TestATargetIsRemovedWithAnAuditEvent(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	pid, err := f.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: "2009/10",
		StartsOn: domain.PeriodForYear(2009).StartsOn, EndsOn: domain.PeriodForYear(2009).EndsOn})
	must(t, err)
	must(t, f.st.SetTarget(ctx, domain.CommandLine, domain.Target{IndicatorID: f.plain, PeriodID: pid, Op: "<", Value: 14, Amber: num(2), Source: "LAA"}))
	targets, err := f.st.IndicatorTargets(ctx, f.plain)
	must(t, err)
	if len(targets) != 1 || *targets[0].Amber != 2 || targets[0].Source != "LAA" {
		t.Fatalf("targets %+v", targets)
	}
	must(t, f.st.RemoveTarget(ctx, domain.CommandLine, f.plain, pid))
	if targets, _ = f.st.IndicatorTargets(ctx, f.plain); len(targets) != 0 {
		t.Fatalf("targets after removing: %+v", targets)
	}
	if e := latestAudit(t, f.st, "indicator"); e.Action != "target.remove" {
		t.Fatalf("latest event %s", e.Action)
	}
}
