package perfio

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"safeboard/internal/domain"
)

// Export is every cell of some indicators in a period, with the figures known.
type Export struct {
	Period     domain.Period
	Agency     *domain.Agency // nil for every agency's indicators
	Indicators []domain.Indicator
	values     map[cellKey]float64
}

// LoadExport gathers an agency's indicators (every agency's when agency is
// nil) and their figures for the period. Ratio indicators are left out: they
// are worked out from their parts.
func LoadExport(ctx context.Context, src Source, period domain.Period, agency *domain.Agency) (*Export, error) {
	all, err := src.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	ex := &Export{Period: period, Agency: agency, values: map[cellKey]float64{}}
	var ids []int64
	for _, ind := range all {
		if ind.IsRatio() || (agency != nil && ind.AgencyID != agency.ID) {
			continue
		}
		ex.Indicators = append(ex.Indicators, ind)
		ids = append(ids, ind.ID)
	}
	if len(ids) == 0 {
		return ex, nil
	}
	states, err := src.CellStates(ctx, ids, period.StartsOn, period.EndsOn)
	if err != nil {
		return nil, err
	}
	for _, v := range states {
		if v.Value != nil {
			ex.values[keyOf(v.Cell)] = *v.Value
		}
	}
	return ex, nil
}

// Filename is the download's name: figures-2009-10-kent-police.csv.
func (ex *Export) Filename(f Format) string {
	name := "figures-" + ex.Period.Slug
	if ex.Agency != nil {
		name += "-" + ex.Agency.Slug
	} else {
		name += "-all-agencies"
	}
	return name + "." + string(f)
}

// Write writes the export in the format.
func (ex *Export) Write(w io.Writer, f Format) error {
	if f == XLSX {
		return ex.WriteXLSX(w)
	}
	return ex.WriteCSV(w)
}

// combinations lists every combination of an indicator's options, the first
// dimension's options changing slowest; one empty combination when it has none.
func combinations(ind domain.Indicator) [][]domain.DimensionOption {
	out := [][]domain.DimensionOption{nil}
	for _, d := range ind.Dimensions {
		var next [][]domain.DimensionOption
		for _, prefix := range out {
			for _, o := range d.Options {
				combo := append(append([]domain.DimensionOption(nil), prefix...), o)
				next = append(next, combo)
			}
		}
		out = next
	}
	return out
}

// dates lists the indicator's dates in the period: for a snapshot, every date
// a figure is saved on, or the period's last day when there is none.
func (ex *Export) dates(ind domain.Indicator) []domainDate {
	if ind.Frequency != domain.FrequencySnapshot {
		var out []domainDate
		for _, d := range ind.Dates(ex.Period) {
			out = append(out, domainDate{d.Unix() / 86400, ind.DateLabel(d), d})
		}
		return out
	}
	seen := map[int64]bool{}
	var out []domainDate
	for k := range ex.values {
		if k.indicator == ind.ID && !seen[k.day] {
			seen[k.day] = true
		}
	}
	for day := range seen {
		t := unixDay(day)
		out = append(out, domainDate{day, ind.DateLabel(t), t})
	}
	if len(out) == 0 {
		for _, d := range ind.Dates(ex.Period) {
			out = append(out, domainDate{d.Unix() / 86400, ind.DateLabel(d), d})
		}
	}
	sortDates(out)
	return out
}

func (ex *Export) value(ind domain.Indicator, day int64, combo []domain.DimensionOption) *float64 {
	k := cellKey{indicator: ind.ID, day: day}
	for i, o := range combo {
		k.options[i] = o.ID
	}
	if v, ok := ex.values[k]; ok {
		return &v
	}
	return nil
}

// WriteCSV writes the long form: a row per indicator, date and combination of
// options, with the value blank where it is not known.
func (ex *Export) WriteCSV(w io.Writer) error {
	var dims []string
	seen := map[string]bool{}
	for _, ind := range ex.Indicators {
		for _, d := range ind.Dimensions {
			if !seen[strings.ToLower(d.Name)] {
				seen[strings.ToLower(d.Name)] = true
				dims = append(dims, d.Name)
			}
		}
	}
	cw, err := newCSVWriter(w, dims)
	if err != nil {
		return err
	}
	for _, ind := range ex.Indicators {
		combos := combinations(ind)
		for _, d := range ex.dates(ind) {
			for _, combo := range combos {
				opts := map[string]string{}
				for i, o := range combo {
					opts[strings.ToLower(ind.Dimensions[i].Name)] = o.Label
				}
				v := ""
				if f := ex.value(ind, d.day, combo); f != nil {
					v = strconv.FormatFloat(*f, 'f', -1, 64)
				}
				if err := cw.row(ind.Code, ind.AgencySlug, ex.Period.Label, d.label, opts, v); err != nil {
					return err
				}
			}
		}
	}
	return cw.flush()
}

// WriteXLSX writes the workbook: the instructions, then a sheet per indicator
// laid out like the entry grid, filled with the figures known.
func (ex *Export) WriteXLSX(w io.Writer) error {
	x, err := newXLSXWriter(instructions(ex))
	if err != nil {
		return err
	}
	for _, ind := range ex.Indicators {
		if strings.EqualFold(ind.Code, InstructionsSheet) {
			return fmt.Errorf("an indicator coded %q cannot have a sheet of its own", ind.Code)
		}
		spec := sheetSpec{
			name: ind.Code,
			labelled: [][2]string{
				{labelIndicator, ind.Code},
				{labelName, ind.Name},
				{labelAgency, ind.AgencySlug},
				{labelPeriod, ex.Period.Label},
				{labelUnit, UnitHint(ind.Unit)},
			},
			agency: ind.AgencyName,
		}
		for _, d := range ind.Dimensions {
			spec.dims = append(spec.dims, d.Name)
		}
		dates := ex.dates(ind)
		for _, d := range dates {
			spec.dates = append(spec.dates, d.label)
		}
		for _, combo := range combinations(ind) {
			r := sheetRow{}
			for _, o := range combo {
				r.labels = append(r.labels, o.Label)
			}
			for _, d := range dates {
				r.values = append(r.values, ex.value(ind, d.day, combo))
			}
			spec.rows = append(spec.rows, r)
		}
		if err := x.addSheet(spec); err != nil {
			return fmt.Errorf("write the sheet of %s: %w", ind.Code, err)
		}
	}
	return x.write(w)
}

// UnitHint says how to write a figure in the unit.
func UnitHint(u domain.Unit) string {
	switch u {
	case domain.UnitCount:
		return "Count: a whole number, 0 or more"
	case domain.UnitPercentage:
		return "Percentage from 0 to 100: write 45 for 45%"
	case domain.UnitDays:
		return "Days: a number, 0 or more (decimals allowed)"
	case domain.UnitRate:
		return "Rate per 10,000: a number, 0 or more (decimals allowed)"
	}
	return u.Title()
}

func instructions(ex *Export) [][]string {
	who := "every agency"
	if ex.Agency != nil {
		who = ex.Agency.Name
	}
	lines := [][]string{
		{"Performance figures for " + who + ", " + ex.Period.Label, "bold"},
		{""},
		{"This workbook holds the monthly (or quarterly, yearly or snapshot) figures of each indicator, one sheet per indicator, filled in with the figures already saved in Safeboard."},
		{"Upload it on the \u201cImport figures\u201d page for " + ex.Period.Label + ". You will see every change before anything is saved, and nothing is saved if any cell has a problem."},
		{""},
		{"How to fill it in", "bold"},
		{"Type each figure in the cell under its month, on the row of its breakdown (such as category of abuse and age band). Keep the sheet names, the labelled rows at the top (Indicator, Agency, Period) and the heading row as they are."},
		{"Leave a cell blank when the figure is not known yet. Type 0 when the figure is zero: a blank and 0 mean different things."},
		{"Making a known figure blank clears it: it becomes \u201cnot known\u201d again."},
		{"Counts are whole numbers, 0 or more. Percentages are from 0 to 100: type 45 for 45%. Days and rates may have decimals."},
		{"Months are written YYYY-MM (2009-04 is April 2009). A snapshot indicator's heading is the date of the snapshot, YYYY-MM-DD."},
		{"Indicators worked out from two others (a numerator over a denominator) have no sheet: fill in their numerator and denominator, and the numerator may not be more than the denominator."},
		{""},
		{"Indicators in this workbook", "bold"},
	}
	for _, ind := range ex.Indicators {
		lines = append(lines, []string{ind.Code + ": " + ind.Name + " (" + UnitHint(ind.Unit) + ")"})
	}
	if len(ex.Indicators) == 0 {
		lines = append(lines, []string{"None: no indicator's figures are given by " + who + "."})
	}
	return lines
}
