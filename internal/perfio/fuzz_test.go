package perfio_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
)

// memBoard is a small board held in memory, so the fuzz tests check files
// against real indicators without a database: a breakdown by two dimensions,
// a percentage, a snapshot and a ratio's parts.
type memBoard struct {
	inds     []domain.Indicator
	agencies []domain.Agency
	periods  []domain.Period
	values   []domain.CellValue
}

func (m *memBoard) Indicators(context.Context) ([]domain.Indicator, error) { return m.inds, nil }
func (m *memBoard) Agencies(context.Context) ([]domain.Agency, error)      { return m.agencies, nil }
func (m *memBoard) Periods(context.Context) ([]domain.Period, error)       { return m.periods, nil }
func (m *memBoard) CellStates(_ context.Context, ids []int64, from, to time.Time) ([]domain.CellState, error) {
	var out []domain.CellState
	for i, v := range m.values {
		for _, id := range ids {
			if v.IndicatorID == id && !v.On.Before(from) && !v.On.After(to) {
				out = append(out, domain.CellState{CellValue: v, Version: int64(i + 1)})
			}
		}
	}
	return out, nil
}

func newMemBoard() *memBoard {
	p := domain.PeriodForYear(2009)
	p.ID = 1
	age := domain.Dimension{ID: 1, Name: "Age band", Options: []domain.DimensionOption{{ID: 11, Label: "0-5"}, {ID: 12, Label: "6-10"}, {ID: 13, Label: "11+"}}}
	gender := domain.Dimension{ID: 2, Name: "Gender", Options: []domain.DimensionOption{{ID: 21, Label: "F"}, {ID: 22, Label: "M"}}}
	ind := func(id int64, code string, unit domain.Unit, freq domain.Frequency, dims ...domain.Dimension) domain.Indicator {
		return domain.Indicator{ID: id, Code: code, Name: "Indicator " + code, Unit: unit, Frequency: freq, YTDRule: domain.YTDSum,
			AgencyID: 1, AgencySlug: "medway-council", AgencyName: "Medway Council", Dimensions: dims}
	}
	n, d := int64(4), int64(5)
	ratio := ind(6, "RAT", domain.UnitPercentage, domain.FrequencyMonthly)
	ratio.YTDRule, ratio.NumeratorID, ratio.DenominatorID = domain.YTDRatio, &n, &d
	m := &memBoard{
		inds: []domain.Indicator{
			ind(1, "CPP", domain.UnitCount, domain.FrequencyMonthly, age, gender),
			ind(2, "PCT", domain.UnitPercentage, domain.FrequencyMonthly),
			ind(3, "SNAP", domain.UnitDays, domain.FrequencySnapshot, gender),
			ind(4, "NUM", domain.UnitCount, domain.FrequencyMonthly),
			ind(5, "DEN", domain.UnitCount, domain.FrequencyMonthly),
			ratio,
		},
		agencies: []domain.Agency{{ID: 1, Name: "Medway Council", Slug: "medway-council", ShortName: "Council"}},
		periods:  []domain.Period{p},
	}
	april := p.StartsOn
	m.values = []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: 1, On: april, Options: [3]int64{11, 21}}, Value: num(3)},
		{Cell: domain.Cell{IndicatorID: 2, On: april}, Value: num(72.5)},
		{Cell: domain.Cell{IndicatorID: 3, On: p.EndsOn, Options: [3]int64{22}}, Value: num(12.25)},
		{Cell: domain.Cell{IndicatorID: 4, On: april}, Value: num(8)},
		{Cell: domain.Cell{IndicatorID: 5, On: april}, Value: num(10)},
	}
	return m
}

func (m *memBoard) export(tb testing.TB, f perfio.Format) []byte {
	tb.Helper()
	ex, err := perfio.LoadExport(context.Background(), m, m.periods[0], nil)
	must(tb, err)
	var buf bytes.Buffer
	must(tb, ex.Write(&buf, f))
	return buf.Bytes()
}

// checkAnything reads and checks any bytes: it may find problems, never panic,
// and every problem and change must say where it is.
func checkAnything(t *testing.T, m *memBoard, data []byte) {
	plan, err := perfio.Check(context.Background(), m, data, perfio.Options{Period: &m.periods[0]})
	if err != nil {
		return // not CSV or XLSX at all
	}
	for _, p := range plan.Problems {
		if p.Message == "" {
			t.Fatalf("a problem without a message at %q", p.Where)
		}
	}
	for _, c := range append(plan.New, plan.Changed...) {
		if c.Where == "" || c.Indicator == nil || c.New == nil {
			t.Fatalf("a change without its place or figure: %+v", c)
		}
		if msg := c.Indicator.CheckValue(*c.New); msg != "" {
			t.Fatalf("a figure the indicator refuses was accepted: %v (%s)", *c.New, msg)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	m := newMemBoard()
	export := m.export(f, perfio.CSV)
	f.Add(export)
	f.Add(append([]byte("\ufeff"), export...))
	f.Add([]byte("indicator,agency,period,month,age band,gender,value\nCPP,medway-council,2009/10,2009-04,0-5,F,\"1,2\"\n"))
	f.Add([]byte("value,Month,INDICATOR,agency,period\n120,2009-05,PCT,Medway Council,2009/10\n"))
	f.Add([]byte("indicator,agency,period,month,value\n\"NUM,medway-council,2009/10,2009-04,11\n"))
	f.Add([]byte("indicator,agency,period,date,gender,value\nSNAP,medway-council,2009/10,2010-02-28,M,1e308\n"))
	// NUL bytes, invalid UTF-8 and formulas, neutralised or not.
	f.Add([]byte("indicator,agency,period,month,value\nPCT,medway\x00-council,2009/10,2009-04,5\n"))
	f.Add([]byte("indicator,agency,period,month,value\nPCT,medway-council,2009/10,2009-04,\xff\xfe5\n"))
	f.Add([]byte("indicator,agency,period,month,Age band,Gender,value\nCPP,medway-council,2009/10,2009-04,=1+1,'=1+1,=HYPERLINK(\"x\")\n"))
	f.Add([]byte("'=indicator,agency,period,month,value\n'-PCT,@medway-council,+2009/10,\t2009-04,'-12\n"))
	f.Add(formulaBoard().export(f, perfio.CSV))
	// Over the limits: too many columns, too many rows.
	f.Add([]byte("indicator,agency,period,month,value" + strings.Repeat(",", 1000) + "\n"))
	f.Add(bytes.Repeat([]byte("\n"), perfio.MaxRows+1))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := perfio.ReadCSV(data)
		for _, r := range recs {
			_ = r.Where("value") + r.Where("gender") + r.Where("nonsense")
		}
		checkAnything(t, m, data)
	})
}

func FuzzReadXLSX(f *testing.F) {
	m := newMemBoard()
	export := m.export(f, perfio.XLSX)
	f.Add(export)
	f.Add(export[:len(export)/2])
	f.Add(zipOf(f, "xl/workbook.xml"))
	f.Add([]byte("PK\x03\x04"))
	// Zip bombs: a sheet unpacking past MaxPartBytes, and one unpacking to
	// more than it says.
	f.Add(workbookBomb(f, 17))
	f.Add(lyingBomb(f, 1<<20))
	// NUL bytes, invalid UTF-8 and formulas in the cells.
	f.Add(workbookWith(f, "xl/worksheets/sheet2.xml", func(w io.Writer) {
		cppSheet(w, []string{"Age\x00 band", "=1+1"}, []string{"2009-04", "\xff\xfe"}, 3)
	}))
	f.Add(formulaBoard().export(f, perfio.XLSX))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := perfio.ReadXLSX(data)
		for _, r := range recs {
			_ = r.Where("value") + r.Where("month") + r.Where("agency") + r.Where("age band")
		}
		checkAnything(t, m, data)
	})
}

// FuzzNeutralise holds Neutralise to OWASP's rule and Unneutralise to reading
// back every cell exactly.
func FuzzNeutralise(f *testing.F) {
	for _, s := range []string{"=1+1", "-12", "-12 months", "'=x", "''@x", "\t", "\r=1", "+", "1e5", "\x00=", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := perfio.Neutralise(s)
		if got := perfio.Unneutralise(w); got != s {
			t.Fatalf("%q is written %q and read back %q", s, w, got)
		}
		if w != "" && strings.ContainsRune("=+-@\t\r", rune(w[0])) && !numberLike.MatchString(w) {
			t.Fatalf("%q is written %q, which a spreadsheet would run", s, w)
		}
	})
}

var numberLike = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// TestTheFuzzSeedsRoundTrip keeps the seeds honest: the in-memory board's own
// exports check without problems and change nothing.
func TestTheFuzzSeedsRoundTrip(t *testing.T) {
	t.Parallel()
	m := newMemBoard()
	for _, f := range []perfio.Format{perfio.CSV, perfio.XLSX} {
		plan, err := perfio.Check(context.Background(), m, m.export(t, f), perfio.Options{})
		if err != nil || !plan.OK() || plan.Changes() != 0 || plan.Figures() != 72+36+2 {
			t.Fatalf("%s: %v, problems %v, %d changes of %d figures", f, err, plan.Problems, plan.Changes(), plan.Figures())
		}
	}
}
