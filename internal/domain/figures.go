package domain

import (
	"fmt"
	"strings"
	"time"
)

// CellState is a cell as it was last written: its figure (nil when not known)
// and its version. Every save that changes a cell gives it a new version, so
// a cell whose version is still the one read has not changed since.
type CellState struct {
	CellValue
	Version int64 // 0 for a cell never written
}

// CellWrite is a figure to save in place of the one read at Version: the save
// is refused if the cell has been written since.
type CellWrite struct {
	CellValue
	Version int64
}

// ChangedFigure is a cell written since it was read: which figure, and who
// wrote it and when.
type ChangedFigure struct {
	Indicator string   // the indicator's code
	Date      string   // as the indicator's dates are written: 2009-04, or 2010-03-31 for a snapshot
	Options   []string // the breakdown's option labels, in the indicator's order
	By        string   // the name of who saved it, or "the command line"
	At        time.Time
}

// Figure names the cell: "NI59, 2009-04" or "CPP, 2009-04, 0-5 / F".
func (c ChangedFigure) Figure() string {
	s := c.Indicator + ", " + c.Date
	if len(c.Options) > 0 {
		s += ", " + strings.Join(c.Options, " / ")
	}
	return s
}

// MaxChangedFigures bounds the cells a FiguresChangedError names.
const MaxChangedFigures = 200

// FiguresChangedError refuses a save because figures it would change were
// written since they were read (by a colleague, or a later import): nothing
// was saved. It wraps ErrStale.
type FiguresChangedError struct {
	Figures []ChangedFigure // the first MaxChangedFigures, by indicator, date and options
	Count   int             // how many changed in all
}

func (e *FiguresChangedError) Error() string {
	if len(e.Figures) == 0 {
		return CountOf(e.Count, "figure") + " changed since " + theyOrIt(e.Count) + " read"
	}
	first := e.Figures[0]
	return fmt.Sprintf("%s changed since %s read, the first %s by %s at %s",
		CountOf(e.Count, "figure"), theyOrIt(e.Count), first.Figure(), first.By, first.At.Format(time.RFC3339))
}

// Unwrap makes the error an ErrStale.
func (e *FiguresChangedError) Unwrap() error { return ErrStale }

// theyOrIt is "it was" for one thing and "they were" for more.
func theyOrIt(n int) string {
	if n == 1 {
		return "it was"
	}
	return "they were"
}
