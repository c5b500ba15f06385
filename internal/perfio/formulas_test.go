package perfio_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"safeboard/internal/perfio"
)

func TestACellThatASpreadsheetWouldRunIsNeutralisedAndReadBack(t *testing.T) {
	t.Parallel()
	cases := []struct{ cell, written string }{
		{"=1+1", "'=1+1"},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		{"-12 months", "'-12 months"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-", "'-"},
		{"'=1+1", "''=1+1"}, // already quoted by hand: one more, so it reads back the same
		{"-12", "-12"},      // a number stays a number
		{"+3.5", "+3.5"},
		{"-1.5e-3", "-1.5e-3"},
		{"-.5", "-.5"},
		{"12", "12"},
		{"'12", "'12"},
		{"Neglect", "Neglect"},
		{"0-5", "0-5"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(strings.ToValidUTF8(c.cell, "?"), func(t *testing.T) {
			if got := perfio.Neutralise(c.cell); got != c.written {
				t.Fatalf("written as %q, want %q", got, c.written)
			}
			if got := perfio.Unneutralise(c.written); got != c.cell {
				t.Fatalf("read back as %q, want %q", got, c.cell)
			}
		})
	}
}

// formulaBoard is the in-memory board with option labels and a breakdown
// name that a spreadsheet would run as formulas.
func formulaBoard() *memBoard {
	m := newMemBoard()
	for i := range m.inds {
		for j := range m.inds[i].Dimensions {
			d := &m.inds[i].Dimensions[j]
			switch d.Name {
			case "Age band":
				d.Name = "=Age band"
				d.Options[0].Label = "=1+1"
				d.Options[1].Label = "-12 months"
				d.Options[2].Label = "@SUM(A1:A9)"
			case "Gender":
				d.Options[0].Label = "+F"
			}
		}
	}
	return m
}

func TestAnExportedCSVHoldsNoFormulaAndImportsBackUnchanged(t *testing.T) {
	t.Parallel()
	m := formulaBoard()
	content := m.export(t, perfio.CSV)
	rows, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
	must(t, err)
	if rows[0][4] != "'=Age band" {
		t.Errorf("the breakdown's heading is written %q", rows[0][4])
	}
	seen := map[string]bool{}
	for _, row := range rows {
		for _, cell := range row {
			seen[cell] = true
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && perfio.Neutralise(cell) != cell {
				t.Fatalf("a spreadsheet would run the cell %q", cell)
			}
		}
	}
	for _, want := range []string{"'=1+1", "'-12 months", "'@SUM(A1:A9)", "'+F"} {
		if !seen[want] {
			t.Errorf("no cell %q in the export", want)
		}
	}
	plan, err := perfio.Check(context.Background(), m, content, perfio.Options{})
	if err != nil || !plan.OK() || plan.Changes() != 0 || plan.Figures() != 72+36+2 {
		t.Fatalf("importing the export: %v, problems %v, %d changes of %d figures", err, plan.Problems, plan.Changes(), plan.Figures())
	}
	// A value typed as a neutralised number by hand is still a figure's mistake, not a formula.
	bad := "indicator,agency,period,month,value\nPCT,medway-council,2009/10,2009-05,'-12\n"
	plan, err = perfio.Check(context.Background(), m, []byte(bad), perfio.Options{})
	if err != nil || plan.OK() || !strings.Contains(plan.Problems[0].Message, `"'-12"`) {
		t.Fatalf("a value of '-12: %v, %v", err, plan.Problems)
	}
}

// The workbook keeps option labels as text too: excelize writes them as
// strings, never as formulas, so they need no quote.
func TestAnExportedWorkbookHoldsTheLabelsAsText(t *testing.T) {
	t.Parallel()
	m := formulaBoard()
	content := m.export(t, perfio.XLSX)
	f, err := excelize.OpenReader(bytes.NewReader(content))
	must(t, err)
	// CPP's first row of figures: 0-5 (now =1+1) and F (now +F).
	for ref, want := range map[string]string{"A7": "=Age band", "A8": "=1+1", "B8": "+F"} {
		formula, err := f.GetCellFormula("CPP", ref)
		must(t, err)
		value, err := f.GetCellValue("CPP", ref)
		must(t, err)
		if formula != "" || value != want {
			t.Errorf("CPP!%s holds the formula %q and the value %q, want the text %q", ref, formula, value, want)
		}
	}
	plan, err := perfio.Check(context.Background(), m, content, perfio.Options{})
	if err != nil || !plan.OK() || plan.Changes() != 0 {
		t.Fatalf("importing the export: %v, problems %v, %d changes", err, plan.Problems, plan.Changes())
	}
	var labels []string
	for _, c := range plan.Unchanged {
		if c.Indicator.Code == "CPP" && c.Date == "2009-04" {
			labels = append(labels, c.Breakdown())
		}
	}
	if !strings.Contains(strings.Join(labels, "|"), "=1+1 / +F") {
		t.Fatalf("the labels read back: %q", labels)
	}
}
