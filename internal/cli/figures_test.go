package cli

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// figuresBoard is a database with an agency, 2009/10 and one indicator broken
// down by gender, with a figure for April's girls.
func figuresBoard(t *testing.T) (url string, st *store.Store, indicator int64) {
	t.Helper()
	ctx := context.Background()
	url = testdb.URL(t)
	st = openTestStore(t, url)
	agency, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Kent Police", Slug: "kent-police", ShortName: "Police", Sector: "Police", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	p := domain.PeriodForYear(2009)
	if _, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true}); err != nil {
		t.Fatal(err)
	}
	gender, err := st.CreateDimension(ctx, domain.CommandLine, "Gender", []string{"F", "M"})
	if err != nil {
		t.Fatal(err)
	}
	indicator, err = st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "MISS", Name: "Children missing from home",
		Theme: "Missing", Unit: domain.UnitCount, Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly,
		YTDRule: domain.YTDSum, AgencyID: agency, DimensionIDs: []int64{gender}})
	if err != nil {
		t.Fatal(err)
	}
	dims, err := st.Dimensions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v := 4.0
	cell := domain.Cell{IndicatorID: indicator, On: p.StartsOn, Options: [3]int64{dims[0].Options[0].ID}}
	if _, err := st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: cell, Value: &v}}); err != nil {
		t.Fatal(err)
	}
	return url, st, indicator
}

func savedFigures(t *testing.T, st *store.Store, indicator int64) map[string]float64 {
	t.Helper()
	p := domain.PeriodForYear(2009)
	list, err := st.Values(context.Background(), []int64{indicator}, p.StartsOn, p.EndsOn)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, c := range list {
		out[c.On.Format("2006-01")+"/"+strconv.FormatInt(c.Options[0], 10)] = *c.Value
	}
	return out
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportAndImportFiguresFromTheCommandLine(t *testing.T) {
	t.Parallel()
	url, st, indicator := figuresBoard(t)
	env := map[string]string{"DATABASE_URL": url}

	r := run(t, env, "export", "--period", "2009/10", "--agency", "kent-police", "--format", "csv")
	if r.err != nil || !strings.HasPrefix(r.stdout, "indicator,agency,period,month,Gender,value\nMISS,kent-police,2009/10,2009-04,F,4\nMISS,kent-police,2009/10,2009-04,M,\n") {
		t.Fatalf("export: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	// Exported as it is, the file changes nothing.
	r = run(t, env, "import", writeFile(t, "same.csv", r.stdout))
	if r.err != nil || !strings.Contains(r.stdout, "In all: 0 new, 0 changed, 0 cleared, 24 unchanged") || !strings.Contains(r.stdout, "Saved: 0 figures changed.") {
		t.Fatalf("import of the export: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	xlsx := run(t, env, "export", "--period", "2009-10", "--format", "xlsx")
	if xlsx.err != nil || !strings.HasPrefix(xlsx.stdout, "PK") {
		t.Fatalf("xlsx export: %v %s", xlsx.err, xlsx.stderr)
	}
	r = run(t, env, "import", writeFile(t, "same.xlsx", xlsx.stdout))
	if r.err != nil || !strings.Contains(r.stdout, "0 changed, 0 cleared, 24 unchanged") {
		t.Fatalf("import of the xlsx export: %v\n%s%s", r.err, r.stdout, r.stderr)
	}

	good := "indicator,agency,period,month,gender,value\nMISS,Kent Police,2009/10,2009-05,M,2\nMISS,kent-police,2009/10,2009-04,F,\n"
	r = run(t, env, "import", "--check", writeFile(t, "good.csv", good))
	if r.err != nil || !strings.Contains(r.stdout, "In all: 1 new, 0 changed, 1 cleared, 0 unchanged") || len(savedFigures(t, st, indicator)) != 1 {
		t.Fatalf("import --check: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	r = run(t, env, "import", writeFile(t, "good.csv", good))
	if r.err != nil || !strings.Contains(r.stdout, "Saved: 2 figures changed.") {
		t.Fatalf("import: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	if got := savedFigures(t, st, indicator); len(got) != 1 || !hasFigure(got, "2009-05/", 2) {
		t.Fatalf("after the import: %v", got)
	}
}

func TestABadFileExitsNonZeroAndChangesNothing(t *testing.T) {
	t.Parallel()
	url, st, indicator := figuresBoard(t)
	env := map[string]string{"DATABASE_URL": url}
	before := savedFigures(t, st, indicator)
	bad := "indicator,agency,period,month,gender,value\n" +
		"MISS,kent-police,2009/10,2009-05,M,3\n" + // good, but not saved either
		"MISS,kent-police,2009/10,2009-06,X,1\n" +
		"MISS,kent-police,2009/10,2009-07,F,-1\n"
	r := run(t, env, "import", writeFile(t, "bad.csv", bad))
	if r.err == nil || ExitCode(r.err) != 1 {
		t.Fatalf("a bad file: error %v, want exit status 1", r.err)
	}
	for _, want := range []string{"bad.csv cannot be imported: nothing has been saved",
		`Row 3, column gender: "X" is not an option for gender: use one of F or M`,
		"Row 4, column value: Enter a whole number, 0 or more"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if after := savedFigures(t, st, indicator); len(after) != len(before) {
		t.Fatalf("a bad file changed figures: %v → %v", before, after)
	}
	r = run(t, env, "import", writeFile(t, "picture.png", "\x89PNG\r\n\x1a\n\x00\x00"))
	if r.err == nil || !strings.Contains(r.err.Error(), "not a CSV or an Excel") {
		t.Fatalf("a picture: %v", r.err)
	}
	// A file over a limit stops there, and says which.
	long := "indicator,agency,period,month,gender,value\n" + strings.Repeat("MISS,kent-police,2009/10,2009-05,M,3\n", 100_001)
	r = run(t, env, "import", writeFile(t, "long.csv", long))
	if want := "Row 100001: The file has more than 100,000 rows, the most one file may have"; ExitCode(r.err) != 1 || !strings.Contains(r.stderr, want) {
		t.Fatalf("a file of 100,002 rows: %v, stderr lacks %q:\n%.500s", r.err, want, r.stderr)
	}
	if after := savedFigures(t, st, indicator); len(after) != len(before) {
		t.Fatalf("a long file changed figures: %v → %v", before, after)
	}
}

func TestFiguresCommandsExplainThemselves(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"import", "--help"}, {"export", "--help"}} {
		r := run(t, nil, args...)
		if r.err != nil || !strings.Contains(r.stderr, "Usage: safeboard "+args[0]) {
			t.Errorf("%v: %v\n%s", args, r.err, r.stderr)
		}
	}
	if r := run(t, nil, "export", "--period", "2009/10"); ExitCode(r.err) != 2 || !strings.Contains(r.err.Error(), "--format must be csv or xlsx") {
		t.Errorf("export without --format: %v", r.err)
	}
}

// hasFigure reports whether a figure dated by prefix has the value.
func hasFigure(figures map[string]float64, prefix string, v float64) bool {
	for k, f := range figures {
		if strings.HasPrefix(k, prefix) && f == v {
			return true
		}
	}
	return false
}
