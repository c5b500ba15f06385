package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// gridIndicator finds the {code} indicator among the agency's own; a ratio
// indicator, whose figures are worked out, has no grid.
func (s *Server) gridIndicator(r *http.Request) (*domain.Indicator, error) {
	sc := currentReturn(r.Context())
	ind, err := s.store.IndicatorByCode(r.Context(), chi.URLParam(r, "code"))
	if err != nil {
		return nil, err
	}
	if ind.AgencyID != sc.Agency.ID || ind.IsRatio() {
		return nil, fmt.Errorf("indicator %s has no grid in %s's return: %w", ind.Code, sc.Agency.Slug, domain.ErrNotFound)
	}
	return ind, nil
}

// grid is one indicator's table for a period: its dates as columns, every
// combination of its breakdown options as rows.
type grid struct {
	ind       *domain.Indicator
	cols      []time.Time
	colShort  []string
	colFull   []string
	rows      [][domain.MaxDimensions]int64
	rowLabels [][]string
	// date is the one date shown of an indicator broken down two or more
	// ways (oneDateAtATime), an index into cols.
	date int
}

// oneDateAtATime reports whether the grid shows one date at a time, as
// cross-tables: with two or more breakdowns, every date in one table would be
// a long list of rows no one can read across.
func (g *grid) oneDateAtATime() bool { return len(g.ind.Dimensions) >= 2 }

// pickDate chooses the date to show from the address's "on" (such as
// 2009-04-01); without one, the first date still missing a figure, or the
// first date if none is.
func (g *grid) pickDate(on string, saved map[string]float64) {
	for i, d := range g.cols {
		if dateKey(d) == on {
			g.date = i
			return
		}
	}
	for ci := range g.cols {
		for ri := range g.rows {
			c := g.cell(ci, ri)
			if _, ok := saved[cellID(c.On, c.Options)]; !ok {
				g.date = ci
				return
			}
		}
	}
	g.date = 0
}

// datePath is the grid's address showing one date.
func (g *grid) datePath(sc *returnScope, col int) string {
	return gridPath(sc, g.ind.Code) + "?on=" + dateKey(g.cols[col])
}

// gridDates are an indicator's dates in the period, with any other snapshot
// dates that hold figures (extra) for a snapshot indicator, in order.
func gridDates(ind domain.Indicator, p domain.Period, extra []time.Time) []time.Time {
	dates := ind.Dates(p)
	if ind.Frequency != domain.FrequencySnapshot {
		return dates
	}
	seen := map[string]bool{}
	for _, d := range dates {
		seen[dateKey(d)] = true
	}
	for _, d := range extra {
		if !seen[dateKey(d)] && !d.Before(p.StartsOn) && !d.After(p.EndsOn) {
			seen[dateKey(d)] = true
			dates = append(dates, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	// A few dates at most: insertion sort keeps them in order.
	for i := 1; i < len(dates); i++ {
		for j := i; j > 0 && dates[j].Before(dates[j-1]); j-- {
			dates[j], dates[j-1] = dates[j-1], dates[j]
		}
	}
	return dates
}

func dateKey(d time.Time) string { return d.Format(time.DateOnly) }

func newGrid(ind *domain.Indicator, p domain.Period, saved []domain.CellValue) *grid {
	g := &grid{ind: ind}
	var extra []time.Time
	for _, c := range saved {
		extra = append(extra, c.On)
	}
	g.cols = gridDates(*ind, p, extra)
	for _, d := range g.cols {
		short, full := columnLabels(ind.Frequency, p, d)
		g.colShort, g.colFull = append(g.colShort, short), append(g.colFull, full)
	}
	g.rows = [][domain.MaxDimensions]int64{{}}
	g.rowLabels = [][]string{nil}
	for k, dim := range ind.Dimensions {
		var rows [][domain.MaxDimensions]int64
		var labels [][]string
		for i, row := range g.rows {
			for _, opt := range dim.Options {
				row[k] = opt.ID
				rows = append(rows, row)
				labels = append(labels, append(append([]string(nil), g.rowLabels[i]...), opt.Label))
			}
		}
		g.rows, g.rowLabels = rows, labels
	}
	if len(ind.Dimensions) == 0 {
		g.rowLabels = [][]string{{ind.Code}}
	}
	return g
}

// columnLabels name a date of the grid: a short header and the full words
// each cell's label uses.
func columnLabels(f domain.Frequency, p domain.Period, d time.Time) (short, full string) {
	switch f {
	case domain.FrequencyMonthly:
		return d.Format("Jan 2006"), d.Format("January 2006")
	case domain.FrequencyQuarterly:
		end := d.AddDate(0, 2, 0)
		return d.Format("Jan") + "–" + end.Format("Jan 2006"), d.Format("January") + " to " + end.Format("January 2006")
	case domain.FrequencyYearly:
		return p.Label, p.Label
	}
	return d.Format("2 Jan 2006"), d.Format("2 January 2006")
}

// cellID names a cell in the form and as the error summary's anchor:
// v-2009-04-01-12-0-0 (the date, then the options' ids, 0 for none).
func cellID(d time.Time, opts [domain.MaxDimensions]int64) string {
	return fmt.Sprintf("v-%s-%d-%d-%d", dateKey(d), opts[0], opts[1], opts[2])
}

func (g *grid) cell(col, row int) domain.Cell {
	return domain.Cell{IndicatorID: g.ind.ID, On: g.cols[col], Options: g.rows[row]}
}

// label names the cell at a column and row, as its input's label and the
// error summary do: "Neglect, 0-5, April 2009".
func (g *grid) label(col, row int) string {
	return strings.Join(append(append([]string(nil), g.rowLabels[row]...), g.colFull[col]), ", ")
}

// labelFor names a cell of the grid.
func (g *grid) labelFor(c domain.Cell) string {
	for ri, row := range g.rows {
		if row != c.Options {
			continue
		}
		for ci, d := range g.cols {
			if d.Equal(c.On) {
				return g.label(ci, ri)
			}
		}
	}
	return cellID(c.On, c.Options)
}

// savedByID indexes saved figures by their cell's id.
func savedByID(saved []domain.CellValue) map[string]float64 {
	out := make(map[string]float64, len(saved))
	for _, c := range saved {
		out[cellID(c.On, c.Options)] = *c.Value
	}
	return out
}

// rawNumber writes a figure for an input: no separators, no unit.
func rawNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// view lays the grid out with the saved figures, then overlays what was typed
// (by cell id) where a form came back.
func (g *grid) view(sc *returnScope, saved map[string]float64, typed, was map[string]string, cellErrs map[string]string) templates.GridView {
	v := templates.GridView{Ref: returnRef(sc), Indicator: *g.ind, Back: returnPath(sc, "/performance"), Action: gridPath(sc, g.ind.Code)}
	for _, d := range g.ind.Dimensions {
		v.DimNames = append(v.DimNames, d.Name)
	}
	for i := range g.cols {
		v.Columns = append(v.Columns, templates.GridColumn{Short: g.colShort[i], Full: g.colFull[i]})
	}
	for ri := range g.rows {
		row := templates.GridRow{Labels: g.rowLabels[ri]}
		for ci := range g.cols {
			c := g.cell(ci, ri)
			id := cellID(c.On, c.Options)
			gc := templates.GridCell{ID: id, Label: g.label(ci, ri), Error: cellErrs[id]}
			if f, ok := saved[id]; ok {
				gc.Value, gc.Was, gc.Shown = rawNumber(f), rawNumber(f), domain.FormatValue(g.ind.Unit, f)
			}
			if t, ok := typed[id]; ok {
				gc.Value = t
			}
			if w, ok := was[id]; ok {
				gc.Was = w
			}
			row.Cells = append(row.Cells, gc)
		}
		v.Rows = append(v.Rows, row)
	}
	v.Hint = unitHint(g.ind.Unit)
	if g.oneDateAtATime() && len(g.cols) > 0 {
		g.crossTables(sc, &v)
	}
	return v
}

// crossTables lays the chosen date out as cross-tables (rows by the first
// breakdown, columns by the second, a table per option of a third) and
// links to every date. The form then holds the chosen date's cells only.
func (g *grid) crossTables(sc *returnScope, v *templates.GridView) {
	v.Action = g.datePath(sc, g.date)
	v.Date = g.colFull[g.date]
	for i := range g.cols {
		v.Dates = append(v.Dates, templates.GridDate{Label: g.colFull[i], Href: g.datePath(sc, i), Current: i == g.date})
	}
	dims := g.ind.Dimensions
	first, second := dims[0], dims[1]
	tables := 1
	if len(dims) > 2 {
		tables = len(dims[2].Options)
	}
	// g.rows runs through the first breakdown's options slowest and the
	// last's fastest, so row (i, j, k) is at (i*n1 + j)*n2 + k.
	n1, n2 := len(second.Options), tables
	for k := 0; k < tables; k++ {
		t := templates.GridCrossTable{RowHead: first.Name, Caption: g.ind.Code + ", " + v.Date}
		if len(dims) > 2 {
			t.Caption = g.ind.Code + ", " + dims[2].Name + ": " + dims[2].Options[k].Label + ", " + v.Date
		}
		for _, o := range second.Options {
			t.Columns = append(t.Columns, o.Label)
		}
		for i, o := range first.Options {
			row := templates.GridRow{Labels: []string{o.Label}}
			for j := range second.Options {
				row.Cells = append(row.Cells, v.Rows[(i*n1+j)*n2+k].Cells[g.date])
			}
			t.Rows = append(t.Rows, row)
		}
		v.Tables = append(v.Tables, t)
	}
}

func unitHint(u domain.Unit) string {
	switch u {
	case domain.UnitCount:
		return "Enter whole numbers, 0 or more."
	case domain.UnitPercentage:
		return "Enter percentages from 0 to 100."
	case domain.UnitDays:
		return "Enter numbers of days, 0 or more."
	}
	return "Enter numbers, 0 or more."
}

// loadGrid finds the indicator and its saved figures for the period.
func (s *Server) loadGrid(r *http.Request) (*grid, []domain.CellValue, error) {
	sc := currentReturn(r.Context())
	ind, err := s.gridIndicator(r)
	if err != nil {
		return nil, nil, err
	}
	saved, err := s.store.Values(r.Context(), []int64{ind.ID}, sc.Period.StartsOn, sc.Period.EndsOn)
	if err != nil {
		return nil, nil, err
	}
	g := newGrid(ind, *sc.Period, saved)
	if g.oneDateAtATime() {
		g.pickDate(r.URL.Query().Get("on"), savedByID(saved))
	}
	return g, saved, nil
}

// figuresGrid shows an indicator's figures: inputs for whoever may change
// them, plain figures for anyone else who may see the return.
func (s *Server) figuresGrid(w http.ResponseWriter, r *http.Request) {
	g, saved, err := s.loadGrid(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := g.view(currentReturn(r.Context()), savedByID(saved), nil, nil, nil)
	v.Editable = mayEnterFigures(r)
	s.renderGrid(w, r, http.StatusOK, v)
}

func (s *Server) renderGrid(w http.ResponseWriter, r *http.Request, status int, v templates.GridView) {
	title := v.Indicator.Code + " figures for " + v.Ref.PeriodLabel
	if v.Date != "" {
		title = v.Indicator.Code + " figures for " + v.Date
	}
	var err error
	if v.Challenges, err = s.indicatorChallenges(r, *currentPeriod(r.Context()), v.Indicator); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.formPage(r, title, v.Problem())
	p.FullWidth = true
	s.render(w, r, status, templates.FiguresGrid(p, v))
}
