package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The report's data appendix (issue 6): every table of the performance
// section as a workbook, one sheet per table with the indicator and the
// table's caption above its headings, and a contents sheet first. The tables
// are the section's own (perfReportView), numbered as the report numbers them.

func (s *Server) dataAppendix(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	b, err := s.DataAppendix(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="annual-report-`+strings.ReplaceAll(period.Label, "/", "-")+`-data.xlsx"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

// DataAppendix is the period's performance tables as an XLSX workbook.
func (s *Server) DataAppendix(ctx context.Context, period domain.Period) ([]byte, error) {
	perf, err := s.performance(ctx, period, false)
	if err != nil {
		return nil, err
	}
	// Every indicator with all its tables, as the section laid them out by
	// theme: the appendix is the data, whatever the manager placed or hid.
	pv := perfReportView(perf, perfComposition{every: true})
	// Number the tables as the report does, where the section is not fourth.
	if outline, err := s.store.Outline(ctx, period); err == nil {
		for _, ns := range domain.NumberSections(outline) {
			if ns.Kind == domain.SectionPerformance {
				for i := range pv.Themes {
					for j := range pv.Themes[i].Indicators {
						pv.Themes[i].Indicators[j].Number = renumber(pv.Themes[i].Indicators[j].Number, "4", ns.Number)
					}
				}
			}
		}
	} else {
		return nil, err
	}
	return dataWorkbook(period, pv)
}

func dataWorkbook(period domain.Period, pv templates.SectionPerfView) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F2F1"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "0B0C0C", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	// Provisional figures (from returns not yet accepted) stand out by two
	// cues, italics on a yellow ground, and a line above the table says so.
	provisional, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
	if err != nil {
		return nil, err
	}
	const contents = "Contents"
	if err := f.SetSheetName("Sheet1", contents); err != nil {
		return nil, err
	}
	set := func(sheet string, col, row int, v any, style int) error {
		ref, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sheet, ref, ref, style)
		}
		return nil
	}
	if err := set(contents, 1, 1, "Safeguarding activity and performance information, "+period.Label, title); err != nil {
		return nil, err
	}
	if err := set(contents, 1, 2, "Every table of the annual report’s performance section, one sheet each.", 0); err != nil {
		return nil, err
	}
	for c, h := range []string{"Sheet", "Indicator", "Table", "Provisional figures"} {
		if err := set(contents, c+1, 4, h, header); err != nil {
			return nil, err
		}
	}
	row := 5
	used := map[string]bool{contents: true}
	for _, theme := range pv.Themes {
		for _, ind := range theme.Indicators {
			for k, t := range ind.Tables {
				name := sheetName(ind.Number+" "+ind.Code, k, len(ind.Tables), used)
				if _, err := f.NewSheet(name); err != nil {
					return nil, err
				}
				indicator := strings.TrimSpace(ind.Number + " " + ind.Code + " " + ind.Name)
				marked, err := writeTable(f, name, indicator, ind.AgencyName, ind.ProvisionalReason, t, set, title, header, provisional)
				if err != nil {
					return nil, err
				}
				for c, v := range []string{name, indicator, t.Caption, yesIf(marked)} {
					if err := set(contents, c+1, row, v, 0); err != nil {
						return nil, err
					}
				}
				link := "'" + name + "'!A1"
				ref, _ := excelize.CoordinatesToCellName(1, row)
				if err := f.SetCellHyperLink(contents, ref, link, "Location"); err != nil {
					return nil, err
				}
				row++
			}
		}
	}
	if row == 5 {
		if err := set(contents, 1, 5, "The board has no performance tables for "+period.Label+".", 0); err != nil {
			return nil, err
		}
	}
	_ = f.SetColWidth(contents, "A", "A", 22)
	_ = f.SetColWidth(contents, "B", "C", 60)
	_ = f.SetColWidth(contents, "D", "D", 20)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeTable writes one table: the indicator and caption, the header rows
// (merged where a heading spans columns or rows), then the body, figures as
// numbers. A provisional figure has the provisional style, and the line above
// the table says so and why (SectionPerfIndicator.ProvisionalReason); marked
// says whether the table has any.
func writeTable(f *excelize.File, sheet, indicator, agency, why string, t templates.SectionPerfTable,
	set func(string, int, int, any, int) error, title, header, provisional int) (marked bool, err error) {
	if err := set(sheet, 1, 1, indicator, title); err != nil {
		return false, err
	}
	if err := set(sheet, 1, 2, t.Caption, 0); err != nil {
		return false, err
	}
	if agency != "" {
		if err := set(sheet, 1, 3, "Figures from "+agency, 0); err != nil {
			return false, err
		}
	}
	for _, line := range t.Body {
		for _, c := range line {
			marked = marked || c.MarkedProvisional()
		}
	}
	if marked {
		if err := set(sheet, 1, 4, strings.TrimSpace("Figures in italics on a yellow ground are provisional. "+capitalise(why)), 0); err != nil {
			return false, err
		}
	}
	row := 5
	taken := map[[2]int]bool{} // cells covered by a span from an earlier row
	maxCol := 1
	write := func(cells [][]templates.SectionPerfCell, head bool) error {
		for _, line := range cells {
			col := 1
			for _, c := range line {
				for taken[[2]int{row, col}] {
					col++
				}
				style := 0
				if head || c.Header || c.Total {
					style = header
				}
				if !head && c.MarkedProvisional() {
					style = provisional
				}
				if err := set(sheet, col, row, cellValue(c), style); err != nil {
					return err
				}
				cs, rs := max(c.ColSpan, 1), max(c.RowSpan, 1)
				if cs > 1 || rs > 1 {
					from, _ := excelize.CoordinatesToCellName(col, row)
					to, _ := excelize.CoordinatesToCellName(col+cs-1, row+rs-1)
					if err := f.MergeCell(sheet, from, to); err != nil {
						return err
					}
					for dr := 0; dr < rs; dr++ {
						for dc := 0; dc < cs; dc++ {
							taken[[2]int{row + dr, col + dc}] = true
						}
					}
				}
				col += cs
				maxCol = max(maxCol, col-1)
			}
			row++
		}
		return nil
	}
	if err := write(t.Head, true); err != nil {
		return false, err
	}
	if err := write(t.Body, false); err != nil {
		return false, err
	}
	last, _ := excelize.ColumnNumberToName(maxCol)
	_ = f.SetColWidth(sheet, "A", "A", 28)
	if maxCol > 1 {
		_ = f.SetColWidth(sheet, "B", last, 12)
	}
	return marked, nil
}

func yesIf(b bool) string {
	if b {
		return "Yes"
	}
	return ""
}

// cellValue is a figure as a number: unrounded where the section knows it
// (22.0833… where the report shows 22.08; a share of 74.51…% as 74.51…),
// otherwise read from the text (1,842 or 74.5% become 1842 and 74.5); and
// the text the report shows where it is not a figure.
func cellValue(c templates.SectionPerfCell) any {
	text := strings.TrimSpace(c.Text)
	if c.RAG != nil {
		return c.RAG.Title()
	}
	if c.IsFigure && !c.Header {
		return c.Exact
	}
	if c.Missing || text == "" {
		return text
	}
	plain := strings.TrimSuffix(strings.ReplaceAll(text, ",", ""), "%")
	plain = strings.ReplaceAll(plain, "−", "-")
	if n, err := strconv.ParseFloat(plain, 64); err == nil && !c.Header {
		return n
	}
	return text
}

// sheetName is a unique sheet name of at most 31 characters without the
// characters Excel refuses, such as "4.1.1 NI59 (2)".
func sheetName(base string, k, n int, used map[string]bool) string {
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, base)
	suffix := ""
	if n > 1 {
		suffix = fmt.Sprintf(" (%d)", k+1)
	}
	name := base
	if len([]rune(name))+len(suffix) > 31 {
		name = string([]rune(name)[:31-len(suffix)])
	}
	name += suffix
	for i := 2; used[name]; i++ {
		tail := fmt.Sprintf(" %d", i)
		r := []rune(name)
		if len(r)+len(tail) > 31 {
			r = r[:31-len(tail)]
		}
		name = string(r) + tail
	}
	used[name] = true
	return name
}
