package perfio_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
	"safeboard/internal/store"
)

// BenchmarkImportXLSX50000 measures an import of a 50,400-cell workbook (105
// indicators, each broken down by 4 × 2 × 5 options, 12 months) from its bytes
// to the figures saved, as the web does it: read and check against the saved
// figures (the upload), keep the checked plan with every cell's version
// (store.CreateImport), then apply it, checking no cell was saved since
// (store.ApplyImport). Each run's file changes every figure of the run before:
//
//	go test -run '^$' -bench ImportXLSX50000 -benchtime 5x ./internal/perfio/
func BenchmarkImportXLSX50000(b *testing.B) {
	ctx := context.Background()
	bd := newBigBoard(b, 105)
	userID, err := bd.st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "bench@example.org", Name: "Bench", Role: domain.RoleManager, PasswordHash: "x"})
	must(b, err)
	actor := domain.Actor{UserID: &userID, Label: "bench@example.org"}
	var files [2][]byte
	for k := range files {
		var cells []domain.CellValue
		for _, ind := range bd.inds {
			for _, on := range ind.Dates(bd.period) {
				for _, combo := range bd.combos {
					v := float64((k*7 + int(ind.ID) + len(cells)) % 500)
					cells = append(cells, domain.CellValue{Cell: domain.Cell{IndicatorID: ind.ID, On: on, Options: combo}, Value: &v})
				}
			}
		}
		if _, err := bd.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, cells); err != nil {
			b.Fatal(err)
		}
		files[k] = bd.exportXLSX(b)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	var checking, keeping, applying time.Duration
	for b.Loop() {
		start := time.Now()
		plan, err := perfio.Check(ctx, bd.st, files[i%2], perfio.Options{Period: &bd.period})
		if err != nil || !plan.OK() {
			b.Fatalf("%v %v", err, plan.Problems[:min(3, len(plan.Problems))])
		}
		checked := time.Now()
		checking += checked.Sub(start)
		id, err := bd.st.CreateImport(ctx, store.NewImport{UserID: userID, PeriodID: bd.period.ID, Filename: "bench.xlsx", Format: "xlsx",
			Preview: []byte("{}"), AgencyIDs: []int64{bd.agency.ID}, Writes: plan.Writes()})
		if err != nil {
			b.Fatal(err)
		}
		kept := time.Now()
		keeping += kept.Sub(checked)
		n, err := bd.st.ApplyImport(ctx, actor, store.ValueScope{}, id, userID)
		if err != nil {
			b.Fatal(err)
		}
		applying += time.Since(kept)
		if plan.Figures() != 50400 || n != plan.Changes() || n < 50000 {
			b.Fatalf("%d figures, %d changes planned, %d saved", plan.Figures(), plan.Changes(), n)
		}
		i++
	}
	b.ReportMetric(50400, "cells/op")
	// Each phase's seconds per file: reading and checking, keeping the plan, applying it.
	b.ReportMetric(checking.Seconds()/float64(i), "check-s/op")
	b.ReportMetric(keeping.Seconds()/float64(i), "keep-s/op")
	b.ReportMetric(applying.Seconds()/float64(i), "apply-s/op")
	b.ReportMetric(float64(len(files[0]))/1e6, "MB/file")
}

type bigBoard struct {
	st     *store.Store
	period domain.Period
	agency *domain.Agency
	inds   []domain.Indicator
	combos [][3]int64
}

func newBigBoard(b *testing.B, indicators int) *bigBoard {
	ctx := context.Background()
	small := newBoard(b) // a period and agencies; its own indicators are left aside
	var dimIDs []int64
	for _, d := range []struct {
		name    string
		options []string
	}{{"Band", []string{"a", "b", "c", "d"}}, {"Sex", []string{"F", "M"}}, {"Category", []string{"Neglect", "Physical", "Sexual", "Emotional", "Multiple"}}} {
		id, err := small.st.CreateDimension(ctx, domain.CommandLine, d.name, d.options)
		must(b, err)
		dimIDs = append(dimIDs, id)
	}
	for i := range indicators {
		_, err := small.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
			Code: fmt.Sprintf("B%03d", i), Name: fmt.Sprintf("Breakdown %d", i), Theme: "Bench", Unit: domain.UnitCount,
			Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum,
			AgencyID: small.other.ID, DimensionIDs: dimIDs, Position: 100 + i})
		must(b, err)
	}
	all, err := small.st.AgencyIndicators(ctx, small.other.ID)
	must(b, err)
	out := &bigBoard{st: small.st, period: small.period, agency: small.other}
	for _, ind := range all {
		if len(ind.Dimensions) == 3 {
			out.inds = append(out.inds, ind)
		}
	}
	d := out.inds[0].Dimensions
	for _, x := range d[0].Options {
		for _, y := range d[1].Options {
			for _, z := range d[2].Options {
				out.combos = append(out.combos, [3]int64{x.ID, y.ID, z.ID})
			}
		}
	}
	return out
}

func (bd *bigBoard) exportXLSX(b *testing.B) []byte {
	ex, err := perfio.LoadExport(context.Background(), bd.st, bd.period, bd.agency)
	must(b, err)
	// Only the big indicators: the small board's POL has figures of its own.
	var keep []domain.Indicator
	for _, ind := range ex.Indicators {
		if len(ind.Dimensions) == 3 {
			keep = append(keep, ind)
		}
	}
	ex.Indicators = keep
	var buf bytes.Buffer
	start := time.Now()
	must(b, ex.WriteXLSX(&buf))
	b.Logf("wrote a %.1f MB workbook of %d indicators in %v", float64(buf.Len())/1e6, len(keep), time.Since(start).Round(time.Millisecond))
	return buf.Bytes()
}

// BenchmarkRefuseXLSXBomb measures refusing the bomb of the hardening issue:
// a workbook of about 430 KB whose sheet unpacks to 95 MB. B/op is all the
// memory the refusal allocates, an upper bound on what it holds at once:
//
//	go test -run '^$' -bench 'Refuse' -benchmem ./internal/perfio/
func BenchmarkRefuseXLSXBomb(b *testing.B) {
	content := sheetBomb(b)
	benchRefusal(b, content, "unpacks to more than 16 MB")
}

// BenchmarkRefuseXLSXLyingBomb is the bomb whose sheet says it unpacks to 1 KB.
func BenchmarkRefuseXLSXLyingBomb(b *testing.B) {
	benchRefusal(b, lyingBomb(b, 95<<20), "could not be read")
}

// BenchmarkRefuseMillionRowCSV measures refusing 7 MB of CSV in a million rows.
func BenchmarkRefuseMillionRowCSV(b *testing.B) {
	benchRefusal(b, millionRowCSV(), "more than 100,000 rows")
}

func benchRefusal(b *testing.B, content []byte, want string) {
	m := newMemBoard()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		plan, err := perfio.Check(context.Background(), m, content, perfio.Options{Period: &m.periods[0]})
		if err != nil || len(plan.Problems) != 1 || !strings.Contains(plan.Problems[0].Message, want) {
			b.Fatalf("%v, %v", err, plan.Problems)
		}
	}
	b.ReportMetric(float64(len(content))/1e3, "kB/file")
}
