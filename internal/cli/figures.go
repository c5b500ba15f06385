package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
	"safeboard/internal/store"
)

const importSynopsis = `import [--check] FILE

Imports performance figures from a CSV file or an Excel workbook (.xlsx), told
apart by their content. Every figure is checked first; if any has a problem,
every problem is printed by sheet, row and cell, nothing is saved and the
command exits with status 1. A file over a limit (10 MB, 100,000 rows or
figures, 1,000 columns, 1,000,000 cells; a workbook part unpacking to over
16 MB, or 48 MB in all) stops being read there, with the limit printed.
Otherwise the figures are saved all together and a summary of the changes is
printed; if someone saved any of them while the file was being checked,
nothing is saved and those figures are named. The command line may import any agency's
figures for any period. The formats are described in docs/data-formats.md.`

const exportSynopsis = `export --period P [--agency A] --format csv|xlsx

Writes the figures of a period to standard output: an agency's indicators, or
every agency's without --agency. Every month and breakdown has a row (CSV) or a
cell (XLSX), blank where the figure is not known. Indicators worked out from a
numerator and a denominator are left out. Redirect it to a file:
  safeboard export --period 2009/10 --agency kent-police --format xlsx > figures.xlsx`

func importCommand(ctx context.Context, env environment, args []string) error {
	fs := env.flags("import", importSynopsis)
	checkOnly := fs.Bool("check", false, "check the file and print what it would change, without saving")
	if helped, err := parse(fs, args); helped || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: import needs one file", errUsage)
	}
	name := fs.Arg(0)
	info, err := os.Stat(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if info.Size() > perfio.MaxFileBytes {
		return fmt.Errorf("%s: %w", name, perfio.ErrTooBig)
	}
	content, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if _, err := perfio.Detect(content); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	plan, err := perfio.Check(ctx, st, content, perfio.Options{})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if !plan.OK() {
		w := bufio.NewWriter(env.stderr)
		fmt.Fprintf(w, "%s cannot be imported: nothing has been saved. Correct these problems and import it again:\n", name)
		for _, p := range plan.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return fmt.Errorf("%s: %s", name, domain.CountOf(len(plan.Problems), "problem"))
	}
	w := bufio.NewWriter(env.stdout)
	for _, line := range plan.Summary() {
		fmt.Fprintln(w, line)
	}
	if *checkOnly {
		fmt.Fprintln(w, "Checked only (--check): nothing has been saved.")
		return w.Flush()
	}
	// Nothing is written over a figure saved since the file was checked.
	n, err := st.SaveFigures(ctx, domain.CommandLine, store.ValueScope{}, plan.Writes())
	var changed *domain.FiguresChangedError
	if errors.As(err, &changed) {
		if err := w.Flush(); err != nil {
			return err
		}
		e := bufio.NewWriter(env.stderr)
		fmt.Fprintf(e, "%s was not imported: nothing has been saved. These figures were saved by someone else while it was being checked; import it again to check it against them:\n", name)
		for _, f := range changed.Figures {
			fmt.Fprintf(e, "  %s: saved by %s at %s\n", f.Figure(), f.By, f.At.In(domain.London()).Format("2 January 2006 at 3:04pm"))
		}
		if more := changed.Count - len(changed.Figures); more > 0 {
			fmt.Fprintf(e, "  and %d more\n", more)
		}
		if err := e.Flush(); err != nil {
			return err
		}
		return fmt.Errorf("%s: %s changed since it was checked", name, domain.CountOf(changed.Count, "figure"))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Saved: %s changed.\n", domain.CountOf(n, "figure"))
	return w.Flush()
}

func exportCommand(ctx context.Context, env environment, args []string) error {
	fs := env.flags("export", exportSynopsis)
	periodName := fs.String("period", "", "the period, such as 2009/10 (or 2009-10)")
	agencyName := fs.String("agency", "", "the agency's address name, such as kent-police, or its name; every agency when left out")
	format := fs.String("format", "", "csv or xlsx")
	if helped, err := parse(fs, args); helped || err != nil {
		return err
	}
	var problems []string
	if strings.TrimSpace(*periodName) == "" {
		problems = append(problems, "--period is required, such as --period 2009/10")
	}
	f := perfio.Format(strings.ToLower(strings.TrimSpace(*format)))
	if f != perfio.CSV && f != perfio.XLSX {
		problems = append(problems, "--format must be csv or xlsx")
	}
	if fs.NArg() > 0 {
		problems = append(problems, "export takes no file name: redirect its output, like > figures.xlsx")
	}
	if len(problems) > 0 {
		fs.Usage()
		return fmt.Errorf("%w: %s", errUsage, strings.Join(problems, "; "))
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	period, err := st.PeriodBySlug(ctx, domain.PeriodSlug(strings.TrimSpace(*periodName)))
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("there is no period %q: write it like 2009/10", *periodName)
	}
	if err != nil {
		return err
	}
	var agency *domain.Agency
	if a := strings.TrimSpace(*agencyName); a != "" {
		agencies, err := st.Agencies(ctx)
		if err != nil {
			return err
		}
		for i := range agencies {
			if agencies[i].Slug == a || strings.EqualFold(agencies[i].Name, a) {
				agency = &agencies[i]
				break
			}
		}
		if agency == nil {
			return fmt.Errorf("there is no agency %q: give its address name, such as kent-police, or its name", a)
		}
	}
	ex, err := perfio.LoadExport(ctx, st, *period, agency)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.stdout)
	if err := ex.Write(w, f); err != nil {
		return err
	}
	return w.Flush()
}
