package perfio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"safeboard/internal/domain"
)

// The CSV's fixed columns. "date" is taken for "month" too.
var fixedColumns = []string{"indicator", "agency", "period", "month", "value"}

// ReadCSV reads a long-form CSV: a header naming the columns indicator,
// agency, period, month, value and one per dimension, in any order and any
// case, then one figure a row. A UTF-8 byte order mark is skipped. Wholly
// blank rows are skipped. A cell Neutralise quoted is read as it was. Problems
// with the file's shape are returned; the figures themselves are checked by
// Check. A file over MaxRows, MaxColumns or MaxCells stops being read there,
// with no records and that one problem.
func ReadCSV(content []byte) ([]Record, []Problem) {
	var ps problems
	limit := newCSVLimiter(bytes.NewReader(bytes.TrimPrefix(content, bom)))
	r := csv.NewReader(limit)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if limit.err != nil {
		return nil, limit.err.problem()
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			ps.add("", "The file is empty: it needs a header row and a row for each figure")
		} else {
			ps.add("Row 1", csvError(err))
		}
		return nil, ps.list
	}
	index := map[string]int{}
	headings := map[string]string{}
	var dims []string
	var dimCols []int
	for i, h := range header {
		h = Unneutralise(h)
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "date" {
			name = "month"
		}
		if name == "" {
			continue
		}
		if _, dup := index[name]; dup {
			ps.add("Row 1", fmt.Sprintf("The column %q appears twice", strings.TrimSpace(h)))
			continue
		}
		index[name] = i
		headings[name] = strings.TrimSpace(h)
		if !isFixed(name) {
			dims = append(dims, name)
			dimCols = append(dimCols, i)
		}
	}
	var missing []string
	for _, c := range fixedColumns {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		ps.add("Row 1", fmt.Sprintf("The header row must name the columns indicator, agency, period, month and value (missing: %s), separated by commas",
			strings.Join(missing, ", ")))
		return nil, ps.list
	}
	get := func(row []string, col int) string {
		if col < len(row) {
			return strings.TrimSpace(Unneutralise(row[col]))
		}
		return ""
	}
	// Room for a record a line, up to the limit, made once: growing the slice
	// a record at a time would allocate several times over.
	out := make([]Record, 0, min(bytes.Count(content, []byte{'\n'})+1, MaxRows))
	for line := 2; ; line++ {
		row, err := r.Read()
		if limit.err != nil {
			return nil, limit.err.problem()
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps.add(fmt.Sprintf("Row %d", pe.StartLine), csvError(err))
			} else {
				ps.add(fmt.Sprintf("Row %d", line), csvError(err))
			}
			// A broken quote swallows the rest of the file: stop here.
			break
		}
		line, _ = r.FieldPos(0)
		if blankRow(row) {
			continue
		}
		if len(row) > len(header) {
			ps.add(fmt.Sprintf("Row %d", line), "This row has "+domain.CountOf(len(row), "value")+" but the header names "+domain.CountOf(len(header), "column"))
			continue
		}
		rec := Record{
			Indicator: get(row, index["indicator"]),
			Agency:    get(row, index["agency"]),
			Period:    get(row, index["period"]),
			Date:      get(row, index["month"]),
			Value:     get(row, index["value"]),
			dims:      dims,
			loc:       csvPlace{row: line, headings: headings},
		}
		rec.labels = make([]string, len(dimCols))
		for k, c := range dimCols {
			rec.labels[k] = get(row, c)
		}
		out = append(out, rec)
	}
	return out, ps.list
}

func isFixed(name string) bool {
	for _, c := range fixedColumns {
		if c == name {
			return true
		}
	}
	return false
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// csvError says what the CSV reader found wrong, in plain English.
func csvError(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			return "A quotation mark is not closed, or is inside a value that does not start with one: put values containing quotation marks or commas inside double quotes, and double any quotation mark within them"
		}
	}
	return "The file could not be read as CSV: " + err.Error()
}

// csvWriter writes the long form.
type csvWriter struct {
	w    *csv.Writer
	dims []string // dimension columns, as named
}

func newCSVWriter(w io.Writer, dims []string) (*csvWriter, error) {
	cw := &csvWriter{w: csv.NewWriter(w), dims: dims}
	header := append([]string{"indicator", "agency", "period", "month"}, dims...)
	header = append(header, "value")
	return cw, cw.write(header)
}

func (cw *csvWriter) row(indicator, agency, period, month string, options map[string]string, value string) error {
	rec := make([]string, 0, 5+len(cw.dims))
	rec = append(rec, indicator, agency, period, month)
	for _, d := range cw.dims {
		rec = append(rec, options[strings.ToLower(d)])
	}
	rec = append(rec, value)
	return cw.write(rec)
}

// write writes one row, every cell neutralised so no spreadsheet runs it as a formula.
func (cw *csvWriter) write(rec []string) error {
	for i, v := range rec {
		rec[i] = Neutralise(v)
	}
	return cw.w.Write(rec)
}

func (cw *csvWriter) flush() error {
	cw.w.Flush()
	return cw.w.Error()
}
