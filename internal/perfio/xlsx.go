package perfio

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// InstructionsSheet is the name of the sheet that explains the workbook; it is skipped on import.
const InstructionsSheet = "Instructions"

// The labels of an indicator sheet's header rows, in column A.
const (
	labelIndicator = "Indicator"
	labelName      = "Name"
	labelAgency    = "Agency"
	labelPeriod    = "Period"
	labelUnit      = "Unit"
)

// xlsxLimits are excelize's own limits, the same as checkParts': every part
// is then read into memory, none into a temporary file.
var xlsxLimits = excelize.Options{UnzipSizeLimit: MaxUnpackedBytes, UnzipXMLSizeLimit: MaxPartBytes}

// sheetPlace is a cell of an indicator sheet.
type sheetPlace struct {
	sheet *sheetInfo
	row   int // 1-based
	col   int // 1-based
}

type sheetInfo struct {
	name      string
	refs      map[string]string // indicator, agency, period -> the cell holding it
	headerRow int
	dimCols   map[string]int // dimension name (lower case) -> column
}

func (p sheetPlace) where(field string) string {
	s := p.sheet
	field = strings.ToLower(field)
	var ref string
	switch field {
	case "indicator", "agency", "period":
		ref = s.refs[field]
		if ref == "" {
			return "Sheet " + s.name
		}
	case "month":
		ref = cellRef(p.col, s.headerRow)
	case "value":
		ref = cellRef(p.col, p.row)
	default:
		c, ok := s.dimCols[field]
		if !ok {
			return fmt.Sprintf("Sheet %s, row %d", s.name, p.row)
		}
		ref = cellRef(c, p.row)
	}
	return "Sheet " + s.name + ", cell " + ref
}

func cellRef(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("row %d", row)
	}
	return ref
}

var dateHeading = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)

// ReadXLSX reads a workbook laid out as WriteXLSX writes it: an Instructions
// sheet (skipped) and a sheet per indicator with labelled header rows
// (Indicator, Name, Agency, Period, Unit in column A, their values in B), a
// heading row naming the dimensions then the dates, and a row per combination
// of options with a figure under each date. Blank cells are "not known".
//
// The workbook's parts are unpacked and counted before it is opened
// (checkParts), and its sheets are read a row at a time, counting rows, cells
// and figures: a workbook over a limit stops being read there, with no
// records and that one problem.
func ReadXLSX(content []byte) (out []Record, found []Problem) {
	var ps problems
	defer func() {
		// excelize is large and reads untrusted input: a panic in it is one more
		// unreadable file, not a crashed server.
		if r := recover(); r != nil {
			out = nil
			found = []Problem{{Message: unreadableWorkbook}}
		}
	}()
	if over := checkParts(content); over != nil {
		return nil, over.problem()
	}
	f, err := excelize.OpenReader(bytes.NewReader(content), xlsxLimits)
	if err != nil {
		ps.add("", unreadableWorkbook)
		return nil, ps.list
	}
	defer f.Close()
	sheets := 0
	var read sheetCounts
	for _, name := range f.GetSheetList() {
		if strings.EqualFold(name, InstructionsSheet) {
			continue
		}
		recs, ok, over := readSheet(f, name, &ps, &read)
		if over != nil {
			return nil, over.problem()
		}
		if ok {
			sheets++
		}
		out = append(out, recs...)
	}
	if sheets == 0 && len(ps.list) == 0 {
		ps.add("", "The workbook has no indicator sheets: download a pre-filled workbook and fill that in")
	}
	return out, ps.list
}

// sheetCounts is what a workbook's sheets have given so far, against the limits.
type sheetCounts struct {
	rows, cells, figures int64
}

// row counts one more row of cells.
func (n *sheetCounts) row(cells int, where string) *overLimit {
	n.rows++
	n.cells += int64(cells)
	switch {
	case n.rows > MaxRows:
		return tooManyRows(where)
	case cells > MaxColumns:
		return tooManyColumns(where)
	case n.cells > MaxCells:
		return tooManyCells(where)
	}
	return nil
}

// readSheet reads one indicator's sheet, a row at a time: the labelled rows,
// the heading row, then the figures. ok is false for a blank sheet and one
// that is not an indicator's.
func readSheet(f *excelize.File, name string, ps *problems, read *sheetCounts) (out []Record, ok bool, over *overLimit) {
	// Raw values: the numbers as stored, whatever format a cell shows them in.
	rows, err := f.Rows(name)
	if err != nil {
		ps.add("Sheet "+name, "This sheet could not be read")
		return nil, false, nil
	}
	defer rows.Close()
	info := &sheetInfo{name: name, refs: map[string]string{}, dimCols: map[string]int{}}
	values := map[string]string{}
	var (
		dims     []string
		dimCols  []int
		dates    []dateCol
		heading  bool // the heading row has been read
		nonBlank bool
		percent  bool
		// Percentages' cells holding 0 < n ≤ 1, which may be formatted as 45%:
		// their records, by row and column (1-based).
		fractions = map[[2]int]int{}
	)
	for rowNum := 1; rows.Next(); rowNum++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		where := fmt.Sprintf("Sheet %s, row %d", name, rowNum)
		if over := read.row(len(cells), where); over != nil {
			return nil, false, over
		}
		if err != nil {
			ps.add(where, "This row could not be read")
			return nil, false, nil
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(Unneutralise(cells[i]))
		}
		if blankRow(cells) {
			continue
		}
		nonBlank = true
		cell := func(c int) string { // 0-based
			if c < len(cells) {
				return cells[c]
			}
			return ""
		}
		if !heading {
			// Labelled rows until the heading row, the first with a date in it (a
			// dimension may itself be called Agency or Period).
			hasDate := false
			for c := 1; c < len(cells); c++ {
				if _, ok := headingDate(cell(c)); ok {
					hasDate = true
					break
				}
			}
			if label := strings.ToLower(cell(0)); !hasDate && isSheetLabel(label) {
				values[label] = cell(1)
				info.refs[label] = cellRef(2, rowNum)
				continue
			}
			if _, ok := info.refs["indicator"]; !ok {
				ps.add("Sheet "+name, notLabelled)
				return nil, false, nil
			}
			heading = true
			info.headerRow = rowNum
			for c, h := range cells {
				if h == "" {
					continue
				}
				if d, ok := headingDate(h); ok {
					dates = append(dates, dateCol{c, d})
					continue
				}
				if len(dates) > 0 {
					ps.add("Sheet "+name+", cell "+cellRef(c+1, rowNum), fmt.Sprintf("%q is not a month written as YYYY-MM (or a snapshot date as YYYY-MM-DD)", h))
					continue
				}
				key := strings.ToLower(h)
				dims = append(dims, key)
				dimCols = append(dimCols, c)
				info.dimCols[key] = c + 1
			}
			if len(dates) == 0 {
				ps.add("Sheet "+name+", row "+strconv.Itoa(rowNum), "The heading row names no months: write each month as YYYY-MM, such as 2009-04")
				return nil, true, nil
			}
			// Only a percentage's cells may be formatted as percentages (45% stored as
			// 0.45): those of a sheet whose Unit row says so, or that has none.
			unit, hasUnit := values["unit"]
			percent = !hasUnit || strings.HasPrefix(strings.ToLower(unit), "percentage")
			continue
		}
		labels := make([]string, len(dimCols))
		for k, c := range dimCols {
			labels[k] = cell(c)
		}
		for _, d := range dates {
			if read.figures++; read.figures > MaxFigures {
				return nil, false, tooManyFigures("Sheet " + name + ", cell " + cellRef(d.col+1, rowNum))
			}
			v := cell(d.col)
			if n, err := strconv.ParseFloat(v, 64); percent && err == nil && n > 0 && n <= 1 {
				fractions[[2]int{rowNum, d.col + 1}] = len(out)
			}
			out = append(out, Record{
				Indicator: values["indicator"],
				Agency:    values["agency"],
				Period:    values["period"],
				Date:      d.label,
				Value:     v,
				dims:      dims,
				labels:    labels,
				loc:       sheetPlace{sheet: info, row: rowNum, col: d.col + 1},
			})
		}
	}
	if err := rows.Error(); err != nil {
		ps.add("Sheet "+name, "This sheet could not be read")
		return nil, false, nil
	}
	switch {
	case !nonBlank:
		return nil, false, nil
	case !heading:
		if _, ok := info.refs["indicator"]; !ok {
			ps.add("Sheet "+name, notLabelled)
			return nil, false, nil
		}
		ps.add("Sheet "+name, "This sheet has no heading row of dimensions and dates under its labelled rows")
		return nil, false, nil
	}
	if len(fractions) > 0 {
		readAsShown(f, name, out, fractions)
	}
	return out, true, nil
}

const notLabelled = `This sheet does not start with the labelled rows Indicator, Agency and Period: download a pre-filled workbook and copy the figures into it`

type dateCol struct {
	col   int // 0-based
	label string
}

// readAsShown reads the sheet again, as its cells show their values, for the
// cells of a percentage holding 0 < n ≤ 1: a cell formatted as a percentage
// holds 0.45 for 45%, and is read as it shows. The first reading bounded the
// sheet; this one stops after the last such cell.
func readAsShown(f *excelize.File, name string, out []Record, fractions map[[2]int]int) {
	last := 0
	for k := range fractions {
		last = max(last, k[0])
	}
	rows, err := f.Rows(name)
	if err != nil {
		return
	}
	defer rows.Close()
	for rowNum := 1; rowNum <= last && rows.Next(); rowNum++ {
		shown, err := rows.Columns()
		if err != nil {
			return
		}
		for c, v := range shown {
			if i, ok := fractions[[2]int{rowNum, c + 1}]; ok && strings.HasSuffix(strings.TrimSpace(v), "%") {
				out[i].Value = strings.TrimSpace(v)
			}
		}
	}
}

// headingDate reads a date heading: text such as 2009-04 or 2010-03-31, or a
// cell Excel turned into a date (a serial number, read raw, from 1990 to 2100).
func headingDate(raw string) (string, bool) {
	if dateHeading.MatchString(raw) {
		return raw, true
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil || n < 32874 || n > 73051 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(n, false)
	if err != nil {
		return "", false
	}
	if t.Day() == 1 {
		return t.Format("2006-01"), true
	}
	return t.Format("2006-01-02"), true
}

func isSheetLabel(label string) bool {
	switch label {
	case "indicator", "name", "agency", "period", "unit":
		return true
	}
	return false
}

// xlsxWriter builds a workbook: the instructions, then a sheet per indicator.
type xlsxWriter struct {
	f      *excelize.File
	bold   int
	header int
	text   int
}

func newXLSXWriter(instructions [][]string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", InstructionsSheet); err != nil {
		return nil, err
	}
	x := &xlsxWriter{f: f}
	var err error
	if x.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	if x.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F2F1"}},
		Border: []excelize.Border{{Type: "bottom", Color: "0B0C0C", Style: 1}}}); err != nil {
		return nil, err
	}
	if x.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // "@": text, so 2009-04 stays as typed
		return nil, err
	}
	if err := f.SetColWidth(InstructionsSheet, "A", "A", 110); err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, line := range instructions {
		ref := cellRef(1, i+1)
		if err := f.SetCellStr(InstructionsSheet, ref, line[0]); err != nil {
			return nil, err
		}
		style := wrap
		if len(line) > 1 && line[1] == "bold" {
			style = x.bold
		}
		if err := f.SetCellStyle(InstructionsSheet, ref, ref, style); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// sheet is one indicator's sheet, written row by row.
type sheetSpec struct {
	name     string
	labelled [][2]string // Indicator, Name, Agency, Period, Unit and their values
	agency   string      // the agency's name beside its slug
	dims     []string
	dates    []string
	rows     []sheetRow
}

type sheetRow struct {
	labels []string
	values []*float64 // by date; nil is blank
}

func (x *xlsxWriter) addSheet(s sheetSpec) error {
	if _, err := x.f.NewSheet(s.name); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	first := len(s.dims)
	if first == 0 {
		first = 1 // the labels' column A still needs room
	}
	if err := sw.SetColWidth(1, first, 24); err != nil {
		return err
	}
	if err := sw.SetColWidth(first+1, first+len(s.dates)+1, 11); err != nil {
		return err
	}
	headingRow := len(s.labelled) + 2 // a blank row between the labelled rows and the grid
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: max(len(s.dims), 1), YSplit: headingRow,
		TopLeftCell: cellRef(max(len(s.dims), 1)+1, headingRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	row := 1
	for _, l := range s.labelled {
		cells := []any{excelize.Cell{StyleID: x.bold, Value: l[0]}, excelize.Cell{StyleID: x.text, Value: l[1]}}
		if l[0] == labelAgency && s.agency != "" {
			cells = append(cells, s.agency)
		}
		if err := sw.SetRow(cellRef(1, row), cells); err != nil {
			return err
		}
		row++
	}
	row++ // a blank row before the grid
	heading := make([]any, 0, len(s.dims)+len(s.dates)+1)
	for _, d := range s.dims {
		heading = append(heading, excelize.Cell{StyleID: x.header, Value: d})
	}
	if len(s.dims) == 0 {
		heading = append(heading, excelize.Cell{StyleID: x.header, Value: ""})
	}
	for _, d := range s.dates {
		heading = append(heading, excelize.Cell{StyleID: x.header, Value: d})
	}
	if err := sw.SetRow(cellRef(1, row), heading); err != nil {
		return err
	}
	row++
	for _, r := range s.rows {
		cells := make([]any, 0, len(r.labels)+len(r.values)+1)
		for _, l := range r.labels {
			cells = append(cells, excelize.Cell{StyleID: x.bold, Value: l})
		}
		if len(r.labels) == 0 {
			cells = append(cells, excelize.Cell{StyleID: x.bold, Value: "Figure"})
		}
		for _, v := range r.values {
			if v == nil {
				cells = append(cells, nil)
			} else {
				cells = append(cells, *v)
			}
		}
		if err := sw.SetRow(cellRef(1, row), cells); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

func (x *xlsxWriter) write(w io.Writer) error {
	x.f.SetActiveSheet(0)
	_, err := x.f.WriteTo(w)
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}
