package domain

import "time"

// GridEdit is one cell of an indicator's figures grid as its form came back:
// the figure the page showed, and the one typed (nil: blank).
type GridEdit struct {
	Cell
	Shown, Typed *float64
}

// RatioPart is a ratio indicator that the grid's indicator is the numerator
// or the denominator of, with the other part and that part's saved figures.
type RatioPart struct {
	RatioCode   string
	IsNumerator bool // the grid's indicator is the ratio's numerator
	Other       Indicator
	OtherSaved  []CellValue
}

// RatioClash is a changed figure that would put a ratio's numerator over its
// denominator in the same cell. Limit is the other part's figure there: the
// most a numerator may be, the least a denominator may be.
type RatioClash struct {
	Cell
	Part  RatioPart
	Limit float64
}

// GridConflict is a changed cell that someone else changed since the page
// was read: Saved is their figure, Typed the one this form would save.
type GridConflict struct {
	Cell
	Saved, Typed *float64
}

// GridSave is what a grid's form asks for, checked: the figures it changes
// and, for each, the figure the page showed, which the store must still find
// when it saves (so that a save in between is refused, not overwritten).
// Clashes and Conflicts are why nothing may be saved.
type GridSave struct {
	Changes   []CellValue
	Expected  []CellValue
	Clashes   []RatioClash
	Conflicts []GridConflict
}

// Refused reports whether the form must come back rather than be saved.
func (g GridSave) Refused() bool { return len(g.Clashes) > 0 || len(g.Conflicts) > 0 }

// CheckGridSave works out which cells of ind's grid a form changed (the
// figure typed is not the one shown) and checks them:
//   - a numerator may not be more than its denominator in the same cell (date
//     and options), against the other part's saved figures, where both parts
//     are broken down the same way;
//   - a changed cell whose saved figure is no longer the one the page showed
//     was changed by someone else meanwhile: a conflict, unless it already
//     clashes.
//
// edits are in the form's order, which the changes, clashes and conflicts
// keep; saved are ind's figures as stored now.
func CheckGridSave(ind Indicator, edits []GridEdit, saved []CellValue, parts []RatioPart) GridSave {
	var g GridSave
	for _, e := range edits {
		if !sameFigure(e.Typed, e.Shown) {
			g.Changes = append(g.Changes, CellValue{Cell: e.Cell, Value: e.Typed})
			g.Expected = append(g.Expected, CellValue{Cell: e.Cell, Value: e.Shown})
		}
	}
	clashed := map[cellPlace]bool{}
	for _, part := range parts {
		if !ind.SameBreakdowns(part.Other) {
			continue
		}
		theirs := figuresByPlace(part.OtherSaved)
		for _, ch := range g.Changes {
			other, ok := theirs[placeOf(ch.Cell)]
			if ch.Value == nil || !ok || clashed[placeOf(ch.Cell)] {
				continue
			}
			num, den := *ch.Value, other
			if !part.IsNumerator {
				num, den = other, *ch.Value
			}
			if num > den {
				clashed[placeOf(ch.Cell)] = true
				g.Clashes = append(g.Clashes, RatioClash{Cell: ch.Cell, Part: part, Limit: other})
			}
		}
	}
	now := figuresByPlace(saved)
	for i, ch := range g.Changes {
		var stored *float64
		if f, ok := now[placeOf(ch.Cell)]; ok {
			stored = &f
		}
		if sameFigure(stored, g.Expected[i].Value) || clashed[placeOf(ch.Cell)] {
			continue
		}
		g.Conflicts = append(g.Conflicts, GridConflict{Cell: ch.Cell, Saved: stored, Typed: ch.Value})
	}
	return g
}

// SameBreakdowns reports whether two indicators are broken down by the same
// dimensions in the same order, so that their cells correspond one to one.
func (ind Indicator) SameBreakdowns(other Indicator) bool {
	if len(ind.Dimensions) != len(other.Dimensions) {
		return false
	}
	for i := range ind.Dimensions {
		if ind.Dimensions[i].ID != other.Dimensions[i].ID {
			return false
		}
	}
	return true
}

// cellPlace is where a cell sits in a grid, whichever indicator it is of and
// whatever its date's location.
type cellPlace struct {
	year    int
	month   time.Month
	day     int
	options [MaxDimensions]int64
}

func placeOf(c Cell) cellPlace {
	y, m, d := c.On.Date()
	return cellPlace{y, m, d, c.Options}
}

func figuresByPlace(list []CellValue) map[cellPlace]float64 {
	out := make(map[cellPlace]float64, len(list))
	for _, c := range list {
		if c.Value != nil {
			out[placeOf(c.Cell)] = *c.Value
		}
	}
	return out
}

func sameFigure(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
