package perfio_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
)

func TestExportThenImportChangesNothing(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	before := b.values(t)
	for _, f := range []perfio.Format{perfio.CSV, perfio.XLSX} {
		t.Run(string(f), func(t *testing.T) {
			content := b.export(t, nil, f)
			if got, err := perfio.Detect(content); err != nil || got != f {
				t.Fatalf("the export reads as %q, %v", got, err)
			}
			plan := b.check(t, content, perfio.Options{})
			if !plan.OK() {
				t.Fatalf("problems in our own export: %v", plan.Problems)
			}
			// CPP 4×2 options × 12 months, PCT, NUM, DEN 12 each, SNAP 2 options on its one date, POL 4 quarters; no RAT.
			if want := 96 + 36 + 2 + 4; plan.Figures() != want || plan.Changes() != 0 {
				t.Fatalf("%d figures, %d changes; want %d and none", plan.Figures(), plan.Changes(), want)
			}
			if n := b.apply(t, plan); n != 0 {
				t.Fatalf("applying the export changed %d cells", n)
			}
			if after := b.values(t); !maps.Equal(before, after) {
				t.Fatalf("figures changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestAnAgencysExportHoldsOnlyItsIndicators(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	csv := string(b.export(t, b.other, perfio.CSV))
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if lines[0] != "indicator,agency,period,month,value" || len(lines) != 5 || lines[1] != "POL,kent-police,2009/10,2009-04,1234" ||
		lines[2] != "POL,kent-police,2009/10,2009-07," {
		t.Fatalf("Kent Police's export:\n%s", csv)
	}
	all := string(b.export(t, nil, perfio.CSV))
	if !strings.HasPrefix(all, "indicator,agency,period,month,Age band,Gender,value\n") ||
		!strings.Contains(all, "CPP,medway-council,2009/10,2009-04,0-5,F,3\n") ||
		!strings.Contains(all, "SNAP,medway-council,2009/10,2010-03-31,,F,41\n") || strings.Contains(all, "RAT,") {
		t.Fatalf("every agency's export:\n%s", all)
	}
}

func TestACSVIsReadWhateverItsColumnOrderAndCase(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	csv := "\ufeffVALUE,Gender,Month,Agency,Indicator,Period,AGE BAND\r\n" +
		"5,F,2009-04,Medway Council,cpp,2009/10,0-5\r\n" + // changes 3 to 5; agency by name; code in any case
		"7,m,2009-06,medway-council,CPP,2009/10,11-15\r\n" + // new; option in any case
		",,2009-04,medway-council,PCT,2009/10,\r\n" + // clears 72.5
		",,2009-05,medway-council,PCT,2009/10,\r\n" + // blank where none is known: unchanged
		",,,,,,\r\n" + // a blank row is skipped
		"\"1,204\",,2009-07,kent-police,POL,2009/10,\r\n" // a thousands separator, quoted
	plan := b.check(t, []byte(csv), perfio.Options{})
	if !plan.OK() {
		t.Fatalf("problems: %v", plan.Problems)
	}
	if len(plan.New) != 2 || len(plan.Changed) != 1 || len(plan.Cleared) != 1 || len(plan.Unchanged) != 1 {
		t.Fatalf("new %d, changed %d, cleared %d, unchanged %d", len(plan.New), len(plan.Changed), len(plan.Cleared), len(plan.Unchanged))
	}
	if c := plan.Changed[0]; c.OldText() != "3" || c.NewText() != "5" || c.Where != "Row 2, column VALUE" || c.Breakdown() != "0-5 / F" {
		t.Fatalf("changed: %+v (%s → %s)", c, c.OldText(), c.NewText())
	}
	if n := b.apply(t, plan); n != 4 {
		t.Fatalf("applied %d changes, want 4", n)
	}
	v := b.values(t)
	if v[b.cell("CPP", april, "Age band/0-5", "Gender/F")] != 5 || v[b.cell("POL", april.AddDate(0, 3, 0))] != 1204 {
		t.Fatalf("values after applying: %v", v)
	}
	if _, known := v[b.cell("PCT", april)]; known {
		t.Fatal("a blank did not clear PCT's April figure")
	}
}

func TestOneBadCellIsNamedAndNothingIsApplied(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	before := b.values(t)
	t.Run("xlsx", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(b.export(t, b.council, perfio.XLSX)))
		must(t, err)
		// PCT's sheet: labelled rows 1-5, a blank row, the headings in row 7, the figures in row 8; May is column C.
		must(t, f.SetCellValue("PCT", "C8", 120))
		must(t, f.SetCellValue("PCT", "D8", 64)) // a good change beside it
		must(t, f.SetCellValue("CPP", "C8", 9))
		var buf bytes.Buffer
		_, err = f.WriteTo(&buf)
		must(t, err)
		plan := b.check(t, buf.Bytes(), perfio.Options{})
		want := []perfio.Problem{{Where: "Sheet PCT, cell C8", Message: `Enter a percentage from 0 to 100, not "120" (PCT, 2009-05)`}}
		if fmt.Sprint(plan.Problems) != fmt.Sprint(want) {
			t.Fatalf("problems %v, want %v", plan.Problems, want)
		}
	})
	t.Run("csv", func(t *testing.T) {
		csv := strings.Replace(string(b.export(t, b.council, perfio.CSV)),
			"CPP,medway-council,2009/10,2009-05,6-10,M,\n", "CPP,medway-council,2009/10,2009-05,6-10,M,2.5\n", 1)
		csv = strings.Replace(csv, "CPP,medway-council,2009/10,2009-04,0-5,M,\n", "CPP,medway-council,2009/10,2009-04,0-5,M,4\n", 1)
		plan := b.check(t, []byte(csv), perfio.Options{})
		if len(plan.Problems) != 1 || plan.Problems[0].String() != `Row 13, column value: Enter a whole number, 0 or more, not "2.5" (CPP, 2009-05, 6-10, M)` {
			t.Fatalf("problems %v", plan.Problems)
		}
	})
	if after := b.values(t); !maps.Equal(before, after) {
		t.Fatal("a file with a problem changed figures")
	}
}

func TestEveryProblemIsNamedByRowAndColumn(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	csv := "indicator,agency,period,month,age band,gender,value\n" +
		"CPP,medway-council,2009/10,2009-04,0-5,F,1\n" + // row 2: fine
		"NOPE,medway-council,2009/10,2009-04,,,1\n" + // row 3
		"CPP,kent-police,2009/10,2009-04,0-5,F,1\n" + // row 4
		"CPP,medway-council,2010/11,2009-04,0-5,F,1\n" + // row 5
		"CPP,medway-council,2009/10,2010-04,0-5,F,1\n" + // row 6
		"CPP,medway-council,2009/10,2009-04,17+,F,1\n" + // row 7
		"CPP,medway-council,2009/10,2009-04,0-5,,1\n" + // row 8
		"PCT,medway-council,2009/10,2009-04,,F,50\n" + // row 9
		"RAT,medway-council,2009/10,2009-04,,,50\n" + // row 10
		"CPP,medway-council,2009/10,2009-04,0-5,F,2\n" + // row 11: row 2 again
		"NUM,medway-council,2009/10,2009-04,,,11\n" + // row 12: more than DEN’s 10
		"SNAP,medway-council,2009/10,2010-04-01,,F,1\n" + // row 13
		"POL,kent-police,2009/10,2009-05,,,1\n" // row 14
	plan := b.check(t, []byte(csv), perfio.Options{})
	want := []string{
		`Row 3, column indicator: There is no indicator with the code "NOPE": check the code on the indicators page`,
		"Row 4, column agency: CPP’s figures are given by Medway Council, not Kent Police",
		`Row 5, column period: There is no reporting period "2010/11": write it like 2009/10`,
		"Row 6, column month: The month 2010-04 is not in 2009/10",
		`Row 7, column age band: "17+" is not an option for age band: use one of 0-5, 6-10, 11-15 or 16+`,
		"Row 8, column gender: Enter the gender: one of F or M",
		"Row 9, column gender: PCT is not broken down by gender: leave this blank",
		"Row 10, column indicator: RAT is worked out from two other indicators, so it takes no figures: give the figures of its numerator and denominator instead",
		"Row 11, column value: The same figure is also given at row 2, column value: give each figure once",
		"Row 13, column month: The date 2010-04-01 is not in 2009/10 (1 April 2009 to 31 March 2010)",
		"Row 14, column month: 2009-05 is not the first month of a quarter of 2009/10: use April, July, October or January",
		"Row 12, column value: NUM for 2009-04 is 11, more than DEN’s 10: RAT (Ratio) is NUM divided by DEN, so the first cannot be more than the second",
	}
	var got []string
	for _, p := range plan.Problems {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestALeadsFileIsRefusedRowByRowForAnotherAgency(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	csv := "indicator,agency,period,month,value\n" +
		"PCT,medway-council,2009/10,2009-05,50\n" +
		"POL,kent-police,2009/10,2009-07,9\n"
	permit := func(a *domain.Agency, p *domain.Period) string {
		if a.ID != b.council.ID {
			return "These are " + a.Name + "'s figures: you can import only your own agency's figures."
		}
		return ""
	}
	plan := b.check(t, []byte(csv), perfio.Options{Permit: permit, Period: &b.period})
	if len(plan.Problems) != 1 || plan.Problems[0].String() != "Row 3, column agency: These are Kent Police's figures: you can import only your own agency's figures." {
		t.Fatalf("problems %v", plan.Problems)
	}
}

func TestAFileOfTheWrongKindIsRefused(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{
		"a picture":             {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13},
		"a zip without a sheet": zipOf(t, "word/document.xml"),
		"an empty file":         nil,
		"a file of blanks":      []byte(" \n\n "),
	}
	for name, content := range cases {
		if _, err := perfio.Detect(content); !errors.Is(err, perfio.ErrNotAFigureFile) {
			t.Errorf("%s: %v, want ErrNotAFigureFile", name, err)
		}
	}
	if _, err := perfio.Detect([]byte("indicator,agency\nNI59,caf\xe9\n")); !errors.Is(err, perfio.ErrNotUTF8) {
		t.Errorf("Latin-1 text: %v, want ErrNotUTF8", err)
	}
	if _, err := perfio.Detect(bytes.Repeat([]byte("a"), perfio.MaxFileBytes+1)); !errors.Is(err, perfio.ErrTooBig) {
		t.Errorf("11 MB: %v, want ErrTooBig", err)
	}
}

func TestAWorkbookEditedInExcelIsReadAsItShows(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	f, err := excelize.OpenReader(bytes.NewReader(b.export(t, b.council, perfio.XLSX)))
	must(t, err)
	// 45% typed into a cell formatted as a percentage: Excel stores 0.45.
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	must(t, err)
	must(t, f.SetCellValue("PCT", "C8", 0.45))
	must(t, f.SetCellStyle("PCT", "C8", "C8", pct))
	// A month heading Excel turned into a date: a serial number formatted as a date.
	date, err := f.NewStyle(&excelize.Style{NumFmt: 17}) // mmm-yy
	must(t, err)
	must(t, f.SetCellValue("PCT", "D7", time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC)))
	must(t, f.SetCellStyle("PCT", "D7", "D7", date))
	must(t, f.SetCellValue("PCT", "D8", 61))
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(t, err)
	plan := b.check(t, buf.Bytes(), perfio.Options{})
	if !plan.OK() || len(plan.New) != 2 {
		t.Fatalf("problems %v, %d new", plan.Problems, len(plan.New))
	}
	got := map[string]string{}
	for _, c := range plan.New {
		got[c.Date] = c.NewText()
	}
	if got["2009-05"] != "45%" || got["2009-06"] != "61%" {
		t.Fatalf("new figures by month: %v", got)
	}
}

func TestABadValueIsNamedWithWhatTheFileHolds(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	csv := strings.Replace(string(b.export(t, b.council, perfio.CSV)),
		"CPP,medway-council,2009/10,2009-05,6-10,M,\n", "CPP,medway-council,2009/10,2009-05,6-10,M,n/a\n", 1)
	plan := b.check(t, []byte(csv), perfio.Options{})
	if len(plan.Problems) != 1 || plan.Problems[0].Message != `Enter a number, not "n/a" (CPP, 2009-05, 6-10, M)` {
		t.Fatalf("problems %v", plan.Problems)
	}
}
