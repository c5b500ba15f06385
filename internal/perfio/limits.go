package perfio

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// The limits of one file, checked while it is read: a file over one stops
// being read there, and its only problem says which limit and what to do.
// The lawful files they allow are far larger than any board's year: a
// workbook of every figure of 105 indicators broken down 40 ways by month
// (50,400 figures) unpacks to about 11 MB, its largest part to 0.2 MB.
const (
	// MaxFileBytes is the largest file accepted: 10 MB (ErrTooBig).
	MaxFileBytes = 10 << 20
	// MaxRows bounds the rows of a CSV file (its header and blank rows
	// included), or of all a workbook's indicator sheets together (up to
	// each sheet's last row).
	MaxRows = 100_000
	// MaxColumns bounds the columns of one row (up to its last cell).
	MaxColumns = 1_000
	// MaxCells bounds the cells of a file: a CSV's values, or the cells of a
	// workbook's sheets (blank ones included, up to each row's last).
	MaxCells = 1_000_000
	// MaxFigures bounds the figures one file gives: a CSV row, or a
	// workbook's cell under a date.
	MaxFigures = 100_000
	// MaxParts bounds the parts (zip entries) of a workbook.
	MaxParts = 2_000
	// MaxPartBytes bounds the unpacked size of each part of a workbook: a
	// sheet, its shared strings or its styles.
	MaxPartBytes = 16 << 20
	// MaxUnpackedBytes bounds the unpacked size of all a workbook's parts.
	MaxUnpackedBytes = 48 << 20
)

// Parts of the limits' messages.
const (
	splitAdvice = "split it into several files, such as one per indicator"
)

// thousands writes n with commas: 100,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// megabytes writes a size in bytes as whole megabytes: 16 MB.
func megabytes(n int64) string { return strconv.FormatInt(n>>20, 10) + " MB" }

// overLimit is a file over one of the limits: the one problem reported.
type overLimit Problem

func (e *overLimit) Error() string { return Problem(*e).String() }

// problem is the limit as the problem the file is reported with.
func (e *overLimit) problem() []Problem { return []Problem{Problem(*e)} }

func tooManyRows(where string) *overLimit {
	return &overLimit{Where: where, Message: fmt.Sprintf("The file has more than %s rows, the most one file may have: %s", thousands(MaxRows), splitAdvice)}
}

func tooManyColumns(where string) *overLimit {
	return &overLimit{Where: where, Message: fmt.Sprintf("This row has more than %s columns, the most a row may have: keep one figure a row in a CSV file, or a sheet's months across its columns", thousands(MaxColumns))}
}

func tooManyCells(where string) *overLimit {
	return &overLimit{Where: where, Message: fmt.Sprintf("The file has more than %s cells, the most one file may have: %s", thousands(MaxCells), splitAdvice)}
}

func tooManyFigures(where string) *overLimit {
	return &overLimit{Where: where, Message: fmt.Sprintf("The file gives more than %s figures, the most one file may give: %s", thousands(MaxFigures), splitAdvice)}
}

// csvLimiter counts a CSV file's rows and values as the CSV reader takes its
// bytes, following quotes as encoding/csv does, and stops the reading at the
// first limit passed: the reader never holds more than one over-long row's
// worth of a file that is over a limit.
type csvLimiter struct {
	r           io.Reader
	inQuote     bool
	rows, cells int64 // started so far
	columns     int64 // of the row being read
	atRowStart  bool
	err         *overLimit
}

func newCSVLimiter(r io.Reader) *csvLimiter { return &csvLimiter{r: r, atRowStart: true} }

func (l *csvLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if l.atRowStart {
			l.atRowStart = false
			l.rows++
			l.columns = 1
			l.cells++
			if l.rows > MaxRows {
				l.err = tooManyRows(l.where())
			} else if l.cells > MaxCells {
				l.err = tooManyCells(l.where())
			}
		}
		switch {
		case c == '"':
			l.inQuote = !l.inQuote
		case l.inQuote:
		case c == ',':
			l.columns++
			l.cells++
			if l.columns > MaxColumns {
				l.err = tooManyColumns(l.where())
			} else if l.cells > MaxCells {
				l.err = tooManyCells(l.where())
			}
		case c == '\n':
			l.atRowStart = true
		}
		if l.err != nil {
			return i, l.err
		}
	}
	return n, err
}

func (l *csvLimiter) where() string { return fmt.Sprintf("Row %d", l.rows) }

// checkParts reads every part of a workbook through a counting reader, before
// the workbook is opened, and refuses one with too many parts, a part over
// MaxPartBytes unpacked, or more than MaxUnpackedBytes in all. A part that
// says it is bigger is refused without unpacking it (the zip reader never
// gives more than a part says); the others stop being read at the limit.
// Unpacking goes nowhere: only its size is kept.
func checkParts(content []byte) *overLimit {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return &overLimit{Message: unreadableWorkbook}
	}
	if len(zr.File) > MaxParts {
		return &overLimit{Message: fmt.Sprintf("The workbook has %s parts, more than the %s a workbook may have: save it again from Excel as .xlsx, and %s",
			thousands(int64(len(zr.File))), thousands(MaxParts), splitAdvice)}
	}
	partTooBig := func(name string) *overLimit {
		return &overLimit{Message: fmt.Sprintf("The workbook's part %s unpacks to more than %s, the most one part (such as a sheet) may: %s",
			name, megabytes(MaxPartBytes), splitAdvice)}
	}
	tooBigInAll := &overLimit{Message: fmt.Sprintf("The workbook unpacks to more than %s, the most a workbook may: %s", megabytes(MaxUnpackedBytes), splitAdvice)}
	var declared, total int64
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxPartBytes {
			return partTooBig(f.Name)
		}
		if declared += int64(f.UncompressedSize64); declared > MaxUnpackedBytes {
			return tooBigInAll
		}
	}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return &overLimit{Message: unreadableWorkbook}
		}
		limit := min(int64(MaxPartBytes), MaxUnpackedBytes-total)
		n, err := io.Copy(io.Discard, io.LimitReader(rc, limit+1))
		_ = rc.Close()
		total += n
		switch {
		case n > limit && n > MaxPartBytes:
			return partTooBig(f.Name)
		case n > limit:
			return tooBigInAll
		case err != nil:
			return &overLimit{Message: unreadableWorkbook}
		}
	}
	return nil
}

// unreadableWorkbook is the problem of a workbook that could not be read at all.
const unreadableWorkbook = "The file could not be read as an Excel workbook: save it again from Excel as .xlsx"
