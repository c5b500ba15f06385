package perfio_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// board is a fresh database with two agencies, the 2009/10 period and
// indicators of every shape: broken down by two dimensions, a percentage, a
// snapshot, the parts of a ratio and the ratio itself, and another agency's.
type board struct {
	st             *store.Store
	period         domain.Period
	council, other *domain.Agency
	ind            map[string]int64 // by code
	opt            map[string]int64 // by dimension name + "/" + label
}

var april = time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func num(v float64) *float64 { return &v }

func newBoard(t testing.TB) *board {
	t.Helper()
	ctx := context.Background()
	b := &board{st: testdb.New(t), ind: map[string]int64{}, opt: map[string]int64{}}
	councilID, err := b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Medway Council", Slug: "medway-council", ShortName: "Council", Sector: "Local authority", Active: true})
	must(t, err)
	otherID, err := b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Kent Police", Slug: "kent-police", ShortName: "Police", Sector: "Police", Active: true})
	must(t, err)
	b.council, err = b.st.AgencyByID(ctx, councilID)
	must(t, err)
	b.other, err = b.st.AgencyByID(ctx, otherID)
	must(t, err)
	p := domain.PeriodForYear(2009)
	_, err = b.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
	must(t, err)
	period, err := b.st.PeriodBySlug(ctx, "2009-10")
	must(t, err)
	b.period = *period
	age, err := b.st.CreateDimension(ctx, domain.CommandLine, "Age band", []string{"0-5", "6-10", "11-15", "16+"})
	must(t, err)
	gender, err := b.st.CreateDimension(ctx, domain.CommandLine, "Gender", []string{"F", "M"})
	must(t, err)
	dims, err := b.st.Dimensions(ctx)
	must(t, err)
	for _, d := range dims {
		for _, o := range d.Options {
			b.opt[d.Name+"/"+o.Label] = o.ID
		}
	}
	add := func(code string, unit domain.Unit, freq domain.Frequency, agency int64, dims ...int64) {
		t.Helper()
		id, err := b.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
			Code: code, Name: "Indicator " + code, Theme: "Child protection", Unit: unit, Polarity: domain.PolarityNeither,
			Frequency: freq, YTDRule: domain.YTDSum, AgencyID: agency, DimensionIDs: dims, Position: len(b.ind)})
		must(t, err)
		b.ind[code] = id
	}
	add("CPP", domain.UnitCount, domain.FrequencyMonthly, councilID, age, gender)
	add("PCT", domain.UnitPercentage, domain.FrequencyMonthly, councilID)
	add("SNAP", domain.UnitCount, domain.FrequencySnapshot, councilID, gender)
	add("NUM", domain.UnitCount, domain.FrequencyMonthly, councilID)
	add("DEN", domain.UnitCount, domain.FrequencyMonthly, councilID)
	add("POL", domain.UnitCount, domain.FrequencyQuarterly, otherID)
	num, den := b.ind["NUM"], b.ind["DEN"]
	id, err := b.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
		Code: "RAT", Name: "Ratio", Theme: "Child protection", Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDRatio, NumeratorID: &num, DenominatorID: &den, AgencyID: councilID})
	must(t, err)
	b.ind["RAT"] = id
	// Some figures known already.
	b.save(t,
		domain.CellValue{Cell: b.cell("CPP", april, "Age band/0-5", "Gender/F"), Value: num2(3)},
		domain.CellValue{Cell: b.cell("CPP", april.AddDate(0, 1, 0), "Age band/16+", "Gender/M"), Value: num2(0)},
		domain.CellValue{Cell: b.cell("PCT", april), Value: num2(72.5)},
		domain.CellValue{Cell: b.cell("SNAP", time.Date(2010, 3, 31, 0, 0, 0, 0, time.UTC), "Gender/F"), Value: num2(41)},
		domain.CellValue{Cell: b.cell("NUM", april), Value: num2(8)},
		domain.CellValue{Cell: b.cell("DEN", april), Value: num2(10)},
		domain.CellValue{Cell: b.cell("POL", april), Value: num2(1234)},
	)
	return b
}

func num2(v float64) *float64 { return &v }

func (b *board) cell(code string, on time.Time, options ...string) domain.Cell {
	c := domain.Cell{IndicatorID: b.ind[code], On: on}
	for i, o := range options {
		c.Options[i] = b.opt[o]
	}
	return c
}

func (b *board) save(t testing.TB, cells ...domain.CellValue) {
	t.Helper()
	_, err := b.st.SaveValues(context.Background(), domain.CommandLine, store.ValueScope{}, cells)
	must(t, err)
}

// values is every figure saved in 2009/10, by cell.
func (b *board) values(t testing.TB) map[domain.Cell]float64 {
	t.Helper()
	var ids []int64
	for _, id := range b.ind {
		ids = append(ids, id)
	}
	list, err := b.st.Values(context.Background(), ids, b.period.StartsOn, b.period.EndsOn)
	must(t, err)
	out := map[domain.Cell]float64{}
	for _, c := range list {
		out[c.Cell] = *c.Value
	}
	return out
}

func (b *board) export(t testing.TB, agency *domain.Agency, f perfio.Format) []byte {
	t.Helper()
	ex, err := perfio.LoadExport(context.Background(), b.st, b.period, agency)
	must(t, err)
	var buf bytes.Buffer
	must(t, ex.Write(&buf, f))
	return buf.Bytes()
}

func (b *board) check(t testing.TB, content []byte, opts perfio.Options) *perfio.Plan {
	t.Helper()
	plan, err := perfio.Check(context.Background(), b.st, content, opts)
	must(t, err)
	return plan
}

// apply saves a plan's cells, as the web and the command line do.
func (b *board) apply(t testing.TB, plan *perfio.Plan) int {
	t.Helper()
	n, err := b.st.SaveValues(context.Background(), domain.CommandLine, store.ValueScope{}, plan.Cells())
	must(t, err)
	return n
}
