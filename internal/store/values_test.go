package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// valuesFixture is two agencies, a period, and an indicator of each: one plain,
// one broken down by gender.
type valuesFixture struct {
	st              *store.Store
	ours, theirs    int64 // agencies
	plain, byGender int64 // indicators (ours, theirs)
	female, male    int64 // options
	april           time.Time
}

func newValuesFixture(t *testing.T) *valuesFixture {
	t.Helper()
	ctx := context.Background()
	f := &valuesFixture{st: testdb.New(t), april: time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC)}
	var err error
	f.ours, err = f.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Ours", Slug: "ours", ShortName: "X", Sector: "Police", Active: true})
	must(t, err)
	f.theirs, err = f.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Theirs", Slug: "theirs", ShortName: "X", Sector: "Police", Active: true})
	must(t, err)
	gender, err := f.st.CreateDimension(ctx, domain.CommandLine, "Gender", []string{"F", "M"})
	must(t, err)
	dims, err := f.st.Dimensions(ctx)
	must(t, err)
	f.female, f.male = dims[0].Options[0].ID, dims[0].Options[1].ID
	base := store.IndicatorFields{Name: "Referrals", Theme: "Referrals", Unit: domain.UnitCount, Polarity: domain.PolarityNeither,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum}
	base.Code, base.AgencyID = "REF", f.ours
	f.plain, err = f.st.CreateIndicator(ctx, domain.CommandLine, base)
	must(t, err)
	base.Code, base.AgencyID, base.DimensionIDs = "REFG", f.theirs, []int64{gender}
	f.byGender, err = f.st.CreateIndicator(ctx, domain.CommandLine, base)
	must(t, err)
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func num(v float64) *float64 { return &v }

func (f *valuesFixture) values(t *testing.T) map[domain.Cell]float64 {
	t.Helper()
	list, err := f.st.Values(context.Background(), []int64{f.plain, f.byGender}, f.april, f.april.AddDate(1, 0, -1))
	must(t, err)
	out := map[domain.Cell]float64{}
	for _, c := range list {
		out[c.Cell] = *c.Value
	}
	return out
}

func TestSavingValuesSetsChangesAndClearsCells(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	cell := domain.Cell{IndicatorID: f.plain, On: f.april}
	female := domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.female}}
	n, err := f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: cell, Value: num(0)}, {Cell: female, Value: num(7)}})
	must(t, err)
	if got := f.values(t); n != 2 || got[cell] != 0 || got[female] != 7 || len(got) != 2 {
		t.Fatalf("after the first save: changed %d, values %v", n, got)
	}
	// The same figure again changes nothing; a new one changes one cell; nil clears.
	n, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: cell, Value: num(0)}, {Cell: female, Value: num(8)}})
	must(t, err)
	if n != 1 {
		t.Fatalf("saving one new figure and one unchanged one changed %d cells", n)
	}
	n, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: cell}})
	must(t, err)
	if got := f.values(t); n != 1 || len(got) != 1 || got[female] != 8 {
		t.Fatalf("after clearing: changed %d, values %v", n, got)
	}
}

func TestSavingValuesRefusesAnotherAgencysIndicatorAndWrongOptionsChangingNothing(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	mine := domain.CellValue{Cell: domain.Cell{IndicatorID: f.plain, On: f.april}, Value: num(3)}
	theirs := domain.CellValue{Cell: domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.male}}, Value: num(4)}
	_, err := f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{AgencyID: &f.ours}, []domain.CellValue{mine, theirs})
	if !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a lead's save of another agency's figure: %v, want ErrForbidden", err)
	}
	noOption := domain.CellValue{Cell: domain.Cell{IndicatorID: f.byGender, On: f.april}, Value: num(4)}
	optionOnPlain := domain.CellValue{Cell: domain.Cell{IndicatorID: f.plain, On: f.april, Options: [3]int64{f.male}}, Value: num(4)}
	for _, bad := range []domain.CellValue{noOption, optionOnPlain} {
		if _, err := f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{mine, bad}); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("a figure with the wrong options: %v, want ErrConflict", err)
		}
	}
	if got := f.values(t); len(got) != 0 {
		t.Fatalf("refused saves left values behind: %v", got)
	}
}

func TestSavingValuesRefusesWhenAFigureSeenIsNoLongerThere(t *testing.T) {
	t.Parallel()
	f := newValuesFixture(t)
	ctx := context.Background()
	cell := domain.Cell{IndicatorID: f.plain, On: f.april}
	_, err := f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: cell, Value: num(16.96)}})
	must(t, err)
	// Seen as 16.96: the change goes through.
	_, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{Expected: []domain.CellValue{{Cell: cell, Value: num(16.96)}}},
		[]domain.CellValue{{Cell: cell, Value: num(20)}})
	must(t, err)
	// Seen as blank or as 16.96, but 20 now: refused, and 20 stays.
	for _, seen := range []*float64{nil, num(16.96)} {
		_, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{Expected: []domain.CellValue{{Cell: cell, Value: seen}}},
			[]domain.CellValue{{Cell: cell, Value: num(5)}})
		if !errors.Is(err, domain.ErrStale) {
			t.Fatalf("saving over a figure changed since it was seen: %v, want ErrStale", err)
		}
	}
	if got := f.values(t)[cell]; got != 20 {
		t.Fatalf("the figure is %v, want 20", got)
	}
}
