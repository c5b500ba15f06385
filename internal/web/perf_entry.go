package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// mountPerformanceEntry adds the return's "Performance data" task: the list of
// the agency's indicators and a grid of figures for each. It is mounted behind
// loadReturn and mustSeeReturn: whoever may see the return reads the figures;
// CanEnterFigures decides who may change them.
func (s *Server) mountPerformanceEntry(r chi.Router) {
	r.Get("/performance", s.performancePage)
	r.Get("/performance/{code}", s.figuresGrid)
	r.Post("/performance/{code}", s.saveFigures)
}

// mayEnterFigures reports whether the signed-in user may change the return's figures now.
func mayEnterFigures(r *http.Request) bool {
	sc := currentReturn(r.Context())
	return CanEnterFigures(currentUser(r.Context()), sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen)
}

// figuresProgress counts, per indicator the agency owns, the cells of the
// period's grid and how many of them are known. Ratio indicators have none.
func (s *Server) figuresProgress(ctx context.Context, sc *returnScope, inds []domain.Indicator) (map[int64]templates.FiguresProgress, error) {
	var ids []int64
	for _, ind := range inds {
		if !ind.IsRatio() {
			ids = append(ids, ind.ID)
		}
	}
	out := make(map[int64]templates.FiguresProgress, len(inds))
	if len(ids) == 0 {
		return out, nil
	}
	counts, err := s.store.ValueCounts(ctx, ids, sc.Period.StartsOn, sc.Period.EndsOn)
	if err != nil {
		return nil, err
	}
	byIndicator := map[int64]map[string]int{}
	for _, c := range counts {
		if byIndicator[c.IndicatorID] == nil {
			byIndicator[c.IndicatorID] = map[string]int{}
		}
		byIndicator[c.IndicatorID][dateKey(c.On)] = c.Known
	}
	for _, ind := range inds {
		if ind.IsRatio() {
			continue
		}
		var extra []time.Time
		for day := range byIndicator[ind.ID] {
			d, _ := time.Parse(time.DateOnly, day)
			extra = append(extra, d)
		}
		cols := gridDates(ind, *sc.Period, extra)
		rows := 1
		for _, d := range ind.Dimensions {
			rows *= len(d.Options)
		}
		p := templates.FiguresProgress{Total: rows * len(cols)}
		for _, d := range cols {
			p.Known += byIndicator[ind.ID][dateKey(d)]
		}
		p.Known = min(p.Known, p.Total)
		out[ind.ID] = p
	}
	return out, nil
}

// returnFigures is the "Performance data" task's progress for the return
// page: nil when the agency owns no indicators.
func (s *Server) returnFigures(ctx context.Context, sc *returnScope) (*templates.FiguresProgress, error) {
	inds, err := s.store.AgencyIndicators(ctx, sc.Agency.ID)
	if err != nil || len(inds) == 0 {
		return nil, err
	}
	progress, err := s.figuresProgress(ctx, sc, inds)
	if err != nil {
		return nil, err
	}
	var all templates.FiguresProgress
	for _, p := range progress {
		all.Known += p.Known
		all.Total += p.Total
	}
	return &all, nil
}

// performancePage lists the agency's indicators by theme, each with how many
// of its figures for the period are known.
func (s *Server) performancePage(w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	inds, err := s.store.AgencyIndicators(ctx, sc.Agency.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	progress, err := s.figuresProgress(ctx, sc, inds)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	codes := map[int64]string{}
	if hasRatio(inds) {
		all, err := s.store.Indicators(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, ind := range all {
			codes[ind.ID] = ind.Code
		}
	}
	view := templates.PerformanceView{Ref: returnRef(sc), CanEnter: mayEnterFigures(r)}
	themeAt := map[string]int{}
	for _, ind := range inds {
		row := templates.PerfIndicatorRow{Code: ind.Code, Name: ind.Name, Frequency: ind.Frequency.Title(), Progress: progress[ind.ID]}
		if ind.IsRatio() {
			row.RatioOf = codes[*ind.NumeratorID] + " out of " + codes[*ind.DenominatorID]
		} else {
			row.Path = gridPath(sc, ind.Code)
		}
		at, ok := themeAt[ind.Theme]
		if !ok {
			at = len(view.Themes)
			themeAt[ind.Theme] = at
			view.Themes = append(view.Themes, templates.PerfTheme{Name: ind.Theme})
		}
		view.Themes[at].Indicators = append(view.Themes[at].Indicators, row)
	}
	if len(inds) > 0 {
		files := "/periods/" + sc.Period.Slug + "/figures/"
		agency := url.QueryEscape(sc.Agency.Slug)
		if view.CanEnter && Can(user, ActionImportFigures) {
			view.ImportPath = files + "import?agency=" + agency
		}
		if CanExportFigures(user, sc.Agency.ID) {
			view.ExportXLSX = files + "export?agency=" + agency + "&format=xlsx"
			view.ExportCSV = files + "export?agency=" + agency + "&format=csv"
		}
	}
	s.render(w, r, http.StatusOK, templates.PerformancePage(s.page(r, "Performance data", ""), view))
}

func hasRatio(inds []domain.Indicator) bool {
	for _, ind := range inds {
		if ind.IsRatio() {
			return true
		}
	}
	return false
}

func gridPath(sc *returnScope, code string) string {
	return returnPath(sc, "/performance/"+url.PathEscape(code))
}

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

func (g *grid) label(col, row int) string {
	return strings.Join(append(append([]string(nil), g.rowLabels[row]...), g.colFull[col]), ", ")
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
	return v
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
func (s *Server) loadGrid(r *http.Request) (*grid, map[string]float64, error) {
	sc := currentReturn(r.Context())
	ind, err := s.gridIndicator(r)
	if err != nil {
		return nil, nil, err
	}
	saved, err := s.store.Values(r.Context(), []int64{ind.ID}, sc.Period.StartsOn, sc.Period.EndsOn)
	if err != nil {
		return nil, nil, err
	}
	return newGrid(ind, *sc.Period, saved), savedByID(saved), nil
}

// figuresGrid shows an indicator's figures: inputs for whoever may change
// them, plain figures for anyone else who may see the return.
func (s *Server) figuresGrid(w http.ResponseWriter, r *http.Request) {
	g, saved, err := s.loadGrid(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := g.view(currentReturn(r.Context()), saved, nil, nil, nil)
	v.Editable = mayEnterFigures(r)
	s.renderGrid(w, r, http.StatusOK, v)
}

func (s *Server) renderGrid(w http.ResponseWriter, r *http.Request, status int, v templates.GridView) {
	title := v.Indicator.Code + " figures for " + v.Ref.PeriodLabel
	var err error
	if v.Challenges, err = s.indicatorChallenges(r, *currentPeriod(r.Context()), v.Indicator); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, templates.FiguresGrid(s.formPage(r, title, v.Problem()), v))
}

// saveFigures saves the cells of a grid that changed from what the page
// showed. Every typed figure is checked first; any mistake, or a changed cell
// that someone else changed meanwhile, saves nothing and shows the grid again
// with everything as typed.
func (s *Server) saveFigures(w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	g, saved, err := s.loadGrid(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	typed, was := map[string]string{}, map[string]string{}
	for ri := range g.rows {
		for ci := range g.cols {
			c := g.cell(ci, ri)
			id := cellID(c.On, c.Options)
			if shown, ok := r.PostForm["was-"+id]; ok {
				typed[id], was[id] = strings.TrimSpace(r.PostFormValue(id)), shown[0]
			}
		}
	}
	if !mayEnterFigures(r) {
		// A lead whose return was submitted, or whose period closed, since the
		// page was shown gets their figures back to copy; anyone else is refused.
		if !IsAgencyLead(user, sc.Agency.ID) {
			s.renderStatus(w, r, http.StatusForbidden)
			return
		}
		v := g.view(sc, saved, typed, was, nil)
		v.Closed, v.Conflict = true, "This return has been submitted, so its figures can no longer be changed. Nothing has been saved: the figures you typed are below so you can keep a copy."
		status := http.StatusConflict
		if !sc.Period.IsOpen {
			v.Conflict, status = templates.ClosedPeriodNote(sc.Period.Label)+" Nothing has been saved: the figures you typed are below so you can keep a copy.", http.StatusForbidden
		}
		s.renderGrid(w, r, status, v)
		return
	}

	// Check every typed figure, and find the cells that changed.
	cellErrs := map[string]string{}
	var errs domain.FieldErrors
	var changes []domain.CellValue
	changedAt := map[string][2]int{}
	for ri := range g.rows {
		for ci := range g.cols {
			c := g.cell(ci, ri)
			id := cellID(c.On, c.Options)
			t, shown := typed[id]
			if !shown {
				continue
			}
			value, msg := g.ind.ParseValue(t)
			if msg != "" {
				cellErrs[id] = msg
				errs.Add(id, g.label(ci, ri)+": "+msg)
				continue
			}
			before, err := parseShown(was[id])
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			if !sameFigure(value, before) {
				changes = append(changes, domain.CellValue{Cell: c, Value: value})
				changedAt[id] = [2]int{ci, ri}
			}
		}
	}
	// A numerator may not exceed its denominator in the same cell.
	if err := s.checkRatioParts(ctx, g, changes, cellErrs, &errs); err != nil {
		s.serverError(w, r, err)
		return
	}
	// A changed cell someone else changed since the page was shown is not overwritten.
	conflicts := 0
	for _, ch := range changes {
		id := cellID(ch.On, ch.Options)
		before, _ := parseShown(was[id])
		var now *float64
		if f, ok := saved[id]; ok {
			now = &f
		}
		if sameFigure(now, before) || cellErrs[id] != "" {
			continue
		}
		conflicts++
		at := changedAt[id]
		msg := fmt.Sprintf("Someone else changed this figure to %s since you opened this page; you entered %s. Check which is right, then save again",
			figureWords(g.ind.Unit, now), figureWords(g.ind.Unit, ch.Value))
		cellErrs[id] = msg
		errs.Add(id, g.label(at[0], at[1])+": "+msg)
		// Saving again means to keep the figure typed.
		was[id] = ""
		if now != nil {
			was[id] = rawNumber(*now)
		}
	}
	if len(errs) > 0 {
		v := g.view(sc, saved, typed, was, cellErrs)
		v.Editable, v.Errors = true, errs
		status := http.StatusUnprocessableEntity
		if conflicts > 0 {
			status = http.StatusConflict
			v.Conflict = "Someone else changed some of these figures since you opened this page, so nothing has been saved. Both their figure and yours are shown for each:"
		}
		s.renderGrid(w, r, status, v)
		return
	}
	if len(changes) == 0 {
		s.flash(w, r, returnPath(sc, "/performance"), "No figures were changed for "+g.ind.Code)
		return
	}
	agencyID := sc.Agency.ID
	scope := store.ValueScope{AgencyID: &agencyID}
	for _, ch := range changes {
		before, _ := parseShown(was[cellID(ch.On, ch.Options)])
		scope.Expected = append(scope.Expected, domain.CellValue{Cell: ch.Cell, Value: before})
	}
	if _, err := s.store.SaveValues(ctx, domain.UserActor(user), scope, changes); err != nil {
		// Someone saved between our check and our save: check again, which now
		// finds their figures and shows both.
		if errors.Is(err, domain.ErrStale) && r.Context().Value(retriedSave{}) == nil {
			s.saveFigures(w, r.WithContext(context.WithValue(ctx, retriedSave{}, true)))
			return
		}
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, returnPath(sc, "/performance"), "Figures saved for "+g.ind.Code)
}

// parseShown reads a hidden field holding a figure as the page showed it ("" for not known).
func parseShown(s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: a shown figure %q", errBadRequest, s)
	}
	return &f, nil
}

func sameFigure(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// figureWords writes a figure in a message: "12%", or "blank" for not known.
func figureWords(u domain.Unit, v *float64) string {
	if v == nil {
		return "blank"
	}
	return domain.FormatValue(u, *v)
}

// checkRatioParts checks the changed figures against the saved figures of
// the other part of each ratio indicator this one is a part of: a numerator
// may not be more than its denominator for the same date and options. Parts
// broken down differently are not compared cell by cell.
func (s *Server) checkRatioParts(ctx context.Context, g *grid, changes []domain.CellValue, cellErrs map[string]string, errs *domain.FieldErrors) error {
	if len(changes) == 0 {
		return nil
	}
	parts, err := s.store.RatioParts(ctx, g.ind.ID)
	if err != nil || len(parts) == 0 {
		return err
	}
	sc := currentReturn(ctx)
	for _, part := range parts {
		other, err := s.store.IndicatorByID(ctx, part.CounterpartID)
		if err != nil {
			return err
		}
		if !sameBreakdowns(*g.ind, *other) {
			continue
		}
		values, err := s.store.Values(ctx, []int64{other.ID}, sc.Period.StartsOn, sc.Period.EndsOn)
		if err != nil {
			return err
		}
		theirs := savedByID(values)
		for _, ch := range changes {
			id := cellID(ch.On, ch.Options)
			o, ok := theirs[id]
			if ch.Value == nil || !ok || cellErrs[id] != "" {
				continue
			}
			num, den := *ch.Value, o
			if !part.IsNumerator {
				num, den = o, *ch.Value
			}
			if num <= den {
				continue
			}
			full := ""
			for i, d := range g.cols {
				if d.Equal(ch.On) {
					full = g.colFull[i]
				}
			}
			ratio := fmt.Sprintf("(%s is %s out of %s)", part.RatioCode, g.ind.Code, other.Code)
			if !part.IsNumerator {
				ratio = fmt.Sprintf("(%s is %s out of %s)", part.RatioCode, other.Code, g.ind.Code)
			}
			var msg string
			if part.IsNumerator {
				msg = fmt.Sprintf("Enter %s or less, the %s figure for %s %s", domain.FormatValue(g.ind.Unit, o), other.Code, full, ratio)
			} else {
				msg = fmt.Sprintf("Enter %s or more, the %s figure for %s %s", domain.FormatValue(g.ind.Unit, o), other.Code, full, ratio)
			}
			cellErrs[id] = msg
			errs.Add(id, g.labelFor(ch.Cell)+": "+msg)
		}
	}
	return nil
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

// sameBreakdowns reports whether two indicators are broken down by the same
// dimensions in the same order, so their cells correspond one to one.
func sameBreakdowns(a, b domain.Indicator) bool {
	if len(a.Dimensions) != len(b.Dimensions) {
		return false
	}
	for i := range a.Dimensions {
		if a.Dimensions[i].ID != b.Dimensions[i].ID {
			return false
		}
	}
	return true
}

// retriedSave marks a save checked again after the store found a figure changed meanwhile.
type retriedSave struct{}
